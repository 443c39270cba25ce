import { describe, expect, it } from 'vitest';
import type { MetricId, VerdictStatus } from './controls';
import type { ExceptionRecord, FindingRecord, InstanceRecord, ScanRecord } from './db';
import { compactResult, packResults } from './history';
import { computeInitiative, initiativeTrend, targetProgress } from './initiative';
import { defaultMetricWeights, metricTotals, scoreInitiative, type MetricWeight } from './scoring';

const now = '2026-03-10T15:00:00.000Z';

const instance = (key: string, overrides: Partial<InstanceRecord> = {}): InstanceRecord => ({
  key,
  app: key.split(':')[0]!,
  instanceId: key.split(':')[1]!,
  name: key,
  host: `${key.split(':')[1]}.test`,
  connectedAt: '2026-01-01T00:00:00.000Z',
  includeInScore: true,
  lastGoodScanId: `${key}/latest`,
  ...overrides,
});

function finding(instanceKey: string, controlId: string, metric: MetricId, weight: number, status: VerdictStatus, fraction: number, scanId = `${instanceKey}/latest`): FindingRecord {
  return {
    id: `${scanId}:${controlId}`,
    scanId,
    instanceKey,
    controlId,
    status,
    weight,
    metric,
    severity: 'high',
    pointsAtStake: weight * (1 - fraction),
    verdict: { status, fraction, reason: 'r', affected: [], notes: [] },
  };
}

const exception = (overrides: Partial<ExceptionRecord>): ExceptionRecord => ({
  id: 'x',
  instanceKey: 'fake:a',
  controlId: 'A1',
  kind: 'risk_accepted',
  rationale: 'r',
  owner: 'o',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const weights: Record<MetricId, MetricWeight> = {
  ...defaultMetricWeights,
  authentication: 10,
  'password-policy': 4,
  'privileged-access': 'risk_accepted',
};

/**
 * Two included instances of two apps, one excluded instance, an older scan:
 *   authentication      A1 10 × fail, B1 10 × pass                → lost 10 of 20, v = 0.5
 *   password policy     A2 5 × 0.6, B2 5 × fail mitigated (active) → lost 2 of 10, v = 0.2
 *   privileged access   A3 8 × pass, B3 4 × fail — risk accepted   → v = 1/3, left out
 *   W = 10 + 4 = 14;  S = (10 × 0.5 + 4 × 0.8) / 14 = 8.2 / 14 = 58.57 %
 *   impact: authentication 10 × 0.5 / 14 = 35.71, password policy 4 × 0.2 / 14 = 5.71
 */
const input = {
  instances: [instance('fake:a'), instance('other:b'), instance('fake:c', { includeInScore: false })],
  findings: [
    finding('fake:a', 'A1', 'authentication', 10, 'non_compliant', 0),
    finding('fake:a', 'A2', 'password-policy', 5, 'partial', 0.6),
    finding('fake:a', 'A3', 'privileged-access', 8, 'compliant', 1),
    finding('fake:a', 'A1', 'authentication', 10, 'compliant', 1, 'fake:a/older'),
    finding('other:b', 'B1', 'authentication', 10, 'compliant', 1),
    finding('other:b', 'B2', 'password-policy', 5, 'non_compliant', 0),
    finding('other:b', 'B3', 'privileged-access', 4, 'non_compliant', 0),
    finding('fake:c', 'C1', 'authentication', 10, 'non_compliant', 0),
  ],
  exceptions: [
    exception({ id: 'x1', instanceKey: 'other:b', controlId: 'B2', kind: 'alternate_mitigation', expiresAt: '2026-12-31T00:00:00.000Z' }),
    // lapsed: changes nothing
    exception({ id: 'x2', instanceKey: 'fake:a', controlId: 'A1', kind: 'third_party', expiresAt: '2026-03-01T00:00:00.000Z' }),
  ],
  weights,
  now,
};

describe('the initiative across instances', () => {
  const view = computeInitiative(input);
  const metric = (id: MetricId) => view.metrics.find((entry) => entry.metric === id)!;

  it('scores the included instances’ latest scans with exceptions and user weights (hand-computed)', () => {
    expect(view.score).toBe(58.6);
    expect(view.instances).toEqual(['fake:a', 'other:b']);
    expect(metric('authentication')).toMatchObject({ weight: 10, value: 0.5, impact: 35.7, lost: 10, max: 20, controls: 2, failing: 1 });
    expect(metric('password-policy')).toMatchObject({ weight: 4, value: 0.2, impact: 5.7, lost: 2, max: 10 });
    expect(metric('privileged-access')).toMatchObject({ weight: 'risk_accepted', value: 0.3333, impact: 0 });
    expect(view.score! + view.metrics.reduce((sum, entry) => sum + entry.impact, 0)).toBeCloseTo(100, 0);
  });

  it('is sorted by impact, and says which apps and instances feed each metric', () => {
    expect(view.metrics.slice(0, 2).map((entry) => entry.metric)).toEqual(['authentication', 'password-policy']);
    expect(view.metrics.at(-1)!.metric).toBe('privileged-access');
    expect(metric('authentication')).toMatchObject({ apps: ['fake', 'other'], instances: ['fake:a', 'other:b'] });
    expect(metric('logging-monitoring')).toMatchObject({ apps: [], instances: [], value: null, recommendations: [] });
  });

  it('lists each metric’s recommendations by points, with what fixing one adds to the initiative', () => {
    expect(metric('authentication').recommendations).toEqual([
      { findingId: 'fake:a/latest:A1', instanceKey: 'fake:a', controlId: 'A1', points: 10, gain: 35.71 },
      { findingId: 'other:b/latest:B1', instanceKey: 'other:b', controlId: 'B1', points: 0, gain: 0 },
    ]);
    expect(metric('password-policy').recommendations).toEqual([
      { findingId: 'fake:a/latest:A2', instanceKey: 'fake:a', controlId: 'A2', points: 2, gain: 5.71 },
      { findingId: 'other:b/latest:B2', instanceKey: 'other:b', controlId: 'B2', points: 0, gain: 0, exception: 'alternate_mitigation' },
    ]);
  });

  it('changes when the mitigation lapses: B2 fails again', () => {
    const later = computeInitiative({ ...input, now: '2027-01-01T00:00:00.000Z' });
    // password policy lost 7 of 10: S = (5 + 4 × 0.3) / 14 = 44.29
    expect(later.score).toBe(44.3);
  });

  it('counts an instance again once it is included', () => {
    const all = computeInitiative({ ...input, instances: input.instances.map((entry) => ({ ...entry, includeInScore: true })) });
    expect(all.instances).toEqual(['fake:a', 'fake:c', 'other:b']);
    // authentication lost 20 of 30
    expect(all.metrics.find((entry) => entry.metric === 'authentication')!.value).toBe(0.6667);
  });

  it('has no score without scans', () => {
    expect(computeInitiative({ ...input, findings: [] }).score).toBeNull();
  });
});

describe('target progress', () => {
  it('is the share of the target reached and the points missing', () => {
    expect(targetProgress(58.6, 80)).toEqual({ target: 80, gap: 21.4, met: false, progress: 0.7325 });
    expect(targetProgress(85, 80)).toEqual({ target: 80, gap: 0, met: true, progress: 1 });
    expect(targetProgress(80, 80)).toMatchObject({ met: true, gap: 0 });
  });

  it('has no progress without a target, and none made without a score', () => {
    expect(targetProgress(58.6, null)).toBeNull();
    expect(targetProgress(null, 80)).toEqual({ target: 80, gap: 80, met: false, progress: 0 });
  });
});

describe('the initiative trend', () => {
  const day = (offset: number, time: string) => new Date(Date.parse(`2026-03-10T${time}Z`) + offset * 86_400_000).toISOString();
  const controls = new Map([
    ['A.AUTH', { weight: 10, metric: 'authentication' as const, severity: 'high' as const }],
    ['B.AUTH', { weight: 10, metric: 'authentication' as const, severity: 'high' as const }],
    ['B.PWD', { weight: 5, metric: 'password-policy' as const, severity: 'high' as const }],
  ]);
  function scan(id: string, instanceKey: string, startedAt: string, results: Array<[string, VerdictStatus, number]>, status: ScanRecord['status'] = 'complete'): ScanRecord {
    const scored = results.map(([controlId, s, f]) => ({ controlId, ...controls.get(controlId)!, status: s, fraction: f }));
    return {
      id,
      instanceKey,
      app: instanceKey.split(':')[0]!,
      startedAt,
      status,
      progress: { done: 1, total: 1, label: 'Done' },
      initiative: scoreInitiative(scored),
      packedResults: packResults(results.map(([controlId, s, f]) => compactResult(controlId, { status: s, fraction: f }))),
    };
  }
  const scans = [
    scan('a1', 'fake:a', day(-3, '10:00:00'), [['A.AUTH', 'non_compliant', 0]]),
    scan('a2', 'fake:a', day(-1, '10:00:00'), [['A.AUTH', 'compliant', 1]]),
    scan('a3', 'fake:a', day(0, '11:00:00'), [['A.AUTH', 'non_compliant', 0]], 'failed'),
    scan('b1', 'other:b', day(-2, '12:00:00'), [
      ['B.AUTH', 'partial', 0.5],
      ['B.PWD', 'compliant', 1],
    ]),
    scan('c1', 'fake:c', day(-5, '12:00:00'), [['A.AUTH', 'non_compliant', 0]]),
  ];
  const instances = [instance('fake:a'), instance('other:b'), instance('fake:c', { includeInScore: false })];

  it('has one point per day ending today, null before the first scan', () => {
    const trend = initiativeTrend(scans, instances, { days: 14, now });
    expect(trend).toHaveLength(14);
    expect(trend[0]!.day).toBe('2026-02-25');
    expect(trend.at(-1)!.day).toBe('2026-03-10');
    expect(trend.slice(0, 10).every((point) => point.score === null && point.metrics.authentication === null)).toBe(true);
  });

  it('combines each instance’s latest good scan of the day per metric (hand-computed)', () => {
    const trend = initiativeTrend(scans, instances, { days: 14, now });
    // day −3: A fails authentication → 0
    // day −2: authentication lost 10 + 5 of 20, password 0 of 5 → (10 × 0.25 + 6 × 1) / 16 = 53.1
    // day −1 and today (the failed scan does not count): authentication 5 of 20 → (10 × 0.75 + 6) / 16 = 84.4
    expect(trend.slice(10).map((point) => point.score)).toEqual([0, 53.1, 84.4, 84.4]);
    expect(trend.slice(10).map((point) => point.metrics.authentication)).toEqual([1, 0.75, 0.25, 0.25]);
    expect(trend.slice(10).map((point) => point.metrics['password-policy'])).toEqual([null, 0, 0, 0]);
  });

  it('applies the weights asked for', () => {
    const trend = initiativeTrend(scans, instances, { days: 14, now, weights: { ...defaultMetricWeights, 'password-policy': 'risk_accepted' } });
    expect(trend.at(-1)!.score).toBe(75);
  });

  it('applies whole-control exceptions from the day they were in force, from the scans’ results', () => {
    const mitigated = exception({ instanceKey: 'other:b', controlId: 'B.AUTH', kind: 'alternate_mitigation', createdAt: day(-1, '09:00:00') });
    const trend = initiativeTrend(scans, instances, { days: 14, now, exceptions: [mitigated], controls });
    expect(trend.slice(10).map((point) => point.score)).toEqual([0, 53.1, 100, 100]);
    // the stored totals and the results agree where no exception applies
    const lapsing = { ...mitigated, expiresAt: day(0, '08:00:00') };
    expect(initiativeTrend(scans, instances, { days: 14, now, exceptions: [lapsing], controls }).slice(10).map((point) => point.score)).toEqual([
      0, 53.1, 100, 84.4,
    ]);
  });

  it('re-applies each kind as scoring does: a risk accepted earns nothing, an incorrect result leaves its metric', () => {
    const since = day(-1, '09:00:00');
    const accepted = exception({ instanceKey: 'other:b', controlId: 'B.AUTH', kind: 'risk_accepted', createdAt: since });
    // day −1: authentication A 0 of 10 lost, B 10 of 10 lost (risk accepted) → (10 × 0.5 + 6) / 16
    expect(initiativeTrend(scans, instances, { days: 14, now, exceptions: [accepted], controls }).at(-1)!.score).toBe(68.8);
    const incorrect = { ...accepted, kind: 'incorrect_result' as const };
    const onlyB = [instance('fake:a', { includeInScore: false }), instance('other:b')];
    const last = initiativeTrend(scans, onlyB, { days: 14, now, exceptions: [incorrect], controls }).at(-1)!;
    expect(last.metrics.authentication).toBeNull();
    expect(last.score).toBe(100);
    // entity-level exceptions are not re-applied from results
    const someEntities = { ...accepted, kind: 'alternate_mitigation' as const, entityIds: ['u1'] };
    expect(initiativeTrend(scans, instances, { days: 14, now, exceptions: [someEntities], controls }).at(-1)!.score).toBe(84.4);
  });

  it('days follow the admin’s time zone', () => {
    // at UTC+14, 10:00 UTC on 7 March is midnight starting 8 March, and 15:00 UTC today is tomorrow
    const trend = initiativeTrend(scans, instances, { days: 14, now, utcOffsetMinutes: 14 * 60 });
    expect(trend.at(-1)!.day).toBe('2026-03-11');
    expect(trend.find((point) => point.score !== null)!.day).toBe('2026-03-08');
  });

  it('a year has 365 points', () => {
    const trend = initiativeTrend(scans, instances, { days: 365, now });
    expect(trend).toHaveLength(365);
    expect(trend[0]!.day).toBe('2025-03-11');
  });

  it('stored totals combine exactly like the findings they came from', () => {
    const a = [finding('fake:a', 'A1', 'authentication', 10, 'partial', 0.3)];
    const b = [finding('other:b', 'B1', 'authentication', 4, 'partial', 0.75)];
    const scored = (list: FindingRecord[]) => list.map((entry) => ({ ...entry, fraction: entry.verdict.fraction }));
    const together = scoreInitiative([...scored(a), ...scored(b)]);
    const fromTotals = initiativeTrend(
      [
        { ...scan('x', 'fake:a', day(0, '01:00:00'), []), initiative: scoreInitiative(scored(a)) },
        { ...scan('y', 'other:b', day(0, '01:00:00'), []), initiative: scoreInitiative(scored(b)) },
      ],
      instances,
      { days: 14, now },
    ).at(-1)!;
    expect(fromTotals.score).toBe(together.score);
    expect(fromTotals.metrics.authentication).toBe(together.metrics.find((entry) => entry.metric === 'authentication')!.value);
    expect(metricTotals(scored(a)).get('authentication')).toMatchObject({ lost: 7, max: 10 });
  });
});
