import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { connectorById } from '@/connectors';
import { keepEvidenceScans } from '@/utils/background-scans';
import { databaseName } from '@/utils/db';
import { snapshotSchema } from '@/utils/snapshot';
import { startServiceNowEmulator } from '../../tests/emulators/servicenow';
import { connectAndScan, launchWithExtension, readDatabase, signInServiceNow, tabIdOf, type ExtensionBrowser } from '../../tests/e2e/harness';
import type { BenchMode } from './mode';
import { firstPaints } from './paint';
import { benchPopup } from './popup';
import { median, round1, type Figure } from './results';
import { yearOfScans, type SeedRows } from './year-of-scans';

/**
 * With 5 instances × the largest catalog (313 controls) × a year of daily scans stored:
 * - the portal's first view (the initiative with its 12 metrics) from navigation, and its 14-day trend
 * - a recommendations filter applied (table and count painted)
 * - the popup's first render for the scanned instance's tab (scripts/bench/popup.ts)
 * - the database's size
 * The year is built from one real scan of the demo instance (scripts/bench/year-of-scans.ts) and written
 * into the extension's own IndexedDB; the portal and the popup then read it as they would after a year of use.
 */

const instances = 5;
const days = 365;

/** Writes rows straight into the extension's database (the schema Dexie created), in chunks of about a megabyte. */
async function seed(page: Page, rows: SeedRows): Promise<void> {
  for (const [store, values] of Object.entries(rows) as Array<[keyof SeedRows, unknown[]]>) {
    let chunk: unknown[] = [];
    let size = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await page.evaluate(
        ({ name, store: storeName, values: chunkValues }) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const database = request.result;
              const transaction = database.transaction(storeName, 'readwrite');
              for (const value of chunkValues) transaction.objectStore(storeName).put(value);
              transaction.oncomplete = () => {
                database.close();
                resolve();
              };
              transaction.onerror = () => reject(transaction.error);
            };
          }),
        { name: databaseName, store, values: chunk },
      );
      chunk = [];
      size = 0;
    };
    for (const value of values) {
      chunk.push(value);
      size += JSON.stringify(value).length;
      if (size > 1_000_000) await flush();
    }
    await flush();
  }
}

async function clearDatabase(page: Page): Promise<void> {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const transaction = database.transaction([...database.objectStoreNames], 'readwrite');
          for (const store of database.objectStoreNames) transaction.objectStore(store).clear();
          transaction.oncomplete = () => {
            database.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    databaseName,
  );
}

function folderSize(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce((sum, entry) => {
    const child = join(path, entry.name);
    return sum + (entry.isDirectory() ? folderSize(child) : statSync(child).size);
  }, 0);
}

/** The extension's IndexedDB folders in the profile (LevelDB plus the blob files of large values). */
function databaseBytesOnDisk(browser: ExtensionBrowser): number {
  const root = join(browser.userDataDir, 'Default', 'IndexedDB');
  return readdirSync(root)
    .filter((name) => name.startsWith(`chrome-extension_${browser.extensionId}_`))
    .reduce((sum, name) => sum + folderSize(join(root, name)), 0);
}

const firstSelectors = {
  firstView: '[data-testid^="metric-row-"]',
  trend: '.trend path.line[d^="M"]',
};

const portalLoad = (browser: ExtensionBrowser, hash: string) => firstPaints(browser, `portal.html${hash}`, firstSelectors);

/**
 * Changes a filter control the way a person does (its value, then the event React listens to) and times,
 * in the page, until the result count has changed and the next frame is painted.
 */
async function timeFilter(page: Page, control: Locator, value: string): Promise<number> {
  return control.evaluate(
    (element, next) =>
      new Promise<number>((resolve, reject) => {
        const count = document.querySelector('.result-count');
        if (!count) return reject(new Error('no result count'));
        const before = count.textContent;
        const observer = new MutationObserver(() => {
          if (count.textContent === before) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
        });
        observer.observe(count, { childList: true, subtree: true, characterData: true });
        const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        const start = performance.now();
        Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, next);
        element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
        setTimeout(() => reject(new Error(`the count did not change for ${next}`)), 5_000);
      }),
    value,
  );
}

export async function benchPortal(mode: BenchMode): Promise<Figure[]> {
  const results: Figure[] = [];
  const emulator = await startServiceNowEmulator({ port: 0 });
  const browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  try {
    const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
    const tab = await browser.context.newPage();
    await signInServiceNow(tab, acme, acme.admin);
    const popup = await connectAndScan(browser, await tabIdOf(browser, tab));
    const dump = await readDatabase(popup);
    const snapshot = snapshotSchema.parse(dump.snapshots[0]!.snapshot);
    const connector = connectorById(snapshot.instance.app)!;
    const rows = yearOfScans({ connector, snapshot, instances, days, keepEvidenceScans, exceptionsPerInstance: 20, now: new Date() });
    await clearDatabase(popup);
    await seed(popup, rows);
    const controls = connector.controls.length;
    const label = `${instances} × ${controls} controls × ${days} daily scans`;

    const usage = await popup.evaluate(async () => (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } });
    await popup.close();
    const estimate = usage.usageDetails?.indexedDB ?? usage.usage ?? 0;
    results.push({ id: 'database.estimate', label: `database, ${label} (storage estimate)`, value: round1(estimate / 1_048_576), unit: 'MB', budget: 'databaseSize' });
    results.push({ id: 'database.onDisk', label: 'database on disk (the IndexedDB folders)', value: round1(databaseBytesOnDisk(browser) / 1_048_576), unit: 'MB', budget: 'databaseSize' });

    const samples: Array<Record<string, number>> = [];
    for (let load = 0; load < mode.portalLoads; load++) {
      const { page, times } = await portalLoad(browser, '#/initiative');
      samples.push(times);
      await page.close();
    }
    const medianOf = (name: string) => round1(median(samples.map((times) => times[name]!)));
    const loads = samples.length;
    results.push({ id: 'portal.firstView', label: `portal first view: initiative, 12 metrics (median of ${loads})`, value: medianOf('firstView'), unit: 'ms', budget: 'portalFirstRender' });
    results.push({ id: 'portal.trend', label: `portal first view: 14-day trend drawn (median of ${loads})`, value: medianOf('trend'), unit: 'ms', budget: 'portalFirstRender' });
    for (const [mark, id, meaning] of [
      ['portal:query-start', 'queryStart', 'scripts run, database read starts'],
      ['portal:data-loaded', 'dataLoaded', 'data read'],
      ['portal:model-built', 'modelBuilt', 'initiative scored'],
    ] as const) {
      results.push({ id: `portal.firstView.${id}`, label: `  of which: ${meaning} (median)`, value: medianOf(mark), unit: 'ms' });
    }

    const { page } = await portalLoad(browser, '#/initiative');
    const yearDrawn = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === '1 year');
          if (!button || !document.querySelector('.trend figure')) return reject(new Error('no 1-year button or trend'));
          const observer = new MutationObserver(() => {
            if (!document.querySelector('.trend')?.textContent?.includes('last year')) return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
          });
          observer.observe(document.querySelector('.trend')!, { childList: true, subtree: true, characterData: true });
          const start = performance.now();
          button.click();
          setTimeout(() => reject(new Error('the 1-year trend did not appear')), 10_000);
        }),
    );
    results.push({ id: 'portal.yearTrend', label: `portal: 1-year trend drawn after its button (${instances} × ${days} scans read)`, value: round1(yearDrawn), unit: 'ms' });
    await page.goto(`chrome-extension://${browser.extensionId}/portal.html#/recommendations`);
    await page.locator('.result-count', { hasText: 'Showing' }).waitFor();
    // The control under the filter label that reads exactly `name` (a label's accessible name also holds the chosen option).
    const control = (name: string) => page.locator('.portal-filters label').filter({ has: page.getByText(name, { exact: true }) }).locator('select, input');
    const filters: Array<[string, Locator, string]> = [
      ['status: all', control('Status'), 'all'],
      ['instance', control('Instance'), rows.instances[2]!.key],
      ['instance: all', control('Instance'), 'all'],
      ['exception: active', control('Exception'), 'active'],
      ['exception: any', control('Exception'), 'all'],
      ['metric', control('Metric'), 'authentication'],
      ['severity', control('Severity'), 'high'],
      ['search', control('Search'), 'session'],
      ['search cleared', control('Search'), ''],
      ['metric: all', control('Metric'), 'all'],
    ];
    const filterTimes: number[] = [];
    for (const [name, field, value] of filters) {
      try {
        filterTimes.push(await timeFilter(page, field, value));
      } catch (error) {
        throw new Error(`filter ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const rowCount = await page.locator('.result-count').innerText();
    results.push({
      id: 'portal.filter',
      label: `portal: recommendation filter applied, slowest of ${filterTimes.length} (${rowCount.match(/of (\d+)/)?.[1]} rows)`,
      value: round1(Math.max(...filterTimes)),
      unit: 'ms',
      budget: 'portalFilter',
    });
    await page.close();

    results.push(...(await benchPopup(browser, await tabIdOf(browser, tab), label, mode)));
  } finally {
    await browser.close();
    await emulator.close();
  }
  return results;
}
