import { notApplicable, shareVerdict, unknown, type Control, type MetricId, type Severity } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { PasswordPolicy } from '../model';
import {
  count,
  isDirectoryPasswordPolicy,
  listAffected,
  minutesText,
  nameList,
  references,
  saveAndVerify,
  step,
  stigFrameworks,
} from './stig-common';

/*
 * Password policy settings of the DISA Okta IDaaS STIG (Security → Authenticators → Password, "for each listed
 * policy"). Every active password policy whose passwords Okta enforces is checked; policies of an Active Directory
 * or LDAP provider follow that directory's own policy (the STIG's "not applicable" case) and are only noted.
 * Credit is the share of policies that comply.
 */

const page = 'passwordPolicies' as const;
type PasswordSettings = PasswordPolicy['settings']['password'];

interface PasswordRow {
  vulnId: string;
  nist: string[];
  title: string;
  description: string;
  rationale: string;
  severity: Severity;
  weight: number;
  metric?: MetricId;
  /** The setting in Admin Console words. */
  label: string;
  anchor: string;
  expected: string;
  describe: (settings: PasswordSettings) => string;
  ok: (settings: PasswordSettings) => boolean;
  risk: string;
  fix: string;
}

const checked = (value: boolean) => (value ? 'checked' : 'not checked');

function passwordControl(row: PasswordRow): Control {
  return defineOktaControl({
    id: `OKTA.STIG.${row.vulnId.slice(2)}v1`,
    title: row.title,
    description: `${row.description} Every active password policy Okta enforces is checked; credit is the share that comply.`,
    rationale: row.rationale,
    severity: row.severity,
    weight: row.weight,
    metric: row.metric ?? 'password-policy',
    requirement: 'shall',
    frameworks: stigFrameworks(row.vulnId, 'CAT II', row.nist),
    sources: ['passwordPolicies'],
    evaluate: ({ passwordPolicies }) => {
      const active = passwordPolicies.filter((policy) => policy.status === 'ACTIVE');
      const directory = active.filter(isDirectoryPasswordPolicy);
      const okta = active.filter((policy) => !isDirectoryPasswordPolicy(policy));
      const notes =
        directory.length > 0
          ? [
              `${nameList(directory.map((p) => p.name))} ${directory.length === 1 ? 'applies' : 'apply'} to users of an external directory, whose own password policy must meet this requirement.`,
            ]
          : [];
      if (okta.length === 0) {
        if (directory.length > 0) {
          return notApplicable('Every active password policy belongs to an external directory (Active Directory or LDAP), which enforces passwords itself.', {
            expected: row.expected,
            notes,
          });
        }
        return unknown('Okta returned no active password policy, so Posture Lens cannot tell which password rules apply; check Security → Authenticators → Password by hand.', {
          expected: row.expected,
        });
      }
      const failing = okta.filter((policy) => !row.ok(policy.settings.password));
      const describe = (policy: PasswordPolicy) => row.describe(policy.settings.password);
      const actual = [...new Set((failing.length ? failing : okta).map(describe))].join(', ');
      const reason =
        failing.length === 0
          ? `"${row.label}" is ${row.expected} in ${okta.length === 1 ? `the active password policy "${okta[0]!.name}"` : `all ${okta.length} active password policies`}.`
          : `${nameList(failing.map((p) => p.name))} (${count(failing.length, 'password policy', 'password policies')} of ${okta.length}) ${failing.length === 1 ? 'has' : 'have'} "${row.label}" ${actual}, so ${row.risk}.`;
      return shareVerdict(okta.length - failing.length, okta.length, {
        actual,
        expected: row.expected,
        reason,
        notes,
        ...listAffected(failing.map((policy) => ({ id: policy.id, name: policy.name, kind: 'Password policy', detail: `"${row.label}": ${describe(policy)}` }))),
      });
    },
    remediation: {
      summary: row.fix,
      steps: [
        step('Open Security → Authenticators, then choose Actions → Edit next to Password', page),
        step('Choose Edit on each listed password policy', page),
        step(`Set "${row.label}" to ${row.expected}`, page, row.anchor),
        saveAndVerify(page),
      ],
      references: [references.passwordAuthenticator, references.policyApi, references.stigViewer],
    },
  });
}

const characterRow = (
  vulnId: string,
  which: 'upper case letter' | 'lower case letter' | 'number' | 'symbol',
  label: string,
  anchor: string,
  read: (s: PasswordSettings) => number,
): PasswordRow => ({
  vulnId,
  nist: ['IA-5(1)'],
  title: `Passwords contain at least one ${which}`,
  description: `Every password policy has "${label}" checked.`,
  rationale:
    `Requiring a ${which} widens the character set an attacker must search. DoD policy mandates it for every password Okta ` +
    'accepts, so that a policy missing it does not let users choose weaker passwords than the rest of the org.',
  severity: 'medium',
  weight: 3,
  label,
  anchor,
  expected: 'checked',
  describe: (s) => checked(read(s) >= 1),
  ok: (s) => read(s) >= 1,
  risk: `passwords without a ${which} are accepted`,
  fix: `Check "${label}" in every password policy.`,
});

export const passwordControlRows: PasswordRow[] = [
  {
    vulnId: 'V-273189',
    nist: ['AC-7'],
    title: 'Accounts lock after 3 failed sign-in attempts',
    description: 'Every password policy has "Lock out after N unsuccessful attempts" checked with N of 3 or fewer.',
    rationale:
      'Without a low lockout threshold an attacker can try password after password against an account. Three attempts ' +
      'stops online guessing and password spraying while leaving room for typos.',
    severity: 'high',
    weight: 6,
    label: 'Lock out after N unsuccessful attempts',
    anchor: 'lockoutAttempts',
    expected: '3 or fewer attempts',
    describe: (s) => (s.lockout.maxAttempts === 0 ? 'not checked (no lockout)' : count(s.lockout.maxAttempts, 'attempt')),
    ok: (s) => s.lockout.maxAttempts >= 1 && s.lockout.maxAttempts <= 3,
    risk: 'attackers get more guesses before the account locks',
    fix: 'Lock accounts out after 3 unsuccessful attempts in every password policy.',
  },
  {
    vulnId: 'V-273195',
    nist: ['IA-5(1)'],
    title: 'Passwords are at least 15 characters long',
    description: 'Every password policy has "Minimum Length" of 15 characters or more.',
    rationale:
      'Length is what makes a password resist offline cracking and guessing. DoD requires 15 characters for passwords ' +
      'that protect access to its systems.',
    severity: 'high',
    weight: 6,
    label: 'Minimum Length',
    anchor: 'minimumLength',
    expected: '15 or more characters',
    describe: (s) => count(s.complexity.minLength, 'character'),
    ok: (s) => s.complexity.minLength >= 15,
    risk: 'short passwords are easier to guess or crack',
    fix: 'Raise "Minimum Length" to 15 characters or more in every password policy.',
  },
  characterRow('V-273196', 'upper case letter', 'Upper case letter', 'upperCase', (s) => s.complexity.minUpperCase),
  characterRow('V-273197', 'lower case letter', 'Lower case letter', 'lowerCase', (s) => s.complexity.minLowerCase),
  characterRow('V-273198', 'number', 'Number (0-9)', 'number', (s) => s.complexity.minNumber),
  characterRow('V-273199', 'symbol', 'Symbol (e.g., !@#$%^&*)', 'symbol', (s) => s.complexity.minSymbol),
  {
    vulnId: 'V-273200',
    nist: ['IA-5(1)'],
    title: 'Passwords cannot be changed again within 24 hours',
    description: 'Every password policy has "Minimum password age" of 24 hours or more.',
    rationale:
      'Without a minimum age a user can change a password several times in a row and cycle straight back to the old one, ' +
      'defeating password history.',
    severity: 'medium',
    weight: 3,
    label: 'Minimum password age',
    anchor: 'minimumPasswordAge',
    expected: '24 hours or more',
    describe: (s) => minutesText(s.age.minAgeMinutes, 'no minimum'),
    ok: (s) => s.age.minAgeMinutes >= 1440,
    risk: 'users can cycle through passwords to reuse an old one',
    fix: 'Set "Minimum password age" to at least 24 hours in every password policy.',
  },
  {
    vulnId: 'V-273201',
    nist: ['IA-5(1)'],
    title: 'Passwords expire after at most 60 days',
    description: 'Every password policy has "Password expires after" set, to 60 days or less.',
    rationale:
      'A password that never expires stays valid for as long as an attacker holds it. DoD caps password lifetime at 60 days.',
    severity: 'medium',
    weight: 4,
    label: 'Password expires after',
    anchor: 'passwordExpires',
    expected: '60 days or less',
    describe: (s) => (s.age.maxAgeDays === 0 ? 'never' : count(s.age.maxAgeDays, 'day')),
    ok: (s) => s.age.maxAgeDays >= 1 && s.age.maxAgeDays <= 60,
    risk: 'a stolen password stays usable for longer',
    fix: 'Set "Password expires after" to 60 days in every password policy.',
  },
  {
    vulnId: 'V-273208',
    nist: ['IA-5(1)'],
    title: 'Passwords are checked against a list of common passwords',
    description: 'Every password policy has "Common Password Check" checked.',
    rationale:
      'Passwords that meet length and complexity rules, such as "Password123!", are still the first ones attackers try. ' +
      'The common password check rejects them at the moment they are chosen.',
    severity: 'medium',
    weight: 5,
    label: 'Common Password Check',
    anchor: 'commonPasswordCheck',
    expected: 'checked',
    describe: (s) => checked(s.complexity.dictionary?.common?.exclude === true),
    ok: (s) => s.complexity.dictionary?.common?.exclude === true,
    risk: 'commonly used and breached passwords are accepted',
    fix: 'Check "Common Password Check" in every password policy.',
  },
  {
    vulnId: 'V-273209',
    nist: ['IA-5(1)'],
    title: 'The last 5 passwords cannot be reused',
    description: 'Every password policy has "Enforce password history for last N passwords" with N of 5 or more.',
    rationale:
      'Without history users reset an expired or compromised password straight back to the old one, so the password an attacker ' +
      'already knows keeps working.',
    severity: 'medium',
    weight: 4,
    label: 'Enforce password history for last N passwords',
    anchor: 'passwordHistory',
    expected: '5 or more passwords',
    describe: (s) => (s.age.historyCount === 0 ? 'not checked (no history)' : count(s.age.historyCount, 'password')),
    ok: (s) => s.age.historyCount >= 5,
    risk: 'users can go back to a recent, possibly compromised, password',
    fix: 'Enforce a password history of at least 5 passwords in every password policy.',
  },
];

export const stigPasswordControls: Control[] = passwordControlRows.map(passwordControl);
