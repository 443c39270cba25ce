import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { goodIpRules, ipRule, plugin, table } from '../fixtures/payloads';
import { networkControls, parseAddress, ruleRange } from './network';

const control = (id: string): Control => networkControls.find((c) => c.id === id)!;
const rules = (rows: Array<Record<string, string>>, total?: number) => ({ ipAccessRules: table(rows, total ?? rows.length) });
const denyAll = goodIpRules[2]!;

describe('address ranges', () => {
  it('parses IPv4, IPv6 and CIDR ranges', () => {
    expect(ruleRange({ range_start: '10.0.0.0', range_end: '10.255.255.255' })?.size).toBe(2n ** 24n);
    expect(ruleRange({ range_start: '192.0.2.7', range_end: '' })?.size).toBe(1n);
    expect(ruleRange({ range_start: '10.1.2.3/8', range_end: '' })).toMatchObject({ start: 10n * 2n ** 24n, size: 2n ** 24n });
    expect(ruleRange({ range_start: '2001:db8::/32', range_end: '' })?.size).toBe(2n ** 96n);
    expect(ruleRange({ range_start: '::', range_end: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' })?.size).toBe(2n ** 128n);
    expect(parseAddress('::ffff:192.0.2.1')?.value).toBe(0xffffc0000201n);
    expect(ruleRange({ range_start: '10.0.0.300', range_end: '' })).toBeUndefined();
    expect(ruleRange({ range_start: '10.0.0.9', range_end: '10.0.0.1' })).toBeUndefined();
    expect(ruleRange({ range_start: '10.0.0.1', range_end: '2001:db8::1' })).toBeUndefined();
  });
});

describe('SN.NET.1v1 inbound allow list', () => {
  const c = control('SN.NET.1v1');

  it('is compliant with narrow inbound Allow rules, naming them', () => {
    const verdict = evaluateServiceNow(c);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('Corporate egress, New York office (203.0.113.0–203.0.113.255)');
  });

  it('is non-compliant when the plugin is inactive or not installed', () => {
    const inactive = evaluateServiceNow(c, { plugins: table([plugin('com.snc.ipauthenticator', { active: 'inactive', name: 'IP Range Based Authentication' })]) });
    expect(inactive.status).toBe('non_compliant');
    expect(inactive.reason).toContain('the com.snc.ipauthenticator plugin (IP Range Based Authentication) is not active');
    const missing = evaluateServiceNow(c, { plugins: table([plugin('com.glide.high_security')]) });
    expect(missing).toMatchObject({ status: 'non_compliant', reason: expect.stringContaining('not installed') });
  });

  it('is unknown when no plugin row came back at all', () => {
    expect(evaluateServiceNow(c, { plugins: table([]) }).status).toBe('unknown');
  });

  it('is non-compliant when an Allow rule admits every address', () => {
    const open = ipRule({ sys_id: 'ipopen', direction: 'bidirectional', range_start: '0.0.0.0', range_end: '255.255.255.255', description: 'Temp fix for integration' });
    const verdict = evaluateServiceNow(c, rules([...goodIpRules, open]));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('An active Allow rule admits every address, which cancels the allow list: Temp fix for integration (0.0.0.0–255.255.255.255).');
    expect(verdict.affected).toEqual([expect.objectContaining({ id: 'ipopen', detail: expect.stringContaining('4,294,967,296 addresses — everything') })]);
  });

  it('is non-compliant for an IPv6 rule over everything', () => {
    const open = ipRule({ sys_id: 'ipv6open', range_start: '::', range_end: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', description: '' });
    expect(evaluateServiceNow(c, rules([...goodIpRules, open])).status).toBe('non_compliant');
  });

  it('gives half credit for a rule wider than a /8, but not for exactly a /8', () => {
    const wide = ipRule({ sys_id: 'ipwide', range_start: '10.0.0.0', range_end: '11.255.255.255', description: 'All private tens' });
    const verdict = evaluateServiceNow(c, rules([...goodIpRules, wide]));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).toContain('All private tens (10.0.0.0–11.255.255.255), 33,554,432 addresses');
    const slash8 = ipRule({ sys_id: 'ip8', range_start: '10.0.0.0', range_end: '10.255.255.255' });
    expect(evaluateServiceNow(c, rules([...goodIpRules, slash8])).status).toBe('compliant');
  });

  it('ignores outbound and inactive Allow rules', () => {
    const verdict = evaluateServiceNow(c, rules([ipRule({ direction: 'outbound' }), ipRule({ sys_id: 'ip2', active: 'false' }), denyAll]));
    expect(verdict).toMatchObject({ status: 'non_compliant', reason: expect.stringContaining('No active Allow rule limits inbound access') });
  });

  it('is unknown for an unreadable range, an unknown direction, or unread rules', () => {
    expect(evaluateServiceNow(c, rules([...goodIpRules, ipRule({ sys_id: 'ipbad', range_start: 'corp-net' })])).status).toBe('unknown');
    const undirected = evaluateServiceNow(c, rules([ipRule({ direction: '' }), denyAll]));
    expect(undirected).toMatchObject({ status: 'unknown', reason: expect.stringContaining('no recognised direction') });
    expect(evaluateServiceNow(c, rules(goodIpRules, 40)).status).toBe('unknown');
  });
});

describe('SN.NET.2v1 deny by default', () => {
  const c = control('SN.NET.2v1');

  it('is compliant when Deny rules together cover every IPv4 address', () => {
    const halves = [
      ipRule({ sys_id: 'd1', type: 'deny', range_start: '0.0.0.0', range_end: '127.255.255.255', description: 'Deny low' }),
      ipRule({ sys_id: 'd2', type: 'deny', direction: 'bidirectional', range_start: '128.0.0.0', range_end: '255.255.255.255', description: 'Deny high' }),
    ];
    const verdict = evaluateServiceNow(c, rules([goodIpRules[0]!, ...halves]));
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'Deny rules cover every IPv4 address: Deny low (0.0.0.0–127.255.255.255) and Deny high (128.0.0.0–255.255.255.255).' });
  });

  it('is non-compliant without any Deny rule', () => {
    const verdict = evaluateServiceNow(c, rules(goodIpRules.slice(0, 2)));
    expect(verdict).toMatchObject({ status: 'non_compliant', reason: expect.stringContaining('the Allow rules restrict nothing') });
  });

  it('gives half credit for a partial block list, naming the first gap', () => {
    const verdict = evaluateServiceNow(c, rules([goodIpRules[0]!, ipRule({ sys_id: 'd1', type: 'deny', range_start: '0.0.0.0', range_end: '127.255.255.255', description: 'Deny low' })]));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).toContain('128.0.0.0–255.255.255.255 stays open');
    expect(verdict.affected[0]).toMatchObject({ id: 'd1', name: 'Deny low' });
  });

  it('is non-compliant when the plugin is inactive, unknown when rules are unread', () => {
    expect(evaluateServiceNow(c, { plugins: table([plugin('com.snc.ipauthenticator', { active: 'false' })]) }).status).toBe('non_compliant');
    expect(evaluateServiceNow(c, rules(goodIpRules.slice(0, 2), 9)).status).toBe('unknown');
  });
});

describe('SN.NET.3v1 described rules', () => {
  const c = control('SN.NET.3v1');

  it('lists rules without a description, and keeps hostile descriptions as text', () => {
    const bare = ipRule({ sys_id: 'ipbare', description: '  ' });
    const hostile = ipRule({ sys_id: 'iphostile', description: '<script>alert(1)</script>\u202E' });
    const verdict = evaluateServiceNow(c, rules([...goodIpRules, bare, hostile]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(4 / 5);
    expect(verdict.reason).toBe('1 of 5 active IP access rules has no description: allow 203.0.113.0–203.0.113.255.');
    expect(verdict.affected).toEqual([expect.objectContaining({ id: 'ipbare', detail: expect.stringContaining('no description') })]);
    const named = evaluateServiceNow(control('SN.NET.1v1'), rules([...goodIpRules, hostile]));
    expect(named.reason).toContain('<script>alert(1)</script>\u202E (203.0.113.0–203.0.113.255)');
  });

  it('is compliant when there are no rules', () => {
    expect(evaluateServiceNow(c, rules([]))).toMatchObject({ status: 'compliant', reason: 'There are no active IP access rules.' });
  });
});

describe('network controls on malformed data', () => {
  it.each(networkControls.map((c) => [c.id, c] as const))('%s is an error when its source cannot be parsed', (_id, c) => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
