import { describe, expect, it } from 'vitest';
import { defaultPortalSettings } from '@/utils/portal-settings';
import { exception, finding, instance } from './fixtures';
import { buildDetails, buildModel, exceptionStateOf } from './model';
import { hrefFor, parseHash } from './route';
import { dateFromExpiry, expiryFromDate } from './ExceptionForm';

const now = Date.parse('2025-03-12T12:00:00.000Z');
const acme = instance('salesforce:acme');
const globex = instance('salesforce:globex', { includeInScore: false });

describe('buildModel', () => {
  const data = {
    instances: [acme, globex],
    findings: [
      finding(acme.key, 'SF.AUTH.1v1', { weight: 9, metric: 'authentication', severity: 'critical', affected: [{ id: '005A', name: 'Grace Hopper' }] }),
      finding(acme.key, 'SF.BROW.7v1', { weight: 8, metric: 'browser-protections', status: 'compliant' }),
      finding(globex.key, 'SF.AUTH.1v1', { weight: 9, metric: 'authentication' }),
    ],
    exceptions: [exception(acme.key, 'SF.BROW.7v1', { expiresAt: '2025-03-11T00:00:00.000Z' })],
    settings: defaultPortalSettings,
  };
  const build = (input: typeof data) => {
    const model = buildModel({ ...input, scoring: input.findings }, now);
    return { ...model, ...buildDetails(model, input, input.findings, now) };
  };
  const model = build(data);

  it('lists every instance’s findings, one row each, with the catalog title and frameworks', () => {
    expect(model.rows).toHaveLength(3);
    const row = model.entries.get('salesforce:acme:SF.AUTH.1v1')!.row;
    expect(row.title).not.toBe('SF.AUTH.1v1');
    expect(row.frameworkIds).toContain('nist80053');
    expect(row.frameworkIds).toContain('zero-trust');
    expect(row.search).toContain('grace hopper');
  });

  it('scores the initiative over the included instances only, and gives their rows an impact', () => {
    // authentication 0 % achieved (9 lost of 9), browser protections 100 %: S = (10·0 + 5·1) / 15
    expect(model.initiative.score).toBe(33.3);
    expect(model.entries.get('salesforce:acme:SF.AUTH.1v1')!.row.impact).toBeCloseTo(66.67, 1);
    expect(model.entries.get('salesforce:globex:SF.AUTH.1v1')!.row).toMatchObject({ impact: 0, included: false, points: 9 });
    expect(model.feeds.get('authentication')).toEqual({ apps: ['salesforce'], instances: ['salesforce:acme'] });
  });

  it('shows a lapsed exception as lapsed and counts it for nothing', () => {
    expect(model.entries.get('salesforce:acme:SF.BROW.7v1')!.row.exception).toBe('lapsed');
    expect(model.entries.get('salesforce:acme:SF.AUTH.1v1')!.row.exception).toBe('none');
  });

  it('applies an active exception to the row, the initiative and the frameworks, and keeps the verdict', () => {
    const excepted = build({ ...data, exceptions: [exception(acme.key, 'SF.AUTH.1v1', { kind: 'alternate_mitigation' })] });
    const entry = excepted.entries.get('salesforce:acme:SF.AUTH.1v1')!;
    expect(entry.row).toMatchObject({ exception: 'active', points: 0, status: 'non_compliant' });
    expect(entry.outcome.kind).toBe('alternate_mitigation');
    expect(excepted.initiative.score).toBe(100);
    expect(excepted.frameworkFindings.find((f) => f.controlId === 'SF.AUTH.1v1')?.exception).toBe('alternate_mitigation');
  });

  it('says how many entities an exception for some of them covers, and keeps the verdict and the points', () => {
    const affected = [{ id: '005A', name: 'Grace Hopper' }, { id: '005B', name: 'Alan Turing' }, { id: '005C', name: 'Ada Byron' }];
    const withEntities = { ...data, findings: [finding(acme.key, 'SF.AUTH.1v1', { weight: 9, affected })] };
    const some = build({ ...withEntities, exceptions: [exception(acme.key, 'SF.AUTH.1v1', { entityIds: ['005A', '005C'] })] });
    expect(some.entries.get('salesforce:acme:SF.AUTH.1v1')!.row).toMatchObject({
      exception: 'active',
      partialException: { excepted: 2, affected: 3 },
      status: 'non_compliant',
      points: 9,
    });
    // Every entity covered: the kind applies to the whole finding, which is no longer partly excepted.
    const all = build({ ...withEntities, exceptions: [exception(acme.key, 'SF.AUTH.1v1', { entityIds: ['005A', '005B', '005C'] })] });
    expect(all.entries.get('salesforce:acme:SF.AUTH.1v1')!.row.partialException).toBeUndefined();
    // Lapsed, it covers nothing.
    const lapsed = build({ ...withEntities, exceptions: [exception(acme.key, 'SF.AUTH.1v1', { entityIds: ['005A'], expiresAt: '2025-03-11T00:00:00.000Z' })] });
    expect(lapsed.entries.get('salesforce:acme:SF.AUTH.1v1')!.row).toMatchObject({ exception: 'lapsed' });
    expect(lapsed.entries.get('salesforce:acme:SF.AUTH.1v1')!.row.partialException).toBeUndefined();
  });

  it('renders with no instances at all', () => {
    const empty = build({ instances: [], findings: [], exceptions: [], settings: defaultPortalSettings });
    expect(empty).toMatchObject({ rows: [], frameworkFindings: [] });
    expect(empty.initiative.score).toBeNull();
  });
});

describe('exceptionStateOf', () => {
  it('is active when any exception is, lapsed when all have expired', () => {
    const lapsed = exception(acme.key, 'X', { expiresAt: '2025-03-01T00:00:00.000Z' });
    const active = exception(acme.key, 'X', { id: 'b' });
    expect(exceptionStateOf([], now)).toBe('none');
    expect(exceptionStateOf([lapsed], now)).toBe('lapsed');
    expect(exceptionStateOf([lapsed, active], now)).toBe('active');
  });
});

describe('routes', () => {
  it('reads the view and its parameters from the hash, the initiative by default', () => {
    expect(parseHash('')).toMatchObject({ view: 'initiative' });
    expect(parseHash('#/nowhere').view).toBe('initiative');
    const route = parseHash('#/recommendations?metric=authentication&instance=okta%3Aacme');
    expect(route.view).toBe('recommendations');
    expect(route.params.get('instance')).toBe('okta:acme');
    expect(hrefFor('recommendations', { metric: 'authentication' })).toBe('#/recommendations?metric=authentication');
  });
});

describe('exception expiry dates', () => {
  it('expires at the end of the chosen local day and reads back as that day', () => {
    const iso = expiryFromDate('2025-03-12')!;
    expect(new Date(iso).getDate()).toBe(12);
    expect(new Date(iso).getHours()).toBe(23);
    expect(dateFromExpiry(iso)).toBe('2025-03-12');
    expect(expiryFromDate('')).toBeUndefined();
  });
});
