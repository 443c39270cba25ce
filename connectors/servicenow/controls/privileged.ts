import { compliant, nonCompliant, partial, shareVerdict, unknown, type Control, type Severity, type Verdict } from '@/utils/controls';
import { defineServiceNowControl } from '../control';
import { staleAfterDays } from '../sources';
import {
  activeHoldersOf,
  count,
  daysBetween,
  hasHave,
  holdingText,
  isAre,
  lastLoginText,
  listAffected,
  listLocation,
  nameList,
  privilegedHolders,
  rolesText,
  scanNow,
  serviceNowDocs,
  step,
  unreadRows,
  unreadText,
  userEntity,
  userLabel,
  verifyStep,
  type PrivilegedHolder,
} from './evidence';

/**
 * Who holds ServiceNow's most powerful roles, read from `sys_user_has_role` (one row per grant: a user holding a role
 * directly and through a group has two rows). Users are counted once across their grants.
 */

const grantsRead = 'role grants';
const hasHaveNot = (n: number) => (n === 1 ? 'has not' : 'have not');

const roleReviewSteps = (role: string) => [
  step(
    `Open ${listLocation('userRoles')} and filter on Role = ${role} (and User.Active = true) to see every holder, direct and inherited`,
    'userRoles',
  ),
  step(
    'For each listed user who does not need the role day to day, remove the direct grant on the user record (User → Roles), or remove them from the group that passes the role on (Inherited = true)',
    'userRoles',
  ),
  step(`Give the remaining holders a separate, named account for ${role} work when they also do everyday work in ServiceNow`, 'users'),
  verifyStep('userRoles'),
];

/** `(2 direct, 1 inherited)` for the holders of `role`. */
function grantMix(holders: PrivilegedHolder[], role: string): string {
  let direct = 0;
  let inherited = 0;
  for (const holder of holders) {
    const holding = holder.roles.get(role);
    if (holding?.direct) direct += 1;
    else if (holding?.inherited) inherited += 1;
  }
  if (inherited === 0) return 'all direct';
  if (direct === 0) return 'all inherited';
  return `${direct} direct, ${inherited} only inherited`;
}

interface HolderLimit {
  id: string;
  role: string;
  limit: number;
  what: string;
  rationale: string;
  severity: Severity;
  weight: number;
  requirement: 'shall' | 'should';
  nist: string[];
  /** A scan runs as an admin: no active admin read means rows were hidden, not that there are none. */
  noneIsSuspicious?: boolean;
}

function holderLimitControl(spec: HolderLimit): Control {
  const { role, limit } = spec;
  return defineServiceNowControl({
    id: spec.id,
    title: `At most ${limit} active users hold the ${role} role`,
    description:
      `Counts the distinct active users who hold ${role}, directly or inherited through a group or a containing role ` +
      `(${spec.what}). Up to ${limit} is compliant; above that, credit is ${limit} ÷ the number of holders. Each holder is ` +
      'listed with how the role reaches them.',
    rationale: spec.rationale,
    severity: spec.severity,
    weight: spec.weight,
    metric: 'privileged-access',
    requirement: spec.requirement,
    frameworks: { nist80053: spec.nist, initiatives: ['zero-trust', 'ransomware'] },
    sources: ['privilegedGrants'],
    evaluate: ({ privilegedGrants }): Verdict => {
      const holders = activeHoldersOf(privilegedHolders(privilegedGrants.result), role);
      const unread = unreadRows(privilegedGrants);
      const n = holders.length;
      const expected = `${limit} or fewer`;
      const entities = holders.map((holder) => userEntity(holder, `${role}: ${holdingText(holder.roles.get(role))} · ${lastLoginText(holder.lastLogin)}`));
      const names = nameList(holders.map(userLabel), n, 5);
      const notes = unread > 0 ? [`${unreadText(privilegedGrants, grantsRead)}; they may hold ${role} too.`] : [];
      if (n > limit) {
        return partial(limit / n, {
          actual: n,
          expected,
          reason: `${n}${unread > 0 ? ' or more' : ''} active users hold ${role}, more than ${limit} (${grantMix(holders, role)}): ${names}.`,
          notes,
          ...listAffected(entities),
        });
      }
      if (unread > 0) {
        return unknown(
          `${count(n, 'active user')} hold${n === 1 ? 's' : ''} ${role} in the grants read, but ${unreadText(privilegedGrants, grantsRead)}: ` +
            `the unread ones could take the count above ${limit}.`,
          { actual: n, expected, ...listAffected(entities) },
        );
      }
      if (n === 0 && spec.noneIsSuspicious) {
        return unknown(
          `No active holder of ${role} was returned, yet the scan itself runs as an admin: an access control likely hid the grants, so the holders cannot be counted.`,
          { actual: 0, expected },
        );
      }
      return compliant({
        actual: n,
        expected,
        reason: n === 0 ? `No active user holds ${role}.` : `${count(n, 'active user')} hold${n === 1 ? 's' : ''} ${role} (${grantMix(holders, role)}): ${names}.`,
        ...listAffected(entities),
      });
    },
    remediation: {
      summary: `Reduce the active holders of ${role} to ${limit} or fewer named people; give others narrower roles.`,
      steps: roleReviewSteps(role),
      references: [serviceNowDocs.privilegedUsers, serviceNowDocs.privilegedIdentity],
    },
  });
}

const adminHolders = holderLimitControl({
  id: 'SN.PRIV.1v1',
  role: 'admin',
  limit: 5,
  what: 'admin passes every role check and can change any record, script or property',
  rationale:
    'Every admin account is a full takeover of the instance if its password is phished or its session stolen: an attacker ' +
    'with admin can run background scripts, export any table, create users and switch off auditing. Each extra admin is ' +
    'one more such account to protect and one more person whose mistakes are unlimited.',
  severity: 'high',
  weight: 8,
  requirement: 'shall',
  nist: ['AC-6(5)', 'AC-2(7)', 'AC-6(7)'],
  noneIsSuspicious: true,
});

const securityAdminHolders = holderLimitControl({
  id: 'SN.PRIV.2v1',
  role: 'security_admin',
  limit: 3,
  what: 'security_admin, through elevation, edits ACLs and high-security properties',
  rationale:
    'security_admin is the role that changes access controls and security properties after elevation. An attacker with ' +
    'it can rewrite ACLs to open any table, or relax the very properties Posture Lens checks, and leave the ordinary admin ' +
    'audit trail looking normal.',
  severity: 'high',
  weight: 7,
  requirement: 'shall',
  nist: ['AC-6(5)', 'AC-2(7)', 'AC-6(1)'],
});

const oauthAdminHolders = holderLimitControl({
  id: 'SN.PRIV.4v1',
  role: 'oauth_admin',
  limit: 3,
  what: 'oauth_admin registers OAuth clients and providers',
  rationale:
    'An oauth_admin can register a new OAuth client with long-lived tokens, or re-point an existing one\'s redirect URL, ' +
    'and so mint a standing back door into the REST API that survives password resets of the accounts it acts for.',
  severity: 'medium',
  weight: 5,
  requirement: 'should',
  nist: ['AC-6(5)', 'AC-2(7)'],
});

const impersonators = defineServiceNowControl({
  id: 'SN.PRIV.3v1',
  title: 'Only admins hold the impersonator role',
  description:
    'Lists active users who hold impersonator (directly or inherited) without also holding admin. Credit is the share of ' +
    'impersonator holders who are admins.',
  rationale:
    'Impersonation lets a user act as anyone, including an admin, without knowing their password. A help-desk or ' +
    'developer account with impersonator is therefore an admin in all but name: phish it, impersonate an admin, and the ' +
    'attacker owns the instance while the audit trail names the impersonated user.',
  severity: 'high',
  weight: 7,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: {
    nist80053: ['AC-6', 'AC-6(5)', 'AC-3'],
    serviceNowHardening: 'Restrict Impersonation to Admin',
    initiatives: ['zero-trust'],
  },
  sources: ['privilegedGrants'],
  evaluate: ({ privilegedGrants }) => {
    const holders = activeHoldersOf(privilegedHolders(privilegedGrants.result), 'impersonator');
    const unread = unreadRows(privilegedGrants);
    const nonAdmins = holders.filter((holder) => !holder.roles.has('admin'));
    const expected = 'impersonator held by admins only';
    const notes = unread > 0 ? [`${unreadText(privilegedGrants, grantsRead)}; more impersonators may exist.`] : [];
    if (nonAdmins.length > 0) {
      return shareVerdict(holders.length - nonAdmins.length, holders.length, {
        actual: nonAdmins.length,
        expected,
        reason:
          `${nonAdmins.length} of ${count(holders.length, 'active impersonator')} ${isAre(nonAdmins.length)} not admin${nonAdmins.length === 1 ? '' : 's'}: ` +
          `${nameList(nonAdmins.map(userLabel), nonAdmins.length, 5)}.`,
        notes,
        ...listAffected(nonAdmins.map((holder) => userEntity(holder, `impersonator: ${holdingText(holder.roles.get('impersonator'))} · roles ${rolesText(holder)}`))),
      });
    }
    if (unread > 0) {
      return unknown(`Every impersonator read is an admin, but ${unreadText(privilegedGrants, grantsRead)}: a non-admin impersonator may be among them.`, {
        actual: 0,
        expected,
      });
    }
    return compliant({
      actual: 0,
      expected,
      reason:
        holders.length === 0
          ? 'No active user holds impersonator.'
          : holders.length === 1
            ? `The only active impersonator, ${userLabel(holders[0]!)}, is an admin.`
            : `All ${count(holders.length, 'active impersonator')} are admins: ${nameList(holders.map(userLabel))}.`,
    });
  },
  remediation: {
    summary: 'Remove impersonator from every listed non-admin user, or from the group that grants it.',
    steps: [
      step(`Open ${listLocation('userRoles')} and filter on Role = impersonator`, 'userRoles'),
      step('Remove each listed user\'s direct grant, or take them out of the group that passes impersonator on (Inherited = true)', 'userRoles'),
      step('Check that glide.sys.permissive.impersonate is false so only admins can impersonate', 'properties'),
      verifyStep('userRoles'),
    ],
    references: [serviceNowDocs.restrictImpersonation, serviceNowDocs.privilegedIdentity],
  },
});

const dormantPrivilegedAccounts = defineServiceNowControl({
  id: 'SN.PRIV.5v1',
  title: 'No inactive or locked-out account still holds a privileged role',
  description:
    'Lists users who hold admin, security_admin, impersonator, oauth_admin or user_admin while their account is inactive ' +
    '(Active = false) or locked out. Credit is the share of privileged accounts that are active and not locked out.',
  rationale:
    'Deactivating or locking an account does not remove its roles: the day it is reactivated — by a mistaken import, an ' +
    'identity sync or a social-engineered help-desk call — it is an admin again, and nobody reviews roles on accounts ' +
    'they think are gone.',
  severity: 'high',
  weight: 6,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'AC-6(7)', 'AC-2'], initiatives: ['ransomware'] },
  sources: ['privilegedGrants'],
  evaluate: ({ privilegedGrants }) => {
    const holders = privilegedHolders(privilegedGrants.result);
    const unread = unreadRows(privilegedGrants);
    const lingering = holders.filter((holder) => !holder.active || holder.lockedOut);
    const expected = 'no privileged role on an inactive or locked-out account';
    const state = (holder: PrivilegedHolder) =>
      !holder.active && holder.lockedOut ? 'inactive and locked out' : !holder.active ? 'inactive' : 'locked out';
    if (lingering.length > 0) {
      return shareVerdict(holders.length - lingering.length, holders.length, {
        actual: lingering.length,
        expected,
        reason:
          `${lingering.length} of ${count(holders.length, 'privileged account')} ${isAre(lingering.length)} inactive or locked out but keep their roles: ` +
          `${nameList(lingering.map((holder) => `${userLabel(holder)} (${state(holder)}; ${[...holder.roles.keys()].join(', ')})`), lingering.length, 5)}.`,
        notes: unread > 0 ? [`${unreadText(privilegedGrants, grantsRead)}; more such accounts may exist.`] : [],
        ...listAffected(lingering.map((holder) => userEntity(holder, `${state(holder)} · ${rolesText(holder)}`))),
      });
    }
    if (unread > 0) return unknown(`Every privileged account read is active, but ${unreadText(privilegedGrants, grantsRead)}.`, { actual: 0, expected });
    return compliant({ actual: 0, expected, reason: `All ${count(holders.length, 'privileged account')} are active and not locked out.` });
  },
  remediation: {
    summary: 'Remove the privileged roles from each listed inactive or locked-out account (and from the groups that grant them).',
    steps: [
      step(`Open ${listLocation('userRoles')} and filter on User.Active = false, or User.Locked out = true, and Role is one of the privileged roles`, 'userRoles'),
      step('Delete the direct grants; for inherited ones remove the user from the granting group', 'userRoles'),
      step(`If a locked-out account is still needed, confirm with its owner before unlocking it in ${listLocation('users')}`, 'users'),
      verifyStep('userRoles'),
    ],
    references: [serviceNowDocs.privilegedUsers, serviceNowDocs.users],
  },
});

const stalePrivilegedAccounts = defineServiceNowControl({
  id: 'SN.PRIV.6v1',
  title: `Every privileged user has logged in within ${staleAfterDays} days`,
  description:
    `Lists active users holding a privileged role (admin, security_admin, impersonator, oauth_admin, user_admin) whose last ` +
    `login is more than ${staleAfterDays} days before the scan, or who never logged in. Credit is the share of active ` +
    'privileged users who logged in recently.',
  rationale:
    'A privileged account nobody uses is one nobody watches: its owner will not notice a password spray that succeeds or ' +
    'a login from an unknown country, and its standing admin rights are pure risk with no business use.',
  severity: 'medium',
  weight: 5,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'AC-6(7)', 'AC-2(7)'], initiatives: ['zero-trust'] },
  sources: ['privilegedGrants', 'scanTime'],
  evaluate: ({ privilegedGrants, scanTime }) => {
    const now = scanNow(scanTime);
    const holders = privilegedHolders(privilegedGrants.result).filter((holder) => holder.active);
    const unread = unreadRows(privilegedGrants);
    const stale = holders.filter((holder) => !holder.lastLogin || daysBetween(Date.parse(holder.lastLogin), now) > staleAfterDays);
    const expected = `logged in within ${staleAfterDays} days`;
    if (stale.length > 0) {
      return shareVerdict(holders.length - stale.length, holders.length, {
        actual: stale.length,
        expected,
        reason:
          `${stale.length} of ${count(holders.length, 'active privileged user')} ${hasHaveNot(stale.length)} logged in for ${staleAfterDays} days: ` +
          `${nameList(stale.map((holder) => `${userLabel(holder)} (${lastLoginText(holder.lastLogin)})`), stale.length, 5)}.`,
        notes: unread > 0 ? [`${unreadText(privilegedGrants, grantsRead)}; more such users may exist.`] : [],
        ...listAffected(stale.map((holder) => userEntity(holder, `${lastLoginText(holder.lastLogin, now)} · ${rolesText(holder)}`))),
      });
    }
    if (unread > 0) return unknown(`Every active privileged user read logged in recently, but ${unreadText(privilegedGrants, grantsRead)}.`, { actual: 0, expected });
    return compliant({
      actual: 0,
      expected,
      reason: holders.length === 0 ? 'No active user holds a privileged role.' : `All ${count(holders.length, 'active privileged user')} logged in within ${staleAfterDays} days.`,
    });
  },
  remediation: {
    summary: 'Remove privileged roles from users who do not use them, or deactivate the accounts.',
    steps: [
      step(`Open ${listLocation('users')} and review each listed user's Last login time`, 'users'),
      step(`Remove the privileged roles in ${listLocation('userRoles')} (or the granting group membership); deactivate the account if it is no longer needed`, 'userRoles'),
      verifyStep('userRoles'),
    ],
    references: [serviceNowDocs.privilegedUsers, serviceNowDocs.users],
  },
});

const privilegedServiceAccounts = defineServiceNowControl({
  id: 'SN.PRIV.7v1',
  title: 'No service or integration account holds a privileged role',
  description:
    'Lists active users holding admin, security_admin, impersonator, oauth_admin or user_admin whose account is marked ' +
    'Web service access only, or is an internal integration user. Any one is non-compliant.',
  rationale:
    'An integration account\'s password or OAuth credential lives in another system — a middleware config, a CI secret, a ' +
    'vendor\'s database. With admin on it, a breach of that other system is a full breach of ServiceNow, through an API ' +
    'session no one sees in the UI, usually without MFA.',
  severity: 'high',
  weight: 7,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-6(5)', 'AC-6', 'IA-5'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['privilegedGrants', 'interactiveIntegrationUsers'],
  evaluate: ({ privilegedGrants, interactiveIntegrationUsers }) => {
    const integrationIds = new Set(interactiveIntegrationUsers.result.map((user) => user.sys_id));
    const holders = privilegedHolders(privilegedGrants.result).filter((holder) => holder.active);
    const service = holders.flatMap((holder) => {
      const kinds = [
        ...(holder.webServiceOnly ? ['web service access only'] : []),
        ...(integrationIds.has(holder.id) ? ['internal integration user'] : []),
      ];
      return kinds.length ? [{ holder, kind: kinds.join(', ') }] : [];
    });
    const expected = 'no privileged role on a service account';
    const gaps = [
      ...(unreadRows(privilegedGrants) > 0 ? [unreadText(privilegedGrants, grantsRead)] : []),
      ...(unreadRows(interactiveIntegrationUsers) > 0 ? [unreadText(interactiveIntegrationUsers, 'interactive integration users')] : []),
    ];
    if (service.length > 0) {
      return nonCompliant({
        actual: service.length,
        expected,
        reason:
          `${count(service.length, 'service account')} ${hasHave(service.length)} privileged roles: ` +
          `${nameList(service.map(({ holder }) => `${userLabel(holder)} (${[...holder.roles.keys()].join(', ')})`), service.length, 5)}.`,
        notes: gaps.map((gap) => `${gap}; more such accounts may exist.`),
        ...listAffected(service.map(({ holder, kind }) => userEntity(holder, `${kind} · ${rolesText(holder)}`))),
      });
    }
    if (gaps.length > 0) return unknown(`No privileged service account was found in the rows read, but ${gaps.join(', and ')}.`, { actual: 0, expected });
    return compliant({ actual: 0, expected, reason: `None of the ${count(holders.length, 'active privileged user')} is a web-service-only or integration account.` });
  },
  remediation: {
    summary: 'Give each integration its own account with only the roles its API calls need, and remove the privileged roles from the listed accounts.',
    steps: [
      step(`Open ${listLocation('users')} and open each listed account to see which integration uses it`, 'users'),
      step('Create or pick a narrow role that covers only the tables and APIs the integration calls, and grant that instead', 'userRoles'),
      step(`Remove admin and the other privileged roles from the account in ${listLocation('userRoles')}`, 'userRoles'),
      verifyStep('userRoles'),
    ],
    references: [serviceNowDocs.integrationAccounts, serviceNowDocs.privilegedUsers],
  },
});

export const privilegedControls: Control[] = [
  adminHolders,
  securityAdminHolders,
  impersonators,
  oauthAdminHolders,
  dormantPrivilegedAccounts,
  stalePrivilegedAccounts,
  privilegedServiceAccounts,
];
