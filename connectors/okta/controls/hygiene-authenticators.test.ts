import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateOkta } from '../fixtures/hygiene';
import {
  accessPolicy,
  accessPolicyCatchAllRule,
  authenticator,
  authenticators,
  ids,
  mfaEnrollPolicy,
  passwordPolicy,
  passwordPolicyRule,
  signOnDefaultRule,
  signOnPolicy,
  signOnPolicyRule,
} from '../fixtures/payloads';
import { hygieneAuthenticatorControls } from './hygiene-authenticators';
import { hygieneSessionControls } from './hygiene-sessions';

const all = [...hygieneAuthenticatorControls, ...hygieneSessionControls];
const control = (id: string): Control => all.find((c) => c.id === id)!;
const withAuthenticator = (key: string, overrides: Record<string, unknown>) =>
  authenticators().map((a) => (a.key === key ? authenticator(key, overrides) : a));

describe('OKTA.AUTHN.1v1 weak authenticators', () => {
  const c = control('OKTA.AUTHN.1v1');

  it('names active Phone and Security Question authenticators, even for recovery only', () => {
    const list = withAuthenticator('phone_number', { status: 'ACTIVE', settings: { allowedFor: 'recovery' } });
    const verdict = evaluateOkta(c, { authenticators: list });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.affected).toEqual([expect.objectContaining({ name: 'Phone', detail: expect.stringContaining('allowed for recovery · SMS and voice') })]);
    expect(verdict.reason).toBe('Phone (allowed for recovery) is active.');
  });

  it('fails when both are active', () => {
    const list = withAuthenticator('phone_number', { status: 'ACTIVE', settings: { allowedFor: 'any' } }).map((a) =>
      a.key === 'security_question' ? authenticator('security_question', { status: 'ACTIVE', settings: { allowedFor: 'recovery' } }) : a,
    );
    expect(evaluateOkta(c, { authenticators: list }).status).toBe('non_compliant');
  });
});

describe('OKTA.AUTHN.2v1 weak password recovery', () => {
  const c = control('OKTA.AUTHN.2v1');

  it('names policies whose rules reset by SMS or that recover by question (Classic)', () => {
    const second = passwordPolicy({
      id: '00p1contractors0h7',
      name: 'Contractors',
      system: false,
      settings: { recovery: { factors: { recovery_question: { status: 'ACTIVE' }, okta_call: { status: 'ACTIVE' } } } },
    });
    const verdict = evaluateOkta(c, {
      passwordPolicies: [passwordPolicy(), second],
      passwordPolicyRules: {
        [ids.passwordPolicy]: [passwordPolicyRule({ name: 'Everyone', actions: { selfServicePasswordReset: { requirement: { primary: { methods: ['sms', 'email'] } } } } })],
        '00p1contractors0h7': [passwordPolicyRule()],
      },
    });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Default Policy', 'rule "Everyone" allows reset by SMS'],
      ['Contractors', 'recovery by voice call, security question'],
    ]);
  });

  it('ignores rules that deny self-service reset and is unknown when rules were not read', () => {
    const denied = passwordPolicyRule({ actions: { selfServicePasswordReset: { access: 'DENY', requirement: { primary: { methods: ['sms'] } } } } });
    expect(evaluateOkta(c, { passwordPolicyRules: { [ids.passwordPolicy]: [denied] } }).status).toBe('compliant');
    expect(evaluateOkta(c, { passwordPolicyRules: {} }).status).toBe('unknown');
  });
});

describe('OKTA.AUTHN.3v1 email for authentication', () => {
  it('fails when email may be used to sign in', () => {
    const verdict = evaluateOkta(control('OKTA.AUTHN.3v1'), { authenticators: withAuthenticator('okta_email', { settings: { allowedFor: 'any' } }) });
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'any', reason: 'The Email authenticator is allowed for authentication and recovery.' });
    expect(verdict.affected[0]!.name).toBe('Email');
  });
});

describe('OKTA.AUTHN.4v1 enrollment policies', () => {
  it('names policies that offer phone or security question', () => {
    const weak = mfaEnrollPolicy({
      id: '00p1contractorsMfa0h7',
      name: 'Contractors MFA',
      settings: { authenticators: [{ key: 'okta_verify', enroll: { self: 'REQUIRED' } }, { key: 'phone_number', enroll: { self: 'OPTIONAL' } }] },
    });
    const verdict = evaluateOkta(control('OKTA.AUTHN.4v1'), { mfaEnrollPolicies: [mfaEnrollPolicy(), weak] });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([['Contractors MFA', 'Phone optional']]);
  });
});

describe('OKTA.AUTHN.5v1 number challenge', () => {
  const c = control('OKTA.AUTHN.5v1');
  const verify = (required: string) => withAuthenticator('okta_verify', { settings: { channelBinding: { required } } });

  it('gives half credit for high-risk only, fails for never, and is not applicable without Okta Verify', () => {
    expect(evaluateOkta(c, { authenticators: verify('HIGH_RISK_ONLY') })).toMatchObject({ status: 'partial', fraction: 0.5 });
    const never = evaluateOkta(c, { authenticators: verify('NEVER') });
    expect(never.status).toBe('non_compliant');
    expect(never.affected[0]).toMatchObject({ name: 'Okta Verify', detail: 'number challenge: NEVER' });
    expect(evaluateOkta(c, { authenticators: withAuthenticator('okta_verify', { status: 'INACTIVE' }) }).status).toBe('not_applicable');
  });
});

describe('OKTA.SESS.1v1 default policies only', () => {
  const c = control('OKTA.SESS.1v1');

  it('names the global session policy left with only its Default Rule, and auth policies with only an allowing Catch-all', () => {
    const bare = accessPolicy({ id: 'rst1bareApps0h7', name: 'Default Policy', system: true });
    const verdict = evaluateOkta(c, {
      signOnPolicyRules: { [ids.signOnPolicy]: [signOnDefaultRule({ actions: { signon: { access: 'ALLOW' } } })] },
      accessPolicies: [accessPolicy(), bare],
      accessPolicyRules: {
        [ids.adminConsolePolicy]: [accessPolicyCatchAllRule()],
        rst1bareApps0h7: [accessPolicyCatchAllRule({ actions: { appSignOn: { access: 'ALLOW' } } })],
      },
    });
    // The Admin Console policy keeps only a denying Catch-all: locked down, not left on defaults.
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Default Policy', 'only the built-in Default Rule is active'],
      ['Default Policy', 'only the Catch-all Rule, set to allow'],
    ]);
    expect(verdict.affected.map((a) => a.kind)).toEqual(['globalSessionPolicy', 'authenticationPolicy']);
  });
});

describe('OKTA.SESS.2v1 MFA prompt', () => {
  it('names rules that prompt only on new devices or remember devices by default', () => {
    const lax = signOnPolicyRule({
      id: '0pr1lax0h7',
      name: 'Office',
      priority: 2,
      actions: { signon: { factorPromptMode: 'DEVICE', rememberDeviceByDefault: true } },
    });
    const verdict = evaluateOkta(control('OKTA.SESS.2v1'), {
      signOnPolicies: [signOnPolicy()],
      signOnPolicyRules: { [ids.signOnPolicy]: [signOnPolicyRule(), lax, signOnDefaultRule()] },
    });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Default Policy › Office', 'prompts only on a new device, remembers devices by default'],
    ]);
  });
});
