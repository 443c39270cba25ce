import { metadataApiName } from './model';
import type { ScanErrorInfo } from '@/utils/errors';
import type { HttpRequest, HttpResponse, ResponseClass } from '@/utils/fetcher';

/** The `[{ errorCode, message }]` body of a REST error, or the faultcode of a SOAP fault. */
export function salesforceErrorOf(text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text) as unknown;
    const first = Array.isArray(body) ? body[0] : body;
    if (first && typeof first === 'object') {
      const { errorCode, message } = first as { errorCode?: unknown; message?: unknown };
      return { code: typeof errorCode === 'string' ? errorCode : undefined, message: typeof message === 'string' ? message : undefined };
    }
  } catch {
    const fault = /<faultcode>(?:[\w-]+:)?([A-Z_]+)<\/faultcode>\s*<faultstring>([^<]*)<\/faultstring>/.exec(text);
    if (fault) return { code: fault[1], message: fault[2] };
  }
  return {};
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const sessionExpired = (code?: string): ScanErrorInfo => ({
  kind: 'session_expired',
  status: 401,
  code,
  message: 'Your Salesforce session expired. Reload Setup (sign in again if asked), then scan again.',
});

/** Error codes that say the org or user lacks something: asking again gives the same answer. */
const lastingCodes: ReadonlySet<string> = new Set(['INVALID_TYPE', 'INVALID_FIELD', 'INSUFFICIENT_ACCESS']);

export function classifySalesforceResponse(response: HttpResponse): ResponseClass {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'ok' };
  const { code, message } = salesforceErrorOf(response.text);
  const detail = message ? ` Salesforce said: "${message}"` : '';
  // fetch with redirect: 'manual' hides a redirect to the login page as status 0.
  if (status === 0 || status === 401 || code === 'INVALID_SESSION_ID') return { outcome: 'fail', error: sessionExpired(code) };
  if (code === 'API_DISABLED_FOR_ORG' || code === 'API_CURRENTLY_DISABLED') {
    return {
      outcome: 'fail',
      error: {
        kind: 'api_disabled',
        status,
        code,
        message:
          'API access is disabled for your user or org. Ask a Salesforce admin to give your profile or a permission set "API Enabled" (and check API Access Control), then scan again.',
      },
    };
  }
  if (status === 429 || (code === 'REQUEST_LIMIT_EXCEEDED' && message !== undefined && /concurrent/i.test(message))) {
    return {
      outcome: 'retry',
      afterMs: retryAfterMs(response.headers),
      error: { kind: 'rate_limited', status, code, message: `Salesforce is limiting requests right now. Wait a minute and scan again.${detail}` },
    };
  }
  // REQUEST_LIMIT_EXCEEDED without "Concurrent" is the rolling 24-hour limit: waiting minutes will not help.
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return {
      outcome: 'fail',
      error: {
        kind: 'limit_exhausted',
        status,
        code,
        message: 'The org has used up its API request limit for the last 24 hours. Scan again once Setup → Company Information shows requests remaining.',
      },
    };
  }
  // SOAP faults always arrive as HTTP 500: a fault that names a lasting condition is not retried.
  if (status >= 500 && !(code && lastingCodes.has(code))) {
    return {
      outcome: 'retry',
      afterMs: retryAfterMs(response.headers),
      error: { kind: 'server_error', status, code, message: `Salesforce had a server error (HTTP ${status}). Scan again in a few minutes.${detail}` },
    };
  }
  if (status === 403 || code === 'INSUFFICIENT_ACCESS') {
    return {
      outcome: 'fail',
      error: { kind: 'forbidden', status, code, message: `Your user cannot read this: it needs "View Setup and Configuration". Ask a Salesforce admin to grant it to your profile or a permission set (or scan as a System Administrator), then scan again.${detail}` },
    };
  }
  if (code === 'INVALID_FIELD' || code === 'INVALID_TYPE' || status === 404) {
    return {
      outcome: 'fail',
      error: { kind: 'not_found', status, code, message: `This org does not offer the data this check reads (feature or licence not present).${detail}` },
    };
  }
  return { outcome: 'fail', error: { kind: 'malformed', status, code, message: `Salesforce rejected a read (HTTP ${status}).${detail}` } };
}

const compositeBatchPath = /^\/services\/data\/v\d+\.\d\/composite\/batch$/;
const toolingCompositePath = /^\/services\/data\/v\d+\.\d\/tooling\/composite$/;
const metadataSoapPath = /^\/services\/Soap\/m\/\d+\.\d$/;
/** Every element a readMetadata envelope may contain, whatever its namespace prefix. */
const readMetadataElements: ReadonlySet<string> = new Set(['Envelope', 'Header', 'Body', 'readMetadata', 'type', 'fullNames', 'SessionHeader', 'sessionId']);
/** The metadata types a scan reads, and no others: settings, and the installed connected apps' OAuth settings. */
const readMetadataTypes: ReadonlySet<string> = new Set(['SecuritySettings', 'ConnectedAppSettings', 'ConnectedApp']);
const readMetadataNamesPerCall = 10;

/** A readMetadata body: one allowed type and one to ten full names that are API names. */
function isAllowedReadMetadata(body: string): boolean {
  const elements = [...body.matchAll(/<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)[\s/>]/g)].map((match) => match[2]);
  if (!elements.includes('readMetadata') || !elements.every((name) => readMetadataElements.has(name!))) return false;
  const valuesOf = (element: string) => [...body.matchAll(new RegExp(`<(?:[\\w.-]+:)?${element}>([^<]*)</(?:[\\w.-]+:)?${element}>`, 'g'))].map((match) => match[1]!);
  const types = valuesOf('type');
  const fullNames = valuesOf('fullNames');
  return (
    types.length === 1 &&
    readMetadataTypes.has(types[0]!) &&
    elements.filter((name) => name === 'type').length === 1 &&
    fullNames.length >= 1 &&
    fullNames.length <= readMetadataNamesPerCall &&
    fullNames.length === elements.filter((name) => name === 'fullNames').length &&
    fullNames.every((name) => metadataApiName.test(name))
  );
}

function allGets(requests: unknown): boolean {
  return (
    Array.isArray(requests) &&
    requests.length > 0 &&
    requests.every((entry) => entry && typeof entry === 'object' && (entry as { method?: unknown }).method === 'GET')
  );
}

/**
 * The scan only reads. GETs pass; the three POSTs that read are allowed by name: composite batches
 * whose every subrequest is a GET, and SOAP readMetadata of the settings and connected apps a scan reads.
 */
export function isSalesforceReadOnly(request: HttpRequest): boolean {
  if (request.method === 'GET') return true;
  const path = request.url.replace(/^https:\/\/[^/]+/, '');
  if (compositeBatchPath.test(path) || toolingCompositePath.test(path)) {
    try {
      const body = JSON.parse(request.body ?? '') as { batchRequests?: unknown; compositeRequest?: unknown };
      return allGets(compositeBatchPath.test(path) ? body.batchRequests : body.compositeRequest);
    } catch {
      return false;
    }
  }
  if (metadataSoapPath.test(path)) return isAllowedReadMetadata(request.body ?? '');
  return false;
}
