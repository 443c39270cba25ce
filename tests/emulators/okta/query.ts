import type { Json, SeedUser } from './seed';

/**
 * Users: the API shape of a compact seed user, `filter`/`search` expressions and cursor paging
 * (`limit`, `after`, `Link: <…>; rel="next"`), cheap enough for 50 000 users.
 */
export function expandUser(user: SeedUser, origin: string): Json {
  return {
    id: user.id, status: user.status, created: user.created, activated: user.status === 'STAGED' ? null : user.created, statusChanged: user.created,
    lastLogin: user.lastLogin, lastUpdated: user.passwordChanged ?? user.created, passwordChanged: user.passwordChanged, type: { id: 'oty1162QAr8hJjTaq0g4' },
    profile: { firstName: user.firstName, lastName: user.lastName, mobilePhone: null, secondEmail: null, login: user.login, email: user.login,
      ...(user.department ? { department: user.department } : {}) },
    credentials: { password: {}, provider: { type: user.provider ?? 'OKTA', name: user.provider === 'ACTIVE_DIRECTORY' ? 'acme.local' : 'OKTA' } },
    _links: { self: { href: `${origin}/api/v1/users/${user.id}` } },
  };
}

const dateFields = new Set(['created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged']);
const filterFields = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);

function fieldOf(user: SeedUser, field: string): string | null | undefined {
  switch (field) {
    case 'id': return user.id;
    case 'status': return user.status;
    case 'created': case 'statusChanged': return user.created;
    case 'activated': return user.status === 'STAGED' ? null : user.created;
    case 'lastUpdated': return user.passwordChanged ?? user.created;
    case 'lastLogin': return user.lastLogin;
    case 'passwordChanged': return user.passwordChanged;
    case 'type.id': return 'oty1162QAr8hJjTaq0g4';
    case 'profile.login': case 'profile.email': return user.login;
    case 'profile.firstName': return user.firstName;
    case 'profile.lastName': return user.lastName;
    case 'profile.department': return user.department;
    case 'credentials.provider.type': return user.provider ?? 'OKTA';
    default: return undefined;
  }
}

export class QueryError extends Error {}
type Predicate = (user: SeedUser) => boolean;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*("(?:[^"\\]|\\.)*"|\(|\)|[^\s()]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text)) !== null) {
    tokens.push(match[1] as string);
    end = pattern.lastIndex;
  }
  if (text.slice(end).trim()) throw new QueryError('unparsed');
  return tokens;
}

/**
 * Compiles an Okta filter/search expression: `field op value` (eq ne gt ge lt le sw co; `field pr`), `and`, `or`,
 * parentheses. `filter` allows only the documented fields and `eq` (and range ops on lastUpdated).
 * Date comparisons with a null value are false; `lastLogin eq null` finds users who never signed in (emulator).
 */
export function compileUserQuery(expression: string, mode: 'filter' | 'search'): Predicate {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (token === undefined) throw new QueryError('unexpected end');
    return token;
  };
  const comparison = (): Predicate => {
    if (peek() === '(') {
      next();
      const inner = orExpression();
      if (next() !== ')') throw new QueryError('missing )');
      return inner;
    }
    const field = next();
    const op = next().toLowerCase();
    if (mode === 'filter' && (!filterFields.has(field) || (op !== 'eq' && !(field === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(op))))) throw new QueryError('filter');
    if (op === 'pr') return (user) => { const value = fieldOf(user, field); return value !== null && value !== undefined; };
    const raw = next();
    const literal = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\"/g, '"') : raw === 'null' ? null : raw;
    const isDate = dateFields.has(field);
    const target = isDate && literal !== null ? Date.parse(literal) : literal;
    if (isDate && Number.isNaN(target)) throw new QueryError('date');
    return (user) => {
      const value = fieldOf(user, field);
      if (literal === null) return op === 'eq' ? value === null || value === undefined : value !== null && value !== undefined;
      if (value === null || value === undefined) return op === 'ne';
      const left: number | string = isDate ? Date.parse(value) : value;
      const right = target as number | string;
      const caseless = typeof left === 'string' && typeof right === 'string';
      const l = caseless ? (left as string).toLowerCase() : left;
      const r = caseless ? (right as string).toLowerCase() : right;
      switch (op) {
        case 'eq': return l === r;
        case 'ne': return l !== r;
        case 'gt': return l > r;
        case 'ge': return l >= r;
        case 'lt': return l < r;
        case 'le': return l <= r;
        case 'sw': return String(l).startsWith(String(r));
        case 'co': return String(l).includes(String(r));
        default: throw new QueryError(`operator ${op}`);
      }
    };
  };
  const andExpression = (): Predicate => {
    const parts = [comparison()];
    while (peek()?.toLowerCase() === 'and') { next(); parts.push(comparison()); }
    return parts.length === 1 ? (parts[0] as Predicate) : (user) => parts.every((part) => part(user));
  };
  const orExpression = (): Predicate => {
    const parts = [andExpression()];
    while (peek()?.toLowerCase() === 'or') { next(); parts.push(andExpression()); }
    return parts.length === 1 ? (parts[0] as Predicate) : (user) => parts.some((part) => part(user));
  };
  const predicate = orExpression();
  if (position !== tokens.length) throw new QueryError('trailing tokens');
  return predicate;
}

export interface Paged<T> {
  items: T[];
  /** The `after` cursor of the next page, if any. */
  nextAfter?: string;
}

/** Cursor paging by id: `after` is the id of the last item of the previous page. */
export function pageById<T extends { id: string }>(items: T[], query: URLSearchParams, defaultLimit: number, maxLimit: number): Paged<T> {
  const requested = Number(query.get('limit') ?? defaultLimit);
  const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, maxLimit) : defaultLimit;
  const after = query.get('after');
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index >= 0 ? index + 1 : items.length;
  }
  const slice = items.slice(start, start + limit);
  return { items: slice, nextAfter: start + limit < items.length ? slice[slice.length - 1]?.id : undefined };
}

/** `Link` headers as Okta sends them: one for self, one for next. */
export function linkHeaders(origin: string, path: string, query: URLSearchParams, nextAfter: string | undefined): string[] {
  const self = `${origin}${path}${query.toString() ? `?${query}` : ''}`;
  const links = [`<${self}>; rel="self"`];
  if (nextAfter) {
    const nextQuery = new URLSearchParams(query);
    nextQuery.set('after', nextAfter);
    links.push(`<${origin}${path}?${nextQuery}>; rel="next"`);
  }
  return links;
}

export function selectUsers(users: SeedUser[], query: URLSearchParams): SeedUser[] {
  const filter = query.get('filter');
  const search = query.get('search');
  const q = query.get('q')?.toLowerCase();
  let result = users;
  if (filter) { const predicate = compileUserQuery(filter, 'filter'); result = result.filter(predicate); }
  if (search) { const predicate = compileUserQuery(search, 'search'); result = result.filter(predicate); }
  if (q) result = result.filter((user) => user.firstName.toLowerCase().startsWith(q) || user.lastName.toLowerCase().startsWith(q) || user.login.startsWith(q));
  if (!filter && !search && !q) result = result.filter((user) => user.status !== 'DEPROVISIONED');
  return result;
}
