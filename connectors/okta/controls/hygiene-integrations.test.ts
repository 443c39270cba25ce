import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateOkta } from '../fixtures/hygiene';
import {
  accessPolicy,
  accessPolicyCatchAllRule,
  accessPolicyRule,
  app,
  apps,
  clientPrivilegesSetting,
  daysAgo,
  eventHook,
  identityProvider,
  ids,
  inactiveUser,
  oktaSupport,
} from '../fixtures/payloads';
import { hygieneIntegrationControls } from './hygiene-integrations';
import { hygieneOrgControls } from './hygiene-org';

const all = [...hygieneIntegrationControls, ...hygieneOrgControls];
const control = (id: string): Control => all.find((c) => c.id === id)!;

describe('OKTA.APP.1v1 public client app admins', () => {
  it('fails when new public clients become Super Admins', () => {
    const verdict = evaluateOkta(control('OKTA.APP.1v1'), { clientPrivilegesSetting: clientPrivilegesSetting({ clientPrivilegesSetting: true }) });
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: true, expected: false });
  });
});

describe('OKTA.APP.2v1 apps require two factors', () => {
  const c = control('OKTA.APP.2v1');
  const oneFactorPolicy = 'rst1passwordOnly0h7';
  const payload = {
    apps: [...apps(), app({ id: '0oa1wiki0h7', name: 'confluence', label: 'Team Wiki', policyId: oneFactorPolicy })],
    accessPolicies: [
      accessPolicy(),
      accessPolicy({ id: ids.dashboardPolicy, name: 'Okta Dashboard' }),
      accessPolicy({ id: ids.appPolicy, name: 'Salesforce sign-in' }),
      accessPolicy({ id: oneFactorPolicy, name: 'Password only' }),
    ],
    accessPolicyRules: {
      [ids.adminConsolePolicy]: [accessPolicyRule(), accessPolicyCatchAllRule()],
      [ids.dashboardPolicy]: [accessPolicyRule(), accessPolicyCatchAllRule()],
      [ids.appPolicy]: [accessPolicyRule(), accessPolicyCatchAllRule()],
      [oneFactorPolicy]: [accessPolicyRule({ name: 'Anyone', actions: { appSignOn: { verificationMethod: { factorMode: '1FA', constraints: [] } } } }), accessPolicyCatchAllRule()],
    },
  };

  it('names apps whose policy allows one factor, with the policy and rule', () => {
    const verdict = evaluateOkta(c, payload);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.affected).toEqual([{ id: '0oa1wiki0h7', name: 'Team Wiki', kind: 'app', detail: 'policy Password only · Anyone allows one factor' }]);
  });

  it('is unknown when an app\'s policy cannot be found and no app fails', () => {
    const verdict = evaluateOkta(c, { apps: [...apps(), app({ id: '0oa1lost0h7', label: 'Lost app', policyId: 'rst1missing0h7' })] });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Lost app');
  });
});

describe('OKTA.IDP.1v1 JIT provisioning', () => {
  it('names social IdPs with JIT and IdPs syncing groups without a filter', () => {
    const idps = [
      identityProvider(),
      identityProvider({ id: '0oa1google0h7', name: 'Google', type: 'GOOGLE', policy: { provisioning: { action: 'AUTO', groups: { action: 'NONE' } } } }),
      identityProvider({ id: '0oa1partner0h7', name: 'Partner Azure AD', type: 'SAML2', policy: { provisioning: { action: 'AUTO', groups: { action: 'SYNC' } } } }),
      identityProvider({ id: '0oa1filtered0h7', name: 'Filtered', type: 'OIDC', policy: { provisioning: { action: 'AUTO', groups: { action: 'SYNC', filter: ['00g1x'] } } } }),
    ];
    const verdict = evaluateOkta(control('OKTA.IDP.1v1'), { identityProviders: idps });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 4);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Google', 'GOOGLE · creates an Okta user for anyone with an account at this consumer provider'],
      ['Partner Azure AD', 'SAML2 · syncs group memberships from the assertion with no group filter'],
    ]);
  });
});

describe('OKTA.IDP.2v1 automatic account linking', () => {
  it('names IdPs that auto-link without a filter, but not smart card IdPs or filtered ones', () => {
    const idps = [
      identityProvider(),
      identityProvider({ id: '0oa1partner0h7', name: 'Partner Azure AD', type: 'SAML2', policy: { accountLink: { action: 'AUTO', filter: null }, subject: { matchType: 'EMAIL' } } }),
      identityProvider({ id: '0oa1filtered0h7', name: 'Filtered', type: 'OIDC', policy: { accountLink: { action: 'AUTO', filter: { groups: { include: ['00g1x'] } } } } }),
    ];
    const verdict = evaluateOkta(control('OKTA.IDP.2v1'), { identityProviders: idps });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([['Partner Azure AD', 'SAML2 · automatic account linking, no filter · matches on EMAIL']]);
  });
});

describe('OKTA.IDP.2v1 without an account-link policy', () => {
  it('is unknown, never compliant, when an active IdP does not say how it links accounts', () => {
    const verdict = evaluateOkta(control('OKTA.IDP.2v1'), { identityProviders: [identityProvider({ name: 'Partner SSO', type: 'SAML2', policy: null })] });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('How Partner SSO links accounts was not read, so automatic linking cannot be ruled out. Scan again.');
  });
});

describe('OKTA.LOG.1v1 event hooks', () => {
  it('names http:// hooks and hooks without authentication', () => {
    const hooks = [
      eventHook(),
      eventHook({ id: 'who1http0h7', name: 'Legacy SIEM', channel: { config: { uri: 'http://siem.acme.example/okta', authScheme: null } } }),
    ];
    const verdict = evaluateOkta(control('OKTA.LOG.1v1'), { eventHooks: hooks });
    expect(verdict.status).toBe('partial');
    expect(verdict.affected).toEqual([
      { id: 'who1http0h7', name: 'Legacy SIEM', kind: 'eventHook', detail: 'http://siem.acme.example/okta · not https://, no authentication header' },
    ]);
  });
});

describe('OKTA.ORG.1v1 Okta Support access', () => {
  const c = control('OKTA.ORG.1v1');

  it('gives half credit while a time-boxed grant is running', () => {
    const verdict = evaluateOkta(c, { oktaSupport: oktaSupport({ support: 'ENABLED', expiration: daysAgo(-1), caseNumber: '01234567' }) });
    expect(verdict.status).toBe('partial');
    expect(verdict.reason).toBe('Okta Support access is on for case 01234567 until 2026-04-16.');
  });

  it('fails with no expiry or an expiry far away', () => {
    expect(evaluateOkta(c, { oktaSupport: oktaSupport({ support: 'ENABLED', expiration: null }) })).toMatchObject({
      status: 'non_compliant',
      reason: 'Okta Support access is on with no expiry.',
    });
    expect(evaluateOkta(c, { oktaSupport: oktaSupport({ support: 'ENABLED', expiration: daysAgo(-90) }) }).status).toBe('non_compliant');
  });
});

describe('OKTA.USER.1v1 users idle 90 days', () => {
  const c = control('OKTA.USER.1v1');

  it('lists users idle 90 days or more by login, oldest first, and leaves out 35–89-day ones', () => {
    const verdict = evaluateOkta(c, { inactiveUsers: [inactiveUser(40), inactiveUser(120), inactiveUser(400)] });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected.map((a) => a.name)).toEqual(['idle.400@acme.example', 'idle.120@acme.example']);
    expect(verdict.affected[1]!.detail).toBe(`last sign-in ${daysAgo(120).slice(0, 10)} (120 days ago)`);
    expect(verdict.reason).toContain('2 active users have not signed in for 90 days');
  });

  it('is compliant when only recently idle users are returned', () => {
    expect(evaluateOkta(c, { inactiveUsers: [inactiveUser(40)] }).status).toBe('compliant');
  });

  it('says the list is partial when the search hit its limit', () => {
    const users = Array.from({ length: 1000 }, (_, i) => inactiveUser(91 + (i % 200), { id: `00u1bulk${i}`, profile: { login: `bulk.${i}@acme.example` } }));
    const verdict = evaluateOkta(c, { inactiveUsers: users });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affectedTotal).toBe(1000);
    expect(verdict.affected).toHaveLength(50);
    expect(verdict.reason).toContain('stopped at 1000 users, so the list is partial');
  });
});
