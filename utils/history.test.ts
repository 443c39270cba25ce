import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { serviceNowConnector } from '@/connectors/servicenow';
import { scanTime, serviceNowSourceResults } from '@/connectors/servicenow/fixtures/payloads';
import type { VerdictStatus } from './controls';
import { evaluateSnapshot } from './evaluate';
import {
  actualLimit,
  compactResult,
  compactResults,
  packResults,
  resultReader,
  retentionPlan,
  scanResults,
  unpackResults,
  type CompactResult,
  type ScanRef,
} from './history';
import { snapshotFormat } from './snapshot';

describe('compact results', () => {
  it('keep the control, status, fraction and actual value in single-letter keys', () => {
    expect(compactResult('SF.PWD.1v1', { status: 'non_compliant', fraction: 0, actual: 8 })).toEqual({ c: 'SF.PWD.1v1', s: 'non_compliant', f: 0, a: 8 });
    expect(compactResult('SF.X.1v1', { status: 'compliant', fraction: 1, actual: true })).toEqual({ c: 'SF.X.1v1', s: 'compliant', f: 1, a: true });
  });

  it('leave out an absent or null actual and round the fraction to 4 digits', () => {
    expect(compactResult('A.B.1v1', { status: 'partial', fraction: 2 / 3 })).toEqual({ c: 'A.B.1v1', s: 'partial', f: 0.6667 });
    expect('a' in compactResult('A.B.1v1', { status: 'unknown', fraction: 0, actual: null })).toBe(false);
  });

  it(`cut long actual values at ${actualLimit} characters`, () => {
    const long = 'x'.repeat(500);
    const result = compactResult('A.B.1v1', { status: 'non_compliant', fraction: 0, actual: long });
    expect(result.a).toHaveLength(actualLimit);
    expect(String(result.a).endsWith('…')).toBe(true);
    expect(compactResult('A.B.1v1', { status: 'non_compliant', fraction: 0, actual: 'x'.repeat(actualLimit) }).a).toHaveLength(actualLimit);
  });

  it('are built from findings in their order', () => {
    expect(compactResults([
      { controlId: 'B', verdict: { status: 'error', fraction: 0 } },
      { controlId: 'A', verdict: { status: 'compliant', fraction: 1, actual: 'on' } },
    ])).toEqual([{ c: 'B', s: 'error', f: 0 }, { c: 'A', s: 'compliant', f: 1, a: 'on' }]);
  });
});

describe('packed results', () => {
  const results: CompactResult[] = [
    { c: 'SN.HARD.9v1', s: 'compliant', f: 1, a: 'not set; ServiceNow applies the default true' },
    { c: 'SN.HARD.10v1', s: 'non_compliant', f: 0, a: 'not set; ServiceNow applies the default false' },
    { c: 'SN.HARD.11v1', s: 'partial', f: 0.6667, a: 15 },
    { c: 'SN.HARD.12v1', s: 'compliant', f: 1, a: 'not set; ServiceNow applies the default true' },
    { c: 'SN.PRIV.1v1', s: 'unknown', f: 0 },
    { c: 'SN.PRIV.1v2', s: 'not_applicable', f: 0, a: false },
    { c: 'X', s: 'error', f: 0, a: 'false' },
  ];

  it('round-trip exactly, keeping the order and the type of each actual value', () => {
    expect(unpackResults(packResults(results))).toEqual(results);
    expect(unpackResults(packResults([]))).toEqual([]);
  });

  it('store each distinct value once, ids front-coded and statuses as letters', () => {
    const packed = packResults(results);
    // strings sorted and front-coded: 'false', then two sentences sharing 40 characters, then the rest
    expect(packed.a).toEqual(['!false', '!not set; ServiceNow applies the default false', 'Itrue', 15, false]);
    expect(packed.s).toBe('cnpcuae');
    expect(packed.f).toEqual([0.6667]);
    expect(packed.c.split(' ').slice(0, 3)).toEqual(['!SN.HARD.9v1', ')10v1', '*1v1']);
  });

  it('give nothing rather than wrong results when damaged', () => {
    const packed = packResults(results);
    expect(unpackResults({ ...packed, s: packed.s.slice(1) })).toEqual([]);
    expect(unpackResults({ ...packed, f: [] })).toEqual([]);
    expect(unpackResults({ ...packed, s: 'x'.repeat(packed.n) })).toEqual([]);
  });

  it('are read from whichever form a scan has', () => {
    expect(scanResults({ packedResults: packResults(results) })).toEqual(results);
    expect(scanResults({ results })).toEqual(results);
    expect(scanResults({})).toBeUndefined();
  });

  it('give one control’s status and fraction without unpacking, as unpacking would', () => {
    const read = resultReader();
    const packed = { packedResults: packResults(results) };
    for (const result of results) {
      expect(read(packed, result.c)).toEqual({ s: result.s, f: result.f });
      expect(read({ results }, result.c)).toMatchObject({ s: result.s, f: result.f });
    }
    // a second scan with other statuses, sharing the id column
    const later = { packedResults: packResults(results.map((result) => ({ ...result, s: 'partial' as const, f: 0.25 }))) };
    expect(read(later, 'SN.PRIV.1v1')).toEqual({ s: 'partial', f: 0.25 });
    expect(read(packed, 'SN.HARD.404v1')).toBeUndefined();
    expect(read({}, 'SN.HARD.9v1')).toBeUndefined();
    expect(read({ packedResults: { ...packed.packedResults, s: packed.packedResults.s.slice(1) } }, 'SN.HARD.9v1')).toBeUndefined();
    expect(read({ packedResults: { ...packed.packedResults, f: [] } }, 'SN.HARD.11v1')).toBeUndefined();
  });
});

describe('the storage budget of a year of history', () => {
  /** The ServiceNow demo instance's real results (every control of its catalog, sentences as actual values). */
  const evaluation = evaluateSnapshot(serviceNowConnector, {
    format: snapshotFormat,
    instance: { app: 'servicenow', instanceId: 'acme', name: 'Acme', host: 'acme.service-now.com' },
    collectedAt: scanTime,
    requestCount: 15,
    sources: serviceNowSourceResults(),
  });
  const real = compactResults(evaluation.findings);

  /** Five instances, a year of daily scans, each day a few controls drifting. */
  function yearOfScans(): CompactResult[][] {
    const scans: CompactResult[][] = [];
    const flip: Record<VerdictStatus, VerdictStatus> = { compliant: 'non_compliant', non_compliant: 'compliant', partial: 'compliant', not_applicable: 'not_applicable', error: 'unknown', unknown: 'error' };
    for (let instance = 0; instance < 5; instance++) {
      for (let day = 0; day < 365; day++) {
        scans.push(
          real.map((result, index) =>
            (index * 31 + day * 7 + instance) % 97 === 0 ? { ...result, s: flip[result.s], f: result.s === 'compliant' ? 0 : 1, a: `${String(result.a ?? '')} (day ${day})` } : result,
          ),
        );
      }
    }
    return scans;
  }

  it(`5 instances × 365 daily scans × ${serviceNowConnector.controls.length} controls stay far under 50 MB`, () => {
    expect(real.length).toBeGreaterThan(300);
    expect(real).toHaveLength(serviceNowConnector.controls.length);
    const scans = yearOfScans();
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    // IndexedDB stores values with the structured-clone (V8) serializer: Node's v8.serialize is that format.
    const packed = scans.reduce((sum, results) => sum + serialize(packResults(results)).byteLength, 0);
    const plain = scans.reduce((sum, results) => sum + serialize(results).byteLength, 0);
    console.info(`a year of history, 5 × 365 × ${real.length} controls: ${mb(packed)} MB packed (${mb(plain)} MB as one object per control)`);
    expect(scans).toHaveLength(1825);
    expect(packed).toBeLessThan(10 * 1024 * 1024);
    // what the packing is for: the plain form alone would take the whole budget
    expect(plain).toBeGreaterThan(3 * packed);
    expect(unpackResults(packResults(scans[100]!))).toEqual(scans[100]);
  });
});

describe('the retention plan', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const ref = (id: string, instanceKey: string, age: number, status: ScanRef['status'] = 'complete', hasEvidence = true): ScanRef => ({
    id,
    instanceKey,
    startedAt: daysAgo(age),
    status,
    hasEvidence,
  });

  it('deletes scans older than the retention, but keeps each instance’s newest good and newest scan', () => {
    const scans = [ref('a-old', 'a', 500), ref('a-good', 'a', 450), ref('a-last', 'a', 420, 'failed'), ref('b-old', 'b', 401), ref('b-new', 'b', 1), ref('c-orphan', 'c', 900)];
    const plan = retentionPlan(
      scans,
      [
        { key: 'a', lastGoodScanId: 'a-good', lastScanId: 'a-last' },
        { key: 'b', lastGoodScanId: 'b-new', lastScanId: 'b-new' },
      ],
      { retentionDays: 400, keepEvidenceScans: 10, now },
    );
    expect(plan.deleteScans.sort()).toEqual(['a-old', 'b-old', 'c-orphan']);
    expect(plan.dropEvidence).toEqual([]);
  });

  it('keeps a scan exactly at the retention limit and never deletes a running one', () => {
    const plan = retentionPlan([ref('edge', 'a', 30), ref('over', 'a', 30.0001), ref('running', 'a', 31, 'running')], [], {
      retentionDays: 30,
      keepEvidenceScans: 10,
      now,
    });
    expect(plan.deleteScans).toEqual(['over']);
  });

  it('drops the evidence of good scans beyond the newest N per instance, never the newest good one', () => {
    const scans = [
      ref('a5', 'a', 1, 'failed', false),
      ref('a4', 'a', 2),
      ref('a3', 'a', 3, 'partial'),
      ref('a2', 'a', 4),
      ref('a1', 'a', 5),
      ref('a0', 'a', 6, 'complete', false),
      ref('b2', 'b', 1),
      ref('b1', 'b', 2),
    ];
    const plan = retentionPlan(scans, [{ key: 'a', lastGoodScanId: 'a4' }, { key: 'b', lastGoodScanId: 'b2' }], { retentionDays: 400, keepEvidenceScans: 2, now });
    // a0 has no evidence left to drop
    expect(plan.dropEvidence.sort()).toEqual(['a1', 'a2']);
    expect(plan.deleteScans).toEqual([]);
    // a newest good scan that fell out of the N (imports can do that) keeps its evidence
    const pinned = retentionPlan(scans, [{ key: 'a', lastGoodScanId: 'a1' }], { retentionDays: 400, keepEvidenceScans: 1, now });
    expect(pinned.dropEvidence.sort()).toEqual(['a2', 'a3', 'b1']);
  });
});
