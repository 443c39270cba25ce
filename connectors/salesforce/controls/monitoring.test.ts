import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { auditEntry, evaluateRaw, eventLogFile, limitsPayload, malformedSources, queryResult, type RawSources } from '../fixtures/org-data';
import { setupPages } from '../pages';
import { monitoringControls } from './monitoring';

const control = (id: string): Control => monitoringControls.find((candidate) => candidate.id === id)!;

describe('monitoring catalog', () => {
  it('has stable ids, metrics and known remediation pages', () => {
    expect(monitoringControls.map((c) => [c.id, c.metric])).toEqual([
      ['SF.LOG.1v1', 'logging-monitoring'],
      ['SF.LOG.2v1', 'logging-monitoring'],
      ['SF.PLAT.50v1', 'platform-hardening'],
    ]);
    for (const c of monitoringControls) for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
  });

  it.each(monitoringControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('SF.LOG.1v1 event log files', () => {
  const logs = control('SF.LOG.1v1');

  it('passes with Login event logs', () => {
    const raw = { eventLogFiles: queryResult('EventLogFile', [eventLogFile('0ATHs0000001', 'Login'), eventLogFile('0ATHs0000002', 'ApiTotalUsage')]) };
    const verdict = evaluateRaw(logs, raw);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('2 event log files generated in the last 7 days, including Login events (ApiTotalUsage and Login).');
  });

  it('fails when no log file exists', () => {
    const verdict = evaluateRaw(logs, { eventLogFiles: queryResult('EventLogFile', []) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toMatch(/^Event Monitoring \/ Login event logs not available/);
  });

  it('gives half credit when logs exist but none are Login events', () => {
    const verdict = evaluateRaw(logs, { eventLogFiles: queryResult('EventLogFile', [eventLogFile('0ATHs0000002', 'ApiTotalUsage')]) });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBe(0.5);
  });
});

describe('SF.LOG.2v1 changes through Login As', () => {
  const loginAs = control('SF.LOG.2v1');

  it('passes when no change carries a delegate user', () => {
    const raw = { auditTrail: queryResult('SetupAuditTrail', [auditEntry('0YmHs0000001', 'Ada Byron', 'Changed password minimum length from 8 to 12')]) };
    const verdict = evaluateRaw(loginAs, raw);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('None of the 1 Setup change of the last 30 days was made while logged in as another user.');
  });

  it('says so when there was no Setup change at all (a new org)', () => {
    expect(evaluateRaw(loginAs, { auditTrail: queryResult('SetupAuditTrail', []) })).toMatchObject({
      status: 'compliant',
      reason: 'Setup Audit Trail holds no change of the last 30 days, so none was made while logged in as another user.',
    });
  });

  it('lists delegates with whom they impersonated and what they changed', () => {
    const raw = {
      auditTrail: queryResult('SetupAuditTrail', [
        auditEntry('0YmHs0000003', 'Grace Hopper', 'Created connected app My Data Exporter', 'alan@acme.com'),
        auditEntry('0YmHs0000002', 'Katherine Johnson', 'Changed session timeout from 2 hours to 24 hours', 'alan@acme.com'),
        auditEntry('0YmHs0000001', 'Ada Byron', 'Changed password minimum length from 8 to 12'),
      ]),
    };
    const verdict = evaluateRaw(loginAs, raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('2 Setup changes in the last 30 days were made while logged in as another user, by alan@acme.com. Check each against a support or change request.');
    expect(verdict.affected).toEqual([
      { id: 'alan@acme.com', name: 'alan@acme.com', kind: 'user', detail: '2 changes as Grace Hopper and Katherine Johnson · latest 2026-04-12: Created connected app My Data Exporter' },
    ]);
  });

  it('is unknown when a partial trail shows none', () => {
    const raw = { auditTrail: queryResult('SetupAuditTrail', [auditEntry('0YmHs0000001', 'Ada Byron', 'Changed x')], { totalSize: 4000 }) };
    expect(evaluateRaw(loginAs, raw).status).toBe('unknown');
  });
});

describe('SF.PLAT.50v1 daily API usage', () => {
  const usage = control('SF.PLAT.50v1');

  it('passes under 80 %', () => {
    const verdict = evaluateRaw(usage, { limits: limitsPayload(100000, 45000) });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('55,000 of 100,000 daily API requests used (55 %).');
  });

  it('gives partial credit between 80 % and 100 %', () => {
    const verdict = evaluateRaw(usage, { limits: limitsPayload(100000, 10000) });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.actual).toBe('90 %');
  });

  it('fails at the limit', () => {
    expect(evaluateRaw(usage, { limits: limitsPayload(100000, 0) }).status).toBe('non_compliant');
  });

  it('is unknown without the DailyApiRequests limit', () => {
    expect(evaluateRaw(usage, { limits: { DailyBulkApiBatches: { Max: 15000, Remaining: 15000 } } }).status).toBe('unknown');
  });
});
