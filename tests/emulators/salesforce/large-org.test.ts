import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index';
import { call, signIn } from './test-client';

describe('a 50 000-user org', () => {
  let emulator: SalesforceEmulator;
  let startMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    emulator = await startSalesforceEmulator({ largeOrgUsers: 50_000 });
    startMs = performance.now() - started;
  });
  afterAll(() => emulator.close());

  it('starts quickly and counts users fast', async () => {
    expect(startMs).toBeLessThan(2000);
    const { org, apiSid } = await signIn(emulator, 'acme');
    const started = performance.now();
    const count = await call(emulator, `https://${org.apiHost}/services/data/v66.0/query?q=${encodeURIComponent("SELECT COUNT() FROM User WHERE IsActive = true AND UserType = 'Standard'")}`, { headers: { Authorization: `Bearer ${apiSid}` } });
    expect(performance.now() - started).toBeLessThan(500);
    // 55 seeded + 49 000 of the generated users (every 50th is deactivated).
    expect(count.json()).toEqual({ totalSize: 55 + 49_000, done: true, records: [] });
  });

  it('holds proportional OAuth grants: every 100th generated user has authorised the managed-package app', async () => {
    const { org, apiSid } = await signIn(emulator, 'acme');
    const soql = "SELECT Id FROM OauthToken WHERE AppName = 'Slack for Salesforce'";
    const tokens = (await call(emulator, `https://${org.apiHost}/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, { headers: { Authorization: `Bearer ${apiSid}` } })).json<{ totalSize: number }>();
    // Acme's 3 Slack grants and one for each of the 500 generated users numbered 7, 107, 207…
    expect(tokens.totalSize).toBe(3 + 500);
  });

  it('pages large results through nextRecordsUrl', async () => {
    const { org, apiSid } = await signIn(emulator, 'acme');
    const soql = "SELECT Id, Name, LastLoginDate FROM User WHERE IsActive = true AND UserType = 'Standard' AND (LastLoginDate < LAST_N_DAYS:90 OR LastLoginDate = null) ORDER BY LastLoginDate ASC NULLS FIRST";
    const first = (await call(emulator, `https://${org.apiHost}/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, { headers: { Authorization: `Bearer ${apiSid}` } })).json<{ totalSize: number; done: boolean; nextRecordsUrl?: string; records: unknown[] }>();
    expect(first.totalSize).toBeGreaterThan(4000);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g\w+-2000$/);
    let seen = first.records.length;
    let next = first.nextRecordsUrl;
    while (next) {
      const page = (await call(emulator, `https://${org.apiHost}${next}`, { headers: { Authorization: `Bearer ${apiSid}` } })).json<{ done: boolean; nextRecordsUrl?: string; records: unknown[] }>();
      seen += page.records.length;
      next = page.nextRecordsUrl;
    }
    expect(seen).toBe(first.totalSize);
  });
});
