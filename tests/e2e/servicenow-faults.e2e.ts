import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceNowConnector } from '@/connectors/servicenow';
import { demoInstances, emptyInstance, startServiceNowEmulator, type ServiceNowEmulator, type ServiceNowFault } from '../emulators/servicenow';
import { expectRetried, faultScans, type GoodScan } from './fault-scans';
import { connectAndScan, launchWithExtension, readDatabase, screenshot, signInServiceNow, tabIdOf, writeSetting, type ExtensionBrowser } from './harness';

/**
 * The fault matrix for ServiceNow, against one instance scanned through its own page with the page's user token:
 * every fault ends with a clear message, error/unknown verdicts for what could not be read, and the last good
 * scan intact. (Large instances and the read-only reads: servicenow-scan.e2e.ts.)
 */
describe('ServiceNow: faults during a scan', () => {
  let emulator: ServiceNowEmulator;
  let browser: ExtensionBrowser;
  let popup: Page;
  let scans: ReturnType<typeof faultScans>;
  /** The first scan, before any fault: what a tolerated fault must give again. */
  let baseline: GoodScan;
  /** The last good scan before the current test, which a failing scan must leave as it was. */
  let good: GoodScan;

  beforeAll(async () => {
    emulator = await startServiceNowEmulator({ port: 0, instances: [...demoInstances(), emptyInstance()] });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
    const page = await browser.context.newPage();
    await signInServiceNow(page, acme, acme.admin);
    popup = await connectAndScan(browser, await tabIdOf(browser, page));
    scans = faultScans(popup, serviceNowConnector, acme.host);
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

  const table = (name: string) => `GET /api/now/table/${name}?`;
  const expired = { title: 'Session expired', text: /ServiceNow session expired or this page's security token is stale\. Reload the ServiceNow tab/ };
  it.each([
    { name: '401 on the first read', fault: { kind: 'invalid_session' }, message: expired },
    { name: 'the session expiring mid-scan (401 after 6 reads)', fault: { kind: 'invalid_session', after: 6 }, message: expired },
    { name: '403 on every read', fault: { kind: 'forbidden' }, message: { title: 'Not allowed', text: /Your ServiceNow role cannot read this: scan as an admin/ } },
  ] as Array<{ name: string; fault: ServiceNowFault; message: { title: string; text: RegExp } }>)('$name: the scan fails, says so, and the last good scan stays', async ({ fault, message }) => {
    emulator.setFault({ ...fault, instance: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectFailed(result, good, message);
    if (fault.kind === 'invalid_session' && fault.after) await screenshot(popup, 'servicenow-fault-session-expired');
  });

  it.each([
    { name: '429 with Retry-After', fault: { kind: 'http_429', retryAfterSeconds: 1, match: table('v_plugin'), times: 1 } },
    { name: '503 once', fault: { kind: 'server_error', status: 503, match: table('multi_factor_criteria'), times: 1 } },
    { name: 'a connection reset once', fault: { kind: 'reset', match: table('sys_public'), times: 1 } },
  ] as Array<{ name: string; fault: ServiceNowFault }>)('$name: retried, and the scan completes as before', async ({ fault }) => {
    emulator.setFault({ ...fault, instance: 'acme' });
    const since = Date.now();
    const result = await scans.scanAgain();
    await scans.expectSameAsGood(result, baseline);
    // A reset leaves no answer to log: the retry is the second request for the path.
    if (fault.kind === 'reset') expect(emulator.requests.filter((request) => request.time >= since && request.path === '/api/now/table/sys_public')).toHaveLength(2);
    else expectRetried(emulator.requests, fault.kind, since);
  });

  it.each([
    {
      name: 'a read that keeps failing (500)',
      fault: { kind: 'server_error', match: table('sys_certificate') },
      sources: { certificates: /ServiceNow had a server error \(HTTP 500\)\. Scan again in a few minutes/ },
    },
    {
      name: 'an ACL on one table (403)',
      fault: { kind: 'forbidden', match: table('sys_certificate') },
      sources: { certificates: /Your ServiceNow role cannot read this: scan as an admin \(some settings need security_admin elevation\)/ },
    },
    {
      name: 'a connection that keeps resetting',
      fault: { kind: 'reset', match: table('sys_public') },
      sources: { publicPages: /Could not reach the server for "Public pages" .*Check your connection and scan again/ },
    },
    { name: 'truncated JSON', fault: { kind: 'truncated_json', match: table('oauth_entity') }, sources: { oauthEntities: /incomplete or unreadable answer for "OAuth application registry"/ } },
    { name: 'malformed JSON', fault: { kind: 'malformed_json', match: table('ip_access') }, sources: { ipAccessRules: /incomplete or unreadable answer for "IP address access controls"/ } },
    {
      name: 'a renamed field',
      fault: { kind: 'renamed_fields', fields: { redirect_url: 'redirect_uri' }, match: table('oauth_entity') },
      sources: { oauthEntities: /"OAuth application registry" in a form Posture Lens cannot read \(result\.\d+\.redirect_url: .*received undefined/ },
    },
    {
      name: 'a changed type (property values as booleans and numbers)',
      fault: { kind: 'changed_types', fields: ['value'], match: table('sys_properties') },
      sources: { properties: /"System properties" in a form Posture Lens cannot read \(result\.\d+\.value: Invalid input: expected string, received (boolean|number)/ },
    },
  ] as Array<{ name: string; fault: ServiceNowFault; sources: Record<string, RegExp> }>)('$name: only the checks reading it become errors, the rest is scored', async ({ fault, sources }) => {
    emulator.setFault({ ...fault, instance: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectPartial(result, sources);
  });

  it('a read that times out: retried within the timeout, then only its checks become errors', async () => {
    await writeSetting(popup, 'requestTimeoutMs', 1000);
    try {
      emulator.setFault({ kind: 'hang', match: table('sys_public'), instance: 'acme' });
      const since = Date.now();
      const result = await scans.scanAgain();
      await scans.expectPartial(result, { publicPages: /"Public pages" did not answer within 1 s\. Try again later/ });
      expect(emulator.requests.filter((request) => request.time >= since && request.path === '/api/now/table/sys_public')).toHaveLength(4);
      await screenshot(popup, 'servicenow-fault-timeout');
    } finally {
      await writeSetting(popup, 'requestTimeoutMs', 30_000);
    }
  });

  it('extra fields in every answer are tolerated: the same verdicts and score', async () => {
    emulator.setFault({ kind: 'extra_fields', instance: 'acme' });
    const result = await scans.scanAgain();
    await scans.expectSameAsGood(result, baseline);
  });

  it('an instance with nothing configured yet: complete, and what has nothing to check says so', async () => {
    const initech = emulator.instances.find((instance) => instance.name === 'initech')!;
    const page = await browser.context.newPage();
    await signInServiceNow(page, initech, initech.admin);
    const fresh = await connectAndScan(browser, await tabIdOf(browser, page));
    const dump = await readDatabase(fresh);
    const instance = dump.instances.find((candidate) => candidate.host === initech.host)!;
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    expect(scan.score.counts).toEqual({ compliant: 165, non_compliant: 118, partial: 0, not_applicable: 2, error: 0, unknown: 32 });
    const finding = (id: string) => dump.findings.find((candidate) => candidate.scanId === scan.id && candidate.controlId === id)!;
    // Nothing to check, and the control genuinely holds: no OAuth client can issue long tokens, no certificate can expire.
    expect(finding('SN.OAUTH.1v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'There are no active OAuth clients.' } });
    expect(finding('SN.CERT.1v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'There are no active certificates, so none can expire.' } });
    expect(finding('SN.OAUTH.6v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'There are no active OAuth clients.' } });
    expect(finding('SN.OAUTH.7v1')).toMatchObject({ status: 'compliant', verdict: { reason: 'There are no active OAuth clients.' } });
    // Nothing to check, and nothing holds: without an identity provider there is no SSO to fall back from.
    expect(finding('SN.SSO.1v1').status).toBe('not_applicable');
    // What ServiceNow leaves at its defaults is still found.
    expect(finding('SN.NET.1v1')).toMatchObject({ status: 'non_compliant', verdict: { reason: 'IP access rules are not enforced: the com.snc.ipauthenticator plugin is not installed.' } });
    expect(finding('SN.MFA.1v1').verdict.reason).toMatch(/^1 of 1 active privileged user is not covered by multi-factor authentication: System Administrator/);
    await screenshot(fresh, 'servicenow-empty-instance');
  });
});
