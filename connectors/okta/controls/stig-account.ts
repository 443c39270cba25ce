import { compliant, nonCompliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { LifecyclePolicy, LifecyclePolicyRule } from '../model';
import { byPriority, count, listAffected, nameList, references, saveAndVerify, step, stigFrameworks } from './stig-common';

/*
 * Account lifecycle and access notice requirements of the DISA Okta IDaaS STIG: the Workflow → Automations
 * inactivity automation (V-273188) and the DoD Notice and Consent Banner on the sign-in page (V-273192).
 */

const unitDays: Record<string, number> = { DAYS: 1, DAY: 1, WEEKS: 7, WEEK: 7 };
/** Actions that take an inactive account out of use: Suspended (what the STIG asks) or Deactivated. */
const disablingStatuses = new Set(['SUSPENDED', 'DEPROVISIONED', 'DEACTIVATED']);

interface AutomationFinding {
  policy: LifecyclePolicy;
  problems: string[];
  days?: number;
}

function reviewAutomation(policy: LifecyclePolicy, rules: LifecyclePolicyRule[] | undefined): AutomationFinding {
  const problems: string[] = [];
  const inactivity = policy.conditions?.people?.users?.inactivity;
  const days = inactivity ? (unitDays[inactivity.unit.toUpperCase()] ?? Number.NaN) * inactivity.number : undefined;
  if (policy.status !== 'ACTIVE') problems.push('the automation is inactive');
  if (!inactivity) problems.push('no "User Inactivity in Okta" condition');
  else if (Number.isNaN(days)) problems.push(`inactivity of ${inactivity.number} ${inactivity.unit.toLowerCase()}, a unit Posture Lens cannot compare`);
  else if (days! > 35) problems.push(`inactivity of ${count(days!, 'day')} (more than 35)`);
  const action = byPriority(rules ?? []).find((rule) => rule.actions?.updateUserLifecycle?.targetStatus);
  const target = action?.actions?.updateUserLifecycle?.targetStatus.toUpperCase();
  if (!target) problems.push('no "Change user lifecycle state" action');
  else if (!disablingStatuses.has(target)) problems.push(`the action changes users to ${target.toLowerCase()}, not Suspended`);
  if ((policy.conditions?.people?.groups?.include ?? []).length === 0) problems.push('it applies to no group');
  return { policy, problems, days: Number.isNaN(days) ? undefined : days };
}

export const inactiveAccountsDisabled = defineOktaControl({
  id: 'OKTA.STIG.273188v1',
  title: 'Accounts are suspended after 35 days of inactivity',
  description:
    'An active Workflow → Automations automation has the condition "User Inactivity in Okta" of 35 days or less, applies to a group ' +
    '(the STIG asks for Everyone) and changes the user lifecycle state to Suspended. Not applicable when users come from an external ' +
    'directory that disables them itself.',
  rationale:
    'Dormant accounts belong to people who have left or changed roles; nobody notices when an attacker signs in with one. ' +
    'Suspending them after 35 days removes that foothold automatically.',
  severity: 'medium',
  weight: 5,
  metric: 'account-lifecycle',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273188', 'CAT II', ['AC-2(3)', 'IA-4']),
  sources: ['lifecyclePolicies', 'lifecyclePolicyRules'],
  evaluate: ({ lifecyclePolicies, lifecyclePolicyRules }) => {
    const expected = 'active automation: inactive 35 days → Suspended';
    const reviewed = lifecyclePolicies.map((policy) => reviewAutomation(policy, lifecyclePolicyRules[policy.id]));
    const good = reviewed.find((finding) => finding.problems.length === 0);
    const directoryNote = 'If users are sourced from an external directory, this requirement is not applicable and that directory must disable inactive accounts.';
    if (good) {
      return compliant({
        actual: `"${good.policy.name}" (${count(good.days!, 'day')})`,
        expected,
        reason: `The automation "${good.policy.name}" suspends users after ${count(good.days!, 'day')} without a sign-in.`,
        notes: ['Check on Workflow → Automations that it applies to the group Everyone and runs daily; the API does not show the group name or schedule.'],
      });
    }
    if (reviewed.length === 0) {
      return nonCompliant({
        actual: 'no automation',
        expected,
        reason: 'No Workflow automation suspends inactive users, so accounts stay usable however long they go unused.',
        notes: [directoryNote],
      });
    }
    const affected: AffectedEntity[] = reviewed.map(({ policy, problems }) => ({
      id: policy.id,
      name: policy.name,
      kind: 'Automation',
      detail: problems.join('; '),
    }));
    return nonCompliant({
      actual: reviewed.map(({ policy, problems }) => `"${policy.name}": ${problems[0]}`).join(', '),
      expected,
      reason: `No automation suspends users after 35 days of inactivity: ${reviewed.map(({ policy, problems }) => `"${policy.name}" has ${problems.join(', ')}`).join('; ')}.`,
      ...listAffected(affected),
      notes: [directoryNote],
    });
  },
  remediation: {
    summary: 'Create and activate an automation that suspends users after 35 days without a sign-in, daily, for Everyone.',
    steps: [
      step('Open Workflow → Automations and choose "Add Automation" (name it, e.g., "User Inactivity")', 'automations'),
      step('Choose "Add Condition" → "User Inactivity in Okta" and enter 35 days', 'automations', 'inactivityCondition'),
      step('Set "Select Schedule" to Run Daily at a time the organization defines', 'automations', 'schedule'),
      step('Set "Applies to" to the group Everyone', 'automations', 'appliesTo'),
      step('Choose "Add Action" → "Change user lifecycle state in Okta" and select Suspended', 'automations', 'lifecycleAction'),
      step('Choose Inactive → Activate at the top of the automation', 'automations'),
      saveAndVerify('automations'),
    ],
    references: [references.automations, references.stigViewer],
  },
});

/** The opening sentence of the Standard Mandatory DoD Notice and Consent Banner (DoDI 8500.01). */
export const dodBannerOpening = 'You are accessing a U.S. Government (USG) Information System (IS)';

const normalise = (text: string) =>
  text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();

export const dodNoticeAndConsentBanner = defineOktaControl({
  id: 'OKTA.STIG.273192v1',
  title: 'The sign-in page shows the DoD Notice and Consent Banner',
  description:
    'The sign-in page of every brand shows the Standard Mandatory DoD Notice and Consent Banner. Posture Lens looks for the banner\'s ' +
    'opening sentence in each brand\'s sign-in page content; its full wording is checked by signing in. Credit is the share of brands that show it.',
  rationale:
    'DoD systems must tell users, before granting access, that they are on a U.S. Government system subject to monitoring; without the ' +
    'notice, consent to monitoring and the legal basis for acting on misuse are in doubt.',
  severity: 'medium',
  weight: 3,
  metric: 'platform-hardening',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273192', 'CAT II', ['AC-8']),
  sources: ['brands', 'signInPages'],
  evaluate: ({ brands, signInPages }) => {
    const expected = 'DoD Notice and Consent Banner on every sign-in page';
    if (brands.length === 0) {
      return unknown('Okta returned no brand, so Posture Lens could not read a sign-in page; sign in to the org and check that the DoD banner is shown.', {
        expected,
      });
    }
    const wanted = normalise(dodBannerOpening);
    const missing = brands.filter((brand) => !normalise(signInPages[brand.id]?.pageContent ?? '').includes(wanted));
    const name = (brand: { id: string; name?: string }) => brand.name ?? brand.id;
    const notes = ['Sign in once to check that the banner text is complete and that users must acknowledge it before signing in.'];
    return shareVerdict(brands.length - missing.length, brands.length, {
      actual: missing.length === 0 ? 'banner shown' : `banner missing on ${count(missing.length, 'sign-in page')}`,
      expected,
      reason:
        missing.length === 0
          ? `The sign-in page of ${brands.length === 1 ? `the brand "${name(brands[0]!)}"` : `all ${brands.length} brands`} shows the DoD Notice and Consent Banner.`
          : `The sign-in page of ${nameList(missing.map(name))} does not show the DoD Notice and Consent Banner, so users are not told they are on a monitored U.S. Government system.`,
      notes,
      ...listAffected(
        missing.map((brand) => ({
          id: brand.id,
          name: name(brand),
          kind: 'Brand sign-in page',
          detail: signInPages[brand.id]?.pageContent ? 'Customized page without the banner' : 'Default page (no banner)',
        })),
      ),
    });
  },
  remediation: {
    summary: 'Add the Standard Mandatory DoD Notice and Consent Banner to the sign-in page, as the "Okta DOD Warning Banner Configuration Guide" of the STIG package describes.',
    steps: [
      step('Open Customizations → Brands, select each brand and open its sign-in page', 'customizations'),
      step('In the sign-in page code editor, add the full DoD Notice and Consent Banner text as the configuration guide shipped with the STIG describes', 'customizations', 'signInPageContent'),
      step('Publish the page, sign in from a private window and check that the banner is shown in full', 'customizations'),
      saveAndVerify('customizations'),
    ],
    references: [references.signInPage, references.stig, references.stigViewer],
  },
});

export const stigAccountControls: Control[] = [inactiveAccountsDisabled, dodNoticeAndConsentBanner];
