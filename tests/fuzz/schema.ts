import type { z } from 'zod';
import type { Path } from './tree';

/**
 * Reads a source's zod schema alongside its data: which schema describes the value at a path, whether an
 * object there has fixed fields or is a record keyed by ids, and whether a field is required. Only the zod
 * kinds the connectors' schemas use are followed; anything else is "not known", and the fuzzer then claims
 * nothing about it.
 */

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema that checks the raw value: wrappers removed, a preprocess or transform seen from its input side. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let current = schema; ; ) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe') current = defOf(def.in!).type === 'transform' ? def.out! : def.in!;
    else if (def.type === 'lazy') current = def.getter!();
    else return current;
  }
}

/** The alternatives a value may match: the options of a union, or the schema itself. */
function alternatives(schema: z.ZodType): z.ZodType[] {
  const unwrapped = unwrap(schema);
  const def = defOf(unwrapped);
  return def.type === 'union' ? def.options!.flatMap(alternatives) : [unwrapped];
}

function child(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  for (const option of alternatives(schema)) {
    const def = defOf(option);
    if (def.type === 'object') {
      const field = typeof key === 'string' && Object.hasOwn(def.shape!, key) ? def.shape![key] : undefined;
      if (field) return field;
    } else if (def.type === 'record') return def.valueType;
    else if (def.type === 'array' && typeof key === 'number') return def.element;
  }
  return undefined;
}

export function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    current = child(current, key);
  }
  return current;
}

export type ObjectRole = 'fields' | 'record' | 'unknown';

/** What an object at `path` is: fixed fields (new keys are schema drift), a record keyed by ids (new keys are data), or not known. */
export function objectRole(schema: z.ZodType, path: Path): ObjectRole {
  const at = schemaAt(schema, path);
  if (!at) return 'unknown';
  const kinds = new Set(alternatives(at).map((option) => defOf(option).type));
  if (kinds.has('record')) return 'record';
  return kinds.has('object') ? 'fields' : 'unknown';
}

/** True when the key at the end of `path` is a field every object there must have. */
export function isRequiredField(schema: z.ZodType, path: Path): boolean {
  const key = path.at(-1);
  const parent = schemaAt(schema, path.slice(0, -1));
  if (!parent || typeof key !== 'string') return false;
  const options = alternatives(parent);
  return options.every((option) => {
    const def = defOf(option);
    const field = def.type === 'object' && Object.hasOwn(def.shape!, key) ? def.shape![key]! : undefined;
    // `optin` is "optional" for optional fields and "defaulted" for fields with a default: both may be absent.
    return field !== undefined && (field as unknown as { _zod: { optin?: string } })._zod.optin === undefined;
  });
}

/**
 * True when the schema lets the value at `path` be null: null is then one of the field's values ("never logged
 * in", "no profile"), not a corruption, and what it means is the schema's to say, not the fuzzer's.
 */
export function acceptsNull(schema: z.ZodType, path: Path): boolean {
  const at = schemaAt(schema, path);
  return at !== undefined && at.safeParse(null).success;
}
