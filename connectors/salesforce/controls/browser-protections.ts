import type { Control } from '@/utils/controls';
import { references, settingFlagControl } from './health-check';

/*
 * Browser-side protections Salesforce switches on per org in Session Settings: framing (clickjack), CSRF
 * tokens, cookie flags and response headers. Each is one checkbox in SecuritySettings.sessionSettings.
 */

const page = 'sessionSettings' as const;
const refs = [references.sessionSettings, references.securitySettings];

const clickjackRationale =
  'Clickjacking loads the page invisibly in a frame on an attacker’s site and tricks the signed-in user into ' +
  'clicking buttons they cannot see, for example approving a permission change or deleting records.';

export const clickjackSetup = settingFlagControl({
  id: 'SF.BROW.1v1',
  title: 'Setup pages cannot be framed by other sites (clickjack protection)',
  description: '"Enable clickjack protection for Setup pages" is enabled, so Setup pages refuse to load in a frame on another site.',
  rationale: `${clickjackRationale} On Setup pages those clicks are admin actions.`,
  severity: 'high',
  weight: 8,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable clickjack protection for Setup pages',
    microsoftSecureScore: 'Enable clickjack protection for Setup pages',
    nist80053: ['SC-18'],
  },
  label: 'Enable clickjack protection for Setup pages',
  read: (settings) => settings.sessionSettings.enableClickjackSetup,
  secureWhen: true,
  risk: 'another site can frame Setup and trick an admin into clicking hidden controls',
  page,
  anchor: 'enableClickjackSetup',
  summary: 'Turn on clickjack protection for Setup pages.',
  action: 'Under Clickjack Protection, select "Enable clickjack protection for Setup pages"',
  references: refs,
});

export const clickjackNonSetup = settingFlagControl({
  id: 'SF.BROW.2v1',
  title: 'Salesforce application pages cannot be framed by other sites (clickjack protection)',
  description:
    '"Enable clickjack protection for non-Setup Salesforce pages" is enabled, so standard Salesforce pages outside ' +
    'Setup refuse to load in a frame on another site.',
  rationale: clickjackRationale,
  severity: 'high',
  weight: 7,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable clickjack protection for non-Setup Salesforce pages',
    microsoftSecureScore: 'Enable clickjack protection for non-Setup Salesforce pages',
    nist80053: ['SC-18'],
  },
  label: 'Enable clickjack protection for non-Setup Salesforce pages',
  read: (settings) => settings.sessionSettings.enableClickjackNonsetupSFDC,
  secureWhen: true,
  risk: 'another site can frame Salesforce pages and trick users into clicking hidden controls',
  page,
  anchor: 'enableClickjackNonsetupSFDC',
  summary: 'Turn on clickjack protection for non-Setup Salesforce pages.',
  action: 'Under Clickjack Protection, select "Enable clickjack protection for non-Setup Salesforce pages"',
  references: refs,
});

export const clickjackVisualforce = settingFlagControl({
  id: 'SF.BROW.3v1',
  title: 'Custom Visualforce pages with standard headers cannot be framed by untrusted sites',
  description:
    '"Enable clickjack protection for customer Visualforce pages with standard headers" is enabled. Sites that ' +
    'legitimately frame Visualforce can still be allowed under Trusted Domains for Inline Frames.',
  rationale: `${clickjackRationale} Custom Visualforce pages often carry business actions written without their own framing defence.`,
  severity: 'high',
  weight: 7,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable clickjack protection for customer Visualforce pages with standard headers',
    microsoftSecureScore: 'Enable clickjack protection for customer Visualforce pages with standard headers',
    nist80053: ['SC-18'],
  },
  label: 'Enable clickjack protection for customer Visualforce pages with standard headers',
  read: (settings) => settings.sessionSettings.enableClickjackNonsetupUser,
  secureWhen: true,
  risk: 'any site can frame custom Visualforce pages and trick users into clicking hidden controls',
  page,
  anchor: 'enableClickjackNonsetupUser',
  summary: 'Turn on clickjack protection for custom Visualforce pages with standard headers.',
  action:
    'Under Clickjack Protection, select "Enable clickjack protection for customer Visualforce pages with standard headers"',
  references: [...refs, references.visualforceFraming],
});

export const clickjackVisualforceHeaderless = settingFlagControl({
  id: 'SF.BROW.4v1',
  title: 'Custom Visualforce pages without headers cannot be framed by untrusted sites',
  description:
    '"Enable clickjack protection for customer Visualforce pages with headers disabled" is enabled. Sites that ' +
    'legitimately frame Visualforce can still be allowed under Trusted Domains for Inline Frames.',
  rationale: `${clickjackRationale} Headerless Visualforce pages are the ones most often built to be embedded, and so most often framed.`,
  severity: 'high',
  weight: 7,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable clickjack protection for customer Visualforce pages with headers disabled',
    microsoftSecureScore: 'Enable clickjack protection for customer Visualforce pages with headers disabled',
    nist80053: ['SC-18'],
  },
  label: 'Enable clickjack protection for customer Visualforce pages with headers disabled',
  read: (settings) => settings.sessionSettings.enableClickjackNonsetupUserHeaderless,
  secureWhen: true,
  risk: 'any site can frame headerless Visualforce pages and trick users into clicking hidden controls',
  page,
  anchor: 'enableClickjackNonsetupUserHeaderless',
  summary: 'Turn on clickjack protection for custom Visualforce pages with headers disabled.',
  action:
    'Under Clickjack Protection, select "Enable clickjack protection for customer Visualforce pages with headers disabled"',
  references: [...refs, references.visualforceFraming],
});

const csrfRationale =
  'Cross-site request forgery makes a signed-in user’s browser send a request the user never meant to send: ' +
  'a link or hidden form on another site that changes data in Salesforce with the user’s session.';

export const csrfOnGet = settingFlagControl({
  id: 'SF.BROW.5v1',
  title: 'GET requests on non-Setup pages are protected against CSRF',
  description: '"Enable CSRF protection on GET requests on non-setup pages" is enabled.',
  rationale: `${csrfRationale} A GET request needs only a link or an image tag.`,
  severity: 'high',
  weight: 7,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable CSRF protection on GET requests on non-setup pages',
    microsoftSecureScore: 'Enable CSRF protection on GET requests on non-setup pages',
    nist80053: ['SC-23'],
  },
  label: 'Enable CSRF protection on GET requests on non-setup pages',
  read: (settings) => settings.sessionSettings.enableCSRFOnGet,
  secureWhen: true,
  risk: 'a link on another site can make a signed-in user change data',
  page,
  anchor: 'enableCSRFOnGet',
  summary: 'Turn on CSRF protection for GET requests on non-Setup pages.',
  action: 'Under Cross-Site Request Forgery (CSRF) Protection, select "Enable CSRF protection on GET requests on non-setup pages"',
  references: refs,
});

export const csrfOnPost = settingFlagControl({
  id: 'SF.BROW.6v1',
  title: 'POST requests on non-Setup pages are protected against CSRF',
  description: '"Enable CSRF protection on POST requests on non-setup pages" is enabled.',
  rationale: `${csrfRationale} A POST request needs only a hidden auto-submitting form.`,
  severity: 'high',
  weight: 7,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable CSRF protection on POST requests on non-setup pages',
    microsoftSecureScore: 'Enable CSRF protection on POST requests on non-setup pages',
    nist80053: ['SC-23'],
  },
  label: 'Enable CSRF protection on POST requests on non-setup pages',
  read: (settings) => settings.sessionSettings.enableCSRFOnPost,
  secureWhen: true,
  risk: 'a hidden form on another site can make a signed-in user change data',
  page,
  anchor: 'enableCSRFOnPost',
  summary: 'Turn on CSRF protection for POST requests on non-Setup pages.',
  action: 'Under Cross-Site Request Forgery (CSRF) Protection, select "Enable CSRF protection on POST requests on non-setup pages"',
  references: refs,
});

export const requireHttpOnly = settingFlagControl({
  id: 'SF.BROW.7v1',
  title: 'Session cookies are HttpOnly',
  description:
    '"Require HttpOnly attribute" is enabled, so JavaScript cannot read session ID cookies. Custom code that ' +
    'reads the session cookie breaks; it should use supported APIs instead.',
  rationale:
    'If session cookies are readable by JavaScript, a single cross-site scripting flaw in any custom page or ' +
    'package lets the injected script send the session ID to an attacker, who then acts as the user.',
  severity: 'high',
  weight: 8,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Require HttpOnly attribute',
    microsoftSecureScore: 'Require HttpOnly attribute',
    nist80053: ['SC-23'],
  },
  label: 'Require HttpOnly attribute',
  read: (settings) => settings.sessionSettings.requireHttpOnly,
  secureWhen: true,
  risk: 'a script injected into any page can read and steal the session cookie',
  page,
  anchor: 'requireHttpOnly',
  summary: 'Require the HttpOnly attribute on session cookies.',
  action: 'Select "Require HttpOnly attribute"',
  references: refs,
});

export const xssProtection = settingFlagControl({
  id: 'SF.BROW.8v1',
  title: 'The XSS protection header is sent',
  description:
    '"Enable XSS protection" is enabled, so Salesforce sends the X-XSS-Protection header that tells older browsers ' +
    'to block reflected cross-site scripting. Salesforce reports this field up to API version 59.0 only.',
  rationale:
    'Reflected cross-site scripting puts attacker script into a page through a crafted link; the header makes ' +
    'browsers that still honour it refuse to render such pages.',
  severity: 'medium',
  weight: 4,
  metric: 'browser-protections',
  requirement: 'should',
  frameworks: {
    healthCheck: 'Enable XSS protection',
    microsoftSecureScore: 'Enable XSS protection',
    nist80053: ['SI-10', 'SC-18'],
  },
  label: 'Enable XSS protection',
  read: (settings) => settings.sessionSettings.enableXssProtection,
  secureWhen: true,
  risk: 'browsers are not told to block reflected cross-site scripting',
  page,
  anchor: 'enableXssProtection',
  summary: 'Send the XSS protection header.',
  action: 'Select "Enable XSS protection"',
  references: refs,
});

export const contentSniffingProtection = settingFlagControl({
  id: 'SF.BROW.9v1',
  title: 'Browsers may not guess content types (content sniffing protection)',
  description:
    '"Enable Content Sniffing protection" is enabled, so browsers do not infer a file’s type from its content ' +
    '(X-Content-Type-Options: nosniff).',
  rationale:
    'With content sniffing an uploaded file that looks like script or a style sheet can be executed by the ' +
    'browser as such, turning a harmless-looking upload into stored cross-site scripting.',
  severity: 'medium',
  weight: 4,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable Content Sniffing protection',
    microsoftSecureScore: 'Enable Content Sniffing protection',
    nist80053: ['SI-10', 'SC-18'],
  },
  label: 'Enable Content Sniffing protection',
  read: (settings) => settings.sessionSettings.enableContentSniffingProtection,
  secureWhen: true,
  risk: 'browsers may run uploaded files as script or style sheets',
  page,
  anchor: 'enableContentSniffingProtection',
  summary: 'Turn on content sniffing protection.',
  action: 'Select "Enable Content Sniffing protection"',
  references: refs,
});

export const cspOnEmailTemplates = settingFlagControl({
  id: 'SF.BROW.10v1',
  title: 'Email templates are served with a Content Security Policy',
  description: '"Enable Content Security Policy protection for email templates" is enabled.',
  rationale:
    'HTML email templates can carry script or load content from anywhere; a Content Security Policy limits ' +
    'what they can load and run, which blocks cross-site scripting through a crafted template.',
  severity: 'medium',
  weight: 4,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: {
    healthCheck: 'Enable Content Security Policy protection for email templates',
    microsoftSecureScore: 'Enable Content Security Policy protection for email templates',
    nist80053: ['SC-18'],
  },
  label: 'Enable Content Security Policy protection for email templates',
  read: (settings) => settings.sessionSettings.enableCSPOnEmail,
  secureWhen: true,
  risk: 'email templates can load and run content from any source',
  page,
  anchor: 'enableCSPOnEmail',
  summary: 'Turn on Content Security Policy protection for email templates.',
  action: 'Select "Enable Content Security Policy protection for email templates"',
  references: refs,
});

export const noLoginCaching = settingFlagControl({
  id: 'SF.BROW.11v1',
  title: 'The login page does not cache or autocomplete usernames',
  description: '"Enable caching and autocomplete on login page" is disabled.',
  rationale:
    'Cached usernames on shared or kiosk computers tell the next person exactly which accounts to target, ' +
    'halving the work of a password-guessing attack.',
  severity: 'low',
  weight: 2,
  metric: 'browser-protections',
  requirement: 'should',
  frameworks: { healthCheck: 'Enable caching and autocomplete on login page' },
  label: 'Enable caching and autocomplete on login page',
  read: (settings) => settings.sessionSettings.enableCacheAndAutocomplete,
  secureWhen: false,
  risk: 'browsers remember usernames on the login page for anyone using the computer next',
  page,
  anchor: 'enableCacheAndAutocomplete',
  summary: 'Stop the login page from caching and autocompleting usernames.',
  action: 'Deselect "Enable caching and autocomplete on login page"',
  references: refs,
});

export const referrerPolicy = settingFlagControl({
  id: 'SF.BROW.12v1',
  title: 'Pages send a Referrer-Policy header',
  description:
    'Salesforce pages include the Referrer-Policy HTTP header, so full Salesforce URLs (with record IDs and ' +
    'parameters) are not sent to other sites.',
  rationale:
    'Without a referrer policy every link or resource request to another site carries the full URL of the ' +
    'Salesforce page, leaking record IDs, search terms and sometimes tokens to third parties.',
  severity: 'low',
  weight: 2,
  metric: 'browser-protections',
  requirement: 'should',
  frameworks: { nist80053: ['SC-8'] },
  label: 'Referrer-Policy HTTP header',
  read: (settings) => settings.sessionSettings.referrerPolicy,
  secureWhen: true,
  risk: 'other sites receive the full URL of Salesforce pages',
  page,
  anchor: 'referrerPolicy',
  summary: 'Send the Referrer-Policy header on Salesforce pages.',
  action: 'Under Referrer Policy, turn the Referrer-Policy HTTP header on (strict-origin-when-cross-origin)',
  references: refs,
});

export const browserProtectionControls: Control[] = [
  clickjackSetup,
  clickjackNonSetup,
  clickjackVisualforce,
  clickjackVisualforceHeaderless,
  csrfOnGet,
  csrfOnPost,
  requireHttpOnly,
  xssProtection,
  contentSniffingProtection,
  cspOnEmailTemplates,
  noLoginCaching,
  referrerPolicy,
];
