import { describe, expect, it } from 'vitest';
import type { Verdict } from './controls';
import type { ExceptionRecord, FindingRecord } from './db';
import { applyExceptions, applyExceptionsToFinding, exceptionInForce, exceptionState, scoreWithExceptions } from './exceptions';

const exception = (overrides: Partial<ExceptionRecord> = {}): ExceptionRecord => ({
  id: 'x1',
  instanceKey: 'fake:a',
  controlId: 'FAKE.MFA.1v1',
  kind: 'risk_accepted',
  rationale: 'Legacy integration',
  owner: 'ciso@example.com',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const admins = [
  { id: 'u1', name: 'Ada Byron' },
  { id: 'u2', name: 'Alan Turing' },
  { id: 'u3', name: 'Grace Hopper' },
];

const verdict = (overrides: Partial<Verdict> = {}): Verdict => ({
  status: 'partial',
  fraction: 0.4,
  reason: '3 of 5 admins have no MFA',
  affected: admins,
  notes: [],
  ...overrides,
});

const finding = (overrides: Partial<FindingRecord> = {}, verdictOverrides: Partial<Verdict> = {}): FindingRecord => {
  const v = verdict(verdictOverrides);
  return {
    id: `s1:${overrides.controlId ?? 'FAKE.MFA.1v1'}`,
    scanId: 's1',
    instanceKey: 'fake:a',
    controlId: 'FAKE.MFA.1v1',
    status: v.status,
    weight: 10,
    metric: 'authentication',
    severity: 'critical',
    pointsAtStake: 6,
    verdict: v,
    ...overrides,
  };
};

describe('exception expiry', () => {
  const expiring = exception({ expiresAt: '2026-06-01T00:00:00.000Z' });

  it('is active without an expiry', () => {
    expect(exceptionState(exception(), '2099-01-01T00:00:00.000Z')).toBe('active');
  });

  it('is active until the expiry instant and lapses at it, by itself', () => {
    expect(exceptionState(expiring, '2026-05-31T23:59:59.999Z')).toBe('active');
    expect(exceptionState(expiring, '2026-06-01T00:00:00.000Z')).toBe('lapsed');
    expect(exceptionState(expiring, new Date('2026-06-01T00:00:00.001Z'))).toBe('lapsed');
  });

  it('compares instants, not strings, across time-zone offsets', () => {
    const paris = exception({ expiresAt: '2026-06-01T02:00:00+02:00' });
    expect(exceptionState(paris, '2026-05-31T23:59:59.000Z')).toBe('active');
    expect(exceptionState(paris, '2026-06-01T00:00:00.000Z')).toBe('lapsed');
  });

  it('fails closed on an unreadable expiry', () => {
    expect(exceptionState(exception({ expiresAt: 'soon' }), '2026-01-01T00:00:00.000Z')).toBe('lapsed');
  });

  it('is in force only between creation and expiry', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(exceptionInForce(expiring, at('2025-12-31T23:59:59.999Z'))).toBe(false);
    expect(exceptionInForce(expiring, at('2026-01-01T00:00:00.000Z'))).toBe(true);
    expect(exceptionInForce(expiring, at('2026-06-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('applying exceptions to a finding', () => {
  const now = '2026-03-01T00:00:00.000Z';

  it('a whole-control exception applies its kind and keeps the original verdict', () => {
    const result = applyExceptionsToFinding(finding(), [exception({ kind: 'alternate_mitigation' })], now);
    expect(result.kind).toBe('alternate_mitigation');
    expect(result.scored.exception).toBe('alternate_mitigation');
    expect(result.original).toEqual(verdict());
    expect(result.scored).toMatchObject({ status: 'partial', fraction: 0.4 });
  });

  it('a lapsed exception changes nothing and is reported as lapsed', () => {
    const lapsed = exception({ expiresAt: '2026-02-01T00:00:00.000Z' });
    const result = applyExceptionsToFinding(finding(), [lapsed], now);
    expect(result.kind).toBeUndefined();
    expect(result.scored.exception).toBeUndefined();
    expect(result.lapsed).toEqual([lapsed]);
  });

  it('only the finding’s own instance and control count', () => {
    const result = applyExceptionsToFinding(
      finding(),
      [exception({ instanceKey: 'fake:b' }), exception({ id: 'x2', controlId: 'FAKE.PWD.1v1' })],
      now,
    );
    expect(result.kind).toBeUndefined();
  });

  it('on a finding that no longer fails, an exception is unneeded and earns nothing away', () => {
    const active = exception();
    const result = applyExceptionsToFinding(finding({}, { status: 'compliant', fraction: 1, affected: [] }), [active], now);
    expect(result.kind).toBeUndefined();
    expect(result.unneeded).toEqual([active]);
  });

  it('an entity-level exception over some entities keeps the verdict and names the excepted ones', () => {
    const some = exception({ entityIds: ['u2'] });
    const result = applyExceptionsToFinding(finding(), [some], now);
    expect(result.kind).toBeUndefined();
    expect(result.scored).toMatchObject({ status: 'partial', fraction: 0.4 });
    expect(result.scored.exception).toBeUndefined();
    expect(result.exceptedEntities).toEqual([{ entity: admins[1], exception: some }]);
  });

  it('entity-level exceptions over every affected entity except the finding, the least favourable kind winning', () => {
    const first = exception({ id: 'x1', kind: 'third_party', entityIds: ['u1', 'u2'] });
    const second = exception({ id: 'x2', kind: 'risk_accepted', entityIds: ['u3'] });
    const result = applyExceptionsToFinding(finding(), [first, second], now);
    expect(result.kind).toBe('risk_accepted');
    expect(result.applied).toEqual([second]);
    expect(result.exceptedEntities.map((entry) => entry.entity.id)).toEqual(['u1', 'u2', 'u3']);

    const mitigated = applyExceptionsToFinding(finding(), [first, { ...second, kind: 'third_party' }], now);
    expect(mitigated.kind).toBe('third_party');
  });

  it('does not except a finding whose affected list was cut short, even if every listed entity is covered', () => {
    const all = exception({ entityIds: ['u1', 'u2', 'u3'] });
    const result = applyExceptionsToFinding(finding({}, { affectedTotal: 40 }), [all], now);
    expect(result.kind).toBeUndefined();
    expect(result.exceptedEntities).toHaveLength(3);
  });

  it('an entity exception lapses like any other', () => {
    const all = exception({ entityIds: ['u1', 'u2', 'u3'], expiresAt: '2026-03-01T00:00:00.000Z' });
    expect(applyExceptionsToFinding(finding(), [all], now).kind).toBeUndefined();
    expect(applyExceptionsToFinding(finding(), [all], '2026-02-28T23:59:59.999Z').kind).toBe('risk_accepted');
  });

  it('works from a control definition too', () => {
    const result = applyExceptions(
      { controlId: 'FAKE.MFA.1v1', verdict: verdict({ status: 'non_compliant', fraction: 0 }) },
      { weight: 7, metric: 'authentication', severity: 'high' },
      [exception({ kind: 'incorrect_result' })],
      now,
    );
    expect(result.scored).toMatchObject({ weight: 7, exception: 'incorrect_result' });
  });
});

describe('an instance score with exceptions', () => {
  const now = '2026-03-01T00:00:00.000Z';
  const findings = [
    finding(),
    finding({ id: 's1:FAKE.PWD.1v1', controlId: 'FAKE.PWD.1v1', weight: 10, metric: 'password-policy', status: 'non_compliant' }, { status: 'non_compliant', fraction: 0, affected: [] }),
    finding({ id: 's1:FAKE.PWD.2v1', controlId: 'FAKE.PWD.2v1', weight: 5, metric: 'password-policy', status: 'compliant' }, { status: 'compliant', fraction: 1, affected: [] }),
  ];

  it('is the plain score without exceptions: 4 + 0 + 5 of 25', () => {
    const result = scoreWithExceptions(findings, [], now);
    expect(result.score).toMatchObject({ achieved: 9, max: 25, percent: 36 });
    expect(result.points.get('s1:FAKE.PWD.1v1')).toBe(10);
  });

  it('counts a mitigated failure as achieved and leaves an incorrect result out', () => {
    const mitigated = scoreWithExceptions(findings, [exception({ controlId: 'FAKE.PWD.1v1', kind: 'alternate_mitigation' })], now);
    expect(mitigated.score).toMatchObject({ achieved: 19, max: 25, percent: 76 });
    expect(mitigated.points.get('s1:FAKE.PWD.1v1')).toBe(0);
    const incorrect = scoreWithExceptions(findings, [exception({ controlId: 'FAKE.PWD.1v1', kind: 'incorrect_result' })], now);
    expect(incorrect.score).toMatchObject({ achieved: 9, max: 15, percent: 60 });
    expect(incorrect.outcomes[1]!.original.status).toBe('non_compliant');
  });

  it('a risk accepted earns nothing, and stops applying when it expires', () => {
    const accepted = exception({ kind: 'risk_accepted', expiresAt: '2026-02-01T00:00:00.000Z' });
    expect(scoreWithExceptions(findings, [accepted], '2026-01-15T00:00:00.000Z').score.percent).toBe(36 - 16);
    expect(scoreWithExceptions(findings, [accepted], now).score.percent).toBe(36);
  });
});
