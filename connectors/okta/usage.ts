import type { ApiServiceIntegration, LogEvent, OktaApp, RefreshToken } from './model';
import { firstPartyAppNames, issuesRefreshTokens, maxTokensRead, systemLogDays } from './sources';

/**
 * When each third-party app was last used and how many live refresh tokens it holds, from the System Log and the
 * Apps API: what the access inventory shows beside each app and what the idle-app checks decide on. Pure.
 */

/** `used`: its newest event in the System Log; `idle`: no event in the days the log keeps; `unread`: not known. */
export type LastUse = { state: 'used'; at: string } | { state: 'idle' } | { state: 'unread' };

/** `counted`: its live refresh tokens (`atLeast` when more were left unread); `not_issued`: it is not allowed the refresh_token grant. */
export type LiveRefreshTokens = { state: 'counted'; live: number; atLeast: boolean } | { state: 'not_issued' } | { state: 'unread' };

export interface AppUsage {
  lastUse: LastUse;
  refreshTokens: LiveRefreshTokens;
}

/** The OAuth client an OpenID Connect app's tokens are issued to (its id when the listing does not say). */
export const clientIdOf = (app: OktaApp) => app.credentials?.oauthClient?.client_id || app.id;

/** Okta's sign-on modes, as its admin console names them. */
export const signOnModes: Record<string, string> = {
  OPENID_CONNECT: 'OpenID Connect',
  SAML_2_0: 'SAML 2.0',
  SAML_1_1: 'SAML 1.1',
  WS_FEDERATION: 'WS-Federation',
  AUTO_LOGIN: 'Secure Web Authentication',
  BROWSER_PLUGIN: 'Secure Web Authentication (plugin)',
  BASIC_AUTH: 'Basic authentication',
  BOOKMARK: 'Bookmark',
  SECURE_PASSWORD_STORE: 'Secure password store',
};

/**
 * An app that is, or may be, an OpenID Connect app: one whose sign-on mode is missing or none Okta documents may be
 * issued tokens too, so it is judged as one (its grants and tokens unread unless they were), never left out as safe.
 */
export const mayBeOidc = (app: OktaApp) => app.signOnMode === 'OPENID_CONNECT' || !Object.hasOwn(signOnModes, app.signOnMode ?? '');

/** The org's own OpenID Connect apps: the apps that are issued tokens (Okta's first-party apps are left out). */
export const thirdPartyOidcApps = (apps: OktaApp[]) => apps.filter((app) => mayBeOidc(app) && !firstPartyAppNames.has(app.name));

/** The newest event of a client, from the `{ clientId: [newest event] }` read; unread when the client was not read. */
export function lastUseOf(clientId: string, events: Record<string, LogEvent[]> | undefined): LastUse {
  const read = events?.[clientId];
  if (!read) return { state: 'unread' };
  const newest = read.reduce<LogEvent | undefined>((latest, event) => (!latest || Date.parse(event.published) > Date.parse(latest.published) ? event : latest), undefined);
  return newest ? { state: 'used', at: newest.published } : { state: 'idle' };
}

/** A refresh token that still works at `now`: active and not expired (no `expiresAt`: an unlimited lifetime). */
function isLive(token: RefreshToken, now: number): boolean {
  if (token.status !== 'ACTIVE') return false;
  const expires = token.expiresAt ? Date.parse(token.expiresAt) : Number.POSITIVE_INFINITY;
  return Number.isNaN(expires) || expires > now;
}

/** Tokens read count whatever the app's settings now say; with none read, only grant types that leave out refresh_token show it holds none. */
export function refreshTokensOf(app: OktaApp, tokens: Record<string, RefreshToken[]> | undefined, now: number): LiveRefreshTokens {
  const read = tokens?.[app.id];
  if (read) return { state: 'counted', live: read.filter((token) => isLive(token, now)).length, atLeast: read.length >= maxTokensRead };
  const grantTypes = app.settings?.oauthClient?.grant_types;
  return Array.isArray(grantTypes) && !issuesRefreshTokens(app) ? { state: 'not_issued' } : { state: 'unread' };
}

/** The usage of every third-party OpenID Connect app and API service integration, keyed by its inventory id (`app:<id>`). */
export function appUsage(
  input: {
    apps?: OktaApp[];
    appTokens?: Record<string, RefreshToken[]>;
    appLastUse?: Record<string, LogEvent[]>;
    integrations?: ApiServiceIntegration[];
    integrationLastUse?: Record<string, LogEvent[]>;
  },
  now: number,
): Map<string, AppUsage> {
  const usage = new Map<string, AppUsage>();
  for (const app of thirdPartyOidcApps(input.apps ?? [])) {
    usage.set(`app:${app.id}`, { lastUse: lastUseOf(clientIdOf(app), input.appLastUse), refreshTokens: refreshTokensOf(app, input.appTokens, now) });
  }
  for (const integration of input.integrations ?? []) {
    const id = `app:${integration.id}`;
    // Client credentials are never given refresh tokens: what an integration holds is its client secret.
    if (!usage.has(id)) usage.set(id, { lastUse: lastUseOf(integration.id, input.integrationLastUse), refreshTokens: { state: 'not_issued' } });
  }
  return usage;
}

/** Whether an app with no event in the log has existed longer than the log keeps: otherwise it may simply be new. */
export function olderThanLog(createdAt: string | null | undefined, now: number): boolean {
  const created = createdAt ? Date.parse(createdAt) : Number.NaN;
  // An unknown creation date cannot show the app is new: it counts as old, never as a pass.
  return Number.isNaN(created) || now - created >= systemLogDays * 86_400_000;
}

export function liveTokensText(tokens: LiveRefreshTokens): string {
  if (tokens.state === 'not_issued') return 'none: it is not allowed the refresh_token grant';
  if (tokens.state === 'unread') return 'not read';
  return `${tokens.atLeast ? 'at least ' : ''}${tokens.live}`;
}

export function lastUseText(lastUse: LastUse): string {
  if (lastUse.state === 'used') return lastUse.at.slice(0, 10);
  if (lastUse.state === 'idle') return `none in the ${systemLogDays} days the System Log keeps`;
  return 'not read';
}
