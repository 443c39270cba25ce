import type { AffectedEntity, MetricId, Severity, Verdict } from './controls';
import type { ExceptionRecord, FindingRecord } from './db';
import {
  defaultMetricWeights,
  pointsAtStake,
  scoreFindings,
  scoreInitiative,
  type ExceptionKind,
  type InitiativeScore,
  type InstanceScore,
  type MetricWeight,
  type ScoredFinding,
} from './scoring';

/**
 * Exceptions: an admin's decision that a recommendation (or some of its affected entities) is risk
 * accepted, mitigated otherwise, handled by a third-party tool or an incorrect result. They never
 * change the verdict as evaluated; they change what scoring counts, for as long as they are active.
 */
export type ExceptionState = 'active' | 'lapsed';

/** An exception lapses by itself at its expiry instant (expiry ≤ now); without expiry it stays active. */
export function exceptionState(exception: Pick<ExceptionRecord, 'expiresAt'>, now: string | Date): ExceptionState {
  if (!exception.expiresAt) return 'active';
  const expires = Date.parse(exception.expiresAt);
  const at = typeof now === 'string' ? Date.parse(now) : now.getTime();
  // An unreadable expiry cannot prove the exception still holds: fail closed.
  if (Number.isNaN(expires)) return 'lapsed';
  return expires <= at ? 'lapsed' : 'active';
}

/** What scoring reads of a verdict. */
export type ScoringVerdict = Pick<Verdict, 'status' | 'fraction' | 'affected' | 'affectedTotal'>;

/**
 * What scoring reads of a finding: a stored `FindingRecord` fits, and so does a finding rebuilt from its
 * scan's compact results without the evidence (`scoringFindingsOf` in history.ts).
 */
export type ScoringFinding = Pick<FindingRecord, 'id' | 'scanId' | 'instanceKey' | 'controlId' | 'weight' | 'metric' | 'severity'> & {
  verdict: ScoringVerdict;
};

/** What scoring needs of a control (a `Control` and a `FindingRecord` both fit). */
export interface ScoredControl {
  weight: number;
  metric: MetricId;
  severity: Severity;
}

export interface ExceptedEntity {
  entity: AffectedEntity;
  exception: ExceptionRecord;
}

export interface ExceptionOutcome {
  /** What scoring counts: the original verdict, with `exception` set when one applies to the whole finding. */
  scored: ScoredFinding;
  /** The verdict as evaluated, unchanged: always shown beside the exception. */
  original: ScoringVerdict;
  /** The kind that applies to the whole finding, if any. */
  kind?: ExceptionKind;
  /** The exceptions that decided `kind`. */
  applied: ExceptionRecord[];
  /** Affected entities covered by an active entity-level exception (whether or not every entity is). */
  exceptedEntities: ExceptedEntity[];
  /** Exceptions for this control that have expired: shown as lapsed, counted for nothing. */
  lapsed: ExceptionRecord[];
  /** Active exceptions on a finding that no longer fails: nothing to except, kept for the record. */
  unneeded: ExceptionRecord[];
}

/** When several kinds would apply, the one that earns least wins: a risk accepted stays visible in the score. */
const kindOrder: readonly ExceptionKind[] = ['risk_accepted', 'incorrect_result', 'alternate_mitigation', 'third_party'];
const leastFavourable = (kinds: ExceptionKind[]): ExceptionKind => kindOrder.find((kind) => kinds.includes(kind))!;

const failing = (verdict: ScoringVerdict) => verdict.status === 'non_compliant' || verdict.status === 'partial';

/**
 * The effective finding for scoring.
 *
 * - Only a failing finding (non-compliant or partial) is excepted; on any other verdict an active
 *   exception is reported as `unneeded` and changes nothing.
 * - A whole-control exception (no `entityIds`) applies its kind (see `effectiveFraction` in scoring.ts).
 * - Entity-level exceptions remove their entities from the affected list. When every affected entity
 *   is covered (and the list is complete, not cut short), the finding counts as excepted with their
 *   kind (the least favourable one if they differ). When some remain, the finding keeps its verdict
 *   and fraction, and `exceptedEntities` names the excepted ones: the fraction is not recomputed,
 *   because a verdict's fraction is not always a share of its listed entities.
 * - Expired exceptions lapse by themselves (`lapsed`).
 */
export function applyExceptions(
  finding: { controlId: string; verdict: ScoringVerdict },
  control: ScoredControl,
  exceptions: ReadonlyArray<ExceptionRecord>,
  now: string | Date,
): ExceptionOutcome {
  const { verdict } = finding;
  const own = exceptions.filter((exception) => exception.controlId === finding.controlId);
  const lapsed = own.filter((exception) => exceptionState(exception, now) === 'lapsed');
  const active = own.filter((exception) => exceptionState(exception, now) === 'active');
  const scored: ScoredFinding = {
    controlId: finding.controlId,
    weight: control.weight,
    metric: control.metric,
    severity: control.severity,
    status: verdict.status,
    fraction: verdict.fraction,
  };
  const outcome: ExceptionOutcome = { scored, original: verdict, applied: [], exceptedEntities: [], lapsed, unneeded: [] };
  if (!failing(verdict)) {
    outcome.unneeded = active;
    return outcome;
  }

  const whole = active.filter((exception) => !exception.entityIds?.length);
  const byEntity = new Map<string, ExceptionRecord>();
  for (const exception of active) {
    for (const id of exception.entityIds ?? []) if (!byEntity.has(id)) byEntity.set(id, exception);
  }
  outcome.exceptedEntities = verdict.affected.flatMap((entity) => {
    const exception = byEntity.get(entity.id);
    return exception ? [{ entity, exception }] : [];
  });

  let applied: ExceptionRecord[] = whole;
  if (applied.length === 0) {
    const listComplete = (verdict.affectedTotal ?? verdict.affected.length) <= verdict.affected.length;
    const allCovered = verdict.affected.length > 0 && outcome.exceptedEntities.length === verdict.affected.length;
    if (listComplete && allCovered) applied = [...new Set(outcome.exceptedEntities.map((excepted) => excepted.exception))];
  }
  if (applied.length > 0) {
    const kind = leastFavourable(applied.map((exception) => exception.kind));
    outcome.kind = kind;
    outcome.applied = applied.filter((exception) => exception.kind === kind);
    scored.exception = kind;
  }
  return outcome;
}

/** `applyExceptions` for a stored finding, which carries its control's weight, metric and severity; only its instance's exceptions count. */
export function applyExceptionsToFinding(finding: ScoringFinding, exceptions: ReadonlyArray<ExceptionRecord>, now: string | Date): ExceptionOutcome {
  return applyExceptions(
    finding,
    finding,
    exceptions.filter((exception) => exception.instanceKey === finding.instanceKey),
    now,
  );
}

export interface ScoreWithExceptions {
  score: InstanceScore;
  initiative: InitiativeScore;
  /** Per finding, in the order given. */
  outcomes: ExceptionOutcome[];
  /** Points each finding would add to its instance if fixed, exceptions applied, by finding id. */
  points: Map<string, number>;
}

/** An instance's score and initiative recomputed from its findings with the exceptions active at `now`. */
export function scoreWithExceptions(
  findings: ReadonlyArray<ScoringFinding>,
  exceptions: ReadonlyArray<ExceptionRecord>,
  now: string | Date,
  weights: Record<MetricId, MetricWeight> = defaultMetricWeights,
): ScoreWithExceptions {
  const byControl = groupByControl(exceptions);
  const outcomes = findings.map((finding) =>
    applyExceptionsToFinding(finding, byControl.get(exceptionKey(finding.instanceKey, finding.controlId)) ?? [], now),
  );
  const scored = outcomes.map((outcome) => outcome.scored);
  return {
    score: scoreFindings(scored),
    initiative: scoreInitiative(scored, weights),
    outcomes,
    points: new Map(findings.map((finding, index) => [finding.id, pointsAtStake(scored[index]!)])),
  };
}

export const exceptionKey = (instanceKey: string, controlId: string) => `${instanceKey}\u0000${controlId}`;

/** Exceptions by instance and control (`exceptionKey`). */
export function groupByControl(exceptions: ReadonlyArray<ExceptionRecord>): Map<string, ExceptionRecord[]> {
  const byControl = new Map<string, ExceptionRecord[]>();
  for (const exception of exceptions) {
    const key = exceptionKey(exception.instanceKey, exception.controlId);
    const list = byControl.get(key);
    if (list) list.push(exception);
    else byControl.set(key, [exception]);
  }
  return byControl;
}

/** Whether an exception was in force at an instant: created by then and not yet expired. */
export function exceptionInForce(exception: Pick<ExceptionRecord, 'createdAt' | 'expiresAt'>, at: number): boolean {
  const created = Date.parse(exception.createdAt);
  if (!Number.isNaN(created) && created > at) return false;
  return exceptionState(exception, new Date(at)) === 'active';
}
