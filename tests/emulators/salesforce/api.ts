import { alterBody, isBodyFault, isTextFault, type TextFault } from '../shared/faults';
import { type ErrorAnswer, faultAnswer, invalidSession, limitExceeded, type SalesforceFault, sfError } from './faults';
import type { Row } from './schema';
import { runSoql, SoqlError } from './soql';
import type { OrgState } from './state';

/** REST API: versions, query/tooling query with cursors, limits, composite batch and tooling composite. */
export const latestVersion = 66;
const oldestVersion = 20;
const pageSizeDefault = 2000;
const maxSubrequests = 25;

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Faults that damage the serialised body (malformed_json, truncated_json). */
  textFaults?: TextFault[];
}

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  /** Session already checked against this org (undefined = no or invalid credential). */
  authenticated: boolean;
  /** Sforce-Query-Options header. */
  queryOptions?: string;
  /** Faults whose `match` hits a subrequest URL; consumed. */
  subrequestFaults(url: string): SalesforceFault[];
}

function releaseLabel(version: number): string {
  const index = version - oldestVersion;
  const season = ['Winter', 'Spring', 'Summer'][index % 3] as string;
  const year = 11 + Math.floor(index / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionList() {
  const list = [];
  for (let version = oldestVersion; version <= latestVersion; version++) {
    list.push({ label: releaseLabel(version), url: `/services/data/v${version}.0`, version: `${version}.0` });
  }
  return list;
}

const notFound = () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function fromError(error: ErrorAnswer): Answer {
  return { status: error.status, body: error.body, headers: error.headers };
}

function batchSize(options: string | undefined): number {
  const match = /batchSize=(\d+)/i.exec(options ?? '');
  if (!match) return pageSizeDefault;
  return Math.min(pageSizeDefault, Math.max(200, Number(match[1])));
}

function page(org: OrgState, records: Row[], totalSize: number, offset: number, size: number, base: string, tooling: boolean, locator?: string) {
  const slice = records.slice(offset, offset + size);
  const next = offset + size;
  if (next >= records.length) return { totalSize, done: true, records: slice };
  const id = locator ?? org.saveCursor(records, totalSize, tooling);
  return { totalSize, done: false, nextRecordsUrl: `${base}/${id}-${next}`, records: slice };
}

/** One GET against /services/data/vXX.X/<rest>; shared by direct requests and composite subrequests. */
export function restGet(org: OrgState, version: string, rest: string, query: URLSearchParams, queryOptions?: string): Answer {
  const size = batchSize(queryOptions);
  const route = rest.replace(/\/+$/, '');
  if (route === '') {
    return ok({
      tooling: `/services/data/v${version}/tooling`, metadata: `/services/data/v${version}/metadata`, query: `/services/data/v${version}/query`,
      limits: `/services/data/v${version}/limits`, sobjects: `/services/data/v${version}/sobjects`, composite: `/services/data/v${version}/composite`,
    });
  }
  if (route === '/limits') return ok(org.limits());
  const queryRoute = /^(\/tooling)?\/query(?:All)?(?:\/([^/]+))?$/.exec(route);
  if (!queryRoute) return fromError(notFound());
  const tooling = Boolean(queryRoute[1]);
  const base = `/services/data/v${version}${tooling ? '/tooling' : ''}/query`;
  const locatorPart = queryRoute[2];
  if (locatorPart) {
    const match = /^(01g\w+)-(\d+)$/.exec(locatorPart);
    const cursor = match ? org.cursor(match[1] as string) : undefined;
    if (!match || !cursor || cursor.tooling !== tooling) return fromError(sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator'));
    return ok(page(org, cursor.records, cursor.totalSize, Number(match[2]), size, base, tooling, match[1]));
  }
  const soql = query.get('q');
  if (!soql) return fromError(sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified'));
  try {
    const result = runSoql(soql, org, { api: tooling ? 'tooling' : 'rest', version });
    if (result.records.length === 0) return ok({ totalSize: result.totalSize, done: true, records: [] });
    return ok(page(org, result.records, result.totalSize, 0, size, base, tooling));
  } catch (error) {
    if (error instanceof SoqlError) return fromError(sfError(400, error.errorCode, error.message));
    throw error;
  }
}

/** Applies faults that alter a successful answer, or replaces it by the fault's error. */
export function applyAnswerFaults(answer: Answer, faults: SalesforceFault[]): Answer {
  let result = answer;
  for (const fault of faults) {
    const error = faultAnswer(fault);
    if (error) return fromError(error);
    if (isBodyFault(fault)) result = { ...result, body: alterBody(result.body, [fault]) };
    if (isTextFault(fault)) result = { ...result, textFaults: [...(result.textFaults ?? []), fault] };
  }
  return result;
}

/** Splits "v66.0/query?q=…" or "/services/data/v66.0/query?q=…" into version, path and query. */
function parseSubrequestUrl(url: string): { version: string; rest: string; query: URLSearchParams } | undefined {
  const trimmed = url.replace(/^\/?(services\/data\/)?/, '');
  const match = /^v(\d+\.\d)(\/[^?]*)?(?:\?(.*))?$/.exec(trimmed);
  if (!match) return undefined;
  return { version: match[1] as string, rest: match[2] ?? '', query: new URLSearchParams(match[3] ?? '') };
}

function parseVersion(path: string): { version: string; rest: string } | undefined {
  const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
  if (!match) return undefined;
  const number = Number(match[1]);
  if (number < oldestVersion || number > latestVersion) return undefined;
  return { version: match[1] as string, rest: match[2] ?? '' };
}

export function handleRest(org: OrgState, request: RestRequest): Answer {
  if (/^\/services\/data\/?$/.test(request.path)) {
    return request.method === 'GET' ? ok(versionList()) : fromError(sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are GET,HEAD`));
  }
  if (!request.authenticated) return fromError(invalidSession());
  const parsed = parseVersion(request.path);
  if (!parsed) return fromError(notFound());
  if (org.apiUsed >= org.seed.limits.dailyApiRequests.max) return fromError(limitExceeded());
  org.apiUsed += 1;
  const { version, rest } = parsed;
  const composite = /^\/(tooling\/)?composite(\/batch)?\/?$/.exec(rest);
  if (composite) {
    if (request.method !== 'POST') return fromError(sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are POST`));
    return handleComposite(org, version, Boolean(composite[1]), Boolean(composite[2]), request);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return fromError(sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are GET,HEAD`));
  }
  return restGet(org, version, rest, request.query, request.queryOptions);
}

function handleComposite(org: OrgState, version: string, tooling: boolean, batch: boolean, request: RestRequest): Answer {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return fromError(sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character: was expecting a JSON value'));
  }
  const list = (batch ? payload.batchRequests : payload.compositeRequest) as Array<Record<string, unknown>> | undefined;
  if (!Array.isArray(list) || list.length === 0) {
    return fromError(sfError(400, 'INVALID_BATCH_REQUEST', batch ? 'batchRequests is required' : 'compositeRequest is required'));
  }
  if (list.length > maxSubrequests) {
    return fromError(sfError(400, 'INVALID_BATCH_REQUEST', `Exceeded max limit of subrequests: ${maxSubrequests}`));
  }
  const nonGet = list.find((item) => String(item.method ?? 'GET').toUpperCase() !== 'GET');
  if (nonGet) {
    return fromError(sfError(400, 'INVALID_BATCH_REQUEST', `The emulated org is read-only: subrequest method ${String(nonGet.method)} is not accepted`));
  }
  const answers = list.map((item) => {
    const url = String(item.url ?? '');
    const target = parseSubrequestUrl(url);
    let answer: Answer;
    if (!target) answer = fromError(notFound());
    else if (!batch && !target.rest.startsWith(tooling ? '/tooling/' : '/')) answer = fromError(notFound());
    else answer = restGet(org, target.version, target.rest, target.query, request.queryOptions);
    let decoded = url;
    try {
      decoded = decodeURIComponent(url.replace(/\+/g, ' '));
    } catch {
      // keep the raw URL
    }
    return { item, answer: applyAnswerFaults(answer, request.subrequestFaults(`${url}\n${decoded}`)) };
  });
  // A subrequest's damaged text damages the whole batch answer: it is one JSON document.
  const textFaults = answers.flatMap(({ answer }) => answer.textFaults ?? []);
  if (batch) {
    return {
      status: 200,
      textFaults,
      body: {
        hasErrors: answers.some(({ answer }) => answer.status >= 400),
        results: answers.map(({ answer }) => ({ statusCode: answer.status, result: answer.body })),
      },
    };
  }
  return {
    status: 200,
    textFaults,
    body: {
      compositeResponse: answers.map(({ item, answer }) => ({
        body: answer.body,
        httpHeaders: answer.headers ?? {},
        httpStatusCode: answer.status,
        referenceId: String(item.referenceId ?? ''),
      })),
    },
  };
}
