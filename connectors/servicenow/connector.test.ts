// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ScanError } from '@/utils/errors';
import { createHttpClient, type HttpRequest, type HttpResponse } from '@/utils/fetcher';
import { hardeningBaselineScore } from './baseline';
import { collectServiceNow } from './collect';
import { serviceNowPageHeaders, tokenRequestEvent, tokenResponseEvent } from './hosts';
import { serviceNowConnector } from './index';
import { propertyQueries, scannedProperties } from './properties';
import { classifyServiceNowResponse, isServiceNowReadOnly } from './responses';
import { openServiceNowSession, recognizeServiceNow } from './session';
import { serviceNowSourceList } from './sources';

const json = (body: unknown, headers: Record<string, string> = {}, status = 200): HttpResponse => ({
  status,
  headers: new Headers({ 'Content-Type': 'application/json', ...headers }),
  text: JSON.stringify(body),
});

/** A fake instance answering by table: rows per table, `X-Total-Count`, paging by sysparm_limit/offset. */
function fakeInstance(tables: Record<string, unknown[]>, options: { hideTotal?: boolean } = {}) {
  const requests: string[] = [];
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request.url);
    const url = new URL(request.url, 'https://acme.service-now.com');
    const [, , , api, table] = url.pathname.split('/');
    if (api === 'stats') return json({ result: { stats: { count: String((tables[table!] ?? []).length) } } });
    const rows = tables[table!] ?? [];
    const limit = Number(url.searchParams.get('sysparm_limit') ?? 10000);
    const offset = Number(url.searchParams.get('sysparm_offset') ?? 0);
    return json({ result: rows.slice(offset, offset + limit) }, options.hideTotal ? {} : { 'X-Total-Count': String(rows.length) });
  };
  const http = createHttpClient({
    send,
    classify: classifyServiceNowResponse,
    isReadOnly: isServiceNowReadOnly,
    maxRequests: serviceNowConnector.requestBudget,
    sleep: async () => undefined,
  });
  return { http, requests };
}

const progress = () => undefined;

describe('recognizing instances', () => {
  it('knows instance pages on both ServiceNow domains, and which are not admin pages', () => {
    expect(recognizeServiceNow('https://acme.service-now.com/now/nav/ui/home')).toEqual({
      hint: 'acme.service-now.com',
      displayName: 'acme',
      isAdminPage: true,
    });
    expect(recognizeServiceNow('https://agency.servicenowservices.com/nav_to.do?uri=x')?.isAdminPage).toBe(true);
    expect(recognizeServiceNow('https://acme.service-now.com/login.do')?.isAdminPage).toBe(false);
    expect(recognizeServiceNow('https://acme.service-now.com/sp?id=index')?.isAdminPage).toBe(false);
    expect(recognizeServiceNow('https://www.service-now.com/')).toBeNull();
    expect(recognizeServiceNow('https://developer.service-now.com/')).toBeNull();
    expect(recognizeServiceNow('http://acme.service-now.com/')).toBeNull();
    expect(recognizeServiceNow('https://acme.service-now.com.evil.example/')).toBeNull();
  });

  it('opens a session only on an admin page with a page to read through, and sends only GETs', async () => {
    const env = { cookies: { get: async () => null, getAll: async () => [] }, fetch };
    await expect(openServiceNowSession(env, { url: 'https://acme.service-now.com/now/nav/ui/home' })).rejects.toThrow(/Reload the ServiceNow tab/);
    await expect(
      openServiceNowSession({ ...env, pageFetch: async () => json({}) }, { url: 'https://acme.service-now.com/login.do' }),
    ).rejects.toThrow(/signed in as an admin/);
    const paths: string[] = [];
    const session = await openServiceNowSession(
      { ...env, pageFetch: async (path) => (paths.push(path), json({ result: [] })) },
      { url: 'https://acme.service-now.com/now/nav/ui/home' },
    );
    expect(session.instance).toEqual({ app: 'servicenow', instanceId: 'acme.service-now.com', name: 'acme', host: 'acme.service-now.com' });
    await session.send({ method: 'GET', url: 'https://acme.service-now.com/api/now/table/sys_properties?x=1', label: '' }, new AbortController().signal);
    expect(paths).toEqual(['/api/now/table/sys_properties?x=1']);
    await expect(session.send({ method: 'POST', url: '/api/now/table/sys_properties', label: '' }, new AbortController().signal)).rejects.toThrow(/only reads/);
  });
});

describe('the page token', () => {
  it('comes from the page-world script, else from the classic form field, else is not sent', () => {
    const answer = (event: Event) => document.dispatchEvent(new CustomEvent(tokenResponseEvent, { detail: 'abc123' }));
    document.addEventListener(tokenRequestEvent, answer);
    expect(serviceNowPageHeaders(document)).toEqual({ 'X-UserToken': 'abc123' });
    document.removeEventListener(tokenRequestEvent, answer);
    document.body.innerHTML = '<input type="hidden" name="sysparm_ck" value="fromform">';
    expect(serviceNowPageHeaders(document)).toEqual({ 'X-UserToken': 'fromform' });
    document.body.innerHTML = '';
    expect(serviceNowPageHeaders(document)).toEqual({});
  });
});

describe('answers', () => {
  it('says what to do for each failure', () => {
    const error = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => classifyServiceNowResponse(json(body, headers, status));
    expect(error(401, { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' } })).toMatchObject({
      outcome: 'fail',
      error: { kind: 'session_expired', message: expect.stringContaining('Reload the ServiceNow tab') },
    });
    expect(error(403)).toMatchObject({ outcome: 'fail', error: { kind: 'forbidden', message: expect.stringContaining('security_admin') } });
    expect(error(429, {}, { 'Retry-After': '7' })).toMatchObject({ outcome: 'retry', afterMs: 7000, error: { kind: 'rate_limited' } });
    expect(error(503)).toMatchObject({ outcome: 'retry', error: { kind: 'server_error' } });
    expect(error(404)).toMatchObject({ outcome: 'fail', error: { kind: 'not_found' } });
  });

  it('treats the login page served in place of JSON as an expired session', () => {
    const page: HttpResponse = { status: 200, headers: new Headers({ 'Content-Type': 'text/html' }), text: '<!DOCTYPE html><html><form action="login.do">' };
    expect(classifyServiceNowResponse(page)).toMatchObject({ outcome: 'fail', error: { kind: 'session_expired' } });
  });

  it('allows only GETs on the Table and Aggregate APIs', () => {
    expect(isServiceNowReadOnly({ method: 'GET', url: '/api/now/table/sys_properties', label: '' })).toBe(true);
    expect(isServiceNowReadOnly({ method: 'GET', url: '/api/now/stats/sys_user', label: '' })).toBe(true);
    expect(isServiceNowReadOnly({ method: 'GET', url: '/api/now/v2/table/sys_user', label: '' })).toBe(true);
    expect(isServiceNowReadOnly({ method: 'POST', url: '/api/now/table/sys_properties', label: '' })).toBe(false);
    expect(isServiceNowReadOnly({ method: 'GET', url: '/sys_properties_list.do', label: '' })).toBe(false);
    expect(isServiceNowReadOnly({ method: 'GET', url: '/api/now/import/x', label: '' })).toBe(false);
  });
});

describe('collecting', () => {
  it('reads every property the catalog needs in two requests, and every other source once on a small instance', async () => {
    const { http, requests } = fakeInstance({ sys_properties: [{ name: 'glide.ui.session_timeout', value: '30' }] });
    const results = await collectServiceNow({ http, progress });
    expect(Object.keys(results).sort()).toEqual(serviceNowSourceList.map((source) => source.id).sort());
    const propertyRequests = requests.filter((url) => url.includes('/sys_properties'));
    expect(propertyQueries(scannedProperties)).toHaveLength(2);
    expect(propertyRequests).toHaveLength(2);
    for (const url of propertyRequests) expect(url.length).toBeLessThan(7000);
    expect(requests).toHaveLength(serviceNowSourceList.length + 1);
    expect(results.properties).toMatchObject({ ok: true, data: { total: 2, requested: scannedProperties } });
    const fields = requests.flatMap((url) => new URL(url, 'https://x').searchParams.get('sysparm_fields')?.split(',') ?? []);
    expect(fields.filter((field) => /secret|password|hash/i.test(field))).toEqual([]);
  });

  it('pages by X-Total-Count, keeps going past short pages, and stops at the source cap', async () => {
    const grants = Array.from({ length: 2500 }, (_, i) => ({ sys_id: `g${i}` }));
    const { http, requests } = fakeInstance({ sys_user_has_role: grants });
    const results = await collectServiceNow({ http, progress }, new Set(['privilegedGrants']));
    expect(results.privilegedGrants).toMatchObject({ ok: true, truncated: false, data: { total: 2500 } });
    expect((results.privilegedGrants as { data: { result: unknown[] } }).data.result).toHaveLength(2500);
    expect(requests.filter((url) => url.includes('sys_user_has_role'))).toHaveLength(3);

    const many = fakeInstance({ sys_user: Array.from({ length: 450 }, (_, i) => ({ sys_id: `u${i}` })) });
    const stale = await collectServiceNow({ http: many.http, progress }, new Set(['staleUsers']));
    expect(stale.staleUsers).toMatchObject({ ok: true, truncated: true, data: { total: 450 } });
    expect(many.requests).toHaveLength(1);
  });

  it('without X-Total-Count, reads until a short page', async () => {
    const { http, requests } = fakeInstance({ sys_user_has_role: Array.from({ length: 1200 }, (_, i) => ({ sys_id: `g${i}` })) }, { hideTotal: true });
    const results = await collectServiceNow({ http, progress }, new Set(['privilegedGrants']));
    expect(results.privilegedGrants).toMatchObject({ ok: true, data: { total: null } });
    expect(requests).toHaveLength(2);
  });

  it('keeps other sources when one fails, and stops the scan when the session expires', async () => {
    const failing = createHttpClient({
      send: async (request) => (request.url.includes('oauth_entity') ? json({}, {}, 403) : json({ result: [] }, { 'X-Total-Count': '0' })),
      classify: classifyServiceNowResponse,
      isReadOnly: isServiceNowReadOnly,
      maxRequests: 60,
      sleep: async () => undefined,
    });
    const results = await collectServiceNow({ http: failing, progress });
    expect(results.oauthEntities).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(results.certificates).toMatchObject({ ok: true });

    const expired = createHttpClient({
      send: async () => json({ error: { message: 'User Not Authenticated' } }, {}, 401),
      classify: classifyServiceNowResponse,
      isReadOnly: isServiceNowReadOnly,
      maxRequests: 60,
      sleep: async () => undefined,
    });
    await expect(collectServiceNow({ http: expired, progress })).rejects.toBeInstanceOf(ScanError);
  });

  it('fails a source whose answer is not a result list', async () => {
    const http = createHttpClient({
      send: async () => ({ status: 200, headers: new Headers({ 'Content-Type': 'application/json' }), text: '{"result": [ {"name":' }),
      classify: classifyServiceNowResponse,
      isReadOnly: isServiceNowReadOnly,
      maxRequests: 60,
      sleep: async () => undefined,
    });
    const results = await collectServiceNow({ http, progress }, new Set(['certificates']));
    expect(results.certificates).toMatchObject({ ok: false, error: { kind: 'malformed', message: expect.stringContaining('X.509 certificates') } });
  });
});

describe('verify', () => {
  it('names the instance by its product description, else its instance name', async () => {
    const answer = (rows: unknown[]) =>
      createHttpClient({ send: async () => json({ result: rows }), classify: classifyServiceNowResponse, isReadOnly: isServiceNowReadOnly, maxRequests: 5 });
    await expect(serviceNowConnector.verify(answer([{ name: 'instance_name', value: 'acme' }, { name: 'glide.product.description', value: 'Acme Corporation' }]))).resolves.toEqual({
      name: 'Acme Corporation',
    });
    await expect(serviceNowConnector.verify(answer([{ name: 'instance_name', value: 'acme' }]))).resolves.toEqual({ name: 'acme' });
    await expect(serviceNowConnector.verify(answer([]))).rejects.toThrow(/connect as an admin/);
  });
});

describe('pages', () => {
  const properties = serviceNowConnector.pages.find((page) => page.key === 'properties')!;

  it('opens the list at the step’s property, in the UI the admin uses', () => {
    expect(serviceNowConnector.pageUrl('https://acme.service-now.com/now/nav/ui/home', properties, 'glide.ui.session_timeout')).toBe(
      'https://acme.service-now.com/now/nav/ui/classic/params/target/sys_properties_list.do%3Fsysparm_query%3Dname%253Dglide.ui.session_timeout',
    );
    expect(serviceNowConnector.pageUrl('https://acme.service-now.com/navpage.do', properties, 'glide.ui.session_timeout')).toBe(
      'https://acme.service-now.com/nav_to.do?uri=%2Fsys_properties_list.do%3Fsysparm_query%3Dname%253Dglide.ui.session_timeout',
    );
    const certificates = serviceNowConnector.pages.find((page) => page.key === 'certificates')!;
    expect(serviceNowConnector.pageUrl('https://acme.service-now.com/navpage.do', certificates)).toBe(
      'https://acme.service-now.com/nav_to.do?uri=%2Fsys_certificate_list.do',
    );
  });

  it('has an anchor for every step that names one', () => {
    for (const control of serviceNowConnector.controls) {
      for (const step of control.remediation.steps) {
        const page = serviceNowConnector.pages.find((candidate) => candidate.key === step.page);
        expect(page, `${control.id} step page ${step.page}`).toBeDefined();
        if (step.anchor) expect(page!.anchors[step.anchor], `${control.id} anchor ${step.anchor}`).toBeDefined();
      }
    }
  });
});

describe('the hardening compliance score', () => {
  it('is the risk-weighted share of compliant settings among those decided', () => {
    const statuses = new Map([
      ['SN.HARD.9v1', 'compliant' as const], // 9.8
      ['SN.HARD.6v1', 'non_compliant' as const], // 4.8
      ['SN.HARD.7v1', 'compliant' as const], // 1.9
      ['SN.HARD.4v1', 'unknown' as const],
    ]);
    const result = hardeningBaselineScore.compute(statuses);
    expect(result).toEqual({ percent: Math.round((100 * (9.8 + 1.9)) / (9.8 + 4.8 + 1.9)), decided: 3, total: 290 });
    expect(hardeningBaselineScore.compute(new Map()).percent).toBeNull();
  });
});
