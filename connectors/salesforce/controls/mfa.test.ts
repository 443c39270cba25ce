import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import {
  evaluateRaw,
  grantors,
  malformedSources,
  mfaMethods,
  people,
  privilegedAssignment,
  queryResult,
  scanTime,
  userAssignment,
  type RawSources,
} from '../fixtures/org-data';
import { setupPages } from '../pages';
import { mfaControls } from './mfa';

const control = (id: string): Control => mfaControls.find((candidate) => candidate.id === id)!;
const admins = [people.ada, people.alan, people.grace, people.katherine];
const privileged = queryResult('PermissionSetAssignment', admins.map((p) => privilegedAssignment(p, grantors.systemAdministrator)));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(scanTime));
});
afterEach(() => vi.useRealTimers());

describe('MFA catalog', () => {
  it('has stable ids in the authentication metric with known remediation pages', () => {
    expect(mfaControls.map((c) => c.id)).toEqual(['SF.MFA.1v1', 'SF.MFA.2v1', 'SF.MFA.3v1']);
    for (const c of mfaControls) {
      expect(c.metric).toBe('authentication');
      for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
    }
  });

  it.each(mfaControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });

  it('is an error when one of two sources is malformed even if the other is fine', () => {
    const verdict = evaluateRaw(control('SF.MFA.1v1'), { privilegedAssignments: privileged, privilegedMfa: malformedSources.privilegedMfa });
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('MFA methods of privileged users');
  });
});

describe('SF.MFA.1v1 privileged users enrolled in strong MFA', () => {
  const enrolment = control('SF.MFA.1v1');

  it('passes when every admin has a strong method', () => {
    const mfa = queryResult('TwoFactorMethodsInfo', [
      mfaMethods(people.ada, 'HasSalesforceAuthenticator'),
      mfaMethods(people.alan, 'HasTotp'),
      mfaMethods(people.grace, 'HasU2F'),
      mfaMethods(people.katherine, 'HasBuiltInAuthenticator', 'HasUserVerifiedMobileNumber'),
    ]);
    const verdict = evaluateRaw(enrolment, { privilegedAssignments: privileged, privilegedMfa: mfa });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 4 privileged users have a strong MFA method registered.');
  });

  it('gives partial credit for the share enrolled and names those without (SMS does not count)', () => {
    const mfa = queryResult('TwoFactorMethodsInfo', [
      mfaMethods(people.ada, 'HasTotp'),
      mfaMethods(people.alan, 'HasUserVerifiedMobileNumber'),
      mfaMethods(people.grace),
    ]);
    const verdict = evaluateRaw(enrolment, { privilegedAssignments: privileged, privilegedMfa: mfa });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.25);
    expect(verdict.reason).toBe('3 of 4 privileged users have no strong MFA method: Alan Turing, Grace Hopper and Katherine Johnson.');
    expect(verdict.affected.map((a) => a.detail)).toEqual([
      'alan@acme.com · only SMS registered, which is not accepted for MFA · via System Administrator profile',
      'grace@acme.com · no strong method registered · via System Administrator profile',
      'katherine@acme.com · no verification method registered · via System Administrator profile',
    ]);
  });

  it('fails when no admin is enrolled', () => {
    const verdict = evaluateRaw(enrolment, { privilegedAssignments: privileged, privilegedMfa: queryResult('TwoFactorMethodsInfo', []) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affectedTotal).toBe(4);
  });

  it('accepts a security key reported in HasSecurityKey', () => {
    const mfa = queryResult('TwoFactorMethodsInfo', admins.map((p) => ({ ...mfaMethods(p), HasSecurityKey: true })));
    expect(evaluateRaw(enrolment, { privilegedAssignments: privileged, privilegedMfa: mfa }).status).toBe('compliant');
  });

  it('is unknown, never compliant, when the MFA list is partial and shows nobody missing', () => {
    const mfa = queryResult('TwoFactorMethodsInfo', [mfaMethods(people.ada, 'HasTotp')], { totalSize: 2500 });
    const verdict = evaluateRaw(enrolment, { privilegedAssignments: privileged, privilegedMfa: mfa });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Only the first 1 of 2500 MFA registrations were read');
  });
});

describe('SF.MFA.2v1 MFA waivers', () => {
  const waivers = control('SF.MFA.2v1');

  it('passes with no waiver holder', () => {
    const verdict = evaluateRaw(waivers, { mfaWaivers: queryResult('PermissionSetAssignment', []) });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('No active user holds the MFA waiver.');
  });

  it('fails and lists the holders with the permission set', () => {
    const raw = { mfaWaivers: queryResult('PermissionSetAssignment', [userAssignment(people.integration, 'MFA Exemption'), userAssignment(people.dennis, 'MFA Exemption')]) };
    const verdict = evaluateRaw(waivers, raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('2 active users are exempt from MFA: MuleSoft Integration and Dennis Ritchie.');
    expect(verdict.affected[0]).toEqual({ id: people.integration.Id, name: 'MuleSoft Integration', kind: 'user', detail: 'integration@acme.com · via MFA Exemption' });
  });

  it('reports the total from totalSize when only the first page was read', () => {
    const raw = { mfaWaivers: queryResult('PermissionSetAssignment', [userAssignment(people.dennis, 'MFA Exemption')], { totalSize: 2300 }) };
    const verdict = evaluateRaw(waivers, raw);
    expect(verdict.affectedTotal).toBe(2300);
    expect(verdict.reason).toContain('the list is partial');
  });
});

describe('SF.MFA.3v1 privileged users with MFA waivers', () => {
  const exempt = control('SF.MFA.3v1');

  it('passes when waivers are held only by non-privileged users', () => {
    const raw = { privilegedAssignments: privileged, mfaWaivers: queryResult('PermissionSetAssignment', [userAssignment(people.dennis, 'MFA Exemption')]) };
    expect(evaluateRaw(exempt, raw).status).toBe('compliant');
  });

  it('fails and names the exempt administrator', () => {
    const raw = { privilegedAssignments: privileged, mfaWaivers: queryResult('PermissionSetAssignment', [userAssignment(people.grace, 'MFA Exemption'), userAssignment(people.dennis, 'MFA Exemption')]) };
    const verdict = evaluateRaw(exempt, raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('1 privileged user is exempt from MFA: Grace Hopper.');
    expect(verdict.affected[0]!.detail).toBe('grace@acme.com · via MFA Exemption · privileged via System Administrator profile');
  });

  it('is unknown when a list is partial and no overlap is seen', () => {
    const raw = { privilegedAssignments: privileged, mfaWaivers: queryResult('PermissionSetAssignment', [], { totalSize: 10, done: false }) };
    expect(evaluateRaw(exempt, raw).status).toBe('unknown');
  });
});
