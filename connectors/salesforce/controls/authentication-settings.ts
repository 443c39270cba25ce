import { compliant, nonCompliant, notApplicable, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import { notReported, references, saveAndVerify, settingFlagControl, step } from './health-check';

/*
 * Org-wide authentication settings in SecuritySettings: MFA for direct logins, identity verification, and
 * whether SAML single sign-on is the only way in. Per-user MFA coverage (who has a verified method, who has a
 * waiver) is checked by the privileged-access controls from the user queries, not here.
 */

const refs = [references.securitySettings, references.sessionSettings];

export const mfaForDirectLogins = settingFlagControl({
  id: 'SF.AUTH.1v1',
  title: 'MFA is required for every direct login to the Salesforce UI',
  description:
    'The org-wide setting "Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce ' +
    'org" is on. Users with the "Waive Multi-Factor Authentication for Exempt Users" permission are still exempt.',
  rationale:
    'Phished, reused and sprayed passwords are the most common way into SaaS tenants. With MFA required, a ' +
    'stolen username and password alone no longer opens a session.',
  severity: 'critical',
  weight: 9,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: { nist80053: ['IA-2(1)', 'IA-2(2)'], initiatives: ['zero-trust', 'ransomware', 'business-email-compromise'] },
  label: 'Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org',
  read: (settings) => settings.sessionSettings.enableMFADirectUILoginOptIn,
  secureWhen: true,
  risk: 'users without the per-user MFA permission can log in with a password alone',
  page: 'identityVerification',
  anchor: 'enableMFADirectUILoginOptIn',
  summary: 'Require MFA for all direct UI logins, after users have registered a verification method.',
  action:
    'Select "Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org" ' +
    '(check the Multi-Factor Authentication Assistant for users not yet registered first)',
  references: refs,
});

export const identityVerificationOnMfaRegistration = settingFlagControl({
  id: 'SF.AUTH.2v1',
  title: 'Registering an MFA method requires identity verification',
  description:
    '"Require identity verification during multi-factor authentication (MFA) registration" is on: users confirm ' +
    'their identity before adding a verification method such as Salesforce Authenticator.',
  rationale:
    'Without this, anyone holding a user’s session (a hijacked cookie, an unlocked laptop) can register their ' +
    'own authenticator and keep passing MFA after the password is changed.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Require identity verification during multi-factor authentication (MFA) registration',
    microsoftSecureScore: 'Require identity verification during MFA registration',
    nist80053: ['IA-5'],
  },
  label: 'Require identity verification during multi-factor authentication (MFA) registration',
  read: (settings) => settings.sessionSettings.identityConfirmationOnTwoFactorRegistrationEnabled,
  secureWhen: true,
  risk: 'someone with a hijacked session can register their own MFA method',
  page: 'identityVerification',
  anchor: 'identityConfirmationOnTwoFactorRegistrationEnabled',
  summary: 'Require identity verification when users register an MFA method.',
  action: 'Select "Require identity verification during multi-factor authentication (MFA) registration"',
  references: refs,
});

export const smsIdentityVerification = settingFlagControl({
  id: 'SF.AUTH.3v1',
  title: 'Users can verify their identity by text message',
  description:
    '"Let users verify their identity by text (SMS)" is on, so identity verification can use a code sent to a ' +
    'verified mobile number instead of falling back to email.',
  rationale:
    'When SMS is not allowed, identity challenges (new device, unusual location) fall back to an email code. ' +
    'A compromised mailbox, the usual outcome of phishing, then also passes the Salesforce challenge.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'should',
  frameworks: {
    healthCheck: 'Let users verify their identity by text (SMS)',
    microsoftSecureScore: 'Let users verify their identity by text (SMS)',
    nist80053: ['IA-5'],
  },
  label: 'Let users verify their identity by text (SMS)',
  read: (settings) => settings.sessionSettings.enableSMSIdentity,
  secureWhen: true,
  risk: 'identity challenges fall back to email codes that a compromised mailbox can answer',
  page: 'identityVerification',
  anchor: 'enableSMSIdentity',
  summary: 'Let users verify their identity by text message.',
  action: 'Select "Let users verify their identity by text (SMS)"',
  references: refs,
});

export const identityVerificationOnEmailChange = settingFlagControl({
  id: 'SF.AUTH.4v1',
  title: 'Changing a user’s email address requires identity verification',
  description: '"Require identity verification for email address changes" is on.',
  rationale:
    'The email address is where password resets and verification codes go. An attacker with a hijacked session ' +
    'who can change it silently takes the account over for good.',
  severity: 'medium',
  weight: 4,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: { healthCheck: 'Require identity verification for email address changes', nist80053: ['IA-5', 'IA-12'] },
  label: 'Require identity verification for email address changes',
  read: (settings) => settings.sessionSettings.identityConfirmationOnEmailChange,
  secureWhen: true,
  risk: 'a hijacked session can redirect password resets to an attacker’s mailbox',
  page: 'identityVerification',
  anchor: 'identityConfirmationOnEmailChange',
  summary: 'Require identity verification when users change their email address.',
  action: 'Select "Require identity verification for email address changes"',
  references: refs,
});

const samlLabel = 'SAML Enabled';
const credentialsLabel = 'Disable login with Salesforce credentials';

export const ssoOnlyLogin = defineSalesforceControl({
  id: 'SF.AUTH.5v1',
  title: 'Users who sign in with SAML cannot bypass it with a Salesforce password',
  description:
    'When SAML single sign-on is enabled, "Disable login with Salesforce credentials" is on, so users are sent to ' +
    'the identity provider instead of typing a Salesforce password. Not applicable when SAML is off.',
  rationale:
    'If Salesforce passwords still work next to SSO, the identity provider’s MFA, conditional access and ' +
    'offboarding can be bypassed: a leaked Salesforce password, or a leaver whose IdP account was disabled, still logs in.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2', 'AC-2'], initiatives: ['zero-trust'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) => {
    const { enableSamlLogin, isLoginWithSalesforceCredentialsDisabled } = securitySettings.singleSignOnSettings;
    const expected = 'Disabled for SAML users';
    if (enableSamlLogin === undefined) return notReported(samlLabel);
    if (!enableSamlLogin) return notApplicable('SAML single sign-on is not enabled, so there is no identity provider to enforce.');
    if (isLoginWithSalesforceCredentialsDisabled === undefined) return notReported(credentialsLabel, expected);
    return isLoginWithSalesforceCredentialsDisabled
      ? compliant({
          actual: 'Disabled',
          expected,
          reason: 'SAML is enabled and login with Salesforce credentials is disabled.',
        })
      : nonCompliant({
          actual: 'Allowed',
          expected,
          reason:
            'SAML is enabled but login with Salesforce credentials is still allowed, so a Salesforce password bypasses the identity provider.',
        });
  },
  remediation: {
    summary: 'Disable login with Salesforce credentials once every user can sign in through the identity provider.',
    steps: [
      step('Open Setup → Single Sign-On Settings', 'singleSignOn'),
      step(`Select "${credentialsLabel}" (keep a break-glass admin able to log in)`, 'singleSignOn', 'isLoginWithSalesforceCredentialsDisabled'),
      saveAndVerify('singleSignOn'),
    ],
    references: [references.securitySettings],
  },
});

export const authenticationSettingControls: Control[] = [
  mfaForDirectLogins,
  identityVerificationOnMfaRegistration,
  smsIdentityVerification,
  identityVerificationOnEmailChange,
  ssoOnlyLogin,
];
