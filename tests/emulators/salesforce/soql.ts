import { type Api, findField, findObject, findRelationship, type ObjectDef, parseDateTime, type Row } from './schema';
import { type Condition, errorAt, type Literal, parseSoql, type SelectQuery, SoqlError } from './soql-parser';

export { SoqlError, parseSoql };

/** What the engine reads: rows of an object and rows by id (to follow relationships). */
export interface SoqlData {
  rows(object: string): Row[];
  get(object: string, id: string): Row | undefined;
}

export interface SoqlOptions {
  api: Api;
  /** API version used in `attributes.url`, e.g. "66.0". */
  version: string;
  now?: number;
}

export interface SoqlResult {
  totalSize: number;
  records: Row[];
  /** The canonical object name of the FROM clause. */
  object: string;
}

interface ResolvedPath {
  /** Canonical segments, e.g. ['PermissionSet', 'Profile', 'Name']. */
  segments: string[];
  /** Object definitions along the way (the object each relationship points to). */
  objects: ObjectDef[];
  type: string;
  get(row: Row): unknown;
}

const epochCache = new Map<string, number>();
function epochOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let epoch = epochCache.get(value);
  if (epoch === undefined) {
    epoch = parseDateTime(value);
    if (epochCache.size > 200_000) epochCache.clear();
    epochCache.set(value, epoch);
  }
  return epoch;
}

const DAY = 24 * 3600 * 1000;

/** [start, end) of a date literal such as LAST_N_DAYS:90, in UTC days. */
export function dateRange(name: string, n: number | undefined, now: number): [number, number] {
  const today = Math.floor(now / DAY) * DAY;
  const count = n ?? 0;
  switch (name) {
    case 'TODAY': return [today, today + DAY];
    case 'YESTERDAY': return [today - DAY, today];
    case 'TOMORROW': return [today + DAY, today + 2 * DAY];
    case 'LAST_N_DAYS': return [today - count * DAY, today + DAY];
    case 'NEXT_N_DAYS': return [today + DAY, today + (count + 1) * DAY];
    case 'LAST_90_DAYS': return [today - 90 * DAY, today + DAY];
    case 'NEXT_90_DAYS': return [today + DAY, today + 91 * DAY];
    case 'N_DAYS_AGO': return [today - count * DAY, today - (count - 1) * DAY];
    case 'THIS_YEAR': {
      const year = new Date(today).getUTCFullYear();
      return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
    }
    default: {
      // Weeks and months, approximated by their span from today.
      const spans: Record<string, [number, number]> = {
        LAST_WEEK: [-7, 0], THIS_WEEK: [-3, 4], NEXT_WEEK: [7, 14], LAST_MONTH: [-30, 0], THIS_MONTH: [-15, 16],
        NEXT_MONTH: [31, 61], LAST_YEAR: [-365, 0],
      };
      const [from, to] = spans[name] ?? [0, 1];
      return [today + from * DAY, today + to * DAY];
    }
  }
}

class Compiler {
  constructor(
    private readonly soql: string,
    private readonly data: SoqlData,
    private readonly options: SoqlOptions,
    private readonly now: number,
  ) {}

  object(name: string, position: number): ObjectDef {
    const definition = findObject(name);
    if (!definition || !definition.apis.includes(this.options.api)) {
      throw new SoqlError(
        'INVALID_TYPE',
        errorAt(this.soql, position, `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`),
      );
    }
    return definition;
  }

  path(root: ObjectDef, path: string, position: number): ResolvedPath {
    const parts = path.split('.');
    if (parts.length > 1 && parts[0]?.toLowerCase() === root.name.toLowerCase() && !findRelationship(root, parts[0])) parts.shift();
    const segments: string[] = [];
    const objects: ObjectDef[] = [];
    const hops: Array<{ field: string; to: string }> = [];
    let current = root;
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1) {
        const field = findField(current, part);
        if (!field) {
          throw new SoqlError(
            'INVALID_FIELD',
            errorAt(this.soql, position, `No such column '${part}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`),
          );
        }
        segments.push(field);
        const type = current.fields[field] as string;
        const data = this.data;
        const get = (row: Row): unknown => {
          let target: Row | undefined = row;
          for (const hop of hops) {
            const id: unknown = target[hop.field];
            target = typeof id === 'string' ? data.get(hop.to, id) : undefined;
            if (!target) return null;
          }
          return target[field] ?? null;
        };
        return { segments, objects, type, get };
      }
      const relationship = findRelationship(current, part);
      if (!relationship) {
        throw new SoqlError(
          'INVALID_FIELD',
          errorAt(this.soql, position, `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`),
        );
      }
      const [name, { field, to }] = relationship;
      segments.push(name);
      hops.push({ field, to });
      current = findObject(to) as ObjectDef;
      objects.push(current);
    }
    throw new SoqlError('MALFORMED_QUERY', errorAt(this.soql, position, 'empty field path'));
  }

  condition(root: ObjectDef, condition: Condition): (row: Row) => boolean {
    switch (condition.kind) {
      case 'and': {
        const items = condition.items.map((item) => this.condition(root, item));
        return (row) => items.every((item) => item(row));
      }
      case 'or': {
        const items = condition.items.map((item) => this.condition(root, item));
        return (row) => items.some((item) => item(row));
      }
      case 'not': {
        const item = this.condition(root, condition.item);
        return (row) => !item(row);
      }
      case 'in': {
        const path = this.path(root, condition.field, condition.position);
        const tests = condition.values.map((value) => this.comparison(path.type, '=', value));
        return (row) => {
          const value = path.get(row);
          return tests.some((test) => test(value)) !== condition.negated;
        };
      }
      case 'semiJoin': {
        const path = this.path(root, condition.field, condition.position);
        if (condition.query.count || condition.query.fields.length !== 1) {
          throw new SoqlError('MALFORMED_QUERY', errorAt(this.soql, condition.position, 'semi join sub-selects must select exactly one Id field'));
        }
        const inner = this.select(condition.query, condition.position);
        const values = new Set(inner.rows.map((row) => inner.paths[0]?.get(row)).filter((value) => value != null));
        return (row) => values.has(path.get(row) as string) !== condition.negated;
      }
      case 'compare': {
        const path = this.path(root, condition.field, condition.position);
        const test = this.comparison(path.type, condition.op, condition.value);
        return (row) => test(path.get(row));
      }
    }
  }

  comparison(type: string, op: string, literal: Literal): (value: unknown) => boolean {
    if (literal.kind === 'null') {
      if (op === '=') return (value) => value == null;
      if (op === '!=') return (value) => value != null;
      return () => false;
    }
    if (type === 'datetime' || type === 'date') {
      let start: number;
      let end: number;
      if (literal.kind === 'dateRange') [start, end] = dateRange(literal.name, literal.n, this.now);
      else if (literal.kind === 'datetime') {
        start = parseDateTime(literal.value);
        end = /T/.test(literal.value) ? start + 1 : start + DAY;
      } else {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `value of filter criterion for a ${type} field must be a ${type} literal`);
      }
      return (value) => {
        const epoch = epochOf(value);
        if (epoch === undefined) return op === '!=';
        switch (op) {
          case '=': return epoch >= start && epoch < end;
          case '!=': return !(epoch >= start && epoch < end);
          case '<': return epoch < start;
          case '<=': return epoch < end;
          case '>': return epoch >= end;
          case '>=': return epoch >= start;
          default: return false;
        }
      };
    }
    const expected = literal.kind === 'string' || literal.kind === 'number' || literal.kind === 'boolean' ? literal.value : literal.kind === 'datetime' ? literal.value : undefined;
    if (op === 'LIKE') {
      const pattern = new RegExp(`^${String(expected).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
      return (value) => typeof value === 'string' && pattern.test(value);
    }
    const normalize = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
    const target = normalize(expected);
    return (value) => {
      if (value == null) return op === '!=';
      const actual = normalize(value);
      switch (op) {
        case '=': return actual === target;
        case '!=': return actual !== target;
        case '<': return (actual as number) < (target as number);
        case '<=': return (actual as number) <= (target as number);
        case '>': return (actual as number) > (target as number);
        case '>=': return (actual as number) >= (target as number);
        default: return false;
      }
    };
  }

  select(query: SelectQuery, position: number): { definition: ObjectDef; rows: Row[]; paths: ResolvedPath[] } {
    const fromPosition = this.soql.toUpperCase().indexOf(` ${query.object.toUpperCase()}`, position) + 1;
    const definition = this.object(query.object, Math.max(fromPosition, 0));
    const paths = query.fields.map((field) => this.path(definition, field, Math.max(this.soql.indexOf(field, position), 0)));
    const where = query.where ? this.condition(definition, query.where) : () => true;
    const orders = query.orderBy.map((order) => ({ ...order, path: this.path(definition, order.field, Math.max(this.soql.indexOf(order.field, position), 0)) }));
    let rows = this.data.rows(definition.name).filter(where);
    if (orders.length) {
      rows = [...rows].sort((left, right) => {
        for (const order of orders) {
          const a = order.path.get(left);
          const b = order.path.get(right);
          if (a == null || b == null) {
            if (a == null && b == null) continue;
            return (a == null) === order.nullsFirst ? -1 : 1;
          }
          const result = compareValues(a, b);
          if (result !== 0) return order.descending ? -result : result;
        }
        return 0;
      });
    }
    if (query.offset) rows = rows.slice(query.offset);
    if (query.limit !== undefined) rows = rows.slice(0, query.limit);
    return { definition, rows, paths };
  }
}

function compareValues(left: unknown, right: unknown): number {
  if (typeof left === 'string' && typeof right === 'string') {
    const a = left.toLowerCase();
    const b = right.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0;
}

export function recordUrl(definition: ObjectDef, row: Row, options: Pick<SoqlOptions, 'api' | 'version'>): string {
  const base = options.api === 'tooling' ? `/services/data/v${options.version}/tooling/sobjects` : `/services/data/v${options.version}/sobjects`;
  return `${base}/${definition.name}/${String(row[definition.key] ?? '')}`;
}

/** Runs one SOQL statement. Throws SoqlError (MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD) like Salesforce. */
export function runSoql(soql: string, data: SoqlData, options: SoqlOptions): SoqlResult {
  const query = parseSoql(soql);
  const compiler = new Compiler(soql, data, options, options.now ?? Date.now());
  const { definition, rows, paths } = compiler.select(query, 0);
  if (query.count) return { totalSize: rows.length, records: [], object: definition.name };
  const records = rows.map((row) => project(definition, row, paths, data, options));
  return { totalSize: records.length, records, object: definition.name };
}

function project(definition: ObjectDef, row: Row, paths: ResolvedPath[], data: SoqlData, options: SoqlOptions): Row {
  const record: Row = { attributes: { type: definition.name, url: recordUrl(definition, row, options) } };
  for (const path of paths) {
    let target: Row | null = record;
    let source: Row | undefined = row;
    let sourceDefinition = definition;
    for (const [index, segment] of path.segments.entries()) {
      if (!target) break;
      if (index === path.segments.length - 1) {
        target[segment] = source ? (source[segment] ?? null) : null;
        break;
      }
      const relationship = sourceDefinition.relationships[segment] as { field: string; to: string };
      const related: unknown = source ? source[relationship.field] : undefined;
      const next: Row | undefined = typeof related === 'string' ? data.get(relationship.to, related) : undefined;
      const nextDefinition = path.objects[index] as ObjectDef;
      if (!next) {
        if (!(segment in target)) target[segment] = null;
        target = null;
        break;
      }
      if (!target[segment]) {
        target[segment] = { attributes: { type: nextDefinition.name, url: recordUrl(nextDefinition, next, options) } };
      }
      target = target[segment] as Row;
      source = next;
      sourceDefinition = nextDefinition;
    }
  }
  return record;
}
