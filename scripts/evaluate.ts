import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { appName, controlById } from '@/components/catalog';
import { connectorById } from '@/connectors';
import { evaluateSnapshot } from '@/utils/evaluate';
import { buildExportBundle, exportFileFormats, renderExport, type ExportFileFormat } from '@/utils/exports';
import { evaluatedScan } from '@/utils/exports/from-snapshot';
import { snapshotSchema } from '@/utils/snapshot';

/**
 * `npm run evaluate -- SNAPSHOT [--format json|csv|ocsf|html] [--out FILE]`: evaluates an exported
 * snapshot with no browser and prints the export (json: the posture-lens/export@1 bundle, snapshot
 * included; csv: one row per finding; ocsf: OCSF Compliance Findings as JSON Lines; html: the report).
 */
const usage = `Usage: npm run evaluate -- SNAPSHOT.json [--format ${exportFileFormats.join('|')}] [--out FILE]`;

function fail(message: string, withUsage = false): never {
  console.error(withUsage ? `${message}\n${usage}` : message);
  process.exit(2);
}

let options: { format?: string; out?: string };
let positionals: string[];
try {
  ({ values: options, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
    allowPositionals: true,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), true);
}

const format = (options.format ?? 'json') as ExportFileFormat;
if (!exportFileFormats.includes(format)) fail(`Unknown format "${options.format}".`, true);
const [file, ...extra] = positionals;
if (!file) fail(usage);
if (extra.length > 0) fail(`One snapshot at a time (also given: ${extra.join(' ')}).`, true);

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
}
const parsed = snapshotSchema.safeParse(raw);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  fail(`${file} is not a Posture Lens snapshot (${issue?.path.join('.') || 'root'}: ${issue?.message}).`);
}
const snapshot = parsed.data;
const connector = connectorById(snapshot.instance.app);
if (!connector) fail(`No connector for app "${snapshot.instance.app}".`);

const bundle = buildExportBundle({
  instances: [evaluatedScan(snapshot, evaluateSnapshot(connector, snapshot))],
  exceptions: [],
  controlById,
  appName,
  now: new Date().toISOString(),
});
const { text } = renderExport(bundle, format);
if (options.out) {
  try {
    writeFileSync(options.out, text);
  } catch (error) {
    fail(`Cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`);
  }
} else {
  process.stdout.write(text);
}
