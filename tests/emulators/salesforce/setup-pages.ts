/**
 * The Setup pages the emulator serves: Lightning route key → title, classic path (rendered in the Setup
 * iframe on the my.salesforce.com host) and the form rows of editable settings pages.
 */
export interface SetupPageDef {
  key: string;
  title: string;
  group: string;
  classicPath?: string;
}

export const setupPageDefs: SetupPageDef[] = [
  { key: 'SetupOneHome', title: 'Setup Home', group: 'Home' },
  { key: 'ManageUsers', title: 'Users', group: 'Users', classicPath: '/005?isUserEntityOverride=1' },
  { key: 'ConnectedApplication', title: 'Manage Connected Apps', group: 'Apps', classicPath: '/app/mgmt/forceconnectedapps/forceAppList.apexp' },
  { key: 'ApiAccessControl', title: 'API Access Control', group: 'Apps', classicPath: '/_ui/core/connectedapp/ApiAccessControlSettings' },
  { key: 'HealthCheck', title: 'Health Check', group: 'Security', classicPath: '/_ui/security/dashboard/aura/SecurityDashboardAuraContainer' },
  { key: 'SecurityPolicies', title: 'Password Policies', group: 'Security', classicPath: '/secur/orgloginsettingedit.jsp' },
  { key: 'SecuritySession', title: 'Session Settings', group: 'Security', classicPath: '/_ui/system/security/SessionSettings' },
  { key: 'NetworkAccess', title: 'Network Access', group: 'Security', classicPath: '/05G' },
  { key: 'LoginAccessPolicies', title: 'Login Access Policies', group: 'Security', classicPath: '/_ui/security/LoginAccessPoliciesUi' },
  { key: 'CertificatesAndKeysManagement', title: 'Certificate and Key Management', group: 'Security', classicPath: '/0P1' },
  { key: 'SecurityRemoteProxy', title: 'Remote Site Settings', group: 'Security', classicPath: '/0rp' },
  { key: 'SecurityCspTrustedSite', title: 'Trusted URLs', group: 'Security', classicPath: '/08y' },
  { key: 'CorsWhitelistEntries', title: 'CORS', group: 'Security', classicPath: '/074' },
  { key: 'SecuritySharing', title: 'Sharing Settings', group: 'Security', classicPath: '/p/own/OrgSharingDetail' },
  { key: 'SecurityEvents', title: 'View Setup Audit Trail', group: 'Security', classicPath: '/setup/org/orgsetupaudit.jsp' },
];

export function pageByKey(key: string): SetupPageDef | undefined {
  return setupPageDefs.find((page) => page.key === key);
}

export function pageByClassicPath(pathname: string): SetupPageDef | undefined {
  return setupPageDefs.find((page) => page.classicPath?.split('?')[0] === pathname);
}

export type FormRow =
  | { label: string; path: [string, string] | [string]; type: 'checkbox' }
  | { label: string; path: [string, string] | [string]; type: 'select'; options: Array<[string, string]>; numeric?: boolean };

export interface FormSection {
  heading: string;
  rows: FormRow[];
}

const numbers = (from: number, to: number, label: (n: number) => string): Array<[string, string]> =>
  Array.from({ length: to - from + 1 }, (_, index) => [String(from + index), label(from + index)]);

const pw = (key: string): [string, string] => ['passwordPolicies', key];
const ss = (key: string): [string, string] => ['sessionSettings', key];
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
        check('Force relogin after Login-As-User', ss('forceRelogin')),
        check('Require HttpOnly attribute', ss('requireHttpOnly')),
        check('Use POST requests for cross-domain sessions', ss('enablePostForSessions')),
        check('Enforce login IP ranges on every request', ss('enforceIpRangesEveryRequest')),
        check('Enable caching and autocomplete on login page', ss('enableCacheAndAutocomplete')),
      ],
    },
    {
      heading: 'Identity Verification',
      rows: [
        check('Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org', ss('enableMFADirectUILoginOptIn')),
        check('Enable the SMS method of identity verification', ss('enableSMSIdentity')),
        check('Require identity verification during multi-factor authentication (MFA) registration', ss('identityConfirmationOnTwoFactorRegistrationEnabled')),
        check('Require identity verification for email address changes', ss('identityConfirmationOnEmailChange')),
        check('Let users verify their identity with a physical security key (U2F or WebAuthn)', ss('enableU2F')),
        check("Let users verify their identity with a device's built-in authenticator", ss('enableBuiltInAuthenticator')),
      ],
    },
    { heading: 'Lightning Login', rows: [check('Allow Lightning Login', ss('enableLightningLogin'))] },
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
    { heading: 'Content Security Policy protection', rows: [check('Enable Content Security Policy protection for email templates', ss('enableCSPOnEmail'))] },
    { heading: 'Referrer URL Protection', rows: [check('Hide the full URL of a Salesforce page in the referrer header', ss('referrerPolicy'))] },
  ],
  LoginAccessPolicies: [
    {
      heading: 'Login Access Policies',
      rows: [check('Administrators Can Log in as Any User', ['enableAdminLoginAsAnyUser']), check('Users can grant login access', ['canUsersGrantLoginAccess'])],
    },
  ],
};
