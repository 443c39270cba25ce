import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { passwordPolicy } from '../fixtures/payloads';
import { contractorPasswordPolicyId, runStig, withContractorPasswordPolicy } from '../fixtures/stig';
import { passwordControlRows, stigPasswordControls } from './stig-password';

const byVuln = (vulnId: string): Control => stigPasswordControls.find((control) => control.frameworks.stig?.vulnId === vulnId)!;

/** Each control's weakest setting, as raw `settings.password` overrides, and what the evidence must say. */
const weakest: Record<string, { password: Record<string, unknown>; actual: string }> = {
  'V-273189': { password: { lockout: { maxAttempts: 0 } }, actual: 'not checked (no lockout)' },
  'V-273195': { password: { complexity: { minLength: 8 } }, actual: '8 characters' },
  'V-273196': { password: { complexity: { minUpperCase: 0 } }, actual: 'not checked' },
  'V-273197': { password: { complexity: { minLowerCase: 0 } }, actual: 'not checked' },
  'V-273198': { password: { complexity: { minNumber: 0 } }, actual: 'not checked' },
  'V-273199': { password: { complexity: { minSymbol: 0 } }, actual: 'not checked' },
  'V-273200': { password: { age: { minAgeMinutes: 0 } }, actual: 'no minimum' },
  'V-273201': { password: { age: { maxAgeDays: 0 } }, actual: 'never' },
  'V-273208': { password: { complexity: { dictionary: { common: { exclude: false } } } }, actual: 'not checked' },
  'V-273209': { password: { age: { historyCount: 0 } }, actual: 'not checked (no history)' },
};

/** The field of each control, removed from the raw policy: the source no longer parses. */
const removeField: Record<string, (password: Record<string, Record<string, unknown>>) => void> = {
  'V-273189': (p) => delete p.lockout!.maxAttempts,
  'V-273195': (p) => delete p.complexity!.minLength,
  'V-273196': (p) => delete p.complexity!.minUpperCase,
  'V-273197': (p) => delete p.complexity!.minLowerCase,
  'V-273198': (p) => delete p.complexity!.minNumber,
  'V-273199': (p) => delete p.complexity!.minSymbol,
  'V-273200': (p) => delete p.age!.minAgeMinutes,
  'V-273201': (p) => delete p.age!.maxAgeDays,
  'V-273208': (p) => (p.complexity!.dictionary = { common: { exclude: 'yes' } }),
  'V-273209': (p) => delete p.age!.historyCount,
};

describe('STIG password policy controls', () => {
  it('covers the ten password requirements, one row each', () => {
    expect(Object.keys(weakest).sort()).toEqual(passwordControlRows.map((row) => row.vulnId).sort());
    expect(stigPasswordControls).toHaveLength(10);
  });

  describe.each(Object.keys(weakest).map((vulnId) => [vulnId, byVuln(vulnId)] as const))('%s', (vulnId, control) => {
    it('is compliant on the default password policy and names it', () => {
      const verdict = runStig(control);
      expect(verdict.status).toBe('compliant');
      expect(verdict.reason).toContain('"Default Policy"');
    });

    it('is non-compliant at the weakest value, naming the policy and the value', () => {
      const { password, actual } = weakest[vulnId]!;
      const verdict = runStig(control, { passwordPolicies: [passwordPolicy({ settings: { password } })] });
      expect(verdict).toMatchObject({ status: 'non_compliant', fraction: 0, actual });
      expect(verdict.reason).toContain('"Default Policy"');
      expect(verdict.affected).toEqual([expect.objectContaining({ name: 'Default Policy', kind: 'Password policy' })]);
      expect(verdict.affected[0]!.detail).toContain(actual);
    });

    it('gives partial credit when one of two policies falls short, naming that one', () => {
      const verdict = runStig(control, withContractorPasswordPolicy(weakest[vulnId]!.password));
      expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
      expect(verdict.affected.map((a) => a.id)).toEqual([contractorPasswordPolicyId]);
      expect(verdict.reason).toContain('"Contractor passwords"');
    });

    it('is an error when the policy field is missing or mistyped', () => {
      const policy = passwordPolicy() as { settings: { password: Record<string, Record<string, unknown>> } };
      removeField[vulnId]!(policy.settings.password);
      const verdict = runStig(control, { passwordPolicies: [policy] });
      expect(verdict.status).toBe('error');
      expect(verdict.reason).toContain('Password policies');
    });

    it('ignores inactive policies and is unknown when none is active', () => {
      const verdict = runStig(control, { passwordPolicies: [passwordPolicy({ status: 'INACTIVE', settings: { password: weakest[vulnId]!.password } })] });
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toContain('no active password policy');
    });

    it('is not applicable when every policy belongs to Active Directory, and notes directory policies otherwise', () => {
      const ad = passwordPolicy({ id: 'ad', name: 'AD users', conditions: { authProvider: { provider: 'ACTIVE_DIRECTORY' } }, settings: { password: weakest[vulnId]!.password } });
      expect(runStig(control, { passwordPolicies: [ad] }).status).toBe('not_applicable');
      const mixed = runStig(control, { passwordPolicies: [passwordPolicy(), ad] });
      expect(mixed.status).toBe('compliant');
      expect(mixed.notes.join(' ')).toContain('"AD users"');
    });
  });

  it.each([
    ['V-273189', { lockout: { maxAttempts: 3 } }, 'compliant'],
    ['V-273189', { lockout: { maxAttempts: 1 } }, 'compliant'],
    ['V-273189', { lockout: { maxAttempts: 5 } }, 'non_compliant'],
    ['V-273195', { complexity: { minLength: 14 } }, 'non_compliant'],
    ['V-273195', { complexity: { minLength: 20 } }, 'compliant'],
    ['V-273200', { age: { minAgeMinutes: 1439 } }, 'non_compliant'],
    ['V-273201', { age: { maxAgeDays: 61 } }, 'non_compliant'],
    ['V-273201', { age: { maxAgeDays: 30 } }, 'compliant'],
    ['V-273209', { age: { historyCount: 4 } }, 'non_compliant'],
    ['V-273209', { age: { historyCount: 24 } }, 'compliant'],
  ] as const)('%s at %o → %s', (vulnId, password, status) => {
    expect(runStig(byVuln(vulnId), { passwordPolicies: [passwordPolicy({ settings: { password } })] }).status).toBe(status);
  });

  it('treats a missing dictionary as the common password check off', () => {
    const policy = passwordPolicy() as { settings: { password: { complexity: Record<string, unknown> } } };
    delete policy.settings.password.complexity.dictionary;
    const verdict = runStig(byVuln('V-273208'), { passwordPolicies: [policy] });
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'not checked' });
  });
});
