import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceConnector } from '@/connectors/salesforce';
import { placementOf } from '@/utils/overlay/badges';
import type { AnchorStatus } from '@/utils/messaging';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { connectAndScan, launchWithExtension, readDatabase, screenshot, signIn, tabIdOf, type ExtensionBrowser } from './harness';

// Injected through the DevTools protocol: extension pages' CSP refuses script tags, as it should.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Findings where the admin works: badges on Setup pages, tips, the side panel walkthrough and Verify. */
describe('Salesforce: overlay and walkthrough in Setup', () => {
  let emulator: SalesforceEmulator;
  let browser: ExtensionBrowser;
  let setup: Page;
  let tabId: number;
  let extensionPage: Page;

  const acme = () => emulator.orgs.find((org) => org.myDomain === 'acme')!;
  const pageByKey = (key: string) => salesforceConnector.pages.find((page) => page.key === key)!;
  const frameOf = (page: { framePaths: string[] }): FrameLocator | Page => (page.framePaths.length ? setup.frameLocator('iframe') : setup);

  async function anchorStatus(): Promise<AnchorStatus> {
    return extensionPage.evaluate(
      (id) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<AnchorStatus> } } }).chrome.runtime.sendMessage({ type: 'overlay/anchor-status', tabId: id }),
      tabId,
    );
  }

  async function openSetupPage(key: string) {
    await setup.bringToFront();
    await setup.goto(salesforceConnector.pageUrl(setup.url(), pageByKey(key)));
    await expect.poll(async () => (await anchorStatus()).pageKey, { timeout: 15_000 }).toBe(key);
  }

  const badgeAt = (scope: FrameLocator | Page, label: string) => scope.locator('tr', { hasText: label }).locator('posture-lens-badge').getByRole('button');

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    setup = await browser.context.newPage();
    await signIn(setup, acme());
    tabId = await tabIdOf(browser, setup);
    extensionPage = await connectAndScan(browser, tabId);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('finds every anchored setting on every Setup page that holds a checked setting', async () => {
    const dump = await readDatabase(extensionPage);
    const scanId = dump.instances[0]!.lastGoodScanId;
    const statuses = new Map(dump.findings.filter((finding) => finding.scanId === scanId).map((finding) => [finding.controlId, finding.status]));
    const expected = new Map<string, Set<string>>();
    for (const control of salesforceConnector.controls) {
      const placement = placementOf(control);
      if (!placement || statuses.get(control.id) === 'not_applicable') continue;
      expected.set(placement.pageKey, (expected.get(placement.pageKey) ?? new Set()).add(placement.anchorKey));
    }
    expect(expected.size).toBeGreaterThanOrEqual(15);
    for (const [pageKey, anchors] of expected) {
      await openSetupPage(pageKey);
      const status = await anchorStatus();
      expect(status.missing, pageKey).toEqual([]);
      expect(new Set(status.found), pageKey).toEqual(anchors);
      expect(await frameOf(pageByKey(pageKey)).locator('posture-lens-badge').count(), pageKey).toBeGreaterThanOrEqual(anchors.size);
    }
  });

  it('draws a badge beside the setting, with a tip that says what is wrong', async () => {
    await openSetupPage('passwordPolicies');
    const frame = setup.frameLocator('iframe');
    const badge = badgeAt(frame, 'Minimum password length');
    await expect.poll(() => badge.getAttribute('aria-label')).toMatch(/Passwords are at least 12 characters long — partially compliant/);
    await badge.focus();
    const tip = frame.locator('tr', { hasText: 'Minimum password length' }).locator('posture-lens-badge').getByRole('dialog');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await tip.innerText();
    expect(text).toMatch(/Actual: 8/);
    expect(text).toMatch(/Expected: 12/);
    expect(text).toMatch(/\+\d+(\.\d)? points?/);
    expect(text).toMatch(/Fix it step by step/);
    await expect.poll(() => frame.getByText(/risky settings? on this page — \d+/).isVisible()).toBe(true);
    await screenshot(setup, 'overlay-password-policies');
  });

  it('follows single-page navigation in Lightning Setup', async () => {
    await openSetupPage('passwordPolicies');
    await setup.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));
    await setup.getByRole('link', { name: 'Session Settings', exact: true }).click();
    await expect.poll(async () => (await anchorStatus()).pageKey, { timeout: 15_000 }).toBe('sessionSettings');
    expect(await setup.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    const badge = badgeAt(setup.frameLocator('iframe'), 'Require HttpOnly attribute');
    await expect.poll(() => badge.getAttribute('aria-label')).toMatch(/non-compliant/);
    await screenshot(setup, 'overlay-session-settings');
  });

  it('walks a fix in the side panel: step to the field, change it, Verify, badge and score update', async () => {
    await openSetupPage('passwordPolicies');
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
    await setup.bringToFront();
    const frame = setup.frameLocator('iframe');
    await badgeAt(frame, 'Minimum password length').click();
    await frame.getByRole('button', { name: 'Fix it step by step' }).first().click();
    await expect.poll(() => panel.getByRole('heading', { name: 'Passwords are at least 12 characters long' }).isVisible()).toBe(true);
    await screenshot(panel, 'sidepanel-walkthrough');

    // Step 2 names the field itself: the tab is already on its page, so the field is highlighted there.
    await panel.getByRole('button', { name: 'Go to page: Password Policies' }).nth(1).click();
    await expect.poll(() => frame.locator('posture-lens-highlight').count()).toBeGreaterThan(0);

    const before = (await readDatabase(extensionPage)).scans.find((scan) => scan.status === 'complete')!.score.percent as number;
    await setup.bringToFront();
    await frame.getByLabel('Minimum password length').selectOption('12');
    // Submitted from the keyboard: with the popup and panel open in other tabs, this headless run did not
    // deliver synthetic mouse clicks into the framed page (a standalone run with the same steps does).
    await frame.getByRole('button', { name: 'Save', exact: true }).first().press('Enter');
    await expect.poll(() => frame.getByText('Your settings have been saved.').isVisible()).toBe(true);

    await panel.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => panel.getByTestId('verify-score-change').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await panel.getByTestId('verify-score-change').innerText()).toMatch(/Score 4\d% → \d+%/);
    const after = (await readDatabase(extensionPage)).scans.find((scan) => scan.status === 'complete')!.score.percent as number;
    expect(after).toBeGreaterThan(before);
    await expect.poll(() => badgeAt(setup.frameLocator('iframe'), 'Minimum password length').getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/— compliant/);
    await screenshot(panel, 'sidepanel-verified');
    await screenshot(setup, 'overlay-verified');
    await panel.close();
  });

  it('says in the side panel when a setting cannot be found on the page, rather than guessing', async () => {
    await openSetupPage('passwordPolicies');
    await setup.frames()[1]!.evaluate(() => {
      const label = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === 'Obscure secret answer for password resets');
      label?.closest('tr')?.remove();
    });
    await expect.poll(async () => (await anchorStatus()).missing, { timeout: 10_000 }).toContain('obscureSecretAnswer');
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
    await panel.getByRole('button', { name: 'Security question answers are hidden while typed' }).click();
    await expect
      .poll(() => panel.getByText('Posture Lens could not find “Obscure secret answer for password resets” on this page — look for it by hand.').isVisible())
      .toBe(true);
    await screenshot(panel, 'sidepanel-anchor-missing');
    await panel.close();
  });

  it('has no serious accessibility violations in the side panel and the tip', async () => {
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
    await panel.getByRole('button', { name: /Passwords|Session|MFA|Guest/ }).first().waitFor();
    await panel.evaluate(axeSource);
    const panelViolations = await panel.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe.run();
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${JSON.stringify((violation as unknown as { nodes: Array<{ html: string }> }).nodes.map((node) => node.html))}`);
    });
    expect(panelViolations).toEqual([]);

    await openSetupPage('sessionSettings');
    const frame = setup.frames().find((candidate) => candidate.url().includes('SessionSettings'))!;
    await badgeAt(setup.frameLocator('iframe'), 'Require HttpOnly attribute').focus();
    await frame.evaluate(axeSource);
    const tipViolations = await frame.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe.run();
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .filter((violation) => violation.nodes.some((node) => JSON.stringify(node.target).includes('posture-lens')))
        .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => [node.target, (node as unknown as { failureSummary: string }).failureSummary]))}`);
    });
    expect(tipViolations).toEqual([]);
    await panel.close();
  });
});
