import type { AnchorStatus } from './messaging';

/**
 * What the service worker remembers per tab between messages: the recommendation a "Fix it step by
 * step" asked for, the field a walkthrough step wants highlighted once its page loads, and which
 * anchors the overlay found. In memory only: a restarted service worker simply forgets them.
 */
export const walkthroughTargets = new Map<number, string>();
export const pendingHighlights = new Map<number, { pageKey: string; anchorKey: string }>();
export const anchorStatuses = new Map<number, AnchorStatus>();

export function forgetTab(tabId: number): void {
  walkthroughTargets.delete(tabId);
  pendingHighlights.delete(tabId);
  anchorStatuses.delete(tabId);
}
