import { compliant, partial, unknown, type Control, type Verdict } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import { booleanSetting, enumSetting, notReported, references, saveAndVerify, step } from './health-check';

/*
 * Org-wide password policies (Setup → Password Policies, SecuritySettings.passwordPolicies).
 * Where Health Check grades a setting compliant / warning / critical, the middle band earns half credit
 * (`partial(0.5)`): the setting is weaker than recommended but not wide open.
 * Profile-level password policies can override these values; they are not read here.
 */

const page = 'passwordPolicies' as const;

function tiered(
  label: string,
  value: number | undefined,
  describe: (n: number) => string,
  expected: string,
  full: number,
  half: number,
  risk: string,
): Verdict {
  if (value === undefined) return notReported(label, expected);
  const actual = describe(value);
  if (value >= full) return compliant({ actual, expected, reason: `"${label}" is ${actual}.` });
  return partial(value >= half ? 0.5 : 0, { actual, expected, reason: `"${label}" is ${actual}, so ${risk}.` });
}

export const minimumPasswordLength = defineSalesforceControl({
  id: 'SF.PWD.1v1',
  title: 'Passwords are at least 12 characters long',
  description:
    'The org-wide minimum password length is 12 characters or more. 8–11 characters earns half credit; fewer than 8 none.',
  rationale:
    'Length is what makes a password hard to guess offline and online. Attackers spraying common passwords ' +
    'or replaying leaked credentials succeed far more often against 8-character passwords than 12-character ones.',
  severity: 'high',
  weight: 7,
  metric: 'password-policy',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Minimum password length',
    microsoftSecureScore: 'Minimum password length',
    nist80053: ['IA-5(1)'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    tiered(
      'Minimum password length',
      securitySettings.passwordPolicies.minimumPasswordLength,
      (n) => `${n} character${n === 1 ? '' : 's'}`,
      '12 or more characters',
      12,
      8,
      'short passwords are easier to guess or crack',
    ),
  remediation: {
    summary: 'Raise the minimum password length to 12 characters or more.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "Minimum password length" to 12 characters or more', page, 'minimumPasswordLength'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

const complexityTarget = 'Alpha, numeric and special characters (or upper, lower, numeric and special)';

export const passwordComplexity = defineSalesforceControl({
  id: 'SF.PWD.2v1',
  title: 'Passwords must mix letters, numbers and special characters',
  description:
    'The password complexity requirement asks for at least alphabetic, numeric and special characters (or three ' +
    'of the four character classes). Letters and numbers only earns half credit; no restriction none.',
  rationale:
    'Without a complexity rule users pick dictionary words and simple patterns that appear first in every ' +
    'password-spraying and cracking word list.',
  severity: 'medium',
  weight: 5,
  metric: 'password-policy',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Password complexity requirement',
    microsoftSecureScore: 'Password complexity requirement',
    nist80053: ['IA-5(1)'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    enumSetting({
      label: 'Password complexity requirement',
      raw: securitySettings.passwordPolicies.complexity,
      expected: complexityTarget,
      risk: 'users can choose passwords that appear in common word lists',
      options: {
        NoRestriction: { text: 'No restriction', fraction: 0 },
        AlphaNumeric: { text: 'Must include alpha and numeric characters', fraction: 0.5 },
        UpperLowerCaseNumeric: { text: 'Must include numbers and uppercase and lowercase letters', fraction: 0.5 },
        SpecialCharacters: { text: 'Must include alpha, numeric, and special characters', fraction: 1 },
        UpperLowerCaseNumericSpecialCharacters: {
          text: 'Must include numbers, uppercase and lowercase letters, and special characters',
          fraction: 1,
        },
        Any3UpperLowerCaseNumericSpecialCharacters: {
          text: 'Must include 3 of: numbers, uppercase letters, lowercase letters, special characters',
          fraction: 1,
        },
      },
    }),
  remediation: {
    summary: 'Require alphabetic, numeric and special characters in passwords.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "Password complexity requirement" to "Must include alpha, numeric, and special characters" or stricter', page, 'complexity'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const passwordExpiration = defineSalesforceControl({
  id: 'SF.PWD.3v1',
  title: 'Passwords expire within 90 days',
  description:
    'User passwords expire in 90 days or less. 180 days earns half credit; one year or never none. Organisations ' +
    'that follow NIST SP 800-63B (no periodic expiry, with MFA and breached-password screening) can record an exception.',
  rationale:
    'A password that never expires stays valid for as long as an attacker holds it: credentials leaked in a ' +
    'third-party breach or phished years ago keep working until someone notices.',
  severity: 'medium',
  weight: 4,
  metric: 'password-policy',
  requirement: 'should',
  frameworks: {
    healthCheck: 'User passwords expire in',
    microsoftSecureScore: 'User passwords expire in 90 days or less',
    nist80053: ['IA-5(1)'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    enumSetting({
      label: 'User passwords expire in',
      raw: securitySettings.passwordPolicies.expiration,
      expected: '90 days or less',
      risk: 'a stolen password stays usable for longer',
      options: {
        ThirtyDays: { text: '30 days', fraction: 1 },
        SixtyDays: { text: '60 days', fraction: 1 },
        NinetyDays: { text: '90 days', fraction: 1 },
        SixMonths: { text: '180 days', fraction: 0.5 },
        OneYear: { text: 'One year', fraction: 0 },
        Never: { text: 'Never expires', fraction: 0 },
      },
    }),
  remediation: {
    summary: 'Make user passwords expire in 90 days or less.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "User passwords expire in" to 90 days or less', page, 'expiration'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const passwordHistory = defineSalesforceControl({
  id: 'SF.PWD.4v1',
  title: 'The last 5 passwords cannot be reused',
  description:
    'Password history remembers at least 5 previous passwords. 3–4 earns half credit; 0–2 none.',
  rationale:
    'Without history users reset an expired or compromised password straight back to the old one, so the ' +
    'password an attacker already knows keeps working after a forced reset.',
  severity: 'medium',
  weight: 4,
  metric: 'password-policy',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enforce password history',
    microsoftSecureScore: 'Enforce password history',
    nist80053: ['IA-5(1)'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) => {
    const label = 'Enforce password history';
    const raw = securitySettings.passwordPolicies.historyRestriction;
    if (typeof raw === 'string') {
      return unknown(
        `Salesforce reported "${label}" as "${raw}", a value Posture Lens does not recognise, so it cannot judge it.`,
        { actual: raw, expected: '5 or more passwords remembered' },
      );
    }
    return tiered(
      label,
      raw,
      (n) => (n === 0 ? 'No passwords remembered' : `${n} password${n === 1 ? '' : 's'} remembered`),
      '5 or more passwords remembered',
      5,
      3,
      'users can cycle back to a password that may already be compromised',
    );
  },
  remediation: {
    summary: 'Remember at least 5 previous passwords.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "Enforce password history" to 5 passwords remembered or more', page, 'historyRestriction'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const maximumLoginAttempts = defineSalesforceControl({
  id: 'SF.PWD.5v1',
  title: 'Accounts lock after 3 invalid login attempts',
  description:
    'Users are locked out after 3 invalid login attempts. 5 attempts earns half credit; 10 or no limit none.',
  rationale:
    'Every allowed attempt is another password guess. With no limit an attacker can brute-force or spray ' +
    'passwords against any user indefinitely; a low limit stops online guessing after a few tries.',
  severity: 'high',
  weight: 7,
  metric: 'password-policy',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Maximum invalid login attempts',
    microsoftSecureScore: 'Maximum invalid login attempts',
    nist80053: ['AC-7'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    enumSetting({
      label: 'Maximum invalid login attempts',
      raw: securitySettings.passwordPolicies.maxLoginAttempts,
      expected: '3 attempts',
      risk: 'attackers get more password guesses before the account locks',
      options: {
        ThreeAttempts: { text: '3 attempts', fraction: 1 },
        FiveAttempts: { text: '5 attempts', fraction: 0.5 },
        TenAttempts: { text: '10 attempts', fraction: 0 },
        NoLimit: { text: 'No limit', fraction: 0 },
      },
    }),
  remediation: {
    summary: 'Lock accounts after 3 invalid login attempts.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "Maximum invalid login attempts" to 3', page, 'maxLoginAttempts'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const lockoutPeriod = defineSalesforceControl({
  id: 'SF.PWD.6v1',
  title: 'Locked-out accounts stay locked for at least 30 minutes',
  description:
    'The lockout effective period is 30 minutes, 60 minutes or until an admin resets it. 15 minutes earns half credit.',
  rationale:
    'A short lockout only slows a password-guessing attacker down: with 15 minutes an automated tool simply ' +
    'waits and tries again, hundreds of guesses a day per user.',
  severity: 'medium',
  weight: 4,
  metric: 'password-policy',
  requirement: 'should',
  frameworks: { healthCheck: 'Lockout effective period', nist80053: ['AC-7'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    enumSetting({
      label: 'Lockout effective period',
      raw: securitySettings.passwordPolicies.lockoutInterval,
      expected: '30 minutes or longer',
      risk: 'automated guessing resumes soon after each lockout',
      options: {
        FifteenMinutes: { text: '15 minutes', fraction: 0.5 },
        ThirtyMinutes: { text: '30 minutes', fraction: 1 },
        SixtyMinutes: { text: '60 minutes', fraction: 1 },
        Forever: { text: 'Forever (must be reset by an admin)', fraction: 1 },
      },
    }),
  remediation: {
    summary: 'Keep locked-out accounts locked for 30 minutes or more.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "Lockout effective period" to 30 minutes, 60 minutes or Forever', page, 'lockoutInterval'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const minimumPasswordLifetime = defineSalesforceControl({
  id: 'SF.PWD.7v1',
  title: 'Passwords can be changed at most once a day',
  description: '"Require a minimum 1 day password lifetime" is enabled, so a password cannot be changed twice within 24 hours.',
  rationale:
    'Without a minimum lifetime a user (or an attacker holding the account) can change the password several ' +
    'times in a row to flush the password history and return to an old, known password.',
  severity: 'medium',
  weight: 4,
  metric: 'password-policy',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Require a minimum 1 day password lifetime',
    microsoftSecureScore: 'Require a minimum 1 day password lifetime',
    nist80053: ['IA-5(1)'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    booleanSetting({
      label: 'Require a minimum 1 day password lifetime',
      value: securitySettings.passwordPolicies.minimumPasswordLifetime,
      secureWhen: true,
      risk: 'password history can be flushed by changing the password several times in a row',
    }),
  remediation: {
    summary: 'Require a minimum 1 day password lifetime.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Select "Require a minimum 1 day password lifetime"', page, 'minimumPasswordLifetime'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const obscureSecretAnswer = defineSalesforceControl({
  id: 'SF.PWD.8v1',
  title: 'Security question answers are hidden while typed',
  description: '"Obscure secret answer for password resets" is enabled, so the answer is masked as the user types it.',
  rationale:
    'A visible answer can be read over the shoulder or from a screen recording, and the answer is what lets ' +
    'someone reset the password.',
  severity: 'low',
  weight: 2,
  metric: 'password-policy',
  requirement: 'should',
  frameworks: {
    healthCheck: 'Obscure secret answer for password resets',
    microsoftSecureScore: 'Obscure secret answer for password resets',
    nist80053: ['IA-6'],
  },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    booleanSetting({
      label: 'Obscure secret answer for password resets',
      value: securitySettings.passwordPolicies.obscureSecretAnswer,
      secureWhen: true,
      risk: 'the answer that unlocks a password reset is shown on screen as it is typed',
    }),
  remediation: {
    summary: 'Hide security question answers as users type them.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Select "Obscure secret answer for password resets"', page, 'obscureSecretAnswer'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const passwordQuestion = defineSalesforceControl({
  id: 'SF.PWD.9v1',
  title: 'The password hint answer cannot contain the password',
  description: '"Password question requirement" is set to "Cannot contain password".',
  rationale:
    'If the security answer may contain the password, anyone who sees or guesses the answer learns the ' +
    'password itself.',
  severity: 'low',
  weight: 2,
  metric: 'password-policy',
  requirement: 'should',
  frameworks: { healthCheck: 'Password question requirement', nist80053: ['IA-5(1)'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    enumSetting({
      label: 'Password question requirement',
      raw: securitySettings.passwordPolicies.questionRestriction,
      expected: 'Cannot contain password',
      risk: 'the security answer may reveal the password itself',
      options: {
        None: { text: 'None', fraction: 0 },
        DoesNotContainPassword: { text: 'Cannot contain password', fraction: 1 },
      },
    }),
  remediation: {
    summary: 'Forbid security answers that contain the password.',
    steps: [
      step('Open Setup → Password Policies', page),
      step('Set "Password question requirement" to "Cannot contain password"', page, 'questionRestriction'),
      saveAndVerify(page),
    ],
    references: [references.passwordPolicies, references.securitySettings],
  },
});

export const passwordPolicyControls: Control[] = [
  minimumPasswordLength,
  passwordComplexity,
  passwordExpiration,
  passwordHistory,
  maximumLoginAttempts,
  lockoutPeriod,
  minimumPasswordLifetime,
  obscureSecretAnswer,
  passwordQuestion,
];
