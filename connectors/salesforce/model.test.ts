import { describe, expect, it } from 'vitest';
import { compliantSecuritySettings, parseSecuritySettingsXml, securitySettingsWith, securitySettingsXml } from './fixtures/security-settings';
import { parseSalesforceSources } from './model';

describe('Security settings read through SOAP readMetadata', () => {
  const xml = securitySettingsXml(securitySettingsWith((settings) => {
    settings.networkAccess = { ipRanges: [{ start: '0.0.0.0', end: '255.255.255.255' }] };
  }));

  it('reads a whole answer', () => {
    const parsed = parseSecuritySettingsXml(xml).securitySettings!;
    expect(parsed.ok && (parsed.value as ReturnType<typeof compliantSecuritySettings>).networkAccess.ipRanges).toHaveLength(1);
  });

  it('fails the source when the answer was cut after a closing tag, instead of reading the missing settings as their defaults', () => {
    // Cut just before <networkAccess>: every element so far is closed, only the envelope is not.
    const cut = xml.slice(0, xml.indexOf('<networkAccess>'));
    const parsed = parseSecuritySettingsXml(cut).securitySettings!;
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/"Security settings.*" in a form Posture Lens cannot read \(the XML answer is cut short: its envelope is not closed\)/);
  });
});

describe('API limits', () => {
  const limits = (data: unknown) => parseSalesforceSources({ limits: { ok: true, data, truncated: false } }).limits!;

  it('tolerates entries a later release adds, of any shape', () => {
    const parsed = limits({ DailyApiRequests: { Max: 15000, Remaining: 12000 }, addedInLaterRelease: 'text', NewFeatureLimit: { Max: 3 } });
    expect(parsed).toMatchObject({ ok: true, value: { DailyApiRequests: { Max: 15000, Remaining: 12000 } } });
  });

  it('fails the source when the limit a control reads changed type', () => {
    const parsed = limits({ DailyApiRequests: { Max: '15000', Remaining: '12000' } });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain('DailyApiRequests.Max');
  });
});
