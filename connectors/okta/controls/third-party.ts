import { analyseAccess, type RatedApp } from '@/utils/access-graph';
import type { ParsedSource } from '@/utils/connector';
import { compliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { isFullAccessScope, oktaAccessInventory } from '../access';
import { defineOktaControl } from '../control';
import { firstPartyAppNames } from '../sources';
import { count, listAffected, nameList, scanNow, step } from './hygiene-evidence';

const references = {
  serviceApp: 'https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/',
  scopes: 'https://developer.okta.com/docs/api/oauth2',
  appGrants: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationGrants/',
  clientRoles: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentClient/',
  apiServices: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiServiceIntegrations/',
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
  const result = analyseAccess(oktaAccessInventory(parsed), scanNow(data.scanTime as string));
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
    const unread = apps.filter((candidate) => candidate.signOnMode === 'OPENID_CONNECT' && !firstPartyAppNames.has(candidate.name) && !appGrants[candidate.id]);
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

export const thirdPartyControls: Control[] = [appsActingAsSuperAdmin, fullAccessScopeGrants, endUserConsentedScopes];
