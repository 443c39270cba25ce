import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import { countResult, daysAgo, evaluateRaw, malformedSources, people, queryResult, scanTime, userAssignment, userRecord, type RawSources } from '../fixtures/org-data';
import { setupPages } from '../pages';
import { accountLifecycleControls } from './account-lifecycle';

const control = (id: string): Control => accountLifecycleControls.find((candidate) => candidate.id === id)!;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(scanTime));
});
afterEach(() => vi.useRealTimers());

describe('account lifecycle catalog', () => {
  it('has stable ids and known remediation pages', () => {
    expect(accountLifecycleControls.map((c) => c.id)).toEqual(['SF.USER.1v1', 'SF.USER.2v1', 'SF.USER.3v1']);
    expect(accountLifecycleControls.map((c) => c.metric)).toEqual(['account-lifecycle', 'account-lifecycle', 'privileged-access']);
    for (const c of accountLifecycleControls) for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
  });

  it.each(accountLifecycleControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('SF.USER.1v1 dormant accounts', () => {
  const dormant = control('SF.USER.1v1');

  it('passes when nobody who logged in is dormant (never-used accounts are SF.USER.2v1)', () => {
    const raw = { activeUsers: countResult(40), inactiveUsers: queryResult('User', [userRecord(people.dennis, null, daysAgo(10))]) };
    const verdict = evaluateRaw(dormant, raw);
    expect(verdict.status).toBe('compliant');
  });

  it('gives credit for the share of active users who logged in and names the dormant ones', () => {
    const raw = {
      activeUsers: countResult(40),
      inactiveUsers: queryResult('User', [
        userRecord(people.dennis, null),
        userRecord(people.barbara, daysAgo(200)),
        userRecord(people.linus, daysAgo(95), daysAgo(900), 'Sales User'),
      ]),
    };
    const verdict = evaluateRaw(dormant, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(38 / 40);
    expect(verdict.reason).toBe('2 of 40 active users have not logged in for 90 days: Barbara Liskov and Linus Torvalds.');
    expect(verdict.affected[1]).toEqual({ id: people.linus.Id, name: 'Linus Torvalds', kind: 'user', detail: 'linus@acme.com · last login 2026-01-10 · Sales User' });
  });

  it('is an error, never a negative count that passes, when totalSize counts fewer rows than were sent', () => {
    const rows = [userRecord(people.dennis, null), userRecord(people.barbara, daysAgo(200)), userRecord(people.linus, daysAgo(95))];
    const verdict = evaluateRaw(dormant, { activeUsers: countResult(40), inactiveUsers: { ...queryResult('User', rows), totalSize: 1 } });
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('totalSize counts fewer rows than the answer holds');
  });

  it('uses totalSize for the count when only the first page was read', () => {
    const raw = {
      activeUsers: countResult(5000),
      inactiveUsers: queryResult('User', [userRecord(people.dennis, null), userRecord(people.barbara, daysAgo(400))], { totalSize: 2600 }),
    };
    const verdict = evaluateRaw(dormant, raw);
    expect(verdict.actual).toBe(2599);
    expect(verdict.affectedTotal).toBe(2599);
    expect(verdict.fraction).toBeCloseTo((5000 - 2599) / 5000);
    expect(verdict.reason).toContain('the list is partial');
  });

  it('is unknown when the partial page holds only never-used accounts', () => {
    const raw = { activeUsers: countResult(5000), inactiveUsers: queryResult('User', [userRecord(people.dennis, null)], { totalSize: 2600 }) };
    expect(evaluateRaw(dormant, raw).status).toBe('unknown');
  });

  it('fails when every active user is dormant', () => {
    const raw = { activeUsers: countResult(1), inactiveUsers: queryResult('User', [userRecord(people.barbara, daysAgo(100))]) };
    expect(evaluateRaw(dormant, raw).status).toBe('non_compliant');
  });
});

describe('SF.USER.2v1 accounts never used', () => {
  const neverUsed = control('SF.USER.2v1');

  it('ignores accounts created in the last 30 days', () => {
    const raw = { activeUsers: countResult(10), inactiveUsers: queryResult('User', [userRecord(people.dennis, null, daysAgo(12))]) };
    const verdict = evaluateRaw(neverUsed, raw);
    expect(verdict.status).toBe('compliant');
  });

  it('names accounts never used 30 days after creation', () => {
    const raw = {
      activeUsers: countResult(10),
      inactiveUsers: queryResult('User', [userRecord(people.dennis, null, daysAgo(45)), userRecord(people.barbara, null, daysAgo(12)), userRecord(people.linus, daysAgo(100))]),
    };
    const verdict = evaluateRaw(neverUsed, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.9);
    expect(verdict.reason).toBe('1 of 10 active users never logged in although created more than 30 days ago: Dennis Ritchie.');
    expect(verdict.affected[0]!.detail).toBe('dennis@acme.com · never logged in · created 2026-03-01 · Standard User');
  });

  it('says "at least" when the partial page holds only never-used accounts', () => {
    const raw = { activeUsers: countResult(3000), inactiveUsers: queryResult('User', [userRecord(people.dennis, null, daysAgo(45))], { totalSize: 2100 }) };
    const verdict = evaluateRaw(neverUsed, raw);
    expect(verdict.reason).toMatch(/^At least 1 of 3000 active users/);
    expect(verdict.reason).toContain('the list is partial');
  });
});

describe('SF.USER.3v1 API Enabled share', () => {
  const api = control('SF.USER.3v1');
  const holders = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      userAssignment({ Id: `005Hs0000Api${String(index).padStart(3, '0')}AAA`, Name: `Analyst ${index + 1}`, Username: `analyst${index + 1}@acme.com` }),
    );

  it('passes within 10 % of active users', () => {
    const verdict = evaluateRaw(api, { activeUsers: countResult(100), apiEnabledUsers: queryResult('PermissionSetAssignment', holders(10)) });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('10 of 100 active users hold API Enabled, within the 10 allowed.');
  });

  it('always allows five, so a small org of admins passes', () => {
    const verdict = evaluateRaw(api, { activeUsers: countResult(4), apiEnabledUsers: queryResult('PermissionSetAssignment', holders(4)) });
    expect(verdict.status).toBe('compliant');
  });

  it('loses credit linearly as more users hold it and counts each user once', () => {
    const rows = [...holders(55), ...holders(5)];
    const verdict = evaluateRaw(api, { activeUsers: countResult(100), apiEnabledUsers: queryResult('PermissionSetAssignment', rows) });
    expect(verdict.status).toBe('partial');
    expect(verdict.actual).toBe(55);
    expect(verdict.fraction).toBeCloseTo(45 / 90);
    expect(verdict.reason).toMatch(/^55 of 100 active users \(55 %\) hold API Enabled; 10 or fewer expected: Analyst 1, Analyst 2, Analyst 3 and 52 more\.$/);
    expect(verdict.affected).toHaveLength(50);
    expect(verdict.affectedTotal).toBe(55);
  });

  it('fails when every active user holds it', () => {
    const verdict = evaluateRaw(api, { activeUsers: countResult(20), apiEnabledUsers: queryResult('PermissionSetAssignment', holders(20)) });
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown when a partial list is still within the allowance', () => {
    const verdict = evaluateRaw(api, { activeUsers: countResult(100000), apiEnabledUsers: queryResult('PermissionSetAssignment', holders(3), { totalSize: 40000 }) });
    expect(verdict.status).toBe('unknown');
  });
});
