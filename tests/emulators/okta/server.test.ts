import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaEmulator, type OktaEmulator } from './index';
import { call, signIn } from './test-client';

let emulator: OktaEmulator;
beforeAll(async () => {
  emulator = await startOktaEmulator();
});
afterAll(() => emulator.close());

const pagePaths = ['/admin/dashboard', '/admin/access/healthinsight', '/admin/access/general', '/admin/access/policies', '/admin/authn/authentication-policies',
  '/admin/access/multifactor', '/admin/access/authenticators/password', '/admin/authn/policies', '/admin/access/networks', '/admin/access/behaviors',
  '/admin/access/identity-providers', '/admin/access/api/tokens', '/admin/access/api/trusted_origins', '/admin/access/admins', '/admin/users', '/admin/apps/active',
  '/admin/lifecycle-automation', '/admin/workflow/eventhooks', '/admin/logStreaming', '/admin/settings/account'];

describe('sign-in', () => {
  it('shows the sign-in form on / and /login/login.htm', async () => {
    for (const path of ['/', '/login/login.htm']) {
      const page = await call(emulator, `https://acme.okta.com${path}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('>Username</label>');
      expect(page.body).toContain('>Password</label>');
      expect(page.body).toContain('value="Sign in"');
    }
  });

  it('sets a host-only sid on the org host and the admin host, then lands on the dashboard', async () => {
    const { login, transfer, orgSid, sid } = await signIn(emulator, 'acme');
    expect(login.status).toBe(302);
    expect(String(login.headers.location)).toMatch(/^https:\/\/acme-admin\.okta\.com\/login\/sessionCookieRedirect\?token=/);
    for (const cookie of [login.setCookies[0], transfer.setCookies[0]]) {
      expect(cookie).toMatch(/^sid=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
      expect(cookie).not.toMatch(/Domain=/i);
    }
    expect(orgSid).toBe(sid);
    expect(transfer.headers.location).toBe('/admin/dashboard');
    const dashboard = await call(emulator, 'https://acme-admin.okta.com/admin/dashboard', { headers: { Cookie: `sid=${sid}` } });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain('Acme Corporation');
  });

  it('rejects a wrong password and redirects anonymous admin pages to sign-in', async () => {
    const wrong = await call(emulator, 'https://acme.okta.com/login/login.htm', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=alice.admin%40acme.example&password=nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.setCookies).toEqual([]);
    const anonymous = await call(emulator, 'https://acme-admin.okta.com/admin/access/policies');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('https://acme.okta.com/login/login.htm?fromURI=%2Fadmin%2Faccess%2Fpolicies');
  });
});

describe('Admin Console pages', () => {
  it('serves every page with a per-session _xsrfToken, the left nav and labelled fields', async () => {
    const first = await signIn(emulator, 'acme');
    const second = await signIn(emulator, 'acme');
    const tokens = new Set<string>();
    for (const { sid } of [first, second]) {
      for (const path of pagePaths) {
        const page = await call(emulator, `https://acme-admin.okta.com${path}`, { headers: { Cookie: `sid=${sid}` } });
        expect(page.status, path).toBe(200);
        const token = /<span id="_xsrfToken" style="display:none">([^<]+)<\/span>/.exec(page.body)?.[1];
        expect(token, path).toBeTruthy();
        tokens.add(token as string);
        expect(page.body).toContain('data-se="o-side-nav-item-SECURITY"');
        expect(page.body).toContain('history.pushState');
      }
    }
    expect(tokens.size).toBe(2);
  });

  it('shows the org values under the console labels', async () => {
    const { sid } = await signIn(emulator, 'acme');
    const get = async (path: string) => (await call(emulator, `https://acme-admin.okta.com${path}`, { headers: { Cookie: `sid=${sid}` } })).body;
    const value = (html: string, label: string) => new RegExp(`<label class="o-form-label" for="(input[0-9a-f]+)">${label.replace(/[()]/g, '\\$&')}</label><div class="o-form-input"><input id="\\1" type="(?:text|checkbox)" name="[^"]*"(?: value="([^"]*)")?( checked)?`).exec(html);
    const password = await get('/admin/access/authenticators/password');
    expect(value(password, 'Minimum length')?.[2]).toBe('8');
    expect(value(password, 'Lock out user after')?.[2]).toBe('Not enabled');
    expect(value(password, 'Lower case letter')?.[3]).toBe(' checked');
    const gsp = await get('/admin/access/policies');
    expect(value(gsp, 'Maximum Okta global session lifetime')?.[2]).toBe('7 days');
    expect(value(gsp, 'Maximum Okta global session idle time')?.[2]).toBe('2 hours');
    const general = await get('/admin/access/general');
    expect(value(general, 'Action')?.[2]).toBe('Log authentication attempts from malicious IPs');
    expect(await get('/admin/access/api/trusted_origins')).toContain('https://*.acme-dev.com');
  });

  it('answers client-side navigation with the main area, and 404s the Classic paths', async () => {
    const { sid } = await signIn(emulator, 'acme');
    const partial = await call(emulator, 'https://acme-admin.okta.com/admin/access/networks', { headers: { Cookie: `sid=${sid}`, 'X-Emulator-Partial': '1' } });
    const json = partial.json<{ title: string; html: string }>();
    expect(json.title).toBe('Networks - Acme Corporation - Admin Console');
    expect(json.html).toContain('DefaultEnhancedDynamicZone');
    for (const path of ['/admin/security/general', '/admin/access/authenticators']) {
      expect((await call(emulator, `https://acme-admin.okta.com${path}`, { headers: { Cookie: `sid=${sid}` } })).status).toBe(404);
    }
  });

  it('escapes seeded text', async () => {
    emulator.org('globex').seed.trustedOrigins.push({ id: 'tosX', name: '<img src=x onerror=alert(1)>', origin: 'https://x.example', status: 'ACTIVE', scopes: [] });
    const { sid } = await signIn(emulator, 'globex');
    const page = await call(emulator, 'https://globex-admin.okta.com/admin/access/api/trusted_origins', { headers: { Cookie: `sid=${sid}` } });
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    emulator.org('globex').seed.trustedOrigins.pop();
  });

  it('hides Super-Admin-only pages from the read-only admin', async () => {
    const { sid } = await signIn(emulator, 'acme', 'readOnlyAdmin');
    const page = await call(emulator, 'https://acme-admin.okta.com/admin/access/api/tokens', { headers: { Cookie: `sid=${sid}` } });
    expect(page.body).toContain('You do not have permission');
    expect(page.body).not.toContain('SIEM export');
  });
});

describe('request log', () => {
  it('records requests without cookie values, passwords or tokens', async () => {
    emulator.clearRequests();
    const { sid, api } = await signIn(emulator, 'acme');
    const page = await call(emulator, 'https://acme-admin.okta.com/admin/dashboard', { headers: { Cookie: `sid=${sid}` } });
    const xsrf = /id="_xsrfToken"[^>]*>([^<]+)/.exec(page.body)?.[1] as string;
    await api('/api/v1/users?limit=2', { 'X-Okta-XsrfToken': xsrf });
    const text = JSON.stringify(emulator.requests);
    expect(text).not.toContain(sid);
    expect(text).not.toContain(xsrf);
    expect(text).not.toContain('Acme-Admin-1!');
    expect(emulator.requests.map((entry) => `${entry.kind} ${entry.method} ${entry.host}${entry.path} ${entry.status}`)).toEqual([
      'login POST acme.okta.com/login/login.htm 302', 'login GET acme-admin.okta.com/login/sessionCookieRedirect 302',
      'page GET acme-admin.okta.com/admin/dashboard 200', 'api GET acme-admin.okta.com/api/v1/users 200',
    ]);
    expect(emulator.requests[3]?.authorization).toBe('cookie');
  });
});
