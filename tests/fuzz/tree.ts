/**
 * Raw answers as JSON trees, and the edits the mutations make. Edits copy only the containers on the path to
 * the node they change, so the base snapshot a payload starts from is shared, never modified (it is frozen).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = ReadonlyArray<string | number>;
export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export const jsonKinds: readonly JsonKind[] = ['null', 'boolean', 'number', 'string', 'array', 'object'];

export function kindOf(value: Json): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'boolean' | 'number' | 'string' | 'object';
}

export interface TreeNode {
  path: Path;
  value: Json;
}

/** Every node of `root` (itself included), depth first. */
export function nodesOf(root: Json): TreeNode[] {
  const nodes: TreeNode[] = [];
  const walk = (value: Json, path: Path) => {
    nodes.push({ path, value });
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(root, []);
  return nodes;
}

export function valueAt(root: Json, path: Path): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, Json>)[key];
  }
  return value;
}

/** `root` with the container at `path` replaced by `edit(container)`; containers off the path are shared. */
function editContainer(root: Json, path: Path, edit: (container: Json) => Json): Json {
  if (path.length === 0) return edit(root);
  const [key, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[key as number] = editContainer(root[key as number]!, rest, edit);
    return copy;
  }
  return withEntries(Object.entries(root as Record<string, Json>).map(([name, item]) => [name, name === key ? editContainer(item, rest, edit) : item]));
}

export function replaceAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  return editContainer(root, path.slice(0, -1), (container) => {
    const key = path.at(-1)!;
    if (Array.isArray(container)) return container.map((item, index) => (index === key ? value : item));
    return withEntries(Object.entries(container as Record<string, Json>).map(([name, item]) => [name, name === key ? value : item]));
  });
}

/** Removes an object key or an array element. */
export function removeAt(root: Json, path: Path): Json {
  return editContainer(root, path.slice(0, -1), (container) => {
    const key = path.at(-1)!;
    if (Array.isArray(container)) return container.filter((_item, index) => index !== key);
    return withEntries(Object.entries(container as Record<string, Json>).filter(([name]) => name !== key));
  });
}

/** Renames an object key in place (the key keeps its position). */
export function renameAt(root: Json, path: Path, name: string): Json {
  return editContainer(root, path.slice(0, -1), (container) =>
    withEntries(Object.entries(container as Record<string, Json>).map(([key, item]) => [key === path.at(-1) ? name : key, item])),
  );
}

/** Adds a key at the end of the object at `path`. */
export function addKeyAt(root: Json, path: Path, name: string, value: Json): Json {
  return editContainer(root, path, (container) => withEntries([...Object.entries(container as Record<string, Json>), [name, value]]));
}

/** An object of `entries`; defineProperty keeps a key such as "__proto__" an own data property, as JSON.parse does. */
export function withEntries(entries: Array<[string, Json]>): Record<string, Json> {
  const object: Record<string, Json> = {};
  for (const [name, value] of entries) Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Freezes a base answer all the way down: a parser or control that writes to its input then fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
