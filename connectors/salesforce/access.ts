import type { AccessEdge, AccessInventory, AccessNode, AppAuthorization, PublisherReputation, ThirdPartyApp } from '@/utils/access-graph';
import type { ParsedSource } from '@/utils/connector';
import { connectedAppFullName } from './model';
import type {
  AppMenuItem,
  ConnectedApp,
  ConnectedAppOauth,
  ConnectedAppOauthRead,
  ExternalClientApp,
  ExternalClientAppPolicy,
  OauthToken,
  PermissionFlag,
  PrivilegedAssignment,
  QueryRows,
} from './model';
import { grantorLabel, nameList, parseSalesforceDate, permissionFlags, permissionLabels } from './controls/org-evidence';
import { broadSalesforceScopes, ipRelaxationLabel, neverExpires, refreshTokenPolicyLabel, relaxedIpPolicies, scopeNamesOf, isIpRelaxation } from './oauth-settings';

/**
 * The org's third-party apps and what they reach: connected apps and external client apps, the users whose OAuth
 * tokens they hold (the app acts as that user), the profiles and permission sets those users hold, and the
 * permissions those grant. SOQL exposes neither scopes nor IP relaxation (ConnectedApplication and OauthToken carry
 * neither), so a connected app's come from its ConnectedApp metadata, found by the API name of its App Launcher entry.
 * An app whose metadata could not be read keeps null scopes and says why; an app not installed in the org has no
 * metadata there at all. External client apps' scopes (ExtlClntAppOauthSettings metadata) are not read yet.
 */

/** Permissions that open the whole org: every record, every user, or code that runs without sharing. */
const highPermissions: ReadonlySet<PermissionFlag> = new Set([
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsManageUsers',
  'PermissionsAuthorApex',
]);

const permissionDetails: Record<PermissionFlag, string> = {
  PermissionsModifyAllData: 'Read, change and delete every record in the org',
  PermissionsViewAllData: 'Read every record in the org',
  PermissionsManageUsers: 'Create users, reset passwords and assign any profile or permission set',
  PermissionsAuthorApex: 'Write Apex that runs in system mode, past sharing rules',
  PermissionsCustomizeApplication: 'Change the org\'s configuration and apps',
  PermissionsApiEnabled: 'Call the Salesforce APIs with the user\'s access',
};

const checksumAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * True for an id as the REST API sends it: 18 characters whose last three encode which of the first fifteen are
 * capitals. Tokens and assignments meet on user ids; a damaged id would drop a path silently, so it is caught here.
 */
export function isRecordId(id: string): boolean {
  if (!/^[a-zA-Z0-9]{18}$/.test(id)) return false;
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let index = 0; index < 5; index++) {
      const char = id[chunk * 5 + index]!;
      if (char >= 'A' && char <= 'Z') bits |= 1 << index;
    }
    if (id[15 + chunk] !== checksumAlphabet[bits]) return false;
  }
  return true;
}

/** ExternalClientApplication ids start with 0xI; AppMenuItem.ApplicationId of an external client app does too. */
const externalClientAppPrefix = '0xI';

const appNodeId = (applicationId: string) => `app:${applicationId}`;
const uninstalledAppNodeId = (name: string) => `app:not-installed:${name}`;
const userNodeId = (userId: string) => `user:${userId}`;
const privilegeNodeId = (permissionSetId: string) => `permset:${permissionSetId}`;
const capabilityNodeId = (flag: PermissionFlag) => `capability:${flag}`;

/** One source as the inventory sees it: its rows, or why it could not be read. */
export type Readout<T> = { rows: QueryRows<T> } | { reason: string };

/** The ConnectedApp metadata a scan kept, or why it could not be read. */
export type OauthReadout = { read: ConnectedAppOauthRead } | { reason: string };

export interface AccessSources {
  connectedApps: Readout<ConnectedApp>;
  connectedAppOauth: OauthReadout;
  oauthTokens: Readout<OauthToken>;
  appMenuItems: Readout<AppMenuItem>;
  externalClientApps: Readout<ExternalClientApp>;
  externalClientAppPolicies: Readout<ExternalClientAppPolicy>;
  privilegedAssignments: Readout<PrivilegedAssignment>;
}

interface Read<T> {
  rows: QueryRows<T> | undefined;
  reason: string | undefined;
}

function open<T>(readout: Readout<T>): Read<T> {
  return 'rows' in readout ? { rows: readout.rows, reason: undefined } : { rows: undefined, reason: readout.reason };
}

/** The connector hook: the parsed sources of a snapshot, each read or failed. */
export function salesforceAccessInventory(parsed: Record<string, ParsedSource>): AccessInventory {
  const readout = <T>(id: keyof AccessSources): Readout<T> => {
    const source = parsed[id];
    if (!source) return { reason: 'it was not collected' };
    return source.ok ? { rows: source.value as QueryRows<T> } : { reason: source.reason };
  };
  const oauth = parsed.connectedAppOauth;
  return buildSalesforceAccess({
    connectedApps: readout('connectedApps'),
    connectedAppOauth: !oauth ? { reason: 'it was not collected' } : oauth.ok ? { read: oauth.value as ConnectedAppOauthRead } : { reason: oauth.reason },
    oauthTokens: readout('oauthTokens'),
    appMenuItems: readout('appMenuItems'),
    externalClientApps: readout('externalClientApps'),
    externalClientAppPolicies: readout('externalClientAppPolicies'),
    privilegedAssignments: readout('privilegedAssignments'),
  });
}

interface AppTokens {
  tokens: OauthToken[];
  users: Map<string, string>;
}

function tokensOf(tokens: OauthToken[], key: (token: OauthToken) => string) {
  const byApp = new Map<string, AppTokens>();
  for (const token of tokens) {
    const entry = byApp.get(key(token)) ?? { tokens: [], users: new Map<string, string>() };
    entry.tokens.push(token);
    entry.users.set(token.UserId, token.User?.Name ?? token.UserId);
    byApp.set(key(token), entry);
  }
  return byApp;
}

/** The latest use among the tokens: `never` when none was used, null when a date could not be read. */
function lastUseOf(tokens: OauthToken[]): string | 'never' | null {
  let latest: number | undefined;
  for (const token of tokens) {
    if (token.LastUsedDate === null) continue;
    const time = parseSalesforceDate(token.LastUsedDate);
    if (time === undefined) return null;
    latest = latest === undefined ? time : Math.max(latest, time);
  }
  return latest === undefined ? 'never' : new Date(latest).toISOString();
}

function refreshTokenPolicy(app: ConnectedApp): string {
  if (app.RefreshTokenValidityPeriod === null) return 'Valid until revoked';
  // The period's unit (hours, days, months) is set on the policy page and not sent with the record.
  return app.OptionsRefreshTokenValidityMetric
    ? `Expires if not used for ${app.RefreshTokenValidityPeriod} (unit as set on the policy)`
    : `Expires ${app.RefreshTokenValidityPeriod} (unit as set on the policy) after it is issued`;
}

/** An app's OAuth settings from its metadata, or why there are none to show. */
export type OauthSettings = { settings: ConnectedAppOauth } | { unread: string };

/** Finds a connected app's ConnectedApp metadata through its App Launcher entry's API name. */
export function oauthSettingsOf(readout: OauthReadout, menu: AppMenuItem | undefined, menusRead: boolean): OauthSettings {
  if ('reason' in readout) return { unread: `its OAuth settings could not be read (${readout.reason})` };
  if (!menu) return { unread: menusRead ? 'it has no App Launcher entry, so its API name is unknown' : 'the App Launcher entries that give its API name could not be read' };
  if (!menu.Name) return { unread: 'Salesforce sent no API name for it' };
  const fullName = connectedAppFullName(menu.Name, menu.NamespacePrefix);
  const settings = readout.read.records.find((record) => record.fullName === fullName);
  if (settings) return { settings };
  const unread = readout.read.unread.find((entry) => entry.fullNames.includes(fullName));
  if (unread) return { unread: `its OAuth settings (${fullName}) were not read: ${unread.reason}` };
  if (readout.read.requested.includes(fullName)) return { unread: `Salesforce returned no ConnectedApp metadata for ${fullName}` };
  return { unread: `its OAuth settings (${fullName}) were not asked for in this scan` };
}

function oauthFacts(oauth: OauthSettings, app: ConnectedApp): Array<{ label: string; value: string }> {
  if ('unread' in oauth) {
    return [
      { label: 'OAuth scopes', value: `Not read: ${oauth.unread}` },
      { label: 'Refresh token policy', value: refreshTokenPolicy(app) },
      { label: 'IP relaxation', value: `Not read: ${oauth.unread}` },
    ];
  }
  const { scopes, refreshTokenPolicy: policy, ipRelaxation } = oauth.settings;
  return [
    { label: 'OAuth scopes', value: scopes === null ? 'None: OAuth is not enabled for the app' : scopes.length ? scopeNamesOf(scopes).join(', ') : 'None selected' },
    { label: 'Refresh token policy', value: policy === null ? refreshTokenPolicy(app) : (refreshTokenPolicyLabel(policy) ?? `Unrecognised value "${policy}"`) },
    { label: 'IP relaxation', value: ipRelaxationLabel(ipRelaxation) },
  ];
}

function oauthRisks(oauth: OauthSettings, app: ConnectedApp): Array<{ reason: string; points: number }> {
  const settings = 'settings' in oauth ? oauth.settings : undefined;
  const risks: Array<{ reason: string; points: number }> = [];
  const unrevoked = settings?.refreshTokenPolicy ? neverExpires(settings) : app.RefreshTokenValidityPeriod === null;
  if (unrevoked) risks.push({ reason: 'Its refresh tokens stay valid until someone revokes them.', points: 1 });
  const relaxation = settings?.ipRelaxation ?? null;
  if (isIpRelaxation(relaxation) && relaxedIpPolicies.has(relaxation)) {
    risks.push(
      relaxation === 'BYPASS'
        ? { reason: 'Its IP relaxation is "Relax IP restrictions": its tokens work from any network, past the org\'s and profiles\' IP ranges.', points: 2 }
        : { reason: 'Its IP relaxation relaxes IP restrictions for refresh tokens: a stolen refresh token opens new sessions from any network.', points: 1 },
    );
  }
  return risks;
}

function reputationOf(menu: AppMenuItem | undefined): { reputation: PublisherReputation; publisher: string | null } {
  if (menu?.NamespacePrefix) return { reputation: 'verified', publisher: `Managed package (namespace ${menu.NamespacePrefix})` };
  return { reputation: 'unknown', publisher: null };
}

/**
 * Builds the inventory from the parsed sources. A token row links to its app by AppMenuItem.ApplicationId; a token
 * whose AppMenuItem is null belongs to an app not installed in the org, which no admin policy governs and nobody
 * vouches for.
 */
export function buildSalesforceAccess(sources: AccessSources): AccessInventory {
  const gaps: string[] = [];
  const connectedApps = open(sources.connectedApps);
  const tokens = open(sources.oauthTokens);
  const menus = open(sources.appMenuItems);
  const externalApps = open(sources.externalClientApps);
  const externalPolicies = open(sources.externalClientAppPolicies);
  const assignments = open(sources.privilegedAssignments);

  if (connectedApps.reason) gaps.push(`Connected apps could not be read (${connectedApps.reason}): only apps seen in OAuth tokens are listed, without their policies.`);
  else if (!connectedApps.rows!.complete) gaps.push(`Only ${connectedApps.rows!.records.length} of ${connectedApps.rows!.totalSize} connected apps were read: the others are missing from the inventory.`);
  if (tokens.reason) gaps.push(`OAuth tokens could not be read (${tokens.reason}): no app shows who authorised it, when it was last used or what it reaches.`);
  else if (!tokens.rows!.complete) gaps.push(`Only ${tokens.rows!.records.length} of ${tokens.rows!.totalSize} OAuth tokens were read: token counts are unknown and some paths may be missing.`);
  if (menus.reason) gaps.push(`Installed app entries could not be read (${menus.reason}): no app's managed-package publisher is known.`);
  if ('reason' in sources.connectedAppOauth) gaps.push(`Connected apps' OAuth settings could not be read (${sources.connectedAppOauth.reason}): no app's scopes, IP relaxation or exact refresh token policy is shown.`);
  if (externalApps.reason) gaps.push(`External client apps could not be read (${externalApps.reason}): they are missing from the inventory.`);
  if (externalPolicies.reason) gaps.push(`External client app OAuth policies could not be read (${externalPolicies.reason}): who may authorise them is unknown.`);
  if (assignments.reason) gaps.push(`Privileged permission assignments could not be read (${assignments.reason}): no path from an app to Modify All Data or other high permissions can be shown.`);
  else if (!assignments.rows!.complete) gaps.push(`Only ${assignments.rows!.records.length} of ${assignments.rows!.totalSize} privileged assignments were read: some paths to high permissions may be missing.`);

  const tokenRows = tokens.rows?.records ?? [];
  const unreadableUsers = tokenRows.filter((token) => !isRecordId(token.UserId)).length;
  if (unreadableUsers) gaps.push(`${unreadableUsers} OAuth token${unreadableUsers === 1 ? ' names' : 's name'} a user id Salesforce does not send: what those users hold is not shown.`);
  const unreadableAssignees = (assignments.rows?.records ?? []).filter((assignment) => !isRecordId(assignment.AssigneeId)).length;
  if (unreadableAssignees) gaps.push(`${unreadableAssignees} privileged assignment${unreadableAssignees === 1 ? ' names' : 's name'} a user id Salesforce does not send: paths through them are not shown.`);
  const tokensCounted = tokens.rows?.complete === true;
  const menuByApplication = new Map((menus.rows?.records ?? []).flatMap((menu) => (menu.ApplicationId ? [[menu.ApplicationId, menu] as const] : [])));
  const connectedByName = new Map((connectedApps.rows?.records ?? []).map((app) => [app.Name, app]));
  const externalIds = new Set((externalApps.rows?.records ?? []).map((app) => app.Id));

  // Tokens read with ApplicationId link by id; older answers without it fall back to the app's name.
  const tokenKey = (token: OauthToken): string => {
    if (token.AppMenuItem === null) return uninstalledAppNodeId(token.AppName);
    const applicationId = token.AppMenuItem?.ApplicationId;
    if (applicationId) return appNodeId(applicationId);
    const byName = connectedByName.get(token.AppName);
    return byName ? appNodeId(byName.Id) : uninstalledAppNodeId(token.AppName);
  };
  const grants = tokensOf(tokenRows, tokenKey);
  const usage = (id: string) => {
    const entry = grants.get(id);
    return {
      lastUsed: tokens.rows ? (entry ? lastUseOf(entry.tokens) : tokensCounted ? ('never' as const) : null) : null,
      liveTokens: tokensCounted ? (entry?.tokens.length ?? 0) : null,
    };
  };

  const apps: ThirdPartyApp[] = [];
  const unreadSettings: string[] = [];
  for (const app of connectedApps.rows?.records ?? []) {
    const id = appNodeId(app.Id);
    const menu = menuByApplication.get(app.Id);
    const oauth = oauthSettingsOf(sources.connectedAppOauth, menu, menus.rows !== undefined);
    if ('unread' in oauth && 'read' in sources.connectedAppOauth) unreadSettings.push(`${app.Name} (${oauth.unread})`);
    const scopes = 'settings' in oauth ? scopeNamesOf(oauth.settings.scopes ?? []) : null;
    apps.push({
      id,
      name: app.Name,
      kind: 'Connected app',
      ...reputationOf(menu),
      scopes,
      broadScopes: scopes?.filter((scope) => broadSalesforceScopes.has(scope)) ?? [],
      authorization: app.OptionsAllowAdminApprovedUsersOnly ? 'admin_approved' : 'self_authorised',
      ...usage(id),
      createdAt: typeof app.CreatedDate === 'string' ? app.CreatedDate : null,
      facts: [
        { label: 'Permitted users', value: app.OptionsAllowAdminApprovedUsersOnly ? 'Admin approved users are pre-authorized' : 'All users may self-authorize' },
        ...oauthFacts(oauth, app),
        { label: 'High-assurance session', value: app.OptionsHasSessionLevelPolicy ? 'Required' : 'Not required' },
        ...(menu ? [] : [{ label: 'Installed', value: menus.rows ? 'No App Launcher entry found' : 'Unknown' }]),
      ],
      risks: oauthRisks(oauth, app),
      page: 'connectedAppsUsage',
    });
  }

  if (unreadSettings.length) gaps.push(`The OAuth settings of ${unreadSettings.length} connected app${unreadSettings.length === 1 ? ' were' : 's were'} not read, so their scopes and IP relaxation are unknown: ${nameList(unreadSettings)}.`);

  const policyByApp = new Map((externalPolicies.rows?.records ?? []).map((policy) => [policy.ExternalClientApplicationId, policy]));
  for (const app of externalApps.rows?.records ?? []) {
    const id = appNodeId(app.Id);
    const policy = policyByApp.get(app.Id)?.PermittedUsersPolicyType;
    const authorization: AppAuthorization =
      policy === 'AdminApprovedPreAuthorized' ? 'admin_approved' : policy === 'AllSelfAuthorized' ? 'self_authorised' : 'unknown';
    const packaged = app.DistributionState === 'Installed';
    apps.push({
      id,
      name: app.MasterLabel,
      kind: 'External client app',
      reputation: packaged ? 'verified' : 'unknown',
      publisher: packaged ? 'Installed from a package' : null,
      scopes: null,
      broadScopes: [],
      authorization,
      ...usage(id),
      createdAt: app.CreatedDate ?? null,
      facts: [
        { label: 'Distribution', value: app.DistributionState ?? 'Unknown' },
        { label: 'Permitted users', value: policy ?? 'Unknown' },
        { label: 'OAuth scopes', value: 'Not read: Posture Lens does not yet read external client apps\' OAuth settings; see the app\'s Settings tab' },
      ],
      risks: [],
      page: 'connectedAppsUsage',
    });
  }

  const listed = new Set(apps.map((app) => app.id));
  for (const [id, entry] of grants) {
    if (listed.has(id)) continue;
    const sample = entry.tokens[0]!;
    const notInstalled = sample.AppMenuItem === null;
    const applicationId = sample.AppMenuItem?.ApplicationId ?? null;
    const external = applicationId?.startsWith(externalClientAppPrefix) === true || (applicationId !== null && externalIds.has(applicationId));
    apps.push({
      id,
      name: sample.AppName,
      kind: external ? 'External client app' : 'Connected app',
      // Salesforce lists an app that holds tokens but is not installed by name alone: nobody in the org vouched for it.
      reputation: notInstalled ? 'unverified' : reputationOf(applicationId ? menuByApplication.get(applicationId) : undefined).reputation,
      publisher: null,
      scopes: null,
      broadScopes: [],
      authorization: notInstalled ? 'self_authorised' : sample.AppMenuItem?.IsUsingAdminAuthorization ? 'admin_approved' : sample.AppMenuItem ? 'self_authorised' : 'unknown',
      ...usage(id),
      createdAt: null,
      facts: [
        { label: 'Installed', value: notInstalled ? 'No: users authorised it themselves, outside any admin policy' : 'Yes' },
        ...(notInstalled ? [{ label: 'OAuth scopes', value: 'Not readable: an app that is not installed has no OAuth settings in the org; revoke its tokens or install it to govern it' }] : []),
      ],
      risks: notInstalled ? [{ reason: 'It is not installed in the org, so no admin policy (permitted users, IP or session rules) applies to it.', points: 2 }] : [],
      page: 'connectedAppsUsage',
    });
  }

  const nodes = new Map<string, AccessNode>();
  const edges: AccessEdge[] = [];
  for (const [appId, entry] of grants) {
    for (const [userId, name] of entry.users) {
      nodes.set(userNodeId(userId), { id: userNodeId(userId), kind: 'identity', label: name, page: 'users' });
      edges.push({ from: appId, to: userNodeId(userId), relation: 'acts as' });
    }
  }
  const tokenUsers = new Set(tokenRows.map((token) => token.UserId));
  for (const assignment of assignments.rows?.records ?? []) {
    if (!tokenUsers.has(assignment.AssigneeId)) continue;
    const set = assignment.PermissionSet;
    const privilege = privilegeNodeId(assignment.PermissionSetId);
    nodes.set(userNodeId(assignment.AssigneeId), {
      id: userNodeId(assignment.AssigneeId),
      kind: 'identity',
      label: assignment.Assignee.Name,
      detail: assignment.Assignee.Username,
      page: 'users',
    });
    nodes.set(privilege, { id: privilege, kind: 'privilege', label: grantorLabel(set), page: set.IsOwnedByProfile ? 'profiles' : 'permissionSets' });
    edges.push({ from: userNodeId(assignment.AssigneeId), to: privilege, relation: 'holds' });
    for (const flag of permissionFlags) {
      if (!set[flag]) continue;
      nodes.set(capabilityNodeId(flag), {
        id: capabilityNodeId(flag),
        kind: 'capability',
        label: permissionLabels[flag],
        detail: permissionDetails[flag],
        ...(highPermissions.has(flag) ? { high: true } : {}),
      });
      edges.push({ from: privilege, to: capabilityNodeId(flag), relation: 'grants' });
    }
  }
  return { apps, nodes: [...nodes.values()], edges, gaps };
}
