import { describe, expect, it } from 'vitest';
import { loadBudgets, type BudgetsFile } from './budgets';
import { judge } from './results';

const budgets: BudgetsFile = {
  shortRun: { timeBudgetFailsOver: 2, knownGaps: {} },
  budgets: {
    paint: { max: 100, unit: 'ms', kind: 'time', about: 'a time' },
    ratio: { max: 1.5, unit: '×', kind: 'ratio', about: 'a ratio' },
  },
};

const withGap: BudgetsFile = { ...budgets, shortRun: { ...budgets.shortRun, knownGaps: { gap: { ceiling: 3, why: 'bounded by the SaaS' } } } };

describe('bench results', () => {
  it('passes a figure at its budget and fails the run over it', () => {
    const report = judge(
      [
        { id: 'a', label: 'a', value: 100, unit: 'ms', budget: 'paint' },
        { id: 'b', label: 'b', value: 1.6, unit: '×', budget: 'ratio' },
        { id: 'c', label: 'c', value: 12, unit: 'requests' },
      ],
      budgets,
      false,
      1,
    );
    expect(report.figures.a).toMatchObject({ pass: true, failsRun: false, budget: { key: 'paint', max: 100 } });
    expect(report.figures.b).toMatchObject({ pass: false, failsRun: true });
    expect(report.figures.c).toMatchObject({ pass: null, failsRun: false, budget: null });
    expect(report).toMatchObject({ pass: false, failures: ['b'] });
  });

  it('in a short run, fails the run on a time only beyond its allowance, and on a ratio as always', () => {
    const figures = (paint: number, ratio: number) => [
      { id: 'paint', label: 'paint', value: paint, unit: 'ms', budget: 'paint' },
      { id: 'ratio', label: 'ratio', value: ratio, unit: '×', budget: 'ratio' },
    ];
    const reported = judge(figures(180, 1), budgets, true, 1);
    expect(reported).toMatchObject({ pass: true, overBudgetReported: ['paint'] });
    expect(reported.figures.paint).toMatchObject({ pass: false, failsRun: false });
    expect(judge(figures(201, 1), budgets, true, 1)).toMatchObject({ pass: false, failures: ['paint'] });
    expect(judge(figures(50, 1.51), budgets, true, 1)).toMatchObject({ pass: false, failures: ['ratio'] });
  });

  it('in a short run, fails on a known gap only over its ceiling; a full run fails on it as on any', () => {
    const figures = (gap: number) => [
      { id: 'gap', label: 'gap', value: gap, unit: '×', budget: 'ratio' },
      { id: 'other', label: 'other', value: 1.6, unit: '×', budget: 'ratio' },
    ];
    const short = judge(figures(2.9), withGap, true, 1);
    expect(short.figures.gap).toMatchObject({ pass: false, failsRun: false, knownGap: { ceiling: 3 } });
    expect(short).toMatchObject({ pass: false, failures: ['other'], overBudgetReported: ['gap'], gapsClosed: [] });
    expect(judge(figures(3.1), withGap, true, 1)).toMatchObject({ failures: ['gap', 'other'] });
    expect(judge(figures(2.9), withGap, false, 1)).toMatchObject({ failures: ['gap', 'other'] });
    expect(judge(figures(1.2), withGap, true, 1)).toMatchObject({ gapsClosed: ['gap'] });
  });

  it('refuses a known gap for a figure the run does not measure', () => {
    expect(() => judge([{ id: 'other', label: 'other', value: 1, unit: '×', budget: 'ratio' }], withGap, true, 1)).toThrow(/gap/);
  });

  it('refuses a figure whose budget is unknown or in another unit', () => {
    expect(() => judge([{ id: 'x', label: 'x', value: 1, unit: 'ms', budget: 'missing' }], budgets, false, 1)).toThrow(/missing/);
    expect(() => judge([{ id: 'x', label: 'x', value: 1, unit: 'KB', budget: 'paint' }], budgets, false, 1)).toThrow(/KB/);
  });

  it('reads the budgets file', () => {
    expect(Object.keys(loadBudgets().budgets)).toContain('scanVsCriticalPath');
  });
});
