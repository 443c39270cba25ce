import { call, type ClientResponse, cookieValue } from '../salesforce/test-client';
import type { ServiceNowEmulator } from './server';

export { call, cookieValue, type ClientResponse } from '../salesforce/test-client';

/** The user token a page publishes (`window.g_ck = '…'`). */
export const pageToken = (html: string) => /window\.g_ck = '([0-9a-f]+)'/.exec(html)?.[1];

/**
 * Logs in like a browser: form POST /login.do → session cookies → the landing page, whose `g_ck` is the user token.
 * `api(path)` then calls the REST API with the cookies and `X-UserToken`, as the extension does.
 */
export async function logIn(emulator: ServiceNowEmulator, name: string, who: 'admin' | 'nonAdmin' = 'admin', gotoUrl?: string) {
  const instance = emulator.instances.find((candidate) => candidate.name === name);
  if (!instance) throw new Error(`no instance ${name}`);
  const form = new URLSearchParams({ user_name: instance[who].userName, user_password: instance[who].password, ...(gotoUrl ? { sysparm_goto_url: gotoUrl } : {}) });
  const login = await call(emulator, `https://${instance.host}/login.do`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const jsessionId = cookieValue(login.setCookies, 'JSESSIONID') as string;
  const store = cookieValue(login.setCookies, 'glide_session_store') as string;
  const cookie = `JSESSIONID=${jsessionId}; glide_session_store=${store}`;
  const page = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    call(emulator, path.startsWith('https://') ? path : `https://${instance.host}${path}`, { ...options, headers: { Cookie: cookie, ...options.headers } });
  const landing = await page('/now/nav/ui/home');
  const token = pageToken(landing.body) as string;
  const api = (path: string, headers: Record<string, string> = {}, timeoutMs?: number): Promise<ClientResponse> =>
    call(emulator, path.startsWith('https://') ? path : `https://${instance.host}${path}`, { headers: { Cookie: cookie, Accept: 'application/json', 'X-UserToken': token, ...headers }, timeoutMs });
  return { instance, login, jsessionId, cookie, token, page, api };
}
