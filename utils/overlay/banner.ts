import { createHost, formatPoints, h, isolateEvents } from './dom';
import { bannerCss } from './styles';

/**
 * The page summary: "3 risky settings on this page — 12 points", a "Next" button that takes the
 * admin to each risky badge in turn, and a dismiss button. Fixed in the bottom-right corner, so it
 * changes no layout; the top-right corner is where admin forms tend to put their Save buttons.
 */

export interface BannerActions {
  next(): void;
  dismiss(): void;
}

export interface BannerView {
  host: HTMLElement;
  update(count: number, points: number): void;
}

export function summaryText(count: number, points: number): string {
  return `${count} risky ${count === 1 ? 'setting' : 'settings'} on this page — ${formatPoints(Math.round(points))}`;
}

export function createBanner(doc: Document, actions: BannerActions): BannerView {
  const { host, root } = createHost(doc, 'banner', 'display:block;position:fixed;right:12px;bottom:12px;z-index:2147483646;', bannerCss);
  isolateEvents(host);
  const text = h(doc, 'span', { class: 'text' });
  const next = h(doc, 'button', { type: 'button', class: 'next' }, 'Next');
  const dismiss = h(doc, 'button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss the Posture Lens summary', title: 'Dismiss' }, '✕');
  root.append(h(doc, 'div', { class: 'bar', role: 'region', 'aria-label': 'Posture Lens' }, h(doc, 'span', { class: 'icon', 'aria-hidden': 'true' }, '!'), text, next, dismiss));
  next.addEventListener('click', () => actions.next());
  dismiss.addEventListener('click', () => actions.dismiss());
  return {
    host,
    update(count, points) {
      const summary = summaryText(count, points);
      if (text.textContent !== summary) text.textContent = summary;
      const label = count === 1 ? 'Show the risky setting' : 'Show the next risky setting';
      next.setAttribute('aria-label', label);
      next.textContent = count === 1 ? 'Show' : 'Next';
    },
  };
}
