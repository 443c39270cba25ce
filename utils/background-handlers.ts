import { sessionClient, type Connector, type SessionEnvironment } from './connector';
import type { PostureDatabase } from './db';
import type { PageFetch } from './page-fetch/client';
import { allowCustomDomain, customDomainOffer, type CustomDomainBrowser } from './custom-domains';
import { toScanErrorInfo } from './errors';
import type { AnchorStatus, CommandResult, ExtensionRequest, PanelEvent, TabContext, VerifyResult } from './messaging';
import { pageForUrl } from './overlay/badges';
import type { OverlayCommand } from './overlay/protocol';
import { instanceKeyOf } from './scan';
import { anchorStatuses, pendingHighlights, walkthroughTargets } from './tab-state';
import { verifyControl } from './verify';
import type { RegressionMessage } from './notify';
import type { AlarmSpec } from './schedule';
import { environmentFor, findControl, notSupported, recognizedTab, startScan } from './background-scans';
import { portalCommand } from './portal-commands';

export interface TabInfo {
  id?: number;
  url?: string;
  cookieStoreId?: string;
  /** When the tab was last active (ms since epoch): the most recently used tab is tried first. */
  lastAccessed?: number;
}

export interface TabReader {
  get(tabId: number): Promise<{ url?: string; cookieStoreId?: string }>;
  /** The open tabs (URLs are visible for the hosts the extension holds permissions for). */
  query?(queryInfo: Record<string, never>): Promise<TabInfo[]>;
}

/** What the handlers do to the browser beyond reading: navigation and telling pages that findings changed. */
export interface BrowserActions {
  navigate(tabId: number, url: string): Promise<void>;
  /** Sends a command to every frame of a tab's overlay (ignored where none runs). */
  tellTab(tabId: number, command: OverlayCommand): Promise<void>;
  /** Asks every open tab's overlay to refresh its badges. */
  refreshOverlays(): Promise<void>;
  /** Permissions, script registration and reload, for instances on custom domains. */
  customDomains?: CustomDomainBrowser;
  /** Creates the scheduled-scan alarm as given, or clears it (null). */
  setSchedule?(alarm: AlarmSpec | null): Promise<void>;
  /** Shows a notification, when the admin granted the optional permission (otherwise does nothing). */
  notify?(id: string, message: RegressionMessage): Promise<void>;
  /**
   * While a scan runs, an alarm wakes the service worker should the browser stop it: the worker then
   * restarts the scans it was running (`restartInterruptedScans`). Off when no scan runs.
   */
  watchScans?(running: boolean): Promise<void>;
}

export interface BackgroundContext {
  db: PostureDatabase;
  environment: SessionEnvironment;
  tabs: TabReader;
  connectors: Connector[];
  actions?: BrowserActions;
  /** Reads through the content script of a tab (see utils/page-fetch). */
  pageFetchFor?: (tabId: number) => PageFetch;
  /** Tells the extension's pages (the side panel) what happened. */
  notifyPanel?(event: PanelEvent): void;
  /** The clock (tests set it). */
  now?: () => Date;
}

async function tabContext(context: BackgroundContext, tabId: number): Promise<TabContext> {
  const page = await recognizedTab(context, tabId);
  const apps = context.connectors.map(({ id, name }) => ({ id, name }));
  if (!page) {
    const tab = await context.tabs.get(tabId).catch(() => undefined);
    const customDomain = customDomainOffer(tab?.url, context.connectors);
    return customDomain ? { kind: 'unsupported', apps, customDomain } : { kind: 'unsupported', apps };
  }
  const base = {
    kind: 'app' as const,
    apps,
    app: page.connector.id,
    appName: page.connector.name,
    displayName: page.recognition.displayName,
    isAdminPage: page.recognition.isAdminPage,
  };
  try {
    const session = await page.connector.openSession(environmentFor(context, tabId), page);
    const instanceKey = instanceKeyOf(session.instance.app, session.instance.instanceId);
    const instance = await context.db.instances.get(instanceKey);
    return { ...base, displayName: instance?.name ?? session.instance.name, signedIn: true, instanceKey, connected: Boolean(instance) };
  } catch (error) {
    return { ...base, signedIn: false, connected: false, error: toScanErrorInfo(error) };
  }
}

async function connect(context: BackgroundContext, tabId: number): Promise<CommandResult> {
  const page = await recognizedTab(context, tabId);
  if (!page) return notSupported();
  try {
    const session = await page.connector.openSession(environmentFor(context, tabId), page);
    const http = sessionClient(page.connector, session, { maxRequests: 4, maxAttempts: 2, timeoutMs: 20_000 });
    const { name } = await page.connector.verify(http);
    const instanceKey = instanceKeyOf(session.instance.app, session.instance.instanceId);
    const existing = await context.db.instances.get(instanceKey);
    await context.db.instances.put({
      ...existing,
      key: instanceKey,
      app: session.instance.app,
      instanceId: session.instance.instanceId,
      name,
      host: session.instance.host,
      connectedAt: existing?.connectedAt ?? new Date().toISOString(),
      includeInScore: existing?.includeInScore ?? true,
    });
    return { ok: true, instanceKey };
  } catch (error) {
    return { ok: false, error: toScanErrorInfo(error) };
  }
}

/** A walkthrough step: take the tab to the step's page, and highlight its field there (now, or once the page loads). */
async function goToStep(context: BackgroundContext, tabId: number, controlId: string, stepIndex: number): Promise<CommandResult> {
  const page = await recognizedTab(context, tabId);
  const found = findControl(context, controlId);
  const step = found?.control.remediation.steps[stepIndex];
  if (!page || !found || found.connector !== page.connector || !step) return notSupported();
  const target = page.connector.pages.find((candidate) => candidate.key === step.page);
  if (!target) {
    return { ok: false, error: { kind: 'not_found', message: `Posture Lens does not know where "${step.page}" is. Follow the step by hand.` } };
  }
  const current = pageForUrl(page.connector.pages, page.url);
  if (step.anchor) pendingHighlights.set(tabId, { pageKey: target.key, anchorKey: step.anchor });
  else pendingHighlights.delete(tabId);
  // A list page can show other records than the step's (a filtered list): then it is opened again at that record.
  const shown = anchorStatuses.get(tabId);
  const anchorNotShown = step.anchor !== undefined && shown?.pageKey === target.key && shown.missing.includes(step.anchor);
  if (current?.page.key === target.key && !anchorNotShown) {
    if (step.anchor) await context.actions?.tellTab(tabId, { type: 'overlay/highlight', anchorKey: step.anchor });
  } else {
    await context.actions?.navigate(tabId, page.connector.pageUrl(page.url, target, step.anchor));
  }
  return { ok: true, instanceKey: page.recognition.hint };
}

async function verify(context: BackgroundContext, tabId: number, controlId: string): Promise<VerifyResult> {
  const page = await recognizedTab(context, tabId);
  if (!page) return notSupported() as VerifyResult;
  try {
    const session = await page.connector.openSession(environmentFor(context, tabId), page);
    const result = await verifyControl({ connector: page.connector, session, db: context.db, controlId });
    if (result.ok) await context.actions?.refreshOverlays();
    return result;
  } catch (error) {
    return { ok: false, error: toScanErrorInfo(error) };
  }
}

export function handleRequest(request: ExtensionRequest, context: BackgroundContext): Promise<unknown> {
  switch (request.type) {
    case 'portal/settings':
    case 'exception/save':
    case 'exception/delete':
    case 'instance/include':
    case 'instance/disconnect':
    case 'instance/rescan':
    case 'instance/tabs':
    case 'walkthrough/show':
    case 'export/import':
      return portalCommand(request, context);
    case 'tab/context':
      return tabContext(context, request.tabId);
    case 'instance/connect':
      return connect(context, request.tabId);
    case 'scan/start':
      return startScan(context, request.tabId);
    case 'walkthrough/target': {
      // Read once: reopening the panel later should not land on the same recommendation again.
      const controlId = walkthroughTargets.get(request.tabId);
      walkthroughTargets.delete(request.tabId);
      return Promise.resolve({ controlId });
    }
    case 'walkthrough/go':
      return goToStep(context, request.tabId, request.controlId, request.stepIndex);
    case 'control/verify':
      return verify(context, request.tabId, request.controlId);
    case 'overlay/anchor-status':
      return Promise.resolve(anchorStatuses.get(request.tabId) ?? ({ found: [], missing: [] } satisfies AnchorStatus));
    case 'instance/allow-domain':
      return context.tabs
        .get(request.tabId)
        .catch(() => undefined)
        .then((tab) =>
          allowCustomDomain({ db: context.db, connectors: context.connectors, browser: context.actions?.customDomains }, request.tabId, tab?.url, request.app),
        );
  }
}
