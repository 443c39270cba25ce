import type { SourceDescription } from '@/utils/connector';

/**
 * Every read a ServiceNow scan makes, as data: GETs on the REST Table API (`/api/now/table/<table>`) and the
 * Aggregate API (`/api/now/stats/<table>`), made from the admin's own page with the page's user token
 * (reference/servicenow.md §1–2). Field lists are explicit (`sysparm_fields`) so no secret column (an OAuth
 * client secret, a password hash) is ever read, and reference links are left out.
 *
 * Raw data of a `table` source is `{ result: rows, total }`: the rows of every page read, and the
 * `X-Total-Count` of the first page (null when ServiceNow did not send it). A `stats` source keeps the
 * Aggregate API body, `{ result: { stats: { count: "N" } } }`.
 */

export interface ServiceNowSource {
  id: string;
  title: string;
  api: 'table' | 'stats';
  table: string;
  /** `sysparm_query`, or one computed from the scan's time (date bounds). */
  query?: string | ((scanTime: string) => string);
  /** `sysparm_fields` (table sources). */
  fields?: readonly string[];
  /** `sysparm_limit` per page (table sources; default 1000). */
  pageSize?: number;
  /** Most rows read; beyond it the source is marked truncated (controls name the first ones and count the rest). */
  maxRows?: number;
}

/** Roles whose holders the privileged-access controls review. */
export const privilegedRoles = ['admin', 'security_admin', 'impersonator', 'oauth_admin', 'user_admin'] as const;

/** Plugins the hardening settings and controls look at (`v_plugin.id`). */
export const watchedPlugins = [
  'com.glide.high_security',
  'com.glide.role_management',
  'com.snc.ipauthenticator',
  'com.snc.snc_access_control',
  'com.snc.system_security',
  'com.glide.security.audit',
  'com.glide.email_filter',
  'com.glide.limit.concurrent.sessions',
  'com.snc.integration.sso.multi',
  'com.snc.integration.sso.saml2.update1',
] as const;

/** ServiceNow's account-lockout script actions (reference §3.2: "SNC User Lockout Check", and the one "with Auto Unlock"). */
export const lockoutScriptActions = {
  lockout: '5e44f9bf0a0a0a0a019a6440b2137767',
  lockoutWithAutoUnlock: 'd92636b2975301008e00958e3b297567',
} as const;

/** Users without a login for this many days are stale. */
export const staleAfterDays = 90;

/** ServiceNow's encoded-query date-time: `YYYY-MM-DD HH:mm:ss` (UTC here; instances compare in the system zone). */
export function encodedQueryDate(scanTime: string, daysBefore: number): string {
  return new Date(Date.parse(scanTime) - daysBefore * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Fields of the holder of a role grant (dot-walked from `sys_user_has_role`). */
const grantFields = [
  'sys_id',
  'role.name',
  'inherited',
  'user.sys_id',
  'user.user_name',
  'user.name',
  'user.active',
  'user.locked_out',
  'user.last_login_time',
  'user.web_service_access_only',
  'user.enable_multifactor_authn',
] as const;

/**
 * Application Registry fields: the entry itself, the application scope it belongs to and who created it (where it
 * comes from), and the OAuth Application User a client-credentials entry runs as (`user`, dot-walked).
 * The token value and client secret are never read.
 */
const oauthEntityFields = [
  'sys_id',
  'name',
  'type',
  'active',
  'access_token_lifespan',
  'refresh_token_lifespan',
  'redirect_url',
  'sys_updated_on',
  'sys_created_on',
  'sys_created_by',
  'sys_scope.scope',
  'sys_scope.name',
  'user',
  'user.user_name',
  'user.name',
  'user.active',
] as const;

/** The system properties source is special: its `nameIN…` query lists every property the catalog and controls need (see properties.ts). */
export const propertiesSourceId = 'properties';

export const serviceNowSources = [
  { id: propertiesSourceId, title: 'System properties', api: 'table', table: 'sys_properties', fields: ['name', 'value'], pageSize: 1000 },
  {
    id: 'plugins',
    title: 'Security plugins',
    api: 'table',
    table: 'v_plugin',
    query: `idIN${watchedPlugins.join(',')}`,
    fields: ['id', 'name', 'active'],
  },
  {
    id: 'privilegedGrants',
    title: 'Holders of privileged roles',
    api: 'table',
    table: 'sys_user_has_role',
    query: `role.nameIN${privilegedRoles.join(',')}^ORDERBYuser.user_name`,
    fields: grantFields,
    pageSize: 1000,
    maxRows: 10_000,
  },
  {
    id: 'mfaCriteria',
    title: 'Multi-factor criteria',
    api: 'table',
    table: 'multi_factor_criteria',
    fields: ['sys_id', 'name', 'active', 'role.name'],
  },
  {
    id: 'ipAccessRules',
    title: 'IP address access controls',
    api: 'table',
    table: 'ip_access',
    fields: ['sys_id', 'type', 'direction', 'active', 'range_start', 'range_end', 'description'],
  },
  {
    id: 'lockoutScriptActions',
    title: 'Account lockout script actions',
    api: 'table',
    table: 'sysevent_script_action',
    query: `sys_idIN${Object.values(lockoutScriptActions).join(',')}`,
    fields: ['sys_id', 'name', 'active'],
  },
  { id: 'excludedPasswordCount', title: 'Excluded (deny-listed) passwords', api: 'stats', table: 'blacklisted_password' },
  {
    id: 'oauthEntities',
    title: 'OAuth application registry',
    api: 'table',
    table: 'oauth_entity',
    query: 'ORDERBYname',
    fields: oauthEntityFields,
    maxRows: 5000,
  },
  {
    id: 'oauthScopes',
    title: 'OAuth entity scopes',
    api: 'table',
    table: 'oauth_entity_scope',
    query: 'ORDERBYoauth_entity',
    fields: ['sys_id', 'oauth_entity', 'oauth_entity_scope', 'name'],
    maxRows: 5000,
  },
  {
    id: 'oauthTokens',
    title: 'Live OAuth tokens',
    api: 'table',
    table: 'oauth_credential',
    // Newest first: when the read is capped, every token left unread was issued before the last one read.
    query: (scanTime: string) => `expires>${encodedQueryDate(scanTime, 0)}^ORDERBYDESCsys_created_on`,
    fields: ['sys_id', 'type', 'expires', 'sys_created_on', 'peer', 'user', 'user.user_name', 'user.name', 'user.active'],
    pageSize: 1000,
    maxRows: 5000,
  },
  {
    id: 'certificates',
    title: 'X.509 certificates',
    api: 'table',
    table: 'sys_certificate',
    query: 'active=true^ORDERBYexpires',
    fields: ['sys_id', 'name', 'type', 'active', 'expires'],
    maxRows: 5000,
  },
  {
    id: 'publicPages',
    title: 'Public pages',
    api: 'table',
    table: 'sys_public',
    query: 'active=true^ORDERBYpage',
    fields: ['sys_id', 'page', 'active'],
  },
  {
    id: 'samlConfigs',
    title: 'SAML 2.0 identity providers',
    api: 'table',
    table: 'saml2_update1_properties',
    fields: ['sys_id', 'name', 'active'],
  },
  { id: 'activeUserCount', title: 'Active users', api: 'stats', table: 'sys_user', query: 'active=true' },
  {
    id: 'staleUsers',
    title: `Active users without a login for ${staleAfterDays} days`,
    api: 'table',
    table: 'sys_user',
    query: (scanTime: string) =>
      `active=true^last_login_time<${encodedQueryDate(scanTime, staleAfterDays)}^ORlast_login_timeISEMPTY^ORDERBYuser_name`,
    fields: ['sys_id', 'user_name', 'name', 'last_login_time', 'sys_created_on'],
    pageSize: 200,
    maxRows: 200,
  },
  {
    id: 'interactiveIntegrationUsers',
    title: 'Integration users allowed to log in interactively',
    api: 'table',
    table: 'sys_user',
    query: 'active=true^internal_integration_user=true^web_service_access_only=false^ORDERBYuser_name',
    fields: ['sys_id', 'user_name', 'name', 'last_login_time'],
    pageSize: 200,
    maxRows: 200,
  },
] as const satisfies readonly ServiceNowSource[];

export const serviceNowSourceList: readonly ServiceNowSource[] = serviceNowSources;

export type ServiceNowSourceId = (typeof serviceNowSources)[number]['id'];

export const serviceNowSourceDescriptions: SourceDescription[] = serviceNowSources.map(({ id, title }) => ({ id, title }));

/** The `sysparm_query` of a source at `scanTime`. */
export function sourceQuery(source: ServiceNowSource, scanTime: string): string | undefined {
  return typeof source.query === 'function' ? source.query(scanTime) : source.query;
}

/** Path and query of one request: a page of a table source, or a stats count. */
export function sourceRequestPath(source: ServiceNowSource, scanTime: string, offset = 0, query = sourceQuery(source, scanTime)): string {
  const params = new URLSearchParams();
  if (query) params.set('sysparm_query', query);
  if (source.api === 'stats') {
    params.set('sysparm_count', 'true');
    return `/api/now/stats/${source.table}?${params.toString()}`;
  }
  if (source.fields) params.set('sysparm_fields', source.fields.join(','));
  params.set('sysparm_limit', String(Math.min(source.pageSize ?? 1000, source.maxRows ?? Number.POSITIVE_INFINITY)));
  if (offset > 0) params.set('sysparm_offset', String(offset));
  params.set('sysparm_exclude_reference_link', 'true');
  return `/api/now/table/${source.table}?${params.toString()}`;
}
