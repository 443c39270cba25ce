import { describe, expect, it } from 'vitest';
import type { Control, Verdict } from '@/utils/controls';
import { evaluateControl } from '@/utils/evaluate';
import type { SourceResult } from '@/utils/snapshot';
import { hardeningCatalog, type HardeningSetting } from '../hardening-catalog';
import { hardeningChecks, manualReasons } from '../hardening-checks';
import { parseServiceNowSources } from '../model';
import { scannedProperties } from '../properties';
import { lockoutScriptActions } from '../sources';
import { hardeningControls, manualReason, metricOf } from './hardening';

const scanTime = '2026-11-20T12:00:00.000Z';
const table = (result: unknown[], total: number | null = result.length) => ({ ok: true as const, truncated: false, data: { result, total } });

interface Instance {
  properties?: Record<string, string>;
  hiddenRows?: number;
  plugins?: Record<string, string>;
  ipRules?: unknown[];
  mfaCriteria?: unknown[];
  scriptActions?: unknown[];
  excludedPasswords?: number;
}

function sources(instance: Instance): Record<string, SourceResult> {
  const properties = Object.entries(instance.properties ?? {}).map(([name, value]) => ({ name, value }));
  return {
    properties: {
      ok: true,
      truncated: false,
      data: { result: properties, total: properties.length + (instance.hiddenRows ?? 0), requested: [...scannedProperties] },
    },
    plugins: table(Object.entries(instance.plugins ?? {}).map(([id, active]) => ({ id, name: id, active }))),
    ipAccessRules: table(instance.ipRules ?? []),
    mfaCriteria: table(instance.mfaCriteria ?? []),
    lockoutScriptActions: table(instance.scriptActions ?? []),
    excludedPasswordCount: { ok: true, truncated: false, data: { result: { stats: { count: String(instance.excludedPasswords ?? 0) } } } },
  };
}

const evaluate = (control: Control, instance: Instance): Verdict => evaluateControl(control, parseServiceNowSources(sources(instance), scanTime));
const controlOf = (id: string) => hardeningControls.find((control) => control.id === id)!;

/** A value that meets the row's recommendation. */
function goodValue(row: HardeningSetting): string {
  const range = /^(\d+)-(\d+)$/.exec(row.recommended);
  if (range) return range[1]!;
  return row.comparison === 'oneOf' ? row.recommended.split(',')[0]!.trim() : row.recommended;
}

/** A well-formed value that does not meet it, or undefined when none exists (an empty "contains"). */
function badValue(row: HardeningSetting): string | undefined {
  const range = /^(\d+)-(\d+)$/.exec(row.recommended);
  if (/^(true|false)$/i.test(row.recommended)) return row.recommended.toLowerCase() === 'true' ? 'false' : 'true';
  switch (row.comparison) {
    case 'atMost':
      return String(Number(range ? range[2] : row.recommended) + 1);
    case 'atLeast':
      return String(Number(row.recommended) - 1);
    case 'contains':
      return row.recommended.trim() === '' ? undefined : 'posture-lens-unlisted';
    default:
      return /^-?\d+$/.test(row.recommended) ? String(Number(row.recommended) + 1) : 'posture-lens-not-recommended';
  }
}

const propertyRows = hardeningCatalog.filter(
  (row): row is HardeningSetting & { property: string } => Boolean(row.property) && row.comparison !== 'manual' && !row.supersededBy,
);

describe('hardening controls: one per catalog row', () => {
  it('has a control for each of the 290 settings, with unique ids and risk-based weights', () => {
    expect(hardeningControls).toHaveLength(290);
    expect(new Set(hardeningControls.map((control) => control.id)).size).toBe(290);
    for (const control of hardeningControls) {
      expect(control.weight).toBeGreaterThanOrEqual(1);
      expect(control.weight).toBeLessThanOrEqual(10);
      expect(control.frameworks.serviceNowHardening).toBe(control.title);
      expect(control.remediation.steps.length).toBeGreaterThan(0);
      expect(control.remediation.references.length).toBeGreaterThan(0);
    }
  });

  it('sends property fixes to the System Properties list at that property, with classic and Next Experience paths', () => {
    const control = controlOf('SN.HARD.5v1');
    const first = control.remediation.steps[0]!;
    expect(first).toMatchObject({ page: 'properties', anchor: 'angular.jsonp.inclusion_list.enabled' });
    expect(first.text).toContain('/sys_properties_list.do?sysparm_query=name%3Dangular.jsonp.inclusion_list.enabled');
    expect(first.text).toContain('/now/nav/ui/classic/params/target/sys_properties_list.do%3Fsysparm_query%3Dname%253Dangular.jsonp.inclusion_list.enabled');
    expect(control.remediation.steps.at(-1)!.text).toContain('Verify in Posture Lens');
  });

  it('warns before a safe-harbor change that cannot be reverted', () => {
    const safeHarbor = hardeningControls.filter((control) => hardeningCatalog.find((row) => row.id === control.id)?.irreversible);
    expect(safeHarbor.length).toBeGreaterThan(5);
    for (const control of safeHarbor) expect(control.remediation.steps[0]!.text).toContain('cannot be reverted');
  });

  it('files each setting under the metric of what it protects', () => {
    const byProperty = (property: string) => metricOf(hardeningCatalog.find((row) => row.property === property)!);
    expect(byProperty('glide.ui.session_timeout')).toBe('session-management');
    expect(byProperty('glide.sys.permissive.impersonate')).toBe('privileged-access');
    expect(byProperty('glide.basicauth.required.api')).toBe('authentication');
    expect(byProperty('glide.security.use_csrf_token')).toBe('session-management');
    expect(metricOf(hardeningCatalog.find((row) => row.id === 'SN.HARD.1v1')!)).toBe('network-access');
  });
});

describe.each(propertyRows.map((row) => [row.id, row] as const))('%s', (id, row) => {
  const control = controlOf(id);

  it('is compliant at the recommended value', () => {
    const verdict = evaluate(control, { properties: { [row.property]: goodValue(row) } });
    expect(verdict.status, verdict.reason).toBe('compliant');
  });

  const bad = badValue(row);
  if (bad !== undefined) {
    it('is non-compliant at another value, saying what it found and expected', () => {
      const verdict = evaluate(control, { properties: { [row.property]: bad } });
      expect(verdict.status, verdict.reason).toBe('non_compliant');
      expect(verdict.actual).toBe(bad === '' ? '(empty)' : bad);
      expect(verdict.reason).toContain(row.property);
    });
  }

  it('applies the platform default when the property has no record', () => {
    const verdict = evaluate(control, {});
    if (row.fallback === undefined) {
      expect(verdict.status).toBe('unknown');
      return;
    }
    const asSet = evaluate(control, { properties: { [row.property]: row.fallback } });
    expect(verdict.status).toBe(asSet.status === 'unknown' ? 'unknown' : asSet.status);
    expect(String(verdict.actual)).toContain('not set');
  });

  it('is unknown, not compliant, when an access control hides properties and this one is absent', () => {
    expect(evaluate(control, { hiddenRows: 3 }).status).toBe('unknown');
  });

  if (/^(true|false)$/i.test(row.recommended) || /^\d+(-\d+)?$/.test(row.recommended)) {
    it('is unknown when the value cannot be read as what the setting holds', () => {
      expect(evaluate(control, { properties: { [row.property]: 'maybe later' } }).status).toBe('unknown');
    });
  }
});

describe('a recommendation ServiceNow later reversed', () => {
  it('does not apply, so one value never fails both pages', () => {
    const older = controlOf('SN.HARD.132v1');
    const newer = controlOf('SN.HARD.133v1');
    const instance = { properties: { 'glide.apply.password_policy.on_login': 'false' } };
    expect(evaluate(older, instance)).toMatchObject({ status: 'not_applicable', reason: expect.stringContaining('SN.HARD.133v1') });
    expect(evaluate(newer, instance).status).toBe('compliant');
  });
});

describe('hardening controls on malformed data', () => {
  it('are errors, never compliant, when the properties answer is unreadable', () => {
    const parsed = parseServiceNowSources(
      { ...sources({}), properties: { ok: true, truncated: false, data: { result: [{ name: 'glide.ui.session_timeout' }], total: 1, requested: [] } } },
      scanTime,
    );
    const verdict = evaluateControl(controlOf('SN.HARD.5v1'), parsed);
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('value');
  });

  it('are errors when the properties could not be read, and unknown when the role may not read them', () => {
    const failed = (kind: 'server_error' | 'forbidden', message: string) =>
      evaluateControl(controlOf('SN.HARD.5v1'), parseServiceNowSources({ ...sources({}), properties: { ok: false, error: { kind, message } } }, scanTime));
    expect(failed('server_error', 'ServiceNow had a server error.')).toMatchObject({ status: 'error', reason: 'ServiceNow had a server error.' });
    expect(failed('forbidden', 'Your ServiceNow role cannot read this.')).toMatchObject({ status: 'unknown' });
  });
});

describe('composite hardening settings', () => {
  it('decides the High Security plugin from the plugin list', () => {
    const control = controlOf('SN.HARD.9v1');
    expect(evaluate(control, { plugins: { 'com.glide.high_security': 'active' } }).status).toBe('compliant');
    const inactive = evaluate(control, { plugins: { 'com.glide.high_security': 'inactive' } });
    expect(inactive).toMatchObject({ status: 'non_compliant' });
    expect(inactive.reason).toContain('installed but not active');
    expect(evaluate(control, {}).reason).toContain('not installed');
  });

  it('needs the IP plugin and an active rule for the IP range restriction', () => {
    const control = controlOf('SN.HARD.1v1');
    const rule = { sys_id: 'r1', type: 'allow', direction: 'inbound', active: 'true', range_start: '203.0.113.0', range_end: '203.0.113.255', description: '' };
    expect(evaluate(control, { plugins: { 'com.snc.ipauthenticator': 'active' }, ipRules: [rule] }).status).toBe('compliant');
    expect(evaluate(control, { plugins: { 'com.snc.ipauthenticator': 'active' }, ipRules: [{ ...rule, active: 'false' }] }).status).toBe('non_compliant');
  });

  it('needs an active lockout script action and at most 5 attempts', () => {
    const control = controlOf('SN.HARD.127v1');
    const action = { sys_id: lockoutScriptActions.lockout, name: 'SNC User Lockout Check', active: 'true' };
    expect(evaluate(control, { scriptActions: [action] }).status).toBe('compliant');
    expect(evaluate(control, { scriptActions: [action], properties: { 'glide.user.max_unlock_attempts': '10' } }).status).toBe('non_compliant');
    const inactive = evaluate(control, { scriptActions: [{ ...action, active: 'false' }] });
    expect(inactive.status).toBe('non_compliant');
    expect(inactive.reason).toContain('no active');
  });

  it('needs the deny-list property and 5 000 excluded passwords', () => {
    const control = controlOf('SN.HARD.129v1');
    expect(evaluate(control, { properties: { 'glide.enable.blacklist_password': 'true' }, excludedPasswords: 12_000 }).status).toBe('compliant');
    const few = evaluate(control, { properties: { 'glide.enable.blacklist_password': 'true' }, excludedPasswords: 1200 });
    expect(few.status).toBe('non_compliant');
    expect(few.reason).toContain('1,200 excluded');
    expect(evaluate(control, { excludedPasswords: 12_000 }).status).toBe('unknown');
  });

  it('flags a demo keystore in the SAML configuration, by either documented sys_id', () => {
    const control = controlOf('SN.HARD.174v1');
    expect(evaluate(control, {}).status).toBe('compliant');
    expect(evaluate(control, { properties: { 'glide.authenticate.sso.saml2.keystore': 'c60ad24b732220103a5b0dd43cf6a7db' } }).status).toBe('non_compliant');
    expect(evaluate(control, { properties: { 'glide.authenticate.sso.saml2.keystore': '3685fc2293021010aaaa' } }).status).toBe('non_compliant');
    expect(evaluate(control, { properties: { 'glide.authenticate.sso.saml2.keystore': 'f00dcafef00dcafef00dcafef00dcafe' } }).status).toBe('compliant');
    for (const mangled of ['f00dcafe', 'c60ad24b732220103~5b0dd43cf6a7db', 'c60ad24b73222010']) {
      const verdict = evaluate(control, { properties: { 'glide.authenticate.sso.saml2.keystore': mangled } });
      expect(verdict.status, mangled).toBe('unknown');
      expect(verdict.reason).toContain('which is no keystore sys_id');
    }
  });

  it('caps the absolute session lifetimes and invalidates expired sessions', () => {
    const control = controlOf('SN.HARD.231v1');
    const capped = { 'glide.active.session.timeout.invalidate.session': 'true', 'glide.ui.active.session.life_span': '480', 'glide.guest.active.session.life_span': '720' };
    expect(evaluate(control, { properties: capped }).status).toBe('compliant');
    const unlimited = evaluate(control, { properties: { ...capped, 'glide.ui.active.session.life_span': '0' } });
    expect(unlimited.status).toBe('non_compliant');
    expect(unlimited.reason).toContain('glide.ui.active.session.life_span = 0');
    expect(evaluate(control, {}).status).toBe('non_compliant');
  });

  it('is non-compliant when any part fails, even if another cannot be decided', () => {
    const control = controlOf('SN.HARD.195v1');
    expect(evaluate(control, { plugins: { 'com.glide.security.audit': 'inactive' } }).status).toBe('non_compliant');
    expect(evaluate(control, { plugins: { 'com.glide.security.audit': 'active' } }).status).toBe('unknown');
    expect(
      evaluate(control, { plugins: { 'com.glide.security.audit': 'active' }, properties: { 'glide.identity.security.audit.enabled': 'true' } }).status,
    ).toBe('compliant');
  });

  it('covers every composite row with a compliant and a failing case in some test instance', () => {
    for (const id of Object.keys(hardeningChecks)) expect(controlOf(id).sources.length).toBeGreaterThan(0);
  });
});

describe('manual hardening settings', () => {
  const manual = hardeningControls.filter((control) => control.sources.length === 0 && control.id !== 'SN.HARD.132v1');

  it('are unknown with the manual check spelled out and the reason it cannot be read', () => {
    expect(manual.length).toBe(hardeningCatalog.filter((row) => row.comparison === 'manual').length - Object.keys(hardeningChecks).length);
    for (const control of manual) {
      const verdict = evaluate(control, {});
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toMatch(/^Verify by hand/);
      expect(manualReasons[control.id], control.id).toBeDefined();
      expect(verdict.reason).toContain(manualReason(hardeningCatalog.find((row) => row.id === control.id)!));
    }
  });
});
