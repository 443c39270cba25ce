import { compliant, nonCompliant, partial, shareVerdict, unknown, type AffectedEntity, type Control, type Verdict } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { defineServiceNowControl } from '../control';
import type { IpAccessRule, Plugin } from '../model';
import {
  count,
  isAre,
  listAffected,
  listLocation,
  nameList,
  serviceNowDocs,
  step,
  unreadRows,
  unreadText,
  verifyStep,
  type TableRead,
} from './evidence';

/**
 * IP Address Access Control (`ip_access`, enforced by the com.snc.ipauthenticator plugin). ServiceNow "only blocks
 * an IP address if a matching Deny rule exists and no matching Allow rule exists" (t_AccessControl): allow rules on
 * their own restrict nothing, and a deny rule over 0.0.0.0–255.255.255.255 is what turns them into an allow list.
 */

export const ipPlugin = 'com.snc.ipauthenticator';

// Addresses

const ipv4Size = 2n ** 32n;
const ipv6Size = 2n ** 128n;
/** An allow rule wider than a /8 (IPv4) or a /32 (IPv6) lets in far more than any one organisation's network. */
const broadLimit = { 4: 2n ** 24n, 6: 2n ** 96n } as const;

interface Address {
  version: 4 | 6;
  value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256n + BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return undefined;
  const groupsOf = (part: string): bigint[] | undefined => {
    if (part === '') return [];
    const groups: bigint[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        groups.push(v4 >> 16n, v4 & 0xffffn);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) groups.push(BigInt(`0x${piece}`));
      else return undefined;
    }
    return groups;
  };
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  if (!left || !right) return undefined;
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array<bigint>(tail === undefined ? 0 : missing).fill(0n), ...right].reduce((value, group) => value * 65536n + group, 0n);
}

export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  const v4 = parseIpv4(trimmed);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(trimmed);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

export interface AddressRange {
  version: 4 | 6;
  start: bigint;
  end: bigint;
  size: bigint;
}

/** A rule's range: Range Start to Range End (a single address when the end is empty; CIDR notation accepted). */
export function ruleRange(rule: Pick<IpAccessRule, 'range_start' | 'range_end'>): AddressRange | undefined {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(rule.range_start.trim());
  if (cidr && rule.range_end.trim() === '') {
    const base = parseAddress(cidr[1]!);
    const bits = Number(cidr[2]);
    if (!base || bits > (base.version === 4 ? 32 : 128)) return undefined;
    const size = 2n ** BigInt((base.version === 4 ? 32 : 128) - bits);
    const start = (base.value / size) * size;
    return { version: base.version, start, end: start + size - 1n, size };
  }
  const start = parseAddress(rule.range_start);
  const end = rule.range_end.trim() === '' ? start : parseAddress(rule.range_end);
  if (!start || !end || start.version !== end.version || end.value < start.value) return undefined;
  return { version: start.version, start: start.value, end: end.value, size: end.value - start.value + 1n };
}

const isEverything = (range: AddressRange) => range.size === (range.version === 4 ? ipv4Size : ipv6Size);
const isBroad = (range: AddressRange) => range.size > broadLimit[range.version];

// Rules

const normalized = (value: string) => value.trim().toLowerCase();
const hasNo = (n: number) => (n === 1 ? 'has no' : 'have no');

/** Whether a rule applies to inbound traffic; undefined when its direction is empty or unrecognised. */
function appliesInbound(rule: IpAccessRule): boolean | undefined {
  const direction = normalized(rule.direction);
  if (direction === 'inbound' || direction === 'bidirectional') return true;
  if (direction === 'outbound') return false;
  return undefined;
}

const rangeText = (rule: IpAccessRule) => (rule.range_end.trim() ? `${rule.range_start.trim()}–${rule.range_end.trim()}` : rule.range_start.trim());
const ruleName = (rule: IpAccessRule) => rule.description.trim() || rangeText(rule);
const ruleLabel = (rule: IpAccessRule) => (rule.description.trim() ? `${rule.description.trim()} (${rangeText(rule)})` : rangeText(rule));
const addresses = (size: bigint) => `${groupDigits(size)} address${size === 1n ? '' : 'es'}`;

function ruleEntity(rule: IpAccessRule, detail: string): AffectedEntity {
  return { id: rule.sys_id, name: ruleName(rule), kind: 'ipAccessRule', detail: `${normalized(rule.type)} ${normalized(rule.direction) || 'no direction'} ${rangeText(rule)} · ${detail}` };
}

type PluginState = { active: true } | { active: false; reason: string } | { active: undefined; reason: string };

function pluginState(plugins: TableRead<Plugin>): PluginState {
  const plugin = plugins.result.find((row) => row.id === ipPlugin);
  if (plugin) return plugin.active ? { active: true } : { active: false, reason: `the ${ipPlugin} plugin (${plugin.name || 'IP Range Based Authentication'}) is not active` };
  if (plugins.result.length === 0 || unreadRows(plugins) > 0) return { active: undefined, reason: `the ${ipPlugin} plugin was not among the plugins returned` };
  return { active: false, reason: `the ${ipPlugin} plugin is not installed` };
}

const activateSteps = [
  step(`Open ${listLocation('plugins', ipPlugin)} and activate IP Range Based Authentication (${ipPlugin}) if it is not active`, 'plugins', ipPlugin),
];

const allowList = defineServiceNowControl({
  id: 'SN.NET.1v1',
  title: 'Inbound access is limited to named IP ranges',
  description:
    `Checks that the ${ipPlugin} plugin is active, that at least one active Allow rule applies to inbound (or ` +
    'bidirectional) traffic, and that no active Allow rule spans every address or a range wider than a /8 (IPv4) or a ' +
    '/32 (IPv6). A too-wide rule over everything is non-compliant; one merely wider than a /8 earns half credit. Rules are named.',
  rationale:
    'Restricting logins to the company\'s egress ranges and VPN means a phished password or a stolen session cookie is ' +
    'useless from the attacker\'s own infrastructure. An allow rule over 0.0.0.0–255.255.255.255, often added to "fix" a ' +
    'blocked integration, silently cancels the whole list.',
  severity: 'high',
  weight: 6,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: {
    nist80053: ['AC-17', 'SC-7', 'AC-3'],
    serviceNowHardening: 'Restrict access to specific IP ranges plugin',
    initiatives: ['zero-trust', 'ransomware'],
  },
  sources: ['plugins', 'ipAccessRules'],
  evaluate: ({ plugins, ipAccessRules }): Verdict => {
    const plugin = pluginState(plugins);
    const expected = 'plugin active; inbound Allow rules limited to named ranges no wider than a /8';
    const allow = ipAccessRules.result.filter((rule) => rule.active && normalized(rule.type) === 'allow' && appliesInbound(rule) !== false);
    const inbound = allow.filter((rule) => appliesInbound(rule) === true);
    const ranges = allow.map((rule) => ({ rule, range: ruleRange(rule) }));
    const everything = ranges.filter(({ range }) => range && isEverything(range));
    const broad = ranges.filter(({ range }) => range && isBroad(range) && !isEverything(range));
    const unreadable = ranges.filter(({ range }) => !range);
    const unread = unreadRows(ipAccessRules);
    if (plugin.active === false) {
      return nonCompliant({
        actual: 'plugin not active',
        expected,
        reason: `IP access rules are not enforced: ${plugin.reason}${allow.length ? ` (${count(allow.length, 'allow rule')} configured: ${nameList(allow.map(ruleLabel))})` : ''}.`,
      });
    }
    if (everything.length > 0) {
      return nonCompliant({
        actual: `${count(everything.length, 'rule')} allowing every address`,
        expected,
        reason: `An active Allow rule admits every address, which cancels the allow list: ${nameList(everything.map(({ rule }) => ruleLabel(rule)), everything.length)}.`,
        ...listAffected(everything.map(({ rule, range }) => ruleEntity(rule, `allows ${addresses(range!.size)} — everything`))),
      });
    }
    if (allow.length === 0) {
      if (unread > 0) return unknown(`No active inbound Allow rule was among the rules read, but ${unreadText(ipAccessRules, 'IP access rules')}.`, { expected });
      return nonCompliant({ actual: 'no inbound Allow rule', expected, reason: 'No active Allow rule limits inbound access: the instance accepts logins from any address.' });
    }
    if (broad.length > 0) {
      return partial(0.5, {
        actual: `${count(broad.length, 'broad rule')}`,
        expected,
        reason: `${count(broad.length, 'active Allow rule')} ${isAre(broad.length)} wider than a /8: ${nameList(broad.map(({ rule, range }) => `${ruleLabel(rule)}, ${addresses(range!.size)}`), broad.length)}.`,
        ...listAffected(broad.map(({ rule, range }) => ruleEntity(rule, `allows ${addresses(range!.size)}`))),
      });
    }
    if (plugin.active === undefined) return unknown(`The Allow rules look narrow, but ${plugin.reason}, so whether they are enforced cannot be told.`, { expected });
    if (unreadable.length > 0) {
      return unknown(`${count(unreadable.length, 'Allow rule')} ${isAre(unreadable.length)} not a readable address range: ${nameList(unreadable.map(({ rule }) => ruleLabel(rule)), unreadable.length)}.`, {
        expected,
        ...listAffected(unreadable.map(({ rule }) => ruleEntity(rule, 'range unreadable'))),
      });
    }
    if (inbound.length === 0) {
      return unknown(`The only Allow rules have no recognised direction, so whether they cover inbound traffic cannot be told: ${nameList(allow.map(ruleLabel), allow.length)}.`, { expected });
    }
    if (unread > 0) return unknown(`The Allow rules read are narrow, but ${unreadText(ipAccessRules, 'IP access rules')}: one of them may be broad.`, { expected });
    return compliant({
      actual: count(allow.length, 'inbound Allow rule'),
      expected,
      reason: `The ${ipPlugin} plugin is active and ${count(allow.length, 'inbound Allow rule')} name${allow.length === 1 ? 's' : ''} narrow ranges: ${nameList(allow.map(ruleLabel), allow.length, 5)}.`,
    });
  },
  remediation: {
    summary: 'Activate IP access control, allow only the company\'s egress and VPN ranges inbound, and delete any rule that allows everything.',
    steps: [
      ...activateSteps,
      step(`Open ${listLocation('ipAccess')} and add an active Allow rule (Direction Inbound) for each corporate egress and VPN range, with a description`, 'ipAccess'),
      step('Delete or narrow every listed Allow rule wider than a /8; give integrations their own narrow ranges instead', 'ipAccess'),
      verifyStep('ipAccess'),
    ],
    references: [serviceNowDocs.ipAccessControl, serviceNowDocs.ipRangePlugin, serviceNowDocs.ipAllowList],
  },
});

/** Merged IPv4 deny coverage: how many addresses the ranges cover, and the first gap. */
function ipv4Coverage(ranges: AddressRange[]): { covered: bigint; gap?: [bigint, bigint] } {
  const sorted = ranges.filter((range) => range.version === 4).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let covered = 0n;
  let next = 0n;
  let gap: [bigint, bigint] | undefined;
  for (const range of sorted) {
    if (range.start > next && !gap) gap = [next, range.start - 1n];
    if (range.end >= next) {
      covered += range.end - (range.start > next ? range.start : next) + 1n;
      next = range.end + 1n;
    }
  }
  if (next < ipv4Size && !gap) gap = [next, ipv4Size - 1n];
  return { covered, gap };
}

const ipv4Text = (value: bigint) => [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 255n).toString()).join('.');

const denyByDefault = defineServiceNowControl({
  id: 'SN.NET.2v1',
  title: 'A Deny rule covers every IPv4 address, so the Allow rules form an allow list',
  description:
    'ServiceNow blocks an address only when a Deny rule matches it and no Allow rule does. This control checks that the ' +
    `${ipPlugin} plugin is active and that active inbound (or bidirectional) Deny rules together cover 0.0.0.0–255.255.255.255. ` +
    'Deny rules that cover only part of the space (a block list) earn half credit.',
  rationale:
    'Allow rules without a covering Deny rule restrict nothing: every address still reaches the login page, so password ' +
    'spraying, credential stuffing and replay of stolen session cookies work from anywhere. The Deny-all rule is the half ' +
    'of the configuration admins most often forget.',
  severity: 'high',
  weight: 6,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: { nist80053: ['SC-7', 'SC-7(5)', 'AC-17'], initiatives: ['zero-trust'] },
  sources: ['plugins', 'ipAccessRules'],
  evaluate: ({ plugins, ipAccessRules }) => {
    const plugin = pluginState(plugins);
    const expected = 'inbound Deny rules over 0.0.0.0–255.255.255.255';
    const deny = ipAccessRules.result.filter((rule) => rule.active && normalized(rule.type) === 'deny' && appliesInbound(rule) !== false);
    const confirmed = deny.filter((rule) => appliesInbound(rule) === true);
    const rangesOf = (rules: IpAccessRule[]) => rules.flatMap((rule) => ruleRange(rule) ?? []);
    const full = ipv4Coverage(rangesOf(confirmed));
    if (plugin.active === false) return nonCompliant({ actual: 'plugin not active', expected, reason: `IP access rules are not enforced: ${plugin.reason}.` });
    if (full.covered === ipv4Size) {
      if (plugin.active === undefined) return unknown(`Deny rules cover every IPv4 address, but ${plugin.reason}, so whether they are enforced cannot be told.`, { expected });
      return compliant({ actual: 'every IPv4 address denied by default', expected, reason: `Deny rules cover every IPv4 address: ${nameList(confirmed.map(ruleLabel), confirmed.length)}.` });
    }
    const withUndirected = ipv4Coverage(rangesOf(deny));
    if (withUndirected.covered === ipv4Size) {
      return unknown(`Deny rules would cover every IPv4 address, but some have no recognised direction: ${nameList(deny.filter((rule) => appliesInbound(rule) === undefined).map(ruleLabel))}.`, { expected });
    }
    if (unreadRows(ipAccessRules) > 0) return unknown(`The Deny rules read leave addresses open, but ${unreadText(ipAccessRules, 'IP access rules')}.`, { expected });
    const gap = full.gap ? `${ipv4Text(full.gap[0])}–${ipv4Text(full.gap[1])}` : 'part of the address space';
    if (confirmed.length === 0) {
      return nonCompliant({
        actual: 'no inbound Deny rule',
        expected,
        reason: 'No active inbound Deny rule exists, so the Allow rules restrict nothing: every address can reach the instance.',
      });
    }
    return partial(0.5, {
      actual: `${addresses(full.covered)} denied`,
      expected,
      reason: `Deny rules cover only part of the IPv4 space (${nameList(confirmed.map(ruleLabel), confirmed.length)}); ${gap} stays open.`,
      ...listAffected(confirmed.map((rule) => ruleEntity(rule, 'partial deny'))),
    });
  },
  remediation: {
    summary: 'Add an active inbound Deny rule over 0.0.0.0–255.255.255.255 once the Allow rules list every range that must reach the instance.',
    steps: [
      ...activateSteps,
      step(`Open ${listLocation('ipAccess')} and check that Allow rules cover your own address, VPN, MID Servers and integrations`, 'ipAccess'),
      step('Add a rule: Type Deny, Direction Inbound, Range Start 0.0.0.0, Range End 255.255.255.255, Active, with a description', 'ipAccess'),
      verifyStep('ipAccess'),
    ],
    references: [serviceNowDocs.ipAccessControl, serviceNowDocs.ipRangePlugin],
  },
});

const describedRules = defineServiceNowControl({
  id: 'SN.NET.3v1',
  title: 'Every active IP access rule says whose range it is',
  description: 'Lists active IP access rules with an empty Description. Credit is the share of active rules that have one.',
  rationale:
    'An unexplained range cannot be reviewed: nobody dares to delete it, so allow rules for a former vendor, a closed ' +
    'office or a test box stay open for years, and an attacker-added rule blends in with them.',
  severity: 'low',
  weight: 2,
  metric: 'network-access',
  requirement: 'should',
  frameworks: { nist80053: ['CM-6', 'SC-7', 'CM-8'] },
  sources: ['ipAccessRules'],
  evaluate: ({ ipAccessRules }) => {
    const active = ipAccessRules.result.filter((rule) => rule.active);
    const bare = active.filter((rule) => rule.description.trim() === '');
    const expected = 'a description on every active rule';
    if (bare.length > 0) {
      return shareVerdict(active.length - bare.length, active.length, {
        actual: bare.length,
        expected,
        reason: `${bare.length} of ${count(active.length, 'active IP access rule')} ${hasNo(bare.length)} description: ${nameList(bare.map((rule) => `${normalized(rule.type)} ${rangeText(rule)}`), bare.length, 5)}.`,
        ...listAffected(bare.map((rule) => ruleEntity(rule, 'no description'))),
      });
    }
    if (unreadRows(ipAccessRules) > 0) return unknown(`Every rule read has a description, but ${unreadText(ipAccessRules, 'IP access rules')}.`, { expected });
    return compliant({
      actual: 0,
      expected,
      reason: active.length === 0 ? 'There are no active IP access rules.' : `All ${count(active.length, 'active IP access rule')} have a description.`,
    });
  },
  remediation: {
    summary: 'Describe each listed rule: the network it covers, its owner, and why it is needed.',
    steps: [
      step(`Open ${listLocation('ipAccess')} and filter on Description is empty`, 'ipAccess'),
      step('Fill in each rule\'s Description (network, owner, ticket); delete rules nobody can explain', 'ipAccess'),
      verifyStep('ipAccess'),
    ],
    references: [serviceNowDocs.ipAccessControl],
  },
});

export const networkControls: Control[] = [allowList, denyByDefault, describedRules];
