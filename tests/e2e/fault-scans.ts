import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Connector } from '@/utils/connector';
import type { RecordedRequest } from '../emulators/shared/request-log';
import { readDatabase, type DatabaseDump } from './harness';

/**
 * What the fault tests of every app share: scan again from the popup of a connected instance, then check
 * what the admin sees and what was stored against the last good scan.
 */
export interface ScanView {
  dump: DatabaseDump;
  instance: Record<string, any>;
  scan: Record<string, any>;
  /** The findings of `scan`, by control id. */
  findings: Map<string, Record<string, any>>;
}

export interface GoodScan {
  id: string;
  score: number;
  /** Requests the scan made (retries included). */
  requestCount: number;
  /** Control id → verdict status, as stored. */
  statuses: Map<string, string>;
}

export function faultScans(popup: Page, connector: Connector, host: string) {
  async function view(scanId?: string): Promise<ScanView> {
    const dump = await readDatabase(popup);
    const instance = dump.instances.find((candidate) => candidate.host === host)!;
    const id = scanId ?? instance.lastScanId;
    const scan = dump.scans.find((candidate) => candidate.id === id)!;
    const findings = new Map(dump.findings.filter((finding) => finding.scanId === id).map((finding) => [finding.controlId as string, finding]));
    return { dump, instance, scan, findings };
  }

  /** The instance's last good scan, as the next fault must leave it. */
  async function goodScan(): Promise<GoodScan> {
    const { instance } = await view();
    const good = await view(instance.lastGoodScanId);
    expect(good.findings.size).toBe(connector.controls.length);
    return {
      id: good.scan.id,
      score: Math.round(good.scan.score.percent),
      requestCount: good.scan.requestCount,
      statuses: new Map([...good.findings].map(([id, finding]) => [id, finding.status])),
    };
  }

  /** "Scan now" in the popup, then the scan once it is no longer running. */
  async function scanAgain(): Promise<ScanView> {
    const before = (await view()).instance.lastScanId;
    await popup.getByRole('button', { name: 'Scan now' }).click();
    await expect.poll(async () => (await view()).instance.lastScanId, { timeout: 20_000 }).not.toBe(before);
    await expect.poll(async () => (await view()).scan.status, { timeout: 90_000, interval: 250 }).not.toBe('running');
    const done = await view();
    return done;
  }

  /** A failed scan: the popup says what happened and what to do, and the last good scan is exactly as it was. */
  async function expectFailed(result: ScanView, good: GoodScan, message: { title: string; text: RegExp }): Promise<void> {
    expect(result.scan.status, JSON.stringify(result.scan.error)).toBe('failed');
    expect(result.scan.error.message).toMatch(message.text);
    expect(result.findings.size).toBe(0);
    const banner = popup.getByRole('alert').filter({ hasText: 'The last scan failed.' });
    await expect.poll(() => banner.innerText()).toContain(message.title);
    expect(await banner.innerText()).toMatch(message.text);
    expect(result.instance.lastGoodScanId).toBe(good.id);
    const kept = await view(good.id);
    expect(new Map([...kept.findings].map(([id, finding]) => [id, finding.status]))).toEqual(good.statuses);
    await expect.poll(async () => Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0])).toBe(good.score);
  }

  /**
   * A partial scan: the sources named failed with a reason, every control reading them is error/unknown with
   * that reason (never a pass), the rest is scored, and the popup says some checks could not run. `fallback`:
   * the note of a control that another source can decide alone (Salesforce's Health Check); such a control may
   * be decided, but only with that note, naming the reason.
   */
  async function expectPartial(result: ScanView, failedSources: Record<string, RegExp>, fallback?: RegExp): Promise<void> {
    expect(result.scan.status, JSON.stringify(result.scan.sourceErrors)).toBe('partial');
    const errors = new Map<string, string>(result.scan.sourceErrors.map((error: { source: string; message: string }) => [error.source, error.message]));
    for (const [source, reason] of Object.entries(failedSources)) {
      expect(errors.get(source), `the error of ${source}`).toMatch(reason);
      const readers = connector.controls.filter((control) => control.sources.includes(source));
      expect(readers.length, `controls reading ${source}`).toBeGreaterThan(0);
      for (const control of readers) {
        const finding = result.findings.get(control.id)!;
        const note = fallback && (finding.verdict.notes as string[]).find((candidate) => fallback.test(candidate));
        if (note) {
          expect(note, `${control.id} was decided from another source`).toMatch(reason);
          continue;
        }
        expect(['error', 'unknown'], `${control.id} must not be decided without ${source}`).toContain(finding.status);
        expect(finding.verdict.reason).toMatch(reason);
      }
    }
    expect([...errors.keys()].sort()).toEqual(Object.keys(failedSources).sort());
    const decided = [...result.findings.values()].filter((finding) => !['error', 'unknown', 'not_applicable'].includes(finding.status));
    expect(decided.length).toBeGreaterThan(0);
    expect(result.scan.score.percent).not.toBeNull();
    expect(result.instance.lastGoodScanId).toBe(result.scan.id);
    await expect.poll(() => popup.getByText('Some checks could not run').isVisible()).toBe(true);
  }

  /** A complete scan whose verdicts are those of the last good scan: the fault changed nothing the admin sees. */
  async function expectSameAsGood(result: ScanView, good: GoodScan): Promise<void> {
    expect(result.scan.status, JSON.stringify(result.scan.sourceErrors ?? result.scan.error)).toBe('complete');
    expect(result.instance.lastGoodScanId).toBe(result.scan.id);
    expect(new Map([...result.findings].map(([id, finding]) => [id, finding.status]))).toEqual(good.statuses);
    expect(Math.round(result.scan.score.percent)).toBe(good.score);
  }

  return { view, goodScan, scanAgain, expectFailed, expectPartial, expectSameAsGood };
}

/** Requests a fault answered, then the same path answered normally: the client retried. */
export function expectRetried(requests: RecordedRequest[], kind: string, since: number): void {
  const faulted = requests.filter((request) => request.time >= since && request.faults?.includes(kind));
  expect(faulted.length, `requests answered with ${kind}`).toBeGreaterThan(0);
  for (const request of faulted) {
    const same = (candidate: RecordedRequest) => candidate.path === request.path && JSON.stringify(candidate.query) === JSON.stringify(request.query);
    const retry = requests.find((candidate) => candidate.time >= request.time && candidate !== request && same(candidate) && candidate.status === 200);
    expect(retry, `a retry of ${request.path} after ${kind}`).toBeDefined();
  }
}
