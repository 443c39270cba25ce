import { afterEach, describe, expect, it, vi } from 'vitest';
import { findingsOf, type ExceptionRecord, type FindingRecord, type PostureDatabase, type ScanRecord } from '@/utils/db';
import { applyRetention, compactResult, compactResults, packResults, readScoringFindings, resultsOf } from '@/utils/history';
import { computeInitiative } from '@/utils/initiative';
import { instanceKeyOf, runScan } from '@/utils/scan';
import { verifyControl } from '@/utils/verify';
import { fakeConnector, fakeControls, fakeSession, freshDatabase, healthyApp, jsonResponse, waitFor } from './fakes/connector';

let db: PostureDatabase;
afterEach(() => db?.close());

const now = new Date('2026-03-10T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

function scanRow(id: string, instanceKey: string, age: number, status: ScanRecord['status'] = 'complete'): ScanRecord {
  return {
    id,
    instanceKey,
    app: 'fake',
    startedAt: daysAgo(age),
    status,
    progress: { done: 1, total: 1, label: 'Done' },
    packedResults: packResults([compactResult('FAKE.PWD.1v1', { status: 'compliant', fraction: 1, actual: age })]),
    highlights: { top: [{ controlId: 'FAKE.PWD.1v1', title: 'Passwords', severity: 'high', pointsAtStake: 3, reason: 'r' }], baselines: [] },
  };
}

const findingRow = (scanId: string, instanceKey: string): FindingRecord => ({
  id: `${scanId}:FAKE.PWD.1v1`,
  scanId,
  instanceKey,
  controlId: 'FAKE.PWD.1v1',
  status: 'compliant',
  weight: 10,
  metric: 'password-policy',
  severity: 'high',
  pointsAtStake: 0,
  verdict: { status: 'compliant', fraction: 1, reason: 'r', affected: [], notes: [] },
});

async function seed(instanceKey: string, scans: ScanRecord[], lastGoodScanId: string) {
  await db.instances.put({ key: instanceKey, app: 'fake', instanceId: instanceKey, name: instanceKey, host: 'h', connectedAt: daysAgo(900), includeInScore: true, lastGoodScanId, lastScanId: scans[0]!.id });
  await db.scans.bulkPut(scans);
  const good = scans.filter((scan) => scan.status !== 'failed');
  await db.findings.bulkPut(good.map((scan) => findingRow(scan.id, instanceKey)));
  await db.snapshots.bulkPut(good.map((scan) => ({ scanId: scan.id, snapshot: { format: 'x', instance: { app: 'fake', instanceId: instanceKey, name: 'n', host: 'h' }, collectedAt: scan.startedAt, requestCount: 1, sources: {} } as never })));
}

describe('retention in the database', () => {
  it('deletes old scans with their evidence and strips older scans to their results', async () => {
    db = freshDatabase();
    const a = [scanRow('a7', 'a', 1), scanRow('a6', 'a', 2), scanRow('a5', 'a', 3), scanRow('a4', 'a', 4), scanRow('a3', 'a', 5), scanRow('a2', 'a', 50, 'failed'), scanRow('a1', 'a', 100)];
    await seed('a', a, 'a7');
    // an instance not scanned for a long time keeps its only good scan, whole
    await seed('b', [scanRow('b1', 'b', 200)], 'b1');
    await db.settings.put({ key: 'targetScore', value: 80 });

    expect(await applyRetention(db, { retentionDays: 30, keepEvidenceScans: 3, now })).toEqual({ deletedScans: 2, droppedEvidence: 2 });

    expect((await db.scans.toCollection().primaryKeys()).sort()).toEqual(['a3', 'a4', 'a5', 'a6', 'a7', 'b1']);
    expect((await db.snapshots.toCollection().primaryKeys()).sort()).toEqual(['a5', 'a6', 'a7', 'b1']);
    expect((await db.findings.orderBy('scanId').uniqueKeys()).sort()).toEqual(['a5', 'a6', 'a7', 'b1']);
    const stripped = (await db.scans.get('a3'))!;
    expect(stripped.evidenceDroppedAt).toBe(now.toISOString());
    expect(stripped).not.toHaveProperty('highlights');
    expect((await db.scans.get('a5'))!.highlights?.top).toHaveLength(1);
    expect(await resultsOf(db, stripped)).toEqual([{ c: 'FAKE.PWD.1v1', s: 'compliant', f: 1, a: 5 }]);
    expect(await db.settings.get('targetScore')).toBeDefined();

    // a second run has nothing left to do
    expect(await applyRetention(db, { retentionDays: 30, keepEvidenceScans: 3, now })).toEqual({ deletedScans: 0, droppedEvidence: 0 });
  });
});

describe('a scan keeps its compact results', () => {
  const instanceKey = instanceKeyOf('fake', 'tenant-1');
  async function connect() {
    await db.instances.put({ key: instanceKey, app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test', connectedAt: daysAgo(1), includeInScore: true });
  }

  it('written with the scan, per control, and per-metric totals for the trend', async () => {
    db = freshDatabase();
    await connect();
    const { scan } = await runScan({ connector: fakeConnector(), session: fakeSession(healthyApp()), db, http: { sleep: async () => {} }, newId: () => 's1' });
    const stored = (await db.scans.get('s1'))!;
    expect(await resultsOf(db, stored)).toEqual([
      { c: 'FAKE.PWD.1v1', s: 'non_compliant', f: 0, a: 8 },
      { c: 'FAKE.MFA.1v1', s: 'partial', f: 0.7, a: '7 of 10' },
      { c: 'FAKE.PWD.2v1', s: 'compliant', f: 1 },
    ]);
    const passwords = scan.initiative!.metrics.find((metric) => metric.metric === 'password-policy')!;
    expect(passwords).toMatchObject({ lost: 10, max: 15 });
    // What the popup shows, from the scan record alone: failing controls by points at stake.
    expect(stored.highlights?.top.map((entry) => entry.controlId)).toEqual(['FAKE.PWD.1v1', 'FAKE.MFA.1v1']);
    expect(stored.highlights?.top[0]).toMatchObject({ title: expect.any(String), severity: 'high' });
  });

  it('follow a Verify', async () => {
    db = freshDatabase();
    await connect();
    const app = healthyApp();
    await runScan({ connector: fakeConnector(), session: fakeSession(app), db, http: { sleep: async () => {} }, newId: () => 's1' });
    app.answers['/passwords'] = () => jsonResponse({ minLength: 14 });
    const result = await verifyControl({ connector: fakeConnector(), session: fakeSession(app), db, controlId: 'FAKE.PWD.1v1', http: { sleep: async () => {} } });
    expect(result.ok).toBe(true);
    const results = await resultsOf(db, (await db.scans.get('s1'))!);
    expect(results.find((entry) => entry.c === 'FAKE.PWD.1v1')).toEqual({ c: 'FAKE.PWD.1v1', s: 'compliant', f: 1, a: 14 });
    expect(results).toHaveLength(3);
    expect((await db.scans.get('s1'))!.highlights?.top.map((entry) => entry.controlId)).toEqual(['FAKE.MFA.1v1']);
  });

  it('a scan of an instance disconnected meanwhile writes nothing', async () => {
    db = freshDatabase();
    await connect();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = healthyApp();
    const admins = app.answers['/admins']!;
    app.answers['/admins'] = async () => {
      await gate;
      return admins();
    };
    const running = runScan({ connector: fakeConnector(), session: fakeSession(app), db, http: { sleep: async () => {} }, newId: () => 's1' });
    await waitFor(async () => (await db.scans.count()) === 1, 'the scan row');
    await db.transaction('rw', [db.instances, db.scans], async () => {
      await db.scans.clear();
      await db.instances.clear();
    });
    release();
    const { scan } = await running;
    expect(scan.status).toBe('failed');
    expect(await db.scans.count()).toBe(0);
    expect(await findingsOf(db, 's1')).toEqual([]);
    expect(await db.snapshots.count()).toBe(0);
  });
});

describe('what the portal scores from', () => {
  const instanceKey = instanceKeyOf('fake', 'tenant-1');
  const controls = new Map(fakeControls.map((control) => [control.id, control]));
  const admins = [
    { id: 'u1', name: 'Ada Byron' },
    { id: 'u2', name: 'Alan Turing' },
  ];
  const stored = (scanId: string): FindingRecord[] => [
    { ...findingRow(scanId, instanceKey), status: 'non_compliant', verdict: { status: 'non_compliant', fraction: 0, reason: 'Passwords may be 8 characters long', actual: 8, affected: [], notes: [] } },
    {
      ...findingRow(scanId, instanceKey),
      id: `${scanId}:FAKE.MFA.1v1`,
      controlId: 'FAKE.MFA.1v1',
      metric: 'authentication',
      severity: 'critical',
      status: 'partial',
      verdict: { status: 'partial', fraction: 0.6, reason: '2 of 5 admins have no MFA', affected: admins, notes: [] },
    },
    { ...findingRow(scanId, instanceKey), id: `${scanId}:FAKE.PWD.2v1`, controlId: 'FAKE.PWD.2v1', weight: 5 },
  ];
  const scanWith = (id: string, findings: FindingRecord[], packed = true): ScanRecord => ({
    id,
    instanceKey,
    app: 'fake',
    startedAt: daysAgo(0),
    status: 'complete',
    progress: { done: 1, total: 1, label: 'Done' },
    ...(packed ? { packedResults: packResults(compactResults(findings)) } : {}),
  });
  const instance = { key: instanceKey, app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'h', connectedAt: daysAgo(1), includeInScore: true, lastGoodScanId: 's1' };
  const everyAdminExcepted: ExceptionRecord = {
    id: 'e1',
    instanceKey,
    controlId: 'FAKE.MFA.1v1',
    kind: 'alternate_mitigation',
    rationale: 'Hardware keys at the door',
    owner: 'ciso@example.test',
    createdAt: daysAgo(1),
    entityIds: ['u1', 'u2'],
  };
  const initiativeOf = (findings: ReadonlyArray<Parameters<typeof computeInitiative>[0]['findings'][number]>, exceptions: ExceptionRecord[] = []) =>
    computeInitiative({ instances: [instance], findings, exceptions, now });

  it('rebuilds the findings from the scan’s results, reading no finding, and scores them as the stored ones', async () => {
    db = freshDatabase();
    const findings = stored('s1');
    await db.findings.bulkPut(findings);
    const reads = vi.spyOn(db.findings, 'bulkGet');
    const rebuilt = await readScoringFindings(db, [scanWith('s1', findings)], [], controls);
    expect(reads).not.toHaveBeenCalled();
    expect(rebuilt.map((finding) => [finding.id, finding.verdict.status, finding.verdict.fraction, finding.weight])).toEqual([
      ['s1:FAKE.PWD.1v1', 'non_compliant', 0, 10],
      ['s1:FAKE.MFA.1v1', 'partial', 0.6, 10],
      ['s1:FAKE.PWD.2v1', 'compliant', 1, 5],
    ]);
    expect(initiativeOf(rebuilt)).toEqual(initiativeOf(findings));
    expect(initiativeOf(rebuilt).score).toBeLessThan(100);
  });

  it('reads the stored finding an entity-level exception needs, so excepting every affected admin counts', async () => {
    db = freshDatabase();
    const findings = stored('s1');
    await db.findings.bulkPut(findings);
    const rebuilt = await readScoringFindings(db, [scanWith('s1', findings)], [everyAdminExcepted], controls);
    expect(rebuilt.find((finding) => finding.controlId === 'FAKE.MFA.1v1')?.verdict.affected).toEqual(admins);
    expect(rebuilt.find((finding) => finding.controlId === 'FAKE.PWD.1v1')?.verdict.affected).toEqual([]);
    const excepted = initiativeOf(rebuilt, [everyAdminExcepted]);
    expect(excepted).toEqual(initiativeOf(findings, [everyAdminExcepted]));
    expect(excepted.score).toBeGreaterThan(initiativeOf(findings).score!);
  });

  it('reads the stored findings of a scan without results, or with a control the catalog no longer has', async () => {
    db = freshDatabase();
    const findings = stored('s1');
    const retired = stored('s2').map((finding) => (finding.controlId === 'FAKE.PWD.2v1' ? { ...finding, controlId: 'FAKE.OLD.1v1', id: 's2:FAKE.OLD.1v1' } : finding));
    await db.findings.bulkPut([...findings, ...retired]);
    const read = await readScoringFindings(db, [scanWith('s1', findings, false), scanWith('s2', retired)], [], controls);
    const reasons = (scanId: string, list: ReadonlyArray<{ scanId: string; verdict: { reason?: string } }>) => list.filter((finding) => finding.scanId === scanId).map((finding) => finding.verdict.reason).sort();
    expect(reasons('s1', read as FindingRecord[])).toEqual(reasons('s1', findings));
    expect(reasons('s2', read as FindingRecord[])).toEqual(reasons('s2', retired));
    expect(read.filter((finding) => finding.scanId === 's2').map((finding) => finding.controlId).sort()).toEqual(['FAKE.MFA.1v1', 'FAKE.OLD.1v1', 'FAKE.PWD.1v1']);
  });
});
