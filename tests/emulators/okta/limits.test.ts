import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaEmulator, type OktaEmulator } from './index';
import { call, signIn } from './test-client';

let emulator: OktaEmulator;
let session: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  emulator = await startOktaEmulator({ rateLimit: { limit: 5, windowSeconds: 2, concurrency: 3 } });
  session = await signIn(emulator, 'acme');
});
afterAll(() => emulator.close());

describe('rate limits', () => {
  it('sends X-Rate-Limit-* per endpoint bucket and 429 E0000047 with the reset when the window is used up', async () => {
    emulator.resetRateLimits();
    const started = Math.floor(Date.now() / 1000);
    const remaining: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await session.api('/api/v1/users?limit=1');
      expect(response.status).toBe(200);
      expect(response.headers['x-rate-limit-limit']).toBe('5');
      remaining.push(String(response.headers['x-rate-limit-remaining']));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await session.api('/api/v1/users?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    const reset = Number(limited.headers['x-rate-limit-reset']);
    expect(reset).toBeGreaterThanOrEqual(started + 2);
    expect(reset).toBeLessThanOrEqual(started + 3);
    expect((await session.api('/api/v1/apps')).headers['x-rate-limit-remaining']).toBe('4'); // another bucket
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reset * 1000 - Date.now()) + 50));
    expect((await session.api('/api/v1/users?limit=1')).status).toBe(200);
  });

  it('answers 429 beyond the concurrency limit', async () => {
    emulator.resetRateLimits();
    emulator.setFault({ kind: 'latency', ms: 300, match: '/api/v1/zones', times: 3 });
    const slow = [0, 1, 2].map(() => session.api('/api/v1/zones'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = await session.api('/api/v1/authenticators');
    expect(extra.status).toBe(429);
    expect(extra.json()).toMatchObject({ errorCode: 'E0000047' });
    expect((await Promise.all(slow)).map((response) => response.status)).toEqual([200, 200, 200]);
    expect((await session.api('/api/v1/authenticators')).status).toBe(200);
    emulator.clearFaults();
  });

  it('counts unauthenticated calls too and serves well-known without a session', async () => {
    emulator.resetRateLimits();
    const response = await call(emulator, 'https://acme-admin.okta.com/.well-known/okta-organization');
    expect(response.status).toBe(200);
    expect(response.headers['x-rate-limit-remaining']).toBe('4');
  });
});
