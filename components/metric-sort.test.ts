import { describe, expect, it } from 'vitest';
import { defaultMetricSort, nextMetricSort, sortMetrics } from './metric-sort';

const rows = [
  { metric: 'authentication' as const, title: 'Authentication', weight: 10, value: 0.2, impact: 4 },
  { metric: 'password-policy' as const, title: 'Password policy', weight: 6, value: 0.8, impact: 9 },
  { metric: 'session-management' as const, title: 'Session management', weight: 6, value: null, impact: 0 },
  { metric: 'network-access' as const, title: 'Network access', weight: 'risk_accepted' as const, value: 1, impact: 0 },
  { metric: 'privileged-access' as const, title: 'Privileged access', weight: 10, value: 0, impact: 0 },
];
const order = (sort = defaultMetricSort) => sortMetrics(rows, sort).map((row) => row.metric);

describe('sortMetrics', () => {
  it('puts the highest impact first, metrics without data or with risk accepted last', () => {
    expect(order()).toEqual(['password-policy', 'authentication', 'privileged-access', 'network-access', 'session-management']);
  });

  it('keeps rows without a number last in both directions', () => {
    expect(order({ key: 'value', direction: 'ascending' })).toEqual(['privileged-access', 'authentication', 'password-policy', 'network-access', 'session-management']);
    expect(order({ key: 'weight', direction: 'ascending' }).at(-1)).toBe('network-access');
    expect(order({ key: 'weight', direction: 'descending' }).at(-1)).toBe('network-access');
  });

  it('sorts by title and toggles direction', () => {
    expect(order({ key: 'title', direction: 'ascending' })[0]).toBe('authentication');
    expect(nextMetricSort(defaultMetricSort, 'impact')).toEqual({ key: 'impact', direction: 'ascending' });
    expect(nextMetricSort(defaultMetricSort, 'title')).toEqual({ key: 'title', direction: 'ascending' });
  });
});
