import { compliant, partial, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import { notReported, references, saveAndVerify, settingFlagControl, step } from './health-check';

/*
 * Platform hardening held in SecuritySettings: transport security, the Lightning component sandbox,
 * response headers that isolate pages, redirects, and who may sign in as whom (Login Access Policies).
 */

const sessionPage = 'sessionSettings' as const;
const loginAccessPage = 'loginAccessPolicies' as const;
const refs = [references.sessionSettings, references.securitySettings];

export const requireHttps = settingFlagControl({
  id: 'SF.PLAT.1v1',
  title: 'Connections to Salesforce require HTTPS',
  description:
    '"Require secure connections (HTTPS)" is enabled. Salesforce deprecated the SecuritySettings field in API ' +
    'version 47.0, so newer orgs may not report it; Health Check then decides this control.',
  rationale:
    'Over plain HTTP, session cookies and data cross the network in clear text: anyone on the same Wi-Fi or ' +
    'network path can read them and take over the session.',
  severity: 'high',
  weight: 7,
  metric: 'platform-hardening',
  requirement: 'shall',
  frameworks: { healthCheck: 'Require secure connections (HTTPS)', nist80053: ['SC-8'] },
  label: 'Require secure connections (HTTPS)',
  read: (settings) => settings.enableRequireHttpsConnection,
  secureWhen: true,
  risk: 'sessions and data can cross the network unencrypted',
  page: sessionPage,
  anchor: 'enableRequireHttpsConnection',
  summary: 'Require HTTPS for all connections to Salesforce.',
  action: 'Select "Require secure connections (HTTPS)"',
  references: refs,
});

const tlsOrgLabel = 'Require TLS 1.2 for HTTPS connections';
const tlsSitesLabel = 'Require TLS 1.2 for Experience Cloud sites';

export const requireTls12 = defineSalesforceControl({
  id: 'SF.PLAT.2v1',
  title: 'TLS 1.2 or higher is required for the org and its Experience sites',
  description:
    'Connections to the org and to its Experience Cloud sites and portals must use TLS 1.2 or higher. One of ' +
    'the two earns half credit. Salesforce returns these fields only up to API version 50.0.',
  rationale:
    'TLS 1.0 and 1.1 have known weaknesses (BEAST, weak ciphers); allowing them lets an attacker on the network ' +
    'path force a downgrade and attack the session traffic.',
  severity: 'low',
  weight: 3,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['SC-8', 'SC-13'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) => {
    const org = securitySettings.isTLSv12Required;
    const sites = securitySettings.isTLSv12RequiredCommunities;
    const expected = 'Required for the org and for Experience sites';
    if (org === undefined) return notReported(tlsOrgLabel, expected);
    if (sites === undefined) return notReported(tlsSitesLabel, expected);
    const words = (value: boolean) => (value ? 'required' : 'not required');
    const actual = `Org: ${words(org)}; Experience sites: ${words(sites)}`;
    if (org && sites) return compliant({ actual, expected, reason: 'TLS 1.2 is required for the org and for Experience sites.' });
    const missing = [!org && 'the org', !sites && 'Experience sites'].filter(Boolean).join(' and ');
    return partial((Number(org) + Number(sites)) / 2, {
      actual,
      expected,
      reason: `TLS 1.2 is not required for ${missing}, so older, weaker TLS versions are still accepted there.`,
    });
  },
  remediation: {
    summary: 'Require TLS 1.2 or higher for the org and for Experience Cloud sites.',
    steps: [
      step('Open Setup → Session Settings', sessionPage),
      step(`Select "${tlsOrgLabel}"`, sessionPage, 'isTLSv12Required'),
      step(`Select "${tlsSitesLabel}"`, sessionPage, 'isTLSv12RequiredCommunities'),
      saveAndVerify(sessionPage),
    ],
    references: refs,
  },
});

export const lightningWebSecurity = settingFlagControl({
  id: 'SF.PLAT.3v1',
  title: 'Lightning Web Security protects Lightning components',
  description:
    '"Use Lightning Web Security for Lightning web components and Aura components" is enabled, replacing ' +
    'Lightning Locker with Salesforce’s current component sandbox.',
  rationale:
    'Lightning Web Security isolates each namespace’s JavaScript, so a vulnerable or malicious component from ' +
    'a managed package cannot read other components’ data or tamper with the page; it also receives the ' +
    'security fixes Lightning Locker no longer gets.',
  severity: 'medium',
  weight: 4,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['SC-18', 'SC-39'] },
  label: 'Use Lightning Web Security for Lightning web components and Aura components',
  read: (settings) => settings.sessionSettings.lockerServiceNext,
  secureWhen: true,
  risk: 'components run under the older Lightning Locker sandbox',
  page: sessionPage,
  anchor: 'lockerServiceNext',
  summary: 'Turn on Lightning Web Security (test in a sandbox first).',
  action: 'Select "Use Lightning Web Security for Lightning web components and Aura components"',
  references: [references.lightningSecurity, references.securitySettings],
});

export const auraSecureEval = settingFlagControl({
  id: 'SF.PLAT.4v1',
  title: 'Dynamically created Aura components cannot create function expressions',
  description:
    'SecuritySettings.enableAuraSecureEvalPref is true: Salesforce prevents the creation of function expressions ' +
    'in dynamically created Aura components (an eval-like code path).',
  rationale:
    'Function expressions built at run time from data are a script-injection path: an attacker who controls ' +
    'the data used to build a component can make it run their JavaScript in the user’s session.',
  severity: 'low',
  weight: 3,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['SC-18', 'SI-10'] },
  label: 'Prevent creation of function expressions in dynamically created Aura components',
  read: (settings) => settings.enableAuraSecureEvalPref,
  secureWhen: true,
  risk: 'dynamically created Aura components can build and run function expressions from data',
  page: 'releaseUpdates',
  anchor: 'enableAuraSecureEvalPref',
  summary: 'Prevent function expressions in dynamically created Aura components.',
  action:
    'On Release Updates, enable "Prevent Creation of Function Expressions in ' +
    'Dynamically Created Aura Components" (or deploy SecuritySettings with enableAuraSecureEvalPref = true)',
  references: [references.securitySettings, references.lightningSecurity],
});

const redirectLabel = 'Redirections to untrusted external URLs';

export const untrustedRedirects = defineSalesforceControl({
  id: 'SF.PLAT.5v1',
  title: 'Redirections to untrusted external sites are blocked',
  description:
    'Links in URL and Long Text Area fields cannot send users to sites outside Salesforce that are not on the ' +
    'trusted redirect list (block mode). Warning users instead earns half credit.',
  rationale:
    'Open redirects are a phishing tool: a link that starts on the company’s trusted Salesforce domain and ' +
    'lands on an attacker’s look-alike login page is far more convincing than a bare malicious link.',
  severity: 'medium',
  weight: 4,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['SI-10', 'SC-7'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) => {
    const block = securitySettings.redirectBlockModeEnabled;
    const warn = securitySettings.sessionSettings.redirectionWarning;
    const expected = 'Blocked';
    if (block === true) {
      return compliant({ actual: 'Blocked', expected, reason: `${redirectLabel} are blocked.` });
    }
    // The two settings are mutually exclusive: a warning means block mode is off even if it was not reported.
    if (warn === true) {
      return partial(0.5, {
        actual: 'Users are warned',
        expected,
        reason: `${redirectLabel} are allowed after a warning, so users can still click through to a phishing site.`,
      });
    }
    if (block === undefined) return notReported('Block redirections to untrusted URLs', expected);
    if (warn === undefined) return notReported('Warn users before redirecting them outside Salesforce', expected);
    return partial(0, {
      actual: 'Allowed without warning',
      expected,
      reason: `${redirectLabel} are allowed without warning, so links in record fields can silently send users to any site.`,
    });
  },
  remediation: {
    summary: 'Block redirections to untrusted external URLs and list the sites you trust.',
    steps: [
      step('Open Setup → Session Settings (Untrusted URL Redirects)', sessionPage),
      step('Choose to block redirections to untrusted URLs', sessionPage, 'redirectBlockModeEnabled'),
      step('Add the external sites users legitimately need to "Trusted URLs for Redirects"', sessionPage),
      saveAndVerify(sessionPage),
    ],
    references: refs,
  },
});

export const coopHeader = settingFlagControl({
  id: 'SF.PLAT.6v1',
  title: 'Custom Visualforce pages send a Cross-Origin-Opener-Policy header',
  description:
    'The Cross-Origin Opener Policy (COOP) header is applied to custom Visualforce pages, so each page opens in ' +
    'its own browsing context group.',
  rationale:
    'Without COOP a malicious site that opens a Visualforce page in a pop-up keeps a handle on its window, which ' +
    'enables cross-window attacks (navigating it to a look-alike page, abusing postMessage) and side-channel leaks.',
  severity: 'low',
  weight: 2,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['SC-39'] },
  label: 'Cross-Origin Opener Policy (COOP) for Visualforce pages',
  read: (settings) => settings.enableCoopHeader,
  secureWhen: true,
  risk: 'other sites that open a Visualforce page keep a handle on its window',
  page: sessionPage,
  anchor: 'enableCoopHeader',
  summary: 'Apply the Cross-Origin-Opener-Policy header to Visualforce pages (test in a sandbox first).',
  action: 'Enable the Cross-Origin Opener Policy (COOP) setting for Visualforce pages',
  references: [references.coop, references.securitySettings],
});

export const permissionsPolicy = settingFlagControl({
  id: 'SF.PLAT.7v1',
  title: 'Pages send a Permissions-Policy header',
  description:
    'The Permissions-Policy HTTP header is enabled, so access to browser features such as the camera and ' +
    'microphone can be limited to trusted URLs.',
  rationale:
    'When the header is off, any script or frame on a Salesforce page, including a compromised third-party ' +
    'component, may ask for the camera and microphone.',
  severity: 'low',
  weight: 2,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['CM-7'] },
  label: 'Permissions-Policy HTTP header',
  read: (settings) => settings.enablePermissionsPolicy,
  secureWhen: true,
  risk: 'access to browser features such as camera and microphone is always permitted',
  page: sessionPage,
  anchor: 'enablePermissionsPolicy',
  summary: 'Enable the Permissions-Policy header and grant camera and microphone only to trusted URLs.',
  action: 'Enable the Permissions-Policy HTTP header and set camera and microphone access to Trusted URLs only',
  references: refs,
});

export const adminLoginAsAnyUser = settingFlagControl({
  id: 'SF.PLAT.8v1',
  title: 'Administrators cannot log in as any user without the user granting access',
  description:
    '"Administrators Can Log in as Any User" is disabled, so an admin can log in as a user only after that user ' +
    'has granted login access.',
  rationale:
    'With the setting on, every admin, and anyone who hijacks an admin session, can silently become any user, ' +
    'including other admins and executives, and act with their data and permissions.',
  severity: 'high',
  weight: 7,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Administrators Can Log in as Any User',
    microsoftSecureScore: 'Disable "Administrators Can Log In As Any User"',
    nist80053: ['AC-6', 'AC-3'],
  },
  label: 'Administrators Can Log in as Any User',
  read: (settings) => settings.enableAdminLoginAsAnyUser,
  secureWhen: false,
  risk: 'any admin can act as any user without that user’s consent',
  page: loginAccessPage,
  anchor: 'enableAdminLoginAsAnyUser',
  summary: 'Turn off "Administrators Can Log in as Any User".',
  action: 'Deselect "Administrators Can Log in as Any User"',
  references: [references.securitySettings, references.healthCheckScore],
});

export const usersCannotGrantLoginAccess = settingFlagControl({
  id: 'SF.PLAT.9v1',
  title: 'Only administrators can grant login access to Salesforce Support and publishers',
  description:
    'Users cannot grant Salesforce Support (or package publishers) login access to their own account; only ' +
    'administrators can.',
  rationale:
    'Granting login access lets someone outside the company sign in as the user. Keeping that decision with ' +
    'administrators stops a user from being talked into it by a fake "support" request.',
  severity: 'low',
  weight: 3,
  metric: 'privileged-access',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'AC-6'] },
  label: 'Users can grant login access',
  read: (settings) => settings.canUsersGrantLoginAccess,
  secureWhen: false,
  on: 'Users can grant access',
  off: 'Administrators only',
  risk: 'users can let people outside the company sign in as them',
  page: loginAccessPage,
  anchor: 'canUsersGrantLoginAccess',
  summary: 'Make login access grants to Support and publishers available to administrators only.',
  action: 'For Salesforce Support and each publisher, set access to "Available to Administrators Only"',
  references: [references.securitySettings],
});

export const platformControls: Control[] = [
  requireHttps,
  requireTls12,
  lightningWebSecurity,
  auraSecureEval,
  untrustedRedirects,
  coopHeader,
  permissionsPolicy,
  adminLoginAsAnyUser,
  usersCannotGrantLoginAccess,
];
