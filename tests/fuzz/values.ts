import type { Random } from './random';
import { type Json, type JsonKind, kindOf, withEntries } from './tree';

/**
 * The values payloads are made of. Only JSON values: raw answers are parsed from HTTP text, and a snapshot
 * is exported and imported as JSON, so nothing else can reach the parsers.
 */

const hugeString = 'A'.repeat(100_000);

function deepArray(depth: number): Json {
  let value: Json = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

function deepObject(depth: number): Json {
  let value: Json = {};
  for (let level = 0; level < depth; level++) value = withEntries([['a', value]]);
  return value;
}

const strings: readonly string[] = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  'null',
  'undefined',
  '\u0000',
  '\uFFFD\uD800',
  '💥💥💥',
  '<![CDATA[x]]><x/>',
  '__proto__',
  'constructor',
  '2026-02-30T25:61:61Z',
  '9999-99-99 99:99:99',
  'ACTIVE ',
  '%00%0d%0a',
  hugeString,
];

const numbers: readonly number[] = [0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, -2147483649];

/** Numbers no setting of these APIs takes: negative, fractional, past 32 bits, past what a double holds exactly. */
export const outOfRangeNumbers: readonly number[] = [-1, -2147483649, 0.5, 7.25, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 1e21, 1e308, -1e308];
export const outOfRangeNumberTexts: readonly string[] = ['-1', '0.5', '2147483648', '99999999999999999999', '1e21', '1e400', '-2147483649'];

const objects: ReadonlyArray<() => Json> = [
  () => ({}),
  () => JSON.parse('{"__proto__":{"polluted":true}}') as Json,
  () => ({ constructor: { prototype: { polluted: true } } }),
  () => ({ length: 3, 0: 'a' }),
  () => deepObject(1_000),
];

const arrays: ReadonlyArray<() => Json> = [
  () => [],
  () => [null],
  () => [{}],
  () => [[], [[]]],
  () => Array.from({ length: 1_000 }, () => null),
  () => deepArray(1_000),
];

/** A value of `kind` from the pools of awkward values; `shallow` leaves out the thousand-level nestings. */
export function valueOfKind(random: Random, kind: JsonKind, shallow = false): Json {
  switch (kind) {
    case 'null':
      return null;
    case 'boolean':
      return random.chance(0.5);
    case 'number':
      return random.pick(numbers);
    case 'string':
      return random.pick(strings);
    case 'array':
      return random.pick(shallow ? arrays.slice(0, -1) : arrays)();
    case 'object':
      return random.pick(shallow ? objects.slice(0, -1) : objects)();
  }
}

/** A value of any kind, now and then a small random tree of them. */
export function garbage(random: Random, shallow = false, depth = 0): Json {
  const kind = random.pick<JsonKind | 'tree'>(['null', 'boolean', 'number', 'string', 'array', 'object', 'tree']);
  if (kind !== 'tree') return valueOfKind(random, kind, shallow);
  if (depth > 3) return null;
  const size = random.int(4);
  return random.chance(0.5)
    ? Array.from({ length: size }, () => garbage(random, shallow, depth + 1))
    : withEntries(Array.from({ length: size }, (_item, index) => [random.pick(['id', 'name', 'status', 'enabled', `k${index}`]), garbage(random, shallow, depth + 1)]));
}

/** A value of another JSON kind than `value`'s. */
export function otherKind(random: Random, value: Json, shallow = false): Json {
  const current = kindOf(value);
  return valueOfKind(random, random.pick((['null', 'boolean', 'number', 'string', 'array', 'object'] as const).filter((kind) => kind !== current)), shallow);
}

/** True when `value` has an object key among `names`, at any depth. */
export function usesNames(value: Json, names: ReadonlySet<string>): boolean {
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, item]) => (!Array.isArray(value) && names.has(key)) || usesNames(item, names));
}

/** What a string becomes when an answer is cut short, mangled in transit or badly encoded. */
export function garbled(random: Random, text: string): string {
  switch (random.pick(['truncate', 'truncate', 'replace', 'insert', 'case', 'huge'] as const)) {
    case 'truncate':
      return text.slice(0, random.int(Math.max(1, text.length)));
    case 'replace': {
      const at = random.int(Math.max(1, text.length));
      return `${text.slice(0, at)}${random.pick(['\uFFFD', '\u0000', '#', '~'])}${text.slice(at + 1)}`;
    }
    case 'insert': {
      const at = random.int(text.length + 1);
      return `${text.slice(0, at)}${random.pick(['\u202E', ' ', 'x', '"', '<', '%'])}${text.slice(at)}`;
    }
    case 'case':
      return text === text.toUpperCase() ? text.toLowerCase() : text.toUpperCase();
    case 'huge':
      return `${text}${hugeString}`;
  }
}
