import { describe, expect, it } from 'vitest';
import { collectOkta, nextFromLinkHeader } from '@/connectors/okta/collect';
import { maxAppsRead } from '@/connectors/okta/sources';
import { classifyOktaResponse, isOktaReadOnly } from '@/connectors/okta/responses';
import { openOktaSession, recognizeOkta } from '@/connectors/okta/session';
import { createHttpClient, type HttpResponse } from '@/utils/fetcher';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: new Headers({ 'Content-Type': 'application/json', ...headers }),
  text: JSON.stringify(body),
});

/** A tiny Okta: answers by path prefix, records what was asked. */
function fakeOkta(routes: Record<string, (path: string) => HttpResponse>) {
  const asked: string[] = [];
  const http = createHttpClient({
    send: async (request) => {
      asked.push(request.url);
      const route = Object.keys(routes)
        .sort((a, b) => b.length - a.length)
        .find((prefix) => request.url.startsWith(prefix));
      return route ? routes[route]!(request.url) : json({ errorCode: 'E0000007', errorSummary: 'Not found' }, 404);
    },
    classify: classifyOktaResponse,
    isReadOnly: isOktaReadOnly,
    maxRequests: 500,
    sleep: async () => undefined,
  });
  return { http, asked };
}

describe('Okta collection', () => {
  it('follows Link headers and body links, reads rules per policy, and keeps a refused read as a "needs Super Admin" error', async () => {
    const { http, asked } = fakeOkta({
      '/api/v1/policies?type=PASSWORD': (path) =>
        path.includes('after=p2')
          ? json([{ id: 'p2', name: 'Contractors' }])
          : json([{ id: 'p1', name: 'Default Policy' }], 200, { Link: '<https://acme-admin.okta.com/api/v1/policies?type=PASSWORD&limit=200&after=p2>; rel="next"' }),
      '/api/v1/policies/p1/rules': () => json([{ id: 'r1' }]),
      '/api/v1/policies/p2/rules': () => json([{ id: 'r2' }]),
      '/api/v1/iam/assignees/users': (path) =>
        path.includes('after=u2')
          ? json({ value: [{ id: 'u2' }], _links: {} })
          : json({ value: [{ id: 'u1' }], _links: { next: { href: 'https://acme-admin.okta.com/api/v1/iam/assignees/users?limit=100&after=u2' } } }),
      '/api/v1/api-tokens': () => json({ errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' }, 403),
    });
    const results = await collectOkta(
      { http, progress: () => undefined },
      new Set(['passwordPolicies', 'passwordPolicyRules', 'adminAssignees', 'apiTokens']),
    );
    expect(results.passwordPolicies).toEqual({ ok: true, truncated: false, data: [{ id: 'p1', name: 'Default Policy' }, { id: 'p2', name: 'Contractors' }] });
    expect(results.passwordPolicyRules).toEqual({ ok: true, truncated: false, data: { p1: [{ id: 'r1' }], p2: [{ id: 'r2' }] } });
    expect(results.adminAssignees).toMatchObject({ ok: true, data: [{ id: 'u1' }, { id: 'u2' }] });
    expect(results.apiTokens).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('needs Super Admin') } });
    expect(asked.every((path) => path.startsWith('/'))).toBe(true);
    expect(asked).toContain('/api/v1/policies?type=PASSWORD&limit=200&after=p2');
  });

  it('stops a listing at its cap and marks it truncated, never reading the whole directory', async () => {
    let pages = 0;
    const { http } = fakeOkta({
      '/api/v1/users': () => {
        pages++;
        return json(Array.from({ length: 200 }, (_, index) => ({ id: `u${pages}-${index}` })), 200, {
          Link: `<https://acme-admin.okta.com/api/v1/users?after=${pages}>; rel="next"`,
        });
      },
    });
    const results = await collectOkta({ http, progress: () => undefined }, new Set(['inactiveUsers']));
    expect(results.inactiveUsers).toMatchObject({ ok: true, truncated: true });
    expect((results.inactiveUsers as { data: unknown[] }).data).toHaveLength(1000);
    expect(pages).toBe(5);
  });

  it('reads grants and client roles only for the org\'s own OpenID Connect apps, up to the bound, and a 404 for integrations as their absence', async () => {
    const oidc = (index: number, type: string) => ({
      id: `0oa${index}`, name: 'oidc_client', label: `App ${index}`, signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { client_id: `client${index}` } }, settings: { oauthClient: { application_type: type } },
    });
    const listed = [
      { id: '0oaAdmin', name: 'saasure', label: 'Okta Admin Console', signOnMode: 'OPENID_CONNECT' },
      { id: '0oaSaml', name: 'salesforce', label: 'Salesforce', signOnMode: 'SAML_2_0' },
      ...Array.from({ length: maxAppsRead + 1 }, (_, index) => oidc(index, index % 2 ? 'web' : 'service')),
    ];
    const { http, asked } = fakeOkta({
      '/api/v1/apps?': () => json(listed),
      '/api/v1/apps/': () => json([]),
      '/oauth2/v1/clients/': () => json([]),
    });
    const results = await collectOkta({ http, progress: () => undefined }, new Set(['appGrants', 'clientRoles', 'apiServiceIntegrations']));
    const grantReads = asked.filter((path) => path.endsWith('/grants'));
    expect(grantReads).toHaveLength(maxAppsRead);
    expect(grantReads).not.toContain('/api/v1/apps/0oaAdmin/grants');
    expect(grantReads).not.toContain('/api/v1/apps/0oaSaml/grants');
    expect(results.appGrants).toMatchObject({ ok: true, truncated: true });
    expect(asked.filter((path) => path.startsWith('/oauth2/v1/clients/'))).toEqual(
      Array.from({ length: 13 }, (_, index) => `/oauth2/v1/clients/client${index * 2}/roles`),
    );
    expect(results.clientRoles).toMatchObject({ ok: true, truncated: false, data: { client0: [] } });
    expect(results.apiServiceIntegrations).toEqual({ ok: true, truncated: false, data: { notFound: true } });
  });

  it('reads the Link header’s next page as a same-origin path', () => {
    expect(nextFromLinkHeader('<https://a-admin.okta.com/api/v1/users?limit=2>; rel="self", <https://a-admin.okta.com/api/v1/users?after=x&limit=2>; rel="next"')).toBe(
      '/api/v1/users?after=x&limit=2',
    );
    expect(nextFromLinkHeader('<https://a-admin.okta.com/api/v1/users?limit=2>; rel="self"')).toBeUndefined();
    expect(nextFromLinkHeader(null)).toBeUndefined();
  });
});

describe('Okta collection, concurrently', () => {
  const admins = { value: ['u1', 'u2', 'u3'].map((id) => ({ id })), _links: {} };

  it("starts each child as soon as its own parent is read, while another source is still being read", async () => {
    let rolesAsked!: () => void;
    const roles = new Promise<void>((resolve) => (rolesAsked = resolve));
    const http = createHttpClient({
      send: async (request) => {
        if (request.url.startsWith('/api/v1/logStreams')) await roles;
        if (request.url.startsWith('/api/v1/users/')) rolesAsked();
        return request.url.startsWith('/api/v1/iam/assignees/users') ? json(admins) : json([]);
      },
      classify: classifyOktaResponse,
      isReadOnly: isOktaReadOnly,
      maxRequests: 100,
      concurrency: 10,
    });
    // Before, children waited for every root: the log-stream read would have waited for the roles forever.
    const results = await collectOkta({ http, progress: () => undefined }, new Set(['logStreams', 'adminRoles']));
    expect(results.adminRoles).toEqual({ ok: true, truncated: false, data: { u1: [], u2: [], u3: [] } });
    expect(results.logStreams).toMatchObject({ ok: true });
  });

  it('reads the items of a parent at once, and the first failure in item order decides, as read one by one', async () => {
    let inFlight = 0;
    let peak = 0;
    const http = createHttpClient({
      send: async (request) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        if (request.url.startsWith('/api/v1/iam/assignees/users')) return json(admins);
        if (request.url === '/api/v1/users/u2/factors') return json({ errorCode: 'E0000006', errorSummary: 'No permission' }, 403);
        if (request.url === '/api/v1/users/u3/factors') return json({ errorCode: 'E0000011', errorSummary: 'Invalid session' }, 401);
        return json([]);
      },
      classify: classifyOktaResponse,
      isReadOnly: isOktaReadOnly,
      maxRequests: 100,
      concurrency: 10,
    });
    const results = await collectOkta({ http, progress: () => undefined }, new Set(['adminFactors']));
    expect(peak).toBe(3);
    // u2's refusal comes first: the source needs Super Admin; u3's expired session would never have been read.
    expect(results.adminFactors).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});

describe('Okta rate limits and errors', () => {
  const reset = 1_800_000_060;
  const date = new Date(1_800_000_000 * 1000).toUTCString();

  it('waits for the window to reset on 429 E0000047, and pauses before running out', () => {
    const limited = classifyOktaResponse(json({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }, 429, { 'X-Rate-Limit-Reset': String(reset), Date: date }));
    expect(limited).toMatchObject({ outcome: 'retry', afterMs: 60_250, error: { kind: 'rate_limited' } });
    const low = classifyOktaResponse(json([], 200, { 'X-Rate-Limit-Remaining': '1', 'X-Rate-Limit-Reset': String(reset), Date: date }));
    expect(low).toEqual({ outcome: 'ok', pauseMs: 60_250 });
    expect(classifyOktaResponse(json([], 200, { 'X-Rate-Limit-Remaining': '40', 'X-Rate-Limit-Reset': String(reset) }))).toEqual({ outcome: 'ok', pauseMs: undefined });
  });

  it('says the session expired on 401 and that Super Admin is needed on 403', () => {
    expect(classifyOktaResponse(json({ errorCode: 'E0000011' }, 401))).toMatchObject({ outcome: 'fail', error: { kind: 'session_expired' } });
    expect(classifyOktaResponse(json({ errorCode: 'E0000006' }, 403))).toMatchObject({ outcome: 'fail', error: { kind: 'forbidden', message: 'This needs Super Admin: your admin role cannot read it (Okta E0000006). Sign in to the Admin Console as a Super Administrator, then scan again.' } });
  });
});

describe('Okta session', () => {
  it('recognises the Admin Console and the end-user org, on every Okta domain', () => {
    expect(recognizeOkta('https://acme-admin.okta.com/admin/dashboard')).toEqual({ hint: 'acme.okta.com', displayName: 'acme', isAdminPage: true });
    expect(recognizeOkta('https://dev-123-admin.oktapreview.com/admin/users')).toMatchObject({ hint: 'dev-123.oktapreview.com', isAdminPage: true });
    expect(recognizeOkta('https://acme.okta-emea.com/app/UserHome')).toMatchObject({ isAdminPage: false });
    expect(recognizeOkta('https://example.com/')).toBeNull();
  });

  it('reads through the admin page only, and only with GET', async () => {
    const paths: string[] = [];
    const env = {
      cookies: { get: async () => null, getAll: async () => [] },
      fetch,
      pageFetch: async (path: string) => {
        paths.push(path);
        return json({ companyName: 'Acme' });
      },
    };
    const session = await openOktaSession(env, { url: 'https://acme-admin.okta.com/admin/dashboard' });
    expect(session.instance).toEqual({ app: 'okta', instanceId: 'acme.okta.com', name: 'acme', host: 'acme-admin.okta.com' });
    await session.send({ method: 'GET', url: '/api/v1/org', label: 'Org' }, new AbortController().signal);
    expect(paths).toEqual(['/api/v1/org']);
    await expect(session.send({ method: 'POST', url: '/api/v1/users', label: 'x' }, new AbortController().signal)).rejects.toThrow(/only reads/);
    await expect(openOktaSession({ ...env, pageFetch: undefined }, { url: 'https://acme-admin.okta.com/admin/dashboard' })).rejects.toThrow(/Reload the Okta Admin Console/);
    await expect(openOktaSession(env, { url: 'https://acme.okta.com/app/UserHome' })).rejects.toThrow(/Open the Okta Admin Console/);
  });
});
