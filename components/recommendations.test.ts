import { describe, expect, it } from 'vitest';
import {
  countByStatus,
  defaultFilter,
  evidenceText,
  filterRecommendations,
  formatPoints,
  frameworkTags,
  isWebLink,
  metricTitle,
  missingAnchorMessage,
  moreAffected,
  scoreChange,
  sortByImpact,
  type RecommendationRow,
} from './recommendations';

function row(overrides: Partial<RecommendationRow> & Pick<RecommendationRow, 'controlId'>): RecommendationRow {
  return {
    title: overrides.controlId,
    status: 'non_compliant',
    severity: 'medium',
    metric: 'password-policy',
    pointsAtStake: 1,
    reason: '',
    ...overrides,
  };
}

describe('sortByImpact', () => {
  it('orders by points at stake, then severity, then title', () => {
    const rows = [
      row({ controlId: 'A', title: 'Zeta', pointsAtStake: 3, severity: 'low' }),
      row({ controlId: 'B', title: 'Beta', pointsAtStake: 8, severity: 'medium' }),
      row({ controlId: 'C', title: 'Gamma', pointsAtStake: 3, severity: 'critical' }),
      row({ controlId: 'D', title: 'Alpha', pointsAtStake: 3, severity: 'low' }),
      row({ controlId: 'E', title: 'Omega', pointsAtStake: 0, severity: 'critical' }),
    ];
    expect(sortByImpact(rows).map((r) => r.controlId)).toEqual(['B', 'C', 'D', 'A', 'E']);
  });

  it('does not reorder its input', () => {
    const rows = [row({ controlId: 'A', pointsAtStake: 1 }), row({ controlId: 'B', pointsAtStake: 2 })];
    sortByImpact(rows);
    expect(rows.map((r) => r.controlId)).toEqual(['A', 'B']);
  });
});

describe('filterRecommendations', () => {
  const rows = [
    row({ controlId: 'NC', status: 'non_compliant', severity: 'high', metric: 'session-management', title: 'Session timeout' }),
    row({ controlId: 'P', status: 'partial', reason: '3 of 11 admins have no MFA: Ada Byron', metric: 'authentication' }),
    row({ controlId: 'U', status: 'unknown' }),
    row({ controlId: 'E', status: 'error' }),
    row({ controlId: 'C', status: 'compliant' }),
    row({ controlId: 'NA', status: 'not_applicable' }),
  ];
  const ids = (filter: Partial<typeof defaultFilter>) => filterRecommendations(rows, { ...defaultFilter, ...filter }).map((r) => r.controlId);

  it('shows what needs attention by default: non-compliant, partial and the checks that could not decide', () => {
    expect(ids({})).toEqual(['NC', 'P', 'U', 'E']);
  });

  it('filters by one status, or shows all', () => {
    expect(ids({ status: 'compliant' })).toEqual(['C']);
    expect(ids({ status: 'all' })).toHaveLength(6);
  });

  it('filters by severity and metric', () => {
    expect(ids({ severity: 'high' })).toEqual(['NC']);
    expect(ids({ metric: 'authentication' })).toEqual(['P']);
  });

  it('searches title and reason, every word, ignoring case and accents', () => {
    expect(ids({ query: 'SESSION' })).toEqual(['NC']);
    expect(ids({ query: 'ada mfa' })).toEqual(['P']);
    expect(ids({ query: 'byrón' })).toEqual(['P']);
    expect(ids({ query: 'ada session' })).toEqual([]);
    expect(ids({ query: '   ' })).toEqual(['NC', 'P', 'U', 'E']);
  });
});

describe('countByStatus', () => {
  it('counts each status and what needs attention', () => {
    const counts = countByStatus([{ status: 'non_compliant' }, { status: 'partial' }, { status: 'error' }, { status: 'compliant' }]);
    expect(counts).toMatchObject({ non_compliant: 1, partial: 1, error: 1, compliant: 1, unknown: 0, attention: 3, all: 4 });
  });
});

describe('labels', () => {
  it('formats points, singular and fractional', () => {
    expect(formatPoints(8)).toBe('+8 pts');
    expect(formatPoints(1)).toBe('+1 pt');
    expect(formatPoints(2.4567)).toBe('+2.5 pts');
  });

  it('shows the score change of a Verify', () => {
    expect(scoreChange(48.4, 52.2)).toBe('Score 48% → 52%');
    expect(scoreChange(undefined, 52)).toBe('Score 52%');
    expect(scoreChange(48, null)).toBeUndefined();
  });

  it('reads evidence values', () => {
    expect(evidenceText(true)).toBe('Enabled');
    expect(evidenceText(false)).toBe('Disabled');
    expect(evidenceText(8)).toBe('8');
    expect(evidenceText(null)).toBe('Not available');
  });

  it('names the field it could not find, and never invents one', () => {
    expect(missingAnchorMessage('Minimum password length')).toBe(
      'Posture Lens could not find “Minimum password length” on this page — look for it by hand.',
    );
    expect(missingAnchorMessage(undefined)).not.toMatch(/“/);
  });

  it('lists framework tags in order', () => {
    expect(frameworkTags({ nist80053: ['IA-5(1)', 'AC-7'], healthCheck: 'Minimum password length', microsoftSecureScore: 'Set a password policy' })).toEqual([
      { framework: 'Health Check setting', value: 'Minimum password length' },
      { framework: 'Microsoft Secure Score', value: 'Set a password policy' },
      { framework: 'NIST 800-53', value: 'IA-5(1)' },
      { framework: 'NIST 800-53', value: 'AC-7' },
    ]);
  });

  it('counts the affected entities not listed', () => {
    expect(moreAffected(10, 25)).toBe(15);
    expect(moreAffected(3, 3)).toBe(0);
    expect(moreAffected(3, undefined)).toBe(0);
  });

  it('links only web references', () => {
    expect(isWebLink('https://help.salesforce.com/s/articleView?id=sf.x.htm')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
  });

  it('titles the 12 metrics', () => {
    expect(metricTitle('authentication')).toBe('Authentication strength (MFA)');
  });
});
