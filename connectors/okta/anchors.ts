import type { AnchorLocator } from '@/utils/overlay/protocol';
import type { AdminConsolePageKey } from './pages';

const label = (...texts: string[]): AnchorLocator => ({ kind: 'label', texts });
const heading = (...texts: string[]): AnchorLocator => ({ kind: 'heading', texts });

/**
 * Where each setting a control checks sits on its Admin Console page, by the label the admin sees.
 * Anchors not listed here (list pages, per-app pages) get no badge yet; the side panel says so.
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
  },
  authenticationPolicies: {
    userMustAuthenticateWith: label('User must authenticate with'),
    factorMode: label('User must authenticate with'),
    phishingResistant: label('Phishing resistant'),
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
  },
  identityProviders: {
    accountLinkPolicy: label('Account Link Policy'),
  },
};
