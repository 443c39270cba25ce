import type { AccessEdge, AccessInventory, AccessNode, AppAuthorization, PublisherReputation, ThirdPartyApp } from '@/utils/access-graph';
import type { ParsedSource } from '@/utils/connector';
import type { AdminRole, ApiServiceIntegration, AppGrant, AppLink, LogEvent, OktaApp, OktaUser, RefreshToken } from './model';
import { firstPartyAppNames, issuesRefreshTokens, maxAppsRead, systemLogDays } from './sources';
import { appUsage, clientIdOf, lastUseText, liveTokensText, mayBeOidc, olderThanLog, signOnModes, thirdPartyOidcApps, type AppUsage } from './usage';

/**
 * The org's apps and API service integrations as a third-party inventory, and the paths from them to admin power:
 * - a service app (client credentials) acts as its own OAuth client, which holds admin roles (`/oauth2/v1/clients/{id}/roles`);
 * - an OpenID Connect app granted Okta API manage scopes acts with the rights of whoever signs in to it: the admins assigned to it;
 * - a manage scope a client-credentials app holds (service app, API service integration) grants its capability directly.
 * SAML, SWA and bookmark apps get no Okta tokens: they are listed, with no path.
 * Beside each app: its live refresh tokens (Apps API) and its last use (the newest System Log event its client acted in).
 */


/** App names Okta gives an integration built in the org rather than taken from the OIN catalog. */
function isCustomApp(name: string, subdomain: string | undefined): boolean {
  if (name === 'oidc_client' || name === 'bookmark' || name.startsWith('template_')) return true;
  // The App Integration Wizard names SAML and SWA apps `<subdomain>_<label>_<n>`.
  return subdomain !== undefined && name.startsWith(`${subdomain}_`) && /_\d+$/.test(name);
}


interface Capability {
  id: string;
  label: string;
  detail: string;
  high: boolean;
}

const capability = (id: string, label: string, detail: string, high: boolean): Capability => ({ id: `cap:${id}`, label, detail, high });

const roleCapabilities: Record<string, Capability> = {
  SUPER_ADMIN: capability('super-admin', 'Super Administrator rights', 'Full control of the org: every admin role, setting and user', true),
  ORG_ADMIN: capability('org-admin', 'Organization Administrator rights', 'Manage users, groups, apps and most org settings', true),
  APP_ADMIN: capability('manage-apps', 'Manage apps', 'Create, change and assign apps and their credentials', true),
  USER_ADMIN: capability('manage-users', 'Manage users', 'Create, change, reset and deactivate users', true),
  GROUP_MEMBERSHIP_ADMIN: capability('manage-group-membership', 'Manage group membership', 'Add and remove members of groups', false),
  HELP_DESK_ADMIN: capability('reset-credentials', 'Reset passwords and factors', 'Reset users\' passwords and authenticators', false),
  API_ACCESS_MANAGEMENT_ADMIN: capability('manage-authorization-servers', 'Manage authorization servers', 'Change custom authorization servers and their scopes', false),
  READ_ONLY_ADMIN: capability('read-configuration', 'Read the org\'s configuration', 'Read users, groups, apps and settings', false),
  REPORT_ADMIN: capability('read-reports', 'Read reports and the System Log', 'Read reports and the System Log', false),
};

const scopeCapabilities: Record<string, Capability> = {
  'okta.users.manage': roleCapabilities.USER_ADMIN!,
  'okta.groups.manage': capability('manage-groups', 'Manage groups', 'Change any group and its members, admin groups included', true),
  'okta.roles.manage': capability('manage-admin-roles', 'Assign admin roles', 'Assign any admin role, Super Administrator included', true),
  'okta.apps.manage': roleCapabilities.APP_ADMIN!,
  'okta.clients.manage': capability('manage-clients', 'Manage OAuth clients', 'Create OAuth clients and their secrets', true),
  'okta.policies.manage': capability('manage-policies', 'Manage policies', 'Change sign-on, MFA and password policies', true),
  'okta.idps.manage': capability('manage-idps', 'Manage identity providers', 'Add identity providers that sign users in', true),
  'okta.apiTokens.manage': capability('manage-api-tokens', 'Manage API tokens', 'Revoke API tokens', true),
  'okta.authorizationServers.manage': roleCapabilities.API_ACCESS_MANAGEMENT_ADMIN!,
};

/** `okta.<resource>.manage`: write access to a part of the org through the Management API (`okta.myAccount.*` is the user's own account). */
export function isManageScope(scope: string): boolean {
  return /^okta\.[A-Za-z]+\.manage$/.test(scope);
}

/** A manage scope whose capability is a high one: users, groups, admin roles, apps, clients, policies, identity providers, API tokens. */
export function isFullAccessScope(scope: string): boolean {
  return scopeCapabilities[scope]?.high === true;
}

/** Any Okta API scope: its token calls the Management API with the rights of the user or client behind it. */
const isOktaApiScope = (scope: string) => scope.startsWith('okta.') && !scope.startsWith('okta.myAccount.');

function scopeCapability(scope: string): Capability {
  const resource = scope.split('.')[1] ?? scope;
  return scopeCapabilities[scope] ?? capability(`scope:${scope}`, `Manage ${resource}`, `Granted by the ${scope} scope`, false);
}

function roleCapability(role: AdminRole): Capability {
  const label = role.label ?? role.type;
  return roleCapabilities[role.type] ?? capability(`role:${role.type}`, label, `What the ${label} role allows`, false);
}

/** The role's privilege node: one per standard role type, one per custom role. */
function rolePrivilege(role: AdminRole): AccessNode {
  const custom = role.type === 'CUSTOM';
  return {
    id: custom ? `role:CUSTOM:${role.id}` : `role:${role.type}`,
    kind: 'privilege',
    label: role.label ?? role.type,
    detail: custom ? 'Custom admin role' : 'Standard admin role',
    page: 'administrators',
  };
}

type Read<T> = { ok: true; value: T; truncated: boolean } | { ok: false; reason: string };

function read<T>(parsed: Record<string, ParsedSource>, id: string): Read<T> {
  const source = parsed[id];
  if (!source) return { ok: false, reason: `"${id}" was not part of this scan.` };
  return source.ok ? { ok: true, value: source.value as T, truncated: source.truncated } : { ok: false, reason: source.reason };
}

const names = (items: string[], max = 5) =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

function displayName(user: OktaUser | undefined, id: string): string {
  if (!user) return id;
  const full = [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' ');
  return full || user.profile.login;
}

class GraphBuilder {
  readonly nodes = new Map<string, AccessNode>();
  readonly edges: AccessEdge[] = [];

  node(node: AccessNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  capability(cap: Capability): string {
    return this.node({ id: cap.id, kind: 'capability', label: cap.label, detail: cap.detail, high: cap.high });
  }

  edge(from: string, to: string, relation: AccessEdge['relation']) {
    this.edges.push({ from, to, relation });
  }

  /** The privilege node of each active role of `identity`, and the capability each grants. */
  holds(identity: string, roles: AdminRole[]) {
    for (const role of roles.filter((candidate) => candidate.status !== 'INACTIVE')) {
      const privilege = this.node(rolePrivilege(role));
      this.edge(identity, privilege, 'holds');
      this.edge(privilege, this.capability(roleCapability(role)), 'grants');
    }
  }
}

/** The org's third-party apps and the graph from them to admin capabilities, without their use: what the path checks read. */
export function oktaAccessGraph(parsed: Record<string, ParsedSource>): AccessInventory {
  const gaps: string[] = [];
  const graph = new GraphBuilder();
  const inventory: ThirdPartyApp[] = [];

  const org = read<{ subdomain: string; companyName: string }>(parsed, 'org');
  const subdomain = org.ok ? org.value.subdomain : undefined;
  const orgName = org.ok ? org.value.companyName : 'this org';
  const metadata = read<{ pipeline: 'idx' | 'v1' }>(parsed, 'orgMetadata');
  const apps = read<OktaApp[]>(parsed, 'apps');
  const grants = read<Record<string, AppGrant[]>>(parsed, 'appGrants');
  const clientRoles = read<Record<string, AdminRole[]>>(parsed, 'clientRoles');
  const integrations = read<ApiServiceIntegration[] | { notFound: true }>(parsed, 'apiServiceIntegrations');
  const assignees = read<Array<{ id: string }>>(parsed, 'adminAssignees');
  const adminRoles = read<Record<string, AdminRole[]>>(parsed, 'adminRoles');
  const adminUsers = read<Record<string, OktaUser>>(parsed, 'adminUsers');
  const appLinks = read<Record<string, AppLink[]>>(parsed, 'adminAppLinks');

  // Admins assigned to each app, from the apps assigned to each admin.
  const adminsByApp = new Map<string, string[]>();
  if (appLinks.ok) {
    for (const [userId, links] of Object.entries(appLinks.value)) {
      for (const appId of new Set(links.map((link) => link.appInstanceId))) adminsByApp.set(appId, [...(adminsByApp.get(appId) ?? []), userId]);
    }
  }
  const adminsKnown = appLinks.ok && adminRoles.ok && assignees.ok;
  if (!assignees.ok) gaps.push(`The org's admins could not be read (${assignees.reason}): paths through the admins who use an app are missing.`);
  else if (!appLinks.ok) gaps.push(`The apps assigned to each admin could not be read (${appLinks.reason}): paths through the admins who use an app are missing.`);
  else if (!adminRoles.ok) gaps.push(`The admins' roles could not be read (${adminRoles.reason}): paths through the admins who use an app stop before their roles.`);
  if (assignees.ok && assignees.truncated) gaps.push('Not every admin was read: paths through the admins left out are missing.');
  if (assignees.ok && appLinks.ok && adminRoles.ok) {
    const unread = assignees.value.filter((admin) => !appLinks.value[admin.id] || !adminRoles.value[admin.id]);
    const label = (userId: string) => displayName(adminUsers.ok ? adminUsers.value[userId] : undefined, userId);
    if (unread.length) gaps.push(`The apps or roles of ${names(unread.map((admin) => label(admin.id)))} could not be read: paths through them are missing.`);
  }

  if (!apps.ok) {
    gaps.push(`The org's applications could not be read (${apps.reason}): no app, its Okta API scopes or its admin roles are in the inventory.`);
  } else {
    if (apps.truncated) gaps.push('Not every application was read: the apps left out are missing from the inventory.');
    const oidc = thirdPartyOidcApps(apps.value);
    const grantsUnread = oidc.filter((app) => !grants.ok || !grants.value[app.id]);
    if (!grants.ok) gaps.push(`The Okta API scopes granted to apps could not be read (${grants.reason}): what ${names(oidc.map((app) => app.label))} may do through the Management API is unknown.`);
    else if (grantsUnread.length) gaps.push(`Only the Okta API scopes of the first ${maxAppsRead} OpenID Connect apps were read: those of ${names(grantsUnread.map((app) => app.label))} are unknown.`);
    const services = oidc.filter((app) => app.settings?.oauthClient?.application_type === 'service');
    const rolesUnread = services.filter((app) => !clientRoles.ok || !clientRoles.value[clientIdOf(app)]);
    if (!clientRoles.ok) gaps.push(`The admin roles of service apps could not be read (${clientRoles.reason}): paths through ${names(services.map((app) => app.label))} are missing.`);
    else if (rolesUnread.length) gaps.push(`Only the admin roles of the first ${maxAppsRead} service apps were read: those of ${names(rolesUnread.map((app) => app.label))} are unknown.`);

    // Grants and roles read for an app the listing no longer shows as an OpenID Connect (service) app: the two disagree.
    const strayGrants = grants.ok ? Object.keys(grants.value).filter((appId) => !oidc.some((app) => app.id === appId)) : [];
    const strayRoles = clientRoles.ok ? Object.keys(clientRoles.value).filter((client) => !services.some((app) => clientIdOf(app) === client)) : [];
    if (strayGrants.length || strayRoles.length) {
      gaps.push(`Okta API scopes or admin roles were read for ${names([...strayGrants, ...strayRoles])}, which the app list does not show as an OpenID Connect app: their paths are missing. Scan again.`);
    }
    for (const app of apps.value.filter((candidate) => !firstPartyAppNames.has(candidate.name))) {
      inventory.push(describeApp(app));
    }

    function describeApp(app: OktaApp): ThirdPartyApp {
      const id = `app:${app.id}`;
      const isOidc = mayBeOidc(app);
      const type = app.settings?.oauthClient?.application_type;
      const appGrants = isOidc && grants.ok ? grants.value[app.id]?.filter((grant) => grant.status === 'ACTIVE') : undefined;
      // A SAML, SWA or bookmark app is issued no Okta token: it holds no Okta API scope.
      const scopes = isOidc ? (appGrants ? [...new Set(appGrants.map((grant) => grant.scopeId))].sort() : null) : [];
      const custom = isCustomApp(app.name, subdomain);
      const facts: ThirdPartyApp['facts'] = [
        { label: 'Sign-on mode', value: signOnModes[app.signOnMode ?? ''] ?? app.signOnMode ?? 'not stated' },
        { label: 'Status', value: app.status === 'ACTIVE' ? 'Active' : 'Inactive' },
        { label: 'Catalog', value: custom ? 'Custom app built in the org' : `Okta Integration Network (${app.name})` },
      ];
      const risks: ThirdPartyApp['risks'] = [];
      if (type) facts.push({ label: 'Application type', value: type });
      const grantTypes = app.settings?.oauthClient?.grant_types;
      if (grantTypes?.length) facts.push({ label: 'Grant types', value: grantTypes.join(', ') });
      if (app.settings?.oauthClient?.consent_method) facts.push({ label: 'User consent', value: app.settings.oauthClient.consent_method === 'TRUSTED' ? 'not asked (trusted)' : 'asked' });

      let adminAccess = Boolean(scopes?.some(isManageScope));
      if (isOidc && type === 'service') {
        const client = clientIdOf(app);
        const identity = graph.node({ id: `client:${client}`, kind: 'identity', label: `${app.label} (its own client)`, detail: `OAuth client ${client}`, page: 'administrators' });
        graph.edge(id, identity, 'acts as');
        const roles = clientRoles.ok ? clientRoles.value[client] : undefined;
        if (roles) {
          graph.holds(identity, roles);
          const active = roles.filter((role) => role.status !== 'INACTIVE');
          if (active.length) {
            adminAccess = true;
            facts.push({ label: 'Admin roles of its client', value: active.map((role) => role.label ?? role.type).join(', ') });
          }
          if (active.some((role) => role.type === 'SUPER_ADMIN')) {
            risks.push({ points: 2, reason: 'Its client holds the Super Administrator role: whoever has its secret or key controls the org.' });
          }
        }
        for (const scope of scopes?.filter(isManageScope) ?? []) graph.edge(id, graph.capability(scopeCapability(scope)), 'grants');
      } else if (isOidc && (scopes === null || scopes.some(isManageScope))) {
        // Its tokens change the org through the Management API as the user signed in to it, within its scopes: every admin
        // assigned to it lends it their roles. Read scopes alone reach no admin capability.
        const admins = adminsByApp.get(app.id) ?? [];
        for (const userId of admins) {
          const user = adminUsers.ok ? adminUsers.value[userId] : undefined;
          const identity = graph.node({ id: `user:${userId}`, kind: 'identity', label: displayName(user, userId), detail: user?.profile.login, page: 'people' });
          graph.edge(id, identity, 'acts as');
          if (adminRoles.ok) graph.holds(identity, adminRoles.value[userId] ?? []);
        }
        if (adminsKnown) facts.push({ label: 'Admins assigned', value: admins.length ? names(admins.map((userId) => displayName(adminUsers.ok ? adminUsers.value[userId] : undefined, userId))) : 'none' });
        if (app.settings?.oauthClient?.consent_method === 'TRUSTED' && scopes?.some(isOktaApiScope)) {
          risks.push({ points: 1, reason: 'Users are not asked to consent before it uses their Okta API rights.' });
        }
      }
      const endUser = appGrants?.filter((grant) => grant.source === 'END_USER') ?? [];
      const authorization: AppAuthorization = !isOidc ? 'admin_approved' : !appGrants ? 'unknown' : endUser.length ? 'self_authorised' : 'admin_approved';
      const reputation: PublisherReputation = !custom ? 'verified' : adminAccess || scopes === null ? 'unverified' : 'unknown';
      return {
        id,
        name: app.label,
        kind: `${signOnModes[app.signOnMode ?? ''] ?? app.signOnMode ?? 'Okta'} app`,
        publisher: custom ? `${orgName} (custom app)` : 'Okta Integration Network',
        reputation,
        scopes,
        broadScopes: scopes?.filter(isManageScope) ?? [],
        authorization,
        // Set from the System Log and the app's refresh tokens by `oktaAccessInventory`.
        lastUsed: null,
        liveTokens: isOidc ? null : 0,
        createdAt: app.created ?? null,
        facts,
        risks,
        page: 'applications',
      };
    }
  }

  if (!integrations.ok) {
    gaps.push(`API service integrations could not be read (${integrations.reason}): integrations calling the Management API as themselves are missing.`);
  } else if ('notFound' in integrations.value) {
    if (!metadata.ok || metadata.value.pipeline !== 'v1') {
      gaps.push('Okta answered that API service integrations do not exist, yet the org does not show as a Classic Engine org: integrations calling the Management API as themselves may be missing.');
    }
  } else {
    if (integrations.truncated) gaps.push('Not every API service integration was read: those left out are missing from the inventory.');
    for (const integration of integrations.value) {
      const id = `app:${integration.id}`;
      if (inventory.some((app) => app.id === id)) continue;
      const scopes = [...new Set(integration.grantedScopes)].sort();
      for (const scope of scopes.filter(isManageScope)) graph.edge(id, graph.capability(scopeCapability(scope)), 'grants');
      inventory.push({
        id,
        name: integration.name,
        kind: 'API service integration',
        // Only integrations listed in the Okta Integration Network can be added as API service integrations.
        publisher: 'Okta Integration Network',
        reputation: 'verified',
        scopes,
        broadScopes: scopes.filter(isManageScope),
        authorization: 'admin_approved',
        lastUsed: null,
        liveTokens: null,
        createdAt: integration.createdAt ?? null,
        facts: [{ label: 'Integration', value: integration.type }, { label: 'Authorised by', value: integration.createdBy ?? 'not stated' }],
        risks: [],
        page: 'applications',
      });
    }
  }

  return { apps: inventory, nodes: [...graph.nodes.values()], edges: graph.edges, gaps };
}

/** The org's third-party apps with their last use and live refresh tokens, and the graph from them to admin capabilities; wired as the connector's `accessInventory`. */
export function oktaAccessInventory(parsed: Record<string, ParsedSource>, collectedAt?: string): AccessInventory {
  const inventory = oktaAccessGraph(parsed);
  const scanTime = read<string>(parsed, 'scanTime');
  const now = Date.parse(collectedAt ?? (scanTime.ok ? scanTime.value : ''));
  if (Number.isNaN(now)) {
    return { ...inventory, gaps: [...inventory.gaps, 'The scan\'s time is not known: when each app was last used and which tokens are still live cannot be told. Scan again.'] };
  }
  const apps = read<OktaApp[]>(parsed, 'apps');
  const integrations = read<ApiServiceIntegration[] | { notFound: true }>(parsed, 'apiServiceIntegrations');
  const appTokens = read<Record<string, RefreshToken[]>>(parsed, 'appTokens');
  const appLastUse = read<Record<string, LogEvent[]>>(parsed, 'appLastUse');
  const integrationLastUse = read<Record<string, LogEvent[]>>(parsed, 'integrationLastUse');
  const oidc = apps.ok ? thirdPartyOidcApps(apps.value) : [];
  const integrationList = integrations.ok && Array.isArray(integrations.value) ? integrations.value : [];
  const usage = appUsage(
    {
      apps: oidc,
      appTokens: appTokens.ok ? appTokens.value : undefined,
      appLastUse: appLastUse.ok ? appLastUse.value : undefined,
      integrations: integrationList,
      integrationLastUse: integrationLastUse.ok ? integrationLastUse.value : undefined,
    },
    now,
  );

  const gaps: string[] = [];
  const unreadGap = (source: Read<unknown>, subject: string, bound: string, unknownOf: (list: string, plural: boolean) => string, labels: string[]) => {
    if (!labels.length) return;
    const cause = source.ok ? `Only the ${bound} were read` : `${subject} could not be read (${source.reason})`;
    gaps.push(`${cause}: ${unknownOf(names(labels), labels.length > 1)}.`);
  };
  const stateOf = (id: string) => usage.get(`app:${id}`);
  unreadGap(appTokens, 'The refresh tokens of OpenID Connect apps', `refresh tokens of the first ${maxAppsRead} apps`, (list, plural) => `how many live refresh tokens ${list} ${plural ? 'hold' : 'holds'} is unknown`,
    oidc.filter((app) => issuesRefreshTokens(app) && stateOf(app.id)?.refreshTokens.state === 'unread').map((app) => app.label));
  unreadGap(appLastUse, 'The System Log (last use of OpenID Connect apps)', `System Log events of the first ${maxAppsRead} apps`, (list, plural) => `when ${list} ${plural ? 'were' : 'was'} last used is unknown`,
    oidc.filter((app) => stateOf(app.id)?.lastUse.state === 'unread').map((app) => app.label));
  unreadGap(integrationLastUse, 'The System Log (last use of API service integrations)', `System Log events of the first ${maxAppsRead} integrations`, (list, plural) => `when ${list} ${plural ? 'were' : 'was'} last used is unknown`,
    integrationList.filter((item) => stateOf(item.id)?.lastUse.state === 'unread').map((item) => item.name));

  return { ...inventory, apps: inventory.apps.map((app) => withUsage(app, usage.get(app.id), now)), gaps: [...inventory.gaps, ...gaps] };
}

function withUsage(app: ThirdPartyApp, usage: AppUsage | undefined, now: number): ThirdPartyApp {
  if (!usage) return app;
  const { lastUse, refreshTokens } = usage;
  const live = refreshTokens.state === 'counted' ? refreshTokens.live : refreshTokens.state === 'not_issued' ? 0 : null;
  const idle = lastUse.state === 'idle' && olderThanLog(app.createdAt, now);
  const lastUseValue = lastUse.state === 'idle' && !idle ? `none since it was created on ${app.createdAt!.slice(0, 10)}` : lastUseText(lastUse);
  const facts = [...app.facts, { label: 'Live refresh tokens', value: liveTokensText(refreshTokens) }, { label: 'Last use', value: lastUseValue }];
  const risks = [...app.risks];
  if (idle && live) {
    risks.push({ points: 2, reason: `Not used in the ${systemLogDays} days the System Log keeps, yet holds ${liveTokensText(refreshTokens)} live refresh token${live === 1 ? '' : 's'}.` });
  } else if (idle && app.scopes?.some(isOktaApiScope)) {
    risks.push({ points: 1, reason: `Not used in the ${systemLogDays} days the System Log keeps, yet still authorised to call the Okta API.` });
  }
  return { ...app, lastUsed: lastUse.state === 'used' ? lastUse.at : null, liveTokens: live, facts, risks };
}
