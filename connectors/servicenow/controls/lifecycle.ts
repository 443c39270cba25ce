import { compliant, nonCompliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { defineServiceNowControl } from '../control';
import type { ServiceNowUser } from '../model';
import { serviceNowSourceList, staleAfterDays } from '../sources';
import {
  bigCount,
  count,
  daysBetween,
  dayOf,
  hasHave,
  lastLoginText,
  listAffected,
  listLocation,
  nameList,
  scanNow,
  serviceNowDocs,
  step,
  userLabel,
  verifyStep,
  type TableRead,
} from './evidence';

/**
 * Account lifecycle: active users who stopped logging in, and integration accounts that can log in like people. Both
 * sources read at most `maxRows` users (the first by user name) and carry ServiceNow's total count.
 */

const maxRowsOf = (id: string) => serviceNowSourceList.find((source) => source.id === id)?.maxRows ?? Number.POSITIVE_INFINITY;

/** The full count of a capped user source: its `X-Total-Count`, or the rows read when fewer than the cap came back. */
function totalOf(table: TableRead<ServiceNowUser>, sourceId: string): number | undefined {
  if (table.total !== null) return Math.max(table.total, table.result.length);
  return table.result.length < maxRowsOf(sourceId) ? table.result.length : undefined;
}

const asUser = (user: ServiceNowUser) => ({ id: user.sys_id, name: user.name, userName: user.user_name });

function userRow(user: ServiceNowUser, detail: string): AffectedEntity {
  return { id: user.sys_id, name: userLabel(asUser(user)), kind: 'user', detail };
}

const staleUsers = defineServiceNowControl({
  id: 'SN.USER.1v1',
  title: `Active users have logged in within the last ${staleAfterDays} days`,
  description:
    `Counts active users whose last login is more than ${staleAfterDays} days before the scan, or who never logged in, ` +
    `against all active users; accounts created within the last ${staleAfterDays} days that have not logged in yet are ` +
    'given grace. Credit is the share of active users who are not stale. The count comes from ServiceNow\'s total, so ' +
    'it stays right when only the first users are listed.',
  rationale:
    'Every active account nobody uses is a working credential nobody would miss: leavers whose access was never removed, ' +
    'contractors from old projects, test users with known passwords. Attackers spraying passwords or replaying leaked ' +
    'credentials land on exactly these accounts, and their owners never report the suspicious login.',
  severity: 'medium',
  weight: 5,
  metric: 'account-lifecycle',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'AC-2', 'IA-4(e)'], initiatives: ['ransomware'] },
  sources: ['staleUsers', 'activeUserCount', 'scanTime'],
  evaluate: ({ staleUsers: stale, activeUserCount, scanTime }) => {
    const now = scanNow(scanTime);
    const expected = `every active user logged in within ${staleAfterDays} days`;
    const isNew = (user: ServiceNowUser) =>
      !user.last_login_time && user.sys_created_on !== null && daysBetween(Date.parse(user.sys_created_on), now) <= staleAfterDays;
    const fresh = stale.result.filter(isNew);
    const listed = stale.result.filter((user) => !isNew(user));
    const total = totalOf(stale, 'staleUsers');
    if (total === undefined) {
      return unknown(`At least ${count(stale.result.length, 'active user')} ${hasHave(stale.result.length)} not logged in for ${staleAfterDays} days, but ServiceNow did not send the total, so the share cannot be told.`, {
        expected,
        ...listAffected(listed.map((user) => userRow(user, lastLoginText(user.last_login_time, now)))),
      });
    }
    const truncated = total > stale.result.length;
    const staleCount = Math.min(activeUserCount, Math.max(0, total - fresh.length));
    if (staleCount === 0) {
      return compliant({
        actual: 0,
        expected,
        reason:
          `All ${groupDigits(activeUserCount)} active users logged in within ${staleAfterDays} days` +
          (fresh.length ? `, apart from ${count(fresh.length, 'new account')} created since (${nameList(fresh.map((user) => userLabel(asUser(user))))}).` : '.'),
      });
    }
    const describe = (user: ServiceNowUser) => `${userLabel(asUser(user))} (${lastLoginText(user.last_login_time)})`;
    return shareVerdict(activeUserCount - staleCount, activeUserCount, {
      actual: staleCount,
      expected,
      reason:
        `${groupDigits(staleCount)} of ${bigCount(activeUserCount, 'active user')} ${hasHave(staleCount)} not logged in for ${staleAfterDays} days` +
        (listed.length ? `: ${nameList(listed.map(describe), staleCount, 5)}.` : ' (none of them was returned to name).'),
      notes: [
        ...(truncated
          ? [
              `The first ${count(stale.result.length, 'user')} by user name are listed of ${groupDigits(total)}; new accounts get grace only among those read, so the count may include a few.`,
            ]
          : []),
        ...(fresh.length ? [`${count(fresh.length, 'account')} created in the last ${staleAfterDays} days ${hasHave(fresh.length)} not logged in yet and ${fresh.length === 1 ? 'is' : 'are'} not counted.`] : []),
      ],
      ...listAffected(
        listed.map((user) =>
          userRow(user, [lastLoginText(user.last_login_time, now), user.sys_created_on ? `created ${dayOf(user.sys_created_on)}` : ''].filter(Boolean).join(' · ')),
        ),
        staleCount,
      ),
    });
  },
  remediation: {
    summary: `Deactivate accounts without a login for ${staleAfterDays} days, after checking with their managers; automate it through your identity provider or a scheduled job.`,
    steps: [
      step(
        `Open ${listLocation('users')} and filter on Active = true and Last login time before ${staleAfterDays} days ago (or empty)`,
        'users',
      ),
      step('Confirm with each user\'s manager, then clear Active (or Locked out) on accounts no longer needed', 'users'),
      step('Have your identity provider or HR feed deactivate leavers automatically, so the list stays short', 'users'),
      verifyStep('users'),
    ],
    references: [serviceNowDocs.privilegedUsers, serviceNowDocs.users],
  },
});

const interactiveIntegrations = defineServiceNowControl({
  id: 'SN.USER.2v1',
  title: 'Integration users can only use web services, not log in interactively',
  description:
    'Lists active users marked Internal integration user whose Web service access only box is clear, so they can also ' +
    'log in to the UI. Any one is non-compliant; the count is ServiceNow\'s total.',
  rationale:
    'An integration account\'s password sits in another system\'s config and is rarely rotated or covered by MFA. If it ' +
    'can log in interactively, whoever reads that config gets a full UI session — with the integration\'s often broad ' +
    'roles — that looks like ordinary use.',
  severity: 'high',
  weight: 6,
  metric: 'account-lifecycle',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2', 'AC-2(11)', 'AC-6', 'IA-2'], initiatives: ['zero-trust'] },
  sources: ['interactiveIntegrationUsers', 'scanTime'],
  evaluate: ({ interactiveIntegrationUsers: users, scanTime }) => {
    const now = scanNow(scanTime);
    const total = totalOf(users, 'interactiveIntegrationUsers');
    const expected = 'web service access only on every integration user';
    if (users.result.length === 0 && total === 0) {
      return compliant({ actual: 0, expected, reason: 'Every active integration user is limited to web service access.' });
    }
    const shown = total ?? users.result.length;
    return nonCompliant({
      actual: total ?? `${users.result.length} or more`,
      expected,
      reason:
        `${total === undefined ? 'At least ' : ''}${count(shown, 'integration user')} can log in interactively` +
        (users.result.length ? `: ${nameList(users.result.map((user) => userLabel(asUser(user))), shown, 5)}.` : ' (none of them was returned to name).'),
      notes: total === undefined ? ['ServiceNow did not send the total; there may be more.'] : [],
      ...listAffected(
        users.result.map((user) => userRow(user, `Web service access only is off · ${lastLoginText(user.last_login_time, now)}`)),
        shown,
      ),
    });
  },
  remediation: {
    summary: 'Select Web service access only on every listed integration user.',
    steps: [
      step(`Open ${listLocation('users')} and filter on Internal integration user = true and Web service access only = false`, 'users'),
      step('Open each listed user, select Web service access only and save; if someone does log in with it, give them their own account', 'users'),
      verifyStep('users'),
    ],
    references: [serviceNowDocs.integrationAccounts],
  },
});

export const lifecycleControls: Control[] = [staleUsers, interactiveIntegrations];
