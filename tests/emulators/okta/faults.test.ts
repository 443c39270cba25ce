import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOktaEmulator, type OktaEmulator } from './index';
import { call, signIn } from './test-client';

let emulator: OktaEmulator;
let session: Awaited<ReturnType<typeof signIn>>;
const zones = () => session.api('/api/v1/zones');
beforeAll(async () => {
  emulator = await startOktaEmulator();
  session = await signIn(emulator, 'acme');
});
beforeEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

describe('faults', () => {
  it('latency', async () => {
    emulator.setFault({ kind: 'latency', ms: 250, times: 1 });
    const started = Date.now();
    expect((await zones()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('invalid_session and forbidden, per org and match, counted down by times', async () => {
    emulator.clearRequests();
    emulator.setFault({ kind: 'invalid_session', org: 'globex' });
    expect((await zones()).status).toBe(200);
    emulator.clearFaults();
    emulator.setFault({ kind: 'invalid_session', org: 'acme', match: '/api/v1/zones', times: 1 });
    const expired = await zones();
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ errorCode: 'E0000011' });
    expect((await zones()).status).toBe(200);
    emulator.setFault({ kind: 'forbidden', match: /iam\/assignees/, times: 1 });
    expect((await session.api('/api/v1/iam/assignees/users')).json()).toMatchObject({ errorCode: 'E0000006' });
    expect(emulator.requests.filter((entry) => entry.faults).map((entry) => entry.faults)).toEqual([['invalid_session'], ['forbidden']]);
  });

  it('http_429 with reset headers', async () => {
    emulator.setFault({ kind: 'http_429', retryAfterSeconds: 5, times: 1 });
    const response = await zones();
    expect(response.status).toBe(429);
    expect(response.json()).toMatchObject({ errorCode: 'E0000047' });
    expect(response.headers['x-rate-limit-remaining']).toBe('0');
    const reset = Number(response.headers['x-rate-limit-reset']);
    expect(reset - Date.now() / 1000).toBeGreaterThan(3.9);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(6);
  });

  it('server_error 500 and 503', async () => {
    emulator.setFault({ kind: 'server_error', times: 1 });
    expect((await zones()).status).toBe(500);
    emulator.setFault({ kind: 'server_error', status: 503, times: 1 });
    expect((await zones()).status).toBe(503);
  });

  it('malformed_json, truncated_json, missing_fields and the other drifts', async () => {
    const whole = (await zones()).body;
    emulator.setFault({ kind: 'malformed_json', times: 1 });
    const broken = await zones();
    expect(broken.body).toHaveLength(whole.length);
    expect(() => broken.json()).toThrow();
    emulator.setFault({ kind: 'truncated_json', times: 1 });
    expect((await zones()).body).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    emulator.setFault({ kind: 'changed_types', fields: ['system'], times: 1 });
    expect((await zones()).json<Array<Record<string, unknown>>>()[0]?.system).toEqual(expect.any(String));
    emulator.setFault({ kind: 'renamed_fields', fields: { usage: 'zoneUsage' }, times: 1 });
    expect((await zones()).json<Array<Record<string, unknown>>>()[0]).toHaveProperty('zoneUsage');
    emulator.setFault({ kind: 'extra_fields', times: 1 });
    expect((await zones()).json<Array<Record<string, unknown>>>()[0]).toHaveProperty('addedInLaterRelease');
    emulator.setFault({ kind: 'missing_fields', fields: ['usage', 'gateways'], times: 1 });
    const stripped = (await zones()).json<Array<Record<string, unknown>>>();
    expect(stripped[0]).not.toHaveProperty('usage');
    expect(stripped[0]).toHaveProperty('name');
  });

  it('hang and reset', async () => {
    const direct = (timeoutMs?: number) => call(emulator, 'https://acme-admin.okta.com/api/v1/zones', { headers: { Cookie: `sid=${session.sid}` }, timeoutMs });
    emulator.setFault({ kind: 'hang', times: 1 });
    await expect(direct(300)).rejects.toThrow('timeout');
    emulator.setFault({ kind: 'reset', times: 1 });
    await expect(direct()).rejects.toThrow();
    expect((await direct()).status).toBe(200);
  });
});
