import type { HardeningComparison } from './hardening-catalog';
import { lockoutScriptActions } from './sources';

/**
 * How the hardening settings the catalog marks `manual` are decided after all, when every part of them is
 * a property, a plugin or a table read (reference §3.2 and each setting's ISHS page). A setting is met when
 * every check is met; a check that cannot be decided (a property absent with no documented fallback, a
 * source not read) makes the setting unknown, never compliant. Settings not listed stay manual.
 */
export type HardeningCheck =
  | {
      kind: 'property';
      property: string;
      recommended: string;
      comparison: Exclude<HardeningComparison, 'manual'>;
      /** Value ServiceNow applies when the property is absent; none documented → absent is unknown. */
      fallback?: string;
    }
  /** The property's value (a comma list) must hold none of these, compared by prefix. */
  | { kind: 'propertyExcludes'; property: string; prefixes: string[]; fallback?: string }
  /** The property must be set to a non-empty value. */
  | { kind: 'propertyNonEmpty'; property: string }
  | { kind: 'plugin'; plugin: string }
  /** At least `min` active records in a table source. */
  | { kind: 'activeRecords'; source: 'ipAccessRules' | 'mfaCriteria'; min: number; what: string }
  /** At least one of these script actions is active. */
  | { kind: 'scriptAction'; anyOf: string[]; what: string }
  /** A counted table holds at least `min` records. */
  | { kind: 'count'; source: 'excludedPasswordCount'; min: number; what: string };

const lockoutActions = Object.values(lockoutScriptActions);

export const hardeningChecks: Readonly<Record<string, readonly HardeningCheck[]>> = {
  'SN.HARD.1v1': [
    { kind: 'plugin', plugin: 'com.snc.ipauthenticator' },
    { kind: 'activeRecords', source: 'ipAccessRules', min: 1, what: 'active IP address access control rule' },
  ],
  'SN.HARD.9v1': [{ kind: 'plugin', plugin: 'com.glide.high_security' }],
  'SN.HARD.12v1': [{ kind: 'plugin', plugin: 'com.glide.role_management' }],
  'SN.HARD.17v1': [{ kind: 'plugin', plugin: 'com.snc.snc_access_control' }],
  'SN.HARD.18v1': [{ kind: 'plugin', plugin: 'com.snc.system_security' }],
  'SN.HARD.87v1': [
    { kind: 'property', property: 'glide.basicauth.required.soap', recommended: 'true', comparison: 'equals', fallback: 'false' },
    { kind: 'property', property: 'glide.soap.require_ws_security', recommended: 'true', comparison: 'equals', fallback: 'false' },
  ],
  // The second part (glide.ip.authenticate.allow.secured) is managed by ServiceNow, not the customer.
  'SN.HARD.109v1': [{ kind: 'property', property: 'glide.ip.authenticate.strict', recommended: 'true', comparison: 'equals' }],
  'SN.HARD.127v1': [
    { kind: 'scriptAction', anyOf: lockoutActions, what: '"SNC User Lockout Check" script action (or the one with Auto Unlock)' },
    { kind: 'property', property: 'glide.user.max_unlock_attempts', recommended: '5', comparison: 'atMost', fallback: '5' },
  ],
  'SN.HARD.128v1': [
    { kind: 'property', property: 'glide.authenticate.multifactor', recommended: 'true', comparison: 'equals' },
    { kind: 'activeRecords', source: 'mfaCriteria', min: 1, what: 'active multi-factor criteria record' },
  ],
  'SN.HARD.129v1': [
    { kind: 'property', property: 'glide.enable.blacklist_password', recommended: 'true', comparison: 'equals' },
    { kind: 'count', source: 'excludedPasswordCount', min: 5000, what: 'excluded (deny-listed) passwords' },
  ],
  'SN.HARD.130v1': [
    { kind: 'property', property: 'glide.user.unlock_timeout_in_mins', recommended: '15', comparison: 'atLeast' },
    {
      kind: 'scriptAction',
      anyOf: [lockoutScriptActions.lockoutWithAutoUnlock],
      what: '"SNC User Lockout Check with Auto Unlock" script action',
    },
  ],
  'SN.HARD.174v1': [
    {
      kind: 'propertyExcludes',
      property: 'glide.authenticate.sso.saml2.keystore',
      // The docs name two demo keystores; the second sys_id is cut short in the reference, so it is matched by prefix.
      prefixes: ['c60ad24b732220103a5b0dd43cf6a7db', '3685fc229302'],
      fallback: '',
    },
  ],
  'SN.HARD.195v1': [
    { kind: 'plugin', plugin: 'com.glide.security.audit' },
    { kind: 'property', property: 'glide.identity.security.audit.enabled', recommended: 'true', comparison: 'equals' },
  ],
  'SN.HARD.209v1': [
    { kind: 'plugin', plugin: 'com.glide.email_filter' },
    { kind: 'property', property: 'glide.email.read.active', recommended: 'true', comparison: 'equals' },
  ],
  // The level only applies while the override is on, so the override decides.
  'SN.HARD.196v1': [{ kind: 'property', property: 'glide.outbound_http_log.override', recommended: 'false', comparison: 'equals', fallback: 'false' }],
  // The size limit itself is the admin's choice; the setting asks that a limit be enforced.
  'SN.HARD.210v1': [{ kind: 'property', property: 'glide.http.response.get_body.limit.enabled', recommended: 'true', comparison: 'equals', fallback: 'true' }],
  'SN.HARD.231v1': [
    { kind: 'property', property: 'glide.active.session.timeout.invalidate.session', recommended: 'true', comparison: 'equals', fallback: 'false' },
    // 0, the default, means no lifetime cap at all.
    { kind: 'property', property: 'glide.ui.active.session.life_span', recommended: '1-720', comparison: 'atMost', fallback: '0' },
    { kind: 'property', property: 'glide.guest.active.session.life_span', recommended: '1-720', comparison: 'atMost', fallback: '0' },
  ],
  'SN.HARD.254v1': [
    { kind: 'property', property: 'glide.security.url.whitelist.strict_check', recommended: 'true', comparison: 'equals' },
    { kind: 'propertyNonEmpty', property: 'glide.security.url.whitelist' },
  ],
  'SN.HARD.255v1': [
    { kind: 'property', property: 'glide.xml.entity.whitelist.enabled', recommended: 'true', comparison: 'equals', fallback: 'true' },
    { kind: 'property', property: 'glide.xml.entity.whitelist', recommended: 'http://java.sun.com/j2ee/dtds/', comparison: 'equals' },
  ],
};

/** Properties the composite checks read. */
export function checkProperties(checks: readonly HardeningCheck[]): string[] {
  return checks.flatMap((check) =>
    check.kind === 'property' || check.kind === 'propertyExcludes' || check.kind === 'propertyNonEmpty' ? [check.property] : [],
  );
}

/**
 * Why each remaining setting is checked by hand: what a property or table read cannot tell. Listed per
 * setting so the evidence and the catalog say exactly what the admin has to look at.
 */
export const manualReasons: Readonly<Record<string, string>> = {
  'SN.HARD.2v1': 'which tables and fields are sensitive is specific to the instance',
  'SN.HARD.3v1': 'the recommended list of glide functions is cut short in the reference; compare with the docs page',
  'SN.HARD.4v1': 'it is one property per application scope (<scope>.impersonateCheck), and the scopes are specific to the instance',
  'SN.HARD.8v1': 'the recommended table list is cut short in the reference; compare with the docs page',
  'SN.HARD.27v1': 'it is one property per application scope (glide.enforce_security_scope.<scope>)',
  'SN.HARD.76v1': 'the allowed domains are the ones your integrations need: a judgement, not a value to compare',
  'SN.HARD.82v1': 'the allowed e-mail domains are your own: a judgement, not a value to compare',
  'SN.HARD.86v1': 'it names one sys_public record whose sys_id is cut short in the reference',
  'SN.HARD.106v1': 'the third property name is cut short in the reference',
  'SN.HARD.107v1': 'the property names are cut short in the reference',
  'SN.HARD.108v1': 'it applies only to self-hosted instances, and the trusted ranges are your own',
  'SN.HARD.113v1': 'the trusted IP ranges are your own: a judgement, not a value to compare',
  'SN.HARD.114v1': 'the trusted IP ranges are your own: a judgement, not a value to compare',
  'SN.HARD.126v1': 'it spans every password credential store and its password policy record; their field names are not confirmed',
  'SN.HARD.131v1': 'it is about the text of the Welcome page (demo credentials), not a setting',
  'SN.HARD.160v1': 'it is a field of each password reset process record (pwd_process), not a system property; Security Center no longer scores it',
  'SN.HARD.230v1': 'the companion property name is cut short in the reference',
  'SN.HARD.256v1': 'it asks that two allow-list tables be empty; their contents need review, not a count',
  'SN.HARD.289v1': 'the recommended tag list is cut short in the reference; compare with the docs page',
  'SN.HARD.290v1': 'the trusted domains are your own: a judgement, not a value to compare',
};
