import type { CookieReader, PageContext, Session, SessionEnvironment, TabRecognition } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import type { HttpRequest } from '@/utils/fetcher';

/**
 * Salesforce keeps one HttpOnly `sid` cookie per host. The Lightning and Visualforce ones are
 * rejected by the API, so the API host is found the way Salesforce Inspector Reloaded does: the
 * `sid` value starts with the 15/18-character org id and "!", and the cookie with the same prefix on a
 * salesforce.com domain belongs to the org's My Domain API host. Matching on the org id keeps several
 * orgs open in one browser apart.
 */

const salesforceHost = /^([a-z0-9-]+(?:--[a-z0-9-]+)?)\.(?:(sandbox|develop|scratch|demo|patch|trailblaze)\.)?(my\.salesforce\.com|lightning\.force\.com|my\.salesforce-setup\.com|my\.site\.com|vf\.force\.com|my\.visualforce\.com)$/;
const cookieDomains = ['salesforce.com', 'cloudforce.com', 'salesforce.mil', 'cloudforce.mil', 'sfcrmproducts.cn', 'force.com'];
const orgIdPattern = /^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/** Where the soap connector leaves room for the session header; only `send` fills it, in memory. */
export const soapSessionSlot = '<!--posture-lens:session-header-->';

export function recognizeSalesforce(url: string): TabRecognition | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const match = salesforceHost.exec(parsed.hostname);
  if (!match) return null;
  const [, myDomain, , family] = match;
  const isAdminPage = family === 'my.salesforce.com' || family === 'lightning.force.com' || family === 'my.salesforce-setup.com';
  return { hint: myDomain!, displayName: myDomain!, isAdminPage };
}

export function orgIdOfSid(sid: string): string | null {
  const prefix = sid.split('!')[0] ?? '';
  return orgIdPattern.test(prefix) ? prefix : null;
}

/** Converts a 15-character Salesforce id to its case-safe 18-character form. */
export function toCaseSafeId(id: string): string {
  if (id.length !== 15) return id;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let position = 0; position < 5; position++) {
      const character = id.charAt(chunk * 5 + position);
      if (character >= 'A' && character <= 'Z') bits |= 1 << position;
    }
    suffix += alphabet.charAt(bits);
  }
  return id + suffix;
}

/** `acme.lightning.force.com` → `acme.my.salesforce.com`: Lightning hosts redirect, and a redirect drops the Authorization header. */
export function toApiHost(host: string): string {
  return host
    .replace(/^\./, '')
    .replace(/\.lightning\.force\.com$/, '.my.salesforce.com')
    .replace(/\.my\.salesforce-setup\.com$/, '.my.salesforce.com');
}

async function findApiCookie(cookies: CookieReader, orgId: string, storeId?: string) {
  const matches: Array<{ value: string; domain: string }> = [];
  for (const domain of cookieDomains) {
    const found = await cookies.getAll({ name: 'sid', domain, secure: true, storeId });
    for (const cookie of found) {
      if (cookie.value.startsWith(`${orgId}!`) && !cookie.domain.endsWith('help.salesforce.com')) matches.push(cookie);
    }
  }
  return (
    matches.find((cookie) => /\.my\.salesforce\.com$/.test(cookie.domain)) ??
    matches.find((cookie) => /salesforce\.com$/.test(cookie.domain))
  );
}

export async function openSalesforceSession(env: SessionEnvironment, page: PageContext): Promise<Session> {
  const recognition = recognizeSalesforce(page.url);
  if (!recognition) {
    throw new ScanError({ kind: 'unsupported_page', message: 'This tab is not a Salesforce page. Open Salesforce Setup and try again.' });
  }
  const pageCookie = await env.cookies.get({ url: page.url, name: 'sid', storeId: page.cookieStoreId });
  const orgId = pageCookie ? orgIdOfSid(pageCookie.value) : null;
  if (!pageCookie || !orgId) {
    throw new ScanError({
      kind: 'not_signed_in',
      message: 'You are not signed in to Salesforce in this tab. Sign in to Setup, reload the page and try again.',
    });
  }
  const apiCookie = await findApiCookie(env.cookies, orgId, page.cookieStoreId);
  if (!apiCookie) {
    throw new ScanError({
      kind: 'session_expired',
      message: `No API session was found for this org. Open https://${toApiHost(new URL(page.url).hostname)} in a tab (or reload Setup) and try again.`,
    });
  }
  const apiHost = toApiHost(apiCookie.domain);
  const sid = apiCookie.value;
  return {
    instance: {
      app: 'salesforce',
      instanceId: toCaseSafeId(orgId),
      name: apiHost.split('.')[0] ?? apiHost,
      host: apiHost,
    },
    async send(request: HttpRequest, signal: AbortSignal) {
      const isSoap = request.url.startsWith('/services/Soap/');
      const url = request.url.startsWith('https://') ? request.url : `https://${apiHost}${request.url}`;
      if (new URL(url).hostname !== apiHost) {
        throw new ScanError({ kind: 'unsupported_page', message: `Refused to send the session to ${new URL(url).hostname}.` });
      }
      const headers: Record<string, string> = {
        Accept: isSoap ? 'text/xml' : 'application/json',
        'Sforce-Call-Options': 'client=PostureLens',
        ...request.headers,
      };
      if (!isSoap) headers.Authorization = `Bearer ${sid}`;
      const body = isSoap && request.body ? request.body.replace(soapSessionSlot, soapSessionHeader(sid)) : request.body;
      const response = await env.fetch(url, { method: request.method, headers, body, signal, credentials: 'omit', redirect: 'manual' });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
  };
}

function soapSessionHeader(sid: string): string {
  const escaped = sid.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<met:SessionHeader><met:sessionId>${escaped}</met:sessionId></met:SessionHeader>`;
}
