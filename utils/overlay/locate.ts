import { isOverlayNode } from './dom';
import type { AnchorLocator } from './protocol';

/**
 * Finds the element an anchor locator describes, by what the admin sees: a setting's label or a
 * heading. Never by ids or classes a framework generates; an id is only followed when a label's
 * own `for` names it. Reads no layout, so it is safe inside a mutation batch.
 */

/**
 * Where a setting's label can sit: form labels, label cells of detail tables, description lists,
 * fieldset legends, design-system form labels, row headers.
 */
const LABEL_SELECTOR = 'label, td.labelCol, th, dt, legend, .slds-form-element__label, [role="rowheader"]';
const HEADING_SELECTOR = 'h1, h2, h3, [role="heading"]';
const CELL_SELECTOR = 'td, [role="gridcell"]';
const CONTROL_SELECTOR =
  'input:not([type="hidden"]), select, textarea, [role="combobox"], [role="switch"], [role="checkbox"], [role="textbox"], [role="listbox"]';
/** Labels longer than this are paragraphs, not labels: skipped before any normalising. */
const MAX_LABEL_CHARS = 300;
const NOT_TEXT = 'script, style, noscript, template';

export interface Located {
  /** The label or heading that matched. */
  match: Element;
  /** The setting itself (its input, select or value cell), or the heading. */
  control: Element;
  /** The badge goes right after `at`, or at its end (`append`) when `at` is a cell or heading. */
  at: Element;
  mode: 'after' | 'append';
}

/**
 * Case-insensitive, whitespace collapsed, without what pages add around a label: a required
 * asterisk, a trailing colon, a "(i)" help marker, typographic quotes, zero-width spaces.
 */
export function normalizeText(text: string): string {
  let result = text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  let previous: string;
  do {
    previous = result;
    result = result.replace(/\s*\(i\)$/, '').replace(/^[\s*]+/, '').replace(/[\s*:]+$/, '');
  } while (result !== previous);
  return result;
}

/** The element's text as shown: inline scripts next to a label (help bubbles) are left out. */
function shownText(element: Element): string {
  if (!element.querySelector(NOT_TEXT)) return element.textContent ?? '';
  let text = '';
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest(NOT_TEXT)) text += (node as Text).data;
  }
  return text;
}

function isHidden(element: Element): boolean {
  return element.closest('[hidden], [aria-hidden="true"]') !== null;
}

/**
 * The document and the open shadow roots under it (component frameworks render forms in shadow
 * roots). Bounded: a walk visits at most `budget` elements, and skips the overlay's own hosts.
 */
export function searchRoots(doc: Document, budget = 20_000): Array<Document | ShadowRoot> {
  const roots: Array<Document | ShadowRoot> = [doc];
  for (let index = 0; index < roots.length && budget > 0 && roots.length < 500; index++) {
    const walker = doc.createTreeWalker(roots[index] as Node, 1 /* SHOW_ELEMENT */);
    for (let node = walker.nextNode(); node && budget > 0; node = walker.nextNode(), budget--) {
      const shadow = (node as Element).shadowRoot;
      if (shadow && !isOverlayNode(node)) roots.push(shadow);
    }
  }
  return roots;
}

const firstControl = (scope: Element) => scope.querySelector(CONTROL_SELECTOR);

/** Right after the control, or after the `<label>` wrapping it (a click there would toggle the control). */
function beside(match: Element, control: Element): Located {
  const wrapper = control.parentElement?.closest('label');
  return { match, control, at: wrapper ?? control, mode: 'after' };
}

/** From a matched label to the setting's control: `for`, a wrapped control, the same row, the next cell. */
export function settingOf(match: Element): Located {
  const label = match.localName === 'label' ? match : (match.querySelector('label[for]') ?? match.closest('label'));
  const id = label?.getAttribute('for');
  if (label && id) {
    const root = label.getRootNode() as Document | ShadowRoot;
    const control = root.getElementById?.(id);
    if (control && !isOverlayNode(control)) return beside(match, control);
  }
  const wrapped = label && firstControl(label);
  if (wrapped) return beside(match, wrapped);

  const cell = match.closest('td, th');
  if (cell && isColumnHeader(cell)) return { match, control: cell, at: cell, mode: 'append' };
  if (cell) {
    for (let next = cell.nextElementSibling; next; next = next.nextElementSibling) {
      const control = firstControl(next);
      if (control) return beside(match, control);
      if (next.children.length || next.textContent?.trim()) return { match, control: next, at: next, mode: 'append' };
    }
  }
  const term = match.closest('dt');
  if (term) {
    for (let next = term.nextElementSibling; next && next.localName !== 'dt'; next = next.nextElementSibling) {
      if (next.localName !== 'dd') continue;
      const control = firstControl(next);
      return control ? beside(match, control) : { match, control: next, at: next, mode: 'append' };
    }
  }
  const group = match.closest('fieldset, .slds-form-element');
  const grouped = group && firstControl(group);
  if (group && grouped) {
    // A radio group: the badge goes after the whole group, not between the first radio and its text.
    return grouped.matches('[type="radio"]') ? { match, control: group, at: group, mode: 'append' } : beside(match, grouped);
  }
  const value = group && match.nextElementSibling;
  if (value && value.textContent?.trim()) return { match, control: value, at: value, mode: 'append' };
  let next = match.nextElementSibling;
  for (let steps = 0; next && steps < 3; steps++, next = next.nextElementSibling) {
    const control = next.matches(CONTROL_SELECTOR) ? next : firstControl(next);
    if (control) return beside(match, control);
  }
  // No control to be found: beside the label itself, which is still where the setting is.
  return cell ? { match, control: cell, at: cell, mode: 'append' } : { match, control: match, at: match, mode: 'after' };
}

/** A header of a list's column (the setting is the column): the badge goes after its text. */
function isColumnHeader(cell: Element): boolean {
  if (cell.localName !== 'th') return false;
  const scope = cell.getAttribute('scope');
  if (scope) return scope === 'col' || scope === 'colgroup';
  return cell.closest('thead') !== null || !cell.parentElement?.querySelector(':scope > td');
}

function headingMatches(text: string, wanted: string): 'exact' | 'prefix' | null {
  if (text === wanted) return 'exact';
  // "Trusted IP Range (3)" starts with "Trusted IP Range"; "Sessions" does not start with "Session".
  return text.startsWith(wanted) && !/[\p{L}\p{N}]/u.test(text.charAt(wanted.length)) ? 'prefix' : null;
}

/**
 * Locates every locator at once: one pass over the label-like and heading elements of each root
 * (light DOM first; shadow roots only for what is still missing and when `shadow` allows it).
 */
export function locateAll(doc: Document, locators: readonly AnchorLocator[], options: { shadow?: boolean } = {}): Array<Located | null> {
  const found: Array<{ element: Element; rank: number } | null> = locators.map(() => null);
  // Label texts → the locators that want them: one lookup per candidate, however many anchors a page has.
  const labelTexts = new Map<string, number[]>();
  const cellTexts = new Map<string, number[]>();
  const headingTexts: Array<[string, number]> = [];
  locators.forEach((locator, index) => {
    for (const text of new Set(locator.texts.map(normalizeText))) {
      if (!text) continue;
      if (locator.kind === 'heading') headingTexts.push([text, index]);
      else if (locator.kind === 'cell') cellTexts.set(text, [...(cellTexts.get(text) ?? []), index]);
      else labelTexts.set(text, [...(labelTexts.get(text) ?? []), index]);
    }
  });
  // Rank: exact 0, heading prefix 1; +2 inside a hidden subtree (a cached page). Lower wins; ties keep document order.
  const offer = (index: number, element: Element, rank: number) => {
    const current = found[index];
    if (current && current.rank <= rank) return;
    const effective = rank + (isHidden(element) ? 2 : 0);
    if (!current || effective < current.rank) found[index] = { element, rank: effective };
  };
  const candidates = function* (root: Document | ShadowRoot, selector: string) {
    for (const element of root.querySelectorAll(selector)) {
      if ((element.textContent?.length ?? 0) > MAX_LABEL_CHARS) continue;
      const text = normalizeText(shownText(element));
      if (text) yield [element, text] as const;
    }
  };
  const search = (root: Document | ShadowRoot) => {
    if (labelTexts.size) {
      for (const [element, text] of candidates(root, LABEL_SELECTOR)) {
        for (const index of labelTexts.get(text) ?? []) offer(index, element, 0);
      }
    }
    if (cellTexts.size) {
      for (const [element, text] of candidates(root, CELL_SELECTOR)) {
        for (const index of cellTexts.get(text) ?? []) offer(index, element, 0);
      }
    }
    if (headingTexts.length) {
      for (const [element, text] of candidates(root, HEADING_SELECTOR)) {
        for (const [wanted, index] of headingTexts) {
          const how = headingMatches(text, wanted);
          if (how) offer(index, element, how === 'exact' ? 0 : 1);
        }
      }
    }
  };
  search(doc);
  if (options.shadow && found.some((entry) => !entry || entry.rank > 0)) {
    for (const root of searchRoots(doc).slice(1)) search(root);
  }
  return found.map((entry, index) => {
    if (!entry) return null;
    return locators[index]?.kind === 'label'
      ? settingOf(entry.element)
      : { match: entry.element, control: entry.element, at: entry.element, mode: 'append' };
  });
}

/** What to outline for a located setting: its table row when label and control share one, else both. */
export function rowOf(located: Located): Element[] {
  const row = located.control.closest('tr');
  if (row && row.contains(located.match)) return [row];
  return located.match === located.control ? [located.match] : [located.match, located.control];
}
