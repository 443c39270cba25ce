import { oktaSourceList, type OktaSource } from '@/connectors/okta/sources';
import type { RecordedRequest } from '../../tests/emulators/shared/request-log';

/**
 * The critical path of a scan: the longest chain of requests in which each one needs the answer of the one
 * before it. With a fixed latency L added to every request, no scan can finish in less than chain × L, however
 * many requests it sends at once — the lower bound a scan's wall time is compared with.
 *
 * The chain is read from the emulator's request log (what the scan really sent, in arrival order) with one rule
 * per app saying which earlier answers a request needs. Only true data dependencies count: a value in the
 * request that could only come from an earlier answer (an API version, a cursor, a record id), or a request
 * that is only sent because of an earlier answer (a fallback after a 404). The order in which the connector
 * happens to send its requests never counts, so a connector that serialises independent reads gets no longer
 * a chain for it. To keep the figure a lower bound:
 * - where several earlier answers could have supplied the value, the shallowest one is taken;
 * - a request the rules do not recognise counts as needing nothing;
 * - a repeat of an earlier request (a retry: the same method, path, query and body) is as deep as the first one: it
 *   adds requests, not depth.
 */

export type LoggedRequest = Pick<RecordedRequest, 'method' | 'path' | 'query'> & Partial<Pick<RecordedRequest, 'body'>>;

/**
 * What `request` needs: each element is one needed answer, given as the earlier requests any one of which
 * could have supplied it (the shallowest counts). An empty list: it needs nothing.
 */
export type DependencyRule = (request: LoggedRequest, earlier: readonly LoggedRequest[]) => LoggedRequest[][];

const identity = (request: LoggedRequest) =>
  `${request.method} ${request.path}?${Object.entries(request.query)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')}${request.body ? `\n${request.body}` : ''}`;

/** The query without `names`, for telling pages of one listing apart from other listings on the same path. */
function queryWithout(request: LoggedRequest, names: readonly string[]): string {
  return identity({ ...request, query: Object.fromEntries(Object.entries(request.query).filter(([key]) => !names.includes(key))) });
}

/** Length of the longest dependent chain in `requests` (in arrival order), in requests. */
export function criticalPathLength(requests: readonly LoggedRequest[], rule: DependencyRule): number {
  const depth = new Map<LoggedRequest, number>();
  const firstOf = new Map<string, LoggedRequest>();
  let longest = 0;
  requests.forEach((request, index) => {
    const first = firstOf.get(identity(request));
    if (first) {
      depth.set(request, depth.get(first)!);
      return;
    }
    firstOf.set(identity(request), request);
    const needs = rule(request, requests.slice(0, index));
    const deepestNeed = Math.max(0, ...needs.map((producers) => (producers.length ? Math.min(...producers.map((producer) => depth.get(producer)!)) : 0)));
    depth.set(request, deepestNeed + 1);
    longest = Math.max(longest, deepestNeed + 1);
  });
  return longest;
}

const salesforceVersions = '/services/data/';
const salesforceVersioned = /^\/services\/(data\/v\d+\.\d+|Soap\/[mu]\/\d+\.\d+)(\/|$)/;
/** A `nextRecordsUrl`: `/services/data/v66.0/query/<locator>-<offset>`. */
const salesforceNextPage = /\/query\/([^/?]+)-(\d+)$/;
/** Requests whose answer may hold the first page of a query (and so its `nextRecordsUrl`). */
const salesforceFirstPages = /\/(composite\/batch|tooling\/composite|query|tooling\/query)\/?$/;

/** A readMetadata of ConnectedApp: its full names are the API names of the App Launcher entries (AppMenuItem). */
const salesforceConnectedAppRead = /<(?:[\w.-]+:)?type>ConnectedApp<\//;
const salesforceAppMenuItems = /\bFROM AppMenuItem\b/;

/**
 * Salesforce: every versioned path needs the API version chosen from `GET /services/data/`; a next page needs the
 * page before it (the `nextRecordsUrl` it gave), and the first next page the request that answered the query's
 * first page (a composite batch, or the query read on its own); a readMetadata of ConnectedApp needs the answer that
 * listed the App Launcher entries (the composite batch, or their query read on its own).
 */
export const salesforceDependencies: DependencyRule = (request, earlier) => {
  if (request.path === salesforceVersions) return [];
  if (!salesforceVersioned.test(request.path)) return [];
  const versions = earlier.filter((candidate) => candidate.path === salesforceVersions);
  if (salesforceConnectedAppRead.test(request.body ?? '')) {
    const menus = earlier.filter((candidate) => /\/composite\/batch\/?$/.test(candidate.path) || salesforceAppMenuItems.test(candidate.query.q ?? ''));
    return [versions, menus];
  }
  const next = salesforceNextPage.exec(request.path);
  if (!next) return [versions];
  const [, locator, offset] = next;
  const previousPages = earlier
    .map((candidate) => ({ candidate, page: salesforceNextPage.exec(candidate.path) }))
    .filter(({ page }) => page?.[1] === locator && Number(page[2]) < Number(offset))
    .sort((a, b) => Number(a.page![2]) - Number(b.page![2]));
  if (previousPages.length > 0) return [[previousPages.at(-1)!.candidate]];
  return [earlier.filter((candidate) => salesforceFirstPages.test(candidate.path))];
};

const templatePattern = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`);
const pathOf = (template: string) => template.split('?', 1)[0]!;
/** The record id a request's path holds where the template has its `{placeholder}`. */
const recordIdOf = (template: string, path: string) => path.split('/')[template.split('/').findIndex((segment) => segment.startsWith('{'))];

function isFirstPageOf(request: LoggedRequest, source: OktaSource): boolean {
  const fixed = new URLSearchParams(source.path.split('?', 2)[1] ?? '');
  return request.path === pathOf(source.path) && request.query.after === undefined && [...fixed].every(([key, value]) => request.query[key] === value);
}

/**
 * Okta, from the connector's declared sources: a page after the first (`after`, the cursor from the previous page's
 * `Link`) needs the page before it of the same listing; a child source's request (a record id in its path) needs
 * the first page of its parent's listing (any parent whose children share the path: the rules of each kind of
 * policy); a child's fallback path (read when its path answered 404) needs that read of the same record.
 */
export const oktaDependencies: DependencyRule = (request, earlier) => {
  if (request.query.after !== undefined) {
    const listing = queryWithout(request, ['after']);
    const previous = earlier.filter((candidate) => candidate.path === request.path && queryWithout(candidate, ['after']) === listing);
    return previous.length ? [[previous.at(-1)!]] : [];
  }
  const children = oktaSourceList.filter((source) => source.parent);
  const byPath = children.filter((source) => templatePattern(pathOf(source.path)).test(request.path));
  if (byPath.length) {
    const parents = byPath.map((source) => oktaSourceList.find((candidate) => candidate.id === source.parent)!);
    return [earlier.filter((candidate) => parents.some((parent) => isFirstPageOf(candidate, parent)))];
  }
  const byFallback = children.filter((source) => source.notFoundPath && templatePattern(source.notFoundPath).test(request.path));
  if (byFallback.length) {
    return [
      earlier.filter((candidate) =>
        byFallback.some(
          (source) =>
            templatePattern(pathOf(source.path)).test(candidate.path) &&
            recordIdOf(source.path, candidate.path) === recordIdOf(source.notFoundPath!, request.path),
        ),
      ),
    ];
  }
  return [];
};

/**
 * ServiceNow: the sources are independent (every query is known before the scan); a page at `sysparm_offset` > 0
 * needs only the first page of its query, whose `X-Total-Count` says how many pages there are.
 */
export const serviceNowDependencies: DependencyRule = (request, earlier) => {
  if (!(Number(request.query.sysparm_offset) > 0)) return [];
  const query = queryWithout(request, ['sysparm_offset']);
  return [earlier.filter((candidate) => candidate.path === request.path && candidate.query.sysparm_offset === undefined && queryWithout(candidate, []) === query)];
};
