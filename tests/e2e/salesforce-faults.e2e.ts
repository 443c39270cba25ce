import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { salesforceConnector } from '@/connectors/salesforce';
import { demoOrgs, emptyOrg, startSalesforceEmulator, type SalesforceEmulator, type SalesforceFault } from '../emulators/salesforce';
import { expectRetried, faultScans, type GoodScan } from './fault-scans';
import { connectAndScan, launchWithExtension, openPopup, readDatabase, screenshot, signIn, tabIdOf, writeSetting, type ExtensionBrowser } from './harness';

/**
 * The fault matrix for Salesforce, against one org scanned with the admin's session: every fault ends with a
 * clear message, error/unknown verdicts for what could not be read, and the last good scan exactly as it was.
 * (Session expiry before a scan and 50 000 users: salesforce-scan.e2e.ts, salesforce-large-org.e2e.ts.)
 */
describe('Salesforce: faults during a scan', () => {
  let emulator: SalesforceEmulator;
  let browser: ExtensionBrowser;
  let popup: Page;
  let scans: ReturnType<typeof faultScans>;
  /** The first scan, before any fault: what a tolerated fault must give again. */
  let baseline: GoodScan;
  /** The last good scan before the current test, which a failing scan must leave as it was. */
  let good: GoodScan;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0, orgs: [...demoOrgs(), emptyOrg()] });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    const page = await browser.context.newPage();
    await signIn(page, acme);
    popup = await connectAndScan(browser, await tabIdOf(browser, page));
    scans = faultScans(popup, salesforceConnector, acme.apiHost);
    baseline = await scans.goodScan();
  });

  beforeEach(async () => {
    emulator.clearFaults();
    good = await scans.goodScan();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  const expired = { title: 'Session expired', text: /Salesforce session expired\. Reload Setup \(sign in again if asked\), then scan again/ };
  const unreadable = { title: 'Unreadable answer', text: /incomplete or unreadable answer .* Scan again/ };
  it.each([
    { name: '401 on the first read', fault: { kind: 'invalid_session' }, message: expired },
    { name: 'the session expiring mid-scan (401 after 2 reads)', fault: { kind: 'invalid_session', after: 2 }, message: expired },
    { name: '403 on every read', fault: { kind: 'forbidden' }, message: { title: 'Not allowed', text: /Your user cannot read this: it needs "View Setup and Configuration". Ask a Salesforce admin to grant it .*, then scan again/ } },
    { name: 'the API disabled for the user', fault: { kind: 'api_disabled' }, message: { title: 'API access disabled for your user', text: /API Enabled/ } },
    { name: 'the daily API limit used up', fault: { kind: 'request_limit_exceeded' }, message: { title: 'API limit used up', text: /request limit/i } },
    { name: '500 on every read', fault: { kind: 'server_error', status: 500 }, message: { title: 'Server error', text: /server error/i } },
    { name: 'malformed JSON in every answer', fault: { kind: 'malformed_json' }, message: unreadable },
    { name: 'truncated JSON in every answer', fault: { kind: 'truncated_json' }, message: unreadable },
  ] as Array<{ name: string; fault: SalesforceFault; message: { title: string; text: RegExp } }>)('$name: the scan fails, says so, and the last good scan stays', async ({ fault, message }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectFailed(result, good, message);
    if (fault.kind === 'invalid_session' && fault.after) await screenshot(popup, 'fault-session-expired-mid-scan');
    if (fault.kind === 'api_disabled') await screenshot(popup, 'fault-api_disabled');
  });

  it.each([
    { name: '429 with Retry-After, twice', fault: { kind: 'http_429', retryAfterSeconds: 1, times: 2 } },
    { name: '503 once', fault: { kind: 'server_error', status: 503, times: 1 } },
    { name: 'a connection reset once', fault: { kind: 'reset', times: 1 } },
  ] as Array<{ name: string; fault: SalesforceFault }>)('$name: retried, and the scan completes as before', async ({ fault }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const since = Date.now();
    const result = await scans.scanAgain();
    await scans.expectSameAsGood(result, baseline);
    // A reset leaves no answer to log: the retry is the one request more than the scan before made.
    if (fault.kind === 'reset') expect(result.scan.requestCount).toBe(baseline.requestCount + 1);
    else expectRetried(emulator.requests, fault.kind, since);
  });

  // Health Check decides a setting alone when SecuritySettings could not be read, and says so.
  const fromHealthCheck = /^Decided from Health Check only/;
  it.each([
    { name: 'a query that keeps failing (500)', fault: { kind: 'server_error', match: 'OauthToken' }, sources: { oauthTokens: /Salesforce had a server error/ } },
    { name: 'a query the user may not read (403)', fault: { kind: 'forbidden', match: 'OauthToken' }, sources: { oauthTokens: /Your user cannot read this: it needs "View Setup and Configuration". Ask a Salesforce admin to grant it .*, then scan again/ } },
    {
      name: 'a missing field',
      fault: { kind: 'missing_fields', fields: ['PermissionsModifyAllData'] },
      sources: {
        privilegedAssignments: /"Privileged permission assignments" in a form Posture Lens cannot read \(records\.\d+\.PermissionSet\.PermissionsModifyAllData: .*received undefined\)/,
        permissionSets: /"Profiles and permission sets with powerful permissions" in a form Posture Lens cannot read \(records\.\d+\.PermissionsModifyAllData: .*received undefined\)/,
        guestAssignments: /"Guest user permissions" in a form Posture Lens cannot read \(records\.\d+\.PermissionSet\.PermissionsModifyAllData: .*received undefined\)/,
      },
    },
    {
      name: 'a renamed field',
      fault: { kind: 'renamed_fields', fields: { UseCount: 'UsageCount' }, match: 'OauthToken' },
      sources: { oauthTokens: /"OAuth tokens" in a form Posture Lens cannot read \(records\.\d+\.UseCount: .*received undefined\)/ },
    },
    {
      name: 'a changed type in the Metadata API answer',
      fault: { kind: 'changed_types', fields: ['minimumPasswordLength'], match: 'Soap' },
      sources: { securitySettings: /"Security settings.*" in a form Posture Lens cannot read \(passwordPolicies\.minimumPasswordLength: Invalid input\)/ },
    },
    {
      name: 'a Metadata API answer cut short',
      fault: { kind: 'truncated_json', match: 'Soap' },
      sources: {
        securitySettings: /"Security settings.*" in a form Posture Lens cannot read \(the XML answer is cut short: its envelope is not closed\)/,
        connectedAppSettings: /"API Access Control" in a form Posture Lens cannot read \(the XML answer is cut short: its envelope is not closed\)/,
        connectedAppOauth: /"Connected app OAuth settings.*" in a form Posture Lens cannot read \(the XML answer is cut short: its envelope is not closed\)/,
      },
    },
    {
      name: 'the connected apps\' OAuth settings failing (500 on every ConnectedApp readMetadata)',
      fault: { kind: 'server_error', status: 500, match: '<met:type>ConnectedApp<' },
      sources: { connectedAppOauth: /Salesforce had a server error \(HTTP 500\)\. Scan again in a few minutes\./ },
    },
  ] as Array<{ name: string; fault: SalesforceFault; sources: Record<string, RegExp> }>)('$name: only the checks reading it become errors, the rest is scored', async ({ fault, sources }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectPartial(result, sources, fromHealthCheck);
    if (fault.kind === 'truncated_json') await screenshot(popup, 'fault-partial-securitySettings');
  });

  it('a read that times out: retried within the timeout, then only its checks become errors', async () => {
    await writeSetting(popup, 'requestTimeoutMs', 1000);
    try {
      emulator.setFault({ kind: 'hang', match: '/tooling/composite', org: 'acme' });
      const since = Date.now();
      const result = await scans.scanAgain();
      const timedOut = /"Health Check, certificates and remote sites \(batch\)" did not answer within 1 s\. Try again later/;
      await scans.expectPartial(result, { healthCheck: timedOut, healthCheckRisks: timedOut, remoteSites: timedOut, certificates: timedOut });
      expect(emulator.requests.filter((request) => request.time >= since && request.path.endsWith('/tooling/composite'))).toHaveLength(4);
    } finally {
      await writeSetting(popup, 'requestTimeoutMs', 30_000);
    }
  });

  it('extra fields in every answer are tolerated: the same verdicts and score', async () => {
    emulator.setFault({ kind: 'extra_fields', org: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectSameAsGood(result, baseline);
  });

  it('latency: progress is shown while the scan runs, then the score', async () => {
    emulator.setFault({ kind: 'latency', ms: 700, org: 'acme' });
    await popup.getByRole('button', { name: 'Scan now' }).click();
    await expect.poll(() => popup.getByText(/Scanning:/).isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(popup, 'scan-progress');
    await expect.poll(async () => (await scans.view()).scan.status, { timeout: 60_000 }).toBe('complete');
  });

  it('Connect says what is wrong when the API is disabled for the user, and connects once it is not', async () => {
    const globex = emulator.orgs.find((org) => org.myDomain === 'globex')!;
    const page = await browser.context.newPage();
    await signIn(page, globex);
    const connectPopup = await openPopup(browser, await tabIdOf(browser, page));
    emulator.setFault({ kind: 'api_disabled', org: 'globex' });
    await connectPopup.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => connectPopup.getByText('API access disabled for your user').isVisible()).toBe(true);
    await screenshot(connectPopup, 'connect-api-disabled');
    expect((await readDatabase(connectPopup)).instances.some((instance) => instance.host === globex.apiHost)).toBe(false);

    emulator.clearFaults();
    await connectPopup.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => connectPopup.getByRole('button', { name: 'Scan now' }).isVisible()).toBe(true);
    await connectPopup.close();
  });

  it('an org with nothing configured yet: complete, and what has nothing to check says so', async () => {
    const initech = emulator.orgs.find((org) => org.myDomain === 'initech')!;
    const page = await browser.context.newPage();
    await signIn(page, initech);
    const fresh = await connectAndScan(browser, await tabIdOf(browser, page));
    const dump = await readDatabase(fresh);
    const instance = dump.instances.find((candidate) => candidate.host === initech.apiHost)!;
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    expect(scan.score.counts).toEqual({ compliant: 56, non_compliant: 17, partial: 7, not_applicable: 2, error: 0, unknown: 0 });
    const finding = (id: string) => dump.findings.find((candidate) => candidate.scanId === scan.id && candidate.controlId === id)!;
    // Nothing to check, and the control genuinely holds: no connected app, token, certificate or remote site.
    expect(finding('SF.OAUTH.3v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No connected apps are installed.' } });
    expect(finding('SF.OAUTH.7v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No app holds OAuth tokens.' } });
    expect(finding('SF.OAUTH.8v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No connected apps or external client apps are installed.' } });
    expect(finding('SF.OAUTH.9v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No connected app is pre-authorised by an admin.' } });
    expect(finding('SF.OAUTH.10v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No installed connected app uses OAuth.' } });
    expect(finding('SF.INT.1v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'The org has no certificates.' } });
    // Nothing to check, and nothing holds: no login IP ranges to judge as too broad, no SAML to enforce.
    expect(finding('SF.NET.2v1').status).toBe('not_applicable');
    expect(finding('SF.AUTH.5v1').status).toBe('not_applicable');
    // What Salesforce leaves at its defaults is still found.
    expect(finding('SF.NET.1v1')).toMatchObject({ status: 'non_compliant', verdict: { reason: '1 of 1 administrative profile have no login IP ranges: System Administrator.' } });
    expect(finding('SF.PWD.1v1').status).toBe('partial');
    await screenshot(fresh, 'salesforce-empty-org');
  });
});
