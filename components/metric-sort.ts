import type { MetricResult } from '@/utils/scoring';

/**
 * Ordering of the initiative's metric table. Highest impact first by default (fix those first, as the
 * SaaS Security Initiative advises); metrics without data and risk-accepted ones sink to the bottom
 * of the numeric orders whatever the direction, so the actionable rows stay on top.
 */
export type MetricSortKey = 'impact' | 'value' | 'weight' | 'title';
export type MetricSortDirection = 'ascending' | 'descending';
export interface MetricSort {
  key: MetricSortKey;
  direction: MetricSortDirection;
}

export const defaultMetricSort: MetricSort = { key: 'impact', direction: 'descending' };

type Row = Pick<MetricResult, 'metric' | 'title' | 'weight' | 'value' | 'impact'>;

const numeric = (row: Row, key: Exclude<MetricSortKey, 'title'>): number | null => {
  if (key === 'weight') return row.weight === 'risk_accepted' ? null : row.weight;
  if (key === 'value') return row.value;
  return row.weight === 'risk_accepted' || row.value === null ? null : row.impact;
};

export function sortMetrics<T extends Row>(rows: readonly T[], sort: MetricSort = defaultMetricSort): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'title') return sign * a.title.localeCompare(b.title);
    const x = numeric(a, sort.key);
    const y = numeric(b, sort.key);
    if (x === null || y === null) return x === y ? a.title.localeCompare(b.title) : x === null ? 1 : -1;
    return sign * (x - y) || b.impact - a.impact || a.title.localeCompare(b.title);
  });
}

export function nextMetricSort(current: MetricSort, key: MetricSortKey): MetricSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'title' ? 'ascending' : 'descending' };
}
