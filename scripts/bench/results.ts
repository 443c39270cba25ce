import { cpus } from 'node:os';
import type { BudgetsFile } from './budgets';

/** One figure of `npm run bench` (lower is better). */
export interface Figure {
  /** Stable id, the figure's key in the JSON output. */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Key of its budget in budgets.json; absent for a figure that only explains others. */
  budget?: string;
}

export const round1 = (value: number) => Math.round(value * 10) / 10;
export const round2 = (value: number) => Math.round(value * 100) / 100;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile of some samples. */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * fraction) - 1)]!;
}

interface JudgedFigure {
  label: string;
  value: number;
  unit: string;
  budget: { key: string; max: number; kind: string } | null;
  /** Null for an informational figure. */
  pass: boolean | null;
  /** Whether this figure makes the run fail (in --short, a time budget only beyond its allowance, a known gap only over its ceiling). */
  failsRun: boolean;
  /** In a --short run, a known gap (budgets.json `shortRun.knownGaps`): why it is over budget, and where it fails the run. */
  knownGap?: { ceiling: number; why: string };
}

export interface BenchReport {
  mode: 'full' | 'short';
  pass: boolean;
  /** Ids of the figures that fail the run. */
  failures: string[];
  /** Figures over budget that do not fail a --short run. */
  overBudgetReported: string[];
  /** Known gaps of budgets.json whose figure now meets its budget: to be removed from the file. */
  gapsClosed: string[];
  /** In a --short run, the multiple of its budget a time figure must exceed to fail the run. */
  allowance: number;
  machine: { cpus: number; loadAverage1m: number; node: string };
  figures: Record<string, JudgedFigure>;
}

/** Judges every figure against its budget; `loadAverage1m` is taken at the start of the run. */
export function judge(figures: readonly Figure[], budgets: BudgetsFile, short: boolean, loadAverage1m: number): BenchReport {
  const judged: Record<string, JudgedFigure> = {};
  for (const figure of figures) {
    if (judged[figure.id]) throw new Error(`Two figures have the id ${figure.id}`);
    const budget = figure.budget === undefined ? undefined : budgets.budgets[figure.budget];
    if (figure.budget !== undefined && !budget) throw new Error(`${figure.id} names budget "${figure.budget}", which budgets.json does not hold`);
    if (budget && budget.unit !== figure.unit) throw new Error(`${figure.id} is in ${figure.unit}, its budget ${figure.budget} in ${budget.unit}`);
    const pass = budget ? figure.value <= budget.max : null;
    const allowance = short && budget?.kind === 'time' ? budgets.shortRun.timeBudgetFailsOver : 1;
    const gap = short && budget ? budgets.shortRun.knownGaps[figure.id] : undefined;
    judged[figure.id] = {
      label: figure.label,
      value: figure.value,
      unit: figure.unit,
      budget: budget ? { key: figure.budget!, max: budget.max, kind: budget.kind } : null,
      pass,
      failsRun: budget !== undefined && figure.value > (gap ? gap.ceiling : budget.max) * allowance,
      ...(gap ? { knownGap: gap } : {}),
    };
  }
  const ids = Object.keys(judged);
  const stale = Object.keys(short ? budgets.shortRun.knownGaps : {}).filter((id) => !judged[id]?.budget);
  if (stale.length > 0) throw new Error(`budgets.json lists known gaps for figures this run has no budgeted figure of: ${stale.join(', ')}`);
  const failures = ids.filter((id) => judged[id]!.failsRun);
  return {
    mode: short ? 'short' : 'full',
    pass: failures.length === 0,
    failures,
    overBudgetReported: ids.filter((id) => judged[id]!.pass === false && !judged[id]!.failsRun),
    gapsClosed: ids.filter((id) => judged[id]!.knownGap && judged[id]!.pass),
    allowance: short ? budgets.shortRun.timeBudgetFailsOver : 1,
    machine: { cpus: cpus().length, loadAverage1m: round2(loadAverage1m), node: process.version },
    figures: judged,
  };
}

/** The human table: one line per figure, with its budget and verdict. */
export function table(report: BenchReport): string {
  const lines = [`${'measure'.padEnd(72)} ${'value'.padStart(12)} ${'budget'.padStart(10)}`];
  for (const figure of Object.values(report.figures)) {
    const value = `${figure.value} ${figure.unit}`.padStart(12);
    if (!figure.budget) {
      lines.push(`${figure.label.padEnd(72)} ${value}`);
      continue;
    }
    const verdict = figure.pass
      ? 'ok'
      : figure.failsRun
        ? 'OVER BUDGET'
        : figure.knownGap
          ? `over budget, a known gap (fails over ${figure.knownGap.ceiling}): ${figure.knownGap.why}`
          : `over budget (reported: a --short run fails a time only over ${report.allowance}×)`;
    lines.push(`${figure.label.padEnd(72)} ${value} ${`${figure.budget.max} ${figure.unit}`.padStart(10)} ${verdict}`);
  }
  for (const id of report.gapsClosed) lines.push(`${id} now meets its budget: remove its known gap from budgets.json.`);
  lines.push(
    report.pass
      ? `All budgets hold (${report.mode} run; load average ${report.machine.loadAverage1m} on ${report.machine.cpus} cores).`
      : `${report.failures.length} figure(s) over budget: ${report.failures.join(', ')} (${report.mode} run; load average ${report.machine.loadAverage1m} on ${report.machine.cpus} cores).`,
  );
  return lines.join('\n');
}
