/** Opens the portal (the full-page view) in a new tab; from the popup, the side panel or anywhere. */
export function openPortal(hash = ''): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/portal.html${hash}`) });
}
