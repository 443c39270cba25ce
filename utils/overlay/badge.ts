import { bidiSafe } from '../bidi';
import { createHost, formatPoints, h, isolateEvents } from './dom';
import type { Badge } from './protocol';
import { badgeCss } from './styles';

/**
 * One badge beside a setting: a `<posture-lens-badge>` host with an open shadow root holding the
 * button and its tip. All finding text goes in through text nodes. The tip opens on hover and focus,
 * stays open after a click, closes on Escape, blur and mouse leave.
 */

export interface BadgeActions {
  /** Asks the service worker to open the walkthrough; false when the browser could not open the panel. */
  walkthrough(controlId: string): Promise<boolean>;
}

export interface BadgeView {
  host: HTMLElement;
  button: HTMLButtonElement;
  tip: HTMLElement;
  isOpen(): boolean;
  /** Focuses the badge (which opens its tip) without scrolling. */
  focus(): void;
}

export const panelHint = 'Open the Posture Lens side panel from the toolbar to follow the steps.';

const severityWord = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'informational' } as const;

/** Icon and short text on the badge, and the status in words for the label and the tip. */
export function describeStatus(badge: Badge): { icon: string; text: string; words: string; tone: string } {
  const severity = severityWord[badge.severity];
  switch (badge.status) {
    case 'non_compliant':
      return { icon: '!', text: badge.severity.toUpperCase(), words: `non-compliant, ${severity} severity`, tone: badge.severity };
    case 'partial':
      return { icon: '◐', text: 'PARTIAL', words: `partially compliant, ${severity} severity`, tone: 'partial' };
    case 'compliant':
      return { icon: '✓', text: 'OK', words: 'compliant', tone: 'compliant' };
    case 'exception':
      return { icon: '⊘', text: 'EXCEPTION', words: `exception${badge.exception ? `: ${badge.exception}` : ''}`, tone: 'exception' };
    default:
      return { icon: '', text: '?', words: 'not checked, the data could not be read', tone: 'unknown' };
  }
}

export function badgeLabel(badge: Badge): string {
  // The visible word (HIGH, PARTIAL, OK…) leads the name, so speech input can target what is shown.
  const status = describeStatus(badge);
  return `${status.text} · Posture Lens: ${badge.title} — ${status.words}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Actual and expected in one line, whichever the finding has. */
export function valuesLine(badge: Badge): string | null {
  const parts = [badge.actual !== undefined && `Actual: ${bidiSafe(badge.actual)}`, badge.expected !== undefined && `Expected: ${bidiSafe(badge.expected)}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

export function createBadge(doc: Document, badge: Badge, actions: BadgeActions): BadgeView {
  // Negative vertical margins: the 20 px badge counts as 12 px in the line, so the page's rows keep
  // their height and only grow by the badge's width.
  const { host, root } = createHost(doc, 'badge', 'display:inline-block;position:relative;vertical-align:middle;height:20px;margin:-4px 0 -4px 6px;', badgeCss);
  host.dataset.controlId = badge.controlId;
  host.dataset.anchorKey = badge.anchorKey;
  isolateEvents(host);
  const status = describeStatus(badge);

  const button = h(doc, 'button', {
    type: 'button',
    class: `badge ${status.tone}`,
    'aria-label': badgeLabel(badge),
    'aria-expanded': 'false',
    'aria-controls': 'tip',
    'aria-haspopup': 'dialog',
  }, status.icon && h(doc, 'span', { class: 'icon', 'aria-hidden': 'true' }, status.icon), h(doc, 'span', { class: 'text' }, status.text)) as HTMLButtonElement;

  const risky = badge.status === 'non_compliant' || badge.status === 'partial';
  const values = valuesLine(badge);
  const fix = h(doc, 'button', { type: 'button', class: 'fix' }, 'Fix it step by step');
  const hint = h(doc, 'p', { class: 'hint', role: 'status', hidden: '' }, panelHint);
  const tip = h(doc, 'div', { id: 'tip', class: 'tip', role: 'dialog', 'aria-label': badge.title, hidden: '' },
    h(doc, 'p', { class: 'title' }, badge.title),
    h(doc, 'p', { class: 'status' }, capitalise(status.words)),
    badge.reason && h(doc, 'p', { class: 'reason' }, bidiSafe(badge.reason)),
    values && h(doc, 'p', { class: 'values' }, values),
    risky && badge.points > 0 && h(doc, 'p', { class: 'points' }, `+${formatPoints(badge.points)}`),
    fix,
    hint,
  );
  // The top layer lets the tip escape the page's overflow and stacking; older engines get an absolute tip.
  const popover = typeof (tip as { showPopover?: unknown }).showPopover === 'function';
  if (popover) tip.setAttribute('popover', 'manual');
  else tip.classList.add('inline');
  root.append(button, tip);

  let hovered = false;
  let focused = false;
  let pinned = false;
  /** Escape or a second click closes the tip until the pointer or focus comes back. */
  let suppressed = false;
  let leaveTimer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  const view = doc.defaultView;

  const place = () => {
    frame = 0;
    if (!popover || tip.hidden || !view) return;
    const anchor = button.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const left = Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8));
    const below = anchor.bottom + 6;
    const top = below + height > view.innerHeight - 8 && anchor.top - height - 6 >= 8 ? anchor.top - height - 6 : below;
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  };
  const onScroll = () => {
    if (!frame && view) frame = view.requestAnimationFrame(place);
  };
  const open = () => {
    if (!tip.hidden) return;
    tip.hidden = false;
    if (popover) {
      (tip as HTMLElement & { showPopover(): void }).showPopover();
      place();
      view?.addEventListener('scroll', onScroll, { capture: true, passive: true });
      view?.addEventListener('resize', onScroll, { passive: true });
    }
    button.setAttribute('aria-expanded', 'true');
  };
  const close = () => {
    if (tip.hidden) return;
    if (root.activeElement && tip.contains(root.activeElement)) button.focus({ preventScroll: true });
    if (popover) {
      (tip as HTMLElement & { hidePopover(): void }).hidePopover();
      view?.removeEventListener('scroll', onScroll, { capture: true });
      view?.removeEventListener('resize', onScroll);
    }
    tip.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const sync = () => (!suppressed && (hovered || focused || pinned) ? open() : close());

  host.addEventListener('mouseenter', () => {
    clearTimeout(leaveTimer);
    if (!hovered) suppressed = false;
    hovered = true;
    sync();
  });
  host.addEventListener('mouseleave', () => {
    clearTimeout(leaveTimer);
    // A short grace period to cross the gap between the badge and its tip.
    leaveTimer = setTimeout(() => {
      hovered = false;
      sync();
    }, 200);
  });
  root.addEventListener('focusin', () => {
    if (!focused) suppressed = false;
    focused = true;
    sync();
  });
  root.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && root.contains(next)) return;
    focused = false;
    pinned = false;
    sync();
  });
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key !== 'Escape' || tip.hidden) return;
    event.preventDefault();
    suppressed = true;
    pinned = false;
    sync();
  });
  button.addEventListener('click', () => {
    pinned = !pinned || tip.hidden;
    suppressed = !pinned;
    sync();
  });

  let asking = false;
  fix.addEventListener('click', () => {
    if (asking) return;
    asking = true;
    fix.setAttribute('aria-busy', 'true');
    void actions
      .walkthrough(badge.controlId)
      .catch(() => false)
      .then((opened) => {
        asking = false;
        fix.removeAttribute('aria-busy');
        hint.hidden = opened;
        if (opened) {
          suppressed = true;
          pinned = false;
          sync();
        }
      });
  });

  return {
    host,
    button,
    tip,
    isOpen: () => !tip.hidden,
    focus: () => button.focus({ preventScroll: true }),
  };
}
