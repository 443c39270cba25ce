import type { Verdict, VerdictStatus } from './controls';
import { findingsOf, type ExceptionRecord, type FindingRecord, type InstanceRecord, type PostureDatabase, type ScanRecord, type ScanStatus } from './db';
import { exceptionKey, type ScoredControl, type ScoringFinding } from './exceptions';
import { dayMs } from './evidence';

/**
 * History: every scan keeps one compact entry per control (status, fraction, actual value), enough for
 * diffs and the trend after the full findings and snapshot (the evidence) are dropped
 * (`applyRetention`). A year of daily scans of five ServiceNow-sized instances is ~570 000 entries,
 * and ServiceNow's actual values are sentences ("not set; ServiceNow applies the default true"): one
 * object per entry would take ~90 bytes each, about 50 MB. So a scan stores its results packed
 * (`PackedResults`, ~5 KB for 313 controls); code reads them as `CompactResult[]` through
 * `scanResults` / `resultsOf`.
 */
export interface CompactResult {
  /** Control id. */
  c: string;
  /** Verdict status. */
  s: VerdictStatus;
  /** Compliance fraction 0..1 (4 digits). */
  f: number;
  /** The actual value, when the verdict has one (strings cut at `actualLimit` characters). */
  a?: string | number | boolean;
}

export const actualLimit = 200;

export function compactActual(actual: Verdict['actual']): CompactResult['a'] {
  if (actual === null || actual === undefined) return undefined;
  if (typeof actual === 'string' && actual.length > actualLimit) return `${actual.slice(0, actualLimit - 1)}…`;
  return actual;
}

export function compactResult(controlId: string, verdict: Pick<Verdict, 'status' | 'fraction' | 'actual'>): CompactResult {
  const result: CompactResult = { c: controlId, s: verdict.status, f: Math.round(verdict.fraction * 10_000) / 10_000 };
  const actual = compactActual(verdict.actual);
  if (actual !== undefined) result.a = actual;
  return result;
}

export function compactResults(findings: ReadonlyArray<{ controlId: string; verdict: Pick<Verdict, 'status' | 'fraction' | 'actual'> }>): CompactResult[] {
  return findings.map((finding) => compactResult(finding.controlId, finding.verdict));
}

/**
 * A scan's results as stored. Column by column, in the scan's control order:
 * - `c`: the control ids front-coded — each id is one character giving how many leading characters
 *   it shares with the previous id (`!` = 0, `"` = 1, …) followed by the rest, ids separated by spaces
 *   ("SN.HARD.12v1 SN.HARD.13v1" → "!SN.HARD.12v1 *3v1");
 * - `s`: one letter per status (`statusLetters`);
 * - `f`: the fractions of the partial results only (compliant is 1, every other status 0);
 * - `a`: each distinct actual value once — the strings sorted and front-coded the same way, then the
 *   numbers and booleans; `i`: per control, 0 for none or 1 + the value's index in `a`.
 */
export interface PackedResults {
  v: 1;
  n: number;
  c: string;
  s: string;
  f: number[];
  a: Array<string | number | boolean>;
  i: number[];
}

export const statusLetters: Record<VerdictStatus, string> = {
  compliant: 'c',
  non_compliant: 'n',
  partial: 'p',
  not_applicable: 'a',
  error: 'e',
  unknown: 'u',
};
const statusOfLetter = new Map(Object.entries(statusLetters).map(([status, letter]) => [letter, status as VerdictStatus]));
const prefixBase = 33;
/** Longest shared beginning one character can say (actual values are at most `actualLimit` long). */
const prefixMax = actualLimit;

/** How many leading characters two strings share, as one character (`!` = 0), and the rest of `text`. */
function frontCode(previous: string, text: string): string {
  let shared = 0;
  const limit = Math.min(previous.length, text.length, prefixMax);
  while (shared < limit && previous[shared] === text[shared]) shared++;
  return String.fromCharCode(prefixBase + shared) + text.slice(shared);
}

const frontDecode = (previous: string, coded: string) => previous.slice(0, coded.charCodeAt(0) - prefixBase) + coded.slice(1);

export function packResults(results: ReadonlyArray<CompactResult>): PackedResults {
  // Distinct actual values: strings sorted and front-coded (ServiceNow's share long beginnings), then the others.
  const strings = [...new Set(results.flatMap((result) => (typeof result.a === 'string' ? [result.a] : [])))].sort();
  const others = [...new Set(results.flatMap((result) => (result.a !== undefined && typeof result.a !== 'string' ? [result.a] : [])))];
  const position = new Map<string, number>();
  strings.forEach((value, index) => position.set(`string:${value}`, index + 1));
  others.forEach((value, index) => position.set(`${typeof value}:${String(value)}`, strings.length + index + 1));
  const actuals: Array<string | number | boolean> = [...strings.map((value, index) => frontCode(strings[index - 1] ?? '', value)), ...others];

  const ids: string[] = [];
  let statuses = '';
  const fractions: number[] = [];
  const indexes: number[] = [];
  let previous = '';
  for (const result of results) {
    ids.push(frontCode(previous, result.c));
    previous = result.c;
    statuses += statusLetters[result.s];
    if (result.s === 'partial') fractions.push(result.f);
    indexes.push(result.a === undefined ? 0 : position.get(`${typeof result.a}:${String(result.a)}`)!);
  }
  return { v: 1, n: results.length, c: ids.join(' '), s: statuses, f: fractions, a: actuals, i: indexes };
}

/** The results of a packed scan; an unreadable pack gives none rather than wrong ones. */
export function unpackResults(packed: PackedResults): CompactResult[] {
  const ids = packed.n === 0 ? [] : packed.c.split(' ');
  if (packed.v !== 1 || ids.length !== packed.n || packed.s.length !== packed.n || packed.i.length !== packed.n) return [];
  let previousActual = '';
  const actuals = packed.a.map((value) => (typeof value === 'string' ? (previousActual = frontDecode(previousActual, value)) : value));
  const results: CompactResult[] = [];
  let previous = '';
  let partials = 0;
  for (let index = 0; index < packed.n; index++) {
    const id = frontDecode(previous, ids[index]!);
    previous = id;
    const status = statusOfLetter.get(packed.s[index]!);
    if (!status) return [];
    const fraction = status === 'partial' ? packed.f[partials++] : status === 'compliant' ? 1 : 0;
    if (fraction === undefined) return [];
    const result: CompactResult = { c: id, s: status, f: fraction };
    const actual = packed.i[index]! > 0 ? actuals[packed.i[index]! - 1] : undefined;
    if (actual !== undefined) result.a = actual;
    results.push(result);
  }
  return results;
}

/** One control's status and fraction in a scan's stored results; undefined when the scan has none for it. */
export type ResultReader = (scan: Pick<ScanRecord, 'packedResults' | 'results'>, controlId: string) => Pick<CompactResult, 's' | 'f'> | undefined;

/**
 * Reads single controls' results out of scans without unpacking them whole: a pack's ids are decoded once
 * per distinct id column (the scans of one catalog share it), then a control is one lookup. The trend
 * re-applies exceptions to a year of scans this way.
 */
export function resultReader(): ResultReader {
  const positions = new Map<string, Map<string, number>>();
  const lists = new WeakMap<object, Map<string, CompactResult>>();
  const positionsOf = (packed: PackedResults): Map<string, number> => {
    let found = positions.get(packed.c);
    if (!found) {
      found = new Map();
      let previous = '';
      const ids = packed.n === 0 ? [] : packed.c.split(' ');
      // An unreadable pack gives no results, as `unpackResults` does.
      if (ids.length === packed.n) {
        ids.forEach((coded, index) => {
          previous = frontDecode(previous, coded);
          found!.set(previous, index);
        });
      }
      positions.set(packed.c, found);
    }
    return found;
  };
  return (scan, controlId) => {
    const packed = scan.packedResults;
    if (!packed) {
      if (!scan.results) return undefined;
      let byControl = lists.get(scan.results);
      if (!byControl) lists.set(scan.results, (byControl = new Map(scan.results.map((result) => [result.c, result]))));
      return byControl.get(controlId);
    }
    if (packed.v !== 1 || packed.s.length !== packed.n) return undefined;
    const index = positionsOf(packed).get(controlId);
    const status = index === undefined ? undefined : statusOfLetter.get(packed.s[index]!);
    if (index === undefined || !status) return undefined;
    if (status !== 'partial') return { s: status, f: status === 'compliant' ? 1 : 0 };
    let partialsBefore = 0;
    for (let position = 0; position < index; position++) if (packed.s[position] === statusLetters.partial) partialsBefore++;
    const fraction = packed.f[partialsBefore];
    return fraction === undefined ? undefined : { s: status, f: fraction };
  };
}

/** A scan's stored results: packed, or (imports, older scans) as a list; undefined when it has none. */
export function scanResults(scan: Pick<ScanRecord, 'packedResults' | 'results'>): CompactResult[] | undefined {
  if (scan.packedResults) return unpackResults(scan.packedResults);
  return scan.results;
}

/** A scan's results; for scans stored without them, built from its findings (empty once those are gone). */
export async function resultsOf(db: PostureDatabase, scan: ScanRecord): Promise<CompactResult[]> {
  return scanResults(scan) ?? compactResults(await findingsOf(db, scan.id));
}

/**
 * A scan's findings as scoring reads them, rebuilt from its compact results and each control's weight,
 * metric and severity, without reading the stored findings and their evidence. Results list no affected
 * entities: where an entity-level exception needs them, the stored finding is read (`readScoringFindings`).
 * Undefined when the scan has no results, or names a control `controls` does not know.
 */
export function scoringFindingsOf(
  scan: Pick<ScanRecord, 'id' | 'instanceKey' | 'packedResults' | 'results'>,
  controls: ReadonlyMap<string, ScoredControl>,
): ScoringFinding[] | undefined {
  const results = scanResults(scan);
  if (!results) return undefined;
  const findings: ScoringFinding[] = [];
  for (const result of results) {
    const control = controls.get(result.c);
    if (!control) return undefined;
    findings.push({
      id: `${scan.id}:${result.c}`,
      scanId: scan.id,
      instanceKey: scan.instanceKey,
      controlId: result.c,
      weight: control.weight,
      metric: control.metric,
      severity: control.severity,
      verdict: { status: result.s, fraction: result.f, affected: [] },
    });
  }
  return findings;
}

/**
 * What scoring reads of some scans (the portal's: each instance's newest good scan), far less than every
 * finding with its evidence: rebuilt from the scans' results, with a stored finding read only where an
 * entity-level exception needs its affected entities, and all of them for a scan without results.
 */
export async function readScoringFindings(
  db: PostureDatabase,
  scans: ReadonlyArray<ScanRecord>,
  exceptions: ReadonlyArray<ExceptionRecord>,
  controls: ReadonlyMap<string, ScoredControl>,
): Promise<ScoringFinding[]> {
  const byEntities = new Set(exceptions.filter((exception) => exception.entityIds?.length).map((exception) => exceptionKey(exception.instanceKey, exception.controlId)));
  const lists = await Promise.all(
    scans.map(async (scan): Promise<ScoringFinding[]> => {
      const rebuilt = scoringFindingsOf(scan, controls);
      if (!rebuilt) return findingsOf(db, scan.id);
      const needed = rebuilt.filter((finding) => byEntities.has(exceptionKey(finding.instanceKey, finding.controlId))).map((finding) => finding.id);
      if (needed.length === 0) return rebuilt;
      const stored = new Map(
        (await db.findings.bulkGet(needed)).filter((finding): finding is FindingRecord => finding !== undefined).map((finding) => [finding.id, finding]),
      );
      return rebuilt.map((finding) => stored.get(finding.id) ?? finding);
    }),
  );
  return lists.flat();
}

export const goodStatuses: ReadonlySet<ScanStatus> = new Set(['complete', 'partial']);

export interface RetentionOptions {
  /** Scans started longer ago than this are deleted (each instance's newest good scan and newest scan stay). */
  retentionDays: number;
  /** Scans per instance that keep their findings and snapshot; older ones keep only `results`. */
  keepEvidenceScans: number;
  now: Date;
}

/** What retention needs to know of a scan, readable from the indexes alone (no `results` loaded). */
export interface ScanRef {
  id: string;
  instanceKey: string;
  startedAt: string;
  status: ScanStatus;
  /** The scan still has findings or a snapshot. */
  hasEvidence: boolean;
}

export interface RetentionPlan {
  deleteScans: string[];
  dropEvidence: string[];
}


/**
 * Which scans to delete and which to strip of their evidence (pure).
 * - Deleted: scans started before now − retentionDays, except each instance's newest good scan
 *   (`lastGoodScanId`, what the views show), its newest scan (`lastScanId`, what the popup reports)
 *   and running scans.
 * - Evidence dropped: good scans beyond the newest `keepEvidenceScans` good scans of their instance
 *   (failed scans have no evidence to keep), never the instance's newest good scan.
 */
export function retentionPlan(
  scans: ReadonlyArray<ScanRef>,
  instances: ReadonlyArray<Pick<InstanceRecord, 'key' | 'lastScanId' | 'lastGoodScanId'>>,
  options: RetentionOptions,
): RetentionPlan {
  const cutoff = options.now.getTime() - options.retentionDays * dayMs;
  const kept = new Set<string>();
  for (const instance of instances) {
    if (instance.lastGoodScanId) kept.add(instance.lastGoodScanId);
    if (instance.lastScanId) kept.add(instance.lastScanId);
  }
  const byInstance = new Map<string, ScanRef[]>();
  for (const scan of scans) {
    const list = byInstance.get(scan.instanceKey) ?? [];
    list.push(scan);
    byInstance.set(scan.instanceKey, list);
  }
  const plan: RetentionPlan = { deleteScans: [], dropEvidence: [] };
  for (const [instanceKey, list] of byInstance) {
    const lastGood = instances.find((instance) => instance.key === instanceKey)?.lastGoodScanId;
    list.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    let goodSeen = 0;
    for (const scan of list) {
      const started = Date.parse(scan.startedAt);
      if (!kept.has(scan.id) && scan.status !== 'running' && !(started >= cutoff)) {
        plan.deleteScans.push(scan.id);
        continue;
      }
      if (!goodStatuses.has(scan.status)) continue;
      goodSeen++;
      if (goodSeen > options.keepEvidenceScans && scan.id !== lastGood && scan.hasEvidence) plan.dropEvidence.push(scan.id);
    }
  }
  return plan;
}

/** Reads the scan refs from indexes only: a year of scans with their results is never loaded to decide. */
async function scanRefs(db: PostureDatabase): Promise<ScanRef[]> {
  const statuses = new Map<string, ScanStatus>();
  await db.scans.orderBy('status').eachKey((status, cursor) => statuses.set(String(cursor.primaryKey), status as ScanStatus));
  const withEvidence = new Set<string>([
    ...((await db.snapshots.toCollection().primaryKeys()) as string[]),
    ...((await db.findings.orderBy('scanId').uniqueKeys()) as string[]),
  ]);
  const refs: ScanRef[] = [];
  await db.scans
    .orderBy('[instanceKey+startedAt]')
    .eachKey((key, cursor) => {
      const [instanceKey, startedAt] = key as [string, string];
      const id = String(cursor.primaryKey);
      refs.push({ id, instanceKey, startedAt, status: statuses.get(id) ?? 'failed', hasEvidence: withEvidence.has(id) });
    });
  return refs;
}

export interface RetentionOutcome {
  deletedScans: number;
  droppedEvidence: number;
}

/** Deletes old scans (with their findings and snapshots) and drops the evidence of all but the newest scans. */
export async function applyRetention(
  db: PostureDatabase,
  options: { retentionDays: number; keepEvidenceScans?: number; now: Date },
): Promise<RetentionOutcome> {
  return db.transaction('rw', [db.scans, db.findings, db.snapshots, db.instances], async () => {
    const plan = retentionPlan(await scanRefs(db), await db.instances.toArray(), {
      retentionDays: options.retentionDays,
      keepEvidenceScans: options.keepEvidenceScans ?? 10,
      now: options.now,
    });
    const evidenceOf = [...plan.deleteScans, ...plan.dropEvidence];
    if (evidenceOf.length > 0) {
      await db.findings.where('scanId').anyOf(evidenceOf).delete();
      await db.snapshots.bulkDelete(evidenceOf);
    }
    await db.scans.bulkDelete(plan.deleteScans);
    const droppedAt = options.now.toISOString();
    for (const id of plan.dropEvidence) await db.scans.update(id, { evidenceDroppedAt: droppedAt, highlights: undefined });
    return { deletedScans: plan.deleteScans.length, droppedEvidence: plan.dropEvidence.length };
  });
}
