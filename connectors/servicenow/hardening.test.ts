import { describe, expect, it } from 'vitest';
import { hardeningCatalog, type HardeningSetting } from './hardening-catalog';
import { evaluateHardeningSetting, hardeningComplianceScore } from './hardening';

const byProperty = (name: string): HardeningSetting => {
  const row = hardeningCatalog.find((r) => r.property === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};
const props = (entries: Record<string, string | undefined>) => new Map(Object.entries(entries));

describe('ServiceNow hardening catalog', () => {
  it('has one row per appendix setting (290) with unique, ordered ids', () => {
    expect(hardeningCatalog).toHaveLength(290);
    const ids = hardeningCatalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id, i) => expect(id).toBe(`SN.HARD.${i + 1}v1`));
  });

  it('splits into 251 property-decidable and 39 manual rows', () => {
    const manual = hardeningCatalog.filter((r) => r.comparison === 'manual');
    expect(manual).toHaveLength(39);
    expect(hardeningCatalog.length - manual.length).toBe(251);
  });

  it('gives every property row a property name, recommended value, severity and risk score in range', () => {
    for (const row of hardeningCatalog) {
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(row.severity);
      expect(row.riskScore).toBeGreaterThanOrEqual(0);
      expect(row.riskScore).toBeLessThanOrEqual(10);
      if (row.comparison === 'manual') {
        expect(row.property).toBeUndefined();
        expect(row.config).toBeTruthy();
      } else {
        expect(row.property).toMatch(/^[A-Za-z0-9_.]+$/);
        expect(typeof row.recommended).toBe('string');
      }
    }
  });

  it('keeps the appendix values for known rows', () => {
    expect(byProperty('glide.ui.escape_text')).toMatchObject({
      recommended: 'true',
      fallback: 'false',
      riskScore: 8.8,
      severity: 'high',
      irreversible: true,
      docs: 'sc-escape-xml',
    });
    expect(byProperty('glide.ui.session_timeout')).toMatchObject({ recommended: '60', comparison: 'atMost', fallback: '30' });
    expect(byProperty('glide.stax.allow_entity_resolution')).toMatchObject({ severity: 'critical', riskScore: 9 });
  });
});

describe('evaluateHardeningSetting', () => {
  const escapeText = byProperty('glide.ui.escape_text'); // true, fallback false
  const rotate = byProperty('glide.ui.rotate_sessions'); // true, fallback true
  const timeout = byProperty('glide.ui.session_timeout'); // <= 60, fallback 30

  it('is compliant when the value meets the recommendation', () => {
    const v = evaluateHardeningSetting(escapeText, props({ 'glide.ui.escape_text': 'true' }));
    expect(v.status).toBe('compliant');
    expect(v.actual).toBe('true');
    expect(v.expected).toBe('true');
    expect(evaluateHardeningSetting(timeout, props({ 'glide.ui.session_timeout': '45' })).status).toBe('compliant');
  });

  it('is non-compliant when it does not', () => {
    const v = evaluateHardeningSetting(escapeText, props({ 'glide.ui.escape_text': 'false' }));
    expect(v.status).toBe('non_compliant');
    expect(v.actual).toBe('false');
    const t = evaluateHardeningSetting(timeout, props({ 'glide.ui.session_timeout': '480' }));
    expect(t.status).toBe('non_compliant');
    expect(t.expected).toBe('60 or less');
  });

  it('uses a compliant fallback when the property is absent', () => {
    const v = evaluateHardeningSetting(rotate, props({}));
    expect(v.status).toBe('compliant');
    expect(v.actual).toBe('not set; ServiceNow applies the default true');
    expect(evaluateHardeningSetting(timeout, props({ 'glide.ui.session_timeout': undefined })).status).toBe('compliant');
  });

  it('uses a weak fallback when the property is absent', () => {
    const v = evaluateHardeningSetting(escapeText, props({}));
    expect(v.status).toBe('non_compliant');
    expect(v.actual).toBe('not set; ServiceNow applies the default false');
  });

  it('treats the 0 ("no cap") fallback of session life spans as non-compliant', () => {
    const row = byProperty('glide.ui.active.session.life_span');
    expect(evaluateHardeningSetting(row, props({})).status).toBe('non_compliant');
    expect(evaluateHardeningSetting(row, props({ 'glide.ui.active.session.life_span': '480' })).status).toBe('compliant');
  });

  it('returns unknown with what to verify for manual rows', () => {
    const manual = hardeningCatalog.find((r) => r.comparison === 'manual' && r.docs === 'sc-high-security-plugin')!;
    const v = evaluateHardeningSetting(manual, props({}));
    expect(v.status).toBe('unknown');
    expect(v.reason).toMatch(/^Verify by hand: "Enable High Security Plugin"/);
    expect(v.reason).toContain('com.glide.high_security');
  });

  it('returns unknown for values it cannot interpret', () => {
    const v = evaluateHardeningSetting(escapeText, props({ 'glide.ui.escape_text': 'yes please' }));
    expect(v.status).toBe('unknown');
    expect(v.reason).toContain('cannot be interpreted');
    expect(evaluateHardeningSetting(timeout, props({ 'glide.ui.session_timeout': 'sixty' })).status).toBe('unknown');
  });

  it.each(['0.5', '-1', '-2147483649', '2147483648', '99999999999999999999'])('never passes an "at most" setting of %s, which no count or duration is', (value) => {
    expect(evaluateHardeningSetting(timeout, props({ 'glide.ui.session_timeout': '30' })).status).toBe('compliant');
    const v = evaluateHardeningSetting(timeout, props({ 'glide.ui.session_timeout': value }));
    expect(v.status).toBe('unknown');
    expect(v.reason).toContain('cannot be interpreted');
  });

  it('returns unknown when absent and the docs give no fallback', () => {
    const row = hardeningCatalog.find((r) => r.property === 'glide.login.no_blank_password')!;
    expect(row.fallback).toBeUndefined();
    expect(evaluateHardeningSetting(row, props({})).status).toBe('unknown');
  });

  it('compares comma lists as sets and oneOf case-insensitively', () => {
    const roles = byProperty('glide.active.session.timeout.exception.roles');
    const p = 'glide.active.session.timeout.exception.roles';
    expect(evaluateHardeningSetting(roles, props({ [p]: 'maint, mid_server,edge_encryption' })).status).toBe('compliant');
    expect(evaluateHardeningSetting(roles, props({ [p]: 'maint,mid_server,edge_encryption,admin' })).status).toBe('non_compliant');
    const xframe = byProperty('com.glide.cs.embed.xframe_options');
    expect(evaluateHardeningSetting(xframe, props({ 'com.glide.cs.embed.xframe_options': 'sameorigin' })).status).toBe('compliant');
    expect(evaluateHardeningSetting(xframe, props({})).status).toBe('non_compliant');
  });
});

describe('hardeningComplianceScore', () => {
  it('weights compliant settings by risk score over all decided settings', () => {
    // 25.4 of 34.9 risk points compliant → 73 (the brief's example; the reference gives no worked example).
    const results = [
      { riskScore: 8.8, compliant: true },
      { riskScore: 9.0, compliant: true },
      { riskScore: 7.6, compliant: true },
      { riskScore: 9.5, compliant: false },
      { riskScore: 5.0, compliant: null },
    ];
    expect(hardeningComplianceScore(results)).toBe(73);
  });

  it('is null when nothing was decided', () => {
    expect(hardeningComplianceScore([{ riskScore: 5, compliant: null }])).toBeNull();
    expect(hardeningComplianceScore([])).toBeNull();
  });
});
