import { describe, expect, it } from 'vitest';
import { compliant, type Control } from '@/utils/controls';
import { evaluateControl, evaluateSnapshot } from '@/utils/evaluate';
import { snapshotFormat, type Snapshot } from '@/utils/snapshot';
import { fakeConnector, fakeControls } from './fakes/connector';

const [passwordControl, mfaControl, combinedControl] = fakeControls as [Control, Control, Control];

function snapshot(sources: Snapshot['sources']): Snapshot {
  return {
    format: snapshotFormat,
    instance: { app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test' },
    collectedAt: '2026-01-01T00:00:00.000Z',
    requestCount: 2,
    sources,
  };
}

describe('evaluating one control', () => {
  it('passes the parsed sources to the control', () => {
    const verdict = evaluateControl(passwordControl, { passwords: { ok: true, value: { minLength: 14 }, truncated: false } });
    expect(verdict).toMatchObject({ status: 'compliant', actual: 14 });
  });

  it('is an error, never a pass, when a source it needs failed, with that source\'s reason once', () => {
    const reason = 'Your user cannot read this: it needs "View Setup and Configuration".';
    const verdict = evaluateControl(combinedControl, {
      passwords: { ok: false, reason },
      admins: { ok: false, reason },
    });
    expect(verdict.status).toBe('error');
    expect(verdict.fraction).toBe(0);
    expect(verdict.reason).toBe(reason);
  });

  it('is an error when a source is not part of the scan', () => {
    const verdict = evaluateControl(mfaControl, {});
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('"admins"');
  });

  it('is an error when the control throws', () => {
    const throwing: Control = {
      ...passwordControl,
      evaluate: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'minLength')");
      },
    };
    const verdict = evaluateControl(throwing, { passwords: { ok: true, value: {}, truncated: false } });
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('could not be completed');
    expect(verdict.reason).toContain('minLength');
  });
});

describe('evaluating a snapshot', () => {
  const sources: Snapshot['sources'] = {
    passwords: { ok: true, data: { minLength: 8 }, truncated: false },
    admins: { ok: false, error: { kind: 'forbidden', message: 'No access to admins.' } },
  };

  it('gives findings, score, initiative and the sources that failed', () => {
    const evaluation = evaluateSnapshot(fakeConnector(), snapshot(sources));
    expect(evaluation.findings.map((f) => [f.controlId, f.verdict.status, f.pointsAtStake])).toEqual([
      ['FAKE.PWD.1v1', 'non_compliant', 10],
      ['FAKE.MFA.1v1', 'error', 0],
      ['FAKE.PWD.2v1', 'error', 0],
    ]);
    expect(evaluation.score).toMatchObject({ achieved: 0, max: 10, percent: 0, coverageGaps: 2 });
    expect(evaluation.initiative.score).toBe(0);
    expect(evaluation.sourceErrors).toEqual([{ source: 'admins', message: 'No access to admins.' }]);
    expect(evaluation.sourcesRead).toBe(1);
  });

  it('does not count a value the parser derives (the scan time) as a source read', () => {
    const refused = { ok: false as const, error: { kind: 'forbidden' as const, message: 'No access.' } };
    const base = fakeConnector();
    const deriving = fakeConnector({ parse: (raw, collectedAt) => ({ ...base.parse(raw, collectedAt), scanTime: { ok: true, value: collectedAt, truncated: false } }) });
    expect(evaluateSnapshot(deriving, snapshot({ passwords: refused, admins: refused })).sourcesRead).toBe(0);
    expect(evaluateSnapshot(deriving, snapshot(sources)).sourcesRead).toBe(1);
  });

  it('is deterministic: the same snapshot gives the same result', () => {
    const connector = fakeConnector();
    const input = snapshot(sources);
    const strip = (e: ReturnType<typeof evaluateSnapshot>) => JSON.stringify({ ...e, findings: e.findings.map(({ control: _c, ...f }) => f) });
    expect(strip(evaluateSnapshot(connector, input))).toBe(strip(evaluateSnapshot(connector, structuredClone(input))));
  });

  it('lets the connector refine a verdict with what other sources say', () => {
    const connector = fakeConnector({
      refineVerdict: (control, verdict) =>
        control.id === 'FAKE.PWD.1v1' ? compliant({ notes: ['The vendor baseline says this is fine'] }) : verdict,
    });
    const evaluation = evaluateSnapshot(connector, snapshot(sources));
    const refined = evaluation.findings.find((f) => f.controlId === 'FAKE.PWD.1v1')!;
    expect(refined.verdict.status).toBe('compliant');
    expect(refined.pointsAtStake).toBe(0);
    expect(evaluation.score.percent).toBe(100);
  });
});
