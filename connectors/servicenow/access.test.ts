import { describe, expect, it } from 'vitest';
import { analyseAccess, blastRadius, highPathsOf } from '@/utils/access-graph';
import { serviceNowAccessInventory } from './access';
import { grants, goodOAuthEntities, goodOAuthScopes, goodOAuthTokens, goodRoster, oauthEntity, oauthScope, oauthToken, scanTime, serviceNowSourceResults, table, userSpec, type RawSources } from './fixtures/payloads';
import { parseServiceNowSources } from './model';
import type { ScanErrorInfo } from '@/utils/errors';

const svc = userSpec('Svc Integration', { web_service_access_only: 'true' });
const ticketSync = oauthEntity({
  sys_id: 'oa00ticketsync0000000000000004',
  name: 'Ticket Sync Connector',
  sys_created_by: 'bob.builder',
  'sys_scope.scope': 'global',
  'sys_scope.name': 'Global',
  refresh_token_lifespan: '',
  redirect_url: 'http://tickets.partner.example/cb',
});
const legacyExport = oauthEntity({ sys_id: 'oa00legacyexport00000000000005', name: 'Legacy Export', sys_created_by: 'grace.hopper', 'sys_scope.scope': 'global', 'sys_scope.name': 'Global' });
const mobile = oauthEntity({ sys_id: 'oa00snmobile0000000000000000006', name: 'ServiceNow Mobile', sys_created_by: 'system', 'sys_scope.scope': 'global', 'sys_scope.name': 'Global' });

/** The risky instance: two locally created clients act as an integration account that holds admin and oauth_admin. */
function riskySources(overrides: RawSources = {}): RawSources {
  return {
    oauthEntities: table([...goodOAuthEntities, ticketSync, legacyExport, mobile]),
    oauthScopes: table(goodOAuthScopes),
    oauthTokens: table([
      ...goodOAuthTokens,
      oauthToken(ticketSync.sys_id!, svc, 1),
      oauthToken(ticketSync.sys_id!, svc, 0, { sys_id: 'tkticketaccess00000000000000001', type: 'access_token' }),
      oauthToken(legacyExport.sys_id!, svc, 3),
    ]),
    privilegedGrants: table(grants([...goodRoster, [svc, ['admin', 'oauth_admin']]])),
    ...overrides,
  };
}

const inventoryOf = (overrides: RawSources = {}, errors: Record<string, ScanErrorInfo> = {}) =>
  serviceNowAccessInventory(parseServiceNowSources(serviceNowSourceResults(riskySources(overrides), errors), scanTime));

const failed: ScanErrorInfo = { kind: 'forbidden', message: 'ServiceNow refused to read this table (403).' };

describe('ServiceNow access inventory', () => {
  it('lists the active clients with their origin, scopes, tokens and last use, and leaves providers out', () => {
    const inventory = inventoryOf();
    expect(inventory.gaps).toEqual([]);
    expect(inventory.apps.map((app) => app.name)).toEqual(['Workday HR integration', 'Acme field app', 'Ticket Sync Connector', 'Legacy Export', 'ServiceNow Mobile']);
    const ticket = inventory.apps.find((app) => app.name === 'Ticket Sync Connector')!;
    expect(ticket).toMatchObject({
      id: 'app:oa00ticketsync0000000000000004',
      kind: 'OAuth client',
      reputation: 'unverified',
      publisher: 'created locally by bob.builder',
      scopes: ['useraccount'],
      broadScopes: ['useraccount'],
      authorization: 'self_authorised',
      liveTokens: 2,
      lastUsed: '2026-04-15T12:00:00Z',
      page: 'oauthRegistry',
    });
    expect(ticket.risks.map((risk) => risk.reason)).toEqual([
      'Its refresh tokens stay valid for 100 days.',
      'Its authorization codes may be sent to an unsafe redirect URL: http://tickets.partner.example/cb.',
    ]);
    expect(ticket.facts).toContainEqual({ label: 'Refresh token lifespan', value: 'platform default, 100 days' });
    expect(inventory.apps.find((app) => app.name === 'Workday HR integration')).toMatchObject({ reputation: 'verified', publisher: 'Workday HR Connector', scopes: ['hr_read'], broadScopes: [] });
    expect(inventory.apps.find((app) => app.name === 'Acme field app')).toMatchObject({ reputation: 'vendor', publisher: 'ServiceNow' });
    expect(inventory.apps.find((app) => app.name === 'ServiceNow Mobile')).toMatchObject({ reputation: 'vendor', liveTokens: 0, lastUsed: null });
  });

  it('finds the path to full administration and names the integration account as the choke point', () => {
    const analysis = analyseAccess(inventoryOf(), Date.parse(scanTime));
    expect(analysis.highPathCount).toBe(4);
    expect(analysis.chokePoints[0]).toMatchObject({ id: `user:${svc.sys_id}`, kind: 'identity', label: 'Svc Integration', paths: 4, share: 1 });
    expect(highPathsOf(analysis.graph, 'app:oa00ticketsync0000000000000004')).toEqual([
      ['app:oa00ticketsync0000000000000004', `user:${svc.sys_id}`, 'role:admin', 'capability:admin'],
      ['app:oa00ticketsync0000000000000004', `user:${svc.sys_id}`, 'role:oauth_admin', 'capability:oauth_admin'],
    ]);
    const ticket = analysis.apps.find((app) => app.name === 'Ticket Sync Connector')!;
    expect(ticket.rating).toBe('high');
    expect(ticket.reaches.map((node) => node.label).sort()).toEqual(['Full administration', 'Manage OAuth apps and tokens']);
    // The good instance's token holders hold no privileged role: the field app reaches nothing.
    expect(blastRadius(analysis.graph, 'app:oa00mobile000000000000000000002')).toMatchObject({ identities: [{ label: 'Fiona Field' }], highCapabilities: [] });
  });

  it('adds the OAuth Application User a client-credentials entry runs as, approved by the admin who set it', () => {
    const runner = oauthEntity({ sys_id: 'oa00runner00000000000000000000007', name: 'Nightly Export', user: svc.sys_id, 'user.user_name': svc.user_name, 'user.name': svc.name, 'user.active': 'false' });
    const inventory = inventoryOf({ oauthEntities: table([runner]), oauthTokens: table([]) });
    expect(inventory.apps[0]).toMatchObject({ authorization: 'admin_approved', liveTokens: 0 });
    expect(inventory.apps[0]!.risks.map((risk) => risk.reason)).toContain('It runs as Svc Integration, a user who is no longer active.');
    expect(inventory.edges).toContainEqual({ from: 'app:oa00runner00000000000000000000007', to: `user:${svc.sys_id}`, relation: 'acts as' });
    expect(analyseAccess(inventory, Date.parse(scanTime)).highPathCount).toBe(2);
  });

  it('says what is missing when the tokens could not be read, and counts nothing', () => {
    const inventory = inventoryOf({}, { oauthTokens: failed });
    expect(inventory.gaps).toEqual(['The issued OAuth tokens could not be read: who acts through each client, its last use and its live tokens are unknown. Scan again as an admin (or oauth_admin).']);
    expect(inventory.apps.every((app) => app.liveTokens === null && app.lastUsed === null)).toBe(true);
    expect(inventory.edges.filter((edge) => edge.relation === 'acts as')).toEqual([]);
  });

  it('does not claim the useraccount default when the scopes could not be read', () => {
    const inventory = inventoryOf({}, { oauthScopes: failed });
    expect(inventory.apps.every((app) => app.scopes === null && app.broadScopes.length === 0)).toBe(true);
    expect(inventory.gaps[0]).toContain('OAuth entity scopes could not be read');
  });

  it('shows no path to admin without the role holders, and says why', () => {
    const inventory = inventoryOf({}, { privilegedGrants: failed });
    expect(analyseAccess(inventory, Date.parse(scanTime)).highPathCount).toBe(0);
    expect(inventory.gaps).toEqual(['The holders of privileged roles could not be read: the roles of the users clients act as are missing, so no path to admin can be shown. Scan again as an admin.']);
  });

  it('is only a gap when the Application Registry could not be read', () => {
    expect(inventoryOf({}, { oauthEntities: failed })).toEqual({
      apps: [],
      nodes: [],
      edges: [],
      gaps: ['The Application Registry could not be read: no OAuth client of this instance is listed. Scan again as an admin.'],
    });
  });

  it('turns a malformed token row into a gap, never into a client without tokens', () => {
    const inventory = inventoryOf({ oauthTokens: table([{ ...oauthToken(ticketSync.sys_id!, svc, 1), expires: 'next week' }]) });
    expect(inventory.gaps).toHaveLength(1);
    expect(inventory.apps.find((app) => app.name === 'Ticket Sync Connector')!.liveTokens).toBeNull();
  });

  it('says that token counts are lower bounds when older tokens were left unread', () => {
    const inventory = inventoryOf({ oauthTokens: table([oauthToken(ticketSync.sys_id!, svc, 1)], 6200) });
    expect(inventory.gaps).toEqual(['6,199 older live OAuth tokens were not read: their users are missing from the graph and token counts are lower bounds.']);
  });

  it('says so when a token belongs to no registry entry read, instead of dropping it', () => {
    const tokens = riskySources().oauthTokens as { result: Array<Record<string, string>> };
    const inventory = inventoryOf({ oauthTokens: table([...tokens.result, oauthToken('oa00unknownentity000000000000099', svc, 1)]) });
    expect(inventory.gaps).toEqual(['1 live OAuth token belongs to no Application Registry entry read, so the client they act for is unknown. Scan again.']);
  });

  it('attaches no role to a user the tokens and the grants give different sys_ids', () => {
    const renamed = { ...svc, sys_id: 'svcintegrationother0000a1b2c3d4' };
    const inventory = inventoryOf({ oauthTokens: table([oauthToken(ticketSync.sys_id!, renamed, 1)]) });
    expect(inventory.gaps).toEqual(['The tokens and the role grants name svc.integration with different sys_ids, so their roles cannot be told. Scan again.']);
    expect(analyseAccess(inventory, Date.parse(scanTime)).highPathCount).toBe(0);
  });

  it('reads the scopes an entity defines instead of useraccount', () => {
    const inventory = inventoryOf({ oauthScopes: table([...goodOAuthScopes, oauthScope(ticketSync.sys_id!, 'ticket_write'), oauthScope(ticketSync.sys_id!, 'useraccount')]) });
    expect(inventory.apps.find((app) => app.name === 'Ticket Sync Connector')).toMatchObject({ scopes: ['ticket_write', 'useraccount'], broadScopes: ['useraccount'] });
  });
});
