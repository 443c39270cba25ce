import type { Connector } from '@/utils/connector';
import type { Verdict, VerdictStatus } from '@/utils/controls';
import type { ExceptionRecord, FindingRecord, InstanceRecord, ScanRecord, SettingRecord, SnapshotRecord } from '@/utils/db';
import { dayMs } from '@/utils/evidence';
import { evaluateSnapshot, findingRecords, highlightsOf, toScoredFinding } from '@/utils/evaluate';
import { compactResults, packResults } from '@/utils/history';
import { instanceKeyOf } from '@/utils/scan';
import { pointsAtStake, scoreFindings, scoreInitiative } from '@/utils/scoring';
import type { Snapshot } from '@/utils/snapshot';
import { prng } from '../../tests/emulators/shared/random';

/**
 * What the database holds after a year of daily scans, built from one real scan's snapshot: the portal's
 * budgets are measured on it. Each instance drifts from day to day (controls fixed over the year, a few
 * regressions), so trends and diffs have something to show. Rows are shaped exactly as `runScan` and
 * retention leave them: every scan keeps its packed results, only the newest `keepEvidenceScans` keep
 * their findings and snapshot.
 */

export interface YearOfScansOptions {
  connector: Connector;
  snapshot: Snapshot;
  instances: number;
  days: number;
  keepEvidenceScans: number;
  /** Exceptions recorded per instance (a fifth of them with an expiry already past). */
  exceptionsPerInstance: number;
  now: Date;
  seed?: number;
}

export interface SeedRows {
  instances: InstanceRecord[];
  scans: ScanRecord[];
  findings: FindingRecord[];
  snapshots: SnapshotRecord[];
  exceptions: ExceptionRecord[];
  settings: SettingRecord[];
}

type Decided = Extract<VerdictStatus, 'compliant' | 'non_compliant'>;

function drifted(verdict: Verdict, status: Decided): Verdict {
  if (status === verdict.status) return verdict;
  return status === 'compliant'
    ? { ...verdict, status, fraction: 1, affected: [], reason: 'Compliant (bench drift)' }
    : { ...verdict, status, fraction: 0, reason: 'Not compliant (bench drift)' };
}

export function yearOfScans(options: YearOfScansOptions): SeedRows {
  const { connector, snapshot } = options;
  const next = prng(options.seed ?? 20261202);
  const base = evaluateSnapshot(connector, snapshot);
  const rows: SeedRows = { instances: [], scans: [], findings: [], snapshots: [], exceptions: [], settings: [{ key: 'targetScore', value: 90 }] };

  for (let index = 0; index < options.instances; index++) {
    // The first instance is the scanned one, so that its tab's popup shows it with its year; the others are copies.
    const instanceId = index === 0 ? snapshot.instance.instanceId : `${snapshot.instance.instanceId}-${index + 1}`;
    const instanceKey = instanceKeyOf(snapshot.instance.app, instanceId);
    const host = index === 0 ? snapshot.instance.host : `${instanceId}.${snapshot.instance.host}`;
    // Going back in time from today: each day a few controls were failing that are fixed now, and now and then one was
    // compliant before a regression. `status` holds the overrides of the day being built.
    const status = new Map<string, Decided>();
    for (const finding of base.findings) {
      const decided = finding.verdict.status === 'compliant' || finding.verdict.status === 'non_compliant';
      if (decided && index > 0 && next() < 0.08) status.set(finding.controlId, finding.verdict.status === 'compliant' ? 'non_compliant' : 'compliant');
    }
    const decidable = base.findings.filter((finding) => finding.verdict.status === 'compliant' || finding.verdict.status === 'non_compliant');

    let newestId = '';
    for (let day = 0; day < options.days; day++) {
      if (day > 0) {
        const changes = 1 + Math.floor(next() * 3);
        for (let change = 0; change < changes; change++) {
          const finding = decidable[Math.floor(next() * decidable.length)]!;
          status.set(finding.controlId, next() < 0.8 ? 'non_compliant' : 'compliant');
        }
      }
      const startedAt = new Date(options.now.getTime() - day * dayMs - 3_600_000);
      const id = `bench-${index + 1}-${String(day).padStart(3, '0')}`;
      if (day === 0) newestId = id;
      const findings = base.findings.map((finding) => {
        const override = status.get(finding.controlId);
        if (!override) return finding;
        const verdict = drifted(finding.verdict, override);
        return { ...finding, verdict, pointsAtStake: pointsAtStake(toScoredFinding(finding.control, verdict)) };
      });
      const scored = findings.map((finding) => toScoredFinding(finding.control, finding.verdict));
      const withEvidence = day < options.keepEvidenceScans;
      rows.scans.push({
        id,
        instanceKey,
        app: snapshot.instance.app,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date(startedAt.getTime() + 4_000).toISOString(),
        status: 'complete',
        progress: { done: 1, total: 1, label: 'Done' },
        score: scoreFindings(scored),
        initiative: scoreInitiative(scored),
        packedResults: packResults(compactResults(findings)),
        ...(withEvidence ? { highlights: highlightsOf(connector, findings) } : {}),
        requestCount: snapshot.requestCount,
        sourceErrors: [],
        ...(withEvidence ? {} : { evidenceDroppedAt: options.now.toISOString() }),
      });
      if (!withEvidence) continue;
      rows.snapshots.push({ scanId: id, snapshot: { ...snapshot, instance: { ...snapshot.instance, instanceId, host }, collectedAt: startedAt.toISOString() } });
      rows.findings.push(...findingRecords(id, instanceKey, findings));
    }

    rows.instances.push({
      key: instanceKey,
      app: snapshot.instance.app,
      instanceId,
      name: `${snapshot.instance.name} ${index + 1}`,
      host,
      connectedAt: new Date(options.now.getTime() - options.days * dayMs).toISOString(),
      includeInScore: true,
      lastScanId: newestId,
      lastGoodScanId: newestId,
    });

    const failing = base.findings.filter((finding) => finding.verdict.status !== 'compliant');
    for (let count = 0; count < Math.min(options.exceptionsPerInstance, failing.length); count++) {
      const finding = failing[count]!;
      const lapsed = count % 5 === 0;
      rows.exceptions.push({
        id: `bench-exception-${index + 1}-${count}`,
        instanceKey,
        controlId: finding.controlId,
        kind: (['risk_accepted', 'alternate_mitigation', 'third_party', 'incorrect_result'] as const)[count % 4]!,
        rationale: 'Reviewed by the security team; compensated until the next quarterly review.',
        owner: 'secops@example.com',
        createdAt: new Date(options.now.getTime() - 60 * dayMs).toISOString(),
        expiresAt: new Date(options.now.getTime() + (lapsed ? -5 : 90) * dayMs).toISOString(),
      });
    }
  }
  return rows;
}
