import { afterEach, describe, expect, it } from 'vitest';
import { salesforceConnector } from '@/connectors/salesforce';
import { toCaseSafeId } from '@/connectors/salesforce/session';
import { handleRequest, type BackgroundContext } from '@/utils/background-handlers';
import type { Connector } from '@/utils/connector';
import { findingsOf, type PostureDatabase } from '@/utils/db';
import { commandResultSchema, tabContextSchema, type CommandResult, type TabContext } from '@/utils/messaging';
import { instanceKeyOf } from '@/utils/scan';
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
import { acmeApiSid, acmeLightningSid, cookieJar, globexApiSid, globexLightningSid, globexOrgId, twoOrgCookies } from './fakes/salesforce';
import { fakeSalesforceApi, salesforceFetch } from './fakes/salesforce-api';

let db: PostureDatabase;
afterEach(() => db?.close());

const tabs = {
  1: { url: 'https://tenant-1.fake.test/admin/settings' },
  2: { url: 'https://example.com/' },
  3: {},
  4: { url: 'https://tenant-2.fake.test/admin/settings' },
} as Record<number, { url?: string; cookieStoreId?: string }>;

function context(connector: Connector, overrides: Partial<BackgroundContext> = {}): BackgroundContext {
  db = freshDatabase();
  return {
    db,
    environment: { cookies: cookieJar([]), fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch },
    tabs: {
      async get(tabId) {
        const tab = tabs[tabId];
        if (!tab) throw new Error(`No tab with id: ${tabId}`);
        return tab;
      },
    },
    connectors: [connector],
    ...overrides,
  };
}

/** A fake connector whose session for tenant-N answers from `app`. */
function signedIn(app: FakeApp, overrides: Partial<Connector> = {}) {
  const sessions: Array<ReturnType<typeof fakeSession>> = [];
  const connector = fakeConnector({
    async openSession(_env, page) {
      const tenant = /^https:\/\/([a-z0-9-]+)\./.exec(page.url)![1]!;
      const session = fakeSession(app, tenant, tenant);
      sessions.push(session);
      return session;
    },
    ...overrides,
  });
  return { connector, sessions };
}

const tabContext = async (ctx: BackgroundContext, tabId: number): Promise<TabContext> =>
  tabContextSchema.parse(await handleRequest({ type: 'tab/context', tabId }, ctx));
const command = async (ctx: BackgroundContext, type: 'instance/connect' | 'scan/start', tabId: number): Promise<CommandResult> =>
  commandResultSchema.parse(await handleRequest({ type, tabId }, ctx));

describe('tab context', () => {
  it('is unsupported for other sites, tabs without a URL and closed tabs', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    // The apps are named for the popup's list of instances, which does not load the connectors.
    const unsupported = { kind: 'unsupported', apps: [{ id: 'fake', name: 'Fake App' }] };
    expect(await tabContext(ctx, 2)).toEqual(unsupported);
    expect(await tabContext(ctx, 3)).toEqual(unsupported);
    expect(await tabContext(ctx, 99)).toEqual(unsupported);
  });

  it('says the admin is not signed in, with what to do', async () => {
    const ctx = context(fakeConnector());
    expect(await tabContext(ctx, 1)).toEqual({
      kind: 'app',
      apps: [{ id: 'fake', name: 'Fake App' }],
      app: 'fake',
      appName: 'Fake App',
      displayName: 'tenant-1',
      isAdminPage: true,
      signedIn: false,
      connected: false,
      error: { kind: 'not_signed_in', message: 'Sign in first.' },
    });
  });

  it('knows a signed-in instance before and after it is connected', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    expect(await tabContext(ctx, 1)).toMatchObject({ kind: 'app', signedIn: true, connected: false, instanceKey: 'fake:tenant-1' });
    expect(await command(ctx, 'instance/connect', 1)).toEqual({ ok: true, instanceKey: 'fake:tenant-1' });
    expect(await tabContext(ctx, 1)).toMatchObject({ signedIn: true, connected: true, displayName: 'Tenant One Inc.' });
    // another instance of the same app is not connected by that
    expect(await tabContext(ctx, 4)).toMatchObject({ connected: false, instanceKey: 'fake:tenant-2' });
  });
});

describe('connect', () => {
  it('verifies the session and stores the instance with the name the app reports', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    await command(ctx, 'instance/connect', 1);
    const instance = await db.instances.get('fake:tenant-1');
    expect(instance).toMatchObject({
      key: 'fake:tenant-1',
      app: 'fake',
      instanceId: 'tenant-1',
      name: 'Tenant One Inc.',
      host: 'tenant-1.fake.test',
      includeInScore: true,
    });
    expect(Date.parse(instance!.connectedAt)).not.toBeNaN();
  });

  it('keeps what the admin set and the scan history when connecting again', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    await db.instances.put({
      key: 'fake:tenant-1',
      app: 'fake',
      instanceId: 'tenant-1',
      name: 'Old name',
      host: 'tenant-1.fake.test',
      connectedAt: '2025-06-01T00:00:00.000Z',
      includeInScore: false,
      lastGoodScanId: 'scan-old',
    });
    await command(ctx, 'instance/connect', 1);
    expect(await db.instances.get('fake:tenant-1')).toMatchObject({
      name: 'Tenant One Inc.',
      connectedAt: '2025-06-01T00:00:00.000Z',
      includeInScore: false,
      lastGoodScanId: 'scan-old',
    });
  });

  it('reports an expired session and stores nothing', async () => {
    const app = healthyApp();
    app.answers['/org'] = () => jsonResponse([{ errorCode: 'INVALID_SESSION_ID' }], 401);
    const ctx = context(signedIn(app).connector);
    const result = await command(ctx, 'instance/connect', 1);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'session_expired' }) });
    expect(await db.instances.count()).toBe(0);
  });

  it('makes only a handful of requests to verify', async () => {
    const { connector, sessions } = signedIn(healthyApp(), {
      async verify(http) {
        for (;;) await http.request({ method: 'GET', url: '/org', label: 'Organization' });
      },
    });
    const ctx = context(connector);
    const result = await command(ctx, 'instance/connect', 1);
    expect(result).toMatchObject({ ok: false, error: { kind: 'request_budget' } });
    expect(sessions[0]!.sent.length).toBeLessThanOrEqual(4);
  });

  it('refuses tabs that are not a supported admin console', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    expect(await command(ctx, 'instance/connect', 2)).toMatchObject({ ok: false, error: { kind: 'unsupported_page' } });
    expect(await command(ctx, 'scan/start', 2)).toMatchObject({ ok: false, error: { kind: 'unsupported_page' } });
  });
});

describe('scan start', () => {
  it('asks to connect first', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    const result = await command(ctx, 'scan/start', 1);
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', message: 'Connect this org first, then scan.' } });
    expect(await db.scans.count()).toBe(0);
  });

  it('reports a session problem before scanning', async () => {
    const ctx = context(fakeConnector());
    expect(await command(ctx, 'scan/start', 1)).toMatchObject({ ok: false, error: { kind: 'not_signed_in' } });
  });

  it('two "Scan now" at the same moment, from two tabs of one org, make one scan', async () => {
    const ctx = context(signedIn(healthyApp()).connector);
    await command(ctx, 'instance/connect', 1);
    const answers = await Promise.all([command(ctx, 'scan/start', 1), command(ctx, 'scan/start', 1)]);
    expect(answers).toEqual([
      { ok: true, instanceKey: 'fake:tenant-1' },
      { ok: true, instanceKey: 'fake:tenant-1' },
    ]);
    await waitFor(async () => (await db.scans.toArray()).every((row) => row.status !== 'running') || undefined, 'the scan to finish');
    expect(await db.scans.count()).toBe(1);
  });

  it('runs the scan in the background and a second "Scan now" joins the first', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = healthyApp();
    const admins = app.answers['/admins']!;
    app.answers['/admins'] = async () => {
      await gate;
      return admins();
    };
    const ctx = context(signedIn(app).connector);
    await command(ctx, 'instance/connect', 1);

    expect(await command(ctx, 'scan/start', 1)).toEqual({ ok: true, instanceKey: 'fake:tenant-1' });
    await waitFor(async () => (await db.scans.count()) === 1, 'the scan row');
    expect(await command(ctx, 'scan/start', 1)).toEqual({ ok: true, instanceKey: 'fake:tenant-1' });
    release();

    const scan = await waitFor(async () => {
      const [row] = await db.scans.toArray();
      return row && row.status !== 'running' ? row : undefined;
    }, 'the scan to finish');
    expect(scan.status).toBe('complete');
    expect(scan.score?.percent).toBe(48);
    expect(await db.scans.count()).toBe(1);
    const instance = await db.instances.get('fake:tenant-1');
    expect(instance?.lastGoodScanId).toBe(scan.id);
    // the scan keeps the name the admin connected, not the session's raw one
    expect((await db.snapshots.get(scan.id))?.snapshot.instance.name).toBe('Tenant One Inc.');
    expect(await findingsOf(db, scan.id)).toHaveLength(3);

    // once finished, "Scan now" starts a new scan
    await command(ctx, 'scan/start', 1);
    await waitFor(async () => {
      const rows = await db.scans.toArray();
      return rows.length === 2 && rows.every((row) => row.status !== 'running');
    }, 'the second scan');
  });
});

describe('Salesforce, end to end through the handlers', () => {
  it('connects and scans the org of the tab with two orgs open, and never stores a sid', async () => {
    const api = fakeSalesforceApi({
      pages: (url) =>
        url.includes(encodeURIComponent('SELECT Id, Name FROM Organization'))
          ? { status: 200, body: { totalSize: 1, done: true, records: [{ Id: globexOrgId, Name: 'Globex Corporation' }] } }
          : undefined,
    });
    const { fetch, hosts } = salesforceFetch(api, 'globex.my.salesforce.com', globexApiSid);
    const ctx = context(salesforceConnector, {
      environment: { cookies: cookieJar(twoOrgCookies()), fetch },
      tabs: {
        async get(tabId) {
          return tabId === 7
            ? { url: 'https://globex.lightning.force.com/lightning/setup/SetupOneHome/home' }
            : { url: 'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home' };
        },
      },
    });
    const key = instanceKeyOf('salesforce', toCaseSafeId(globexOrgId));

    expect(await tabContext(ctx, 7)).toMatchObject({ kind: 'app', app: 'salesforce', signedIn: true, connected: false, instanceKey: key });
    expect(await command(ctx, 'instance/connect', 7)).toEqual({ ok: true, instanceKey: key });
    expect(await db.instances.get(key)).toMatchObject({ name: 'Globex Corporation', host: 'globex.my.salesforce.com' });

    expect(await command(ctx, 'scan/start', 7)).toEqual({ ok: true, instanceKey: key });
    const scan = await waitFor(async () => {
      const [row] = await db.scans.toArray();
      return row && row.status !== 'running' ? row : undefined;
    }, 'the Salesforce scan');
    expect(scan.error?.kind).not.toBe('session_expired');
    expect(['complete', 'partial']).toContain(scan.status);
    expect((await db.instances.get(key))?.lastGoodScanId).toBe(scan.id);
    expect(await db.snapshots.get(scan.id)).toBeDefined();
    expect(scan.requestCount).toBeLessThanOrEqual(25);
    expect(new Set(hosts)).toEqual(new Set(['globex.my.salesforce.com']));

    // the acme tab is signed in too, but not connected
    expect(await tabContext(ctx, 8)).toMatchObject({ connected: false, instanceKey: instanceKeyOf('salesforce', toCaseSafeId('00D5g000004ACME')) });

    const dump = await dumpDatabase(db);
    expect(dump).toContain('Globex Corporation');
    for (const sid of [globexApiSid, globexLightningSid, acmeApiSid, acmeLightningSid]) {
      expect(dump).not.toContain(sid);
      expect(dump).not.toContain(sid.split('!')[1]!);
    }
  });

  it('a scan whose session expired stores the failure without the sid', async () => {
    const api = fakeSalesforceApi({
      pages: (url) =>
        url.includes(encodeURIComponent('SELECT Id, Name FROM Organization'))
          ? { status: 200, body: { totalSize: 1, done: true, records: [{ Name: 'Globex Corporation' }] } }
          : undefined,
    });
    let expired = false;
    const good = salesforceFetch(api, 'globex.my.salesforce.com', globexApiSid);
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      expired
        ? Promise.resolve(new Response(JSON.stringify([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]), { status: 401 }))
        : good.fetch(input, init)) as typeof globalThis.fetch;
    const ctx = context(salesforceConnector, {
      environment: { cookies: cookieJar(twoOrgCookies()), fetch },
      tabs: { get: async () => ({ url: 'https://globex.lightning.force.com/lightning/setup/' }) },
    });
    await command(ctx, 'instance/connect', 1);
    expired = true;
    await command(ctx, 'scan/start', 1);
    const scan = await waitFor(async () => {
      const [row] = await db.scans.toArray();
      return row && row.status !== 'running' ? row : undefined;
    }, 'the failed scan');
    expect(scan.status).toBe('failed');
    expect(scan.error?.kind).toBe('session_expired');
    expect(scan.error?.message).toMatch(/Reload Setup/);
    const dump = await dumpDatabase(db);
    expect(dump).not.toContain(globexApiSid);
    expect(dump).not.toContain(globexApiSid.split('!')[1]!);
  });
});
