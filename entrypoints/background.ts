import { connectors } from '@/connectors';
import { handleRequest, type BrowserActions } from '@/utils/background-handlers';
import { restartInterruptedScans } from '@/utils/background-scans';
import { runScheduledScans } from '@/utils/portal-commands';
import { restoreCustomDomains } from '@/utils/custom-domains';
import { createDatabase } from '@/utils/db';
import { requestSchema, type PanelEvent } from '@/utils/messaging';
import { handleOverlayRequest, type OverlayContext } from '@/utils/overlay/handlers';
import { overlayRequestSchema, type OverlayCommand } from '@/utils/overlay/protocol';
import { createPageFetch } from '@/utils/page-fetch/client';
import { loadPortalSettings } from '@/utils/portal-settings';
import { alarmFor, scanWatchdog, scheduledScanAlarm, type AlarmSpec } from '@/utils/schedule';
import { forgetTab } from '@/utils/tab-state';

/** A 48 px magnifier for notifications (the extension ships no icon files; Chrome requires one). */
const notificationIcon = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAsklEQVR42u3Z0Q2AMAgEUDZxRAd3CB3BFA442iPxl/bZaFuw637eyY8JIIAAAuwB+AtKgDcoANFoA6CjFJAVJYDIRDIREEBlDhcAPSgyn1VPHp33TEDm7g0FZG9CiPzW9fZRYwgggACnAUb9RsdvZDoLMQDGH6e3uNBUXCnTVyDzUp/+DTAjWgtbCER7aTGKoCjuRhA05XUvgqo/4EHQNTjGA1ZPqbQtpvEANfkEEOAQwAeFOvEVR8+7lgAAAABJRU5ErkJggg==';

interface FirefoxSidebar {
  sidebarAction?: { open(): Promise<void> };
}

export default defineBackground(() => {
  const db = createDatabase();
  const environment = {
    cookies: browser.cookies,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  };
  // Messages wait for the custom domains the admin allowed, so a tab on one is recognised from the first message.
  const ready = restoreCustomDomains(db, connectors).catch(() => undefined);

  const setSchedule = async (alarm: AlarmSpec | null) => {
    await browser.alarms.clear(scheduledScanAlarm);
    if (alarm) await browser.alarms.create(alarm.name, { periodInMinutes: alarm.periodInMinutes, delayInMinutes: alarm.delayInMinutes });
  };

  const tellTab = async (tabId: number, command: OverlayCommand) => {
    await browser.tabs.sendMessage(tabId, command).catch(() => undefined);
  };
  const actions: BrowserActions = {
    async navigate(tabId, url) {
      await browser.tabs.update(tabId, { url });
    },
    tellTab,
    setSchedule,
    async notify(id, { title, message }) {
      // `notifications` is an optional permission: without it (or off in the portal) nothing is shown.
      const granted = await browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false);
      if (!granted || !browser.notifications) return;
      await browser.notifications.create(id, { type: 'basic', iconUrl: notificationIcon, title, message }).catch(() => undefined);
    },
    async watchScans(running) {
      if (running) await browser.alarms.create(scanWatchdog.name, { periodInMinutes: scanWatchdog.periodInMinutes });
      else await browser.alarms.clear(scanWatchdog.name);
    },
    async refreshOverlays() {
      const tabs = await browser.tabs.query({});
      await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : tellTab(tab.id, { type: 'overlay/refresh' }))));
    },
    customDomains: {
      hasOrigin: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
      async registerScripts(scripts) {
        // Allowing an origin again replaces its scripts rather than failing on their ids.
        await browser.scripting.unregisterContentScripts({ ids: scripts.map((script) => script.id) }).catch(() => undefined);
        await browser.scripting.registerContentScripts(
          scripts.map((script) => ({ ...script, runAt: script.runAt as 'document_idle' | undefined, world: script.world as 'MAIN' | undefined, persistAcrossSessions: true })),
        );
      },
      async reload(tabId) {
        await browser.tabs.reload(tabId);
      },
    },
  };
  const context: OverlayContext = {
    db,
    environment,
    tabs: browser.tabs,
    connectors,
    actions,
    // Only the top frame's content script answers: it is on the admin console's own origin.
    pageFetchFor: (tabId) => createPageFetch((message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 })),
    openPanel(tabId) {
      // Both calls must happen before any await: browsers only open panels during the user's gesture.
      if (browser.sidePanel?.open) return browser.sidePanel.open({ tabId }).then(() => true, () => false);
      const sidebar = (browser as unknown as FirefoxSidebar).sidebarAction;
      if (sidebar) return sidebar.open().then(() => true, () => false);
      return Promise.resolve(false);
    },
    notifyPanel(event: PanelEvent) {
      browser.runtime.sendMessage(event).catch(() => undefined);
    },
  };

  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

  // A worker stopped mid-scan (by the browser, or an update) left its scans running: start them again.
  void ready.then(() => restartInterruptedScans(context)).catch(() => undefined);

  // Scheduled scans: browsers may drop alarms on restart, so the alarm is made to match the setting at start.
  void ready.then(async () => {
    const wanted = alarmFor((await loadPortalSettings(db)).schedule);
    const existing = await browser.alarms.get(scheduledScanAlarm);
    if (wanted && existing?.periodInMinutes !== wanted.periodInMinutes) await setSchedule(wanted);
    if (!wanted && existing) await setSchedule(null);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === scheduledScanAlarm) void ready.then(() => runScheduledScans(context)).catch(() => undefined);
    // The scan watchdog only needs to wake the worker: restarting what was interrupted happens at its start.
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    // Extension pages opened in a tab also have `sender.tab`; only content scripts run on other origins.
    const fromContentScript = sender.tab !== undefined && !sender.url?.startsWith(browser.runtime.getURL('/'));
    if (fromContentScript && sender.tab) {
      const overlay = overlayRequestSchema.safeParse(message);
      if (!overlay.success) return undefined;
      const tab = sender.tab;
      const from = { tabId: tab.id, frameId: sender.frameId, cookieStoreId: (tab as { cookieStoreId?: string }).cookieStoreId };
      // A walkthrough opens the side panel: that must happen within the click, before any await.
      if (overlay.data.type === 'overlay/walkthrough') return handleOverlayRequest(overlay.data, from, context);
      return ready.then(() => handleOverlayRequest(overlay.data, from, context));
    }
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    return ready.then(() => handleRequest(parsed.data, context));
  });
});
