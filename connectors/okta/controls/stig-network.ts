import { compliant, nonCompliant, partial, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { AccessPolicyRule, NetworkCondition, NetworkZone } from '../model';
import {
  byPriority,
  classicEngineReason,
  count,
  listAffected,
  nameList,
  references,
  saveAndVerify,
  sessionAllowRules,
  sessionRuleEntity,
  step,
  stigFrameworks,
} from './stig-common';

/*
 * Network and API-token requirements added in STIG V1R2 (V-279689 to V-279693): API tokens bound to known network
 * zones and owned by dedicated, non-Super-Admin accounts; IP conditions in the Global Session Policy and in every
 * app's authentication policy; and a blocklist of anonymizing proxies.
 */

/** A network condition that names at least one zone (allow or deny), not "Anywhere". */
const zoneBound = (network: NetworkCondition | null | undefined) =>
  network?.connection === 'ZONE' && ((network.include ?? []).length > 0 || (network.exclude ?? []).length > 0);

function zoneNames(ids: readonly string[], zones: Map<string, NetworkZone>): string {
  return ids.map((id) => zones.get(id)?.name ?? id).join(', ');
}

function networkText(network: NetworkCondition | null | undefined, zones: Map<string, NetworkZone>): string {
  if (!network || network.connection === 'ANYWHERE') return 'Anywhere';
  const include = network.include ?? [];
  const exclude = network.exclude ?? [];
  if (include.length) return `In zone ${zoneNames(include, zones)}`;
  if (exclude.length) return `Not in zone ${zoneNames(exclude, zones)}`;
  return 'Zone with no zone selected';
}

export const apiTokensNetworkRestricted = defineOktaControl({
  id: 'OKTA.STIG.279689v1',
  title: 'API tokens can be used only from known network zones',
  description:
    'Every API token has "Token can be used from" set to one or more known, active network zones. Credit is the share of tokens that comply.',
  rationale:
    'An API token carries its owner\'s admin rights and needs no MFA. Bound to the network of the application that calls the API, a leaked ' +
    'token is useless anywhere else.',
  severity: 'medium',
  weight: 5,
  metric: 'integration-credentials',
  requirement: 'shall',
  frameworks: stigFrameworks('V-279689', 'CAT II', ['CM-6']),
  sources: ['apiTokens', 'networkZones'],
  evaluate: ({ apiTokens, networkZones }) => {
    const expected = 'a known network zone';
    const zones = new Map(networkZones.map((zone) => [zone.id, zone]));
    const known = (id: string) => zones.get(id)?.status === 'ACTIVE' && zones.get(id)?.usage === 'POLICY';
    const failing = apiTokens.filter((token) => {
      const include = token.network.include ?? [];
      return token.network.connection !== 'ZONE' || include.length === 0 || !include.every(known);
    });
    const describe = (token: (typeof apiTokens)[number]) => {
      const include = token.network.include ?? [];
      const unknownZones = include.filter((id) => !known(id));
      return unknownZones.length && token.network.connection === 'ZONE'
        ? `${networkText(token.network, zones)} (not an active policy zone: ${unknownZones.join(', ')})`
        : networkText(token.network, zones);
    };
    if (apiTokens.length === 0) return compliant({ actual: 'no API tokens', expected, reason: 'The org has no API tokens.' });
    return shareVerdict(apiTokens.length - failing.length, apiTokens.length, {
      actual: failing.length ? [...new Set(failing.map(describe))].join(', ') : 'every token zone-bound',
      expected,
      reason:
        failing.length === 0
          ? `All ${count(apiTokens.length, 'API token')} can be used only from known network zones.`
          : `${nameList(failing.map((t) => t.name))} (${count(failing.length, 'API token')} of ${apiTokens.length}) can be used from outside a known network zone, so a leaked token works from anywhere.`,
      ...listAffected(failing.map((token) => ({ id: token.id, name: token.name, kind: 'API token', detail: `Token can be used from: ${describe(token)}` }))),
    });
  },
  remediation: {
    summary: 'Restrict every API token to the network zone of the application that calls the API.',
    steps: [
      step('Make sure Security → Networks has an IP zone for each calling application', 'networks'),
      step('Open Security → API → Tokens and select each token', 'apiTokens'),
      step('In the Security section choose Edit and set "Token can be used from" to that network zone', 'apiTokens', 'tokenNetwork'),
      saveAndVerify('apiTokens'),
    ],
    references: [references.apiTokens, references.apiTokenApi, references.stigViewer],
  },
});

export const apiTokensDedicatedAccounts = defineOktaControl({
  id: 'OKTA.STIG.279690v1',
  title: 'API tokens belong to dedicated accounts that are not Super Admins',
  description:
    'No API token is owned by a Super Administrator, and no account owns more than one token (each token has an account created for it). ' +
    'That each owner\'s role is scoped as the Access Control policy documents is verified by hand. Credit is the share of tokens that comply.',
  rationale:
    'A token inherits every right of its owner. A Super Admin token is a password-less, MFA-less key to the whole org, and a token under a ' +
    'person\'s or shared account breaks when that person leaves and blurs who did what in the System Log.',
  severity: 'high',
  weight: 7,
  metric: 'integration-credentials',
  requirement: 'shall',
  frameworks: stigFrameworks('V-279690', 'CAT II', ['CM-6']),
  sources: ['apiTokens', 'adminAssignees', 'adminRoles', 'adminUsers'],
  evaluate: ({ apiTokens, adminAssignees, adminRoles, adminUsers }) => {
    const expected = 'dedicated owner without Super Admin';
    if (apiTokens.length === 0) return compliant({ actual: 'no API tokens', expected, reason: 'The org has no API tokens.' });
    const owner = (userId: string) => adminUsers[userId]?.profile.login ?? userId;
    const isSuperAdmin = (userId: string) =>
      (adminRoles[userId] ?? []).some((role) => role.type === 'SUPER_ADMIN' && role.status !== 'INACTIVE');
    const tokensPerOwner = new Map<string, number>();
    for (const token of apiTokens) tokensPerOwner.set(token.userId, (tokensPerOwner.get(token.userId) ?? 0) + 1);
    const affected: AffectedEntity[] = [];
    for (const token of apiTokens) {
      const problems: string[] = [];
      if (isSuperAdmin(token.userId)) problems.push('owner is a Super Administrator');
      const shared = tokensPerOwner.get(token.userId)!;
      if (shared > 1) problems.push(`owner also owns ${count(shared - 1, 'other token')}`);
      if (problems.length) affected.push({ id: token.id, name: token.name, kind: 'API token', detail: `Owner ${owner(token.userId)}: ${problems.join('; ')}` });
    }
    const superAdminTokens = apiTokens.filter((token) => isSuperAdmin(token.userId));
    // An owner the IAM listing names as an admin but whose roles were not read may be a Super Admin: no pass for that token.
    const admins = new Set(adminAssignees.map((assignee) => assignee.id));
    const rolesUnread = apiTokens.filter((token) => admins.has(token.userId) && !adminRoles[token.userId]);
    if (affected.length === 0 && rolesUnread.length > 0) {
      return unknown(
        `The admin roles of the owner of ${nameList(rolesUnread.map((token) => token.name))} were not read, so whether a Super Administrator owns it cannot be told. Scan again.`,
      );
    }
    const notes = [
      'Roles are read from direct assignments; check that no owner inherits Super Administrator through a group.',
      'Check by hand that each owner\'s admin role is scoped as the Okta Access Control policy documents.',
    ];
    const reasons: string[] = [];
    if (superAdminTokens.length) reasons.push(`${nameList(superAdminTokens.map((t) => t.name))} ${superAdminTokens.length === 1 ? 'is' : 'are'} owned by a Super Administrator`);
    const sharedOwners = [...tokensPerOwner].filter(([, n]) => n > 1).map(([userId, n]) => `${owner(userId)} owns ${n} tokens`);
    if (sharedOwners.length) reasons.push(sharedOwners.join(', '));
    return shareVerdict(apiTokens.length - affected.length, apiTokens.length, {
      actual: affected.length ? `${count(affected.length, 'token')} not on a dedicated, scoped account` : `${count(apiTokens.length, 'token')} on dedicated accounts`,
      expected,
      reason:
        affected.length === 0
          ? `Each of the ${count(apiTokens.length, 'API token')} has its own owner, and none is a Super Administrator.`
          : `${reasons.join('; ')}, so a leaked token carries more rights than its integration needs.`,
      notes,
      ...listAffected(affected),
    });
  },
  remediation: {
    summary: 'Recreate each Super Admin or shared-owner token under a new account made for it, with a role scoped to what the integration needs.',
    steps: [
      step('Open Security → API → Tokens and note each token whose owner is a Super Administrator or owns other tokens', 'apiTokens'),
      step('Create a dedicated service account for the integration and give it only the admin role the Access Control policy documents', 'administrators', 'adminRole'),
      step('Sign in as that account, create a new token, and update the calling application to use it', 'apiTokens'),
      step('Revoke the old token', 'apiTokens', 'revokeToken'),
      saveAndVerify('apiTokens'),
    ],
    references: [references.apiTokens, references.apiTokenApi, references.stigViewer],
  },
});

export const globalSessionIpRestricted = defineOktaControl({
  id: 'OKTA.STIG.279691v1',
  title: 'The Global Session Policy allows or denies sign-in by IP network zone',
  description:
    'Every active Global Session Policy rule that allows sign-in has "IF User\'s IP is" set to a network zone (in or not in), or sits below ' +
    'a rule that denies a network zone. Credit is the share of allowing rules that comply.',
  rationale:
    'Sessions from anywhere let stolen credentials be used from any network. Binding sessions to the networks the Access Control policy ' +
    'allows (or denying the ones it forbids) stops sign-ins from unexpected places.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: stigFrameworks('V-279691', 'CAT II', ['AC-3']),
  sources: ['signOnPolicies', 'signOnPolicyRules', 'networkZones'],
  evaluate: ({ signOnPolicies, signOnPolicyRules, networkZones }) => {
    const expected = 'IP condition set to a network zone';
    const zones = new Map(networkZones.map((zone) => [zone.id, zone]));
    const rules = sessionAllowRules(signOnPolicies, signOnPolicyRules);
    if (rules.length === 0) {
      return unknown('No active Global Session Policy rule allows sign-in; open Security → Global Session Policy and check the "IF User\'s IP is" setting by hand.', { expected });
    }
    const failing = rules.filter(({ policy, rule }) => {
      if (zoneBound(rule.conditions?.network)) return false;
      const ordered = byPriority(signOnPolicyRules[policy.id] ?? []);
      const above = ordered.slice(0, ordered.indexOf(rule));
      return !above.some((other) => other.actions.signon.access === 'DENY' && zoneBound(other.conditions?.network));
    });
    return shareVerdict(rules.length - failing.length, rules.length, {
      actual: failing.length ? 'Anywhere' : 'zone-bound',
      expected,
      reason:
        failing.length === 0
          ? `All ${count(rules.length, 'rule')} that allow sign-in are bound to network zones.`
          : `${nameList(failing.map(({ policy, rule }) => `${policy.name} › ${rule.name}`))} (${count(failing.length, 'rule')} of ${rules.length}) allow sign-in from any IP address, so stolen credentials work from any network.`,
      ...listAffected(failing.map((ref) => sessionRuleEntity(ref, `IF User's IP is: ${networkText(ref.rule.conditions?.network, zones)}`))),
    });
  },
  remediation: {
    summary: 'Set "IF User\'s IP is" in the Global Session Policy rules to the zones the Access Control policy allows, or deny the zones it forbids.',
    steps: [
      step('Define the allowed (or blocked) networks under Security → Networks', 'networks'),
      step('Open Security → Global Session Policy and edit each rule that allows sign-in', 'globalSessionPolicy'),
      step('Set "IF User\'s IP is" to "In zone" (or "Not in zone") with the zones of the Access Control policy', 'globalSessionPolicy', 'userIpIs'),
      saveAndVerify('globalSessionPolicy'),
    ],
    references: [references.globalSessionPolicy, references.networkZones, references.stigViewer],
  },
});

const anonymizerCategories = /ANONYMIZER/i;

export const anonymizersBlocked = defineOktaControl({
  id: 'OKTA.STIG.279692v1',
  title: 'Anonymizing proxies are blocked by a network zone blocklist',
  description:
    'The Enhanced dynamic zone blocklist (or a dynamic blocklist zone for any proxy) is active and blocks anonymizers; or the IP Block list holds the ' +
    'CSSP-provided ranges, which is verified by hand. A blocklist of Tor only earns half credit.',
  rationale:
    'Attackers replay stolen credentials and run password sprays through Tor, VPN and residential proxy services to hide where they are. ' +
    'Blocking anonymizers removes that cover before a password is even checked.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: stigFrameworks('V-279692', 'CAT II', ['AC-4']),
  sources: ['networkZones'],
  evaluate: ({ networkZones }) => {
    const expected = 'anonymizers blocked';
    const blocklists = networkZones.filter((zone) => zone.status === 'ACTIVE' && zone.usage === 'BLOCKLIST');
    const enhanced = blocklists.find(
      (zone) => zone.type === 'DYNAMIC_V2' && (zone.ipServiceCategories?.include ?? []).some((category) => anonymizerCategories.test(category)),
    );
    if (enhanced) return compliant({ actual: `"${enhanced.name}" active`, expected, reason: `The enhanced dynamic blocklist "${enhanced.name}" blocks anonymizing proxies.` });
    const anyProxy = blocklists.find((zone) => zone.type === 'DYNAMIC' && zone.proxyType === 'Any');
    if (anyProxy) return compliant({ actual: `"${anyProxy.name}" active`, expected, reason: `The dynamic blocklist "${anyProxy.name}" blocks every proxy type.` });
    const ipBlocklists = blocklists.filter((zone) => zone.type === 'IP' && (zone.gateways ?? []).length > 0);
    if (ipBlocklists.length > 0) {
      return unknown(
        `No Okta-managed anonymizer blocklist is active; ${nameList(ipBlocklists.map((zone) => zone.name))} blocks ${count(ipBlocklists.reduce((n, zone) => n + (zone.gateways ?? []).length, 0), 'IP range')}. Check by hand that its "Gateway IPs" hold every range of the CSSP's anonymizer list, or activate the Enhanced dynamic zone blocklist.`,
        {
          actual: 'IP block list only',
          expected,
          affected: ipBlocklists.map((zone) => ({ id: zone.id, name: zone.name, kind: 'Network zone', detail: `${count((zone.gateways ?? []).length, 'gateway range')} blocked` })),
        },
      );
    }
    const tor = blocklists.find((zone) => zone.type === 'DYNAMIC' && zone.proxyType === 'TorAnonymizer');
    if (tor) {
      return partial(0.5, {
        actual: `"${tor.name}" blocks Tor only`,
        expected,
        reason: `The dynamic blocklist "${tor.name}" blocks Tor but not other anonymizing proxies and VPN services.`,
        affected: [{ id: tor.id, name: tor.name, kind: 'Network zone', detail: 'Blocks Tor anonymizers only' }],
      });
    }
    const inactive = networkZones.filter((zone) => zone.usage === 'BLOCKLIST' && zone.type === 'DYNAMIC_V2' && zone.status !== 'ACTIVE');
    return nonCompliant({
      actual: 'not blocked',
      expected,
      reason: `No active network zone blocks anonymizing proxies${inactive.length ? ` (${nameList(inactive.map((zone) => zone.name))} is inactive)` : ''}, so attackers can hide behind Tor and VPN services.`,
      affected: inactive.map((zone) => ({ id: zone.id, name: zone.name, kind: 'Network zone', detail: 'Inactive' })),
    });
  },
  remediation: {
    summary: 'Activate the Enhanced dynamic zone blocklist, or put the CSSP-provided anonymizer ranges in the IP Block list.',
    steps: [
      step('Open Security → Networks', 'networks'),
      step('If the CSSP provided a list of anonymizers, edit "IP Block list" and add every range to "Gateway IPs"', 'networks', 'ipBlockList'),
      step('Otherwise set "Enhanced dynamic zone blocklist" (DefaultEnhancedDynamicZone) to Active, blocking all anonymizers', 'networks', 'enhancedDynamicBlocklist'),
      saveAndVerify('networks'),
    ],
    references: [references.enhancedDynamicZones, references.networkZones, references.networkZoneApi, references.stigViewer],
  },
});

function policyProblems(rules: AccessPolicyRule[] | undefined): string[] {
  if (!rules) return ['its rules were not read'];
  const active = byPriority(rules);
  const problems: string[] = [];
  const open = active.filter((rule) => !rule.system && !zoneBound(rule.conditions?.network));
  if (open.length) problems.push(`${nameList(open.map((rule) => rule.name))} ${open.length === 1 ? 'has' : 'have'} no network zone`);
  const catchAll = active.find((rule) => rule.system);
  if (catchAll && catchAll.actions.appSignOn.access !== 'DENY') problems.push(`"${catchAll.name}" allows access`);
  return problems;
}

export const appPoliciesUseNetworkZones = defineOktaControl({
  id: 'OKTA.STIG.279693v1',
  title: 'Every app\'s authentication policy is bound to network zones',
  description:
    'For every active app, each non-default rule of its authentication policy sets "User\'s IP is" to a network zone, and its Catch-all Rule ' +
    'denies access. Credit is the share of apps whose policy complies.',
  rationale:
    'An app whose policy allows any network accepts stolen credentials from anywhere. Zone conditions on each rule, with a Catch-all ' +
    'that denies the rest, apply the Access Control policy to every app, not only to the Okta session.',
  severity: 'medium',
  weight: 5,
  metric: 'network-access',
  requirement: 'shall',
  frameworks: stigFrameworks('V-279693', 'CAT II', ['AC-4']),
  sources: ['orgMetadata', 'apps', 'accessPolicies', 'accessPolicyRules'],
  evaluate: ({ orgMetadata, apps, accessPolicies, accessPolicyRules }) => {
    const expected = 'zone-bound rules and a Catch-all Rule that denies';
    if (orgMetadata.pipeline === 'v1') {
      return unknown(classicEngineReason('app authentication policies') + ' Check each app\'s sign-on rules for network zone conditions.', { expected });
    }
    const active = apps.filter((app) => app.status === 'ACTIVE');
    if (active.length === 0) return unknown('Okta listed no active app, so no authentication policy could be checked; check each app\'s Sign On tab by hand.', { expected });
    const policyNames = new Map(accessPolicies.map((policy) => [policy.id, policy.name]));
    const affected: AffectedEntity[] = [];
    for (const app of active) {
      const problems = app.accessPolicyId ? policyProblems(accessPolicyRules[app.accessPolicyId]) : ['no authentication policy is linked'];
      if (problems.length) {
        const policy = app.accessPolicyId ? (policyNames.get(app.accessPolicyId) ?? app.accessPolicyId) : 'none';
        affected.push({ id: app.id, name: app.label, kind: 'Application', detail: `Policy "${policy}": ${problems.join('; ')}` });
      }
    }
    return shareVerdict(active.length - affected.length, active.length, {
      actual: affected.length ? `${count(affected.length, 'app')} without zone-bound policy` : `${count(active.length, 'app')} zone-bound`,
      expected,
      reason:
        affected.length === 0
          ? `The authentication policies of all ${count(active.length, 'active app')} bind every rule to network zones and deny the rest.`
          : `${nameList(affected.map((a) => a.name))} (${count(affected.length, 'app')} of ${active.length}) ${affected.length === 1 ? 'has' : 'have'} an authentication policy that is not bound to network zones: ${affected.slice(0, 3).map((a) => `${a.name}: ${a.detail}`).join('; ')}.`,
      notes: ['Below Super Admin Okta hides the Okta Admin Console and Dashboard apps from the list, so they may be missing here.'],
      ...listAffected(affected),
    });
  },
  remediation: {
    summary: 'In every app\'s authentication policy, set "User\'s IP is" on each non-default rule and make the Catch-all Rule deny access.',
    steps: [
      step('Open Applications → Applications, select each app and open its Sign On tab', 'applications'),
      step('Under "User Authentication" choose the authentication policy the Access Control policy calls for, then "View Policy Details"', 'applications', 'authenticationPolicy'),
      step('Edit each non-default rule and set "User\'s IP is" to the allowed (or denied) network zones', 'authenticationPolicies', 'userIpIs'),
      step('Edit the Catch-all Rule and set "Access is" to Denied', 'authenticationPolicies', 'catchAllAccess'),
      saveAndVerify('authenticationPolicies'),
    ],
    references: [references.authenticationPolicies, references.networkZones, references.policyApi, references.stigViewer],
  },
});

export const stigNetworkControls: Control[] = [
  apiTokensNetworkRestricted,
  apiTokensDedicatedAccounts,
  globalSessionIpRestricted,
  anonymizersBlocked,
  appPoliciesUseNetworkZones,
];
