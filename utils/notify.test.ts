import { describe, expect, it } from 'vitest';
import type { CompactResult } from './history';
import { regressionMessage, regressionOf } from './notify';

const results = (statuses: Record<string, CompactResult['s']>): CompactResult[] =>
  Object.entries(statuses).map(([c, s]) => ({ c, s, f: s === 'compliant' ? 1 : 0 }));

describe('regression after a rescan', () => {
  const previous = { results: results({ 'A.1v1': 'compliant', 'A.2v1': 'non_compliant', 'A.3v1': 'error' }), scorePercent: 80 };

  it('is nothing on a first scan or when nothing got worse', () => {
    expect(regressionOf(undefined, previous)).toBeNull();
    expect(regressionOf(previous, previous)).toBeNull();
    expect(regressionOf(previous, { ...previous, scorePercent: 85 })).toBeNull();
  });

  it('names a new failure even when the score holds', () => {
    const current = { results: results({ 'A.1v1': 'non_compliant', 'A.2v1': 'compliant', 'A.3v1': 'error' }), scorePercent: 80 };
    expect(regressionOf(previous, current)).toEqual({ newFailures: ['A.1v1'], scoreDrop: 0 });
  });

  it('fires on a score drop of 2 points or more, not less', () => {
    expect(regressionOf(previous, { ...previous, scorePercent: 78.1 })).toBeNull();
    expect(regressionOf(previous, { ...previous, scorePercent: 78 })).toEqual({ newFailures: [], scoreDrop: 2 });
    expect(regressionOf(previous, { ...previous, scorePercent: 60.5 })).toEqual({ newFailures: [], scoreDrop: 19.5 });
  });

  it('ignores failures the admin has excepted, and scores without data', () => {
    const current = { results: results({ 'A.1v1': 'non_compliant', 'A.2v1': 'non_compliant', 'A.3v1': 'error' }), scorePercent: null };
    expect(regressionOf(previous, current, { ignore: new Set(['A.1v1']) })).toBeNull();
    expect(regressionOf(previous, current)).toEqual({ newFailures: ['A.1v1'], scoreDrop: 0 });
  });
});

describe('the notification text', () => {
  const titles: Record<string, string> = { 'A.1v1': 'Passwords are at least 12 characters long', 'A.2v1': 'Admins use MFA' };
  const titleOf = (id: string) => titles[id];

  it('names the instance and the controls that fail now', () => {
    expect(regressionMessage('Acme Production', { newFailures: ['A.1v1'], scoreDrop: 4.5 }, titleOf)).toEqual({
      title: 'Posture Lens: Acme Production regressed',
      message: '1 new failure: Passwords are at least 12 characters long. Score down 4.5 points.',
    });
  });

  it('keeps a long list short and falls back to the id', () => {
    const { message } = regressionMessage('Acme', { newFailures: ['A.1v1', 'A.2v1', 'A.9v1', 'A.8v1'], scoreDrop: 0 }, titleOf);
    expect(message).toBe('4 new failures: Passwords are at least 12 characters long; Admins use MFA and 2 more.');
    expect(regressionMessage('Acme', { newFailures: ['A.9v1'], scoreDrop: 0 }, titleOf).message).toBe('1 new failure: A.9v1.');
  });

  it('shows the directional controls of an instance name as codes, so the name cannot reverse "regressed"', () => {
    const { title } = regressionMessage('Evil\u202E Corp', { newFailures: ['A.1v1'], scoreDrop: 0 }, titleOf);
    expect(title).toBe('Posture Lens: Evil[U+202E] Corp regressed');
  });
});
