import { call, cookieValue } from '../salesforce/test-client';
import type { OktaEmulator } from './server';

export { call, cookieValue } from '../salesforce/test-client';

/** Signs in like a browser: form POST on the org host → sessionCookieRedirect on the admin host → dashboard. */
export async function signIn(emulator: OktaEmulator, name: string, who: 'superAdmin' | 'readOnlyAdmin' = 'superAdmin') {
  const org = emulator.orgs.find((candidate) => candidate.name === name);
  if (!org) throw new Error(`no org ${name}`);
  const login = await call(emulator, `https://${org.orgHost}/login/login.htm`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: org[who].username, password: org[who].password }).toString(),
  });
  const orgSid = cookieValue(login.setCookies, 'sid') as string;
  const transfer = await call(emulator, String(login.headers.location));
  const sid = cookieValue(transfer.setCookies, 'sid') as string;
  const api = (path: string, headers: Record<string, string> = {}) => call(emulator, path.startsWith('https://') ? path : `https://${org.adminHost}${path}`, { headers: { Cookie: `sid=${sid}`, Accept: 'application/json', ...headers } });
  return { org, login, transfer, orgSid, sid, api };
}
