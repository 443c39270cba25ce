import { type Answer, oktaError } from './faults';
import { linkHeaders } from './query';
import type { Json } from './seed';
import type { OrgState } from './state';

/**
 * `GET /api/v1/logs` as Okta answers it: the last 90 days only (the log's retention), `since`/`until` bounds on
 * `published` (default: the 7 days before `until`), a SCIM `filter` over the fields below, `q` keywords, `sortOrder`,
 * `limit` (0–1000, default 100) and an opaque `after` cursor in `Link: rel="next"`. A filter or parameter it cannot
 * read is Okta's 400 `E0000001`.
 */

const retentionMs = 90 * 86_400_000;
const filterFields = new Set(['eventType', 'legacyEventType', 'severity', 'uuid', 'published', 'actor.id', 'actor.type', 'actor.alternateId', 'actor.displayName',
  'target.id', 'target.type', 'target.alternateId', 'target.displayName', 'outcome.result', 'client.ipAddress', 'transaction.id']);

class LogQueryError extends Error {}

const invalid = (what: string) => oktaError(400, 'E0000001', `Api validation failed: ${what}`);

/** Values of a dotted field in an event; `target.*` looks into every target. */
function valuesOf(event: Json, field: string): string[] {
  const [head, tail] = field.split('.', 2) as [string, string | undefined];
  if (!tail) return typeof event[head] === 'string' ? [event[head]] : [];
  const inner = event[head];
  const items: Json[] = Array.isArray(inner) ? inner : inner && typeof inner === 'object' ? [inner] : [];
  return items.map((item) => item[tail]).filter((value): value is string => typeof value === 'string');
}

type Predicate = (event: Json) => boolean;

/** `field op "value"` (eq ne sw co gt ge lt le; `field pr`), `and`, `or`, `not`-free parentheses. */
export function compileLogFilter(expression: string): Predicate {
  const tokens: string[] = [];
  const pattern = /\s*("(?:[^"\\]|\\.)*"|\(|\)|[^\s()]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(expression)) !== null) {
    tokens.push(match[1] as string);
    end = pattern.lastIndex;
  }
  if (expression.slice(end).trim() || !tokens.length) throw new LogQueryError('filter');
  let position = 0;
  const next = () => {
    const token = tokens[position++];
    if (token === undefined) throw new LogQueryError('filter');
    return token;
  };
  const comparison = (): Predicate => {
    if (tokens[position] === '(') {
      next();
      const inner = either();
      if (next() !== ')') throw new LogQueryError('filter');
      return inner;
    }
    const field = next();
    const op = next().toLowerCase();
    if (!filterFields.has(field)) throw new LogQueryError('filter');
    if (op === 'pr') return (event) => valuesOf(event, field).length > 0;
    const raw = next();
    if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) throw new LogQueryError('filter');
    const value = raw.slice(1, -1).replace(/\\"/g, '"');
    const test: Record<string, (candidate: string) => boolean> = {
      eq: (candidate) => candidate === value,
      ne: (candidate) => candidate !== value,
      sw: (candidate) => candidate.startsWith(value),
      co: (candidate) => candidate.includes(value),
      gt: (candidate) => candidate > value,
      ge: (candidate) => candidate >= value,
      lt: (candidate) => candidate < value,
      le: (candidate) => candidate <= value,
    };
    const compare = test[op];
    if (!compare) throw new LogQueryError('filter');
    return op === 'ne' ? (event) => valuesOf(event, field).every(compare) : (event) => valuesOf(event, field).some(compare);
  };
  const both = (): Predicate => {
    const parts = [comparison()];
    while (tokens[position]?.toLowerCase() === 'and') {
      next();
      parts.push(comparison());
    }
    return (event) => parts.every((part) => part(event));
  };
  const either = (): Predicate => {
    const parts = [both()];
    while (tokens[position]?.toLowerCase() === 'or') {
      next();
      parts.push(both());
    }
    return (event) => parts.some((part) => part(event));
  };
  const predicate = either();
  if (position !== tokens.length) throw new LogQueryError('filter');
  return predicate;
}

function instant(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) throw new LogQueryError(name);
  return time;
}

/** The names of the OAuth clients as the org shows them now (an app's label, an integration's name). */
function clientNames(org: OrgState): Map<string, string> {
  const names = new Map<string, string>();
  for (const app of org.seed.apps) names.set(app.credentials?.oauthClient?.client_id ?? app.id, app.label);
  for (const integration of org.seed.apiServices ?? []) names.set(integration.id, integration.name);
  return names;
}

export function systemLog(org: OrgState, query: URLSearchParams, origin: string, path: string, now = Date.now()): Answer {
  try {
    const until = instant(query.get('until'), 'until') ?? now;
    const since = Math.max(instant(query.get('since'), 'since') ?? until - 7 * 86_400_000, now - retentionMs);
    const filter = query.get('filter');
    const predicate = filter ? compileLogFilter(filter) : () => true;
    const keywords = (query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    if (keywords.length > 10 || keywords.some((keyword) => keyword.length > 40)) throw new LogQueryError('q');
    const order = query.get('sortOrder') ?? 'ASCENDING';
    if (order !== 'ASCENDING' && order !== 'DESCENDING') throw new LogQueryError('sortOrder');
    const limitText = query.get('limit');
    const limit = limitText === null ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000) throw new LogQueryError('limit');

    const names = clientNames(org);
    const events = (org.seed.systemLog ?? [])
      .filter((event) => {
        const published = Date.parse(event.published);
        return published >= since && published <= until;
      })
      .map((event) => (event.actor?.type === 'PublicClientApp' && names.has(event.actor.id) ? { ...event, actor: { ...event.actor, displayName: names.get(event.actor.id) } } : event))
      .filter((event) => predicate(event) && keywords.every((keyword) => JSON.stringify(event).toLowerCase().includes(keyword)))
      .sort((a, b) => (order === 'ASCENDING' ? 1 : -1) * (Date.parse(a.published) - Date.parse(b.published)) || String(a.uuid).localeCompare(String(b.uuid)));
    // The cursor is the position after the last event served (opaque to clients, as Okta's is).
    const start = Math.max(0, Number(query.get('after') ?? 0) || 0);
    const page = events.slice(start, start + limit);
    const nextAfter = start + limit < events.length ? String(start + limit) : undefined;
    return { status: 200, body: page, headers: { Link: linkHeaders(origin, path, query, nextAfter) } as never };
  } catch (error) {
    if (error instanceof LogQueryError) return invalid(error.message);
    throw error;
  }
}
