import type { PageContext, Session, SessionEnvironment, TabRecognition } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import type { HttpRequest } from '@/utils/fetcher';
import { oktaHost } from './hosts';


export function recognizeOkta(url: string): TabRecognition | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const match = parsed.protocol === 'https:' ? oktaHost.exec(parsed.hostname) : null;
  if (!match) return null;
  return { hint: `${match[1]}.${match[3]}`, displayName: match[1]!, isAdminPage: match[2] === '-admin' };
}

/**
 * Okta's Management API answers the Admin Console's session only from the console's own pages (same
 * origin, session cookie, XSRF token in the page), as Okta's own console and Rockstar do. So the reads
 * go through the content script of the admin tab (`env.pageFetch`); the extension never holds a cookie
 * or an API token.
 */
export async function openOktaSession(env: SessionEnvironment, page: PageContext): Promise<Session> {
  const recognition = recognizeOkta(page.url);
  if (!recognition?.isAdminPage) {
    throw new ScanError({
      kind: 'unsupported_page',
      message: 'Open the Okta Admin Console (https://<your org>-admin.okta.com) in this tab, then try again.',
    });
  }
  const pageFetch = env.pageFetch;
  if (!pageFetch) {
    throw new ScanError({ kind: 'unsupported_page', message: 'Reload the Okta Admin Console tab so Posture Lens can read through it.' });
  }
  const adminHost = new URL(page.url).hostname;
  return {
    instance: { app: 'okta', instanceId: recognition.hint, name: recognition.displayName, host: adminHost },
    async send(request: HttpRequest, signal: AbortSignal) {
      if (request.method !== 'GET') {
        throw new ScanError({ kind: 'unsupported_page', message: `Refused to send ${request.method} to Okta: a scan only reads.` });
      }
      const path = request.url.startsWith('https://') ? new URL(request.url).pathname + new URL(request.url).search : request.url;
      return pageFetch(path, signal);
    },
  };
}
