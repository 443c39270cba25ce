import { connectors } from '@/connectors';
import { handleRequest, type BrowserActions } from '@/utils/background-handlers';
import { restoreCustomDomains } from '@/utils/custom-domains';
import { createDatabase } from '@/utils/db';
import { requestSchema, type PanelEvent } from '@/utils/messaging';
import { handleOverlayRequest, type OverlayContext } from '@/utils/overlay/handlers';
import { overlayRequestSchema, type OverlayCommand } from '@/utils/overlay/protocol';
import { createPageFetch } from '@/utils/page-fetch/client';
import { markInterruptedScans } from '@/utils/scan';
import { forgetTab } from '@/utils/tab-state';

interface FirefoxSidebar {
  sidebarAction?: { open(): Promise<void> };
}

export default defineBackground(() => {
  const db = createDatabase();
  const environment = {
    cookies: browser.cookies,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  };
  void markInterruptedScans(db);
  // Messages wait for the custom domains the admin allowed, so a tab on one is recognised from the first message.
  const ready = restoreCustomDomains(db, connectors).catch(() => undefined);

  const tellTab = async (tabId: number, command: OverlayCommand) => {
    await browser.tabs.sendMessage(tabId, command).catch(() => undefined);
  };
  const actions: BrowserActions = {
    async navigate(tabId, url) {
      await browser.tabs.update(tabId, { url });
    },
    tellTab,
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
