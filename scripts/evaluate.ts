import { readFileSync } from 'node:fs';
import { connectorById } from '@/connectors';
import { evaluateSnapshot } from '@/utils/evaluate';
import { snapshotSchema } from '@/utils/snapshot';

/** `npm run evaluate -- FILE`: evaluates an exported snapshot with no browser, prints findings as JSON. */
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const file = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
if (!file) fail('Usage: npm run evaluate -- SNAPSHOT.json');

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

const evaluation = evaluateSnapshot(connector, snapshot);
console.log(
  JSON.stringify(
    {
      instance: snapshot.instance,
      collectedAt: snapshot.collectedAt,
      score: evaluation.score,
      initiative: evaluation.initiative,
      sourceErrors: evaluation.sourceErrors,
      findings: evaluation.findings.map(({ control, verdict, pointsAtStake }) => ({
        controlId: control.id,
        title: control.title,
        severity: control.severity,
        weight: control.weight,
        metric: control.metric,
        pointsAtStake,
        ...verdict,
      })),
    },
    null,
    2,
  ),
);
