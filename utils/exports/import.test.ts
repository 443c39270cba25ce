import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { appName, controlById } from '@/components/catalog';
import { freshDatabase } from '@/tests/unit/fakes/connector';
import type { FindingRecord, PostureDatabase } from '@/utils/db';
import { compactResults } from '@/utils/history';
import { buildExportBundle, exportFormat, type ExportBundle } from './bundle';
import { importBundle, ImportConflictError, parseExportBundle } from './import';
import { exportTime, oktaScan, realisticBundle, realisticInput } from './test-fixtures';

const importTime = '2026-05-01T08:00:00.000Z';

/** The database's scans exported again, as the portal would (no exceptions: they are not imported). */
async function reExport(db: PostureDatabase, scanIds: string[]): Promise<ExportBundle> {
  const instances = await Promise.all(
    scanIds.map(async (scanId) => {
      const scan = (await db.scans.get(scanId))!;
      return {
        instance: (await db.instances.get(scan.instanceKey))!,
        scan,
        findings: await db.findings.where('scanId').equals(scanId).toArray(),
        snapshot: (await db.snapshots.get(scanId))?.snapshot,
      };
    }),
  );
  return buildExportBundle({ instances, exceptions: [], controlById, appName, now: exportTime, version: '0.1.0-test' });
}

/**
 * What an export keeps of a finding: it states every total (one equal to the listed entities reads back
 * as implied) and writes absent evidence as null (which reads back as absent).
 */
const asExported = (finding: FindingRecord): FindingRecord => {
  const { affectedTotal, actual, expected, ...verdict } = finding.verdict;
  return {
    ...finding,
    verdict: {
      ...verdict,
      ...(actual !== null && actual !== undefined ? { actual } : {}),
      ...(expected !== null && expected !== undefined ? { expected } : {}),
      ...(affectedTotal !== undefined && affectedTotal !== verdict.affected.length ? { affectedTotal } : {}),
    },
  };
};

const withoutExceptions = (bundle: ExportBundle): ExportBundle => ({
  ...bundle,
  instances: bundle.instances.map((entry) => ({ ...entry, findings: entry.findings.map((finding) => ({ ...finding, exception: null })) })),
});

describe('parseExportBundle', () => {
  const text = JSON.stringify(realisticBundle());

  it('reads an export, snapshots included', () => {
    const result = parseExportBundle(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bundle).toEqual(JSON.parse(text));
  });

  it('says what is wrong: not JSON, another format, a snapshot, a damaged field with its path', () => {
    const message = (input: string) => {
      const result = parseExportBundle(input);
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.message;
    };
    expect(message('{"format": "posture-lens/exp')).toMatch(/^This file is not JSON \(.+\)\. Choose a Posture Lens export/);
    expect(message('[1, 2]')).toBe('This file is not a Posture Lens export: it holds no JSON object.');
    expect(message('{"format": "posture-lens/export@2"}')).toBe(
      'This file is not a Posture Lens export: its format is "posture-lens/export@2", expected "posture-lens/export@1".',
    );
    expect(message('{"instances": []}')).toContain('its format is missing');
    expect(message(JSON.stringify({ format: 'posture-lens/snapshot@1' }))).toContain('is a snapshot');

    const damaged = JSON.parse(text) as ExportBundle;
    (damaged.instances[0]!.findings[3] as { severity: string }).severity = 'catastrophic';
    expect(message(JSON.stringify(damaged))).toMatch(/^This export is damaged at instances\[0\]\.findings\[3\]\.severity: /);

    const missing = JSON.parse(text) as Record<string, unknown>;
    delete missing.generator;
    expect(message(JSON.stringify(missing))).toMatch(/^This export is damaged at generator: /);
  });

  it('refuses a bundle whose ids do not agree', () => {
    const bundle = JSON.parse(text) as ExportBundle;
    bundle.instances[0]!.findings[1]!.scanId = 'another-scan';
    const result = parseExportBundle(JSON.stringify(bundle));
    expect(result).toEqual({
      ok: false,
      message: 'This export does not hold together at instances[0].findings[1].scanId: "another-scan" is not the scan\'s id "scan-okta-1".',
    });
    const duplicated = JSON.parse(text) as ExportBundle;
    duplicated.instances[0]!.findings.push(duplicated.instances[0]!.findings[0]!);
    expect(parseExportBundle(JSON.stringify(duplicated))).toMatchObject({ ok: false, message: expect.stringContaining('appears twice') });
  });
});

describe('importBundle', () => {
  it('recreates the same instances, scans, findings, scores and snapshots in an empty database', async () => {
    const db = freshDatabase();
    const original = realisticBundle();
    const parsed = parseExportBundle(JSON.stringify(original));
    if (!parsed.ok) throw new Error(parsed.message);

    const imported = await importBundle(db, parsed.bundle, importTime);
    expect(imported).toEqual([
      { instanceKey: 'okta:acme.okta.com', scanId: 'scan-okta-1' },
      { instanceKey: 'servicenow:acme', scanId: 'scan-sn-1' },
    ]);

    const input = realisticInput();
    for (const source of input.instances) {
      const instance = (await db.instances.get(source.instance.key))!;
      expect(instance).toEqual({
        key: source.instance.key,
        app: source.instance.app,
        instanceId: source.instance.instanceId,
        name: source.instance.name,
        host: source.instance.host,
        connectedAt: importTime,
        includeInScore: true,
        lastScanId: source.scan.id,
        lastGoodScanId: source.scan.id,
      });
      const scan = (await db.scans.get(source.scan.id))!;
      expect(scan).toMatchObject({ instanceKey: source.instance.key, status: source.scan.status, importedAt: importTime });
      const byControl = (a: { c: string }, b: { c: string }) => (a.c < b.c ? -1 : 1);
      expect([...scan.results!].sort(byControl)).toEqual(compactResults(source.findings).sort(byControl));
      expect(scan.score).toEqual(source.scan.score);
      expect(scan.initiative).toEqual(source.scan.initiative);
      const findings = await db.findings.where('scanId').equals(source.scan.id).sortBy('id');
      expect(findings).toEqual([...source.findings].sort((a, b) => (a.id < b.id ? -1 : 1)).map(asExported));
      expect((await db.snapshots.get(source.scan.id))!.snapshot).toEqual(source.snapshot);
    }
    expect(await db.exceptions.count()).toBe(0);

    // Exported again, the database gives the same file (less the exceptions, which stay with their owner).
    expect(await reExport(db, ['scan-okta-1', 'scan-sn-1'])).toEqual(withoutExceptions(original));
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const db = freshDatabase();
    const bundle = realisticBundle();
    await importBundle(db, bundle, importTime);
    const dump = async () => ({
      instances: await db.instances.toArray(),
      scans: await db.scans.toArray(),
      findings: await db.findings.toArray(),
      snapshots: await db.snapshots.toArray(),
    });
    const first = await dump();
    await importBundle(db, bundle, '2026-06-01T00:00:00.000Z');
    expect(await dump()).toEqual(first);
  });

  it('keeps an existing instance and a newer scan, and moves the pointers only to a newer good scan', async () => {
    const db = freshDatabase();
    const scan = oktaScan('scan-old');
    const older: ExportBundle = buildExportBundle({ ...realisticInput(), instances: [scan] });
    const newer = buildExportBundle({
      ...realisticInput(),
      instances: [{ ...oktaScan('scan-new'), scan: { ...oktaScan('scan-new').scan, startedAt: '2026-04-16T12:00:00.000Z', finishedAt: '2026-04-16T12:05:00.000Z' } }],
    });
    await db.instances.add({ ...scan.instance, name: 'Named by the admin', connectedAt: '2026-01-01T00:00:00.000Z', includeInScore: false });

    await importBundle(db, newer, importTime);
    await importBundle(db, older, importTime);
    const instance = (await db.instances.get(scan.instance.key))!;
    expect(instance).toMatchObject({ name: 'Named by the admin', includeInScore: false, lastScanId: 'scan-new', lastGoodScanId: 'scan-new' });
    expect(await db.scans.count()).toBe(2);

    const failed = buildExportBundle({
      ...realisticInput(),
      instances: [{ ...oktaScan('scan-failed'), scan: { ...oktaScan('scan-failed').scan, status: 'failed', startedAt: '2026-04-17T00:00:00.000Z', finishedAt: '2026-04-17T00:01:00.000Z' } }],
    });
    await importBundle(db, failed, importTime);
    expect(await db.instances.get(scan.instance.key)).toMatchObject({ lastScanId: 'scan-new', lastGoodScanId: 'scan-new' });
  });

  it('refuses, and writes nothing, when a scan id already belongs to another instance', async () => {
    const db = freshDatabase();
    const bundle = realisticBundle();
    await db.scans.add({ id: 'scan-sn-1', instanceKey: 'salesforce:00D000000000001', app: 'salesforce', startedAt: '2026-01-01T00:00:00.000Z', status: 'complete', progress: { done: 1, total: 1, label: 'Done' } });
    await expect(importBundle(db, bundle, importTime)).rejects.toBeInstanceOf(ImportConflictError);
    await expect(importBundle(db, bundle, importTime)).rejects.toThrow(/already in Posture Lens for another instance/);
    // The Okta scan came first in the file: the transaction undid it too.
    expect(await db.scans.get('scan-okta-1')).toBeUndefined();
    expect(await db.instances.count()).toBe(0);
    expect(await db.findings.count()).toBe(0);
  });

  it('replaces a scan of the same instance, dropping findings the file no longer has', async () => {
    const db = freshDatabase();
    const bundle = realisticBundle();
    await importBundle(db, bundle, importTime);
    const entry = bundle.instances[0]!;
    const fewer: ExportBundle = { ...bundle, instances: [{ ...entry, findings: entry.findings.slice(0, 3) }] };
    await importBundle(db, fewer, importTime);
    expect(await db.findings.where('scanId').equals('scan-okta-1').count()).toBe(3);
  });

  it('recomputes the metric totals an older export lacks from its findings', async () => {
    const db = freshDatabase();
    const bundle = realisticBundle();
    const entry = bundle.instances[0]!;
    const stripped: ExportBundle = {
      ...bundle,
      format: exportFormat,
      instances: [
        {
          ...entry,
          scan: { ...entry.scan, initiative: { ...entry.scan.initiative!, metrics: entry.scan.initiative!.metrics.map(({ lost: _l, max: _m, ...metric }) => metric) } },
        },
      ],
    };
    await importBundle(db, stripped, importTime);
    expect((await db.scans.get(entry.scan.id))!.initiative).toEqual(entry.scan.initiative);
  });
});
