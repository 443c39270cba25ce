import { sessionClient, type Connector, type Session } from './connector';
import type { PostureDatabase, ScanRecord } from './db';
import { ScanError, toScanErrorInfo, type ScanErrorInfo } from './errors';
import { evaluateSnapshot, findingRecords } from './evaluate';
import type { HttpClientOptions } from './fetcher';
import { compactResults, packResults } from './history';
import { snapshotFormat, type Snapshot } from './snapshot';

const disconnectedError: ScanErrorInfo = { kind: 'not_found', message: 'The instance was disconnected during the scan: nothing was kept.' };

export const instanceKeyOf = (app: string, instanceId: string) => `${app}:${instanceId}`;

export interface ScanOptions {
  connector: Connector;
  session: Session;
  db: PostureDatabase;
  /** Overrides for the HTTP client (tests shorten timeouts and backoff). */
  http?: Partial<Pick<HttpClientOptions, 'timeoutMs' | 'maxAttempts' | 'baseBackoffMs' | 'maxBackoffMs' | 'sleep' | 'concurrency'>>;
  now?: () => Date;
  newId?: () => string;
}

export interface ScanOutcome {
  scan: ScanRecord;
}

/**
 * Collect → snapshot → evaluate → store. Progress goes to the scan's own row; the findings, the
 * snapshot and the instance's pointer to its latest good scan are written in one transaction at the
 * end, so a scan that fails (or a service worker that dies) leaves the last good scan as it was.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const { connector, session, db } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const instanceKey = instanceKeyOf(session.instance.app, session.instance.instanceId);
  const scan: ScanRecord = {
    id: newId(),
    instanceKey,
    app: session.instance.app,
    startedAt: now().toISOString(),
    status: 'running',
    progress: { done: 0, total: 1, label: 'Starting' },
  };
  await db.scans.add(scan);
  await db.instances.update(instanceKey, { lastScanId: scan.id });

  const http = sessionClient(connector, session, { ...options.http, maxRequests: connector.requestBudget });

  // One progress write at a time, of the newest progress: a queue of every step (a scan of many reads makes
  // dozens) would hold the scan's final write behind writes that no one will see.
  let pendingProgress: Promise<unknown> = Promise.resolve();
  let writingProgress = false;
  let progressChanged = false;
  const writeProgress = async () => {
    try {
      do {
        progressChanged = false;
        await db.scans.update(scan.id, { progress: scan.progress });
      } while (progressChanged);
    } finally {
      writingProgress = false;
    }
  };
  const progress = (done: number, total: number, label: string) => {
    scan.progress = { done, total, label };
    if (writingProgress) {
      progressChanged = true;
      return;
    }
    writingProgress = true;
    pendingProgress = writeProgress();
  };

  const fail = async (error: ScanErrorInfo): Promise<ScanOutcome> => {
    await pendingProgress;
    const failed: ScanRecord = { ...scan, status: 'failed', finishedAt: now().toISOString(), error, requestCount: http.requestCount };
    // Only over the scan's own row: an instance disconnected meanwhile lost that row, and it stays gone.
    await db.transaction('rw', db.scans, async () => {
      if (await db.scans.get(scan.id)) await db.scans.put(failed);
    });
    return { scan: failed };
  };

  let snapshot: Snapshot;
  try {
    const sources = await connector.collect({ http, progress });
    snapshot = {
      format: snapshotFormat,
      instance: session.instance,
      collectedAt: scan.startedAt,
      requestCount: http.requestCount,
      sources,
    };
  } catch (error) {
    return fail(toScanErrorInfo(error));
  }

  // Evaluation or the final write can still fail: the scan must not stay "running", and the last good
  // scan stays as it was (the transaction wrote nothing).
  try {
    const evaluation = evaluateSnapshot(connector, snapshot);
    if (evaluation.sourcesRead === 0) {
      const first = Object.values(snapshot.sources).find((source) => !source.ok);
      return fail(
        first && !first.ok
          ? first.error
          : new ScanError({ kind: 'malformed', message: `${connector.name} returned nothing Posture Lens could read. Scan again.` }).toInfo(),
      );
    }

    const finished: ScanRecord = {
      ...scan,
      status: evaluation.sourceErrors.length > 0 ? 'partial' : 'complete',
      finishedAt: now().toISOString(),
      progress: { done: scan.progress.total, total: scan.progress.total, label: 'Done' },
      score: evaluation.score,
      // Per-metric Σ lost / Σ max (as scanned, before exceptions): what the initiative trend combines.
      initiative: evaluation.initiative,
      packedResults: packResults(compactResults(evaluation.findings)),
      highlights: evaluation.highlights,
      requestCount: http.requestCount,
      sourceErrors: evaluation.sourceErrors,
      error: evaluation.sourceErrors[0]
        ? { kind: 'malformed', message: evaluation.sourceErrors[0].message }
        : undefined,
    };
    const findings = findingRecords(scan.id, instanceKey, evaluation.findings);
    await pendingProgress;
    let disconnected = false;
    await db.transaction('rw', [db.scans, db.findings, db.snapshots, db.instances], async () => {
      // Disconnected while the scan ran: its data was deleted, and the scan must not bring any back.
      if (!(await db.instances.get(instanceKey))) {
        disconnected = true;
        await db.scans.delete(scan.id);
        return;
      }
      await db.findings.bulkPut(findings);
      await db.snapshots.put({ scanId: scan.id, snapshot });
      await db.scans.put(finished);
      await db.instances.update(instanceKey, { lastGoodScanId: scan.id, name: session.instance.name });
    });
    if (disconnected) return { scan: { ...finished, status: 'failed', error: disconnectedError } };
    return { scan: finished };
  } catch (error) {
    return fail(toScanErrorInfo(error));
  }
}

/** Scans still marked `running`: at the service worker's start, those a stopped worker left behind. */
export function runningScansIn(db: PostureDatabase): Promise<ScanRecord[]> {
  return db.scans.where('status').equals('running').toArray();
}

/**
 * Marks scans a stopped service worker left `running` as failed, with `message(scan)`: they can no longer
 * finish (what they had read was in its memory, and nothing of them was stored).
 */
export async function markInterruptedScans(db: PostureDatabase, scans: readonly ScanRecord[], message: (scan: ScanRecord) => string, now = new Date()): Promise<void> {
  await Promise.all(
    scans.map((scan) =>
      db.scans.update(scan.id, {
        status: 'failed',
        finishedAt: now.toISOString(),
        error: { kind: 'network', message: message(scan) },
      }),
    ),
  );
}
