import type { Random } from './random';
import { acceptsNull, isRequiredField, objectRole } from './schema';
import { addKeyAt, kindOf, type Json, nodesOf, type Path, removeAt, renameAt, replaceAt, type TreeNode, valueAt } from './tree';
import { garbage, garbled, otherKind, outOfRangeNumbers, outOfRangeNumberTexts, usesNames } from './values';
import type { SourceView, TextConventions } from './views';

/**
 * One change to one source's raw data, and what it means for the oracles:
 * - a corruption damages data (a value of another type, a key removed or renamed, a string cut short or
 *   mangled, a number no setting takes, a list wrapped or unwrapped, a list field dropped): it must never
 *   turn a control that was not compliant into a compliant one;
 * - a legitimate change gives a value another valid value of its kind (a boolean flipped, another number in
 *   range, another date, another value seen in that field) or removes list elements: it may fix a control;
 * - an extra field is schema drift the parsers must tolerate: nothing may change.
 */

export type MutationClass =
  | 'retype'
  | 'deleteKey'
  | 'renameKey'
  | 'garbleString'
  | 'outOfRange'
  | 'wrapArray'
  | 'unwrapArray'
  | 'dropArray'
  | 'removeElement'
  | 'changeValue'
  | 'extraField';

export type Intent = 'corruption' | 'legitimate' | 'extra';

export interface Mutation {
  class: MutationClass;
  intent: Intent;
  path: Path;
  /** A field the schema requires was removed or renamed: the source must be rejected. */
  requiredFieldLost: boolean;
  tree: Json;
  detail: string;
}

/** A tree ready to be mutated: its nodes, sorted by what can be done to them. */
export interface MutationTarget {
  view: SourceView;
  tree: Json;
  all: TreeNode[];
  keyed: TreeNode[];
  strings: TreeNode[];
  numbers: TreeNode[];
  arrays: TreeNode[];
  elements: TreeNode[];
  objects: TreeNode[];
  knowledge: FieldKnowledge;
  pattern(path: Path): string;
}

/** What the bases of an app show about its fields, keyed by `pattern` (source, view, path with list indices as `*`). */
export interface FieldKnowledge {
  /** The values each text field takes. */
  observed: ReadonlyMap<string, readonly string[]>;
  /**
   * Keys of the text fields that tell the elements of a list apart (an id, a key, a name). Garbling one turns
   * its element into another, unknown one: the same as removing the element (which may legitimately fix a
   * control, e.g. the Email authenticator gone from the list) and adding an unrelated one, so a legitimate
   * change. Removing or renaming such a field stays a corruption.
   */
  identifiers: ReadonlySet<string>;
}

export function fieldPattern(path: Path): string {
  return path.map((key) => (typeof key === 'number' ? '*' : key)).join('/');
}

export function mutationTarget(view: SourceView, tree: Json, knowledge: FieldKnowledge, prefix: string): MutationTarget {
  const all = nodesOf(tree);
  const parentKind = (node: TreeNode) => kindOf(valueAt(tree, node.path.slice(0, -1))!);
  return {
    view,
    tree,
    all,
    keyed: all.filter((node) => node.path.length > 0 && parentKind(node) === 'object'),
    strings: all.filter((node) => typeof node.value === 'string'),
    numbers: all.filter((node) => reading(node.value, view.text).domain === 'number'),
    arrays: all.filter((node) => Array.isArray(node.value)),
    elements: all.filter((node) => node.path.length > 0 && parentKind(node) === 'array'),
    objects: all.filter((node) => kindOf(node.value) === 'object'),
    knowledge,
    pattern: (path) => `${prefix}/${fieldPattern(path)}`,
  };
}

type Reading =
  | { domain: 'boolean'; value: boolean }
  | { domain: 'number'; value: number }
  | { domain: 'date'; value: number }
  | { domain: 'text' | 'structure'; value: string };

const datePattern = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const numberPattern = /^-?\d+(\.\d+)?$/;

function readsAsBoolean(text: string, conventions: TextConventions): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (conventions.booleans.true.includes(word)) return true;
  return conventions.booleans.false.includes(word) ? false : undefined;
}

function readsAsDate(text: string): number | undefined {
  const trimmed = text.trim();
  const time = datePattern.test(trimmed) ? Date.parse(trimmed.replace(' ', 'T')) : Number.NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** What a value says, whatever its JSON type: "8" and 8 are the same number, "true" and true the same boolean. */
export function reading(value: Json, conventions: TextConventions): Reading {
  if (typeof value === 'boolean') return { domain: 'boolean', value };
  if (typeof value === 'number') return { domain: 'number', value };
  if (typeof value !== 'string') return { domain: 'structure', value: kindOf(value) };
  if (numberPattern.test(value.trim())) return { domain: 'number', value: Number(value.trim()) };
  const flag = readsAsBoolean(value, conventions);
  if (flag !== undefined) return { domain: 'boolean', value: flag };
  const date = readsAsDate(value);
  return date === undefined ? { domain: 'text', value } : { domain: 'date', value: date };
}

/** `value` read in `domain`, or undefined when it is no value of that domain ("1" is a number, and in some formats a boolean). */
function readIn(domain: Reading['domain'], value: Json, conventions: TextConventions): number | boolean | undefined {
  if (domain === 'number') return typeof value === 'number' ? value : typeof value === 'string' && numberPattern.test(value.trim()) ? Number(value.trim()) : undefined;
  if (domain === 'boolean') return typeof value === 'boolean' ? value : typeof value === 'string' ? readsAsBoolean(value, conventions) : undefined;
  if (domain === 'date') return typeof value === 'string' ? readsAsDate(value) : undefined;
  return undefined;
}

/** Non-negative and within 32 bits, and whole when the original was: the range every count, length and duration here has. */
function inRange(before: number, after: number): boolean {
  return Number.isFinite(after) && after >= 0 && after < 2 ** 31 && (!Number.isInteger(before) || Number.isInteger(after));
}

/**
 * True when `after` is another valid value of what `before` was (a different number in range, date or boolean,
 * the format's empty value, or a value seen in that field): a legitimate change, not a corruption, even if the
 * mutation meant to corrupt.
 */
export function isValidValueChange(before: Json, after: Json, conventions: TextConventions, seen: readonly string[] = []): boolean {
  const old = reading(before, conventions);
  if (old.domain === 'text') return typeof after === 'string' && seen.includes(after);
  if (old.domain === 'structure') return false;
  if (conventions.emptyIsUnset && typeof after === 'string' && after.trim() === '') return true;
  const next = readIn(old.domain, after, conventions);
  if (next === undefined) return false;
  return old.domain === 'number' ? inRange(old.value, next as number) : true;
}

const renames = [
  (key: string) => `${key}_v2`,
  (key: string) => key.toLowerCase(),
  (key: string) => key.toUpperCase(),
  (key: string) => key.slice(0, -1),
  (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
  (key: string) => ` ${key}`,
];

const extraNames = ['newSettingAddedNextRelease', 'x-vendor-extension', '_links', 'meta', '__proto__', 'constructor', 'toString'];

const weights: Record<MutationClass, number> = {
  retype: 16,
  deleteKey: 12,
  renameKey: 8,
  garbleString: 14,
  outOfRange: 8,
  wrapArray: 4,
  unwrapArray: 3,
  dropArray: 4,
  removeElement: 8,
  changeValue: 14,
  extraField: 9,
};

export const mutationClasses = Object.keys(weights) as MutationClass[];

/**
 * Encodes as nothing at all in a format where an empty element is an omitted one: `[null]` is one empty element,
 * `{ a: null }` an element holding an empty one, and the reader drops empty elements at every level.
 */
const isEmpty = (value: Json): boolean => value === null || value === '' || (typeof value === 'object' && Object.values(value).every(isEmpty));

const pathText = (path: Path) => (path.length ? path.join('.') : '(root)');

/** Another value of the same kind, in range: a flipped boolean, another number or date, another value of the field. */
function changedValue(random: Random, target: MutationTarget, node: TreeNode): Json | undefined {
  const { value } = node;
  const read = reading(value, target.view.text);
  const asText = typeof value === 'string';
  switch (read.domain) {
    case 'boolean': {
      const flipped = !read.value;
      return asText ? ((value as string) === (value as string).toUpperCase() ? String(flipped).toUpperCase() : String(flipped)) : flipped;
    }
    case 'number': {
      const next = random.pick([0, 1, 2, 5, 8, 10, 12, 15, 30, 60, 90, 120, 365, 1000, 86_400, read.value + 1, Math.max(0, read.value - 1)]);
      return asText ? String(next) : next;
    }
    case 'date': {
      const shifted = new Date(read.value + random.pick([-400, -91, -31, -1, 1, 31, 91, 400]) * 86_400_000).toISOString();
      const text = value as string;
      // Keeps the answer's own format: ServiceNow's "YYYY-MM-DD HH:mm:ss", Salesforce's "+0000", a bare date.
      return `${shifted.slice(0, 10)}${text.slice(10)}`;
    }
    case 'text': {
      const others = (target.knowledge.observed.get(target.pattern(node.path)) ?? []).filter((other) => other !== value);
      return others.length ? random.pick(others) : undefined;
    }
    case 'structure':
      return undefined;
  }
}

/** One mutation of `target`'s tree, or undefined when the drawn kind has nothing to apply to. */
export function mutate(random: Random, target: MutationTarget): Mutation | undefined {
  const mutationClass = random.weighted(weights);
  const { tree, view } = target;
  const corruption = (path: Path, after: Json, detail: string, kind: MutationClass = mutationClass): Mutation => {
    const before = valueAt(tree, path)!;
    // A JSON null is sent as it is; in XML it becomes an empty element, which is another value.
    const nullable = after === null && view.name === 'json' && acceptsNull(view.shape, path);
    const legitimate =
      nullable || isValidValueChange(before, after, view.text, target.knowledge.observed.get(target.pattern(path))) || (view.removesOnlyElements(tree, path) && isEmpty(after));
    return { class: kind, intent: legitimate ? 'legitimate' : 'corruption', path, requiredFieldLost: false, tree: replaceAt(tree, path, after), detail };
  };
  switch (mutationClass) {
    case 'retype': {
      const node = random.pick(target.all);
      const after = otherKind(random, node.value, !view.deepValues);
      return corruption(node.path, after, `${pathText(node.path)}: ${kindOf(node.value)} → ${kindOf(after)}`);
    }
    case 'deleteKey':
    case 'renameKey':
    case 'dropArray': {
      const candidates = mutationClass === 'dropArray' ? target.keyed.filter((node) => Array.isArray(node.value)) : target.keyed;
      if (candidates.length === 0) return undefined;
      const node = random.pick(candidates);
      const key = node.path.at(-1) as string;
      const requiredFieldLost = isRequiredField(view.shape, node.path);
      const onlyElements = view.removesOnlyElements(tree, node.path);
      const kind: MutationClass = mutationClass === 'renameKey' ? 'renameKey' : Array.isArray(node.value) ? 'dropArray' : 'deleteKey';
      const intent: Intent = onlyElements ? 'legitimate' : 'corruption';
      if (kind !== 'renameKey') return { class: kind, intent, path: node.path, requiredFieldLost, tree: removeAt(tree, node.path), detail: `${pathText(node.path)} removed` };
      const siblings = Object.keys(valueAt(tree, node.path.slice(0, -1)) as object);
      const name = random.pick(renames)(key);
      if (siblings.includes(name)) return undefined;
      return { class: kind, intent, path: node.path, requiredFieldLost, tree: renameAt(tree, node.path, name), detail: `${pathText(node.path)} renamed "${name}"` };
    }
    case 'garbleString': {
      if (target.strings.length === 0) return undefined;
      const node = random.pick(target.strings);
      const after = garbled(random, node.value as string);
      if (after === node.value) return undefined;
      const mutation = corruption(node.path, after, `${pathText(node.path)}: ${JSON.stringify(String(node.value).slice(0, 40))} → ${JSON.stringify(after.slice(0, 40))}`);
      const inList = node.path.some((step) => typeof step === 'number');
      return inList && target.knowledge.identifiers.has(String(node.path.at(-1))) ? { ...mutation, intent: 'legitimate' } : mutation;
    }
    case 'outOfRange': {
      if (target.numbers.length === 0) return undefined;
      const node = random.pick(target.numbers);
      const after = typeof node.value === 'number' ? random.pick(outOfRangeNumbers) : random.pick(outOfRangeNumberTexts);
      return corruption(node.path, after, `${pathText(node.path)}: ${String(node.value)} → ${String(after)}`);
    }
    case 'wrapArray': {
      const node = random.pick(target.all);
      return corruption(node.path, [node.value], `${pathText(node.path)} wrapped in a list`);
    }
    case 'unwrapArray': {
      const lists = target.arrays.filter((node) => (node.value as Json[]).length > 0);
      if (lists.length === 0) return undefined;
      const node = random.pick(lists);
      return corruption(node.path, (node.value as Json[])[0]!, `${pathText(node.path)} unwrapped to its first element`);
    }
    case 'removeElement': {
      if (target.elements.length === 0) return undefined;
      const node = random.pick(target.elements);
      return { class: 'removeElement', intent: 'legitimate', path: node.path, requiredFieldLost: false, tree: removeAt(tree, node.path), detail: `${pathText(node.path)} removed from its list` };
    }
    case 'changeValue': {
      const node = random.pick(target.all);
      const after = changedValue(random, target, node);
      if (after === undefined || after === node.value) return undefined;
      return { class: 'changeValue', intent: 'legitimate', path: node.path, requiredFieldLost: false, tree: replaceAt(tree, node.path, after), detail: `${pathText(node.path)}: ${String(node.value).slice(0, 40)} → ${String(after).slice(0, 40)}` };
    }
    case 'extraField': {
      const objects = target.objects.filter((node) => objectRole(view.shape, node.path) !== 'record');
      if (objects.length === 0) return undefined;
      const node = random.pick(objects);
      const name = random.pick(extraNames);
      const value = garbage(random, true);
      if (Object.hasOwn(node.value as object, name) || view.refusedNames.has(name) || usesNames(value, view.refusedNames)) return undefined;
      return { class: 'extraField', intent: 'extra', path: [...node.path, name], requiredFieldLost: false, tree: addKeyAt(tree, node.path, name, value), detail: `${pathText(node.path)} gains "${name}"` };
    }
  }
}
