import { DAY, type SnRecord, snDate } from './seed';
import type { InstanceState, TableState } from './state';
import { type FieldDef, fieldOf, type TableDef, tableDefs } from './tables';

/**
 * Encoded queries (`sysparm_query`), as the Table API, the Aggregate API and classic lists take them:
 * conditions joined by `^` (AND) and `^OR` (OR with the previous condition), `^NQ` (OR of whole queries),
 * `ORDERBY<field>` / `ORDERBYDESC<field>`, dot-walking through reference fields (`user.active`).
 * A condition on an unknown field is dropped, as ServiceNow does by default (`glide.invalid_query.returns_no_rows` false).
 * Text comparisons ignore case (ServiceNow's database collation). Values may be `javascript:gs.daysAgo(n)`,
 * `gs.daysAgoStart(n)`, `gs.daysAgoEnd(n)`, `gs.beginningOfToday()`, `gs.endOfToday()`, `gs.nowDateTime()`.
 */
type Getter = (row: SnRecord) => string;
type Predicate = (row: SnRecord) => boolean;

export interface ResolvedPath {
  get: Getter;
  /** The field at the end of the path. */
  field: FieldDef;
}

/** Resolves `field` or a dot-walk `ref.ref.field` from a table; undefined when any part is unknown. */
export function resolvePath(state: InstanceState, def: TableDef, path: string): ResolvedPath | undefined {
  const parts = path.split('.');
  const walk: Array<{ name: string; table: TableState }> = [];
  let current = def;
  for (const [index, part] of parts.entries()) {
    const field = fieldOf(current, part);
    if (!field) return undefined;
    if (index === parts.length - 1) {
      if (walk.length === 0) return { field, get: (row) => row[part] ?? '' };
      return {
        field,
        get: (row) => {
          let record: SnRecord | undefined = row;
          for (const step of walk) {
            const id: string = record[step.name] ?? '';
            record = id ? step.table.get(id) : undefined;
            if (!record) return '';
          }
          return record[part] ?? '';
        },
      };
    }
    if (field.type !== 'reference' || !field.reference) return undefined;
    const target = state.table(field.reference);
    const targetDef = tableDefs[field.reference];
    if (!target || !targetDef) return undefined;
    walk.push({ name: part, table: target });
    current = targetDef;
  }
  return undefined;
}

const operators = ['ISNOTEMPTY', 'ISEMPTY', 'NOTIN', 'NOT LIKE', 'NOTLIKE', 'IN', 'LIKE', 'STARTSWITH', 'ENDSWITH', 'ANYTHING', '!=', '<=', '>=', '=', '<', '>'];
const conditionPattern = new RegExp(`^([A-Za-z_][A-Za-z0-9_.]*?)(${operators.map((op) => op.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})([\\s\\S]*)$`);

/** `javascript:gs.…()` date helpers; other values unchanged. */
function evaluateValue(value: string, now = Date.now()): string {
  const match = /^javascript:\s*gs\.(\w+)\(\s*(-?\d*)\s*\)\s*;?$/.exec(value.trim());
  if (!match) return value;
  const n = Number(match[2] || 0);
  const day = (time: number) => snDate(time).slice(0, 10);
  switch (match[1]) {
    case 'daysAgo': return snDate(now - n * DAY);
    case 'daysAgoStart': return `${day(now - n * DAY)} 00:00:00`;
    case 'daysAgoEnd': return `${day(now - n * DAY)} 23:59:59`;
    case 'beginningOfToday': return `${day(now)} 00:00:00`;
    case 'endOfToday': return `${day(now)} 23:59:59`;
    case 'nowDateTime': return snDate(now);
    default: return value;
  }
}

function compare(field: FieldDef, a: string, b: string): number {
  if (field.type === 'integer') {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function condition(resolved: ResolvedPath, op: string, raw: string): Predicate | undefined {
  const { get, field } = resolved;
  const value = evaluateValue(raw);
  const lower = value.toLowerCase();
  const list = () => new Set(value.split(',').map((item) => item.trim().toLowerCase()));
  switch (op) {
    case '=': return (row) => get(row).toLowerCase() === lower;
    case '!=': return (row) => get(row).toLowerCase() !== lower;
    case 'IN': { const set = list(); return (row) => set.has(get(row).toLowerCase()); }
    case 'NOTIN': { const set = list(); return (row) => !set.has(get(row).toLowerCase()); }
    case 'LIKE': return (row) => get(row).toLowerCase().includes(lower);
    case 'NOT LIKE': case 'NOTLIKE': return (row) => !get(row).toLowerCase().includes(lower);
    case 'STARTSWITH': return (row) => get(row).toLowerCase().startsWith(lower);
    case 'ENDSWITH': return (row) => get(row).toLowerCase().endsWith(lower);
    case 'ISEMPTY': return (row) => get(row) === '';
    case 'ISNOTEMPTY': return (row) => get(row) !== '';
    case 'ANYTHING': return () => true;
    // An empty value (NULL) matches no range comparison.
    case '<': return (row) => { const v = get(row); return v !== '' && compare(field, v, value) < 0; };
    case '<=': return (row) => { const v = get(row); return v !== '' && compare(field, v, value) <= 0; };
    case '>': return (row) => { const v = get(row); return v !== '' && compare(field, v, value) > 0; };
    case '>=': return (row) => { const v = get(row); return v !== '' && compare(field, v, value) >= 0; };
    default: return undefined;
  }
}

export interface CompiledQuery {
  filter?: Predicate;
  order: Array<{ resolved: ResolvedPath; desc: boolean }>;
}

/** Compiles an encoded query against a table. Unknown fields and unparsable terms are ignored. */
export function compileQuery(state: InstanceState, def: TableDef, query: string): CompiledQuery {
  const order: CompiledQuery['order'] = [];
  const alternatives: Predicate[] = [];
  for (const part of query.split('^NQ')) {
    // AND of OR-groups.
    const groups: Predicate[][] = [];
    for (const rawTerm of part.split('^')) {
      const term = rawTerm.trim();
      if (!term || term === 'EQ' || term.startsWith('GROUPBY')) continue;
      if (term.startsWith('ORDERBY')) {
        const desc = term.startsWith('ORDERBYDESC');
        const resolved = resolvePath(state, def, term.slice(desc ? 11 : 7));
        if (resolved) order.push({ resolved, desc });
        continue;
      }
      // `^OR<condition>` joins the previous condition; a leading one is an ordinary condition.
      const orPrefix = term.startsWith('OR');
      const isOr = orPrefix && groups.length > 0;
      const match = conditionPattern.exec(orPrefix ? term.slice(2) : term);
      if (!match) continue;
      const resolved = resolvePath(state, def, match[1] as string);
      const predicate = resolved && condition(resolved, match[2] as string, match[3] as string);
      if (!predicate) continue;
      if (isOr) (groups[groups.length - 1] as Predicate[]).push(predicate);
      else groups.push([predicate]);
    }
    if (groups.length) alternatives.push((row) => groups.every((group) => group.some((predicate) => predicate(row))));
    else if (query.includes('^NQ')) alternatives.push(() => true); // an alternative without conditions matches everything
  }
  const filter = alternatives.length === 0 ? undefined : alternatives.length === 1 ? alternatives[0] : (row: SnRecord) => alternatives.some((alt) => alt(row));
  return { filter, order };
}

const cache = new WeakMap<TableState, Map<string, SnRecord[]>>();
const cacheFrom = 2000;

/** The rows of a table matching an encoded query, ordered. Results on large tables are cached per table version. */
export function runQuery(state: InstanceState, table: TableState, query: string): SnRecord[] {
  const rows = table.rows;
  table.get(''); // refresh the index (and version) if rows were added or removed
  const key = `${table.version}:${rows.length}:${query}`;
  let entries = cache.get(table);
  const cached = entries?.get(key);
  if (cached) return cached;
  const { filter, order } = compileQuery(state, table.def, query);
  let result = filter ? rows.filter(filter) : rows.slice();
  if (order.length) {
    const keyed = result.map((row) => ({ row, keys: order.map(({ resolved }) => resolved.get(row)) }));
    keyed.sort((a, b) => {
      for (const [index, { resolved, desc }] of order.entries()) {
        const difference = compare(resolved.field, a.keys[index] as string, b.keys[index] as string);
        if (difference !== 0) return desc ? -difference : difference;
      }
      return 0;
    });
    result = keyed.map((entry) => entry.row);
  }
  if (rows.length >= cacheFrom) {
    if (!entries) {
      entries = new Map();
      cache.set(table, entries);
    }
    for (const existing of entries.keys()) if (!existing.startsWith(`${table.version}:${rows.length}:`) || entries.size > 30) entries.delete(existing);
    entries.set(key, result);
  }
  return result;
}

/** Parses `sysparm_fields`: trimmed, without empties and duplicates; undefined when absent or empty. */
export function parseFields(value: string | null): string[] | undefined {
  if (!value) return undefined;
  const fields = [...new Set(value.split(',').map((field) => field.trim()).filter(Boolean))];
  return fields.length ? fields : undefined;
}

/**
 * Builds the function that turns a record into what the Table API returns: the requested fields (dot-walked ones
 * under their literal key; unknown ones left out), or every field but secret ones; reference fields as
 * `{ link, value }` unless links are excluded.
 */
export function projector(state: InstanceState, def: TableDef, o: { fields?: string[]; excludeReferenceLink: boolean; origin: string }): (row: SnRecord) => Record<string, unknown> {
  const names = o.fields ?? def.fields.filter((field) => !field.secret).map((field) => field.name);
  const columns = names.flatMap((name) => {
    const resolved = resolvePath(state, def, name);
    return resolved ? [{ name, ...resolved }] : [];
  });
  return (row) => {
    const result: Record<string, unknown> = {};
    for (const { name, get, field } of columns) {
      const value = get(row);
      result[name] = field.type === 'reference' && !o.excludeReferenceLink && value !== ''
        ? { link: `${o.origin}/api/now/table/${field.reference}/${value}`, value }
        : value;
    }
    return result;
  };
}
