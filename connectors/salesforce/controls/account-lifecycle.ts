import { compliant, partial, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import type { UserRecord } from '../model';
import { count, dayMs, dayOf, listAffected, maxAffected, nameList, parseSalesforceDate, partialNote } from './org-evidence';

const references = {
  freeze: 'https://help.salesforce.com/s/articleView?id=sf.users_freeze.htm&type=5',
  deactivate: 'https://help.salesforce.com/s/articleView?id=sf.users_deactivate.htm&type=5',
  user: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm',
  userPermissions: 'https://help.salesforce.com/s/articleView?id=sf.admin_userperms.htm&type=5',
};

function userEntity(user: UserRecord, detail: string) {
  return { id: user.Id, name: user.Name, kind: 'user', detail: `${user.Username} · ${detail}${user.Profile ? ` · ${user.Profile.Name}` : ''}` };
}

/**
 * The inactive-users source is sorted by LastLoginDate ascending with never-used accounts first. When only the first
 * page was read and it already reaches a user who did log in, every never-used account was read and the number of
 * dormant ones is `totalSize` minus the never-used accounts; otherwise the split is unknown.
 */
function splitInactive(inactiveUsers: { records: UserRecord[]; totalSize: number; complete: boolean }) {
  const neverUsed = inactiveUsers.records.filter((user) => user.LastLoginDate === null);
  const dormant = inactiveUsers.records.filter((user) => user.LastLoginDate !== null);
  const allNeverUsedRead = inactiveUsers.complete || dormant.length > 0;
  return {
    neverUsed,
    dormant,
    allNeverUsedRead,
    dormantTotal: allNeverUsedRead ? inactiveUsers.totalSize - neverUsed.length : undefined,
  };
}

const dormantUsers = defineSalesforceControl({
  id: 'SF.USER.1v1',
  title: 'Active users have logged in within the last 90 days',
  description:
    'Counts active standard users whose last login was more than 90 days ago. Credit is the share of active users who ' +
    'logged in recently. Accounts that never logged in are covered by SF.USER.2v1.',
  rationale:
    'Accounts of people who left or changed roles keep their access until someone removes it. Nobody notices when such ' +
    'an account is taken over with an old or leaked password, which makes them a favourite foothold.',
  severity: 'medium',
  weight: 5,
  metric: 'account-lifecycle',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'AC-2'], initiatives: ['zero-trust'] },
  sources: ['inactiveUsers', 'activeUsers'],
  evaluate: ({ inactiveUsers, activeUsers }) => {
    const { dormant, dormantTotal } = splitInactive(inactiveUsers);
    const notes = inactiveUsers.complete ? [] : [partialNote(inactiveUsers, 'inactive users')];
    if (dormantTotal === undefined) {
      return unknown(
        `The first page of inactive users holds only accounts that never logged in, so the number of dormant accounts is not known. ${notes[0]}`,
        { notes },
      );
    }
    const expected = 'no active user without a login in 90 days';
    if (activeUsers <= 0) return unknown('The number of active users could not be read (0 returned).', { notes });
    if (dormantTotal === 0) {
      return compliant({ actual: 0, expected, reason: `All ${count(activeUsers, 'active user')} who ever logged in did so within 90 days.` });
    }
    return shareVerdict(activeUsers - dormantTotal, activeUsers, {
      actual: dormantTotal,
      expected,
      reason:
        `${dormantTotal} of ${count(activeUsers, 'active user')} ${dormantTotal === 1 ? 'has' : 'have'} not logged in for 90 days: ${nameList(dormant.map((user) => user.Name), dormantTotal)}.` +
        (notes.length ? ` ${notes[0]}` : ''),
      notes,
      // Only the listed users get their evidence built: a large org has thousands of dormant accounts.
      ...listAffected(
        dormant.slice(0, maxAffected).map((user) => userEntity(user, `last login ${dayOf(user.LastLoginDate!)}`)),
        dormantTotal,
      ),
    });
  },
  remediation: {
    summary: 'Freeze, then deactivate, accounts that have not been used for 90 days.',
    steps: [
      { text: 'Open Setup → Users and sort by Last Login', page: 'users' },
      { text: 'Freeze each listed account at once, confirm with its manager, then deactivate it', page: 'users' },
      { text: 'Add a leaver step to your HR process so accounts are deactivated on the last working day', page: 'users' },
      { text: 'Then choose Verify in Posture Lens', page: 'users' },
    ],
    references: [references.freeze, references.deactivate],
  },
});

const unusedAfterDays = 30;

const neverUsedAccounts = defineSalesforceControl({
  id: 'SF.USER.2v1',
  title: `Accounts created more than ${unusedAfterDays} days ago have been used`,
  description:
    `Counts active standard users who have never logged in although their account was created more than ${unusedAfterDays} ` +
    'days ago. Credit is the share of active users not in that state.',
  rationale:
    'An account nobody has ever used still has a password-reset path and whatever profile it was given. Provisioning ' +
    'mistakes, cancelled hires and test accounts left active are easy targets because no owner will notice misuse.',
  severity: 'medium',
  weight: 4,
  metric: 'account-lifecycle',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'AC-2'] },
  sources: ['inactiveUsers', 'activeUsers', 'scanTime'],
  evaluate: ({ inactiveUsers, activeUsers, scanTime }) => {
    const { neverUsed, allNeverUsedRead } = splitInactive(inactiveUsers);
    const cutoff = Date.parse(scanTime) - unusedAfterDays * dayMs;
    const unreadable: string[] = [];
    const stale = neverUsed.filter((user) => {
      const created = parseSalesforceDate(user.CreatedDate);
      if (created === undefined) unreadable.push(user.Name);
      return created !== undefined && created < cutoff;
    });
    const notes = [
      ...(allNeverUsedRead ? [] : [partialNote(inactiveUsers, 'inactive users')]),
      ...(unreadable.length ? [`The creation date of ${nameList(unreadable)} could not be read.`] : []),
    ];
    const expected = `no account unused ${unusedAfterDays} days after creation`;
    if (stale.length === 0 && notes.length) return unknown(`No unused account was found so far. ${notes.join(' ')}`, { notes });
    if (activeUsers <= 0) return unknown('The number of active users could not be read (0 returned).', { notes });
    if (stale.length === 0) {
      return compliant({ actual: 0, expected, reason: `Every account older than ${unusedAfterDays} days has been used at least once.` });
    }
    return shareVerdict(activeUsers - stale.length, activeUsers, {
      actual: stale.length,
      expected,
      reason:
        `${allNeverUsedRead ? '' : 'At least '}${stale.length} of ${count(activeUsers, 'active user')} never logged in although created more than ${unusedAfterDays} days ago: ` +
        `${nameList(stale.map((user) => user.Name))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(
        stale.slice(0, maxAffected).map((user) => userEntity(user, `never logged in · created ${dayOf(user.CreatedDate)}`)),
        stale.length,
      ),
    });
  },
  remediation: {
    summary: 'Deactivate accounts that were never used, or find their owner and get them to sign in.',
    steps: [
      { text: 'Open Setup → Users and filter on accounts with no Last Login', page: 'users' },
      { text: 'Deactivate accounts that are not needed; for the others, confirm the owner and have them sign in', page: 'users' },
      { text: 'Then choose Verify in Posture Lens', page: 'users' },
    ],
    references: [references.deactivate, references.user],
  },
});

const apiShareAllowance = 0.1;
const apiMinimumAllowance = 5;

/**
 * API Enabled is a least-privilege question, not a lifecycle one: it lets a user pull data in bulk with any API client,
 * outside the UI's controls. The control therefore sits in the privileged-access metric. Integration and admin users
 * need it; most people do not. Up to 10 % of active users (at least 5) earn full credit; credit falls linearly to none
 * when everyone has it.
 */
const apiEnabledShare = defineSalesforceControl({
  id: 'SF.USER.3v1',
  title: 'API Enabled is limited to the users who need it',
  description:
    'Counts active standard users holding API Enabled through a profile or permission set. Posture Lens expects no more ' +
    `than ${apiShareAllowance * 100} % of active users (at least ${apiMinimumAllowance} are always allowed); credit falls ` +
    'linearly to none when every user holds it.',
  rationale:
    'With API Enabled, a stolen password or session token is enough to download every record the user can see with a ' +
    'script or a tool such as Data Loader, far faster than through the UI and outside most UI-based monitoring. ' +
    'Recent Salesforce data-theft campaigns relied on ordinary users\' API access.',
  severity: 'medium',
  weight: 5,
  metric: 'privileged-access',
  requirement: 'should',
  frameworks: { nist80053: ['AC-6', 'AC-6(10)'], initiatives: ['zero-trust'] },
  sources: ['apiEnabledUsers', 'activeUsers'],
  evaluate: ({ apiEnabledUsers, activeUsers }) => {
    const holders = new Map(apiEnabledUsers.records.map((row) => [row.AssigneeId, row]));
    const found = holders.size;
    const incomplete = !apiEnabledUsers.complete;
    const notes = incomplete ? [partialNote(apiEnabledUsers, 'API Enabled assignments')] : [];
    if (activeUsers <= 0) return unknown('The number of active users could not be read (0 returned).', { notes });
    const allowance = Math.max(apiMinimumAllowance, Math.ceil(activeUsers * apiShareAllowance));
    const expected = `${allowance} or fewer users`;
    if (found <= allowance) {
      if (incomplete) return unknown(`${count(found, 'user')} with API Enabled found so far. ${notes[0]}`, { notes, actual: found, expected });
      return compliant({
        actual: found,
        expected,
        reason: `${found} of ${count(activeUsers, 'active user')} hold API Enabled, within the ${allowance} allowed.`,
      });
    }
    const fraction = activeUsers > allowance ? (activeUsers - found) / (activeUsers - allowance) : 0;
    const share = Math.round((found / activeUsers) * 100);
    return partial(fraction, {
      actual: found,
      expected,
      reason:
        `${incomplete ? 'At least ' : ''}${found} of ${count(activeUsers, 'active user')} (${share} %) hold API Enabled; ` +
        `${allowance} or fewer expected: ${nameList([...holders.values()].map((row) => row.Assignee.Name), found)}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        [...holders.values()].map((row) => ({
          id: row.AssigneeId,
          name: row.Assignee.Name,
          kind: 'user',
          ...(row.PermissionSet ? { detail: `via ${row.PermissionSet.Label}` } : {}),
        })),
        found,
      ),
    });
  },
  remediation: {
    summary: 'Remove API Enabled from the standard profiles and grant it through a permission set to integration and admin users only.',
    steps: [
      { text: 'Open Setup → Profiles and clear API Enabled on the profiles most users have', page: 'profiles' },
      { text: 'Create a permission set with API Enabled and assign it to the integration and admin users who need it', page: 'permissionSets' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'profiles' },
    ],
    references: [references.userPermissions, 'https://help.salesforce.com/s/articleView?id=xcloud.security_api_access_control_about.htm&type=5'],
  },
});

export const accountLifecycleControls: Control[] = [dormantUsers, neverUsedAccounts, apiEnabledShare];
