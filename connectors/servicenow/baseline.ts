import type { BaselineScore } from '@/utils/connector';
import { hardeningRiskScores } from './controls/hardening';
import { hardeningComplianceScore } from './hardening';

/**
 * Security Center's hardening compliance score (reference §3.1): the risk scores of compliant settings over
 * the risk scores of every decided setting. Settings that could not be decided (manual, unreadable) are left
 * out of both sums, as they are when Security Center has no result for them.
 */
export const hardeningBaselineScore: BaselineScore = {
  id: 'servicenow-hardening',
  title: 'ServiceNow hardening compliance',
  formula: 'Security Center formula: Σ risk score of compliant settings ÷ Σ risk score of decided settings',
  compute(statuses) {
    const results: Array<{ riskScore: number; compliant: boolean | null }> = [];
    let decided = 0;
    for (const [id, riskScore] of hardeningRiskScores) {
      const status = statuses.get(id);
      const compliant = status === 'compliant' ? true : status === 'non_compliant' || status === 'partial' ? false : null;
      if (compliant !== null) decided += 1;
      results.push({ riskScore, compliant });
    }
    return { percent: hardeningComplianceScore(results), decided, total: hardeningRiskScores.size };
  },
};
