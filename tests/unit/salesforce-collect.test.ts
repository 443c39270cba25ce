import { describe, expect, it } from 'vitest';
import { chooseApiVersion, collectSalesforce, newestSupportedApiVersion } from '@/connectors/salesforce/collect';
import { classifySalesforceResponse, isSalesforceReadOnly } from '@/connectors/salesforce/responses';
import { soapSessionSlot } from '@/connectors/salesforce/session';
import { salesforceSources } from '@/connectors/salesforce/sources';
import { ScanError } from '@/utils/errors';
import { createHttpClient } from '@/utils/fetcher';
import { emptyQuery, fakeSalesforceApi, restError, soapFault, type AnswerFor } from './fakes/salesforce-api';

function fakeSalesforce(options: Parameters<typeof fakeSalesforceApi>[0] = {}) {
  const api = fakeSalesforceApi(options);
  const { send, requests, reads } = api;
  const http = createHttpClient({
    send,
    classify: classifySalesforceResponse,
    isReadOnly: isSalesforceReadOnly,
    maxRequests: 25,
    sleep: async () => {},
    random: () => 0,
  });
  const progress: Array<{ done: number; total: number; label: string }> = [];
  return {
    http,
    requests,
    reads,
    progress,
    collect: () => collectSalesforce({ http, progress: (done, total, label) => progress.push({ done, total, label }) }),
  };
}

async function failure(promise: Promise<unknown>): Promise<ScanError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ScanError);
    return error as ScanError;
  }
  throw new Error('expected collection to fail');
}

const restSourceCount = salesforceSources.filter((s) => s.kind === 'query' || s.kind === 'rest').length;
const toolingSourceCount = salesforceSources.filter((s) => s.kind === 'tooling').length;
const metadataSourceCount = salesforceSources.filter((s) => s.kind === 'metadata').length;
const baseRequests = 1 + Math.ceil(restSourceCount / 25) + Math.ceil(toolingSourceCount / 25) + metadataSourceCount;

describe('API version', () => {
  it('uses the newest version the connector supports when the org offers newer ones', async () => {
    const fake = fakeSalesforce({ versions: ['64.0', '65.0', '66.0', '67.0', '68.0'] });
    expect(await chooseApiVersion(fake.http)).toBe(`${newestSupportedApiVersion}.0`);
  });

  it('uses the org\'s newest version when it is older', async () => {
    expect(await chooseApiVersion(fakeSalesforce({ versions: ['60.0', '62.0', '61.0'] }).http)).toBe('62.0');
    const fake = fakeSalesforce({ versions: ['60.0', '62.0', '61.0'] });
    await fake.collect();
    const reads = fake.requests.filter((request) => request.url !== '/services/data/');
    expect(reads).toHaveLength(baseRequests - 1);
    for (const request of reads) expect(request.url).toMatch(/\/v62\.0\/|\/m\/62\.0$/);
    for (const request of reads) expect(request.body ?? '').not.toContain('v66.0');
  });

  it('fails clearly when no supported version is listed', async () => {
    const error = await failure(chooseApiVersion(fakeSalesforce({ versions: ['99.0'] }).http));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/API version/);
  });
});

describe('collecting a Salesforce org', () => {
  it('reads every source in a few batched requests', async () => {
    const fake = fakeSalesforce();
    const results = await fake.collect();
    expect(Object.keys(results).sort()).toEqual(salesforceSources.map((s) => s.id).sort());
    for (const result of Object.values(results)) expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(baseRequests);
    expect(fake.http.requestCount).toBeLessThanOrEqual(25);
  });

  it('sends only reads: GETs, all-GET composites and SOAP readMetadata', async () => {
    const fake = fakeSalesforce();
    await fake.collect();
    for (const request of fake.requests) {
      expect(isSalesforceReadOnly(request)).toBe(true);
      if (request.url.includes('/composite/batch')) {
        const body = JSON.parse(request.body!) as { batchRequests: Array<{ method: string }> };
        expect(body.batchRequests.length).toBeLessThanOrEqual(25);
        expect(body.batchRequests.every((sub) => sub.method === 'GET')).toBe(true);
      }
    }
  });

  it('leaves the SOAP session header slot for the session to fill', async () => {
    const fake = fakeSalesforce();
    const results = await fake.collect();
    const soap = fake.requests.filter((r) => r.url.startsWith('/services/Soap/m/'));
    expect(soap).toHaveLength(metadataSourceCount);
    for (const request of soap) {
      expect(request.body).toContain(soapSessionSlot);
      expect(request.body).toContain('<met:readMetadata>');
      expect(request.body).not.toMatch(/sessionId/);
    }
    expect(results.securitySettings).toMatchObject({ ok: true, data: { xml: expect.stringContaining('SecuritySettings') } });
  });

  it('records a failed subrequest against its source only', async () => {
    const fake = fakeSalesforce({
      answers: { cspTrustedSites: () => restError(400, 'INVALID_TYPE', "sObject type 'CspTrustedSite' is not supported") },
    });
    const results = await fake.collect();
    expect(results.cspTrustedSites).toMatchObject({ ok: false, error: { kind: 'not_found', code: 'INVALID_TYPE' } });
    expect(results.organization?.ok).toBe(true);
    expect(Object.values(results).filter((r) => !r.ok)).toHaveLength(1);
    // a lasting error is not asked again
    expect(fake.reads.get('cspTrustedSites')).toBe(1);
  });

  it('records a failed tooling subrequest against its source only', async () => {
    const fake = fakeSalesforce({ answers: { certificates: () => restError(403, 'INSUFFICIENT_ACCESS') } });
    const results = await fake.collect();
    expect(results.certificates).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(results.healthCheck?.ok).toBe(true);
  });

  it('retries a subrequest that failed with a passing server error, on its own', async () => {
    const rows = { totalSize: 1, done: true, records: [{ Id: '0Ho000000000001' }] };
    const fake = fakeSalesforce({
      answers: {
        connectedApps: (read) => (read === 1 ? restError(503, 'SERVER_UNAVAILABLE') : { status: 200, body: rows }),
        remoteSites: (read) => (read === 1 ? restError(500, 'UNKNOWN_EXCEPTION') : { status: 200, body: rows }),
      },
    });
    const results = await fake.collect();
    expect(results.connectedApps).toEqual({ ok: true, data: rows, truncated: false });
    expect(results.remoteSites).toEqual({ ok: true, data: rows, truncated: false });
    expect(fake.requests).toHaveLength(baseRequests + 2);
    const retries = fake.requests.slice(baseRequests);
    expect(retries.every((r) => r.method === 'GET')).toBe(true);
  });

  it('waits as long as Salesforce\'s Retry-After asks when a batch is rate limited', async () => {
    const api = fakeSalesforceApi();
    let limited = false;
    const sleeps: number[] = [];
    const http = createHttpClient({
      send: async (request) => {
        if (!limited && request.url.endsWith('/composite/batch')) {
          limited = true;
          return { status: 429, headers: new Headers({ 'Retry-After': '9' }), text: '' };
        }
        return api.send(request);
      },
      classify: classifySalesforceResponse,
      isReadOnly: isSalesforceReadOnly,
      maxRequests: 25,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const results = await collectSalesforce({ http, progress: () => {} });
    expect(sleeps).toEqual([9000]);
    expect(results.organization?.ok).toBe(true);
    expect(http.requestCount).toBe(baseRequests + 1);
  });

  it('records the error when the retry fails too', async () => {
    const fake = fakeSalesforce({ answers: { sites: () => restError(503, 'SERVER_UNAVAILABLE', 'Down for maintenance') } });
    const results = await fake.collect();
    expect(results.sites).toMatchObject({ ok: false, error: { kind: 'server_error' } });
    expect(!results.sites!.ok && results.sites!.error.message).toContain('Down for maintenance');
    expect(fake.http.requestCount).toBeLessThanOrEqual(25);
  });

  it.each([
    ['INVALID_SESSION_ID', 401, 'session_expired'],
    ['API_DISABLED_FOR_ORG', 403, 'api_disabled'],
    ['REQUEST_LIMIT_EXCEEDED', 403, 'limit_exhausted'],
  ])('aborts the whole collection when a subrequest says %s', async (code, status, kind) => {
    const fake = fakeSalesforce({ answers: { organization: () => restError(status, code) } });
    const error = await failure(fake.collect());
    expect(error.kind).toBe(kind);
  });

  it('aborts when the session has expired before the first read', async () => {
    const fake = fakeSalesforce({ versions: restError(401, 'INVALID_SESSION_ID') });
    const error = await failure(fake.collect());
    expect(error.kind).toBe('session_expired');
    expect(fake.requests).toHaveLength(1);
  });

  it('aborts when readMetadata says the session is invalid', async () => {
    const fake = fakeSalesforce({ soap: { SecuritySettings: () => ({ status: 500, xml: soapFault('INVALID_SESSION_ID') }) } });
    const error = await failure(fake.collect());
    expect(error.kind).toBe('session_expired');
  });

  it('records a metadata type the org lacks without retrying it', async () => {
    const fake = fakeSalesforce({ soap: { ConnectedAppSettings: () => ({ status: 500, xml: soapFault('INVALID_TYPE') }) } });
    const results = await fake.collect();
    expect(results.connectedAppSettings).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(results.securitySettings?.ok).toBe(true);
    expect(fake.reads.get('ConnectedAppSettings')).toBe(1);
  });

  it('records a batch the server answered in an unexpected form against all its sources', async () => {
    const fake = fakeSalesforce();
    const original = fake.http.request.bind(fake.http);
    fake.http.request = async (request) => {
      const response = await original(request);
      return request.url.endsWith('/composite/batch') ? { ...response, text: '{"results":[]}' } : response;
    };
    const results = await fake.collect();
    expect(results.organization).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(results.healthCheck?.ok).toBe(true);
  });

  describe('paging', () => {
    const page = (ids: string[], next?: string) => ({
      totalSize: 5000,
      done: next === undefined,
      nextRecordsUrl: next,
      records: ids.map((Id) => ({ Id })),
    });

    it('follows nextRecordsUrl and merges the records', async () => {
      const fake = fakeSalesforce({
        answers: { inactiveUsers: () => ({ status: 200, body: page(['u1', 'u2'], '/services/data/v66.0/query/01gUSERS-2000') }) },
        pages: (url) => (url === '/services/data/v66.0/query/01gUSERS-2000' ? { status: 200, body: page(['u3']) } : undefined),
      });
      const results = await fake.collect();
      expect(results.inactiveUsers).toMatchObject({ ok: true, truncated: false, data: { done: true, totalSize: 5000 } });
      const data = (results.inactiveUsers as { data: { records: Array<{ Id: string }> } }).data;
      expect(data.records.map((r) => r.Id)).toEqual(['u1', 'u2', 'u3']);
      expect(fake.requests).toHaveLength(baseRequests + 1);
    });

    it('stops after a few pages per source and marks the source truncated', async () => {
      let served = 0;
      const fake = fakeSalesforce({
        answers: { oauthTokens: () => ({ status: 200, body: page(['t0'], '/services/data/v66.0/query/01gTOKENS-1') }) },
        pages: (url) => {
          const match = /01gTOKENS-(\d+)$/.exec(url);
          if (!match) return undefined;
          served++;
          const n = Number(match[1]);
          return { status: 200, body: page([`t${n}`], `/services/data/v66.0/query/01gTOKENS-${n + 1}`) };
        },
      });
      const results = await fake.collect();
      expect(results.oauthTokens).toMatchObject({ ok: true, truncated: true, data: { done: false } });
      expect(served).toBeLessThanOrEqual(2);
      expect(served).toBeGreaterThan(0);
    });

    it('never exceeds the 25-request budget however many sources page', async () => {
      const queries = salesforceSources.filter((s) => s.kind === 'query' || s.kind === 'tooling');
      const answers: Record<string, AnswerFor> = {};
      for (const source of queries) {
        answers[source.id] = () => ({ status: 200, body: page(['r0'], `/services/data/v66.0/query/01g${source.id}-1`) });
      }
      const fake = fakeSalesforce({
        answers,
        pages: (url) => {
          const match = /01g(\w+)-(\d+)$/.exec(url);
          if (!match) return undefined;
          const n = Number(match[2]);
          return { status: 200, body: page([`r${n}`], `/services/data/v66.0/query/01g${match[1]}-${n + 1}`) };
        },
      });
      const results = await fake.collect();
      expect(fake.requests.length).toBeLessThanOrEqual(25);
      expect(fake.http.requestCount).toBeLessThanOrEqual(25);
      // every source was still read, some only partly
      for (const source of queries) expect(results[source.id]?.ok).toBe(true);
      expect(Object.values(results).some((r) => r.ok && r.truncated)).toBe(true);
    });

    it('keeps the first page when a later page fails', async () => {
      const fake = fakeSalesforce({
        answers: { auditTrail: () => ({ status: 200, body: page(['a1'], '/services/data/v66.0/query/01gAUDIT-2000') }) },
        pages: (url) => (url.includes('01gAUDIT') ? restError(400, 'INVALID_QUERY_LOCATOR') : undefined),
      });
      const results = await fake.collect();
      expect(results.auditTrail).toMatchObject({ ok: true, truncated: true });
      expect((results.auditTrail as { data: { records: unknown[] } }).data.records).toHaveLength(1);
    });
  });

  describe('progress', () => {
    it('counts up to its total and never past it, paging and retries included', async () => {
      const fake = fakeSalesforce({
        answers: {
          sites: (read) => (read === 1 ? restError(503, 'SERVER_UNAVAILABLE') : { status: 200, body: emptyQuery }),
          inactiveUsers: () => ({
            status: 200,
            body: { totalSize: 3, done: false, nextRecordsUrl: '/services/data/v66.0/query/01gP-1', records: [{ Id: 'a' }] },
          }),
        },
        pages: (url) =>
          url.endsWith('01gP-1')
            ? { status: 200, body: { totalSize: 3, done: false, nextRecordsUrl: '/services/data/v66.0/query/01gP-2', records: [{ Id: 'b' }] } }
            : url.endsWith('01gP-2')
              ? { status: 200, body: { totalSize: 3, done: true, records: [{ Id: 'c' }] } }
              : undefined,
      });
      await fake.collect();
      expect(fake.progress.length).toBeGreaterThan(3);
      for (const step of fake.progress) expect(step.done).toBeLessThanOrEqual(step.total);
      const last = fake.progress.at(-1)!;
      expect(last.done).toBe(last.total);
      const dones = fake.progress.map((p) => p.done);
      expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    });
  });
});

describe('connected app OAuth settings (ConnectedApp metadata)', () => {
  const menus = (count: number, namespace: string | null = null) =>
    ({ totalSize: count, done: true, records: Array.from({ length: count }, (_, index) => ({ Id: `0DS${index}`, Label: `App ${index}`, Name: `App_${index}`, NamespacePrefix: namespace })) });
  const connectedAppXml = (body: string) =>
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" ' +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><readMetadataResponse><result>${body}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`;
  const record = (fullName: string) =>
    `<records xsi:type="ConnectedApp"><fullName>${fullName}</fullName><label>${fullName}</label><oauthConfig><callbackUrl>https://x.example/cb</callbackUrl>` +
    '<consumerKey>3MVG9KeyThatMustNotBeKept</consumerKey><consumerSecret>SecretThatMustNotBeKept</consumerSecret><scopes>Full</scopes><scopes>RefreshToken</scopes></oauthConfig>' +
    '<oauthPolicy><ipRelaxation>BYPASS</ipRelaxation><refreshTokenPolicy>infinite</refreshTokenPolicy></oauthPolicy></records>';
  const namesIn = (body: string | undefined) => [...(body ?? '').matchAll(/<met:fullNames>([^<]+)<\/met:fullNames>/g)].map((match) => match[1]!);
  const answerAll = () => ({ status: 200, xml: '' });
  const connectedAppRequests = (fake: ReturnType<typeof fakeSalesforce>) => fake.requests.filter((request) => request.body?.includes('<met:type>ConnectedApp</met:type>'));

  it('reads the installed apps by their API names, ten a call, and keeps only their OAuth settings', async () => {
    const sent: string[][] = [];
    const fake = fakeSalesforce({
      answers: { appMenuItems: () => ({ status: 200, body: menus(12, 'acme') }) },
      soap: {
        ConnectedApp: () => {
          const names = namesIn(connectedAppRequests(fake).at(-1)?.body);
          sent.push(names);
          return { status: 200, xml: connectedAppXml(names.map(record).join('')) };
        },
      },
    });
    const results = await fake.collect();
    expect(sent.map((names) => names.length)).toEqual([10, 2]);
    expect(sent[0]![0]).toBe('acme__App_0');
    const kept = results.connectedAppOauth;
    expect(kept?.ok).toBe(true);
    const data = (kept as { data: { requested: string[]; records: Array<Record<string, unknown>>; unread: unknown[] } }).data;
    expect(data.requested).toHaveLength(12);
    expect(data.unread).toEqual([]);
    expect(data.records[0]).toEqual({ fullName: 'acme__App_0', scopes: ['Full', 'RefreshToken'], ipRelaxation: 'BYPASS', refreshTokenPolicy: 'infinite' });
    expect(JSON.stringify(results)).not.toMatch(/MustNotBeKept|consumer|<\?xml/);
    expect(fake.http.requestCount).toBe(baseRequests + 2);
  });

  it('reads the first 50 apps at most and leaves the others unread, saying why', async () => {
    const fake = fakeSalesforce({
      answers: { appMenuItems: () => ({ status: 200, body: menus(63) }) },
      soap: { ConnectedApp: () => ({ status: 200, xml: connectedAppXml(namesIn(connectedAppRequests(fake).at(-1)?.body).map(record).join('')) }) },
    });
    const results = await fake.collect();
    expect(connectedAppRequests(fake)).toHaveLength(5);
    const data = (results.connectedAppOauth as { data: { records: unknown[]; unread: Array<{ fullNames: string[]; reason: string }> } }).data;
    expect(data.records).toHaveLength(50);
    expect(data.unread.flatMap((entry) => entry.fullNames)).toHaveLength(13);
    expect(data.unread[0]!.reason).toBe('a scan reads the OAuth settings of the first 50 connected apps only, to stay within its request budget');
    expect(fake.http.requestCount).toBeLessThanOrEqual(25);
  });

  it('sends no ConnectedApp read when no connected app is installed', async () => {
    const fake = fakeSalesforce({ soap: { ConnectedApp: answerAll } });
    const results = await fake.collect();
    expect(connectedAppRequests(fake)).toHaveLength(0);
    expect(results.connectedAppOauth).toMatchObject({ ok: true, data: { requested: [], records: [], unread: [] } });
  });

  it('leaves the names of a failed call unread and keeps the others', async () => {
    const fake = fakeSalesforce({
      answers: { appMenuItems: () => ({ status: 200, body: menus(11) }) },
      soap: {
        ConnectedApp: (read) => (read === 1 ? { status: 500, xml: soapFault('INSUFFICIENT_ACCESS') } : { status: 200, xml: connectedAppXml(record('App_10')) }),
      },
    });
    const results = await fake.collect();
    const data = (results.connectedAppOauth as { data: { records: Array<{ fullName: string }>; unread: Array<{ fullNames: string[]; reason: string }> } }).data;
    expect(data.records.map((entry) => entry.fullName)).toEqual(['App_10']);
    expect(data.unread).toHaveLength(1);
    expect(data.unread[0]!.fullNames).toHaveLength(10);
    expect(data.unread[0]!.reason).toMatch(/View Setup and Configuration/);
    expect(results.securitySettings?.ok).toBe(true);
  });

  it('fails the source, and only it, when every call fails or an answer is cut short', async () => {
    const faulted = fakeSalesforce({ answers: { appMenuItems: () => ({ status: 200, body: menus(2) }) }, soap: { ConnectedApp: () => ({ status: 500, xml: soapFault('UNKNOWN_EXCEPTION') }) } });
    const results = await faulted.collect();
    expect(results.connectedAppOauth).toMatchObject({ ok: false, error: { kind: 'server_error' } });
    expect(results.connectedAppSettings?.ok).toBe(true);
    const cut = fakeSalesforce({ answers: { appMenuItems: () => ({ status: 200, body: menus(2) }) }, soap: { ConnectedApp: () => ({ status: 200, xml: connectedAppXml(record('App_0')).slice(0, 300) }) } });
    expect((await cut.collect()).connectedAppOauth).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });

  it('fails the source when the App Launcher entries that name the apps could not be read', async () => {
    const fake = fakeSalesforce({ answers: { appMenuItems: () => restError(400, 'INVALID_FIELD', "No such column 'Name' on entity 'AppMenuItem'") }, soap: { ConnectedApp: answerAll } });
    const results = await fake.collect();
    expect(results.connectedAppOauth).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(!results.connectedAppOauth!.ok && results.connectedAppOauth!.error.message).toContain('installed connected apps could not be listed');
    expect(connectedAppRequests(fake)).toHaveLength(0);
  });

  it('aborts the scan when a ConnectedApp read says the session is invalid', async () => {
    const fake = fakeSalesforce({ answers: { appMenuItems: () => ({ status: 200, body: menus(1) }) }, soap: { ConnectedApp: () => ({ status: 500, xml: soapFault('INVALID_SESSION_ID') }) } });
    expect((await failure(fake.collect())).kind).toBe('session_expired');
  });

  it('reads the App Launcher entries too when only the OAuth settings are asked for', async () => {
    const fake = fakeSalesforce({ answers: { appMenuItems: () => ({ status: 200, body: menus(1) }) }, soap: { ConnectedApp: () => ({ status: 200, xml: connectedAppXml(record('App_0')) }) } });
    const results = await collectSalesforce({ http: fake.http, progress: () => {} }, new Set(['connectedAppOauth']));
    expect(Object.keys(results).sort()).toEqual(['appMenuItems', 'connectedAppOauth']);
    expect(results.connectedAppOauth?.ok).toBe(true);
  });
});
