import { describe, expect, it } from 'vitest';
import {
  allRecommendations,
  compileFilter,
  createRecommendationQuery,
  defaultSort,
  filterFromParams,
  filterRows,
  filterToParams,
  narrows,
  nextSort,
  searchText,
  sortRows,
  visibleRange,
  type PortalFilter,
  type PortalRecommendation,
} from './recommendation-filters';

function row(overrides: Partial<PortalRecommendation> & Pick<PortalRecommendation, 'controlId'>): PortalRecommendation {
  const base = {
    instanceKey: 'salesforce:00D1',
    instanceName: 'Acme',
    app: 'salesforce',
    appName: 'Salesforce',
    title: overrides.controlId,
    status: 'non_compliant' as const,
    severity: 'medium' as const,
    metric: 'password-policy' as const,
    points: 1,
    impact: 1,
    reason: '',
    frameworkIds: [] as string[],
    exception: 'none' as const,
    included: true,
    ...overrides,
  };
  return {
    ...base,
    key: `${base.instanceKey}:${base.controlId}`,
    search: overrides.search ?? searchText({ title: base.title, controlId: base.controlId, reason: base.reason }),
  };
}

const f = (patch: Partial<PortalFilter>): PortalFilter => ({ ...allRecommendations, status: 'all', ...patch });

describe('filterRows', () => {
  const rows = [
    row({ controlId: 'SF.PWD.1v1', title: 'Minimum password length', severity: 'high', frameworkIds: ['healthCheck', 'nist80053'] }),
    row({
      controlId: 'OKTA.MFA.1v1',
      instanceKey: 'okta:acme',
      instanceName: 'Acme Okta',
      app: 'okta',
      appName: 'Okta',
      metric: 'authentication',
      status: 'partial',
      severity: 'critical',
      search: searchText({ title: 'Admins use MFA', controlId: 'OKTA.MFA.1v1', reason: '3 of 11 admins have no MFA', affected: ['Ada Byrón'] }),
      frameworkIds: ['stig'],
      exception: 'active',
    }),
    row({ controlId: 'SN.HARD.3v1', instanceKey: 'servicenow:acme', app: 'servicenow', status: 'compliant', exception: 'lapsed' }),
    row({ controlId: 'SF.SESS.2v1', status: 'error', severity: 'low', metric: 'session-management' }),
  ];
  const ids = (patch: Partial<PortalFilter>) => filterRows(rows, f(patch)).map((r) => r.controlId);

  it('applies each facet', () => {
    expect(ids({ app: 'okta' })).toEqual(['OKTA.MFA.1v1']);
    expect(ids({ instance: 'servicenow:acme' })).toEqual(['SN.HARD.3v1']);
    expect(ids({ metric: 'session-management' })).toEqual(['SF.SESS.2v1']);
    expect(ids({ severity: 'high' })).toEqual(['SF.PWD.1v1']);
    expect(ids({ framework: 'stig' })).toEqual(['OKTA.MFA.1v1']);
    expect(ids({ framework: 'nist80053' })).toEqual(['SF.PWD.1v1']);
    expect(ids({ exception: 'active' })).toEqual(['OKTA.MFA.1v1']);
    expect(ids({ exception: 'lapsed' })).toEqual(['SN.HARD.3v1']);
    expect(ids({ exception: 'none' })).toEqual(['SF.PWD.1v1', 'SF.SESS.2v1']);
  });

  it('uses the status groups of the side panel (needs attention includes checks that could not decide)', () => {
    expect(ids({ status: 'attention' })).toEqual(['SF.PWD.1v1', 'OKTA.MFA.1v1', 'SF.SESS.2v1']);
    expect(ids({ status: 'compliant' })).toEqual(['SN.HARD.3v1']);
  });

  it('searches title, control id, reason and affected names, every word, ignoring case and accents', () => {
    expect(ids({ query: 'PASSWORD' })).toEqual(['SF.PWD.1v1']);
    expect(ids({ query: 'okta.mfa' })).toEqual(['OKTA.MFA.1v1']);
    expect(ids({ query: '11 admins' })).toEqual(['OKTA.MFA.1v1']);
    expect(ids({ query: 'byron' })).toEqual(['OKTA.MFA.1v1']);
    expect(ids({ query: 'byron password' })).toEqual([]);
  });

  it('combines facets and compiles only the active ones', () => {
    expect(compileFilter(f({}))).toHaveLength(0);
    expect(compileFilter(f({ app: 'okta', query: 'x' }))).toHaveLength(2);
    expect(ids({ app: 'salesforce', severity: 'low' })).toEqual(['SF.SESS.2v1']);
  });
});

describe('sortRows', () => {
  const rows = [
    row({ controlId: 'A', title: 'Beta', impact: 2, points: 8, severity: 'low' }),
    row({ controlId: 'B', title: 'Alpha', impact: 5, points: 3, severity: 'critical' }),
    row({ controlId: 'C', title: 'Gamma', impact: 2, points: 8, severity: 'high' }),
  ];
  const ids = (key: Parameters<typeof nextSort>[1], direction: 'ascending' | 'descending') => sortRows(rows, { key, direction }).map((r) => r.controlId);

  it('sorts by impact by default, ties by points then severity', () => {
    expect(ids(defaultSort.key, defaultSort.direction)).toEqual(['B', 'C', 'A']);
  });
  it('sorts by points and severity, both ways', () => {
    expect(ids('points', 'descending')).toEqual(['C', 'A', 'B']);
    expect(ids('severity', 'descending')).toEqual(['B', 'C', 'A']);
    expect(ids('severity', 'ascending')).toEqual(['A', 'C', 'B']);
    expect(ids('title', 'ascending')).toEqual(['B', 'A', 'C']);
  });
  it('toggles the direction of the same column and starts a new column in its natural direction', () => {
    expect(nextSort(defaultSort, 'impact')).toEqual({ key: 'impact', direction: 'ascending' });
    expect(nextSort(defaultSort, 'title')).toEqual({ key: 'title', direction: 'ascending' });
    expect(nextSort(defaultSort, 'severity')).toEqual({ key: 'severity', direction: 'descending' });
  });
});

describe('createRecommendationQuery', () => {
  // 5 000 rows: the budget the issue sets. The checks are on work done, not on time.
  const many = Array.from({ length: 5000 }, (_, index) =>
    row({
      controlId: `APP.C.${index}v1`,
      title: `Control ${index} ${index % 7 === 0 ? 'password' : 'session'}`,
      instanceKey: `app:${index % 5}`,
      severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[index % 5],
      impact: index % 13,
      points: index % 10,
    }),
  );

  it('gives the same result as a plain filter and sort', () => {
    const query = createRecommendationQuery();
    const filter = f({ instance: 'app:2', query: 'password' });
    expect(query(many, filter, defaultSort)).toEqual(filterRows(sortRows(many, defaultSort), filter));
  });

  it('returns the same array for the same inputs and sorts once per (rows, sort)', () => {
    const query = createRecommendationQuery();
    let comparisons = 0;
    const counted = new Proxy(many, {}) as PortalRecommendation[];
    const first = query(counted, f({}), defaultSort);
    expect(query(counted, f({}), defaultSort)).toBe(first);
    // A filter change reuses the sorted rows: the result keeps the impact order without sorting again.
    const spy = Array.prototype.sort;
    Array.prototype.sort = function (this: unknown[], compare?: (a: unknown, b: unknown) => number) {
      comparisons++;
      return spy.call(this, compare);
    };
    try {
      query(counted, f({ severity: 'high' }), defaultSort);
      query(counted, f({ severity: 'high', query: 'pass' }), defaultSort);
    } finally {
      Array.prototype.sort = spy;
    }
    expect(comparisons).toBe(0);
  });

  it('narrows the previous result when the query is extended, with the same answer as from scratch', () => {
    const query = createRecommendationQuery();
    const sequence = ['p', 'pa', 'pas', 'pass password', 'pass passwo'];
    for (const text of sequence) {
      const filter = f({ query: text, severity: 'critical' });
      expect(query(many, filter, defaultSort)).toEqual(filterRows(sortRows(many, defaultSort), filter));
    }
  });

  it('knows when a filter narrows another', () => {
    expect(narrows(f({ query: 'ada' }), f({ query: 'ada by' }))).toBe(true);
    expect(narrows(f({ query: 'ada b' }), f({ query: 'ada' }))).toBe(false);
    expect(narrows(f({ query: 'ada' }), f({ query: 'ada', app: 'okta' }))).toBe(false);
  });
});

describe('filter parameters', () => {
  it('round-trips the facets a link sets, leaving defaults out', () => {
    const params = filterToParams({ metric: 'authentication', instance: 'okta:acme', status: 'attention' });
    expect(params.toString()).toBe('metric=authentication&instance=okta%3Aacme');
    expect(filterFromParams(params)).toEqual({ ...allRecommendations, metric: 'authentication', instance: 'okta:acme' });
  });
});

describe('visibleRange', () => {
  it('renders the visible rows plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 400, 40, 5000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(4000, 400, 40, 5000, 5)).toEqual({ start: 95, end: 116 });
    expect(visibleRange(1e9, 400, 40, 50, 5)).toEqual({ start: 44, end: 50 });
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
  });
});
