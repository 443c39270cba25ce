import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { certificate, goodCertificates, goodOAuthEntities, oauthEntity, snDate, table } from '../fixtures/payloads';
import { integrationControls, unsafeRedirect } from './integrations';

const control = (id: string): Control => integrationControls.find((c) => c.id === id)!;
const entities = (rows: Array<Record<string, string>>, total?: number) => ({ oauthEntities: table(rows, total ?? rows.length) });
const certs = (rows: Array<Record<string, string>>, total?: number) => ({ certificates: table(rows, total ?? rows.length) });

describe('SN.OAUTH.1v1 access token lifespan', () => {
  const c = control('SN.OAUTH.1v1');

  it('treats an empty lifespan as the 1800 s platform default, and ignores providers and inactive clients', () => {
    const verdict = evaluateServiceNow(c, entities([...goodOAuthEntities, oauthEntity({ sys_id: 'off', name: 'Old', active: 'false', access_token_lifespan: '86400' })]));
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'All 2 active OAuth clients issue access tokens valid for 30 minutes or less.' });
  });

  it('lists clients with longer or invalid lifespans, with share credit', () => {
    const verdict = evaluateServiceNow(
      c,
      entities([
        ...goodOAuthEntities,
        oauthEntity({ sys_id: 'long', name: 'ServiceDesk bot', access_token_lifespan: '3600' }),
        oauthEntity({ sys_id: 'zero', name: 'Zero', access_token_lifespan: '0' }),
      ]),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 4);
    expect(verdict.reason).toBe('2 of 4 active OAuth clients issue access tokens valid longer than 30 minutes: ServiceDesk bot (1 hour (3,600 s)) and Zero (0 s is not a valid lifespan).');
    expect(verdict.affected[0]).toEqual({ id: 'long', name: 'ServiceDesk bot', kind: 'oauthClient', detail: 'access token lifespan 1 hour (3,600 s)' });
  });

  it('is unknown when registry entries were left unread', () => {
    expect(evaluateServiceNow(c, entities(goodOAuthEntities, 6000)).status).toBe('unknown');
  });

  it('is unknown, never compliant, when an active entry has a type that is neither client nor provider', () => {
    const odd = oauthEntity({ sys_id: 'odd', name: 'Legacy connector', type: 'clent', access_token_lifespan: '86400' });
    const verdict = evaluateServiceNow(c, entities([...goodOAuthEntities, odd]));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('Every client read is within the limit, but Legacy connector (type "clent") is of no type Posture Lens knows, and may issue tokens.');
  });
});

describe('SN.OAUTH.2v1 refresh token lifespan', () => {
  const c = control('SN.OAUTH.2v1');

  it('counts an empty lifespan as ServiceNow\'s 100-day default, which is too long', () => {
    const verdict = evaluateServiceNow(c, entities([oauthEntity({ refresh_token_lifespan: '' })]));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]!.detail).toBe('refresh token lifespan empty: platform default 100 days (8,640,000 s)');
    expect(c.description).toContain('8,640,000 s');
  });

  it('is partial with one client over 30 days', () => {
    const verdict = evaluateServiceNow(c, entities([...goodOAuthEntities, oauthEntity({ sys_id: 'y', name: 'Yearly sync', refresh_token_lifespan: '31536000' })]));
    expect(verdict.status).toBe('partial');
    expect(verdict.reason).toContain('Yearly sync (365 days (31,536,000 s))');
  });

  it('is compliant without clients', () => {
    expect(evaluateServiceNow(c, entities([]))).toMatchObject({ status: 'compliant', reason: 'There are no active OAuth clients.' });
  });
});

describe('SN.OAUTH.3v1 https redirect URLs', () => {
  const c = control('SN.OAUTH.3v1');

  it('flags plain http and script URLs, allowing loopback', () => {
    expect(unsafeRedirect('https://a.example/cb')).toBeUndefined();
    expect(unsafeRedirect('http://localhost:3000/cb')).toBeUndefined();
    expect(unsafeRedirect('http://127.0.0.1/cb')).toBeUndefined();
    expect(unsafeRedirect('com.acme.app:/oauth')).toBeUndefined();
    expect(unsafeRedirect('HTTP://partner.example/cb')).toBe('unencrypted http:// URL');
    expect(unsafeRedirect('javascript:alert(1)')).toBe('javascript: URL');
  });

  it('flags a redirect URL without a scheme, which is cut short or mangled', () => {
    expect(unsafeRedirect('htt<p://partner.example/cb')).toBe('no URL scheme');
    expect(unsafeRedirect('partner.example/cb')).toBe('no URL scheme');
    const bad = oauthEntity({ sys_id: 'bad', name: 'Partner portal', redirect_url: '//partner.example/cb' });
    expect(evaluateServiceNow(c, entities([...goodOAuthEntities, bad])).status).toBe('partial');
  });

  it('lists entries with an unsafe URL among their comma-separated redirects', () => {
    const bad = oauthEntity({ sys_id: 'bad', name: 'Partner portal', redirect_url: 'https://ok.example/cb,http://partner.example/cb' });
    const verdict = evaluateServiceNow(c, entities([...goodOAuthEntities, bad]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(3 / 4);
    expect(verdict.reason).toBe('1 of 4 active OAuth entries with redirect URLs is not https-only: Partner portal (http://partner.example/cb (unencrypted http:// URL)).');
    expect(verdict.affected).toEqual([expect.objectContaining({ id: 'bad', name: 'Partner portal' })]);
  });

  it('is compliant when no entry has a redirect URL', () => {
    expect(evaluateServiceNow(c, entities([oauthEntity({ redirect_url: '' })]))).toMatchObject({ status: 'compliant', reason: 'No active OAuth entry has a redirect URL.' });
  });

  it('is an error, never compliant, when the answer lacks the redirect URL field (a release renamed it)', () => {
    const { redirect_url: redirectUrl, ...rest } = oauthEntity({ redirect_url: 'http://partner.example/cb' });
    const verdict = evaluateServiceNow(c, entities([{ ...rest, redirect_uri: redirectUrl! }]));
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toMatch(/"OAuth application registry" in a form Posture Lens cannot read \(result\.0\.redirect_url: .*received undefined\)/);
  });
});

describe('SN.CERT.1v1 certificates expiring soon', () => {
  const c = control('SN.CERT.1v1');

  it('says plainly when there is no certificate at all, or only expired ones', () => {
    expect(evaluateServiceNow(c, certs([]))).toMatchObject({ status: 'compliant', reason: 'There are no active certificates, so none can expire.' });
    expect(evaluateServiceNow(c, certs([certificate({ sys_id: 'old', name: 'Old root', expires: snDate(5) })]))).toMatchObject({
      status: 'compliant',
      reason: 'No active certificate is still valid: 1 certificate already expired (see SN.CERT.2v1).',
    });
  });

  it('names certificates expiring within 30 days with their dates, counting expired ones apart', () => {
    const soon = certificate({ sys_id: 'soon', name: 'MID Server mutual TLS', expires: snDate(-10) });
    const edge = certificate({ sys_id: 'edge', name: 'Edge', expires: snDate(-30) });
    const later = certificate({ sys_id: 'later', name: 'Later', expires: snDate(-31) });
    const expired = certificate({ sys_id: 'old', name: 'Old root', expires: snDate(5) });
    const verdict = evaluateServiceNow(c, certs([expired, soon, edge, later, ...goodCertificates]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(3 / 5);
    expect(verdict.reason).toBe(
      `2 of 5 valid certificates expire within 30 days: MID Server mutual TLS (expires ${snDate(-10).slice(0, 10)} (in 10 days)) and Edge (expires ${snDate(-30).slice(0, 10)} (in 30 days)). 1 more certificate has already expired (see SN.CERT.2v1).`,
    );
    expect(verdict.affected.map((a) => a.id)).toEqual(['soon', 'edge']);
  });

  it('is unknown for a certificate without an expiry date', () => {
    const verdict = evaluateServiceNow(c, certs([...goodCertificates, certificate({ sys_id: 'nd', name: 'Keystore', expires: '' })]));
    expect(verdict).toMatchObject({ status: 'unknown', reason: expect.stringContaining('Keystore') });
  });

  it('decides a truncated read from the expiry order: unread certificates expire no earlier than the last read', () => {
    expect(evaluateServiceNow(c, certs(goodCertificates, 9000)).status).toBe('compliant');
    expect(evaluateServiceNow(c, certs([certificate({ sys_id: 'e', name: 'Early', expires: snDate(-40) })], 9000)).status).toBe('compliant');
    const soon = evaluateServiceNow(c, certs([certificate({ sys_id: 'x', name: 'X', expires: snDate(-5) })], 9000));
    expect(soon.status).toBe('non_compliant');
    expect(soon.notes).toContain('8,999 of 9,000 certificates were not read; they expire no earlier than the last one read.');
    expect(evaluateServiceNow(c, certs([certificate({ sys_id: 'y', name: 'Y', expires: snDate(3) })], 9000)).status).toBe('unknown');
  });
});

describe('SN.CERT.2v1 expired certificates', () => {
  const c = control('SN.CERT.2v1');

  it('lists expired active certificates with the date', () => {
    const verdict = evaluateServiceNow(c, certs([certificate({ sys_id: 'old', name: 'Old SAML signing', expires: snDate(10) }), ...goodCertificates]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 3);
    expect(verdict.reason).toBe(`1 of 3 active certificates has expired: Old SAML signing (expired ${snDate(10).slice(0, 10)} (10 days ago)).`);
    expect(verdict.affected[0]).toEqual({ id: 'old', name: 'Old SAML signing', kind: 'certificate', detail: `expired ${snDate(10).slice(0, 10)} (10 days ago) · trust_store_cert` });
  });

  it('is unknown when unread certificates could have expired, compliant when they cannot', () => {
    expect(evaluateServiceNow(c, certs([], 3)).status).toBe('unknown');
    expect(evaluateServiceNow(c, certs(goodCertificates, 3000)).status).toBe('compliant');
  });

  it('is compliant without certificates', () => {
    expect(evaluateServiceNow(c, certs([]))).toMatchObject({ status: 'compliant', reason: 'There are no active certificates.' });
  });
});

describe('integration controls on malformed data', () => {
  it.each(integrationControls.map((c) => [c.id, c] as const))('%s is an error when its source cannot be parsed', (_id, c) => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
