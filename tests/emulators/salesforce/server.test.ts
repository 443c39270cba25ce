import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedAppOauthOf, sourceSchemas } from '@/connectors/salesforce/model';
import { startSalesforceEmulator, type SalesforceEmulator } from './index';
import { plantedConsumerSecret } from './org-acme';
import { call, signIn, soapEnvelope } from './test-client';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(() => emulator.close());

const bearer = (sid: string) => ({ Authorization: `Bearer ${sid}` });

describe('sign-in', () => {
  it('sets a host-only sid on each host, both prefixed with the org id', async () => {
    const { org, login, frontdoor, apiSid, lightningSid } = await signIn(emulator, 'acme');
    expect(login.status).toBe(302);
    expect(String(login.headers.location)).toMatch(/^https:\/\/acme\.lightning\.force\.com\/secur\/frontdoor\.jsp\?/);
    const cookie = login.setCookies.find((value) => value.startsWith('sid=')) as string;
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(frontdoor.headers.location).toBe('/lightning/setup/SetupOneHome/home');
    expect(apiSid.startsWith(`${org.orgId}!`)).toBe(true);
    expect(lightningSid.startsWith(`${org.orgId}!`)).toBe(true);
    expect(apiSid).not.toBe(lightningSid);
    const home = await call(emulator, `https://${org.lightningHost}/lightning/setup/SetupOneHome/home`, { headers: { Cookie: `sid=${lightningSid}` } });
    expect(home.status).toBe(200);
    expect(home.body).toContain('Acme Corporation');
  });

  it('shows the login page with an error on a wrong password', async () => {
    const org = emulator.orgs[0]!;
    const page = await call(emulator, `https://${org.apiHost}/`);
    expect(page.body).toMatch(/<label for="username">Username<\/label>/);
    expect(page.body).toContain('value="Log In"');
    const wrong = await call(emulator, `https://${org.apiHost}/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `username=${encodeURIComponent(org.username)}&pw=nope` });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain('Please check your username and password');
    expect(wrong.setCookies).toEqual([]);
  });

  it('redirects Setup pages without a session to the login page, and logout ends both sessions', async () => {
    const { org, apiSid, lightningSid } = await signIn(emulator, 'globex');
    const anonymous = await call(emulator, `https://${org.lightningHost}/lightning/setup/SecuritySession/home`);
    expect(anonymous.status).toBe(302);
    expect(String(anonymous.headers.location)).toMatch(/^https:\/\/globex\.my\.salesforce\.com\/\?ec=302&startURL=%2Flightning%2Fsetup%2FSecuritySession%2Fhome/);
    const classic = await call(emulator, `https://${org.apiHost}/_ui/system/security/SessionSettings`);
    expect(classic.status).toBe(302);
    const logout = await call(emulator, `https://${org.lightningHost}/secur/logout.jsp`, { headers: { Cookie: `sid=${lightningSid}` } });
    expect(logout.setCookies[0]).toMatch(/^sid=; .*Max-Age=0/);
    expect(String(logout.headers.location)).toBe(`https://${org.apiHost}/secur/logout.jsp?from=lightning`);
    const second = await call(emulator, String(logout.headers.location), { headers: { Cookie: `sid=${apiSid}` } });
    expect(second.setCookies[0]).toMatch(/^sid=; /);
    const api = await call(emulator, `https://${org.apiHost}/services/data/v66.0/limits`, { headers: bearer(apiSid) });
    expect(api.status).toBe(401);
  });
});

describe('API', () => {
  it('rejects the lightning sid and missing credentials with INVALID_SESSION_ID', async () => {
    const { org, lightningSid, apiSid } = await signIn(emulator, 'acme');
    for (const headers of [bearer(lightningSid), {} as Record<string, string>, { Cookie: `sid=${apiSid}` }]) {
      const response = await call(emulator, `https://${org.apiHost}/services/data/v66.0/limits`, { headers });
      expect(response.status).toBe(401);
      expect(response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    const other = await signIn(emulator, 'globex');
    expect((await call(emulator, `https://${org.apiHost}/services/data/v66.0/limits`, { headers: bearer(other.apiSid) })).status).toBe(401);
  });

  it('lists versions, counts usage in Sforce-Limit-Info and reports limits', async () => {
    const { org, apiSid } = await signIn(emulator, 'acme');
    const versions = (await call(emulator, `https://${org.apiHost}/services/data/`)).json<Array<{ version: string; url: string; label: string }>>();
    expect(versions.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
    const first = await call(emulator, `https://${org.apiHost}/services/data/v66.0/limits`, { headers: bearer(apiSid) });
    const second = await call(emulator, `https://${org.apiHost}/services/data/v66.0/limits`, { headers: bearer(apiSid) });
    const used = (value: unknown) => Number(/api-usage=(\d+)\/15000/.exec(String(value))?.[1]);
    expect(used(second.headers['sforce-limit-info'])).toBe(used(first.headers['sforce-limit-info']) + 1);
    const limits = second.json<Record<string, { Max: number; Remaining: number }>>();
    expect(limits.DailyApiRequests).toEqual({ Max: 15000, Remaining: 15000 - used(second.headers['sforce-limit-info']) });
    expect(Object.keys(limits)).toEqual(expect.arrayContaining(['DailyBulkApiBatches', 'DailyAsyncApexExecutions', 'DataStorageMB']));
  });

  it('rejects oversize and non-GET composite requests', async () => {
    const { org, apiSid } = await signIn(emulator, 'acme');
    const post = (body: unknown) => call(emulator, `https://${org.apiHost}/services/data/v66.0/composite/batch`, { method: 'POST', headers: { ...bearer(apiSid), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const tooMany = await post({ batchRequests: Array.from({ length: 26 }, () => ({ method: 'GET', url: 'v66.0/limits' })) });
    expect(tooMany.status).toBe(400);
    const write = await post({ batchRequests: [{ method: 'PATCH', url: 'v66.0/sobjects/User/005', richInput: { IsActive: false } }] });
    expect(write.status).toBe(400);
    const direct = await call(emulator, `https://${org.apiHost}/services/data/v66.0/query?q=SELECT+Id+FROM+User`, { method: 'DELETE', headers: bearer(apiSid) });
    expect(direct.status).toBe(405);
    const badQuery = await post({ batchRequests: [{ method: 'GET', url: 'v66.0/query?q=SELECT+Nope+FROM+User' }, { method: 'GET', url: 'v66.0/limits' }] });
    const body = badQuery.json<{ hasErrors: boolean; results: Array<{ statusCode: number; result: Array<{ errorCode: string }> }> }>();
    expect(body.hasErrors).toBe(true);
    expect(body.results[0]).toMatchObject({ statusCode: 400, result: [{ errorCode: 'INVALID_FIELD' }] });
    expect(body.results[1]?.statusCode).toBe(200);
  });

  it('answers readMetadata with a SOAP envelope model.ts parses, and a fault for a bad session', async () => {
    const { org, apiSid, lightningSid } = await signIn(emulator, 'acme');
    const soap = (sid: string, type: string, fullName: string) => call(emulator, `https://${org.apiHost}/services/Soap/m/66.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: soapEnvelope(sid, type, fullName) });
    const security = await soap(apiSid, 'SecuritySettings', 'Security');
    expect(security.headers['content-type']).toMatch(/text\/xml/);
    expect(security.body).toMatch(/<readMetadataResponse><result><records xsi:type="SecuritySettings"><fullName>Security<\/fullName>/);
    const settings = sourceSchemas.securitySettings.parse({ xml: security.body });
    expect(settings.networkAccess.ipRanges).toHaveLength(2);
    const connected = await soap(apiSid, 'ConnectedAppSettings', 'ConnectedApp');
    expect(connected.body).not.toContain('enableAdminApprovedAppsOnly');
    const fault = await soap(lightningSid, 'SecuritySettings', 'Security');
    expect(fault.status).toBe(500);
    expect(fault.body).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>');
    const log = emulator.requests.filter((request) => request.path === '/services/Soap/m/66.0');
    expect(log.every((request) => request.authorization === 'soap' && !request.body?.includes(apiSid.split('!')[1] as string))).toBe(true);
  });

  it('answers readMetadata of ConnectedApp by full name, as a nil record for a name it does not know, and refuses more than ten', async () => {
    const { org, apiSid } = await signIn(emulator, 'acme');
    const soap = (fullNames: string[]) => call(emulator, `https://${org.apiHost}/services/Soap/m/66.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: soapEnvelope(apiSid, 'ConnectedApp', fullNames) });
    const answer = await soap(['DataLoader_Pro', 'Not_Installed', 'slackv2__Slack_for_Salesforce']);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/<result><records xsi:type="ConnectedApp"><fullName>DataLoader_Pro<\/fullName><contactEmail>/);
    expect(answer.body).toContain('<records xsi:nil="true"/>');
    // The record as Salesforce sends it carries the consumer key and secret; the connector drops them.
    expect(answer.body).toContain(`<consumerSecret>${plantedConsumerSecret}</consumerSecret>`);
    expect(connectedAppOauthOf(answer.body)).toEqual([
      { fullName: 'DataLoader_Pro', scopes: ['Api', 'Web', 'RefreshToken'], ipRelaxation: 'BYPASS', refreshTokenPolicy: 'infinite' },
      { fullName: 'slackv2__Slack_for_Salesforce', scopes: ['Chatter', 'Basic', 'OpenID'], ipRelaxation: 'ENFORCE', refreshTokenPolicy: 'specific_inactivity:90:DAYS' },
    ]);
    const tooMany = await soap(Array.from({ length: 11 }, (_, index) => `App_${index}`));
    expect(tooMany.status).toBe(500);
  });

  it('never records sid values in the request log', () => {
    const text = JSON.stringify(emulator.requests);
    expect(text).not.toMatch(/00D5g000004AcMEEA0!AR/);
    expect(emulator.requests.some((request) => request.kind === 'api' && request.authorization === 'bearer')).toBe(true);
    expect(emulator.requests.some((request) => request.kind === 'login')).toBe(true);
  });
});

describe('Setup pages', () => {
  it('serves the Lightning shell with the classic page in an iframe, and the classic page with Salesforce labels', async () => {
    const { org, apiSid, lightningSid } = await signIn(emulator, 'acme');
    const shell = await call(emulator, `https://${org.lightningHost}/lightning/setup/SecurityPolicies/home`, { headers: { Cookie: `sid=${lightningSid}` } });
    expect(shell.body).toContain('<title>Password Policies | Salesforce</title>');
    expect(shell.body).toContain('history.pushState');
    const src = /<iframe[^>]*src="([^"]+)"/.exec(shell.body)?.[1]?.replace(/&amp;/g, '&') as string;
    expect(src).toMatch(/^https:\/\/acme\.my\.salesforce\.com\/secur\/orgloginsettingedit\.jsp\?isdtp=p1&sfdcIFrameOrigin=https%3A%2F%2Facme\.lightning\.force\.com&sfdcIFrameHost=web&nonce=\w+&clc=1&emuFrameToken=[\w-]+$/);
    // Chromium blocks the third-party my-domain cookie in the iframe: the frame token alone must do.
    const framed = await call(emulator, src);
    expect(framed.status).toBe(200);
    expect(emulator.requests.at(-1)?.authorization).toBe('token');
    expect(JSON.stringify(emulator.requests.at(-1))).not.toContain(new URL(src).searchParams.get('emuFrameToken'));
    const classic = await call(emulator, src, { headers: { Cookie: `sid=${apiSid}` } });
    expect(classic.body).toContain('<body class="sfdcBody');
    expect(classic.body).toContain('<title>Password Policies ~ Salesforce - Enterprise Edition</title>');
    for (const label of ['Minimum password length', 'User passwords expire in', 'Enforce password history', 'Maximum invalid login attempts', 'Require a minimum 1 day password lifetime']) {
      expect(classic.body).toMatch(new RegExp(`<label for="j_id0:[^"]+">${label}</label>`));
    }
    expect(classic.body).toMatch(/<option value="Never" selected="selected">Never expires<\/option>/);
  });

  it('saves a settings form, which the API then reports', async () => {
    const { org, apiSid } = await signIn(emulator, 'globex');
    const page = await call(emulator, `https://${org.apiHost}/_ui/system/security/SessionSettings`, { headers: { Cookie: `sid=${apiSid}` } });
    const form = new URLSearchParams();
    form.set('_CONFIRMATIONTOKEN', /name="_CONFIRMATIONTOKEN" value="([^"]+)"/.exec(page.body)?.[1] as string);
    for (const match of page.body.matchAll(/<select id="([^"]+)"[^>]*>(.*?)<\/select>/g)) form.set(match[1] as string, /value="(\w+)" selected/.exec(match[2] as string)?.[1] as string);
    for (const match of page.body.matchAll(/<input type="checkbox" id="([^"]+)"[^>]*checked/g)) form.set(match[1] as string, '1');
    const timeoutId = /<label for="([^"]+)">Timeout value<\/label>/.exec(page.body)?.[1] as string;
    form.set(timeoutId, 'FourHours');
    const saved = await call(emulator, `https://${org.apiHost}/_ui/system/security/SessionSettings`, { method: 'POST', headers: { Cookie: `sid=${apiSid}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(saved.status).toBe(302);
    expect(emulator.org('globex').seed.securitySettings.sessionSettings.sessionTimeout).toBe('FourHours');
    expect(emulator.org('globex').seed.securitySettings.sessionSettings.requireHttpOnly).toBe(true);
    expect(emulator.org('globex').rows('SetupAuditTrail').at(-1)?.Display).toBe('Changed Timeout value');
  });

  it('escapes seeded text', async () => {
    const state = emulator.org('acme');
    state.seed.records.RemoteProxy?.push({ Id: '0rp5g00000XSS01AAA', SiteName: '<img src=x onerror=alert(1)>', EndpointUrl: 'https://x', IsActive: true, DisableProtocolSecurity: false });
    const { org, apiSid } = await signIn(emulator, 'acme');
    const page = await call(emulator, `https://${org.apiHost}/0rp`, { headers: { Cookie: `sid=${apiSid}` } });
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('<img src=x');
    state.seed.records.RemoteProxy?.pop();
  });
});
