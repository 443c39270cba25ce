import { compliant, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import {
  adminAccounts,
  adminEntity,
  count,
  dayMs,
  daysBetween,
  hasHave,
  lastLoginText,
  listAffected,
  nameList,
  parseOktaDate,
  rolesText,
  scanNow,
  step,
} from './hygiene-evidence';

const references = {
  privilegedAccounts: 'https://help.okta.com/okta_help.htm?type=oie&id=ud-privileged-acnt',
  roles: 'https://developer.okta.com/docs/api/openapi/okta-management/guides/roles/#standard-roles',
};

export const inactiveAdminDays = 90;
export const adminPasswordMaxDays = 365;

const inactiveAdmins = defineOktaControl({
  id: 'OKTA.ADMIN.6v1',
  title: `Every admin has signed in within the last ${inactiveAdminDays} days`,
  description:
    `Finds active users holding an admin role who have not signed in for ${inactiveAdminDays} days or have never ` +
    'signed in. Credit is the share of admins who did sign in. Dates are measured from the scan time.',
  rationale:
    'A dormant admin account is nobody\'s daily concern: a takeover goes unnoticed, its factors are never reviewed and ' +
    'its power remains. Attackers buying leaked credentials look for exactly these accounts.',
  severity: 'high',
  weight: 7,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'AC-6(7)'], initiatives: ['zero-trust'] },
  sources: ['adminAssignees', 'adminUsers', 'adminRoles', 'scanTime'],
  evaluate: ({ scanTime, ...model }) => {
    const now = scanNow(scanTime);
    const admins = adminAccounts(model).filter((admin) => admin.status !== 'DEPROVISIONED');
    const unread = admins.filter((admin) => admin.lastLogin === undefined);
    const checked = admins.filter((admin) => admin.lastLogin !== undefined);
    const dormant = checked.filter((admin) => {
      const last = parseOktaDate(admin.lastLogin);
      return last === undefined || now - last > inactiveAdminDays * dayMs;
    });
    const expected = `every admin signed in within ${inactiveAdminDays} days`;
    const notes = unread.length ? [`The account of ${nameList(unread.map((a) => a.name))} could not be read.`] : [];
    if (dormant.length === 0) {
      if (unread.length) return unknown(`No dormant admin found among those checked, but ${notes[0]}`, { notes });
      if (checked.length === 0) return unknown('No admin was found in the admin listing.', { actual: 0 });
      return compliant({ actual: 0, expected, reason: `All ${count(checked.length, 'admin')} signed in within the last ${inactiveAdminDays} days.` });
    }
    return shareVerdict(checked.length - dormant.length, checked.length, {
      actual: dormant.length,
      expected,
      reason:
        `${dormant.length} of ${count(checked.length, 'admin')} ${hasHave(dormant.length)} not signed in for ${inactiveAdminDays} days: ` +
        `${nameList(dormant.map((a) => a.name))}.` +
        (notes.length ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        dormant.map((admin) => {
          const last = parseOktaDate(admin.lastLogin);
          const age = last === undefined ? 'never signed in' : `${lastLoginText(admin.lastLogin)} (${daysBetween(last, now)} days ago)`;
          return adminEntity(admin, `${rolesText(admin)} · ${age}`);
        }),
      ),
    });
  },
  remediation: {
    summary: `Remove admin roles from accounts unused for ${inactiveAdminDays} days, or deactivate the accounts.`,
    steps: [
      step('Open Security → Administrators and review each listed admin', 'administrators'),
      step('Remove the admin role from anyone who no longer administers Okta', 'administrators', 'roleAssignments'),
      step('Suspend or deactivate accounts that are no longer needed at all', 'people'),
      step('Save, then choose Verify in Posture Lens', 'administrators'),
    ],
    references: [references.privilegedAccounts, references.roles],
  },
});

const stalePrivilegedPasswords = defineOktaControl({
  id: 'OKTA.ADMIN.7v1',
  title: `Admins with an Okta password changed it within the last ${adminPasswordMaxDays} days`,
  description:
    `Finds active admins whose Okta-mastered password was last changed more than ${adminPasswordMaxDays} days before ` +
    'the scan. Admins without an Okta password (federated or passwordless) are not counted.',
  rationale:
    'An admin password that has not changed for years has had years to leak through reuse, breached sites and ' +
    'infostealer logs; combo lists sold after such breaches are replayed against Okta sign-in pages at scale.',
  severity: 'medium',
  weight: 3,
  metric: 'privileged-access',
  requirement: 'should',
  frameworks: { nist80053: ['IA-5(1)'], microsoftSecureScore: 'Change password for Okta privileged user accounts' },
  sources: ['adminAssignees', 'adminUsers', 'scanTime'],
  evaluate: ({ scanTime, adminAssignees, adminUsers }) => {
    const now = scanNow(scanTime);
    const rows = adminAccounts({ adminAssignees, adminUsers }).filter((admin) => admin.status === undefined || admin.status === 'ACTIVE');
    const unread = rows.filter((admin) => !adminUsers[admin.id]);
    const withPassword = rows.filter((admin) => {
      const user = adminUsers[admin.id];
      return user && (user.credentials?.provider?.type ?? 'OKTA') === 'OKTA' && user.passwordChanged;
    });
    const stale = withPassword.filter((admin) => {
      const changed = parseOktaDate(adminUsers[admin.id]!.passwordChanged);
      return changed === undefined || now - changed > adminPasswordMaxDays * dayMs;
    });
    const expected = `changed within ${adminPasswordMaxDays} days`;
    if (stale.length === 0) {
      if (unread.length) return unknown(`No stale admin password found, but the account of ${nameList(unread.map((a) => a.name))} could not be read.`);
      return compliant({
        actual: 0,
        expected,
        reason: withPassword.length
          ? `All ${count(withPassword.length, 'admin')} with an Okta password changed it within ${adminPasswordMaxDays} days.`
          : 'No active admin has an Okta-mastered password (all are federated or passwordless).',
      });
    }
    return shareVerdict(withPassword.length - stale.length, withPassword.length, {
      actual: stale.length,
      expected,
      reason: `${stale.length} of ${count(withPassword.length, 'admin')} with an Okta password ${hasHave(stale.length)} not changed it for ${adminPasswordMaxDays} days: ${nameList(stale.map((a) => a.name))}.`,
      ...listAffected(
        stale.map((admin) => {
          const changedAt = adminUsers[admin.id]!.passwordChanged!;
          const changed = parseOktaDate(changedAt);
          return adminEntity(admin, `password changed ${changed === undefined ? changedAt : `${daysBetween(changed, now)} days ago`}`);
        }),
      ),
    });
  },
  remediation: {
    summary: 'Have each listed admin set a new long, unique password, or move them to passwordless sign-in.',
    steps: [
      step('Open Directory → People and open each listed admin', 'people'),
      step('Choose Reset password (or Expire password) so the admin sets a new one at next sign-in', 'people', 'resetPassword'),
      step('Save, then choose Verify in Posture Lens', 'administrators'),
    ],
    references: [references.privilegedAccounts],
  },
});

export const hygieneAdminAccountControls: Control[] = [inactiveAdmins, stalePrivilegedPasswords];
