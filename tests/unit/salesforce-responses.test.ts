import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMetadataEnvelope } from '@/connectors/salesforce/collect';
import { classifySalesforceResponse, isSalesforceReadOnly, salesforceErrorOf } from '@/connectors/salesforce/responses';
import type { HttpRequest, HttpResponse } from '@/utils/fetcher';

const res = (status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});
const restError = (errorCode: string, message = 'Salesforce message') => [{ errorCode, message }];
const soapFault = (code: string, message: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:sf="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><soapenv:Fault>' +
  `<faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring>` +
  '</soapenv:Fault></soapenv:Body></soapenv:Envelope>';

afterEach(() => {
  vi.useRealTimers();
});

describe('reading Salesforce errors', () => {
  it('reads the errorCode of a REST error array', () => {
    expect(salesforceErrorOf(JSON.stringify(restError('INVALID_FIELD', 'No such column')))).toEqual({
      code: 'INVALID_FIELD',
      message: 'No such column',
    });
  });

  it('reads the faultcode of a SOAP fault without its namespace prefix', () => {
    expect(salesforceErrorOf(soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'))).toEqual({
      code: 'INVALID_SESSION_ID',
      message: 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader',
    });
  });

  it('returns nothing for bodies it does not know', () => {
    expect(salesforceErrorOf('<html>Maintenance</html>')).toEqual({});
    expect(salesforceErrorOf('')).toEqual({});
  });
});

describe('classifying Salesforce responses', () => {
  it('accepts 2xx', () => {
    expect(classifySalesforceResponse(res(200, { ok: true })).outcome).toBe('ok');
    expect(classifySalesforceResponse(res(204)).outcome).toBe('ok');
  });

  it.each([
    ['401', res(401, restError('INVALID_SESSION_ID', 'Session expired or invalid'))],
    ['401 without a body', res(401)],
    ['a redirect to the login page (status 0)', res(0)],
    ['a SOAP fault at HTTP 500', res(500, soapFault('INVALID_SESSION_ID', 'Illegal Session'))],
  ])('an expired session (%s) stops the scan and tells the admin to reload Setup', (_name, response) => {
    const verdict = classifySalesforceResponse(response);
    expect(verdict.outcome).toBe('fail');
    if (verdict.outcome === 'ok') return;
    expect(verdict.error.kind).toBe('session_expired');
    expect(verdict.error.message).toMatch(/session expired/i);
    expect(verdict.error.message).toMatch(/Reload Setup/);
  });

  it.each([
    ['REST', res(403, restError('API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner'))],
    ['SOAP', res(500, soapFault('API_DISABLED_FOR_ORG', 'API is not enabled'))],
  ])('API disabled (%s) says which permission is missing', (_name, response) => {
    const verdict = classifySalesforceResponse(response);
    expect(verdict.outcome).toBe('fail');
    if (verdict.outcome === 'ok') return;
    expect(verdict.error.kind).toBe('api_disabled');
    expect(verdict.error.code).toBe('API_DISABLED_FOR_ORG');
    expect(verdict.error.message).toContain('API Enabled');
  });

  it.each([
    ['REST 403', res(403, restError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))],
    ['SOAP', res(500, soapFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))],
  ])('an exhausted daily API limit (%s) is fatal, not retried', (_name, response) => {
    const verdict = classifySalesforceResponse(response);
    expect(verdict.outcome).toBe('fail');
    if (verdict.outcome === 'ok') return;
    expect(verdict.error.kind).toBe('limit_exhausted');
  });

  it('429 is retried after Retry-After seconds', () => {
    const verdict = classifySalesforceResponse(res(429, '', { 'Retry-After': '12' }));
    expect(verdict).toMatchObject({ outcome: 'retry', afterMs: 12_000, error: { kind: 'rate_limited', status: 429 } });
  });

  it('429 with a Retry-After date waits until that date', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const verdict = classifySalesforceResponse(res(429, '', { 'Retry-After': 'Sun, 01 Mar 2026 10:00:30 GMT' }));
    expect(verdict).toMatchObject({ outcome: 'retry', afterMs: 30_000 });
  });

  it('429 without Retry-After leaves the wait to the backoff', () => {
    const verdict = classifySalesforceResponse(res(429));
    expect(verdict.outcome).toBe('retry');
    expect(verdict.outcome === 'retry' && verdict.afterMs).toBeUndefined();
  });

  it('5xx is retried and quotes Salesforce', () => {
    const verdict = classifySalesforceResponse(res(500, restError('UNKNOWN_EXCEPTION', 'An unexpected error occurred')));
    expect(verdict).toMatchObject({ outcome: 'retry', error: { kind: 'server_error', status: 500 } });
    expect(verdict.outcome !== 'ok' && verdict.error.message).toContain('An unexpected error occurred');
    expect(classifySalesforceResponse(res(503, '<html>down</html>', { 'Retry-After': '2' }))).toMatchObject({
      outcome: 'retry',
      afterMs: 2000,
    });
  });

  it('a SOAP fault for a metadata type the org lacks is not retried as a server error', () => {
    const verdict = classifySalesforceResponse(res(500, soapFault('INVALID_TYPE', "Unknown type name 'ConnectedAppSettings'")));
    expect(verdict.outcome).toBe('fail');
    expect(verdict.outcome !== 'ok' && verdict.error.kind).toBe('not_found');
  });

  it('a SOAP fault for missing access is a permission problem, not a server error', () => {
    const verdict = classifySalesforceResponse(res(500, soapFault('INSUFFICIENT_ACCESS', 'insufficient access rights')));
    expect(verdict.outcome).toBe('fail');
    expect(verdict.outcome !== 'ok' && verdict.error.kind).toBe('forbidden');
  });

  it('403 needs View Setup and Configuration', () => {
    const verdict = classifySalesforceResponse(res(403, restError('INSUFFICIENT_ACCESS', 'insufficient access rights')));
    expect(verdict).toMatchObject({ outcome: 'fail', error: { kind: 'forbidden' } });
    expect(verdict.outcome !== 'ok' && verdict.error.message).toBe(
      'Your user cannot read this: it needs "View Setup and Configuration". Ask a Salesforce admin to grant it to your profile or a permission set (or scan as a System Administrator), then scan again. Salesforce said: "insufficient access rights"',
    );
  });

  it('an object or field the org does not have is not_found', () => {
    expect(classifySalesforceResponse(res(400, restError('INVALID_TYPE', "sObject type 'CspTrustedSite' is not supported")))).toMatchObject({
      outcome: 'fail',
      error: { kind: 'not_found', code: 'INVALID_TYPE' },
    });
    expect(classifySalesforceResponse(res(400, restError('INVALID_FIELD', 'No such column')))).toMatchObject({
      error: { kind: 'not_found' },
    });
    expect(classifySalesforceResponse(res(404, restError('NOT_FOUND', 'The requested resource does not exist')))).toMatchObject({
      error: { kind: 'not_found' },
    });
  });

  it('any other rejection is reported with its status', () => {
    const verdict = classifySalesforceResponse(res(400, restError('MALFORMED_QUERY', 'unexpected token')));
    expect(verdict).toMatchObject({ outcome: 'fail', error: { kind: 'malformed', status: 400, code: 'MALFORMED_QUERY' } });
    expect(verdict.outcome !== 'ok' && verdict.error.message).toContain('HTTP 400');
  });
});

describe('read-only allow-list', () => {
  const post = (url: string, body: string): HttpRequest => ({ method: 'POST', url, body, label: 'x' });
  const batch = (methods: string[]) =>
    JSON.stringify({ batchRequests: methods.map((method) => ({ method, url: 'v66.0/query?q=SELECT+Id+FROM+User' })) });
  const composite = (methods: string[]) =>
    JSON.stringify({ compositeRequest: methods.map((method, index) => ({ method, url: '/services/data/v66.0/tooling/query?q=x', referenceId: `r${index}` })) });
  const soap = (operation: string) =>
    '<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:met="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><met:SessionHeader><met:sessionId>00D!x</met:sessionId></met:SessionHeader></soapenv:Header>' +
    `<soapenv:Body><met:${operation}><met:type>SecuritySettings</met:type><met:fullNames>Security</met:fullNames></met:${operation}></soapenv:Body></soapenv:Envelope>`;

  it('allows GETs', () => {
    expect(isSalesforceReadOnly({ method: 'GET', url: '/services/data/v66.0/limits', label: 'x' })).toBe(true);
  });

  it('allows a composite batch only when every subrequest is a GET', () => {
    expect(isSalesforceReadOnly(post('/services/data/v66.0/composite/batch', batch(['GET', 'GET'])))).toBe(true);
    expect(isSalesforceReadOnly(post('https://acme.my.salesforce.com/services/data/v66.0/composite/batch', batch(['GET'])))).toBe(true);
    expect(isSalesforceReadOnly(post('/services/data/v66.0/composite/batch', batch(['GET', 'PATCH'])))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/data/v66.0/composite/batch', batch(['DELETE'])))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/data/v66.0/composite/batch', batch([])))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/data/v66.0/composite/batch', 'not json'))).toBe(false);
  });

  it('allows a tooling composite only when every subrequest is a GET', () => {
    expect(isSalesforceReadOnly(post('/services/data/v66.0/tooling/composite', composite(['GET', 'GET'])))).toBe(true);
    expect(isSalesforceReadOnly(post('/services/data/v66.0/tooling/composite', composite(['GET', 'POST'])))).toBe(false);
    // a tooling body under the batch key does not count
    expect(isSalesforceReadOnly(post('/services/data/v66.0/tooling/composite', batch(['GET'])))).toBe(false);
  });

  it('allows SOAP readMetadata and nothing else', () => {
    expect(isSalesforceReadOnly(post('/services/Soap/m/66.0', soap('readMetadata')))).toBe(true);
    expect(isSalesforceReadOnly(post('/services/Soap/m/66.0', soap('updateMetadata')))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/Soap/m/66.0', soap('deleteMetadata')))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/Soap/m/66.0', soap('readMetadata') + soap('upsertMetadata')))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/Soap/m/66.0', ''))).toBe(false);
  });

  it('allows readMetadata only of the settings and connected apps a scan reads, ten API names at most', () => {
    const read = (type: string, names: string[]) =>
      isSalesforceReadOnly(post('/services/Soap/m/66.0', readMetadataEnvelope({ type, fullName: names }).replace('<!--posture-lens:session-header-->', '<met:SessionHeader><met:sessionId>00D!x</met:sessionId></met:SessionHeader>')));
    const tenApps = Array.from({ length: 10 }, (_, index) => `App_${index}`);
    expect(read('ConnectedApp', ['DataLoader_Pro', 'slackv2__Slack_for_Salesforce'])).toBe(true);
    expect(read('ConnectedApp', tenApps)).toBe(true);
    expect(read('ConnectedAppSettings', ['ConnectedApp'])).toBe(true);
    expect(read('ConnectedApp', [...tenApps, 'App_10'])).toBe(false);
    expect(read('ConnectedApp', [])).toBe(false);
    expect(read('ApexClass', ['Helper'])).toBe(false);
    expect(read('ConnectedApp', ['Data Loader'])).toBe(false);
    expect(read('ConnectedApp', ['a&amp;b'])).toBe(false);
    const twoTypes = readMetadataEnvelope({ type: 'ConnectedApp', fullName: ['A'] }).replace('<met:type>ConnectedApp</met:type>', '<met:type>ConnectedApp</met:type><met:type>ApexClass</met:type>');
    expect(isSalesforceReadOnly(post('/services/Soap/m/66.0', twoTypes))).toBe(false);
  });

  it('refuses every other write', () => {
    expect(isSalesforceReadOnly(post('/services/data/v66.0/sobjects/User', '{"IsActive":false}'))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/data/v66.0/composite', composite(['GET'])))).toBe(false);
    expect(isSalesforceReadOnly(post('/services/Soap/u/66.0', soap('readMetadata')))).toBe(false);
    expect(isSalesforceReadOnly({ method: 'POST', url: '/services/data/v66.0/tooling/executeAnonymous', label: 'x' })).toBe(false);
  });
});

describe('read-only guard against other SOAP operations', () => {
  it('refuses a Metadata API write however its elements are written', async () => {
    const { isSalesforceReadOnly } = await import('@/connectors/salesforce/responses');
    const write = (body: string) => isSalesforceReadOnly({ method: 'POST', url: '/services/Soap/m/66.0', body, label: 'x' });
    expect(write('<soapenv:Envelope><soapenv:Body><met:readMetadata><met:type>SecuritySettings</met:type><met:fullNames>Security</met:fullNames></met:readMetadata></soapenv:Body></soapenv:Envelope>')).toBe(true);
    expect(write('<soapenv:Envelope><soapenv:Body><met:deleteMetadata xmlns:met="x"><met:type>ApexClass</met:type></met:deleteMetadata></soapenv:Body></soapenv:Envelope>')).toBe(false);
    expect(write('<Envelope><Body><readMetadata/><updateMetadata><metadata/></updateMetadata></Body></Envelope>')).toBe(false);
    expect(write('<Envelope><Body><m:upsertMetadata/></Body></Envelope>')).toBe(false);
  });
});
