import type { Connector, ParsedSource } from './connector';
import { errorVerdict, unknown, type Control, type Verdict } from './controls';
import {
  pointsAtStake,
  scoreFindings,
  scoreInitiative,
  type InitiativeScore,
  type InstanceScore,
  type ScoredFinding,
} from './scoring';
import type { FindingRecord } from './db';
import { scanHighlights, type ScanHighlights } from './highlights';
import type { Snapshot } from './snapshot';

export interface Finding {
  controlId: string;
  verdict: Verdict;
}

/**
 * One control against parsed sources. A source that could not be read or parsed makes the control
 * `error` with that source's reason; a control that throws is an `error` too, never a pass.
 */
export function evaluateControl(control: Control, parsed: Record<string, ParsedSource>): Verdict {
  const data: Record<string, unknown> = {};
  const failures: string[] = [];
  let allRefused = true;
  for (const sourceId of control.sources) {
    const source = parsed[sourceId];
    if (source?.ok) {
      data[sourceId] = source.value;
      continue;
    }
    failures.push(source ? source.reason : `source "${sourceId}" is not part of this scan`);
    if (source?.kind !== 'forbidden') allRefused = false;
  }
  // Data the admin's role may not read is unknown (a coverage gap to close with more privilege), not an error.
  if (failures.length > 0) return (allRefused ? unknown : errorVerdict)([...new Set(failures)].join(' '));
  try {
    return control.evaluate(data);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return errorVerdict(`The check could not be completed (${detail}).`);
  }
}

/**
 * Some of a connector's controls against parsed sources, each verdict refined by the connector as a scan
 * refines it: what `evaluateSnapshot` gives for these controls, without evaluating the others.
 */
export function evaluateControls(
  connector: Pick<Connector, 'refineVerdict'>,
  controls: readonly Control[],
  parsed: Record<string, ParsedSource>,
): Finding[] {
  return controls.map((control) => {
    const raw = evaluateControl(control, parsed);
    return { controlId: control.id, verdict: connector.refineVerdict ? connector.refineVerdict(control, raw, parsed) : raw };
  });
}

export interface SnapshotEvaluation {
  findings: Array<Finding & { control: Control; pointsAtStake: number }>;
  score: InstanceScore;
  initiative: InitiativeScore;
  /** Sources that could not be read or parsed, with the reason. */
  sourceErrors: Array<{ source: string; message: string }>;
  /** Sources the scan collected and could parse; values a parser derives (such as the scan time) do not count. */
  sourcesRead: number;
  highlights: ScanHighlights;
}

export function toScoredFinding(control: Control, verdict: Verdict): ScoredFinding {
  return {
    controlId: control.id,
    weight: control.weight,
    metric: control.metric,
    severity: control.severity,
    status: verdict.status,
    fraction: verdict.fraction,
  };
}

/** Deterministic: the same snapshot gives the same findings in the service worker, Node and the CLI. */
export function evaluateSnapshot(connector: Connector, snapshot: Snapshot): SnapshotEvaluation {
  const parsed = connector.parse(snapshot.sources, snapshot.collectedAt);
  const findings = evaluateControls(connector, connector.controls, parsed).map(({ controlId, verdict }, index) => {
    const control = connector.controls[index]!;
    const scored = toScoredFinding(control, verdict);
    return { controlId, verdict, control, pointsAtStake: pointsAtStake(scored), scored };
  });
  const scored = findings.map((finding) => finding.scored);
  const sourceErrors = Object.entries(parsed)
    .filter((entry): entry is [string, { ok: false; reason: string }] => !entry[1].ok)
    .map(([source, result]) => ({ source, message: result.reason }));
  return {
    findings: findings.map(({ scored: _scored, ...finding }) => finding),
    score: scoreFindings(scored),
    initiative: scoreInitiative(scored),
    sourceErrors,
    sourcesRead: Object.entries(parsed).filter(([id, result]) => result.ok && snapshot.sources[id]?.ok).length,
    highlights: highlightsOf(connector, findings),
  };
}

/** The popup's view of an evaluation (utils/highlights.ts). */
export function highlightsOf(connector: Pick<Connector, 'baselineScores'>, findings: ReadonlyArray<Finding & { control: Control; pointsAtStake: number }>): ScanHighlights {
  return scanHighlights(
    findings.map(({ controlId, control, pointsAtStake, verdict }) => ({ controlId, title: control.title, severity: control.severity, pointsAtStake, verdict })),
    connector.baselineScores ?? [],
  );
}

/** An evaluation's findings as one scan stores them: ids `${scanId}:${controlId}`, the control's weight, metric and severity beside the verdict. */
export function findingRecords(scanId: string, instanceKey: string, findings: SnapshotEvaluation['findings']): FindingRecord[] {
  return findings.map((finding) => ({
    id: `${scanId}:${finding.controlId}`,
    scanId,
    instanceKey,
    controlId: finding.controlId,
    status: finding.verdict.status,
    weight: finding.control.weight,
    metric: finding.control.metric,
    severity: finding.control.severity,
    pointsAtStake: finding.pointsAtStake,
    verdict: finding.verdict,
  }));
}
