import type { AffectedEntity, FrameworkTags, RemediationStep, Severity } from '@/utils/controls';
import type { AccessPolicyRule, OktaApp, PasswordPolicy, SignOnPolicy, SignOnPolicyRule } from '../model';
import type { AdminConsolePageKey } from '../pages';

/*
 * Helpers shared by the DISA Okta IDaaS STIG V1R2 controls (OKTA.STIG.<vuln>v1): framework tags, remediation
 * steps on Admin Console pages, references, and the policy/rule selections the STIG checks walk through.
 */

export type StigCategory = 'CAT I' | 'CAT II' | 'CAT III';

/** `frameworks` of a STIG control: the Vuln ID, its CAT, and the NIST SP 800-53 controls its CCIs map to. */
export function stigFrameworks(vulnId: string, severity: StigCategory, nist80053: string[], extra: FrameworkTags = {}): FrameworkTags {
  return { ...extra, stig: { vulnId, severity }, nist80053 };
}

/** The control id of a STIG Vuln ID: V-273186 → OKTA.STIG.273186v1. */
export const stigControlId = (vulnId: string) => `OKTA.STIG.${vulnId.replace(/^V-/, '')}v1`;

/** Severity band a CAT allows (CAT I → high/critical, CAT II → medium/high, CAT III → low). */
export const allowedSeverities: Record<StigCategory, Severity[]> = {
  'CAT I': ['high', 'critical'],
  'CAT II': ['medium', 'high'],
  'CAT III': ['low'],
};

/** A remediation step on an Admin Console page; `anchor` names the one field the step is about. */
export const step = (text: string, page: AdminConsolePageKey, anchor?: string): RemediationStep =>
  anchor ? { text, page, anchor } : { text, page };

export const saveAndVerify = (page: AdminConsolePageKey): RemediationStep =>
  step('Save, then choose Verify in Posture Lens', page);

export const references = {
  stig: 'https://public.cyber.mil/stigs/downloads/?_dl_facet_stigs=app-security',
  stigViewer: 'https://stigviewer.com/stigs/okta_identity_as_a_service_idaas',
  globalSessionPolicy: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/policies/about-okta-sign-on-policies.htm',
  sessionLifetime: 'https://support.okta.com/help/s/article/How-to-Adjust-Session-Lifetime-and-Idle-Value-for-Users',
  adminConsoleSession: 'https://help.okta.com/oie/en-us/content/topics/security/admin-console-session-settings.htm',
  passwordAuthenticator: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/authenticators/configure-password.htm',
  authenticationPolicies: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/policies/about-app-sign-on-policies.htm',
  phishingResistant: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/authenticators/phishing-resistant-auth.htm',
  automations: 'https://help.okta.com/en-us/content/topics/automation-hooks/automations-main.htm',
  signInPage: 'https://developer.okta.com/docs/guides/custom-widget/main/',
  logStreaming: 'https://help.okta.com/en-us/content/topics/reports/log-streaming/about-log-streams.htm',
  smartCard: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/authenticators/configure-smart-card.htm',
  smartCardIdp: 'https://help.okta.com/oie/en-us/content/topics/security/idp-smart-card-workflow.htm',
  oktaVerify: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/authenticators/configure-okta-verify-options.htm',
  apiTokens: 'https://help.okta.com/en-us/content/topics/security/api.htm',
  networkZones: 'https://help.okta.com/en-us/content/topics/security/network/network-zones.htm',
  enhancedDynamicZones: 'https://help.okta.com/oie/en-us/content/topics/security/network/enhanced-dynamic-zones.htm',
  policyApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/',
  authenticatorApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/',
  apiTokenApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiToken/',
  networkZoneApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/NetworkZone/',
  logStreamApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/LogStream/',
  identityProviderApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProvider/',
} as const;

// ─── Evidence ───────────────────────────────────────────────────────────────────────────────────────

/** Most entities one verdict lists; `affectedTotal` carries the full count. */
export const maxAffected = 50;

export function listAffected(entities: AffectedEntity[]): { affected: AffectedEntity[]; affectedTotal?: number } {
  return entities.length > maxAffected
    ? { affected: entities.slice(0, maxAffected), affectedTotal: entities.length }
    : { affected: entities };
}

/** "A, B and 4 more" */
export function nameList(names: string[], shown = 3): string {
  const quoted = names.map((name) => `"${name}"`);
  const first = quoted.slice(0, shown);
  const rest = quoted.length - first.length;
  if (first.length === 0) return '';
  if (rest > 0) return `${first.join(', ')} and ${rest} more`;
  return first.length === 1 ? first[0]! : `${first.slice(0, -1).join(', ')} and ${first[first.length - 1]}`;
}

/** "1 policy", "3 policies" */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Minutes in words: 15 → "15 minutes", 1080 → "18 hours", 0 → the `zero` words. */
export function minutesText(minutes: number, zero = 'no limit'): string {
  if (minutes === 0) return zero;
  if (minutes % 1440 === 0) return count(minutes / 1440, 'day');
  if (minutes % 60 === 0) return count(minutes / 60, 'hour');
  return count(minutes, 'minute');
}

// ─── Ordering ───────────────────────────────────────────────────────────────────────────────────────

/** Active items, highest priority first (Okta: lower number first; system rules such as "Default Rule" last). */
export function byPriority<T extends { status: string; priority?: number; system: boolean }>(items: readonly T[]): T[] {
  return items
    .filter((item) => item.status === 'ACTIVE')
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        Number(a.item.system) - Number(b.item.system) ||
        (a.item.priority ?? Number.MAX_SAFE_INTEGER) - (b.item.priority ?? Number.MAX_SAFE_INTEGER) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

// ─── Password policies ──────────────────────────────────────────────────────────────────────────────

/** Directories whose own password policy applies: Okta does not enforce these policies' password settings. */
const directoryProviders = new Set(['ACTIVE_DIRECTORY', 'LDAP']);

export function isDirectoryPasswordPolicy(policy: PasswordPolicy): boolean {
  const provider = policy.conditions?.authProvider?.provider;
  return !!provider && directoryProviders.has(provider);
}

// ─── Global Session Policy ──────────────────────────────────────────────────────────────────────────

export interface SessionRuleRef {
  policy: SignOnPolicy;
  rule: SignOnPolicyRule;
}

/**
 * The Global Session Policy rules that can start a session: every active ALLOW rule of every active policy.
 * The STIG reads the Priority 1 rule of the Default Policy; a session created by any other ALLOW rule escapes the
 * limit just the same, so every one is held to it (share compliant).
 */
export function sessionAllowRules(policies: readonly SignOnPolicy[], rules: Record<string, SignOnPolicyRule[]>): SessionRuleRef[] {
  return byPriority(policies).flatMap((policy) =>
    byPriority(rules[policy.id] ?? [])
      .filter((rule) => rule.actions.signon.access === 'ALLOW')
      .map((rule) => ({ policy, rule })),
  );
}

/** The Default Policy of the Global Session Policy (system), the one the STIG inspects. */
export function defaultSignOnPolicy(policies: readonly SignOnPolicy[]): SignOnPolicy | undefined {
  return policies.find((policy) => policy.system) ?? policies.find((policy) => policy.name === 'Default Policy');
}

/** A note when the Default Policy's Priority 1 rule is the built-in "Default Rule" (the STIG asks for an added rule). */
export function defaultRuleNote(policies: readonly SignOnPolicy[], rules: Record<string, SignOnPolicyRule[]>): string[] {
  const policy = defaultSignOnPolicy(policies);
  if (!policy) return [];
  const top = byPriority(rules[policy.id] ?? [])[0];
  return top && (top.system || top.name === 'Default Rule')
    ? [`The Priority 1 rule of "${policy.name}" is the built-in "${top.name}"; the STIG asks for an added rule at Priority 1.`]
    : [];
}

export const sessionRuleEntity = ({ policy, rule }: SessionRuleRef, detail: string): AffectedEntity => ({
  id: rule.id,
  name: `${policy.name} › ${rule.name}`,
  kind: 'Global session policy rule',
  detail,
});

// ─── Authentication policies of the Okta Admin Console and Okta Dashboard ───────────────────────────

export const firstPartyApps = {
  adminConsole: { appName: 'saasure', label: 'Okta Admin Console' },
  dashboard: { appName: 'okta_enduser', label: 'Okta Dashboard' },
} as const;
export type FirstPartyApp = keyof typeof firstPartyApps;

/**
 * The authentication policy of a first-party app: from the app's `_links.accessPolicy`, else the policy Okta
 * creates with the app's name. Below Super Admin the app list hides `saasure` and `okta_enduser` (okta.md §2.9).
 */
export function firstPartyPolicyId(
  which: FirstPartyApp,
  apps: readonly OktaApp[],
  policies: readonly { id: string; name: string }[],
): { policyId: string; via: 'app' | 'name' } | undefined {
  const { appName, label } = firstPartyApps[which];
  const app = apps.find((candidate) => candidate.name === appName);
  if (app?.accessPolicyId) return { policyId: app.accessPolicyId, via: 'app' };
  const byName = policies.find((policy) => policy.name === label);
  return byName ? { policyId: byName.id, via: 'name' } : undefined;
}

export function isPhishingResistant(rule: AccessPolicyRule): boolean {
  const method = rule.actions.appSignOn.verificationMethod;
  return method?.type === 'ASSURANCE' && (method.constraints ?? []).some((c) => c.possession?.phishingResistant === 'REQUIRED');
}

export function isTwoFactor(rule: AccessPolicyRule): boolean {
  const method = rule.actions.appSignOn.verificationMethod;
  return method?.type === 'ASSURANCE' && method.factorMode === '2FA';
}

/** "Password/IdP + Another factor / Any 2 factor types" in Admin Console words. */
export function factorModeText(rule: AccessPolicyRule): string {
  const method = rule.actions.appSignOn.verificationMethod;
  if (!method) return 'no verification method';
  if (method.type !== 'ASSURANCE') return `a ${method.type.toLowerCase().replace(/_/g, ' ')} verification method`;
  if (method.factorMode === '2FA') return 'two factors';
  if (method.factorMode === '1FA') return 'any 1 factor type';
  return 'no factor mode';
}

export const classicEngineReason = (what: string) =>
  `This org runs Okta Classic Engine, where ${what} does not exist as the STIG describes it (the STIG is written for Identity Engine); verify the equivalent Classic setting by hand.`;
