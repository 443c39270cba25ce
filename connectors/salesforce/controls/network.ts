import { compliant, nonCompliant, notApplicable, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { defineSalesforceControl } from '../control';
import { count, grantedPermissions, listAffected, nameList, partialNote } from './org-evidence';

const references = {
  loginIpRange:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_loginiprange.htm',
  securitySettings: 'https://developer.salesforce.com/docs/platform/api-metadata/references/meta-types/metadata-securitysettings.html',
  cspTrustedSite:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_csptrustedsite.htm',
  cors: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_corswhitelistentry.htm',
};

/** Widest range Posture Lens accepts: a /16 in IPv4 (65 536 addresses), a /48 in IPv6. */
const maxIpv4Addresses = 2n ** 16n;
const maxIpv6Addresses = 2n ** 80n;

function parseIpv4(address: string): bigint | undefined {
  const parts = address.trim().split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((value, part) => value * 256n + BigInt(part), 0n);
}

function parseIpv6(address: string): bigint | undefined {
  const text = address.trim().toLowerCase();
  if (!/^[0-9a-f:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.reduce((value, group) => value * 65536n + BigInt(parseInt(group, 16)), 0n);
}

export interface RangeSize {
  addresses: bigint;
  broad: boolean;
  family: 'IPv4' | 'IPv6';
}

/** Number of addresses between two bounds, or undefined when the bounds are unreadable or reversed. */
export function ipRangeSize(start: string, end: string): RangeSize | undefined {
  const v4 = [parseIpv4(start), parseIpv4(end)];
  if (v4[0] !== undefined && v4[1] !== undefined) {
    if (v4[1] < v4[0]) return undefined;
    const addresses = v4[1] - v4[0] + 1n;
    return { addresses, broad: addresses > maxIpv4Addresses, family: 'IPv4' };
  }
  const v6 = [parseIpv6(start), parseIpv6(end)];
  if (v6[0] !== undefined && v6[1] !== undefined) {
    if (v6[1] < v6[0]) return undefined;
    const addresses = v6[1] - v6[0] + 1n;
    return { addresses, broad: addresses > maxIpv6Addresses, family: 'IPv6' };
  }
  return undefined;
}

function describeSize(size: RangeSize): string {
  if (size.family === 'IPv4' && size.addresses === 2n ** 32n) return 'every IPv4 address';
  if (size.family === 'IPv6' && size.addresses === 2n ** 128n) return 'every IPv6 address';
  if (size.family === 'IPv4') return `${groupDigits(Number(size.addresses))} addresses`;
  return `about 2^${size.addresses.toString(2).length - 1} addresses`;
}

interface RangeCheck {
  broad: AffectedEntity[];
  unreadable: string[];
}

function checkRanges(ranges: Array<{ id: string; label: string; start: string; end: string }>): RangeCheck {
  const result: RangeCheck = { broad: [], unreadable: [] };
  for (const range of ranges) {
    const size = ipRangeSize(range.start, range.end);
    if (!size) result.unreadable.push(`${range.label} (${range.start}–${range.end})`);
    else if (size.broad) {
      result.broad.push({ id: range.id, name: `${range.label}: ${range.start}–${range.end}`, kind: 'ipRange', detail: describeSize(size) });
    }
  }
  return result;
}

const privilegedProfilesWithoutIpRanges = defineSalesforceControl({
  id: 'SF.NET.1v1',
  title: 'Profiles with administrative permissions restrict login IP ranges',
  description:
    'For each profile granting Modify All Data, View All Data, Author Apex, Customize Application or Manage Users, ' +
    'checks that it defines login IP ranges. Users of a profile with ranges cannot log in from outside them. Credit is ' +
    'the share of such profiles that have ranges.',
  rationale:
    'Login IP ranges make a stolen administrator password or session useless from the attacker\'s own network. Without ' +
    'them, the only thing between an attacker and full control of the org is the login itself.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'should',
  frameworks: { nist80053: ['AC-17', 'SC-7'] },
  sources: ['permissionSets', 'loginIpRanges'],
  evaluate: ({ permissionSets, loginIpRanges }) => {
    const profiles = new Map<string, { id: string; name: string; powers: string[] }>();
    for (const set of permissionSets.records) {
      if (!set.IsOwnedByProfile || !set.ProfileId) continue;
      profiles.set(set.ProfileId, { id: set.ProfileId, name: set.Profile?.Name ?? set.Label, powers: grantedPermissions(set) });
    }
    const withRanges = new Set(loginIpRanges.records.map((range) => range.ProfileId));
    const unrestricted = [...profiles.values()].filter((profile) => !withRanges.has(profile.id));
    const notes = [
      ...(!permissionSets.complete ? [partialNote(permissionSets, 'powerful profiles and permission sets')] : []),
      ...(!loginIpRanges.complete ? [partialNote(loginIpRanges, 'login IP ranges')] : []),
    ];
    // A profile missing from a partial list of ranges may have its ranges on an unread page.
    if (!loginIpRanges.complete && unrestricted.length > 0) {
      return unknown(`Not every login IP range was read, so profiles without ranges cannot be told apart. ${notes.join(' ')}`, { notes });
    }
    if (unrestricted.length === 0) {
      if (!permissionSets.complete) return unknown(`Every administrative profile read so far has login IP ranges. ${notes.join(' ')}`, { notes });
      if (profiles.size === 0) return compliant({ actual: 0, expected: 0, reason: 'No profile grants an administrative permission.' });
      return compliant({
        actual: 0,
        expected: 0,
        reason: `All ${count(profiles.size, 'administrative profile')} restrict login IP ranges.`,
      });
    }
    return shareVerdict(profiles.size - unrestricted.length, profiles.size, {
      actual: unrestricted.length,
      expected: 0,
      reason:
        `${unrestricted.length} of ${count(profiles.size, 'administrative profile')} have no login IP ranges: ${nameList(unrestricted.map((profile) => profile.name))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(
        unrestricted.map((profile) => ({ id: profile.id, name: profile.name, kind: 'profile', detail: `grants ${profile.powers.join(', ')}` })),
      ),
    });
  },
  remediation: {
    summary: 'Add login IP ranges for your corporate egress addresses or VPN to every administrative profile.',
    steps: [
      { text: 'Open Setup → Profiles and open each listed profile', page: 'profiles' },
      { text: 'Under Login IP Ranges, add your office and VPN egress ranges', page: 'profiles' },
      { text: 'Consider "Enforce login IP ranges on every request" in Session Settings', page: 'sessionSettings', anchor: 'enforceIpRangesEveryRequest' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'profiles' },
    ],
    references: [references.loginIpRange, 'https://help.salesforce.com/s/articleView?id=sf.users_profiles_login_ip_ranges.htm&type=5'],
  },
});

const broadLoginIpRanges = defineSalesforceControl({
  id: 'SF.NET.2v1',
  title: 'Profile login IP ranges are no wider than a /16',
  description:
    'Checks every profile login IP range and flags those covering more than 65,536 IPv4 addresses (a /16) or more than ' +
    'a /48 in IPv6. A range such as 0.0.0.0–255.255.255.255 satisfies the profile setting while restricting nothing.',
  rationale:
    'Admins under pressure sometimes "fix" a login restriction with a huge range. The profile then looks restricted in ' +
    'every review while attackers can log in from anywhere.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'should',
  frameworks: { nist80053: ['AC-17', 'SC-7(5)'] },
  sources: ['loginIpRanges'],
  evaluate: ({ loginIpRanges }) => {
    const ranges = loginIpRanges.records.map((range) => ({
      id: range.Id,
      label: range.Profile?.Name ?? range.ProfileId,
      start: range.StartAddress,
      end: range.EndAddress,
    }));
    const { broad, unreadable } = checkRanges(ranges);
    const incomplete = !loginIpRanges.complete;
    const notes = [
      ...(incomplete ? [partialNote(loginIpRanges, 'login IP ranges')] : []),
      ...(unreadable.length ? [`These ranges could not be read: ${nameList(unreadable, unreadable.length, 5)}.`] : []),
    ];
    if (broad.length === 0) {
      if (notes.length) return unknown(`No overly broad range was found, but not every range could be checked. ${notes.join(' ')}`, { notes });
      if (ranges.length === 0) return notApplicable('No profile login IP ranges are defined, so none is too broad (see SF.NET.1v1).');
      return compliant({ actual: 0, expected: 0, reason: `All ${count(ranges.length, 'login IP range')} cover a /16 or less.` });
    }
    const total = incomplete ? loginIpRanges.totalSize : ranges.length;
    return shareVerdict(ranges.length - broad.length - unreadable.length, ranges.length - unreadable.length, {
      actual: broad.length,
      expected: 0,
      reason:
        `${broad.length} of ${count(total, 'login IP range')} ${broad.length === 1 ? 'is' : 'are'} wider than a /16: ${nameList(broad.map((range) => `${range.name} (${range.detail})`))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(broad),
    });
  },
  remediation: {
    summary: 'Replace broad login IP ranges with the exact egress ranges of your offices and VPN.',
    steps: [
      { text: 'Open Setup → Profiles and open the profile named in each finding', page: 'profiles' },
      { text: 'Under Login IP Ranges, edit or delete the broad range and add the precise ranges instead', page: 'profiles' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'profiles' },
    ],
    references: [references.loginIpRange],
  },
});

const broadTrustedIpRanges = defineSalesforceControl({
  id: 'SF.NET.3v1',
  title: 'Org-wide trusted IP ranges are no wider than a /16',
  description:
    'Checks the trusted IP ranges under Setup → Network Access and flags those covering more than 65,536 IPv4 addresses. ' +
    'Logins from a trusted range skip identity verification (device activation).',
  rationale:
    'Identity verification challenges a login from an unknown browser and location. A broad trusted range turns it off ' +
    'for that part of the internet, so an attacker with a stolen password there is not challenged.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2', 'SC-7(5)'] },
  sources: ['securitySettings'],
  evaluate: ({ securitySettings }) => {
    const ranges = securitySettings.networkAccess.ipRanges.map((range, index) => ({
      id: `trusted-${index + 1}`,
      label: range.description || `Trusted range ${index + 1}`,
      start: range.start,
      end: range.end,
    }));
    const { broad, unreadable } = checkRanges(ranges);
    const notes = unreadable.length ? [`These ranges could not be read: ${nameList(unreadable, unreadable.length, 5)}.`] : [];
    if (broad.length === 0) {
      if (notes.length) return unknown(`No overly broad trusted range was found, but not every range could be checked. ${notes[0]}`, { notes });
      if (ranges.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No trusted IP ranges are defined: every new device must verify its identity.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(ranges.length, 'trusted IP range')} cover a /16 or less.` });
    }
    return shareVerdict(ranges.length - broad.length - unreadable.length, ranges.length - unreadable.length, {
      actual: broad.length,
      expected: 0,
      reason: `${broad.length} of ${count(ranges.length, 'trusted IP range')} ${broad.length === 1 ? 'is' : 'are'} wider than a /16: ${nameList(broad.map((range) => `${range.name} (${range.detail})`))}.`,
      notes,
      ...listAffected(broad),
    });
  },
  remediation: {
    summary: 'Trust only the exact egress ranges of your offices and VPN.',
    steps: [
      { text: 'Open Setup → Network Access', page: 'networkAccess' },
      { text: 'Edit or delete each broad trusted range and add the precise ranges instead', page: 'networkAccess', anchor: 'ipRanges' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'networkAccess' },
    ],
    references: [references.securitySettings],
  },
});

/** "http://" or a wildcard anywhere: the two ways a trusted origin ends up trusting more than one known HTTPS host. */
function originWeakness(url: string): string | undefined {
  const text = url.trim();
  if (text === '*') return 'allows every origin';
  if (/^http:\/\//i.test(text)) return 'uses unencrypted http://';
  // Salesforce stores each entry with its scheme and host: anything else (empty, cut short) is no origin anyone reviewed.
  if (!/^(https|wss):\/\/[^/?#\s]+/i.test(text)) return 'is not an https:// address with a host';
  if (!text.includes('*')) return undefined;
  const host = text.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const suffix = host.replace(/^\*\.?/, '');
  return suffix && !suffix.includes('*') ? `allows any subdomain of ${suffix}` : 'uses a wildcard host';
}

const insecureCspTrustedSites = defineSalesforceControl({
  id: 'SF.NET.4v1',
  title: 'Trusted URLs (CSP) use HTTPS and name exact hosts',
  description:
    'Checks every active Trusted URL (CSP trusted site) and flags endpoints using http:// or a wildcard. Trusted URLs ' +
    'widen the Content Security Policy of Lightning pages, letting them load scripts, frames and connections from these hosts.',
  rationale:
    'Each trusted URL is a host Lightning pages may load content from or send data to. An http:// entry can be tampered ' +
    'with on the network; a wildcard trusts hosts nobody reviewed, including a subdomain an attacker takes over.',
  severity: 'medium',
  weight: 4,
  metric: 'browser-protections',
  requirement: 'should',
  frameworks: { nist80053: ['SC-8', 'SC-18'] },
  sources: ['cspTrustedSites'],
  evaluate: ({ cspTrustedSites }) => {
    const active = cspTrustedSites.records.filter((site) => site.IsActive);
    const weak = active.flatMap((site) => {
      const weakness = originWeakness(site.EndpointUrl);
      return weakness ? [{ id: site.Id, name: site.DeveloperName, kind: 'trustedUrl', detail: `${site.EndpointUrl} · ${weakness}` }] : [];
    });
    const incomplete = !cspTrustedSites.complete;
    const notes = incomplete ? [partialNote(cspTrustedSites, 'trusted URLs')] : [];
    if (weak.length === 0) {
      if (incomplete) return unknown(`No weak trusted URL was found so far. ${notes[0]}`, { notes });
      if (active.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No trusted URL is active.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(active.length, 'active trusted URL')} use HTTPS and an exact host.` });
    }
    return shareVerdict(active.length - weak.length, active.length, {
      actual: weak.length,
      expected: 0,
      reason:
        `${weak.length} of ${count(active.length, 'active trusted URL')} use http:// or a wildcard: ${nameList(weak.map((site) => `${site.name} (${site.detail.split(' · ')[0]})`))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(weak),
    });
  },
  remediation: {
    summary: 'Change each trusted URL to an https:// address with an exact host, or deactivate it.',
    steps: [
      { text: 'Open Setup → Trusted URLs', page: 'cspTrustedSites' },
      { text: 'Edit each listed entry: use https:// and the exact host name, or deactivate it if it is no longer needed', page: 'cspTrustedSites' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'cspTrustedSites' },
    ],
    references: [references.cspTrustedSite],
  },
});

const insecureCorsOrigins = defineSalesforceControl({
  id: 'SF.NET.5v1',
  title: 'The CORS allow-list has no wildcard or http:// origins',
  description:
    'Checks every CORS allowed origin and flags "*", wildcard hosts and http:// origins. Allowed origins may call ' +
    'Salesforce APIs from JavaScript running in the browser.',
  rationale:
    'An origin on the CORS list can script calls to Salesforce APIs from a user\'s browser. "*" lets any web site do it, ' +
    'and an http:// origin can be impersonated by anyone on the network path.',
  severity: 'medium',
  weight: 5,
  metric: 'browser-protections',
  requirement: 'should',
  frameworks: { nist80053: ['SC-8', 'AC-4'] },
  sources: ['corsOrigins'],
  evaluate: ({ corsOrigins }) => {
    const weak = corsOrigins.records.flatMap((origin) => {
      const weakness = originWeakness(origin.UrlPattern);
      return weakness ? [{ id: origin.Id, name: origin.UrlPattern, kind: 'corsOrigin', detail: `${origin.DeveloperName} · ${weakness}` }] : [];
    });
    const incomplete = !corsOrigins.complete;
    const notes = incomplete ? [partialNote(corsOrigins, 'CORS origins')] : [];
    const total = corsOrigins.records.length;
    if (weak.length === 0) {
      if (incomplete) return unknown(`No weak CORS origin was found so far. ${notes[0]}`, { notes });
      if (total === 0) return compliant({ actual: 0, expected: 0, reason: 'The CORS allow-list is empty.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(total, 'CORS origin')} use HTTPS and an exact host.` });
    }
    const verdict = weak.some((origin) => origin.name.trim() === '*') ? nonCompliant : undefined;
    const input = {
      actual: weak.length,
      expected: 0,
      reason:
        `${weak.length} of ${count(total, 'CORS origin')} are too permissive: ${nameList(weak.map((origin) => `${origin.name} (${origin.detail.split(' · ')[1]})`))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(weak),
    };
    // "*" trusts the whole web: no partial credit for the other entries.
    return verdict ? verdict(input) : shareVerdict(total - weak.length, total, input);
  },
  remediation: {
    summary: 'Replace "*", wildcard and http:// origins with the exact https:// origins that need API access.',
    steps: [
      { text: 'Open Setup → CORS', page: 'cors' },
      { text: 'Delete "*" and http:// entries; replace wildcards with exact https:// origins', page: 'cors' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'cors' },
    ],
    references: [references.cors],
  },
});

export const networkControls: Control[] = [
  privilegedProfilesWithoutIpRanges,
  broadLoginIpRanges,
  broadTrustedIpRanges,
  insecureCspTrustedSites,
  insecureCorsOrigins,
];
