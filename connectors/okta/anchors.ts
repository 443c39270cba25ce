import type { AnchorLocator } from '@/utils/overlay/protocol';
import type { AdminConsolePageKey } from './pages';

const label = (...texts: string[]): AnchorLocator => ({ kind: 'label', texts });
const heading = (...texts: string[]): AnchorLocator => ({ kind: 'heading', texts });

/**
 * Where each setting a control checks sits on its Admin Console page, by the label the admin sees.
 * A setting that lives on a per-item page (one app, one token, one IdP) is anchored on its list page: at the list's
 * column header, or at the page heading when the list has no column for it.
 */
export const oktaAnchors: Partial<Record<AdminConsolePageKey, Record<string, AnchorLocator>>> = {
  passwordPolicies: {
    minimumLength: label('Minimum length'),
    lowerCase: label('Lower case letter'),
    upperCase: label('Upper case letter'),
    number: label('Number (0-9)'),
    symbol: label('Symbol (e.g., !@#$%^&*)'),
    commonPasswordCheck: label('Restrict use of common passwords'),
    passwordHistory: label('Enforce password history for last'),
    minimumPasswordAge: label('Minimum password age is'),
    passwordExpires: label('Password expires after'),
    lockoutAttempts: label('Lock out user after'),
    recoveryMethods: label('Security question'),
  },
  globalSessionPolicy: {
    maxSessionIdle: label('Maximum Okta global session idle time'),
    maxSessionLifetime: label('Maximum Okta global session lifetime'),
    persistentCookie: label('Okta global session cookies persist across browser sessions'),
    userIpIs: label("IF User's IP is"),
    // "Users will be prompted for MFA" shows only once MFA is required, right under this field.
    factorPromptMode: label('Multifactor authentication (MFA) is'),
  },
  authenticationPolicies: {
    userMustAuthenticateWith: label('User must authenticate with'),
    factorMode: label('User must authenticate with'),
    phishingResistant: label('Phishing resistant'),
    catchAllRule: heading('Catch-all Rule'),
  },
  accountSettings: {
    clientPrivilegesSetting: label('Public client app admins'),
    oktaSupportAccess: label('Give Okta Support access to your Admin Console'),
  },
  securityGeneral: {
    threatInsightAction: heading('Okta ThreatInsight settings'),
    threatInsightExemptZones: label('Exempt Zones'),
  },
  authenticators: {
    fipsCompliance: label('FIPS Compliance'),
    numberChallenge: label('Number challenge'),
    emailAllowedFor: label('Used for'),
    phishingResistantAuthenticators: label('Name'),
    smartCardAuthenticator: label('Name'),
    enrollmentPolicies: heading('Enrollment'),
  },
  identityProviders: {
    accountLinkPolicy: label('Account Link Policy'),
    jitProvisioning: label('Provisioning Policy'),
    // Smart Card IdPs are told apart by their type; the certificate chain is on the IdP's Configure page.
    certificateChain: label('Type'),
  },
  applications: {
    // Both are on an app's Sign On tab, a per-app page: the badge sits at the list's heading.
    adminConsoleIdle: heading('Applications'),
    authenticationPolicy: heading('Applications'),
  },
  automations: {
    inactivityAutomation: heading('Automations'),
    inactivityCondition: label('Condition'),
  },
  customizations: {
    signInPageContent: label('Sign-in page'),
  },
  logStreaming: {
    logStreamType: label('Type'),
  },
  apiTokens: {
    tokenNetwork: label('Token can be used from'),
    tokenWindow: label('Expires'),
    revokeToken: label('Token name'),
  },
  administrators: {
    adminRole: label('Role'),
    roleAssignments: label('Role'),
  },
  networks: {
    ipBlockList: label('Usage'),
    gateways: label('Gateway IPs'),
  },
  people: {
    resetPassword: label('Person & username'),
  },
  behaviors: {
    behaviorStatus: label('Status'),
  },
  trustedOrigins: {
    originUrl: label('Origin URL'),
  },
  eventHooks: {
    hookUrl: label('URL'),
  },
};
