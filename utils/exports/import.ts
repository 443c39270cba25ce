import type { z } from 'zod';
import type { Verdict } from '../controls';
import type { FindingRecord, InstanceRecord, PostureDatabase, ScanRecord } from '../db';
import { compactResults } from '../history';
import { metricTotals, type InitiativeScore } from '../scoring';
import { exportBundleSchema, exportFormat, type ExportBundle, type ExportedFinding, type ExportedInstance } from './bundle';

/**
 * Import of a `posture-lens/export@1` file (JSON): an auditor's copy of someone else's scans, or a
 * backup. It recreates instances, scans, findings and snapshots; exceptions are not imported (they are
 * decisions of whoever owns the database the file comes into).
 */

export type ParseExportResult = { ok: true; bundle: ExportBundle } | { ok: false; message: string };

/** `instances[0].findings[3].severity` */
function pathText(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('') || 'the top level'
  );
}

function issueText(issue: z.core.$ZodIssue): string {
  return `${pathText(issue.path)}: ${issue.message}`;
}

/** What in a well-formed bundle does not hold together; ids and keys must agree for the import to be sound. */
function consistencyProblems(bundle: ExportBundle): string[] {
  const problems: string[] = [];
  const scanOwners = new Map<string, string>();
  bundle.instances.forEach((entry: ExportedInstance, index) => {
    const at = `instances[${index}]`;
    const { instance, scan, findings, snapshot } = entry;
    if (instance.key !== `${instance.app}:${instance.instanceId}`) {
      problems.push(`${at}.instance.key: "${instance.key}" is not "${instance.app}:${instance.instanceId}"`);
    }
    const owner = scanOwners.get(scan.id);
    if (owner !== undefined && owner !== instance.key) {
      problems.push(`${at}.scan.id: scan "${scan.id}" also belongs to instance "${owner}"`);
    }
    scanOwners.set(scan.id, instance.key);
    const controls = new Set<string>();
    findings.forEach((finding: ExportedFinding, findingIndex) => {
      const where = `${at}.findings[${findingIndex}]`;
      if (finding.instanceKey !== instance.key) {
        problems.push(`${where}.instanceKey: "${finding.instanceKey}" is not the instance's key "${instance.key}"`);
      }
      if (finding.scanId !== scan.id) problems.push(`${where}.scanId: "${finding.scanId}" is not the scan's id "${scan.id}"`);
      if (controls.has(finding.controlId)) problems.push(`${where}.controlId: "${finding.controlId}" appears twice in the scan`);
      controls.add(finding.controlId);
    });
    if (snapshot && (snapshot.instance.app !== instance.app || snapshot.instance.instanceId !== instance.instanceId)) {
      const other = `${snapshot.instance.app}:${snapshot.instance.instanceId}`;
      problems.push(`${at}.snapshot.instance: the snapshot is of another instance (${other})`);
    }
  });
  return problems;
}

/** Reads an export file; the message says what is wrong and where, for the person who chose the file. */
export function parseExportBundle(text: string): ParseExportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `This file is not JSON (${detail}). Choose a Posture Lens export (.json).` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, message: 'This file is not a Posture Lens export: it holds no JSON object.' };
  }
  const format = (raw as { format?: unknown }).format;
  if (format !== exportFormat) {
    if (typeof format === 'string' && format.startsWith('posture-lens/snapshot@')) {
      return {
        ok: false,
        message: 'This file is a snapshot (raw responses), not an export: evaluate it with `npm run evaluate -- FILE` first.',
      };
    }
    return {
      ok: false,
      message: `This file is not a Posture Lens export: its format is ${
        format === undefined ? 'missing' : JSON.stringify(format)
      }, expected "${exportFormat}".`,
    };
  }
  const parsed = exportBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
    return { ok: false, message: `This export is damaged at ${issueText(issues[0]!)}${more}.` };
  }
  const problems = consistencyProblems(parsed.data);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return { ok: false, message: `This export does not hold together at ${problems[0]}${more}.` };
  }
  return { ok: true, bundle: parsed.data };
}

export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
}

/** The verdict a finding was exported from (`null` evidence reads back as absent). */
export function verdictOf(finding: ExportedFinding): Verdict {
  return {
    status: finding.status,
    fraction: finding.fraction,
    ...(finding.actual !== null ? { actual: finding.actual } : {}),
    ...(finding.expected !== null ? { expected: finding.expected } : {}),
    reason: finding.reason,
    affected: finding.affected.map((entity) => ({ ...entity })),
    ...(finding.affectedTotal !== finding.affected.length ? { affectedTotal: finding.affectedTotal } : {}),
    notes: [...finding.notes],
  };
}

function findingRecord(finding: ExportedFinding): FindingRecord {
  return {
    id: `${finding.scanId}:${finding.controlId}`,
    scanId: finding.scanId,
    instanceKey: finding.instanceKey,
    controlId: finding.controlId,
    status: finding.status,
    weight: finding.weight,
    metric: finding.metric,
    severity: finding.severity,
    pointsAtStake: finding.pointsAtStake,
    verdict: verdictOf(finding),
  };
}

/** The initiative as stored, with each metric's Σ lost / Σ max recomputed from the findings where the export lacks them. */
function initiativeOf(exported: NonNullable<ExportedInstance['scan']['initiative']>, findings: ExportedFinding[]): InitiativeScore {
  // As the scan scored them: without exceptions (those are the importing database's own).
  const totals = metricTotals(
    findings.map(({ controlId, weight, metric, severity, status, fraction }) => ({
      controlId,
      weight,
      metric,
      severity,
      status,
      fraction,
    })),
  );
  return {
    score: exported.score,
    metrics: exported.metrics.map((metric) => ({
      ...metric,
      lost: metric.lost ?? Math.round((totals.get(metric.metric)?.lost ?? 0) * 10_000) / 10_000,
      max: metric.max ?? totals.get(metric.metric)?.max ?? 0,
    })),
  };
}

const scanTime = (scan: Pick<ScanRecord, 'startedAt' | 'finishedAt'>) => {
  const parsed = Date.parse(scan.finishedAt ?? scan.startedAt);
  return Number.isNaN(parsed) ? 0 : parsed;
};

/**
 * Writes the bundle's scans in one transaction: all of them or, on a conflict, nothing. An instance is
 * created when missing (an existing one keeps its name and settings); a scan with the exported id is
 * replaced, unless it belongs to another instance (ImportConflictError). The instance's latest scan
 * pointers move to an imported scan only when it completed (fully or partly) and is newer than the
 * current good scan, so importing an old export never hides a newer scan. A file without the snapshot
 * leaves a stored one in place. Importing the same file twice gives the same database.
 */
export async function importBundle(
  db: PostureDatabase,
  bundle: ExportBundle,
  now: string,
): Promise<Array<{ instanceKey: string; scanId: string }>> {
  return db.transaction('rw', [db.instances, db.scans, db.findings, db.snapshots], async () => {
    const imported: Array<{ instanceKey: string; scanId: string }> = [];
    for (const { instance: exportedInstance, scan: exportedScan, findings, snapshot } of bundle.instances) {
      const instanceKey = exportedInstance.key;
      const existingScan = await db.scans.get(exportedScan.id);
      if (existingScan && existingScan.instanceKey !== instanceKey) {
        throw new ImportConflictError(
          `Scan ${exportedScan.id} is already in Posture Lens for another instance (${existingScan.instanceKey}); nothing was imported.`,
        );
      }
      let instance = await db.instances.get(instanceKey);
      if (!instance) {
        instance = {
          key: instanceKey,
          app: exportedInstance.app,
          instanceId: exportedInstance.instanceId,
          name: exportedInstance.name,
          host: exportedInstance.host,
          connectedAt: now,
          includeInScore: true,
        } satisfies InstanceRecord;
        await db.instances.add(instance);
      }

      const records = findings.map(findingRecord);
      const scan: ScanRecord = {
        id: exportedScan.id,
        instanceKey,
        app: exportedInstance.app,
        startedAt: exportedScan.startedAt,
        ...(exportedScan.finishedAt !== null ? { finishedAt: exportedScan.finishedAt } : {}),
        status: exportedScan.status,
        progress: { done: 1, total: 1, label: 'Imported' },
        ...(exportedScan.score ? { score: exportedScan.score } : {}),
        ...(exportedScan.initiative ? { initiative: initiativeOf(exportedScan.initiative, findings) } : {}),
        ...(exportedScan.requestCount !== null ? { requestCount: exportedScan.requestCount } : {}),
        // What history and diffs read once retention drops the findings, as a scan stores it.
        results: compactResults(records),
        sourceErrors: exportedScan.sourceErrors,
        ...(exportedScan.sourceErrors[0] ? { error: { kind: 'malformed' as const, message: exportedScan.sourceErrors[0].message } } : {}),
        // A scan this database made itself stays its own; the first import's time is kept on re-import.
        ...(existingScan ? (existingScan.importedAt ? { importedAt: existingScan.importedAt } : {}) : { importedAt: now }),
      };
      await db.findings.where('scanId').equals(scan.id).delete();
      await db.findings.bulkPut(records);
      await db.scans.put(scan);
      if (snapshot) await db.snapshots.put({ scanId: scan.id, snapshot });

      const good = scan.status === 'complete' || scan.status === 'partial';
      const currentGood = instance.lastGoodScanId ? await db.scans.get(instance.lastGoodScanId) : undefined;
      if (good && (!currentGood || currentGood.id === scan.id || scanTime(scan) > scanTime(currentGood))) {
        const currentLast = instance.lastScanId ? await db.scans.get(instance.lastScanId) : undefined;
        const moveLast = !currentLast || currentLast.id === scan.id || Date.parse(currentLast.startedAt) <= Date.parse(scan.startedAt);
        const changes: Partial<InstanceRecord> = { lastGoodScanId: scan.id, ...(moveLast ? { lastScanId: scan.id } : {}) };
        await db.instances.update(instanceKey, changes);
      }
      imported.push({ instanceKey, scanId: scan.id });
    }
    return imported;
  });
}
