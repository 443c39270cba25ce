import { type Answer, invalidTable, noResource, notAuthorized, recordNotFound } from './faults';
import { parseFields, projector, runQuery } from './query';
import type { ServiceNowSession } from './sessions';
import type { InstanceState } from './state';

/**
 * The REST API answers (reference/servicenow.md §2): Table API lists and single records, and the Aggregate API
 * count. Authentication, faults and the method check happen before (server.ts); this is the read itself.
 */
export interface ApiRequest {
  path: string;
  query: URLSearchParams;
  /** `https://host[:port]` of the request, for reference links and the Link header. */
  origin: string;
  session: ServiceNowSession;
  /** `hidden_rows` fault: leave out every n-th row of the page. */
  hideEvery?: number;
}

const tablePath = /^\/api\/now\/(?:v[12]\/)?table\/([A-Za-z0-9_]+)(?:\/([A-Za-z0-9]+))?\/?$/;
const statsPath = /^\/api\/now\/(?:v1\/)?stats\/([A-Za-z0-9_]+)\/?$/;
export const defaultLimit = 10_000;

function intParam(value: string | null, fallback: number, min: number): number {
  const n = value === null || value.trim() === '' ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= min ? n : fallback;
}

function linkHeader(origin: string, path: string, query: URLSearchParams, offset: number, limit: number, total: number): string {
  const url = (at: number) => {
    const params = new URLSearchParams(query);
    params.set('sysparm_limit', String(limit));
    params.set('sysparm_offset', String(at));
    return `<${origin}${path}?${params.toString()}>`;
  };
  const last = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
  const links = [`${url(0)};rel="first"`];
  if (offset > 0) links.push(`${url(Math.max(0, offset - limit))};rel="prev"`);
  if (offset + limit < total) links.push(`${url(offset + limit)};rel="next"`);
  links.push(`${url(last)};rel="last"`);
  return links.join(',');
}

export function handleApi(state: InstanceState, request: ApiRequest): Answer {
  const { query, session } = request;
  const tableMatch = tablePath.exec(request.path);
  const statsMatch = tableMatch ? null : statsPath.exec(request.path);
  const tableName = tableMatch?.[1] ?? statsMatch?.[1];
  if (!tableName) return noResource();
  const table = state.table(tableName);
  if (!table) return invalidTable(tableName);
  if (table.def.adminOnly && !session.admin) return notAuthorized();
  const sysparmQuery = query.get('sysparm_query') ?? '';

  if (statsMatch) {
    const stats: Record<string, string> = {};
    if (query.get('sysparm_count') === 'true') stats.count = String(runQuery(state, table, sysparmQuery).length);
    return { status: 200, body: { result: { stats } } };
  }

  const project = projector(state, table.def, {
    fields: parseFields(query.get('sysparm_fields')),
    excludeReferenceLink: query.get('sysparm_exclude_reference_link') === 'true',
    origin: request.origin,
  });
  const recordId = tableMatch?.[2];
  if (recordId) {
    const record = table.get(recordId);
    return record ? { status: 200, body: { result: project(record) } } : recordNotFound();
  }

  const rows = runQuery(state, table, sysparmQuery);
  const limit = intParam(query.get('sysparm_limit'), defaultLimit, 1);
  const offset = intParam(query.get('sysparm_offset'), 0, 0);
  let page = rows.slice(offset, offset + limit);
  if (request.hideEvery && request.hideEvery > 1) {
    const every = request.hideEvery;
    page = page.filter((_, index) => index % every !== every - 1);
  }
  const headers: Record<string, string> = { 'X-Total-Count': String(rows.length) };
  if (query.get('sysparm_suppress_pagination_header') !== 'true' && (rows.length > limit || offset > 0)) {
    headers.Link = linkHeader(request.origin, request.path, query, offset, limit, rows.length);
  }
  return { status: 200, body: { result: page.map(project) }, headers };
}
