import { sessionClient, type Connector, type Session } from './connector';
import type { PostureDatabase } from './db';
import { toScanErrorInfo } from './errors';
import { evaluateControls, toScoredFinding } from './evaluate';
import type { HttpClientOptions } from './fetcher';
import { scanHighlights } from './highlights';
import { compactResult, packResults, scanResults } from './history';
import type { VerifyResult } from './messaging';
import { instanceKeyOf } from './scan';
import { pointsAtStake, scoreFindings, scoreInitiative } from './scoring';

export interface VerifyOptions {
  connector: Connector;
  session: Session;
  db: PostureDatabase;
  controlId: string;
  http?: Partial<Pick<HttpClientOptions, 'timeoutMs' | 'maxAttempts' | 'baseBackoffMs' | 'sleep'>>;
  now?: () => Date;
}

/** Requests a Verify may make: the few sources of one control, with retries. */
const verifyRequestBudget = 10;

/**
 * "Verify" after a fix: re-reads only the sources the control needs, evaluates it against them, and
 * stores the new verdict in the latest scan (and the fresh answers in its snapshot) with the score
 * recomputed. A read that fails changes nothing and says why.
 */
export async function verifyControl(options: VerifyOptions): Promise<VerifyResult> {
  const { connector, session, db, controlId } = options;
  const now = options.now ?? (() => new Date());
  const control = connector.controls.find((candidate) => candidate.id === controlId);
  if (!control) return { ok: false, error: { kind: 'not_found', message: `Unknown check ${controlId}.` } };
  const instanceKey = instanceKeyOf(session.instance.app, session.instance.instanceId);
  const instance = await db.instances.get(instanceKey);
  const scanId = instance?.lastGoodScanId;
  if (!scanId) return { ok: false, error: { kind: 'not_found', message: 'Scan this org once before verifying a fix.' } };

  const http = sessionClient(connector, session, { ...options.http, maxRequests: verifyRequestBudget });
  let fresh;
  try {
    fresh = await connector.collect({ http, progress: () => undefined }, new Set(control.sources));
  } catch (error) {
    return { ok: false, error: toScanErrorInfo(error) };
  }
  const failed = control.sources.map((source) => fresh[source]).find((result) => result && !result.ok);
  if (failed && !failed.ok) return { ok: false, error: failed.error };

  const previous = await db.snapshots.get(scanId);
  const sources = { ...previous?.snapshot.sources, ...fresh };
  const verifiedAt = now().toISOString();
  // Only what was just read decides and annotates the verdict: an older cross-check would describe the old value.
  const parsed = connector.parse(fresh, verifiedAt);
  const verdict = evaluateControls(connector, [control], parsed)[0]!.verdict;
  const points = pointsAtStake(toScoredFinding(control, verdict));
  const findingId = `${scanId}:${control.id}`;

  let scorePercent: number | null = null;
  let previousStatus: string | undefined;
  await db.transaction('rw', [db.findings, db.scans, db.snapshots], async () => {
    const existing = await db.findings.get(findingId);
    previousStatus = existing?.status;
    await db.findings.put({
      id: findingId,
      scanId,
      instanceKey,
      controlId: control.id,
      status: verdict.status,
      weight: control.weight,
      metric: control.metric,
      severity: control.severity,
      pointsAtStake: points,
      verdict,
      verifiedAt,
    });
    if (previous) await db.snapshots.put({ scanId, snapshot: { ...previous.snapshot, sources } });
    const findings = await db.findings.where('scanId').equals(scanId).toArray();
    const scored = findings.map((finding) => ({
      controlId: finding.controlId,
      weight: finding.weight,
      metric: finding.metric,
      severity: finding.severity,
      status: finding.status,
      fraction: finding.verdict.fraction,
    }));
    const score = scoreFindings(scored);
    scorePercent = score.percent;
    // The scan's compact results follow the verified verdict, so history and diffs see it too.
    const scan = await db.scans.get(scanId);
    const verified = compactResult(control.id, verdict);
    const stored = scan ? scanResults(scan) : undefined;
    const results = stored
      ? stored.some((result) => result.c === control.id)
        ? stored.map((result) => (result.c === control.id ? verified : result))
        : [...stored, verified]
      : undefined;
    const titles = new Map(connector.controls.map((entry) => [entry.id, entry.title]));
    const highlighted = findings.map((finding) => ({ ...finding, title: titles.get(finding.controlId) ?? finding.controlId }));
    await db.scans.update(scanId, {
      score,
      initiative: scoreInitiative(scored),
      // The popup's top recommendations and baseline scores follow the verified verdict too.
      ...(scan?.highlights ? { highlights: scanHighlights(highlighted, connector.baselineScores ?? []) } : {}),
      ...(results ? (scan?.packedResults ? { packedResults: packResults(results) } : { results }) : {}),
    });
  });
  return { ok: true, verdict, pointsAtStake: points, scorePercent, previousStatus };
}
