import {
  compliant,
  nonCompliant,
  notApplicable,
  shareVerdict,
  unknown,
  type Control,
  type Severity,
  type Verdict,
} from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { AccessPolicy, AccessPolicyRule, IdentityProvider, OktaApp } from '../model';
import {
  byPriority,
  classicEngineReason,
  count,
  factorModeText,
  firstPartyApps,
  firstPartyPolicyId,
  isPhishingResistant,
  isTwoFactor,
  listAffected,
  nameList,
  references,
  saveAndVerify,
  step,
  stigFrameworks,
  type FirstPartyApp,
  type StigCategory,
} from './stig-common';

/*
 * Authentication requirements of the DISA Okta IDaaS STIG: MFA and phishing-resistant factors on the Okta Admin
 * Console and Okta Dashboard authentication policies, PIV/CAC acceptance (Smart Card authenticator and IdP) and
 * FIPS-only Okta Verify. Authentication policies and authenticators are Identity Engine features: on Classic
 * Engine (`orgMetadata.pipeline` = `v1`) these controls are unknown with what to verify by hand.
 */

const authPolicies = 'authenticationPolicies' as const;

interface FirstPartyRow {
  vulnId: string;
  category: StigCategory;
  nist: string[];
  app: FirstPartyApp;
  title: string;
  description: string;
  rationale: string;
  severity: Severity;
  weight: number;
  /** The STIG's setting in Admin Console words. */
  label: string;
  anchor: string;
  expected: string;
  ok: (rule: AccessPolicyRule) => boolean;
  describe: (rule: AccessPolicyRule) => string;
  risk: string;
  fixStep: string;
}

function evaluateFirstPartyPolicy(
  row: FirstPartyRow,
  data: { orgMetadata: { pipeline: 'idx' | 'v1' }; apps: OktaApp[]; accessPolicies: AccessPolicy[]; accessPolicyRules: Record<string, AccessPolicyRule[]> },
): Verdict {
  const { label: appLabel } = firstPartyApps[row.app];
  if (data.orgMetadata.pipeline === 'v1') {
    return unknown(classicEngineReason(`the "${appLabel}" authentication policy`) + ` Check that the ${appLabel} sign-on rules require ${row.expected}.`, {
      expected: row.expected,
    });
  }
  const found = firstPartyPolicyId(row.app, data.apps, data.accessPolicies);
  const policy = found && data.accessPolicies.find((candidate) => candidate.id === found.policyId);
  if (!found || !policy) {
    return unknown(
      `Posture Lens could not find the authentication policy of the ${appLabel} (Okta lists that app to Super Admins only); open Security → Authentication Policies → "${appLabel}" and check that the top rule requires ${row.expected}.`,
      { expected: row.expected },
    );
  }
  const rules = data.accessPolicyRules[policy.id];
  if (!rules) {
    return unknown(`Okta returned no rules for the authentication policy "${policy.name}" of the ${appLabel}; check its top rule by hand.`, {
      expected: row.expected,
    });
  }
  const notes = found.via === 'name' ? [`The ${appLabel} app was not listed; the policy was found by its name "${policy.name}".`] : [];
  const allowing = byPriority(rules).filter((rule) => rule.actions.appSignOn.access === 'ALLOW');
  if (allowing.length === 0) {
    return compliant({ expected: row.expected, actual: 'access denied', reason: `Every active rule of "${policy.name}" denies access to the ${appLabel}.`, notes });
  }
  const failing = allowing.filter((rule) => !row.ok(rule));
  const top = allowing[0]!;
  const actual = row.describe(failing[0] ?? top);
  const reason =
    failing.length === 0
      ? `Every rule of "${policy.name}" that allows access to the ${appLabel} requires ${row.expected} (top rule "${top.name}").`
      : `${nameList(failing.map((rule) => rule.name))} (${count(failing.length, 'rule')} of ${allowing.length} in "${policy.name}"${failing.includes(top) ? ', including the top rule' : ''}) ${failing.length === 1 ? 'allows' : 'allow'} the ${appLabel} with ${actual}, so ${row.risk}.`;
  return shareVerdict(allowing.length - failing.length, allowing.length, {
    actual,
    expected: row.expected,
    reason,
    notes,
    ...listAffected(
      failing.map((rule) => ({ id: rule.id, name: `${policy.name} › ${rule.name}`, kind: 'Authentication policy rule', detail: `"${row.label}": ${row.describe(rule)}` })),
    ),
  });
}

function firstPartyControl(row: FirstPartyRow): Control {
  const { label: appLabel } = firstPartyApps[row.app];
  return defineOktaControl({
    id: `OKTA.STIG.${row.vulnId.slice(2)}v1`,
    title: row.title,
    description: `${row.description} The STIG reads the top rule of the "${appLabel}" authentication policy; every rule that allows access is held to it, with credit for the share that comply.`,
    rationale: row.rationale,
    severity: row.severity,
    weight: row.weight,
    metric: 'authentication',
    requirement: 'shall',
    frameworks: stigFrameworks(row.vulnId, row.category, row.nist, { initiatives: ['zero-trust'] }),
    sources: ['orgMetadata', 'apps', 'accessPolicies', 'accessPolicyRules'],
    evaluate: (data) => evaluateFirstPartyPolicy(row, data),
    remediation: {
      summary: row.fixStep,
      steps: [
        step(`Open Security → Authentication Policies and select the "${appLabel}" policy`, authPolicies),
        step('Choose Actions → Edit next to the top rule (and every other rule that allows access)', authPolicies),
        step(row.fixStep, authPolicies, row.anchor),
        saveAndVerify(authPolicies),
      ],
      references: [references.authenticationPolicies, references.phishingResistant, references.policyApi, references.stigViewer],
    },
  });
}

const possessionText = (rule: AccessPolicyRule) => (isPhishingResistant(rule) ? 'phishing-resistant factors only' : 'phishable factors allowed');

export const dashboardPhishingResistant = firstPartyControl({
  vulnId: 'V-273190',
  category: 'CAT II',
  nist: ['AC-7'],
  app: 'dashboard',
  title: 'The Okta Dashboard accepts only phishing-resistant authenticators',
  description: 'The Okta Dashboard authentication policy has "Phishing resistant" checked under "Possession factor constraints are".',
  rationale:
    'Push, SMS, voice and one-time codes can be relayed by an adversary-in-the-middle phishing kit. Requiring phishing-resistant ' +
    'factors (FIDO2/WebAuthn, Okta FastPass, PIV/CAC) binds the sign-in to the real Okta origin.',
  severity: 'high',
  weight: 7,
  label: 'Possession factor constraints are',
  anchor: 'phishingResistant',
  expected: 'phishing-resistant factors only',
  ok: isPhishingResistant,
  describe: possessionText,
  risk: 'a phishing proxy can capture and replay the sign-in',
  fixStep: 'Under "Possession factor constraints are", check "Phishing resistant"',
});

export const adminConsolePhishingResistant = firstPartyControl({
  vulnId: 'V-273191',
  category: 'CAT II',
  nist: ['AC-7'],
  app: 'adminConsole',
  title: 'The Okta Admin Console accepts only phishing-resistant authenticators',
  description: 'The Okta Admin Console authentication policy has "Phishing resistant" checked under "Possession factor constraints are".',
  rationale:
    'Admin accounts are the first target of Okta phishing campaigns. A phished admin session can change every policy in the org; ' +
    'phishing-resistant factors make relayed sign-ins fail.',
  severity: 'high',
  weight: 8,
  label: 'Possession factor constraints are',
  anchor: 'phishingResistant',
  expected: 'phishing-resistant factors only',
  ok: isPhishingResistant,
  describe: possessionText,
  risk: 'a phishing proxy can capture an administrator sign-in',
  fixStep: 'Under "Possession factor constraints are", check "Phishing resistant"',
});

export const adminConsoleMfa = firstPartyControl({
  vulnId: 'V-273193',
  category: 'CAT I',
  nist: ['IA-2(1)', 'IA-2(6)'],
  app: 'adminConsole',
  title: 'The Okta Admin Console requires multifactor authentication',
  description:
    'The Okta Admin Console authentication policy has "User must authenticate with" set to "Password/IdP + Another factor" or "Any 2 factor types".',
  rationale:
    'A password alone is all an attacker needs to take over the Admin Console after a phishing, spraying or reuse attack; with ' +
    'it they control authentication for every app in the org.',
  severity: 'critical',
  weight: 10,
  label: 'User must authenticate with',
  anchor: 'userMustAuthenticateWith',
  expected: 'two factors',
  ok: isTwoFactor,
  describe: factorModeText,
  risk: 'an administrator can sign in with a single factor',
  fixStep: 'Set "User must authenticate with" to "Password/IdP + Another factor" or "Any 2 factor types"',
});

export const dashboardMfa = firstPartyControl({
  vulnId: 'V-273194',
  category: 'CAT I',
  nist: ['IA-2(2)', 'IA-2(6)'],
  app: 'dashboard',
  title: 'The Okta Dashboard requires multifactor authentication',
  description:
    'The Okta Dashboard authentication policy has "User must authenticate with" set to "Password/IdP + Another factor" or "Any 2 factor types".',
  rationale:
    'The Dashboard opens every app assigned to the user. Single-factor access lets one stolen password reach all of them.',
  severity: 'critical',
  weight: 9,
  label: 'User must authenticate with',
  anchor: 'userMustAuthenticateWith',
  expected: 'two factors',
  ok: isTwoFactor,
  describe: factorModeText,
  risk: 'users can reach their apps with a single factor',
  fixStep: 'Set "User must authenticate with" to "Password/IdP + Another factor" or "Any 2 factor types"',
});

export const pivCredentialsAccepted = defineOktaControl({
  id: 'OKTA.STIG.273204v1',
  title: 'Okta accepts PIV/CAC credentials through an active Smart Card authenticator',
  description: 'Security → Authenticators lists the "Smart Card Authenticator" (key `smart_card_idp`) with status Active.',
  rationale:
    'DoD users authenticate with PIV/CAC certificates. Without an active Smart Card authenticator Okta cannot accept them, and ' +
    'users fall back to weaker, phishable factors.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273204', 'CAT II', ['IA-2(12)', 'IA-8(1)']),
  sources: ['orgMetadata', 'authenticators'],
  evaluate: ({ orgMetadata, authenticators }) => {
    const expected = 'Smart Card Authenticator active';
    if (orgMetadata.pipeline === 'v1') {
      return unknown(classicEngineReason('the Smart Card authenticator') + ' Check that a Smart Card IdP is active and offered as a factor.', { expected });
    }
    const smartCards = authenticators.filter((authenticator) => authenticator.key === 'smart_card_idp');
    const active = smartCards.find((authenticator) => authenticator.status === 'ACTIVE');
    if (active) return compliant({ actual: `"${active.name}" active`, expected, reason: `The Smart Card authenticator "${active.name}" is active.` });
    if (smartCards.length > 0) {
      return nonCompliant({
        actual: 'inactive',
        expected,
        reason: `The Smart Card authenticator ${nameList(smartCards.map((a) => a.name))} is inactive, so users cannot sign in with PIV/CAC.`,
        affected: smartCards.map((a) => ({ id: a.id, name: a.name, kind: 'Authenticator', detail: 'Status: Inactive' })),
      });
    }
    return nonCompliant({ actual: 'not set up', expected, reason: 'No Smart Card authenticator is set up, so Okta cannot accept PIV/CAC credentials.' });
  },
  remediation: {
    summary: 'Add a Smart Card authenticator backed by the Smart Card identity provider and activate it.',
    steps: [
      step('Make sure a Smart Card IdP exists under Security → Identity Providers (see OKTA.STIG.273207v1)', 'identityProviders'),
      step('Open Security → Authenticators and, on the Setup tab, choose "Add authenticator"', 'authenticators'),
      step('Select "Smart Card Authenticator", pick the Smart Card IdP and finish the configuration', 'authenticators', 'smartCardAuthenticator'),
      saveAndVerify('authenticators'),
    ],
    references: [references.smartCard, references.authenticatorApi, references.stigViewer],
  },
});

export const oktaVerifyFips = defineOktaControl({
  id: 'OKTA.STIG.273205v1',
  title: 'Okta Verify enrolls only FIPS-compliant devices',
  description: 'The Okta Verify authenticator has "FIPS Compliance" set to FIPS-compliant devices only. Not applicable when Okta Verify is not in use.',
  rationale:
    'DoD systems must protect authenticators with FIPS 140-validated cryptography. Okta Verify on a device without a validated ' +
    'module stores its keys with unvalidated cryptography.',
  severity: 'medium',
  weight: 4,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273205', 'CAT II', ['IA-3(1)']),
  sources: ['orgMetadata', 'authenticators'],
  evaluate: ({ orgMetadata, authenticators }) => {
    const expected = 'FIPS-compliant devices only';
    if (orgMetadata.pipeline === 'v1') {
      return unknown(classicEngineReason('the Okta Verify authenticator') + ' Check the FIPS setting of the Okta Verify factor.', { expected });
    }
    const verify = authenticators.find((authenticator) => authenticator.key === 'okta_verify');
    if (!verify) return notApplicable('Okta Verify is not set up in this org.', { expected });
    if (verify.status !== 'ACTIVE') return notApplicable(`The Okta Verify authenticator "${verify.name}" is inactive.`, { expected });
    const fips = verify.settings?.compliance?.fips;
    if (fips === 'REQUIRED') return compliant({ actual: expected, expected, reason: `"${verify.name}" accepts FIPS-compliant devices only.` });
    return nonCompliant({
      actual: 'any device',
      expected,
      reason: `"${verify.name}" has "FIPS Compliance" set to any device${fips ? '' : ' (not reported)'}, so it enrolls devices without FIPS-validated cryptography.`,
      affected: [{ id: verify.id, name: verify.name, kind: 'Authenticator', detail: 'FIPS Compliance: any device' }],
    });
  },
  remediation: {
    summary: 'Set Okta Verify to enroll FIPS-compliant devices only.',
    steps: [
      step('Open Security → Authenticators and, on the Setup tab, choose Actions → Edit next to Okta Verify', 'authenticators'),
      step('Set "FIPS Compliance" to FIPS-compliant devices only', 'authenticators', 'fipsCompliance'),
      saveAndVerify('authenticators'),
    ],
    references: [references.oktaVerify, references.authenticatorApi, references.stigViewer],
  },
});

/** The certificate issuer of a Smart Card IdP (`protocol.credentials.trust.issuer`), when Okta reports it. */
function trustIssuer(idp: IdentityProvider): string | undefined {
  const credentials = (idp.protocol as { credentials?: { trust?: { issuer?: unknown } } } | null | undefined)?.credentials;
  const issuer = credentials?.trust?.issuer;
  return typeof issuer === 'string' && issuer ? issuer : undefined;
}

export const dodApprovedCertificateAuthorities = defineOktaControl({
  id: 'OKTA.STIG.273207v1',
  title: 'Smart Card sign-in trusts only DoD-approved certificate authorities',
  description:
    'An active Smart Card (X509) identity provider exists and its certificate chain comes from a DoD-approved CA. The API shows the IdP ' +
    'and its issuer name; whether the chain is DoD-approved is verified by hand, so a configured IdP is unknown until checked.',
  rationale:
    'A Smart Card IdP that trusts a non-DoD CA accepts certificates DoD never issued, letting anyone with such a certificate sign in ' +
    'as the user whose EDIPI it carries.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273207', 'CAT II', ['SC-23(5)', 'SC-17']),
  sources: ['identityProviders'],
  evaluate: ({ identityProviders }) => {
    const expected = 'active Smart Card IdP with a DoD-approved certificate chain';
    const smartCards = identityProviders.filter((idp) => idp.type === 'X509');
    const active = smartCards.filter((idp) => idp.status === 'ACTIVE');
    const entity = (idp: IdentityProvider) => ({
      id: idp.id,
      name: idp.name,
      kind: 'Smart Card identity provider',
      detail: `${idp.status === 'ACTIVE' ? 'Active' : 'Inactive'}; certificate issuer: ${trustIssuer(idp) ?? 'not reported'}`,
    });
    if (smartCards.length === 0) {
      return nonCompliant({ actual: 'no Smart Card IdP', expected, reason: 'No Smart Card identity provider is set up, so Okta has no DoD certificate chain to validate PIV/CAC sign-ins against.' });
    }
    if (active.length === 0) {
      return nonCompliant({
        actual: 'inactive',
        expected,
        reason: `The Smart Card identity provider ${nameList(smartCards.map((idp) => idp.name))} is not active.`,
        affected: smartCards.map(entity),
      });
    }
    return unknown(
      `Okta does not expose whether the certificate chain of ${nameList(active.map((idp) => idp.name))} comes from a DoD-approved CA: open Security → Identity Providers → Actions → Configure on each Smart Card IdP and check that every certificate of "Certificate chain" is issued by a DoD-approved CA.`,
      { actual: `${count(active.length, 'active Smart Card IdP')}`, expected, affected: active.map(entity) },
    );
  },
  remediation: {
    summary: 'Verify (or build) the Smart Card IdP certificate chain from DoD-approved CAs, with the EDIPI as the IdP username.',
    steps: [
      step('Open Security → Identity Providers and find each IdP of type "Smart Card"', 'identityProviders'),
      step('Check that the IdP is Active, then choose Actions → Configure', 'identityProviders'),
      step('Under "Certificate chain", check that every certificate is issued by a DoD-approved CA; if not, choose "Reset certificate chain" and build it from the DoD root and intermediate certificates', 'identityProviders', 'certificateChain'),
      step('Check that "IdP username" is idpuser.subjectAltNameUpn (the EDIPI) and "Match Against" is the profile attribute holding it', 'identityProviders', 'idpUsername'),
      saveAndVerify('identityProviders'),
    ],
    references: [references.smartCardIdp, references.identityProviderApi, references.stigViewer],
  },
});

export const stigAuthenticationControls: Control[] = [
  dashboardPhishingResistant,
  adminConsolePhishingResistant,
  adminConsoleMfa,
  dashboardMfa,
  pivCredentialsAccepted,
  oktaVerifyFips,
  dodApprovedCertificateAuthorities,
];
