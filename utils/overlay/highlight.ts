import { createHost, h } from './dom';
import { highlightCss } from './styles';

/**
 * Outlines a setting's row for a walkthrough step: a box in its own fixed, zero-size host that
 * follows scrolling, pulses for about three seconds (still with reduced motion) and goes away.
 * Page nodes are never restyled.
 */

export interface HighlightOptions {
  setTimeout(handler: () => void, ms: number): unknown;
  durationMs?: number;
}

const padding = 4;

export function showHighlight(doc: Document, elements: Element[], options: HighlightOptions): () => void {
  const { host, root } = createHost(doc, 'highlight', 'display:block;position:fixed;top:0;left:0;width:0;height:0;overflow:visible;pointer-events:none;z-index:2147483645;', highlightCss);
  const box = h(doc, 'div', { class: 'box', 'aria-hidden': 'true' });
  root.append(box);
  const view = doc.defaultView;
  let frame = 0;
  const place = () => {
    frame = 0;
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    for (const element of elements) {
      const rect = element.getBoundingClientRect();
      top = Math.min(top, rect.top);
      left = Math.min(left, rect.left);
      bottom = Math.max(bottom, rect.bottom);
      right = Math.max(right, rect.right);
    }
    if (!Number.isFinite(top)) return;
    box.style.top = `${top - padding}px`;
    box.style.left = `${left - padding}px`;
    box.style.width = `${right - left + 2 * padding}px`;
    box.style.height = `${bottom - top + 2 * padding}px`;
  };
  const follow = () => {
    if (!frame && view) frame = view.requestAnimationFrame(place);
  };
  (doc.body ?? doc.documentElement).append(host);
  place();
  view?.addEventListener('scroll', follow, { capture: true, passive: true });
  view?.addEventListener('resize', follow, { passive: true });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    view?.removeEventListener('scroll', follow, { capture: true });
    view?.removeEventListener('resize', follow);
    if (frame) view?.cancelAnimationFrame(frame);
    host.remove();
  };
  options.setTimeout(remove, options.durationMs ?? 3000);
  return remove;
}
