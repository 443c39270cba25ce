import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { demoOrgs, emptyOrg, startOktaEmulator, type OktaEmulator, type OktaFault } from '../emulators/okta';
import { expectRetried, faultScans, type GoodScan } from './fault-scans';
import { connectAndScan, launchWithExtension, readDatabase, screenshot, signInOkta, tabIdOf, writeSetting, type ExtensionBrowser } from './harness';

/**
 * The fault matrix for Okta, against one org scanned through the Admin Console page: every fault ends with a
 * clear message, error/unknown verdicts for what could not be read, and the last good scan intact.
 * (Session expiry before a scan, the read-only admin, the rate limiter and 50 000 users: okta-scan.e2e.ts.)
 */
describe('Okta: faults during a scan', () => {
  let emulator: OktaEmulator;
  let browser: ExtensionBrowser;
  let popup: Page;
  let scans: ReturnType<typeof faultScans>;
  /** The first scan, before any fault: what a tolerated fault must give again. */
  let baseline: GoodScan;
  /** The last good scan before the current test, which a failing scan must leave as it was. */
  let good: GoodScan;

  beforeAll(async () => {
    emulator = await startOktaEmulator({ port: 0, orgs: [...demoOrgs(), emptyOrg()] });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    const acme = emulator.orgs.find((org) => org.name === 'acme')!;
    const page = await browser.context.newPage();
    await signInOkta(page, acme, acme.superAdmin);
    popup = await connectAndScan(browser, await tabIdOf(browser, page));
    scans = faultScans(popup, oktaConnector, acme.adminHost);
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

  const expired = { title: 'Session expired', text: /Okta session expired\. Sign in to the Admin Console again/ };
  it.each([
    { name: '401 on the first read', fault: { kind: 'invalid_session' }, message: expired },
    { name: 'the session expiring mid-scan (401 after 20 reads)', fault: { kind: 'invalid_session', after: 20 }, message: expired },
    { name: '403 on every read', fault: { kind: 'forbidden' }, message: { title: 'Not allowed', text: /needs Super Admin: .* Sign in to the Admin Console as a Super Administrator, then scan again/ } },
  ] as Array<{ name: string; fault: OktaFault; message: { title: string; text: RegExp } }>)('$name: the scan fails, says so, and the last good scan stays', async ({ fault, message }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectFailed(result, good, message);
    if (fault.kind === 'forbidden') await screenshot(popup, 'okta-fault-forbidden');
  });

  it.each([
    { name: '429 with a rate-limit reset', fault: { kind: 'http_429', retryAfterSeconds: 1, match: 'GET /api/v1/zones', times: 1 } },
    { name: '503 once', fault: { kind: 'server_error', status: 503, match: 'GET /api/v1/behaviors', times: 1 } },
    { name: 'a connection reset once', fault: { kind: 'reset', match: 'GET /api/v1/authenticators', times: 1 } },
  ] as Array<{ name: string; fault: OktaFault }>)('$name: retried, and the scan completes as before', async ({ fault }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const since = Date.now();
    const result = await scans.scanAgain();
    await scans.expectSameAsGood(result, baseline);
    // A reset leaves no answer to log: the retry is the second request for the path.
    if (fault.kind === 'reset') expect(emulator.requests.filter((request) => request.time >= since && request.path === '/api/v1/authenticators')).toHaveLength(2);
    else expectRetried(emulator.requests, fault.kind, since);
  });

  it.each([
    { name: 'a read that keeps failing (500)', fault: { kind: 'server_error', match: 'GET /api/v1/zones' }, sources: { networkZones: /Okta had a server error \(HTTP 500\)\. Scan again in a few minutes/ } },
    {
      name: 'a connection that keeps resetting',
      fault: { kind: 'reset', match: 'GET /api/v1/authenticators' },
      sources: { authenticators: /Could not reach the server for "Authenticators" .*Check your connection and scan again/ },
    },
    {
      name: 'the System Log refused (403)',
      fault: { kind: 'forbidden', match: 'GET /api/v1/logs' },
      sources: { appLastUse: /your admin role cannot read it \(Okta E0000006\)/, integrationLastUse: /your admin role cannot read it \(Okta E0000006\)/ },
    },
    { name: 'truncated JSON', fault: { kind: 'truncated_json', match: 'GET /api/v1/zones' }, sources: { networkZones: /incomplete or unreadable answer for "Network zones"/ } },
    { name: 'malformed JSON', fault: { kind: 'malformed_json', match: 'GET /api/v1/behaviors' }, sources: { behaviors: /incomplete or unreadable answer for "Behavior detection rules"/ } },
    {
      name: 'a renamed field',
      fault: { kind: 'renamed_fields', fields: { minLength: 'minimumLength' }, match: 'type=PASSWORD' },
      sources: { passwordPolicies: /"Password policies" in a form Posture Lens cannot read \(.*minLength/ },
    },
    {
      name: 'a renamed field the reader must not take as empty (the gateways of an IP zone)',
      fault: { kind: 'renamed_fields', fields: { gateways: 'addresses' }, match: 'GET /api/v1/zones' },
      sources: { networkZones: /"Network zones" in a form Posture Lens cannot read \(\d+\.gateways: an IP zone without its gateways\)/ },
    },
    {
      name: 'a changed type (a number served as text)',
      fault: { kind: 'changed_types', fields: ['maxSessionIdleMinutes'], match: '/rules' },
      sources: { signOnPolicyRules: /"Global session policy rules" in a form Posture Lens cannot read \(.*maxSessionIdleMinutes: Invalid input: expected number, received string/ },
    },
  ] as Array<{ name: string; fault: OktaFault; sources: Record<string, RegExp> }>)('$name: only the checks reading it become errors, the rest is scored', async ({ fault, sources }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectPartial(result, sources);
  });

  it('a read that times out: retried within the timeout, then only its checks become errors', async () => {
    await writeSetting(popup, 'requestTimeoutMs', 1000);
    try {
      emulator.setFault({ kind: 'hang', match: 'GET /api/v1/trustedOrigins', org: 'acme' });
      const since = Date.now();
      const result = await scans.scanAgain();
      await scans.expectPartial(result, { trustedOrigins: /"Trusted origins" did not answer within 1 s\. Try again later/ });
      expect(emulator.requests.filter((request) => request.time >= since && request.path === '/api/v1/trustedOrigins')).toHaveLength(4);
      await screenshot(popup, 'okta-fault-timeout');
    } finally {
      await writeSetting(popup, 'requestTimeoutMs', 30_000);
    }
  });

  it('extra fields in every answer are tolerated: the same verdicts and score', async () => {
    emulator.setFault({ kind: 'extra_fields', org: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectSameAsGood(result, baseline);
  });

  it('an org with nothing configured yet: complete, and what has nothing to check says so', async () => {
    const initech = emulator.orgs.find((org) => org.name === 'initech')!;
    const page = await browser.context.newPage();
    await signInOkta(page, initech, initech.superAdmin);
    const fresh = await connectAndScan(browser, await tabIdOf(browser, page));
    const dump = await readDatabase(fresh);
    const instance = dump.instances.find((candidate) => candidate.host === initech.adminHost)!;
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    expect(scan.score.counts).toEqual({ compliant: 34, non_compliant: 26, partial: 1, not_applicable: 1, error: 0, unknown: 1 });
    const finding = (id: string) => dump.findings.find((candidate) => candidate.scanId === scan.id && candidate.controlId === id)!;
    // Nothing to check, and the control genuinely holds: no API token can be old, ownerless or unbound.
    for (const id of ['OKTA.TOKEN.1v1', 'OKTA.TOKEN.2v1', 'OKTA.TOKEN.3v1']) expect(finding(id)).toMatchObject({ status: 'compliant', verdict: { reason: 'The org has no active API tokens.' } });
    expect(finding('OKTA.IDP.1v1').verdict.reason).toBe('The org has no active identity providers.');
    // Only Okta's own apps: no third-party app to reach admin rights through, none holding Okta API scopes.
    expect(finding('OKTA.OAUTH.1v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'The org has no third-party apps.' } });
    expect(finding('OKTA.OAUTH.2v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No app holds Okta API scopes.' } });
    expect(finding('OKTA.OAUTH.3v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No OpenID Connect app holds Okta API scopes.' } });
    // Nothing that could hold refresh tokens or call the Okta API, so nothing can sit idle with them.
    expect(finding('OKTA.OAUTH.4v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No app holds live refresh tokens.' } });
    expect(finding('OKTA.OAUTH.5v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'No integration calls the Okta API.' } });
    expect(finding('OKTA.NET.2v1').verdict.reason).toBe('No active policy IP zone lists an address range (LegacyIpZone is empty), so none is too broad.');
    // Nothing to check, and nothing holds: ThreatInsight off leaves no exemptions to review.
    expect(finding('OKTA.THREAT.2v1').status).toBe('not_applicable');
    // What Okta leaves at its defaults is still found.
    expect(finding('OKTA.ADMIN.2v1')).toMatchObject({ status: 'non_compliant', verdict: { reason: 'Peter Gibbons is the only active Super Administrator.' } });
    expect(finding('OKTA.STIG.273195v1').status).toBe('non_compliant');
    // The one unknown needs a person: whether a SIEM pulls the System Log.
    expect(finding('OKTA.STIG.273202v1').verdict.reason).toMatch(/Ask the ISSM/);
    await screenshot(fresh, 'okta-empty-org');
  });
});
