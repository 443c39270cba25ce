import type { HttpRequest, HttpResponse, ResponseClass } from '@/utils/fetcher';

/** ServiceNow's REST error body: `{ "error": { "message": "…", "detail": "…" }, "status": "failure" }`. */
export function serviceNowErrorOf(text: string): { message?: string; detail?: string } {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; detail?: unknown } };
    return {
      message: typeof body.error?.message === 'string' ? body.error.message : undefined,
      detail: typeof body.error?.detail === 'string' ? body.error.detail : undefined,
    };
  } catch {
    return {};
  }
}

/** `Retry-After` in seconds (or an HTTP date), as milliseconds. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A page instead of JSON: the session ended and ServiceNow sent its login page (fetch follows the redirect). */
function isLoginPage(response: HttpResponse): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('text/html') || /^\s*<(!doctype|html)/i.test(response.text.slice(0, 200));
}

const sessionExpired = (status: number, said: string): ResponseClass => ({
  outcome: 'fail',
  error: {
    kind: 'session_expired',
    status,
    message: `Your ServiceNow session expired or this page's security token is stale. Reload the ServiceNow tab (log in again if asked), then scan again.${said}`,
  },
});

export function classifyServiceNowResponse(response: HttpResponse): ResponseClass {
  const { status, headers } = response;
  if (status >= 200 && status < 300) return isLoginPage(response) ? sessionExpired(status, '') : { outcome: 'ok' };
  const { message, detail } = serviceNowErrorOf(response.text);
  const said = message ? ` ServiceNow said: "${[message, detail].filter(Boolean).join(' — ')}"` : '';
  if (status === 429) {
    const wait = retryAfterMs(headers) ?? 2000;
    return {
      outcome: 'retry',
      afterMs: wait,
      pauseMs: wait,
      error: { kind: 'rate_limited', status, message: `ServiceNow's REST rate limit was reached and did not reset in time. Scan again later.${said}` },
    };
  }
  if (status === 401) return sessionExpired(status, said);
  if (status === 403) {
    return {
      outcome: 'fail',
      error: { kind: 'forbidden', status, message: `Your ServiceNow role cannot read this: scan as an admin (some settings need security_admin elevation).${said}` },
    };
  }
  if (status === 404) {
    return { outcome: 'fail', error: { kind: 'not_found', status, message: `This instance does not have this table (its plugin is not installed).${said}` } };
  }
  if (status >= 500) {
    return { outcome: 'retry', error: { kind: 'server_error', status, message: `ServiceNow had a server error (HTTP ${status}). Scan again in a few minutes.${said}` } };
  }
  return { outcome: 'fail', error: { kind: 'malformed', status, message: `ServiceNow rejected a read (HTTP ${status}).${said}` } };
}

/** The ServiceNow scan only ever sends GETs to the Table and Aggregate APIs. */
export const isServiceNowReadOnly = (request: HttpRequest) =>
  request.method === 'GET' && /^\/api\/now\/(v\d\/)?(table|stats)\//.test(request.url.startsWith('/') ? request.url : new URL(request.url).pathname);
