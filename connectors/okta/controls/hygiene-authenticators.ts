import { compliant, nonCompliant, notApplicable, partial, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { Authenticator } from '../model';
import { count, isAre, listAffected, nameList, step } from './hygiene-evidence';

const references = {
  telephony: 'https://help.okta.com/okta_help.htm?type=oie&id=about-telephony',
  sspr: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/authenticators/configure-sspr.htm',
  enrollment: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-create-mfa-policy',
  passwordless: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-passwordless-auth',
  oktaVerify: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-fp-enable',
  authenticatorApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/',
};

/** Authenticators an attacker can intercept (SIM swap, SS7) or answer from public information. */
export const weakAuthenticatorKeys: Record<string, string> = {
  phone_number: 'SMS and voice codes can be taken over by SIM swapping or relayed by phishing kits',
  security_question: 'answers are guessable or found on social media and in breach data',
};

const authenticatorEntity = (authenticator: Authenticator, detail: string) => ({
  id: authenticator.id,
  name: authenticator.name,
  kind: 'authenticator',
  detail,
});

const allowedForText = (authenticator: Authenticator) =>
  authenticator.settings?.allowedFor ? `allowed for ${authenticator.settings.allowedFor}` : 'use not reported';

const weakAuthenticators = defineOktaControl({
  id: 'OKTA.AUTHN.1v1',
  title: 'Phone (SMS and voice) and security question authenticators are inactive',
  description:
    'Finds the Phone and Security Question authenticators when they are active, whether for sign-in or only for ' +
    'recovery. Credit is the share of these weak authenticators that are inactive.',
  rationale:
    'Account recovery is the weakest way in: an attacker who ports the victim\'s number (SIM swap) receives the SMS ' +
    'reset code, and a security answer is often found on social media. Either resets the password and enrolls the ' +
    'attacker\'s own factor, bypassing the strong MFA used at sign-in.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-5(1)', 'IA-2(8)', 'IA-11'], initiatives: ['business-email-compromise'] },
  sources: ['authenticators'],
  evaluate: ({ authenticators }) => {
    const weak = authenticators.filter((authenticator) => authenticator.key in weakAuthenticatorKeys);
    const active = weak.filter((authenticator) => authenticator.status === 'ACTIVE' && authenticator.settings?.allowedFor !== 'none');
    const expected = 'inactive';
    if (active.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: weak.length
          ? `${nameList(weak.map((a) => a.name))} ${isAre(weak.length)} inactive or allowed for nothing.`
          : 'Neither the Phone nor the Security Question authenticator is set up.',
      });
    }
    return shareVerdict(weak.length - active.length, weak.length, {
      actual: active.length,
      expected,
      reason: `${nameList(active.map((a) => `${a.name} (${allowedForText(a)})`))} ${isAre(active.length)} active.`,
      ...listAffected(active.map((a) => authenticatorEntity(a, `${allowedForText(a)} · ${weakAuthenticatorKeys[a.key]}`))),
    });
  },
  remediation: {
    summary: 'Deactivate the Phone and Security Question authenticators once users have stronger factors for recovery.',
    steps: [
      step('Open Security → Authenticators', 'authenticators'),
      step('Remove Phone and Security Question from authenticator enrollment policies and password recovery', 'authenticators', 'enrollmentPolicies'),
      step('Choose Actions → Deactivate on each listed authenticator', 'authenticators', 'authenticatorStatus'),
      step('Save, then choose Verify in Posture Lens', 'authenticators'),
    ],
    references: [references.telephony, references.sspr, references.authenticatorApi],
  },
});

/** Self-service recovery methods that are weak (Identity Engine `requirement.primary.methods`). */
const weakRecoveryMethods: Record<string, string> = { sms: 'SMS', voice: 'voice call', question: 'security question' };
/** Classic Engine recovery factors. */
const weakRecoveryFactors: Record<string, string> = { okta_sms: 'SMS', okta_call: 'voice call', recovery_question: 'security question' };

const weakPasswordRecovery = defineOktaControl({
  id: 'OKTA.AUTHN.2v1',
  title: 'Password recovery does not rely on SMS, voice or security questions',
  description:
    'Checks every active password policy: its active rules must not allow self-service password reset by SMS or voice ' +
    '(Identity Engine), and its recovery factors must not include SMS, voice call or security question (Classic Engine).',
  rationale:
    'Help-desk-free password reset is only as strong as the factor that proves identity. A reset by SMS lets a ' +
    'SIM-swapper take the account without knowing the password, which is how many high-profile SaaS breaches began.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-5(1)', 'IA-11'], initiatives: ['business-email-compromise'] },
  sources: ['passwordPolicies', 'passwordPolicyRules'],
  evaluate: ({ passwordPolicies, passwordPolicyRules }) => {
    const active = passwordPolicies.filter((policy) => policy.status === 'ACTIVE');
    const unread = active.filter((policy) => !passwordPolicyRules[policy.id]);
    const weak = active.flatMap((policy) => {
      const factors = policy.settings.recovery?.factors ?? {};
      const classic = Object.entries(weakRecoveryFactors)
        .filter(([key]) => (factors as Record<string, { status?: string } | undefined>)[key]?.status === 'ACTIVE')
        .map(([, label]) => label);
      const rules = (passwordPolicyRules[policy.id] ?? []).filter(
        (rule) => rule.status === 'ACTIVE' && rule.actions?.selfServicePasswordReset?.access !== 'DENY',
      );
      const ruleFindings = rules.flatMap((rule) => {
        const methods = rule.actions?.selfServicePasswordReset?.requirement?.primary?.methods ?? [];
        const labels = methods.filter((method) => method in weakRecoveryMethods).map((method) => weakRecoveryMethods[method]!);
        return labels.length ? [`rule "${rule.name}" allows reset by ${labels.join(', ')}`] : [];
      });
      const problems = [...(classic.length ? [`recovery by ${classic.join(', ')}`] : []), ...ruleFindings];
      return problems.length ? [{ policy, problems }] : [];
    });
    const expected = 'no SMS, voice or question recovery';
    if (weak.length === 0) {
      if (unread.length) return unknown(`The rules of ${nameList(unread.map((p) => p.name))} could not be read.`);
      if (active.length === 0) return unknown('No active password policy was found.');
      return compliant({ actual: 0, expected, reason: `None of the ${count(active.length, 'active password policy', 'active password policies')} recovers passwords by SMS, voice or security question.` });
    }
    return shareVerdict(active.length - weak.length, active.length, {
      actual: weak.length,
      expected,
      reason: `${count(weak.length, 'password policy', 'password policies')} ${weak.length === 1 ? 'allows' : 'allow'} weak recovery: ${nameList(weak.map(({ policy, problems }) => `${policy.name} (${problems.join('; ')})`))}.`,
      ...listAffected(weak.map(({ policy, problems }) => ({ id: policy.id, name: policy.name, kind: 'passwordPolicy', detail: problems.join('; ') }))),
    });
  },
  remediation: {
    summary: 'Allow password recovery only with Okta Verify or a security key (with email only as a step-up, never alone by SMS or voice).',
    steps: [
      step('Open Security → Authenticators → Password and open each listed policy', 'passwordPolicies'),
      step('In each rule, under "Users can initiate recovery with", clear Phone (SMS / Voice call)', 'passwordPolicies', 'recoveryMethods'),
      step('Require Okta Verify or a security key for recovery, and remove security question as an additional verification', 'passwordPolicies', 'recoveryStepUp'),
      step('Save, then choose Verify in Posture Lens', 'passwordPolicies'),
    ],
    references: [references.sspr, references.telephony],
  },
});

const emailForAuthentication = defineOktaControl({
  id: 'OKTA.AUTHN.3v1',
  title: 'Email is used only for recovery, not to sign in',
  description:
    'Checks the Email authenticator: when active it must be allowed for recovery only (`allowedFor: recovery`), not ' +
    'for authentication and recovery.',
  rationale:
    'An emailed magic link or code proves only control of a mailbox. If it counts as a sign-in factor, a phished or ' +
    'forwarded mailbox becomes a full Okta sign-in and, through SSO, every app behind it.',
  severity: 'medium',
  weight: 4,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2(1)', 'IA-5'], initiatives: ['business-email-compromise'] },
  sources: ['authenticators'],
  evaluate: ({ authenticators }) => {
    const email = authenticators.find((authenticator) => authenticator.key === 'okta_email');
    if (!email || email.status !== 'ACTIVE') {
      return compliant({ actual: email ? 'inactive' : 'absent', expected: 'recovery', reason: 'The Email authenticator is not active.' });
    }
    const allowedFor = email.settings?.allowedFor;
    if (allowedFor === 'recovery' || allowedFor === 'none') {
      return compliant({ actual: allowedFor, expected: 'recovery', reason: `The Email authenticator is allowed for ${allowedFor} only.` });
    }
    if (allowedFor === undefined) {
      return unknown('Okta did not report what the Email authenticator may be used for.', { expected: 'recovery' });
    }
    return nonCompliant({
      actual: allowedFor,
      expected: 'recovery',
      reason: `The Email authenticator is allowed for ${allowedFor === 'any' ? 'authentication and recovery' : allowedFor}.`,
      ...listAffected([authenticatorEntity(email, `allowed for ${allowedFor}`)]),
    });
  },
  remediation: {
    summary: 'Set the Email authenticator to be used for recovery only.',
    steps: [
      step('Open Security → Authenticators and choose Actions → Edit on Email', 'authenticators'),
      step('Under "Used for", choose Recovery only', 'authenticators', 'emailAllowedFor'),
      step('Save, then choose Verify in Posture Lens', 'authenticators'),
    ],
    references: [references.passwordless, references.authenticatorApi],
  },
});

const phishableEnrollmentKeys: Record<string, string> = { phone_number: 'Phone', security_question: 'Security Question' };

const enrollmentOffersWeakFactors = defineOktaControl({
  id: 'OKTA.AUTHN.4v1',
  title: 'Authenticator enrollment policies do not offer phone or security question',
  description:
    'Checks every active authenticator enrollment policy: Phone and Security Question must be "Disabled" ' +
    '(`NOT_ALLOWED`), not optional or required.',
  rationale:
    'What users may enroll is what an attacker can later use: a policy that lets users enroll a phone gives a ' +
    'SIM-swapper a factor to take over, and one that requires it pushes every user onto the weakest option.',
  severity: 'medium',
  weight: 3,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2(8)', 'IA-5'] },
  sources: ['mfaEnrollPolicies'],
  evaluate: ({ mfaEnrollPolicies }) => {
    const active = mfaEnrollPolicies.filter((policy) => policy.status === 'ACTIVE');
    const findings = active.flatMap((policy) => {
      const offered: string[] = [];
      for (const entry of policy.settings?.authenticators ?? []) {
        const label = phishableEnrollmentKeys[entry.key];
        if (label && entry.enroll.self !== 'NOT_ALLOWED') offered.push(`${label} ${entry.enroll.self.toLowerCase()}`);
      }
      const classic: Record<string, string> = { okta_sms: 'SMS', okta_call: 'Voice call', okta_question: 'Security Question' };
      for (const [key, factor] of Object.entries(policy.settings?.factors ?? {})) {
        if (classic[key] && factor.enroll && factor.enroll.self !== 'NOT_ALLOWED') offered.push(`${classic[key]} ${factor.enroll.self.toLowerCase()}`);
      }
      return offered.length ? [{ policy, offered }] : [];
    });
    const expected = 'phone and security question disabled';
    if (findings.length === 0) {
      if (active.length === 0) return unknown('No active authenticator enrollment policy was found.');
      return compliant({ actual: 0, expected, reason: `None of the ${count(active.length, 'active enrollment policy', 'active enrollment policies')} offers phone or security question.` });
    }
    return shareVerdict(active.length - findings.length, active.length, {
      actual: findings.length,
      expected,
      reason: `${count(findings.length, 'enrollment policy', 'enrollment policies')} ${findings.length === 1 ? 'offers' : 'offer'} weak authenticators: ${nameList(findings.map(({ policy, offered }) => `${policy.name} (${offered.join(', ')})`))}.`,
      ...listAffected(findings.map(({ policy, offered }) => ({ id: policy.id, name: policy.name, kind: 'enrollmentPolicy', detail: offered.join(', ') }))),
    });
  },
  remediation: {
    summary: 'Set Phone and Security Question to Disabled in every authenticator enrollment policy.',
    steps: [
      step('Open Security → Authenticators → Enrollment and open each listed policy', 'authenticators', 'enrollmentPolicies'),
      step('Set Phone and Security Question to Disabled', 'authenticators', 'enrollmentPolicies'),
      step('Save, then choose Verify in Posture Lens', 'authenticators'),
    ],
    references: [references.enrollment],
  },
});

const numberChallenge = defineOktaControl({
  id: 'OKTA.AUTHN.5v1',
  title: 'Okta Verify push always requires number matching',
  description:
    'Checks the Okta Verify authenticator\'s number challenge (`channelBinding.required`): `ALWAYS` passes, ' +
    '`HIGH_RISK_ONLY` earns partial credit, and never or unset fails.',
  rationale:
    'MFA-fatigue attacks (as in the 2022 Uber breach) spam push prompts until a tired user taps Approve. Number matching ' +
    'makes the user type the number shown on the sign-in page, which a remote attacker cannot make them see.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2(8)', 'IA-2(1)'], initiatives: ['zero-trust'] },
  sources: ['authenticators'],
  evaluate: ({ authenticators }) => {
    const verify = authenticators.find((authenticator) => authenticator.key === 'okta_verify');
    if (!verify || verify.status !== 'ACTIVE') return notApplicable('Okta Verify is not an active authenticator.');
    const required = verify.settings?.channelBinding?.required;
    if (required === 'ALWAYS') return compliant({ actual: required, expected: 'ALWAYS', reason: 'Every Okta Verify push requires number matching.' });
    const entity = [authenticatorEntity(verify, `number challenge: ${required ?? 'not set'}`)];
    if (required === 'HIGH_RISK_ONLY') {
      return partial(0.5, { actual: required, expected: 'ALWAYS', reason: 'Okta Verify asks for number matching only on high-risk sign-ins.', ...listAffected(entity) });
    }
    return nonCompliant({ actual: required ?? null, expected: 'ALWAYS', reason: 'Okta Verify push does not require number matching.', ...listAffected(entity) });
  },
  remediation: {
    summary: 'Require number challenge for every Okta Verify push.',
    steps: [
      step('Open Security → Authenticators and choose Actions → Edit on Okta Verify', 'authenticators'),
      step('Under "Number challenge", choose All push challenges', 'authenticators', 'numberChallenge'),
      step('Save, then choose Verify in Posture Lens', 'authenticators'),
    ],
    references: [references.oktaVerify, references.authenticatorApi],
  },
});

export const hygieneAuthenticatorControls: Control[] = [
  weakAuthenticators,
  weakPasswordRecovery,
  emailForAuthentication,
  enrollmentOffersWeakFactors,
  numberChallenge,
];
