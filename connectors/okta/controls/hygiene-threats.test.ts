import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateOkta } from '../fixtures/hygiene';
import { behavior, behaviors, ids, networkZone, networkZones, threatInsight, trustedOrigin } from '../fixtures/payloads';
import { broadGateway, hygieneThreatControls } from './hygiene-threats';

const control = (id: string): Control => hygieneThreatControls.find((c) => c.id === id)!;

describe('OKTA.THREAT.1v1 ThreatInsight mode', () => {
  const c = control('OKTA.THREAT.1v1');

  it('gives half credit in audit mode and fails when off', () => {
    expect(evaluateOkta(c, { threatInsight: threatInsight({ action: 'audit' }) })).toMatchObject({ status: 'partial', fraction: 0.5, actual: 'audit' });
    expect(evaluateOkta(c, { threatInsight: threatInsight({ action: 'none' }) })).toMatchObject({ status: 'non_compliant', actual: 'none' });
  });
});

describe('OKTA.THREAT.2v1 ThreatInsight exemptions', () => {
  const c = control('OKTA.THREAT.2v1');

  it('names the exempt zones when they are narrow', () => {
    expect(evaluateOkta(c).reason).toBe('ThreatInsight exempts 1 narrow IP zone: Corporate network.');
  });

  it('names broad, dynamic and unknown exempt zones', () => {
    const zones = [
      ...networkZones(),
      networkZone({ id: 'nzo1wide0h7', name: 'All of AWS', gateways: [{ type: 'CIDR', value: '3.0.0.0/8' }] }),
    ];
    const verdict = evaluateOkta(c, {
      networkZones: zones,
      threatInsight: threatInsight({ excludeZones: [ids.corporateZone, 'nzo1wide0h7', ids.enhancedDynamicZone, 'nzo1gone0h7'] }),
    });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 4);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['All of AWS', '3.0.0.0/8 is a /8'],
      ['DefaultEnhancedDynamicZone', 'enhanced dynamic zone (locations, ASNs or proxies)'],
      ['nzo1gone0h7', 'zone no longer exists'],
    ]);
  });

  it('is not applicable when ThreatInsight is off', () => {
    expect(evaluateOkta(c, { threatInsight: threatInsight({ action: 'none' }) }).status).toBe('not_applicable');
  });
});

describe('OKTA.THREAT.3v1 behavior detection', () => {
  it('credits each covered signal and names inactive rules and missing types', () => {
    const rules = behaviors()
      .filter((rule) => rule.type !== 'VELOCITY')
      .map((rule) => (rule.type === 'ANOMALOUS_IP' ? behavior({ ...rule, status: 'INACTIVE' }) : rule));
    const verdict = evaluateOkta(control('OKTA.THREAT.3v1'), { behaviors: rules });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 4);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['New IP', 'new IP · inactive'],
      ['velocity (impossible travel)', 'no rule of this type'],
    ]);
  });
});

describe('OKTA.NET.1v1 trusted origins', () => {
  it('names wildcard and http:// origins, ignoring inactive ones', () => {
    const origins = [
      trustedOrigin(),
      trustedOrigin({ id: 'tos1wild', name: 'Any subdomain', origin: 'https://*.acme.example' }),
      trustedOrigin({ id: 'tos1http', name: 'Old intranet', origin: 'http://intranet.acme.example', scopes: [{ type: 'IFRAME_EMBED' }] }),
      trustedOrigin({ id: 'tos1off', name: 'Retired', origin: 'http://*.old.example', status: 'INACTIVE' }),
    ];
    const verdict = evaluateOkta(control('OKTA.NET.1v1'), { trustedOrigins: origins });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Any subdomain', 'https://*.acme.example · wildcard · scopes CORS, REDIRECT'],
      ['Old intranet', 'http://intranet.acme.example · plain http:// · scopes IFRAME_EMBED'],
    ]);
  });
});

describe('OKTA.NET.2v1 broad policy zones', () => {
  it('names policy zones with gateways that are too broad, not blocklists', () => {
    const zones = [
      ...networkZones(),
      networkZone({ id: 'nzo1any', name: 'Anywhere', gateways: [{ type: 'CIDR', value: '0.0.0.0/0' }] }),
      networkZone({ id: 'nzo1range', name: 'Big range', gateways: [{ type: 'RANGE', value: '10.0.0.0-10.255.255.255' }] }),
      networkZone({ id: 'nzo1block', name: 'Blocked', usage: 'BLOCKLIST', gateways: [{ type: 'CIDR', value: '1.0.0.0/8' }] }),
    ];
    const verdict = evaluateOkta(control('OKTA.NET.2v1'), { networkZones: zones });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Anywhere', '0.0.0.0/0 is a /0'],
      ['Big range', '10.0.0.0-10.255.255.255 spans 16,777,216 addresses'],
    ]);
  });

  it('names the zones with addresses it judged, leaving empty ones out', () => {
    expect(evaluateOkta(control('OKTA.NET.2v1'), { networkZones: networkZones() })).toMatchObject({
      status: 'compliant',
      reason: 'All 1 active policy IP zone with addresses list specific ranges: Corporate network.',
    });
  });

  it('does not claim that empty zones list specific ranges (a new org has only an empty LegacyIpZone)', () => {
    const verdict = evaluateOkta(control('OKTA.NET.2v1'), { networkZones: networkZones().filter((zone) => zone.name === 'LegacyIpZone') });
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'No active policy IP zone lists an address range (LegacyIpZone is empty), so none is too broad.' });
  });

  it('judges gateways by prefix and range size', () => {
    expect(broadGateway({ type: 'CIDR', value: '203.0.113.0/24' })).toBeUndefined();
    expect(broadGateway({ type: 'CIDR', value: '2001:db8::/48' })).toBeUndefined();
    expect(broadGateway({ type: 'CIDR', value: '2001::/16' })).toBe('2001::/16 is a /16');
    expect(broadGateway({ type: 'RANGE', value: '198.51.100.10-198.51.100.20' })).toBeUndefined();
  });
});
