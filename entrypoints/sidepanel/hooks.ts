import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { db } from '@/components/db';
import type { ScanErrorInfo } from '@/utils/errors';
import { panelEventSchema, sendRequest, type AnchorStatus, type PanelEvent, type TabContext } from '@/utils/messaging';

/** `?tabId=N` pins the panel to one tab (the background opens it so, and so do the end-to-end tests). */
function tabIdFromUrl(): number | undefined {
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromUrl) && fromUrl > 0 ? fromUrl : undefined;
}

export interface FollowedTab {
  tabId?: number;
  context?: TabContext;
  failure?: ScanErrorInfo;
  /** Bumped each time the tab finishes loading a page or changes its URL (single-page navigation). */
  navigation: number;
}

/**
 * The tab the panel serves and what the background knows about it. Without `?tabId` the panel follows
 * the active tab of its window, as Chrome's side panel and Firefox's sidebar stay open across tabs.
 */
export function useFollowedTab(): FollowedTab {
  const [tabId, setTabId] = useState<number>();
  const [context, setContext] = useState<TabContext>();
  const [failure, setFailure] = useState<ScanErrorInfo>();
  const [navigation, setNavigation] = useState(0);
  const current = useRef<number | undefined>(undefined);

  const ask = useCallback(async (id: number) => {
    try {
      const answer = await sendRequest(browser.runtime, { type: 'tab/context', tabId: id });
      if (current.current !== id) return;
      setFailure(undefined);
      setContext(answer);
    } catch (error) {
      if (current.current !== id) return;
      setFailure({ kind: 'network', message: `The extension's background did not answer (${String(error)}). Close and reopen the side panel.` });
    }
  }, []);

  const follow = useCallback(
    (id: number | undefined) => {
      if (id === current.current) return;
      current.current = id;
      setTabId(id);
      setContext(id === undefined ? { kind: 'unsupported', apps: [] } : undefined);
      if (id !== undefined) void ask(id);
    },
    [ask],
  );

  useEffect(() => {
    const pinned = tabIdFromUrl();
    let windowId: number | undefined;
    if (pinned !== undefined) follow(pinned);
    else {
      void browser.windows.getCurrent().then((window) => {
        windowId = window.id;
      });
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => follow(tab?.id));
    }

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (pinned !== undefined || (windowId !== undefined && info.windowId !== windowId)) return;
      follow(info.tabId);
    };
    const onUpdated = (id: number, change: { status?: string; url?: string }) => {
      if (id !== current.current || (change.status !== 'complete' && change.url === undefined)) return;
      setNavigation((count) => count + 1);
      void ask(id);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [ask, follow]);

  // Connecting happens in the popup, with no navigation in the tab: a new instance re-asks too.
  const instanceKeys = useLiveQuery(async () => (await db.instances.toCollection().primaryKeys()).join('\n'), []);
  useEffect(() => {
    if (instanceKeys !== undefined && current.current !== undefined) void ask(current.current);
  }, [instanceKeys, ask]);

  return { tabId, context, failure, navigation };
}

/** Broadcasts from the background about this panel's tab. */
export function usePanelEvents(tabId: number, onEvent: (event: PanelEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const listener = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const parsed = panelEventSchema.safeParse(message);
      if (parsed.success && parsed.data.tabId === tabId) handler.current(parsed.data);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId]);
}

/**
 * Which anchors the overlay found on the tab's current page, asked again on every navigation and
 * whenever the background says the overlay reported (`panel/anchors`). Undefined until answered or when
 * the overlay cannot say (no page of the app, no content script yet).
 */
export function useAnchorStatus(tabId: number, navigation: number, enabled: boolean): AnchorStatus | undefined {
  const [status, setStatus] = useState<AnchorStatus>();
  const [asked, setAsked] = useState(0);

  usePanelEvents(tabId, (event) => {
    if (event.type === 'panel/anchors') setAsked((count) => count + 1);
  });

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    sendRequest(browser.runtime, { type: 'overlay/anchor-status', tabId })
      .then((answer) => live && setStatus(answer))
      .catch(() => live && setStatus(undefined));
    return () => {
      live = false;
    };
  }, [tabId, navigation, asked, enabled]);

  return enabled ? status : undefined;
}
