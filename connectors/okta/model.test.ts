import { describe, expect, it } from 'vitest';
import { oktaSourceSchemas, parseOktaSources, type OktaSourceId } from './model';
import { oktaSources, sourcePath, parentItemIds } from './sources';
import {
  adminAssignees,
  apiToken,
  app,
  apps,
  forbiddenError,
  identityProvider,
  ids,
  mfaEnrollPolicy,
  networkZone,
  networkZones,
  oidcApp,
  oktaModel,
  oktaPayloads,
  oktaSourceResults,
  passwordPolicy,
  refreshToken,
  scanTime,
  signOnPolicyRule,
  threatInsight,
  user,
} from './fixtures/payloads';

function reasonOf(id: OktaSourceId, data: unknown): string {
  const parsed = parseOktaSources(oktaSourceResults({ [id]: data }), scanTime)[id];
  expect(parsed?.ok).toBe(false);
  return parsed && !parsed.ok ? parsed.reason : '';
}

describe('Okta sources', () => {
  it('declares one schema per source and unique ids', () => {
    const sourceIds = oktaSources.map((source) => source.id);
    expect(new Set(sourceIds).size).toBe(sourceIds.length);
    expect(Object.keys(oktaSourceSchemas).sort()).toEqual([...sourceIds].sort());
  });

  it('declares child sources under a declared parent with a placeholder', () => {
    for (const source of oktaSources) {
      if (!('parent' in source)) continue;
      expect(sourceIds()).toContain(source.parent);
      expect(source.path).toMatch(/\{[A-Za-z]+\}/);
    }
  });

  it('computes the inactive-user search from the scan time, never reading every user', () => {
    const inactive = oktaSources.find((source) => source.id === 'inactiveUsers')!;
    const path = sourcePath(inactive, scanTime);
    expect(new URLSearchParams(path.split('?')[1]).get('search')).toBe(
      'status eq "ACTIVE" and lastLogin lt "2026-03-11T12:00:00.000Z"',
    );
    expect(oktaSources.filter((source) => source.path.startsWith('/api/v1/users') && !('parent' in source))).toEqual([inactive]);
  });

  it('fills a child path and keeps the fixed query', () => {
    const rules = oktaSources.find((source) => source.id === 'passwordPolicyRules')!;
    expect(sourcePath(rules, scanTime, ids.passwordPolicy)).toBe(`/api/v1/policies/${ids.passwordPolicy}/rules?limit=100`);
    const policies = oktaSources.find((source) => source.id === 'passwordPolicies')!;
    expect(sourcePath(policies, scanTime)).toBe('/api/v1/policies?type=PASSWORD&limit=200');
    expect(() => sourcePath(rules, scanTime)).toThrow(/needs the id/);
  });

  it('reads the last use of a client from the System Log: its newest event since the log\'s 90 days, filtered on the client as actor', () => {
    const lastUse = oktaSources.find((source) => source.id === 'appLastUse')!;
    const query = new URLSearchParams(sourcePath(lastUse, scanTime, '0oa1acmePortal00h7').split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ filter: 'actor.id eq "0oa1acmePortal00h7"', sortOrder: 'DESCENDING', limit: '1', since: '2026-01-15T12:00:00.000Z' });
    const integrations = oktaSources.find((source) => source.id === 'integrationLastUse')!;
    expect(sourcePath(integrations, scanTime, ids.logIntegration)).toBe(sourcePath(lastUse, scanTime, ids.logIntegration));
  });

  it('reads refresh tokens only of apps allowed the refresh_token grant, and the last use of every custom OpenID Connect app', () => {
    const tokens = oktaSources.find((source) => source.id === 'appTokens')!;
    const lastUse = oktaSources.find((source) => source.id === 'appLastUse')!;
    const listed = [...apps(), oidcApp('0oa1webApp000000h7', 'Web', 'web'), oidcApp('0oa1service0000h7', 'Service', 'service')];
    expect(parentItemIds(listed, tokens.selectParent)).toEqual(['0oa1webApp000000h7']);
    expect(parentItemIds(listed, lastUse.selectParent)).toEqual(['0oa1webApp000000h7', '0oa1service0000h7']);
  });

  it('reads parent ids from arrays and IAM bodies', () => {
    expect(parentItemIds(adminAssignees())).toEqual([ids.superAdmin, ids.secondSuperAdmin, ids.serviceAccount]);
    expect(parentItemIds([passwordPolicy()])).toEqual([ids.passwordPolicy]);
    expect(parentItemIds(null)).toEqual([]);
  });
});

function sourceIds(): string[] {
  return oktaSources.map((source) => source.id);
}

describe('parseOktaSources', () => {
  it('parses every fixture payload', () => {
    const parsed = parseOktaSources(oktaSourceResults(), scanTime);
    for (const id of Object.keys(oktaPayloads())) {
      const source = parsed[id];
      expect(source, id).toBeDefined();
      expect(source?.ok ? 'ok' : source?.reason, id).toBe('ok');
    }
    expect(parsed.scanTime).toEqual({ ok: true, value: scanTime, truncated: false });
  });

  it('gives controls typed values', () => {
    const model = oktaModel();
    expect(model.passwordPolicies?.[0]?.settings.password.complexity.dictionary?.common?.exclude).toBe(true);
    expect(model.signOnPolicyRules?.[ids.signOnPolicy]?.[0]?.actions.signon.session.maxSessionIdleMinutes).toBe(15);
    expect(model.adminAssignees?.map((admin) => admin.id)).toHaveLength(3);
    expect(model.adminRoles?.[ids.superAdmin]?.[0]?.type).toBe('SUPER_ADMIN');
    expect(model.apps?.find((item) => item.name === 'saasure')?.accessPolicyId).toBe(ids.adminConsolePolicy);
    expect(model.threatInsight?.action).toBe('block');
    expect(model.orgMetadata?.pipeline).toBe('idx');
  });

  it('accepts IAM listings as concatenated items too', () => {
    const model = oktaModel({ adminAssignees: adminAssignees().value });
    expect(model.adminAssignees).toHaveLength(3);
  });

  it('defaults a token without a network condition to ANYWHERE and an app without a policy link to null', () => {
    const { network: _network, ...token } = apiToken();
    const { _links: _links, ...bare } = app();
    const model = oktaModel({ apiTokens: [token], apps: [bare] });
    expect(model.apiTokens?.[0]?.network.connection).toBe('ANYWHERE');
    expect(model.apps?.[0]?.accessPolicyId).toBeNull();
  });

  it('fails a source whose required field was renamed, naming the field', () => {
    const policy = passwordPolicy();
    const { lockout, ...password } = policy.settings.password;
    const renamed = { ...policy, settings: { ...policy.settings, password: { ...password, lockOut: lockout } } };
    const reason = reasonOf('passwordPolicies', [renamed]);
    expect(reason).toContain('Okta returned "Password policies" in a form Posture Lens cannot read');
    expect(reason).toContain('0.settings.password.lockout');
  });

  it('fails policies whose "system" flag is missing, instead of reading them as custom policies', () => {
    const { system: _system, ...policy } = passwordPolicy();
    expect(reasonOf('passwordPolicies', [policy])).toContain('0.system: Invalid input: expected boolean, received undefined');
  });

  it('fails an IP zone without its gateways, instead of reading it as empty; other zones have none', () => {
    const { gateways: _gateways, ...zone } = networkZone();
    expect(reasonOf('networkZones', [zone])).toContain('0.gateways: an IP zone without its gateways');
    const dynamic = networkZones()
      .filter((candidate) => candidate.type !== 'IP')
      .map(({ gateways: _none, proxies: _nor, ...candidate }) => candidate);
    expect(dynamic.length).toBeGreaterThan(0);
    expect(oktaModel({ networkZones: dynamic }).networkZones).toHaveLength(dynamic.length);
  });

  it('fails a child source with the parent id in the path', () => {
    const rule = signOnPolicyRule();
    const { session, ...signon } = rule.actions.signon;
    const reason = reasonOf('signOnPolicyRules', {
      [ids.signOnPolicy]: [{ ...rule, actions: { signon: { ...signon, sessions: session } } }],
    });
    expect(reason).toContain(`${ids.signOnPolicy}.0.actions.signon.session`);
  });

  it.each([0.5, -1, 2 ** 32, 1e308, 2 ** 53 + 2])('fails a minutes or characters setting of %j, which Okta never sends, naming the field', (value) => {
    expect(reasonOf('adminConsoleSettings', { sessionIdleTimeoutMinutes: value, sessionMaxLifetimeMinutes: 720 })).toContain('sessionIdleTimeoutMinutes');
    const policy = passwordPolicy();
    const complexity = { ...policy.settings.password.complexity, minUpperCase: value };
    const changed = { ...policy, settings: { ...policy.settings, password: { ...policy.settings.password, complexity } } };
    expect(reasonOf('passwordPolicies', [changed])).toContain('minUpperCase');
  });

  it.each(['super_admin', 'SUPER_ADMI', 'SuperAdmin'])('fails an admin role of type %j instead of reading it as some other role', (type) => {
    expect(reasonOf('adminRoles', { [ids.superAdmin]: [{ id: 'r1', type, status: 'ACTIVE' }] })).toContain('type');
  });

  it('fails an admin whose status is not a user status, instead of reading the admin as inactive', () => {
    expect(reasonOf('adminUsers', { [ids.superAdmin]: user({ status: 'ACTIVEX' }) })).toContain('status');
  });

  it('fails an account-link policy without its action, instead of reading it as not automatic', () => {
    expect(reasonOf('identityProviders', [identityProvider({ policy: { accountLink: { action: null, filter: null } } })])).toContain('accountLink.action');
  });

  it('fails an enrollment policy that lists neither authenticators nor factors', () => {
    const policy = mfaEnrollPolicy();
    expect(reasonOf('mfaEnrollPolicies', [{ ...policy, settings: { type: 'AUTHENTICATORS' } }])).toContain('neither its authenticators nor its factors');
    const { settings: _settings, ...bare } = policy;
    expect(reasonOf('mfaEnrollPolicies', [bare])).toContain('settings');
  });

  it('fails a refresh token of an unknown status and a log event without its actor, instead of counting or dating them', () => {
    expect(reasonOf('appTokens', { '0oa1': [refreshToken('0oa1', ids.superAdmin, 3, { status: 'EXPIRED' })] })).toMatch(/Refresh tokens of each OpenID Connect app.*status/);
    expect(reasonOf('appLastUse', { '0oa1': [{ uuid: 'e1', published: scanTime, eventType: 'app.oauth2.token.grant.access_token' }] })).toMatch(/actor/);
  });

  it('fails an unknown enum value', () => {
    expect(reasonOf('threatInsight', threatInsight({ action: 'enforce' }))).toContain('action');
  });

  it('fails only the broken source', () => {
    const parsed = parseOktaSources(oktaSourceResults({ org: { id: ids.org } }), scanTime);
    expect(parsed.org?.ok).toBe(false);
    expect(parsed.passwordPolicies?.ok).toBe(true);
  });

  it('keeps the message of a 403 E0000006 so controls can say it needs Super Admin', () => {
    const error = forbiddenError();
    const parsed = parseOktaSources(oktaSourceResults({}, { adminConsoleSettings: error }), scanTime);
    expect(parsed.adminConsoleSettings).toEqual({ ok: false, reason: error.message, kind: 'forbidden' });
    expect(error.message).toMatch(/Super Admin/);
    expect(parsed.apps?.ok).toBe(true);
  });

  it('explains a source that was not collected', () => {
    const results = oktaSourceResults();
    delete results.behaviors;
    const parsed = parseOktaSources(results, scanTime);
    expect(parsed.behaviors).toEqual({ ok: false, reason: '"Behavior detection rules" was not collected in this scan.' });
  });

  it('keeps the truncated flag', () => {
    const results = oktaSourceResults();
    results.inactiveUsers = { ok: true, data: [], truncated: true };
    expect(parseOktaSources(results, scanTime).inactiveUsers).toEqual({ ok: true, value: [], truncated: true });
  });
});
