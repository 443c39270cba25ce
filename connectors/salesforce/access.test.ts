import { describe, expect, it } from 'vitest';
import { analyseAccess, blastRadius, highPathsOf } from '@/utils/access-graph';
import { isRecordId, salesforceAccessInventory } from './access';
import {
  appMenuItem,
  connectedApp,
  daysAgo,
  externalClientApp,
  externalClientAppPolicy,
  grantors,
  malformedSources,
  oauthToken,
  parsed,
  people,
  privilegedAssignment,
  queryResult,
  scanTime,
  type RawSources,
} from './fixtures/org-data';

const slackId = '0H4Hs0000000SlackAAA';
const dataLoaderId = '0H4Hs00000DataLoaAAA';
const fieldServiceId = '0xIHs0000000FieldAAA';

/** A small org: Slack (managed package, admin-approved) acts as Ada; an uninstalled "Data Export Helper" acts as Alan, a System Administrator; DataLoader (local, self-authorised) acts as Alan and Grace. */
function org(overrides: RawSources = {}): RawSources {
  return {
    connectedApps: queryResult('ConnectedApplication', [
      connectedApp(slackId, 'Slack for Salesforce'),
      connectedApp(dataLoaderId, 'DataLoader', { adminApprovedOnly: false, refreshPeriod: null }),
    ]),
    appMenuItems: queryResult('AppMenuItem', [
      appMenuItem('0DSHs0000000SlackAAA', 'Slack for Salesforce', slackId, { namespace: 'slackv2' }),
      appMenuItem('0DSHs00000DataLoaAAA', 'DataLoader', dataLoaderId, { adminApproved: false }),
    ]),
    oauthTokens: queryResult('OauthToken', [
      oauthToken('0CQHs0000000000001', 'Data Export Helper', people.alan, { adminApproved: null, lastUsed: daysAgo(1) }),
      oauthToken('0CQHs0000000000002', 'DataLoader', people.alan, { adminApproved: false, applicationId: dataLoaderId, lastUsed: daysAgo(120) }),
      oauthToken('0CQHs0000000000003', 'DataLoader', people.grace, { adminApproved: false, applicationId: dataLoaderId, lastUsed: daysAgo(100) }),
      oauthToken('0CQHs0000000000004', 'Slack for Salesforce', people.ada, { applicationId: slackId }),
    ]),
    externalClientApps: queryResult('ExternalClientApplication', [externalClientApp(fieldServiceId, 'Field Service Mobile')]),
    externalClientAppPolicies: queryResult('ExtlClntAppOauthPlcyCnfg', [externalClientAppPolicy('0HxHs0000000FieldAAA', fieldServiceId, 'AllSelfAuthorized')]),
    privilegedAssignments: queryResult('PermissionSetAssignment', [
      privilegedAssignment(people.alan, grantors.systemAdministrator),
      privilegedAssignment(people.grace, grantors.apexDeveloper),
      privilegedAssignment(people.katherine, grantors.systemAdministrator),
    ]),
    ...overrides,
  };
}

const inventoryOf = (raw: RawSources) => salesforceAccessInventory(parsed(raw));
const now = Date.parse(scanTime);

describe('Salesforce access inventory', () => {
  it('lists connected apps, external client apps and apps only seen in tokens, each with what the org says of it', () => {
    const { apps, gaps } = inventoryOf(org());
    expect(gaps).toEqual([]);
    expect(apps.map((app) => [app.name, app.kind, app.reputation, app.authorization, app.liveTokens])).toEqual([
      ['Slack for Salesforce', 'Connected app', 'verified', 'admin_approved', 1],
      ['DataLoader', 'Connected app', 'unknown', 'self_authorised', 2],
      ['Field Service Mobile', 'External client app', 'unknown', 'self_authorised', 0],
      ['Data Export Helper', 'Connected app', 'unverified', 'self_authorised', 1],
    ]);
    const slack = apps.find((app) => app.name === 'Slack for Salesforce')!;
    expect(slack.publisher).toBe('Managed package (namespace slackv2)');
    expect(slack.facts).toContainEqual({ label: 'Refresh token policy', value: 'Expires 90 (unit as set on the policy) after it is issued' });
    // Salesforce does not expose scopes through SOQL: they stay unknown, never invented.
    expect(apps.every((app) => app.scopes === null && app.broadScopes.length === 0)).toBe(true);
    const dataLoader = apps.find((app) => app.name === 'DataLoader')!;
    expect(dataLoader.lastUsed).toBe(new Date(Date.parse(daysAgo(100))).toISOString());
    expect(dataLoader.facts).toContainEqual({ label: 'Refresh token policy', value: 'Valid until revoked' });
    expect(dataLoader.facts).toContainEqual({ label: 'IP relaxation', value: "Not readable through the API: check the app's OAuth policies" });
    expect(dataLoader.risks.map((risk) => risk.reason)).toEqual(['Its refresh tokens stay valid until someone revokes them.']);
    expect(apps.find((app) => app.name === 'Field Service Mobile')!.lastUsed).toBe('never');
  });

  it('shows the path from the uninstalled, unverified app to Modify All Data and names the System Administrator profile as the choke point', () => {
    const analysis = analyseAccess(inventoryOf(org()), now);
    const helper = analysis.apps.find((app) => app.name === 'Data Export Helper')!;
    expect(helper.rating).toBe('high');
    expect(helper.reasons).toContain('It is not installed in the org, so no admin policy (permitted users, IP or session rules) applies to it.');
    expect(helper.reaches.map((node) => node.label).sort()).toEqual(['Author Apex', 'Manage Users', 'Modify All Data', 'View All Data']);
    expect(highPathsOf(analysis.graph, helper.id)).toContainEqual([
      'app:not-installed:Data Export Helper',
      `user:${people.alan.Id}`,
      `permset:${grantors.systemAdministrator.Id}`,
      'capability:PermissionsModifyAllData',
    ]);
    // Helper → Alan → admin (4 paths), DataLoader → Alan → admin (4) and → Grace → Apex Developer (1): the profile carries 8 of 9.
    expect(analysis.highPathCount).toBe(9);
    expect(analysis.chokePoints[0]).toMatchObject({ label: 'System Administrator profile', kind: 'privilege', paths: 8 });
    // Katherine holds the same profile but no token: she is on no path.
    expect(analysis.graph.index.has(`user:${people.katherine.Id}`)).toBe(false);
  });

  it('leaves API Enabled and Customize Application out of the high capabilities', () => {
    const radius = blastRadius(analyseAccess(inventoryOf(org()), now).graph, `app:${dataLoaderId}`);
    expect(radius.capabilities.filter((node) => !node.high).map((node) => node.label).sort()).toEqual(['API Enabled', 'Customize Application']);
    expect(radius.identities.map((node) => node.label).sort()).toEqual(['Alan Turing', 'Grace Hopper']);
  });

  it('a token user with no privileged assignment reaches nothing high', () => {
    const analysis = analyseAccess(inventoryOf(org()), now);
    expect(analysis.apps.find((app) => app.name === 'Slack for Salesforce')!.highPaths).toBe(0);
  });

  it('says what is missing when a source could not be read, and counts nothing it did not read', () => {
    const failed = parsed(org());
    failed.oauthTokens = { ok: false, reason: 'INSUFFICIENT_ACCESS' };
    failed.privilegedAssignments = { ok: false, reason: 'INSUFFICIENT_ACCESS' };
    const inventory = salesforceAccessInventory(failed);
    expect(inventory.gaps).toEqual([
      'OAuth tokens could not be read (INSUFFICIENT_ACCESS): no app shows who authorised it, when it was last used or what it reaches.',
      'Privileged permission assignments could not be read (INSUFFICIENT_ACCESS): no path from an app to Modify All Data or other high permissions can be shown.',
    ]);
    expect(inventory.apps.map((app) => [app.name, app.liveTokens, app.lastUsed])).toEqual([
      ['Slack for Salesforce', null, null],
      ['DataLoader', null, null],
      ['Field Service Mobile', null, null],
    ]);
    expect(inventory.edges).toEqual([]);
  });

  it('turns malformed rows into gaps, never an empty, clean inventory', () => {
    const inventory = inventoryOf(org({
      oauthTokens: malformedSources.oauthTokens,
      appMenuItems: malformedSources.appMenuItems,
      externalClientApps: malformedSources.externalClientApps,
      externalClientAppPolicies: malformedSources.externalClientAppPolicies,
    }));
    expect(inventory.gaps).toHaveLength(4);
    expect(inventory.gaps[0]).toMatch(/^OAuth tokens could not be read/);
    expect(inventory.gaps.slice(1).map((gap) => gap.split(' could not')[0])).toEqual([
      'Installed app entries',
      'External client apps',
      'External client app OAuth policies',
    ]);
    expect(inventory.apps.find((app) => app.name === 'Slack for Salesforce')!.reputation).toBe('unknown');
  });

  it('reports a partly read token list and does not count its tokens', () => {
    const inventory = inventoryOf(org({
      oauthTokens: queryResult('OauthToken', [oauthToken('0CQHs0000000000001', 'Data Export Helper', people.alan, { adminApproved: null })], { totalSize: 2500, done: false }),
    }));
    expect(inventory.gaps).toEqual(['Only 1 of 2500 OAuth tokens were read: token counts are unknown and some paths may be missing.']);
    expect(inventory.apps.find((app) => app.name === 'Data Export Helper')!.liveTokens).toBeNull();
    expect(inventory.apps.find((app) => app.name === 'DataLoader')!.lastUsed).toBeNull();
  });

  it('links tokens without ApplicationId to the installed app of the same name', () => {
    const inventory = inventoryOf(org({
      oauthTokens: queryResult('OauthToken', [oauthToken('0CQHs0000000000002', 'DataLoader', people.alan, { adminApproved: false })]),
    }));
    expect(inventory.apps.map((app) => app.name)).toEqual(['Slack for Salesforce', 'DataLoader', 'Field Service Mobile']);
    expect(inventory.edges).toContainEqual({ from: `app:${dataLoaderId}`, to: `user:${people.alan.Id}`, relation: 'acts as' });
  });
});

describe('isRecordId', () => {
  it('accepts the 18-character ids Salesforce sends and rejects damaged ones', () => {
    expect(isRecordId(people.ada.Id)).toBe(true);
    expect(isRecordId(people.ada.Id.slice(0, 15))).toBe(false);
    expect(isRecordId(people.ada.Id.toUpperCase())).toBe(false);
    expect(isRecordId(`${people.ada.Id.slice(0, 17)}#`)).toBe(false);
  });

  it('says so in the gaps when a token names a damaged user id', () => {
    const token = oauthToken('0CQHs0000000000001', 'Data Export Helper', people.alan, { adminApproved: null });
    const inventory = inventoryOf(org({ oauthTokens: queryResult('OauthToken', [{ ...token, UserId: 'not-an-id' }]) }));
    expect(inventory.gaps).toEqual(['1 OAuth token names a user id Salesforce does not send: what those users hold is not shown.']);
  });
});
