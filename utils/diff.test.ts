import { describe, expect, it } from 'vitest';
import { diffResults, incomparable } from './diff';
import type { CompactResult } from './history';

const before: CompactResult[] = [
  { c: 'A.PWD.1v1', s: 'compliant', f: 1, a: 12 },
  { c: 'A.MFA.1v1', s: 'partial', f: 0.7, a: '7 of 10' },
  { c: 'A.SESS.1v1', s: 'non_compliant', f: 0, a: 120 },
  { c: 'A.NET.1v1', s: 'compliant', f: 1, a: 'on' },
  { c: 'A.LOG.1v1', s: 'error', f: 0 },
  { c: 'A.OLD.1v1', s: 'compliant', f: 1 },
  { c: 'A.IP.1v1', s: 'partial', f: 0.5 },
  { c: 'A.SAME.1v1', s: 'compliant', f: 1, a: true },
];

const after: CompactResult[] = [
  { c: 'A.PWD.1v1', s: 'non_compliant', f: 0, a: 8 },
  { c: 'A.MFA.1v1', s: 'partial', f: 0.5, a: '5 of 10' },
  { c: 'A.SESS.1v1', s: 'compliant', f: 1, a: 15 },
  { c: 'A.NET.1v1', s: 'compliant', f: 1, a: 'strict' },
  { c: 'A.LOG.1v1', s: 'non_compliant', f: 0 },
  { c: 'A.NEW.1v1', s: 'non_compliant', f: 0, a: 'off' },
  { c: 'A.IP.1v1', s: 'non_compliant', f: 0 },
  { c: 'A.SAME.1v1', s: 'compliant', f: 1, a: true },
];

describe('diff between two scans', () => {
  const diff = diffResults(before, after);
  const ids = (list: Array<{ controlId: string }>) => list.map((change) => change.controlId);

  it('finds new failures, including a control that could not be read before', () => {
    expect(ids(diff.newFailures)).toEqual(['A.LOG.1v1', 'A.PWD.1v1']);
    expect(diff.newFailures.find((change) => change.controlId === 'A.PWD.1v1')).toEqual({
      controlId: 'A.PWD.1v1',
      before: { status: 'compliant', fraction: 1, actual: 12 },
      after: { status: 'non_compliant', fraction: 0, actual: 8 },
    });
  });

  it('finds new passes', () => {
    expect(diff.newPasses).toEqual([
      { controlId: 'A.SESS.1v1', before: { status: 'non_compliant', fraction: 0, actual: 120 }, after: { status: 'compliant', fraction: 1, actual: 15 } },
    ]);
  });

  it('finds changed values under the same status, and other status changes', () => {
    expect(ids(diff.changedValues)).toEqual(['A.MFA.1v1', 'A.NET.1v1']);
    expect(diff.changedValues[0]).toMatchObject({ before: { actual: '7 of 10', fraction: 0.7 }, after: { actual: '5 of 10', fraction: 0.5 } });
    expect(ids(diff.changedStatuses)).toEqual(['A.IP.1v1']);
  });

  it('finds new and removed controls', () => {
    expect(diff.newControls).toEqual([{ controlId: 'A.NEW.1v1', after: { status: 'non_compliant', fraction: 0, actual: 'off' } }]);
    expect(diff.removedControls).toEqual([{ controlId: 'A.OLD.1v1', before: { status: 'compliant', fraction: 1 } }]);
  });

  it('is empty between identical results, and mirrors when reversed', () => {
    expect(Object.values(diffResults(after, after)).every((list) => list.length === 0)).toBe(true);
    const reversed = diffResults(after, before);
    expect(ids(reversed.newPasses)).toEqual(['A.PWD.1v1']);
    expect(ids(reversed.newFailures)).toEqual(['A.SESS.1v1']);
    expect(ids(reversed.newControls)).toEqual(['A.OLD.1v1']);
    expect(ids(reversed.removedControls)).toEqual(['A.NEW.1v1']);
  });
});

describe('what can be compared', () => {
  it('two scans of one instance, or two instances of the same app', () => {
    expect(incomparable({ app: 'okta', instanceKey: 'okta:a' }, { app: 'okta', instanceKey: 'okta:a' })).toBeNull();
    expect(incomparable({ app: 'okta', instanceKey: 'okta:a' }, { app: 'okta', instanceKey: 'okta:b' })).toBeNull();
    expect(incomparable({ app: 'okta', instanceKey: 'okta:a' }, { app: 'salesforce', instanceKey: 'salesforce:b' })).toMatch(/same app/);
  });
});
