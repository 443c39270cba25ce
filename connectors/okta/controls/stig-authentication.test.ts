import { describe, expect, it } from 'vitest';
import {
  accessPolicy,
  accessPolicyCatchAllRule,
  accessPolicyRule,
  app,
  authenticator,
  authenticators,
  identityProvider,
  ids,
} from '../fixtures/payloads';
import { accessRulesFor, classicOrg, phishableRule, runStig, singleFactorRule } from '../fixtures/stig';
import {
  adminConsoleMfa,
  adminConsolePhishingResistant,
  dashboardMfa,
  dashboardPhishingResistant,
  dodApprovedCertificateAuthorities,
  oktaVerifyFips,
  pivCredentialsAccepted,
} from './stig-authentication';

const firstParty = [
  ['V-273190', dashboardPhishingResistant, ids.dashboardPolicy, 'Okta Dashboard', phishableRule, 'phishable factors allowed'],
  ['V-273191', adminConsolePhishingResistant, ids.adminConsolePolicy, 'Okta Admin Console', phishableRule, 'phishable factors allowed'],
  ['V-273193', adminConsoleMfa, ids.adminConsolePolicy, 'Okta Admin Console', singleFactorRule, 'any 1 factor type'],
  ['V-273194', dashboardMfa, ids.dashboardPolicy, 'Okta Dashboard', singleFactorRule, 'any 1 factor type'],
] as const;

describe.each(firstParty)('%s first-party authentication policy', (_vulnId, control, policyId, policyName, weakRule, actual) => {
  it('is non-compliant when the only allowing rule is weak, naming the policy and rule', () => {
    const verdict = runStig(control, accessRulesFor(policyId, [weakRule(), accessPolicyCatchAllRule()]));
    expect(verdict).toMatchObject({ status: 'non_compliant', fraction: 0, actual });
    const ruleName = (weakRule() as { name: string }).name;
    expect(verdict.affected).toEqual([expect.objectContaining({ name: `${policyName} › ${ruleName}`, kind: 'Authentication policy rule' })]);
    expect(verdict.reason).toContain('including the top rule');
    expect(verdict.reason).toContain(`"${policyName}"`);
  });

  it('gives partial credit when a lower rule is weak', () => {
    const verdict = runStig(control, accessRulesFor(policyId, [accessPolicyRule(), weakRule({ priority: 5 }), accessPolicyCatchAllRule()]));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).not.toContain('including the top rule');
  });

  it('does not count the other first-party policy', () => {
    const other = policyId === ids.dashboardPolicy ? ids.adminConsolePolicy : ids.dashboardPolicy;
    expect(runStig(control, accessRulesFor(other, [weakRule(), accessPolicyCatchAllRule()])).status).toBe('compliant');
  });

  it('fails closed on an authentication method chain it cannot read', () => {
    const chain = accessPolicyRule({ actions: { appSignOn: { verificationMethod: { type: 'AUTH_METHOD_CHAIN', chains: [], constraints: null, factorMode: undefined } } } });
    expect(runStig(control, accessRulesFor(policyId, [chain, accessPolicyCatchAllRule()])).status).toBe('non_compliant');
  });

  it('is compliant when every rule denies access', () => {
    expect(runStig(control, accessRulesFor(policyId, [accessPolicyCatchAllRule()])).status).toBe('compliant');
  });

  it('finds the policy by name when the app list hides the first-party apps, and says so', () => {
    const verdict = runStig(control, { apps: [app()] });
    expect(verdict.status).toBe('compliant');
    expect(verdict.notes.join(' ')).toContain('found by its name');
  });

  it('is unknown, with what to check, when neither the app nor a policy of that name is visible', () => {
    const verdict = runStig(control, {
      apps: [app()],
      accessPolicies: [accessPolicy({ id: ids.appPolicy, name: 'Salesforce sign-in' })],
    });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Security → Authentication Policies');
  });

  it('is unknown on Classic Engine, saying what to verify', () => {
    const verdict = runStig(control, classicOrg());
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Classic Engine');
  });

  it('is an error when a rule has an unknown factor mode', () => {
    const bad = accessPolicyRule({ actions: { appSignOn: { verificationMethod: { factorMode: '3FA' } } } });
    expect(runStig(control, accessRulesFor(policyId, [bad])).status).toBe('error');
  });
});

describe('OKTA.STIG.273204v1 Smart Card authenticator', () => {
  const without = () => authenticators().filter((a) => (a as { key: string }).key !== 'smart_card_idp');

  it('is non-compliant when the Smart Card authenticator is inactive, naming it', () => {
    const verdict = runStig(pivCredentialsAccepted, { authenticators: [...without(), authenticator('smart_card_idp', { status: 'INACTIVE' })] });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]).toMatchObject({ name: 'Smart Card Authenticator', detail: 'Status: Inactive' });
  });

  it('is non-compliant when there is none', () => {
    expect(runStig(pivCredentialsAccepted, { authenticators: without() })).toMatchObject({ status: 'non_compliant', actual: 'not set up' });
  });

  it('is unknown on Classic Engine', () => {
    expect(runStig(pivCredentialsAccepted, classicOrg()).status).toBe('unknown');
  });

  it('is an error when an authenticator has no status', () => {
    const broken = authenticator('smart_card_idp') as Record<string, unknown>;
    delete broken.status;
    expect(runStig(pivCredentialsAccepted, { authenticators: [broken] }).status).toBe('error');
  });
});

describe('OKTA.STIG.273205v1 Okta Verify FIPS', () => {
  const others = () => authenticators().filter((a) => (a as { key: string }).key !== 'okta_verify');

  it('is non-compliant when any device may enroll, naming Okta Verify', () => {
    const verdict = runStig(oktaVerifyFips, { authenticators: [...others(), authenticator('okta_verify', { settings: { compliance: { fips: 'OPTIONAL' } } })] });
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'any device' });
    expect(verdict.affected[0]).toMatchObject({ name: 'Okta Verify', kind: 'Authenticator' });
  });

  it('is non-compliant when the FIPS setting is absent', () => {
    const verdict = runStig(oktaVerifyFips, { authenticators: [...others(), authenticator('okta_verify', { settings: { compliance: null } })] });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('not reported');
  });

  it('is not applicable without an active Okta Verify', () => {
    expect(runStig(oktaVerifyFips, { authenticators: others() }).status).toBe('not_applicable');
    expect(runStig(oktaVerifyFips, { authenticators: [...others(), authenticator('okta_verify', { status: 'INACTIVE' })] }).status).toBe('not_applicable');
  });

  it('is an error on an unknown FIPS value', () => {
    expect(runStig(oktaVerifyFips, { authenticators: [authenticator('okta_verify', { settings: { compliance: { fips: 'SOMETIMES' } } })] }).status).toBe('error');
  });
});

describe('OKTA.STIG.273207v1 DoD-approved certificate authorities (manual)', () => {
  it('is unknown with the CA check to make by hand, naming the IdP and its issuer', () => {
    const verdict = runStig(dodApprovedCertificateAuthorities);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('"DoD CAC"');
    expect(verdict.reason).toContain('Certificate chain');
    expect(verdict.affected[0]).toMatchObject({ name: 'DoD CAC', detail: 'Active; certificate issuer: DoD Root CA 3' });
  });

  it('is non-compliant without an active Smart Card IdP', () => {
    const inactive = runStig(dodApprovedCertificateAuthorities, { identityProviders: [identityProvider({ status: 'INACTIVE' })] });
    expect(inactive.status).toBe('non_compliant');
    expect(inactive.affected[0]!.name).toBe('DoD CAC');
    const none = runStig(dodApprovedCertificateAuthorities, { identityProviders: [identityProvider({ type: 'SAML2', name: 'Partner SAML' })] });
    expect(none).toMatchObject({ status: 'non_compliant', actual: 'no Smart Card IdP' });
  });

  it('is an error when an IdP has no type', () => {
    const idp = identityProvider() as Record<string, unknown>;
    delete idp.type;
    expect(runStig(dodApprovedCertificateAuthorities, { identityProviders: [idp] }).status).toBe('error');
  });
});

