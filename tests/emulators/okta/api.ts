import { type Answer, forbidden, invalidSearch, methodNotAllowed, notFound, oktaError } from './faults';
import { expandUser, linkHeaders, pageById, QueryError, selectUsers } from './query';
import { type Json, oktaId, type SeedUser } from './seed';
import type { OktaSession } from './sessions';
import type { OrgState } from './state';
import { systemLog } from './system-log';

/**
 * Management API answers (`/api/v1/…`, `/api/internal/…`, `/.well-known/okta-organization`) in the OpenAPI shapes.
 * Super-Admin-only (403 E0000006 for other admins): see `superAdminOnly`. Read-only admins get an app list
 * without the first-party apps `saasure` and `okta_enduser` (as Prowler documents for roles below Super Admin).
 */
export const superAdminOnly: RegExp[] = [
  /^\/api\/v1\/api-tokens(\/|$)/,
  /^\/api\/v1\/iam\/assignees\/users$/,
  /^\/api\/v1\/logStreams(\/|$)/,
  /^\/api\/v1\/first-party-app-settings\/admin-console$/,
];
const firstPartyApps = new Set(['saasure', 'okta_enduser']);
const policyTypes = ['OKTA_SIGN_ON', 'PASSWORD', 'MFA_ENROLL', 'IDP_DISCOVERY', 'ACCESS_POLICY', 'DEVICE_SIGNAL_COLLECTION', 'PROFILE_ENROLLMENT', 'POST_AUTH_SESSION', 'ENTITY_RISK', 'USER_LIFECYCLE'];

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Origin the request addressed (links are built on it). */
  origin: string;
  session?: OktaSession;
}

const ok = (body: unknown, headers?: Record<string, string | string[]>): Answer => ({ status: 200, body, headers: headers as Record<string, string> });

function list(items: Json[], request: ApiRequest, defaultLimit: number, maxLimit = 200): Answer {
  const page = pageById(items as Array<Json & { id: string }>, request.query, defaultLimit, maxLimit);
  return ok(page.items, { Link: linkHeaders(request.origin, request.path, request.query, page.nextAfter) } as never);
}

function withLinks(item: Json, href: string, extra: Json = {}): Json {
  return { ...item, _links: { ...(item._links ?? {}), self: { href }, ...extra } };
}

function policyJson(policy: Json, origin: string): Json {
  const { rules: _rules, ...rest } = policy;
  return withLinks(rest, `${origin}/api/v1/policies/${policy.id}`, { rules: { href: `${origin}/api/v1/policies/${policy.id}/rules` } });
}

function appJson(app: Json, origin: string): Json {
  const links: Json = { self: { href: `${origin}/api/v1/apps/${app.id}` }, users: { href: `${origin}/api/v1/apps/${app.id}/users` } };
  if (app._links?.accessPolicy) links.accessPolicy = { href: `${origin}${app._links.accessPolicy.href}` };
  return { ...app, _links: links };
}

function appFilter(expression: string | null): (app: Json) => boolean {
  if (!expression) return () => true;
  const match = /^\s*(name|status|id)\s+eq\s+"([^"]*)"\s*$/.exec(expression);
  if (!match) throw new QueryError('app filter');
  const [, field, value] = match as unknown as [string, string, string];
  return (app) => app[field] === value;
}

export function handleApi(org: OrgState, request: ApiRequest): Answer {
  const { path, query, origin, session } = request;
  const seed = org.seed;
  if (path === '/.well-known/okta-organization') {
    return ok({ id: seed.orgId, pipeline: seed.pipeline, _links: { organization: { href: `${origin.replace(`${org.adminHost}`, org.orgHost)}` } }, settings: { analyticsCollectionEnabled: false, bugReporting: false, omEnabled: false } });
  }
  if (request.method !== 'GET') return methodNotAllowed();
  if (!session) return oktaError(401, 'E0000011', 'Invalid token provided');
  const superAdmin = session.role === 'SUPER_ADMIN';
  if (!superAdmin && superAdminOnly.some((pattern) => pattern.test(path))) return forbidden();
  if (session.role === 'USER' && path !== '/api/v1/users/me') return forbidden();
  if (path === '/integrations/api/v1/api-services') {
    // An Identity Engine feature: a Classic org has no such resource.
    if (seed.pipeline !== 'idx') return notFound(path);
    const items = (seed.apiServices ?? []).map((item) => withLinks(item, `${origin}/integrations/api/v1/api-services/${item.id}`, { client: { href: `${origin}/oauth2/v1/clients/${item.id}` } }));
    return list(items, request, 20);
  }
  const clientRoles = /^\/oauth2\/v1\/clients\/([^/]+)\/roles$/.exec(path);
  if (clientRoles) {
    const clientId = decodeURIComponent(clientRoles[1] as string);
    const client = seed.apps.find((candidate) => candidate.credentials?.oauthClient?.client_id === clientId);
    if (!client) return notFound(clientId);
    return ok(seed.roles.filter((role) => role.clientId === clientId).map((role) => org.roleJson(role, origin)));
  }
  if (!path.startsWith('/api/')) return notFound(path);
  const parts = path.split('/').filter(Boolean).slice(2); // after "api/v1" (or "api/internal")
  const [resource, id, sub, subId] = parts;
  const internal = path.startsWith('/api/internal/');
  try {
    if (internal) {
      if (path === '/api/internal/email-notifications') return ok({ ...seed.emailNotifications });
      return notFound(path);
    }
    switch (resource) {
      case 'org':
        if (!id) return ok({ id: seed.orgId, subdomain: seed.name, companyName: seed.companyName, status: 'ACTIVE', expiresAt: null, created: '2020-01-01T00:00:00.000Z',
          lastUpdated: '2024-01-01T00:00:00.000Z', website: `https://www.${seed.name}.example`, supportPhoneNumber: '+1-555-0100', endUserSupportHelpURL: null,
          _links: { preferences: { href: `${origin}/api/v1/org/preferences` }, contacts: { href: `${origin}/api/v1/org/contacts` } } });
        if (id === 'preferences') return ok({ showEndUserFooter: true });
        if (id === 'privacy' && sub === 'oktaSupport' && !subId) return ok({ support: seed.orgSettings.oktaSupport, expiration: seed.orgSettings.oktaSupport === 'ENABLED' ? '2030-01-01T00:00:00.000Z' : null, caseNumber: null });
        if (id === 'privacy' && sub === 'oktaCommunication') return ok({ optOutEmailUsers: seed.orgSettings.optOutEmailUsers });
        if (id === 'orgSettings' && sub === 'thirdPartyAdminSetting') return ok({ thirdPartyAdmin: seed.orgSettings.thirdPartyAdmin });
        if (id === 'settings' && sub === 'clientPrivilegesSetting') return ok({ clientPrivilegesSetting: seed.orgSettings.clientPrivilegesSetting });
        if (id === 'settings' && sub === 'autoAssignAdminAppSetting') return ok({ autoAssignAdminAppSetting: seed.orgSettings.autoAssignAdminAppSetting });
        if (id === 'contacts') return ok([{ contactType: 'BILLING' }, { contactType: 'TECHNICAL' }].map((contact) => ({ ...contact, _links: {} })));
        break;
      case 'rate-limit-settings':
        if (id === 'admin-notifications') return ok({ notificationsEnabled: seed.orgSettings.rateLimitNotifications });
        break;
      case 'first-party-app-settings':
        if (id === 'admin-console') return ok({ ...seed.adminConsoleSettings });
        break;
      case 'policies': {
        if (!id) {
          const type = query.get('type');
          if (!type || !policyTypes.includes(type)) return oktaError(400, 'E0000001', 'Api validation failed: type');
          const status = query.get('status');
          const prefix = query.get('q')?.toLowerCase();
          const items = seed.policies.filter((policy) => policy.type === type && (!status || policy.status === status) && (!prefix || String(policy.name).toLowerCase().startsWith(prefix)));
          return list(items.map((policy) => policyJson(policy, origin)), request, 200, 200);
        }
        const policy = seed.policies.find((candidate) => candidate.id === id);
        if (!policy) return notFound(id);
        if (!sub) return ok(policyJson(policy, origin));
        if (sub === 'rules') {
          const rules = (policy.rules as Json[]).map((rule) => withLinks(rule, `${origin}/api/v1/policies/${id}/rules/${rule.id}`));
          if (subId) return rules.find((rule) => rule.id === subId) ? ok(rules.find((rule) => rule.id === subId)) : notFound(subId);
          return list(rules, request, 200, 200);
        }
        if (sub === 'app') return ok(seed.apps.filter((app) => String(app._links?.accessPolicy?.href ?? '').endsWith(`/${id}`)).map((app) => appJson(app, origin)));
        break;
      }
      case 'authenticators': {
        const items = seed.authenticators.map((item) => withLinks(item, `${origin}/api/v1/authenticators/${item.id}`, { methods: { href: `${origin}/api/v1/authenticators/${item.id}/methods` } }));
        if (!id) return ok(items);
        const item = items.find((candidate) => candidate.id === id);
        if (!item) return notFound(id);
        if (sub === 'methods') {
          const methods: Record<string, string[]> = { phone_number: ['sms', 'voice'], okta_verify: ['push', 'totp', 'signed_nonce'], okta_email: ['email'], okta_password: ['password'], security_question: ['security_question'], webauthn: ['webauthn'] };
          return ok((methods[item.key] ?? [item.key]).map((type) => ({ type, status: item.status })));
        }
        return ok(item);
      }
      case 'threats':
        if (id === 'configuration') return ok({ ...seed.threatInsight, _links: { self: { href: `${origin}/api/v1/threats/configuration` } } });
        break;
      case 'zones': {
        const filter = query.get('filter');
        const usage = filter ? /usage\s+eq\s+"(\w+)"/.exec(filter)?.[1] : undefined;
        const items = seed.zones.filter((zone) => !usage || zone.usage === usage).map((zone) => withLinks(zone, `${origin}/api/v1/zones/${zone.id}`));
        if (id) return items.find((zone) => zone.id === id) ? ok(items.find((zone) => zone.id === id)) : notFound(id);
        return list(items, request, 20);
      }
      case 'trustedOrigins': {
        const items = seed.trustedOrigins.map((item) => withLinks(item, `${origin}/api/v1/trustedOrigins/${item.id}`));
        return id ? (items.find((item) => item.id === id) ? ok(items.find((item) => item.id === id)) : notFound(id)) : list(items, request, 20);
      }
      case 'api-tokens': {
        const items = seed.apiTokens.map((token) => withLinks(token, `${origin}/api/v1/api-tokens/${token.id}`, { user: { href: `${origin}/api/v1/users/${token.userId}` } }));
        return id ? (items.find((item) => item.id === id) ? ok(items.find((item) => item.id === id)) : notFound(id)) : list(items, request, 20);
      }
      case 'iam': {
        if (id === 'assignees' && sub === 'users') {
          const page = pageById(org.assignees(), query, 100, 100);
          const next = new URLSearchParams(query);
          if (page.nextAfter) next.set('after', page.nextAfter);
          if (!next.get('limit')) next.set('limit', '100');
          return ok({
            value: page.items.map((user) => ({ id: user.id, orn: `orn:okta:directory:${seed.orgId}:users:${user.id}`,
              _links: { self: { href: `${origin}/api/v1/users/${user.id}` }, roles: { href: `${origin}/api/v1/users/${user.id}/roles` } } })),
            _links: page.nextAfter ? { next: { href: `${origin}/api/v1/iam/assignees/users?${next}` } } : {},
          });
        }
        if (id === 'roles') return ok({ roles: [], _links: { next: null } });
        if (id === 'resource-sets') return ok({ 'resource-sets': [], _links: { next: null } });
        break;
      }
      case 'users': {
        if (!id) return usersPage(org, request);
        const user = id === 'me' ? org.user(session.userId) : org.user(id) ?? org.userByLogin(id);
        if (!user) return notFound(id);
        if (!sub) return ok(expandUser(user, origin));
        if (sub === 'roles') return ok(org.rolesOf(user.id).map((role) => org.roleJson({ ...role, userId: user.id }, origin)));
        if (sub === 'groups') return ok(seed.groups.filter((group) => group.type === 'BUILT_IN' || (seed.userGroups[user.id] ?? []).includes(group.id)));
        if (sub === 'factors') return ok(org.factorsJson(user.id, origin));
        if (sub === 'appLinks') {
          return ok(org.appsOf(user.id).filter((app) => app.status === 'ACTIVE').map((app, index) => ({
            id: user.id, label: app.label, linkUrl: `https://${org.orgHost}/home/${app.name}/${app.id}/${index + 40}`, logoUrl: `https://${org.orgHost}/img/logos/${app.name}.png`,
            appName: app.name, appInstanceId: app.id, appAssignmentId: oktaId('0ua', `${app.id}:${user.id}`), credentialsSetup: false, hidden: false, sortOrder: index,
          })));
        }
        break;
      }
      case 'groups': {
        if (!id) return list(seed.groups, request, 200, 10000);
        const group = seed.groups.find((candidate) => candidate.id === id);
        if (!group) return notFound(id);
        if (!sub) return ok(group);
        if (sub === 'roles') return ok(seed.roles.filter((role) => role.groupId === id).map((role) => org.roleJson(role, origin)));
        if (sub === 'users') {
          const members = group.type === 'BUILT_IN' ? seed.users : seed.users.filter((user) => (seed.userGroups[user.id] ?? []).includes(id));
          return usersList(members, request);
        }
        break;
      }
      case 'apps': {
        const visible = seed.apps.filter((app) => superAdmin || !firstPartyApps.has(app.name));
        if (id) {
          const app = visible.find((candidate) => candidate.id === id);
          if (!app) return notFound(id);
          if (sub === 'grants') {
            return ok((seed.appGrants?.[id] ?? []).map((grant) => withLinks({ issuer: `https://${org.orgHost}`, ...grant }, `${origin}/api/v1/apps/${id}/grants/${grant.id}`, {
              app: { href: `${origin}/api/v1/apps/${id}`, title: app.label }, client: { href: `${origin}/oauth2/v1/clients/${id}`, title: app.label } })));
          }
          if (sub === 'tokens') {
            const tokens = (seed.refreshTokens?.[id] ?? []).map((token) => withLinks(token, `${origin}/api/v1/apps/${id}/tokens/${token.id}`, {
              app: { href: `${origin}/api/v1/apps/${id}`, title: app.label }, client: { href: `${origin}/oauth2/v1/clients/${id}`, title: app.label },
              user: { href: `${origin}/api/v1/users/${token.userId}` }, revoke: { href: `${origin}/api/v1/apps/${id}/tokens/${token.id}`, hints: { allow: ['DELETE'] } } }));
            if (subId) return tokens.find((token) => token.id === subId) ? ok(tokens.find((token) => token.id === subId)) : notFound(subId);
            return list(tokens, request, 20);
          }
          return sub ? notFound(path) : ok(appJson(app, origin));
        }
        const predicate = appFilter(query.get('filter'));
        const q = query.get('q')?.toLowerCase();
        return list(visible.filter((app) => predicate(app) && (!q || String(app.label).toLowerCase().startsWith(q) || String(app.name).startsWith(q))).map((app) => appJson(app, origin)), request, 20);
      }
      case 'idps': {
        const items = seed.idps.map((idp) => withLinks(idp, `${origin}/api/v1/idps/${idp.id}`));
        return id ? (items.find((item) => item.id === id) ? ok(items.find((item) => item.id === id)) : notFound(id)) : list(items, request, 20);
      }
      case 'behaviors':
        return ok(seed.behaviors.map((item) => withLinks(item, `${origin}/api/v1/behaviors/${item.id}`)));
      case 'logStreams': {
        const filter = query.get('filter');
        const match = filter ? /^(status|type)\s+eq\s+"([^"]+)"$/.exec(filter.trim()) : null;
        if (filter && !match) return invalidSearch();
        const items = seed.logStreams.filter((stream) => !match || stream[match[1] as string] === match[2]);
        return list(items.map((item) => withLinks(item, `${origin}/api/v1/logStreams/${item.id}`)), request, 20);
      }
      case 'logs':
        return id ? notFound(path) : systemLog(org, query, origin, path);
      case 'eventHooks':
        return ok(seed.eventHooks.map((item) => withLinks(item, `${origin}/api/v1/eventHooks/${item.id}`)));
      case 'inlineHooks':
        return ok(seed.inlineHooks);
      case 'device-assurances':
        return ok([]);
      case 'brands': {
        const brands = seed.brands.map(({ signInPageContent: _content, ...brand }) => withLinks(brand, `${origin}/api/v1/brands/${brand.id}`));
        if (!id) return ok(brands);
        const brand = seed.brands.find((candidate) => candidate.id === id);
        if (!brand) return notFound(id);
        if (!sub) return ok(brands.find((candidate) => candidate.id === id));
        if (sub === 'pages' && subId === 'sign-in') {
          const variant = parts[4];
          if (variant === 'customized') return brand.signInPageContent ? ok({ pageContent: brand.signInPageContent, widgetVersion: '7.x' }) : notFound('customized sign-in page');
          if (variant === 'default') return ok({ pageContent: '<!DOCTYPE html><html><head><title>{{orgName}} - Sign In</title></head><body><div id="okta-login-container"></div></body></html>', widgetVersion: '7.x' });
        }
        break;
      }
      default:
        break;
    }
  } catch (error) {
    if (error instanceof QueryError) return invalidSearch();
    throw error;
  }
  return notFound(path);
}

function usersList(users: SeedUser[], request: ApiRequest): Answer {
  const page = pageById(users, request.query, 200, 200);
  return ok(page.items.map((user) => expandUser(user, request.origin)), { Link: linkHeaders(request.origin, request.path, request.query, page.nextAfter) } as never);
}

function usersPage(org: OrgState, request: ApiRequest): Answer {
  return usersList(selectUsers(org.seed.users, request.query), request);
}
