import Dexie from 'dexie';
import { metrics, type MetricId } from './controls';
import type { ExceptionRecord, InstanceRecord, PostureDatabase, ScanRecord } from './db';
import { exceptionInForce, groupByControl, scoreWithExceptions, type ScoredControl, type ScoringFinding } from './exceptions';
import { goodStatuses, resultReader, type ResultReader } from './history';
import {
  combineMetricTotals,
  defaultMetricWeights,
  effectiveFraction,
  metricTotals,
  totalsOfInitiative,
  type ExceptionKind,
  type MetricResult,
  type MetricTotals,
  type MetricWeight,
  type ScoredFinding,
} from './scoring';
import { dayMs } from './evidence';

/**
 * The SaaS Security Initiative across instances: the latest good scan of every instance that counts
 * towards the scores (`includeInScore`), exceptions applied, the admin's metric weights. Per-instance
 * metric totals (Σ lost, Σ max) are added up before the weights apply, so a metric's value is the
 * weighted non-compliant share over all its controls in every instance (scoring.ts `combineMetricTotals`).
 */

export interface InitiativeRecommendation {
  findingId: string;
  instanceKey: string;
  controlId: string;
  /** Points the instance gains when fixed (weight × (1 − fraction), exceptions applied). */
  points: number;
  /** Points (0–100) the initiative score gains when fixed. */
  gain: number;
  exception?: ExceptionKind;
}

export interface InitiativeMetric extends MetricResult {
  /** Apps and instances whose controls have data in this metric. */
  apps: string[];
  instances: string[];
  /** Every finding of the metric, most points first. */
  recommendations: InitiativeRecommendation[];
}

export interface InitiativeView {
  /** 0–100, or null when no metric had data. */
  score: number | null;
  /** Highest impact first. */
  metrics: InitiativeMetric[];
  /** Instances that fed the initiative (included, with a good scan). */
  instances: string[];
}

export interface InitiativeInput {
  instances: ReadonlyArray<InstanceRecord>;
  /** Findings of the instances' latest good scans (others are ignored). */
  findings: ReadonlyArray<ScoringFinding>;
  exceptions: ReadonlyArray<ExceptionRecord>;
  weights?: Record<MetricId, MetricWeight>;
  now: string | Date;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const metricOrder = new Map(metrics.map((metric, index) => [metric.id, index]));

export function computeInitiative(input: InitiativeInput): InitiativeView {
  const weights = input.weights ?? defaultMetricWeights;
  const included = input.instances.filter((instance) => instance.includeInScore && instance.lastGoodScanId);
  const scanOf = new Map(included.map((instance) => [instance.key, instance.lastGoodScanId!]));
  const appOf = new Map(included.map((instance) => [instance.key, instance.app]));
  const byInstance = new Map<string, ScoringFinding[]>();
  for (const finding of input.findings) {
    if (scanOf.get(finding.instanceKey) !== finding.scanId) continue;
    const list = byInstance.get(finding.instanceKey) ?? [];
    list.push(finding);
    byInstance.set(finding.instanceKey, list);
  }

  const parts: Array<Map<MetricId, MetricTotals>> = [];
  const scored: Array<{ finding: ScoringFinding; scored: ScoredFinding; points: number }> = [];
  for (const [instanceKey, findings] of byInstance) {
    const result = scoreWithExceptions(
      findings,
      input.exceptions.filter((exception) => exception.instanceKey === instanceKey),
      input.now,
      weights,
    );
    const scoredFindings = result.outcomes.map((outcome) => outcome.scored);
    parts.push(metricTotals(scoredFindings));
    findings.forEach((finding, index) => scored.push({ finding, scored: scoredFindings[index]!, points: result.points.get(finding.id) ?? 0 }));
  }
  const initiative = combineMetricTotals(parts, weights);
  const totalWeight = initiative.metrics.reduce(
    (sum, metric) => (metric.weight !== 'risk_accepted' && metric.max > 0 ? sum + metric.weight : sum),
    0,
  );

  const view: InitiativeMetric[] = initiative.metrics.map((metric) => {
    const own = scored.filter((entry) => entry.finding.metric === metric.metric);
    const feeding = own.filter((entry) => effectiveFraction(entry.scored) !== null);
    const counted = metric.weight !== 'risk_accepted' && metric.max > 0 && totalWeight > 0;
    const recommendations = own
      .map(({ finding, scored: entry, points }): InitiativeRecommendation => {
        const fraction = effectiveFraction(entry);
        const lost = fraction === null ? 0 : entry.weight * (1 - fraction);
        return {
          findingId: finding.id,
          instanceKey: finding.instanceKey,
          controlId: finding.controlId,
          points,
          gain: counted ? round(((metric.weight as number) * lost * 100) / (metric.max * totalWeight), 2) : 0,
          ...(entry.exception ? { exception: entry.exception } : {}),
        };
      })
      .sort((a, b) => b.points - a.points || a.controlId.localeCompare(b.controlId) || a.instanceKey.localeCompare(b.instanceKey));
    const instances = [...new Set(feeding.map((entry) => entry.finding.instanceKey))].sort();
    return {
      ...metric,
      apps: [...new Set(instances.map((key) => appOf.get(key)!))].sort(),
      instances,
      recommendations,
    };
  });
  view.sort((a, b) => b.impact - a.impact || weightValue(b.weight) - weightValue(a.weight) || metricOrder.get(a.metric)! - metricOrder.get(b.metric)!);
  return { score: initiative.score, metrics: view, instances: [...byInstance.keys()].sort() };
}

const weightValue = (weight: MetricWeight) => (weight === 'risk_accepted' ? 0 : weight);

export interface TargetProgress {
  target: number;
  /** Points still missing (0 once met). */
  gap: number;
  met: boolean;
  /** score / target, 0..1 (1 once met). */
  progress: number;
}

/** Progress towards the target score; null without a target. A score without data has made no progress. */
export function targetProgress(score: number | null, target: number | null): TargetProgress | null {
  if (target === null) return null;
  const current = score ?? 0;
  const met = score !== null && current >= target;
  return {
    target,
    gap: met ? 0 : round(target - current),
    met,
    progress: target <= 0 ? 1 : round(Math.min(1, current / target), 4),
  };
}

export interface TrendPoint {
  /** The day, YYYY-MM-DD (in the time zone of `utcOffsetMinutes`). */
  day: string;
  /** Initiative score that day; null before the first scan. */
  score: number | null;
  /** Each metric's value (weighted non-compliant fraction 0..1) that day; null without data. */
  metrics: Record<MetricId, number | null>;
}

export interface TrendOptions {
  days: 14 | 365;
  now: string | Date;
  weights?: Record<MetricId, MetricWeight>;
  /** Minutes east of UTC of the admin's time zone (`-new Date().getTimezoneOffset()`); days are UTC by default. */
  utcOffsetMinutes?: number;
  /**
   * With the controls' weight and metric: whole-control exceptions in force at the end of each day are
   * applied to that day's scans, from their `results`. Entity-level exceptions are not (results do not
   * list affected entities), so a finding whose every entity is excepted counts as failing in the trend.
   */
  exceptions?: ReadonlyArray<ExceptionRecord>;
  controls?: ReadonlyMap<string, ScoredControl>;
}

/**
 * One point per day, oldest first and ending today: each included instance's latest good scan as of
 * the end of that day, its stored per-metric totals combined across instances and the weights applied.
 */
export function initiativeTrend(
  scans: ReadonlyArray<ScanRecord>,
  instances: ReadonlyArray<InstanceRecord>,
  options: TrendOptions,
): TrendPoint[] {
  const weights = options.weights ?? defaultMetricWeights;
  const offset = (options.utcOffsetMinutes ?? 0) * 60_000;
  const now = typeof options.now === 'string' ? Date.parse(options.now) : options.now.getTime();
  const included = new Set(instances.filter((instance) => instance.includeInScore).map((instance) => instance.key));
  const byInstance = new Map<string, ScanRecord[]>();
  for (const scan of scans) {
    if (!included.has(scan.instanceKey) || !goodStatuses.has(scan.status) || !scan.initiative) continue;
    const list = byInstance.get(scan.instanceKey) ?? [];
    list.push(scan);
    byInstance.set(scan.instanceKey, list);
  }
  for (const list of byInstance.values()) list.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const excepted = wholeControlExceptions(options.exceptions ?? [], options.controls);
  const reader = resultReader();
  const cache = new Map<string, Map<MetricId, MetricTotals>>();

  const todayStart = Math.floor((now + offset) / dayMs) * dayMs;
  const points: TrendPoint[] = [];
  for (let index = options.days - 1; index >= 0; index--) {
    const localStart = todayStart - index * dayMs;
    const end = Math.min(localStart + dayMs - offset - 1, now);
    const parts: Array<Map<MetricId, MetricTotals>> = [];
    for (const [instanceKey, list] of byInstance) {
      const scan = latestBefore(list, end);
      if (!scan) continue;
      const totals = totalsOn(scan, end, excepted.get(instanceKey) ?? [], reader, cache);
      if (totals) parts.push(totals);
    }
    const initiative = combineMetricTotals(parts, weights);
    points.push({
      day: new Date(localStart).toISOString().slice(0, 10),
      score: initiative.score,
      metrics: Object.fromEntries(initiative.metrics.map((metric) => [metric.metric, metric.value])) as Record<MetricId, number | null>,
    });
  }
  return points;
}

function latestBefore(sorted: ScanRecord[], end: number): ScanRecord | undefined {
  let found: ScanRecord | undefined;
  for (const scan of sorted) {
    if (Date.parse(scan.startedAt) > end) break;
    found = scan;
  }
  return found;
}

interface ExceptedControl {
  controlId: string;
  control: ScoredControl;
  exceptions: ExceptionRecord[];
}

/** Per instance, the controls with whole-control exceptions, for those whose weight and metric are known. */
function wholeControlExceptions(
  exceptions: ReadonlyArray<ExceptionRecord>,
  controls: ReadonlyMap<string, ScoredControl> | undefined,
): Map<string, ExceptedControl[]> {
  const byInstance = new Map<string, ExceptedControl[]>();
  if (!controls) return byInstance;
  for (const list of groupByControl(exceptions.filter((exception) => !exception.entityIds?.length)).values()) {
    const { instanceKey, controlId } = list[0]!;
    const control = controls.get(controlId);
    if (!control) continue;
    const entries = byInstance.get(instanceKey) ?? [];
    entries.push({ controlId, control, exceptions: list });
    byInstance.set(instanceKey, entries);
  }
  return byInstance;
}

const leastFavourable: readonly ExceptionKind[] = ['risk_accepted', 'incorrect_result', 'alternate_mitigation', 'third_party'];

/**
 * A scan's metric totals as of `at`: the stored ones, with each control that had a whole-control exception
 * in force then taken out as scanned and counted again excepted. Only those controls' results are read, so
 * a year of daily scans is re-scored without unpacking them.
 */
function totalsOn(
  scan: ScanRecord,
  at: number,
  excepted: ReadonlyArray<ExceptedControl>,
  reader: ResultReader,
  cache: Map<string, Map<MetricId, MetricTotals>>,
): Map<MetricId, MetricTotals> | undefined {
  const stored = storedTotals(scan);
  if (!stored || excepted.length === 0) return stored;
  const changes: Array<{ scanned: ScoredFinding; exception: ExceptionKind }> = [];
  for (const { controlId, control, exceptions } of excepted) {
    const kinds = exceptions.filter((exception) => exceptionInForce(exception, at)).map((exception) => exception.kind);
    if (kinds.length === 0) continue;
    const result = reader(scan, controlId);
    if (!result || (result.s !== 'non_compliant' && result.s !== 'partial')) continue;
    changes.push({
      scanned: { controlId, weight: control.weight, metric: control.metric, severity: control.severity, status: result.s, fraction: result.f },
      exception: leastFavourable.find((kind) => kinds.includes(kind))!,
    });
  }
  if (changes.length === 0) return stored;
  const key = `${scan.id}|${changes.map((change) => `${change.scanned.controlId}=${change.exception}`).join(';')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const totals = new Map([...stored].map(([metric, entry]) => [metric, { ...entry }]));
  for (const { scanned, exception } of changes) {
    addToTotals(totals, scanned, -1);
    addToTotals(totals, { ...scanned, exception }, 1);
  }
  cache.set(key, totals);
  return totals;
}

/** Adds (or, with `sign` −1, takes away) one finding's share of its metric's totals, as `metricTotals` counts it. */
function addToTotals(totals: Map<MetricId, MetricTotals>, finding: ScoredFinding, sign: 1 | -1): void {
  const fraction = effectiveFraction(finding);
  if (fraction === null) return;
  const entry = totals.get(finding.metric) ?? { lost: 0, max: 0, controls: 0, failing: 0 };
  entry.lost += sign * finding.weight * (1 - fraction);
  entry.max += sign * finding.weight;
  entry.controls += sign;
  if (fraction < 1) entry.failing += sign;
  // A metric whose only controls were taken out has no data that day, as if they had never been scanned.
  if (entry.controls > 0) totals.set(finding.metric, entry);
  else totals.delete(finding.metric);
}

function storedTotals(scan: ScanRecord): Map<MetricId, MetricTotals> | undefined {
  if (!scan.initiative) return undefined;
  const exact = totalsOfInitiative(scan.initiative);
  if (exact) return exact;
  // Scans stored before per-metric totals existed: each control of a metric counts once (an approximation).
  return new Map(
    scan.initiative.metrics
      .filter((metric) => metric.value !== null && metric.controls > 0)
      .map((metric) => [metric.metric, { lost: metric.value! * metric.controls, max: metric.controls, controls: metric.controls, failing: metric.failing }]),
  );
}

/**
 * The scans `initiativeTrend` needs for the last `days` days: each instance's scans in the window and its
 * newest good scan before it (it still counts on the window's first days). All reads at once: one round
 * trip after another would cost more than the reading.
 */
export async function readTrendScans(
  db: PostureDatabase,
  instances: ReadonlyArray<Pick<InstanceRecord, 'key'>>,
  options: { days: number; now: Date },
): Promise<ScanRecord[]> {
  const from = new Date(options.now.getTime() - (options.days + 1) * dayMs).toISOString();
  const perInstance = await Promise.all(
    instances.map((instance) =>
      Promise.all([
        db.scans.where('[instanceKey+startedAt]').between([instance.key, from], [instance.key, Dexie.maxKey]).toArray(),
        db.scans
          .where('[instanceKey+startedAt]')
          .between([instance.key, Dexie.minKey], [instance.key, from], true, false)
          .reverse()
          .filter((scan) => goodStatuses.has(scan.status))
          .first(),
      ]),
    ),
  );
  return perInstance.flatMap(([inWindow, before]) => (before ? [...inWindow, before] : inWindow));
}
