import { describe, expect, it } from 'vitest';
import { analyseAccess, blastRadius, highPathsOf } from '@/utils/access-graph';
import { isRecordId, salesforceAccessInventory } from './access';
import {
  appMenuItem,
  connectedApp,
  connectedAppOauth,
  connectedAppOauthRead,
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

/**
 * A small org: Slack (managed package, admin-approved, narrow scopes) acts as Ada; an uninstalled "Data Export Helper"
 * acts as Alan, a System Administrator; DataLoader (local, self-authorised, full + refresh_token, IP restrictions
 * relaxed) acts as Alan and Grace.
 */
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
    connectedAppOauth: connectedAppOauthRead([
      connectedAppOauth('slackv2__Slack_for_Salesforce', ['Chatter', 'OpenID'], { refreshTokenPolicy: 'specific_lifetime:90:DAYS' }),
      connectedAppOauth('DataLoader', ['Full', 'RefreshToken', 'OfflineAccess'], { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'infinite' }),
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
    expect(slack).toMatchObject({ scopes: ['chatter_api', 'openid'], broadScopes: [] });
    expect(slack.facts).toContainEqual({ label: 'Refresh token policy', value: 'Expire refresh token after 90 days' });
    expect(slack.facts).toContainEqual({ label: 'IP relaxation', value: 'Enforce IP restrictions' });
    const dataLoader = apps.find((app) => app.name === 'DataLoader')!;
    // OfflineAccess is RefreshToken under another name: the scope list shows one refresh_token.
    expect(dataLoader).toMatchObject({ scopes: ['full', 'refresh_token'], broadScopes: ['full', 'refresh_token'] });
    expect(dataLoader.lastUsed).toBe(new Date(Date.parse(daysAgo(100))).toISOString());
    expect(dataLoader.facts).toContainEqual({ label: 'OAuth scopes', value: 'full, refresh_token' });
    expect(dataLoader.facts).toContainEqual({ label: 'Refresh token policy', value: 'Refresh token is valid until revoked' });
    expect(dataLoader.facts).toContainEqual({ label: 'IP relaxation', value: 'Relax IP restrictions' });
    expect(dataLoader.risks).toEqual([
      { reason: 'Its refresh tokens stay valid until someone revokes them.', points: 1 },
      { reason: 'Its IP relaxation is "Relax IP restrictions": its tokens work from any network, past the org\'s and profiles\' IP ranges.', points: 2 },
    ]);
    // Neither an external client app's nor an uninstalled app's scopes are read: they stay unknown, never invented.
    const fieldService = apps.find((app) => app.name === 'Field Service Mobile')!;
    expect(fieldService).toMatchObject({ scopes: null, broadScopes: [], lastUsed: 'never' });
    const helper = apps.find((app) => app.name === 'Data Export Helper')!;
    expect(helper.scopes).toBeNull();
    expect(helper.facts.find((fact) => fact.label === 'OAuth scopes')?.value).toMatch(/^Not readable: an app that is not installed has no OAuth settings in the org/);
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
    expect(inventory.gaps).toHaveLength(5);
    expect(inventory.gaps[0]).toMatch(/^OAuth tokens could not be read/);
    expect(inventory.gaps.slice(1, 4).map((gap) => gap.split(' could not')[0])).toEqual([
      'Installed app entries',
      'External client apps',
      'External client app OAuth policies',
    ]);
    // Without the App Launcher entries no app's API name, and so no app's OAuth settings, is known.
    expect(inventory.gaps[4]).toBe(
      'The OAuth settings of 2 connected apps were not read, so their scopes and IP relaxation are unknown: ' +
        'Slack for Salesforce (the App Launcher entries that give its API name could not be read) and DataLoader (the App Launcher entries that give its API name could not be read).',
    );
    expect(inventory.apps.filter((app) => app.kind === 'Connected app').every((app) => app.scopes === null)).toBe(true);
    expect(inventory.apps.find((app) => app.name === 'Slack for Salesforce')!.reputation).toBe('unknown');
  });

  it('keeps scopes unknown and says why when the OAuth settings could not be read', () => {
    const failed = parsed(org());
    failed.connectedAppOauth = { ok: false, reason: 'Your user cannot read this: it needs "View Setup and Configuration".' };
    const inventory = salesforceAccessInventory(failed);
    expect(inventory.gaps).toEqual([
      'Connected apps\' OAuth settings could not be read (Your user cannot read this: it needs "View Setup and Configuration".): no app\'s scopes, IP relaxation or exact refresh token policy is shown.',
    ]);
    const dataLoader = inventory.apps.find((app) => app.name === 'DataLoader')!;
    expect(dataLoader.scopes).toBeNull();
    expect(dataLoader.facts).toContainEqual({ label: 'IP relaxation', value: 'Not read: its OAuth settings could not be read (Your user cannot read this: it needs "View Setup and Configuration".)' });
    // The refresh token policy falls back to what ConnectedApplication says.
    expect(dataLoader.facts).toContainEqual({ label: 'Refresh token policy', value: 'Valid until revoked' });
    expect(analyseAccess(inventory, now).apps.find((app) => app.name === 'DataLoader')!.reasons).toContain('Its scopes could not be read.');
  });

  it('names each app whose settings were left unread or that Salesforce did not return', () => {
    const inventory = inventoryOf(org({
      connectedAppOauth: connectedAppOauthRead([], {
        requested: ['slackv2__Slack_for_Salesforce', 'DataLoader'],
        unread: [{ fullNames: ['DataLoader'], reason: "the scan's request budget ran out before they were read" }],
      }),
    }));
    expect(inventory.gaps).toEqual([
      'The OAuth settings of 2 connected apps were not read, so their scopes and IP relaxation are unknown: ' +
        'Slack for Salesforce (Salesforce returned no ConnectedApp metadata for slackv2__Slack_for_Salesforce) and ' +
        "DataLoader (its OAuth settings (DataLoader) were not read: the scan's request budget ran out before they were read).",
    ]);
  });

  it('turns a malformed OAuth settings answer into a gap, never into narrow scopes', () => {
    const inventory = inventoryOf(org({ connectedAppOauth: malformedSources.connectedAppOauth }));
    expect(inventory.gaps).toHaveLength(1);
    expect(inventory.gaps[0]).toMatch(/^Connected apps' OAuth settings could not be read/);
    expect(inventory.apps.filter((app) => app.kind === 'Connected app').map((app) => app.scopes)).toEqual([null, null, null]);
  });

  it('shows an app without OAuth settings as having no scopes, and an unknown policy value as unrecognised', () => {
    const inventory = inventoryOf(org({
      connectedAppOauth: connectedAppOauthRead([
        connectedAppOauth('slackv2__Slack_for_Salesforce', null, { ipRelaxation: null, refreshTokenPolicy: null }),
        connectedAppOauth('DataLoader', ['Api'], { ipRelaxation: 'SOMETIMES', refreshTokenPolicy: 'specific_lifetime:2:WEEKS' }),
      ]),
    }));
    const slack = inventory.apps.find((app) => app.name === 'Slack for Salesforce')!;
    expect(slack.scopes).toEqual([]);
    expect(slack.facts).toContainEqual({ label: 'OAuth scopes', value: 'None: OAuth is not enabled for the app' });
    const dataLoader = inventory.apps.find((app) => app.name === 'DataLoader')!;
    expect(dataLoader.facts).toContainEqual({ label: 'IP relaxation', value: 'Unrecognised value "SOMETIMES"' });
    expect(dataLoader.facts).toContainEqual({ label: 'Refresh token policy', value: 'Unrecognised value "specific_lifetime:2:WEEKS"' });
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
