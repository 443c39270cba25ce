import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceNowEmulator, type ServiceNowEmulator } from '../emulators/servicenow';
import { artifactsDir, connectAndScan, launchWithExtension, readDatabase, screenshot, seriousAxeViolations, signInServiceNow, tabIdOf, type ExtensionBrowser } from './harness';

const scoreOf = async (page: Page) => Number((await page.getByTestId('initiative-score').innerText()).match(/[\d.]+/)?.[0]);

/** The admin opens the portal after scanning, sets a target, accepts a risk, exports every format and re-imports the JSON. */
describe('Portal: initiative, exceptions and exports', () => {
  let emulator: ServiceNowEmulator;
  let browser: ExtensionBrowser;
  let portal: Page;

  beforeAll(async () => {
    emulator = await startServiceNowEmulator({ port: 0 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    for (const instance of emulator.instances) {
      const page = await browser.context.newPage();
      await signInServiceNow(page, instance, instance.admin);
      const popup = await connectAndScan(browser, await tabIdOf(browser, page));
      await popup.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('shows the initiative over both scanned instances and tracks a target', async () => {
    portal = await browser.context.newPage();
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html`);
    await expect.poll(() => scoreOf(portal), { timeout: 15_000 }).toBeGreaterThan(0);
    const score = await scoreOf(portal);
    expect(score).toBeLessThan(100);
    await expect.poll(() => portal.locator('[data-testid^="metric-row-"]').count()).toBe(12);

    await portal.getByTestId('target-input').fill('95');
    await portal.getByTestId('target-input').press('Enter');
    await expect.poll(() => portal.getByTestId('target-progress').innerText()).toMatch(/points to the target of 95%/);
    await screenshot(portal, 'portal-initiative');
    expect(await seriousAxeViolations(portal)).toEqual([]);

    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/instances`);
    await expect.poll(() => portal.getByTestId('instance-row').count()).toBe(2);
  });

  it('an exception for the top recommendation raises the score and keeps the original verdict visible', async () => {
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/initiative`);
    await expect.poll(() => scoreOf(portal), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await scoreOf(portal);

    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/recommendations`);
    const firstRow = portal.getByTestId('recommendation-row').first();
    await expect.poll(() => portal.getByTestId('recommendation-row').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await firstRow.locator('button.row-button').click();
    const pane = portal.getByTestId('detail-pane');
    await pane.getByRole('button', { name: 'Add exception' }).click();
    const form = portal.getByTestId('exception-form');
    // Risk accepted earns no points (as in Secure Score); a mitigating control counts as achieved.
    await form.getByLabel(/Mitigated by an alternate control/).check();
    await form.getByLabel('Rationale (required)').fill('Compensated by the SOC’s 24/7 monitoring until the Q1 migration.');
    await form.getByLabel('Owner (required)').fill('ciso@acme.example');
    await screenshot(portal, 'portal-exception-form');
    await form.getByRole('button', { name: 'Save exception' }).click();
    await expect.poll(() => portal.getByTestId('exception-form').count()).toBe(0);

    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/exceptions`);
    await expect.poll(() => portal.getByTestId('exception-row').count()).toBe(1);
    expect(await portal.getByTestId('exception-row').innerText()).toContain('ciso@acme.example');
    await screenshot(portal, 'portal-exceptions');

    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/initiative`);
    await expect.poll(() => scoreOf(portal), { timeout: 15_000 }).toBeGreaterThan(before);
    const dump = await readDatabase(portal);
    expect(dump.exceptions).toHaveLength(1);
    // The original verdict stays: the finding itself is still non-compliant.
    const excepted = dump.findings.find((finding) => finding.controlId === dump.exceptions[0]!.controlId && finding.instanceKey === dump.exceptions[0]!.instanceKey);
    expect(excepted?.verdict.status).not.toBe('compliant');
  });

  it('accepting the risk of the most impactful metric takes it out of the initiative and changes the score', async () => {
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/initiative`);
    await expect.poll(() => scoreOf(portal), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await scoreOf(portal);
    const topMetric = portal.locator('[data-testid^="metric-row-"]').first();
    await topMetric.getByRole('combobox').selectOption('risk_accepted');
    await expect.poll(() => scoreOf(portal), { timeout: 15_000 }).toBeGreaterThan(before);
    await screenshot(portal, 'portal-metric-risk-accepted');
    const settings = (await readDatabase(portal)).settings.find((row) => row.key === 'metricWeights');
    expect(Object.values(settings?.value as Record<string, unknown>)).toContain('risk_accepted');
  });

  it('exports JSON, CSV, OCSF and HTML at once and re-imports the JSON', async () => {
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/exports`);
    const downloads: Array<{ name: string; path: string }> = [];
    portal.on('download', (download) => {
      const path = join(artifactsDir, `portal-export-${download.suggestedFilename()}`);
      downloads.push({ name: download.suggestedFilename(), path });
      void download.saveAs(path);
    });
    await portal.getByTestId('export-button').click();
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(4);
    await portal.waitForTimeout(500);
    const byExtension = (suffix: string) => downloads.find((file) => file.name.endsWith(suffix))!;

    const json = JSON.parse(readFileSync(byExtension('.json').path, 'utf8')) as { instances: Array<{ findings: Array<Record<string, unknown>> }> };
    expect(json.instances).toHaveLength(2);
    const findingCount = json.instances.reduce((sum, entry) => sum + entry.findings.length, 0);
    expect(findingCount).toBeGreaterThan(300);

    const csvLines = readFileSync(byExtension('.csv').path, 'utf8').trim().split(/\r?\n/);
    expect(csvLines.length).toBeGreaterThan(findingCount);
    const ocsf = readFileSync(byExtension('.ocsf.jsonl').path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { class_uid: number });
    expect(ocsf).toHaveLength(findingCount);
    expect(new Set(ocsf.map((event) => event.class_uid))).toEqual(new Set([2003]));
    const html = readFileSync(byExtension('.html').path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);

    const scansBefore = (await readDatabase(portal)).scans.length;
    await portal.getByTestId('import-input').setInputFiles(byExtension('.json').path);
    await expect.poll(() => portal.getByTestId('import-result').innerText(), { timeout: 15_000 }).toMatch(/Imported 2 scans from/);
    // The exported scans keep their ids: importing them again recreates them in place, never twice.
    expect((await readDatabase(portal)).scans.length).toBe(scansBefore);
    await screenshot(portal, 'portal-exports');
  });

  it('has no serious accessibility violation in the dark theme', async () => {
    await portal.emulateMedia({ colorScheme: 'dark' });
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/recommendations`);
    await expect.poll(() => portal.getByTestId('recommendation-row').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await screenshot(portal, 'portal-recommendations-dark');
    expect(await seriousAxeViolations(portal)).toEqual([]);
  });
});
