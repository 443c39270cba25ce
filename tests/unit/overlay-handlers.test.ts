import { beforeEach, describe, expect, it } from 'vitest';
import type { PanelEvent } from '@/utils/messaging';
import { handleRequest } from '@/utils/background-handlers';
import { handleOverlayRequest, type OverlayContext } from '@/utils/overlay/handlers';
import type { OverlayCommand } from '@/utils/overlay/protocol';
import { instanceKeyOf, runScan } from '@/utils/scan';
import { forgetTab } from '@/utils/tab-state';
import { fakeConnector, fakeSession, freshDatabase, healthyApp } from './fakes/connector';

const tabId = 7;
const pageUrl = 'https://tenant-1.fake.test/settings/passwords';

async function setUp() {
  const app = healthyApp();
  const connector = fakeConnector({
    openSession: async () => fakeSession(app),
    controls: fakeConnector().controls.map((control) => ({
      ...control,
      remediation: { ...control.remediation, steps: [{ text: 'Set the minimum length', page: 'passwordPage', anchor: 'minimumLength' }] },
    })),
  });
  const db = freshDatabase();
  await db.instances.put({ key: instanceKeyOf('fake', 'tenant-1'), app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test', connectedAt: '', includeInScore: true });
  await runScan({ connector, session: fakeSession(app), db, http: { sleep: async () => undefined } });
  const panel: PanelEvent[] = [];
  const told: Array<{ tabId: number; command: OverlayCommand }> = [];
  const navigated: string[] = [];
  let tabUrl = pageUrl;
  const context: OverlayContext = {
    db,
    connectors: [connector],
    environment: { cookies: { get: async () => null, getAll: async () => [] }, fetch },
    tabs: { get: async () => ({ url: tabUrl }) },
    actions: {
      navigate: async (_tab, url) => void navigated.push(url),
      tellTab: async (id, command) => void told.push({ tabId: id, command }),
      refreshOverlays: async () => undefined,
    },
    openPanel: async () => true,
    notifyPanel: (event) => void panel.push(event),
  };
  return { context, panel, told, navigated, setTabUrl: (url: string) => (tabUrl = url) };
}

describe('overlay messages in the service worker', () => {
  beforeEach(() => forgetTab(tabId));

  it('answers a page with its badges from the latest scan, and nothing on other pages', async () => {
    const { context } = await setUp();
    const state = await handleOverlayRequest({ type: 'overlay/state', url: pageUrl }, { tabId }, context);
    expect(state).toMatchObject({ state: 'ready', pageKey: 'passwordPage', pageTitle: 'Password Rules' });
    const badges = (state as { badges: Array<{ controlId: string; status: string }> }).badges;
    expect(badges.map((badge) => [badge.controlId, badge.status])).toEqual([
      ['FAKE.PWD.1v1', 'non_compliant'],
      ['FAKE.MFA.1v1', 'partial'],
      ['FAKE.PWD.2v1', 'compliant'],
    ]);
    expect(await handleOverlayRequest({ type: 'overlay/state', url: 'https://tenant-1.fake.test/elsewhere' }, { tabId }, context)).toMatchObject({ state: 'idle' });
  });

  it('shows a control with a live exception as an exception, and a lapsed one as its verdict', async () => {
    const { context } = await setUp();
    const instanceKey = instanceKeyOf('fake', 'tenant-1');
    const exception = { instanceKey, controlId: 'FAKE.PWD.1v1', rationale: 'Legacy app', owner: 'ciso@example.test', createdAt: '2026-01-01T00:00:00Z' };
    await context.db.exceptions.put({ ...exception, id: 'e1', kind: 'risk_accepted', expiresAt: '2999-01-01T00:00:00Z' });
    await context.db.exceptions.put({ ...exception, id: 'e2', controlId: 'FAKE.MFA.1v1', kind: 'alternate_mitigation', expiresAt: '2000-01-01T00:00:00Z' });
    const state = (await handleOverlayRequest({ type: 'overlay/state', url: pageUrl }, { tabId }, context)) as { badges: Array<{ controlId: string; status: string; exception?: string }> };
    expect(state.badges.find((badge) => badge.controlId === 'FAKE.PWD.1v1')).toMatchObject({ status: 'exception', exception: 'risk_accepted' });
    expect(state.badges.find((badge) => badge.controlId === 'FAKE.MFA.1v1')).toMatchObject({ status: 'partial' });
  });

  it('remembers a walkthrough target for the side panel and tells it', async () => {
    const { context, panel } = await setUp();
    expect(await handleOverlayRequest({ type: 'overlay/walkthrough', controlId: 'FAKE.PWD.1v1' }, { tabId }, context)).toEqual({ opened: true });
    expect(panel).toContainEqual({ type: 'panel/show', tabId, controlId: 'FAKE.PWD.1v1' });
    expect(await handleRequest({ type: 'walkthrough/target', tabId }, context)).toEqual({ controlId: 'FAKE.PWD.1v1' });
    expect(await handleRequest({ type: 'walkthrough/target', tabId }, context)).toEqual({ controlId: undefined });
  });

  it('keeps what the overlay found for the side panel', async () => {
    const { context, panel } = await setUp();
    await handleOverlayRequest({ type: 'overlay/anchors', url: pageUrl, pageKey: 'passwordPage', found: [], missing: ['minimumLength'] }, { tabId }, context);
    expect(panel).toContainEqual({ type: 'panel/anchors', tabId });
    expect(await handleRequest({ type: 'overlay/anchor-status', tabId }, context)).toEqual({
      pageKey: 'passwordPage',
      pageTitle: 'Password Rules',
      found: [],
      missing: ['minimumLength'],
    });
  });

  it('walks to a step: highlights at once on the same page, else navigates and highlights after the load', async () => {
    const { context, told, navigated, setTabUrl } = await setUp();
    await handleRequest({ type: 'walkthrough/go', tabId, controlId: 'FAKE.PWD.1v1', stepIndex: 0 }, context);
    expect(told).toEqual([{ tabId, command: { type: 'overlay/highlight', anchorKey: 'minimumLength' } }]);
    expect(navigated).toEqual([]);

    setTabUrl('https://tenant-1.fake.test/home');
    await handleRequest({ type: 'walkthrough/go', tabId, controlId: 'FAKE.PWD.1v1', stepIndex: 0 }, context);
    expect(navigated).toEqual(['https://tenant-1.fake.test/settings/passwords']);
    const state = await handleOverlayRequest({ type: 'overlay/state', url: pageUrl }, { tabId }, context);
    expect(state).toMatchObject({ state: 'ready', highlight: 'minimumLength' });
    const again = await handleOverlayRequest({ type: 'overlay/state', url: pageUrl }, { tabId }, context);
    expect((again as { highlight?: string }).highlight).toBeUndefined();
  });
});
