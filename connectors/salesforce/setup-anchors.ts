import type { AnchorLocator } from '@/utils/overlay/protocol';
import type { SetupPageKey } from './pages';

/**
 * Where each setting a control checks sits on its Setup page, by the label the admin sees (with the
 * older wordings Salesforce has used). Keys are the anchors named in the controls' remediation steps.
 * The first text is the current wording; the others are earlier or alternative wordings.
 */
const label = (...texts: string[]): AnchorLocator => ({ kind: 'label', texts });
const heading = (...texts: string[]): AnchorLocator => ({ kind: 'heading', texts });

/** Require MFA for direct UI logins: on Identity Verification since it left Session Settings. */
const mfaDirectUiLogins = label(
  'Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org',
  'Require multi-factor authentication (MFA) for all direct UI logins',
);

/** A Release Update, shown as the heading of its card (Release Updates page). */
const auraSecureEval = heading(
  'Prevent Creation of Function Expressions in Dynamically Created Aura Components',
  'Enable Secure Eval for Aura Components',
);

export const setupAnchors: Partial<Record<SetupPageKey, Record<string, AnchorLocator>>> = {
  passwordPolicies: {
    expiration: label('User passwords expire in'),
    historyRestriction: label('Enforce password history'),
    minimumPasswordLength: label('Minimum password length'),
    complexity: label('Password complexity requirement'),
    questionRestriction: label('Password question requirement'),
    maxLoginAttempts: label('Maximum invalid login attempts'),
    lockoutInterval: label('Lockout effective period'),
    obscureSecretAnswer: label('Obscure secret answer for password resets'),
    minimumPasswordLifetime: label('Require a minimum 1 day password lifetime'),
  },
  sessionSettings: {
    sessionTimeout: label('Timeout value', 'Timeout Value'),
    disableTimeoutWarning: label('Disable session timeout warning popup'),
    forceLogoutOnSessionTimeout: label('Force logout on session timeout'),
    lockSessionsToIp: label('Lock sessions to the IP address from which they originated'),
    lockSessionsToDomain: label('Lock sessions to the domain in which they were first used'),
    terminateUserSessionsWhenAdminResetsPassword: label("Terminate all of a user's sessions when an admin resets that user's password", 'Terminate all of a user’s sessions when an admin resets that user’s password'),
    enableRequireHttpsConnection: label('Require secure connections (HTTPS)'),
    isTLSv12Required: label('Require TLS 1.2 for HTTPS connections'),
    isTLSv12RequiredCommunities: label('Require TLS 1.2 for Experience Cloud sites', 'Require TLS 1.2 for Communities'),
    forceRelogin: label('Force relogin after Login-As-User'),
    requireHttpOnly: label('Require HttpOnly attribute'),
    enablePostForSessions: label('Use POST requests for cross-domain sessions'),
    enforceIpRangesEveryRequest: label('Enforce login IP ranges on every request'),
    enableCacheAndAutocomplete: label('Enable caching and autocomplete on login page'),
    lockerServiceNext: label('Use Lightning Web Security for Lightning web components and Aura components', 'Use Lightning Web Security for Lightning web components'),
    enableClickjackSetup: label('Enable clickjack protection for Setup pages'),
    enableClickjackNonsetupSFDC: label('Enable clickjack protection for non-Setup Salesforce pages'),
    enableClickjackNonsetupUser: label('Enable clickjack protection for customer Visualforce pages with standard headers'),
    enableClickjackNonsetupUserHeaderless: label('Enable clickjack protection for customer Visualforce pages with headers disabled'),
    enableCSRFOnGet: label('Enable CSRF protection on GET requests on non-setup pages'),
    enableCSRFOnPost: label('Enable CSRF protection on POST requests on non-setup pages'),
    enableXssProtection: label('Enable XSS protection'),
    enableContentSniffingProtection: label('Enable Content Sniffing protection'),
    enableCSPOnEmail: label('Enable Content Security Policy protection for email templates'),
    referrerPolicy: label('Include Referrer-Policy HTTP header', 'Enable Referrer-Policy HTTP header', 'Hide the full URL of a Salesforce page in the referrer header'),
    enableCoopHeader: label('Enable Cross-Origin-Opener-Policy (COOP) header for Visualforce pages', 'Enable Cross-Origin Opener Policy (COOP) for Visualforce pages'),
    enablePermissionsPolicy: label('Enable Permissions-Policy HTTP header', 'Enable Permissions Policy HTTP header'),
    redirectBlockModeEnabled: label('Block redirections to untrusted URLs', 'Block redirections to untrusted external URLs'),
  },
  identityVerification: {
    enableMFADirectUILoginOptIn: mfaDirectUiLogins,
    enableSMSIdentity: label('Let users verify their identity by text (SMS)', 'Enable the SMS method of identity confirmation', 'Enable the SMS method of identity verification'),
    identityConfirmationOnTwoFactorRegistrationEnabled: label(
      'Require identity verification during multi-factor authentication (MFA) registration',
      'Require identity verification during two-factor authentication registration',
    ),
    identityConfirmationOnEmailChange: label('Require identity verification for email address changes', 'Require identity verification for change of email address'),
  },
  singleSignOn: {
    isLoginWithSalesforceCredentialsDisabled: label('Disable login with Salesforce credentials'),
  },
  loginAccessPolicies: {
    enableAdminLoginAsAnyUser: label('Administrators Can Log in as Any User'),
    canUsersGrantLoginAccess: label('Available to Administrators Only', 'Available to Users'),
  },
  apiAccessControl: {
    enableAdminApprovedAppsOnly: label(
      'For admin-approved users, limit API access to only allowed connected apps',
      'For admin-approved users, limit API access to only allowlisted connected apps',
      'For admin-approved users, limit API access to only whitelisted connected apps',
    ),
  },
  connectedApps: {
    refreshTokenPolicy: label('Refresh Token Policy', 'Refresh Token Policy:'),
    sessionLevelPolicy: label('High assurance session required', 'High Assurance Session Required', 'Session Policies'),
  },
  networkAccess: {
    ipRanges: heading('Trusted IP Range', 'Trusted IP Ranges'),
  },
  sharingSettings: {
    organizationWideDefaults: heading('Organization-Wide Defaults', 'Default Sharing Settings'),
  },
  remoteSites: {
    disableProtocolSecurity: label('Disable Protocol Security'),
  },
  releaseUpdates: {
    enableAuraSecureEvalPref: auraSecureEval,
  },
};
