import { compliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { OktaModel, SignOnPolicy, SignOnPolicyRule } from '../model';
import { count, isAre, listAffected, nameList, step } from './hygiene-evidence';

const references = {
  gsp: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-get-started-oie',
  authPolicies: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-merge-auth-policies',
  mfaRequirements: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/healthinsight/mfa-requirements.htm',
  policyApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/',
};

interface RuleRow {
  policy: SignOnPolicy;
  rule: SignOnPolicyRule;
}

/** Active ALLOW rules of active global session policies, and the active policies whose rules were not read. */
function allowRules({ signOnPolicies, signOnPolicyRules }: Pick<OktaModel, 'signOnPolicies' | 'signOnPolicyRules'>) {
  const policies = signOnPolicies.filter((policy) => policy.status === 'ACTIVE');
  const unread = policies.filter((policy) => !signOnPolicyRules[policy.id]);
  const rows: RuleRow[] = policies.flatMap((policy) =>
    (signOnPolicyRules[policy.id] ?? [])
      .filter((rule) => rule.status === 'ACTIVE' && rule.actions.signon.access === 'ALLOW')
      .map((rule) => ({ policy, rule })),
  );
  return { policies, unread, rows };
}

const ruleEntity = ({ policy, rule }: RuleRow, detail: string): AffectedEntity => ({
  id: rule.id,
  name: `${policy.name} › ${rule.name}`,
  kind: 'policyRule',
  detail,
});

const defaultPoliciesOnly = defineOktaControl({
  id: 'OKTA.SESS.1v1',
  title: 'Sign-in is governed by custom rules, not only Okta\'s default rules',
  description:
    'Checks that the global session policies have at least one active custom (non-default) rule, and that no active ' +
    'authentication policy relies only on its built-in Catch-all Rule set to allow.',
  rationale:
    'Okta\'s default rules allow sign-in from anywhere with whatever the org first configured: an org that never ' +
    'added its own rules has no zone, device or MFA conditions, so a stolen password works from any country on any device.',
  severity: 'high',
  weight: 6,
  metric: 'session-management',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'IA-2', 'CM-6'], initiatives: ['zero-trust'] },
  sources: ['signOnPolicies', 'signOnPolicyRules', 'accessPolicies', 'accessPolicyRules'],
  evaluate: ({ signOnPolicies, signOnPolicyRules, accessPolicies, accessPolicyRules }) => {
    const sessionPolicies = signOnPolicies.filter((policy) => policy.status === 'ACTIVE');
    const authPolicies = accessPolicies.filter((policy) => policy.status === 'ACTIVE');
    const unread = [
      ...sessionPolicies.filter((policy) => !signOnPolicyRules[policy.id]),
      ...authPolicies.filter((policy) => !accessPolicyRules[policy.id]),
    ];
    const affected: AffectedEntity[] = [];
    const customSessionRules = sessionPolicies.flatMap((policy) =>
      (signOnPolicyRules[policy.id] ?? []).filter((rule) => rule.status === 'ACTIVE' && !rule.system),
    );
    if (sessionPolicies.length > 0 && customSessionRules.length === 0 && unread.length === 0) {
      for (const policy of sessionPolicies) {
        affected.push({ id: policy.id, name: policy.name, kind: 'globalSessionPolicy', detail: 'only the built-in Default Rule is active' });
      }
    }
    for (const policy of authPolicies) {
      const rules = (accessPolicyRules[policy.id] ?? []).filter((rule) => rule.status === 'ACTIVE');
      if (rules.length > 0 && rules.every((rule) => rule.system && rule.actions.appSignOn.access === 'ALLOW')) {
        affected.push({ id: policy.id, name: policy.name, kind: 'authenticationPolicy', detail: 'only the Catch-all Rule, set to allow' });
      }
    }
    const total = (sessionPolicies.length > 0 ? 1 : 0) + authPolicies.length;
    const expected = 'custom rules in every policy';
    if (affected.length === 0) {
      if (unread.length) return unknown(`The rules of ${nameList(unread.map((p) => p.name))} could not be read.`);
      if (total === 0) return unknown('No active global session or authentication policy was found.');
      return compliant({
        actual: 0,
        expected,
        reason: `The global session policies have ${count(customSessionRules.length, 'active custom rule')}, and all ${count(authPolicies.length, 'active authentication policy', 'active authentication policies')} have rules of their own.`,
      });
    }
    const failing = (affected.some((a) => a.kind === 'globalSessionPolicy') ? 1 : 0) + affected.filter((a) => a.kind === 'authenticationPolicy').length;
    return shareVerdict(total - failing, total, {
      actual: affected.length,
      expected,
      reason: `${count(affected.length, 'policy', 'policies')} ${isAre(affected.length)} left on Okta's default rule only: ${nameList(affected.map((a) => `${a.name} (${a.detail})`))}.`,
      ...listAffected(affected),
    });
  },
  remediation: {
    summary: 'Add rules of your own above the defaults, with network zones and MFA, and set the defaults to deny.',
    steps: [
      step('Open Security → Global Session Policy and add a rule above the Default Rule with your session limits and MFA', 'globalSessionPolicy'),
      step('Open Security → Authentication Policies and open each listed policy', 'authenticationPolicies'),
      step('Add a rule that requires the assurance you expect, then set the Catch-all Rule to deny', 'authenticationPolicies', 'catchAllRule'),
      step('Save, then choose Verify in Posture Lens', 'authenticationPolicies'),
    ],
    references: [references.authPolicies, references.policyApi],
  },
});

const mfaPromptEverySignIn = defineOktaControl({
  id: 'OKTA.SESS.2v1',
  title: 'Global session rules that require MFA prompt at every sign-in',
  description:
    'Checks active allow rules of active global session policies that require a factor: the prompt must be "At every ' +
    'sign-in" (`factorPromptMode: ALWAYS`) and devices must not be remembered by default, as HealthInsight recommends.',
  rationale:
    'A rule that prompts only on a new device or once per session lets anyone holding a remembered-device cookie (from ' +
    'an infostealer or a shared computer) sign in with the password alone.',
  severity: 'medium',
  weight: 4,
  metric: 'session-management',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2(1)', 'IA-11'] },
  sources: ['signOnPolicies', 'signOnPolicyRules'],
  evaluate: (model) => {
    const { unread, rows } = allowRules(model);
    const mfaRules = rows.filter(({ rule }) => rule.actions.signon.requireFactor);
    const weak = mfaRules.flatMap((row) => {
      const signon = row.rule.actions.signon;
      const problems = [
        ...(signon.factorPromptMode && signon.factorPromptMode !== 'ALWAYS'
          ? [`prompts ${signon.factorPromptMode === 'DEVICE' ? 'only on a new device' : 'once per session'}`]
          : []),
        ...(signon.rememberDeviceByDefault ? ['remembers devices by default'] : []),
      ];
      return problems.length ? [{ row, problems }] : [];
    });
    const expected = 'at every sign-in';
    if (weak.length === 0) {
      if (unread.length) return unknown(`The rules of ${nameList(unread.map((p) => p.name))} could not be read.`);
      return compliant({
        actual: 0,
        expected,
        reason: mfaRules.length
          ? `All ${count(mfaRules.length, 'global session rule')} requiring MFA prompt at every sign-in.`
          : 'No active global session rule requires MFA (authentication policies decide it).',
      });
    }
    return shareVerdict(mfaRules.length - weak.length, mfaRules.length, {
      actual: weak.length,
      expected,
      reason: `${count(weak.length, 'global session rule')} ${weak.length === 1 ? 'skips' : 'skip'} MFA on some sign-ins: ${nameList(weak.map(({ row, problems }) => `${row.policy.name} › ${row.rule.name} (${problems.join(', ')})`))}.`,
      ...listAffected(weak.map(({ row, problems }) => ruleEntity(row, problems.join(', ')))),
    });
  },
  remediation: {
    summary: 'Prompt for MFA at every sign-in and stop remembering devices by default.',
    steps: [
      step('Open Security → Global Session Policy and open each listed rule', 'globalSessionPolicy'),
      step('Under "Prompt for MFA", choose At every sign-in', 'globalSessionPolicy', 'factorPromptMode'),
      step('Clear "Remember device for MFA by default"', 'globalSessionPolicy', 'rememberDeviceByDefault'),
      step('Save, then choose Verify in Posture Lens', 'globalSessionPolicy'),
    ],
    references: [references.mfaRequirements, references.policyApi],
  },
});

export const hygieneSessionControls: Control[] = [defaultPoliciesOnly, mfaPromptEverySignIn];
