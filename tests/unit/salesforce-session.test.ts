import { describe, expect, it } from 'vitest';
import { readMetadataEnvelope } from '@/connectors/salesforce/collect';
import {
  openSalesforceSession,
  orgIdOfSid,
  recognizeSalesforce,
  soapSessionSlot,
  toApiHost,
  toCaseSafeId,
} from '@/connectors/salesforce/session';
import { ScanError } from '@/utils/errors';
import {
  acmeApiSid,
  acmeLightningSid,
  acmeOrgId,
  cookieJar,
  globexApiSid,
  globexOrgId,
  json,
  recordingFetch,
  twoOrgCookies,
  type FakeCookie,
} from './fakes/salesforce';

const signal = () => new AbortController().signal;

function environment(cookies: FakeCookie[] = twoOrgCookies()) {
  const recorder = recordingFetch(() => json({ ok: true }));
  return { env: { cookies: cookieJar(cookies), fetch: recorder.fetch }, calls: recorder.calls };
}

async function openError(promise: Promise<unknown>): Promise<ScanError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ScanError);
    return error as ScanError;
  }
  throw new Error('expected openSalesforceSession to fail');
}

describe('recognising Salesforce pages', () => {
  it('recognises Setup on Lightning, My Domain and the Setup domain as admin pages', () => {
    expect(recognizeSalesforce('https://acme.lightning.force.com/lightning/setup/SetupOneHome/home')).toEqual({
      hint: 'acme',
      displayName: 'acme',
      isAdminPage: true,
    });
    expect(recognizeSalesforce('https://acme.my.salesforce.com/setup/forcecomHomepage.apexp')?.isAdminPage).toBe(true);
    expect(recognizeSalesforce('https://acme.my.salesforce-setup.com/lightning/setup/')?.isAdminPage).toBe(true);
    expect(recognizeSalesforce('https://acme--uat.sandbox.lightning.force.com/lightning/setup/')?.hint).toBe('acme--uat');
  });

  it('knows Salesforce sites and Visualforce are not admin pages', () => {
    expect(recognizeSalesforce('https://acme.my.site.com/s/')?.isAdminPage).toBe(false);
    expect(recognizeSalesforce('https://acme--c.vf.force.com/apex/page')?.isAdminPage).toBe(false);
  });

  it('ignores other sites, plain http and garbage', () => {
    expect(recognizeSalesforce('https://example.com/')).toBeNull();
    expect(recognizeSalesforce('https://acme.my.salesforce.com.evil.com/')).toBeNull();
    expect(recognizeSalesforce('http://acme.my.salesforce.com/')).toBeNull();
    expect(recognizeSalesforce('not a url')).toBeNull();
  });
});

describe('org ids', () => {
  it('takes the org id from the sid prefix', () => {
    expect(orgIdOfSid(acmeApiSid)).toBe(acmeOrgId);
    expect(orgIdOfSid('garbage')).toBeNull();
    expect(orgIdOfSid('005000000000001!abc')).toBeNull();
  });

  it('converts 15-character ids to their case-safe 18-character form', () => {
    expect(toCaseSafeId('00D000000000062')).toBe('00D000000000062EAA');
    expect(toCaseSafeId('00D000000000062EAA')).toBe('00D000000000062EAA');
    // case matters in 15-character ids, so two ids differing in case get different suffixes
    expect(toCaseSafeId('00D5g000004acme')).not.toBe(toCaseSafeId('00D5g000004ACME'));
  });

  it('maps Lightning and Setup hosts to the My Domain API host', () => {
    expect(toApiHost('acme.lightning.force.com')).toBe('acme.my.salesforce.com');
    expect(toApiHost('acme.my.salesforce-setup.com')).toBe('acme.my.salesforce.com');
    expect(toApiHost('.acme.my.salesforce.com')).toBe('acme.my.salesforce.com');
  });
});

describe('opening a session from the admin\'s cookies', () => {
  it('with two orgs open, each tab gets its own org\'s API host and sid', async () => {
    const { env, calls } = environment();
    const acme = await openSalesforceSession(env, { url: 'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home' });
    const globex = await openSalesforceSession(env, { url: 'https://globex.lightning.force.com/lightning/setup/SetupOneHome/home' });

    expect(acme.instance).toEqual({ app: 'salesforce', instanceId: toCaseSafeId(acmeOrgId), name: 'acme', host: 'acme.my.salesforce.com' });
    expect(globex.instance).toMatchObject({ instanceId: toCaseSafeId(globexOrgId), host: 'globex.my.salesforce.com' });

    await acme.send({ method: 'GET', url: '/services/data/', label: 'versions' }, signal());
    await globex.send({ method: 'GET', url: '/services/data/', label: 'versions' }, signal());
    expect(calls[0]!.url).toBe('https://acme.my.salesforce.com/services/data/');
    expect(calls[0]!.headers.Authorization).toBe(`Bearer ${acmeApiSid}`);
    expect(calls[1]!.url).toBe('https://globex.my.salesforce.com/services/data/');
    expect(calls[1]!.headers.Authorization).toBe(`Bearer ${globexApiSid}`);
  });

  it('uses the API host cookie, never the Lightning one the API rejects', async () => {
    const { env, calls } = environment();
    const session = await openSalesforceSession(env, { url: 'https://acme.lightning.force.com/one/one.app' });
    await session.send({ method: 'GET', url: '/services/data/', label: 'versions' }, signal());
    expect(calls[0]!.headers.Authorization).not.toContain(acmeLightningSid);
  });

  it('keeps cookie stores (containers) apart', async () => {
    const cookies: FakeCookie[] = [
      { name: 'sid', value: acmeLightningSid, domain: 'acme.lightning.force.com', storeId: '0' },
      { name: 'sid', value: acmeApiSid, domain: 'acme.my.salesforce.com', storeId: '0' },
      { name: 'sid', value: `${acmeOrgId}!ContainerLightning`, domain: 'acme.lightning.force.com', storeId: 'firefox-container-1' },
      { name: 'sid', value: `${acmeOrgId}!ContainerApi`, domain: 'acme.my.salesforce.com', storeId: 'firefox-container-1' },
    ];
    const { env, calls } = environment(cookies);
    const session = await openSalesforceSession(env, {
      url: 'https://acme.lightning.force.com/lightning/setup/',
      cookieStoreId: 'firefox-container-1',
    });
    await session.send({ method: 'GET', url: '/services/data/', label: 'versions' }, signal());
    expect(calls[0]!.headers.Authorization).toBe(`Bearer ${acmeOrgId}!ContainerApi`);
  });

  it('is not signed in without a sid cookie on the page', async () => {
    const { env } = environment([{ name: 'sid', value: acmeApiSid, domain: 'acme.my.salesforce.com' }]);
    const error = await openError(openSalesforceSession(env, { url: 'https://acme.lightning.force.com/lightning/setup/' }));
    expect(error.kind).toBe('not_signed_in');
    expect(error.message).toMatch(/Sign in/);
  });

  it('asks the admin to open the API host when only the Lightning cookie exists', async () => {
    const { env } = environment([
      { name: 'sid', value: acmeLightningSid, domain: 'acme.lightning.force.com' },
      // another org's API cookie must not be taken instead
      { name: 'sid', value: globexApiSid, domain: 'globex.my.salesforce.com' },
    ]);
    const error = await openError(openSalesforceSession(env, { url: 'https://acme.lightning.force.com/lightning/setup/' }));
    expect(error.kind).toBe('session_expired');
    expect(error.message).toContain('https://acme.my.salesforce.com');
    expect(error.message).not.toContain(acmeLightningSid);
  });

  it('refuses pages that are not Salesforce', async () => {
    const { env } = environment();
    const error = await openError(openSalesforceSession(env, { url: 'https://example.com/' }));
    expect(error.kind).toBe('unsupported_page');
  });

  it('never exposes the sid in the session\'s serialisable fields', async () => {
    const { env } = environment();
    const session = await openSalesforceSession(env, { url: 'https://acme.lightning.force.com/lightning/setup/' });
    const serialised = JSON.stringify(session);
    expect(serialised).toContain('acme.my.salesforce.com');
    expect(serialised).not.toContain(acmeApiSid);
    expect(serialised).not.toContain('AQ4AQ');
    expect(JSON.stringify(session.instance)).not.toContain('!');
  });
});

describe('sending with the session', () => {
  async function acmeSession() {
    const { env, calls } = environment();
    const session = await openSalesforceSession(env, { url: 'https://acme.lightning.force.com/lightning/setup/' });
    return { session, calls };
  }

  it('sends the sid only to the API host, without cookies and without following redirects', async () => {
    const { session, calls } = await acmeSession();
    await session.send({ method: 'GET', url: '/services/data/v66.0/limits', label: 'limits' }, signal());
    expect(calls[0]!.init.credentials).toBe('omit');
    expect(calls[0]!.init.redirect).toBe('manual');
    expect(calls[0]!.headers.Accept).toBe('application/json');
  });

  it('follows an absolute URL on the API host (nextRecordsUrl)', async () => {
    const { session, calls } = await acmeSession();
    await session.send({ method: 'GET', url: 'https://acme.my.salesforce.com/services/data/v66.0/query/01gxx-2000', label: 'page' }, signal());
    expect(calls[0]!.url).toBe('https://acme.my.salesforce.com/services/data/v66.0/query/01gxx-2000');
  });

  it.each([
    'https://globex.my.salesforce.com/services/data/',
    'https://evil.example/services/data/',
    'https://acme.my.salesforce.com.evil.example/services/data/',
    'https://acme.lightning.force.com/services/data/',
  ])('refuses to send the session to %s', async (url) => {
    const { session, calls } = await acmeSession();
    await expect(session.send({ method: 'GET', url, label: 'elsewhere' }, signal())).rejects.toBeInstanceOf(ScanError);
    expect(calls).toHaveLength(0);
  });

  it('cannot be tricked into another host through the path', async () => {
    const { session, calls } = await acmeSession();
    await session.send({ method: 'GET', url: '//evil.example/services/data/', label: 'x' }, signal()).catch(() => undefined);
    await session.send({ method: 'GET', url: '@evil.example/services/data/', label: 'x' }, signal()).catch(() => undefined);
    for (const call of calls) expect(new URL(call.url).hostname).toBe('acme.my.salesforce.com');
  });

  it('inserts the SOAP session header only at send time, escaped, and sends no Bearer token with SOAP', async () => {
    const { session, calls } = await acmeSession();
    const envelope = readMetadataEnvelope({ kind: 'metadata', id: 'securitySettings', title: 'Security', type: 'SecuritySettings', fullName: 'Security' });
    expect(envelope).toContain(soapSessionSlot);
    expect(envelope).not.toContain(acmeOrgId);

    const request = { method: 'POST' as const, url: '/services/Soap/m/66.0', body: envelope, label: 'Security settings' };
    await session.send(request, signal());
    expect(request.body).toBe(envelope);
    expect(request.body).not.toContain(acmeApiSid);

    const sent = calls[0]!;
    expect(sent.url).toBe('https://acme.my.salesforce.com/services/Soap/m/66.0');
    expect(sent.headers.Authorization).toBeUndefined();
    expect(sent.headers.Accept).toBe('text/xml');
    expect(sent.body).not.toContain(soapSessionSlot);
    expect(sent.body).toContain(`<met:SessionHeader><met:sessionId>${acmeApiSid}</met:sessionId></met:SessionHeader>`);
  });

  it('escapes XML characters of the sid in the SOAP header', async () => {
    const sid = `${acmeOrgId}!a<b>&"c'`;
    const cookies = [
      { name: 'sid', value: sid, domain: 'acme.my.salesforce.com' },
    ];
    const { env, calls } = environment(cookies);
    const session = await openSalesforceSession(env, { url: 'https://acme.my.salesforce.com/setup/' });
    await session.send({ method: 'POST', url: '/services/Soap/m/66.0', body: `<x>${soapSessionSlot}</x>`, label: 'x' }, signal());
    expect(calls[0]!.body).toContain(`${acmeOrgId}!a&#60;b&#62;&#38;&#34;c&#39;`);
    expect(calls[0]!.body).not.toContain('a<b>');
  });

  it('returns status, headers and text', async () => {
    const recorder = recordingFetch(() => json([{ errorCode: 'INVALID_SESSION_ID' }], 401, { 'X-Test': '1' }));
    const session = await openSalesforceSession(
      { cookies: cookieJar(twoOrgCookies()), fetch: recorder.fetch },
      { url: 'https://acme.lightning.force.com/lightning/setup/' },
    );
    const response = await session.send({ method: 'GET', url: '/services/data/', label: 'x' }, signal());
    expect(response.status).toBe(401);
    expect(response.headers.get('X-Test')).toBe('1');
    expect(JSON.parse(response.text)).toEqual([{ errorCode: 'INVALID_SESSION_ID' }]);
  });
});
