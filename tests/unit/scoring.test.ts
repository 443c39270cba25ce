import { describe, expect, it } from 'vitest';
import { metrics, type MetricId, type VerdictStatus } from '@/utils/controls';
import {
  defaultMetricWeights,
  pointsAtStake,
  scoreFindings,
  scoreInitiative,
  type ExceptionKind,
  type MetricWeight,
  type ScoredFinding,
} from '@/utils/scoring';

let next = 0;
function finding(
  weight: number,
  status: VerdictStatus,
  fraction: number,
  extra: { metric?: MetricId; exception?: ExceptionKind } = {},
): ScoredFinding {
  return {
    controlId: `TEST.C.${++next}v1`,
    weight,
    metric: extra.metric ?? 'password-policy',
    severity: 'high',
    status,
    fraction,
    exception: extra.exception,
  };
}

const pass = (weight: number, metric?: MetricId) => finding(weight, 'compliant', 1, { metric });
const fail = (weight: number, metric?: MetricId) => finding(weight, 'non_compliant', 0, { metric });

/** Only the listed metrics carry the given weights; the rest keep their defaults but have no data. */
function weightsWith(overrides: Partial<Record<MetricId, MetricWeight>>): Record<MetricId, MetricWeight> {
  return { ...defaultMetricWeights, ...overrides };
}

const metricOf = (result: ReturnType<typeof scoreInitiative>, id: MetricId) => result.metrics.find((m) => m.metric === id)!;

describe('instance score (Secure Score style)', () => {
  it('is achieved points over maximum points', () => {
    const score = scoreFindings([pass(8), fail(2), pass(10)]);
    expect(score.achieved).toBe(18);
    expect(score.max).toBe(20);
    expect(score.percent).toBe(90);
  });

  it('gives partial credit: 7 of 10 enrolled earns 0.7 of the weight', () => {
    const score = scoreFindings([finding(10, 'partial', 0.7), fail(10)]);
    expect(score.achieved).toBe(7);
    expect(score.max).toBe(20);
    expect(score.percent).toBe(35);
  });

  it('leaves error, unknown and not_applicable out of both sums and counts error/unknown as coverage gaps', () => {
    const score = scoreFindings([
      pass(5),
      fail(5),
      finding(10, 'error', 0),
      finding(10, 'unknown', 0),
      finding(10, 'not_applicable', 0),
    ]);
    expect(score.max).toBe(10);
    expect(score.achieved).toBe(5);
    expect(score.percent).toBe(50);
    expect(score.coverageGaps).toBe(2);
    expect(score.counts).toEqual({ compliant: 1, non_compliant: 1, partial: 0, not_applicable: 1, error: 1, unknown: 1 });
  });

  it('an error verdict never counts as compliant, whatever its fraction', () => {
    const score = scoreFindings([fail(4), finding(6, 'error', 1), finding(6, 'unknown', 1)]);
    expect(score.percent).toBe(0);
  });

  it('has no percentage when no control had data', () => {
    const score = scoreFindings([finding(10, 'error', 0), finding(3, 'not_applicable', 0)]);
    expect(score.percent).toBeNull();
    expect(score.max).toBe(0);
    expect(score.coverageGaps).toBe(1);
    expect(scoreFindings([]).percent).toBeNull();
  });

  it('rounds to one decimal', () => {
    const score = scoreFindings([pass(1), fail(1), fail(1)]);
    expect(score.percent).toBe(33.3);
  });

  describe('exceptions keep the verdict but change the points', () => {
    const withException = (kind: ExceptionKind) => [finding(10, 'non_compliant', 0, { exception: kind }), pass(10)];

    it('alternate_mitigation counts as achieved', () => {
      const score = scoreFindings(withException('alternate_mitigation'));
      expect(score.percent).toBe(100);
      expect(score.counts.non_compliant).toBe(1);
    });

    it('third_party counts as achieved, also for a partial verdict', () => {
      expect(scoreFindings(withException('third_party')).percent).toBe(100);
      expect(scoreFindings([finding(10, 'partial', 0.3, { exception: 'third_party' })]).percent).toBe(100);
    });

    it('risk_accepted earns nothing, even for a partial verdict', () => {
      expect(scoreFindings(withException('risk_accepted')).percent).toBe(50);
      const partial = scoreFindings([finding(10, 'partial', 0.7, { exception: 'risk_accepted' }), pass(10)]);
      expect(partial.achieved).toBe(10);
      expect(partial.percent).toBe(50);
    });

    it('incorrect_result (false positive) leaves the score', () => {
      const score = scoreFindings(withException('incorrect_result'));
      expect(score.max).toBe(10);
      expect(score.percent).toBe(100);
      expect(score.counts.non_compliant).toBe(1);
    });

    it('an exception never turns missing data into points', () => {
      const score = scoreFindings([finding(10, 'error', 0, { exception: 'alternate_mitigation' }), fail(10)]);
      expect(score.max).toBe(10);
      expect(score.percent).toBe(0);
      expect(score.coverageGaps).toBe(1);
    });
  });

  it('points at stake are what fixing the control would add', () => {
    expect(pointsAtStake(fail(8))).toBe(8);
    expect(pointsAtStake(finding(10, 'partial', 0.7))).toBe(3);
    expect(pointsAtStake(pass(8))).toBe(0);
    expect(pointsAtStake(finding(8, 'error', 0))).toBe(0);
    expect(pointsAtStake(finding(8, 'non_compliant', 0, { exception: 'alternate_mitigation' }))).toBe(0);
    expect(pointsAtStake(finding(8, 'non_compliant', 0, { exception: 'incorrect_result' }))).toBe(0);
  });
});

describe('SaaS Security Initiative', () => {
  it('worked example: weights 10, 5, 5 with non-compliance 40 %, 0 %, 100 % → S = 55, impacts 20, 0, 25', () => {
    const weights = weightsWith({ 'privileged-access': 10, authentication: 5, 'password-policy': 5 });
    const findings = [
      // privileged access: 40 % of its weighted controls are non-compliant
      pass(6, 'privileged-access'),
      fail(4, 'privileged-access'),
      // authentication: all compliant
      pass(7, 'authentication'),
      // password policy: all non-compliant
      fail(3, 'password-policy'),
      fail(2, 'password-policy'),
    ];
    const result = scoreInitiative(findings, weights);
    expect(result.score).toBe(55);
    expect(metricOf(result, 'privileged-access').value).toBe(0.4);
    expect(metricOf(result, 'privileged-access').impact).toBe(20);
    expect(metricOf(result, 'authentication').value).toBe(0);
    expect(metricOf(result, 'authentication').impact).toBe(0);
    expect(metricOf(result, 'password-policy').value).toBe(1);
    expect(metricOf(result, 'password-policy').impact).toBe(25);
    // Fixing a metric fully gains exactly its impact.
    const fixed = scoreInitiative(
      findings.map((f) => (f.metric === 'password-policy' ? { ...f, status: 'compliant' as const, fraction: 1 } : f)),
      weights,
    );
    expect(fixed.score).toBe(80);
  });

  it('the value of a metric is its weighted non-compliant fraction, partial credit included', () => {
    const result = scoreInitiative([finding(10, 'partial', 0.7, { metric: 'authentication' }), pass(10, 'authentication')]);
    expect(metricOf(result, 'authentication').value).toBe(0.15);
    expect(metricOf(result, 'authentication').controls).toBe(2);
    expect(metricOf(result, 'authentication').failing).toBe(1);
    // the only metric with data: S = 1 − 0.15
    expect(result.score).toBe(85);
    expect(metricOf(result, 'authentication').impact).toBe(15);
  });

  it('metrics without data leave Σ w_m and have no value', () => {
    const result = scoreInitiative([fail(5, 'session-management'), finding(5, 'error', 0, { metric: 'network-access' })]);
    expect(result.score).toBe(0);
    expect(metricOf(result, 'network-access').value).toBeNull();
    expect(metricOf(result, 'network-access').impact).toBe(0);
    expect(metricOf(result, 'logging-monitoring').value).toBeNull();
    expect(metricOf(result, 'session-management').impact).toBe(100);
  });

  it('a metric whose risk is accepted leaves both sums', () => {
    const weights = weightsWith({ 'privileged-access': 'risk_accepted', authentication: 5, 'password-policy': 5 });
    const result = scoreInitiative([fail(4, 'privileged-access'), pass(7, 'authentication'), fail(3, 'password-policy')], weights);
    expect(result.score).toBe(50);
    expect(metricOf(result, 'privileged-access').impact).toBe(0);
    expect(metricOf(result, 'privileged-access').value).toBe(1);
    expect(metricOf(result, 'password-policy').impact).toBe(50);
  });

  it('applies control exceptions inside metrics', () => {
    const result = scoreInitiative([
      finding(4, 'non_compliant', 0, { metric: 'third-party-apps', exception: 'alternate_mitigation' }),
      finding(4, 'non_compliant', 0, { metric: 'third-party-apps', exception: 'incorrect_result' }),
      finding(4, 'non_compliant', 0, { metric: 'third-party-apps', exception: 'risk_accepted' }),
    ]);
    const metric = metricOf(result, 'third-party-apps');
    expect(metric.controls).toBe(2);
    expect(metric.value).toBe(0.5);
    expect(result.score).toBe(50);
  });

  it('has no score without data and lists all 12 metrics', () => {
    const result = scoreInitiative([finding(5, 'unknown', 0)]);
    expect(result.score).toBeNull();
    expect(result.metrics.map((m) => m.metric)).toEqual(metrics.map((m) => m.id));
    expect(result.metrics).toHaveLength(12);
  });

  it('impacts add up to what is missing from 100', () => {
    const result = scoreInitiative([
      finding(10, 'partial', 0.25, { metric: 'privileged-access' }),
      fail(3, 'data-exposure'),
      pass(3, 'data-exposure'),
      finding(8, 'partial', 0.5, { metric: 'logging-monitoring' }),
    ]);
    const totalImpact = result.metrics.reduce((sum, m) => sum + m.impact, 0);
    expect(result.score! + totalImpact).toBeCloseTo(100, 0);
  });
});
