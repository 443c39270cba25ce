import { analyseAccess, type RatedApp } from '@/utils/access-graph';
import type { ParsedSource } from '@/utils/connector';
import { compliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { isFullAccessScope, oktaAccessGraph } from '../access';
import { defineOktaControl } from '../control';
import type { OktaApp } from '../model';
import { systemLogDays } from '../sources';
import { appUsage, clientIdOf, lastUseOf, lastUseText, liveTokensText, olderThanLog, refreshTokensOf, thirdPartyOidcApps, type LastUse } from '../usage';
import { count, dayOf, hasHave, listAffected, nameList, scanNow, step } from './hygiene-evidence';

const references = {
  serviceApp: 'https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/',
  scopes: 'https://developer.okta.com/docs/api/oauth2',
  appGrants: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationGrants/',
  clientRoles: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentClient/',
  apiServices: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiServiceIntegrations/',
  appTokens: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationTokens/',
  systemLog: 'https://developer.okta.com/docs/reference/system-log-query/',
  revokeTokens: 'https://developer.okta.com/docs/guides/revoke-tokens/revokeatrt',
};

/** Every source the inventory is built from. */
const inventorySources = [
  'org',
  'orgMetadata',
  'apps',
  'appGrants',
  'clientRoles',
  'apiServiceIntegrations',
  'adminAssignees',
  'adminRoles',
  'adminUsers',
  'adminAppLinks',
  'scanTime',
] as const;

/** The last analysis per parsed app list: the controls of one evaluation read the same parsed values, so the graph is built once. */
const analyses = new WeakMap<object, { inputs: unknown[]; result: ReturnType<typeof analyseAccess> }>();

/** The access analysis of the sources a control read (each read in full: a source that failed made the control an error before). */
function analysis(data: Record<string, unknown>) {
  const inputs = inventorySources.map((id) => data[id]);
  const key = data.apps as object;
  const cached = analyses.get(key);
  if (cached && cached.inputs.every((value, index) => value === inputs[index])) return cached.result;
  const parsed: Record<string, ParsedSource> = Object.fromEntries(
    Object.entries(data).map(([id, value]) => [id, { ok: true, value, truncated: false } satisfies ParsedSource]),
  );
  const result = analyseAccess(oktaAccessGraph(parsed), scanNow(data.scanTime as string));
  analyses.set(key, { inputs, result });
  return result;
}

function affectedApp(app: RatedApp, detail: string): AffectedEntity {
  return { id: app.id.replace(/^app:/, ''), name: app.name, kind: 'app', detail };
}

const superAdminCapability = 'cap:super-admin';

const appsActingAsSuperAdmin = defineOktaControl({
  id: 'OKTA.OAUTH.1v1',
  title: 'No app calls the Okta API with Super Administrator rights',
  description:
    'Builds the graph from each app to the rights it can use through the Management API: a service app through the ' +
    'admin roles of its own client, an OpenID Connect app granted Okta API scopes through the roles of the admins ' +
    'assigned to it (its tokens act as whoever signs in). Flags apps with a path to Super Administrator rights; credit ' +
    'is the share of apps with none.',
  rationale:
    'An app that acts as a Super Administrator is a second, unwatched way to the top of the org: its client secret or ' +
    'key, or a token it obtained while a Super Admin was signed in, changes any user, policy or admin role without ' +
    'MFA and from anywhere. Attacks on integrations (stolen OAuth tokens of connected tools) turned exactly such apps ' +
    'into full-tenant compromises.',
  severity: 'critical',
  weight: 9,
  metric: 'third-party-apps',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-6(5)', 'AC-6(10)'], initiatives: ['zero-trust', 'ransomware'] },
  sources: inventorySources,
  evaluate: (data) => {
    const { apps, gaps } = analysis(data);
    const flagged = apps.filter((app) => app.reaches.some((node) => node.id === superAdminCapability));
    const expected = 'no app with a path to Super Administrator';
    if (flagged.length === 0) {
      if (gaps.length) return unknown(`No app read reaches Super Administrator rights, but not all could be read: ${gaps[0]}`, { notes: gaps });
      return compliant({ actual: 0, expected, reason: apps.length ? `None of ${count(apps.length, 'app')} can act as a Super Administrator.` : 'The org has no third-party apps.' });
    }
    const affected = flagged.map((app) => affectedApp(app, `${count(app.highPaths, 'path')} to high admin rights · ${app.publisher ?? 'publisher not known'}`));
    return shareVerdict(apps.length - flagged.length, apps.length, {
      actual: flagged.length,
      expected,
      reason: `${flagged.length} of ${count(apps.length, 'app')} can act as a Super Administrator: ${nameList(flagged.map((app) => app.name))}.`,
      notes: gaps,
      ...listAffected(affected),
    });
  },
  remediation: {
    summary: 'Take the Super Administrator role away from apps: give a service app the narrowest role it needs, and revoke Okta API scopes an app used by Super Admins does not need.',
    steps: [
      step('Open Applications → Applications and open each listed app', 'applications'),
      step('For a service app, open its Admin roles tab and remove Super Administrator; assign the narrowest role its job needs, limited to the groups or apps it manages', 'applications'),
      step('On its Okta API Scopes tab, revoke every scope it does not need, then rotate its client secret or keys', 'applications'),
      step('For an app Super Admins sign in to, remove its Okta API scopes or unassign the Super Admins on its Assignments tab', 'applications'),
      step('Check Security → Administrators for roles left on app clients', 'administrators'),
      step('Save, then choose Verify in Posture Lens', 'applications'),
    ],
    references: [references.serviceApp, references.clientRoles, references.appGrants],
  },
});

/** The app's scopes whose capability is a high one (users, admin roles, apps, policies…). */
const fullAccessScopes = (app: RatedApp) => app.broadScopes.filter(isFullAccessScope);

const fullAccessScopeGrants = defineOktaControl({
  id: 'OKTA.OAUTH.2v1',
  title: 'No app is granted Okta API scopes that manage users, admin roles, apps or policies',
  description:
    'Reads the Okta API scopes an admin granted each OpenID Connect app and each API service integration, and flags ' +
    'apps holding a manage scope over users, groups, admin roles, apps, OAuth clients, policies, identity providers or ' +
    'API tokens (`okta.users.manage`, `okta.roles.manage`, `okta.apps.manage`…). Credit is the share of apps with ' +
    'Okta API scopes that hold none of them.',
  rationale:
    'A manage scope is write access to the heart of the org through the API: `okta.roles.manage` can make anyone a ' +
    'Super Administrator, `okta.users.manage` can reset any account. An app granted one, above all a custom app no ' +
    'catalog vouches for, is a target worth a phishing campaign or a supply-chain compromise; read scopes or a ' +
    'narrower manage scope are almost always enough.',
  severity: 'high',
  weight: 7,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-6', 'AC-6(1)', 'CM-7(5)'], initiatives: ['zero-trust'] },
  sources: inventorySources,
  evaluate: (data) => {
    const { apps } = analysis(data);
    const withScopes = apps.filter((app) => app.scopes === null || app.scopes.some((scope) => scope.startsWith('okta.')));
    const unread = withScopes.filter((app) => app.scopes === null);
    const flagged = withScopes.filter((app) => fullAccessScopes(app).length > 0);
    const expected = 'no manage scope over users, roles, apps or policies';
    const notes = unread.length ? [`The Okta API scopes of ${nameList(unread.map((app) => app.name))} could not be read.`] : [];
    if (flagged.length === 0) {
      if (unread.length) return unknown(`No app read holds a full-access scope, but ${notes[0]}`, { notes });
      return compliant({
        actual: 0,
        expected,
        reason: withScopes.length ? `None of ${count(withScopes.length, 'app')} with Okta API scopes holds a full-access one.` : 'No app holds Okta API scopes.',
      });
    }
    const affected = flagged.map((app) =>
      affectedApp(app, `${fullAccessScopes(app).join(', ')} · ${app.reputation === 'verified' ? 'Okta Integration Network' : 'custom app'}`),
    );
    return shareVerdict(withScopes.length - flagged.length, withScopes.length, {
      actual: flagged.length,
      expected,
      reason: `${flagged.length} of ${count(withScopes.length, 'app')} with Okta API scopes ${flagged.length === 1 ? 'holds' : 'hold'} full-access scopes: ${nameList(
        flagged.map((app) => `${app.name} (${fullAccessScopes(app).join(', ')})`),
      )}.`,
      notes,
      ...listAffected(affected),
    });
  },
  remediation: {
    summary: 'Revoke the manage scopes each listed app does not need, and keep full-access scopes to integrations from the Okta Integration Network that need them.',
    steps: [
      step('Open Applications → Applications and open each listed app', 'applications'),
      step('On its Okta API Scopes tab, choose Revoke beside each manage scope it does not need (keep a read scope where reading is enough)', 'applications'),
      step('For an API service integration, open Applications → API Service Integrations and reauthorise it with fewer scopes, or remove it', 'applications'),
      step('Save, then choose Verify in Posture Lens', 'applications'),
    ],
    references: [references.scopes, references.appGrants, references.apiServices],
  },
});

const endUserConsentedScopes = defineOktaControl({
  id: 'OKTA.OAUTH.3v1',
  title: 'Okta API scopes are granted to apps by admins, not by users\' own consent',
  description:
    'Reads the scope grants of each OpenID Connect app and flags apps holding an Okta API scope (`okta.*`, other than ' +
    'the user\'s own `okta.myAccount.*`) that a user consented to (`source: END_USER`) rather than an admin granted ' +
    'on the app\'s Okta API Scopes tab. Credit is the share of apps with Okta API scopes that hold none by consent.',
  rationale:
    'A scope a user could consent to is one an attacker can obtain by phishing a single click: the consent screen of a ' +
    'look-alike app hands it the user\'s Management API rights, and an admin\'s rights if an admin clicks. Admin ' +
    'grants keep who may call the API in the admins\' hands.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'CM-7(5)'], initiatives: ['business-email-compromise'] },
  sources: ['apps', 'appGrants'],
  evaluate: ({ apps, appGrants }) => {
    // The grants decide, whatever the app list says of the app: a grant read is a grant held.
    const labels = new Map(apps.map((candidate) => [candidate.id, candidate.label]));
    const unread = thirdPartyOidcApps(apps).filter((candidate) => !appGrants[candidate.id]);
    const flagged: AffectedEntity[] = [];
    let withScopes = 0;
    for (const [appId, grants] of Object.entries(appGrants)) {
      const active = grants.filter((grant) => grant.status === 'ACTIVE' && grant.scopeId.startsWith('okta.') && !grant.scopeId.startsWith('okta.myAccount.'));
      if (active.length) withScopes += 1;
      const consented = active.filter((grant) => grant.source === 'END_USER');
      if (consented.length) {
        const scopes = [...new Set(consented.map((grant) => grant.scopeId))];
        flagged.push({ id: appId, name: labels.get(appId) ?? appId, kind: 'app', detail: `${scopes.join(', ')} · ${count(consented.length, 'user consent')}` });
      }
    }
    const expected = 'admin grants only';
    const notes = unread.length ? [`The scope grants of ${nameList(unread.map((candidate) => candidate.label))} could not be read.`] : [];
    if (flagged.length === 0) {
      if (unread.length) return unknown(`No app read holds an Okta API scope by user consent, but ${notes[0]}`, { notes });
      return compliant({ actual: 0, expected, reason: withScopes ? `All ${count(withScopes, 'app')} with Okta API scopes were granted them by an admin.` : 'No OpenID Connect app holds Okta API scopes.' });
    }
    return shareVerdict(withScopes - flagged.length, withScopes, {
      actual: flagged.length,
      expected,
      reason: `${flagged.length} of ${count(withScopes, 'app')} with Okta API scopes ${flagged.length === 1 ? 'holds' : 'hold'} scopes users consented to themselves: ${nameList(flagged.map((entry) => entry.name))}.`,
      notes,
      ...listAffected(flagged),
    });
  },
  remediation: {
    summary: 'Revoke the Okta API scopes users consented to, and grant the ones the app needs as an admin.',
    steps: [
      step('Open Applications → Applications and open each listed app', 'applications'),
      step('On its Okta API Scopes tab, revoke the scopes users consented to, then grant as an admin only those the app needs', 'applications'),
      step('Open People, and for each user who consented revoke the app\'s grants and tokens on the user\'s page', 'people'),
      step('Save, then choose Verify in Posture Lens', 'applications'),
    ],
    references: [references.appGrants, references.scopes],
  },
});

/** An app's age when it shows no use: "created 2025-01-10", or that the date is unknown. */
const createdText = (created: string | null | undefined) => (created ? `created ${dayOf(created)}` : 'creation date not known');

const idleAppsWithLiveTokens = defineOktaControl({
  id: 'OKTA.OAUTH.4v1',
  title: `No app unused for ${systemLogDays} days holds live refresh tokens`,
  description:
    'Counts the live refresh tokens of each OpenID Connect app allowed the refresh_token grant (active and not ' +
    `expired, from the app's token list) and reads its last use: the newest System Log event its OAuth client acted in, ` +
    `over the ${systemLogDays} days the log keeps. Flags apps holding live refresh tokens with no event in that window ` +
    'that are older than it. Credit is the share of apps holding live refresh tokens that were used.',
  rationale:
    'A refresh token nobody uses is a standing credential nobody would miss: whoever steals it (from a retired ' +
    'server, a laptop, a vendor breach) gets fresh access tokens as the user, and no one watches an app no one uses. ' +
    'Revoking the tokens of idle apps, or removing the apps, shrinks what an attacker can replay.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'IA-5(13)', 'AC-12'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['apps', 'appTokens', 'appLastUse', 'scanTime'],
  evaluate: ({ apps, appTokens, appLastUse, scanTime }) => {
    const now = scanNow(scanTime);
    const flagged: AffectedEntity[] = [];
    const unread: string[] = [];
    let holders = 0;
    for (const app of thirdPartyOidcApps(apps)) {
      const tokens = refreshTokensOf(app, appTokens, now);
      if (tokens.state === 'not_issued') continue;
      if (tokens.state === 'unread') {
        unread.push(`${app.label} (refresh tokens)`);
        continue;
      }
      if (tokens.live === 0) continue;
      holders += 1;
      const lastUse = lastUseOf(clientIdOf(app), appLastUse);
      if (lastUse.state === 'unread') unread.push(`${app.label} (last use)`);
      else if (lastUse.state === 'idle' && olderThanLog(app.created, now)) {
        flagged.push({ id: app.id, name: app.label, kind: 'app', detail: `${liveTokensText(tokens)} live refresh tokens · last use ${lastUseText(lastUse)} · ${createdText(app.created)}` });
      }
    }
    const expected = `no live refresh tokens on apps unused for ${systemLogDays} days`;
    const notes = unread.length ? [`What could not be read: ${nameList(unread)}.`] : [];
    if (flagged.length === 0) {
      if (unread.length) return unknown(`No app read holds live refresh tokens while unused, but not everything could be read: ${nameList(unread)}.`, { notes });
      return compliant({
        actual: 0,
        expected,
        reason: holders ? `All ${count(holders, 'app')} holding live refresh tokens ${holders === 1 ? 'was' : 'were'} used in the last ${systemLogDays} days.` : 'No app holds live refresh tokens.',
      });
    }
    return shareVerdict(holders - flagged.length, holders, {
      actual: flagged.length,
      expected,
      reason: `${flagged.length} of ${count(holders, 'app')} holding live refresh tokens ${hasHave(flagged.length)} not been used in the ${systemLogDays} days the System Log keeps: ${nameList(flagged.map((entry) => entry.name))}.`,
      notes,
      ...listAffected(flagged),
    });
  },
  remediation: {
    summary: 'Remove the apps nobody uses any more, or revoke the refresh tokens they still hold.',
    steps: [
      step('Open Applications → Applications and open each listed app', 'applications'),
      step('If nobody needs it any more, choose Deactivate (its tokens stop working at once), then Delete', 'applications'),
      step('If it is still needed, revoke the tokens its users hold: in Directory → People open each user assigned to it, choose More Actions → Clear user sessions, which revokes the OpenID Connect and OAuth tokens issued to the user (an admin tool can revoke the app\'s tokens all at once with DELETE /api/v1/apps/{appId}/tokens)', 'people'),
      step('Check in Reports → System Log that the app is no longer issued tokens, then choose Verify in Posture Lens', 'systemLog'),
    ],
    references: [references.appTokens, references.revokeTokens, references.systemLog],
  },
});

/** An OpenID Connect app's active Okta API scopes (`okta.*`, not the user's own `okta.myAccount.*`); undefined when unread. */
function oktaApiScopesOf(app: OktaApp, appGrants: Record<string, Array<{ scopeId: string; status: string }>>): string[] | undefined {
  const grants = appGrants[app.id];
  return grants?.filter((grant) => grant.status === 'ACTIVE' && grant.scopeId.startsWith('okta.') && !grant.scopeId.startsWith('okta.myAccount.')).map((grant) => grant.scopeId);
}

const staleIntegrations = defineOktaControl({
  id: 'OKTA.OAUTH.5v1',
  title: `Integrations that call the Okta API were used in the last ${systemLogDays} days`,
  description:
    'Takes every API service integration and every OpenID Connect app granted Okta API scopes, and reads its last use: ' +
    `the newest System Log event its OAuth client acted in, over the ${systemLogDays} days the log keeps. Flags those ` +
    'with no event in that window that are older than it. Credit is the share of such integrations that were used.',
  rationale:
    'An integration nobody uses still holds a client secret or key with rights to the Management API. Forgotten ' +
    'integrations are where stolen credentials go unnoticed: no owner checks them, no failure is reported, and the ' +
    'vendor behind an old integration may no longer be looking after it. Removing them, or at least revoking their ' +
    'scopes and secrets, closes a door nobody guards.',
  severity: 'medium',
  weight: 4,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'CM-7(1)', 'IA-5(1)'], initiatives: ['zero-trust'] },
  sources: ['apps', 'appGrants', 'apiServiceIntegrations', 'appLastUse', 'integrationLastUse', 'scanTime'],
  evaluate: ({ apps, appGrants, apiServiceIntegrations, appLastUse, integrationLastUse, scanTime }) => {
    const now = scanNow(scanTime);
    const integrations = 'notFound' in apiServiceIntegrations ? [] : apiServiceIntegrations;
    const usage = appUsage({ apps, appLastUse, integrations, integrationLastUse }, now);
    const candidates: Array<{ id: string; name: string; kind: string; created: string | null | undefined; lastUse: LastUse }> = [];
    const unread: string[] = [];
    for (const app of thirdPartyOidcApps(apps)) {
      const scopes = oktaApiScopesOf(app, appGrants);
      if (scopes === undefined) unread.push(`${app.label} (Okta API scopes)`);
      else if (scopes.length) candidates.push({ id: app.id, name: app.label, kind: 'OpenID Connect app with Okta API scopes', created: app.created, lastUse: usage.get(`app:${app.id}`)!.lastUse });
    }
    for (const integration of integrations) {
      if (candidates.some((candidate) => candidate.id === integration.id)) continue;
      candidates.push({ id: integration.id, name: integration.name, kind: 'API service integration', created: integration.createdAt, lastUse: usage.get(`app:${integration.id}`)!.lastUse });
    }
    unread.push(...candidates.filter((candidate) => candidate.lastUse.state === 'unread').map((candidate) => `${candidate.name} (last use)`));
    const flagged = candidates
      .filter((candidate) => candidate.lastUse.state === 'idle' && olderThanLog(candidate.created, now))
      .map((candidate): AffectedEntity => ({ id: candidate.id, name: candidate.name, kind: 'app', detail: `${candidate.kind} · last use ${lastUseText(candidate.lastUse)} · ${createdText(candidate.created)}` }));
    const expected = `every integration used in the last ${systemLogDays} days`;
    const notes = unread.length ? [`What could not be read: ${nameList(unread)}.`] : [];
    if (flagged.length === 0) {
      if (unread.length) return unknown(`No integration read is idle, but not everything could be read: ${nameList(unread)}.`, { notes });
      return compliant({
        actual: 0,
        expected,
        reason: candidates.length ? `All ${count(candidates.length, 'integration')} calling the Okta API ${candidates.length === 1 ? 'was' : 'were'} used in the last ${systemLogDays} days.` : 'No integration calls the Okta API.',
      });
    }
    return shareVerdict(candidates.length - flagged.length, candidates.length, {
      actual: flagged.length,
      expected,
      reason: `${flagged.length} of ${count(candidates.length, 'integration')} calling the Okta API ${hasHave(flagged.length)} not been used in the ${systemLogDays} days the System Log keeps: ${nameList(flagged.map((entry) => entry.name))}.`,
      notes,
      ...listAffected(flagged),
    });
  },
  remediation: {
    summary: 'Remove the integrations nobody uses, or revoke their Okta API scopes and secrets until someone needs them again.',
    steps: [
      step('Open Applications → API Service Integrations and remove each listed integration nobody needs (its secret stops working at once)', 'applications'),
      step('For a listed OpenID Connect app, open it in Applications → Applications: on its Okta API Scopes tab revoke every scope, then deactivate it if nobody needs it', 'applications'),
      step('For an integration that is still needed, ask its owner to confirm it, and rotate its client secret', 'applications'),
      step('Check in Reports → System Log that the integration is no longer issued tokens, then choose Verify in Posture Lens', 'systemLog'),
    ],
    references: [references.apiServices, references.appGrants, references.systemLog],
  },
});

export const thirdPartyControls: Control[] = [appsActingAsSuperAdmin, fullAccessScopeGrants, endUserConsentedScopes, idleAppsWithLiveTokens, staleIntegrations];
