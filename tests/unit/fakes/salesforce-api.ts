import { salesforceSources, type SalesforceSource } from '@/connectors/salesforce/sources';
import type { HttpRequest, HttpResponse } from '@/utils/fetcher';

/**
 * A small in-memory Salesforce API: answers the version list, composite batches, tooling composites,
 * SOAP readMetadata, single query retries and query pages. Each source answers with
 * `answers[sourceId]` (called once per read of that source) or an empty result.
 */
export type Answer = { status: number; body: unknown };
export type AnswerFor = (read: number) => Answer;

export const emptyQuery = { totalSize: 0, done: true, records: [] };
export const restError = (status: number, errorCode: string, message = `${errorCode} message`): Answer => ({
  status,
  body: [{ errorCode, message }],
});
export const soapFault = (code: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>' +
  `<faultcode>sf:${code}</faultcode><faultstring>${code}: message</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

export function fakeSalesforceApi(
  options: {
    versions?: string[] | Answer;
    answers?: Record<string, AnswerFor>;
    soap?: Record<string, (read: number) => { status: number; xml: string }>;
    /** Extra pages by URL. */
    pages?: (url: string) => Answer | undefined;
  } = {},
) {
  const versions = options.versions ?? ['64.0', '65.0', '66.0'];
  const requests: HttpRequest[] = [];
  const reads = new Map<string, number>();
  let version = '66.0';

  const sourceOfPath = (path: string): SalesforceSource | undefined => {
    const relative = path.replace(/^\/services\/data\//, '').replace(/^v\d+\.\d/, '');
    return salesforceSources.find((source) => {
      if (source.kind === 'rest') return relative === source.path;
      if (source.kind === 'query') return relative === `/query?q=${encodeURIComponent(source.soql)}`;
      if (source.kind === 'tooling') return relative === `/tooling/query?q=${encodeURIComponent(source.soql)}`;
      return false;
    });
  };
  const answer = (source: SalesforceSource | undefined): Answer => {
    if (!source) return restError(404, 'NOT_FOUND');
    const count = (reads.get(source.id) ?? 0) + 1;
    reads.set(source.id, count);
    return options.answers?.[source.id]?.(count) ?? { status: 200, body: source.kind === 'rest' ? {} : emptyQuery };
  };
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: new Headers(headers),
    text: typeof body === 'string' ? body : JSON.stringify(body),
  });

  async function send(request: HttpRequest): Promise<HttpResponse> {
    requests.push(request);
    await null;
    const path = request.url.replace(/^https:\/\/[^/]+/, '');
    if (request.method === 'GET' && path === '/services/data/') {
      if (!Array.isArray(versions)) return reply(versions.status, versions.body);
      return reply(200, versions.map((v) => ({ version: v, label: 'x', url: `/services/data/v${v}` })));
    }
    const versionMatch = /^\/services\/(?:data\/v|Soap\/m\/)(\d+\.\d)/.exec(path);
    if (versionMatch) version = versionMatch[1]!;
    if (request.method === 'POST' && path.endsWith('/composite/batch')) {
      const body = JSON.parse(request.body!) as { batchRequests: Array<{ method: string; url: string }> };
      return reply(200, {
        hasErrors: false,
        results: body.batchRequests.map((sub) => {
          const result = answer(sourceOfPath(`/services/data/${sub.url}`));
          return { statusCode: result.status, result: result.body };
        }),
      });
    }
    if (request.method === 'POST' && path.endsWith('/tooling/composite')) {
      const body = JSON.parse(request.body!) as { compositeRequest: Array<{ method: string; url: string; referenceId: string }> };
      return reply(200, {
        compositeResponse: body.compositeRequest.map((sub) => {
          const result = answer(sourceOfPath(sub.url));
          return { body: result.body, httpHeaders: {}, httpStatusCode: result.status, referenceId: sub.referenceId };
        }),
      });
    }
    if (request.method === 'POST' && path.startsWith('/services/Soap/m/')) {
      const type = /<met:type>(\w+)<\/met:type>/.exec(request.body ?? '')?.[1] ?? '';
      const count = (reads.get(type) ?? 0) + 1;
      reads.set(type, count);
      const custom = options.soap?.[type]?.(count);
      if (custom) return reply(custom.status, custom.xml);
      return reply(200, `<readMetadataResponse><result><records><fullName>${type}</fullName></records></result></readMetadataResponse>`);
    }
    if (request.method === 'GET') {
      const page = options.pages?.(path);
      if (page) return reply(page.status, page.body);
      const result = answer(sourceOfPath(path));
      return reply(result.status, result.body);
    }
    return reply(400, [{ errorCode: 'UNEXPECTED', message: `${request.method} ${path}` }]);
  }

  return {
    send,
    requests,
    reads,
    get version() {
      return version;
    },
  };
}

/**
 * The fake API behind `fetch`, as the session reaches it: only `host` answers, and only to `sid`
 * (Bearer for REST, the SOAP SessionHeader for the Metadata API).
 */
export function salesforceFetch(api: ReturnType<typeof fakeSalesforceApi>, host: string, sid: string) {
  const hosts: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    hosts.push(url.hostname);
    if (url.hostname !== host) throw new TypeError(`Failed to fetch ${url.hostname}`);
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = typeof init.body === 'string' ? init.body : undefined;
    const authorised =
      headers.Authorization === `Bearer ${sid}` || (body?.includes(`<met:sessionId>${sid}</met:sessionId>`) ?? false);
    if (!authorised) {
      return new Response(JSON.stringify([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]), { status: 401 });
    }
    const method = init.method === 'POST' ? 'POST' : 'GET';
    const response = await api.send({ method, url: url.pathname + url.search, headers, body, label: 'fetch' });
    return new Response(response.text, { status: response.status, headers: response.headers });
  }) as typeof globalThis.fetch;
  return { fetch, hosts };
}
