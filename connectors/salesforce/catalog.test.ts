import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlIdPattern, metricIds, severities } from '@/utils/controls';
import { salesforceControls } from './controls';
import { sourceSchemas } from './model';
import { setupPages } from './pages';

/** What every Salesforce control must carry, checked over the whole catalog. */

const microsoftSalesforceRecommendations = [
  'Require identity verification during MFA registration',
  'Lock sessions to the domain in which they were first used',
  'Let users verify their identity by text (SMS)',
  'Enable clickjack protection for Setup pages',
  'Enable CSRF protection on GET requests on non-setup pages',
  'Enable CSRF protection on POST requests on non-setup pages',
  'Require HttpOnly attribute',
  'Maximum invalid login attempts',
  'Require a minimum 1 day password lifetime',
  'Force relogin after Login-As-User',
  'Enforce login IP ranges on every request',
  'Enable Content Security Policy protection for email templates',
  'Enable XSS protection',
  'Enable Content Sniffing protection',
  'Enforce password history',
  'Minimum password length',
  'Password complexity requirement',
  'Obscure secret answer for password resets',
];

const testSources = readdirSync(join(__dirname, 'controls'))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => readFileSync(join(__dirname, 'controls', file), 'utf8'))
  .join('\n');

describe('Salesforce control catalog', () => {
  it('has at least 60 controls with unique, versioned ids', () => {
    expect(salesforceControls.length).toBeGreaterThanOrEqual(60);
    const ids = salesforceControls.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(controlIdPattern);
    for (const id of ids) expect(id.startsWith('SF.')).toBe(true);
  });

  it.each(salesforceControls.map((control) => [control.id, control] as const))('%s is complete', (_id, control) => {
    expect(control.title.length).toBeGreaterThan(10);
    expect(control.description.length).toBeGreaterThan(20);
    expect(control.rationale.length).toBeGreaterThan(20);
    expect(severities).toContain(control.severity);
    expect(Number.isInteger(control.weight)).toBe(true);
    expect(control.weight).toBeGreaterThanOrEqual(1);
    expect(control.weight).toBeLessThanOrEqual(10);
    expect(metricIds).toContain(control.metric);
    expect(['shall', 'should']).toContain(control.requirement);
    expect(control.sources.length).toBeGreaterThan(0);
    for (const source of control.sources) expect([...Object.keys(sourceSchemas), 'scanTime']).toContain(source);
    expect(control.remediation.summary.length).toBeGreaterThan(10);
    expect(control.remediation.steps.length).toBeGreaterThan(0);
    for (const step of control.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
    expect(control.remediation.references.length).toBeGreaterThan(0);
    for (const reference of control.remediation.references) expect(reference).toMatch(/^https:\/\/[a-z.]*(salesforce|force|trailhead)\.com\//);
  });

  it('keeps severity and weight consistent', () => {
    const ranges = { critical: [9, 10], high: [6, 8], medium: [3, 6], low: [1, 3], info: [1, 1] } as const;
    for (const control of salesforceControls) {
      const [low, high] = ranges[control.severity];
      expect(control.weight, control.id).toBeGreaterThanOrEqual(low);
      expect(control.weight, control.id).toBeLessThanOrEqual(high);
    }
  });

  it('covers every Microsoft Secure Score recommendation for Salesforce', () => {
    const tagged = salesforceControls.map((control) => control.frameworks.microsoftSecureScore?.toLowerCase() ?? '');
    for (const recommendation of microsoftSalesforceRecommendations) {
      expect(tagged.some((title) => title.includes(recommendation.toLowerCase())), recommendation).toBe(true);
    }
  });

  it('names every control in a test', () => {
    for (const control of salesforceControls) expect(testSources.includes(control.id), `${control.id} has no test`).toBe(true);
  });
});
