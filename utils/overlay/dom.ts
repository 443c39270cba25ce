/**
 * Small DOM helpers shared by the overlay's pieces. Every element the overlay adds to a page is a
 * `posture-lens-*` host with its own open shadow root: no global styles, no classes on page nodes.
 */

export const HOST_PREFIX = 'posture-lens-';

/** True for the overlay's own hosts (badges, banner, highlight), which searches and observers skip. */
export function isOverlayNode(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName.startsWith(HOST_PREFIX);
}

/**
 * Creates a host element with an open shadow root holding `css`. Content scripts have no
 * `customElements` registry in Chrome, so the name stays undefined: an autonomous custom element
 * name is enough for `attachShadow`. `hostStyle` goes inline so page rules cannot reach it.
 */
export function createHost(doc: Document, name: string, hostStyle: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement(`${HOST_PREFIX}${name}`);
  host.setAttribute('style', `all:initial;${hostStyle}`);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}

/** Keeps the overlay's clicks and keys from reaching the page's own handlers (global shortcuts, row clicks). */
const isolatedEvents = ['click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'contextmenu'];

export function isolateEvents(host: HTMLElement): void {
  for (const type of isolatedEvents) host.addEventListener(type, (event) => event.stopPropagation());
}

type Child = Node | string | null | undefined | false;

/** Builds an element; strings become text nodes, so page and SaaS text is never parsed as HTML. */
export function h(doc: Document, tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return element;
}

export function prefersReducedMotion(doc: Document): boolean {
  return doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Points as people read them: whole numbers, or one decimal for partial credit. */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'point' : 'points'}`;
}
