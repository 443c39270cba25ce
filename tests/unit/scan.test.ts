import { afterEach, describe, expect, it, vi } from 'vitest';
import { findingsOf, latestGoodScan, type PostureDatabase } from '@/utils/db';
import { ScanError } from '@/utils/errors';
import { instanceKeyOf, runScan } from '@/utils/scan';
import {
  dumpDatabase,
  fakeConnector,
  fakeSession,
  freshDatabase,
  healthyApp,
  jsonResponse,
  waitFor,
  type FakeApp,
} from './fakes/connector';

const instanceKey = instanceKeyOf('fake', 'tenant-1');
let db: PostureDatabase;

async function connectInstance(database: PostureDatabase) {
  await database.instances.put({
    key: instanceKey,
    app: 'fake',
    instanceId: 'tenant-1',
    name: 'Tenant One',
    host: 'tenant-1.fake.test',
    connectedAt: '2026-01-01T00:00:00.000Z',
    includeInScore: true,
  });
}

let ids = 0;
function scan(app: FakeApp, overrides: Partial<Parameters<typeof runScan>[0]> = {}) {
  return runScan({
    connector: fakeConnector(),
    session: fakeSession(app),
    db,
    http: { sleep: async () => {}, timeoutMs: 1000 },
    newId: () => `scan-${++ids}`,
    ...overrides,
  });
}

afterEach(() => {
  db?.close();
  vi.restoreAllMocks();
});

describe('a successful scan', () => {
  it('stores the scan, its score, its findings and its snapshot, and points the instance at it', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const { scan: result } = await scan(healthyApp());

    expect(result.status).toBe('complete');
    // 0 of 10 + 7 of 10 (partial credit) + 5 of 5 = 12 of 25
    expect(result.score).toMatchObject({ achieved: 12, max: 25, percent: 48, coverageGaps: 0 });
    expect(result.score?.counts).toMatchObject({ compliant: 1, non_compliant: 1, partial: 1 });
    expect(result.requestCount).toBe(2);
    expect(result.progress).toEqual({ done: 2, total: 2, label: 'Done' });

    const stored = await db.scans.get(result.id);
    expect(stored).toEqual(result);
    const instance = await db.instances.get(instanceKey);
    expect(instance?.lastScanId).toBe(result.id);
    expect(instance?.lastGoodScanId).toBe(result.id);
    expect((await latestGoodScan(db, instanceKey))?.id).toBe(result.id);

    const findings = await findingsOf(db, result.id);
    expect(findings.map((f) => f.controlId).sort()).toEqual(['FAKE.MFA.1v1', 'FAKE.PWD.1v1', 'FAKE.PWD.2v1']);
    const mfa = findings.find((f) => f.controlId === 'FAKE.MFA.1v1')!;
    expect(mfa).toMatchObject({
      id: `${result.id}:FAKE.MFA.1v1`,
      instanceKey,
      status: 'partial',
      weight: 10,
      metric: 'authentication',
      severity: 'critical',
      pointsAtStake: 3,
    });
    expect(mfa.verdict.fraction).toBe(0.7);
    expect(mfa.verdict.actual).toBe('7 of 10');

    const snapshot = await db.snapshots.get(result.id);
    expect(snapshot?.snapshot.instance).toEqual({ app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test' });
    expect(snapshot?.snapshot.sources.passwords).toEqual({ ok: true, data: { minLength: 8 }, truncated: false });
    expect(snapshot?.snapshot.requestCount).toBe(2);
  });

  it('records the initiative with the metric values of the findings', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const { scan: result } = await scan(healthyApp());
    const metric = (id: string) => result.initiative?.metrics.find((m) => m.metric === id);
    expect(metric('password-policy')?.value).toBeCloseTo(10 / 15, 4);
    expect(metric('authentication')?.value).toBe(0.3);
    // default weights password policy 6, authentication 10: S = (6·⅓ + 10·0.7) / 16
    expect(result.initiative?.score).toBeCloseTo(56.25, 0);
  });

  it('writes progress to the scan row while it runs, and no findings until the end', async () => {
    db = freshDatabase();
    await connectInstance(db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = healthyApp();
    const admins = app.answers['/admins']!;
    app.answers['/admins'] = async () => {
      await gate;
      return admins();
    };
    const running = scan(app);

    const during = await waitFor(async () => {
      const rows = await db.scans.toArray();
      return rows[0]?.progress.label === 'Reading admins' ? rows[0] : undefined;
    }, 'progress of the second source');
    expect(during.status).toBe('running');
    expect(during.progress).toEqual({ done: 1, total: 2, label: 'Reading admins' });
    expect(await db.findings.count()).toBe(0);
    expect(await db.snapshots.count()).toBe(0);
    expect((await db.instances.get(instanceKey))?.lastScanId).toBe(during.id);
    expect((await db.instances.get(instanceKey))?.lastGoodScanId).toBeUndefined();

    release();
    const { scan: result } = await running;
    expect(result.status).toBe('complete');
    expect(await db.findings.count()).toBe(3);
  });

  it('is partial when some sources could not be read, and says why', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const app = healthyApp();
    app.answers['/admins'] = () => jsonResponse({ error: 'no' }, 403);
    const { scan: result } = await scan(app);
    expect(result.status).toBe('partial');
    expect(result.sourceErrors).toEqual([{ source: 'admins', message: 'Not found (403).' }]);
    expect(result.error?.message).toBe('Not found (403).');
    // only the password control had data
    expect(result.score).toMatchObject({ achieved: 0, max: 10, percent: 0, coverageGaps: 2 });
    const findings = await findingsOf(db, result.id);
    expect(findings.find((f) => f.controlId === 'FAKE.MFA.1v1')?.status).toBe('error');
    expect(findings.find((f) => f.controlId === 'FAKE.MFA.1v1')?.verdict.reason).toContain('Not found (403).');
    expect((await db.instances.get(instanceKey))?.lastGoodScanId).toBe(result.id);
  });
});

describe('a failed scan', () => {
  async function goodScanThenFailure(failing: Parameters<typeof scan>) {
    db = freshDatabase();
    await connectInstance(db);
    const { scan: good } = await scan(healthyApp());
    const goodFindings = await findingsOf(db, good.id);
    const goodSnapshot = await db.snapshots.get(good.id);
    const { scan: failed } = await scan(...failing);
    return { good, goodFindings, goodSnapshot, failed };
  }

  async function expectPreviousGoodScanUntouched(context: Awaited<ReturnType<typeof goodScanThenFailure>>) {
    const { good, goodFindings, goodSnapshot, failed } = context;
    const instance = await db.instances.get(instanceKey);
    expect(instance?.lastGoodScanId).toBe(good.id);
    expect(instance?.lastScanId).toBe(failed.id);
    expect((await latestGoodScan(db, instanceKey))?.score).toEqual(good.score);
    expect(await findingsOf(db, good.id)).toEqual(goodFindings);
    expect(await db.snapshots.get(good.id)).toEqual(goodSnapshot);
    expect(await findingsOf(db, failed.id)).toEqual([]);
    expect(await db.snapshots.get(failed.id)).toBeUndefined();
    expect(await db.scans.get(good.id)).toEqual(good);
  }

  it('an expired session fails the scan and keeps the last good scan and its findings', async () => {
    const app = healthyApp();
    app.answers['/admins'] = () => jsonResponse([{ errorCode: 'INVALID_SESSION_ID' }], 401);
    const context = await goodScanThenFailure([app]);
    expect(context.failed.status).toBe('failed');
    expect(context.failed.error).toMatchObject({ kind: 'session_expired', message: 'Your session expired. Reload and scan again.' });
    expect(context.failed.finishedAt).toBeDefined();
    expect(await db.scans.get(context.failed.id)).toMatchObject({ status: 'failed', error: { kind: 'session_expired' } });
    await expectPreviousGoodScanUntouched(context);
  });

  it('fails when nothing could be read, with the first reason', async () => {
    const app: FakeApp = { answers: { '/passwords': () => jsonResponse({}, 404), '/admins': () => jsonResponse({}, 404) } };
    const context = await goodScanThenFailure([app]);
    expect(context.failed.status).toBe('failed');
    expect(context.failed.error).toMatchObject({ kind: 'not_found', message: 'Not found (404).' });
    await expectPreviousGoodScanUntouched(context);
  });

  it('fails when every source was refused, though the parser derives the scan time from the scan itself', async () => {
    const refused: FakeApp = { answers: { '/passwords': () => jsonResponse({}, 403), '/admins': () => jsonResponse({}, 403) } };
    const plain = fakeConnector();
    const deriving = fakeConnector({ parse: (raw, collectedAt) => ({ ...plain.parse(raw, collectedAt), scanTime: { ok: true, value: collectedAt, truncated: false } }) });
    const context = await goodScanThenFailure([refused, { connector: deriving }]);
    expect(context.failed.status).toBe('failed');
    expect(context.failed.error).toMatchObject({ kind: 'not_found', message: 'Not found (403).' });
    await expectPreviousGoodScanUntouched(context);
  });

  it('fails cleanly when evaluation itself breaks, instead of staying "running"', async () => {
    const broken = fakeConnector({
      parse: () => {
        throw new Error('parser exploded');
      },
    });
    const context = await goodScanThenFailure([healthyApp(), { connector: broken }]);
    expect(context.failed.status).toBe('failed');
    expect(context.failed.error?.message).toContain('parser exploded');
    expect((await db.scans.get(context.failed.id))?.status).toBe('failed');
    await expectPreviousGoodScanUntouched(context);
  });

  it('writes nothing of a scan whose final transaction fails, and marks it failed', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const { scan: good } = await scan(healthyApp());
    const goodFindings = await findingsOf(db, good.id);
    vi.spyOn(db.snapshots, 'put').mockRejectedValueOnce(new ScanError({ kind: 'malformed', message: 'The disk is full.' }));
    const { scan: failed } = await scan(healthyApp());
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain('The disk is full.');
    expect((await db.scans.get(failed.id))?.status).toBe('failed');
    expect(await findingsOf(db, failed.id)).toEqual([]);
    expect(await findingsOf(db, good.id)).toEqual(goodFindings);
    expect((await db.instances.get(instanceKey))?.lastGoodScanId).toBe(good.id);
  });

  it('a scan that exceeds its request budget fails with a budget error, never more requests', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const app = healthyApp();
    const session = fakeSession(app);
    const greedy = fakeConnector({
      requestBudget: 3,
      async collect({ http }) {
        for (let index = 0; index < 10; index++) await http.request({ method: 'GET', url: '/passwords', label: `page ${index}` });
        return {};
      },
    });
    const { scan: failed } = await scan(app, { connector: greedy, session });
    expect(failed.status).toBe('failed');
    expect(failed.error?.kind).toBe('request_budget');
    expect(session.sent).toHaveLength(3);
    expect(failed.requestCount).toBe(3);
  });
});

describe('secrets', () => {
  it('a session credential never reaches the database', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const secret = 'tenant-1!SECRET-SESSION-TOKEN-42';
    const app = healthyApp();
    const session = fakeSession(app);
    const send = session.send;
    // the credential lives in the session's closure, as a real connector's does
    session.send = (request, signal) => send({ ...request, headers: { Authorization: `Bearer ${secret}` } }, signal);
    await scan(app, { session });
    app.answers['/admins'] = () => jsonResponse({}, 401);
    await scan(app, { session });
    const dump = await dumpDatabase(db);
    expect(dump).toContain('tenant-1');
    expect(dump).not.toContain('SECRET-SESSION-TOKEN');
  });
});

describe('scan progress', () => {
  it('writes the newest progress, one write at a time, so that the final write never waits behind a queue of steps', async () => {
    db = freshDatabase();
    await connectInstance(db);
    const connector = fakeConnector();
    const steps = 200;
    const seen: string[] = [];
    let writes = 0;
    const update = db.scans.update.bind(db.scans);
    vi.spyOn(db.scans, 'update').mockImplementation((key, changes) => {
      const progress = (changes as { progress?: { label: string } }).progress;
      if (progress) {
        writes++;
        seen.push(progress.label);
      }
      return update(key, changes);
    });
    const collect = connector.collect;
    connector.collect = async (context) => {
      for (let step = 1; step <= steps; step++) context.progress(step, steps + 1, `step ${step}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      context.progress(steps, steps + 1, 'after the wait');
      return collect(context);
    };
    const { scan: finished } = await scan(healthyApp(), { connector });
    expect(finished.status).toBe('complete');
    // The first step is written, then only the newest at each turn: never each of the 200.
    expect(seen[0]).toBe('step 1');
    expect(seen).toContain('step 200');
    expect(seen).toContain('after the wait');
    expect(writes).toBeLessThan(20);
    expect((await db.scans.get(finished.id))!.progress.label).toBe('Done');
  });
});
