import { metrics, type MetricId, type Severity, type VerdictStatus } from './controls';

/** What scoring needs of one finding: the control's weight and metric, and its verdict. */
export interface ScoredFinding {
  controlId: string;
  weight: number;
  metric: MetricId;
  severity: Severity;
  status: VerdictStatus;
  fraction: number;
  exception?: ExceptionKind;
}

export const exceptionKinds = ['risk_accepted', 'alternate_mitigation', 'third_party', 'incorrect_result'] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];

const scoredStatuses: ReadonlySet<VerdictStatus> = new Set(['compliant', 'non_compliant', 'partial']);

export type StatusCounts = Record<VerdictStatus, number>;

export interface InstanceScore {
  achieved: number;
  max: number;
  /** 0–100, or null when no control had data. */
  percent: number | null;
  counts: StatusCounts;
  /** Controls left out of the score because their data was missing (error/unknown). */
  coverageGaps: number;
}

/**
 * The fraction a finding earns once its exception is applied: alternate mitigation and third-party
 * resolution count as achieved, risk accepted earns nothing, an incorrect result leaves the score.
 */
export function effectiveFraction(finding: ScoredFinding): number | null {
  if (!scoredStatuses.has(finding.status)) return null;
  switch (finding.exception) {
    case 'alternate_mitigation':
    case 'third_party':
      return 1;
    case 'risk_accepted':
      return 0;
    case 'incorrect_result':
      return null;
    default:
      return finding.fraction;
  }
}

export function emptyCounts(): StatusCounts {
  return { compliant: 0, non_compliant: 0, partial: 0, not_applicable: 0, error: 0, unknown: 0 };
}

/** Secure Score style: Σ weight × fraction over Σ weight, for controls that had data. */
export function scoreFindings(findings: ScoredFinding[]): InstanceScore {
  let achieved = 0;
  let max = 0;
  const counts = emptyCounts();
  for (const finding of findings) {
    counts[finding.status]++;
    const fraction = effectiveFraction(finding);
    if (fraction === null) continue;
    achieved += finding.weight * fraction;
    max += finding.weight;
  }
  return {
    achieved: round(achieved),
    max,
    percent: max > 0 ? round((achieved / max) * 100) : null,
    counts,
    coverageGaps: counts.error + counts.unknown,
  };
}

/** Points a finding would add to its instance if fixed: the basis for "highest impact first". */
export function pointsAtStake(finding: ScoredFinding): number {
  const fraction = effectiveFraction(finding);
  return fraction === null ? 0 : round(finding.weight * (1 - fraction));
}

export type MetricWeight = number | 'risk_accepted';

export const defaultMetricWeights: Record<MetricId, MetricWeight> = {
  'privileged-access': 10,
  authentication: 10,
  'password-policy': 6,
  'session-management': 6,
  'network-access': 7,
  'third-party-apps': 8,
  'data-exposure': 8,
  'browser-protections': 5,
  'logging-monitoring': 6,
  'account-lifecycle': 6,
  'integration-credentials': 6,
  'platform-hardening': 5,
};

export interface MetricResult {
  metric: MetricId;
  title: string;
  weight: MetricWeight;
  /** Weighted non-compliant fraction of the metric's controls, 0..1; null without data. */
  value: number | null;
  /** Points (0–100) the initiative score gains when this metric is fully fixed. */
  impact: number;
  controls: number;
  failing: number;
  /**
   * Σ weight × (1 − fraction) and Σ weight of the metric's controls: value = lost / max. Kept so the
   * results of several scans (instances, days) combine exactly: Σ lost / Σ max.
   */
  lost: number;
  max: number;
}

/** What a metric's controls add up to, before metric weights: the part of a scan that combines across scans. */
export interface MetricTotals {
  lost: number;
  max: number;
  controls: number;
  failing: number;
}

export interface InitiativeScore {
  /** 0–100, or null when no metric had data. */
  score: number | null;
  metrics: MetricResult[];
}

/**
 * SaaS Security Initiative: S = Σ w_m·(1 − v_m) / Σ w_m over metrics with data, and impact
 * I_m = w_m·v_m / Σ w_m. A metric whose risk is accepted leaves both sums.
 */
export function scoreInitiative(
  findings: ScoredFinding[],
  weights: Record<MetricId, MetricWeight> = defaultMetricWeights,
): InitiativeScore {
  return combineMetricTotals([metricTotals(findings)], weights);
}

/** Per-metric Σ lost and Σ max of some findings (exceptions applied through `finding.exception`). */
export function metricTotals(findings: ScoredFinding[]): Map<MetricId, MetricTotals> {
  const perMetric = new Map<MetricId, MetricTotals>();
  for (const finding of findings) {
    const fraction = effectiveFraction(finding);
    if (fraction === null) continue;
    const entry = perMetric.get(finding.metric) ?? { lost: 0, max: 0, controls: 0, failing: 0 };
    entry.lost += finding.weight * (1 - fraction);
    entry.max += finding.weight;
    entry.controls++;
    if (fraction < 1) entry.failing++;
    perMetric.set(finding.metric, entry);
  }
  return perMetric;
}

/**
 * The initiative over several sets of metric totals (one per instance, or per scan): each metric's value
 * is Σ lost / Σ max over all of them, then S and I_m as in `scoreInitiative`.
 */
export function combineMetricTotals(
  parts: Iterable<ReadonlyMap<MetricId, MetricTotals>>,
  weights: Record<MetricId, MetricWeight> = defaultMetricWeights,
): InitiativeScore {
  const perMetric = new Map<MetricId, MetricTotals>();
  for (const part of parts) {
    for (const [metric, totals] of part) {
      const entry = perMetric.get(metric) ?? { lost: 0, max: 0, controls: 0, failing: 0 };
      entry.lost += totals.lost;
      entry.max += totals.max;
      entry.controls += totals.controls;
      entry.failing += totals.failing;
      perMetric.set(metric, entry);
    }
  }
  let totalWeight = 0;
  for (const metric of metrics) {
    const weight = weights[metric.id];
    if (weight !== 'risk_accepted' && (perMetric.get(metric.id)?.max ?? 0) > 0) totalWeight += weight;
  }
  let score = 0;
  const results: MetricResult[] = metrics.map(({ id, title }) => {
    const entry = perMetric.get(id);
    const weight = weights[id];
    const value = entry && entry.max > 0 ? entry.lost / entry.max : null;
    const counted = weight !== 'risk_accepted' && value !== null && totalWeight > 0;
    if (counted) score += (weight * (1 - value)) / totalWeight;
    return {
      metric: id,
      title,
      weight,
      value: value === null ? null : round(value, 4),
      impact: counted ? round(((weight as number) * value * 100) / totalWeight) : 0,
      controls: entry?.controls ?? 0,
      failing: entry?.failing ?? 0,
      lost: round(entry?.lost ?? 0, 4),
      max: round(entry?.max ?? 0, 4),
    };
  });
  return { score: totalWeight > 0 ? round(score * 100) : null, metrics: results };
}

/** The metric totals a stored initiative result carries (scans stored before `lost`/`max` existed have none). */
export function totalsOfInitiative(initiative: InitiativeScore): Map<MetricId, MetricTotals> | null {
  const totals = new Map<MetricId, MetricTotals>();
  for (const result of initiative.metrics) {
    if (typeof result.lost !== 'number' || typeof result.max !== 'number') return null;
    if (result.max > 0) totals.set(result.metric, { lost: result.lost, max: result.max, controls: result.controls, failing: result.failing });
  }
  return totals;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
