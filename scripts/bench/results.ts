/** One figure of `npm run bench`, with its budget (lower is better). */
export interface BenchResult {
  measure: string;
  value: number;
  unit: string;
  /** Null for a figure that only explains others. */
  budget: number | null;
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

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

/** Prints the table and returns how many figures are over budget. */
export function report(results: readonly BenchResult[]): number {
  let over = 0;
  console.log('measure'.padEnd(64), 'value'.padStart(10), 'budget'.padStart(10));
  for (const result of results) {
    const value = `${result.value} ${result.unit}`.padStart(10);
    if (result.budget === null) {
      console.log(result.measure.padEnd(64), value);
      continue;
    }
    const ok = result.value <= result.budget;
    if (!ok) over++;
    console.log(result.measure.padEnd(64), value, `${result.budget} ${result.unit}`.padStart(10), ok ? 'ok' : 'OVER BUDGET');
  }
  return over;
}
