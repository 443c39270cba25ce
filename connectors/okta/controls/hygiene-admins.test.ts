import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { adminSources, adminSpec, evaluateOkta } from '../fixtures/hygiene';
import { daysAgo } from '../fixtures/payloads';
import { hygieneAdminAccountControls } from './hygiene-admin-accounts';
import { hygieneAdminControls } from './hygiene-admins';

const all = [...hygieneAdminControls, ...hygieneAdminAccountControls];
const control = (id: string): Control => all.find((c) => c.id === id)!;

describe('OKTA.ADMIN.1v1 Super Administrator count', () => {
  const c = control('OKTA.ADMIN.1v1');

  it('passes with four Super Admins and names them', () => {
    const admins = ['Ann One', 'Ben Two', 'Cat Three', 'Dan Four'].map((n) => adminSpec(n));
    const verdict = evaluateOkta(c, adminSources([...admins, adminSpec('Eve Helpdesk', { roles: ['HELP_DESK_ADMIN'] })]));
    expect(verdict.status).toBe('compliant');
    expect(verdict.actual).toBe(4);
    expect(verdict.reason).toContain('Ann One, Ben Two, Cat Three and Dan Four');
  });

  it('gives partial credit above four and lists every Super Admin', () => {
    const admins = ['Ann One', 'Ben Two', 'Cat Three', 'Dan Four', 'Eve Five', 'Fay Six'].map((n) => adminSpec(n));
    const verdict = evaluateOkta(c, adminSources(admins));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(4 / 6);
    expect(verdict.affected.map((a) => a.name)).toEqual(['Ann One', 'Ben Two', 'Cat Three', 'Dan Four', 'Eve Five', 'Fay Six']);
    expect(verdict.affected[0]!.detail).toContain('ann.one@acme.example · Super Administrator');
    expect(verdict.reason).toMatch(/^6 users are Super Administrators, more than the 4 expected/);
  });

  it('is unknown when an admin\'s roles could not be read and the count is under the limit', () => {
    const raw = adminSources([adminSpec('Ann One'), adminSpec('Ben Two')]);
    const roles = raw.adminRoles as Record<string, unknown>;
    delete roles[adminSpec('Ben Two').id];
    const verdict = evaluateOkta(c, raw);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Ben Two');
  });
});

describe('OKTA.ADMIN.2v1 break-glass Super Admins', () => {
  it('fails with a single active Super Admin and names them', () => {
    const raw = adminSources([adminSpec('Ann One'), adminSpec('Ben Two', { status: 'SUSPENDED' })]);
    const verdict = evaluateOkta(control('OKTA.ADMIN.2v1'), raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('Ann One is the only active Super Administrator.');
  });
});

describe('OKTA.ADMIN.3v1 phishing-resistant factors', () => {
  const c = control('OKTA.ADMIN.3v1');

  it('gives the enrolled share and names admins without a phishing-resistant factor', () => {
    const raw = adminSources([
      adminSpec('Ann One', { factors: ['webauthn'] }),
      adminSpec('Ben Two', { factors: ['signed_nonce'] }),
      adminSpec('Cat Three', { factors: ['push', 'sms'], roles: ['ORG_ADMIN'] }),
      adminSpec('Dan Four', { factors: ['u2f'] }),
    ]);
    const verdict = evaluateOkta(c, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(3 / 4);
    expect(verdict.affected).toEqual([
      expect.objectContaining({ name: 'Cat Three', detail: expect.stringContaining('Organization Administrator · enrolled: Okta Verify push, SMS') }),
    ]);
    expect(verdict.reason).toContain('3 of 4 (75%) are enrolled');
  });

  it('ignores inactive factors and fails when nobody is enrolled', () => {
    const raw = adminSources([adminSpec('Ann One', { factors: ['push'] })]);
    (raw.adminFactors as Record<string, Array<Record<string, unknown>>>)[adminSpec('Ann One').id]!.push({
      id: 'fwfpending', factorType: 'webauthn', status: 'PENDING_ACTIVATION',
    });
    const verdict = evaluateOkta(c, raw);
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown, not compliant, when factors of some admins were not read', () => {
    const raw = adminSources([adminSpec('Ann One'), adminSpec('Ben Two')]);
    delete (raw.adminFactors as Record<string, unknown>)[adminSpec('Ben Two').id];
    expect(evaluateOkta(c, raw).status).toBe('unknown');
  });
});

describe('OKTA.ADMIN.4v1 and 5v1 MFA strength', () => {
  it('4v1 names admins with no factor at all', () => {
    const raw = adminSources([adminSpec('Ann One'), adminSpec('Ben Two', { factors: [] })]);
    const verdict = evaluateOkta(control('OKTA.ADMIN.4v1'), raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.affected.map((a) => a.name)).toEqual(['Ben Two']);
    expect(verdict.affected[0]!.detail).toContain('no active factor');
  });

  it('5v1 names admins enrolled only in SMS or voice, not those with no factor', () => {
    const raw = adminSources([
      adminSpec('Ann One'),
      adminSpec('Ben Two', { factors: ['sms', 'call'] }),
      adminSpec('Cat Three', { factors: [] }),
    ]);
    const verdict = evaluateOkta(control('OKTA.ADMIN.5v1'), raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 3);
    expect(verdict.affected.map((a) => a.name)).toEqual(['Ben Two']);
    expect(verdict.affected[0]!.detail).toContain('SMS, voice call');
  });
});

describe('OKTA.ADMIN.6v1 inactive admins', () => {
  const c = control('OKTA.ADMIN.6v1');

  it('names admins idle for 90 days or never signed in, with their age from the scan time', () => {
    const raw = adminSources([
      adminSpec('Ann One', { lastLogin: daysAgo(89) }),
      adminSpec('Ben Two', { lastLogin: daysAgo(120) }),
      adminSpec('Cat Three', { lastLogin: null }),
    ]);
    const verdict = evaluateOkta(c, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.affected.map((a) => a.name)).toEqual(['Ben Two', 'Cat Three']);
    expect(verdict.affected[0]!.detail).toContain('(120 days ago)');
    expect(verdict.affected[1]!.detail).toContain('never signed in');
  });
});

describe('OKTA.ADMIN.7v1 privileged passwords', () => {
  const c = control('OKTA.ADMIN.7v1');

  it('names admins whose Okta password is older than a year and skips federated admins', () => {
    const raw = adminSources([
      adminSpec('Ann One', { passwordChanged: daysAgo(400) }),
      adminSpec('Ben Two', { passwordChanged: daysAgo(30) }),
      adminSpec('Cat Three', { passwordChanged: daysAgo(900), provider: 'FEDERATION' }),
    ]);
    const verdict = evaluateOkta(c, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.affected.map((a) => a.name)).toEqual(['Ann One']);
    expect(verdict.affected[0]!.detail).toContain('password changed 400 days ago');
  });

  it('is compliant with a reason when no admin has an Okta password', () => {
    const verdict = evaluateOkta(c, adminSources([adminSpec('Ann One', { passwordChanged: null })]));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('federated or passwordless');
  });
});
