/**
 * Fault injection shared by the emulators. A fault targets one instance or all, optionally only requests
 * whose text (path, query, body, or a composite subrequest's URL) matches `match`, optionally only `times`
 * times, optionally only once `after` matching requests have been answered normally.
 */
export interface FaultScope {
  /** Instance key (Salesforce My Domain name or org id); absent = every instance. */
  org?: string;
  /** Substring or RegExp tested against the request text. */
  match?: string | RegExp;
  /** Apply only to the next N matching requests. */
  times?: number;
  /** Let the first N matching requests through untouched (e.g. a session that expires in the middle of a scan). */
  after?: number;
}

/** Faults every emulator understands; apps add their own kinds (e.g. Salesforce `invalid_session`). */
export type CommonFault =
  | { kind: 'latency'; ms: number }
  | { kind: 'http_429'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: 500 | 503 }
  /** Status 200 and the whole body, but not JSON: every double quote a single quote, as a non-JSON serialiser writes it. */
  | { kind: 'malformed_json' }
  /** Status 200 and the body cut in the middle, as a dropped connection or a broken proxy delivers it. */
  | { kind: 'truncated_json' }
  | { kind: 'missing_fields'; fields: string[] }
  /** Schema drift: each key of `fields` renamed to its value, everywhere in the body. */
  | { kind: 'renamed_fields'; fields: Record<string, string> }
  /** Schema drift: the named fields served with another JSON type (see `retype`). */
  | { kind: 'changed_types'; fields: string[] }
  /** Schema drift a reader must tolerate: fields a later release added, in every object of the body. */
  | { kind: 'extra_fields' }
  | { kind: 'hang' }
  | { kind: 'reset' };

interface ActiveFault<F> {
  fault: F & FaultScope;
  remaining: number;
  /** Matching requests still to let through before the fault applies. */
  skip: number;
}

export class FaultRegistry<F extends { kind: string }> {
  private faults: Array<ActiveFault<F>> = [];

  set(fault: F & FaultScope): void {
    this.faults.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY, skip: fault.after ?? 0 });
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /**
   * The faults that apply to a request, consumed (their `times` counted down). `accept` narrows which faults
   * this stage handles, so a fault is only consumed where it takes effect.
   */
  take(context: { orgKeys: string[]; text: string; accept?: (fault: F & FaultScope) => boolean; requireMatch?: boolean }): Array<F & FaultScope> {
    const applied: Array<F & FaultScope> = [];
    for (const active of this.faults) {
      const { fault } = active;
      if (active.remaining <= 0) continue;
      if (fault.org && !context.orgKeys.some((key) => key.toLowerCase() === fault.org?.toLowerCase())) continue;
      if (context.requireMatch && fault.match === undefined) continue;
      if (!matches(fault.match, context.text)) continue;
      if (context.accept && !context.accept(fault)) continue;
      if (active.skip > 0) {
        active.skip -= 1;
        continue;
      }
      active.remaining -= 1;
      applied.push(fault);
    }
    this.faults = this.faults.filter((active) => active.remaining > 0);
    return applied;
  }
}

export function matches(match: string | RegExp | undefined, text: string): boolean {
  if (match === undefined) return true;
  if (typeof match === 'string') return text.includes(match);
  match.lastIndex = 0;
  return match.test(text);
}

/** Removes the named keys everywhere in a JSON value (records, nested relationship objects, limits). */
export function dropFields(value: unknown, fields: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => dropFields(item, fields));
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!fields.has(key)) result[key] = dropFields(item, fields);
    }
    return result;
  }
  return value;
}

const xmlName = (field: string) => field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes the named elements (any namespace prefix) from an XML document. */
export function dropXmlElements(xml: string, fields: string[]): string {
  let result = xml;
  for (const field of fields) {
    const name = xmlName(field);
    result = result
      .replace(new RegExp(`<((?:\\w+:)?${name})(\\s[^>]*)?>[\\s\\S]*?</\\1>`, 'g'), '')
      .replace(new RegExp(`<(?:\\w+:)?${name}(\\s[^>]*)?/>`, 'g'), '');
  }
  return result;
}

/**
 * The same faults on an XML answer (SOAP): elements dropped or renamed, a named element's text served as a
 * nested element, extra elements in every `records` element; malformed and truncated both cut the XML in the
 * middle (XML has no quoting variant that would still be complete).
 */
export function alterXml<F extends { kind: string }>(xml: string, faults: readonly F[]): string {
  let result = xml;
  for (const fault of bodyFaultsOf(faults)) {
    if (fault.kind === 'missing_fields') result = dropXmlElements(result, fault.fields);
    else if (fault.kind === 'renamed_fields') {
      for (const [from, to] of Object.entries(fault.fields)) {
        result = result.replace(new RegExp(`<(/?)((?:\\w+:)?)${xmlName(from)}([\\s/>])`, 'g'), `<$1$2${to}$3`);
      }
    } else if (fault.kind === 'changed_types') {
      for (const field of fault.fields) {
        result = result.replace(new RegExp(`<((?:\\w+:)?${xmlName(field)})>([^<]*)</\\1>`, 'g'), '<$1><value>$2</value></$1>');
      }
    } else {
      result = result.replace(/<((?:\w+:)?records)(\s[^>]*)?>/g, '<$1$2><addedInLaterRelease>a field this reader has never seen</addedInLaterRelease>');
    }
  }
  return faults.some(isTextFault) ? truncate(result) : result;
}

/** A JSON body cut in the middle, as a dropped connection or a broken proxy would deliver it. */
export function truncate(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

/** Every key of `renames` renamed to its value, everywhere in a JSON value. */
export function renameFields(value: unknown, renames: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => renameFields(item, renames));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [renames[key] ?? key, renameFields(item, renames)]));
  }
  return value;
}

/**
 * A value as a drifting API might serve it with another type: a boolean or a number as its text, the text
 * "true"/"false" or a numeral as a boolean or a number, other text as a `{ value, display_value }` object,
 * an object or array as its JSON text; null stays null.
 */
export function retype(value: unknown): unknown {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
    return { value, display_value: value };
  }
  if (value && typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** The named keys served with another type (`retype`), everywhere in a JSON value. */
export function retypeFields(value: unknown, fields: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => retypeFields(item, fields));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fields.has(key) ? retype(item) : retypeFields(item, fields)]));
  }
  return value;
}

/** What `extra_fields` adds to every object: a scalar, a list and a nested object, as new releases do. */
export const extraFields = { addedInLaterRelease: 'a field this reader has never seen', addedFlags: ['beta'], addedSettings: { enabled: true } };

export function addExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addExtraFields);
  if (value && typeof value === 'object') {
    return { ...Object.fromEntries(Object.entries(value).map(([key, item]) => [key, addExtraFields(item)])), ...extraFields };
  }
  return value;
}

/** A complete body that is not JSON: what a non-JSON serialiser (single quotes) would write. */
export function malform(body: string): string {
  return body.replace(/"/g, "'");
}

/** A fault that changes a successful answer's fields (not its status or its bytes). */
export type BodyFault = Extract<CommonFault, { kind: 'missing_fields' | 'renamed_fields' | 'changed_types' | 'extra_fields' }>;
/** A fault that damages a successful answer's text. */
export type TextFault = Extract<CommonFault, { kind: 'malformed_json' | 'truncated_json' }>;

const bodyFaultsOf = (faults: ReadonlyArray<{ kind: string }>): BodyFault[] => faults.filter(isBodyFault);
const bodyKinds: ReadonlySet<string> = new Set(['missing_fields', 'renamed_fields', 'changed_types', 'extra_fields']);
const textKinds: ReadonlySet<string> = new Set(['malformed_json', 'truncated_json']);
export const isBodyFault = (fault: { kind: string }): fault is BodyFault => bodyKinds.has(fault.kind);
export const isTextFault = (fault: { kind: string }): fault is TextFault => textKinds.has(fault.kind);

/** A successful answer's JSON value with the body faults among `faults` applied. */
export function alterBody<F extends { kind: string }>(body: unknown, faults: readonly F[]): unknown {
  let result = body;
  for (const fault of bodyFaultsOf(faults)) {
    if (fault.kind === 'missing_fields') result = dropFields(result, new Set(fault.fields));
    else if (fault.kind === 'renamed_fields') result = renameFields(result, fault.fields);
    else if (fault.kind === 'changed_types') result = retypeFields(result, new Set(fault.fields));
    else result = addExtraFields(result);
  }
  return result;
}

/** A successful answer's text with the text faults among `faults` applied (truncation last, as the wire does it). */
export function alterText<F extends { kind: string }>(text: string, faults: readonly F[]): string {
  const kinds = new Set(faults.filter(isTextFault).map((fault) => fault.kind));
  let result = text;
  if (kinds.has('malformed_json')) result = malform(result);
  if (kinds.has('truncated_json')) result = truncate(result);
  return result;
}
