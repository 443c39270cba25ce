import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaEmulator, type Json, type OktaEmulator } from './index';
import { signIn } from './test-client';

describe('a 50 000-user org', () => {
  let emulator: OktaEmulator;
  let startMs = 0;
  beforeAll(async () => {
    const started = performance.now();
    emulator = await startOktaEmulator({ largeOrgUsers: 50_000 });
    startMs = performance.now() - started;
  });
  afterAll(() => emulator.close());

  it('starts fast and answers filtered searches fast', async () => {
    expect(startMs).toBeLessThan(2000);
    const { api } = await signIn(emulator, 'acme');
    const before = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const started = performance.now();
    const first = await api(`/api/v1/users?limit=200&search=${encodeURIComponent(`status eq "ACTIVE" and (lastLogin lt "${before}" or lastLogin eq null)`)}`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(first.json<Json[]>()).toHaveLength(200);
    expect(String(first.headers.link)).toContain('rel="next"');
    const suspended = await api(`/api/v1/users?filter=${encodeURIComponent('status eq "SUSPENDED"')}&limit=200`);
    expect(suspended.json<Json[]>()).toHaveLength(200);
    // The admin-role listing stays small however many users there are.
    expect((await api('/api/v1/iam/assignees/users')).json<{ value: unknown[] }>().value).toHaveLength(10);
  });

  it('pages the whole directory with Link headers', async () => {
    const { api } = await signIn(emulator, 'acme');
    let path: string | undefined = '/api/v1/users?limit=200';
    let count = 0;
    let pages = 0;
    const started = performance.now();
    while (path) {
      const response = await api(path);
      count += response.json<unknown[]>().length;
      pages += 1;
      path = /<https:\/\/[^/]+([^>]+)>; rel="next"/.exec(String(response.headers.link))?.[1];
    }
    expect(count).toBe(50_025);
    expect(pages).toBe(251);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
