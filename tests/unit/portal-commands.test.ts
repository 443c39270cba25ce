import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleRequest, type BackgroundContext, type TabInfo } from '@/utils/background-handlers';
import { restartInterruptedScans } from '@/utils/background-scans';
import { runScheduledScans } from '@/utils/portal-commands';
import type { Connector } from '@/utils/connector';
import type { ExceptionRecord, PostureDatabase } from '@/utils/db';
import { realisticBundle } from '@/utils/exports/test-fixtures';
import {
  commandResultSchema,
  importResultSchema,
  okResultSchema,
  responseSchemas,
  savedResultSchema,
  type ExtensionRequest,
} from '@/utils/messaging';
import { loadPortalSettings } from '@/utils/portal-settings';
import { scheduledScanAlarm } from '@/utils/schedule';
import { defaultMetricWeights } from '@/utils/scoring';
import { fakeConnector, fakeSession, freshDatabase, healthyApp, jsonResponse, waitFor, type FakeApp } from './fakes/connector';
import { cookieJar } from './fakes/salesforce';

let db: PostureDatabase;
afterEach(() => db?.close());

const now = new Date('2026-03-10T12:00:00.000Z');

/** Tabs: 1 and 5 show tenant-1 (5 more recently), 4 shows tenant-2, 2 is another site. */
const openTabs: TabInfo[] = [
  { id: 1, url: 'https://tenant-1.fake.test/admin/settings', lastAccessed: 100 },
  { id: 2, url: 'https://example.com/', lastAccessed: 500 },
  { id: 4, url: 'https://tenant-2.fake.test/admin/settings', lastAccessed: 300 },
  { id: 5, url: 'https://tenant-1.fake.test/admin/users', lastAccessed: 400 },
];

function setup(options: { app?: FakeApp; tabs?: TabInfo[] | null; connector?: Partial<Connector> } = {}) {
  db = freshDatabase();
  const app = options.app ?? healthyApp();
  const tabs = options.tabs === undefined ? openTabs : options.tabs;
  const actions = {
    navigate: vi.fn(async () => undefined),
    tellTab: vi.fn(async () => undefined),
    refreshOverlays: vi.fn(async () => undefined),
    setSchedule: vi.fn(async () => undefined),
    notify: vi.fn(async () => undefined),
    watchScans: vi.fn(async (_running: boolean) => undefined),
  };
  const notifyPanel = vi.fn();
  const connector = fakeConnector({
    async openSession(_env, page) {
      const tenant = /^https:\/\/([a-z0-9-]+)\./.exec(page.url)![1]!;
      return fakeSession(app, tenant, tenant);
    },
    ...options.connector,
  });
  const context: BackgroundContext = {
    db,
    environment: { cookies: cookieJar([]), fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch },
    tabs: {
      async get(tabId) {
        const tab = (tabs ?? openTabs).find((candidate) => candidate.id === tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}`);
        return tab;
      },
      ...(tabs ? { query: async () => tabs } : {}),
    },
    connectors: [connector],
    actions,
    notifyPanel,
    now: () => now,
  };
  return { context, actions, notifyPanel, app };
}

async function send<R extends ExtensionRequest>(context: BackgroundContext, request: R) {
  const response = await handleRequest(request, context);
  return (responseSchemas[request.type] as { parse(value: unknown): unknown }).parse(response) as never;
}

/** Connects the tab's instance and scans it, until the scan and what follows it (retention, notification, overlays) are done. */
async function connectAndScan(context: BackgroundContext, tabId: number) {
  expect(await send(context, { type: 'instance/connect', tabId })).toMatchObject({ ok: true });
  const refreshes = vi.mocked(context.actions!.refreshOverlays).mock.calls.length;
  const key = commandResultSchema.parse(await handleRequest({ type: 'scan/start', tabId }, context));
  if (!key.ok) throw new Error(key.error.message);
  await waitFor(async () => vi.mocked(context.actions!.refreshOverlays).mock.calls.length > refreshes, 'the scan and its follow-up');
  return (await db.instances.get(key.instanceKey))!;
}

const exceptionInput = (overrides: Partial<ExceptionRecord> = {}) => ({
  instanceKey: 'fake:tenant-1',
  controlId: 'FAKE.PWD.1v1',
  kind: 'risk_accepted' as const,
  rationale: 'Legacy integration needs short passwords until Q3',
  owner: 'ciso@example.com',
  ...overrides,
});

describe('portal/settings', () => {
  it('validates and saves, and re-creates the alarm when the schedule changes', async () => {
    const { context, actions } = setup();
    expect(await send(context, { type: 'portal/settings', settings: { targetScore: 80, schedule: 'daily' } })).toEqual({ ok: true });
    expect(await loadPortalSettings(db)).toMatchObject({ targetScore: 80, schedule: 'daily' });
    expect(actions.setSchedule).toHaveBeenCalledWith({ name: scheduledScanAlarm, periodInMinutes: 1440, delayInMinutes: 1 });

    await send(context, { type: 'portal/settings', settings: { schedule: 'daily', notifyOnRegression: true } });
    expect(actions.setSchedule).toHaveBeenCalledTimes(1);
    await send(context, { type: 'portal/settings', settings: { schedule: 'off' } });
    expect(actions.setSchedule).toHaveBeenLastCalledWith(null);
  });

  it('refuses invalid settings and changes nothing', async () => {
    const { context } = setup();
    const result = okResultSchema.parse(await handleRequest({ type: 'portal/settings', settings: { targetScore: 150 } } as ExtensionRequest, context));
    expect(result).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect((await loadPortalSettings(db)).targetScore).toBeNull();
  });

  it('saves metric weights', async () => {
    const { context } = setup();
    await send(context, { type: 'portal/settings', settings: { metricWeights: { ...defaultMetricWeights, authentication: 'risk_accepted' } } });
    expect((await loadPortalSettings(db)).metricWeights.authentication).toBe('risk_accepted');
  });

  it('changes one metric weight and keeps the others', async () => {
    const { context } = setup();
    await send(context, { type: 'portal/settings', settings: { metricWeights: { authentication: 4 } } });
    const weights = (await loadPortalSettings(db)).metricWeights;
    expect(weights.authentication).toBe(4);
    expect(weights['privileged-access']).toBe(defaultMetricWeights['privileged-access']);
  });

  it('applies a shorter retention at once', async () => {
    const { context } = setup();
    await db.scans.add({ id: 'old', instanceKey: 'fake:x', app: 'fake', startedAt: '2025-01-01T00:00:00.000Z', status: 'complete', progress: { done: 1, total: 1, label: 'Done' } });
    await send(context, { type: 'portal/settings', settings: { retentionDays: 30 } });
    expect(await db.scans.count()).toBe(0);
  });
});

describe('exception/save and exception/delete', () => {
  it('creates an exception with a new id and its creation time, and refreshes the overlays', async () => {
    const { context, actions } = setup();
    await connectAndScan(context, 1);
    actions.refreshOverlays.mockClear();
    const saved = savedResultSchema.parse(await handleRequest({ type: 'exception/save', exception: exceptionInput({ expiresAt: '2026-09-01T00:00:00+02:00' }) }, context));
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.exceptions.get(saved.id)).toEqual({
      id: saved.id,
      ...exceptionInput(),
      createdAt: now.toISOString(),
      // stored in UTC
      expiresAt: '2026-08-31T22:00:00.000Z',
    });
    expect(actions.refreshOverlays).toHaveBeenCalled();
  });

  it('an edit keeps the creation time', async () => {
    const { context } = setup();
    await connectAndScan(context, 1);
    await db.exceptions.put({ id: 'x1', ...exceptionInput(), createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await send(context, { type: 'exception/save', exception: { ...exceptionInput({ kind: 'third_party', entityIds: ['u1'] }), id: 'x1' } })).toEqual({ ok: true, id: 'x1' });
    expect(await db.exceptions.get('x1')).toMatchObject({ kind: 'third_party', entityIds: ['u1'], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: now.toISOString() });
    expect(await db.exceptions.count()).toBe(1);
  });

  it('refuses an unknown instance, an unknown control, a gone exception and a past expiry, saying why', async () => {
    const { context } = setup();
    await connectAndScan(context, 1);
    const save = async (exception: ReturnType<typeof exceptionInput> & { id?: string; expiresAt?: string }) =>
      savedResultSchema.parse(await handleRequest({ type: 'exception/save', exception }, context));
    expect(await save(exceptionInput({ instanceKey: 'fake:nobody' }))).toMatchObject({ ok: false, error: { kind: 'not_found', message: expect.stringMatching(/no longer connected/) } });
    expect(await save(exceptionInput({ controlId: 'FAKE.NOPE.1v1' }))).toMatchObject({
      ok: false,
      error: { kind: 'not_found', message: 'Tenant One Inc. has no check FAKE.NOPE.1v1: the exception was not saved.' },
    });
    expect(await save({ ...exceptionInput(), id: 'gone' })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await save(exceptionInput({ expiresAt: '2026-03-10T12:00:00.000Z' }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/expiry date has passed/) } });
    expect(await db.exceptions.count()).toBe(0);
  });

  it('deletes, and deleting again is fine', async () => {
    const { context, actions } = setup();
    await db.exceptions.put({ id: 'x1', ...exceptionInput(), createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await send(context, { type: 'exception/delete', id: 'x1' })).toEqual({ ok: true });
    expect(await db.exceptions.count()).toBe(0);
    expect(await send(context, { type: 'exception/delete', id: 'x1' })).toEqual({ ok: true });
    expect(actions.refreshOverlays).toHaveBeenCalled();
  });
});

describe('instance/include', () => {
  it('switches an instance in and out of the scores', async () => {
    const { context, actions } = setup();
    await connectAndScan(context, 1);
    expect(await send(context, { type: 'instance/include', instanceKey: 'fake:tenant-1', include: false })).toEqual({ ok: true });
    expect((await db.instances.get('fake:tenant-1'))?.includeInScore).toBe(false);
    await send(context, { type: 'instance/include', instanceKey: 'fake:tenant-1', include: true });
    expect((await db.instances.get('fake:tenant-1'))?.includeInScore).toBe(true);
    expect(actions.refreshOverlays).toHaveBeenCalled();
    expect(await send(context, { type: 'instance/include', instanceKey: 'fake:nobody', include: true })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('instance/disconnect', () => {
  it('deletes the instance and all its data, and nothing of any other instance', async () => {
    const { context } = setup();
    await connectAndScan(context, 1);
    await connectAndScan(context, 1);
    await connectAndScan(context, 4);
    await db.exceptions.bulkPut([
      { id: 'x1', ...exceptionInput(), createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'x2', ...exceptionInput({ instanceKey: 'fake:tenant-2' }), createdAt: '2026-01-01T00:00:00.000Z' },
    ]);
    await db.settings.put({ key: 'targetScore', value: 80 });
    const otherScans = await db.scans.where('instanceKey').equals('fake:tenant-2').primaryKeys();
    const before = { findings: await db.findings.count(), snapshots: await db.snapshots.count() };
    expect(before).toEqual({ findings: 9, snapshots: 3 });

    expect(await send(context, { type: 'instance/disconnect', instanceKey: 'fake:tenant-1' })).toEqual({ ok: true });

    expect((await db.instances.toArray()).map((instance) => instance.key)).toEqual(['fake:tenant-2']);
    expect(await db.scans.toCollection().primaryKeys()).toEqual(otherScans);
    expect((await db.findings.toArray()).every((finding) => finding.instanceKey === 'fake:tenant-2')).toBe(true);
    expect(await db.findings.count()).toBe(3);
    expect(await db.snapshots.toCollection().primaryKeys()).toEqual(otherScans);
    expect((await db.exceptions.toArray()).map((exception) => exception.id)).toEqual(['x2']);
    expect(await db.settings.get('targetScore')).toBeDefined();
  });
});

describe('instance/tabs and instance/rescan', () => {
  it('lists the tabs showing the instance, most recently used first', async () => {
    const { context } = setup();
    await connectAndScan(context, 1);
    expect(await send(context, { type: 'instance/tabs', instanceKey: 'fake:tenant-1' })).toEqual({ tabIds: [5, 1] });
    expect(await send(context, { type: 'instance/tabs', instanceKey: 'fake:nobody' })).toEqual({ tabIds: [] });
  });

  it('leaves out tabs of the instance where the admin is signed out', async () => {
    const { context } = setup({
      connector: {
        async openSession(_env, page) {
          if (page.url.endsWith('/users')) throw new Error('signed out');
          const tenant = /^https:\/\/([a-z0-9-]+)\./.exec(page.url)![1]!;
          return fakeSession(healthyApp(), tenant, tenant);
        },
      },
    });
    await send(context, { type: 'instance/connect', tabId: 1 });
    expect(await send(context, { type: 'instance/tabs', instanceKey: 'fake:tenant-1' })).toEqual({ tabIds: [1] });
  });

  it('rescans through the tab that shows the instance', async () => {
    const { context, app } = setup();
    await connectAndScan(context, 1);
    app.answers['/passwords'] = () => jsonResponse({ minLength: 14 });
    expect(await send(context, { type: 'instance/rescan', instanceKey: 'fake:tenant-1' })).toEqual({ ok: true, instanceKey: 'fake:tenant-1' });
    const scans = await waitFor(async () => {
      const rows = await db.scans.where('instanceKey').equals('fake:tenant-1').toArray();
      return rows.length === 2 && rows.every((row) => row.status !== 'running') ? rows : undefined;
    }, 'the rescan');
    expect(scans.map((scan) => scan.score?.percent).sort()).toEqual([48, 88]);
  });

  it('asks to open the instance when no tab shows it', async () => {
    const { context } = setup({ tabs: [openTabs[1]!, openTabs[2]!] });
    await db.instances.put({ key: 'fake:tenant-1', app: 'fake', instanceId: 'tenant-1', name: 'Tenant One Inc.', host: 'h', connectedAt: now.toISOString(), includeInScore: true });
    expect(await send(context, { type: 'instance/rescan', instanceKey: 'fake:tenant-1' })).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'Open Tenant One Inc. in a tab (signed in), then rescan.' },
    });
    expect(await db.scans.count()).toBe(0);
  });

  it('without tab listing, finds no tab', async () => {
    const { context } = setup({ tabs: null });
    await db.instances.put({ key: 'fake:tenant-1', app: 'fake', instanceId: 'tenant-1', name: 'T', host: 'h', connectedAt: now.toISOString(), includeInScore: true });
    expect(await send(context, { type: 'instance/tabs', instanceKey: 'fake:tenant-1' })).toEqual({ tabIds: [] });
  });
});

describe('walkthrough/show', () => {
  it('sets the side panel’s target for the tab and tells the panel', async () => {
    const { context, notifyPanel } = setup();
    await send(context, { type: 'instance/connect', tabId: 1 });
    expect(await send(context, { type: 'walkthrough/show', tabId: 5, instanceKey: 'fake:tenant-1', controlId: 'FAKE.MFA.1v1' })).toEqual({ ok: true });
    expect(notifyPanel).toHaveBeenCalledWith({ type: 'panel/show', tabId: 5, controlId: 'FAKE.MFA.1v1' });
    expect(await handleRequest({ type: 'walkthrough/target', tabId: 5 }, context)).toEqual({ controlId: 'FAKE.MFA.1v1' });
  });

  it('refuses a tab of another site or another instance of the app, an unknown control and an instance no longer connected', async () => {
    const { context, notifyPanel } = setup();
    await send(context, { type: 'instance/connect', tabId: 1 });
    const show = (tabId: number, instanceKey = 'fake:tenant-1', controlId = 'FAKE.MFA.1v1') => send(context, { type: 'walkthrough/show', tabId, instanceKey, controlId });
    expect(await show(2)).toMatchObject({ ok: false, error: { kind: 'unsupported_page' } });
    // Tab 4 shows tenant-2: the same app, another instance.
    expect(await show(4)).toEqual({
      ok: false,
      error: { kind: 'unsupported_page', message: 'This tab no longer shows Tenant One Inc. (Fake App). Open it in a tab, then try again.' },
    });
    expect(await show(5, 'fake:tenant-1', 'NOPE.1v1')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await show(5, 'fake:gone')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(notifyPanel).not.toHaveBeenCalled();
  });
});

describe('export/import', () => {
  it('recreates the scans of an exported file', async () => {
    const { context, actions } = setup();
    const bundle = realisticBundle();
    const result = importResultSchema.parse(await handleRequest({ type: 'export/import', text: JSON.stringify(bundle) }, context));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.scans).toHaveLength(bundle.instances.length);
    for (const { instanceKey, scanId } of result.scans) {
      expect((await db.instances.get(instanceKey))?.lastGoodScanId).toBe(scanId);
      expect(await db.findings.where('scanId').equals(scanId).count()).toBeGreaterThan(0);
    }
    expect(actions.refreshOverlays).toHaveBeenCalled();
  });

  it('says what is wrong with a file that is not an export', async () => {
    const { context } = setup();
    const result = importResultSchema.parse(await handleRequest({ type: 'export/import', text: '{"hello":' }, context));
    expect(result).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(await db.scans.count()).toBe(0);
  });
});

describe('after a scan', () => {
  async function rescanWith(options: { notify: boolean; minLength: number }) {
    const { context, actions, app } = setup();
    await connectAndScan(context, 1);
    await send(context, { type: 'portal/settings', settings: { notifyOnRegression: options.notify } });
    app.answers['/passwords'] = () => jsonResponse({ minLength: options.minLength });
    await connectAndScan(context, 1);
    await waitFor(async () => actions.refreshOverlays.mock.calls.length >= 2, 'the scan’s follow-up');
    return actions;
  }

  it('notifies a regression: the instance, the new failure and the score drop', async () => {
    // passwords of 6 also fail FAKE.PWD.2v1: 48 % → 28 %
    const actions = await rescanWith({ notify: true, minLength: 6 });
    expect(actions.notify).toHaveBeenCalledTimes(1);
    expect(actions.notify).toHaveBeenCalledWith('posture-lens:regression:fake:tenant-1', {
      title: 'Posture Lens: Tenant One Inc. regressed',
      message: '1 new failure: Password and MFA together. Score down 20 points.',
    });
  });

  it('does not notify when notifications are off, or nothing regressed', async () => {
    expect((await rescanWith({ notify: false, minLength: 6 })).notify).not.toHaveBeenCalled();
    db.close();
    expect((await rescanWith({ notify: true, minLength: 8 })).notify).not.toHaveBeenCalled();
  });

  it('applies retention', async () => {
    const { context } = setup();
    await db.scans.add({ id: 'ancient', instanceKey: 'fake:tenant-1', app: 'fake', startedAt: '2024-01-01T00:00:00.000Z', status: 'complete', progress: { done: 1, total: 1, label: 'Done' } });
    await connectAndScan(context, 1);
    await waitFor(async () => !(await db.scans.get('ancient')), 'retention');
  });
});

describe('scheduled scans', () => {
  it('scan each due instance through its tab and record the ones skipped, with why', async () => {
    const { context } = setup({ tabs: [openTabs[0]!, openTabs[1]!] });
    await connectAndScan(context, 1);
    // tenant-1 was last scanned two days ago; tenant-2 has no open tab
    await db.scans.toCollection().modify({ startedAt: '2026-03-08T12:00:00.000Z' });
    await db.instances.put({ key: 'fake:tenant-2', app: 'fake', instanceId: 'tenant-2', name: 'Tenant Two', host: 'h', connectedAt: now.toISOString(), includeInScore: true });
    await send(context, { type: 'portal/settings', settings: { schedule: 'daily' } });

    const outcome = await runScheduledScans(context);
    expect(outcome?.scans).toEqual([{ instanceKey: 'fake:tenant-1', tabId: 1 }]);
    await waitFor(async () => (await db.scans.where('instanceKey').equals('fake:tenant-1').count()) === 2 && (await db.scans.where('status').equals('running').count()) === 0, 'the scheduled scan');
    expect((await loadPortalSettings(db)).lastScheduledRun).toEqual({
      at: now.toISOString(),
      started: ['fake:tenant-1'],
      skipped: [{ instanceKey: 'fake:tenant-2', reason: 'No open tab of Tenant Two with a signed-in session. Keep it open in a tab to scan it on schedule.' }],
    });
  });

  it('do nothing when the schedule is off', async () => {
    const { context } = setup();
    expect(await runScheduledScans(context)).toBeUndefined();
    expect((await loadPortalSettings(db)).lastScheduledRun).toBeUndefined();
  });
});

describe('a service worker stopped mid-scan', () => {
  const leftRunning = (id: string, instanceKey: string) =>
    db.scans.add({ id, instanceKey, app: 'fake', startedAt: now.toISOString(), status: 'running', progress: { done: 1, total: 4, label: 'Reading users' } });

  it('keeps the worker awake while a scan runs, and lets it sleep after', async () => {
    const { context, actions } = setup();
    await connectAndScan(context, 1);
    expect(actions.watchScans.mock.calls.map(([running]) => running)).toEqual([true, false]);
  });

  it('restarts the interrupted scan through a tab that shows its instance; the last good scan stays until it ends', async () => {
    const { context } = setup();
    const instance = await connectAndScan(context, 1);
    const good = instance.lastGoodScanId!;
    await leftRunning('orphan', instance.key);
    await db.instances.update(instance.key, { lastScanId: 'orphan' });
    expect(await restartInterruptedScans(context)).toEqual({ restarted: ['fake:tenant-1'], failed: [] });
    const orphan = (await db.scans.get('orphan'))!;
    expect(orphan).toMatchObject({ status: 'failed', finishedAt: now.toISOString() });
    expect(orphan.error?.message).toBe('The scan was interrupted (the browser stopped the extension) and started again.');
    expect(await db.findings.where('scanId').equals('orphan').count()).toBe(0);
    const restarted = await waitFor(async () => {
      const latest = await db.instances.get(instance.key);
      return latest?.lastGoodScanId !== good ? latest : undefined;
    }, 'the restarted scan');
    expect((await db.scans.get(restarted.lastGoodScanId!))?.status).toBe('complete');
    expect(await db.scans.where('instanceKey').equals(instance.key).count()).toBe(3);
  });

  it('says to scan again when no tab shows the instance, and touches nothing else', async () => {
    const { context, actions } = setup({ tabs: [openTabs[1]!] });
    await db.instances.put({ key: 'fake:tenant-1', app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'h', connectedAt: now.toISOString(), includeInScore: true, lastScanId: 'orphan' });
    await leftRunning('orphan', 'fake:tenant-1');
    await db.scans.add({ id: 'done', instanceKey: 'fake:tenant-1', app: 'fake', startedAt: '2026-03-01T00:00:00.000Z', status: 'complete', progress: { done: 4, total: 4, label: 'Done' } });
    expect(await restartInterruptedScans(context)).toEqual({ restarted: [], failed: ['fake:tenant-1'] });
    expect((await db.scans.get('orphan'))?.error?.message).toBe(
      'The scan was interrupted (the browser stopped the extension). Open the instance in a tab and scan again.',
    );
    expect((await db.scans.get('done'))?.status).toBe('complete');
    expect(actions.watchScans).toHaveBeenLastCalledWith(false);
    expect(await restartInterruptedScans(context)).toEqual({ restarted: [], failed: [] });
  });
});
