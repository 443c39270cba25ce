import type { SourceDescription } from '@/utils/connector';

/**
 * Every read an Okta scan makes, as data: all are GETs on the Management API (`/api/v1/...`) or the org's
 * `/.well-known` metadata, made from the admin's Admin Console session. Paths are exactly those of
 * `reference/okta.md` §2 and the Management OpenAPI spec.
 *
 * No source reads every user: admins come from the IAM role-assignment listing (and their roles, profile and
 * factors are read one admin at a time), inactive users from a `search` bounded by a date computed at scan time.
 * A child source (`parent`) is read once per item of its parent's response, the `{placeholder}` of its path
 * filled with the item's `id`; its raw data is `{ [parentItemId]: response }`.
 */

export type OktaPaging =
  /** `Link: <…>; rel="next"` response headers; the raw data is every page's array, concatenated. */
  | 'link'
  /** `_links.next.href` in the body (IAM endpoints); the raw data is every page's `value` items, concatenated. */
  | 'body'
  /** One request, no paging. */
  | 'none';

export interface OktaSource {
  id: string;
  title: string;
  /** Path on the org host, with any fixed query; a child's path holds one `{placeholder}` for the parent item's id. */
  path: string;
  paging: OktaPaging;
  /** Page size, sent as `limit`. */
  limit?: number;
  /** Most items read; beyond it the source is marked truncated (controls report the first ones). */
  maxItems?: number;
  /** Below Super Admin, Okta answers 403 `E0000006` (or hides items): controls say "needs Super Admin". */
  superAdminOnly?: boolean;
  /** Query parameters computed from the scan's time (e.g. a date bound), merged into the path's query. */
  query?: (scanTime: string) => Record<string, string>;
  /** Child source: read once per item of this source's response. */
  parent?: string;
  /** Child source: path read instead when `path` answers 404 (e.g. a brand with no customised sign-in page). */
  notFoundPath?: string;
  /**
   * Child source: which parent items it is read for, and the value filling the placeholder (the item's `id` when
   * absent). Items it returns undefined for are not read; the raw data is keyed by the returned value.
   */
  selectParent?: (item: Record<string, unknown>) => string | undefined;
  /** Child source: most parent items read; beyond it the source is marked truncated. */
  maxParents?: number;
  /** A 404 is the feature's absence (an Identity Engine feature on a Classic org): the raw data is `{ notFound: true }`. */
  absentWhenNotFound?: boolean;
}

/** Inactive users are those without a sign-in for this many days (V-273188 asks 35; the 90-day check filters further). */
export const inactiveAfterDays = 35;

/** Most apps whose OAuth grants and client roles a scan reads: a bound on the fan-out, said as a gap when reached. */
export const maxAppsRead = 25;

/** Okta's own apps (Admin Console, Dashboard, browser plugin): not third-party. */
export const firstPartyAppNames: ReadonlySet<string> = new Set(['saasure', 'okta_enduser', 'okta_browser_plugin']);

/** An app's OAuth client, when it is an OpenID Connect app of the org's own (Okta's first-party apps are left out). */
function oauthClientOf(item: Record<string, unknown>): { clientId: string; applicationType: unknown } | undefined {
  if (item.signOnMode !== 'OPENID_CONNECT' || typeof item.name !== 'string' || firstPartyAppNames.has(item.name)) return undefined;
  const credentials = item.credentials as { oauthClient?: { client_id?: unknown } } | undefined;
  const settings = item.settings as { oauthClient?: { application_type?: unknown } } | undefined;
  const clientId = credentials?.oauthClient?.client_id;
  return { clientId: typeof clientId === 'string' && clientId ? clientId : String(item.id), applicationType: settings?.oauthClient?.application_type };
}

/** Most refresh tokens counted per app: past it the app holds "at least" that many, which decides as much. */
export const maxTokensRead = 1000;

/** How far back the System Log goes: an app with no event in it has not been used for at least this long. */
export const systemLogDays = 90;

/** An app allowed the `refresh_token` grant: the only kind that can hold refresh tokens. */
export function issuesRefreshTokens(item: Record<string, unknown>): boolean {
  const settings = item.settings as { oauthClient?: { grant_types?: unknown } } | undefined;
  const grantTypes = settings?.oauthClient?.grant_types;
  return Array.isArray(grantTypes) && grantTypes.includes('refresh_token');
}

/**
 * The newest System Log event an OAuth client acted in: Okta logs every token it issues (authorization code,
 * refresh or client credentials) with the client as the actor (`PublicClientApp`, id = client id), so the filter is
 * exact for user-facing apps and API service integrations alike.
 */
const lastUseOfClient = {
  path: '/api/v1/logs?filter=actor.id eq "{clientId}"&sortOrder=DESCENDING',
  paging: 'none',
  limit: 1,
  query: (scanTime: string) => ({ since: daysBefore(scanTime, systemLogDays) }),
  maxParents: maxAppsRead,
} as const;

/** The ISO 8601 instant `days` before `scanTime`. */
export function daysBefore(scanTime: string, days: number): string {
  return new Date(Date.parse(scanTime) - days * 86_400_000).toISOString();
}

export const oktaSources = [
  // Org
  { id: 'org', title: 'Organization', path: '/api/v1/org', paging: 'none' },
  { id: 'orgMetadata', title: 'Org metadata (Identity Engine or Classic)', path: '/.well-known/okta-organization', paging: 'none' },
  { id: 'oktaSupport', title: 'Okta Support access', path: '/api/v1/org/privacy/oktaSupport', paging: 'none' },
  {
    id: 'clientPrivilegesSetting',
    title: 'Public client app admins',
    path: '/api/v1/org/settings/clientPrivilegesSetting',
    paging: 'none',
  },
  {
    id: 'adminConsoleSettings',
    title: 'Okta Admin Console session settings',
    path: '/api/v1/first-party-app-settings/admin-console',
    paging: 'none',
    superAdminOnly: true,
  },

  // Policies and their rules
  { id: 'passwordPolicies', title: 'Password policies', path: '/api/v1/policies?type=PASSWORD', paging: 'link', limit: 200 },
  {
    id: 'passwordPolicyRules',
    title: 'Password policy rules',
    path: '/api/v1/policies/{policyId}/rules',
    paging: 'link',
    limit: 100,
    parent: 'passwordPolicies',
  },
  {
    id: 'signOnPolicies',
    title: 'Global session policies',
    path: '/api/v1/policies?type=OKTA_SIGN_ON',
    paging: 'link',
    limit: 200,
  },
  {
    id: 'signOnPolicyRules',
    title: 'Global session policy rules',
    path: '/api/v1/policies/{policyId}/rules',
    paging: 'link',
    limit: 100,
    parent: 'signOnPolicies',
  },
  {
    id: 'accessPolicies',
    title: 'Authentication policies',
    path: '/api/v1/policies?type=ACCESS_POLICY',
    paging: 'link',
    limit: 200,
  },
  {
    id: 'accessPolicyRules',
    title: 'Authentication policy rules',
    path: '/api/v1/policies/{policyId}/rules',
    paging: 'link',
    limit: 100,
    parent: 'accessPolicies',
  },
  {
    id: 'mfaEnrollPolicies',
    title: 'Authenticator enrollment policies',
    path: '/api/v1/policies?type=MFA_ENROLL',
    paging: 'link',
    limit: 200,
  },
  {
    // Not in the spec's `type` enum; Prowler and Salto read Workflow > Automations this way (okta.md §2.1).
    id: 'lifecyclePolicies',
    title: 'User lifecycle automations',
    path: '/api/v1/policies?type=USER_LIFECYCLE',
    paging: 'link',
    limit: 200,
  },
  {
    id: 'lifecyclePolicyRules',
    title: 'User lifecycle automation actions',
    path: '/api/v1/policies/{policyId}/rules',
    paging: 'link',
    limit: 100,
    parent: 'lifecyclePolicies',
  },

  // Authenticators and threat protection
  { id: 'authenticators', title: 'Authenticators', path: '/api/v1/authenticators', paging: 'none' },
  { id: 'threatInsight', title: 'ThreatInsight', path: '/api/v1/threats/configuration', paging: 'none' },
  { id: 'networkZones', title: 'Network zones', path: '/api/v1/zones', paging: 'link', limit: 200 },
  { id: 'behaviors', title: 'Behavior detection rules', path: '/api/v1/behaviors', paging: 'none' },
  { id: 'trustedOrigins', title: 'Trusted origins', path: '/api/v1/trustedOrigins', paging: 'link', limit: 200 },

  // Admins and API tokens
  { id: 'apiTokens', title: 'API tokens', path: '/api/v1/api-tokens', paging: 'link', limit: 200 },
  {
    id: 'adminAssignees',
    title: 'Users with admin roles',
    path: '/api/v1/iam/assignees/users',
    paging: 'body',
    limit: 100,
  },
  {
    id: 'adminRoles',
    title: 'Admin roles of each admin',
    path: '/api/v1/users/{userId}/roles',
    paging: 'none',
    parent: 'adminAssignees',
  },
  { id: 'adminUsers', title: 'Admin accounts', path: '/api/v1/users/{userId}', paging: 'none', parent: 'adminAssignees' },
  {
    id: 'adminFactors',
    title: 'Enrolled factors of each admin',
    path: '/api/v1/users/{userId}/factors',
    paging: 'none',
    parent: 'adminAssignees',
  },

  // Users: only those without a recent sign-in, never the whole directory.
  {
    // `lastLogin` in `search` is UNCONFIRMED by the spec text (okta.md §2.8): if Okta rejects it the source fails
    // and the inactive-user controls become unknown; the scan never falls back to reading every user.
    id: 'inactiveUsers',
    title: `Active users without a sign-in for ${inactiveAfterDays} days`,
    path: '/api/v1/users',
    paging: 'link',
    limit: 200,
    maxItems: 1000,
    query: (scanTime: string) => ({
      search: `status eq "ACTIVE" and lastLogin lt "${daysBefore(scanTime, inactiveAfterDays)}"`,
    }),
  },

  // Apps, federation, integrations
  { id: 'apps', title: 'Applications', path: '/api/v1/apps', paging: 'link', limit: 200 },
  {
    // Okta API scopes an admin granted each OpenID Connect app (what its tokens may do through the Management API).
    id: 'appGrants',
    title: 'Okta API scopes granted to each OpenID Connect app',
    path: '/api/v1/apps/{appId}/grants',
    paging: 'none',
    parent: 'apps',
    selectParent: (item) => (oauthClientOf(item) && typeof item.id === 'string' ? item.id : undefined),
    maxParents: maxAppsRead,
  },
  {
    // A service app acts as its own client: its admin roles, not a user's, bound what its tokens may do.
    id: 'clientRoles',
    title: 'Admin roles of each service app',
    path: '/oauth2/v1/clients/{clientId}/roles',
    paging: 'none',
    parent: 'apps',
    selectParent: (item) => {
      const client = oauthClientOf(item);
      return client?.applicationType === 'service' ? client.clientId : undefined;
    },
    maxParents: maxAppsRead,
  },
  {
    // Identity Engine only: a Classic org answers 404, which is the feature's absence there.
    id: 'apiServiceIntegrations',
    title: 'API service integrations',
    path: '/integrations/api/v1/api-services',
    paging: 'link',
    absentWhenNotFound: true,
  },
  {
    id: 'appTokens',
    title: 'Refresh tokens of each OpenID Connect app',
    path: '/api/v1/apps/{appId}/tokens',
    paging: 'link',
    limit: 200,
    maxItems: maxTokensRead,
    parent: 'apps',
    selectParent: (item) => (oauthClientOf(item) && issuesRefreshTokens(item) && typeof item.id === 'string' ? item.id : undefined),
    maxParents: maxAppsRead,
  },
  {
    id: 'appLastUse',
    title: 'Last use of each OpenID Connect app (System Log)',
    ...lastUseOfClient,
    parent: 'apps',
    selectParent: (item) => oauthClientOf(item)?.clientId,
  },
  {
    // An integration's id is its OAuth client's id (`_links.client`).
    id: 'integrationLastUse',
    title: 'Last use of each API service integration (System Log)',
    ...lastUseOfClient,
    parent: 'apiServiceIntegrations',
  },
  {
    // An OpenID Connect app with Okta API scopes acts with the rights of whoever signs in to it: the apps assigned to
    // each admin (directly or through a group) are those that can act as an admin.
    id: 'adminAppLinks',
    title: 'Apps assigned to each admin',
    path: '/api/v1/users/{userId}/appLinks',
    paging: 'none',
    parent: 'adminAssignees',
  },
  { id: 'identityProviders', title: 'Identity providers', path: '/api/v1/idps', paging: 'link', limit: 200 },
  { id: 'logStreams', title: 'Log streams', path: '/api/v1/logStreams', paging: 'link', limit: 200 },
  { id: 'eventHooks', title: 'Event hooks', path: '/api/v1/eventHooks', paging: 'none' },
  { id: 'brands', title: 'Brands', path: '/api/v1/brands', paging: 'link', limit: 200 },
  {
    id: 'signInPages',
    title: 'Sign-in page of each brand',
    path: '/api/v1/brands/{brandId}/pages/sign-in/customized',
    notFoundPath: '/api/v1/brands/{brandId}/pages/sign-in/default',
    paging: 'none',
    parent: 'brands',
  },
] as const satisfies readonly OktaSource[];

export const oktaSourceList: readonly OktaSource[] = oktaSources;

export type OktaSourceDefinitionId = (typeof oktaSources)[number]['id'];

export const oktaSourceDescriptions: SourceDescription[] = oktaSources.map(({ id, title }) => ({ id, title }));

/** The ids (or the values `select` picks) of a parent source's raw data items its children are read for, without repeats. */
export function parentItemIds(data: unknown, select?: OktaSource['selectParent']): string[] {
  const items = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { value?: unknown }).value)
      ? ((data as { value: unknown[] }).value)
      : [];
  const ids = items
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .map((item) => (select ? select(item) : item.id))
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  return [...new Set(ids)];
}

/**
 * The first request's path and query of `source` (a child's `{placeholder}` filled with `parentId`): the fixed
 * query of its path, then `limit`, then the parameters computed from `scanTime`, all URL-encoded.
 */
export function sourcePath(source: OktaSource, scanTime: string, parentId?: string, path: string = source.path): string {
  const filled = path.replace(/\{[A-Za-z]+\}/g, () => {
    if (!parentId) throw new Error(`Source "${source.id}" needs the id of a ${source.parent ?? 'parent'} item.`);
    return encodeURIComponent(parentId);
  });
  const [pathname, fixed = ''] = filled.split('?', 2);
  const params = new URLSearchParams(fixed);
  if (source.limit) params.set('limit', String(source.limit));
  for (const [key, value] of Object.entries(source.query?.(scanTime) ?? {})) params.set(key, value);
  const query = params.toString();
  return query ? `${pathname}?${query}` : (pathname ?? filled);
}
