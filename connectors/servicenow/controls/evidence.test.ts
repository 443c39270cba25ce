import { describe, expect, it } from 'vitest';
import { controlIdPattern, metricIds, type Control } from '@/utils/controls';
import { parseServiceNowSources, type PropertyRead } from '../model';
import { serviceNowPages } from '../pages';
import { serviceNowSourceList } from '../sources';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { grants, goodRoster, properties, scanTime, serviceNowSourceResults, table, userSpec } from '../fixtures/payloads';
import { authenticationControls } from './authentication';
import { booleanProperty, privilegedHolders, readProperty, secondsText, unreadRows } from './evidence';
import { exposureControls } from './exposure';
import { integrationControls } from './integrations';
import { lifecycleControls } from './lifecycle';
import { networkControls } from './network';
import { privilegedControls } from './privileged';

const all: Control[] = [
  ...privilegedControls,
  ...authenticationControls,
  ...networkControls,
  ...integrationControls,
  ...exposureControls,
  ...lifecycleControls,
];

function parsedProperties(raw: unknown): PropertyRead {
  const parsed = parseServiceNowSources(serviceNowSourceResults({ properties: raw }), scanTime).properties!;
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value as PropertyRead;
}

describe('ServiceNow privileged, authentication, network, integration, exposure and lifecycle controls', () => {
  it('are all compliant on the well-configured instance', () => {
    const verdicts = Object.fromEntries(all.map((control) => [control.id, evaluateServiceNow(control).status]));
    expect(verdicts).toEqual(Object.fromEntries(all.map((control) => [control.id, 'compliant'])));
  });

  it('have unique, well-formed ids and complete metadata', () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
    expect(new Set(all.map((control) => control.id)).size).toBe(all.length);
    const sources = new Set([...serviceNowSourceList.map((source) => source.id), 'scanTime']);
    for (const control of all) {
      expect(control.id).toMatch(controlIdPattern);
      expect(control.id).toMatch(/^SN\.(PRIV|MFA|SSO|NET|OAUTH|CERT|PUB|USER)\.\d+v1$/);
      expect(metricIds).toContain(control.metric);
      expect(control.weight).toBeGreaterThanOrEqual(1);
      expect(control.weight).toBeLessThanOrEqual(10);
      expect(control.frameworks.nist80053?.length).toBeGreaterThan(0);
      for (const source of control.sources) expect(sources).toContain(source);
      const steps = control.remediation.steps;
      expect(steps.length).toBeGreaterThan(1);
      for (const step of steps) expect(Object.keys(serviceNowPages)).toContain(step.page);
      expect(steps[steps.length - 1]!.text).toMatch(/then choose Verify in Posture Lens$/);
      expect(control.remediation.references.length).toBeGreaterThan(0);
      for (const reference of control.remediation.references) {
        expect(reference).toMatch(/^https:\/\/(github\.com\/ServiceNow\/ServiceNowDocs\/blob\/australia\/markdown\/|www\.servicenow\.com\/docs\/)/);
      }
    }
  });

  it('anchor steps only on pages that have anchors', () => {
    for (const control of all) {
      for (const step of control.remediation.steps) {
        if (step.anchor) expect(['properties', 'plugins', 'scriptActions']).toContain(step.page);
      }
    }
  });

  it('give an error verdict, naming the source, when a source they read is malformed', () => {
    for (const control of all) {
      const verdict = evaluateServiceNow(control, malformedFor(control));
      expect(verdict.status, control.id).toBe('error');
      expect(verdict.reason, control.id).toMatch(/in a form Posture Lens cannot read/);
    }
  });

  it('are unknown, not an error, when the scan\'s role may not read a source', () => {
    const control = privilegedControls[0]!;
    const verdict = evaluateServiceNow(control, {}, { privilegedGrants: { kind: 'forbidden', message: 'ACL denied sys_user_has_role.' } });
    expect(verdict).toMatchObject({ status: 'unknown', reason: 'ACL denied sys_user_has_role.' });
  });
});

describe('evidence helpers', () => {
  it('counts each user once across direct and inherited grants', () => {
    const ada = userSpec('Ada Lovelace');
    const rows = parseServiceNowSources(serviceNowSourceResults({ privilegedGrants: table(grants([[ada, ['admin', '~admin', 'security_admin']], ...goodRoster])) }), scanTime)
      .privilegedGrants!;
    if (!rows.ok) throw new Error(rows.reason);
    const holders = privilegedHolders((rows.value as { result: Parameters<typeof privilegedHolders>[0] }).result);
    const adaHolder = holders.find((holder) => holder.userName === 'ada.lovelace')!;
    expect(holders.filter((holder) => holder.userName === 'ada.lovelace')).toHaveLength(1);
    expect(adaHolder.roles.get('admin')).toEqual({ direct: true, inherited: true });
    expect(unreadRows({ result: [1, 2], total: 5 })).toBe(3);
    expect(unreadRows({ result: [1, 2], total: null })).toBe(0);
  });

  it('reads a property as set, absent (only when nothing was hidden), or unread', () => {
    const read = parsedProperties(properties({ 'glide.authenticate.multifactor': 'TRUE' }));
    expect(readProperty(read, 'glide.authenticate.multifactor')).toEqual({ kind: 'set', value: 'TRUE' });
    expect(booleanProperty(read, 'glide.authenticate.multifactor')).toMatchObject({ value: true });
    expect(readProperty(read, 'glide.authenticate.multisso.enabled')).toEqual({ kind: 'absent' });
    expect(booleanProperty(read, 'glide.authenticate.multisso.enabled')).toMatchObject({ value: undefined, why: expect.stringContaining('no documented default') });
    expect(booleanProperty(read, 'glide.authenticate.multisso.enabled', false)).toMatchObject({ value: false, text: expect.stringContaining('the platform default false applies') });
    expect(readProperty(read, 'not.requested.property')).toMatchObject({ kind: 'unread', why: expect.stringContaining('not part of the properties') });
    const hidden = parsedProperties(properties({}, { total: 3 }));
    expect(readProperty(hidden, 'glide.authenticate.multisso.enabled')).toMatchObject({ kind: 'unread', why: expect.stringContaining('3 more properties') });
    expect(booleanProperty(hidden, 'glide.authenticate.multisso.enabled', false)).toMatchObject({ value: undefined });
    const odd = parsedProperties(properties({ 'glide.authenticate.multifactor': 'yes please' }));
    expect(booleanProperty(odd, 'glide.authenticate.multifactor')).toMatchObject({ value: undefined, why: expect.stringContaining('"yes please"') });
  });

  it('names durations', () => {
    expect(secondsText(1800)).toBe('30 minutes');
    expect(secondsText(8_640_000)).toBe('100 days');
    expect(secondsText(7200)).toBe('2 hours');
    expect(secondsText(45)).toBe('45 seconds');
  });
});
