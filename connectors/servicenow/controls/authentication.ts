import { compliant, nonCompliant, notApplicable, partial, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { defineServiceNowControl } from '../control';
import type { MfaCriterion, PropertyRead, SamlConfig } from '../model';
import { privilegedRoles } from '../sources';
import {
  booleanProperty,
  count,
  isAre,
  listAffected,
  listLocation,
  nameList,
  privilegedHolders,
  rolesText,
  serviceNowDocs,
  step,
  unreadRows,
  unreadText,
  userEntity,
  userLabel,
  verifyStep,
  type PrivilegedHolder,
  type TableRead,
} from './evidence';

/**
 * Multi-factor authentication for privileged users, and single sign-on. ServiceNow enforces MFA either per user
 * (`sys_user.enable_multifactor_authn`) or by role: `glide.authenticate.multifactor` = true switches role-based MFA on,
 * and each active `multi_factor_criteria` record names a role whose holders must use it.
 */

const mfaProperty = 'glide.authenticate.multifactor';
const multiSsoProperty = 'glide.authenticate.multisso.enabled';
const localLoginProperty = 'glide.authentication.external.disable_local_login';

/** Roles the hardening guide says role-based MFA criteria should cover (sc-role-based-multi-factor-authentication). */
export const mfaCriteriaRoles = ['admin', 'security_admin', 'user_admin'] as const;

/** Roles named by active multi-factor criteria. */
const criteriaRoles = (criteria: readonly MfaCriterion[]) =>
  new Set(criteria.filter((criterion) => criterion.active && criterion['role.name']).map((criterion) => criterion['role.name']!.trim()));

type Coverage = { holder: PrivilegedHolder; state: 'covered' | 'uncovered' | 'undecided'; detail: string };

function mfaCoverage(holder: PrivilegedHolder, roles: Set<string>, properties: PropertyRead): Coverage {
  if (holder.mfa === true) return { holder, state: 'covered', detail: 'per-user multi-factor authentication on' };
  const matched = [...holder.roles.keys()].filter((role) => roles.has(role));
  const property = booleanProperty(properties, mfaProperty);
  if (matched.length > 0) {
    if (property.value === true) return { holder, state: 'covered', detail: `role-based MFA through the criteria for ${matched.join(', ')}` };
    if (property.value === undefined) {
      return { holder, state: 'undecided', detail: `criteria name ${matched.join(', ')}, but ${property.why}, so whether they apply cannot be told` };
    }
  }
  const why =
    matched.length > 0
      ? `role-based MFA is switched off (${mfaProperty} = false), so the criteria for ${matched.join(', ')} do not apply`
      : 'no active multi-factor criterion names their roles';
  if (holder.mfa === false) return { holder, state: 'uncovered', detail: `per-user MFA off; ${why}` };
  return { holder, state: 'undecided', detail: `the per-user MFA flag was not returned (is the MFA plugin active?) and ${why}` };
}

const privilegedMfa = defineServiceNowControl({
  id: 'SN.MFA.1v1',
  title: 'Every active privileged user must use multi-factor authentication',
  description:
    `For each active user holding ${privilegedRoles.join(', ')}: covered when the user record has multi-factor ` +
    `authentication enabled, or when role-based MFA is on (${mfaProperty} = true) and an active multi-factor criterion ` +
    'names one of their privileged roles. A user whose per-user flag was not returned and whom no criterion covers is ' +
    'undecided (unknown). Credit is the share of privileged users covered.',
  rationale:
    'Privileged ServiceNow accounts are the first target of password spraying and phishing kits that relay credentials in ' +
    'real time. Without a second factor, one reused or phished password gives the attacker admin: scripts, data exports ' +
    'and new accounts for persistence.',
  severity: 'critical',
  weight: 10,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: { nist80053: ['IA-2(1)', 'IA-2(2)', 'IA-2(8)'], initiatives: ['zero-trust', 'ransomware', 'business-email-compromise'] },
  sources: ['privilegedGrants', 'mfaCriteria', 'properties'],
  evaluate: ({ privilegedGrants, mfaCriteria, properties }) => {
    const holders = privilegedHolders(privilegedGrants.result).filter((holder) => holder.active);
    const roles = criteriaRoles(mfaCriteria.result);
    const coverage = holders.map((holder) => mfaCoverage(holder, roles, properties));
    const covered = coverage.filter((entry) => entry.state === 'covered');
    const uncovered = coverage.filter((entry) => entry.state === 'uncovered');
    const undecided = coverage.filter((entry) => entry.state === 'undecided');
    const expected = 'every active privileged user covered by MFA';
    const entity = ({ holder, detail }: Coverage): AffectedEntity => userEntity(holder, `${detail} · ${rolesText(holder)}`);
    const gaps = [
      ...(unreadRows(privilegedGrants) > 0 ? [`${unreadText(privilegedGrants, 'role grants')}; more privileged users may lack MFA`] : []),
      ...(unreadRows(mfaCriteria) > 0 ? [`${unreadText(mfaCriteria, 'multi-factor criteria')}; they may cover more users`] : []),
    ];
    if (uncovered.length > 0) {
      return shareVerdict(covered.length, holders.length, {
        actual: uncovered.length,
        expected,
        reason:
          `${uncovered.length} of ${count(holders.length, 'active privileged user')} ${isAre(uncovered.length)} not covered by multi-factor authentication: ` +
          `${nameList(uncovered.map(({ holder }) => `${userLabel(holder)} (${[...holder.roles.keys()].join(', ')})`), uncovered.length, 5)}.`,
        notes: [
          ...(undecided.length > 0
            ? [`${count(undecided.length, 'more user')} could not be decided and earn no credit: ${nameList(undecided.map(({ holder }) => userLabel(holder)), undecided.length)}.`]
            : []),
          ...gaps.map((gap) => `${gap}.`),
        ],
        ...listAffected([...uncovered, ...undecided].map(entity)),
      });
    }
    if (undecided.length > 0) {
      return unknown(
        `${count(undecided.length, 'privileged user')} cannot be decided: ${nameList(undecided.map(({ holder, detail }) => `${userLabel(holder)} (${detail})`), undecided.length)}.`,
        { actual: covered.length, expected, notes: gaps.map((gap) => `${gap}.`), ...listAffected(undecided.map(entity)) },
      );
    }
    if (unreadRows(privilegedGrants) > 0) {
      return unknown(`Every privileged user read is covered, but ${unreadText(privilegedGrants, 'role grants')}: some of them may lack MFA.`, { actual: 0, expected });
    }
    if (holders.length === 0) {
      return unknown('No active privileged user was returned, yet the scan itself runs as an admin: an access control likely hid the role grants.', { actual: 0, expected });
    }
    return compliant({
      actual: 0,
      expected,
      reason: `All ${count(holders.length, 'active privileged user')} are covered by multi-factor authentication: ${nameList(holders.map(userLabel), holders.length, 5)}.`,
    });
  },
  remediation: {
    summary: `Turn on role-based MFA (${mfaProperty} = true) with active criteria for every privileged role, or enable MFA on each listed user.`,
    steps: [
      step(`Open ${listLocation('properties', mfaProperty)} and set ${mfaProperty} to true`, 'properties', mfaProperty),
      step(
        `Open ${listLocation('mfaCriteria')} and make sure an active role-based criterion exists for each of ${privilegedRoles.join(', ')}`,
        'mfaCriteria',
      ),
      step(`For a user who must be covered individually, open them in ${listLocation('users')} and select Enable Multifactor Authentication`, 'users'),
      verifyStep('mfaCriteria'),
    ],
    references: [serviceNowDocs.roleBasedMfa, serviceNowDocs.activateRoleBasedMfa, serviceNowDocs.mfaOverview],
  },
});

const roleBasedMfaCriteria = defineServiceNowControl({
  id: 'SN.MFA.2v1',
  title: `Role-based MFA is on, with active criteria for ${mfaCriteriaRoles.join(', ')}`,
  description:
    `Checks that each of ${mfaCriteriaRoles.join(', ')} is named by an active multi-factor criterion (credit: the share of ` +
    `those roles covered), and that role-based MFA is switched on (${mfaProperty} = true); with the property off the ` +
    'criteria do nothing. The property has no documented default, so an absent one is unknown.',
  rationale:
    'Per-user MFA flags drift: a new admin is created without one and nobody notices. A role-based criterion makes MFA ' +
    'follow the role, so whoever gains admin, security_admin or user_admin — legitimately or through an attacker\'s grant — ' +
    'must present a second factor at the next login.',
  severity: 'high',
  weight: 7,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: {
    nist80053: ['IA-2(1)', 'IA-2(2)'],
    serviceNowHardening: 'Activate role based multi-factor authentication',
    initiatives: ['zero-trust'],
  },
  sources: ['mfaCriteria', 'properties'],
  evaluate: ({ mfaCriteria, properties }) => {
    const roles = criteriaRoles(mfaCriteria.result);
    const missing = mfaCriteriaRoles.filter((role) => !roles.has(role));
    const property = booleanProperty(properties, mfaProperty);
    const expected = `${mfaProperty} = true and active criteria for ${mfaCriteriaRoles.join(', ')}`;
    const propertyText = property.value === undefined ? property.why : property.text;
    if (missing.length > 0) {
      const inactive = mfaCriteria.result.filter((criterion) => !criterion.active && missing.some((role) => role === criterion['role.name']?.trim()));
      const entities: AffectedEntity[] = missing.map((role) => {
        const record = inactive.find((criterion) => criterion['role.name']?.trim() === role);
        return record
          ? { id: record.sys_id, name: record.name || role, kind: 'multiFactorCriterion', detail: `criterion for ${role} is inactive` }
          : { id: role, name: role, kind: 'role', detail: 'no multi-factor criterion names this role' };
      });
      return partial((mfaCriteriaRoles.length - missing.length) / mfaCriteriaRoles.length, {
        actual: `criteria for ${mfaCriteriaRoles.filter((role) => roles.has(role)).join(', ') || 'none of them'}`,
        expected,
        reason:
          `No active multi-factor criterion names ${nameList([...missing], missing.length)}` +
          (inactive.length ? ` (inactive: ${nameList(inactive.map((criterion) => criterion.name || criterion['role.name'] || criterion.sys_id))})` : '') +
          `; ${propertyText}.`,
        notes: unreadRows(mfaCriteria) > 0 ? [`${unreadText(mfaCriteria, 'multi-factor criteria')}; they may cover more roles.`] : [],
        ...listAffected(entities),
      });
    }
    if (property.value === false) {
      return nonCompliant({
        actual: propertyText,
        expected,
        reason: `Criteria exist for ${mfaCriteriaRoles.join(', ')}, but role-based MFA is switched off (${propertyText}), so none of them is enforced.`,
      });
    }
    if (property.value === undefined) {
      return unknown(`Criteria exist for ${mfaCriteriaRoles.join(', ')}, but ${property.why}, so whether they are enforced cannot be told.`, { expected });
    }
    return compliant({ actual: propertyText, expected, reason: `Role-based MFA is on (${propertyText}) with active criteria for ${mfaCriteriaRoles.join(', ')}.` });
  },
  remediation: {
    summary: `Set ${mfaProperty} to true and add an active role-based multi-factor criterion for each of ${mfaCriteriaRoles.join(', ')}.`,
    steps: [
      step(`Open ${listLocation('mfaCriteria')}, then New → Role based, and add (or activate) a criterion for each listed role`, 'mfaCriteria'),
      step(`Open ${listLocation('properties', mfaProperty)} and set ${mfaProperty} to true (create the record if the list is empty)`, 'properties', mfaProperty),
      step('Before logging out, make sure your own account has enrolled a second factor, so you are not locked out', 'users'),
      verifyStep('mfaCriteria'),
    ],
    references: [serviceNowDocs.roleBasedMfa, serviceNowDocs.activateRoleBasedMfa],
  },
});

const activeIdps = (samlConfigs: TableRead<SamlConfig>) => samlConfigs.result.filter((config) => config.active);
const idpName = (config: SamlConfig) => config.name || config.sys_id;

const localLoginWithSso = defineServiceNowControl({
  id: 'SN.SSO.1v1',
  title: 'Users with single sign-on cannot also log in with a local password',
  description:
    `Applies when an active SAML 2.0 identity provider exists and multi-provider SSO is on (${multiSsoProperty} = true; ` +
    `ServiceNow's documented default is false). Then ${localLoginProperty} must be true; its documented default is ` +
    'false, so an absent property is non-compliant. Without SSO the control is not applicable.',
  rationale:
    'With SSO in place, the identity provider\'s MFA and conditional access protect the login — unless login.do still ' +
    'accepts a local password. Attackers spray those forgotten local passwords (often set at provisioning and never ' +
    'changed) and walk around every control the IdP enforces.',
  severity: 'high',
  weight: 6,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: {
    nist80053: ['IA-2', 'IA-5', 'AC-3'],
    serviceNowHardening: 'Disable local login for users with Single Sign-On (SSO) enabled',
    initiatives: ['zero-trust', 'business-email-compromise'],
  },
  sources: ['samlConfigs', 'properties'],
  evaluate: ({ samlConfigs, properties }) => {
    const idps = activeIdps(samlConfigs);
    const expected = `${localLoginProperty} = true`;
    if (idps.length === 0) {
      if (unreadRows(samlConfigs) > 0) return unknown(`No active SAML identity provider was among the rows read, but ${unreadText(samlConfigs, 'identity providers')}.`, { expected });
      return notApplicable('No active SAML 2.0 identity provider is configured, so there is no single sign-on whose users could fall back to a local password.', { expected });
    }
    const names = nameList(idps.map(idpName));
    // glide.authenticate.multisso.enabled: "Default value: false" (Multi-Provider SSO properties, ServiceNow docs).
    const multiSso = booleanProperty(properties, multiSsoProperty, false);
    if (multiSso.value === undefined) return unknown(`An active identity provider exists (${names}), but ${multiSso.why}.`, { expected });
    if (!multiSso.value) {
      return notApplicable(`An active identity provider exists (${names}), but multi-provider SSO is off (${multiSso.text}), so everyone logs in locally.`, { expected });
    }
    // glide.authentication.external.disable_local_login: "Defaults to false" (r_ForcingLoginViaSSOOnly).
    const local = booleanProperty(properties, localLoginProperty, false);
    if (local.value === undefined) return unknown(`SSO is on through ${names}, but ${local.why}.`, { expected });
    if (!local.value) {
      return nonCompliant({
        actual: local.text,
        expected,
        reason: `SSO is on through ${names}, but login.do still accepts local passwords (${local.text}).`,
      });
    }
    return compliant({ actual: local.text, expected, reason: `SSO is on through ${names} and local login is disabled (${local.text}).` });
  },
  remediation: {
    summary: `Set ${localLoginProperty} to true so SSO users must log in through the identity provider.`,
    steps: [
      step(`Open ${listLocation('identityProviders')} and confirm the active identity provider works for admins (test the connection first)`, 'identityProviders'),
      step(
        'Keep a break-glass path: enroll an admin in Account Recovery (ACR) or keep one local admin with MFA, documented and monitored',
        'users',
      ),
      step(`Open ${listLocation('properties', localLoginProperty)} and set ${localLoginProperty} to true (create the record if the list is empty)`, 'properties', localLoginProperty),
      verifyStep('properties', localLoginProperty),
    ],
    references: [serviceNowDocs.disableLocalLogin, serviceNowDocs.forceSso],
  },
});

const ssoConfigured = defineServiceNowControl({
  id: 'SN.SSO.2v1',
  title: 'Users log in through an active single sign-on identity provider',
  description:
    `Checks for an active SAML 2.0 identity provider with multi-provider SSO switched on (${multiSsoProperty} = true; ` +
    'documented default false). An identity provider configured while SSO is off earns half credit. Posture Lens reads ' +
    'SAML providers only: when SSO is on but no SAML provider is active, an OIDC provider may be in use, and the result ' +
    'is unknown.',
  rationale:
    'Without SSO every ServiceNow account has its own password, outside the company\'s MFA, conditional access and ' +
    'joiner-mover-leaver process: leavers keep working passwords, and each account is one more target for password spraying.',
  severity: 'medium',
  weight: 4,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2', 'IA-2(1)', 'AC-2(1)'], initiatives: ['zero-trust'] },
  sources: ['samlConfigs', 'properties'],
  evaluate: ({ samlConfigs, properties }) => {
    const idps = activeIdps(samlConfigs);
    // glide.authenticate.multisso.enabled: "Default value: false" (Multi-Provider SSO properties, ServiceNow docs).
    const multiSso = booleanProperty(properties, multiSsoProperty, false);
    const expected = 'an active identity provider with multi-provider SSO on';
    if (idps.length > 0) {
      const names = nameList(idps.map(idpName));
      if (multiSso.value === undefined) return unknown(`An active identity provider exists (${names}), but ${multiSso.why}.`, { expected });
      if (!multiSso.value) {
        return partial(0.5, {
          actual: multiSso.text,
          expected,
          reason: `An active identity provider is configured (${names}), but multi-provider SSO is off (${multiSso.text}), so users still log in with local passwords.`,
        });
      }
      return compliant({ actual: multiSso.text, expected, reason: `Users log in through ${names} (${multiSso.text}).` });
    }
    if (unreadRows(samlConfigs) > 0) return unknown(`No active SAML identity provider was among the rows read, but ${unreadText(samlConfigs, 'identity providers')}.`, { expected });
    if (multiSso.value === undefined) return unknown(`No active SAML identity provider is configured, and ${multiSso.why}.`, { expected });
    if (multiSso.value) {
      return unknown(
        `Multi-provider SSO is on (${multiSso.text}) but no active SAML identity provider exists; an OIDC provider, which Posture Lens does not read, may be in use.`,
        { expected },
      );
    }
    return nonCompliant({
      actual: multiSso.text,
      expected,
      reason: `No single sign-on is configured: no active SAML identity provider, and ${multiSso.text}. Every user logs in with a ServiceNow password.`,
    });
  },
  remediation: {
    summary: 'Connect ServiceNow to the company identity provider (SAML 2.0 or OIDC) through Multi-Provider SSO, and switch it on.',
    steps: [
      step('Activate the Multi-Provider SSO plugin (com.snc.integration.sso.multi) if it is not active', 'plugins', 'com.snc.integration.sso.multi'),
      step(`Open ${listLocation('identityProviders')}, choose New → SAML, import the identity provider's metadata and test the connection`, 'identityProviders'),
      step(`Open ${listLocation('properties', multiSsoProperty)} and set ${multiSsoProperty} to true`, 'properties', multiSsoProperty),
      verifyStep('identityProviders'),
    ],
    references: [serviceNowDocs.multiSso, serviceNowDocs.forceSso],
  },
});

export const authenticationControls: Control[] = [privilegedMfa, roleBasedMfaCriteria, localLoginWithSso, ssoConfigured];
