import { useEffect, useState } from 'react';
import { sendRequest } from '@/utils/messaging';

interface FirefoxSidebar {
  sidebarAction?: { open(): Promise<void> };
}

/**
 * Opens the side panel for a tab. Call it synchronously inside the click handler, before any await:
 * browsers only open panels during the user's gesture (Chrome's sidePanel, Firefox's sidebar).
 */
export function openSidePanel(tabId: number): Promise<boolean> {
  try {
    if (browser.sidePanel?.open) return browser.sidePanel.open({ tabId }).then(() => true, () => false);
    const sidebar = (browser as unknown as FirefoxSidebar).sidebarAction;
    if (sidebar) return sidebar.open().then(() => true, () => false);
  } catch {
    // Fall through: the panel could not be opened from here.
  }
  return Promise.resolve(false);
}

/**
 * The most recently used tab that shows an instance, asked when the pane opens, again whenever the
 * portal regains focus, and whenever a tab finishes loading, changes its address or closes: the admin
 * may open or close the instance in another window while the portal stays in view, and a button for a
 * tab that is gone would only fail when chosen.
 */
export function useInstanceTab(instanceKey: string | undefined): { tabId?: number; checked: boolean } {
  const [state, setState] = useState<{ key?: string; tabId?: number; checked: boolean }>({ checked: false });
  useEffect(() => {
    if (!instanceKey) return;
    let live = true;
    // Answers can cross (a tab event right after a focus): only the latest question's answer counts.
    let asked = 0;
    const ask = () => {
      const question = ++asked;
      const answer = (tabId: number | undefined) => live && question === asked && setState({ key: instanceKey, tabId, checked: true });
      return sendRequest(browser.runtime, { type: 'instance/tabs', instanceKey })
        .then((result) => answer(result.tabIds[0]))
        .catch(() => answer(undefined));
    };
    const onUpdated = (_tabId: number, change: { status?: string; url?: string }) => {
      if (change.status === 'complete' || change.url !== undefined) void ask();
    };
    const onRemoved = () => void ask();
    void ask();
    window.addEventListener('focus', ask);
    browser.tabs?.onUpdated.addListener(onUpdated);
    browser.tabs?.onRemoved.addListener(onRemoved);
    return () => {
      live = false;
      window.removeEventListener('focus', ask);
      browser.tabs?.onUpdated.removeListener(onUpdated);
      browser.tabs?.onRemoved.removeListener(onRemoved);
    };
  }, [instanceKey]);
  return state.key === instanceKey ? { tabId: state.tabId, checked: state.checked } : { checked: false };
}
