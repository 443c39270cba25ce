import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceNowSourceList, sourceQuery } from '../../../connectors/servicenow/sources';
import { generatedUserIsStale, type ServiceNowEmulator, startServiceNowEmulator } from './index';
import { logIn } from './test-client';

type Rows = { result: Array<Record<string, string>> };

describe('an instance with 50 000 extra users', () => {
  let emulator: ServiceNowEmulator;
  let startMs = 0;
  beforeAll(async () => {
    const started = performance.now();
    emulator = await startServiceNowEmulator({ largeInstanceUsers: 50_000 });
    startMs = performance.now() - started;
  });
  afterAll(() => emulator.close());

  it('starts fast and pages the stale-user query (the scanner\'s) correctly', async () => {
    expect(startMs).toBeLessThan(5000);
    const { api } = await logIn(emulator, 'acme');
    const stale = serviceNowSourceList.find((source) => source.id === 'staleUsers');
    const query = sourceQuery(stale as never, new Date().toISOString()) as string;
    let expected = 5; // acme's own stale users
    for (let index = 0; index < 50_000; index += 1) if (generatedUserIsStale(index)) expected += 1;
    expect(expected).toBe(1005);
    const names: string[] = [];
    let path: string | undefined = `/api/now/table/sys_user?${new URLSearchParams({ sysparm_query: query, sysparm_fields: 'sys_id,user_name,last_login_time', sysparm_limit: '200', sysparm_exclude_reference_link: 'true' })}`;
    let pages = 0;
    const started = performance.now();
    while (path) {
      const page = await api(path);
      expect(page.headers['x-total-count']).toBe(String(expected));
      names.push(...page.json<Rows>().result.map((row) => row.user_name as string));
      pages += 1;
      path = /<(https:[^>]+)>;rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
    }
    expect(performance.now() - started).toBeLessThan(5000);
    expect(pages).toBe(6);
    expect(names).toHaveLength(expected);
    expect(new Set(names).size).toBe(expected);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const count = await api(`/api/now/stats/sys_user?sysparm_count=true&sysparm_query=${encodeURIComponent('active=true')}`);
    expect(count.json()).toEqual({ result: { stats: { count: '50049' } } });
  });

  it('pages the whole user table fast, and keeps role grants to a few hundred', async () => {
    const { api } = await logIn(emulator, 'acme');
    let offset = 0;
    let total = 0;
    const started = performance.now();
    for (;;) {
      const page = await api(`/api/now/table/sys_user?sysparm_query=ORDERBYuser_name&sysparm_fields=sys_id,user_name&sysparm_limit=2000&sysparm_offset=${offset}`);
      const rows = page.json<Rows>().result.length;
      total += rows;
      offset += 2000;
      if (rows < 2000) break;
    }
    expect(total).toBe(50_050);
    expect(performance.now() - started).toBeLessThan(15_000);
    const grants = await api('/api/now/stats/sys_user_has_role?sysparm_count=true');
    expect(Number(grants.json<{ result: { stats: { count: string } } }>().result.stats.count)).toBeLessThan(400);
    const privileged = serviceNowSourceList.find((source) => source.id === 'privilegedGrants');
    const admins = await api(`/api/now/table/sys_user_has_role?${new URLSearchParams({ sysparm_query: sourceQuery(privileged as never, '') as string, sysparm_fields: 'user.user_name,role.name', sysparm_limit: '1000' })}`);
    expect(Number(admins.headers['x-total-count'])).toBe(21 + 50 + 10);
  }, 30_000);

  it('serves the live tokens of one user in a hundred (ServiceNow Mobile) in one page of the scanner\'s token read', async () => {
    const { api } = await logIn(emulator, 'acme');
    const tokensSource = serviceNowSourceList.find((source) => source.id === 'oauthTokens')!;
    const query = sourceQuery(tokensSource, new Date().toISOString()) as string;
    const page = await api(`/api/now/table/oauth_credential?${new URLSearchParams({ sysparm_query: query, sysparm_fields: 'sys_id,user', sysparm_limit: '1000' })}`);
    expect(Number(page.headers['x-total-count'])).toBe(8 + 500);
  });
});
