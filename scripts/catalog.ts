import { connectors } from '@/connectors';

/** `npm run catalog [-- --json]`: every control of every connector. */
const rows = connectors.flatMap((connector) =>
  connector.controls.map((control) => ({
    id: control.id,
    app: connector.id,
    title: control.title,
    severity: control.severity,
    weight: control.weight,
    metric: control.metric,
    frameworks: control.frameworks,
    remediationSteps: control.remediation.steps.length,
  })),
);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const columns = ['id', 'app', 'severity', 'weight', 'metric', 'title'] as const;
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join('  ').trimEnd();
  console.log(line([...columns]));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => String(row[column]))));
  console.log(`\n${rows.length} controls`);
}
