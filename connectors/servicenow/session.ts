import type { PageContext, Session, SessionEnvironment, TabRecognition } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import type { HttpRequest } from '@/utils/fetcher';
import { serviceNowInstanceName } from './hosts';

/** Pages of an instance where no admin work happens: sign-in, MFA, and the self-service portals. */
const nonAdminPaths = [/^\/login\.do/, /^\/logout/, /^\/validate_multifactor_auth_code\.do/, /^\/(sp|esc|csm|hrportal)(\/|$)/];

export function recognizeServiceNow(url: string): TabRecognition | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const name = parsed.protocol === 'https:' ? serviceNowInstanceName(parsed.hostname) : undefined;
  if (!name) return null;
  return { hint: parsed.hostname, displayName: name, isAdminPage: !nonAdminPaths.some((path) => path.test(parsed.pathname)) };
}

/**
 * ServiceNow's REST API accepts the admin's UI session only with the page's anti-CSRF token (`X-UserToken`,
 * reference §1.1), so reads go through the content script of the admin's tab (`env.pageFetch`): same origin,
 * the session cookies, the token read from the page at each request. The extension never holds either.
 */
export async function openServiceNowSession(env: SessionEnvironment, page: PageContext): Promise<Session> {
  const recognition = recognizeServiceNow(page.url);
  if (!recognition?.isAdminPage) {
    throw new ScanError({
      kind: 'unsupported_page',
      message: 'Open your ServiceNow instance (https://<instance>.service-now.com) in this tab, signed in as an admin, then try again.',
    });
  }
  const pageFetch = env.pageFetch;
  if (!pageFetch) {
    throw new ScanError({ kind: 'unsupported_page', message: 'Reload the ServiceNow tab so Posture Lens can read through it.' });
  }
  const host = new URL(page.url).hostname;
  return {
    instance: { app: 'servicenow', instanceId: host, name: recognition.displayName, host },
    async send(request: HttpRequest, signal: AbortSignal) {
      if (request.method !== 'GET') {
        throw new ScanError({ kind: 'unsupported_page', message: `Refused to send ${request.method} to ServiceNow: a scan only reads.` });
      }
      const path = request.url.startsWith('https://') ? new URL(request.url).pathname + new URL(request.url).search : request.url;
      return pageFetch(path, signal);
    },
  };
}
