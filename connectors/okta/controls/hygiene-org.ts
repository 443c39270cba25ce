import { compliant, nonCompliant, partial, unknown, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import { oktaSourceList } from '../sources';
import { count, dayMs, daysBetween, dayOf, hasHave, listAffected, maxAffected, nameList, parseOktaDate, scanNow, step } from './hygiene-evidence';

const references = {
  supportAccess: 'https://help.okta.com/okta_help.htm?type=oie&id=settings-support-access',
  supportApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingSupport/',
  lifecycle: 'https://help.okta.com/okta_help.htm?type=oie&id=edit-deactivated-users',
};

export const maxSupportGrantDays = 30;

const oktaSupportAccess = defineOktaControl({
  id: 'OKTA.ORG.1v1',
  title: 'Okta Support access is off unless a support case needs it',
  description:
    'Checks "Give Okta Support access to your Okta org". Off passes; on with an expiry within ' +
    `${maxSupportGrantDays} days earns partial credit; on with no or a stale expiry fails.`,
  rationale:
    'While support access is on, Okta support engineers can sign in to your Admin Console. The 2023 Okta support-system ' +
    'breach showed that support tooling is itself a target; access left on after a case closes is standing third-party admin access.',
  severity: 'medium',
  weight: 4,
  metric: 'privileged-access',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2', 'MA-4', 'AC-17'] },
  sources: ['oktaSupport', 'scanTime'],
  evaluate: ({ oktaSupport, scanTime }) => {
    if (oktaSupport.support === 'DISABLED') return compliant({ actual: 'DISABLED', expected: 'DISABLED', reason: 'Okta Support cannot access the org.' });
    const now = scanNow(scanTime);
    const expires = parseOktaDate(oktaSupport.expiration);
    const caseText = oktaSupport.caseNumber ? ` for case ${oktaSupport.caseNumber}` : '';
    const entity = [{ id: 'oktaSupport', name: 'Okta Support access', kind: 'setting', detail: oktaSupport.expiration ? `expires ${dayOf(oktaSupport.expiration)}` : 'no expiry' }];
    if (expires !== undefined && expires > now && expires - now <= maxSupportGrantDays * dayMs) {
      return partial(0.5, {
        actual: 'ENABLED',
        expected: 'DISABLED',
        reason: `Okta Support access is on${caseText} until ${dayOf(oktaSupport.expiration!)}.`,
        ...listAffected(entity),
      });
    }
    return nonCompliant({
      actual: 'ENABLED',
      expected: 'DISABLED',
      reason:
        expires === undefined
          ? `Okta Support access is on${caseText} with no expiry.`
          : expires <= now
            ? `Okta Support access is on${caseText}; its expiry (${dayOf(oktaSupport.expiration!)}) has passed ${daysBetween(expires, now)} days ago.`
            : `Okta Support access is on${caseText} until ${dayOf(oktaSupport.expiration!)}, more than ${maxSupportGrantDays} days away.`,
      ...listAffected(entity),
    });
  },
  remediation: {
    summary: 'Revoke Okta Support access as soon as the support case no longer needs it.',
    steps: [
      step('Open Settings → Account and find Okta Support access', 'accountSettings'),
      step('Choose Revoke access', 'accountSettings', 'oktaSupportAccess'),
      step('Save, then choose Verify in Posture Lens', 'accountSettings'),
    ],
    references: [references.supportAccess, references.supportApi],
  },
});

export const inactiveUserDays = 90;
const inactiveUsersLimit = oktaSourceList.find((source) => source.id === 'inactiveUsers')?.maxItems;

const inactiveUsers = defineOktaControl({
  id: 'OKTA.USER.1v1',
  title: `No active user has gone ${inactiveUserDays} days without signing in`,
  description:
    `Lists active users whose last sign-in is more than ${inactiveUserDays} days before the scan, from the inactive-user ` +
    'search (which never reads the whole directory). When the search hit its limit, the list is partial.',
  rationale:
    'Unused accounts keep their app assignments and any password they had. Nobody notices when one starts signing in ' +
    'again, which makes the accounts of leavers and contractors a favourite foothold after a credential leak.',
  severity: 'medium',
  weight: 4,
  metric: 'account-lifecycle',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'AC-2'] },
  sources: ['inactiveUsers', 'scanTime'],
  evaluate: ({ inactiveUsers: users, scanTime }) => {
    const now = scanNow(scanTime);
    const dormant = users
      .filter((user) => user.status === 'ACTIVE')
      .flatMap((user) => {
        const last = parseOktaDate(user.lastLogin);
        if (last !== undefined && now - last <= inactiveUserDays * dayMs) return [];
        return [{ user, days: last === undefined ? undefined : daysBetween(last, now) }];
      })
      .sort((a, b) => (b.days ?? Infinity) - (a.days ?? Infinity));
    const limited = inactiveUsersLimit !== undefined && users.length >= inactiveUsersLimit;
    const notes = limited ? [`The inactive-user search stopped at ${inactiveUsersLimit} users, so the list is partial.`] : [];
    const expected = `0 users idle ${inactiveUserDays}+ days`;
    if (dormant.length === 0) {
      if (limited) return unknown(`No user idle for ${inactiveUserDays} days among those read, but ${notes[0]}`, { notes });
      return compliant({ actual: 0, expected, reason: `Every active user has signed in within the last ${inactiveUserDays} days.` });
    }
    return nonCompliant({
      actual: dormant.length,
      expected,
      reason:
        `${count(dormant.length, 'active user')} ${hasHave(dormant.length)} not signed in for ${inactiveUserDays} days${limited ? ' or more (at least)' : ''}: ` +
        `${nameList(dormant.map(({ user }) => user.profile.login))}.${limited ? ` ${notes[0]}` : ''}`,
      notes,
      // Only the listed users get their evidence built: the search returns up to a thousand.
      ...listAffected(
        dormant.slice(0, maxAffected).map(({ user, days }) => ({
          id: user.id,
          name: user.profile.login,
          kind: 'user',
          detail: days === undefined ? 'never signed in' : `last sign-in ${dayOf(user.lastLogin!)} (${days} days ago)`,
        })),
        dormant.length,
      ),
    });
  },
  remediation: {
    summary: `Suspend or deactivate users idle for ${inactiveUserDays} days, and automate it.`,
    steps: [
      step('Open Directory → People and review each listed user with their manager', 'people'),
      step('Suspend or deactivate accounts that are no longer needed', 'people'),
      step('Add a Workflow → Automations rule that suspends users after a period of inactivity', 'automations', 'inactivityAutomation'),
      step('Save, then choose Verify in Posture Lens', 'people'),
    ],
    references: [references.lifecycle],
  },
});

export const hygieneOrgControls: Control[] = [oktaSupportAccess, inactiveUsers];
