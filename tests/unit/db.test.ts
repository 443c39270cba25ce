import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, findingsOf, latestGoodScan, scansOf, type FindingRecord, type PostureDatabase, type ScanRecord } from '@/utils/db';

let db: PostureDatabase | undefined;
afterEach(() => db?.close());

const open = (factory = new IDBFactory(), name = 'posture-lens') => (db = createDatabase(name, { indexedDB: factory, IDBKeyRange }));

const scanRow = (id: string, instanceKey: string, startedAt: string, status: ScanRecord['status'] = 'complete'): ScanRecord => ({
  id,
  instanceKey,
  app: instanceKey.split(':')[0]!,
  startedAt,
  status,
  progress: { done: 1, total: 1, label: 'Done' },
});

const findingRow = (scanId: string, instanceKey: string, controlId: string, status: FindingRecord['status']): FindingRecord => ({
  id: `${scanId}:${controlId}`,
  scanId,
  instanceKey,
  controlId,
  status,
  weight: 5,
  metric: 'password-policy',
  severity: 'high',
  pointsAtStake: status === 'compliant' ? 0 : 5,
  verdict: { status, fraction: status === 'compliant' ? 1 : 0, reason: 'r', affected: [], notes: [] },
});

describe('database schema v1', () => {
  it('has the tables of the design, keyed as documented', async () => {
    const database = open();
    await database.open();
    expect(database.verno).toBe(1);
    expect(database.tables.map((t) => t.name).sort()).toEqual(['exceptions', 'findings', 'instances', 'scans', 'settings', 'snapshots']);
    expect(database.instances.schema.primKey.keyPath).toBe('key');
    expect(database.findings.schema.primKey.keyPath).toBe('id');
    expect(database.snapshots.schema.primKey.keyPath).toBe('scanId');
  });

  it('lists the scans of one instance newest first, without other instances', async () => {
    const database = open();
    await database.scans.bulkAdd([
      scanRow('a1', 'salesforce:A', '2026-01-01T00:00:00.000Z'),
      scanRow('b1', 'salesforce:B', '2026-01-05T00:00:00.000Z'),
      scanRow('a3', 'salesforce:A', '2026-01-03T00:00:00.000Z'),
      scanRow('a2', 'salesforce:A', '2026-01-02T00:00:00.000Z', 'failed'),
    ]);
    expect((await scansOf(database, 'salesforce:A').toArray()).map((s) => s.id)).toEqual(['a3', 'a2', 'a1']);
    expect((await scansOf(database, 'salesforce:B').toArray()).map((s) => s.id)).toEqual(['b1']);
    expect(await scansOf(database, 'salesforce:C').toArray()).toEqual([]);
  });

  it('finds the latest good scan through the instance, not the newest scan', async () => {
    const database = open();
    await database.scans.bulkAdd([
      scanRow('good', 'salesforce:A', '2026-01-01T00:00:00.000Z'),
      scanRow('bad', 'salesforce:A', '2026-01-02T00:00:00.000Z', 'failed'),
    ]);
    expect(await latestGoodScan(database, 'salesforce:A')).toBeUndefined();
    await database.instances.add({
      key: 'salesforce:A',
      app: 'salesforce',
      instanceId: 'A',
      name: 'A',
      host: 'a.my.salesforce.com',
      connectedAt: '2026-01-01T00:00:00.000Z',
      includeInScore: true,
      lastScanId: 'bad',
      lastGoodScanId: 'good',
    });
    expect((await latestGoodScan(database, 'salesforce:A'))?.id).toBe('good');
  });

  it('reads the findings of a scan and the history of a control', async () => {
    const database = open();
    await database.findings.bulkAdd([
      findingRow('s1', 'salesforce:A', 'SF.PWD.1v1', 'non_compliant'),
      findingRow('s1', 'salesforce:A', 'SF.MFA.1v1', 'compliant'),
      findingRow('s2', 'salesforce:A', 'SF.PWD.1v1', 'compliant'),
      findingRow('t1', 'salesforce:B', 'SF.PWD.1v1', 'error'),
    ]);
    expect((await findingsOf(database, 's1')).map((f) => f.controlId).sort()).toEqual(['SF.MFA.1v1', 'SF.PWD.1v1']);
    const history = await database.findings.where('[instanceKey+controlId]').equals(['salesforce:A', 'SF.PWD.1v1']).toArray();
    expect(history.map((f) => f.scanId).sort()).toEqual(['s1', 's2']);
    const failing = await database.findings.where('[scanId+status]').equals(['s1', 'non_compliant']).toArray();
    expect(failing.map((f) => f.controlId)).toEqual(['SF.PWD.1v1']);
  });

  it('keeps its data across restarts of the service worker (reopening)', async () => {
    const factory = new IDBFactory();
    const first = open(factory, 'persist');
    await first.settings.put({ key: 'targetScore', value: 80 });
    await first.exceptions.put({
      id: 'x1',
      instanceKey: 'salesforce:A',
      controlId: 'SF.PWD.1v1',
      kind: 'risk_accepted',
      rationale: 'Legacy integration',
      owner: 'ciso@example.com',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-07-01T00:00:00.000Z',
    });
    first.close();
    const second = open(factory, 'persist');
    expect(await second.settings.get('targetScore')).toEqual({ key: 'targetScore', value: 80 });
    expect(await second.exceptions.where('[instanceKey+controlId]').equals(['salesforce:A', 'SF.PWD.1v1']).count()).toBe(1);
  });
});
