import type { Page } from 'playwright-core';
import { databaseName } from '@/utils/db';
import { defaultConcurrency } from '@/utils/fetcher';
import { snapshotSchema, type Snapshot } from '@/utils/snapshot';
import { panFigures, timeGraphPanning, type PanTiming } from './apps-view';
import { connectAndScan, launchWithExtension, readDatabase, tabIdOf } from '../../tests/e2e/harness';
import type { RecordedRequest } from '../../tests/emulators/shared/request-log';
import type { BenchApp, BenchEmulator } from './apps';
import { criticalPathLength } from './critical-path';
import { timeEvaluation } from './evaluation';
import type { BenchMode } from './mode';
import { median, round2, type Figure } from './results';

/**
 * Per app, in Chromium through the production build against its emulator:
 * - its 50 000-user org is scanned, and the snapshot the scan stored is evaluated in this process against
 *   `JSON.parse` of the same bytes (scripts/bench/evaluation.ts); that scan's requests and critical path are
 *   reported too (no latency added: the emulator's own work over 50 000 users would blur a wall time);
 * - the demo org is rescanned with 150 ms added to every API request: the wall time from the click on "Scan now"
 *   to the results stored, against the critical path of the requests it made (scripts/bench/critical-path.ts),
 *   and the number of requests. The first scan after "Connect" is not timed: an admin's usual scan is a rescan.
 */

export const largeOrgUsers = 50_000;
const latencyMs = 150;

/**
 * Clicks "Scan now" in the popup and resolves with the milliseconds until the scan's results are stored: the
 * instance points at its new good scan in the transaction that writes them, polled every few milliseconds.
 */
async function timedScan(popup: Page, instanceKey: string): Promise<{ wallMs: number; clickedAt: number }> {
  return popup.evaluate(
    ({ name, key }) =>
      new Promise<{ wallMs: number; clickedAt: number }>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const first = database.transaction('instances', 'readonly').objectStore('instances').get(key);
          first.onerror = () => reject(first.error);
          first.onsuccess = () => {
            const before = first.result as { lastScanId?: string; lastGoodScanId?: string } | undefined;
            const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Scan now');
            if (!before || !button) return reject(new Error('no connected instance or no "Scan now" button'));
            const start = performance.now();
            // Wall-clock time, as the emulator logs its requests: performance.timeOrigin runs on another clock.
            const clickedAt = Date.now();
            button.click();
            const timeout = setTimeout(() => {
              clearInterval(timer);
              reject(new Error('the scan did not finish in 120 s'));
            }, 120_000);
            const timer = setInterval(() => {
              const transaction = database.transaction(['instances', 'scans'], 'readonly');
              const current = transaction.objectStore('instances').get(key);
              current.onsuccess = () => {
                const instance = current.result as { lastScanId?: string; lastGoodScanId?: string };
                if (instance.lastGoodScanId !== before.lastGoodScanId) {
                  const elapsed = performance.now() - start;
                  clearInterval(timer);
                  clearTimeout(timeout);
                  database.close();
                  return resolve({ wallMs: elapsed, clickedAt });
                }
                if (!instance.lastScanId || instance.lastScanId === before.lastScanId) return;
                const scan = transaction.objectStore('scans').get(instance.lastScanId);
                scan.onsuccess = () => {
                  if (scan.result?.status !== 'failed') return;
                  clearInterval(timer);
                  clearTimeout(timeout);
                  database.close();
                  reject(new Error(`the scan failed: ${scan.result.error?.message}`));
                };
              };
            }, 4);
          };
        };
      }),
    { name: databaseName, key: instanceKey },
  );
}

interface ScanTiming {
  wallMs: number;
  requests: number;
  chain: number;
  /** From the click to the first request reaching the emulator. */
  beforeFirstRequestMs: number;
  /** From the last answer sent to the results stored. */
  afterLastAnswerMs: number;
  /** Most requests the emulator held at once. */
  peakInFlight: number;
}

function peakInFlight(requests: readonly RecordedRequest[]): number {
  const events = requests.flatMap((request) => [
    { at: request.time, change: 1 },
    { at: request.answeredAt ?? Number.POSITIVE_INFINITY, change: -1 },
  ]);
  // An answer and a request at the same millisecond: the answer first, as a connection is reused after it.
  events.sort((a, b) => a.at - b.at || a.change - b.change);
  let current = 0;
  let peak = 0;
  for (const event of events) peak = Math.max(peak, (current += event.change));
  return peak;
}

/**
 * The latest scan's API requests as the emulator logged them (Connect's own check came before it), which must be
 * exactly those the scan record counts; and the database, which holds its snapshot.
 */
async function scanRequests(app: BenchApp, emulator: BenchEmulator, popup: Page, instanceKey: string) {
  const dump = await readDatabase(popup);
  const instance = dump.instances.find((candidate) => candidate.key === instanceKey)!;
  const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
  const api = emulator.requests.filter((request) => request.kind === 'api' && request.time >= Date.parse(scan.startedAt));
  if (scan.requestCount !== api.length) {
    throw new Error(`${app.id}: the emulator saw ${api.length} API requests, the scan counted ${scan.requestCount}`);
  }
  return { api, dump, scanId: scan.id as string };
}

const connectedInstanceKey = async (app: BenchApp, popup: Page) => (await readDatabase(popup)).instances.find((instance) => instance.app === app.id)!.key as string;

/** Rescans with latency added, `rounds` times. */
async function timedScans(app: BenchApp, emulator: BenchEmulator, popup: Page, rounds: number): Promise<ScanTiming[]> {
  const timings: ScanTiming[] = [];
  const instanceKey = await connectedInstanceKey(app, popup);
  emulator.addLatency(latencyMs);
  for (let round = 0; round < rounds; round++) {
    emulator.clearRequests();
    const { wallMs, clickedAt } = await timedScan(popup, instanceKey);
    const { api } = await scanRequests(app, emulator, popup, instanceKey);
    timings.push({
      wallMs,
      requests: api.length,
      chain: criticalPathLength(api, app.dependencies),
      beforeFirstRequestMs: Math.min(...api.map((request) => request.time)) - clickedAt,
      afterLastAnswerMs: clickedAt + wallMs - Math.max(...api.map((request) => request.answeredAt!)),
      peakInFlight: peakInFlight(api),
    });
  }
  return timings;
}

const orgLabel = (app: BenchApp, org: 'demo' | 'large') => `${app.connector.name} ${org === 'demo' ? 'demo org' : `${largeOrgUsers / 1000}k-user org`}`;

function timedScanFigures(app: BenchApp, timings: ScanTiming[]): Figure[] {
  const prefix = `scan.${app.id}`;
  const label = `${orgLabel(app, 'demo')} scan, +${latencyMs} ms a request`;
  const chain = Math.max(...timings.map((timing) => timing.chain));
  // With at most `concurrency` requests in flight, n requests take at least ⌈n / concurrency⌉ latencies too.
  const concurrency = app.connector.concurrency ?? defaultConcurrency;
  const requests = Math.max(...timings.map((timing) => timing.requests));
  const concurrencyBound = Math.max(chain, Math.ceil(requests / concurrency)) * latencyMs;
  const medianOf = (pick: (timing: ScanTiming) => number) => Math.round(median(timings.map(pick)));
  return [
    { id: `${prefix}.wall`, label: `${label}: wall time (median of ${timings.length})`, value: medianOf((timing) => timing.wallMs), unit: 'ms' },
    { id: `${prefix}.wall.beforeFirstRequest`, label: '  of which: click to first request (median)', value: medianOf((timing) => timing.beforeFirstRequestMs), unit: 'ms' },
    { id: `${prefix}.wall.afterLastAnswer`, label: '  of which: last answer to results stored (median)', value: medianOf((timing) => timing.afterLastAnswerMs), unit: 'ms' },
    { id: `${prefix}.requests`, label: `${label}: requests`, value: requests, unit: 'requests' },
    { id: `${prefix}.peakInFlight`, label: `${label}: most requests in flight at once`, value: Math.max(...timings.map((timing) => timing.peakInFlight)), unit: 'requests' },
    { id: `${prefix}.criticalPath`, label: `${label}: critical path (${chain} dependent requests × ${latencyMs} ms)`, value: chain * latencyMs, unit: 'ms' },
    {
      id: `${prefix}.concurrencyBound`,
      label: `${label}: lower bound at ${concurrency} in flight (the connector's limit)`,
      value: concurrencyBound,
      unit: 'ms',
    },
    {
      id: `${prefix}.ratio`,
      label: `${label}: wall time / critical path`,
      value: round2(median(timings.map((timing) => timing.wallMs / (timing.chain * latencyMs)))),
      unit: '×',
      budget: 'scanVsCriticalPath',
    },
  ];
}

async function largeOrg(app: BenchApp, mode: BenchMode): Promise<Figure[]> {
  const emulator = await app.start(largeOrgUsers);
  const browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  let scanned: { requests: number; chain: number; snapshot: Snapshot };
  let panning: PanTiming | undefined;
  try {
    const page = await browser.context.newPage();
    await emulator.signIn(page);
    const popup = await connectAndScan(browser, await tabIdOf(browser, page));
    const instanceKey = await connectedInstanceKey(app, popup);
    const { api, dump, scanId } = await scanRequests(app, emulator, popup, instanceKey);
    if (app.connector.accessInventory) panning = await timeGraphPanning(browser, instanceKey);
    scanned = {
      requests: api.length,
      chain: criticalPathLength(api, app.dependencies),
      snapshot: snapshotSchema.parse(dump.snapshots.find((row) => row.scanId === scanId)?.snapshot),
    };
  } finally {
    await browser.close();
    await emulator.close();
  }
  // Timed with the browser and the emulator gone, so that only this process runs here.
  const evaluation = timeEvaluation(app.connector, JSON.stringify(scanned.snapshot), mode.evaluationRounds);
  const prefix = `evaluation.${app.id}`;
  const label = `${orgLabel(app, 'large')} snapshot`;
  return [
    { id: `scan.${app.id}.large.requests`, label: `${orgLabel(app, 'large')} scan: requests`, value: scanned.requests, unit: 'requests' },
    { id: `scan.${app.id}.large.criticalPath`, label: `${orgLabel(app, 'large')} scan: dependent requests on its critical path`, value: scanned.chain, unit: 'requests' },
    { id: `${prefix}.snapshotSize`, label: `${label}: size`, value: round2(evaluation.bytes / 1_048_576), unit: 'MB' },
    { id: `${prefix}.parse`, label: `${label}: JSON.parse (median of ${mode.evaluationRounds})`, value: round2(evaluation.parseMs), unit: 'ms' },
    { id: `${prefix}.evaluate`, label: `${label}: evaluation (median of ${mode.evaluationRounds})`, value: round2(evaluation.evaluateMs), unit: 'ms' },
    { id: `${prefix}.ratio`, label: `${label}: evaluation / JSON.parse`, value: round2(evaluation.evaluateMs / evaluation.parseMs), unit: '×', budget: 'evaluationVsParse' },
    ...(panning ? panFigures(`appsView.${app.id}`, orgLabel(app, 'large'), panning) : []),
  ];
}

async function demoOrg(app: BenchApp, mode: BenchMode): Promise<Figure[]> {
  const emulator = await app.start();
  const browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  try {
    const page = await browser.context.newPage();
    await emulator.signIn(page);
    const popup = await connectAndScan(browser, await tabIdOf(browser, page));
    return timedScanFigures(app, await timedScans(app, emulator, popup, mode.scanRounds));
  } finally {
    await browser.close();
    await emulator.close();
  }
}

export async function benchScans(apps: readonly BenchApp[], mode: BenchMode): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const app of apps) {
    figures.push(...(await largeOrg(app, mode)));
    figures.push(...(await demoOrg(app, mode)));
  }
  return figures;
}
