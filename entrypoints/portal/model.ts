import { appName, controlById } from '@/components/catalog';
import { frameworkIdsOf, type FrameworkFinding } from '@/components/frameworks';
import { searchText, type ExceptionFilterState, type PortalRecommendation } from '@/components/recommendation-filters';
import type { Control, MetricId } from '@/utils/controls';
import type { ExceptionRecord, FindingRecord, InstanceRecord } from '@/utils/db';
import { applyExceptionsToFinding, exceptionKey, exceptionState, groupByControl, scoreWithExceptions, type ExceptionOutcome } from '@/utils/exceptions';
import { computeInitiative, type InitiativeView } from '@/utils/initiative';
import type { InstanceScore } from '@/utils/scoring';
import type { PortalData } from './data';

/**
 * The views' model, derived purely from the database rows and the time, in two steps: the model (the
 * initiative over the included instances, exceptions and user weights applied, per-instance scores and
 * the findings the framework views group), scored from what `readScoringFindings` gives without the
 * evidence; then the details (one recommendation row per finding with its evidence) once the findings
 * are read. Both are recomputed when their data or the minute changes.
 */

/** One finding with everything its detail pane shows. */
export interface Entry {
  row: PortalRecommendation;
  finding: FindingRecord;
  instance: InstanceRecord;
  control?: Control;
  outcome: ExceptionOutcome;
  /** Every exception recorded for this instance and control, active or lapsed. */
  exceptions: ExceptionRecord[];
}

export interface MetricFeed {
  /** App ids and instance keys whose findings have data in the metric. */
  apps: string[];
  instances: string[];
}

export interface PortalModel {
  /** The SaaS Security Initiative over the included instances (metrics highest impact first). */
  initiative: InitiativeView;
  feeds: Map<MetricId, MetricFeed>;
  /** Per instance, exceptions applied (user weights do not change an instance's score). */
  instanceScores: Map<string, InstanceScore>;
  /** Points each finding adds to its instance when fixed, exceptions applied, by finding id. */
  points: Map<string, number>;
  /** Points (0–100) the initiative gains when a finding is fixed, by finding id (included instances only). */
  gains: Map<string, number>;
  frameworkFindings: FrameworkFinding[];
}

export interface PortalDetails {
  rows: PortalRecommendation[];
  entries: Map<string, Entry>;
}

export function rowKey(instanceKey: string, controlId: string): string {
  return `${instanceKey}:${controlId}`;
}

/** The state of the exceptions recorded for a finding: any active one wins over lapsed ones. */
export function exceptionStateOf(exceptions: readonly ExceptionRecord[], now: number): ExceptionFilterState {
  if (exceptions.length === 0) return 'none';
  return exceptions.some((exception) => exceptionState(exception, new Date(now)) === 'active') ? 'active' : 'lapsed';
}

function byInstance<T extends { instanceKey: string }>(items: readonly T[], instances: ReadonlyMap<string, InstanceRecord>): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    if (!instances.has(item.instanceKey)) continue;
    const list = grouped.get(item.instanceKey) ?? [];
    list.push(item);
    grouped.set(item.instanceKey, list);
  }
  return grouped;
}

export function buildModel(data: Pick<PortalData, 'instances' | 'scoring' | 'exceptions' | 'settings'>, now: number): PortalModel {
  const weights = data.settings.metricWeights;
  const instances = new Map(data.instances.map((instance) => [instance.key, instance]));
  const initiative = computeInitiative({
    instances: data.instances,
    findings: data.scoring,
    exceptions: data.exceptions,
    weights,
    now: new Date(now),
  });
  const gains = new Map<string, number>();
  const feeds = new Map<MetricId, MetricFeed>();
  for (const metric of initiative.metrics) {
    if (metric.instances.length > 0) feeds.set(metric.metric, { apps: metric.apps, instances: metric.instances });
    for (const recommendation of metric.recommendations) gains.set(recommendation.findingId, recommendation.gain);
  }

  const instanceScores = new Map<string, InstanceScore>();
  const points = new Map<string, number>();
  const frameworkFindings: FrameworkFinding[] = [];
  for (const [instanceKey, findings] of byInstance(data.scoring, instances)) {
    const scored = scoreWithExceptions(findings, data.exceptions, new Date(now), weights);
    instanceScores.set(instanceKey, scored.score);
    for (const [id, value] of scored.points) points.set(id, value);
    if (!instances.get(instanceKey)!.includeInScore) continue;
    findings.forEach((finding, index) => {
      const control = controlById(finding.controlId);
      if (control) frameworkFindings.push({ ...scored.outcomes[index]!.scored, instanceKey, title: control.title, tags: control.frameworks });
    });
  }
  return { initiative, feeds, instanceScores, points, gains, frameworkFindings };
}

export function buildDetails(
  model: PortalModel,
  data: Pick<PortalData, 'instances' | 'exceptions'>,
  findings: readonly FindingRecord[],
  now: number,
): PortalDetails {
  const instances = new Map(data.instances.map((instance) => [instance.key, instance]));
  const exceptionsByControl = groupByControl(data.exceptions);
  const rows: PortalRecommendation[] = [];
  const entries = new Map<string, Entry>();
  for (const [instanceKey, list] of byInstance(findings, instances)) {
    const instance = instances.get(instanceKey)!;
    const name = appName(instance.app);
    for (const finding of list) {
      const control = controlById(finding.controlId);
      const exceptions = exceptionsByControl.get(exceptionKey(instanceKey, finding.controlId)) ?? [];
      const title = control?.title ?? finding.controlId;
      const outcome = applyExceptionsToFinding(finding, exceptions, new Date(now));
      // Entity-level exceptions that leave some entities failing: no kind applies to the whole finding.
      const partialException =
        outcome.kind === undefined && outcome.exceptedEntities.length > 0
          ? { excepted: outcome.exceptedEntities.length, affected: finding.verdict.affectedTotal ?? finding.verdict.affected.length }
          : undefined;
      const row: PortalRecommendation = {
        key: rowKey(instanceKey, finding.controlId),
        instanceKey,
        instanceName: instance.name,
        app: instance.app,
        appName: name,
        controlId: finding.controlId,
        title,
        status: finding.status,
        severity: finding.severity,
        metric: finding.metric,
        points: model.points.get(finding.id) ?? 0,
        impact: model.gains.get(finding.id) ?? 0,
        reason: finding.verdict.reason,
        frameworkIds: frameworkIdsOf(control?.frameworks, finding.metric),
        exception: exceptionStateOf(exceptions, now),
        ...(partialException ? { partialException } : {}),
        included: instance.includeInScore,
        search: searchText({
          title,
          controlId: finding.controlId,
          reason: finding.verdict.reason,
          affected: finding.verdict.affected.map((entity) => entity.name),
        }),
      };
      rows.push(row);
      entries.set(row.key, { row, finding, instance, control, outcome, exceptions });
    }
  }
  return { rows, entries };
}
