import type { HttpRequest, HttpResponse, ResponseClass } from '@/utils/fetcher';

/** Okta's error body: `{ errorCode: "E0000047", errorSummary: "…" }`. */
export function oktaErrorOf(text: string): { code?: string; summary?: string } {
  try {
    const body = JSON.parse(text) as { errorCode?: unknown; errorSummary?: unknown };
    return {
      code: typeof body.errorCode === 'string' ? body.errorCode : undefined,
      summary: typeof body.errorSummary === 'string' ? body.errorSummary : undefined,
    };
  } catch {
    return {};
  }
}

/** Requests kept in hand before Okta's per-endpoint window resets: below it every request waits for the reset. */
const remainingReserve = 2;

/**
 * Milliseconds until Okta's rate-limit window resets. `X-Rate-Limit-Reset` is epoch seconds; measured
 * against the response's own `Date` so a skewed local clock does not shorten the wait.
 */
export function untilReset(headers: Headers, now = Date.now()): number | undefined {
  const reset = Number(headers.get('X-Rate-Limit-Reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const serverNow = Date.parse(headers.get('Date') ?? '') || now;
  return Math.max(0, reset * 1000 - serverNow) + 250;
}

export function classifyOktaResponse(response: HttpResponse): ResponseClass {
  const { status, headers } = response;
  const remaining = Number(headers.get('X-Rate-Limit-Remaining'));
  const pauseMs = Number.isFinite(remaining) && headers.has('X-Rate-Limit-Remaining') && remaining <= remainingReserve ? untilReset(headers) : undefined;
  if (status >= 200 && status < 300) return { outcome: 'ok', pauseMs };
  const { code, summary } = oktaErrorOf(response.text);
  const detail = summary ? ` Okta said: "${summary}"` : '';
  if (status === 429 || code === 'E0000047') {
    const wait = untilReset(headers) ?? 1000;
    return {
      outcome: 'retry',
      afterMs: wait,
      pauseMs: wait,
      error: { kind: 'rate_limited', status, code, message: `Okta's rate limit was reached and did not reset in time. Scan again in a minute.${detail}` },
    };
  }
  if (status === 401 || code === 'E0000011') {
    return {
      outcome: 'fail',
      error: { kind: 'session_expired', status, code, message: 'Your Okta session expired. Sign in to the Admin Console again, then scan again.' },
    };
  }
  if (status === 403 || code === 'E0000006') {
    return {
      outcome: 'fail',
      error: { kind: 'forbidden', status, code, message: `This needs Super Admin: your admin role cannot read it (Okta ${code ?? '403'}). Sign in to the Admin Console as a Super Administrator, then scan again.` },
    };
  }
  if (status === 404) {
    return { outcome: 'fail', error: { kind: 'not_found', status, code, message: `This org does not offer this data (feature not enabled).${detail}` } };
  }
  if (status >= 500) {
    return { outcome: 'retry', error: { kind: 'server_error', status, code, message: `Okta had a server error (HTTP ${status}). Scan again in a few minutes.${detail}` } };
  }
  return { outcome: 'fail', error: { kind: 'malformed', status, code, message: `Okta rejected a read (HTTP ${status}).${detail}` } };
}

/** The Okta scan only ever sends GETs. */
export const isOktaReadOnly = (request: HttpRequest) => request.method === 'GET';
