import type { AffectedEntity, RemediationStep } from '@/utils/controls';
import { count, dayMs, groupDigits, listAffected, maxAffected, nameList } from '@/utils/evidence';
import type { PropertyRead, RoleGrant } from '../model';
import { classicListPath, nextExperiencePath, serviceNowPages, type ServiceNowPageKey } from '../pages';

/**
 * Evidence helpers shared by the ServiceNow privileged-access, authentication, network, integration, exposure and
 * lifecycle controls: naming users and records, counting rows ServiceNow counted but did not send, reading system
 * properties without guessing, measuring dates from the scan's own time, and typed remediation steps (the page is a
 * key of `serviceNowPages`). Every name is plain text: evidence never builds HTML.
 */

export { count, dayMs, listAffected, maxAffected, nameList };

/** `count` with thousands separators: "1,200 users". */
export const bigCount = (n: number, singular: string, pluralForm = `${singular}s`) => `${groupDigits(n)} ${n === 1 ? singular : pluralForm}`;

export const isAre = (n: number) => (n === 1 ? 'is' : 'are');
export const hasHave = (n: number) => (n === 1 ? 'has' : 'have');

// Remediation steps

/** "User Roles (classic: /sys_user_has_role_list.do; Next Experience: /now/nav/ui/classic/params/target/…)" */
export function listLocation(page: ServiceNowPageKey, filterValue?: string): string {
  const classic = classicListPath(page, filterValue);
  return `${serviceNowPages[page].title} (classic: ${classic}; Next Experience: ${nextExperiencePath(classic)})`;
}

/** A step on a ServiceNow list; `anchor` only on pages that have anchors (properties, plugins, script actions). */
export function step(text: string, page: ServiceNowPageKey, anchor?: string): RemediationStep {
  return anchor ? { text, page, anchor } : { text, page };
}

export const verifyStep = (page: ServiceNowPageKey, anchor?: string) => step('Save, then choose Verify in Posture Lens', page, anchor);

const docs = 'https://github.com/ServiceNow/ServiceNowDocs/blob/australia/markdown/';

/** ServiceNow documentation pages the remediation references cite (the `australia` branch of ServiceNow/ServiceNowDocs). */
export const serviceNowDocs = {
  privilegedUsers: `${docs}platform-security/security-center/privileged-users.md`,
  privilegedIdentity: `${docs}platform-security/security-center/privileged-identity.md`,
  integrationAccounts: `${docs}platform-security/security-center/integration-accounts.md`,
  users: `${docs}platform-security/security-center/users.md`,
  restrictImpersonation: `${docs}platform-security/instance-security-hardening-settings/sc-restrict-impersonation-to-admin.md`,
  strictElevate: `${docs}platform-security/instance-security-hardening-settings/sc-enforce-strict-elevate-privilege.md`,
  roleBasedMfa: `${docs}platform-security/instance-security-hardening-settings/sc-role-based-multi-factor-authentication.md`,
  activateRoleBasedMfa: `${docs}platform-security/instance-security-hardening-settings/sc-activate-role-based-multi-factor-authentication.md`,
  mfaOverview: `${docs}platform-security/authentication/c_MultifactorAuthentication.md`,
  disableLocalLogin: `${docs}platform-security/instance-security-hardening-settings/sc-disable-local-login-for-users-with-single-sign-on-sso-enabled.md`,
  forceSso: `${docs}platform-security/authentication/r_ForcingLoginViaSSOOnly.md`,
  multiSso: `${docs}platform-security/authentication/c_MultipleProviderSingleSignOn.md`,
  ipAccessControl: `${docs}platform-security/authentication/t_AccessControl.md`,
  ipRangePlugin: `${docs}platform-security/instance-security-hardening-settings/sc-restrict-access-to-specific-ip-ranges-plugin.md`,
  ipAllowList: `${docs}platform-security/instance-security-hardening-settings/sc-ip-addresses-access-allowlist.md`,
  oauthApplications: `${docs}platform-security/authentication/c_OAuthApplications.md`,
  manageTokens: `${docs}platform-security/authentication/t_ManageTokens.md`,
  publicPages: `${docs}platform-security/authentication/t_MakeAPagePublic.md`,
  securityMetrics: `${docs}platform-security/security-center/sc-metrics.md`,
  certificateTrust: `${docs}platform-security/instance-security-hardening-settings/sc-certificate-trust.md`,
} as const;

// Dates

/** The scan's "now": from the `scanTime` model value, never the clock. Throws (→ error verdict) when unreadable. */
export function scanNow(scanTime: string): number {
  const now = Date.parse(scanTime);
  if (Number.isNaN(now)) throw new Error(`the scan time "${scanTime}" is not a date`);
  return now;
}

/** Whole days from `then` to `now` (negative when `then` is later). */
export function daysBetween(then: number, now: number): number {
  return Math.floor((now - then) / dayMs);
}

/** "2026-03-01" of an ISO date. */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** "never logged in", "last login 2026-03-01", or with `now` "last login 2026-03-01 (45 days ago)". */
export function lastLoginText(lastLogin: string | null, now?: number): string {
  if (!lastLogin) return 'never logged in';
  if (now === undefined) return `last login ${dayOf(lastLogin)}`;
  return `last login ${dayOf(lastLogin)} (${count(daysBetween(Date.parse(lastLogin), now), 'day')} ago)`;
}

/** "30 minutes", "100 days", "1 hour", "45 seconds" */
export function secondsText(seconds: number): string {
  if (seconds >= 86_400 && seconds % 86_400 === 0) return count(seconds / 86_400, 'day');
  if (seconds >= 3_600 && seconds % 3_600 === 0) return count(seconds / 3_600, 'hour');
  if (seconds >= 60 && seconds % 60 === 0) return count(seconds / 60, 'minute');
  return count(seconds, 'second');
}

// Rows ServiceNow counted but did not send

export interface TableRead<T> {
  result: T[];
  total: number | null;
}

/** Rows ServiceNow counted (`X-Total-Count`) beyond those read: the scan's row budget or an access control left them out. */
export function unreadRows(table: TableRead<unknown>): number {
  return table.total === null ? 0 : Math.max(0, table.total - table.result.length);
}

/** "1,200 of 11,200 rows were not read" */
export function unreadText(table: TableRead<unknown>, what: string): string {
  const unread = unreadRows(table);
  return `${groupDigits(unread)} of ${groupDigits(table.total ?? 0)} ${what} were not read`;
}

// System properties

export type PropertyState =
  | { kind: 'set'; value: string }
  /** The record does not exist: ServiceNow applies the property's platform default. */
  | { kind: 'absent' }
  /** Whether the record exists cannot be told. */
  | { kind: 'unread'; why: string };

/**
 * A property as read: its value; absent (no record, and nothing hidden); or unread — not part of the properties the
 * scan asked for, or not returned while an access control hid some properties from the scan's role.
 */
export function readProperty(properties: PropertyRead, name: string): PropertyState {
  const value = properties.values.get(name);
  if (value !== undefined) return { kind: 'set', value };
  if (!properties.requested.has(name)) return { kind: 'unread', why: `${name} was not part of the properties this scan read` };
  if (properties.hiddenRows > 0) {
    return {
      kind: 'unread',
      why:
        `${name} was not returned, but ServiceNow counted ${count(properties.hiddenRows, 'more property', 'more properties')} than it sent: ` +
        'an access control hides some properties from your role, so whether this one exists cannot be told (elevate to security_admin and scan again)',
    };
  }
  return { kind: 'absent' };
}

/** "true" / "false" of a property value, or undefined when it is neither. */
export function propertyBoolean(value: string): boolean | undefined {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false') return false;
  return undefined;
}

/**
 * A true/false property: its value, or `absentDefault` when the record is absent (only pass one where the platform
 * default is documented), else undecided with why.
 */
export function booleanProperty(
  properties: PropertyRead,
  name: string,
  absentDefault?: boolean,
): { value: boolean; text: string } | { value: undefined; why: string } {
  const state = readProperty(properties, name);
  if (state.kind === 'unread') return { value: undefined, why: state.why };
  if (state.kind === 'absent') {
    if (absentDefault === undefined) return { value: undefined, why: `${name} does not exist on the instance and has no documented default` };
    return { value: absentDefault, text: `${name} is not set, so the platform default ${absentDefault} applies` };
  }
  const value = propertyBoolean(state.value);
  if (value === undefined) return { value: undefined, why: `${name} is "${state.value}", which is neither true nor false` };
  return { value, text: `${name} = ${value}` };
}

// Users and role grants

export interface RoleHolding {
  direct: boolean;
  inherited: boolean;
}

/** One user across all their grants of the privileged roles (a user has a row per grant, direct or inherited). */
export interface PrivilegedHolder {
  id: string;
  userName: string;
  name: string;
  active: boolean;
  lockedOut: boolean;
  lastLogin: string | null;
  webServiceOnly: boolean;
  /** Per-user MFA flag; undefined when the field was not returned. */
  mfa: boolean | undefined;
  roles: Map<string, RoleHolding>;
}

/** Grants grouped by user (`user.sys_id`), in the order read. */
export function privilegedHolders(grants: readonly RoleGrant[]): PrivilegedHolder[] {
  const holders = new Map<string, PrivilegedHolder>();
  for (const grant of grants) {
    const id = grant['user.sys_id'];
    let holder = holders.get(id);
    if (!holder) {
      holder = {
        id,
        userName: grant['user.user_name'],
        name: grant['user.name'],
        active: grant['user.active'],
        lockedOut: grant['user.locked_out'],
        lastLogin: grant['user.last_login_time'],
        webServiceOnly: grant['user.web_service_access_only'],
        mfa: grant['user.enable_multifactor_authn'],
        roles: new Map(),
      };
      holders.set(id, holder);
    } else if (holder.mfa === undefined && grant['user.enable_multifactor_authn'] !== undefined) {
      holder.mfa = grant['user.enable_multifactor_authn'];
    }
    const role = grant['role.name'];
    const holding = holder.roles.get(role) ?? { direct: false, inherited: false };
    if (grant.inherited) holding.inherited = true;
    else holding.direct = true;
    holder.roles.set(role, holding);
  }
  return [...holders.values()];
}

/** "Ada Lovelace (ada.lovelace)", or the user name alone. */
export function userLabel(user: { name: string; userName: string }): string {
  const name = user.name.trim();
  return name && name !== user.userName ? `${name} (${user.userName})` : user.userName || name;
}

/** "direct", "inherited", "direct and inherited" */
export function holdingText(holding: RoleHolding | undefined): string {
  if (!holding) return 'not held';
  if (holding.direct && holding.inherited) return 'direct and inherited';
  return holding.direct ? 'direct' : 'inherited through a group or role';
}

/** "admin (direct), impersonator (inherited through a group or role)" */
export function rolesText(holder: PrivilegedHolder, only?: readonly string[]): string {
  return [...holder.roles.entries()]
    .filter(([role]) => !only || only.includes(role))
    .map(([role, holding]) => `${role} (${holdingText(holding)})`)
    .join(', ');
}

export function userEntity(user: { id: string; name: string; userName: string }, detail: string): AffectedEntity {
  return { id: user.id, name: userLabel(user), kind: 'user', detail };
}

/** Active holders of `role`. */
export const activeHoldersOf = (holders: readonly PrivilegedHolder[], role: string) =>
  holders.filter((holder) => holder.active && holder.roles.has(role));
