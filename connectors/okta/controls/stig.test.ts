import { describe, expect, it } from 'vitest';
import { controlIdPattern, metricIds } from '@/utils/controls';
import { forbiddenError } from '../fixtures/payloads';
import { runStig } from '../fixtures/stig';
import type { OktaSourceId } from '../model';
import { adminConsolePages } from '../pages';
import { allowedSeverities, stigControlId, type StigCategory } from './stig-common';
import { oktaStigControls, stigV1R2VulnIds } from './stig';

/** Controls whose requirement the API cannot fully decide: unknown on the compliant org, with a manual check. */
const manualOnCompliantOrg = new Set(['OKTA.STIG.273207v1']);

const weightBands: Record<string, [number, number]> = { critical: [9, 10], high: [6, 8], medium: [3, 6], low: [1, 3] };

describe('DISA Okta IDaaS STIG V1R2 catalog', () => {
  it('has exactly one control per Vuln ID, all 29', () => {
    const vulnIds = oktaStigControls.map((control) => control.frameworks.stig?.vulnId);
    expect(vulnIds).toHaveLength(29);
    expect(new Set(vulnIds).size).toBe(29);
    expect([...vulnIds].sort()).toEqual([...stigV1R2VulnIds].sort());
    expect(oktaStigControls.map((control) => control.id)).toEqual(stigV1R2VulnIds.map(stigControlId));
  });

  it('tags the three CAT I requirements of V1R2 as CAT I and the rest as CAT II (reference/okta/stig-v1r2.json)', () => {
    const catI = oktaStigControls.filter((control) => control.frameworks.stig?.severity === 'CAT I').map((control) => control.id);
    expect(catI).toEqual(['OKTA.STIG.273193v1', 'OKTA.STIG.273194v1', 'OKTA.STIG.273202v1']);
    expect(oktaStigControls.filter((control) => control.frameworks.stig?.severity === 'CAT II')).toHaveLength(26);
  });

  describe.each(oktaStigControls.map((control) => [control.id, control] as const))('%s', (id, control) => {
    const stig = control.frameworks.stig!;

    it('is well formed: id, CAT-consistent severity and weight, metric, SHALL, NIST', () => {
      expect(id).toMatch(controlIdPattern);
      expect(id).toBe(stigControlId(stig.vulnId));
      expect(allowedSeverities[stig.severity as StigCategory]).toContain(control.severity);
      const [low, high] = weightBands[control.severity]!;
      expect(control.weight).toBeGreaterThanOrEqual(low);
      expect(control.weight).toBeLessThanOrEqual(high);
      expect(metricIds).toContain(control.metric);
      expect(control.requirement).toBe('shall');
      expect(control.frameworks.nist80053?.length).toBeGreaterThan(0);
      expect(control.title.length).toBeGreaterThan(10);
      expect(control.description.length).toBeGreaterThan(40);
      expect(control.rationale.length).toBeGreaterThan(40);
    });

    it('has remediation steps on Admin Console pages, ending with Save and Verify', () => {
      const { steps, summary, references } = control.remediation;
      expect(summary).toBeTruthy();
      expect(steps.length).toBeGreaterThanOrEqual(2);
      for (const step of steps) {
        expect(Object.keys(adminConsolePages)).toContain(step.page);
        if (step.anchor !== undefined) expect(step.anchor).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      }
      expect(steps.some((step) => step.anchor)).toBe(true);
      expect(steps[steps.length - 1]!.text).toBe('Save, then choose Verify in Posture Lens');
      expect(references.some((url) => url.includes('okta.com'))).toBe(true);
      expect(references.some((url) => /stig/i.test(url))).toBe(true);
    });

    it(manualOnCompliantOrg.has(id) ? 'is unknown on the STIG-compliant org, saying what to verify by hand' : 'is compliant on the STIG-compliant org', () => {
      const verdict = runStig(control);
      if (manualOnCompliantOrg.has(id)) {
        expect(verdict.status).toBe('unknown');
        expect(verdict.reason).toMatch(/check|verify/i);
      } else {
        expect(verdict.status, verdict.reason).toBe('compliant');
        expect(verdict.fraction).toBe(1);
        expect(verdict.affected).toEqual([]);
      }
    });

    it('is an error, never a pass, when a source it reads is malformed', () => {
      for (const source of control.sources) {
        const verdict = runStig(control, { [source as OktaSourceId]: 'not a Management API response' });
        expect(verdict.status, source).toBe('error');
        expect(verdict.fraction).toBe(0);
      }
    });

    it('is unknown when Okta refuses a source below Super Admin', () => {
      const errors = Object.fromEntries(control.sources.map((source) => [source, forbiddenError()]));
      const verdict = runStig(control, {}, errors);
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toContain('Super Admin');
    });
  });
});
