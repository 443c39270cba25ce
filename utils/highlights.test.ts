import { describe, expect, it } from 'vitest';
import type { BaselineScore } from './connector';
import type { Verdict, VerdictStatus } from './controls';
import { scanHighlights, topRecommendationCount, type HighlightedFinding } from './highlights';

const verdict = (status: VerdictStatus, reason = `${status} because`): Verdict => ({ status, fraction: status === 'compliant' ? 1 : 0, reason, affected: [], notes: [] });
const finding = (controlId: string, pointsAtStake: number, status: VerdictStatus = 'non_compliant'): HighlightedFinding => ({
  controlId,
  title: `Title of ${controlId}`,
  severity: 'high',
  pointsAtStake,
  verdict: verdict(status, `reason of ${controlId}`),
});

const decidedShare: BaselineScore = {
  id: 'vendor',
  title: 'Vendor score',
  formula: 'compliant / decided',
  compute(statuses) {
    const decided = [...statuses.values()].filter((status) => status === 'compliant' || status === 'non_compliant');
    const compliant = decided.filter((status) => status === 'compliant').length;
    return { percent: decided.length ? Math.round((compliant / decided.length) * 100) : null, decided: decided.length, total: statuses.size };
  },
};

describe('scan highlights', () => {
  it('lists the findings worth most points first, ties by control id, at most five, none worth nothing', () => {
    const findings = [finding('B', 5), finding('A', 5), finding('C', 9), finding('D', 0, 'compliant'), finding('E', 1), finding('F', 2), finding('G', 3), finding('H', 4)];
    const { top } = scanHighlights(findings, []);
    expect(top.map((entry) => entry.controlId)).toEqual(['C', 'A', 'B', 'H', 'G']);
    expect(top).toHaveLength(topRecommendationCount);
    expect(top[0]).toEqual({ controlId: 'C', title: 'Title of C', severity: 'high', pointsAtStake: 9, reason: 'reason of C' });
  });

  it('computes each baseline score from the verdicts', () => {
    const findings = [finding('A', 3), finding('B', 0, 'compliant'), finding('C', 0, 'compliant'), finding('D', 0, 'error')];
    expect(scanHighlights(findings, [decidedShare]).baselines).toEqual([
      { id: 'vendor', title: 'Vendor score', formula: 'compliant / decided', percent: 67, decided: 3, total: 4 },
    ]);
  });

  it('has nothing to show for a scan without findings', () => {
    expect(scanHighlights([], [decidedShare])).toEqual({ top: [], baselines: [] });
  });
});
