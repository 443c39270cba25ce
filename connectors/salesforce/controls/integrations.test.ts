import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import { certificate, dateIn, evaluateRaw, malformedSources, queryResult, remoteSite, scanTime, type RawSources } from '../fixtures/org-data';
import { setupPages } from '../pages';
import { integrationControls } from './integrations';

const control = (id: string): Control => integrationControls.find((candidate) => candidate.id === id)!;
const certs = (...rows: Array<Record<string, unknown>>) => ({ certificates: queryResult('Certificate', rows, { tooling: true }) });
const remotes = (...rows: Array<Record<string, unknown>>) => ({ remoteSites: queryResult('RemoteProxy', rows, { tooling: true }) });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(scanTime));
});
afterEach(() => vi.useRealTimers());

describe('integrations catalog', () => {
  it('has stable ids in the integration-credentials metric and known remediation pages', () => {
    expect(integrationControls.map((c) => c.id)).toEqual(['SF.INT.1v1', 'SF.INT.2v1']);
    for (const c of integrationControls) {
      expect(c.metric).toBe('integration-credentials');
      for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
    }
  });

  it.each(integrationControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('SF.INT.1v1 certificate expiry', () => {
  const expiry = control('SF.INT.1v1');

  it('passes when every certificate is valid for more than 30 days', () => {
    const verdict = evaluateRaw(expiry, certs(certificate('0P1Hs0000001', 'Okta SAML Signing', dateIn(200))));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 1 certificate are valid for more than 30 days.');
  });

  it('passes with no certificates', () => {
    expect(evaluateRaw(expiry, certs()).reason).toBe('The org has no certificates.');
  });

  it('flags expired and soon-expiring certificates with partial credit', () => {
    const verdict = evaluateRaw(
      expiry,
      certs(
        certificate('0P1Hs0000001', 'Okta SAML Signing', dateIn(200)),
        certificate('0P1Hs0000002', 'Mulesoft JWT', dateIn(-10)),
        certificate('0P1Hs0000003', 'Payments mTLS', dateIn(12)),
      ),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('2 of 3 certificates are expired or expire within 30 days: Mulesoft JWT (expired 2026-04-05) and Payments mTLS (expires 2026-04-27 (in 12 days)).');
    expect(verdict.affected.map((a) => a.kind)).toEqual(['certificate', 'certificate']);
  });

  it('follows the clock: the same certificate passes a year earlier', () => {
    vi.setSystemTime(new Date('2025-04-15T12:00:00.000Z'));
    expect(evaluateRaw(expiry, certs(certificate('0P1Hs0000002', 'Mulesoft JWT', dateIn(-10)))).status).toBe('compliant');
  });

  it('fails when the only certificate has expired', () => {
    expect(evaluateRaw(expiry, certs(certificate('0P1Hs0000002', 'Mulesoft JWT', dateIn(-1)))).status).toBe('non_compliant');
  });

  it('is unknown when an expiration date cannot be read', () => {
    expect(evaluateRaw(expiry, certs(certificate('0P1Hs0000002', 'Mulesoft JWT', 'someday'))).status).toBe('unknown');
  });
});

describe('SF.INT.2v1 remote site settings', () => {
  const remote = control('SF.INT.2v1');

  it('passes with https endpoints and ignores inactive ones', () => {
    const verdict = evaluateRaw(
      remote,
      remotes(remoteSite('0rpHs0000001', 'Billing_API', 'https://billing.acme.com'), remoteSite('0rpHs0000002', 'Old_ERP', 'http://erp.acme.local', { active: false })),
    );
    expect(verdict.status).toBe('compliant');
  });

  it('flags http:// and disabled protocol security', () => {
    const verdict = evaluateRaw(
      remote,
      remotes(
        remoteSite('0rpHs0000001', 'Billing_API', 'https://billing.acme.com'),
        remoteSite('0rpHs0000002', 'Legacy_ERP', 'http://erp.acme.com'),
        remoteSite('0rpHs0000003', 'Geo_Lookup', 'https://geo.example.net', { disableProtocolSecurity: true }),
      ),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('2 of 3 active remote sites are insecure: Legacy_ERP (uses http://) and Geo_Lookup (protocol security disabled).');
  });

  it('fails when every active remote site is insecure', () => {
    expect(evaluateRaw(remote, remotes(remoteSite('0rpHs0000002', 'Legacy_ERP', 'http://erp.acme.com'))).status).toBe('non_compliant');
  });
});
