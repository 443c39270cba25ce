import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateControl } from '@/utils/evaluate';
import type { SecuritySettings } from '../model';
import {
  compliantSecuritySettings,
  parsedSecuritySettings,
  parseSecuritySettingsXml,
  securitySettingsWith,
  securitySettingsXml,
} from '../fixtures/security-settings';
import {
  lockoutPeriod,
  maximumLoginAttempts,
  minimumPasswordLength,
  minimumPasswordLifetime,
  obscureSecretAnswer,
  passwordComplexity,
  passwordExpiration,
  passwordHistory,
  passwordPolicyControls,
  passwordQuestion,
} from './password-policy';

const run = (control: Control, settings: SecuritySettings | Record<string, unknown>) =>
  evaluateControl(control, parsedSecuritySettings(settings));
const runWith = (control: Control, change: (settings: SecuritySettings) => void) =>
  run(control, securitySettingsWith(change));

/** The field each control reads, removed to prove a missing value is unknown. */
const removeField: Record<string, (settings: SecuritySettings) => void> = {
  'SF.PWD.1v1': (s) => delete s.passwordPolicies.minimumPasswordLength,
  'SF.PWD.2v1': (s) => delete s.passwordPolicies.complexity,
  'SF.PWD.3v1': (s) => delete s.passwordPolicies.expiration,
  'SF.PWD.4v1': (s) => delete s.passwordPolicies.historyRestriction,
  'SF.PWD.5v1': (s) => delete s.passwordPolicies.maxLoginAttempts,
  'SF.PWD.6v1': (s) => delete s.passwordPolicies.lockoutInterval,
  'SF.PWD.7v1': (s) => delete s.passwordPolicies.minimumPasswordLifetime,
  'SF.PWD.8v1': (s) => delete s.passwordPolicies.obscureSecretAnswer,
  'SF.PWD.9v1': (s) => delete s.passwordPolicies.questionRestriction,
};

/** The weakest value of each control's field: non-compliant. */
const weaken: Record<string, (settings: SecuritySettings) => void> = {
  'SF.PWD.1v1': (s) => (s.passwordPolicies.minimumPasswordLength = 5),
  'SF.PWD.2v1': (s) => (s.passwordPolicies.complexity = 'NoRestriction'),
  'SF.PWD.3v1': (s) => (s.passwordPolicies.expiration = 'Never'),
  'SF.PWD.4v1': (s) => (s.passwordPolicies.historyRestriction = 0),
  'SF.PWD.5v1': (s) => (s.passwordPolicies.maxLoginAttempts = 'NoLimit'),
  'SF.PWD.6v1': () => undefined, // no value of lockoutInterval is fully non-compliant; see the specific tests
  'SF.PWD.7v1': (s) => (s.passwordPolicies.minimumPasswordLifetime = false),
  'SF.PWD.8v1': (s) => (s.passwordPolicies.obscureSecretAnswer = false),
  'SF.PWD.9v1': (s) => (s.passwordPolicies.questionRestriction = 'None'),
};

describe('password policy catalog', () => {
  it('has one table row per control', () => {
    expect(Object.keys(removeField).sort()).toEqual(passwordPolicyControls.map((c) => c.id).sort());
  });

  describe.each(passwordPolicyControls.map((control) => [control.id, control] as const))('%s', (_id, control) => {
    it('is compliant on the compliant fixture, read from raw XML', () => {
      const verdict = run(control, compliantSecuritySettings());
      expect(verdict.status).toBe('compliant');
      expect(verdict.fraction).toBe(1);
      expect(verdict.actual).toBeTruthy();
      expect(verdict.expected).toBeTruthy();
    });

    it('is unknown, never compliant, when Salesforce leaves the field out', () => {
      const verdict = runWith(control, removeField[control.id]!);
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toMatch(/^Salesforce did not report ".+"\.$/);
    });

    it('is an error when the SOAP response is malformed XML', () => {
      expect(evaluateControl(control, parseSecuritySettingsXml('<bad')).status).toBe('error');
    });

    it('is an error when the passwordPolicies element is missing', () => {
      const { passwordPolicies: _dropped, ...rest } = compliantSecuritySettings();
      const verdict = run(control, rest);
      expect(verdict.status).toBe('error');
      expect(verdict.reason).toContain('passwordPolicies');
    });

    it('is an error when a password field has the wrong type', () => {
      const settings = compliantSecuritySettings() as unknown as Record<string, Record<string, unknown>>;
      settings.passwordPolicies!.minimumPasswordLength = 'twelve';
      expect(run(control, settings).status).toBe('error');
    });

    if (control.id !== 'SF.PWD.6v1') {
      it('is non-compliant at the weakest value and says so', () => {
        const verdict = runWith(control, weaken[control.id]!);
        expect(verdict.status).toBe('non_compliant');
        expect(verdict.fraction).toBe(0);
        expect(verdict.reason.toLowerCase()).toContain(String(verdict.actual).toLowerCase());
      });
    }

    it('reads only SecuritySettings', () => {
      expect(control.sources).toEqual(['securitySettings']);
    });
  });
});

describe('SF.PWD.1v1 minimum password length', () => {
  it('passes at 12 and at 16', () => {
    expect(runWith(minimumPasswordLength, (s) => (s.passwordPolicies.minimumPasswordLength = 16)).status).toBe('compliant');
    const verdict = run(minimumPasswordLength, compliantSecuritySettings());
    expect(verdict.actual).toBe('12 characters');
    expect(verdict.expected).toBe('12 or more characters');
  });

  it('gives half credit at 8 and names the value', () => {
    const verdict = runWith(minimumPasswordLength, (s) => (s.passwordPolicies.minimumPasswordLength = 8));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5, actual: '8 characters' });
    expect(verdict.reason).toBe('"Minimum password length" is 8 characters, so short passwords are easier to guess or crack.');
  });

  it('gives half credit at 11, none at 7', () => {
    expect(runWith(minimumPasswordLength, (s) => (s.passwordPolicies.minimumPasswordLength = 11)).fraction).toBe(0.5);
    const verdict = runWith(minimumPasswordLength, (s) => (s.passwordPolicies.minimumPasswordLength = 7));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('7 characters');
  });

  it.each([2_147_483_648, 2 ** 53 + 2, '2147483648', -1, 12.5])('is an error, never compliant, at %j, which no xsd:int length is', (length) => {
    const verdict = runWith(minimumPasswordLength, (s) => ((s.passwordPolicies as Record<string, unknown>).minimumPasswordLength = length));
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('minimumPasswordLength');
  });
});

describe('SF.PWD.2v1 complexity', () => {
  it.each([
    ['SpecialCharacters', 'compliant', 1],
    ['UpperLowerCaseNumericSpecialCharacters', 'compliant', 1],
    ['Any3UpperLowerCaseNumericSpecialCharacters', 'compliant', 1],
    ['AlphaNumeric', 'partial', 0.5],
    ['UpperLowerCaseNumeric', 'partial', 0.5],
    ['NoRestriction', 'non_compliant', 0],
  ])('%s → %s', (value, status, fraction) => {
    const verdict = runWith(passwordComplexity, (s) => (s.passwordPolicies.complexity = value));
    expect(verdict.status).toBe(status);
    expect(verdict.fraction).toBe(fraction);
  });

  it('describes AlphaNumeric in Setup words', () => {
    const verdict = runWith(passwordComplexity, (s) => (s.passwordPolicies.complexity = 'AlphaNumeric'));
    expect(verdict.actual).toBe('Must include alpha and numeric characters');
    expect(verdict.reason).toContain('Must include alpha and numeric characters');
  });

  it('fails closed on an enum value it does not know, quoting it', () => {
    const verdict = runWith(passwordComplexity, (s) => (s.passwordPolicies.complexity = 'QuantumResistant'));
    expect(verdict.status).toBe('unknown');
    expect(verdict.actual).toBe('QuantumResistant');
    expect(verdict.reason).toContain('"QuantumResistant"');
  });

  it('does not treat inherited object keys as enum values', () => {
    expect(runWith(passwordComplexity, (s) => (s.passwordPolicies.complexity = 'constructor')).status).toBe('unknown');
  });
});

describe('SF.PWD.3v1 expiration', () => {
  it.each([
    ['ThirtyDays', 'compliant'],
    ['SixtyDays', 'compliant'],
    ['NinetyDays', 'compliant'],
    ['SixMonths', 'partial'],
    ['OneYear', 'non_compliant'],
    ['Never', 'non_compliant'],
  ])('%s → %s', (value, status) => {
    expect(runWith(passwordExpiration, (s) => (s.passwordPolicies.expiration = value)).status).toBe(status);
  });

  it('says "Never expires" in words', () => {
    const verdict = runWith(passwordExpiration, (s) => (s.passwordPolicies.expiration = 'Never'));
    expect(verdict.actual).toBe('Never expires');
    expect(verdict.expected).toBe('90 days or less');
    expect(verdict.reason).toContain('"User passwords expire in" is Never expires');
  });

  it('is unknown for an unrecognised value', () => {
    const verdict = runWith(passwordExpiration, (s) => (s.passwordPolicies.expiration = 'FortnightDays'));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('FortnightDays');
  });
});

describe('SF.PWD.4v1 password history', () => {
  it('passes at 5 and 24', () => {
    expect(run(passwordHistory, compliantSecuritySettings()).actual).toBe('5 passwords remembered');
    expect(runWith(passwordHistory, (s) => (s.passwordPolicies.historyRestriction = 24)).status).toBe('compliant');
  });

  it('gives half credit at 3 (the Salesforce default)', () => {
    const verdict = runWith(passwordHistory, (s) => (s.passwordPolicies.historyRestriction = 3));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5, actual: '3 passwords remembered' });
  });

  it('fails at 0 with "No passwords remembered"', () => {
    const verdict = runWith(passwordHistory, (s) => (s.passwordPolicies.historyRestriction = 0));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('No passwords remembered');
  });

  it('is unknown for a non-numeric value, quoting it', () => {
    const verdict = runWith(passwordHistory, (s) => (s.passwordPolicies.historyRestriction = 'NoRestriction'));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('"NoRestriction"');
  });
});

describe('SF.PWD.5v1 maximum invalid login attempts', () => {
  it.each([
    ['ThreeAttempts', 'compliant', '3 attempts'],
    ['FiveAttempts', 'partial', '5 attempts'],
    ['TenAttempts', 'non_compliant', '10 attempts'],
    ['NoLimit', 'non_compliant', 'No limit'],
  ])('%s → %s', (value, status, actual) => {
    const verdict = runWith(maximumLoginAttempts, (s) => (s.passwordPolicies.maxLoginAttempts = value));
    expect(verdict.status).toBe(status);
    expect(verdict.actual).toBe(actual);
  });
});

describe('SF.PWD.6v1 lockout period', () => {
  it.each([
    ['FifteenMinutes', 'partial'],
    ['ThirtyMinutes', 'compliant'],
    ['SixtyMinutes', 'compliant'],
    ['Forever', 'compliant'],
  ])('%s → %s', (value, status) => {
    expect(runWith(lockoutPeriod, (s) => (s.passwordPolicies.lockoutInterval = value)).status).toBe(status);
  });

  it('names 15 minutes in the reason', () => {
    const verdict = runWith(lockoutPeriod, (s) => (s.passwordPolicies.lockoutInterval = 'FifteenMinutes'));
    expect(verdict.reason).toContain('15 minutes');
  });
});

describe('checkbox password settings', () => {
  it('SF.PWD.7v1 fails when the minimum lifetime is off', () => {
    const verdict = runWith(minimumPasswordLifetime, (s) => (s.passwordPolicies.minimumPasswordLifetime = false));
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Disabled', expected: 'Enabled' });
    expect(verdict.reason).toMatch(/^"Require a minimum 1 day password lifetime" is disabled, so /);
  });

  it('SF.PWD.8v1 passes when answers are obscured', () => {
    expect(run(obscureSecretAnswer, compliantSecuritySettings()).reason).toBe(
      '"Obscure secret answer for password resets" is enabled.',
    );
  });

  it('SF.PWD.9v1 reads the question restriction', () => {
    expect(run(passwordQuestion, compliantSecuritySettings()).actual).toBe('Cannot contain password');
    expect(runWith(passwordQuestion, (s) => (s.passwordPolicies.questionRestriction = 'None')).actual).toBe('None');
  });

  it('reads XML booleans written as text', () => {
    const xml = securitySettingsXml(securitySettingsWith((s) => (s.passwordPolicies.obscureSecretAnswer = false)));
    expect(xml).toContain('<obscureSecretAnswer>false</obscureSecretAnswer>');
    expect(evaluateControl(obscureSecretAnswer, parseSecuritySettingsXml(xml)).status).toBe('non_compliant');
  });
});
