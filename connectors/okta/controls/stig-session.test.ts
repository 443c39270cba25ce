import { describe, expect, it } from 'vitest';
import { adminConsoleSettings, ids, signOnDefaultRule, signOnPolicy, signOnPolicyRule } from '../fixtures/payloads';
import { runStig, signOnRulesWith, withContractorSignOnPolicy } from '../fixtures/stig';
import { adminConsoleIdle, globalSessionIdle, globalSessionLifetime, noPersistentSessionCookies } from './stig-session';

describe('Global Session Policy limits (V-273186, V-273203, V-273206)', () => {
  it.each([
    [globalSessionIdle, { maxSessionIdleMinutes: 120 }, '2 hours', 'Maximum Okta global session idle time'],
    [globalSessionIdle, { maxSessionIdleMinutes: 0 }, 'no idle limit', 'Maximum Okta global session idle time'],
    [globalSessionLifetime, { maxSessionLifetimeMinutes: 0 }, 'no time limit', 'Maximum Okta global session lifetime'],
    [globalSessionLifetime, { maxSessionLifetimeMinutes: 1440 }, '1 day', 'Maximum Okta global session lifetime'],
    [noPersistentSessionCookies, { usePersistentCookie: true }, 'Enabled', 'persist across browser sessions'],
  ] as const)('%#: %s is non-compliant at %o and names the rule', (control, session, actual, label) => {
    const verdict = runStig(control, signOnRulesWith(session));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.actual).toBe(actual);
    expect(verdict.reason).toContain('Default Policy › STIG session limits');
    expect(verdict.reason).toContain(label);
    expect(verdict.affected).toEqual([
      expect.objectContaining({ id: '0pr1stigSessionRu0h7', name: 'Default Policy › STIG session limits', kind: 'Global session policy rule' }),
    ]);
  });

  it('passes at the limits and below', () => {
    expect(runStig(globalSessionIdle, signOnRulesWith({ maxSessionIdleMinutes: 10 })).status).toBe('compliant');
    expect(runStig(globalSessionLifetime, signOnRulesWith({ maxSessionLifetimeMinutes: 1080 })).status).toBe('compliant');
    expect(runStig(globalSessionIdle, signOnRulesWith({ maxSessionIdleMinutes: 16 })).status).toBe('non_compliant');
    expect(runStig(globalSessionLifetime, signOnRulesWith({ maxSessionLifetimeMinutes: 1081 })).status).toBe('non_compliant');
  });

  it('gives partial credit when another policy lets a group keep longer sessions', () => {
    const verdict = runStig(globalSessionIdle, withContractorSignOnPolicy({ maxSessionIdleMinutes: 480 }));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5, actual: '8 hours' });
    expect(verdict.affected.map((a) => a.name)).toEqual(['Contractors › Contractor sessions']);
    expect(verdict.reason).toContain('1 Global Session Policy rule of 2');
  });

  it('ignores rules that deny and inactive rules, which start no session', () => {
    const data = {
      signOnPolicies: [signOnPolicy()],
      signOnPolicyRules: {
        [ids.signOnPolicy]: [
          signOnPolicyRule(),
          signOnPolicyRule({ id: 'r2', name: 'Old rule', status: 'INACTIVE', priority: 2, actions: { signon: { session: { maxSessionIdleMinutes: 720 } } } }),
          signOnDefaultRule({ actions: { signon: { session: { maxSessionIdleMinutes: 720 } } } }),
        ],
      },
    };
    expect(runStig(globalSessionIdle, data).status).toBe('compliant');
  });

  it('notes when the Priority 1 rule is the built-in Default Rule, as the STIG asks for an added rule', () => {
    const data = {
      signOnPolicies: [signOnPolicy()],
      signOnPolicyRules: { [ids.signOnPolicy]: [signOnDefaultRule({ priority: 1, actions: { signon: { access: 'ALLOW' } } })] },
    };
    const verdict = runStig(globalSessionIdle, data);
    expect(verdict.status).toBe('compliant');
    expect(verdict.notes.join(' ')).toContain('built-in "Default Rule"');
  });

  it('is unknown, never compliant, when no rule allows sign-in', () => {
    const data = { signOnPolicies: [signOnPolicy()], signOnPolicyRules: { [ids.signOnPolicy]: [signOnDefaultRule()] } };
    for (const control of [globalSessionIdle, globalSessionLifetime, noPersistentSessionCookies]) {
      const verdict = runStig(control, data);
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toContain('Global Session Policy');
    }
  });

  it('is an error when a rule lacks its session settings', () => {
    const rule = signOnPolicyRule() as { actions: { signon: Record<string, unknown> } };
    delete rule.actions.signon.session;
    const verdict = runStig(globalSessionLifetime, { signOnPolicyRules: { [ids.signOnPolicy]: [rule] } });
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('session');
  });
});

describe('OKTA.STIG.273187v1 Admin Console idle timeout', () => {
  it.each([
    [15, 'compliant', '15 minutes'],
    [5, 'compliant', '5 minutes'],
    [30, 'non_compliant', '30 minutes'],
    [120, 'non_compliant', '2 hours'],
  ] as const)('%i minutes → %s', (minutes, status, actual) => {
    const verdict = runStig(adminConsoleIdle, { adminConsoleSettings: adminConsoleSettings({ sessionIdleTimeoutMinutes: minutes }) });
    expect(verdict.status).toBe(status);
    expect(verdict.actual).toBe(actual);
    if (status === 'non_compliant') {
      expect(verdict.affected[0]).toMatchObject({ name: 'Okta Admin Console', kind: 'Application' });
      expect(verdict.reason).toContain('Maximum app session idle time');
    }
  });

  it('is an error when the idle timeout is not a number', () => {
    expect(runStig(adminConsoleIdle, { adminConsoleSettings: { sessionIdleTimeoutMinutes: '15', sessionMaxLifetimeMinutes: 720 } }).status).toBe('error');
  });
});
