import { ScanError, type ScanErrorInfo } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Absolute URL, or a path resolved against the session's API host. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Short name of what is read, for progress and the request log. */
  label: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * What a connector makes of a response: the SaaS decides what a rate limit looks like.
 * `pauseMs` asks the client to hold every request for that long (e.g. a remaining quota of zero).
 */
export type ResponseClass =
  | { outcome: 'ok'; pauseMs?: number }
  | { outcome: 'retry'; error: ScanErrorInfo; afterMs?: number; pauseMs?: number }
  | { outcome: 'fail'; error: ScanErrorInfo; pauseMs?: number };

export interface HttpClientOptions {
  send(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse>;
  classify(response: HttpResponse): ResponseClass;
  isReadOnly(request: HttpRequest): boolean;
  maxRequests: number;
  concurrency?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Requests sent so far, retries included. */
  readonly requestCount: number;
  /** Requests still allowed by the budget. */
  readonly remainingBudget: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Requests in flight at once when the connector does not say. */
export const defaultConcurrency = 4;

function createLimiter(concurrency: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so a request that arrives
    // between the hand-over and the waiter's resumption cannot take the slot as well.
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * The one way a scan talks to a SaaS: bounded concurrency, a hard request budget, per-attempt
 * timeouts, retries with exponential backoff and jitter, and the SaaS's own rate-limit signals.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseBackoffMs = options.baseBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const limit = createLimiter(options.concurrency ?? defaultConcurrency);
  let requestCount = 0;
  let pausedUntil = 0;

  async function attempt(request: HttpRequest): Promise<HttpResponse> {
    const wait = pausedUntil - Date.now();
    if (wait > 0) await sleep(wait);
    if (requestCount >= options.maxRequests) {
      throw new ScanError({
        kind: 'request_budget',
        message: `The scan reached its limit of ${options.maxRequests} requests before reading "${request.label}".`,
      });
    }
    requestCount++;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The timeout holds even when a transport does not honour the abort signal.
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error('timed out'));
      }, timeoutMs);
    });
    try {
      return await Promise.race([options.send(request, controller.signal), timedOut]);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new ScanError({
          kind: 'timeout',
          message: `"${request.label}" did not answer within ${Math.round(timeoutMs / 1000)} s. Try again later.`,
        });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new ScanError({
        kind: 'network',
        message: `Could not reach the server for "${request.label}" (${detail}). Check your connection and scan again.`,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  function backoff(attemptNumber: number, afterMs?: number): number {
    if (afterMs !== undefined) return Math.min(afterMs, maxBackoffMs * 4);
    const exponential = Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attemptNumber - 1));
    return Math.round(exponential / 2 + (random() * exponential) / 2);
  }

  async function request(request: HttpRequest): Promise<HttpResponse> {
    if (!options.isReadOnly(request)) {
      throw new ScanError({
        kind: 'unsupported_page',
        message: `Refused to send ${request.method} for "${request.label}": a scan only reads.`,
      });
    }
    return limit(async () => {
      let lastError: ScanErrorInfo | undefined;
      for (let attemptNumber = 1; attemptNumber <= maxAttempts; attemptNumber++) {
        let response: HttpResponse;
        try {
          response = await attempt(request);
        } catch (error) {
          if (!(error instanceof ScanError) || (error.kind !== 'timeout' && error.kind !== 'network')) throw error;
          lastError = error.toInfo();
          if (attemptNumber < maxAttempts) await sleep(backoff(attemptNumber));
          continue;
        }
        const verdict = options.classify(response);
        if (verdict.pauseMs) pausedUntil = Math.max(pausedUntil, Date.now() + verdict.pauseMs);
        if (verdict.outcome === 'ok') return response;
        if (verdict.outcome === 'fail') throw new ScanError(verdict.error);
        lastError = verdict.error;
        if (attemptNumber < maxAttempts) await sleep(backoff(attemptNumber, verdict.afterMs));
      }
      throw new ScanError(lastError ?? { kind: 'network', message: `"${request.label}" failed. Scan again.` });
    });
  }

  return {
    request,
    get requestCount() {
      return requestCount;
    },
    get remainingBudget() {
      return Math.max(0, options.maxRequests - requestCount);
    },
  };
}
