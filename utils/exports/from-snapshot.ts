import type { FindingRecord, InstanceRecord, ScanRecord } from '../db';
import { findingRecords, type SnapshotEvaluation } from '../evaluate';
import type { Snapshot } from '../snapshot';

export interface EvaluatedScan {
  instance: InstanceRecord;
  scan: ScanRecord;
  findings: FindingRecord[];
  snapshot: Snapshot;
}

/**
 * The records a scan of `snapshot` would have written, without a database: what the evaluate CLI
 * exports and what the export tests start from. The scan id is derived from the snapshot so that
 * evaluating the same file twice gives the same export (and importing it twice, the same scan).
 */
export function evaluatedScan(snapshot: Snapshot, evaluation: SnapshotEvaluation, scanId?: string): EvaluatedScan {
  const { app, instanceId, name, host } = snapshot.instance;
  const instanceKey = `${app}:${instanceId}`;
  const id = scanId ?? `snapshot:${instanceKey}:${snapshot.collectedAt}`;
  // Failed when no source of the snapshot could be read (`sourcesRead` also counts derived sources such as the scan time).
  const nothingRead = !Object.values(snapshot.sources).some((source) => source.ok);
  const status = nothingRead ? 'failed' : evaluation.sourceErrors.length > 0 ? 'partial' : 'complete';
  return {
    instance: { key: instanceKey, app, instanceId, name, host, connectedAt: snapshot.collectedAt, includeInScore: true },
    scan: {
      id,
      instanceKey,
      app,
      startedAt: snapshot.collectedAt,
      finishedAt: snapshot.collectedAt,
      status,
      progress: { done: 1, total: 1, label: 'Done' },
      score: evaluation.score,
      initiative: evaluation.initiative,
      highlights: evaluation.highlights,
      requestCount: snapshot.requestCount,
      sourceErrors: evaluation.sourceErrors,
    },
    findings: findingRecords(id, instanceKey, evaluation.findings),
    snapshot,
  };
}
