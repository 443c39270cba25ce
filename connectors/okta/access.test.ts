import { describe, expect, it } from 'vitest';
import { analyseAccess, highPathsOf, nodeOf } from '@/utils/access-graph';
import { oktaAccessInventory } from './access';
import {
  adminRoles,
  app,
  appGrant,
  appLink,
  apps,
  clientRole,
  daysAgo,
  forbiddenError,
  ids,
  oidcApp,
  oktaSourceResults,
  refreshToken,
  scanTime,
  tokenGrantEvent,
} from './fixtures/payloads';
import { parseOktaSources, type OktaSourceId } from './model';
import type { ScanErrorInfo } from '@/utils/errors';
import { maxAppsRead } from './sources';

const syncBot = '0oa1quickSyncBot0h7';
const portal = '0oa1acmePortal00h7';

/** The well-configured org plus a custom service app made Super Administrator with user and role management scopes. */
function riskyOrg(): Partial<Record<OktaSourceId, unknown>> {
  return {
    apps: [...apps(), oidcApp(syncBot, 'Quick Sync Bot', 'service'), oidcApp(portal, 'Acme Portal', 'web')],
    appGrants: {
      [syncBot]: [appGrant(syncBot, 'okta.users.manage'), appGrant(syncBot, 'okta.roles.manage'), appGrant(syncBot, 'okta.groups.read')],
      [portal]: [appGrant(portal, 'okta.users.read')],
    },
    clientRoles: { [syncBot]: [clientRole('SUPER_ADMIN', syncBot)] },
    appTokens: { [portal]: [refreshToken(portal, ids.superAdmin, 10)] },
    appLastUse: { [syncBot]: [tokenGrantEvent(syncBot, 1)], [portal]: [tokenGrantEvent(portal, 2)] },
  };
}

function inventoryOf(data: Partial<Record<OktaSourceId, unknown>>, errors: Partial<Record<OktaSourceId, ScanErrorInfo>> = {}) {
  return oktaAccessInventory(parseOktaSources(oktaSourceResults(data, errors), scanTime));
}

const analysisOf = (data: Partial<Record<OktaSourceId, unknown>>, errors: Partial<Record<OktaSourceId, ScanErrorInfo>> = {}) =>
  analyseAccess(inventoryOf(data, errors), Date.parse(scanTime));

describe('Okta third-party inventory', () => {
  it('lists the org\'s apps and API service integrations, never Okta\'s own apps', () => {
    const inventory = inventoryOf(riskyOrg());
    expect(inventory.apps.map((entry) => entry.name)).toEqual(['Salesforce.com', 'Quick Sync Bot', 'Acme Portal', 'LogSentry SIEM']);
    expect(inventory.gaps).toEqual([]);
    expect(inventory.apps.find((entry) => entry.name === 'Salesforce.com')).toMatchObject({
      reputation: 'verified', publisher: 'Okta Integration Network', scopes: [], authorization: 'admin_approved', liveTokens: 0,
    });
    expect(inventory.apps.find((entry) => entry.name === 'LogSentry SIEM')).toMatchObject({
      kind: 'API service integration', reputation: 'verified', scopes: ['okta.logs.read', 'okta.users.read'], broadScopes: [],
    });
  });

  it('rates the custom Super Administrator service app high and names its path and choke point', () => {
    const analysis = analysisOf(riskyOrg());
    const bot = analysis.apps[0]!;
    expect(bot).toMatchObject({
      name: 'Quick Sync Bot', rating: 'high', reputation: 'unverified', publisher: 'Acme Corporation (custom app)',
      broadScopes: ['okta.roles.manage', 'okta.users.manage'], highPaths: 3,
    });
    expect(bot.reasons).toContain('Its client holds the Super Administrator role: whoever has its secret or key controls the org.');
    expect(bot.facts).toContainEqual({ label: 'Admin roles of its client', value: 'Super Administrator' });
    const labels = highPathsOf(analysis.graph, bot.id).map((path) => path.map((id) => nodeOf(analysis.graph, id)!.label));
    expect(labels).toEqual([
      ['Quick Sync Bot', 'Assign admin roles'],
      ['Quick Sync Bot', 'Manage users'],
      ['Quick Sync Bot', 'Quick Sync Bot (its own client)', 'Super Administrator', 'Super Administrator rights'],
    ]);
    expect(analysis.chokePoints[0]).toMatchObject({ id: `app:${syncBot}`, paths: 3, share: 1 });
    // Read scopes reach nothing: the portal is listed, with no path.
    expect(analysis.apps.find((entry) => entry.name === 'Acme Portal')).toMatchObject({ highPaths: 0, reputation: 'unknown', authorization: 'admin_approved' });
  });

  it('follows an OpenID Connect app with manage scopes to the admins assigned to it, and their roles', () => {
    const analysis = analysisOf({
      apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web')],
      appGrants: { [portal]: [appGrant(portal, 'okta.users.manage'), appGrant(portal, 'okta.apps.read', { source: 'END_USER', userId: ids.serviceAccount })] },
      adminAppLinks: {
        [ids.superAdmin]: [appLink(portal, 'oidc_client', 'Acme Portal', ids.superAdmin)],
        [ids.secondSuperAdmin]: [],
        [ids.serviceAccount]: [appLink(portal, 'oidc_client', 'Acme Portal', ids.serviceAccount)],
      },
    });
    const portalApp = analysis.apps.find((entry) => entry.name === 'Acme Portal')!;
    expect(portalApp).toMatchObject({ authorization: 'self_authorised', reputation: 'unverified', highPaths: 2 });
    expect(portalApp.reaches.map((node) => node.label).sort()).toEqual(['Manage users', 'Super Administrator rights']);
    expect(portalApp.facts).toContainEqual({ label: 'Admins assigned', value: 'Alice Admin, HR Provisioning' });
  });

  it('says in gaps what is missing when a source failed, and never drops the apps it could read', () => {
    const inventory = inventoryOf(riskyOrg(), { appGrants: forbiddenError(), clientRoles: { kind: 'network', message: 'Okta did not answer.' } });
    expect(inventory.apps.find((entry) => entry.name === 'Quick Sync Bot')).toMatchObject({ scopes: null, authorization: 'unknown', reputation: 'unverified' });
    expect(inventory.gaps).toEqual([
      expect.stringMatching(/^The Okta API scopes granted to apps could not be read .*: what Quick Sync Bot, Acme Portal may do through the Management API is unknown\.$/),
      expect.stringMatching(/^The admin roles of service apps could not be read \(.*Okta did not answer.*\): paths through Quick Sync Bot are missing\.$/),
    ]);
    const failedApps = inventoryOf(riskyOrg(), { apps: { kind: 'network', message: 'Okta did not answer.' } });
    expect(failedApps.apps.map((entry) => entry.name)).toEqual(['LogSentry SIEM']);
    expect(failedApps.gaps[0]).toMatch(/^The org's applications could not be read/);
  });

  it('reads a 404 for API service integrations as their absence on a Classic org, and as a gap on Identity Engine', () => {
    const classic = inventoryOf({ apiServiceIntegrations: { notFound: true }, orgMetadata: { id: ids.org, pipeline: 'v1' } });
    expect(classic.gaps).toEqual([]);
    expect(classic.apps.map((entry) => entry.name)).toEqual(['Salesforce.com']);
    const identityEngine = inventoryOf({ apiServiceIntegrations: { notFound: true } });
    expect(identityEngine.gaps).toEqual([expect.stringMatching(/do not exist, yet the org does not show as a Classic Engine org/)]);
    const refused = inventoryOf({}, { apiServiceIntegrations: forbiddenError() });
    expect(refused.gaps).toEqual([expect.stringMatching(/^API service integrations could not be read/)]);
  });

  it('names the apps whose grants were left unread past the fan-out bound', () => {
    const many = Array.from({ length: maxAppsRead + 2 }, (_, index) => oidcApp(`0oa1bulk${String(index).padStart(4, '0')}0h7`, `Bulk ${index}`, 'web'));
    const inventory = inventoryOf({
      apps: [...apps(), ...many],
      appGrants: Object.fromEntries(many.slice(0, maxAppsRead).map((entry) => [entry.id, []])),
      appTokens: Object.fromEntries(many.slice(0, maxAppsRead).map((entry) => [entry.id, []])),
      appLastUse: Object.fromEntries(many.slice(0, maxAppsRead).map((entry) => [entry.id, [tokenGrantEvent(entry.id, 3)]])),
    });
    expect(inventory.gaps).toEqual([
      `Only the Okta API scopes of the first ${maxAppsRead} OpenID Connect apps were read: those of Bulk 25, Bulk 26 are unknown.`,
      `Only the refresh tokens of the first ${maxAppsRead} apps were read: how many live refresh tokens Bulk 25, Bulk 26 hold is unknown.`,
      `Only the System Log events of the first ${maxAppsRead} apps were read: when Bulk 25, Bulk 26 were last used is unknown.`,
    ]);
    expect(inventory.apps.find((entry) => entry.name === 'Bulk 26')).toMatchObject({ liveTokens: null, lastUsed: null });
    expect(inventory.apps.find((entry) => entry.name === 'Bulk 26')).toMatchObject({ scopes: null, reputation: 'unverified' });
  });

  it('makes an admin whose app assignments are missing a gap, not a path-free admin', () => {
    const inventory = inventoryOf({ adminAppLinks: { [ids.superAdmin]: [] }, adminRoles: adminRoles() });
    expect(inventory.gaps).toEqual([expect.stringMatching(/^The apps or roles of Bob Backup, HR Provisioning could not be read: paths through them are missing\.$/)]);
  });

  it('rejects malformed rows at the parser: a grant without its source fails the source, which is a gap', () => {
    const inventory = inventoryOf({ ...riskyOrg(), appGrants: { [syncBot]: [{ id: 'oag1', scopeId: 'okta.users.manage', status: 'ACTIVE' }] } });
    expect(inventory.gaps[0]).toMatch(/^The Okta API scopes granted to apps could not be read .*source/);
    expect(inventory.apps.find((entry) => entry.name === 'Quick Sync Bot')!.scopes).toBeNull();
  });

  it('gives a SAML app no Okta API path even when admins use it', () => {
    const analysis = analysisOf({ apps: [...apps(), app({ id: '0oa1slack00000h7', name: 'slack', label: 'Slack' })] });
    expect(analysis.highPathCount).toBe(0);
    expect(analysis.apps.find((entry) => entry.name === 'Slack')).toMatchObject({ scopes: [], rating: 'low' });
  });
});

describe('Okta third-party inventory: last use and live refresh tokens', () => {
  const travelDesk = '0oa1travelDesk00h7';
  /** A custom web app last used 120 days ago (outside the System Log), still holding refresh tokens of two users. */
  const idleOrg = (): Partial<Record<OktaSourceId, unknown>> => ({
    ...riskyOrg(),
    apps: [...(riskyOrg().apps as unknown[]), oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(400) })],
    appGrants: { ...(riskyOrg().appGrants as object), [travelDesk]: [] },
    appTokens: {
      [portal]: [refreshToken(portal, ids.superAdmin, 10)],
      [travelDesk]: [
        refreshToken(travelDesk, ids.superAdmin, 120),
        refreshToken(travelDesk, ids.serviceAccount, 130),
        refreshToken(travelDesk, ids.secondSuperAdmin, 200, { status: 'REVOKED' }),
        refreshToken(travelDesk, ids.secondSuperAdmin, 400, { expiresAt: daysAgo(35) }),
      ],
    },
    appLastUse: { [syncBot]: [tokenGrantEvent(syncBot, 1)], [portal]: [tokenGrantEvent(portal, 2)], [travelDesk]: [] },
  });

  it('takes the last use from the newest System Log event and counts live refresh tokens', () => {
    const inventory = inventoryOf(riskyOrg());
    const byName = (name: string) => inventory.apps.find((entry) => entry.name === name)!;
    expect(byName('Acme Portal')).toMatchObject({ lastUsed: daysAgo(2), liveTokens: 1 });
    expect(byName('Acme Portal').facts).toEqual(expect.arrayContaining([{ label: 'Live refresh tokens', value: '1' }, { label: 'Last use', value: daysAgo(2).slice(0, 10) }]));
    // A client-credentials app is never given refresh tokens: zero is known, not guessed.
    expect(byName('Quick Sync Bot')).toMatchObject({ lastUsed: daysAgo(1), liveTokens: 0 });
    expect(byName('Quick Sync Bot').facts).toContainEqual({ label: 'Live refresh tokens', value: 'none: it is not allowed the refresh_token grant' });
    expect(byName('LogSentry SIEM')).toMatchObject({ lastUsed: daysAgo(1), liveTokens: 0 });
    expect(inventory.gaps).toEqual([]);
  });

  it('rates an app idle for the whole log window with live tokens higher, counting only active unexpired tokens', () => {
    const analysis = analyseAccess(inventoryOf(idleOrg()), Date.parse(scanTime));
    const app = analysis.apps.find((entry) => entry.name === 'Travel Desk')!;
    expect(app).toMatchObject({ lastUsed: null, liveTokens: 2, highPaths: 0 });
    expect(app.facts).toEqual(expect.arrayContaining([{ label: 'Live refresh tokens', value: '2' }, { label: 'Last use', value: 'none in the 90 days the System Log keeps' }]));
    expect(app.reasons).toContain('Not used in the 90 days the System Log keeps, yet holds 2 live refresh tokens.');
    expect(app.points).toBe(3);
    expect(app.rating).toBe('medium');
  });

  it('does not call an app idle that is younger than the log window', () => {
    const young = idleOrg();
    young.apps = [...(riskyOrg().apps as unknown[]), oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(20) })];
    const app = inventoryOf(young).apps.find((entry) => entry.name === 'Travel Desk')!;
    expect(app.facts).toContainEqual({ label: 'Last use', value: `none since it was created on ${daysAgo(20).slice(0, 10)}` });
    expect(app.risks).toEqual([]);
  });

  it('flags an idle integration still authorised to call the Okta API', () => {
    const inventory = inventoryOf({ ...riskyOrg(), integrationLastUse: { [ids.logIntegration]: [] } });
    const siem = inventory.apps.find((entry) => entry.name === 'LogSentry SIEM')!;
    expect(siem.risks).toEqual([{ points: 1, reason: 'Not used in the 90 days the System Log keeps, yet still authorised to call the Okta API.' }]);
  });

  it('makes unread tokens or log a gap and leaves the figures unknown, never zero or unused', () => {
    const inventory = inventoryOf(idleOrg(), { appTokens: forbiddenError(), integrationLastUse: { kind: 'rate_limited', status: 429, message: 'Okta asked to slow down (429).' } });
    expect(inventory.apps.find((entry) => entry.name === 'Travel Desk')).toMatchObject({ liveTokens: null, lastUsed: null });
    expect(inventory.apps.find((entry) => entry.name === 'LogSentry SIEM')).toMatchObject({ lastUsed: null });
    expect(inventory.gaps).toEqual([
      expect.stringMatching(/^The refresh tokens of OpenID Connect apps could not be read \(Okta refused .*\): how many live refresh tokens Acme Portal, Travel Desk hold is unknown\.$/),
      'The System Log (last use of API service integrations) could not be read (Okta asked to slow down (429).): when LogSentry SIEM was last used is unknown.',
    ]);
    expect(inventory.apps.find((entry) => entry.name === 'Travel Desk')!.risks).toEqual([]);
  });

  it('rejects a log event without a readable date at the parser: the source fails, which is a gap', () => {
    const inventory = inventoryOf({ ...idleOrg(), appLastUse: { [travelDesk]: [tokenGrantEvent(travelDesk, 3, { published: 'yesterday' })] } });
    expect(inventory.gaps).toEqual([expect.stringMatching(/^The System Log \(last use of OpenID Connect apps\) could not be read \(.*published.*\): when Quick Sync Bot, Acme Portal, Travel Desk were last used is unknown\.$/)]);
  });
});
