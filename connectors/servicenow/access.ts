import type { AccessEdge, AccessInventory, AccessNode, PublisherReputation, ThirdPartyApp } from '@/utils/access-graph';
import type { ParsedSource } from '@/utils/connector';
import { count, groupDigits, nameList } from '@/utils/evidence';
import { defaultAccessTokenSeconds, defaultRefreshTokenSeconds, maxRefreshTokenSeconds, unsafeRedirect } from './controls/integrations';
import { secondsText, unreadRows, type TableRead } from './controls/evidence';
import type { OAuthEntity, OAuthScope, OAuthToken, RoleGrant } from './model';
import type { privilegedRoles } from './sources';

/**
 * ServiceNow's third-party apps: the OAuth clients of the Application Registry (`oauth_entity`), what they may
 * request (`oauth_entity_scope`), who their live tokens act as (`oauth_credential`: `peer` is the entity, `user` the
 * user), the OAuth Application User a client-credentials entry runs as, and the privileged roles those users hold
 * (`privilegedGrants`). The graph: OAuth entity → user it acts as → role → what the role lets one do.
 */

/** The scope ServiceNow gives a token when its client defines none: it acts with every right of its user. */
export const fullAccessScope = 'useraccount';

/** Registry entries that are third-party providers ServiceNow signs in to: they receive no token from it. */
const providerTypes = new Set(['oauth_provider', 'oidc_provider']);

/** Accounts that install what ServiceNow ships: an entry they created comes with the platform. */
const platformAccounts = new Set(['system', 'maint', 'glide.maint']);

type PrivilegedRole = (typeof privilegedRoles)[number];

/** What each privileged role lets its holder do; every one of them reaches the whole instance or its security. */
export const roleCapabilities: Record<PrivilegedRole, { label: string; detail: string }> = {
  admin: { label: 'Full administration', detail: 'admin: reads and changes every record and setting, runs scripts' },
  security_admin: { label: 'Security administration', detail: 'security_admin: elevates to change ACLs and security properties' },
  impersonator: { label: 'Impersonate any user', detail: 'impersonator: acts as any other user, admins included' },
  oauth_admin: { label: 'Manage OAuth apps and tokens', detail: 'oauth_admin: creates OAuth clients and reads or revokes their tokens' },
  user_admin: { label: 'Manage users and groups', detail: 'user_admin: creates users and changes group membership' },
};

export interface ServiceNowAccessSources {
  oauthEntities: TableRead<OAuthEntity>;
  /** Undefined when the source could not be read. */
  oauthScopes?: TableRead<OAuthScope>;
  oauthTokens?: TableRead<OAuthToken>;
  privilegedGrants?: TableRead<RoleGrant>;
}

/** The entries that receive tokens from the instance: active clients, and active entries of a type Posture Lens does not know. */
export function inboundClients(entities: readonly OAuthEntity[]): OAuthEntity[] {
  return entities.filter((entity) => entity.active && !providerTypes.has(entity.type.trim().toLowerCase()));
}

/** Who published an entry, from where it lives and who created it. */
export function reputationOf(entity: OAuthEntity): { reputation: PublisherReputation; publisher: string | null } {
  const scope = entity['sys_scope.scope'].trim();
  const createdBy = entity.sys_created_by.trim();
  if (platformAccounts.has(createdBy.toLowerCase()) || /^(sn_|com\.snc|com\.glide)/.test(scope)) return { reputation: 'vendor', publisher: 'ServiceNow' };
  // Installed applications' scopes carry their vendor's prefix, `x_<vendor>_…`.
  if (/^x_[a-z0-9]+_[a-z0-9_]+$/.test(scope)) return { reputation: 'verified', publisher: entity['sys_scope.name'].trim() || scope };
  if (scope === 'global' && createdBy) return { reputation: 'unverified', publisher: `created locally by ${createdBy}` };
  return { reputation: 'unknown', publisher: null };
}

/** The scopes each entity may request, by entity sys_id: those it defines, else `useraccount`. */
function scopesByEntity(scopes: readonly OAuthScope[]): Map<string, string[]> {
  const byEntity = new Map<string, string[]>();
  for (const scope of scopes) {
    const name = scope.oauth_entity_scope.trim() || scope.name.trim();
    if (!name) continue;
    const list = byEntity.get(scope.oauth_entity) ?? [];
    if (!list.includes(name)) list.push(name);
    byEntity.set(scope.oauth_entity, list);
  }
  return byEntity;
}

export const appNodeId = (entity: OAuthEntity) => `app:${entity.sys_id}`;
export const userNodeId = (sysId: string) => `user:${sysId}`;
const roleNodeId = (role: string) => `role:${role}`;
const capabilityNodeId = (role: string) => `capability:${role}`;

function lifespanFact(seconds: number | null, platformDefault: number): string {
  return seconds === null ? `platform default, ${secondsText(platformDefault)}` : `${secondsText(seconds)} (${groupDigits(seconds)} s)`;
}

/** The identity a token or a client-credentials entry acts as. */
interface Actor {
  sysId: string;
  userName: string;
  name: string;
  active: boolean;
}

/**
 * Live tokens whose `peer` is no registry entry read. ServiceNow deletes an entry's tokens with it, so when every entry
 * was read such a token means the answers do not fit together, and what it acts for cannot be told.
 */
export function orphanTokens(entities: TableRead<OAuthEntity>, tokens: readonly OAuthToken[]): OAuthToken[] {
  if (unreadRows(entities) > 0) return [];
  const known = new Set(entities.result.map((entity) => entity.sys_id));
  return tokens.filter((token) => !known.has(token.peer));
}

/**
 * Users named differently by two sources: a token (or a client-credentials entry) and a role grant that give one
 * user name two sys_ids, or one sys_id two user names. Joining them would attach roles to the wrong user, or none.
 */
function mismatchedUsers(actors: Iterable<Actor>, grants: readonly RoleGrant[]): string[] {
  const idsOfName = new Map<string, Set<string>>();
  const namesOfId = new Map<string, Set<string>>();
  for (const grant of grants) {
    const userName = grant['user.user_name'].trim().toLowerCase();
    const id = grant['user.sys_id'];
    if (userName) idsOfName.set(userName, (idsOfName.get(userName) ?? new Set()).add(id));
    namesOfId.set(id, (namesOfId.get(id) ?? new Set()).add(userName));
  }
  const mismatched = new Set<string>();
  for (const actor of actors) {
    const userName = actor.userName.trim().toLowerCase();
    const grantedIds = userName ? [...(idsOfName.get(userName) ?? [])] : [];
    const grantedNames = [...(namesOfId.get(actor.sysId) ?? [])];
    if (grantedIds.some((id) => id !== actor.sysId) || (userName && grantedNames.some((name) => name !== userName))) mismatched.add(actor.userName || actor.sysId);
  }
  return [...mismatched];
}

/** The inventory and graph of the instance's OAuth clients, from typed sources; every unread source, and every answer that does not fit another, is a gap. */
export function buildServiceNowAccess(sources: ServiceNowAccessSources): AccessInventory & { conflicts: string[] } {
  const { oauthEntities, oauthScopes, oauthTokens, privilegedGrants } = sources;
  const gaps: string[] = [];
  if (unreadRows(oauthEntities) > 0) gaps.push(`${groupDigits(unreadRows(oauthEntities))} Application Registry entries were not read: their OAuth clients are missing from the inventory.`);
  if (!oauthScopes) gaps.push('The OAuth entity scopes could not be read: which clients may act with all of their users\' rights (useraccount) is unknown. Scan again as an admin.');
  else if (unreadRows(oauthScopes) > 0) gaps.push(`${groupDigits(unreadRows(oauthScopes))} OAuth entity scopes were not read: some clients\' scopes are missing.`);
  if (!oauthTokens) gaps.push('The issued OAuth tokens could not be read: who acts through each client, its last use and its live tokens are unknown. Scan again as an admin (or oauth_admin).');
  else if (unreadRows(oauthTokens) > 0) gaps.push(`${groupDigits(unreadRows(oauthTokens))} older live OAuth tokens were not read: their users are missing from the graph and token counts are lower bounds.`);
  if (!privilegedGrants) gaps.push('The holders of privileged roles could not be read: the roles of the users clients act as are missing, so no path to admin can be shown. Scan again as an admin.');
  else if (unreadRows(privilegedGrants) > 0) gaps.push(`${groupDigits(unreadRows(privilegedGrants))} privileged role grants were not read: some paths to admin may be missing.`);

  const clients = inboundClients(oauthEntities.result);
  const clientIds = new Set(clients.map((client) => client.sys_id));
  const scopes = oauthScopes ? scopesByEntity(oauthScopes.result) : undefined;
  const tokensByEntity = new Map<string, OAuthToken[]>();
  for (const token of oauthTokens?.result ?? []) {
    if (!clientIds.has(token.peer)) continue;
    const list = tokensByEntity.get(token.peer) ?? [];
    list.push(token);
    tokensByEntity.set(token.peer, list);
  }

  const conflicts: string[] = [];
  const orphans = oauthTokens ? orphanTokens(oauthEntities, oauthTokens.result) : [];
  if (orphans.length) conflicts.push(`${count(orphans.length, 'live OAuth token')} belong${orphans.length === 1 ? 's' : ''} to no Application Registry entry read, so the client they act for is unknown. Scan again.`);

  const identities = new Map<string, Actor>();
  const edges: AccessEdge[] = [];
  const apps: ThirdPartyApp[] = clients.map((entity) => {
    const tokens = tokensByEntity.get(entity.sys_id) ?? [];
    const actors = new Map<string, Actor>();
    for (const token of tokens) {
      if (token.user) actors.set(token.user, { sysId: token.user, userName: token['user.user_name'], name: token['user.name'], active: token['user.active'] });
    }
    // A reference whose user could not be read (deleted, or an answer that does not fit) runs as nobody known.
    const danglingRunsAs = Boolean(entity.user) && !entity['user.user_name'] && !entity['user.name'];
    if (danglingRunsAs) conflicts.push(`The OAuth Application User of ${entity.name} (sys_id ${entity.user!.slice(0, 40)}) names no user that was read, so whom it runs as, and who may authorise it, is unknown. Scan again.`);
    const runsAs: Actor | undefined =
      entity.user && !danglingRunsAs
        ? { sysId: entity.user, userName: entity['user.user_name'] ?? '', name: entity['user.name'] ?? '', active: entity['user.active'] ?? false }
        : undefined;
    if (runsAs) actors.set(runsAs.sysId, runsAs);
    for (const actor of actors.values()) {
      identities.set(actor.sysId, actor);
      edges.push({ from: appNodeId(entity), to: userNodeId(actor.sysId), relation: 'acts as' });
    }

    const granted = scopes ? (scopes.get(entity.sys_id) ?? [fullAccessScope]) : null;
    const issued = tokens.map((token) => token.sys_created_on).filter((date): date is string => date !== null).sort();
    const { reputation, publisher } = reputationOf(entity);
    const unsafe = entity.redirect_url
      .split(/[,\s]+/)
      .filter(Boolean)
      .flatMap((url) => (unsafeRedirect(url) ? [url] : []));
    const refreshSeconds = entity.refresh_token_lifespan ?? defaultRefreshTokenSeconds;
    const risks: ThirdPartyApp['risks'] = [];
    if (refreshSeconds > maxRefreshTokenSeconds) risks.push({ points: 1, reason: `Its refresh tokens stay valid for ${secondsText(refreshSeconds)}.` });
    if (unsafe.length) risks.push({ points: 1, reason: `Its authorization codes may be sent to an unsafe redirect URL: ${unsafe.join(', ')}.` });
    if (runsAs && !runsAs.active) risks.push({ points: 1, reason: `It runs as ${runsAs.name || runsAs.userName || runsAs.sysId}, a user who is no longer active.` });

    const facts: ThirdPartyApp['facts'] = [
      { label: 'Application scope', value: entity['sys_scope.name'] || entity['sys_scope.scope'] || 'not known' },
      { label: 'Created by', value: entity.sys_created_by || 'not known' },
      { label: 'Access token lifespan', value: lifespanFact(entity.access_token_lifespan, defaultAccessTokenSeconds) },
      { label: 'Refresh token lifespan', value: lifespanFact(entity.refresh_token_lifespan, defaultRefreshTokenSeconds) },
    ];
    if (runsAs) facts.push({ label: 'Runs as (client credentials)', value: runsAs.userName || runsAs.name || runsAs.sysId });
    if (oauthTokens) facts.push({ label: 'Users holding tokens', value: String(new Set(tokens.map((token) => token.user).filter(Boolean)).size) });

    return {
      id: appNodeId(entity),
      name: entity.name,
      kind: entity.type.trim().toLowerCase() === 'client' ? 'OAuth client' : `OAuth entity (type "${entity.type.slice(0, 40)}")`,
      publisher,
      reputation,
      scopes: granted,
      broadScopes: (granted ?? []).filter((scope) => scope === fullAccessScope),
      // A client-credentials entry acts only as the user an admin set on it; any other client is authorised by each user who signs in to it.
      authorization: danglingRunsAs ? 'unknown' : runsAs ? 'admin_approved' : 'self_authorised',
      lastUsed: oauthTokens ? (issued[issued.length - 1] ?? null) : null,
      liveTokens: oauthTokens ? tokens.length : null,
      createdAt: entity.sys_created_on,
      facts,
      risks,
      page: 'oauthRegistry',
    };
  });

  const mismatched = privilegedGrants ? mismatchedUsers(identities.values(), privilegedGrants.result) : [];
  if (mismatched.length) {
    conflicts.push(`The tokens and the role grants name ${nameList(mismatched, mismatched.length, 3)} with different sys_ids, so their roles cannot be told. Scan again.`);
  }

  const nodes: AccessNode[] = [];
  for (const actor of identities.values()) {
    nodes.push({
      id: userNodeId(actor.sysId),
      kind: 'identity',
      label: actor.name || actor.userName || actor.sysId,
      detail: [actor.userName, actor.active ? '' : 'inactive'].filter(Boolean).join(' · '),
      page: 'users',
    });
  }
  const roles = new Set<PrivilegedRole>();
  const held = new Set<string>();
  for (const grant of mismatched.length ? [] : (privilegedGrants?.result ?? [])) {
    const userId = grant['user.sys_id'];
    const key = `${userId}:${grant['role.name']}`;
    if (!identities.has(userId) || held.has(key)) continue;
    held.add(key);
    roles.add(grant['role.name']);
    edges.push({ from: userNodeId(userId), to: roleNodeId(grant['role.name']), relation: 'holds' });
  }
  for (const role of roles) {
    nodes.push({ id: roleNodeId(role), kind: 'privilege', label: `${role} role`, page: 'userRoles' });
    nodes.push({ id: capabilityNodeId(role), kind: 'capability', label: roleCapabilities[role].label, detail: roleCapabilities[role].detail, high: true });
    edges.push({ from: roleNodeId(role), to: capabilityNodeId(role), relation: 'grants' });
  }
  return { apps, nodes, edges, gaps: [...gaps, ...conflicts], conflicts };
}

function readOf<T>(parsed: Record<string, ParsedSource>, id: string): TableRead<T> | undefined {
  const source = parsed[id];
  return source?.ok ? (source.value as TableRead<T>) : undefined;
}

/** The connector's `accessInventory`: the parsed sources of a scan; without the Application Registry there is no inventory, only the gap. */
export function serviceNowAccessInventory(parsed: Record<string, ParsedSource>): AccessInventory {
  const oauthEntities = readOf<OAuthEntity>(parsed, 'oauthEntities');
  if (!oauthEntities) {
    return { apps: [], nodes: [], edges: [], gaps: ['The Application Registry could not be read: no OAuth client of this instance is listed. Scan again as an admin.'] };
  }
  const { conflicts: _conflicts, ...inventory } = buildServiceNowAccess({
    oauthEntities,
    oauthScopes: readOf<OAuthScope>(parsed, 'oauthScopes'),
    oauthTokens: readOf<OAuthToken>(parsed, 'oauthTokens'),
    privilegedGrants: readOf<RoleGrant>(parsed, 'privilegedGrants'),
  });
  return inventory;
}
