import { compliant, nonCompliant, partial, shareVerdict, unknown, type Control, type Severity } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import type { PermissionFlag } from '../model';
import {
  count,
  dayMs,
  grantedPermissions,
  lastLoginText,
  listAffected,
  nameList,
  parseSalesforceDate,
  partialNote,
  permissionLabels,
  privilegedUsers,
  viaText,
  type PrivilegedUser,
} from './org-evidence';

const references = {
  userPermissions: 'https://help.salesforce.com/s/articleView?id=sf.admin_userperms.htm&type=5',
  permissionSetAssignment:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm',
  permissionSet:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm',
};

/**
 * One row per powerful permission: how many active users may hold it before the control loses credit.
 * Modify All Data turns View All Data on with it, so the View All Data allowance includes the admins.
 */
interface PermissionRule {
  id: string;
  flag: PermissionFlag;
  max: number;
  severity: Severity;
  weight: number;
  rationale: string;
  nist80053: string[];
  initiatives?: Array<'zero-trust' | 'ransomware' | 'business-email-compromise'>;
}

const permissionRules: PermissionRule[] = [
  {
    id: 'SF.PRIV.1v1',
    flag: 'PermissionsModifyAllData',
    max: 5,
    severity: 'high',
    weight: 8,
    rationale:
      'Modify All Data lets its holder read, change, export and delete every record in the org regardless of sharing. ' +
      'Each extra holder is one more account whose stolen session or phished password hands an attacker the whole ' +
      'database, enough for a mass export or a destructive wipe.',
    nist80053: ['AC-6(5)', 'AC-2'],
    initiatives: ['zero-trust', 'ransomware'],
  },
  {
    id: 'SF.PRIV.2v1',
    flag: 'PermissionsViewAllData',
    max: 8,
    severity: 'high',
    weight: 7,
    rationale:
      'View All Data ignores the sharing model and lets its holder read and export every record. A compromised holder ' +
      'is a complete data breach, and reporting or integration users that keep it "just in case" are a favourite target.',
    nist80053: ['AC-6(5)', 'AC-3'],
    initiatives: ['zero-trust'],
  },
  {
    id: 'SF.PRIV.3v1',
    flag: 'PermissionsAuthorApex',
    max: 5,
    severity: 'high',
    weight: 7,
    rationale:
      'Author Apex lets its holder run anonymous Apex, which executes in system mode: code that ignores sharing and ' +
      'field-level security can read or change any record. An attacker with one such account can exfiltrate data or ' +
      'plant persistent code without any other privilege.',
    nist80053: ['AC-6(5)', 'CM-5'],
    initiatives: ['zero-trust'],
  },
  {
    id: 'SF.PRIV.4v1',
    flag: 'PermissionsManageUsers',
    max: 5,
    severity: 'high',
    weight: 7,
    rationale:
      'Manage Users lets its holder create users, reset passwords and assign profiles and permission sets. An attacker ' +
      'holding it can create a backdoor administrator or reset a colleague\'s password and take over their account.',
    nist80053: ['AC-6(5)', 'AC-2'],
    initiatives: ['zero-trust'],
  },
  {
    id: 'SF.PRIV.5v1',
    flag: 'PermissionsCustomizeApplication',
    max: 8,
    severity: 'medium',
    weight: 5,
    rationale:
      'Customize Application lets its holder change the org\'s configuration, including connected apps, remote sites ' +
      'and page layouts. An attacker can use it to authorise an exfiltration app or weaken security settings.',
    nist80053: ['AC-6(5)', 'CM-5'],
  },
];

function describeHolder(user: PrivilegedUser, flag: PermissionFlag): string {
  return `${user.name} (${user.username}) ${viaText(user, flag)}`;
}

function permissionControl(rule: PermissionRule): Control {
  const permission = permissionLabels[rule.flag];
  const expected = `${rule.max} or fewer users`;
  return defineSalesforceControl({
    id: rule.id,
    title: `At most ${rule.max} active users hold ${permission}`,
    description:
      `Counts the active standard users who hold ${permission} through their profile, a permission set or a ` +
      `permission set group. Posture Lens expects ${rule.max} or fewer; credit falls as the count grows past that.`,
    rationale: rule.rationale,
    severity: rule.severity,
    weight: rule.weight,
    metric: 'privileged-access',
    requirement: 'shall',
    frameworks: { nist80053: rule.nist80053, ...(rule.initiatives ? { initiatives: rule.initiatives } : {}) },
    sources: ['privilegedAssignments'],
    evaluate: ({ privilegedAssignments }) => {
      const holders = privilegedUsers(privilegedAssignments).filter((user) => user.grants.some((grant) => grant[rule.flag]));
      const held = holders.length;
      const names = holders.map((user) => describeHolder(user, rule.flag));
      const incomplete = !privilegedAssignments.complete;
      const notes = incomplete ? [partialNote(privilegedAssignments, 'privileged permission assignments')] : [];
      if (held <= rule.max) {
        if (incomplete) {
          return unknown(
            `${count(held, 'user')} with ${permission} found so far. ${notes[0]} The full count cannot be confirmed.`,
            { actual: held, expected, notes },
          );
        }
        return compliant({
          actual: held,
          expected,
          reason:
            held === 0
              ? `No active user holds ${permission}.`
              : `${count(held, 'active user')} ${held === 1 ? 'holds' : 'hold'} ${permission}: ${nameList(names, held, rule.max)}.`,
        });
      }
      const reason =
        `${count(held, 'active user')} hold ${permission}, more than the ${rule.max} expected: ${nameList(names)}.` +
        (incomplete ? ` ${notes[0]}` : '');
      return partial(rule.max / held, {
        actual: held,
        expected,
        reason,
        notes,
        ...listAffected(
          holders.map((user) => ({
            id: user.id,
            name: user.name,
            kind: 'user',
            detail: `${user.username} · ${viaText(user, rule.flag)} · ${lastLoginText(user.lastLoginDate)}`,
          })),
        ),
      });
    },
    remediation: {
      summary: `Remove ${permission} from everyone who does not need it every day; keep ${rule.max} or fewer holders.`,
      steps: [
        { text: 'Open Setup → Users and review who holds each administrative profile', page: 'users' },
        {
          text: `Move people who do not need ${permission} to a profile without it`,
          page: 'profiles',
        },
        {
          text: `Remove ${permission} from custom permission sets, or unassign those sets from people who do not need them`,
          page: 'permissionSets',
        },
        { text: 'Save, then choose Verify in Posture Lens', page: 'users' },
      ],
      references: [references.userPermissions, references.permissionSetAssignment],
    },
  });
}

const inactiveDays = 90;

const dormantPrivilegedUsers = defineSalesforceControl({
  id: 'SF.PRIV.6v1',
  title: `Privileged users have logged in within the last ${inactiveDays} days`,
  description:
    'Finds active users holding Modify All Data, View All Data, Author Apex, Customize Application or Manage Users ' +
    `who have not logged in for ${inactiveDays} days or have never logged in. Credit is the share of privileged users ` +
    'who did log in.',
  rationale:
    'A dormant administrator account is nobody\'s daily concern: its password is not rotated, a takeover goes unnoticed ' +
    'and its power remains. Attackers who buy leaked credentials look for exactly these accounts.',
  severity: 'high',
  weight: 7,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'AC-6(7)'], initiatives: ['zero-trust'] },
  sources: ['privilegedAssignments', 'scanTime'],
  evaluate: ({ privilegedAssignments, scanTime }) => {
    const users = privilegedUsers(privilegedAssignments);
    const cutoff = Date.parse(scanTime) - inactiveDays * dayMs;
    const dormant: PrivilegedUser[] = [];
    const unreadable: string[] = [];
    for (const user of users) {
      if (user.lastLoginDate === null) {
        dormant.push(user);
        continue;
      }
      const lastLogin = parseSalesforceDate(user.lastLoginDate);
      if (lastLogin === undefined) unreadable.push(user.name);
      else if (lastLogin < cutoff) dormant.push(user);
    }
    const incomplete = !privilegedAssignments.complete;
    const notes = [
      ...(incomplete ? [partialNote(privilegedAssignments, 'privileged permission assignments')] : []),
      ...(unreadable.length ? [`The last login date of ${nameList(unreadable)} could not be read.`] : []),
    ];
    const expected = `every privileged user logged in within ${inactiveDays} days`;
    if (dormant.length === 0 && (incomplete || unreadable.length > 0)) {
      return unknown(`No dormant privileged user was found, but not every privileged user could be checked. ${notes.join(' ')}`, {
        notes,
      });
    }
    if (users.length === 0) return compliant({ reason: 'No active user holds a privileged permission.', actual: 0, expected });
    if (dormant.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: `All ${count(users.length, 'privileged user')} logged in within the last ${inactiveDays} days.`,
      });
    }
    const checked = users.length - unreadable.length;
    return shareVerdict(checked - dormant.length, checked, {
      actual: dormant.length,
      expected,
      reason:
        `${dormant.length} of ${count(checked, 'privileged user')} ${dormant.length === 1 ? 'has' : 'have'} not logged in for ${inactiveDays} days: ` +
        `${nameList(dormant.map((user) => user.name))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        dormant.map((user) => ({
          id: user.id,
          name: user.name,
          kind: 'user',
          detail: `${user.username} · ${lastLoginText(user.lastLoginDate)} · ${viaText(user)}`,
        })),
      ),
    });
  },
  remediation: {
    summary: `Freeze or deactivate privileged accounts unused for ${inactiveDays} days, or remove their privileges.`,
    steps: [
      { text: 'Open Setup → Users and sort by Last Login', page: 'users' },
      { text: 'Freeze or deactivate each listed account that is no longer needed', page: 'users' },
      { text: 'For accounts that must stay, remove the privileged profile or permission sets until they are needed', page: 'permissionSets' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'users' },
    ],
    references: [
      'https://help.salesforce.com/s/articleView?id=sf.users_freeze.htm&type=5',
      references.userPermissions,
    ],
  },
});

const modifyAllDataPermissionSets = defineSalesforceControl({
  id: 'SF.PRIV.7v1',
  title: 'Modify All Data is granted only through administrator profiles',
  description:
    'Lists permission sets and permission set groups (not profiles) that grant Modify All Data. Administrator power ' +
    'should come from a small, reviewed set of profiles, not from sets that can be assigned to anyone in a few clicks.',
  rationale:
    'A permission set granting Modify All Data is a quiet way to make any user an administrator: assigning it does not ' +
    'change the user\'s profile, so reviews that look at profiles miss it. Attackers and careless admins both use it ' +
    'to grant power that survives profile clean-ups.',
  severity: 'medium',
  weight: 5,
  metric: 'privileged-access',
  requirement: 'should',
  frameworks: { nist80053: ['AC-6(5)', 'AC-2(7)'] },
  sources: ['permissionSets'],
  evaluate: ({ permissionSets }) => {
    const granting = permissionSets.records.filter((set) => set.PermissionsModifyAllData && !set.IsOwnedByProfile);
    const incomplete = !permissionSets.complete;
    const notes = incomplete ? [partialNote(permissionSets, 'powerful profiles and permission sets')] : [];
    if (granting.length === 0) {
      if (incomplete) return unknown(`No permission set granting Modify All Data was found so far. ${notes[0]}`, { notes });
      return compliant({ actual: 0, expected: 0, reason: 'No permission set grants Modify All Data; only profiles do.' });
    }
    return nonCompliant({
      actual: granting.length,
      expected: 0,
      reason:
        `${count(granting.length, 'permission set')} ${granting.length === 1 ? 'grants' : 'grant'} Modify All Data: ` +
        `${nameList(granting.map((set) => set.Label))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        granting.map((set) => ({
          id: set.Id,
          name: set.Label,
          kind: 'permissionSet',
          detail: `grants ${grantedPermissions(set).join(', ')}`,
        })),
      ),
    });
  },
  remediation: {
    summary: 'Remove Modify All Data from permission sets; grant it only through the administrator profile.',
    steps: [
      { text: 'Open Setup → Permission Sets and open each listed set', page: 'permissionSets' },
      { text: 'Under System Permissions, clear Modify All Data (and View All Data where it is not needed)', page: 'permissionSets' },
      { text: 'Give the people who truly administer the org the administrator profile instead', page: 'profiles' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'permissionSets' },
    ],
    references: [references.permissionSet, references.userPermissions],
  },
});

export const privilegedAccessControls: Control[] = [
  ...permissionRules.map(permissionControl),
  dormantPrivilegedUsers,
  modifyAllDataPermissionSets,
];
