/**
 * Fault injection shared by the emulators. A fault targets one instance or all, optionally only requests
 * whose text (path, query, body, or a composite subrequest's URL) matches `match`, optionally only `times` times.
 */
export interface FaultScope {
  /** Instance key (Salesforce My Domain name or org id); absent = every instance. */
  org?: string;
  /** Substring or RegExp tested against the request text. */
  match?: string | RegExp;
  /** Apply only to the next N matching requests. */
  times?: number;
}

/** Faults every emulator understands; apps add their own kinds (e.g. Salesforce `invalid_session`). */
export type CommonFault =
  | { kind: 'latency'; ms: number }
  | { kind: 'http_429'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: 500 | 503 }
  | { kind: 'malformed_json' }
  | { kind: 'missing_fields'; fields: string[] }
  | { kind: 'hang' }
  | { kind: 'reset' };

interface ActiveFault<F> {
  fault: F & FaultScope;
  remaining: number;
}

export class FaultRegistry<F extends { kind: string }> {
  private faults: Array<ActiveFault<F>> = [];

  set(fault: F & FaultScope): void {
    this.faults.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
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

/** Removes the named elements (any namespace prefix) from an XML document. */
export function dropXmlElements(xml: string, fields: string[]): string {
  let result = xml;
  for (const field of fields) {
    const name = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result
      .replace(new RegExp(`<((?:\\w+:)?${name})(\\s[^>]*)?>[\\s\\S]*?</\\1>`, 'g'), '')
      .replace(new RegExp(`<(?:\\w+:)?${name}(\\s[^>]*)?/>`, 'g'), '');
  }
  return result;
}

/** A JSON body cut in the middle, as a dropped connection or a broken proxy would deliver it. */
export function truncate(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}
