import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index';
import { call, signIn, soapEnvelope } from './test-client';

let emulator: SalesforceEmulator;
let apiSid: string;
const host = 'acme.my.salesforce.com';
const query = (soql: string) => call(emulator, `https://${host}/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, { headers: { Authorization: `Bearer ${apiSid}` } });
const limits = () => call(emulator, `https://${host}/services/data/v66.0/limits`, { headers: { Authorization: `Bearer ${apiSid}` } });
const batch = (urls: string[]) =>
  call(emulator, `https://${host}/services/data/v66.0/composite/batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiSid}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ haltOnError: false, batchRequests: urls.map((url) => ({ method: 'GET', url })) }),
  });
const soap = () => call(emulator, `https://${host}/services/Soap/m/66.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: soapEnvelope(apiSid, 'SecuritySettings', 'Security') });

beforeAll(async () => {
  emulator = await startSalesforceEmulator();
  apiSid = (await signIn(emulator, 'acme')).apiSid;
});
beforeEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

describe('faults', () => {
  it('latency delays the answer', async () => {
    emulator.setFault({ kind: 'latency', ms: 300 });
    const started = Date.now();
    expect((await limits()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('invalid_session: 401 for REST, SOAP fault with HTTP 500', async () => {
    emulator.setFault({ kind: 'invalid_session', org: 'acme' });
    const rest = await limits();
    expect(rest.status).toBe(401);
    expect(rest.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const fault = await soap();
    expect(fault.status).toBe(500);
    expect(fault.body).toContain('sf:INVALID_SESSION_ID');
  });

  it('api_disabled, request_limit_exceeded, http_429, rate_limited', async () => {
    emulator.setFault({ kind: 'api_disabled', times: 1 });
    expect((await limits()).json()).toEqual([{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }]);
    emulator.setFault({ kind: 'request_limit_exceeded', times: 1 });
    const limited = await limits();
    expect(limited.status).toBe(403);
    expect(limited.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    emulator.setFault({ kind: 'http_429', retryAfterSeconds: 7, times: 1 });
    const tooMany = await limits();
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers['retry-after']).toBe('7');
    emulator.setFault({ kind: 'rate_limited', times: 1 });
    expect((await limits()).headers['retry-after']).toBe('1');
    expect((await limits()).status).toBe(200);
  });

  it('server_error 500 and 503', async () => {
    emulator.setFault({ kind: 'server_error', times: 1 });
    const error = await limits();
    expect(error.status).toBe(500);
    expect(error.json<Array<{ errorCode: string }>>()[0]?.errorCode).toBe('UNKNOWN_EXCEPTION');
    emulator.setFault({ kind: 'server_error', status: 503, times: 1 });
    expect((await limits()).status).toBe(503);
  });

  it('malformed_json keeps the whole body but breaks it; truncated_json cuts it (SOAP too)', async () => {
    const whole = (await limits()).body;
    emulator.setFault({ kind: 'malformed_json', times: 1 });
    const response = await limits();
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(whole.length);
    expect(() => JSON.parse(response.body)).toThrow();
    emulator.setFault({ kind: 'truncated_json', times: 1 });
    // The limits count this very request, so only the length can be compared.
    expect((await limits()).body).toHaveLength(Math.floor(whole.length / 2));
    const xml = (await soap()).body;
    emulator.setFault({ kind: 'truncated_json', match: 'Soap', times: 1 });
    expect((await soap()).body).toBe(xml.slice(0, Math.floor(xml.length / 2)));
  });

  it('forbidden: 403 INSUFFICIENT_ACCESS for REST, a SOAP fault for the Metadata API', async () => {
    emulator.setFault({ kind: 'forbidden', times: 2 });
    const rest = await limits();
    expect(rest.status).toBe(403);
    expect(rest.json<Array<{ errorCode: string }>>()[0]?.errorCode).toBe('INSUFFICIENT_ACCESS');
    expect((await soap()).body).toContain('sf:INSUFFICIENT_ACCESS');
  });

  it('drifts in a batch subrequest: renamed, retyped and extra fields', async () => {
    emulator.setFault({ kind: 'renamed_fields', fields: { UseCount: 'UsageCount' }, match: 'OauthToken', times: 1 });
    emulator.setFault({ kind: 'changed_types', fields: ['IsActive'], match: 'FROM+User', times: 1 });
    emulator.setFault({ kind: 'extra_fields', match: 'FROM+Profile', times: 1 });
    const answer = (await batch(['v66.0/query?q=SELECT+Id,UseCount+FROM+OauthToken', 'v66.0/query?q=SELECT+Id,IsActive+FROM+User+LIMIT+1', 'v66.0/query?q=SELECT+Id+FROM+Profile']))
      .json<{ results: Array<{ result: { records: Array<Record<string, unknown>> } }> }>();
    expect(answer.results[0]?.result.records[0]).toHaveProperty('UsageCount');
    expect(answer.results[1]?.result.records[0]?.IsActive).toBe('true');
    expect(answer.results[2]?.result.records[0]).toHaveProperty('addedInLaterRelease');
  });

  it('missing_fields drops fields from records and XML elements', async () => {
    emulator.setFault({ kind: 'missing_fields', fields: ['LastLoginDate', 'minimumPasswordLength'] });
    const users = (await query('SELECT Id, LastLoginDate FROM User LIMIT 3')).json<{ records: object[] }>();
    expect(users.records.every((record) => !('LastLoginDate' in record))).toBe(true);
    const xml = (await soap()).body;
    expect(xml).not.toContain('minimumPasswordLength');
    expect(xml).toContain('<complexity>');
  });

  it('hang never answers; reset destroys the socket', async () => {
    emulator.setFault({ kind: 'hang', times: 1 });
    await expect(call(emulator, `https://${host}/services/data/v66.0/limits`, { headers: { Authorization: `Bearer ${apiSid}` }, timeoutMs: 300 })).rejects.toThrow(/timeout/);
    emulator.setFault({ kind: 'reset', times: 1 });
    await expect(limits()).rejects.toThrow();
    expect((await limits()).status).toBe(200);
  });

  it('applies only to the matching org, query and number of times', async () => {
    emulator.setFault({ kind: 'server_error', org: 'globex' });
    expect((await limits()).status).toBe(200);
    emulator.clearFaults();
    emulator.setFault({ kind: 'server_error', match: /FROM\s+OauthToken/, times: 2 });
    expect((await query('SELECT Id FROM User LIMIT 1')).status).toBe(200);
    expect((await query('SELECT Id FROM OauthToken')).status).toBe(500);
    expect((await query('SELECT Id FROM OauthToken')).status).toBe(500);
    expect((await query('SELECT Id FROM OauthToken')).status).toBe(200);
  });

  it('never touches the login or Setup pages', async () => {
    emulator.setFault({ kind: 'server_error' });
    expect((await call(emulator, `https://${host}/`)).status).toBe(200);
  });

  it('in a composite batch, a matched subrequest fails inside the batch', async () => {
    emulator.setFault({ kind: 'server_error', match: 'OauthToken' });
    const response = await batch(['v66.0/query?q=SELECT+Id+FROM+OauthToken', 'v66.0/query?q=SELECT+Id+FROM+User+LIMIT+1']);
    expect(response.status).toBe(200);
    const body = response.json<{ hasErrors: boolean; results: Array<{ statusCode: number; result: Array<{ errorCode: string }> }> }>();
    expect(body.hasErrors).toBe(true);
    expect(body.results[0]).toMatchObject({ statusCode: 500, result: [{ errorCode: 'UNKNOWN_EXCEPTION' }] });
    expect(body.results[1]?.statusCode).toBe(200);
    expect(emulator.requests.at(-1)?.faults).toEqual(['subrequest:server_error']);
    emulator.clearFaults();
    emulator.setFault({ kind: 'missing_fields', fields: ['UseCount'], match: 'OauthToken' });
    const dropped = (await batch(['v66.0/query?q=SELECT+Id,UseCount+FROM+OauthToken'])).json<{ results: Array<{ result: { records: object[] } }> }>();
    expect(dropped.results[0]?.result.records.every((record) => !('UseCount' in record))).toBe(true);
  });

  it('in a composite batch, invalid_session and api_disabled answer the whole request', async () => {
    emulator.setFault({ kind: 'invalid_session', match: 'OauthToken', times: 1 });
    expect((await batch(['v66.0/query?q=SELECT+Id+FROM+OauthToken'])).status).toBe(401);
    emulator.setFault({ kind: 'api_disabled', times: 1 });
    expect((await batch(['v66.0/limits'])).status).toBe(403);
    emulator.setFault({ kind: 'hang', match: '/tooling/composite', times: 1 });
    expect((await batch(['v66.0/limits'])).status).toBe(200);
  });
});
