import { severities, type MetricId, type Severity, type VerdictStatus } from '@/utils/controls';
import { matchesStatus, type StatusFilter } from './recommendations';

/**
 * The portal's recommendation table: one row per finding of every instance's latest good scan.
 * Filtering and sorting are pure and memoised so that thousands of rows filter within a frame:
 * - each row carries its search text already normalised (built once when the rows are built);
 * - a filter is compiled once into the few predicates that are active, then one pass over the rows;
 * - sorting is cached per (rows, sort) and filtering keeps that order, so a filter change never sorts;
 * - typing more of the same query narrows the previous result instead of scanning every row again.
 */

export type ExceptionFilterState = 'none' | 'active' | 'lapsed';

export interface PortalRecommendation {
  /** `${instanceKey}:${controlId}`: unique across instances. */
  key: string;
  instanceKey: string;
  instanceName: string;
  app: string;
  appName: string;
  controlId: string;
  title: string;
  status: VerdictStatus;
  severity: Severity;
  metric: MetricId;
  /** Points the instance gains when fixed (Secure Score style, after exceptions). */
  points: number;
  /** Points (0–100) the initiative score gains when fixed; 0 for instances left out of the score. */
  impact: number;
  reason: string;
  frameworkIds: readonly string[];
  exception: ExceptionFilterState;
  /**
   * Set when the active exceptions cover only some of the affected entities: the finding keeps its
   * verdict and its points, and the row says how many are excepted.
   */
  partialException?: { excepted: number; affected: number };
  /** The instance counts towards the scores. */
  included: boolean;
  /** Normalised title, control id, reason and affected names (see `searchText`). */
  search: string;
}

export interface PortalFilter {
  app: string;
  instance: string;
  metric: MetricId | 'all';
  status: StatusFilter;
  severity: Severity | 'all';
  framework: string;
  exception: ExceptionFilterState | 'all';
  query: string;
}

export const allRecommendations: PortalFilter = {
  app: 'all',
  instance: 'all',
  metric: 'all',
  status: 'attention',
  severity: 'all',
  framework: 'all',
  exception: 'all',
  query: '',
};

export type SortKey = 'impact' | 'points' | 'severity' | 'title' | 'instance' | 'status';
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

export const defaultSort: SortOrder = { key: 'impact', direction: 'descending' };

/** Case- and accent-insensitive text, the form both rows and queries are compared in. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The text a row is searched by, built once per row. */
export function searchText(parts: { title: string; controlId: string; reason: string; affected?: readonly string[] }): string {
  return normaliseText([parts.title, parts.controlId, parts.reason, ...(parts.affected ?? [])].join('\n'));
}

export function queryWords(query: string): string[] {
  return normaliseText(query).split(/\s+/).filter(Boolean);
}

type Predicate = (row: PortalRecommendation) => boolean;

/** The active parts of a filter as predicates, cheapest first; the search last. */
export function compileFilter(filter: PortalFilter): Predicate[] {
  const predicates: Predicate[] = [];
  if (filter.instance !== 'all') predicates.push((row) => row.instanceKey === filter.instance);
  if (filter.app !== 'all') predicates.push((row) => row.app === filter.app);
  if (filter.metric !== 'all') predicates.push((row) => row.metric === filter.metric);
  if (filter.severity !== 'all') predicates.push((row) => row.severity === filter.severity);
  if (filter.status !== 'all') predicates.push((row) => matchesStatus(row.status, filter.status));
  if (filter.exception !== 'all') predicates.push((row) => row.exception === filter.exception);
  if (filter.framework !== 'all') predicates.push((row) => row.frameworkIds.includes(filter.framework));
  const words = queryWords(filter.query);
  if (words.length > 0) predicates.push((row) => words.every((word) => row.search.includes(word)));
  return predicates;
}

/** One pass; keeps the input order. */
export function filterRows(rows: readonly PortalRecommendation[], filter: PortalFilter): PortalRecommendation[] {
  const predicates = compileFilter(filter);
  if (predicates.length === 0) return rows.slice();
  const out: PortalRecommendation[] = [];
  outer: for (const row of rows) {
    for (const predicate of predicates) if (!predicate(row)) continue outer;
    out.push(row);
  }
  return out;
}

const severityRank = new Map<Severity, number>(severities.map((severity, index) => [severity, index]));
const statusRank: Record<VerdictStatus, number> = { non_compliant: 0, partial: 1, error: 2, unknown: 3, compliant: 4, not_applicable: 5 };

/** Ascending order of each column: less impact, fewer points, less severe, A→Z, most urgent status first. */
const comparators: Record<SortKey, (a: PortalRecommendation, b: PortalRecommendation) => number> = {
  impact: (a, b) => a.impact - b.impact || a.points - b.points,
  points: (a, b) => a.points - b.points,
  severity: (a, b) => (severityRank.get(b.severity) ?? 9) - (severityRank.get(a.severity) ?? 9),
  title: (a, b) => a.title.localeCompare(b.title),
  instance: (a, b) => a.instanceName.localeCompare(b.instanceName),
  status: (a, b) => statusRank[a.status] - statusRank[b.status],
};

/** Ties fall back to impact, severity, title and key, so the order never depends on the input's. */
export function compareRows(sort: SortOrder): (a: PortalRecommendation, b: PortalRecommendation) => number {
  const primary = comparators[sort.key];
  const sign = sort.direction === 'descending' ? -1 : 1;
  return (a, b) =>
    sign * primary(a, b) ||
    b.impact - a.impact ||
    b.points - a.points ||
    (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
    a.title.localeCompare(b.title) ||
    a.key.localeCompare(b.key);
}

export function sortRows(rows: readonly PortalRecommendation[], sort: SortOrder): PortalRecommendation[] {
  return [...rows].sort(compareRows(sort));
}

/** The direction a column starts in when chosen: numbers and severity high first, text A→Z, urgent status first. */
export function initialDirection(key: SortKey): SortDirection {
  return key === 'title' || key === 'instance' || key === 'status' ? 'ascending' : 'descending';
}

export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key !== key) return { key, direction: initialDirection(key) };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

function sameFacets(a: PortalFilter, b: PortalFilter): boolean {
  return (
    a.app === b.app &&
    a.instance === b.instance &&
    a.metric === b.metric &&
    a.status === b.status &&
    a.severity === b.severity &&
    a.framework === b.framework &&
    a.exception === b.exception
  );
}

/**
 * Whether every row matching `next` also matches `previous`: same facets, and the new query extends
 * the old one (each old word is a new word or, for the last, a prefix of one — substring matching
 * keeps the implication).
 */
export function narrows(previous: PortalFilter, next: PortalFilter): boolean {
  if (!sameFacets(previous, next)) return false;
  const before = normaliseText(previous.query).trim();
  const after = normaliseText(next.query).trim();
  return after.startsWith(before);
}

export interface RecommendationQuery {
  (rows: readonly PortalRecommendation[], filter: PortalFilter, sort: SortOrder): PortalRecommendation[];
}

/**
 * A memoised filter-and-sort: same inputs give the same array back; a new filter over the same rows
 * and sort reuses the sorted rows (and the last result when the filter only narrows it).
 */
export function createRecommendationQuery(): RecommendationQuery {
  let sortedFor: { rows: readonly PortalRecommendation[]; sort: SortOrder; sorted: PortalRecommendation[] } | undefined;
  let last: { sorted: PortalRecommendation[]; filter: PortalFilter; result: PortalRecommendation[] } | undefined;
  return (rows, filter, sort) => {
    if (!sortedFor || sortedFor.rows !== rows || sortedFor.sort.key !== sort.key || sortedFor.sort.direction !== sort.direction) {
      sortedFor = { rows, sort, sorted: sortRows(rows, sort) };
      last = undefined;
    }
    const sorted = sortedFor.sorted;
    if (last && last.sorted === sorted) {
      if (last.filter === filter || (sameFacets(last.filter, filter) && last.filter.query === filter.query)) return last.result;
      if (narrows(last.filter, filter)) {
        last = { sorted, filter, result: filterRows(last.result, filter) };
        return last.result;
      }
    }
    last = { sorted, filter, result: filterRows(sorted, filter) };
    return last.result;
  };
}

/** How many rows each option of a facet would show (for the filter's option labels). */
export function countBy<K extends string>(rows: readonly PortalRecommendation[], key: (row: PortalRecommendation) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const row of rows) {
    const value = key(row);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** Filter facets as URL search parameters (deep links from the Initiative and Instances views) and back. */
export function filterFromParams(params: URLSearchParams, base: PortalFilter = allRecommendations): PortalFilter {
  const filter = { ...base };
  for (const key of Object.keys(base) as Array<keyof PortalFilter>) {
    const value = params.get(key);
    if (value !== null) (filter as Record<string, string>)[key] = value;
  }
  return filter;
}

export function filterToParams(filter: Partial<PortalFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== allRecommendations[key as keyof PortalFilter]) params.set(key, value);
  }
  return params;
}

/**
 * The rows of a fixed-height virtual list to render for a scroll position: the visible ones plus
 * `overscan` on each side. `end` is exclusive.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8) {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(total - 1, first) - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end };
}
