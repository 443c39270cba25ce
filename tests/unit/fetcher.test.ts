import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionClient } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import { createHttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse, type ResponseClass } from '@/utils/fetcher';

const get = (label = 'thing', url = '/x'): HttpRequest => ({ method: 'GET', url, label });
const response = (status = 200, text = '{}', headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: new Headers(headers),
  text,
});

/** Status-based classification, as a connector would do it. */
function classify(res: HttpResponse): ResponseClass {
  if (res.status === 200) return { outcome: 'ok' };
  if (res.status === 429) {
    const after = res.headers.get('Retry-After');
    return {
      outcome: 'retry',
      afterMs: after ? Number(after) * 1000 : undefined,
      error: { kind: 'rate_limited', status: 429, message: 'slow down' },
    };
  }
  if (res.status >= 500) return { outcome: 'retry', error: { kind: 'server_error', status: res.status, message: 'server error' } };
  return { outcome: 'fail', error: { kind: 'forbidden', status: res.status, message: 'forbidden' } };
}

function client(overrides: Partial<HttpClientOptions> & Pick<HttpClientOptions, 'send'>) {
  const sleeps: number[] = [];
  const http = createHttpClient({
    classify,
    isReadOnly: (request) => request.method === 'GET',
    maxRequests: 100,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { http, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<ScanError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ScanError);
    return error as ScanError;
  }
  throw new Error('expected the request to fail');
}

/** A deterministic pseudo-random sequence. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HTTP client', () => {
  it('returns the response of a successful read', async () => {
    const { http } = client({ send: async () => response(200, '{"a":1}') });
    const result = await http.request(get());
    expect(result.text).toBe('{"a":1}');
    expect(http.requestCount).toBe(1);
    expect(http.remainingBudget).toBe(99);
  });

  describe('request budget', () => {
    it('never sends more than the budget, retries included', async () => {
      let sent = 0;
      const { http } = client({
        maxRequests: 5,
        send: async () => {
          sent++;
          return response(503);
        },
      });
      const results = await Promise.allSettled([http.request(get('a')), http.request(get('b')), http.request(get('c'))]);
      expect(sent).toBe(5);
      expect(http.requestCount).toBe(5);
      expect(http.remainingBudget).toBe(0);
      const kinds = results.map((r) => (r.status === 'rejected' ? (r.reason as ScanError).kind : 'ok'));
      expect(kinds).toContain('request_budget');
    });

    it('refuses a request once the budget is spent and says which read was skipped', async () => {
      let sent = 0;
      const { http } = client({
        maxRequests: 2,
        send: async () => {
          sent++;
          return response();
        },
      });
      await http.request(get('one'));
      await http.request(get('two'));
      const error = await rejection(http.request(get('Users')));
      expect(error.kind).toBe('request_budget');
      expect(error.message).toContain('2 requests');
      expect(error.message).toContain('Users');
      expect(sent).toBe(2);
    });
  });

  describe('concurrency', () => {
    it("keeps a session's requests within its connector's concurrency, unless the caller sets another", async () => {
      const peakOf = async (options: { concurrency?: number }) => {
        let inFlight = 0;
        let peak = 0;
        const send = async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight--;
          return response();
        };
        const http = sessionClient({ classifyResponse: classify, isReadOnly: () => true, concurrency: 6 }, { send }, { maxRequests: 20, ...options });
        await Promise.all(Array.from({ length: 20 }, (_, index) => http.request(get(`r${index}`))));
        return peak;
      };
      expect(await peakOf({})).toBe(6);
      expect(await peakOf({ concurrency: 2 })).toBe(2);
    });

    it('never has more requests in flight than allowed', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const { http } = client({
        concurrency: 3,
        send: async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight--;
          return response();
        },
      });
      await Promise.all(Array.from({ length: 12 }, (_, index) => http.request(get(`r${index}`))));
      expect(maxInFlight).toBe(3);
      expect(http.requestCount).toBe(12);
    });

    it('holds under requests that start while others finish (interleaved completion)', async () => {
      const random = seeded(7);
      const ticks = async (count: number) => {
        for (let index = 0; index < count; index++) await null;
      };
      let inFlight = 0;
      let maxInFlight = 0;
      const { http } = client({
        concurrency: 2,
        maxRequests: 1000,
        send: async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await ticks(Math.floor(random() * 12));
          inFlight--;
          return response();
        },
      });
      // Workers issue their next request after a varying number of microtasks, so new requests
      // arrive at every moment of another request's completion.
      const worker = async () => {
        for (let index = 0; index < 20; index++) {
          await ticks(Math.floor(random() * 12));
          await http.request(get());
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      expect(http.requestCount).toBe(160);
      expect(maxInFlight).toBe(2);
    });

    it('a slot is held while a request waits to retry', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      let calls = 0;
      const { http } = client({
        concurrency: 1,
        send: async () => {
          calls++;
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await null;
          inFlight--;
          return calls % 2 === 1 ? response(503) : response();
        },
      });
      await Promise.all([http.request(get()), http.request(get()), http.request(get())]);
      expect(maxInFlight).toBe(1);
      expect(calls).toBe(6);
    });
  });

  describe('timeouts', () => {
    it('turns a read that does not answer in time into a timeout error with a message', async () => {
      vi.useFakeTimers();
      let attempts = 0;
      const { http } = client({
        timeoutMs: 5000,
        maxAttempts: 2,
        send: (_request, signal) => {
          attempts++;
          return new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          });
        },
      });
      const pending = rejection(http.request(get('Security settings')));
      await vi.advanceTimersByTimeAsync(4999);
      expect(attempts).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await vi.advanceTimersByTimeAsync(5000);
      const error = await pending;
      expect(attempts).toBe(2);
      expect(error.kind).toBe('timeout');
      expect(error.message).toContain('Security settings');
      expect(error.message).toContain('5 s');
    });

    it('times out even when the transport ignores the abort signal', async () => {
      vi.useFakeTimers();
      const { http } = client({
        timeoutMs: 1000,
        maxAttempts: 1,
        send: () => new Promise<HttpResponse>(() => {}),
      });
      const pending = rejection(http.request(get('Users')));
      await vi.advanceTimersByTimeAsync(1000);
      const error = await pending;
      expect(error.kind).toBe('timeout');
    });

    it('retries after a timeout and succeeds', async () => {
      vi.useFakeTimers();
      let attempts = 0;
      const { http, sleeps } = client({
        timeoutMs: 100,
        send: (_request, signal) => {
          attempts++;
          if (attempts > 1) return Promise.resolve(response(200, 'late but fine'));
          return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
        },
      });
      const pending = http.request(get());
      await vi.advanceTimersByTimeAsync(100);
      await expect(pending).resolves.toMatchObject({ text: 'late but fine' });
      expect(sleeps).toHaveLength(1);
    });
  });

  describe('retries', () => {
    it('retries server errors with exponential backoff and jitter, then gives the last error', async () => {
      const randoms = [0, 1, 0.5];
      let sent = 0;
      const { http, sleeps } = client({
        maxAttempts: 4,
        baseBackoffMs: 100,
        random: () => randoms.shift() ?? 0,
        send: async () => {
          sent++;
          return response(503);
        },
      });
      const error = await rejection(http.request(get()));
      expect(sent).toBe(4);
      expect(error.kind).toBe('server_error');
      // attempt n waits between half and all of base·2^(n−1)
      expect(sleeps).toEqual([50, 200, 300]);
    });

    it('caps the backoff', async () => {
      const { http, sleeps } = client({
        maxAttempts: 5,
        baseBackoffMs: 1000,
        maxBackoffMs: 2500,
        random: () => 1,
        send: async () => response(500),
      });
      await rejection(http.request(get()));
      expect(sleeps).toEqual([1000, 2000, 2500, 2500]);
    });

    it('recovers when a retry succeeds', async () => {
      const statuses = [500, 502, 200];
      const { http, sleeps } = client({ send: async () => response(statuses.shift()!) });
      await expect(http.request(get())).resolves.toMatchObject({ status: 200 });
      expect(sleeps).toHaveLength(2);
      expect(http.requestCount).toBe(3);
    });

    it('retries network failures and reports them with the read and the cause', async () => {
      let sent = 0;
      const { http } = client({
        maxAttempts: 3,
        send: async () => {
          sent++;
          throw new TypeError('Failed to fetch');
        },
      });
      const error = await rejection(http.request(get('Connected apps')));
      expect(sent).toBe(3);
      expect(error.kind).toBe('network');
      expect(error.message).toContain('Connected apps');
      expect(error.message).toContain('Failed to fetch');
    });

    it('does not retry a failure', async () => {
      let sent = 0;
      const { http, sleeps } = client({
        send: async () => {
          sent++;
          return response(403);
        },
      });
      const error = await rejection(http.request(get()));
      expect(error.kind).toBe('forbidden');
      expect(sent).toBe(1);
      expect(sleeps).toEqual([]);
    });

    it('waits as long as Retry-After asks on 429', async () => {
      const answers = [response(429, '', { 'Retry-After': '7' }), response(200)];
      const { http, sleeps } = client({ send: async () => answers.shift()! });
      await expect(http.request(get())).resolves.toMatchObject({ status: 200 });
      expect(sleeps).toEqual([7000]);
    });

    it('reports rate limiting when 429 persists', async () => {
      const { http, sleeps } = client({
        maxAttempts: 2,
        send: async () => response(429, '', { 'Retry-After': '3' }),
      });
      const error = await rejection(http.request(get()));
      expect(error.kind).toBe('rate_limited');
      expect(sleeps).toEqual([3000]);
    });
  });

  it('pauses every request when the SaaS asks for a pause', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    let sent = 0;
    const { http, sleeps } = client({
      classify: () => (sent === 1 ? { outcome: 'ok', pauseMs: 4000 } : { outcome: 'ok' }),
      send: async () => {
        sent++;
        return response();
      },
    });
    await http.request(get('first'));
    expect(sleeps).toEqual([]);
    await http.request(get('second'));
    expect(sleeps).toEqual([4000]);
  });

  it('refuses anything that is not read-only before sending it', async () => {
    let sent = 0;
    const { http } = client({
      send: async () => {
        sent++;
        return response();
      },
    });
    const error = await rejection(http.request({ method: 'POST', url: '/x', body: '{}', label: 'Change a setting' }));
    expect(error.message).toContain('Change a setting');
    expect(error.message).toMatch(/only reads/);
    expect(sent).toBe(0);
    expect(http.requestCount).toBe(0);
  });
});
