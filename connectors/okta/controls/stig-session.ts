import { compliant, nonCompliant, shareVerdict, unknown, type Control, type Verdict } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { SignOnPolicy, SignOnPolicyRule } from '../model';
import {
  count,
  defaultRuleNote,
  listAffected,
  minutesText,
  nameList,
  references,
  saveAndVerify,
  sessionAllowRules,
  sessionRuleEntity,
  step,
  stigFrameworks,
} from './stig-common';

/*
 * Session limits of the DISA Okta IDaaS STIG: the Global Session Policy (OKTA_SIGN_ON) idle time, lifetime and
 * persistent cookie, and the Okta Admin Console's own idle timeout. The STIG reads the Priority 1 rule of the
 * Default Policy; every active ALLOW rule of every active policy is held to the same limit, because a session
 * started by any of them outlives the limit just the same. Share of compliant rules is the credit.
 */

const gsp = 'globalSessionPolicy' as const;

interface SessionCheck {
  /** The field in Admin Console words. */
  label: string;
  expected: string;
  /** Value of the rule in words. */
  describe: (session: SignOnPolicyRule['actions']['signon']['session']) => string;
  ok: (session: SignOnPolicyRule['actions']['signon']['session']) => boolean;
  risk: string;
}

function evaluateSessionRules(
  signOnPolicies: SignOnPolicy[],
  signOnPolicyRules: Record<string, SignOnPolicyRule[]>,
  check: SessionCheck,
): Verdict {
  const rules = sessionAllowRules(signOnPolicies, signOnPolicyRules);
  const notes = defaultRuleNote(signOnPolicies, signOnPolicyRules);
  if (rules.length === 0) {
    return unknown(
      'No active Global Session Policy rule allows sign-in, so Posture Lens cannot read the session limits users get; open Security → Global Session Policy and check the Priority 1 rule of the Default Policy.',
      { expected: check.expected, notes },
    );
  }
  const failing = rules.filter(({ rule }) => !check.ok(rule.actions.signon.session));
  const good = rules.length - failing.length;
  const values = [...new Set(rules.map(({ rule }) => check.describe(rule.actions.signon.session)))];
  const actual = failing.length === 0 ? values.join(', ') : [...new Set(failing.map(({ rule }) => check.describe(rule.actions.signon.session)))].join(', ');
  const affected = failing.map((ref) => sessionRuleEntity(ref, `"${check.label}": ${check.describe(ref.rule.actions.signon.session)}`));
  const names = failing.map(({ policy, rule }) => `${policy.name} › ${rule.name}`);
  const reason =
    failing.length === 0
      ? `"${check.label}" is ${check.expected} in all ${count(rules.length, 'rule')} that allow sign-in.`
      : `${count(failing.length, 'Global Session Policy rule')} of ${rules.length} (${nameList(names)}) set "${check.label}" to ${actual}, so ${check.risk}.`;
  return shareVerdict(good, rules.length, { actual, expected: check.expected, reason, ...listAffected(affected), notes });
}

export const globalSessionIdle = defineOktaControl({
  id: 'OKTA.STIG.273186v1',
  title: 'Okta global sessions end after 15 minutes of inactivity',
  description:
    'Every active Global Session Policy rule that allows sign-in sets "Maximum Okta global session idle time" to 15 minutes or less ' +
    '(the STIG reads the Priority 1 rule of the Default Policy). Credit is the share of rules that comply.',
  rationale:
    'An unattended browser with a live Okta session gives whoever sits down at it every app the user can reach. ' +
    'A 15-minute idle limit ends the session before a walk-away turns into access.',
  severity: 'medium',
  weight: 5,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273186', 'CAT II', ['AC-11', 'SC-10']),
  sources: ['signOnPolicies', 'signOnPolicyRules'],
  evaluate: ({ signOnPolicies, signOnPolicyRules }) =>
    evaluateSessionRules(signOnPolicies, signOnPolicyRules, {
      label: 'Maximum Okta global session idle time',
      expected: '15 minutes or less',
      describe: (session) => minutesText(session.maxSessionIdleMinutes, 'no idle limit'),
      ok: (session) => session.maxSessionIdleMinutes > 0 && session.maxSessionIdleMinutes <= 15,
      risk: 'an unattended session stays open longer than 15 minutes',
    }),
  remediation: {
    summary: 'Add a Priority 1 rule to the Default Global Session Policy with a 15-minute idle time, and set every other allowing rule to 15 minutes or less.',
    steps: [
      step('Open Security → Global Session Policy and select the Default Policy', gsp),
      step('Choose "Add rule" (or edit the Priority 1 rule that is not "Default Rule") and keep it at Priority 1', gsp),
      step('Set "Maximum Okta global session idle time" to 15 minutes', gsp, 'maxSessionIdle'),
      step('Repeat for every other rule that allows sign-in, including those of other policies', gsp),
      saveAndVerify(gsp),
    ],
    references: [references.globalSessionPolicy, references.sessionLifetime, references.stigViewer],
  },
});

export const adminConsoleIdle = defineOktaControl({
  id: 'OKTA.STIG.273187v1',
  title: 'Okta Admin Console sessions end after 15 minutes of inactivity',
  description:
    'The Okta Admin Console app\'s "Maximum app session idle time" is 15 minutes or less. Okta returns this setting to Super Admins only.',
  rationale:
    'An idle Admin Console tab is the most valuable session in the org: it can change policies, reset factors and grant roles. ' +
    'Ending it after 15 idle minutes limits what a borrowed or hijacked browser can do.',
  severity: 'high',
  weight: 6,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273187', 'CAT II', ['AC-11']),
  sources: ['adminConsoleSettings'],
  evaluate: ({ adminConsoleSettings }) => {
    const minutes = adminConsoleSettings.sessionIdleTimeoutMinutes;
    const actual = minutesText(minutes, 'no idle limit');
    const expected = '15 minutes or less';
    return minutes > 0 && minutes <= 15
      ? compliant({ actual, expected, reason: `"Maximum app session idle time" of the Okta Admin Console is ${actual}.` })
      : nonCompliant({
          actual,
          expected,
          reason: `"Maximum app session idle time" of the Okta Admin Console is ${actual}, so an unattended admin session stays open longer than 15 minutes.`,
          affected: [{ id: 'saasure', name: 'Okta Admin Console', kind: 'Application', detail: `Maximum app session idle time: ${actual}` }],
        });
  },
  remediation: {
    summary: 'Set the Okta Admin Console\'s maximum app session idle time to 15 minutes.',
    steps: [
      step('Open Applications → Applications and select "Okta Admin Console"', 'applications'),
      step('On the Sign On tab, under "Okta Admin Console session", choose Edit', 'applications'),
      step('Set "Maximum app session idle time" to 15 minutes', 'applications', 'adminConsoleIdle'),
      saveAndVerify('applications'),
    ],
    references: [references.adminConsoleSession, references.stigViewer],
  },
});

export const globalSessionLifetime = defineOktaControl({
  id: 'OKTA.STIG.273203v1',
  title: 'Okta global sessions last at most 18 hours',
  description:
    'Every active Global Session Policy rule that allows sign-in sets "Maximum Okta global session lifetime" to 18 hours or less ' +
    '("No time limit" fails). Credit is the share of rules that comply.',
  rationale:
    'Without a lifetime limit a session that stays busy never ends: a stolen session cookie keeps working for days. ' +
    'An 18-hour cap forces a fresh authentication at least once a working day.',
  severity: 'medium',
  weight: 5,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273203', 'CAT II', ['IA-11']),
  sources: ['signOnPolicies', 'signOnPolicyRules'],
  evaluate: ({ signOnPolicies, signOnPolicyRules }) =>
    evaluateSessionRules(signOnPolicies, signOnPolicyRules, {
      label: 'Maximum Okta global session lifetime',
      expected: '18 hours or less',
      describe: (session) => minutesText(session.maxSessionLifetimeMinutes, 'no time limit'),
      ok: (session) => session.maxSessionLifetimeMinutes > 0 && session.maxSessionLifetimeMinutes <= 1080,
      risk: 'a session (or a stolen session cookie) stays valid for longer than 18 hours',
    }),
  remediation: {
    summary: 'Limit the global session lifetime to 18 hours in the Priority 1 rule of the Default Global Session Policy and every other allowing rule.',
    steps: [
      step('Open Security → Global Session Policy and select the Default Policy', gsp),
      step('Edit the Priority 1 rule that is not "Default Rule" (or choose "Add rule")', gsp),
      step('Under "Maximum Okta global session lifetime", choose "Set time limit" and enter 18 hours', gsp, 'maxSessionLifetime'),
      step('Repeat for every other rule that allows sign-in', gsp),
      saveAndVerify(gsp),
    ],
    references: [references.globalSessionPolicy, references.sessionLifetime, references.stigViewer],
  },
});

export const noPersistentSessionCookies = defineOktaControl({
  id: 'OKTA.STIG.273206v1',
  title: 'Okta global session cookies do not persist across browser sessions',
  description:
    'Every active Global Session Policy rule that allows sign-in sets "Okta global session cookies persist across browser sessions" to Disabled. ' +
    'Credit is the share of rules that comply.',
  rationale:
    'A persistent session cookie survives closing the browser, so the next person to open it on a shared or lost device is signed in. ' +
    'Session-only cookies end the Okta session when the browser closes.',
  severity: 'medium',
  weight: 4,
  metric: 'session-management',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273206', 'CAT II', ['IA-5(13)', 'IA-2(8)']),
  sources: ['signOnPolicies', 'signOnPolicyRules'],
  evaluate: ({ signOnPolicies, signOnPolicyRules }) =>
    evaluateSessionRules(signOnPolicies, signOnPolicyRules, {
      label: 'Okta global session cookies persist across browser sessions',
      expected: 'Disabled',
      describe: (session) => (session.usePersistentCookie ? 'Enabled' : 'Disabled'),
      ok: (session) => session.usePersistentCookie === false,
      risk: 'the Okta session survives closing the browser',
    }),
  remediation: {
    summary: 'Disable persistent global session cookies in every Global Session Policy rule that allows sign-in.',
    steps: [
      step('Open Security → Global Session Policy and select the Default Policy', gsp),
      step('Edit the Priority 1 rule that is not "Default Rule" (or choose "Add rule")', gsp),
      step('Set "Okta global session cookies persist across browser sessions" to Disabled', gsp, 'persistentCookie'),
      step('Repeat for every other rule that allows sign-in', gsp),
      saveAndVerify(gsp),
    ],
    references: [references.globalSessionPolicy, references.stigViewer],
  },
});

export const stigSessionControls: Control[] = [globalSessionIdle, adminConsoleIdle, globalSessionLifetime, noPersistentSessionCookies];
