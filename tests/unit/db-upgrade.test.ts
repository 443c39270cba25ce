import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDatabase, type ExceptionRecord, type FindingRecord, type InstanceRecord, type ScanRecord } from '@/utils/db';
import { compactResult, packResults, readScoringFindings, resultsOf } from '@/utils/history';
import type { ScoredControl } from '@/utils/exceptions';

/**
 * Every schema version the extension has shipped, with records in the shapes that version wrote. Opening any
 * of them with today's `createDatabase` must keep every scan and exception and read them as before. A new
 * schema version adds its entry here (the last test fails until it does), and each upgrade function is tested
 * by the databases of the versions before it.
 */
const shippedSchemas: Array<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      instances: '&key, app',
      scans: '&id, instanceKey, [instanceKey+startedAt], status',
      findings: '&id, scanId, [scanId+status], [instanceKey+controlId]',
      snapshots: '&scanId',
      exceptions: '&id, instanceKey, [instanceKey+controlId]',
      settings: '&key',
    },
  },
];

const instanceKey = 'fake:tenant-1';
const instance: InstanceRecord = { key: instanceKey, app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test', connectedAt: '2025-01-01T00:00:00.000Z', includeInScore: true, lastGoodScanId: 'packed' };

const scanShape = (id: string, startedAt: string, extra: Partial<ScanRecord>): ScanRecord => ({
  id,
  instanceKey,
  app: 'fake',
  startedAt,
  finishedAt: startedAt,
  status: 'complete',
  progress: { done: 1, total: 1, label: 'Done' },
  ...extra,
});

const finding = (scanId: string, status: FindingRecord['status'], fraction: number): FindingRecord => ({
  id: `${scanId}:FAKE.PWD.1v1`,
  scanId,
  instanceKey,
  controlId: 'FAKE.PWD.1v1',
  status,
  weight: 10,
  metric: 'password-policy',
  severity: 'high',
  pointsAtStake: status === 'compliant' ? 0 : 7,
  verdict: { status, fraction, reason: 'minimum length', affected: [{ id: 'u1', name: 'User 1', kind: 'user' }], notes: [] },
});

/** The shapes scans took over time: findings only (the first scans), a plain results list (imports), packed results with highlights (today). */
const scans: ScanRecord[] = [
  scanShape('findings-only', '2025-02-01T00:00:00.000Z', {}),
  scanShape('plain-results', '2025-03-01T00:00:00.000Z', { results: [compactResult('FAKE.PWD.1v1', { status: 'partial', fraction: 0.5, actual: 10 })], importedAt: '2025-03-02T00:00:00.000Z' }),
  scanShape('evidence-dropped', '2025-04-01T00:00:00.000Z', { packedResults: packResults([compactResult('FAKE.PWD.1v1', { status: 'compliant', fraction: 1, actual: 14 })]), evidenceDroppedAt: '2025-06-01T00:00:00.000Z' }),
  scanShape('packed', '2025-05-01T00:00:00.000Z', {
    packedResults: packResults([compactResult('FAKE.PWD.1v1', { status: 'non_compliant', fraction: 0, actual: 8 })]),
    highlights: { top: [{ controlId: 'FAKE.PWD.1v1', title: 'Passwords', severity: 'high', pointsAtStake: 7, reason: 'minimum length' }], baselines: [] },
  }),
];
const findings = [finding('findings-only', 'non_compliant', 0), finding('packed', 'non_compliant', 0)];
const exceptions: ExceptionRecord[] = [
  { id: 'whole', instanceKey, controlId: 'FAKE.PWD.1v1', kind: 'risk_accepted', rationale: 'legacy app', owner: 'secops', createdAt: '2025-02-02T00:00:00.000Z' },
  { id: 'entities', instanceKey, controlId: 'FAKE.MFA.1v1', kind: 'third_party', rationale: 'IdP enforces it', owner: 'iam', createdAt: '2025-02-02T00:00:00.000Z', updatedAt: '2025-03-02T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', entityIds: ['u1'] },
];
const controls: ReadonlyMap<string, ScoredControl> = new Map([['FAKE.PWD.1v1', { weight: 10, metric: 'password-policy', severity: 'high' }]]);

describe('database upgrades', () => {
  it.each(shippedSchemas)('a database of schema version $version opens with every scan, finding, snapshot and exception kept', async ({ version, stores }) => {
    const options = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = `posture-lens-v${version}`;
    const old = new Dexie(name, options);
    old.version(version).stores(stores);
    await old.table('instances').put(instance);
    await old.table('scans').bulkPut(scans);
    await old.table('findings').bulkPut(findings);
    await old.table('snapshots').put({ scanId: 'packed', snapshot: { format: 'posture-lens/snapshot@1', instance: { app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'h' }, collectedAt: scans[3]!.startedAt, requestCount: 3, sources: {} } });
    await old.table('exceptions').bulkPut(exceptions);
    await old.table('settings').put({ key: 'targetScore', value: 85 });
    old.close();

    const db = createDatabase(name, options);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(version);
    expect(await db.instances.toArray()).toEqual([instance]);
    expect(await db.scans.toArray()).toEqual(expect.arrayContaining(scans));
    expect(await db.scans.count()).toBe(scans.length);
    expect(await db.findings.toArray()).toEqual(findings);
    expect(await db.snapshots.count()).toBe(1);
    expect(await db.exceptions.orderBy('id').toArray()).toEqual(exceptions.toSorted((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await db.settings.get('targetScore')).toEqual({ key: 'targetScore', value: 85 });

    // …and reads each shape as history and scoring do.
    const stored = scans.map((scan) => scan.id);
    const read = await Promise.all(stored.map(async (id) => (await db.scans.get(id))!));
    const results = await Promise.all(read.map((scan) => resultsOf(db, scan)));
    expect(results.map((list) => list.map((result) => result.s))).toEqual([['non_compliant'], ['partial'], ['compliant'], ['non_compliant']]);
    const scoring = await readScoringFindings(db, read, await db.exceptions.toArray(), controls);
    expect(scoring.map((entry) => `${entry.scanId} ${entry.verdict.status}`).sort()).toEqual([
      'evidence-dropped compliant',
      'findings-only non_compliant',
      'packed non_compliant',
      'plain-results partial',
    ]);
    db.close();
  });

  it('knows every schema version: a new version adds its stores and records above', () => {
    const db = createDatabase('posture-lens-versions', { indexedDB: new IDBFactory(), IDBKeyRange });
    expect(shippedSchemas.at(-1)!.version).toBe(db.verno);
    // Dexie writes a unique primary key as "&key" in a declaration and as "key" in its parsed schema.
    const declared = (src: string, unique: boolean) => (unique ? `&${src}` : src);
    const current = Object.fromEntries(
      db.tables.map((table) => [table.name, [declared(table.schema.primKey.src, Boolean(table.schema.primKey.unique)), ...table.schema.indexes.map((index) => index.src)].join(', ')]),
    );
    expect(current).toEqual(shippedSchemas.at(-1)!.stores);
  });
});
