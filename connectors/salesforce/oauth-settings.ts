import type { ConnectedAppOauth } from './model';

/**
 * A connected app's OAuth settings in the words of its OAuth Policies page: the Metadata API's scope enum values
 * (Full, Api, RefreshToken…) become the scope names of the OAuth scope list (full, api, refresh_token…), and the policy
 * codes become the options an admin picks.
 */

/** Metadata API scope value → the scope name the OAuth scope list shows. Synonyms map to one name. */
const scopeNames: Record<string, string> = {
  Full: 'full',
  Api: 'api',
  Web: 'web',
  RefreshToken: 'refresh_token',
  OfflineAccess: 'refresh_token',
  Basic: 'id',
  Profile: 'profile',
  Email: 'email',
  Address: 'address',
  Phone: 'phone',
  OpenID: 'openid',
  Chatter: 'chatter_api',
  CustomApplications: 'visualforce',
  CustomPermissions: 'custom_permissions',
  Wave: 'wave_api',
  Eclair: 'eclair_api',
  Pardot: 'pardot_api',
  Lightning: 'lightning',
  Content: 'content',
  CDPIngest: 'cdp_ingest_api',
  Chatbot: 'chatbot_api',
  ForgotPassword: 'forgot_password',
  UserRegistration: 'user_registration_api',
  PwdlessLogin: 'pwdless_login_api',
};

/**
 * Scopes that let the app act with everything its user can reach, or for as long as it likes: `full` and `api` open
 * all the user's data, `web` the user's browser session, `refresh_token` keeps that access after the user leaves.
 */
export const broadSalesforceScopes: ReadonlySet<string> = new Set(['full', 'api', 'refresh_token', 'web']);

/** The scope names an admin sees, in the order given, without repeats; an unknown value is kept as Salesforce sent it. */
export function scopeNamesOf(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((scope) => scopeNames[scope] ?? scope))];
}

/** Values Salesforce does not document: they may hide a broad scope spelled differently, so a check cannot pass on them. */
export function unrecognisedScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !Object.hasOwn(scopeNames, scope));
}

export type IpRelaxation = 'ENFORCE' | 'BYPASS_2FACTOR' | 'BYPASS' | 'ENFORCE_RELAXREFRESH';

const ipRelaxationLabels: Record<IpRelaxation, string> = {
  ENFORCE: 'Enforce IP restrictions',
  BYPASS_2FACTOR: 'Relax IP restrictions with second factor',
  BYPASS: 'Relax IP restrictions',
  ENFORCE_RELAXREFRESH: 'Enforce IP restrictions, but relax for refresh tokens',
};

export function isIpRelaxation(value: string | null): value is IpRelaxation {
  return value !== null && value in ipRelaxationLabels;
}

export function ipRelaxationLabel(value: string | null): string {
  if (value === null) return 'Not set (the app has no OAuth policy)';
  return isIpRelaxation(value) ? ipRelaxationLabels[value] : `Unrecognised value "${value}"`;
}

/**
 * The settings under which a stolen token works from any network: "Relax IP restrictions" lets every request past the
 * org's and profiles' IP ranges, "relax for refresh tokens" lets a refresh token mint new sessions from anywhere.
 * "With second factor" still asks for the app's own IP list or identity verification on a new device.
 */
export const relaxedIpPolicies: ReadonlySet<IpRelaxation> = new Set(['BYPASS', 'ENFORCE_RELAXREFRESH']);

const units: Record<string, [string, string]> = { HOURS: ['hour', 'hours'], DAYS: ['day', 'days'], MONTHS: ['month', 'months'] };

/** The refresh token policy as the OAuth Policies page words it; null for a value Salesforce does not document. */
export function refreshTokenPolicyLabel(value: string): string | null {
  if (value === 'infinite') return 'Refresh token is valid until revoked';
  if (value === 'zero') return 'Expire refresh token immediately';
  const match = /^(specific_lifetime|specific_inactivity):(\d+):(HOURS|DAYS|MONTHS)$/.exec(value);
  if (!match) return null;
  const amount = Number(match[2]);
  const [one, many] = units[match[3]!]!;
  const period = `${amount} ${amount === 1 ? one : many}`;
  return match[1] === 'specific_lifetime' ? `Expire refresh token after ${period}` : `Expire refresh token if not used for ${period}`;
}

/** Whether the app's settings keep a refresh token alive until someone revokes it. */
export const neverExpires = (settings: ConnectedAppOauth) => settings.refreshTokenPolicy === 'infinite';
