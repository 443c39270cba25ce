import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { salesforceConnector } from '@/connectors/salesforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import {
  connectAndScan,
  launchWithExtension,
  openPopup,
  readDatabase,
  screenshot,
  signIn,
  tabIdOf,
  writeSetting,
  type DatabaseDump,
  type ExtensionBrowser,
} from './harness';

/**
 * Every fault ends with a clear message, error/unknown verdicts for what could not be read, and the
 * last good scan exactly as it was.
 */
describe('Salesforce: faults during a scan', () => {
  let emulator: SalesforceEmulator;
  let browser: ExtensionBrowser;
  let popup: Page;
  let goodScanId: string;
  let goodScore: number;

  const instanceOf = (dump: DatabaseDump) => dump.instances.find((instance) => instance.host === 'acme.my.salesforce.com')!;
  const lastScanOf = async () => {
    const dump = await readDatabase(popup);
    const instance = instanceOf(dump);
    return { dump, instance, scan: dump.scans.find((scan) => scan.id === instance.lastScanId)! };
  };

  async function scanAndWait(): Promise<Awaited<ReturnType<typeof lastScanOf>>> {
    const before = instanceOf(await readDatabase(popup)).lastScanId;
    await popup.getByRole('button', { name: 'Scan now' }).click();
    await expect.poll(async () => (await lastScanOf()).instance.lastScanId, { timeout: 20_000 }).not.toBe(before);
    await expect.poll(async () => (await lastScanOf()).scan.status, { timeout: 90_000, interval: 500 }).not.toBe('running');
    return lastScanOf();
  }

  async function expectLastGoodScanIntact() {
    const { instance, dump } = await lastScanOf();
    expect(instance.lastGoodScanId).toBe(goodScanId);
    expect(dump.findings.filter((finding) => finding.scanId === goodScanId)).toHaveLength(salesforceConnector.controls.length);
    await expect.poll(async () => Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0])).toBe(goodScore);
  }

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    const page = await browser.context.newPage();
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    await signIn(page, acme);
    popup = await connectAndScan(browser, await tabIdOf(browser, page));
    const { instance, dump } = await lastScanOf();
    goodScanId = instance.lastGoodScanId;
    goodScore = Math.round(dump.scans.find((scan) => scan.id === goodScanId)!.score.percent);
    await writeSetting(popup, 'requestTimeoutMs', 2000);
  });

  beforeEach(() => emulator.clearFaults());

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it.each([
    { fault: { kind: 'invalid_session' as const }, title: 'Session expired', text: /session expired/i },
    { fault: { kind: 'api_disabled' as const }, title: 'API access disabled for your user', text: /API Enabled/ },
    { fault: { kind: 'request_limit_exceeded' as const }, title: 'API limit used up', text: /request limit/i },
    { fault: { kind: 'server_error' as const, status: 500 as const }, title: 'Server error', text: /server error/i },
    { fault: { kind: 'malformed_json' as const }, title: 'Unreadable answer', text: /unreadable|cannot read/i },
  ])('$fault.kind: the scan fails with "$title" and the last good scan stays', async ({ fault, title, text }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const { scan } = await scanAndWait();
    expect(scan.status).toBe('failed');
    expect(scan.error.message).toMatch(text);
    await expect.poll(() => popup.getByText(title).isVisible()).toBe(true);
    await expectLastGoodScanIntact();
    await screenshot(popup, `fault-${fault.kind}`);
  });

  it('rate limited (429 with Retry-After): waits, retries and completes', async () => {
    emulator.setFault({ kind: 'http_429', retryAfterSeconds: 1, org: 'acme', times: 2 });
    emulator.clearRequests();
    const { scan, instance } = await scanAndWait();
    expect(scan.status, JSON.stringify(scan.error)).toBe('complete');
    expect(instance.lastGoodScanId).toBe(scan.id);
    expect(emulator.requests.filter((request) => request.kind === 'api').length).toBeGreaterThan(2);
    goodScanId = scan.id;
  });

  it('a connection reset once is retried and the scan completes', async () => {
    emulator.setFault({ kind: 'reset', org: 'acme', times: 1 });
    const { scan } = await scanAndWait();
    expect(scan.status).toBe('complete');
    goodScanId = scan.id;
  });

  it.each([
    { name: 'a query that keeps failing', fault: { kind: 'server_error' as const, match: 'OauthToken' }, source: 'oauthTokens' },
    { name: 'renamed fields', fault: { kind: 'missing_fields' as const, fields: ['PermissionsModifyAllData'] }, source: 'privilegedAssignments' },
    { name: 'a read that times out', fault: { kind: 'hang' as const, match: '/tooling/composite' }, source: 'certificates' },
  ])('$name: only the affected checks become errors, the rest is scored', async ({ fault, source }) => {
    emulator.setFault({ ...fault, org: 'acme' });
    const { scan, dump } = await scanAndWait();
    expect(scan.status).toBe('partial');
    expect(scan.sourceErrors.map((error: { source: string }) => error.source)).toContain(source);
    const affected = salesforceConnector.controls.filter((control) => control.sources.includes(source));
    expect(affected.length).toBeGreaterThan(0);
    for (const control of affected) {
      const finding = dump.findings.find((candidate) => candidate.scanId === scan.id && candidate.controlId === control.id)!;
      expect(['error', 'unknown'], `${control.id} must not pass without data`).toContain(finding.status);
    }
    await expect.poll(() => popup.getByText('Some checks could not run').isVisible()).toBe(true);
    goodScanId = scan.id;
    goodScore = Math.round(scan.score.percent);
    await screenshot(popup, `fault-partial-${source}`);
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

  it('latency: progress is shown while the scan runs, then the score', async () => {
    emulator.setFault({ kind: 'latency', ms: 700, org: 'acme' });
    await popup.getByRole('button', { name: 'Scan now' }).click();
    await expect.poll(() => popup.getByText(/Scanning:/).isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(popup, 'scan-progress');
    await expect.poll(async () => (await lastScanOf()).scan.status, { timeout: 60_000 }).toBe('complete');
  });
});
