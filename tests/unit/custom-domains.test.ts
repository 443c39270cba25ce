import { afterEach, describe, expect, it } from 'vitest';
import { serviceNowConnector } from '@/connectors/servicenow';
import { handleRequest, type BackgroundContext } from '@/utils/background-handlers';
import { customDomainsSetting, restoreCustomDomains, type CustomDomainBrowser } from '@/utils/custom-domains';
import type { PostureDatabase } from '@/utils/db';
import { allowResultSchema, tabContextSchema } from '@/utils/messaging';
import { freshDatabase } from './fakes/connector';

let db: PostureDatabase;
afterEach(() => db?.close());

const tabs: Record<number, { url?: string }> = {
  1: { url: 'https://itsm.example-corp.test/now/nav/ui/home' },
  2: { url: 'http://intranet.example-corp.test/' },
};

function setup(granted: string[]) {
  db = freshDatabase();
  const calls = { registered: [] as unknown[], reloaded: [] as number[] };
  const browser: CustomDomainBrowser = {
    hasOrigin: async (origin) => granted.includes(origin),
    registerScripts: async (scripts) => void calls.registered.push(...scripts),
    reload: async (tabId) => void calls.reloaded.push(tabId),
  };
  const context: BackgroundContext = {
    db,
    environment: { cookies: { get: async () => null, getAll: async () => [] }, fetch },
    tabs: { get: async (tabId) => tabs[tabId] ?? {} },
    connectors: [serviceNowConnector],
    pageFetchFor: () => async () => ({ status: 200, headers: new Headers(), text: '{}' }),
    actions: { navigate: async () => undefined, tellTab: async () => undefined, refreshOverlays: async () => undefined, customDomains: browser },
  };
  return { context, calls };
}

describe('instances on custom domains', () => {
  it('offers an unknown https site as an instance on the customer’s own domain, never a plain http one', async () => {
    const { context } = setup([]);
    const offer = tabContextSchema.parse(await handleRequest({ type: 'tab/context', tabId: 1 }, context));
    expect(offer).toEqual({
      kind: 'unsupported',
      apps: expect.arrayContaining([{ id: 'servicenow', name: 'ServiceNow' }]),
      customDomain: { origin: 'https://itsm.example-corp.test', apps: [{ id: 'servicenow', name: 'ServiceNow', description: expect.stringContaining('own domain') }] },
    });
    expect(tabContextSchema.parse(await handleRequest({ type: 'tab/context', tabId: 2 }, context))).toMatchObject({ kind: 'unsupported' });
  });

  it('refuses when the browser did not grant the origin, and changes nothing', async () => {
    const { context, calls } = setup([]);
    const result = allowResultSchema.parse(await handleRequest({ type: 'instance/allow-domain', tabId: 1, app: 'servicenow' }, context));
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('https://itsm.example-corp.test') } });
    expect(calls.registered).toEqual([]);
    expect(await db.settings.get(customDomainsSetting)).toBeUndefined();
  });

  it('once granted, registers the app’s scripts on that origin only, reloads the tab and recognises the instance', async () => {
    const { context, calls } = setup(['https://itsm.example-corp.test']);
    const result = allowResultSchema.parse(await handleRequest({ type: 'instance/allow-domain', tabId: 1, app: 'servicenow' }, context));
    expect(result).toEqual({ ok: true });
    expect(calls.registered).toEqual([
      expect.objectContaining({ js: ['content-scripts/servicenow-token.js'], world: 'MAIN', matches: ['https://itsm.example-corp.test/*'] }),
      expect.objectContaining({ js: ['content-scripts/servicenow.js'], allFrames: true, matches: ['https://itsm.example-corp.test/*'] }),
    ]);
    expect(calls.reloaded).toEqual([1]);
    const tab = tabContextSchema.parse(await handleRequest({ type: 'tab/context', tabId: 1 }, context));
    expect(tab).toMatchObject({ kind: 'app', app: 'servicenow', displayName: 'itsm.example-corp.test', signedIn: true, connected: false });
    expect(await db.settings.get(customDomainsSetting)).toMatchObject({ value: [{ origin: 'https://itsm.example-corp.test', app: 'servicenow' }] });
    await expect(restoreCustomDomains(db, [serviceNowConnector])).resolves.toBeUndefined();
  });

  it('does not offer a site an app already recognises', async () => {
    const { context } = setup([]);
    tabs[3] = { url: 'https://acme.service-now.com/now/nav/ui/home' };
    expect(tabContextSchema.parse(await handleRequest({ type: 'tab/context', tabId: 3 }, context))).toMatchObject({ kind: 'app' });
    const refused = allowResultSchema.parse(await handleRequest({ type: 'instance/allow-domain', tabId: 3, app: 'servicenow' }, context));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unsupported_page' } });
  });
});
