import { browser } from 'wxt/browser';
import { createBadge } from './badge';
import { type BannerView, createBanner } from './banner';
import { prefersReducedMotion } from './dom';
import { showHighlight } from './highlight';
import { rowOf } from './locate';
import { type PlacedBadge, createPlacement } from './placement';
import {
  type OverlayRequest,
  type OverlayState,
  overlayCommandSchema,
  overlayStateSchema,
  walkthroughResultSchema,
} from './protocol';

/**
 * The in-page overlay of every app: asks the service worker what to draw on this page (the state
 * comes from stored findings, so nothing waits on the network per badge), keeps badges beside their
 * settings, summarises the page, highlights a walkthrough's field and reports which anchors it found.
 * It knows no app: anchors arrive as locators in the state.
 */

/** The part of `browser.runtime` the overlay uses; tests pass their own. */
export interface OverlayTransport {
  sendMessage(message: OverlayRequest): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

/** The part of WXT's `ContentScriptContext` the overlay uses. */
export interface OverlayScriptContext {
  readonly isValid: boolean;
  onInvalidated(callback: () => void): () => void;
  addEventListener(target: Window, type: 'wxt:locationchange', handler: (event: Event) => void): void;
}

export interface OverlayOptions {
  doc?: Document;
  /** Quiet time after the last mutation before anchors are reported. */
  settleMs?: number;
  /** Report by then even when the page keeps changing. */
  maxSettleMs?: number;
}

export interface OverlayHandle {
  /** Asks for the state again (what `overlay/refresh` does); resolves when it is drawn. */
  refresh(): Promise<void>;
  stop(): void;
}

type ReadyState = Extract<OverlayState, { state: 'ready' }>;

const isRisky = (entry: PlacedBadge) => entry.located !== null && (entry.badge.status === 'non_compliant' || entry.badge.status === 'partial');
/** A highlight asked for before its anchor appeared waits this long. */
const highlightWaitMs = 10_000;

export function startOverlay(ctx: OverlayScriptContext, transport: OverlayTransport = browser.runtime, options: OverlayOptions = {}): OverlayHandle {
  const doc = options.doc ?? document;
  const settleMs = options.settleMs ?? 1500;
  const maxSettleMs = options.maxSettleMs ?? 5000;
  let state: ReadyState | null = null;
  let request = 0;
  let stopped = false;
  let banner: BannerView | null = null;
  let bannerRemovals = 0;
  let bannerShown = false;
  /** Pages whose summary the admin dismissed: in memory only, never in the page's storage. */
  const dismissed = new Set<string>();
  let nextIndex = -1;
  let removeHighlight: (() => void) | null = null;
  let waitingHighlight: { anchorKey: string; until: number } | null = null;
  let lastReport = '';
  let reportTimer: number | undefined;
  let unsettledSince = Date.now();

  const walkthrough = async (controlId: string) => {
    const answer = await transport.sendMessage({ type: 'overlay/walkthrough', controlId });
    const parsed = walkthroughResultSchema.safeParse(answer);
    return parsed.success && parsed.data.opened;
  };

  // WXT's ctx.setTimeout/requestAnimationFrame add an abort listener per call, which piles up on a
  // long-lived single-page app; the window's own timers with a stop check do the same job.
  const view = doc.defaultView ?? window;
  const scheduler = {
    setTimeout: (handler: () => void, ms: number) => view.setTimeout(() => !stopped && ctx.isValid && handler(), ms),
    requestAnimationFrame: (callback: FrameRequestCallback) => view.requestAnimationFrame((time) => !stopped && ctx.isValid && callback(time)),
  };

  const placement = createPlacement({
    doc,
    scheduler,
    createView: (badge) => createBadge(doc, badge, { walkthrough }),
    onPass: () => {
      updateBanner();
      if (waitingHighlight) highlight(waitingHighlight.anchorKey);
      scheduleReport();
    },
  });

  function report() {
    clearTimeout(reportTimer);
    if (!state || stopped) return;
    const { found, missing } = placement.status();
    const url = doc.defaultView?.location.href ?? '';
    const key = JSON.stringify([url, state.pageKey, found, missing]);
    if (key === lastReport) return;
    lastReport = key;
    transport.sendMessage({ type: 'overlay/anchors', url, pageKey: state.pageKey, found, missing }).catch(() => undefined);
  }

  /** Reports when every anchor is found, else once the page has been quiet for `settleMs`. */
  function scheduleReport() {
    clearTimeout(reportTimer);
    if (!placement.status().pending || Date.now() - unsettledSince >= maxSettleMs) return report();
    reportTimer = scheduler.setTimeout(() => {
      placement.flush();
      report();
    }, settleMs);
  }

  const risky = () =>
    placement
      .entries()
      .filter(isRisky)
      .sort((a, b) => (a.view.host.compareDocumentPosition(b.view.host) & 4 /* FOLLOWING */ ? -1 : 1));

  function removeBanner() {
    banner?.host.remove();
    banner = null;
    bannerShown = false;
  }

  function updateBanner() {
    const items = risky();
    if (!state || !items.length || dismissed.has(state.pageKey) || bannerRemovals > 20) return removeBanner();
    banner ??= createBanner(doc, {
      next: () => {
        const list = risky();
        if (!list.length) return;
        nextIndex = (nextIndex + 1) % list.length;
        reveal(list[nextIndex] as PlacedBadge);
      },
      dismiss: () => {
        if (state) dismissed.add(state.pageKey);
        removeBanner();
      },
    });
    banner.update(items.length, items.reduce((sum, entry) => sum + entry.badge.points, 0));
    if (!banner.host.isConnected && doc.body) {
      // Put back when a re-render removed it, up to the same limit as badges.
      if (bannerShown) bannerRemovals += 1;
      doc.body.append(banner.host);
      bannerShown = true;
    }
  }

  function reveal(entry: PlacedBadge) {
    entry.view.host.scrollIntoView?.({ block: 'center', behavior: prefersReducedMotion(doc) ? 'auto' : 'smooth' });
    entry.view.focus();
  }

  function highlight(anchorKey: string) {
    const entry = placement.entries().find((candidate) => candidate.badge.anchorKey === anchorKey && candidate.located);
    if (!entry?.located) {
      if (!waitingHighlight || waitingHighlight.anchorKey !== anchorKey) waitingHighlight = { anchorKey, until: Date.now() + highlightWaitMs };
      else if (Date.now() > waitingHighlight.until) waitingHighlight = null;
      return;
    }
    waitingHighlight = null;
    // Instant scroll, so the outline is measured where the row ends up.
    entry.located.control.scrollIntoView?.({ block: 'center', behavior: 'auto' });
    removeHighlight?.();
    removeHighlight = showHighlight(doc, rowOf(entry.located), { setTimeout: (handler, ms) => view.setTimeout(handler, ms) });
    entry.view.focus();
  }

  function reset() {
    placement.clear();
    removeBanner();
    removeHighlight?.();
    removeHighlight = null;
    waitingHighlight = null;
    clearTimeout(reportTimer);
    state = null;
  }

  function apply(next: ReadyState | null) {
    if (!next) return reset();
    const previous = state;
    if (previous?.pageKey !== next.pageKey) {
      unsettledSince = Date.now();
      nextIndex = -1;
      bannerRemovals = 0;
    }
    state = next;
    placement.set(next.badges);
    if (next.highlight && (next.highlight !== previous?.highlight || previous?.pageKey !== next.pageKey)) highlight(next.highlight);
  }

  async function refresh(url = doc.defaultView?.location.href ?? '') {
    const mine = ++request;
    let answer: unknown;
    try {
      answer = await transport.sendMessage({ type: 'overlay/state', url });
    } catch {
      return; // No service worker answer (extension reloading): keep what is drawn.
    }
    if (mine !== request || stopped || !ctx.isValid) return;
    const parsed = overlayStateSchema.safeParse(answer);
    apply(parsed.success && parsed.data.state === 'ready' ? parsed.data : null);
  }

  const onCommand = (message: unknown) => {
    const parsed = overlayCommandSchema.safeParse(message);
    if (!parsed.success || stopped) return;
    if (parsed.data.type === 'overlay/refresh') void refresh();
    else highlight(parsed.data.anchorKey);
  };

  function stop() {
    if (stopped) return;
    stopped = true;
    transport.onMessage.removeListener(onCommand);
    reset();
  }

  transport.onMessage.addListener(onCommand);
  ctx.addEventListener(view, 'wxt:locationchange', (event) => {
    // A single-page navigation: the old page's badges and observers go; the new page is asked for. The
    // event can fire before `location` changes (Navigation API), so the new URL comes from the event.
    reset();
    lastReport = '';
    void refresh((event as Event & { newUrl?: URL }).newUrl?.href);
  });
  ctx.onInvalidated(stop);
  void refresh();
  return { refresh, stop };
}
