import type { BadgeView } from './badge';
import { isOverlayNode } from './dom';
import { type Located, locateAll } from './locate';
import type { Badge } from './protocol';

/**
 * Keeps each badge beside its setting while the page lives: places the ones whose anchor is there,
 * waits for the others, and puts a badge back when a re-render removes it. One MutationObserver for
 * the document (and the shadow roots badges sit in); callbacks only flag work, which runs once per
 * animation frame and reads no layout.
 */

export interface Scheduler {
  setTimeout(handler: () => void, ms: number): number;
  requestAnimationFrame(callback: FrameRequestCallback): number;
}

export interface PlacedBadge {
  key: string;
  badge: Badge;
  view: BadgeView;
  located: Located | null;
  /** How many times the page removed this badge; past the limit it is left out (the page wins). */
  removals: number;
  gaveUp: boolean;
}

export interface PlacementOptions {
  doc: Document;
  scheduler: Scheduler;
  createView(badge: Badge): BadgeView;
  /** After every pass: something may have been placed, removed or still be missing. */
  onPass(): void;
  maxRemovals?: number;
  /** How long after `set` newly added page content is searched on the next frame (then every 250 ms). */
  fastWindowMs?: number;
}

export interface Placement {
  /** Shows these badges: keeps unchanged ones, removes the rest, places the new ones now. */
  set(badges: readonly Badge[]): void;
  entries(): readonly PlacedBadge[];
  /** Anchor keys with a badge on the page, and those without (not found, or given up). */
  status(): { found: string[]; missing: string[]; pending: boolean };
  /** Runs a pass now (e.g. before reporting). */
  flush(): void;
  /** Removes every badge and stops observing. */
  clear(): void;
}

const keyOf = (badge: Badge) => `${badge.controlId}\u0000${badge.anchorKey}`;
/** Open shadow roots are walked at most this often while anchors are missing. */
const shadowWalkIntervalMs = 250;
/** After the fast window, missing anchors are looked for at most this often. */
const slowGapMs = 250;

export function createPlacement(options: PlacementOptions): Placement {
  const { doc, scheduler } = options;
  const maxRemovals = options.maxRemovals ?? 20;
  let entries: PlacedBadge[] = [];
  let scheduled = false;
  let slowQueued = false;
  let startedAt = 0;
  const fastWindowMs = options.fastWindowMs ?? 5000;
  let lastShadowWalk = -Infinity;
  let observing = false;
  const observedRoots = new Set<Node>();

  const pending = () => entries.filter((entry) => !entry.located && !entry.gaveUp);
  const placed = () => entries.some((entry) => entry.located);

  const observer = new MutationObserver((records) => {
    if (scheduled) return;
    const waiting = entries.some((entry) => !entry.located && !entry.gaveUp);
    const watching = placed();
    if (!waiting && !watching) return;
    let added = false;
    for (const record of records) {
      if (watching && record.removedNodes.length) return schedule();
      if (waiting && !added) for (const node of record.addedNodes) if (!isOverlayNode(node)) added = true;
    }
    if (added) Date.now() - startedAt < fastWindowMs ? schedule() : scheduleSlow();
  });

  /** Next frame: a removed badge comes back, or an anchor of a page still loading gets its badge. */
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    scheduler.requestAnimationFrame(pass);
  }

  /** Later: looking for anchors still missing on a settled page is kept to a few times a second. */
  function scheduleSlow() {
    if (scheduled || slowQueued) return;
    slowQueued = true;
    scheduler.setTimeout(() => {
      slowQueued = false;
      schedule();
    }, slowGapMs);
  }

  function observe(root: Node) {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, { childList: true, subtree: true });
  }

  function insert(entry: PlacedBadge, located: Located) {
    const host = entry.view.host;
    if (located.mode === 'append') located.at.append(host);
    else {
      // Several badges on one setting line up after it, in order.
      let reference: Element = located.at;
      while (reference.nextElementSibling && reference.nextElementSibling !== host && isOverlayNode(reference.nextElementSibling)) {
        reference = reference.nextElementSibling;
      }
      reference.after(host);
    }
    entry.located = located;
    const root = host.getRootNode();
    if (root !== doc) observe(root);
  }

  function pass() {
    scheduled = false;
    if (!observing) return;
    for (const entry of entries) {
      if (!entry.located || entry.view.host.isConnected) continue;
      entry.located = null;
      entry.removals += 1;
      if (entry.removals > maxRemovals) entry.gaveUp = true;
    }
    const waiting = pending();
    if (waiting.length) {
      const now = Date.now();
      const shadow = now - lastShadowWalk >= shadowWalkIntervalMs;
      const results = locateAll(doc, waiting.map((entry) => entry.badge.locator), { shadow });
      if (shadow) lastShadowWalk = now;
      waiting.forEach((entry, index) => {
        const located = results[index];
        if (located) insert(entry, located);
      });
      // The shadow walk was skipped to stay cheap: try once more when it is allowed.
      if (!shadow && waiting.some((entry) => !entry.located)) scheduleSlow();
    }
    options.onPass();
  }

  return {
    set(badges) {
      const next = new Map(badges.map((badge) => [keyOf(badge), badge]));
      entries = entries.filter((entry) => {
        const badge = next.get(entry.key);
        if (badge && JSON.stringify(badge) === JSON.stringify(entry.badge)) {
          next.delete(entry.key);
          return true;
        }
        entry.view.host.remove();
        return false;
      });
      for (const [key, badge] of next) {
        entries.push({ key, badge, view: options.createView(badge), located: null, removals: 0, gaveUp: false });
      }
      if (!observing) {
        observing = true;
        observe(doc);
      }
      lastShadowWalk = -Infinity;
      startedAt = Date.now();
      pass();
    },
    entries: () => entries,
    status() {
      const found = new Set<string>();
      const all = new Set<string>();
      for (const entry of entries) {
        all.add(entry.badge.anchorKey);
        if (entry.located) found.add(entry.badge.anchorKey);
      }
      return {
        found: [...found].sort(),
        missing: [...all].filter((key) => !found.has(key)).sort(),
        pending: entries.some((entry) => !entry.located && !entry.gaveUp),
      };
    },
    flush: () => pass(),
    clear() {
      observer.disconnect();
      observedRoots.clear();
      observing = false;
      for (const entry of entries) entry.view.host.remove();
      entries = [];
    },
  };
}
