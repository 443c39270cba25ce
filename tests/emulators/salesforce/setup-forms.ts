/**
 * The form rows of the editable Setup pages (labels as Salesforce shows them), by Lightning route key.
 * `path` points into SecuritySettings (`['sessionSettings', 'lockSessionsToIp']`, top-level `['isTLSv12Required']`)
 * or, with `@connectedApp`, into ConnectedAppSettings. An `invert`ed checkbox is checked when the setting is false.
 */
export type FormRow =
  | { label: string; path: [string, string] | [string]; type: 'checkbox'; invert?: boolean }
  | { label: string; path: [string, string] | [string]; type: 'select'; options: Array<[string, string]>; numeric?: boolean };

export interface FormSection {
  heading: string;
  rows: FormRow[];
}

const numbers = (from: number, to: number, label: (n: number) => string): Array<[string, string]> =>
  Array.from({ length: to - from + 1 }, (_, index) => [String(from + index), label(from + index)]);

const pw = (key: string): [string, string] => ['passwordPolicies', key];
const ss = (key: string): [string, string] => ['sessionSettings', key];
const sso = (key: string): [string, string] => ['singleSignOnSettings', key];
const check = (label: string, path: [string, string] | [string]): FormRow => ({ label, path, type: 'checkbox' });

export const settingsForms: Record<string, FormSection[]> = {
  SecurityPolicies: [
    {
      heading: 'Password Policies',
      rows: [
        { label: 'User passwords expire in', path: pw('expiration'), type: 'select', options: [['ThirtyDays', '30 days'], ['SixtyDays', '60 days'], ['NinetyDays', '90 days'], ['SixMonths', '180 days'], ['OneYear', 'One year'], ['Never', 'Never expires']] },
        { label: 'Enforce password history', path: pw('historyRestriction'), type: 'select', numeric: true, options: numbers(0, 24, (n) => (n ? `${n} passwords remembered` : 'No passwords remembered')) },
        { label: 'Minimum password length', path: pw('minimumPasswordLength'), type: 'select', numeric: true, options: numbers(5, 50, String) },
        { label: 'Password complexity requirement', path: pw('complexity'), type: 'select', options: [['NoRestriction', 'No restriction'], ['AlphaNumeric', 'Must include alpha and numeric characters'], ['SpecialCharacters', 'Must include alpha, numeric, and special characters'], ['UpperLowerCaseNumeric', 'Must include numbers and uppercase and lowercase letters'], ['UpperLowerCaseNumericSpecialCharacters', 'Must include numbers, uppercase and lowercase letters, and special characters'], ['Any3UpperLowerCaseNumericSpecialCharacters', 'Must include 3 of the following: numbers, uppercase letters, lowercase letters, special characters']] },
        { label: 'Password question requirement', path: pw('questionRestriction'), type: 'select', options: [['None', 'None'], ['DoesNotContainPassword', 'Cannot contain password']] },
        { label: 'Maximum invalid login attempts', path: pw('maxLoginAttempts'), type: 'select', options: [['ThreeAttempts', '3'], ['FiveAttempts', '5'], ['TenAttempts', '10'], ['NoLimit', 'No limit']] },
        { label: 'Lockout effective period', path: pw('lockoutInterval'), type: 'select', options: [['FifteenMinutes', '15 minutes'], ['ThirtyMinutes', '30 minutes'], ['SixtyMinutes', '60 minutes'], ['Forever', 'Forever (must be reset by admin)']] },
        check('Obscure secret answer for password resets', pw('obscureSecretAnswer')),
        check('Require a minimum 1 day password lifetime', pw('minimumPasswordLifetime')),
      ],
    },
  ],
  SecuritySession: [
    {
      heading: 'Session Timeout',
      rows: [
        { label: 'Timeout value', path: ss('sessionTimeout'), type: 'select', options: [['FifteenMinutes', '15 minutes'], ['ThirtyMinutes', '30 minutes'], ['SixtyMinutes', '1 hour'], ['TwoHours', '2 hours'], ['FourHours', '4 hours'], ['EightHours', '8 hours'], ['TwelveHours', '12 hours'], ['TwentyFourHours', '24 hours']] },
        check('Disable session timeout warning popup', ss('disableTimeoutWarning')),
        check('Force logout on session timeout', ss('forceLogoutOnSessionTimeout')),
      ],
    },
    {
      heading: 'Session Settings',
      rows: [
        check('Lock sessions to the IP address from which they originated', ss('lockSessionsToIp')),
        check('Lock sessions to the domain in which they were first used', ss('lockSessionsToDomain')),
        check("Terminate all of a user's sessions when an admin resets that user's password", ss('terminateUserSessionsWhenAdminResetsPassword')),
        check('Require secure connections (HTTPS)', ['enableRequireHttpsConnection']),
        check('Require TLS 1.2 for HTTPS connections', ['isTLSv12Required']),
        check('Require TLS 1.2 for Experience Cloud sites', ['isTLSv12RequiredCommunities']),
        check('Force relogin after Login-As-User', ss('forceRelogin')),
        check('Require HttpOnly attribute', ss('requireHttpOnly')),
        check('Use POST requests for cross-domain sessions', ss('enablePostForSessions')),
        check('Enforce login IP ranges on every request', ss('enforceIpRangesEveryRequest')),
      ],
    },
    { heading: 'Caching', rows: [check('Enable caching and autocomplete on login page', ss('enableCacheAndAutocomplete'))] },
    { heading: 'Lightning Login', rows: [check('Allow Lightning Login', ss('enableLightningLogin'))] },
    { heading: 'Lightning Web Security', rows: [check('Use Lightning Web Security for Lightning web components and Aura components', ss('lockerServiceNext'))] },
    {
      heading: 'Clickjack Protection',
      rows: [
        check('Enable clickjack protection for Setup pages', ss('enableClickjackSetup')),
        check('Enable clickjack protection for non-Setup Salesforce pages', ss('enableClickjackNonsetupSFDC')),
        check('Enable clickjack protection for customer Visualforce pages with standard headers', ss('enableClickjackNonsetupUser')),
        check('Enable clickjack protection for customer Visualforce pages with headers disabled', ss('enableClickjackNonsetupUserHeaderless')),
      ],
    },
    {
      heading: 'Cross-Site Request Forgery (CSRF) Protection',
      rows: [
        check('Enable CSRF protection on GET requests on non-setup pages', ss('enableCSRFOnGet')),
        check('Enable CSRF protection on POST requests on non-setup pages', ss('enableCSRFOnPost')),
      ],
    },
    {
      heading: 'Cross-Site Scripting (XSS) Protection',
      rows: [check('Enable XSS protection', ss('enableXssProtection')), check('Enable Content Sniffing protection', ss('enableContentSniffingProtection'))],
    },
    { heading: 'Content Security Policy Protection', rows: [check('Enable Content Security Policy protection for email templates', ss('enableCSPOnEmail'))] },
    { heading: 'Referrer URL Protection', rows: [check('Include Referrer-Policy HTTP header', ss('referrerPolicy'))] },
    { heading: 'Cross-Origin Opener Policy', rows: [check('Enable Cross-Origin-Opener-Policy (COOP) header for Visualforce pages', ['enableCoopHeader'])] },
    { heading: 'Permissions Policy', rows: [check('Enable Permissions-Policy HTTP header', ['enablePermissionsPolicy'])] },
    {
      heading: 'Redirections to Untrusted External URLs',
      rows: [check('Block redirections to untrusted URLs', ['redirectBlockModeEnabled']), check("Warn users before they're redirected outside of Salesforce", ss('redirectionWarning'))],
    },
  ],
  IdentityVerification: [
    {
      heading: 'Multi-Factor Authentication',
      rows: [check('Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org', ss('enableMFADirectUILoginOptIn'))],
    },
    {
      heading: 'Identity Verification',
      rows: [
        check('Let users verify their identity by text (SMS)', ss('enableSMSIdentity')),
        check('Require identity verification during multi-factor authentication (MFA) registration', ss('identityConfirmationOnTwoFactorRegistrationEnabled')),
        check('Require identity verification for email address changes', ss('identityConfirmationOnEmailChange')),
        check('Let users verify their identity with a physical security key (U2F or WebAuthn)', ss('enableU2F')),
        check("Let users verify their identity with a device's built-in authenticator", ss('enableBuiltInAuthenticator')),
      ],
    },
  ],
  SingleSignOn: [
    {
      heading: 'Federated Single Sign-On Using SAML',
      rows: [
        check('SAML Enabled', sso('enableSamlLogin')),
        check('Make Federation ID case-insensitive', sso('enableCaseInsensitiveFederationID')),
      ],
    },
    { heading: 'Delegated Authentication', rows: [check('Disable login with Salesforce credentials', sso('isLoginWithSalesforceCredentialsDisabled'))] },
  ],
  LoginAccessPolicies: [
    {
      heading: 'Login Access Policies',
      rows: [
        check('Administrators Can Log in as Any User', ['enableAdminLoginAsAnyUser']),
        // Per support organization in the real page; SecuritySettings keeps one org-wide flag.
        { label: 'Available to Administrators Only', path: ['canUsersGrantLoginAccess'], type: 'checkbox', invert: true },
      ],
    },
  ],
  ApiAccessControl: [
    {
      heading: 'API Access Control',
      rows: [check('For admin-approved users, limit API access to only allowed connected apps', ['@connectedApp', 'enableAdminApprovedAppsOnly'])],
    },
  ],
};
