import { describe, expect, it } from 'vitest';
import { brand, ids, lifecyclePolicy, lifecyclePolicyRule, signInPage } from '../fixtures/payloads';
import { runStig } from '../fixtures/stig';
import { dodNoticeAndConsentBanner, inactiveAccountsDisabled } from './stig-account';

describe('OKTA.STIG.273188v1 inactive accounts suspended', () => {
  const automation = (policy: Record<string, unknown>, rule: Record<string, unknown> = {}) => ({
    lifecyclePolicies: [lifecyclePolicy(policy)],
    lifecyclePolicyRules: { [ids.lifecyclePolicy]: [lifecyclePolicyRule(rule)] },
  });

  it('is compliant with the 35-day automation, naming it, and leaves the group and schedule to check', () => {
    const verdict = runStig(inactiveAccountsDisabled);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('"Suspend after 35 days of inactivity"');
    expect(verdict.notes.join(' ')).toContain('Everyone');
  });

  it('accepts weeks and a shorter period', () => {
    expect(runStig(inactiveAccountsDisabled, automation({ conditions: { people: { users: { inactivity: { number: 4, unit: 'WEEKS' } } } } })).status).toBe('compliant');
  });

  it.each([
    ['a 90-day condition', { conditions: { people: { users: { inactivity: { number: 90, unit: 'DAYS' } } } } }, {}, 'inactivity of 90 days'],
    ['an inactive automation', { status: 'INACTIVE' }, {}, 'the automation is inactive'],
    ['no inactivity condition', { conditions: { people: { users: { inactivity: null } } } }, {}, 'no "User Inactivity in Okta" condition'],
    ['a month unit it cannot compare', { conditions: { people: { users: { inactivity: { number: 1, unit: 'MONTHS' } } } } }, {}, 'a unit Posture Lens cannot compare'],
    ['no group', { conditions: { people: { groups: { include: [] } } } }, {}, 'it applies to no group'],
    ['an action that only notifies', {}, { actions: { updateUserLifecycle: null } }, 'no "Change user lifecycle state" action'],
    ['an action to a non-disabling state', {}, { actions: { updateUserLifecycle: { targetStatus: 'ACTIVE' } } }, 'not Suspended'],
  ] as const)('is non-compliant with %s, naming the automation', (_case, policy, rule, problem) => {
    const verdict = runStig(inactiveAccountsDisabled, automation(policy, rule));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('"Suspend after 35 days of inactivity"');
    expect(verdict.affected[0]).toMatchObject({ id: ids.lifecyclePolicy, kind: 'Automation' });
    expect(verdict.affected[0]!.detail).toContain(problem);
  });

  it('is non-compliant without any automation and mentions the external-directory exception', () => {
    const verdict = runStig(inactiveAccountsDisabled, { lifecyclePolicies: [], lifecyclePolicyRules: {} });
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'no automation' });
    expect(verdict.notes.join(' ')).toContain('external directory');
  });

  it('is an error when the inactivity number is not a number', () => {
    expect(runStig(inactiveAccountsDisabled, automation({ conditions: { people: { users: { inactivity: { number: '35', unit: 'DAYS' } } } } })).status).toBe('error');
  });
});

describe('OKTA.STIG.273192v1 DoD Notice and Consent Banner', () => {
  const second = 'bnd1partnerBrand00h7';

  it('is compliant when the sign-in page shows the banner, and asks for a visual check of the full text', () => {
    const verdict = runStig(dodNoticeAndConsentBanner);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('"Acme"');
    expect(verdict.notes.join(' ')).toContain('complete');
  });

  it('finds the banner across markup and line breaks', () => {
    const pageContent = '<p>You are accessing a <b>U.S. Government</b>\n (USG) Information&nbsp;System (IS) that is provided…</p>';
    expect(runStig(dodNoticeAndConsentBanner, { signInPages: { [ids.brand]: signInPage({ pageContent }) } }).status).toBe('compliant');
  });

  it('is non-compliant on the default page, naming the brand', () => {
    const verdict = runStig(dodNoticeAndConsentBanner, { signInPages: { [ids.brand]: { widgetVersion: '^7' } } });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.affected[0]).toMatchObject({ id: ids.brand, name: 'Acme', detail: 'Default page (no banner)' });
  });

  it('gives partial credit when one of two brands lacks it', () => {
    const verdict = runStig(dodNoticeAndConsentBanner, {
      brands: [brand(), brand({ id: second, name: 'Partner portal', isDefault: false })],
      signInPages: { [ids.brand]: signInPage(), [second]: signInPage({ pageContent: '<html><body>Welcome</body></html>' }) },
    });
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).toContain('"Partner portal"');
    expect(verdict.affected[0]!.detail).toBe('Customized page without the banner');
  });

  it('is unknown without any brand', () => {
    expect(runStig(dodNoticeAndConsentBanner, { brands: [], signInPages: {} }).status).toBe('unknown');
  });

  it('is an error when page content is not text', () => {
    expect(runStig(dodNoticeAndConsentBanner, { signInPages: { [ids.brand]: { pageContent: 42 } } }).status).toBe('error');
  });
});
