import type { VerdictStatus } from './controls';
import type { ScanRecord } from './db';
import type { CompactResult } from './history';

/**
 * Drift between two result lists: two scans of one instance (before → after), or the same moment of
 * two instances of one app (baseline → other). Works on the compact results every scan keeps.
 */
export interface ResultSide {
  status: VerdictStatus;
  fraction: number;
  actual?: string | number | boolean;
}

export interface ResultChange {
  controlId: string;
  before?: ResultSide;
  after?: ResultSide;
}

export interface ResultDiff {
  /** Failing now (non-compliant or partial), not failing before. */
  newFailures: ResultChange[];
  /** Compliant now, not compliant before. */
  newPasses: ResultChange[];
  /** Same status, different actual value or fraction (e.g. a partial that got worse). */
  changedValues: ResultChange[];
  /** Other status changes: to or from error, unknown or not applicable, or partial ↔ non-compliant. */
  changedStatuses: ResultChange[];
  /** Controls only in `after` (a new check, or one the other instance lacks). */
  newControls: ResultChange[];
  /** Controls only in `before`. */
  removedControls: ResultChange[];
}

const isFailing = (status: VerdictStatus) => status === 'non_compliant' || status === 'partial';

const side = (result: CompactResult): ResultSide => ({
  status: result.s,
  fraction: result.f,
  ...(result.a !== undefined ? { actual: result.a } : {}),
});

export function diffResults(before: ReadonlyArray<CompactResult>, after: ReadonlyArray<CompactResult>): ResultDiff {
  const diff: ResultDiff = { newFailures: [], newPasses: [], changedValues: [], changedStatuses: [], newControls: [], removedControls: [] };
  const previous = new Map(before.map((result) => [result.c, result]));
  const seen = new Set<string>();
  for (const current of after) {
    seen.add(current.c);
    const old = previous.get(current.c);
    if (!old) {
      diff.newControls.push({ controlId: current.c, after: side(current) });
      continue;
    }
    const change = { controlId: current.c, before: side(old), after: side(current) };
    if (old.s === current.s) {
      if (old.a !== current.a || old.f !== current.f) diff.changedValues.push(change);
    } else if (isFailing(current.s) && !isFailing(old.s)) {
      diff.newFailures.push(change);
    } else if (current.s === 'compliant') {
      diff.newPasses.push(change);
    } else {
      diff.changedStatuses.push(change);
    }
  }
  for (const old of before) if (!seen.has(old.c)) diff.removedControls.push({ controlId: old.c, before: side(old) });
  for (const list of Object.values(diff)) (list as ResultChange[]).sort((a, b) => a.controlId.localeCompare(b.controlId));
  return diff;
}

/** Why two scans cannot be compared, or null: they must be of one instance, or of two instances of one app. */
export function incomparable(before: Pick<ScanRecord, 'app' | 'instanceKey'>, after: Pick<ScanRecord, 'app' | 'instanceKey'>): string | null {
  if (before.instanceKey === after.instanceKey || before.app === after.app) return null;
  return 'Only scans of one instance, or of two instances of the same app, can be compared.';
}
