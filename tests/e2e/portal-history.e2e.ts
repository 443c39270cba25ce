import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceNowConnector } from '@/connectors/servicenow';
import { artifactsDir, launchWithExtension, readDatabase, screenshot, serviceNowMainFrame, seriousAxeViolations, type ExtensionBrowser } from './harness';
import { escapeRegExp, hosts, portalView, scanFourInstances, type FourInstances, type InstanceHost } from './portal-setup';

/** `yyyy-mm-dd` of the local day, as a date input takes it. */
const localDate = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * The same four instances over time: a setting changes between two scans, two instances of one app
 * are compared, the export is imported into another browser, an exception expires.
 */
describe('Portal: history, drift, import and expiry over four instances', () => {
  let env: FourInstances;
  let browser: ExtensionBrowser;
  let portal: Page;
  let view: ReturnType<typeof portalView>;
  const open = (hash: string) => view.open(browser.extensionId, hash);
  const keyOf = (host: InstanceHost) => env.keyOf(host);

  beforeAll(async () => {
    env = await scanFourInstances();
    ({ browser, portal } = env);
    view = portalView(portal);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('shows what changed between two scans after a setting changed, and between two instances of one app', async () => {
    // The admin shortens the session timeout on the instance's own System Properties form.
    const acme = env.servicenow.instances.find((instance) => instance.name === 'acme')!;
    const page = env.tabs.get(hosts.serviceNowAcme)!;
    await page.bringToFront();
    await page.goto(`https://${acme.host}/now/nav/ui/classic/params/target/${encodeURIComponent('sys_properties_list.do?sysparm_query=name%3Dglide.ui.session_timeout')}`);
    await (await serviceNowMainFrame(page)).getByRole('link', { name: 'glide.ui.session_timeout', exact: true }).click();
    const form = await serviceNowMainFrame(page);
    await form.getByLabel('Value').fill('15');
    await form.getByRole('button', { name: 'Update' }).click();
    await expect.poll(() => env.servicenow.instance('acme').property('glide.ui.session_timeout')).toBe('15');

    await portal.bringToFront();
    await open('instances');
    const row = view.instanceRow(hosts.serviceNowAcme);
    await row.getByRole('button', { name: 'Rescan Acme Corporation (ServiceNow)' }).click();
    await expect.poll(() => row.getByText(/^Scan finished/).isVisible(), { timeout: 30_000 }).toBe(true);

    await open(`history?instance=${encodeURIComponent(keyOf(hosts.serviceNowAcme))}`);
    await expect.poll(() => portal.getByTestId('scan-row').count(), { timeout: 15_000 }).toBe(2);
    // Seconds apart, the two scans still read apart.
    expect(new Set(await portal.getByTestId('scan-row').locator('time').allInnerTexts()).size).toBe(2);
    const diff = portal.getByTestId('diff');
    await expect.poll(() => diff.isVisible()).toBe(true);
    const timeout = serviceNowConnector.controls.find((control) => control.remediation.steps.some((step) => step.anchor === 'glide.ui.session_timeout'))!;
    const passes = portal.getByTestId('diff-newPasses');
    await expect.poll(() => passes.locator('li').count()).toBe(1);
    expect(await passes.getByRole('heading').textContent()).toBe('New passes (1)');
    expect(await passes.locator('li').innerText()).toMatch(new RegExp(`^${escapeRegExp(timeout.title)} ${escapeRegExp(timeout.id)}\\nNon-compliant \\(\\d+\\) → Compliant \\(15\\)$`));
    expect(await diff.locator('p').first().innerText()).toMatch(/→ .*: score \d+% → \d+%\. 0 new failures, 1 new pass\./);
    await screenshot(portal, 'portal-history-two-scans');

    // The two ServiceNow instances, latest scans: what Globex passes that Acme fails, and the reverse.
    await portal.getByLabel('Two instances of the same app (latest scans)').check();
    await expect.poll(() => portal.getByRole('combobox', { name: 'Baseline instance' }).inputValue()).toBe(keyOf(hosts.serviceNowAcme));
    expect(await portal.getByRole('combobox', { name: 'Compared with' }).inputValue()).toBe(keyOf(hosts.serviceNowGlobex));
    const dump = await readDatabase(portal);
    const latest = (key: string) => {
      const scanId = dump.instances.find((instance) => instance.key === key)!.lastGoodScanId;
      return new Map(dump.findings.filter((finding) => finding.scanId === scanId).map((finding) => [finding.controlId as string, finding.status as string]));
    };
    const [acmeStatus, globexStatus] = [latest(keyOf(hosts.serviceNowAcme)), latest(keyOf(hosts.serviceNowGlobex))];
    const failing = (status?: string) => status === 'non_compliant' || status === 'partial';
    const newPasses = [...globexStatus].filter(([id, status]) => status === 'compliant' && acmeStatus.has(id) && acmeStatus.get(id) !== 'compliant');
    const newFailures = [...globexStatus].filter(([id, status]) => failing(status) && acmeStatus.has(id) && !failing(acmeStatus.get(id)));
    expect(newPasses.length).toBeGreaterThan(10);
    const percentOf = (key: string) => Math.round(dump.scans.find((scan) => scan.id === dump.instances.find((instance) => instance.key === key)!.lastGoodScanId)!.score.percent);
    // Globex is well configured but for one hand-registered OAuth add-on acting as an admin (its demo path to full administration).
    expect(percentOf(keyOf(hosts.serviceNowGlobex))).toBe(99);
    await expect.poll(() => diff.locator('p').first().innerText()).toBe(
      `Acme Corporation → Globex Ltd: score ${percentOf(keyOf(hosts.serviceNowAcme))}% → 99%. ${newFailures.length} new failures, ${newPasses.length} new passes.`,
    );
    expect(await portal.getByTestId('diff-newPasses').getByRole('heading').textContent()).toBe(`New passes (${newPasses.length})`);
    const rotate = portal.getByTestId('diff-newPasses').locator('li', { hasText: 'SN.HARD.247v1' });
    expect(await rotate.innerText()).toBe('Rotate HTTP session identifiers SN.HARD.247v1\nNon-compliant (false) → Compliant (true)');
    await screenshot(portal, 'portal-history-two-instances');
  });

  it('imports the exported JSON into a fresh browser, which then shows the same initiative and recommendations', async () => {
    await open('initiative');
    await expect.poll(() => view.score(), { timeout: 15_000 }).toBeGreaterThan(0);
    const score = await portal.getByTestId('initiative-score').innerText();
    await open('recommendations');
    await expect.poll(() => view.counts()).toBeDefined();
    const counts = await view.counts();

    await open('exports');
    for (const format of ['CSV', 'OCSF', 'HTML report']) await portal.getByRole('checkbox', { name: new RegExp(`^${format} —`) }).uncheck();
    const [download] = await Promise.all([portal.waitForEvent('download'), portal.getByTestId('export-button').click()]);
    const file = join(artifactsDir, `portal-history-${download.suggestedFilename()}`);
    await download.saveAs(file);

    const fresh = await launchWithExtension({ hostResolverRules: [] });
    try {
      const other = await fresh.context.newPage();
      await other.goto(`chrome-extension://${fresh.extensionId}/portal.html#/exports`);
      await expect.poll(() => other.getByTestId('empty-state').isVisible()).toBe(true);
      expect(await other.getByTestId('initiative-score').innerText()).toBe('—');
      await other.getByTestId('import-input').setInputFiles(file);
      await expect.poll(() => other.getByTestId('import-result').innerText(), { timeout: 15_000 }).toMatch(/^Imported 4 scans from /);
      expect(await other.getByTestId('import-result').locator('li').allInnerTexts()).toHaveLength(4);
      await expect.poll(() => other.getByTestId('initiative-score').innerText()).toBe(score);
      await other.goto(`chrome-extension://${fresh.extensionId}/portal.html#/recommendations`);
      await expect.poll(() => portalView(other).counts(), { timeout: 15_000 }).toEqual(counts);
      await screenshot(other, 'portal-history-imported');
      await other.goto(`chrome-extension://${fresh.extensionId}/portal.html#/instances`);
      await expect.poll(() => other.getByTestId('instance-row').count()).toBe(4);
    } finally {
      await fresh.close();
    }
  });

  it('an exception past its expiry lapses by itself, on screen, and stops counting', async () => {
    await open('initiative');
    await expect.poll(() => view.score(), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await view.score();

    // An exception that expires tomorrow, in a portal whose clock then moves two days on.
    const later = await browser.context.newPage();
    await later.clock.install();
    await later.goto(`chrome-extension://${browser.extensionId}/portal.html#/recommendations?instance=${encodeURIComponent(keyOf(hosts.salesforceAcme))}`);
    await expect.poll(() => portalView(later).score(), { timeout: 15_000 }).toBe(before);
    // Kept in view by its id: excepted, it has no impact left and would move down the table.
    const topId = await later.getByTestId('recommendation-row').first().locator('.row-sub').first().innerText();
    await later.getByRole('searchbox').fill(topId);
    await expect.poll(() => later.getByTestId('recommendation-row').count()).toBe(1);
    const top = later.getByTestId('recommendation-row');
    const topTitle = await top.locator('.row-title').innerText();
    await top.locator('button.row-button').click();
    await later.getByTestId('detail-pane').getByRole('button', { name: 'Add exception' }).click();
    const expiring = later.getByTestId('exception-form');
    await expiring.getByLabel(/Mitigated by an alternate control/).check();
    await expiring.getByLabel('Rationale (required)').fill('Until the new proxy rules are live.');
    await expiring.getByLabel('Owner (required)').fill('secops@acme.example');
    await expiring.getByLabel('Expiry date (optional)').fill(localDate(new Date(Date.now() + 86_400_000)));
    await expiring.getByRole('button', { name: 'Save exception' }).click();
    await expect.poll(() => expiring.count()).toBe(0);
    await expect.poll(() => portalView(later).score()).toBeGreaterThan(before);
    await expect.poll(() => top.locator('td.col-status').innerText()).toBe('Non-compliant\nException');

    // It lapses at the end of tomorrow (local time): at most 48 hours from now.
    await later.clock.fastForward('49:00:00');
    await expect.poll(() => top.locator('td.col-status').innerText()).toBe('Non-compliant\nException lapsed');
    await expect.poll(() => portalView(later).score()).toBe(before);
    await later.goto(`chrome-extension://${browser.extensionId}/portal.html#/exceptions`);
    const lapsed = later.getByTestId('exception-row').filter({ hasText: topTitle });
    await expect.poll(() => lapsed.locator('.exception-state').innerText()).toBe('Lapsed');
    await screenshot(later, 'portal-history-exceptions-lapsed');
    await later.close();
    // The portal in front again: a page in a background tab gets no animation frames, and every action on it waits.
    await portal.bringToFront();
  });

  it('reads well in the dark theme: instances, an excepted recommendation, exceptions, the drift between two scans', async () => {
    await portal.emulateMedia({ colorScheme: 'dark' });
    try {
      const views: Array<[string, string, () => Promise<unknown>]> = [
        ['instances', 'instances', () => expect.poll(() => portal.getByTestId('instance-row').count()).toBe(4)],
        ['recommendations?exception=active', 'recommendations', () => expect.poll(() => portal.getByTestId('recommendation-row').count()).toBe(1)],
        ['exceptions', 'exceptions', () => expect.poll(() => portal.getByTestId('exception-row').count()).toBe(1)],
        [`history?instance=${encodeURIComponent(keyOf(hosts.serviceNowAcme))}`, 'history', () => expect.poll(() => portal.getByTestId('diff-newPasses').isVisible()).toBe(true)],
      ];
      for (const [hash, name, ready] of views) {
        await open(hash);
        await ready();
        // The theme's dark background (#16181d), not the light one.
        expect(await portal.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
        await screenshot(portal, `portal-history-dark-${name}`);
        expect(await seriousAxeViolations(portal), name).toEqual([]);
      }
    } finally {
      await portal.emulateMedia({ colorScheme: 'light' });
    }
  });
});
