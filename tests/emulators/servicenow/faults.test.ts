import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServiceNowEmulator, startServiceNowEmulator } from './index';
import { call, logIn } from './test-client';

let emulator: ServiceNowEmulator;
let session: Awaited<ReturnType<typeof logIn>>;
const users = (extra = '') => session.api(`/api/now/table/sys_user?sysparm_fields=sys_id,user_name,name&sysparm_query=ORDERBYuser_name${extra}`);
type Rows = { result: Array<Record<string, unknown>> };
beforeAll(async () => {
  emulator = await startServiceNowEmulator();
  session = await logIn(emulator, 'acme');
});
beforeEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

describe('faults', () => {
  it('latency', async () => {
    emulator.setFault({ kind: 'latency', ms: 250, times: 1 });
    const started = Date.now();
    expect((await users()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('invalid_session and forbidden, per instance and match, counted down by times', async () => {
    emulator.clearRequests();
    emulator.setFault({ kind: 'invalid_session', instance: 'globex' });
    expect((await users()).status).toBe(200);
    emulator.clearFaults();
    emulator.setFault({ kind: 'invalid_session', instance: 'acme.service-now.com', match: 'GET /api/now/table/sys_user?', times: 1 });
    const expired = await users();
    expect(expired.status).toBe(401);
    expect(expired.json()).toEqual({ error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' });
    expect((await users()).status).toBe(200);
    // `match` sees the decoded query.
    emulator.setFault({ kind: 'forbidden', match: /sysparm_query=nameIN/, times: 1 });
    expect((await session.api('/api/now/table/sys_properties?sysparm_query=nameINglide.ui.session_timeout')).json()).toEqual({
      error: { message: 'User Not Authorized', detail: 'ACL restricts the record retrieval' }, status: 'failure',
    });
    expect(emulator.requests.filter((entry) => entry.faults).map((entry) => entry.faults)).toEqual([['invalid_session'], ['forbidden']]);
  });

  it('http_429 with Retry-After and rate-limit headers', async () => {
    emulator.setFault({ kind: 'http_429', retryAfterSeconds: 5, times: 1 });
    const response = await users();
    expect(response.status).toBe(429);
    expect(response.json()).toMatchObject({ error: { message: 'Rate limit exceeded', detail: expect.any(String) }, status: 'failure' });
    expect(response.headers['retry-after']).toBe('5');
    expect(response.headers['x-ratelimit-limit']).toBe('100');
    const reset = Number(response.headers['x-ratelimit-reset']);
    expect(reset - Date.now() / 1000).toBeGreaterThan(3.9);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(6);
    expect((await users()).status).toBe(200);
  });

  it('server_error 500 and 503', async () => {
    emulator.setFault({ kind: 'server_error', times: 1 });
    const error = await users();
    expect(error.status).toBe(500);
    expect(error.json()).toMatchObject({ status: 'failure', error: { message: 'Internal Server Error' } });
    emulator.setFault({ kind: 'server_error', status: 503, times: 1 });
    expect((await users()).status).toBe(503);
  });

  it('malformed_json, truncated_json, missing_fields and the other drifts', async () => {
    const whole = (await users()).body;
    emulator.setFault({ kind: 'malformed_json', times: 1 });
    const broken = await users();
    expect(broken.status).toBe(200);
    expect(broken.body).toHaveLength(whole.length);
    expect(() => broken.json()).toThrow();
    emulator.setFault({ kind: 'truncated_json', times: 1 });
    expect((await users()).body).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    emulator.setFault({ kind: 'changed_types', fields: ['name'], times: 1 });
    expect((await users()).json<Rows>().result[0]?.name).toMatchObject({ value: expect.any(String), display_value: expect.any(String) });
    emulator.setFault({ kind: 'renamed_fields', fields: { name: 'full_name' }, times: 1 });
    expect((await users()).json<Rows>().result[0]).toHaveProperty('full_name');
    emulator.setFault({ kind: 'extra_fields', times: 1 });
    expect((await users()).json<Rows>().result[0]).toHaveProperty('addedInLaterRelease');
    emulator.setFault({ kind: 'missing_fields', fields: ['name'], times: 1 });
    const stripped = (await users()).json<Rows>().result;
    expect(stripped[0]).not.toHaveProperty('name');
    expect(stripped[0]).toHaveProperty('user_name');
  });

  it('hidden_rows: rows left out of the page, X-Total-Count unchanged', async () => {
    const full = await users('&sysparm_limit=10');
    emulator.setFault({ kind: 'hidden_rows', every: 3, times: 1 });
    const hidden = await users('&sysparm_limit=10');
    expect(hidden.headers['x-total-count']).toBe(full.headers['x-total-count']);
    const all = full.json<Rows>().result.map((row) => row.user_name);
    expect(hidden.json<Rows>().result.map((row) => row.user_name)).toEqual(all.filter((_, index) => index % 3 !== 2));
    emulator.setFault({ kind: 'hidden_rows', times: 1 });
    expect((await users('&sysparm_limit=10')).json<Rows>().result).toHaveLength(5);
  });

  it('hang and reset', async () => {
    const direct = (timeoutMs?: number) => call(emulator, 'https://acme.service-now.com/api/now/table/sys_user?sysparm_limit=1', { headers: { Cookie: session.cookie, 'X-UserToken': session.token }, timeoutMs });
    emulator.setFault({ kind: 'hang', times: 1 });
    await expect(direct(300)).rejects.toThrow('timeout');
    emulator.setFault({ kind: 'reset', times: 1 });
    await expect(direct()).rejects.toThrow();
    expect((await direct()).status).toBe(200);
  });

  it('never touches pages', async () => {
    emulator.setFault({ kind: 'server_error' });
    expect((await session.page('/home.do')).status).toBe(200);
    expect((await users()).status).toBe(500);
  });
});
