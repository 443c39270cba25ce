import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectors } from '@/connectors';
import { salesforceSources } from '@/connectors/salesforce/sources';
import { metricIds, severities } from '@/utils/controls';
import { snapshotFormat, type Snapshot } from '@/utils/snapshot';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const run = (script: string, args: string[]) => {
  const result = spawnSync(tsx, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};
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

  it('evaluates a snapshot whose reads all failed: every control an error, no score, every source explained', () => {
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
    const output = JSON.parse(stdout) as {
      instance: Snapshot['instance'];
      score: { percent: number | null; coverageGaps: number };
      initiative: { score: number | null };
      sourceErrors: Array<{ source: string; message: string }>;
      findings: Array<{ controlId: string; status: string }>;
    };
    expect(output.instance).toEqual(snapshot.instance);
    expect(output.findings).toHaveLength(salesforce.controls.length);
    for (const finding of output.findings) expect(finding.status).toBe('error');
    expect(output.score.percent).toBeNull();
    expect(output.score.coverageGaps).toBe(salesforce.controls.length);
    expect(output.initiative.score).toBeNull();
    expect(output.sourceErrors.map((e) => e.source).sort()).toEqual(salesforceSources.map((s) => s.id).sort());
    for (const sourceError of output.sourceErrors) expect(sourceError.message).toBe(error.message);
  }, 60_000);
});
