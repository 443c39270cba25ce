import type { BackgroundContext, TabInfo } from './background-handlers';
import type { SessionEnvironment } from './connector';
import type { InstanceRecord, ScanRecord } from './db';
import { ScanError, toScanErrorInfo } from './errors';
import { exceptionState } from './exceptions';
import { applyRetention, goodStatuses, resultsOf } from './history';
import type { CommandResult } from './messaging';
import { regressionMessage, regressionOf } from './notify';
import { loadPortalSettings } from './portal-settings';
import { instanceKeyOf, markInterruptedScans, runningScansIn, runScan } from './scan';

/**
 * Scans started by the service worker: which tab shows which instance, starting a scan through the
 * admin's session in a tab, and what follows a scan (regression notification, retention, overlays).
 */

/** Scans in flight, one per instance: a second "Scan now" joins the first. */
export const runningScans = new Map<string, Promise<unknown>>();

/** The session environment for one tab: the browser's cookies and fetch, and reads through that tab's page. */
export function environmentFor(context: BackgroundContext, tabId: number | undefined): SessionEnvironment {
  return tabId === undefined || !context.pageFetchFor ? context.environment : { ...context.environment, pageFetch: context.pageFetchFor(tabId) };
}

/** The app page a tab shows, with the connector that recognises it; null for other sites and closed tabs. */
export async function recognizedTab(context: BackgroundContext, tabId: number) {
  const tab = await context.tabs.get(tabId).catch(() => undefined);
  const url = tab?.url;
  if (!url) return null;
  for (const connector of context.connectors) {
    const recognition = connector.recognize(url);
    if (recognition) return { url, cookieStoreId: tab?.cookieStoreId, connector, recognition };
  }
  return null;
}

export const notSupported = (): CommandResult => ({
  ok: false,
  error: { kind: 'unsupported_page', message: 'Open the admin console of a supported app in this tab.' },
});

/**
 * Starts a scan through a tab (the admin's session there) and returns at once; the scan runs on. With
 * `expectedInstanceKey`, the tab must show that instance.
 */
export async function startScan(context: BackgroundContext, tabId: number, expectedInstanceKey?: string): Promise<CommandResult> {
  const page = await recognizedTab(context, tabId);
  if (!page) return notSupported();
  const { connector } = page;
  try {
    const session = await connector.openSession(environmentFor(context, tabId), page);
    const instanceKey = instanceKeyOf(session.instance.app, session.instance.instanceId);
    if (expectedInstanceKey !== undefined && instanceKey !== expectedInstanceKey) {
      throw new ScanError({ kind: 'not_found', message: 'This tab shows another instance. Open the instance to scan in a tab, then scan.' });
    }
    const [instance, timeoutSetting] = await Promise.all([context.db.instances.get(instanceKey), context.db.settings.get('requestTimeoutMs')]);
    if (!instance) {
      throw new ScanError({ kind: 'not_found', message: 'Connect this org first, then scan.' });
    }
    // Nothing is awaited between this check and `runningScans.set`: two tabs asking at once make one scan.
    if (!runningScans.has(instanceKey)) {
      const timeoutMs = typeof timeoutSetting?.value === 'number' && timeoutSetting.value >= 1000 ? timeoutSetting.value : undefined;
      // What the scan is compared with for a regression notification.
      const previousGoodScanId = instance.lastGoodScanId;
      const scan = runScan({
        connector,
        session: { ...session, instance: { ...session.instance, name: instance.name } },
        db: context.db,
        http: timeoutMs ? { timeoutMs } : undefined,
        now: context.now,
      })
        // The instance is free for the next "Scan now" as soon as its scan is stored; what follows runs on.
        .finally(() => {
          runningScans.delete(instanceKey);
          if (runningScans.size === 0) void context.actions?.watchScans?.(false).catch(() => undefined);
        })
        .then((outcome) => afterScan(context, instance, previousGoodScanId, outcome.scan))
        .catch(() => undefined);
      runningScans.set(instanceKey, scan);
      await context.actions?.watchScans?.(true);
    }
    return { ok: true, instanceKey };
  } catch (error) {
    return { ok: false, error: toScanErrorInfo(error) };
  }
}

/** The open tabs showing an instance with a signed-in session, most recently used first. */
export async function tabsShowing(context: BackgroundContext, instance: Pick<InstanceRecord, 'key' | 'app'>): Promise<number[]> {
  const connector = context.connectors.find((candidate) => candidate.id === instance.app);
  if (!connector || !context.tabs.query) return [];
  const tabs = await context.tabs.query({}).catch(() => [] as TabInfo[]);
  const candidates = tabs.filter((tab): tab is TabInfo & { id: number; url: string } => tab.id !== undefined && !!tab.url && connector.recognize(tab.url) !== null);
  const matches = await Promise.all(
    candidates.map(async (tab) => {
      try {
        // As for the popup: opening a session (cookies, or the tab's page) tells which instance the tab shows; it sends nothing to the SaaS.
        const session = await connector.openSession(environmentFor(context, tab.id), { url: tab.url, cookieStoreId: tab.cookieStoreId });
        return instanceKeyOf(session.instance.app, session.instance.instanceId) === instance.key ? tab : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return matches
    .filter((tab): tab is TabInfo & { id: number; url: string } => tab !== undefined)
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
    .map((tab) => tab.id);
}

/**
 * When the service worker starts: the scans a stopped worker left running are marked failed (nothing of
 * them was stored, so the last good scan stands), and each is started again through a tab that still
 * shows its instance with a session. Without such a tab the failure says to scan again.
 */
export async function restartInterruptedScans(context: BackgroundContext): Promise<{ restarted: string[]; failed: string[] }> {
  const running = await runningScansIn(context.db);
  const tabOf = new Map<string, number>();
  for (const scan of running) {
    const instance = await context.db.instances.get(scan.instanceKey);
    const tabId = instance ? (await tabsShowing(context, instance).catch(() => []))[0] : undefined;
    if (tabId !== undefined) tabOf.set(scan.instanceKey, tabId);
  }
  await markInterruptedScans(
    context.db,
    running,
    (scan) =>
      tabOf.has(scan.instanceKey)
        ? 'The scan was interrupted (the browser stopped the extension) and started again.'
        : 'The scan was interrupted (the browser stopped the extension). Open the instance in a tab and scan again.',
    nowOf(context),
  );
  const restarted: string[] = [];
  for (const [instanceKey, tabId] of tabOf) {
    if ((await startScan(context, tabId, instanceKey)).ok) restarted.push(instanceKey);
  }
  if (runningScans.size === 0) await context.actions?.watchScans?.(false).catch(() => undefined);
  return { restarted, failed: running.map((scan) => scan.instanceKey).filter((key) => !restarted.includes(key)) };
}

export function findControl(context: BackgroundContext, controlId: string) {
  for (const connector of context.connectors) {
    const control = connector.controls.find((candidate) => candidate.id === controlId);
    if (control) return { connector, control };
  }
  return undefined;
}

export const nowOf = (context: BackgroundContext) => (context.now ? context.now() : new Date());

/** Evidence kept per instance beyond `results`: the newest scans' findings and snapshots. */
export const keepEvidenceScans = 10;

/**
 * After a scan finished: the regression notification (compared with the instance's previous good scan,
 * before retention may delete that one), retention, then the overlays. Each step failing leaves the others.
 */
export async function afterScan(context: BackgroundContext, instance: InstanceRecord, previousGoodScanId: string | undefined, scan: ScanRecord): Promise<void> {
  const { db } = context;
  const settings = await loadPortalSettings(db).catch(() => undefined);
  if (settings && goodStatuses.has(scan.status)) {
    if (settings.notifyOnRegression && previousGoodScanId && context.actions?.notify) {
      await notifyRegression(context, instance, previousGoodScanId, scan).catch(() => undefined);
    }
    await applyRetention(db, { retentionDays: settings.retentionDays, keepEvidenceScans, now: nowOf(context) }).catch(() => undefined);
  }
  await context.actions?.refreshOverlays();
}

async function notifyRegression(context: BackgroundContext, instance: InstanceRecord, previousGoodScanId: string, scan: ScanRecord) {
  const { db } = context;
  const previous = await db.scans.get(previousGoodScanId);
  if (!previous) return;
  const now = nowOf(context);
  // A control failing under an active whole-control exception is not news.
  const excepted = new Set(
    (await db.exceptions.where('instanceKey').equals(instance.key).toArray())
      .filter((exception) => !exception.entityIds?.length && exceptionState(exception, now) === 'active')
      .map((exception) => exception.controlId),
  );
  const regression = regressionOf(
    { results: await resultsOf(db, previous), scorePercent: previous.score?.percent ?? null },
    { results: await resultsOf(db, scan), scorePercent: scan.score?.percent ?? null },
    { ignore: excepted },
  );
  if (!regression) return;
  const titleOf = (controlId: string) => findControl(context, controlId)?.control.title;
  await context.actions!.notify!(`posture-lens:regression:${instance.key}`, regressionMessage(instance.name, regression, titleOf));
}
