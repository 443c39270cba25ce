import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateControl } from '@/utils/evaluate';
import type { SecuritySettings } from '../model';
import {
  compliantSecuritySettings,
  parsedSecuritySettings,
  parseSecuritySettingsXml,
  securitySettingsWith,
} from '../fixtures/security-settings';
import {
  authenticationSettingControls,
  identityVerificationOnMfaRegistration,
  mfaForDirectLogins,
  smsIdentityVerification,
  ssoOnlyLogin,
} from './authentication-settings';

const run = (control: Control, settings: SecuritySettings | Record<string, unknown>) =>
  evaluateControl(control, parsedSecuritySettings(settings));
const runWith = (control: Control, change: (settings: SecuritySettings) => void) =>
  run(control, securitySettingsWith(change));

type Session = SecuritySettings['sessionSettings'];
const flags: Record<string, keyof Session & string> = {
  'SF.AUTH.1v1': 'enableMFADirectUILoginOptIn',
  'SF.AUTH.2v1': 'identityConfirmationOnTwoFactorRegistrationEnabled',
  'SF.AUTH.3v1': 'enableSMSIdentity',
  'SF.AUTH.4v1': 'identityConfirmationOnEmailChange',
};

describe('authentication settings catalog', () => {
  it('covers every control (four checkboxes and the SAML rule)', () => {
    expect([...Object.keys(flags), 'SF.AUTH.5v1'].sort()).toEqual(authenticationSettingControls.map((c) => c.id).sort());
  });

  describe.each(authenticationSettingControls.map((control) => [control.id, control] as const))('%s', (_id, control) => {
    it('is compliant on the compliant fixture', () => {
      expect(run(control, compliantSecuritySettings())).toMatchObject({ status: 'compliant', fraction: 1 });
    });

    it('is an error on malformed XML', () => {
      const verdict = evaluateControl(control, parseSecuritySettingsXml('<bad'));
      expect(verdict.status).toBe('error');
      expect(verdict.reason).toContain('cannot read');
    });

    it('is an error when the snapshot has no SecuritySettings at all', () => {
      const verdict = evaluateControl(control, {});
      expect(verdict.status).toBe('error');
    });

    const field = flags[control.id];
    if (field) {
      it(`is non-compliant when ${field} is false`, () => {
        const verdict = runWith(control, (s) => ((s.sessionSettings as Record<string, unknown>)[field] = false));
        expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Disabled', expected: 'Enabled' });
        expect(verdict.reason).toMatch(/" is disabled, so /);
      });

      it(`is unknown when ${field} is missing`, () => {
        const verdict = runWith(control, (s) => delete (s.sessionSettings as Record<string, unknown>)[field]);
        expect(verdict.status).toBe('unknown');
        expect(verdict.reason).toMatch(/^Salesforce did not report ".+"\.$/);
      });
    }
  });
});

describe('SF.AUTH.1v1 MFA for direct UI logins', () => {
  it('is critical, weighs 9 and names the org-wide setting when it is off', () => {
    expect(mfaForDirectLogins).toMatchObject({ severity: 'critical', weight: 9, metric: 'authentication' });
    const verdict = runWith(mfaForDirectLogins, (s) => (s.sessionSettings.enableMFADirectUILoginOptIn = false));
    expect(verdict.reason).toBe(
      '"Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org" is disabled, so users without the per-user MFA permission can log in with a password alone.',
    );
  });
});

describe('identity verification', () => {
  it('SF.AUTH.2v1 is fixed on the Identity Verification page', () => {
    expect(identityVerificationOnMfaRegistration.remediation.steps[1]).toMatchObject({
      page: 'identityVerification',
      anchor: 'identityConfirmationOnTwoFactorRegistrationEnabled',
    });
  });

  it('SF.AUTH.3v1 explains the email fallback when SMS is off', () => {
    const verdict = runWith(smsIdentityVerification, (s) => (s.sessionSettings.enableSMSIdentity = false));
    expect(verdict.reason).toContain('fall back to email codes');
  });
});

describe('SF.AUTH.5v1 SAML-only login', () => {
  const sso = (saml: boolean | undefined, disabled: boolean | undefined) =>
    runWith(ssoOnlyLogin, (s) => {
      s.singleSignOnSettings = { enableSamlLogin: saml, isLoginWithSalesforceCredentialsDisabled: disabled };
      if (saml === undefined) delete s.singleSignOnSettings.enableSamlLogin;
      if (disabled === undefined) delete s.singleSignOnSettings.isLoginWithSalesforceCredentialsDisabled;
    });

  it('is compliant when SAML is on and Salesforce credentials are disabled', () => {
    expect(sso(true, true)).toMatchObject({ status: 'compliant', actual: 'Disabled' });
  });

  it('is non-compliant when SAML is on but passwords still work', () => {
    const verdict = sso(true, false);
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Allowed', expected: 'Disabled for SAML users' });
    expect(verdict.reason).toContain('a Salesforce password bypasses the identity provider');
  });

  it('is not applicable when SAML is off, whatever the credentials setting', () => {
    expect(sso(false, false).status).toBe('not_applicable');
    expect(sso(false, undefined).status).toBe('not_applicable');
  });

  it('is unknown when SAML is on but the credentials setting is missing', () => {
    const verdict = sso(true, undefined);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('Salesforce did not report "Disable login with Salesforce credentials".');
  });

  it('is unknown when the singleSignOnSettings element is missing altogether', () => {
    const { singleSignOnSettings: _dropped, ...rest } = compliantSecuritySettings();
    const verdict = run(ssoOnlyLogin, rest);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('Salesforce did not report "SAML Enabled".');
  });
});
