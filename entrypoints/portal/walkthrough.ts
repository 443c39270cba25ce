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
 * The most recently used tab that shows an instance, asked when the pane opens and again whenever the
 * portal regains focus (the admin may have opened the instance in another tab meanwhile).
 */
export function useInstanceTab(instanceKey: string | undefined): { tabId?: number; checked: boolean } {
  const [state, setState] = useState<{ key?: string; tabId?: number; checked: boolean }>({ checked: false });
  useEffect(() => {
    if (!instanceKey) return;
    let live = true;
    const ask = () =>
      sendRequest(browser.runtime, { type: 'instance/tabs', instanceKey })
        .then((answer) => live && setState({ key: instanceKey, tabId: answer.tabIds[0], checked: true }))
        .catch(() => live && setState({ key: instanceKey, tabId: undefined, checked: true }));
    void ask();
    window.addEventListener('focus', ask);
    return () => {
      live = false;
      window.removeEventListener('focus', ask);
    };
  }, [instanceKey]);
  return state.key === instanceKey ? { tabId: state.tabId, checked: state.checked } : { checked: false };
}
