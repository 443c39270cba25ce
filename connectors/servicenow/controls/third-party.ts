import { analyseAccess, highPathsOf, nodeOf, staleAfterDays, type ThirdPartyApp } from '@/utils/access-graph';
import { compliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { buildServiceNowAccess, fullAccessScope, inboundClients, orphanTokens, type ServiceNowAccessSources } from '../access';
import { defineServiceNowControl } from '../control';
import type { OAuthToken } from '../model';
import { count, dayMs, dayOf, listAffected, listLocation, nameList, scanNow, serviceNowDocs, step, unreadRows, unreadText, verifyStep } from './evidence';

/**
 * Third-party access through OAuth: clients whose live tokens nobody uses, clients that act with every right of an
 * admin (the useraccount scope), clients of no vouched-for origin from which a path reaches a high privilege, and clients any
 * user may authorise for themselves with every right they have.
 */

const clientEntity = (app: Pick<ThirdPartyApp, 'id' | 'name'>, detail: string): AffectedEntity => ({ id: app.id.replace(/^app:/, ''), name: app.name, kind: 'oauthClient', detail });

/** The rows left unread of each source the access graph needs, as notes; none when every row was read. */
function unreadNotes(sources: ServiceNowAccessSources): string[] {
  const notes: string[] = [];
  if (unreadRows(sources.oauthEntities) > 0) notes.push(`${unreadText(sources.oauthEntities, 'registry entries')}.`);
  if (sources.oauthScopes && unreadRows(sources.oauthScopes) > 0) notes.push(`${unreadText(sources.oauthScopes, 'OAuth entity scopes')}.`);
  if (sources.oauthTokens && unreadRows(sources.oauthTokens) > 0) notes.push(`${unreadText(sources.oauthTokens, 'live tokens')}.`);
  if (sources.privilegedGrants && unreadRows(sources.privilegedGrants) > 0) notes.push(`${unreadText(sources.privilegedGrants, 'privileged role grants')}.`);
  return notes;
}

/** What keeps the graph from being complete: rows left unread, and answers that do not fit together. */
const graphNotes = (sources: ServiceNowAccessSources, conflicts: readonly string[]) => [...unreadNotes(sources), ...conflicts];

const revokeSteps = (action: string) => [
  step(`Open ${listLocation('oauthTokens')}, filter on Application (peer) = the listed client, and delete its tokens to revoke them`, 'oauthTokens'),
  step(`Open ${listLocation('oauthRegistry')} and open the listed client`, 'oauthRegistry'),
  step(action, 'oauthRegistry'),
  verifyStep('oauthRegistry'),
];

const unusedTokens = defineServiceNowControl({
  id: 'SN.OAUTH.4v1',
  title: `No OAuth client holds live tokens it has not used for ${staleAfterDays} days`,
  description:
    `Groups the live tokens (oauth_credential, not yet expired) by OAuth client and lists active clients whose newest token was issued ` +
    `${staleAfterDays} days or more before the scan: nothing has signed in or refreshed through them since, yet their tokens still work. ` +
    'Credit is the share of clients holding live tokens that issued one recently.',
  rationale:
    'A client nobody uses is an integration whose owner has moved on; its refresh tokens still mint access for their users, often for ' +
    'months under the 100-day default. Nobody notices them being used from somewhere else, and nobody rotates them.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'IA-4(e)', 'AC-12'], initiatives: ['zero-trust'] },
  sources: ['oauthEntities', 'oauthTokens', 'scanTime'],
  evaluate: ({ oauthEntities, oauthTokens, scanTime }) => {
    const now = scanNow(scanTime);
    const tokens = new Map<string, OAuthToken[]>();
    for (const token of oauthTokens.result) {
      const own = tokens.get(token.peer);
      if (own) own.push(token);
      else tokens.set(token.peer, [token]);
    }
    const holding = inboundClients(oauthEntities.result).flatMap((client) => {
      const own = tokens.get(client.sys_id) ?? [];
      const issued = own.map((token) => token.sys_created_on).filter((date): date is string => date !== null).sort();
      return own.length ? [{ client, live: own.length, newest: issued[issued.length - 1] ?? null }] : [];
    });
    const idle = holding.filter(({ newest }) => newest === null || now - Date.parse(newest) >= staleAfterDays * dayMs);
    const expected = `every client holding live tokens issued one within ${staleAfterDays} days`;
    const detail = ({ live, newest }: (typeof idle)[number]) =>
      `${count(live, 'live token')}, ${newest ? `newest issued ${dayOf(newest)} (${count(Math.floor((now - Date.parse(newest)) / dayMs), 'day')} ago)` : 'no issue date'}`;
    const orphans = orphanTokens(oauthEntities, oauthTokens.result);
    const notes = [
      ...unreadNotes({ oauthEntities, oauthTokens }),
      ...(orphans.length ? [`${count(orphans.length, 'live token')} belong${orphans.length === 1 ? 's' : ''} to no registry entry read.`] : []),
    ];
    if (idle.length > 0) {
      return shareVerdict(holding.length - idle.length, holding.length, {
        actual: idle.length,
        expected,
        reason:
          `${idle.length} of ${count(holding.length, 'OAuth client')} holding live tokens ${hasIssued(idle.length)} none for ${staleAfterDays} days: ` +
          `${nameList(idle.map((entry) => `${entry.client.name} (${detail(entry)})`), idle.length, 5)}.`,
        notes,
        ...listAffected(idle.map((entry) => clientEntity({ id: entry.client.sys_id, name: entry.client.name }, detail(entry)))),
      });
    }
    if (notes.length > 0) return unknown(`Every client read issued a token within ${staleAfterDays} days, but not every token could be placed: ${notes.join(' ')}`, { actual: 0, expected, notes });
    return compliant({
      actual: 0,
      expected,
      reason: holding.length === 0 ? 'No active OAuth client holds a live token.' : `All ${count(holding.length, 'OAuth client')} holding live tokens issued one within ${staleAfterDays} days.`,
    });
  },
  remediation: {
    summary: 'Revoke the live tokens of each listed client and deactivate the client if its integration is gone.',
    steps: revokeSteps('Ask the integration\'s owner whether it is still needed; if not, clear Active (or delete the entry) so that it can issue no new tokens'),
    references: [serviceNowDocs.manageTokens, serviceNowDocs.oauthApplications],
  },
});

function hasIssued(n: number) {
  return n === 1 ? 'has issued' : 'have issued';
}

/** The roles that make a user an administrator of the whole instance. */
const adminRoles = new Set(['admin', 'security_admin']);

const fullAccessAsAdmin = defineServiceNowControl({
  id: 'SN.OAUTH.5v1',
  title: 'No OAuth client with the useraccount scope acts as an admin',
  description:
    'Lists active OAuth clients that may act with every right of their user (the useraccount scope, which ServiceNow gives a client that ' +
    'defines no scope of its own) and whose live tokens, or whose client-credentials OAuth Application User, belong to a holder of the admin ' +
    'or security_admin role. Credit is the share of useraccount clients that act for no admin.',
  rationale:
    'A useraccount token of an admin is an admin session outside the browser: it reads and changes everything, it needs no MFA when it is ' +
    'refreshed, and it lives in a third party\'s configuration. Whoever steals it from there is an administrator of the instance.',
  severity: 'high',
  weight: 7,
  metric: 'third-party-apps',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-6(2)', 'AC-6(5)', 'IA-2(1)'], initiatives: ['zero-trust'] },
  sources: ['oauthEntities', 'oauthScopes', 'oauthTokens', 'privilegedGrants'],
  evaluate: ({ oauthEntities, oauthScopes, oauthTokens, privilegedGrants }) => {
    const sources = { oauthEntities, oauthScopes, oauthTokens, privilegedGrants };
    const inventory = buildServiceNowAccess(sources);
    const notes = graphNotes(sources, inventory.conflicts);
    const admins = new Map<string, string[]>();
    for (const grant of privilegedGrants.result) {
      if (!adminRoles.has(grant['role.name'])) continue;
      const roles = admins.get(grant['user.sys_id']) ?? [];
      if (!roles.includes(grant['role.name'])) admins.set(grant['user.sys_id'], [...roles, grant['role.name']]);
    }
    const labels = new Map(inventory.nodes.map((node) => [node.id, node.label]));
    const broad = inventory.apps.filter((app) => app.broadScopes.length > 0);
    const flagged = broad.flatMap((app) => {
      const actors = inventory.edges
        .filter((edge) => edge.from === app.id && edge.relation === 'acts as')
        .flatMap((edge) => {
          const roles = admins.get(edge.to.replace(/^user:/, ''));
          return roles ? [`${labels.get(edge.to) ?? edge.to}: ${roles.join(', ')}`] : [];
        });
      return actors.length ? [{ app, detail: `acts as ${nameList(actors, actors.length, 3)}` }] : [];
    });
    const expected = 'no useraccount client acting as an admin';
    if (flagged.length > 0) {
      return shareVerdict(broad.length - flagged.length, broad.length, {
        actual: flagged.length,
        expected,
        reason:
          `${flagged.length} of ${count(broad.length, 'OAuth client')} with the useraccount scope act${flagged.length === 1 ? 's' : ''} with an admin's rights: ` +
          `${nameList(flagged.map(({ app, detail }) => `${app.name} (${detail})`), flagged.length, 5)}.`,
        notes,
        ...listAffected(flagged.map(({ app, detail }) => clientEntity(app, detail))),
      });
    }
    if (notes.length > 0) return unknown(`No client read acts as an admin with the useraccount scope, but the graph is incomplete: ${notes.join(' ')}`, { actual: 0, expected, notes });
    return compliant({
      actual: 0,
      expected,
      reason: broad.length === 0 ? 'No active OAuth client has the useraccount scope.' : `None of the ${count(broad.length, 'OAuth client')} with the useraccount scope acts as an admin.`,
    });
  },
  remediation: {
    summary: 'Give each listed client a REST API scope of its own instead of useraccount, and have it act as a dedicated user without admin roles.',
    steps: [
      ...revokeSteps('In the OAuth Entity Scopes related list, add a scope limited to the APIs the integration calls, so that its tokens no longer carry useraccount'),
      step(`Open ${listLocation('userRoles')} and remove admin and security_admin from the user the client runs as, or set a dedicated integration user with only the roles it needs`, 'userRoles'),
    ],
    references: [serviceNowDocs.oauthApplications, serviceNowDocs.manageTokens, serviceNowDocs.privilegedUsers],
  },
});

const lowReputationPaths = defineServiceNowControl({
  id: 'SN.OAUTH.6v1',
  title: 'No OAuth client of unverified origin reaches a privileged role',
  description:
    'Builds the graph OAuth client → user its tokens act as → privileged role → what the role allows, and lists active clients that are ' +
    'neither ServiceNow\'s nor part of an installed application scope (created locally in the global scope, or of no known origin) from which a ' +
    'path reaches admin, security_admin, impersonator, oauth_admin or user_admin. Evidence names one path per client and the choke point: ' +
    'the user or role most paths go through. Credit is the share of such clients that reach no privileged role.',
  rationale:
    'An OAuth client someone registered by hand has no vendor, no review and often no owner: its secret sits in a script or a partner\'s ' +
    'system. When one of the users it acts as is an admin, that secret and a token are all an attacker needs to own the instance.',
  severity: 'high',
  weight: 8,
  metric: 'third-party-apps',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-6', 'CA-3', 'SA-9(2)'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['oauthEntities', 'oauthScopes', 'oauthTokens', 'privilegedGrants', 'scanTime'],
  evaluate: ({ oauthEntities, oauthScopes, oauthTokens, privilegedGrants, scanTime }) => {
    const sources = { oauthEntities, oauthScopes, oauthTokens, privilegedGrants };
    const inventory = buildServiceNowAccess(sources);
    const analysis = analyseAccess(inventory, scanNow(scanTime));
    const notes = graphNotes(sources, inventory.conflicts);
    const unvouched = analysis.apps.filter((app) => app.reputation === 'unverified' || app.reputation === 'unknown');
    const reaching = unvouched.filter((app) => app.highPaths > 0);
    const expected = 'no unverified client reaching a privileged role';
    if (reaching.length > 0) {
      const pathText = (appId: string) => {
        const path = highPathsOf(analysis.graph, appId, 1)[0] ?? [];
        return path.map((id) => nodeOf(analysis.graph, id)?.label ?? id).join(' → ');
      };
      const choke = analysis.chokePoints.find((point) => point.kind !== 'app');
      const chokeNote = choke
        ? [`Choke point: ${choke.label} is on ${count(choke.paths, 'path')} of ${analysis.highPathCount} to a privileged role; removing it cuts them all.`]
        : [];
      const detail = (app: (typeof reaching)[number]) => `${app.publisher ?? 'origin unknown'}; ${count(app.highPaths, 'path')}, e.g. ${pathText(app.id)}`;
      return shareVerdict(unvouched.length - reaching.length, unvouched.length, {
        actual: reaching.length,
        expected,
        reason:
          `${reaching.length} of ${count(unvouched.length, 'OAuth client')} of unverified origin reach${reaching.length === 1 ? 'es' : ''} a privileged role: ` +
          `${nameList(reaching.map((app) => `${app.name} (${detail(app)})`), reaching.length, 3)}.`,
        notes: [...chokeNote, ...notes],
        ...listAffected(reaching.map((app) => clientEntity(app, detail(app)))),
      });
    }
    if (notes.length > 0) return unknown(`No client of unverified origin read reaches a privileged role, but the graph is incomplete: ${notes.join(' ')}`, { actual: 0, expected, notes });
    return compliant({
      actual: 0,
      expected,
      reason:
        analysis.apps.length === 0
          ? 'There are no active OAuth clients.'
          : unvouched.length === 0
          ? 'Every active OAuth client is ServiceNow\'s or part of an installed application.'
          : `None of the ${count(unvouched.length, 'OAuth client')} of unverified origin reaches a privileged role.`,
    });
  },
  remediation: {
    summary: 'Cut the path: revoke the client\'s tokens held by privileged users, or remove the privileged role from the user at the choke point; delete clients nobody owns.',
    steps: [
      ...revokeSteps('Find the client\'s owner; if nobody owns it, clear Active or delete it. Otherwise have it act as a dedicated user without privileged roles'),
      step(`Open ${listLocation('userRoles')}, filter on the choke-point user, and remove the privileged roles they do not need`, 'userRoles'),
    ],
    references: [serviceNowDocs.oauthApplications, serviceNowDocs.manageTokens, serviceNowDocs.privilegedUsers],
  },
});

const selfAuthorisedFullAccess = defineServiceNowControl({
  id: 'SN.OAUTH.7v1',
  title: 'No OAuth client that users authorise themselves asks for the useraccount scope',
  description:
    'Lists active OAuth clients that each user authorises for themselves (no OAuth Application User set for client credentials, so any ' +
    'signed-in user who clicks Allow hands the client a token) and that define no OAuth entity scope of their own, so the token carries ' +
    'useraccount: every right of whoever allowed it. ServiceNow\'s own clients (its mobile apps) are left out. Credit is the share of ' +
    'self-authorised clients limited to scopes of their own.',
  rationale:
    'ServiceNow requires no role to allow a client: one phishing link to the client\'s authorize URL turns any user, admins included, into a ' +
    'token the third party holds, with all of that user\'s rights and no MFA when it is refreshed. A client limited to its own scopes can ' +
    'only call the APIs those scopes cover.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-6', 'AC-3', 'CA-3'], initiatives: ['zero-trust'] },
  sources: ['oauthEntities', 'oauthScopes'],
  evaluate: ({ oauthEntities, oauthScopes }) => {
    const inventory = buildServiceNowAccess({ oauthEntities, oauthScopes });
    const undetermined = inventory.apps.filter((app) => app.authorization === 'unknown' && app.reputation !== 'vendor' && app.broadScopes.includes(fullAccessScope));
    const notes = [...unreadNotes({ oauthEntities, oauthScopes }), ...inventory.conflicts];
    const selfAuthorised = inventory.apps.filter((app) => app.authorization === 'self_authorised' && app.reputation !== 'vendor');
    const fullAccess = selfAuthorised.filter((app) => app.broadScopes.includes(fullAccessScope));
    const detail = (app: ThirdPartyApp) => `${app.publisher ?? 'origin unknown'}; no scope of its own`;
    const expected = 'every self-authorised client limited to scopes of its own';
    if (fullAccess.length > 0) {
      return shareVerdict(selfAuthorised.length - fullAccess.length, selfAuthorised.length, {
        actual: fullAccess.length,
        expected,
        reason:
          `${fullAccess.length} of ${count(selfAuthorised.length, 'OAuth client')} that users authorise themselves ${fullAccess.length === 1 ? 'gets' : 'get'} ` +
          `every right of whoever allows ${fullAccess.length === 1 ? 'it' : 'them'} (useraccount): ${nameList(fullAccess.map((app) => `${app.name} (${detail(app)})`), fullAccess.length, 5)}.`,
        notes,
        ...listAffected(fullAccess.map((app) => clientEntity(app, detail(app)))),
      });
    }
    if (notes.length > 0 || undetermined.length > 0) {
      return unknown(`No self-authorised client read asks for useraccount, but not every entry or scope was read: ${notes.join(' ')}`, { actual: 0, expected, notes });
    }
    return compliant({
      actual: 0,
      expected,
      reason:
        inventory.apps.length === 0
          ? 'There are no active OAuth clients.'
          : selfAuthorised.length === 0
          ? 'No active OAuth client outside ServiceNow\'s own is authorised by users themselves.'
          : selfAuthorised.length === 1
          ? `The one OAuth client that users authorise themselves, ${selfAuthorised[0]!.name}, is limited to scopes of its own.`
          : `All ${count(selfAuthorised.length, 'OAuth client')} that users authorise themselves are limited to scopes of their own.`,
    });
  },
  remediation: {
    summary: 'Give each listed client an OAuth entity scope limited to the APIs it calls, or make it a client-credentials integration that runs as one dedicated user.',
    steps: [
      step(`Open ${listLocation('oauthRegistry')} and open the listed client`, 'oauthRegistry'),
      step('In the OAuth Entity Scopes related list, add a scope for the APIs the integration calls (and map REST APIs to it under REST API Auth Scopes), so that its tokens no longer carry useraccount', 'oauthRegistry'),
      step('If the integration acts for no particular person, set an OAuth Application User with only the roles it needs and use the client credentials grant instead', 'oauthRegistry'),
      step(`Open ${listLocation('oauthTokens')}, filter on Application (peer) = the client, and delete the tokens issued before the change`, 'oauthTokens'),
      verifyStep('oauthRegistry'),
    ],
    references: [serviceNowDocs.oauthApplications, serviceNowDocs.manageTokens],
  },
});

export const thirdPartyControls: Control[] = [unusedTokens, fullAccessAsAdmin, lowReputationPaths, selfAuthorisedFullAccess];
