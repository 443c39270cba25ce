import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateControl } from '@/utils/evaluate';
import type { SecuritySettings } from '../model';
import {
  compliantSecuritySettings,
  parsedSecuritySettings,
  parseSecuritySettingsXml,
  securitySettingsWith,
} from '../fixtures/security-settings';
import {
  enforceIpRangesEveryRequest,
  forceReloginAfterLoginAs,
  lockSessionsToDomain,
  sessionControls,
  sessionTimeout,
  timeoutWarning,
} from './session';

type Session = SecuritySettings['sessionSettings'];

const run = (control: Control, settings: SecuritySettings | Record<string, unknown>) =>
  evaluateControl(control, parsedSecuritySettings(settings));
const runWith = (control: Control, change: (session: Session) => void) =>
  run(control, securitySettingsWith((s) => change(s.sessionSettings)));

/** Each control's field and its insecure value. */
const fields: Record<string, { field: keyof Session & string; insecure: unknown }> = {
  'SF.SESS.1v1': { field: 'sessionTimeout', insecure: 'TwentyFourHours' },
  'SF.SESS.2v1': { field: 'forceLogoutOnSessionTimeout', insecure: false },
  'SF.SESS.3v1': { field: 'disableTimeoutWarning', insecure: true },
  'SF.SESS.4v1': { field: 'lockSessionsToIp', insecure: false },
  'SF.SESS.5v1': { field: 'lockSessionsToDomain', insecure: false },
  'SF.SESS.6v1': { field: 'enforceIpRangesEveryRequest', insecure: false },
  'SF.SESS.7v1': { field: 'forceRelogin', insecure: false },
  'SF.SESS.8v1': { field: 'terminateUserSessionsWhenAdminResetsPassword', insecure: false },
  'SF.SESS.9v1': { field: 'enablePostForSessions', insecure: false },
};

describe('session catalog', () => {
  it('has one table row per control', () => {
    expect(Object.keys(fields).sort()).toEqual(sessionControls.map((c) => c.id).sort());
  });

  describe.each(sessionControls.map((control) => [control.id, control] as const))('%s', (_id, control) => {
    const { field, insecure } = fields[control.id]!;

    it('is compliant on the compliant fixture', () => {
      const verdict = run(control, compliantSecuritySettings());
      expect(verdict.status).toBe('compliant');
      expect(verdict.fraction).toBe(1);
    });

    it(`is non-compliant when ${field} is ${String(insecure)}, naming the setting and value`, () => {
      const verdict = runWith(control, (s) => ((s as Record<string, unknown>)[field] = insecure));
      expect(verdict.status).toBe('non_compliant');
      expect(verdict.reason).toContain(`"${control.frameworks.healthCheck}"`);
      expect(verdict.reason.toLowerCase()).toContain(String(verdict.actual).toLowerCase());
    });

    it(`is unknown when ${field} is missing`, () => {
      const verdict = runWith(control, (s) => delete (s as Record<string, unknown>)[field]);
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toMatch(/^Salesforce did not report ".+"\.$/);
    });

    it('is an error on malformed XML and on a response without sessionSettings', () => {
      expect(evaluateControl(control, parseSecuritySettingsXml('<bad')).status).toBe('error');
      const { sessionSettings: _dropped, ...rest } = compliantSecuritySettings();
      expect(run(control, rest).status).toBe('error');
    });

    it('fails closed on a value of the wrong kind ("maybe")', () => {
      const settings = compliantSecuritySettings() as unknown as Record<string, Record<string, unknown>>;
      settings.sessionSettings![field] = 'maybe';
      const verdict = run(control, settings);
      // A checkbox that is not true/false fails the source; an enum it does not know is unknown.
      if (typeof insecure === 'boolean') expect(verdict.status).toBe('error');
      else expect(verdict).toMatchObject({ status: 'unknown', actual: 'maybe' });
    });
  });
});

describe('SF.SESS.1v1 session timeout', () => {
  it.each([
    ['FifteenMinutes', 'compliant', '15 minutes'],
    ['ThirtyMinutes', 'compliant', '30 minutes'],
    ['SixtyMinutes', 'compliant', '60 minutes'],
    ['NinetyMinutes', 'compliant', '90 minutes'],
    ['TwoHours', 'compliant', '2 hours'],
    ['FourHours', 'partial', '4 hours'],
    ['EightHours', 'partial', '8 hours'],
    ['TwelveHours', 'non_compliant', '12 hours'],
    ['TwentyFourHours', 'non_compliant', '24 hours'],
  ])('%s → %s (%s)', (value, status, actual) => {
    const verdict = runWith(sessionTimeout, (s) => (s.sessionTimeout = value));
    expect(verdict.status).toBe(status);
    expect(verdict.actual).toBe(actual);
    expect(verdict.expected).toBe('2 hours or less');
  });

  it('names the timeout in the reason', () => {
    expect(runWith(sessionTimeout, (s) => (s.sessionTimeout = 'EightHours')).reason).toBe(
      '"Timeout value" is 8 hours, so an abandoned or stolen session stays usable for longer.',
    );
  });

  it('is unknown for a timeout value it does not know', () => {
    const verdict = runWith(sessionTimeout, (s) => (s.sessionTimeout = 'FortyEightHours'));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('"FortyEightHours"');
  });
});

describe('specific session settings', () => {
  it('SF.SESS.3v1 is compliant when the warning popup is NOT disabled', () => {
    const verdict = run(timeoutWarning, compliantSecuritySettings());
    expect(verdict.actual).toBe('Not selected (warning shown)');
    const disabled = runWith(timeoutWarning, (s) => (s.disableTimeoutWarning = true));
    expect(disabled.status).toBe('non_compliant');
    expect(disabled.actual).toBe('Selected (no warning)');
  });

  it('SF.SESS.5v1 explains why an unlocked domain matters', () => {
    const verdict = runWith(lockSessionsToDomain, (s) => (s.lockSessionsToDomain = false));
    expect(verdict.reason).toBe(
      '"Lock sessions to the domain in which they were first used" is disabled, so a session ID captured on one Salesforce domain can be replayed on another.',
    );
  });

  it('SF.SESS.6v1 counts toward network access', () => {
    expect(enforceIpRangesEveryRequest.metric).toBe('network-access');
  });

  it('SF.SESS.7v1 points the remediation at the Session Settings field', () => {
    const anchored = forceReloginAfterLoginAs.remediation.steps.filter((s) => s.anchor);
    expect(anchored).toEqual([{ text: 'Select "Force relogin after Login-As-User"', page: 'sessionSettings', anchor: 'forceRelogin' }]);
  });
});
