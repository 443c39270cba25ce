import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateControl } from '@/utils/evaluate';
import type { SecuritySettings } from '../model';
import {
  compliantSecuritySettings,
  parsedSecuritySettings,
  parseSecuritySettingsXml,
  securitySettingsWith,
  securitySettingsXml,
} from '../fixtures/security-settings';
import { browserProtectionControls, clickjackSetup, noLoginCaching, requireHttpOnly } from './browser-protections';

type Session = SecuritySettings['sessionSettings'];

const run = (control: Control, settings: SecuritySettings | Record<string, unknown>) =>
  evaluateControl(control, parsedSecuritySettings(settings));
const runWith = (control: Control, change: (session: Session) => void) =>
  run(control, securitySettingsWith((s) => change(s.sessionSettings)));

/** Each control's checkbox in sessionSettings, its Setup label, and which value is secure. */
const rows: Record<string, { field: keyof Session & string; label: string; secure: boolean }> = {
  'SF.BROW.1v1': { field: 'enableClickjackSetup', label: 'Enable clickjack protection for Setup pages', secure: true },
  'SF.BROW.2v1': {
    field: 'enableClickjackNonsetupSFDC',
    label: 'Enable clickjack protection for non-Setup Salesforce pages',
    secure: true,
  },
  'SF.BROW.3v1': {
    field: 'enableClickjackNonsetupUser',
    label: 'Enable clickjack protection for customer Visualforce pages with standard headers',
    secure: true,
  },
  'SF.BROW.4v1': {
    field: 'enableClickjackNonsetupUserHeaderless',
    label: 'Enable clickjack protection for customer Visualforce pages with headers disabled',
    secure: true,
  },
  'SF.BROW.5v1': { field: 'enableCSRFOnGet', label: 'Enable CSRF protection on GET requests on non-setup pages', secure: true },
  'SF.BROW.6v1': { field: 'enableCSRFOnPost', label: 'Enable CSRF protection on POST requests on non-setup pages', secure: true },
  'SF.BROW.7v1': { field: 'requireHttpOnly', label: 'Require HttpOnly attribute', secure: true },
  'SF.BROW.8v1': { field: 'enableXssProtection', label: 'Enable XSS protection', secure: true },
  'SF.BROW.9v1': { field: 'enableContentSniffingProtection', label: 'Enable Content Sniffing protection', secure: true },
  'SF.BROW.10v1': {
    field: 'enableCSPOnEmail',
    label: 'Enable Content Security Policy protection for email templates',
    secure: true,
  },
  'SF.BROW.11v1': { field: 'enableCacheAndAutocomplete', label: 'Enable caching and autocomplete on login page', secure: false },
  'SF.BROW.12v1': { field: 'referrerPolicy', label: 'Referrer-Policy HTTP header', secure: true },
};

describe('browser protections catalog', () => {
  it('has one table row per control', () => {
    expect(Object.keys(rows).sort()).toEqual(browserProtectionControls.map((c) => c.id).sort());
  });

  describe.each(browserProtectionControls.map((control) => [control.id, control] as const))('%s', (_id, control) => {
    const { field, label, secure } = rows[control.id]!;

    it(`is compliant when ${field} is ${secure}`, () => {
      const verdict = runWith(control, (s) => ((s as Record<string, unknown>)[field] = secure));
      expect(verdict.status).toBe('compliant');
      expect(verdict.reason).toBe(`"${label}" is ${secure ? 'enabled' : 'disabled'}.`);
    });

    it(`is non-compliant when ${field} is ${!secure}, naming the setting and value`, () => {
      const verdict = runWith(control, (s) => ((s as Record<string, unknown>)[field] = !secure));
      expect(verdict).toMatchObject({
        status: 'non_compliant',
        fraction: 0,
        actual: secure ? 'Disabled' : 'Enabled',
        expected: secure ? 'Enabled' : 'Disabled',
      });
      expect(verdict.reason).toMatch(new RegExp(`^"${label.replace(/[()]/g, '\\$&')}" is ${secure ? 'disabled' : 'enabled'}, so .+\\.$`));
    });

    it(`is unknown when ${field} is missing`, () => {
      const verdict = runWith(control, (s) => delete (s as Record<string, unknown>)[field]);
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toBe(`Salesforce did not report "${label}".`);
    });

    it('is an error on malformed XML, a body without records, and a non-boolean checkbox', () => {
      expect(evaluateControl(control, parseSecuritySettingsXml('<bad')).status).toBe('error');
      expect(evaluateControl(control, parseSecuritySettingsXml('<Envelope><Body/></Envelope>')).status).toBe('error');
      const settings = compliantSecuritySettings() as unknown as Record<string, Record<string, unknown>>;
      settings.sessionSettings![field] = 'yes';
      expect(run(control, settings).status).toBe('error');
    });

    it('sends the admin to the field in Session Settings and ends with Verify', () => {
      const steps = control.remediation.steps;
      expect(steps.some((s) => s.page === 'sessionSettings' && s.anchor === field)).toBe(true);
      expect(steps.at(-1)?.text).toBe('Save, then choose Verify in Posture Lens');
    });
  });
});

describe('specific browser protections', () => {
  it('SF.BROW.1v1 reads the XML element enableClickjackSetup', () => {
    const xml = securitySettingsXml(securitySettingsWith((s) => (s.sessionSettings.enableClickjackSetup = false)));
    expect(xml).toContain('<enableClickjackSetup>false</enableClickjackSetup>');
    expect(evaluateControl(clickjackSetup, parseSecuritySettingsXml(xml)).status).toBe('non_compliant');
  });

  it('SF.BROW.7v1 warns that injected script can steal the session', () => {
    const verdict = runWith(requireHttpOnly, (s) => (s.requireHttpOnly = false));
    expect(verdict.reason).toBe(
      '"Require HttpOnly attribute" is disabled, so a script injected into any page can read and steal the session cookie.',
    );
  });

  it('SF.BROW.11v1 is compliant only when caching is OFF', () => {
    expect(run(noLoginCaching, compliantSecuritySettings()).status).toBe('compliant');
    expect(runWith(noLoginCaching, (s) => (s.enableCacheAndAutocomplete = true)).status).toBe('non_compliant');
  });
});
