import { diffResults } from './diff';
import type { CompactResult } from './history';
import { bidiSafe } from './bidi';

/**
 * Regression after a rescan: a control that fails now and did not before, or an instance score down by
 * 2 points or more (Microsoft's initiative "score drop" event fires at 2 %, reference §1.2).
 */
export const scoreDropThreshold = 2;

export interface ScanState {
  results: ReadonlyArray<CompactResult>;
  /** Instance score 0–100, or null without data. */
  scorePercent: number | null;
}

export interface Regression {
  /** Control ids, sorted. */
  newFailures: string[];
  /** Points lost since the previous scan (0 when the score held or rose). */
  scoreDrop: number;
}

export function regressionOf(
  previous: ScanState | undefined,
  current: ScanState,
  options: { ignore?: ReadonlySet<string> } = {},
): Regression | null {
  if (!previous) return null;
  const newFailures = diffResults(previous.results, current.results)
    .newFailures.map((change) => change.controlId)
    .filter((controlId) => !options.ignore?.has(controlId));
  const drop = previous.scorePercent !== null && current.scorePercent !== null ? previous.scorePercent - current.scorePercent : 0;
  const scoreDrop = Math.max(0, Math.round(drop * 10) / 10);
  if (newFailures.length === 0 && scoreDrop < scoreDropThreshold) return null;
  return { newFailures, scoreDrop };
}

export interface RegressionMessage {
  title: string;
  message: string;
}

/**
 * The notification's text: the instance's name and what changed, by control title. Only names the
 * admin gave or the app reports and control titles; never evidence values, users or tokens.
 */
export function regressionMessage(instanceName: string, regression: Regression, titleOf: (controlId: string) => string | undefined): RegressionMessage {
  const parts: string[] = [];
  const count = regression.newFailures.length;
  if (count > 0) {
    const named = regression.newFailures.slice(0, 2).map((id) => titleOf(id) ?? id);
    const more = count > named.length ? ` and ${count - named.length} more` : '';
    parts.push(`${count} new failure${count === 1 ? '' : 's'}: ${named.join('; ')}${more}.`);
  }
  if (regression.scoreDrop >= scoreDropThreshold) parts.push(`Score down ${regression.scoreDrop} points.`);
  return { title: `Posture Lens: ${bidiSafe(instanceName)} regressed`, message: parts.join(' ') };
}
