import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { snDate, snUser, stats, table } from '../fixtures/payloads';
import { lifecycleControls } from './lifecycle';

const control = (id: string): Control => lifecycleControls.find((c) => c.id === id)!;
const staleRows = (n: number) => Array.from({ length: n }, (_, i) => snUser(`Stale User ${String(i).padStart(3, '0')}`, { sys_id: `stale${i}` }));

describe('SN.USER.1v1 stale users', () => {
  const c = control('SN.USER.1v1');

  it('gives new accounts that have not logged in yet grace', () => {
    const verdict = evaluateServiceNow(c);
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'All 1,200 active users logged in within 90 days, apart from 1 new account created since (Nina New (nina.new)).' });
  });

  it('counts from ServiceNow\'s total when only the first users were read, naming the first ones', () => {
    const verdict = evaluateServiceNow(c, { staleUsers: table(staleRows(200), 300) });
    expect(verdict.status).toBe('partial');
    expect(verdict.actual).toBe(300);
    expect(verdict.fraction).toBeCloseTo(900 / 1200);
    expect(verdict.affectedTotal).toBe(300);
    expect(verdict.affected).toHaveLength(50);
    expect(verdict.reason).toMatch(/^300 of 1,200 active users have not logged in for 90 days: Stale User 000 \(stale\.user\.\) \(last login \d{4}-\d{2}-\d{2}\),/);
    expect(verdict.reason).toContain('and 295 more');
    expect(verdict.notes[0]).toContain('The first 200 users by user name are listed of 300');
  });

  it('names never-logged-in users created long ago, and leaves new ones out of the count', () => {
    const rows = [
      snUser('Old Never', { sys_id: 'on', last_login_time: '', sys_created_on: snDate(400) }),
      snUser('Old Login', { sys_id: 'ol', last_login_time: snDate(200) }),
      snUser('Fresh Face', { sys_id: 'ff', last_login_time: '', sys_created_on: snDate(3) }),
    ];
    const verdict = evaluateServiceNow(c, { staleUsers: table(rows), activeUserCount: stats(10) });
    expect(verdict).toMatchObject({ status: 'partial', actual: 2 });
    expect(verdict.fraction).toBeCloseTo(0.8);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Old Never (old.never)', `never logged in · created ${snDate(400).slice(0, 10)}`],
      ['Old Login (old.login)', expect.stringContaining('(200 days ago)')],
    ]);
  });

  it('is unknown when ServiceNow sent no total and the read was capped', () => {
    const verdict = evaluateServiceNow(c, { staleUsers: table(staleRows(200), null) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('At least 200 active users');
  });

  it('uses the rows read when no total came back but the read was not capped, and is non-compliant when every user is stale', () => {
    expect(evaluateServiceNow(c, { staleUsers: table(staleRows(5), null), activeUserCount: stats(5) })).toMatchObject({ status: 'non_compliant', actual: 5 });
  });
});

describe('SN.USER.2v1 interactive integration users', () => {
  const c = control('SN.USER.2v1');

  it('is non-compliant for any integration user that can log in, naming them', () => {
    const verdict = evaluateServiceNow(c, { interactiveIntegrationUsers: table([snUser('Int Jira Sync', { last_login_time: snDate(2) }), snUser('Int Splunk')]) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('2 integration users can log in interactively: Int Jira Sync (int.jira.sync) and Int Splunk (int.splunk).');
    expect(verdict.affected[0]!.detail).toContain('Web service access only is off · last login');
  });

  it('counts from the total when the read was capped, or says "at least" without one', () => {
    const rows = Array.from({ length: 200 }, (_, i) => snUser(`Int ${i}`, { sys_id: `int${i}` }));
    expect(evaluateServiceNow(c, { interactiveIntegrationUsers: table(rows, 260) })).toMatchObject({ actual: 260, affectedTotal: 260 });
    expect(evaluateServiceNow(c, { interactiveIntegrationUsers: table(rows, null) }).reason).toMatch(/^At least 200 integration users/);
    expect(evaluateServiceNow(c, { interactiveIntegrationUsers: table([], 4) }).reason).toBe('4 integration users can log in interactively (none of them was returned to name).');
  });
});

describe('lifecycle controls on malformed data', () => {
  it.each(lifecycleControls.map((c) => [c.id, c] as const))('%s is an error when its source cannot be parsed', (_id, c) => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
