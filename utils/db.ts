import Dexie, { type EntityTable } from 'dexie';
import type { MetricId, Severity, Verdict, VerdictStatus } from './controls';
import type { ScanErrorInfo } from './errors';
import type { ScanHighlights } from './highlights';
import type { CompactResult, PackedResults } from './history';
import type { InitiativeScore, InstanceScore } from './scoring';
import type { Snapshot } from './snapshot';

/** Everything here lives in the extension's own IndexedDB; it never holds a session token. */

export interface InstanceRecord {
  /** `${app}:${instanceId}` */
  key: string;
  app: string;
  instanceId: string;
  name: string;
  host: string;
  connectedAt: string;
  /** The instance's recommendations count towards the scores. */
  includeInScore: boolean;
  lastScanId?: string;
  /** The newest scan that completed (fully or partly): what the views show. */
  lastGoodScanId?: string;
}

export type ScanStatus = 'running' | 'complete' | 'partial' | 'failed';

export interface ScanProgress {
  done: number;
  total: number;
  label: string;
}

export interface ScanRecord {
  id: string;
  instanceKey: string;
  app: string;
  startedAt: string;
  finishedAt?: string;
  status: ScanStatus;
  progress: ScanProgress;
  score?: InstanceScore;
  initiative?: InitiativeScore;
  requestCount?: number;
  /** Why the scan failed, or the first source error of a partial scan. */
  error?: ScanErrorInfo;
  /** Sources that could not be read, with the reason shown to the admin. */
  sourceErrors?: Array<{ source: string; message: string }>;
  /**
   * One compact entry per control (status, fraction, actual): what history and diffs read, kept for
   * every scan after its findings and snapshot (the evidence) are dropped. Scans store them packed
   * (`packedResults`, see utils/history.ts); `results` is the plain list (imported scans). Read either
   * with `scanResults` / `resultsOf`, which also cover scans stored before both existed.
   */
  packedResults?: PackedResults;
  results?: CompactResult[];
  /** What the popup shows: top recommendations and baseline scores. Dropped with the evidence; absent on imported scans. */
  highlights?: ScanHighlights;
  /** When retention dropped this scan's findings and snapshot; its `results` stay. */
  evidenceDroppedAt?: string;
  /** Set when the scan came from an export file (utils/exports/import.ts), not from this browser. */
  importedAt?: string;
}

export interface FindingRecord {
  /** `${scanId}:${controlId}` */
  id: string;
  scanId: string;
  instanceKey: string;
  controlId: string;
  status: VerdictStatus;
  weight: number;
  metric: MetricId;
  severity: Severity;
  /** Points the instance gains when this control is fixed. */
  pointsAtStake: number;
  verdict: Verdict;
  /** Set when a Verify re-read this control after the scan. */
  verifiedAt?: string;
}

export interface SnapshotRecord {
  scanId: string;
  snapshot: Snapshot;
}

export interface ExceptionRecord {
  id: string;
  instanceKey: string;
  controlId: string;
  kind: 'risk_accepted' | 'alternate_mitigation' | 'third_party' | 'incorrect_result';
  rationale: string;
  owner: string;
  createdAt: string;
  /** When it was last edited (its `createdAt` stays). */
  updatedAt?: string;
  expiresAt?: string;
  /** Only these affected entities are excepted; all of them when absent. */
  entityIds?: string[];
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type PostureDatabase = Dexie & {
  instances: EntityTable<InstanceRecord, 'key'>;
  scans: EntityTable<ScanRecord, 'id'>;
  findings: EntityTable<FindingRecord, 'id'>;
  snapshots: EntityTable<SnapshotRecord, 'scanId'>;
  exceptions: EntityTable<ExceptionRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
};

export const databaseName = 'posture-lens';

/**
 * Every schema change is a new version below, never an edit of an old one (Dexie diffs against the
 * installed schema and runs upgrade functions in order).
 */
export function createDatabase(name = databaseName, options?: ConstructorParameters<typeof Dexie>[1]): PostureDatabase {
  const db = new Dexie(name, options) as PostureDatabase;
  db.version(1).stores({
    instances: '&key, app',
    scans: '&id, instanceKey, [instanceKey+startedAt], status',
    findings: '&id, scanId, [scanId+status], [instanceKey+controlId]',
    snapshots: '&scanId',
    exceptions: '&id, instanceKey, [instanceKey+controlId]',
    settings: '&key',
  });
  return db;
}

/** Scans of an instance, newest first. */
export function scansOf(db: PostureDatabase, instanceKey: string) {
  return db.scans.where('[instanceKey+startedAt]').between([instanceKey, Dexie.minKey], [instanceKey, Dexie.maxKey]).reverse();
}

export async function latestGoodScan(db: PostureDatabase, instanceKey: string): Promise<ScanRecord | undefined> {
  const instance = await db.instances.get(instanceKey);
  return instance?.lastGoodScanId ? db.scans.get(instance.lastGoodScanId) : undefined;
}

export async function findingsOf(db: PostureDatabase, scanId: string): Promise<FindingRecord[]> {
  return db.findings.where('scanId').equals(scanId).toArray();
}
