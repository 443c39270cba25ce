import { describe, expect, it } from 'vitest';
import { evaluateControl } from '@/utils/evaluate';
import { fakeControls } from './fakes/connector';

describe('a source the admin’s role may not read', () => {
  const both = fakeControls[2]!;

  it('makes the control unknown with the API’s reason, not an error and never a pass', () => {
    const verdict = evaluateControl(both, {
      passwords: { ok: false, reason: 'This needs Super Admin.', kind: 'forbidden' },
      admins: { ok: false, reason: 'This needs Super Admin.', kind: 'forbidden' },
    });
    expect(verdict).toMatchObject({ status: 'unknown', fraction: 0, reason: 'This needs Super Admin.' });
  });

  it('is still an error when another source failed for another reason', () => {
    const verdict = evaluateControl(both, {
      passwords: { ok: false, reason: 'This needs Super Admin.', kind: 'forbidden' },
      admins: { ok: false, reason: 'Server error.', kind: 'server_error' },
    });
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toBe('This needs Super Admin. Server error.');
  });
});
