import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedProperties } from '../../../connectors/servicenow/properties';
import { serviceNowSourceList, sourceRequestPath } from '../../../connectors/servicenow/sources';
import { catalogProperties, listTables, nextExperienceTarget, type ServiceNowEmulator, startServiceNowEmulator, tableDefs } from './index';
import { call, cookieValue, logIn, pageToken } from './test-client';

let emulator: ServiceNowEmulator;
let admin: Awaited<ReturnType<typeof logIn>>;
beforeAll(async () => {
  emulator = await startServiceNowEmulator();
  admin = await logIn(emulator, 'acme');
});
afterAll(() => emulator.close());

type Rows = { result: Array<Record<string, unknown>> };
const table = (name: string, params: Record<string, string>) => `/api/now/table/${name}?${new URLSearchParams(params).toString()}`;

describe('login', () => {
  it('shows the login form and sets glide_user_route', async () => {
    const page = await call(emulator, 'https://acme.service-now.com/login.do');
    expect(page.status).toBe(200);
    for (const html of ['name="user_name"', 'name="user_password"', 'id="sysverb_login"']) expect(page.body).toContain(html);
    expect(cookieValue(page.setCookies, 'glide_user_route')).toMatch(/^glide\.[0-9a-f]{32}$/);
  });

  it('sets the session cookies and redirects to a safe sysparm_goto_url, else home', async () => {
    const { login, jsessionId } = await logIn(emulator, 'acme', 'admin', '/sys_properties_list.do?sysparm_query=name%3Dx');
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/sys_properties_list.do?sysparm_query=name%3Dx');
    expect(login.setCookies.find((cookie) => cookie.startsWith('JSESSIONID='))).toBe(`JSESSIONID=${jsessionId}; Path=/; HttpOnly; Secure; SameSite=None`);
    expect(login.setCookies.find((cookie) => cookie.startsWith('glide_session_store='))).toMatch(/HttpOnly/);
    expect(login.setCookies.some((cookie) => cookie.startsWith('glide_user_route=glide.'))).toBe(true);
    for (const unsafe of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)']) {
      expect((await logIn(emulator, 'acme', 'admin', unsafe)).login.headers.location).toBe('/now/nav/ui/home');
    }
  });

  it('rejects a wrong password, redirects anonymous pages to login and ends the session on logout', async () => {
    const wrong = await call(emulator, 'https://acme.service-now.com/login.do', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user_name=admin&user_password=nope' });
    expect(wrong.body).toContain('User name or password invalid');
    expect(cookieValue(wrong.setCookies, 'JSESSIONID')).toBeUndefined();
    const anonymous = await call(emulator, 'https://acme.service-now.com/sys_properties_list.do?sysparm_query=name%3Dx');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/login.do?sysparm_goto_url=%2Fsys_properties_list.do%3Fsysparm_query%3Dname%253Dx');
    const session = await logIn(emulator, 'globex');
    expect((await session.page('/logout.do')).status).toBe(302);
    expect((await session.page('/home.do')).status).toBe(302);
    expect((await session.api('/api/now/table/sys_user?sysparm_limit=1')).status).toBe(401);
  });

  it('gives every session its own 64-hex token, rotated on login, and unknown hosts a 404', async () => {
    const again = await logIn(emulator, 'acme');
    expect(admin.token).toMatch(/^[0-9a-f]{64}$/);
    expect(again.token).not.toBe(admin.token);
    expect((await again.api('/api/now/table/sys_user?sysparm_limit=1', { 'X-UserToken': admin.token })).status).toBe(401);
    expect((await call(emulator, 'https://initech.service-now.com/login.do')).status).toBe(404);
    expect((await call(emulator, 'https://acme.servicenowservices.com/login.do')).status).toBe(200);
  });
});

describe('pages', () => {
  const target = nextExperienceTarget(`/sys_properties_list.do?sysparm_query=${encodeURIComponent('name=glide.ui.session_timeout')}`);

  it('defines g_ck on every page of the session, and sysparm_ck on classic forms and lists', async () => {
    const paths = ['/navpage.do', `/nav_to.do?uri=${encodeURIComponent('/sys_user_list.do')}`, '/now/nav/ui/home', target, '/home.do',
      ...listTables.map((name) => `/${name}_list.do`)];
    for (const path of paths) {
      const page = await admin.page(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain(`<script>window.g_ck = '${admin.token}';</script>`);
    }
    const list = await admin.page('/sys_properties_list.do?sysparm_query=name%3Dglide.ui.session_timeout');
    const id = /sys_id="([0-9a-f]{32})"/.exec(list.body)?.[1] as string;
    const form = await admin.page(`/sys_properties.do?sys_id=${id}`);
    expect(form.body).toContain(`<input type="hidden" name="sysparm_ck" id="sysparm_ck" value="${admin.token}">`);
    expect(form.body).toContain('<label for="sys_properties.value">Value</label>');
    expect(form.body).toContain('value="240"');
  });

  it('serves the UI16 and Next Experience shells with gsft_main', async () => {
    const ui16 = await admin.page(`/nav_to.do?uri=${encodeURIComponent('/sys_user_list.do?sysparm_query=active=true')}`);
    expect(ui16.body).toContain('<iframe id="gsft_main" name="gsft_main" title="Main Content" src="/sys_user_list.do?sysparm_query=active=true">');
    expect((await admin.page('/navpage.do')).body).toContain('src="/home.do"');
    expect(target).toBe('/now/nav/ui/classic/params/target/sys_properties_list.do%3Fsysparm_query%3Dname%253Dglide.ui.session_timeout');
    const nx = await admin.page(target);
    expect(nx.body).toMatch(/<body><macroponent-f51912f4c700201072b211d4d8c26010 component-id="[0-9a-f]+" global-navigation-config="[^"]+">\s*<template shadowrootmode="open">/);
    const shadow = nx.body.slice(nx.body.indexOf('<template shadowrootmode="open">'), nx.body.indexOf('</template>'));
    expect(shadow).toContain('<sn-polaris-header');
    expect(shadow).toContain('<iframe id="gsft_main" name="gsft_main" title="Main Content" src="/sys_properties_list.do?sysparm_query=name%3Dglide.ui.session_timeout">');
    // Another origin never ends up in the frame.
    expect((await admin.page(`/nav_to.do?uri=${encodeURIComponent('//evil.example/x')}`)).body).toContain('src="/evil.example/x"');
  });

  it('renders classic lists with the list markup and titles, escaping seeded text', async () => {
    const titles = listTables.map((name) => tableDefs[name]?.title);
    expect(titles).toEqual(['System Properties', 'Plugins', 'IP Address Access Controls', 'Users', 'User Roles', 'Multi-factor Criteria', 'Application Registries',
      'Certificates', 'Public Pages', 'Identity Providers', 'Script Actions', 'Excluded Passwords']);
    const properties = await admin.page(`/sys_properties_list.do?sysparm_query=${encodeURIComponent('name=glide.ui.session_timeout')}`);
    expect(properties.body).toContain('<h1 class="navbar-title list_title">System Properties</h1>');
    expect(properties.body).toContain('<th class="list_header_cell" name="name"><span>Name</span></th>');
    expect(properties.body).toMatch(/<tr class="list_row" sys_id="([0-9a-f]{32})"[^>]*><td class="list_decoration_cell">.*?<\/td><td class="vt"><a class="linked formlink" href="sys_properties\.do\?sys_id=\1">glide\.ui\.session_timeout<\/a><\/td><td class="vt">240<\/td>/);
    const hostile = await admin.page(`/sys_user_list.do?sysparm_query=${encodeURIComponent('user_name=hostile.name')}`);
    expect(hostile.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile.body).not.toContain('<img src=x');
    expect(hostile.body).not.toContain('"<script>');
    const all = await admin.page('/sys_user_list.do?sysparm_first_row=21');
    expect(all.body).toContain('21 to 40 of 50');
  });

  it('updates a property through the form POST, which needs sysparm_ck', async () => {
    const state = emulator.instance('acme');
    const list = await admin.page('/sys_properties_list.do?sysparm_query=name%3Dglide.ui.rotate_sessions');
    const id = /sys_id="([0-9a-f]{32})"/.exec(list.body)?.[1] as string;
    const post = (ck: string, value: string) => admin.page('/sys_properties.do', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sysparm_ck: ck, sys_uniqueValue: id, sys_target: 'sys_properties', 'sys_properties.value': value, sys_action: 'sysverb_update' }).toString(),
    });
    expect((await post('forged', 'true')).status).toBe(403);
    expect(state.property('glide.ui.rotate_sessions')).toBe('false');
    const updated = await post(admin.token, 'true');
    expect(updated.status).toBe(302);
    expect(updated.headers.location).toBe('/sys_properties_list.do?sysparm_query=name%3Dglide.ui.rotate_sessions');
    expect(state.property('glide.ui.rotate_sessions')).toBe('true');
    const api = await admin.api(table('sys_properties', { sysparm_query: 'name=glide.ui.rotate_sessions', sysparm_fields: 'name,value' }));
    expect(api.json<Rows>().result).toEqual([{ name: 'glide.ui.rotate_sessions', value: 'true' }]);
    expect(JSON.stringify(emulator.requests)).not.toContain(admin.token);
    state.setProperty('glide.ui.rotate_sessions', 'false');
  });

  it('creates an absent property through the new-record form', async () => {
    const state = emulator.instance('acme');
    const name = 'glide.emulator.test_property';
    const form = await admin.page(`/sys_properties.do?sys_id=-1&sysparm_query=${encodeURIComponent(`name=${name}`)}`);
    expect(form.body).toContain('id="sysverb_insert"');
    const created = await admin.page('/sys_properties.do', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sysparm_ck: admin.token, sys_uniqueValue: '-1', 'sys_properties.name': name, 'sys_properties.value': '42', sys_action: 'sysverb_insert' }).toString(),
    });
    expect(created.headers.location).toBe(`/sys_properties_list.do?sysparm_query=${encodeURIComponent(`name=${name}`)}`);
    expect(state.property(name)).toBe('42');
    state.setProperty(name, undefined);
    expect(state.property(name)).toBeUndefined();
  });
});

describe('REST API', () => {
  it('needs the session cookie and X-UserToken', async () => {
    const path = 'https://acme.service-now.com/api/now/table/sys_user?sysparm_limit=1';
    const unauthenticated = { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' };
    const noToken = await call(emulator, path, { headers: { Cookie: admin.cookie, Accept: 'application/json' } });
    expect(noToken.status).toBe(401);
    expect(noToken.json()).toEqual(unauthenticated);
    expect((await call(emulator, path, { headers: { 'X-UserToken': admin.token } })).status).toBe(401);
    expect((await admin.api(path, { 'X-UserToken': 'f'.repeat(64) })).status).toBe(401);
    const ok = await admin.api(path);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json;charset=UTF-8');
    const post = await call(emulator, path, { method: 'POST', headers: { Cookie: admin.cookie, 'X-UserToken': admin.token, 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
    expect(post.json()).toMatchObject({ error: { message: 'Method not Supported' }, status: 'failure' });
  });

  it('pages with sysparm_limit/offset, X-Total-Count and Link', async () => {
    const first = await admin.api(table('sys_user', { sysparm_query: 'ORDERBYuser_name', sysparm_fields: 'sys_id,user_name', sysparm_limit: '20' }));
    expect(first.headers['x-total-count']).toBe('50');
    const link = String(first.headers.link);
    expect(link).toContain('rel="first"');
    expect(link).toContain('rel="last"');
    expect(link).not.toContain('rel="prev"');
    const seen: string[] = [];
    let path: string | undefined = table('sys_user', { sysparm_query: 'ORDERBYuser_name', sysparm_fields: 'sys_id,user_name', sysparm_limit: '20' });
    while (path) {
      const page = await admin.api(path);
      seen.push(...page.json<Rows>().result.map((row) => String(row.user_name)));
      path = /<(https:[^>]+)>;rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    expect(seen).toEqual([...seen].sort());
    const last = await admin.api(table('sys_user', { sysparm_limit: '20', sysparm_offset: '40' }));
    expect(last.json<Rows>().result).toHaveLength(10);
    expect(String(last.headers.link)).toContain('rel="prev"');
    expect((await admin.api(table('sys_user', {}))).json<Rows>().result).toHaveLength(50);
  });

  it('dot-walks reference fields in queries and fields, and returns reference links unless excluded', async () => {
    const grants = await admin.api(table('sys_user_has_role', {
      sysparm_query: 'role.nameINadmin^user.active=true^ORDERBYuser.user_name', sysparm_fields: 'role.name,user.user_name,user.active,inherited', sysparm_exclude_reference_link: 'true',
    }));
    const rows = grants.json<Rows>().result;
    expect(rows[0]).toEqual({ 'role.name': 'admin', 'user.user_name': 'admin', 'user.active': 'true', inherited: 'false' });
    expect(new Set(rows.map((row) => row['user.user_name'])).size).toBe(9);
    expect(rows.filter((row) => row.inherited === 'true').length).toBe(3);
    const linked = await admin.api(table('sys_user_has_role', { sysparm_query: 'role.name=oauth_admin', sysparm_fields: 'user,role' }));
    const first = linked.json<Rows>().result[0] as { user: { link: string; value: string } };
    expect(first.user.link).toBe(`https://acme.service-now.com/api/now/table/sys_user/${first.user.value}`);
    const record = await admin.api(`/api/now/table/sys_user/${first.user.value}?sysparm_fields=user_name`);
    expect(record.json()).toEqual({ result: { user_name: 'alice.admin' } });
    expect((await admin.api('/api/now/table/sys_user/0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await admin.api('/api/now/v2/table/sys_user?sysparm_limit=1')).json<Rows>().result).toHaveLength(1);
    expect((await admin.api('/api/now/table/no_such_table')).status).toBe(400);
  });

  it('answers a nameIN query with 260 names, and ignores conditions on unknown fields', async () => {
    const names = [...catalogProperties('acme').map((spec) => spec.name), 'instance_name'];
    while (names.length < 260) names.push(`x.not.a.property.${names.length}`);
    names.length = 260;
    const state = emulator.instance('acme');
    const existing = names.filter((name) => state.property(name) !== undefined);
    const answer = await admin.api(table('sys_properties', { sysparm_query: `nameIN${names.join(',')}`, sysparm_fields: 'name,value', sysparm_limit: '1000' }));
    expect(answer.json<Rows>().result.map((row) => row.name).sort()).toEqual(existing.sort());
    expect(answer.json<Rows>().result.every((row) => Object.keys(row).join() === 'name,value')).toBe(true);
    const active = await admin.api(table('sys_user', { sysparm_query: 'active=true', sysparm_fields: 'sys_id' }));
    const ignored = await admin.api(table('sys_user', { sysparm_query: 'no_such_field=1^active=true', sysparm_fields: 'sys_id,no_such_field' }));
    expect(ignored.headers['x-total-count']).toBe(active.headers['x-total-count']);
    expect(ignored.json<Rows>().result[0]).toEqual({ sys_id: expect.any(String) });
  });

  it('counts with the Aggregate API', async () => {
    expect((await admin.api('/api/now/stats/blacklisted_password?sysparm_count=true')).json()).toEqual({ result: { stats: { count: '1200' } } });
    expect((await admin.api(`/api/now/stats/sys_user?sysparm_count=true&sysparm_query=${encodeURIComponent('active=true')}`)).json()).toEqual({ result: { stats: { count: '49' } } });
  });

  it('refuses the admin tables to a non-admin (403)', async () => {
    const itil = await logIn(emulator, 'acme', 'nonAdmin');
    for (const name of ['sys_properties', 'sys_user_has_role', 'v_plugin', 'oauth_entity', 'oauth_entity_scope', 'oauth_credential', 'sys_certificate', 'ip_access']) {
      const answer = await itil.api(`/api/now/table/${name}?sysparm_limit=1`);
      expect(answer.status, name).toBe(403);
      expect(answer.json()).toEqual({ error: { message: 'User Not Authorized', detail: 'ACL restricts the record retrieval' }, status: 'failure' });
    }
    expect((await itil.api('/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
    expect((await itil.page('/sys_properties_list.do')).body).toContain('Security constraints prevent access to requested page');
  });

  it('returns oauth_entity.client_secret only when asked for it', async () => {
    const all = (await admin.api('/api/now/table/oauth_entity')).json<Rows>().result;
    expect(all).toHaveLength(5);
    expect(all.every((row) => !('client_secret' in row) && 'client_id' in row)).toBe(true);
    const asked = (await admin.api('/api/now/table/oauth_entity?sysparm_fields=name,client_secret')).json<Rows>().result;
    expect(String(asked[0]?.client_secret)).toMatch(/^emulated-secret-/);
    expect((await admin.page('/oauth_entity_list.do')).body).not.toContain('emulated-secret-');
  });

  it('serves the live tokens of each OAuth client with the user dot-walked, never the token itself', async () => {
    const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const query = new URLSearchParams({
      sysparm_query: `expires>${now}^ORDERBYDESCsys_created_on`,
      sysparm_fields: 'sys_id,type,peer,user.user_name,sys_created_on',
      sysparm_exclude_reference_link: 'true',
    });
    const live = (await admin.api(`/api/now/table/oauth_credential?${query}`)).json<Rows>().result;
    expect(live).toHaveLength(8);
    expect(live.some((row) => row['user.user_name'] === 'erin.evans')).toBe(false);
    expect(live.every((row) => !('token' in row))).toBe(true);
    expect(live.map((row) => String(row.sys_created_on))).toEqual(live.map((row) => String(row.sys_created_on)).sort().reverse());
    expect((await admin.page('/oauth_credential_list.do')).body).not.toContain('emulated-token-');
  });

  it('answers every request of the scanner (connectors/servicenow/sources.ts)', async () => {
    const scanTime = new Date().toISOString();
    for (const source of serviceNowSourceList) {
      const answer = await admin.api(sourceRequestPath(source, scanTime));
      expect(answer.status, source.id).toBe(200);
    }
    const stale = serviceNowSourceList.find((source) => source.id === 'staleUsers');
    const staleUsers = (await admin.api(sourceRequestPath(stale as never, scanTime))).json<Rows>().result.map((row) => row.user_name);
    expect(staleUsers).toEqual(['erin.evans', 'frank.fox', 'hostile.name', 'olga.old', 'pete.past']);
    const interactive = serviceNowSourceList.find((source) => source.id === 'interactiveIntegrationUsers');
    expect((await admin.api(sourceRequestPath(interactive as never, scanTime))).json<Rows>().result.map((row) => row.user_name)).toEqual(['svc.integration']);
    const lockout = serviceNowSourceList.find((source) => source.id === 'lockoutScriptActions');
    expect((await admin.api(sourceRequestPath(lockout as never, scanTime))).json<Rows>().result.map((row) => row.active)).toEqual(['false', 'false']);
    const properties = await admin.api(table('sys_properties', { sysparm_query: `nameIN${scannedProperties.join(',')}`, sysparm_fields: 'name,value', sysparm_limit: '1000' }));
    expect(Number(properties.headers['x-total-count'])).toBeGreaterThan(150);
  });
});

describe('request log', () => {
  it('records method, host, path, decoded query, status and X-UserToken presence; no cookie, token or password', async () => {
    emulator.clearRequests();
    const session = await logIn(emulator, 'globex');
    await session.api(table('sys_user', { sysparm_query: 'active=true', sysparm_limit: '1' }));
    const text = JSON.stringify(emulator.requests);
    for (const secret of [session.jsessionId, session.token, 'Globex-Admin-1!']) expect(text).not.toContain(secret);
    expect(emulator.requests.map((entry) => `${entry.kind} ${entry.method} ${entry.host}${entry.path} ${entry.status}`)).toEqual([
      'login POST globex.service-now.com/login.do 302', 'page GET globex.service-now.com/now/nav/ui/home 200', 'api GET globex.service-now.com/api/now/table/sys_user 200',
    ]);
    expect(emulator.requests[2]).toMatchObject({ query: { sysparm_query: 'active=true', sysparm_limit: '1' }, xsrfHeader: true, authorization: 'cookie', orgId: 'globex' });
    expect(pageToken('<script>window.g_ck = \'abc1\';</script>')).toBe('abc1');
  });
});
