import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SalesforceModel, sourceSchemas } from '@/connectors/salesforce/model';
import { salesforceSources, type SoqlSource } from '@/connectors/salesforce/sources';
import { buildSalesforceAccess } from '@/connectors/salesforce/access';
import { analyseAccess, highPathsOf, nodeOf } from '@/utils/access-graph';
import { startSalesforceEmulator, type SalesforceEmulator } from './index';
import { plantedConsumerKey, plantedConsumerSecret } from './org-acme';
import { call, readSource, signIn } from './test-client';

/** Every read of connectors/salesforce/sources.ts runs against both demo orgs and satisfies model.ts. */
let emulator: SalesforceEmulator;
const models: Record<string, Partial<SalesforceModel>> = {};

beforeAll(async () => {
  emulator = await startSalesforceEmulator();
  for (const myDomain of ['acme', 'globex']) {
    const { org, apiSid } = await signIn(emulator, myDomain);
    const model: Record<string, unknown> = {};
    for (const source of salesforceSources) {
      const result = await readSource(emulator, org.apiHost, apiSid, source);
      expect(result.status, `${myDomain} ${source.id}: ${String(result.raw.body).slice(0, 300)}`).toBe(200);
      const parsed = (sourceSchemas[source.id as keyof typeof sourceSchemas] as { safeParse(value: unknown): { success: boolean; data?: unknown; error?: unknown } }).safeParse(result.data);
      expect(parsed.success, `${myDomain} ${source.id}: ${JSON.stringify(parsed.error)}`).toBe(true);
      model[source.id] = parsed.data;
    }
    models[myDomain] = model as Partial<SalesforceModel>;
  }
});

afterAll(() => emulator.close());

describe('sources.ts against the emulator', () => {
  it('parses every source for both orgs', () => {
    for (const myDomain of ['acme', 'globex']) expect(Object.keys(models[myDomain] ?? {}).sort()).toEqual(salesforceSources.map((source) => source.id).sort());
  });

  it('answers the SOQL sources through composite/batch and tooling/composite like the extension', async () => {
    const { org, apiSid } = await signIn(emulator, 'acme');
    const rest = salesforceSources.filter((source): source is SoqlSource => source.kind === 'query');
    const tool = salesforceSources.filter((source): source is SoqlSource => source.kind === 'tooling');
    const batch = await call(emulator, `https://${org.apiHost}/services/data/v66.0/composite/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiSid}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ haltOnError: false, batchRequests: [...rest.map((source) => ({ method: 'GET', url: `v66.0/query?q=${encodeURIComponent(source.soql)}` })), { method: 'GET', url: 'v66.0/limits' }] }),
    });
    const batchBody = batch.json<{ hasErrors: boolean; results: Array<{ statusCode: number; result: unknown }> }>();
    expect(batchBody.hasErrors).toBe(false);
    rest.forEach((source, index) => expect(sourceSchemas[source.id as keyof typeof sourceSchemas].safeParse(batchBody.results[index]?.result).success, source.id).toBe(true));
    expect(sourceSchemas.limits.parse(batchBody.results.at(-1)?.result).DailyApiRequests?.Max).toBe(15000);
    const composite = await call(emulator, `https://${org.apiHost}/services/data/v66.0/tooling/composite`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiSid}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, compositeRequest: tool.map((source) => ({ method: 'GET', referenceId: source.id, url: `/services/data/v66.0/tooling/query?q=${encodeURIComponent(source.soql)}` })) }),
    });
    const compositeBody = composite.json<{ compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string; httpHeaders: object }> }>();
    expect(compositeBody.compositeResponse.map((item) => item.referenceId)).toEqual(tool.map((source) => source.id));
    for (const item of compositeBody.compositeResponse) {
      expect(item.httpStatusCode).toBe(200);
      expect(item.httpHeaders).toEqual({});
      expect(sourceSchemas[item.referenceId as keyof typeof sourceSchemas].safeParse(item.body).success, item.referenceId).toBe(true);
    }
  });
});

describe('planted findings: acme', () => {
  const acme = () => models.acme as SalesforceModel;

  it('security settings are weak', () => {
    const { passwordPolicies, sessionSettings, networkAccess, enableAdminLoginAsAnyUser } = acme().securitySettings;
    expect(passwordPolicies).toMatchObject({ minimumPasswordLength: 8, expiration: 'Never', historyRestriction: 0, maxLoginAttempts: 'TenAttempts', minimumPasswordLifetime: false, complexity: 'AlphaNumeric' });
    expect(sessionSettings).toMatchObject({ sessionTimeout: 'TwelveHours', lockSessionsToIp: false, enableClickjackNonsetupSFDC: false, enableCSRFOnGet: true, enableCSRFOnPost: true, enableXssProtection: false, requireHttpOnly: false, enableSMSIdentity: false, enableMFADirectUILoginOptIn: false });
    expect(enableAdminLoginAsAnyUser).toBe(true);
    expect(networkAccess.ipRanges).toContainEqual(expect.objectContaining({ start: '0.0.0.0', end: '255.255.255.255' }));
    expect(acme().connectedAppSettings.enableAdminApprovedAppsOnly).toBeUndefined();
  });

  it('privileged users, MFA and waivers', () => {
    const assignments = acme().privilegedAssignments.records;
    const admins = assignments.filter((row) => row.PermissionSet.Profile?.Name === 'System Administrator');
    expect(admins.map((row) => row.Assignee.Name).sort()).toEqual(['Dana Whitfield', 'Marcus Chen', 'Priya Raman', 'Tom Okafor']);
    const tom = admins.find((row) => row.Assignee.Name === 'Tom Okafor');
    expect(Date.now() - Date.parse(String(tom?.Assignee.LastLoginDate).replace('+0000', 'Z'))).toBeGreaterThan(199 * 86_400_000);
    expect(assignments.find((row) => row.PermissionSet.Label === 'Data Migration')?.Assignee.Name).toBe('Kevin Brandt');
    const byId = new Map(acme().privilegedMfa.records.map((row) => [row.UserId, row]));
    const withoutMfa = admins.filter((row) => {
      const methods = byId.get(row.AssigneeId);
      return !methods || !(methods.HasSalesforceAuthenticator || methods.HasTotp || methods.HasU2F || methods.HasBuiltInAuthenticator);
    });
    expect(withoutMfa.map((row) => row.Assignee.Name).sort()).toEqual(['Marcus Chen', 'Priya Raman']);
    expect(acme().mfaWaivers.records.map((row) => row.Assignee.Name)).toEqual(['Laura Mendes']);
  });

  it('users, API access and guest exposure', () => {
    expect(acme().activeUsers).toBe(55);
    expect(acme().inactiveUsers.totalSize).toBe(9);
    expect(acme().inactiveUsers.records.slice(0, 3).every((row) => row.LastLoginDate === null)).toBe(true);
    expect(acme().apiEnabledUsers.records.map((row) => row.Assignee.Name)).toContain('Integration User');
    expect(acme().guestAssignments.records[0]?.PermissionSet.PermissionsApiEnabled).toBe(true);
    expect(acme().sites.records.filter((site) => site.Status === 'Active')).toHaveLength(1);
    expect(acme().loginIpRanges.records.some((range) => range.Profile?.Name === 'System Administrator')).toBe(false);
    expect(acme().organization.DefaultAccountAccess).toBe('Edit');
  });

  it('integrations, certificates and monitoring', () => {
    const dataLoader = acme().connectedApps.records.find((app) => app.Name === 'DataLoader Pro');
    expect(dataLoader).toMatchObject({ OptionsAllowAdminApprovedUsersOnly: false, RefreshTokenValidityPeriod: null });
    expect(acme().connectedApps.records.find((app) => app.Name === 'Slack for Salesforce')?.OptionsAllowAdminApprovedUsersOnly).toBe(true);
    const stale = acme().oauthTokens.records.filter((token) => token.LastUsedDate && Date.now() - Date.parse(token.LastUsedDate.replace('+0000', 'Z')) > 120 * 86_400_000);
    expect(stale.length).toBe(4);
    expect(acme().remoteSites.records.map((site) => site.EndpointUrl)).toContain('http://legacy-erp.acme-internal.com');
    expect(acme().remoteSites.records.filter((site) => site.DisableProtocolSecurity)).toHaveLength(1);
    expect(acme().cspTrustedSites.records.map((site) => site.EndpointUrl)).toContain('https://*.cdn-cache.net');
    expect(acme().corsOrigins.records.map((origin) => origin.UrlPattern).sort()).toEqual(['http://localhost:3000', 'https://*.acme.com']);
    const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    const days = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - today) / 86_400_000);
    expect(acme().certificates.records.map((cert) => days(cert.ExpirationDate)).sort((a, b) => a - b)).toEqual([-40, 12, 300]);
    expect(acme().eventLogFiles.totalSize).toBe(0);
    expect(acme().auditTrail.records.filter((entry) => entry.DelegateUser)).toHaveLength(2);
  });

  it('Health Check: score 54, consistent with settings except the session timeout', () => {
    expect(acme().healthCheck.Score).toBe(54);
    const risks = acme().healthCheckRisks.records;
    expect(risks.find((risk) => risk.Setting === 'Timeout value')).toMatchObject({ RiskType: 'MEETS_STANDARD', OrgValue: '2 hours', OrgValueRaw: 'TwoHours' });
    expect(risks.find((risk) => risk.Setting === 'User passwords expire in')).toMatchObject({ RiskType: 'HIGH_RISK', OrgValueRaw: 'Never' });
    expect(acme().limits.DailyApiRequests?.Max).toBe(15000);
  });
});

/** The risky path each demo org plants: an uninstalled, unverified app acting as a System Administrator. */
function riskyPathOf(model: SalesforceModel, appName: string) {
  const rows = <K extends 'connectedApps' | 'oauthTokens' | 'appMenuItems' | 'externalClientApps' | 'externalClientAppPolicies' | 'privilegedAssignments'>(id: K) => ({ rows: model[id] });
  const analysis = analyseAccess(
    buildSalesforceAccess({
      connectedApps: rows('connectedApps'),
      connectedAppOauth: { read: model.connectedAppOauth },
      oauthTokens: rows('oauthTokens'),
      appMenuItems: rows('appMenuItems'),
      externalClientApps: rows('externalClientApps'),
      externalClientAppPolicies: rows('externalClientAppPolicies'),
      privilegedAssignments: rows('privilegedAssignments'),
    }),
    Date.now(),
  );
  const app = analysis.apps.find((candidate) => candidate.name === appName)!;
  const path = highPathsOf(analysis.graph, app.id).find((ids) => ids.at(-1) === 'capability:PermissionsModifyAllData')!;
  return { analysis, app, labels: path.map((id) => nodeOf(analysis.graph, id)!.label) };
}

describe('planted third-party apps and attack paths', () => {
  it('acme: Data Export Helper (not installed) → Marcus Chen → System Administrator profile → Modify All Data', () => {
    const { analysis, app, labels } = riskyPathOf(models.acme as SalesforceModel, 'Data Export Helper');
    expect(app).toMatchObject({ reputation: 'unverified', authorization: 'self_authorised', rating: 'high' });
    expect(labels).toEqual(['Data Export Helper', 'Marcus Chen', 'System Administrator profile', 'Modify All Data']);
    expect(analysis.chokePoints[0]).toMatchObject({ label: 'System Administrator profile', kind: 'privilege' });
    expect(analysis.apps.map((candidate) => candidate.name).sort()).toEqual([
      'Acme Field Service Mobile', 'Acme Internal Portal', 'Data Export Helper', 'DataLoader Pro', 'Slack for Salesforce', 'Zendesk Sync',
    ]);
    expect(analysis.apps.find((candidate) => candidate.name === 'Slack for Salesforce')).toMatchObject({ reputation: 'verified', publisher: 'Managed package (namespace slackv2)' });
    expect(analysis.gaps).toEqual([]);
  });

  it('acme: every installed connected app\'s OAuth settings, without its consumer key or secret', () => {
    const oauth = (models.acme as SalesforceModel).connectedAppOauth;
    expect(oauth.requested.sort()).toEqual(['Acme_Internal_Portal', 'DataLoader_Pro', 'Zendesk_Sync', 'slackv2__Slack_for_Salesforce']);
    expect(oauth.unread).toEqual([]);
    expect(oauth.records.find((record) => record.fullName === 'DataLoader_Pro')).toEqual({
      fullName: 'DataLoader_Pro', scopes: ['Api', 'Web', 'RefreshToken'], ipRelaxation: 'BYPASS', refreshTokenPolicy: 'infinite',
    });
    expect(JSON.stringify(oauth)).not.toMatch(new RegExp(`${plantedConsumerKey}|${plantedConsumerSecret}|consumer`, 'i'));
    const { analysis } = riskyPathOf(models.acme as SalesforceModel, 'Data Export Helper');
    expect(analysis.apps.find((app) => app.name === 'Zendesk Sync')).toMatchObject({ scopes: ['full', 'refresh_token'], broadScopes: ['full', 'refresh_token'], authorization: 'admin_approved' });
    expect(analysis.apps.find((app) => app.name === 'Slack for Salesforce')).toMatchObject({ scopes: ['chatter_api', 'id', 'openid'], broadScopes: [] });
    const dataLoader = analysis.apps.find((app) => app.name === 'DataLoader Pro')!;
    expect(dataLoader.facts).toContainEqual({ label: 'IP relaxation', value: 'Relax IP restrictions' });
    expect(dataLoader.reasons).toContain('Its IP relaxation is "Relax IP restrictions": its tokens work from any network, past the org\'s and profiles\' IP ranges.');
  });

  it('globex: QuickReports Exporter (not installed) → Frank Grimes → System Administrator profile → Modify All Data', () => {
    const { analysis, app, labels } = riskyPathOf(models.globex as SalesforceModel, 'QuickReports Exporter');
    expect(app).toMatchObject({ reputation: 'unverified', authorization: 'self_authorised', rating: 'high' });
    expect(labels).toEqual(['QuickReports Exporter', 'Frank Grimes', 'System Administrator profile', 'Modify All Data']);
    expect(analysis.chokePoints[0]).toMatchObject({ label: 'System Administrator profile', kind: 'privilege' });
    expect(analysis.apps.find((candidate) => candidate.name === 'Globex Data Warehouse')).toMatchObject({ scopes: ['api', 'refresh_token'], authorization: 'admin_approved' });
    expect(analysis.gaps).toEqual([]);
  });
});

describe('planted findings: globex', () => {
  const globex = () => models.globex as SalesforceModel;

  it('is well configured', () => {
    expect(globex().securitySettings.passwordPolicies).toMatchObject({ minimumPasswordLength: 12, expiration: 'NinetyDays' });
    expect(globex().securitySettings.sessionSettings).toMatchObject({ enableMFADirectUILoginOptIn: true, sessionTimeout: 'TwoHours', requireHttpOnly: true });
    expect(globex().connectedAppSettings.enableAdminApprovedAppsOnly).toBe(true);
    expect(globex().healthCheck.Score).toBe(91);
    expect(globex().mfaWaivers.totalSize).toBe(0);
    expect(globex().activeUsers).toBe(15);
    expect(globex().eventLogFiles.totalSize).toBeGreaterThan(0);
  });

  it('has two findings: a stale user and a certificate expiring within 30 days', () => {
    expect(globex().inactiveUsers.records.map((row) => row.Name)).toEqual(['Lindsey Naegle']);
    const soon = globex().certificates.records.filter((cert) => Date.parse(`${cert.ExpirationDate}T00:00:00Z`) - Date.now() < 30 * 86_400_000);
    expect(soon.map((cert) => cert.DeveloperName)).toEqual(['Globex_SAML_Signing']);
  });
});
