/** ServiceNow instance hosts (import-free: the content scripts use it too). */
export const serviceNowHost = /^([a-z0-9][a-z0-9-]*)\.(service-now\.com|servicenowservices\.com)$/;

/** ServiceNow's own sites on the same domains, which are not customer instances. */
const notInstances = new Set(['www', 'docs', 'developer', 'store', 'signon', 'community', 'nowlearning', 'partnerportal']);

/** Hosts of instances on customers' own domains that the admin allowed (filled by the service worker). */
const customInstanceHosts = new Set<string>();

export function allowCustomInstanceHost(host: string): void {
  customInstanceHosts.add(host.toLowerCase());
}

/** The instance name of a ServiceNow host: its subdomain, or the whole host of an allowed custom domain. */
export function serviceNowInstanceName(host: string): string | undefined {
  const match = serviceNowHost.exec(host);
  if (match) return notInstances.has(match[1]!) ? undefined : match[1];
  return customInstanceHosts.has(host.toLowerCase()) ? host.toLowerCase() : undefined;
}

/** Events the page-world script answers with the page's user token (`g_ck`); the token never leaves the tab. */
export const tokenRequestEvent = 'posture-lens:servicenow-token-request';
export const tokenResponseEvent = 'posture-lens:servicenow-token';

/**
 * The session's anti-CSRF token as ServiceNow's own pages send it (`X-UserToken`): asked of the page-world
 * script (the page global `g_ck`), else read from the `sysparm_ck` field classic forms carry.
 */
export function serviceNowPageHeaders(doc: Document): Record<string, string> {
  let token = '';
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail === 'string') token = detail;
  };
  doc.addEventListener(tokenResponseEvent, listener);
  doc.dispatchEvent(new CustomEvent(tokenRequestEvent));
  doc.removeEventListener(tokenResponseEvent, listener);
  if (!token) token = doc.querySelector<HTMLInputElement>('input[name="sysparm_ck"]')?.value ?? '';
  return token ? { 'X-UserToken': token } : {};
}
