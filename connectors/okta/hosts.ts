/** Okta org and Admin Console hosts (import-free: the content script uses it too). */
export const oktaHost = /^([a-z0-9][a-z0-9-]*?)(-admin)?\.(okta\.com|okta-emea\.com|oktapreview\.com|okta-gov\.com|okta\.mil)$/;

export function isOktaAdminHost(host: string): boolean {
  return oktaHost.exec(host)?.[2] === '-admin';
}

/** Okta's pages carry their XSRF token as the text of `#_xsrfToken`; Okta's console sends it with API calls. */
export function oktaPageHeaders(doc: Document): Record<string, string> {
  const token = doc.getElementById('_xsrfToken')?.textContent?.trim();
  return token ? { 'X-Okta-XsrfToken': token } : {};
}
