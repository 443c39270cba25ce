import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectors } from '@/connectors';
import { salesforceSources } from '@/connectors/salesforce/sources';
import { metricIds, severities } from '@/utils/controls';
import { csvToFindings } from '@/utils/exports/csv';
import { exportFormat, type ExportBundle } from '@/utils/exports/bundle';
import { parseExportBundle } from '@/utils/exports/import';
import { validateOcsfEvent } from '@/utils/exports/ocsf';
import { oktaScan } from '@/utils/exports/test-fixtures';
import { snapshotFormat, type Snapshot } from '@/utils/snapshot';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const run = (script: string, args: string[]) => {
  const result = spawnSync(tsx, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};
/** The same, without blocking: several CLI runs at once keep the suite fast. */
const runAsync = (script: string, args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(tsx, [join(root, 'scripts', script), ...args], { cwd: root, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
const scratch = mkdtempSync(join(tmpdir(), 'posture-lens-cli-'));
const file = (name: string, content: string) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};
const salesforce = connectors[0]!;

describe('catalog CLI', () => {
  it('prints every control as JSON with the catalog fields', () => {
    const { status, stdout } = run('catalog.ts', ['--json']);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(rows)).toBe(true);
    const catalog = connectors.flatMap((connector) => connector.controls.map((control) => ({ id: control.id, app: connector.id })));
    expect(rows).toHaveLength(catalog.length);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['app', 'frameworks', 'id', 'metric', 'remediationSteps', 'severity', 'title', 'weight'].sort(),
      );
      expect(connectors.map((connector) => connector.id)).toContain(row.app);
      expect(typeof row.id).toBe('string');
      expect(typeof row.title).toBe('string');
      expect(severities).toContain(row.severity);
      expect(metricIds).toContain(row.metric);
      expect(row.weight).toEqual(expect.any(Number));
      expect(row.remediationSteps).toEqual(expect.any(Number));
      expect(typeof row.frameworks).toBe('object');
    }
    expect(rows.map((row) => [row.id, row.app])).toEqual(catalog.map((entry) => [entry.id, entry.app]));
  }, 60_000);

  it('prints a table with the number of controls', () => {
    const { status, stdout } = run('catalog.ts', []);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^id\s+app\s+severity\s+weight\s+metric\s+title$/);
    expect(stdout.trim().endsWith(`${connectors.reduce((sum, connector) => sum + connector.controls.length, 0)} controls`)).toBe(true);
  }, 60_000);
});

describe('evaluate CLI', () => {
  it('exits 2 with a message on a file that is not JSON', () => {
    const { status, stderr, stdout } = run('evaluate.ts', [file('broken.json', '{"format": "posture-lens/snap')]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Cannot read .*broken\.json as JSON/);
    expect(stdout).toBe('');
  }, 60_000);

  it('exits 2 naming the bad field of JSON that is not a snapshot', () => {
    const { status, stderr } = run('evaluate.ts', [file('other.json', JSON.stringify({ format: 'something-else', sources: {} }))]);
    expect(status).toBe(2);
    expect(stderr).toContain('is not a Posture Lens snapshot');
    expect(stderr).toContain('format');
  }, 60_000);

  it('exits 2 for a missing file and for no file at all', () => {
    const missing = run('evaluate.ts', [join(scratch, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const usage = run('evaluate.ts', []);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage');
  }, 60_000);

  it('exits 2 for an app it has no connector for', () => {
    const snapshot: Snapshot = {
      format: snapshotFormat,
      instance: { app: 'nosuchapp', instanceId: 'x', name: 'x', host: 'x.example' },
      collectedAt: '2026-01-01T00:00:00.000Z',
      requestCount: 0,
      sources: {},
    };
    const { status, stderr } = run('evaluate.ts', [file('unknown-app.json', JSON.stringify(snapshot))]);
    expect(status).toBe(2);
    expect(stderr).toContain('No connector for app "nosuchapp"');
  }, 60_000);

  it('evaluates a snapshot whose reads all failed: a failed scan, every control an error, no score, every source explained', () => {
    const error = { kind: 'session_expired' as const, message: 'Your Salesforce session expired.' };
    const snapshot: Snapshot = {
      format: snapshotFormat,
      instance: { app: 'salesforce', instanceId: '00D000000000062EAA', name: 'acme', host: 'acme.my.salesforce.com' },
      collectedAt: '2026-01-01T00:00:00.000Z',
      requestCount: 1,
      sources: Object.fromEntries(salesforceSources.map((source) => [source.id, { ok: false, error }])),
    };
    const { status, stdout, stderr } = run('evaluate.ts', [file('failed.json', JSON.stringify(snapshot))]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as ExportBundle;
    expect(output.format).toBe(exportFormat);
    const [entry] = output.instances;
    expect(entry!.instance).toMatchObject(snapshot.instance);
    expect(entry!.snapshot).toEqual(snapshot);
    expect(entry!.scan.status).toBe('failed');
    expect(entry!.findings).toHaveLength(salesforce.controls.length);
    for (const finding of entry!.findings) expect(finding.status).toBe('error');
    expect(entry!.scan.score!.percent).toBeNull();
    expect(entry!.scan.score!.coverageGaps).toBe(salesforce.controls.length);
    expect(entry!.scan.initiative!.score).toBeNull();
    expect(entry!.scan.sourceErrors.map((e) => e.source).sort()).toEqual(salesforceSources.map((s) => s.id).sort());
    for (const sourceError of entry!.scan.sourceErrors) expect(sourceError.message).toBe(error.message);
  }, 60_000);

  it('prints the export as JSON (default), CSV, OCSF JSON Lines or the HTML report, or writes it to --out', async () => {
    const snapshot = file('okta.json', JSON.stringify(oktaScan().snapshot));
    const out = join(scratch, 'report.html');
    const [json, csv, ocsf, written] = await Promise.all([
      runAsync('evaluate.ts', [snapshot]),
      runAsync('evaluate.ts', [snapshot, '--format', 'csv']),
      runAsync('evaluate.ts', [snapshot, '--format=ocsf']),
      runAsync('evaluate.ts', ['--format', 'html', '--out', out, snapshot]),
    ]);
    for (const result of [json, csv, ocsf, written]) {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }

    const parsed = parseExportBundle(json.stdout);
    if (!parsed.ok) throw new Error(parsed.message);
    const [entry] = parsed.bundle.instances;
    expect(entry!.instance.key).toBe('okta:acme.okta.com');
    expect(entry!.scan.status).toBe('partial');
    expect(entry!.snapshot).toEqual(oktaScan().snapshot);
    expect(entry!.findings.map((finding) => finding.status)).toContain('non_compliant');

    expect(csvToFindings(csv.stdout)).toEqual(entry!.findings);

    const events = ocsf.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(events).toHaveLength(entry!.findings.length);
    for (const event of events) expect(validateOcsfEvent(event)).toEqual([]);

    expect(written.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).toContain('Acme (Okta)');
  }, 60_000);

  it('exits 2 with the usage for an unknown format or option', async () => {
    const snapshot = file('okta-usage.json', JSON.stringify(oktaScan().snapshot));
    const results = await Promise.all([
      runAsync('evaluate.ts', [snapshot, '--format', 'xml']),
      runAsync('evaluate.ts', [snapshot, '--colour']),
    ]);
    for (const result of results) {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Usage: npm run evaluate -- SNAPSHOT.json [--format json|csv|ocsf|html] [--out FILE]');
    }
    expect(results[0]!.stderr).toContain('Unknown format "xml"');
  }, 60_000);
});
