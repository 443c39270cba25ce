import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import {
  corsOrigin,
  cspTrustedSite,
  evaluateRaw,
  grantors,
  loginIpRange,
  malformedSources,
  permissionSetRecord,
  queryResult,
  securitySettingsXml,
  type RawSources,
} from '../fixtures/org-data';
import { setupPages } from '../pages';
import { ipRangeSize, networkControls } from './network';

const control = (id: string): Control => networkControls.find((candidate) => candidate.id === id)!;

describe('network catalog', () => {
  it('has stable ids, the right metrics and known remediation pages', () => {
    expect(networkControls.map((c) => [c.id, c.metric])).toEqual([
      ['SF.NET.1v1', 'network-access'],
      ['SF.NET.2v1', 'network-access'],
      ['SF.NET.3v1', 'network-access'],
      ['SF.NET.4v1', 'browser-protections'],
      ['SF.NET.5v1', 'browser-protections'],
    ]);
    for (const c of networkControls) for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
  });

  it.each(networkControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('ipRangeSize', () => {
  it('measures IPv4 and IPv6 ranges and rejects nonsense', () => {
    expect(ipRangeSize('10.0.0.0', '10.0.255.255')).toMatchObject({ addresses: 65536n, broad: false });
    expect(ipRangeSize('10.0.0.0', '10.1.0.0')).toMatchObject({ broad: true });
    expect(ipRangeSize('0.0.0.0', '255.255.255.255')).toMatchObject({ addresses: 2n ** 32n, broad: true });
    expect(ipRangeSize('2001:db8::', '2001:db8:0:ffff:ffff:ffff:ffff:ffff')).toMatchObject({ family: 'IPv6', broad: false });
    expect(ipRangeSize('2001:db8::', '2001:db9::')).toMatchObject({ broad: true });
    expect(ipRangeSize('10.0.0.9', '10.0.0.1')).toBeUndefined();
    expect(ipRangeSize('10.0.0.256', '10.0.1.0')).toBeUndefined();
  });
});

describe('SF.NET.1v1 administrative profiles without login IP ranges', () => {
  const ranges = control('SF.NET.1v1');
  const sets = queryResult('PermissionSet', [
    permissionSetRecord(grantors.systemAdministrator),
    permissionSetRecord(grantors.salesOpsProfile),
    permissionSetRecord(grantors.dataSteward),
  ]);

  it('passes when every administrative profile has ranges', () => {
    const raw = {
      permissionSets: sets,
      loginIpRanges: queryResult('LoginIpRange', [
        loginIpRange('0F1Hs0000001', grantors.systemAdministrator, '203.0.113.0', '203.0.113.255'),
        loginIpRange('0F1Hs0000002', grantors.salesOpsProfile, '198.51.100.0', '198.51.100.63'),
      ]),
    };
    const verdict = evaluateRaw(ranges, raw);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 2 administrative profiles restrict login IP ranges.');
  });

  it('gives partial credit and names the unrestricted profile (permission sets are not profiles)', () => {
    const raw = {
      permissionSets: sets,
      loginIpRanges: queryResult('LoginIpRange', [loginIpRange('0F1Hs0000001', grantors.systemAdministrator, '203.0.113.0', '203.0.113.255')]),
    };
    const verdict = evaluateRaw(ranges, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.reason).toBe('1 of 2 administrative profiles have no login IP ranges: Sales Operations.');
    expect(verdict.affected).toEqual([{ id: grantors.salesOpsProfile.ProfileId, name: 'Sales Operations', kind: 'profile', detail: 'grants View All Data, API Enabled' }]);
  });

  it('fails when no profile has ranges', () => {
    const verdict = evaluateRaw(ranges, { permissionSets: sets, loginIpRanges: queryResult('LoginIpRange', []) });
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown when the ranges were only partly read', () => {
    const raw = { permissionSets: sets, loginIpRanges: queryResult('LoginIpRange', [], { totalSize: 5, done: false }) };
    expect(evaluateRaw(ranges, raw).status).toBe('unknown');
  });
});

describe('SF.NET.2v1 broad login IP ranges', () => {
  const broad = control('SF.NET.2v1');

  it('passes with narrow ranges', () => {
    const raw = { loginIpRanges: queryResult('LoginIpRange', [loginIpRange('0F1Hs0000001', grantors.systemAdministrator, '203.0.113.0', '203.0.113.255')]) };
    expect(evaluateRaw(broad, raw).status).toBe('compliant');
  });

  it('flags the whole internet and a /8, with partial credit', () => {
    const raw = {
      loginIpRanges: queryResult('LoginIpRange', [
        loginIpRange('0F1Hs0000001', grantors.systemAdministrator, '0.0.0.0', '255.255.255.255'),
        loginIpRange('0F1Hs0000002', grantors.salesOpsProfile, '10.0.0.0', '10.255.255.255'),
        loginIpRange('0F1Hs0000003', grantors.salesOpsProfile, '203.0.113.0', '203.0.113.255'),
      ]),
    };
    const verdict = evaluateRaw(broad, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe(
      '2 of 3 login IP ranges are wider than a /16: System Administrator: 0.0.0.0–255.255.255.255 (every IPv4 address) and Sales Operations: 10.0.0.0–10.255.255.255 (16,777,216 addresses).',
    );
  });

  it('is not applicable when no ranges exist', () => {
    expect(evaluateRaw(broad, { loginIpRanges: queryResult('LoginIpRange', []) }).status).toBe('not_applicable');
  });

  it('is unknown when a range cannot be read and none is broad', () => {
    const raw = { loginIpRanges: queryResult('LoginIpRange', [loginIpRange('0F1Hs0000001', grantors.systemAdministrator, 'office', '203.0.113.255')]) };
    expect(evaluateRaw(broad, raw).status).toBe('unknown');
  });
});

describe('SF.NET.3v1 broad trusted IP ranges', () => {
  const trusted = control('SF.NET.3v1');

  it('passes with no trusted ranges at all', () => {
    const verdict = evaluateRaw(trusted, { securitySettings: securitySettingsXml([]) });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('every new device must verify its identity');
  });

  it('passes with office-sized ranges', () => {
    const verdict = evaluateRaw(trusted, { securitySettings: securitySettingsXml([{ start: '203.0.113.0', end: '203.0.113.255', description: 'London office' }]) });
    expect(verdict.status).toBe('compliant');
  });

  it('fails on an internet-wide trusted range and names it', () => {
    const verdict = evaluateRaw(trusted, { securitySettings: securitySettingsXml([{ start: '0.0.0.0', end: '255.255.255.255', description: 'Everyone' }]) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('1 of 1 trusted IP range is wider than a /16: Everyone: 0.0.0.0–255.255.255.255 (every IPv4 address).');
  });

  it('gives partial credit when only some ranges are broad', () => {
    const verdict = evaluateRaw(trusted, {
      securitySettings: securitySettingsXml([
        { start: '203.0.113.0', end: '203.0.113.255', description: 'London office' },
        { start: '100.64.0.0', end: '100.127.255.255', description: 'Carrier NAT' },
      ]),
    });
    expect(verdict.status).toBe('partial');
    expect(verdict.affected[0]!.name).toBe('Carrier NAT: 100.64.0.0–100.127.255.255');
  });
});

describe('SF.NET.4v1 CSP trusted sites', () => {
  const csp = control('SF.NET.4v1');

  it('passes with exact https hosts and ignores inactive entries', () => {
    const raw = {
      cspTrustedSites: queryResult('CspTrustedSite', [
        cspTrustedSite('08yHs0000001', 'Maps', 'https://maps.example.com'),
        cspTrustedSite('08yHs0000002', 'Legacy', 'http://legacy.example.com', false),
      ]),
    };
    expect(evaluateRaw(csp, raw).status).toBe('compliant');
  });

  it('flags http:// and wildcard endpoints', () => {
    const raw = {
      cspTrustedSites: queryResult('CspTrustedSite', [
        cspTrustedSite('08yHs0000001', 'Maps', 'https://maps.example.com'),
        cspTrustedSite('08yHs0000002', 'Intranet', 'http://intranet.acme.com'),
        cspTrustedSite('08yHs0000003', 'Cdn', 'https://*.cdn-provider.net'),
      ]),
    };
    const verdict = evaluateRaw(csp, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.affected.map((a) => a.detail)).toEqual([
      'http://intranet.acme.com · uses unencrypted http://',
      'https://*.cdn-provider.net · allows any subdomain of cdn-provider.net',
    ]);
  });

  it.each(['', 'https://', 'maps.example.com', 'ftp://maps.example.com'])('never passes an endpoint of %j, which names no https host', (url) => {
    const raw = { cspTrustedSites: queryResult('CspTrustedSite', [cspTrustedSite('08yHs0000001', 'Maps', 'https://maps.example.com'), cspTrustedSite('08yHs0000002', 'Odd', url)]) };
    const verdict = evaluateRaw(csp, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.affected.map((a) => a.detail)).toEqual([`${url} · is not an https:// address with a host`]);
  });
});

describe('SF.NET.5v1 CORS allow-list', () => {
  const cors = control('SF.NET.5v1');

  it('passes with exact https origins', () => {
    const raw = { corsOrigins: queryResult('CorsWhitelistEntry', [corsOrigin('074Hs0000001', 'Portal', 'https://portal.acme.com')]) };
    expect(evaluateRaw(cors, raw).status).toBe('compliant');
  });

  it('passes with an empty list', () => {
    expect(evaluateRaw(cors, { corsOrigins: queryResult('CorsWhitelistEntry', []) }).reason).toBe('The CORS allow-list is empty.');
  });

  it('gives partial credit for an http origin', () => {
    const raw = {
      corsOrigins: queryResult('CorsWhitelistEntry', [
        corsOrigin('074Hs0000001', 'Portal', 'https://portal.acme.com'),
        corsOrigin('074Hs0000002', 'Dev', 'http://localhost:3000'),
      ]),
    };
    const verdict = evaluateRaw(cors, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.reason).toBe('1 of 2 CORS origins are too permissive: http://localhost:3000 (uses unencrypted http://).');
  });

  it('fails outright on "*"', () => {
    const raw = {
      corsOrigins: queryResult('CorsWhitelistEntry', [
        corsOrigin('074Hs0000001', 'Portal', 'https://portal.acme.com'),
        corsOrigin('074Hs0000002', 'Anything', '*'),
      ]),
    };
    const verdict = evaluateRaw(cors, raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]!.detail).toBe('Anything · allows every origin');
  });
});
