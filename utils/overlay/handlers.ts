import type { BackgroundContext } from '../background-handlers';
import { environmentFor } from '../background-scans';
import type { PanelEvent } from '../messaging';
import { instanceKeyOf } from '../scan';
import { anchorStatuses, pendingHighlights, walkthroughTargets } from '../tab-state';
import { badgesForPage, pageForUrl } from './badges';
import type { OverlayRequest, OverlayState } from './protocol';

/** Who sent an overlay message: the tab and frame of a content script. */
export interface OverlaySender {
  tabId?: number;
  frameId?: number;
  cookieStoreId?: string;
}

export interface OverlayContext extends BackgroundContext {
  /** Opens the side panel for a tab; must be called before any await to keep the user's gesture. */
  openPanel(tabId: number): Promise<boolean>;
  /** Tells the extension's pages (the side panel) what happened. */
  notifyPanel(event: PanelEvent): void;
}

const idle = (reason: string): OverlayState => ({ state: 'idle', reason });

/** The badges for the page a frame shows, from the instance's latest findings. */
async function overlayState(context: OverlayContext, sender: OverlaySender, url: string): Promise<OverlayState> {
  const connector = context.connectors.find((candidate) => candidate.recognize(url));
  if (!connector) return idle('Not a page of a supported app.');
  const match = pageForUrl(connector.pages, url);
  if (!match) return idle('No checked setting on this page.');
  // Pages whose settings live in a frame are drawn by the frame's overlay, not by the shell around it.
  if (!match.framed && match.page.framePaths.length > 0) return idle('The settings are in this page’s frame.');
  let instanceKey: string;
  try {
    const session = await connector.openSession(environmentFor(context, sender.tabId), { url, cookieStoreId: sender.cookieStoreId });
    instanceKey = instanceKeyOf(session.instance.app, session.instance.instanceId);
  } catch {
    return idle('Not signed in.');
  }
  const instance = await context.db.instances.get(instanceKey);
  if (!instance?.lastGoodScanId) return idle('This instance has not been scanned yet.');
  const findings = await context.db.findings.where('scanId').equals(instance.lastGoodScanId).toArray();
  const now = new Date().toISOString();
  // An exception for the whole control (not only some of its entities) that has not expired shows as such.
  const exceptions = new Map(
    (await context.db.exceptions.where('instanceKey').equals(instanceKey).toArray())
      .filter((exception) => !exception.entityIds?.length && (!exception.expiresAt || exception.expiresAt > now))
      .map((exception) => [exception.controlId, exception.kind]),
  );
  const badges = badgesForPage(
    match.page,
    connector.controls,
    findings.map((finding) => ({ ...finding, exception: exceptions.get(finding.controlId) })),
  );
  let highlight: string | undefined;
  const pending = sender.tabId === undefined ? undefined : pendingHighlights.get(sender.tabId);
  if (pending && pending.pageKey === match.page.key) {
    highlight = pending.anchorKey;
    pendingHighlights.delete(sender.tabId!);
  }
  return { state: 'ready', instanceKey, pageKey: match.page.key, pageTitle: match.page.title, badges, highlight };
}

export function handleOverlayRequest(request: OverlayRequest, sender: OverlaySender, context: OverlayContext): Promise<unknown> {
  switch (request.type) {
    case 'overlay/state':
      return overlayState(context, sender, request.url);
    case 'overlay/anchors': {
      if (sender.tabId !== undefined) {
        const connector = context.connectors.find((candidate) => candidate.recognize(request.url));
        const page = connector?.pages.find((candidate) => candidate.key === request.pageKey);
        anchorStatuses.set(sender.tabId, {
          pageKey: request.pageKey,
          pageTitle: page?.title,
          found: request.found,
          missing: request.missing,
        });
        context.notifyPanel({ type: 'panel/anchors', tabId: sender.tabId });
      }
      return Promise.resolve({ ok: true });
    }
    case 'overlay/walkthrough': {
      const tabId = sender.tabId;
      if (tabId === undefined) return Promise.resolve({ opened: false });
      const opening = context.openPanel(tabId);
      walkthroughTargets.set(tabId, request.controlId);
      return opening.then((opened) => {
        context.notifyPanel({ type: 'panel/show', tabId, controlId: request.controlId });
        return { opened };
      });
    }
  }
}
