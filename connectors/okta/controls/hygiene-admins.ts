import { compliant, nonCompliant, partial, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import {
  adminAccounts,
  adminEntity,
  count,
  factorsText,
  lastLoginText,
  listAffected,
  nameList,
  rolesText,
  step,
  type AdminAccount,
} from './hygiene-evidence';

const references = {
  superAdmin: 'https://help.okta.com/okta_help.htm?type=oie&id=ext_superadmin',
  privilegedAccounts: 'https://help.okta.com/okta_help.htm?type=oie&id=ud-privileged-acnt',
  webauthn: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-webauthn',
  fastPass: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-fp-configure',
  roles: 'https://developer.okta.com/docs/api/openapi/okta-management/guides/roles/#standard-roles',
};

const adminSources = ['adminAssignees', 'adminUsers', 'adminRoles', 'adminFactors'] as const;

export const maxSuperAdmins = 4;
/** Factor types that resist phishing: FIDO2/WebAuthn, U2F, and Okta FastPass (`signed_nonce`). */
export const phishingResistantFactors = ['webauthn', 'u2f', 'signed_nonce'];
/** Factors an attacker can intercept, redirect (SIM swap) or guess: never enough on their own for an admin. */
export const weakFactors = ['sms', 'call', 'email', 'question'];

const isSuperAdmin = (admin: AdminAccount) => admin.roles?.includes('SUPER_ADMIN') ?? false;

const superAdminCount = defineOktaControl({
  id: 'OKTA.ADMIN.1v1',
  title: `No more than ${maxSuperAdmins} users are Super Administrators`,
  description:
    'Counts the users who hold the Super Administrator role, directly or through a group, among the admins the IAM ' +
    `role-assignment listing returns. Posture Lens expects ${maxSuperAdmins} or fewer; credit falls as the count grows.`,
  rationale:
    'A Super Administrator can change every policy, create admins and API tokens, and turn off MFA for the whole org. ' +
    'Each extra holder is one more mailbox or laptop whose compromise hands an attacker every application behind Okta, ' +
    'as in the 2023 social-engineering campaigns that reset Super Admin MFA through the help desk.',
  severity: 'high',
  weight: 8,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-6(5)', 'AC-2(7)'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['adminAssignees', 'adminUsers', 'adminRoles'],
  evaluate: (model) => {
    const admins = adminAccounts(model);
    const unread = admins.filter((admin) => admin.roles === undefined);
    const supers = admins.filter(isSuperAdmin);
    const expected = `${maxSuperAdmins} or fewer`;
    const notes = unread.length ? [`The roles of ${nameList(unread.map((a) => a.name))} could not be read.`] : [];
    const names = supers.map((admin) => admin.name);
    if (supers.length > maxSuperAdmins) {
      return partial(maxSuperAdmins / supers.length, {
        actual: supers.length,
        expected,
        reason: `${count(supers.length, 'user')} are Super Administrators, more than the ${maxSuperAdmins} expected: ${nameList(names, supers.length, 5)}.`,
        notes,
        ...listAffected(supers.map((admin) => adminEntity(admin, `${rolesText(admin)} · ${lastLoginText(admin.lastLogin)}`))),
      });
    }
    if (unread.length) {
      return unknown(`${count(supers.length, 'Super Administrator')} found, but ${notes[0]}`, { actual: supers.length, expected, notes });
    }
    if (supers.length === 0) {
      return unknown('No Super Administrator appears in the admin listing; Okta may have filtered it for the scanning admin\'s role.', {
        actual: 0,
        expected,
      });
    }
    return compliant({
      actual: supers.length,
      expected,
      reason: `${count(supers.length, 'user')} ${supers.length === 1 ? 'is a Super Administrator' : 'are Super Administrators'}: ${nameList(names, supers.length, maxSuperAdmins)}.`,
    });
  },
  remediation: {
    summary: `Keep ${maxSuperAdmins} or fewer Super Administrators; give everyone else the narrowest standard or custom role.`,
    steps: [
      step('Open Security → Administrators and filter the Roles tab on Super Administrator', 'administrators'),
      step('For each listed admin who does not need full control, assign a narrower role (for example Org, App or Help Desk Administrator)', 'administrators'),
      step('Remove the Super Administrator assignment, including assignments made through a group', 'administrators', 'roleAssignments'),
      step('Save, then choose Verify in Posture Lens', 'administrators'),
    ],
    references: [references.superAdmin, references.roles],
  },
});

const breakGlassSuperAdmins = defineOktaControl({
  id: 'OKTA.ADMIN.2v1',
  title: 'At least two users are Super Administrators',
  description:
    'Checks that more than one user holds the Super Administrator role, so a lost authenticator or a departure does ' +
    'not leave the org without anyone able to change policies, recover admins or revoke tokens.',
  rationale:
    'With a single Super Administrator, losing that person\'s authenticator during an incident means nobody can revoke ' +
    'a stolen API token or lock out an attacker until Okta Support verifies the org, which can take days.',
  severity: 'low',
  weight: 2,
  metric: 'privileged-access',
  requirement: 'should',
  frameworks: { nist80053: ['CP-2', 'AC-2'] },
  sources: ['adminAssignees', 'adminUsers', 'adminRoles'],
  evaluate: (model) => {
    const admins = adminAccounts(model);
    const supers = admins.filter((admin) => isSuperAdmin(admin) && admin.status === 'ACTIVE');
    const unread = admins.filter((admin) => admin.roles === undefined || admin.status === undefined);
    const names = supers.map((admin) => admin.name);
    if (supers.length >= 2) {
      return compliant({ actual: supers.length, expected: '2 or more', reason: `${count(supers.length, 'active Super Administrator')}: ${nameList(names, supers.length, 4)}.` });
    }
    if (unread.length) {
      return unknown(`${count(supers.length, 'active Super Administrator')} found, but the roles or status of ${nameList(unread.map((a) => a.name))} could not be read.`, {
        actual: supers.length,
        expected: '2 or more',
      });
    }
    return nonCompliant({
      actual: supers.length,
      expected: '2 or more',
      reason: supers.length === 1 ? `${names[0]} is the only active Super Administrator.` : 'No active Super Administrator was found.',
      ...listAffected(supers.map((admin) => adminEntity(admin, 'only Super Administrator'))),
    });
  },
  remediation: {
    summary: 'Give a second, named person the Super Administrator role, protected by phishing-resistant MFA.',
    steps: [
      step('Open Security → Administrators and choose Add administrator', 'administrators'),
      step('Assign Super Administrator to a second trusted person (or a sealed break-glass account with a security key)', 'administrators', 'roleAssignments'),
      step('Save, then choose Verify in Posture Lens', 'administrators'),
    ],
    references: [references.superAdmin],
  },
});

/** Admins whose profile and factors were read, and those that were not. */
function factorCoverage(admins: AdminAccount[]) {
  const active = admins.filter((admin) => admin.status === undefined || admin.status === 'ACTIVE');
  const checked = active.filter((admin) => admin.factors !== undefined && admin.status !== undefined);
  const unread = active.filter((admin) => admin.factors === undefined || admin.status === undefined);
  const notes = unread.length ? [`The factors or status of ${nameList(unread.map((a) => a.name))} could not be read.`] : [];
  return { checked, unread, notes };
}

interface FactorRule {
  id: string;
  title: string;
  description: string;
  rationale: string;
  severity: 'critical' | 'high' | 'medium';
  weight: number;
  nist80053: string[];
  microsoftSecureScore?: string;
  /** True when this admin's active factors are insufficient. */
  fails: (factors: string[]) => boolean;
  problem: string;
  expected: string;
  summary: string;
  enrollStep: string;
}

function adminFactorControl(rule: FactorRule): Control {
  return defineOktaControl({
    id: rule.id,
    title: rule.title,
    description: rule.description,
    rationale: rule.rationale,
    severity: rule.severity,
    weight: rule.weight,
    metric: 'authentication',
    requirement: 'shall',
    frameworks: {
      nist80053: rule.nist80053,
      ...(rule.microsoftSecureScore ? { microsoftSecureScore: rule.microsoftSecureScore } : {}),
      initiatives: ['zero-trust', 'business-email-compromise'],
    },
    sources: adminSources,
    evaluate: (model) => {
      const { checked, unread, notes } = factorCoverage(adminAccounts(model));
      const failing = checked.filter((admin) => rule.fails(admin.factors!));
      const good = checked.length - failing.length;
      if (failing.length === 0) {
        if (unread.length) return unknown(`Every admin checked meets this, but ${notes[0]}`, { notes });
        if (checked.length === 0) return unknown('No active admin was found in the admin listing.', { actual: 0 });
        return compliant({
          actual: 0,
          expected: rule.expected,
          reason: `All ${count(checked.length, 'active admin')} ${rule.expected}.`,
        });
      }
      return shareVerdict(good, checked.length, {
        actual: failing.length,
        expected: rule.expected,
        reason:
          `${failing.length} of ${count(checked.length, 'active admin')} ${rule.problem}: ${nameList(failing.map((a) => a.name))}. ` +
          `${good} of ${checked.length} (${Math.round((good / checked.length) * 100)}%) are enrolled as expected.` +
          (notes.length ? ` ${notes[0]}` : ''),
        notes,
        ...listAffected(failing.map((admin) => adminEntity(admin, `${rolesText(admin)} · enrolled: ${factorsText(admin.factors!)}`))),
      });
    },
    remediation: {
      summary: rule.summary,
      steps: [
        step('Open Security → Authenticators and make sure FIDO2 (WebAuthn) and Okta Verify with FastPass are active', 'authenticators', 'phishingResistantAuthenticators'),
        step(rule.enrollStep, 'people'),
        step('In the Okta Admin Console authentication policy, require a phishing-resistant possession factor', 'authenticationPolicies', 'phishingResistant'),
        step('Save, then choose Verify in Posture Lens', 'administrators'),
      ],
      references: [references.webauthn, references.fastPass, references.privilegedAccounts],
    },
  });
}

const factorRules: FactorRule[] = [
  {
    id: 'OKTA.ADMIN.3v1',
    title: 'Every admin has a phishing-resistant authenticator enrolled',
    description:
      'Checks that every active admin has at least one active phishing-resistant factor (FIDO2/WebAuthn, U2F security ' +
      'key or Okta FastPass). Credit is the share of admins enrolled.',
    rationale:
      'Adversary-in-the-middle kits such as EvilProxy relay a push approval or a one-time code to Okta in real time and ' +
      'steal the admin session cookie. Only origin-bound authenticators defeat them, and an admin can only be required ' +
      'to use one after enrolling it.',
    severity: 'high',
    weight: 8,
    nist80053: ['IA-2(1)', 'IA-2(6)', 'IA-2(8)'],
    fails: (factors) => !factors.some((type) => phishingResistantFactors.includes(type)),
    problem: 'have no phishing-resistant factor',
    expected: 'have a phishing-resistant factor',
    summary: 'Enroll every admin in a FIDO2 security key, platform biometric or Okta FastPass.',
    enrollStep: 'Ask each listed admin to enroll a security key or FastPass (or send an enrollment reset from their People page)',
  },
  {
    id: 'OKTA.ADMIN.4v1',
    title: 'Every admin has a second factor enrolled',
    description:
      'Finds active admins with no active factor at all besides their password. Credit is the share of admins with at ' +
      'least one enrolled factor.',
    rationale:
      'An admin with only a password falls to one phished or reused credential: password spraying and credential ' +
      'stuffing against Okta tenants routinely find such accounts and turn them into full tenant takeovers.',
    severity: 'critical',
    weight: 9,
    nist80053: ['IA-2(1)', 'IA-2(2)'],
    microsoftSecureScore: 'Assign multifactor authentication to Okta privileged user accounts',
    fails: (factors) => factors.length === 0,
    problem: 'have no second factor enrolled',
    expected: 'have a second factor enrolled',
    summary: 'Make every admin enroll a strong second factor before they keep their role.',
    enrollStep: 'Ask each listed admin to enroll a security key or Okta Verify, or remove their admin role until they do',
  },
  {
    id: 'OKTA.ADMIN.5v1',
    title: 'No admin relies only on SMS, voice, email or security-question factors',
    description:
      'Finds active admins whose enrolled factors are all phishable or interceptable (SMS, voice call, email, security ' +
      'question). Admins with no factor at all are reported by OKTA.ADMIN.4v1.',
    rationale:
      'SMS and voice codes are taken over by SIM swapping or relayed by phishing kits, email codes fall with the mailbox, ' +
      'and security answers are guessable from social media: an admin who can only use these is one phone-port away ' +
      'from losing the tenant.',
    severity: 'high',
    weight: 6,
    nist80053: ['IA-2(1)', 'IA-2(8)', 'IA-5'],
    fails: (factors) => factors.length > 0 && factors.every((type) => weakFactors.includes(type)),
    problem: 'rely only on SMS, voice, email or security-question factors',
    expected: 'have a factor stronger than SMS, voice, email or security question',
    summary: 'Enroll each listed admin in a stronger factor, then remove their SMS, voice or question factors.',
    enrollStep: 'Ask each listed admin to enroll a security key or Okta Verify, then reset their SMS, voice and question factors',
  },
];

export const hygieneAdminControls: Control[] = [
  superAdminCount,
  breakGlassSuperAdmins,
  ...factorRules.map(adminFactorControl),
];
