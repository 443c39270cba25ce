import type { BaselineScore } from './connector';
import type { Severity, Verdict, VerdictStatus } from './controls';

/**
 * What the popup shows of a scan: its top recommendations and the vendor baseline scores. A scan stores them
 * when it is written, so the popup paints from one record instead of loading every connector's catalog and
 * reading all of the scan's findings for five of them.
 */
export interface ScanHighlights {
  top: Array<{ controlId: string; title: string; severity: Severity; pointsAtStake: number; reason: string }>;
  baselines: Array<{ id: string; title: string; formula: string; percent: number | null; decided: number; total: number }>;
}

export interface HighlightedFinding {
  controlId: string;
  title: string;
  severity: Severity;
  pointsAtStake: number;
  verdict: Verdict;
}

export const topRecommendationCount = 5;

/** The findings worth the most points first (ties by control id), and each baseline score from the verdicts. */
export function scanHighlights(findings: readonly HighlightedFinding[], baselines: readonly BaselineScore[]): ScanHighlights {
  const top = findings
    .filter((finding) => finding.pointsAtStake > 0)
    .sort((a, b) => b.pointsAtStake - a.pointsAtStake || (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0))
    .slice(0, topRecommendationCount)
    .map(({ controlId, title, severity, pointsAtStake, verdict }) => ({ controlId, title, severity, pointsAtStake, reason: verdict.reason }));
  if (findings.length === 0) return { top, baselines: [] };
  const statuses: ReadonlyMap<string, VerdictStatus> = new Map(findings.map((finding) => [finding.controlId, finding.verdict.status]));
  return {
    top,
    baselines: baselines.map(({ id, title, formula, compute }) => ({ id, title, formula, ...compute(statuses) })),
  };
}
