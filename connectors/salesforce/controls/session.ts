import type { Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import { enumSetting, references, saveAndVerify, settingFlagControl, step } from './health-check';

/*
 * Org-wide session settings (Setup → Session Settings, SecuritySettings.sessionSettings): how long a
 * session lives and what it is bound to. Profile session settings can override the timeout; they are not
 * read here.
 */

const page = 'sessionSettings' as const;
const refs = [references.sessionSettings, references.securitySettings];

export const sessionTimeout = defineSalesforceControl({
  id: 'SF.SESS.1v1',
  title: 'Idle sessions time out within 2 hours',
  description:
    'The org-wide session timeout is 2 hours or less. 4 or 8 hours earns half credit; 12 or 24 hours none.',
  rationale:
    'An idle session left open on an unattended or shared computer, or a session cookie stolen by malware, ' +
    'stays usable until it times out. A long timeout gives whoever finds it a working admin session.',
  severity: 'medium',
  weight: 5,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: { healthCheck: 'Timeout value', nist80053: ['AC-12', 'AC-11'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) =>
    enumSetting({
      label: 'Timeout value',
      raw: securitySettings.sessionSettings.sessionTimeout,
      expected: '2 hours or less',
      risk: 'an abandoned or stolen session stays usable for longer',
      options: {
        FifteenMinutes: { text: '15 minutes', fraction: 1 },
        ThirtyMinutes: { text: '30 minutes', fraction: 1 },
        SixtyMinutes: { text: '60 minutes', fraction: 1 },
        NinetyMinutes: { text: '90 minutes', fraction: 1 },
        TwoHours: { text: '2 hours', fraction: 1 },
        FourHours: { text: '4 hours', fraction: 0.5 },
        EightHours: { text: '8 hours', fraction: 0.5 },
        TwelveHours: { text: '12 hours', fraction: 0 },
        TwentyFourHours: { text: '24 hours', fraction: 0 },
      },
    }),
  remediation: {
    summary: 'Set the session timeout to 2 hours or less.',
    steps: [
      step('Open Setup → Session Settings', page),
      step('Set "Timeout value" to 2 hours or less', page, 'sessionTimeout'),
      saveAndVerify(page),
    ],
    references: refs,
  },
});

export const forceLogoutOnTimeout = settingFlagControl({
  id: 'SF.SESS.2v1',
  title: 'Timed-out sessions are logged out',
  description: '"Force logout on session timeout" is enabled: when a session times out the browser returns to the login page.',
  rationale:
    'Without a forced logout, the timed-out page stays on screen with its data and the session state in the ' +
    'browser, visible to the next person at the computer.',
  severity: 'low',
  weight: 3,
  metric: 'session-management',
  requirement: 'should',
  frameworks: { healthCheck: 'Force logout on session timeout', nist80053: ['AC-12'] },
  label: 'Force logout on session timeout',
  read: (settings) => settings.sessionSettings.forceLogoutOnSessionTimeout,
  secureWhen: true,
  risk: 'data stays on screen after the session has timed out',
  page,
  anchor: 'forceLogoutOnSessionTimeout',
  summary: 'Log users out when their session times out.',
  action: 'Select "Force logout on session timeout"',
  references: refs,
});

export const timeoutWarning = settingFlagControl({
  id: 'SF.SESS.3v1',
  title: 'Users are warned before their session times out',
  description: '"Disable session timeout warning popup" is not selected, so users see a warning before the session ends.',
  rationale:
    'The warning lets users end or extend a session deliberately; without it users lose work at timeout and ' +
    'push for long timeouts instead, which weakens the timeout control for everyone.',
  severity: 'low',
  weight: 2,
  metric: 'session-management',
  requirement: 'should',
  frameworks: { healthCheck: 'Disable session timeout warning popup' },
  label: 'Disable session timeout warning popup',
  read: (settings) => settings.sessionSettings.disableTimeoutWarning,
  secureWhen: false,
  on: 'Selected (no warning)',
  off: 'Not selected (warning shown)',
  risk: 'users get no warning before their session ends',
  page,
  anchor: 'disableTimeoutWarning',
  summary: 'Show the session timeout warning.',
  action: 'Deselect "Disable session timeout warning popup"',
  references: refs,
});

export const lockSessionsToIp = settingFlagControl({
  id: 'SF.SESS.4v1',
  title: 'Sessions are locked to the IP address they started from',
  description:
    '"Lock sessions to the IP address from which they originated" is enabled. It can disrupt users whose IP ' +
    'address changes mid-session (mobile networks, some VPNs); test before enabling.',
  rationale:
    'A session ID stolen by malware, a malicious extension or a proxy log is useless from the attacker’s own ' +
    'network when the session is bound to the IP address it started from.',
  severity: 'low',
  weight: 3,
  metric: 'session-management',
  requirement: 'should',
  frameworks: { healthCheck: 'Lock sessions to the IP address from which they originated', nist80053: ['SC-23'] },
  label: 'Lock sessions to the IP address from which they originated',
  read: (settings) => settings.sessionSettings.lockSessionsToIp,
  secureWhen: true,
  risk: 'a stolen session ID can be replayed from any network',
  page,
  anchor: 'lockSessionsToIp',
  summary: 'Bind sessions to the IP address from which they originated.',
  action: 'Select "Lock sessions to the IP address from which they originated"',
  references: refs,
});

export const lockSessionsToDomain = settingFlagControl({
  id: 'SF.SESS.5v1',
  title: 'Sessions are locked to the domain where they were first used',
  description: '"Lock sessions to the domain in which they were first used" is enabled.',
  rationale:
    'Salesforce serves content from several domains (Lightning, Visualforce, Experience sites). Binding the ' +
    'session to its first domain stops a session ID captured on one domain, for example through a vulnerable ' +
    'Visualforce page, from being replayed on another.',
  severity: 'high',
  weight: 7,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Lock sessions to the domain in which they were first used',
    microsoftSecureScore: 'Lock sessions to the domain in which they were first used',
    nist80053: ['SC-23'],
  },
  label: 'Lock sessions to the domain in which they were first used',
  read: (settings) => settings.sessionSettings.lockSessionsToDomain,
  secureWhen: true,
  risk: 'a session ID captured on one Salesforce domain can be replayed on another',
  page,
  anchor: 'lockSessionsToDomain',
  summary: 'Bind sessions to the domain in which they were first used.',
  action: 'Select "Lock sessions to the domain in which they were first used"',
  references: refs,
});

export const enforceIpRangesEveryRequest = settingFlagControl({
  id: 'SF.SESS.6v1',
  title: 'Login IP ranges are enforced on every request',
  description:
    '"Enforce login IP ranges on every request" is enabled, so profile login IP ranges apply to every page ' +
    'request and client app call, not only at login.',
  rationale:
    'When login IP ranges are checked only at login, a session started in the office keeps working after its ' +
    'cookie is stolen and replayed from anywhere else.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enforce login IP ranges on every request',
    microsoftSecureScore: 'Enforce login IP ranges on every request',
    nist80053: ['AC-3', 'SC-23'],
  },
  label: 'Enforce login IP ranges on every request',
  read: (settings) => settings.sessionSettings.enforceIpRangesEveryRequest,
  secureWhen: true,
  risk: 'login IP ranges are only checked at login and a stolen session works from anywhere',
  page,
  anchor: 'enforceIpRangesEveryRequest',
  summary: 'Enforce login IP ranges on every request.',
  action: 'Select "Enforce login IP ranges on every request"',
  references: refs,
});

export const forceReloginAfterLoginAs = settingFlagControl({
  id: 'SF.SESS.7v1',
  title: 'Admins must log in again after using Login-As',
  description:
    '"Force relogin after Login-As-User" is enabled: an admin who logged in as another user must log in again ' +
    'to return to their own session.',
  rationale:
    'Without it, the admin’s privileged session silently resumes after impersonation. Someone at an ' +
    'unattended admin browser, or a page the admin visited while acting as the user, can get back to full ' +
    'admin rights without authenticating.',
  severity: 'medium',
  weight: 5,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Force relogin after Login-As-User',
    microsoftSecureScore: 'Force relogin after Login-As-User',
    nist80053: ['AC-12', 'IA-11'],
  },
  label: 'Force relogin after Login-As-User',
  read: (settings) => settings.sessionSettings.forceRelogin,
  secureWhen: true,
  risk: 'the admin session resumes after impersonation without logging in again',
  page,
  anchor: 'forceRelogin',
  summary: 'Require admins to log in again after Login-As.',
  action: 'Select "Force relogin after Login-As-User"',
  references: refs,
});

export const terminateSessionsOnPasswordReset = settingFlagControl({
  id: 'SF.SESS.8v1',
  title: 'A password reset by an admin ends the user’s sessions',
  description:
    '"Terminate all of a user’s sessions when an admin resets that user’s password" is enabled.',
  rationale:
    'Admins reset a password when an account is suspected compromised. If existing sessions survive the ' +
    'reset, the attacker who already holds a session keeps access.',
  severity: 'medium',
  weight: 4,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: {
    healthCheck: "Terminate all of a user's sessions when an admin resets that user's password",
    nist80053: ['AC-12'],
  },
  label: "Terminate all of a user's sessions when an admin resets that user's password",
  read: (settings) => settings.sessionSettings.terminateUserSessionsWhenAdminResetsPassword,
  secureWhen: true,
  risk: 'an attacker’s existing session survives the password reset meant to lock them out',
  page,
  anchor: 'terminateUserSessionsWhenAdminResetsPassword',
  summary: 'End all of a user’s sessions when an admin resets their password.',
  action: 
        'Select "Terminate all of a user\'s sessions when an admin resets that user\'s password"',
  references: refs,
});

export const postForCrossDomainSessions = settingFlagControl({
  id: 'SF.SESS.9v1',
  title: 'Cross-domain sessions are exchanged with POST requests',
  description:
    '"Use POST requests for cross-domain sessions" is enabled, so session information passed between Salesforce ' +
    'domains (for example to Visualforce) travels in a POST body instead of a URL.',
  rationale:
    'Session identifiers in GET URLs end up in browser history, proxy logs and Referer headers, where ' +
    'malware or a log reader can pick them up and replay them.',
  severity: 'low',
  weight: 3,
  metric: 'session-management',
  requirement: 'should',
  frameworks: { healthCheck: 'Use POST requests for cross-domain sessions', nist80053: ['SC-23'] },
  label: 'Use POST requests for cross-domain sessions',
  read: (settings) => settings.sessionSettings.enablePostForSessions,
  secureWhen: true,
  risk: 'session information crosses domains in URLs that are logged and cached',
  page,
  anchor: 'enablePostForSessions',
  summary: 'Exchange cross-domain session information with POST requests.',
  action: 'Select "Use POST requests for cross-domain sessions"',
  references: refs,
});

export const sessionControls: Control[] = [
  sessionTimeout,
  forceLogoutOnTimeout,
  timeoutWarning,
  lockSessionsToIp,
  lockSessionsToDomain,
  enforceIpRangesEveryRequest,
  forceReloginAfterLoginAs,
  terminateSessionsOnPasswordReset,
  postForCrossDomainSessions,
];
