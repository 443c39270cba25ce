import { compliant, nonCompliant, notApplicable, partial, shareVerdict, type Control } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { defineOktaControl } from '../control';
import type { NetworkZone } from '../model';
import { count, isAre, listAffected, nameList, step } from './hygiene-evidence';

const references = {
  threatInsight: 'https://help.okta.com/okta_help.htm?id=ext_threatinsight',
  threatInsightApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ThreatInsight/',
  networkZones: 'https://help.okta.com/okta_help.htm?id=ext_Security_Network',
  exemptZone: 'https://help.okta.com/okta_help.htm?type=oie&id=csh-about-ip-exempt-zone',
  behaviors: 'https://help.okta.com/okta_help.htm?type=oie&id=behavior-detection-type',
  behaviorApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Behavior/',
  trustedOrigins: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/TrustedOrigin/',
};

/** IPv4 prefixes shorter than this (more than 65 536 addresses) count as too broad to trust; IPv6 below /32. */
export const broadestIpv4Prefix = 16;
export const broadestIpv6Prefix = 32;

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Why a zone gateway (`CIDR` `a.b.c.d/n` or `RANGE` `a-b`) is too broad to trust, or undefined. */
export function broadGateway(gateway: { type: string; value: string }): string | undefined {
  const value = gateway.value.trim();
  const cidr = /^(.+)\/(\d{1,3})$/.exec(value);
  if (cidr) {
    const prefix = Number(cidr[2]);
    const v6 = cidr[1]!.includes(':');
    const limit = v6 ? broadestIpv6Prefix : broadestIpv4Prefix;
    return prefix < limit ? `${value} is a /${prefix}` : undefined;
  }
  const range = value.split('-');
  if (range.length === 2) {
    const [from, to] = range.map(ipv4ToNumber);
    if (from !== undefined && to !== undefined && to - from + 1 > 2 ** (32 - broadestIpv4Prefix)) {
      return `${value} spans ${groupDigits(to - from + 1)} addresses`;
    }
  }
  return undefined;
}

const zoneBroadness = (zone: NetworkZone) =>
  (zone.gateways ?? []).map(broadGateway).filter((reason): reason is string => reason !== undefined);

const threatInsightMode = defineOktaControl({
  id: 'OKTA.THREAT.1v1',
  title: 'ThreatInsight blocks sign-ins from suspicious IP addresses',
  description:
    'Checks the ThreatInsight action. "Log and enforce security based on threat level" (`block`) passes; "Log ' +
    'authentication attempts" only (`audit`) earns partial credit; off (`none`) fails.',
  rationale:
    'ThreatInsight uses what Okta sees across all its customers to recognise password-spraying and credential-stuffing ' +
    'infrastructure. In audit mode it only writes a log line while the attacker keeps guessing passwords and locking ' +
    'out users; in block mode those requests are refused before they reach a password check.',
  severity: 'high',
  weight: 6,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: { nist80053: ['SI-4', 'AC-7', 'SC-7'], initiatives: ['zero-trust'] },
  sources: ['threatInsight'],
  evaluate: ({ threatInsight }) => {
    const expected = 'block';
    switch (threatInsight.action) {
      case 'block':
        return compliant({ actual: 'block', expected, reason: 'ThreatInsight logs and blocks requests from suspicious IP addresses.' });
      case 'audit':
        return partial(0.5, {
          actual: 'audit',
          expected,
          reason: 'ThreatInsight only logs suspicious requests (audit mode); it does not block them.',
        });
      default:
        return nonCompliant({ actual: 'none', expected, reason: 'ThreatInsight is turned off: suspicious requests are neither logged nor blocked.' });
    }
  },
  remediation: {
    summary: 'Set ThreatInsight to log and enforce security based on threat level.',
    steps: [
      step('Open Security → General and find Okta ThreatInsight settings', 'securityGeneral'),
      step('Choose "Log and enforce security based on threat level"', 'securityGeneral', 'threatInsightAction'),
      step('Save, then choose Verify in Posture Lens', 'securityGeneral'),
    ],
    references: [references.threatInsight, references.threatInsightApi],
  },
});

const threatInsightExclusions = defineOktaControl({
  id: 'OKTA.THREAT.2v1',
  title: 'ThreatInsight exempts only narrow, known IP zones',
  description:
    'Lists the network zones ThreatInsight ignores. Each must be an existing IP zone of specific gateway addresses; a ' +
    `dynamic (location or ASN) zone, an IPv4 block wider than /${broadestIpv4Prefix}, or a zone id that no longer ` +
    'exists is listed.',
  rationale:
    'Requests from an exempt zone are never evaluated by ThreatInsight. Exempting a whole country, a cloud provider\'s ' +
    'ASN or a /8 gives password sprayers an easy way around it: they rent a host inside that range.',
  severity: 'medium',
  weight: 4,
  metric: 'network-access',
  requirement: 'should',
  frameworks: { nist80053: ['SC-7', 'SI-4'] },
  sources: ['threatInsight', 'networkZones'],
  evaluate: ({ threatInsight, networkZones }) => {
    if (threatInsight.action === 'none') {
      return notApplicable('ThreatInsight is off, so it has no exemptions to review (see OKTA.THREAT.1v1).');
    }
    const excluded = [...new Set(threatInsight.excludeZones)];
    if (excluded.length === 0) {
      return compliant({ actual: 0, expected: 'narrow IP zones only', reason: 'ThreatInsight evaluates every request; no zone is exempt.' });
    }
    const zones = new Map(networkZones.map((zone) => [zone.id, zone]));
    const findings = excluded.map((id) => {
      const zone = zones.get(id);
      if (!zone) return { id, name: id, problem: 'zone no longer exists' };
      if (zone.type !== 'IP') return { id, name: zone.name, problem: `${zone.type === 'DYNAMIC_V2' ? 'enhanced dynamic' : 'dynamic'} zone (locations, ASNs or proxies)` };
      const broad = zoneBroadness(zone);
      if (broad.length) return { id, name: zone.name, problem: broad.join('; ') };
      if (!zone.gateways?.length) return { id, name: zone.name, problem: 'IP zone with no gateway addresses' };
      return { id, name: zone.name, problem: undefined };
    });
    const bad = findings.filter((finding) => finding.problem !== undefined);
    const names = findings.map((finding) => finding.name);
    if (bad.length === 0) {
      return compliant({
        actual: excluded.length,
        expected: 'narrow IP zones only',
        reason: `ThreatInsight exempts ${count(excluded.length, 'narrow IP zone')}: ${nameList(names, names.length, 5)}.`,
      });
    }
    return shareVerdict(excluded.length - bad.length, excluded.length, {
      actual: excluded.length,
      expected: 'narrow IP zones only',
      reason: `${bad.length} of ${count(excluded.length, 'zone')} exempt from ThreatInsight ${isAre(bad.length)} too broad or unknown: ${nameList(bad.map((b) => `${b.name} (${b.problem})`))}.`,
      ...listAffected(bad.map((b) => ({ id: b.id, name: b.name, kind: 'networkZone', detail: b.problem }))),
    });
  },
  remediation: {
    summary: 'Exempt only specific corporate egress IP zones from ThreatInsight.',
    steps: [
      step('Open Security → General and find Okta ThreatInsight settings', 'securityGeneral'),
      step('Remove each listed zone from "Exempt Zones"', 'securityGeneral', 'threatInsightExemptZones'),
      step('If an exemption is still needed, create an IP zone listing only the exact egress addresses', 'networks'),
      step('Save, then choose Verify in Posture Lens', 'securityGeneral'),
    ],
    references: [references.threatInsight, references.exemptZone],
  },
});

/** Behavior types that feed risk-based sign-on; ANOMALOUS_ASN is newer and optional. */
export const expectedBehaviorTypes = ['ANOMALOUS_LOCATION', 'ANOMALOUS_DEVICE', 'ANOMALOUS_IP', 'VELOCITY'] as const;
const behaviorLabels: Record<string, string> = {
  ANOMALOUS_LOCATION: 'new location',
  ANOMALOUS_DEVICE: 'new device',
  ANOMALOUS_IP: 'new IP',
  VELOCITY: 'velocity (impossible travel)',
  ANOMALOUS_ASN: 'new ASN',
};

const behaviorDetection = defineOktaControl({
  id: 'OKTA.THREAT.3v1',
  title: 'Behavior detection is active for new locations, devices, IPs and impossible travel',
  description:
    'Checks that at least one active behavior detection rule exists for each of new location, new device, new IP and ' +
    'velocity. Credit is the share of those four covered; inactive rules are listed.',
  rationale:
    'Behavior rules are what let a sign-on policy challenge a session replayed from another country or a new device ' +
    'minutes after the real user signed in. With them inactive, a stolen password plus an intercepted code looks like ' +
    'any ordinary sign-in.',
  severity: 'medium',
  weight: 4,
  metric: 'logging-monitoring',
  requirement: 'should',
  frameworks: { nist80053: ['SI-4', 'AC-2(12)', 'IA-10'], initiatives: ['zero-trust'] },
  sources: ['behaviors'],
  evaluate: ({ behaviors }) => {
    const active = behaviors.filter((rule) => rule.status === 'ACTIVE');
    const missing = expectedBehaviorTypes.filter((type) => !active.some((rule) => rule.type === type));
    const inactive = behaviors.filter((rule) => rule.status !== 'ACTIVE');
    const expected = 'new location, new device, new IP and velocity active';
    const covered = expectedBehaviorTypes.length - missing.length;
    if (missing.length === 0) {
      return compliant({
        actual: covered,
        expected,
        reason: `Active behavior rules cover all four signals: ${nameList(active.map((rule) => rule.name), active.length, 6)}.`,
        notes: inactive.length ? [`Inactive rules: ${nameList(inactive.map((rule) => rule.name))}.`] : [],
      });
    }
    const affected = [
      ...inactive.map((rule) => ({ id: rule.id, name: rule.name, kind: 'behavior', detail: `${behaviorLabels[rule.type] ?? rule.type} · inactive` })),
      ...missing
        .filter((type) => !inactive.some((rule) => rule.type === type))
        .map((type) => ({ id: type, name: behaviorLabels[type]!, kind: 'behaviorType', detail: 'no rule of this type' })),
    ];
    return shareVerdict(covered, expectedBehaviorTypes.length, {
      actual: covered,
      expected,
      reason: `No active behavior rule detects ${nameList(missing.map((type) => behaviorLabels[type]!), missing.length, 4)}.`,
      ...listAffected(affected),
    });
  },
  remediation: {
    summary: 'Activate (or create) behavior rules for new location, device, IP and velocity, and use them in sign-on policies.',
    steps: [
      step('Open Security → Behavior Detection', 'behaviors'),
      step('Activate each listed rule, or add a rule for each missing type', 'behaviors', 'behaviorStatus'),
      step('Reference the rules in a global session or authentication policy rule that requires MFA when they trigger', 'globalSessionPolicy'),
      step('Save, then choose Verify in Posture Lens', 'behaviors'),
    ],
    references: [references.behaviors, references.behaviorApi],
  },
});

const trustedOriginHygiene = defineOktaControl({
  id: 'OKTA.NET.1v1',
  title: 'Trusted origins are exact HTTPS origins without wildcards',
  description:
    'Finds active trusted origins (CORS, redirect or iframe) that use plain http:// or a wildcard. Credit is the share ' +
    'of active origins that are exact https:// origins.',
  rationale:
    'A trusted origin may call Okta APIs with the user\'s session (CORS) or receive redirects after sign-in. A wildcard ' +
    'trusts any subdomain, including a forgotten one an attacker takes over; an http:// origin can be impersonated by ' +
    'anyone on the network path, who then reads tokens and session data in the browser.',
  severity: 'high',
  weight: 6,
  metric: 'browser-protections',
  requirement: 'shall',
  frameworks: { nist80053: ['SC-8', 'AC-4', 'SC-23'] },
  sources: ['trustedOrigins'],
  evaluate: ({ trustedOrigins }) => {
    const active = trustedOrigins.filter((origin) => origin.status === 'ACTIVE');
    const expected = 'exact https:// origins';
    if (active.length === 0) return compliant({ actual: 0, expected, reason: 'The org has no active trusted origins.' });
    const bad = active.flatMap((origin) => {
      const problems = [
        ...(/^http:\/\//i.test(origin.origin) ? ['plain http://'] : []),
        ...(origin.origin.includes('*') ? ['wildcard'] : []),
      ];
      return problems.length ? [{ origin, problems }] : [];
    });
    if (bad.length === 0) {
      return compliant({ actual: 0, expected, reason: `All ${count(active.length, 'active trusted origin')} are exact https:// origins.` });
    }
    return shareVerdict(active.length - bad.length, active.length, {
      actual: bad.length,
      expected,
      reason: `${bad.length} of ${count(active.length, 'active trusted origin')} ${isAre(bad.length)} not exact https:// origins: ${nameList(bad.map(({ origin, problems }) => `${origin.name} (${origin.origin}: ${problems.join(', ')})`))}.`,
      ...listAffected(
        bad.map(({ origin, problems }) => ({
          id: origin.id,
          name: origin.name,
          kind: 'trustedOrigin',
          detail: `${origin.origin} · ${problems.join(', ')} · scopes ${origin.scopes.map((scope) => scope.type).join(', ')}`,
        })),
      ),
    });
  },
  remediation: {
    summary: 'Replace each listed origin with the exact https:// origins it stands for, and delete the rest.',
    steps: [
      step('Open Security → API → Trusted Origins', 'trustedOrigins'),
      step('Edit each listed origin to one exact https:// origin (add one entry per real subdomain)', 'trustedOrigins', 'originUrl'),
      step('Deactivate or delete origins that are no longer used', 'trustedOrigins'),
      step('Save, then choose Verify in Posture Lens', 'trustedOrigins'),
    ],
    references: [references.trustedOrigins],
  },
});

const broadPolicyZones = defineOktaControl({
  id: 'OKTA.NET.2v1',
  title: 'Network zones used by policies list specific address ranges',
  description:
    `Finds active IP network zones used in policies (not blocklists) with an IPv4 gateway wider than /${broadestIpv4Prefix}, ` +
    `an IPv6 gateway wider than /${broadestIpv6Prefix}, or a range of more than 65 536 addresses.`,
  rationale:
    'Policies often relax MFA or allow access only "from the corporate network". A zone that covers 0.0.0.0/0 or a ' +
    'cloud provider\'s /8 makes that condition true for an attacker renting a VM, silently turning the trusted-network ' +
    'exception into an exception for everyone.',
  severity: 'medium',
  weight: 4,
  metric: 'network-access',
  requirement: 'should',
  frameworks: { nist80053: ['SC-7', 'AC-3'], initiatives: ['zero-trust'] },
  sources: ['networkZones'],
  evaluate: ({ networkZones }) => {
    const policyZones = networkZones.filter((zone) => zone.type === 'IP' && zone.usage === 'POLICY' && zone.status === 'ACTIVE');
    const expected = `no gateway wider than /${broadestIpv4Prefix}`;
    if (policyZones.length === 0) return compliant({ actual: 0, expected, reason: 'The org has no active IP zones used in policies.' });
    // An empty zone (Okta's LegacyIpZone until someone fills it) matches no address: it is not a specific range either.
    const listing = policyZones.filter((zone) => (zone.gateways ?? []).length > 0);
    if (listing.length === 0) {
      const empty = policyZones.map((zone) => zone.name);
      return compliant({ actual: 0, expected, reason: `No active policy IP zone lists an address range (${nameList(empty, empty.length, 5)} ${isAre(empty.length)} empty), so none is too broad.` });
    }
    const broad = listing.map((zone) => ({ zone, reasons: zoneBroadness(zone) })).filter(({ reasons }) => reasons.length > 0);
    if (broad.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: `All ${count(listing.length, 'active policy IP zone')} with addresses list specific ranges: ${nameList(listing.map((zone) => zone.name), listing.length, 5)}.`,
      });
    }
    return nonCompliant({
      actual: broad.length,
      expected,
      reason: `${count(broad.length, 'policy network zone')} ${isAre(broad.length)} too broad to trust: ${nameList(broad.map(({ zone, reasons }) => `${zone.name} (${reasons[0]})`))}.`,
      ...listAffected(broad.map(({ zone, reasons }) => ({ id: zone.id, name: zone.name, kind: 'networkZone', detail: reasons.join('; ') }))),
    });
  },
  remediation: {
    summary: 'Narrow each listed zone to the exact egress ranges of your offices and VPNs.',
    steps: [
      step('Open Security → Networks and open each listed zone', 'networks'),
      step('Replace the broad gateway entries with the exact CIDRs of your egress points', 'networks', 'gateways'),
      step('Save, then choose Verify in Posture Lens', 'networks'),
    ],
    references: [references.networkZones],
  },
});

export const hygieneThreatControls: Control[] = [
  threatInsightMode,
  threatInsightExclusions,
  behaviorDetection,
  trustedOriginHygiene,
  broadPolicyZones,
];
