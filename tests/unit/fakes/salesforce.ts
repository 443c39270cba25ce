import type { CookieReader } from '@/utils/connector';

/** Test doubles for the browser pieces a Salesforce session uses. */

export interface FakeCookie {
  name: string;
  value: string;
  /** Host of a host-only cookie, or `.domain` of a domain cookie. */
  domain: string;
  secure?: boolean;
  storeId?: string;
}

const bare = (domain: string) => domain.replace(/^\./, '');
const domainMatches = (cookieDomain: string, domain: string) =>
  bare(cookieDomain) === bare(domain) || bare(cookieDomain).endsWith(`.${bare(domain)}`);

/** Behaves like chrome.cookies for `get` (by URL) and `getAll` (by domain, subdomains included). */
export function cookieJar(cookies: FakeCookie[]): CookieReader {
  const inStore = (cookie: FakeCookie, storeId?: string) => (cookie.storeId ?? '0') === (storeId ?? '0');
  return {
    async get({ url, name, storeId }) {
      const host = new URL(url).hostname;
      const found = cookies.find(
        (cookie) =>
          cookie.name === name &&
          inStore(cookie, storeId) &&
          (cookie.domain.startsWith('.') ? domainMatches(cookie.domain, host) && host.endsWith(bare(cookie.domain)) : cookie.domain === host),
      );
      return found ? { value: found.value, domain: found.domain } : null;
    },
    async getAll({ name, domain, secure, storeId }) {
      return cookies
        .filter(
          (cookie) =>
            cookie.name === name &&
            inStore(cookie, storeId) &&
            domainMatches(cookie.domain, domain) &&
            (secure === undefined || (cookie.secure ?? true) === secure),
        )
        .map((cookie) => ({ value: cookie.value, domain: cookie.domain }));
    },
  };
}

export const acmeOrgId = '00D5g000004ACME';
export const globexOrgId = '00D5g000004GLBX';
export const acmeApiSid = `${acmeOrgId}!AQ4AQAcmeApiSessionSecretValue.x1`;
export const acmeLightningSid = `${acmeOrgId}!AQ4AQAcmeLightningSecret.y2`;
export const globexApiSid = `${globexOrgId}!AQ4AQGlobexApiSessionSecretValue.z3`;
export const globexLightningSid = `${globexOrgId}!AQ4AQGlobexLightningSecret.w4`;

/** Two orgs signed in in the same browser, each with its Lightning and API host cookies. */
export function twoOrgCookies(): FakeCookie[] {
  return [
    { name: 'sid', value: acmeLightningSid, domain: 'acme.lightning.force.com' },
    { name: 'sid', value: globexLightningSid, domain: 'globex.lightning.force.com' },
    { name: 'sid', value: globexApiSid, domain: 'globex.my.salesforce.com' },
    { name: 'sid', value: acmeApiSid, domain: 'acme.my.salesforce.com' },
    { name: 'sid', value: `${acmeOrgId}!AQVisualforce`, domain: 'acme--c.vf.force.com' },
  ];
}

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  init: RequestInit;
}

/** A fetch that answers with `handler` and records every call. */
export function recordingFetch(handler: (call: RecordedCall) => Response | Promise<Response>) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: RecordedCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? init.body : undefined,
      init,
    };
    calls.push(call);
    return handler(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
