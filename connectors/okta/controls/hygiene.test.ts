import { describe, expect, it } from 'vitest';
import { controlIdPattern, metricIds } from '@/utils/controls';
import { evaluateOkta, malformedFor } from '../fixtures/hygiene';
import { adminConsolePages } from '../pages';
import { hygieneAdminAccountControls } from './hygiene-admin-accounts';
import { hygieneAdminControls } from './hygiene-admins';
import { hygieneAuthenticatorControls } from './hygiene-authenticators';
import { hygieneIntegrationControls } from './hygiene-integrations';
import { hygieneOrgControls } from './hygiene-org';
import { hygieneSessionControls } from './hygiene-sessions';
import { hygieneThreatControls } from './hygiene-threats';
import { hygieneTokenControls } from './hygiene-tokens';
import { thirdPartyControls } from './third-party';

const all = [
  ...hygieneAdminControls,
  ...hygieneAdminAccountControls,
  ...hygieneTokenControls,
  ...hygieneThreatControls,
  ...hygieneAuthenticatorControls,
  ...hygieneSessionControls,
  ...hygieneIntegrationControls,
  ...hygieneOrgControls,
  ...thirdPartyControls,
];

const weightRange = { critical: [9, 10], high: [6, 8], medium: [3, 6], low: [1, 3], info: [0, 1] } as const;
const msTitles = [
  'Enable multi-factor authentication',
  'Enable session timeout for web users',
  'Enhance password requirements',
  'Assign multifactor authentication to Okta privileged user accounts',
  'Change password for Okta privileged user accounts',
];

describe('Okta hygiene catalog', () => {
  it('has at least 18 controls with unique, well-formed ids', () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(controlIdPattern);
      expect(id).toMatch(/^OKTA\.(ADMIN|TOKEN|THREAT|AUTHN|SESS|NET|APP|IDP|LOG|USER|ORG|OAUTH)\.\d+v1$/);
    }
  });

  it.each(all.map((c) => [c.id, c] as const))('%s is complete and consistent', (_id, c) => {
    expect(metricIds).toContain(c.metric);
    const [low, high] = weightRange[c.severity];
    expect(c.weight).toBeGreaterThanOrEqual(low);
    expect(c.weight).toBeLessThanOrEqual(high);
    expect(c.description.length).toBeGreaterThan(40);
    expect(c.rationale.length).toBeGreaterThan(60);
    expect(c.frameworks.nist80053?.length).toBeGreaterThan(0);
    if (c.frameworks.microsoftSecureScore) expect(msTitles).toContain(c.frameworks.microsoftSecureScore);
    expect(c.remediation.steps.length).toBeGreaterThanOrEqual(2);
    for (const step of c.remediation.steps) {
      expect(Object.keys(adminConsolePages)).toContain(step.page);
      if (step.anchor) expect(step.anchor).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    expect(c.remediation.steps.at(-1)!.text).toMatch(/then choose Verify in Posture Lens$/);
    expect(c.remediation.references.length).toBeGreaterThan(0);
    for (const reference of c.remediation.references) expect(reference).toMatch(/^https:\/\/(help|developer)\.okta\.com\//);
  });

  it.each(all.map((c) => [c.id, c] as const))('%s is compliant on the well-configured org', (_id, c) => {
    const verdict = evaluateOkta(c);
    expect(verdict.status, verdict.reason).toBe('compliant');
    expect(verdict.reason.length).toBeGreaterThan(10);
  });

  it.each(all.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const verdict = evaluateOkta(c, malformedFor(c));
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toMatch(/cannot read/);
  });

  it.each(all.map((c) => [c.id, c] as const))('%s is unknown, never compliant, when Okta refuses its data', (_id, c) => {
    const refused = { kind: 'forbidden' as const, status: 403, code: 'E0000006', message: 'needs Super Admin' };
    const errors = Object.fromEntries(c.sources.filter((s) => s !== 'scanTime').map((s) => [s, refused]));
    const verdict = evaluateOkta(c, {}, errors);
    expect(verdict.status).toBe('unknown');
  });
});
