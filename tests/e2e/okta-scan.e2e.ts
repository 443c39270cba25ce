import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { startOktaEmulator, type OktaEmulator } from '../emulators/okta';
import { connectAndScan, launchWithExtension, readDatabase, screenshot, signInOkta, tabIdOf, type ExtensionBrowser } from './harness';

/** An Okta admin connects the org from the Admin Console and scans it through the console's own page. */
describe('Okta: connect and scan from the Admin Console', () => {
  let emulator: OktaEmulator;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    emulator = await startOktaEmulator({ port: 0 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('scans as Super Admin with same-origin reads made by the Admin Console page, read-only', async () => {
    const acme = emulator.orgs.find((org) => org.name === 'acme')!;
    const page = await browser.context.newPage();
    await signInOkta(page, acme, acme.superAdmin);
    emulator.clearRequests();
    const popup = await connectAndScan(browser, await tabIdOf(browser, page));
    await screenshot(popup, 'okta-popup-scanned');
    const score = Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0]);
    expect(score).toBeLessThan(60);

    const api = emulator.requests.filter((request) => request.kind === 'api');
    expect(api.length).toBeGreaterThan(20);
    // Proof of the context: every read came from the Admin Console page itself (same origin, with its XSRF header).
    for (const request of api) {
      expect(request.method).toBe('GET');
      expect(request.host).toBe(acme.adminHost);
      expect(request.fetchSite).toBe('same-origin');
      expect(request.xsrfHeader).toBe(true);
      expect(request.status).not.toBe(429);
    }
    const dump = await readDatabase(popup);
    const instance = dump.instances.find((candidate) => candidate.app === 'okta')!;
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    // Connect's own check reads the org once; the scan made the rest.
    expect(scan.requestCount).toBe(api.filter((request) => request.time >= Date.parse(scan.startedAt)).length);
    console.log(`Okta scan of the demo org: ${scan.requestCount} requests`);
    expect(JSON.stringify(dump)).not.toMatch(/"sid"|X-Okta-XsrfToken/i);
  });

  it('draws badges beside the settings on the Admin Console pages, following its single-page navigation', async () => {
    const acme = emulator.orgs.find((org) => org.name === 'acme')!;
    const page = browser.context.pages().find((candidate) => candidate.url().includes(acme.adminHost))!;
    await page.bringToFront();
    await page.goto(`https://${acme.adminHost}/admin/access/authenticators/password`);
    const badge = page.locator('.o-form-fieldset', { hasText: 'Minimum length' }).first().locator('posture-lens-badge').getByRole('button');
    await expect.poll(() => badge.getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/Passwords are at least 15 characters long — non-compliant/);
    await expect.poll(() => page.getByText(/risky settings? on this page/).isVisible()).toBe(true);
    await screenshot(page, 'okta-overlay-password');

    await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));
    await page.getByRole('link', { name: 'Global Session Policy', exact: true }).click();
    await page.waitForURL(/\/admin\/access\/policies/);
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    const idle = page.locator('.o-form-fieldset', { hasText: 'Maximum Okta global session idle time' }).first().locator('posture-lens-badge');
    await expect.poll(() => idle.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'okta-overlay-global-session');
  });

  it('walks a fix from the badge through the side panel to Verify, which re-reads through the page', async () => {
    const acme = emulator.orgs.find((org) => org.name === 'acme')!;
    const page = browser.context.pages().find((candidate) => candidate.url().includes(acme.adminHost))!;
    await page.bringToFront();
    await page.goto(`https://${acme.adminHost}/admin/access/authenticators/password`);
    const tabId = await tabIdOf(browser, page);
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
    await page.bringToFront();
    const badge = page.locator('.o-form-fieldset', { hasText: 'Minimum length' }).first().locator('posture-lens-badge');
    await badge.getByRole('button').click();
    await badge.getByRole('button', { name: 'Fix it step by step' }).click();
    await expect.poll(() => panel.getByRole('heading', { name: 'Passwords are at least 15 characters long' }).isVisible()).toBe(true);

    // The admin raises the minimum length in every password policy (the emulator's console is read-only).
    for (const policy of emulator.org('acme').seed.policies.filter((candidate) => candidate.type === 'PASSWORD')) {
      policy.settings.password.complexity.minLength = 15;
    }
    emulator.clearRequests();
    await panel.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => panel.getByTestId('verify-score-change').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await panel.getByText(/Result: Compliant/).first().isVisible()).toBe(true);
    const reads = emulator.requests.filter((request) => request.kind === 'api');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.path.startsWith('/api/v1/policies') && request.fetchSite === 'same-origin')).toBe(true);
    await expect.poll(() => badge.getByRole('button').first().getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/— compliant/);
    await screenshot(panel, 'okta-sidepanel-verified');
    await panel.close();
  });

  it('scans a 50 000-user org in the same number of requests, without reading the directory or tripping the limit', async () => {
    const large = await startOktaEmulator({ port: 0, largeOrgUsers: 50_000 });
    const fresh = await launchWithExtension({ hostResolverRules: large.hostResolverRules });
    try {
      const acme = large.orgs.find((org) => org.name === 'acme')!;
      const page = await fresh.context.newPage();
      await signInOkta(page, acme, acme.superAdmin);
      large.clearRequests();
      const popup = await connectAndScan(fresh, await tabIdOf(fresh, page));
      const dump = await readDatabase(popup);
      const scan = dump.scans.find((candidate) => candidate.id === dump.instances[0]!.lastGoodScanId)!;
      expect(scan.status).toBe('complete');
      const userPages = large.requests.filter((request) => request.kind === 'api' && request.path === '/api/v1/users');
      expect(userPages.length).toBeLessThanOrEqual(5);
      expect(userPages.every((request) => request.query.search?.includes('lastLogin lt'))).toBe(true);
      expect(large.requests.some((request) => request.status === 429)).toBe(false);
      console.log(`Okta scan of a 50 000-user org: ${scan.requestCount} requests (${userPages.length} pages of inactive users)`);
      expect(scan.requestCount).toBeLessThanOrEqual(93);
    } finally {
      await fresh.close();
      await large.close();
    }
  });

  it('scans as a read-only admin: Super-Admin-only checks are unknown with the reason, the rest is scored', async () => {
    const globex = emulator.orgs.find((org) => org.name === 'globex')!;
    const fresh = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    try {
      const page = await fresh.context.newPage();
      await signInOkta(page, globex, globex.readOnlyAdmin);
      const popup = await connectAndScan(fresh, await tabIdOf(fresh, page));
      await screenshot(popup, 'okta-popup-read-only');
      const dump = await readDatabase(popup);
      const scanId = dump.instances[0]!.lastGoodScanId;
      const findings = dump.findings.filter((finding) => finding.scanId === scanId);
      const tokenChecks = oktaConnector.controls.filter((control) => control.sources.includes('apiTokens'));
      expect(tokenChecks.length).toBeGreaterThan(0);
      for (const control of tokenChecks) {
        const finding = findings.find((candidate) => candidate.controlId === control.id)!;
        expect(finding.status, control.id).toBe('unknown');
        expect(finding.verdict.reason).toMatch(/needs Super Admin/);
      }
      expect(findings.filter((finding) => finding.status === 'compliant').length).toBeGreaterThan(10);
    } finally {
      await fresh.close();
    }
  });

  it('backs off on the rate limit instead of failing, and says when the session expired', async () => {
    const limited = await startOktaEmulator({ port: 0, rateLimit: { limit: 8, windowSeconds: 2 } });
    const fresh = await launchWithExtension({ hostResolverRules: limited.hostResolverRules });
    try {
      const acme = limited.orgs.find((org) => org.name === 'acme')!;
      const page = await fresh.context.newPage();
      await signInOkta(page, acme, acme.superAdmin);
      const popup = await connectAndScan(fresh, await tabIdOf(fresh, page));
      const dump = await readDatabase(popup);
      const scan = dump.scans.find((candidate) => candidate.id === dump.instances[0]!.lastGoodScanId)!;
      expect(scan.status).toBe('complete');

      limited.expireSessions('acme');
      await popup.getByRole('button', { name: 'Scan now' }).click();
      await expect.poll(() => popup.getByText('Session expired').isVisible(), { timeout: 30_000 }).toBe(true);
      await screenshot(popup, 'okta-session-expired');
      const after = await readDatabase(popup);
      expect(after.instances[0]!.lastGoodScanId).toBe(scan.id);
    } finally {
      await fresh.close();
      await limited.close();
    }
  });
});
