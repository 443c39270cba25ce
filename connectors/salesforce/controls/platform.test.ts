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
  adminLoginAsAnyUser,
  auraSecureEval,
  platformControls,
  requireTls12,
  untrustedRedirects,
  usersCannotGrantLoginAccess,
} from './platform';

const run = (control: Control, settings: SecuritySettings | Record<string, unknown>) =>
  evaluateControl(control, parsedSecuritySettings(settings));
const runWith = (control: Control, change: (settings: SecuritySettings) => void) =>
  run(control, securitySettingsWith(change));

/** Sets (or with `undefined`, removes) a field at the top level or in sessionSettings. */
function setField(settings: SecuritySettings, where: 'top' | 'session', field: string, value: unknown) {
  const target = (where === 'top' ? settings : settings.sessionSettings) as Record<string, unknown>;
  if (value === undefined) delete target[field];
  else target[field] = value;
}

/** The checkbox controls: where the field is, and its secure value. */
const flags: Record<string, { where: 'top' | 'session'; field: string; secure: boolean }> = {
  'SF.PLAT.1v1': { where: 'top', field: 'enableRequireHttpsConnection', secure: true },
  'SF.PLAT.3v1': { where: 'session', field: 'lockerServiceNext', secure: true },
  'SF.PLAT.4v1': { where: 'top', field: 'enableAuraSecureEvalPref', secure: true },
  'SF.PLAT.6v1': { where: 'top', field: 'enableCoopHeader', secure: true },
  'SF.PLAT.7v1': { where: 'top', field: 'enablePermissionsPolicy', secure: true },
  'SF.PLAT.8v1': { where: 'top', field: 'enableAdminLoginAsAnyUser', secure: false },
  'SF.PLAT.9v1': { where: 'top', field: 'canUsersGrantLoginAccess', secure: false },
};
/** The field whose absence makes each control unknown. */
const missing: Record<string, { where: 'top' | 'session'; field: string }> = {
  ...flags,
  'SF.PLAT.2v1': { where: 'top', field: 'isTLSv12Required' },
  'SF.PLAT.5v1': { where: 'top', field: 'redirectBlockModeEnabled' },
};

describe('platform catalog', () => {
  it('has one table row per control', () => {
    expect(Object.keys(missing).sort()).toEqual(platformControls.map((c) => c.id).sort());
  });

  describe.each(platformControls.map((control) => [control.id, control] as const))('%s', (_id, control) => {
    it('is compliant on the compliant fixture', () => {
      expect(run(control, compliantSecuritySettings())).toMatchObject({ status: 'compliant', fraction: 1 });
    });

    it('is unknown, never compliant, when the field is missing', () => {
      const { where, field } = missing[control.id]!;
      const verdict = runWith(control, (s) => setField(s, where, field, undefined));
      expect(verdict.status).toBe('unknown');
      expect(verdict.reason).toMatch(/^Salesforce did not report ".+"\.$/);
    });

    it('is an error on malformed XML', () => {
      expect(evaluateControl(control, parseSecuritySettingsXml('<bad')).status).toBe('error');
    });

    const flag = flags[control.id];
    if (flag) {
      it(`is non-compliant when ${flag.field} is ${!flag.secure}`, () => {
        const verdict = runWith(control, (s) => setField(s, flag.where, flag.field, !flag.secure));
        expect(verdict.status).toBe('non_compliant');
        expect(verdict.reason.toLowerCase()).toContain(String(verdict.actual).toLowerCase());
      });

      it(`is an error when ${flag.field} is not a boolean`, () => {
        const settings = compliantSecuritySettings();
        setField(settings, flag.where, flag.field, 'sometimes');
        expect(run(control, settings).status).toBe('error');
      });
    }
  });
});

describe('SF.PLAT.2v1 TLS 1.2', () => {
  const tls = (org: boolean | undefined, sites: boolean | undefined) =>
    runWith(requireTls12, (s) => {
      setField(s, 'top', 'isTLSv12Required', org);
      setField(s, 'top', 'isTLSv12RequiredCommunities', sites);
    });

  it('is compliant when both the org and Experience sites require TLS 1.2', () => {
    expect(tls(true, true)).toMatchObject({
      status: 'compliant',
      actual: 'Org: required; Experience sites: required',
    });
  });

  it('gives half credit when only the org requires it, naming Experience sites', () => {
    const verdict = tls(true, false);
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdict.reason).toBe(
      'TLS 1.2 is not required for Experience sites, so older, weaker TLS versions are still accepted there.',
    );
  });

  it('gives half credit when only Experience sites require it', () => {
    expect(tls(false, true).reason).toContain('not required for the org');
  });

  it('is non-compliant when neither requires it', () => {
    const verdict = tls(false, false);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('the org and Experience sites');
  });

  it('is unknown when the Experience sites field is missing (removed after API 50.0)', () => {
    const verdict = tls(true, undefined);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('Salesforce did not report "Require TLS 1.2 for Experience Cloud sites".');
  });
});

describe('SF.PLAT.5v1 untrusted redirects', () => {
  const redirect = (block: boolean | undefined, warn: boolean | undefined) =>
    runWith(untrustedRedirects, (s) => {
      setField(s, 'top', 'redirectBlockModeEnabled', block);
      setField(s, 'session', 'redirectionWarning', warn);
    });

  it('is compliant in block mode', () => {
    expect(redirect(true, false)).toMatchObject({ status: 'compliant', actual: 'Blocked' });
  });

  it('gives half credit when users are only warned', () => {
    const verdict = redirect(false, true);
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.5, actual: 'Users are warned' });
  });

  it('treats a warning as half credit even when block mode is not reported (they are exclusive)', () => {
    expect(redirect(undefined, true).status).toBe('partial');
  });

  it('is non-compliant when redirects are allowed without warning', () => {
    const verdict = redirect(false, false);
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Allowed without warning' });
    expect(verdict.reason).toContain('allowed without warning');
  });

  it('is unknown when block mode is off but the warning is not reported', () => {
    const verdict = redirect(false, undefined);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Warn users before redirecting them outside Salesforce');
  });
});

describe('specific platform settings', () => {
  it('SF.PLAT.4v1: enableAuraSecureEvalPref = true is the secure value (it PREVENTS function expressions)', () => {
    expect(runWith(auraSecureEval, (s) => (s.enableAuraSecureEvalPref = true)).status).toBe('compliant');
    expect(runWith(auraSecureEval, (s) => (s.enableAuraSecureEvalPref = false)).status).toBe('non_compliant');
  });

  it('SF.PLAT.8v1 fails when admins can log in as any user, and is privileged access', () => {
    const verdict = runWith(adminLoginAsAnyUser, (s) => (s.enableAdminLoginAsAnyUser = true));
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Enabled', expected: 'Disabled' });
    expect(verdict.reason).toBe(
      '"Administrators Can Log in as Any User" is enabled, so any admin can act as any user without that user’s consent.',
    );
    expect(adminLoginAsAnyUser.metric).toBe('privileged-access');
    expect(adminLoginAsAnyUser.remediation.steps[1]).toMatchObject({
      page: 'loginAccessPolicies',
      anchor: 'enableAdminLoginAsAnyUser',
    });
  });

  it('SF.PLAT.9v1 words the evidence as who can grant access', () => {
    expect(run(usersCannotGrantLoginAccess, compliantSecuritySettings()).actual).toBe('Administrators only');
    expect(runWith(usersCannotGrantLoginAccess, (s) => (s.canUsersGrantLoginAccess = true)).actual).toBe(
      'Users can grant access',
    );
  });
});
