import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { connectAndScan, launchWithExtension, readDatabase, screenshot, signIn, tabIdOf, type ExtensionBrowser } from './harness';

/** A 50 000-user org costs the same handful of requests as a small one and still names who is affected. */
describe('Salesforce: a very large org', () => {
  let emulator: SalesforceEmulator;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0, largeOrgUsers: 50_000 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('scans 50 000 users in at most 25 API requests, counting every inactive user', async () => {
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    const page = await browser.context.newPage();
    await signIn(page, acme);
    const tabId = await tabIdOf(browser, page);
    emulator.clearRequests();
    const popup = await connectAndScan(browser, tabId);
    await screenshot(popup, 'large-org-scanned');

    const dump = await readDatabase(popup);
    const instance = dump.instances.find((candidate) => candidate.host === acme.apiHost)!;
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    expect(scan.requestCount).toBeLessThanOrEqual(25);
    const scanRequests = emulator.requests.filter((request) => request.kind === 'api' && request.time >= Date.parse(scan.startedAt));
    expect(scanRequests.length).toBe(scan.requestCount);

    const dormant = dump.findings.find((finding) => finding.scanId === scan.id && finding.controlId === 'SF.USER.1v1')!;
    expect(dormant.status).toBe('partial');
    expect(dormant.verdict.affectedTotal).toBeGreaterThanOrEqual(5000);
    expect(dormant.verdict.affected.length).toBeLessThanOrEqual(50);
    expect(dormant.verdict.reason).toMatch(/5[,\s]?0\d\d/);
  });
});
