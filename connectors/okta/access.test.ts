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
  forbiddenError,
  ids,
  oidcApp,
  oktaSourceResults,
  scanTime,
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
    });
    expect(inventory.gaps).toEqual([`Only the Okta API scopes of the first ${maxAppsRead} OpenID Connect apps were read: those of Bulk 25, Bulk 26 are unknown.`]);
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
