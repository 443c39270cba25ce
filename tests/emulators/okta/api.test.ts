import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaEmulator, type Json, type OktaEmulator } from './index';
import { call, signIn } from './test-client';

let emulator: OktaEmulator;
let sa: Awaited<ReturnType<typeof signIn>>;
let ro: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  emulator = await startOktaEmulator();
  sa = await signIn(emulator, 'acme');
  ro = await signIn(emulator, 'acme', 'readOnlyAdmin');
});
afterAll(() => emulator.close());

const json = async (path: string, who = sa) => {
  const response = await who.api(path);
  expect(response.status, path).toBe(200);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return response.json<any>();
};
const nextLink = (link: string | string[] | undefined) => /<https:\/\/[^/]+([^>]+)>; rel="next"/.exec([link ?? []].flat().join(', '))?.[1];

describe('Management API shapes (acme)', () => {
  it('policies by type, rules per policy and bound apps', async () => {
    const password = await json('/api/v1/policies?type=PASSWORD');
    expect(password[0]).toMatchObject({ type: 'PASSWORD', name: 'Default Policy', system: true, settings: { password: {
      complexity: { minLength: 8, dictionary: { common: { exclude: false } } }, age: { maxAgeDays: 0, historyCount: 0 }, lockout: { maxAttempts: 0 } },
      recovery: { factors: { okta_sms: { status: 'ACTIVE' }, okta_call: { status: 'ACTIVE' }, recovery_question: { status: 'ACTIVE' } } } } });
    expect(password[0].rules).toBeUndefined();
    const [gsp] = await json('/api/v1/policies?type=OKTA_SIGN_ON');
    const rules = await json(`/api/v1/policies/${gsp.id}/rules`);
    expect(rules[0].actions.signon.session).toEqual({ maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 10080, usePersistentCookie: true });
    const access = await json('/api/v1/policies?type=ACCESS_POLICY');
    const adminPolicy = access.find((policy: Json) => policy.name === 'Okta Admin Console');
    const adminRules = await json(`/api/v1/policies/${adminPolicy.id}/rules`);
    expect(adminRules.every((rule: Json) => rule.actions.appSignOn.verificationMethod.factorMode === '1FA')).toBe(true);
    expect((await json(`/api/v1/policies/${adminPolicy.id}/app`)).map((app: Json) => app.name)).toEqual(['saasure']);
    expect((await json('/api/v1/policies?type=MFA_ENROLL'))[0].settings.authenticators).toContainEqual({ key: 'security_question', enroll: { self: 'OPTIONAL' } });
    expect(await json('/api/v1/policies?type=USER_LIFECYCLE')).toEqual([]);
    expect((await sa.api('/api/v1/policies')).json<Json>().errorCode).toBe('E0000001');
  });

  it('authenticators, ThreatInsight, zones, trusted origins, API tokens', async () => {
    const authenticators = await json('/api/v1/authenticators');
    expect(authenticators.find((item: Json) => item.key === 'okta_verify').settings.compliance.fips).toBe('OPTIONAL');
    expect(authenticators.find((item: Json) => item.key === 'security_question').status).toBe('ACTIVE');
    const phone = authenticators.find((item: Json) => item.key === 'phone_number');
    expect(await json(`/api/v1/authenticators/${phone.id}/methods`)).toEqual([{ type: 'sms', status: 'ACTIVE' }, { type: 'voice', status: 'ACTIVE' }]);
    expect(await json('/api/v1/threats/configuration')).toMatchObject({ action: 'audit', excludeZones: [] });
    const zones = await json('/api/v1/zones');
    expect(zones.find((zone: Json) => zone.name === 'DefaultEnhancedDynamicZone')).toMatchObject({ type: 'DYNAMIC_V2', usage: 'BLOCKLIST', status: 'INACTIVE' });
    expect((await json('/api/v1/trustedOrigins')).map((origin: Json) => origin.origin)).toContain('https://*.acme-dev.com');
    const tokens = await json('/api/v1/api-tokens');
    expect(tokens.map((token: Json) => token.name)).toEqual(['Terraform', 'SIEM export', 'Alice scripts']);
    expect(Date.now() - Date.parse(tokens[0].created)).toBeGreaterThan(399 * 86_400_000);
    expect(tokens[1].network).toEqual({ connection: 'ANYWHERE' });
    expect(tokens[2]._links.user.href).toMatch(/\/api\/v1\/users\/00u/);
  });

  it('admin roles: body-paged assignees, user and group roles, factors', async () => {
    const ids: string[] = [];
    let path: string | undefined = '/api/v1/iam/assignees/users?limit=4';
    while (path) {
      const page: Json = await json(path);
      ids.push(...page.value.map((item: Json) => item.id));
      expect(page.value[0].orn).toMatch(/^orn:okta:directory:00o/);
      path = page._links.next ? new URL(page._links.next.href).pathname + new URL(page._links.next.href).search : undefined;
    }
    expect(ids).toHaveLength(10);
    const roles = await Promise.all(ids.map((id) => json(`/api/v1/users/${id}/roles`)));
    const supers = ids.filter((_, index) => roles[index].some((role: Json) => role.type === 'SUPER_ADMIN'));
    expect(supers).toHaveLength(6);
    expect(roles[0][0]).toMatchObject({ type: 'SUPER_ADMIN', label: 'Super Administrator', status: 'ACTIVE', assignmentType: 'USER' });
    const factors = await Promise.all(supers.map((id) => json(`/api/v1/users/${id}/factors`)));
    expect(factors.filter((list) => list.every((factor: Json) => factor.factorType === 'sms'))).toHaveLength(2);
    const groups = await json('/api/v1/groups');
    const helpdesk = groups.find((group: Json) => group.profile.name === 'Helpdesk');
    expect((await json(`/api/v1/groups/${helpdesk.id}/roles`))[0]).toMatchObject({ type: 'HELP_DESK_ADMIN', assignmentType: 'GROUP' });
  });

  it('users: Link paging, filter, search (status, lastLogin, profile)', async () => {
    const first = await sa.api('/api/v1/users?limit=10');
    expect(first.json<Json[]>()).toHaveLength(10);
    const next = nextLink(first.headers.link);
    expect(next).toMatch(/^\/api\/v1\/users\?limit=10&after=00u/);
    let total = 10;
    let pages = 1;
    for (let path = next; path; pages += 1) {
      const page = await sa.api(path);
      total += page.json<Json[]>().length;
      path = nextLink(page.headers.link);
    }
    expect([total, pages]).toEqual([25, 3]); // 26 users, the DEPROVISIONED one is left out of the plain list
    expect(first.json<Json[]>()[0]).toMatchObject({ status: 'ACTIVE', profile: { login: 'alice.admin@acme.example' }, credentials: { provider: { type: 'OKTA' } } });
    const before = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const inactive = await json(`/api/v1/users?search=${encodeURIComponent(`status eq "ACTIVE" and (lastLogin lt "${before}" or lastLogin eq null)`)}`);
    expect(inactive.map((user: Json) => user.profile.login).sort()).toEqual(['frank.fox@acme.example', 'ivan.idle@acme.example', 'julia.jones@acme.example', 'ken.kim@acme.example']);
    expect((await json(`/api/v1/users?filter=${encodeURIComponent('status eq "SUSPENDED"')}`)).map((user: Json) => user.profile.lastName)).toEqual(['Wu']);
    expect((await sa.api(`/api/v1/users?filter=${encodeURIComponent(`lastLogin lt "${before}"`)}`)).json<Json>().errorCode).toBe('E0000031');
    expect((await json(`/api/v1/users?search=${encodeURIComponent('profile.department eq "Finance"')}`))[0].profile.firstName).toBe('Julia');
    expect((await json('/api/v1/users/me')).profile.login).toBe('alice.admin@acme.example');
  });

  it('apps, idps, behaviors, log streams, hooks, org, brands, well-known', async () => {
    const apps = await json('/api/v1/apps?limit=4');
    expect(apps.map((app: Json) => app.name)).toEqual(['saasure', 'okta_enduser', 'okta_browser_plugin', 'salesforce']);
    expect(apps[0]._links.accessPolicy.href).toMatch(/^https:\/\/acme-admin\.okta\.com\/api\/v1\/policies\/rst/);
    expect((await json('/api/v1/apps?filter=name%20eq%20%22saasure%22'))).toHaveLength(1);
    const [idp] = await json('/api/v1/idps');
    expect(idp.policy.provisioning).toMatchObject({ action: 'AUTO', groups: { action: 'NONE' } });
    expect(idp.policy.accountLink.filter).toBeNull();
    expect((await json('/api/v1/behaviors')).every((b: Json) => b.status === 'INACTIVE')).toBe(true);
    expect(await json('/api/v1/logStreams')).toEqual([]);
    expect((await json('/api/v1/eventHooks'))[0].channel.config.uri).toMatch(/^http:/);
    expect(await json('/api/v1/org')).toMatchObject({ subdomain: 'acme', companyName: 'Acme Corporation', status: 'ACTIVE' });
    expect(await json('/api/v1/org/settings/clientPrivilegesSetting')).toEqual({ clientPrivilegesSetting: true });
    expect(await json('/api/v1/org/privacy/oktaSupport')).toMatchObject({ support: 'ENABLED' });
    expect(await json('/api/v1/first-party-app-settings/admin-console')).toEqual({ sessionIdleTimeoutMinutes: 60, sessionMaxLifetimeMinutes: 1440 });
    const [brand] = await json('/api/v1/brands');
    expect((await sa.api(`/api/v1/brands/${brand.id}/pages/sign-in/customized`)).status).toBe(404);
    expect((await json(`/api/v1/brands/${brand.id}/pages/sign-in/default`)).pageContent).toContain('<html>');
    const wellKnown = await call(emulator, 'https://acme-admin.okta.com/.well-known/okta-organization');
    expect(wellKnown.json()).toMatchObject({ pipeline: 'idx', _links: { organization: { href: 'https://acme.okta.com' } } });
  });

  it('globex is well configured', async () => {
    const globex = await signIn(emulator, 'globex');
    const [pw] = (await globex.api('/api/v1/policies?type=PASSWORD')).json<Json[]>();
    expect(pw?.settings.password.complexity.minLength).toBe(15);
    expect((await globex.api('/api/v1/threats/configuration')).json<Json>().action).toBe('block');
    expect((await globex.api('/api/v1/logStreams')).json<Json[]>()[0]?.status).toBe('ACTIVE');
  });
});

describe('sessions and roles', () => {
  it('401 E0000011 without a session and after expiry', async () => {
    const anonymous = await call(emulator, 'https://acme-admin.okta.com/api/v1/users');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
    const session = await signIn(emulator, 'globex');
    emulator.expireSessions('globex');
    expect((await session.api('/api/v1/org')).status).toBe(401);
  });

  it('403 E0000006 for the read-only admin on Super-Admin-only endpoints, and a filtered app list', async () => {
    for (const path of ['/api/v1/api-tokens', '/api/v1/iam/assignees/users', '/api/v1/logStreams', '/api/v1/first-party-app-settings/admin-console']) {
      const response = await ro.api(path);
      expect(response.status, path).toBe(403);
      expect(response.json()).toMatchObject({ errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' });
    }
    const apps = await json('/api/v1/apps?limit=200', ro);
    expect(apps.map((app: Json) => app.name)).not.toContain('saasure');
    expect(apps.map((app: Json) => app.name)).not.toContain('okta_enduser');
    expect((await json('/api/v1/policies?type=PASSWORD', ro))).toHaveLength(2);
  });

  it('writes need the session XSRF token', async () => {
    const response = await call(emulator, 'https://acme-admin.okta.com/api/v1/users', { method: 'POST', headers: { Cookie: `sid=${sa.sid}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(403);
  });
});
