import { appName, controlById } from '@/components/catalog';
import { frameworkIdsOf, type FrameworkFinding } from '@/components/frameworks';
import { searchText, type ExceptionFilterState, type PortalRecommendation } from '@/components/recommendation-filters';
import type { Control, MetricId } from '@/utils/controls';
import type { ExceptionRecord, FindingRecord, InstanceRecord } from '@/utils/db';
import { exceptionKey, exceptionState, groupByControl, scoreWithExceptions, type ExceptionOutcome } from '@/utils/exceptions';
import { computeInitiative, type InitiativeView } from '@/utils/initiative';
import type { InstanceScore } from '@/utils/scoring';
import type { PortalData } from './data';

/**
 * The views' model, derived purely from the database rows and the time: the recommendation rows of
 * every instance, the initiative over the included instances (exceptions and user weights applied)
 * and the findings the framework views group. Recomputed when the data or the minute changes.
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
  rows: PortalRecommendation[];
  entries: Map<string, Entry>;
  /** The SaaS Security Initiative over the included instances (metrics highest impact first). */
  initiative: InitiativeView;
  feeds: Map<MetricId, MetricFeed>;
  /** Per instance, exceptions applied (user weights do not change an instance's score). */
  instanceScores: Map<string, InstanceScore>;
  frameworkFindings: FrameworkFinding[];
}

export function rowKey(instanceKey: string, controlId: string): string {
  return `${instanceKey}:${controlId}`;
}

/** The state of the exceptions recorded for a finding: any active one wins over lapsed ones. */
export function exceptionStateOf(exceptions: readonly ExceptionRecord[], now: number): ExceptionFilterState {
  if (exceptions.length === 0) return 'none';
  return exceptions.some((exception) => exceptionState(exception, new Date(now)) === 'active') ? 'active' : 'lapsed';
}

export function buildModel(data: Pick<PortalData, 'instances' | 'findings' | 'exceptions' | 'settings'>, now: number): PortalModel {
  const weights = data.settings.metricWeights;
  const instances = new Map(data.instances.map((instance) => [instance.key, instance]));
  const exceptionsByControl = groupByControl(data.exceptions);
  const findingsByInstance = new Map<string, FindingRecord[]>();
  for (const finding of data.findings) {
    if (!instances.has(finding.instanceKey)) continue;
    const list = findingsByInstance.get(finding.instanceKey) ?? [];
    list.push(finding);
    findingsByInstance.set(finding.instanceKey, list);
  }

  const initiative = computeInitiative({
    instances: data.instances,
    findings: data.findings,
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
  const scoredByInstance = new Map<string, ReturnType<typeof scoreWithExceptions>>();
  for (const [instanceKey, findings] of findingsByInstance) {
    const scored = scoreWithExceptions(findings, data.exceptions, new Date(now), weights);
    scoredByInstance.set(instanceKey, scored);
    instanceScores.set(instanceKey, scored.score);
  }

  const rows: PortalRecommendation[] = [];
  const entries = new Map<string, Entry>();
  const frameworkFindings: FrameworkFinding[] = [];
  for (const [instanceKey, findings] of findingsByInstance) {
    const instance = instances.get(instanceKey)!;
    const scored = scoredByInstance.get(instanceKey)!;
    const name = appName(instance.app);
    findings.forEach((finding, index) => {
      const control = controlById(finding.controlId);
      const outcome = scored.outcomes[index]!;
      const points = scored.points.get(finding.id) ?? 0;
      const exceptions = exceptionsByControl.get(exceptionKey(instanceKey, finding.controlId)) ?? [];
      const title = control?.title ?? finding.controlId;
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
        points,
        impact: gains.get(finding.id) ?? 0,
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
      if (instance.includeInScore && control) {
        frameworkFindings.push({ ...outcome.scored, instanceKey, title, tags: control.frameworks });
      }
    });
  }

  return { rows, entries, initiative, feeds, instanceScores, frameworkFindings };
}
