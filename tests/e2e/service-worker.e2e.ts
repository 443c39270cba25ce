import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceConnector } from '@/connectors/salesforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { connectAndScan, launchWithExtension, openPopup, readDatabase, signIn, tabIdOf, type DatabaseDump, type ExtensionBrowser } from './harness';

const controls = salesforceConnector.controls.length;
const scansOf = (dump: DatabaseDump, instanceKey: string) => dump.scans.filter((scan) => scan.instanceKey === instanceKey);

/** Polls `read` until it gives a value. */
async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A tab's id, asked from an extension page (the worker Playwright first saw may have been stopped). */
async function tabIdFrom(extensionPage: Page, url: string): Promise<number> {
  return extensionPage.evaluate(async (target) => {
    const tabs = await (globalThis as unknown as { chrome: { tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome.tabs.query({});
    return tabs.find((candidate) => candidate.url === target)!.id!;
  }, url);
}

/**
 * The MV3 service worker can be stopped at any moment. Stopped in the middle of a scan (through the
 * DevTools protocol, as the browser would), it must start again by itself, restart the scan, and leave
 * the database as a whole scan or none; two tabs asking at once must not make two scans.
 */
describe('the service worker under interruption and concurrency', () => {
  let emulator: SalesforceEmulator;
  let browser: ExtensionBrowser;
  let tab: Page;
  let tabId: number;
  let instanceKey: string;
  let firstGoodScanId: string;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0 });
    browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    tab = await browser.context.newPage();
    await signIn(tab, emulator.orgs.find((org) => org.myDomain === 'acme')!);
    tabId = await tabIdOf(browser, tab);
    const popup = await connectAndScan(browser, tabId);
    const dump = await readDatabase(popup);
    instanceKey = dump.instances[0]!.key;
    firstGoodScanId = dump.instances[0]!.lastGoodScanId;
    await popup.close();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('restarts a scan by itself after the worker is stopped mid-scan, and never stores half a scan', async () => {
    // Slow answers keep the scan running long enough to stop the worker in its middle.
    emulator.setFault({ kind: 'latency', ms: 1500, org: 'acme' });
    const popup = await openPopup(browser, tabId);
    await popup.getByRole('button', { name: 'Scan now' }).click();
    const interrupted = await until(
      async () => scansOf(await readDatabase(popup), instanceKey).find((scan) => scan.status === 'running' && scan.progress.done > 0),
      'the scan to be under way',
      20_000,
    );

    // Only the watchdog alarm may wake the worker again: no extension page is left to send it a message,
    // and nothing below opens one until the restarted scan has reached the SaaS.
    const watchdog = () => popup.evaluate(() => (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<unknown> } } }).chrome.alarms.get('posture-lens:scan-watchdog'));
    // While it runs, an alarm is set to wake a stopped worker.
    expect(await watchdog()).toMatchObject({ periodInMinutes: 0.5 });
    const cdp = await browser.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await popup.close();
    emulator.clearFaults();
    const stoppedAt = Date.now();
    await until(async () => (emulator.requests.some((request) => request.kind === 'api' && request.time > stoppedAt) ? true : undefined), 'the restarted scan to read the org', 45_000);
    console.log(`The stopped worker restarted the scan by itself after ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);

    const readerOpenedAt = Date.now();
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await expect.poll(async () => (await readDatabase(reader)).instances[0]!.lastGoodScanId, { timeout: 30_000, interval: 500 }).not.toBe(firstGoodScanId);
    const after = await readDatabase(reader);
    const scans = scansOf(after, instanceKey);
    const marked = scans.find((scan) => scan.id === interrupted.id)!;
    expect(marked).toMatchObject({ status: 'failed', error: { message: 'The scan was interrupted (the browser stopped the extension) and started again.' } });
    // Marked by the worker the alarm woke, before any page of ours was open again.
    expect(Date.parse(marked.finishedAt)).toBeGreaterThan(stoppedAt);
    expect(Date.parse(marked.finishedAt)).toBeLessThan(readerOpenedAt);
    const restarted = scans.find((scan) => scan.id === after.instances[0]!.lastGoodScanId)!;
    expect(restarted.status).toBe('complete');
    expect(scans).toHaveLength(3);
    expect(scans.filter((scan) => scan.status === 'running')).toHaveLength(0);
    // Every stored scan is whole: each good scan has one finding per control, the interrupted one none.
    for (const scan of scans) {
      const findings = after.findings.filter((finding) => finding.scanId === scan.id);
      expect(findings, scan.id).toHaveLength(scan.status === 'failed' ? 0 : controls);
      expect(new Set(findings.map((finding) => finding.controlId)).size).toBe(findings.length);
    }
    expect(after.snapshots.map((snapshot) => snapshot.scanId).sort()).toEqual([firstGoodScanId, restarted.id].sort());
    // No scan runs any more: the worker may sleep.
    await expect.poll(() => reader.evaluate(() => (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<unknown> } } }).chrome.alarms.get('posture-lens:scan-watchdog'))).toBeUndefined();
    await reader.close();
  });

  it('two tabs of one org asking to scan at once make one scan, which both popups show', async () => {
    const second = await browser.context.newPage();
    await second.goto(tab.url());
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    const secondTabId = await tabIdFrom(reader, second.url());
    const before = await readDatabase(reader);
    const [one, two] = await Promise.all([openPopup(browser, tabId), openPopup(browser, secondTabId)]);
    const buttons = [one, two].map((popup) => popup.getByRole('button', { name: 'Scan now' }));
    await Promise.all(buttons.map((button) => button.waitFor()));
    // Slow answers: the first scan is still running when the second tab asks.
    emulator.setFault({ kind: 'latency', ms: 1500, org: 'acme' });
    // Dispatched, not clicked: a click waits for the page's frames, which a background tab barely paints.
    await Promise.all(buttons.map((button) => button.dispatchEvent('click')));
    const dump = await until(
      async () => {
        const current = await readDatabase(reader);
        const done = current.instances[0]!.lastGoodScanId !== before.instances[0]!.lastGoodScanId;
        return done && scansOf(current, instanceKey).every((scan) => scan.status !== 'running') ? current : undefined;
      },
      'the scan both tabs asked for',
      60_000,
    );
    emulator.clearFaults();
    const scans = scansOf(dump, instanceKey);
    expect(scans).toHaveLength(scansOf(before, instanceKey).length + 1);
    const newest = scans.find((scan) => scan.id === dump.instances[0]!.lastGoodScanId)!;
    expect(newest.status).toBe('complete');
    expect(dump.findings.filter((finding) => finding.scanId === newest.id)).toHaveLength(controls);
    for (const popup of [one, two]) {
      await expect.poll(async () => Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0]), { timeout: 15_000 }).toBe(Math.round(newest.score.percent));
    }
  });

  it('two orgs of one app scanned at the same moment: each scan reads only its own org and stores only its own results', async () => {
    const globex = emulator.orgs.find((org) => org.myDomain === 'globex')!;
    const globexTab = await browser.context.newPage();
    await signIn(globexTab, globex);
    const globexTabId = await tabIdOf(browser, globexTab);
    const connected = await connectAndScan(browser, globexTabId);
    const solo = await readDatabase(connected);
    await connected.close();
    const soloScore = (key: string) => solo.scans.find((scan) => scan.id === solo.instances.find((instance) => instance.key === key)!.lastGoodScanId)!.score.percent;
    const keys = solo.instances.map((instance) => instance.key as string);
    expect(keys).toHaveLength(2);

    const popups = await Promise.all([openPopup(browser, tabId), openPopup(browser, globexTabId)]);
    const buttons = popups.map((popup) => popup.getByRole('button', { name: 'Scan now' }));
    await Promise.all(buttons.map((button) => button.waitFor()));
    // Slow answers for both orgs, so that the two scans overlap from start to end.
    emulator.setFault({ kind: 'latency', ms: 400 });
    emulator.clearRequests();
    await Promise.all(buttons.map((button) => button.dispatchEvent('click')));
    const dump = await until(
      async () => {
        const current = await readDatabase(popups[0]!);
        const done = current.instances.every((instance) => instance.lastGoodScanId !== solo.instances.find((before) => before.key === instance.key)!.lastGoodScanId);
        return done && current.scans.every((scan) => scan.status !== 'running') ? current : undefined;
      },
      'both scans',
      60_000,
    );
    emulator.clearFaults();
    const newScans = keys.map((key) => {
      const instance = dump.instances.find((candidate) => candidate.key === key)!;
      return { key, instance, scan: dump.scans.find((scan) => scan.id === instance.lastGoodScanId)! };
    });
    const [first, second] = newScans.map(({ scan }) => [Date.parse(scan.startedAt), Date.parse(scan.finishedAt)] as const);
    expect(first![0] < second![1] && second![0] < first![1]).toBe(true);
    for (const { key, instance, scan } of newScans) {
      expect(scansOf(dump, key)).toHaveLength(scansOf(solo, key).length + 1);
      expect(scan.status).toBe('complete');
      // The same org scanned alone and scanned beside the other gives the same score…
      expect(scan.score.percent).toBe(soloScore(key));
      // …from requests to its own host only, one finding per control, and a snapshot of itself.
      const ownRequests = emulator.requests.filter((request) => request.kind === 'api' && request.host === instance.host && request.time >= Date.parse(scan.startedAt));
      expect(ownRequests.length).toBe(scan.requestCount);
      expect(dump.findings.filter((finding) => finding.scanId === scan.id)).toHaveLength(controls);
      expect(dump.findings.filter((finding) => finding.scanId === scan.id).every((finding) => finding.instanceKey === key)).toBe(true);
      expect(dump.snapshots.find((row) => row.scanId === scan.id)!.snapshot.instance.instanceId).toBe(instance.instanceId);
    }
    expect(soloScore(keys[0]!)).not.toBe(soloScore(keys[1]!));
    for (const popup of popups) await popup.close();
  });
});
