import { describe, expect, it } from 'vitest';
import {
  accessPolicyCatchAllRule,
  accessPolicyRule,
  adminRole,
  adminRoles,
  apiToken,
  app,
  apps,
  ids,
  networkZone,
  networkZones,
  signOnDefaultRule,
  signOnPolicy,
  signOnPolicyRule,
} from '../fixtures/payloads';
import { accessRulesFor, classicOrg, runStig } from '../fixtures/stig';
import {
  anonymizersBlocked,
  apiTokensDedicatedAccounts,
  apiTokensNetworkRestricted,
  appPoliciesUseNetworkZones,
  globalSessionIpRestricted,
} from './stig-network';

const secondToken = (overrides: Record<string, unknown> = {}) =>
  apiToken({ id: '00T1reportingToken0h7', name: 'Reporting export', ...overrides });

describe('OKTA.STIG.279689v1 API tokens in network zones', () => {
  it('is non-compliant for a token usable from anywhere, naming it', () => {
    const verdict = runStig(apiTokensNetworkRestricted, { apiTokens: [apiToken({ network: { connection: 'ANYWHERE' } })] });
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Anywhere' });
    expect(verdict.affected[0]).toMatchObject({ name: 'HR provisioning', kind: 'API token', detail: 'Token can be used from: Anywhere' });
  });

  it('treats a token without a network setting (older tokens) as usable from anywhere', () => {
    const token = apiToken() as Record<string, unknown>;
    delete token.network;
    expect(runStig(apiTokensNetworkRestricted, { apiTokens: [token] }).status).toBe('non_compliant');
  });

  it('gives partial credit, naming the zone, when one token uses an unknown or blocklist zone', () => {
    const verdict = runStig(apiTokensNetworkRestricted, {
      apiTokens: [apiToken(), secondToken({ network: { connection: 'ZONE', include: [ids.blockedIpZone] } })],
    });
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.affected[0]!.detail).toContain('In zone BlockedIpZone (not an active policy zone');
    expect(verdict.reason).toContain('"Reporting export"');
  });

  it('fails a token that only excludes zones', () => {
    const verdict = runStig(apiTokensNetworkRestricted, { apiTokens: [apiToken({ network: { connection: 'ZONE', include: [], exclude: [ids.blockedIpZone] } })] });
    expect(verdict.status).toBe('non_compliant');
  });

  it('is compliant with no tokens', () => {
    expect(runStig(apiTokensNetworkRestricted, { apiTokens: [] }).reason).toBe('The org has no API tokens.');
  });

  it('is an error on an unknown connection type', () => {
    expect(runStig(apiTokensNetworkRestricted, { apiTokens: [apiToken({ network: { connection: 'SOMEWHERE' } })] }).status).toBe('error');
  });
});

describe('OKTA.STIG.279690v1 API tokens under dedicated accounts', () => {
  it('is non-compliant for a token owned by a Super Admin, naming token and owner', () => {
    const verdict = runStig(apiTokensDedicatedAccounts, { apiTokens: [apiToken({ userId: ids.superAdmin })] });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]).toMatchObject({ name: 'HR provisioning', kind: 'API token' });
    expect(verdict.affected[0]!.detail).toBe('Owner alice.admin@acme.example: owner is a Super Administrator');
    expect(verdict.reason).toContain('owned by a Super Administrator');
  });

  it('flags tokens that share an owner', () => {
    const verdict = runStig(apiTokensDedicatedAccounts, { apiTokens: [apiToken(), secondToken()] });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('svc-hr-provisioning@acme.example owns 2 tokens');
    expect(verdict.affected).toHaveLength(2);
  });

  it('gives partial credit when one of two dedicated owners is a Super Admin', () => {
    const verdict = runStig(apiTokensDedicatedAccounts, { apiTokens: [apiToken(), secondToken({ userId: ids.secondSuperAdmin })] });
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.affected.map((a) => a.name)).toEqual(['Reporting export']);
  });

  it('ignores an inactive Super Admin assignment and says role scope is checked by hand', () => {
    const roles = { ...adminRoles(), [ids.serviceAccount]: [adminRole('SUPER_ADMIN', ids.serviceAccount, { status: 'INACTIVE' })] };
    const verdict = runStig(apiTokensDedicatedAccounts, { adminRoles: roles });
    expect(verdict.status).toBe('compliant');
    expect(verdict.notes.join(' ')).toContain('Access Control policy');
  });

  it('is unknown, never compliant, when the roles of an admin who owns a token were not read', () => {
    const { [ids.serviceAccount]: _unread, ...roles } = adminRoles();
    const verdict = runStig(apiTokensDedicatedAccounts, { adminRoles: roles });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('The admin roles of the owner of "HR provisioning" were not read, so whether a Super Administrator owns it cannot be told. Scan again.');
  });

  it('is an error when a role has no type', () => {
    expect(runStig(apiTokensDedicatedAccounts, { adminRoles: { [ids.serviceAccount]: [{ id: 'r' }] } }).status).toBe('error');
  });
});

describe('OKTA.STIG.279691v1 Global Session Policy IP conditions', () => {
  const rules = (...list: unknown[]) => ({ signOnPolicies: [signOnPolicy()], signOnPolicyRules: { [ids.signOnPolicy]: list } });

  it('is non-compliant when the allowing rule accepts any IP, naming it', () => {
    const verdict = runStig(globalSessionIpRestricted, rules(signOnPolicyRule({ conditions: { network: { connection: 'ANYWHERE', include: null } } }), signOnDefaultRule()));
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Anywhere' });
    expect(verdict.affected[0]).toMatchObject({ name: 'Default Policy › STIG session limits', detail: "IF User's IP is: Anywhere" });
  });

  it('accepts an allow-anywhere rule below a rule that denies a zone', () => {
    const deny = signOnPolicyRule({ id: 'deny', name: 'Deny blocked networks', priority: 1, conditions: { network: { connection: 'ZONE', include: [ids.blockedIpZone] } }, actions: { signon: { access: 'DENY' } } });
    const allow = signOnPolicyRule({ priority: 2, conditions: { network: { connection: 'ANYWHERE', include: null } } });
    expect(runStig(globalSessionIpRestricted, rules(deny, allow, signOnDefaultRule({ priority: 3 }))).status).toBe('compliant');
  });

  it('gives partial credit across rules', () => {
    const open = signOnPolicyRule({ id: 'open', name: 'Remote staff', priority: 2, conditions: { network: { connection: 'ANYWHERE', include: null } } });
    const verdict = runStig(globalSessionIpRestricted, rules(signOnPolicyRule(), open, signOnDefaultRule({ priority: 3 })));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).toContain('"Default Policy › Remote staff"');
  });

  it('is unknown when no rule allows sign-in', () => {
    expect(runStig(globalSessionIpRestricted, rules(signOnDefaultRule())).status).toBe('unknown');
  });
});

describe('OKTA.STIG.279692v1 anonymizers blocked', () => {
  const zones = () => networkZones().filter((zone) => (zone as { type: string }).type !== 'DYNAMIC_V2');

  it('is unknown when only an IP block list exists: its ranges are checked against the CSSP list by hand', () => {
    const verdict = runStig(anonymizersBlocked, { networkZones: zones() });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('"BlockedIpZone"');
    expect(verdict.reason).toContain('CSSP');
  });

  it('is non-compliant with no blocklist, naming an inactive enhanced zone', () => {
    const enhanced = networkZones().find((zone) => (zone as { type: string }).type === 'DYNAMIC_V2') as Record<string, unknown>;
    const verdict = runStig(anonymizersBlocked, { networkZones: [networkZone(), { ...enhanced, status: 'INACTIVE' }] });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]).toMatchObject({ name: 'DefaultEnhancedDynamicZone', detail: 'Inactive' });
  });

  it('gives half credit to a Tor-only dynamic blocklist and full credit to any-proxy', () => {
    const tor = networkZone({ id: 'nzo1tor', name: 'Block Tor', type: 'DYNAMIC', usage: 'BLOCKLIST', gateways: null, proxyType: 'TorAnonymizer' });
    expect(runStig(anonymizersBlocked, { networkZones: [networkZone(), tor] })).toMatchObject({ status: 'partial', fraction: 0.5 });
    const any = networkZone({ id: 'nzo1any', name: 'Block proxies', type: 'DYNAMIC', usage: 'BLOCKLIST', gateways: null, proxyType: 'Any' });
    expect(runStig(anonymizersBlocked, { networkZones: [networkZone(), any] }).status).toBe('compliant');
  });

  it('is an error on an unknown zone usage', () => {
    expect(runStig(anonymizersBlocked, { networkZones: [networkZone({ usage: 'SOMETIMES' })] }).status).toBe('error');
  });
});

describe('OKTA.STIG.279693v1 network zones in every app policy', () => {
  it('is partial when one app policy accepts any network and allows in its catch-all, naming app and rule', () => {
    const open = accessPolicyRule({ name: 'Everyone', conditions: { network: { connection: 'ANYWHERE', include: null } } });
    const verdict = runStig(appPoliciesUseNetworkZones, accessRulesFor(ids.appPolicy, [open, accessPolicyCatchAllRule({ actions: { appSignOn: { access: 'ALLOW' } } })]));
    expect(verdict).toMatchObject({ status: 'partial' });
    expect(verdict.fraction).toBeCloseTo(2 / 3);
    expect(verdict.affected).toEqual([
      expect.objectContaining({ id: ids.salesforceApp, name: 'Salesforce.com', detail: 'Policy "Salesforce sign-in": "Everyone" has no network zone; "Catch-all Rule" allows access' }),
    ]);
  });

  it('is non-compliant when every app shares an open policy', () => {
    const shared = apps().map((a) => ({ ...(a as Record<string, unknown>), _links: { accessPolicy: { href: `https://acme.okta.com/api/v1/policies/${ids.appPolicy}` } } }));
    const open = accessPolicyRule({ conditions: { network: null } });
    expect(runStig(appPoliciesUseNetworkZones, { apps: shared, ...accessRulesFor(ids.appPolicy, [open, accessPolicyCatchAllRule()]) }).status).toBe('non_compliant');
  });

  it('fails an app without a linked policy and ignores inactive apps', () => {
    const unlinked = app({ id: '0oa1bookmark0h7', label: 'Wiki bookmark', _links: { accessPolicy: undefined } });
    const inactive = app({ id: '0oa1old0h7', label: 'Old app', status: 'INACTIVE', policyId: 'missing' });
    const verdict = runStig(appPoliciesUseNetworkZones, { apps: [...apps(), unlinked, inactive] });
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.75 });
    expect(verdict.affected[0]).toMatchObject({ name: 'Wiki bookmark', detail: 'Policy "none": no authentication policy is linked' });
  });

  it('is unknown on Classic Engine', () => {
    expect(runStig(appPoliciesUseNetworkZones, classicOrg()).reason).toContain('Classic Engine');
  });
});
