/**
 * Okta-style rate limits: a fixed window per org and endpoint bucket (X-Rate-Limit-Limit/-Remaining/-Reset,
 * reset in epoch seconds) and a per-org concurrency limit on in-flight API requests. Both answer 429 E0000047.
 */
export interface RateLimitOptions {
  /** Requests per window per bucket; default: Okta-like per-endpoint limits (users 600, apps 100, others 1200…). */
  limit?: number;
  /** Window length; default 60 s. */
  windowSeconds?: number;
  /** In-flight API requests per org; default 15 (Okta's smallest concurrency limit). */
  concurrency?: number;
}

const defaultLimits: Array<[RegExp, string, number]> = [
  [/^\/api\/v1\/users\/[^/]+\/(roles|groups|factors)/, 'users/{id}/*', 600],
  [/^\/api\/v1\/users/, 'users', 600],
  [/^\/api\/v1\/apps/, 'apps', 100],
  [/^\/api\/v1\/groups/, 'groups', 500],
  [/^\/api\/v1\/policies/, 'policies', 1200],
  [/^\/api\/v1\/iam/, 'iam', 600],
  [/^\/api\/v1\/authenticators/, 'authenticators', 1200],
  [/^\/api\/v1\/(org|\.well-known)/, 'org', 1200],
  [/^\/\.well-known/, 'well-known', 1200],
];

export interface BucketState {
  limit: number;
  remaining: number;
  resetEpochSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number; limit: number; windowMs: number }>();
  private inFlight = new Map<string, number>();

  constructor(private readonly options: RateLimitOptions = {}) {}

  static bucketOf(path: string): { name: string; limit: number } {
    for (const [pattern, name, limit] of defaultLimits) if (pattern.test(path)) return { name, limit };
    return { name: path.split('/').slice(0, 4).join('/'), limit: 1200 };
  }

  /** Counts one request against its bucket; `allowed: false` when the window's limit is used up. */
  hit(org: string, path: string, now = Date.now()): BucketState & { allowed: boolean } {
    const bucket = RateLimiter.bucketOf(path);
    const limit = this.options.limit ?? bucket.limit;
    const windowMs = (this.options.windowSeconds ?? 60) * 1000;
    const key = `${org}|${bucket.name}`;
    let window = this.windows.get(key);
    if (!window || now >= window.start + window.windowMs) {
      window = { start: now, count: 0, limit, windowMs };
      this.windows.set(key, window);
    }
    const allowed = window.count < limit;
    if (allowed) window.count += 1;
    return { allowed, limit, remaining: Math.max(0, limit - window.count), resetEpochSeconds: Math.ceil((window.start + windowMs) / 1000) };
  }

  /** Takes a concurrency slot; returns a release function, or undefined when the org is at its limit. */
  acquire(org: string): (() => void) | undefined {
    const current = this.inFlight.get(org) ?? 0;
    if (current >= (this.options.concurrency ?? 15)) return undefined;
    this.inFlight.set(org, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.set(org, (this.inFlight.get(org) ?? 1) - 1);
    };
  }

  reset(): void {
    this.windows.clear();
  }
}

export function rateHeaders(state: BucketState): Record<string, string> {
  return { 'X-Rate-Limit-Limit': String(state.limit), 'X-Rate-Limit-Remaining': String(state.remaining), 'X-Rate-Limit-Reset': String(state.resetEpochSeconds) };
}
