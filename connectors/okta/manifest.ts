/**
 * What the Okta connector needs in the manifest (import-free, read by the build config). The Admin
 * Console is `<org>-admin.<okta domain>`; match patterns cannot say "-admin", so the content script
 * checks the host itself.
 */
const oktaDomains = ['okta.com', 'okta-emea.com', 'oktapreview.com', 'okta-gov.com', 'okta.mil'];

export const oktaManifest = {
  hostPermissions: oktaDomains.map((domain) => `https://*.${domain}/*`),
  permissions: [] as string[],
  contentMatches: oktaDomains.map((domain) => `https://*.${domain}/*`),
};
