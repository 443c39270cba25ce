import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceNowConnector } from '@/connectors/servicenow';
import { hardeningBaselineScore } from '@/connectors/servicenow/baseline';
import { evaluateSnapshot } from '@/utils/evaluate';
import { snapshotSchema } from '@/utils/snapshot';
import { startServiceNowEmulator, type ServiceNowEmulator } from '../emulators/servicenow';
import { connectAndScan, launchWithExtension, openPopup, readDatabase, screenshot, serviceNowMainFrame as mainFrame, signInServiceNow, tabIdOf, type ExtensionBrowser } from './harness';

const propertyList = (query: string) => `sys_properties_list.do?sysparm_query=${encodeURIComponent(query)}`;

const badgeInRow = (frame: Frame, property: string) => frame.locator('tr.list_row', { hasText: property }).locator('posture-lens-badge').getByRole('button');

/** A ServiceNow admin connects the instance from Next Experience and scans it through the page, with the page's user token. */
describe('ServiceNow: connect and scan from the instance', () => {
  let emulator: ServiceNowEmulator;
  let browser: ExtensionBrowser;
  let page: Page;
  let popup: Page;

  beforeAll(async () => {
    emulator = await startServiceNowEmulator({ port: 0 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('scans read-only through the page, with the page’s token, and the popup shows both scores', async () => {
    const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
    page = await browser.context.newPage();
    await signInServiceNow(page, acme, acme.admin);
    expect(new URL(page.url()).pathname).toBe('/now/nav/ui/home');
    emulator.clearRequests();
    popup = await connectAndScan(browser, await tabIdOf(browser, page));
    await screenshot(popup, 'servicenow-popup-scanned');

    const api = emulator.requests.filter((request) => request.kind === 'api');
    for (const request of api) {
      expect(request.method).toBe('GET');
      expect(request.host).toBe(acme.host);
      expect(request.path).toMatch(/^\/api\/now\/(table|stats)\//);
      expect(request.fetchSite).toBe('same-origin');
      expect(request.xsrfHeader, `${request.path} carried X-UserToken`).toBe(true);
      expect(request.status).toBe(200);
    }
    const dump = await readDatabase(popup);
    const instance = dump.instances.find((candidate) => candidate.app === 'servicenow')!;
    expect(instance.name).toBe('Acme Corporation');
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    // Connect's own check reads the instance name once; the scan made the rest.
    const scanReads = api.filter((request) => request.time >= Date.parse(scan.startedAt));
    expect(scan.requestCount).toBe(scanReads.length);
    expect(scan.requestCount).toBeLessThanOrEqual(serviceNowConnector.requestBudget);
    const propertyReads = scanReads.filter((request) => request.path === '/api/now/table/sys_properties');
    expect(propertyReads).toHaveLength(2);
    console.log(`ServiceNow scan of the demo instance: ${scan.requestCount} requests (${propertyReads.length} for every system property)`);

    // What the popup shows equals the Node evaluation of the stored snapshot.
    const snapshot = snapshotSchema.parse(dump.snapshots.find((candidate) => candidate.scanId === scan.id)!.snapshot);
    const evaluation = evaluateSnapshot(serviceNowConnector, snapshot);
    const shown = Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0]);
    expect(shown).toBe(Math.round(evaluation.score.percent!));
    expect(shown).toBeLessThan(70);
    const hardening = hardeningBaselineScore.compute(new Map(evaluation.findings.map((finding) => [finding.controlId, finding.verdict.status])));
    const baseline = popup.getByTestId('baseline-servicenow-hardening');
    await expect.poll(() => baseline.innerText()).toContain(`ServiceNow hardening compliance: ${hardening.percent}%`);
    expect(hardening.percent).toBeLessThan(90);

    // Evidence names what was planted: the stale admin, the inactive admin, the expiring certificate.
    const reasons = dump.findings.filter((finding) => finding.scanId === scan.id).map((finding) => finding.verdict.reason as string);
    expect(reasons.some((reason) => reason.includes('glide.ui.session_timeout'))).toBe(true);

    // The page's user token is never stored.
    const token = await page.evaluate(() => (window as unknown as { g_ck: string }).g_ck);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(dump)).not.toContain(token);
  });

  it('draws badges on the System Properties list in Next Experience and in the classic UI16 frame set', async () => {
    const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
    await page.bringToFront();
    await page.goto(`https://${acme.host}/now/nav/ui/classic/params/target/${encodeURIComponent(propertyList('nameSTARTSWITHglide.ui.'))}`);
    const frame = await mainFrame(page);
    const timeout = badgeInRow(frame, 'glide.ui.session_timeout');
    await expect.poll(() => timeout.getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/— non-compliant/);
    await expect.poll(() => frame.getByText(/risky settings? on this page/).isVisible()).toBe(true);
    await screenshot(page, 'servicenow-overlay-next-experience');

    await page.goto(`https://${acme.host}/nav_to.do?uri=${encodeURIComponent(`/${propertyList('name=glide.ui.rotate_sessions')}`)}`);
    const classic = await mainFrame(page);
    await expect.poll(() => badgeInRow(classic, 'glide.ui.rotate_sessions').getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/— non-compliant/);
    await screenshot(page, 'servicenow-overlay-ui16');

    await page.goto(`https://${acme.host}/now/nav/ui/classic/params/target/${encodeURIComponent('v_plugin_list.do')}`);
    const plugins = await mainFrame(page);
    const pluginBadge = plugins
      .locator('tr.list_row', { hasText: 'com.snc.ipauthenticator' })
      .locator('posture-lens-badge')
      .getByRole('button', { name: /Restrict access to specific IP ranges plugin/ });
    await expect.poll(() => pluginBadge.getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/— non-compliant/);
  });

  it('walks a fix from the badge through the side panel to the property, saved on the page, then Verify', async () => {
    const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
    await page.bringToFront();
    await page.goto(`https://${acme.host}/now/nav/ui/classic/params/target/${encodeURIComponent(propertyList('nameSTARTSWITHglide.ui.'))}`);
    const tabId = await tabIdOf(browser, page);
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
    await page.bringToFront();
    const frame = await mainFrame(page);
    const badge = frame.locator('tr.list_row', { hasText: 'glide.ui.session_timeout' }).locator('posture-lens-badge');
    await badge.getByRole('button').first().click();
    await badge.getByRole('button', { name: 'Fix it step by step' }).click();
    const title = serviceNowConnector.controls.find((control) => control.remediation.steps[0]?.anchor === 'glide.ui.session_timeout')!.title;
    await expect.poll(() => panel.getByRole('heading', { name: title }).isVisible()).toBe(true);
    await screenshot(panel, 'servicenow-sidepanel-walkthrough');

    // The admin opens the property and saves the recommended value on the instance's own form.
    await frame.getByRole('link', { name: 'glide.ui.session_timeout', exact: true }).click();
    const form = await mainFrame(page);
    await form.getByLabel('Value').waitFor();
    await form.getByLabel('Value').fill('30');
    await form.getByRole('button', { name: 'Update' }).click();
    await expect.poll(() => emulator.instance('acme').property('glide.ui.session_timeout')).toBe('30');

    emulator.clearRequests();
    await panel.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => panel.getByTestId('verify-score-change').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await panel.getByText(/Result: Compliant/).first().isVisible()).toBe(true);
    const reads = emulator.requests.filter((request) => request.kind === 'api');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.path === '/api/now/table/sys_properties' && request.xsrfHeader)).toBe(true);
    await screenshot(panel, 'servicenow-sidepanel-verified');
    await panel.close();
  });

  it('says when the session expired and keeps the last good scan', async () => {
    const dump = await readDatabase(popup);
    const instance = dump.instances.find((candidate) => candidate.app === 'servicenow')!;
    emulator.expireSessions('acme');
    await popup.reload();
    await popup.getByRole('button', { name: 'Scan now' }).click();
    await expect.poll(() => popup.getByText('Session expired').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => popup.getByText(/Reload the ServiceNow tab/).first().isVisible()).toBe(true);
    await screenshot(popup, 'servicenow-session-expired');
    const after = await readDatabase(popup);
    expect(after.instances.find((candidate) => candidate.app === 'servicenow')!.lastGoodScanId).toBe(instance.lastGoodScanId);
  });

  it('tells a non-admin what role it needs, and scans the well-configured instance high', async () => {
    const globex = emulator.instances.find((instance) => instance.name === 'globex')!;
    const fresh = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    try {
      const nonAdmin = await fresh.context.newPage();
      await signInServiceNow(nonAdmin, globex, globex.nonAdmin);
      const refused = await openPopup(fresh, await tabIdOf(fresh, nonAdmin));
      await refused.getByRole('button', { name: 'Connect' }).click();
      await expect.poll(() => refused.getByText(/scan as an admin|connect as an admin/).first().isVisible(), { timeout: 15_000 }).toBe(true);
      await screenshot(refused, 'servicenow-not-admin');
      await refused.close();

      const admin = await fresh.context.newPage();
      await signInServiceNow(admin, globex, globex.admin, '/navpage.do');
      const scanned = await connectAndScan(fresh, await tabIdOf(fresh, admin));
      const score = Number((await scanned.getByTestId('score').innerText()).match(/\d+/)?.[0]);
      expect(score).toBeGreaterThan(90);
      await expect.poll(() => scanned.getByTestId('baseline-servicenow-hardening').innerText()).toMatch(/: 100%/);
    } finally {
      await fresh.close();
    }
  });

  it('retries a rate limit, and scores what it could read when a source fails or ACLs hide properties', async () => {
    const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
    const fresh = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    try {
      emulator.clearFaults();
      const admin = await fresh.context.newPage();
      await signInServiceNow(admin, acme, acme.admin);
      emulator.setFault({ kind: 'http_429', retryAfterSeconds: 1, instance: 'acme', match: '/api/now/table/sys_certificate', times: 1 });
      emulator.setFault({ kind: 'malformed_json', instance: 'acme', match: '/api/now/table/oauth_entity' });
      emulator.setFault({ kind: 'hidden_rows', instance: 'acme', match: '/api/now/table/sys_properties' });
      const popup = await connectAndScan(fresh, await tabIdOf(fresh, admin));
      await expect.poll(() => popup.getByText('Some checks could not run').isVisible()).toBe(true);
      await screenshot(popup, 'servicenow-partial-scan');
      const dump = await readDatabase(popup);
      const scan = dump.scans.find((candidate) => candidate.id === dump.instances[0]!.lastGoodScanId)!;
      expect(scan.status).toBe('partial');
      const findings = new Map(dump.findings.filter((finding) => finding.scanId === scan.id).map((finding) => [finding.controlId as string, finding]));
      // The rate-limited read was retried: certificates were checked.
      expect(['partial', 'non_compliant']).toContain(findings.get('SN.CERT.1v1')!.status);
      expect(String(findings.get('SN.CERT.1v1')!.verdict.reason)).toMatch(/expire/);
      // The unreadable OAuth registry makes exactly its checks errors.
      for (const control of serviceNowConnector.controls.filter((candidate) => candidate.sources.includes('oauthEntities'))) {
        expect(findings.get(control.id)!.status, control.id).toBe('error');
      }
      // Hidden properties are never assumed to be at their default.
      const absentHidden = [...findings.values()].filter((finding) => String(finding.verdict.reason).includes('access control hides some properties'));
      // …unknown, or failing for another reason they also name; never compliant.
      expect(absentHidden.filter((finding) => finding.status === 'unknown').length).toBeGreaterThan(10);
      expect(absentHidden.filter((finding) => finding.status === 'compliant').map((finding) => finding.controlId)).toEqual([]);
    } finally {
      emulator.clearFaults();
      await fresh.close();
    }
  });

  it('scans a 50 000-user instance in a bounded number of requests, without reading every user', async () => {
    const large = await startServiceNowEmulator({ port: 0, largeInstanceUsers: 50_000 });
    const fresh = await launchWithExtension({ hostResolverRules: large.hostResolverRules });
    try {
      const acme = large.instances.find((instance) => instance.name === 'acme')!;
      const admin = await fresh.context.newPage();
      await signInServiceNow(admin, acme, acme.admin);
      large.clearRequests();
      const popup = await connectAndScan(fresh, await tabIdOf(fresh, admin));
      const dump = await readDatabase(popup);
      const scan = dump.scans.find((candidate) => candidate.id === dump.instances[0]!.lastGoodScanId)!;
      expect(scan.status).toBe('complete');
      const userReads = large.requests.filter((request) => request.path === '/api/now/table/sys_user');
      expect(userReads.every((request) => Number(request.query.sysparm_limit) <= 200)).toBe(true);
      console.log(`ServiceNow scan of a 50 000-user instance: ${scan.requestCount} requests`);
      expect(scan.requestCount).toBeLessThanOrEqual(serviceNowConnector.requestBudget);
      const stale = dump.findings.find((finding) => finding.scanId === scan.id && finding.controlId === 'SN.USER.1v1')!;
      expect(stale.status).not.toBe('compliant');
      expect(String(stale.verdict.reason)).toMatch(/\d/);
    } finally {
      await fresh.close();
      await large.close();
    }
  });
});
