import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { goodProperties, goodRoster, grants, mfaCriterion, properties, samlConfig, table, userSpec, users, type UserSpec } from '../fixtures/payloads';
import { authenticationControls } from './authentication';

const control = (id: string): Control => authenticationControls.find((c) => c.id === id)!;
const props = (changes: Record<string, string | undefined>, options?: Parameters<typeof properties>[1]) => {
  const values = { ...goodProperties, ...changes };
  for (const [name, value] of Object.entries(values)) if (value === undefined) delete values[name];
  return { properties: properties(values as Record<string, string>, options) };
};
const roster = (entries: Array<[UserSpec, string[]]>, total?: number) => {
  const rows = grants(entries);
  return { privilegedGrants: table(rows, total ?? rows.length) };
};
const criteria = (...roles: string[]) => ({ mfaCriteria: table(roles.map((role) => mfaCriterion(role))) });

describe('SN.MFA.1v1 MFA for privileged users', () => {
  const c = control('SN.MFA.1v1');

  it('is compliant when every holder has per-user MFA or a role criterion, naming them', () => {
    const verdict = evaluateServiceNow(c);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('Grace Hopper (grace.hopper)');
  });

  it('drops criteria coverage when role-based MFA is switched off', () => {
    const verdict = evaluateServiceNow(c, props({ 'glide.authenticate.multifactor': 'false' }));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(3 / 4);
    expect(verdict.reason).toBe('1 of 4 active privileged users is not covered by multi-factor authentication: Grace Hopper (grace.hopper) (admin, user_admin).');
    expect(verdict.affected[0]).toMatchObject({ id: users.grace.sys_id, detail: expect.stringContaining('role-based MFA is switched off') });
  });

  it('is non-compliant when no holder is covered', () => {
    const bare = userSpec('Bob Bare', { enable_multifactor_authn: 'false' });
    const verdict = evaluateServiceNow(c, { ...roster([[bare, ['oauth_admin']]]), ...criteria('admin') });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]!.detail).toContain('no active multi-factor criterion names their roles');
  });

  it('is unknown when the property deciding the criteria is absent and has no documented default', () => {
    const verdict = evaluateServiceNow(c, props({ 'glide.authenticate.multifactor': undefined }));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Grace Hopper (grace.hopper) (criteria name admin, user_admin, but glide.authenticate.multifactor does not exist');
  });

  it('is unknown when the per-user flag is not returned and no criterion decides', () => {
    const noFlag = userSpec('Flagless Fred', { enable_multifactor_authn: undefined });
    const verdict = evaluateServiceNow(c, { ...roster([...goodRoster, [noFlag, ['oauth_admin']]]), ...criteria('admin', 'security_admin', 'user_admin') });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Flagless Fred (flagless.fred) (the per-user MFA flag was not returned');
  });

  it('is partial with undecided users noted, and earns them no credit', () => {
    const noFlag = userSpec('Flagless Fred', { enable_multifactor_authn: undefined });
    const bare = userSpec('Bob Bare', { enable_multifactor_authn: 'false' });
    const verdict = evaluateServiceNow(c, { ...roster([[users.ada, ['admin']], [noFlag, ['oauth_admin']], [bare, ['oauth_admin']]]), ...criteria('admin') });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.notes[0]).toContain('1 more user could not be decided');
    expect(verdict.affected.map((a) => a.name)).toEqual(['Bob Bare (bob.bare)', 'Flagless Fred (flagless.fred)']);
  });

  it('is unknown when grants were left unread', () => {
    const rows = grants(goodRoster);
    expect(evaluateServiceNow(c, { privilegedGrants: table(rows, 15_000) }).status).toBe('unknown');
  });

  it('is unknown when no privileged user is returned', () => {
    expect(evaluateServiceNow(c, { privilegedGrants: table([]) }).status).toBe('unknown');
  });
});

describe('SN.MFA.2v1 role-based MFA criteria', () => {
  const c = control('SN.MFA.2v1');

  it('names the roles without an active criterion, and the inactive criterion', () => {
    const verdict = evaluateServiceNow(c, {
      mfaCriteria: table([mfaCriterion('admin'), mfaCriterion('security_admin', { active: 'false', name: 'Sec admins (paused)' })]),
    });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('No active multi-factor criterion names security_admin and user_admin (inactive: Sec admins (paused)); glide.authenticate.multifactor = true.');
    expect(verdict.affected).toEqual([
      expect.objectContaining({ name: 'Sec admins (paused)', kind: 'multiFactorCriterion', detail: 'criterion for security_admin is inactive' }),
      expect.objectContaining({ name: 'user_admin', kind: 'role' }),
    ]);
  });

  it('is non-compliant when every criterion exists but role-based MFA is off', () => {
    const verdict = evaluateServiceNow(c, props({ 'glide.authenticate.multifactor': 'false' }));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('none of them is enforced');
  });

  it('is non-compliant with no criteria at all', () => {
    expect(evaluateServiceNow(c, { mfaCriteria: table([]) })).toMatchObject({ status: 'non_compliant', fraction: 0 });
  });

  it('is unknown when the property is absent, or hidden by an ACL', () => {
    expect(evaluateServiceNow(c, props({ 'glide.authenticate.multifactor': undefined })).status).toBe('unknown');
    const hidden = evaluateServiceNow(c, props({ 'glide.authenticate.multifactor': undefined }, { total: 9 }));
    expect(hidden.status).toBe('unknown');
    expect(hidden.reason).toContain('access control hides some properties');
  });
});

describe('SN.SSO.1v1 local login with SSO', () => {
  const c = control('SN.SSO.1v1');

  it('is compliant when local login is disabled, naming the identity provider', () => {
    expect(evaluateServiceNow(c).reason).toContain('Okta (acme.okta.com)');
  });

  it('is non-compliant when the property is absent (documented default false)', () => {
    const verdict = evaluateServiceNow(c, props({ 'glide.authentication.external.disable_local_login': undefined }));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe(
      'SSO is on through Okta (acme.okta.com), but login.do still accepts local passwords (glide.authentication.external.disable_local_login is not set, so the platform default false applies).',
    );
  });

  it('is non-compliant when set to false', () => {
    expect(evaluateServiceNow(c, props({ 'glide.authentication.external.disable_local_login': 'false' })).status).toBe('non_compliant');
  });

  it('is not applicable without an active identity provider, or with multi-provider SSO off', () => {
    const noIdp = evaluateServiceNow(c, { samlConfigs: table([samlConfig({ active: 'false' })]) });
    expect(noIdp.status).toBe('not_applicable');
    expect(noIdp.reason).toContain('No active SAML 2.0 identity provider');
    const off = evaluateServiceNow(c, props({ 'glide.authenticate.multisso.enabled': undefined }));
    expect(off.status).toBe('not_applicable');
    expect(off.reason).toContain('multi-provider SSO is off (glide.authenticate.multisso.enabled is not set, so the platform default false applies)');
  });

  it('is unknown when properties were hidden from the scan', () => {
    const verdict = evaluateServiceNow(c, props({ 'glide.authentication.external.disable_local_login': undefined }, { total: 7 }));
    expect(verdict.status).toBe('unknown');
  });
});

describe('SN.SSO.2v1 single sign-on configured', () => {
  const c = control('SN.SSO.2v1');

  it('gives half credit for an identity provider while SSO is off', () => {
    const verdict = evaluateServiceNow(c, props({ 'glide.authenticate.multisso.enabled': 'false' }));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).toContain('Okta (acme.okta.com)');
  });

  it('is non-compliant with advice when no SSO exists', () => {
    const verdict = evaluateServiceNow(c, { samlConfigs: table([]), ...props({ 'glide.authenticate.multisso.enabled': undefined }) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('Every user logs in with a ServiceNow password');
    expect(c.remediation.summary).toContain('identity provider');
  });

  it('is unknown when SSO is on but no SAML provider exists (an OIDC provider may be in use)', () => {
    const verdict = evaluateServiceNow(c, { samlConfigs: table([]) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('OIDC');
  });
});

describe('authentication controls on malformed data', () => {
  it.each(authenticationControls.map((c) => [c.id, c] as const))('%s is an error when its source cannot be parsed', (_id, c) => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
