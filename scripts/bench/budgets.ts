import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** scripts/bench/budgets.json: every budget of `npm run bench`, by the key figures name it with. */
export const budgetsPath = fileURLToPath(new URL('./budgets.json', import.meta.url));

const budgetSchema = z.object({
  max: z.number().positive(),
  unit: z.string().min(1),
  /** `time` budgets are absolute milliseconds, which a shared machine stretches; `size` and `ratio` hold on any machine. */
  kind: z.enum(['size', 'ratio', 'time']),
  about: z.string().min(1),
});
export type Budget = z.infer<typeof budgetSchema>;

/**
 * A figure known to be over its budget, with why and how far: a --short run (CI) fails on it only above
 * `ceiling`, so that it still catches the figure getting worse while the gap is being closed. A full run
 * fails on it as on any figure over budget.
 */
const knownGapSchema = z.object({ ceiling: z.number().positive(), why: z.string().min(1) });
export type KnownGap = z.infer<typeof knownGapSchema>;

const budgetsFileSchema = z.object({
  shortRun: z.object({ timeBudgetFailsOver: z.number().min(1), knownGaps: z.record(z.string().min(1), knownGapSchema) }),
  budgets: z.record(z.string().regex(/^[a-z][A-Za-z]*$/), budgetSchema),
});
export type BudgetsFile = z.infer<typeof budgetsFileSchema>;

export function loadBudgets(path = budgetsPath): BudgetsFile {
  const parsed = budgetsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid budgets file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
