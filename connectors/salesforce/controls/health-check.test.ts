import { describe, expect, it } from 'vitest';
import {
  compliant,
  controlIdPattern,
  errorVerdict,
  metricIds,
  nonCompliant,
  notApplicable,
  partial,
  unknown,
  type Control,
} from '@/utils/controls';
import { evaluateControl } from '@/utils/evaluate';
import type { SourceResult } from '@/utils/snapshot';
import { parseSalesforceSources } from '../model';
import { setupPages } from '../pages';
import {
  compliantHealthCheckRisks,
  healthCheckRisk,
  healthCheckRisksWith,
  healthCheckRows,
  parseSecuritySettingsXml,
  parsedSecuritySettings,
  securitySettingsWith,
} from '../fixtures/security-settings';
import { authenticationSettingControls } from './authentication-settings';
import { browserProtectionControls, clickjackSetup } from './browser-protections';
import {
  applyHealthCheckCrossCheck,
  crossCheckHealthCheck,
  findHealthCheckRisk,
  healthCheckControls,
  healthCheckScore,
  noHighRiskSettings,
} from './health-check';
import { minimumPasswordLength, passwordPolicyControls } from './password-policy';
import { platformControls } from './platform';
import { sessionControls } from './session';

const settingsControls = [
  ...passwordPolicyControls,
  ...sessionControls,
  ...browserProtectionControls,
  ...platformControls,
  ...authenticationSettingControls,
];
const allControls: Control[] = [...settingsControls, ...healthCheckControls];

const minLengthHigh = healthCheckRisk('Minimum password length', 'HIGH_RISK', '8 characters', '12 characters', {
  category: 'MEDIUM_RISK',
});
const minLengthMeets = healthCheckRisk('Minimum password length', 'MEETS_STANDARD', '12 characters', '12 characters', {
  category: 'MEDIUM_RISK',
});
const clickjackMeets = healthCheckRisk('Enable clickjack protection for Setup pages', 'MEETS_STANDARD', 'Enabled', 'Enabled');

describe('crossCheckHealthCheck', () => {
  it('says exactly where Health Check disagrees with a compliant verdict, and keeps the verdict', () => {
    const verdict = compliant({ actual: 12, expected: '12 or more characters' });
    const checked = crossCheckHealthCheck(verdict, healthCheckRows([minLengthHigh]), 'Minimum password length');
    expect(checked.status).toBe('compliant');
    expect(checked.fraction).toBe(1);
    expect(checked.notes).toEqual([
      'Health Check reports "Minimum password length" as 8 characters (high risk, standard 12 characters) but SecuritySettings says 12.',
    ]);
  });

  it('never turns a non-compliant verdict compliant when Health Check says the standard is met', () => {
    const verdict = nonCompliant({ actual: '8 characters', reason: 'too short' });
    const checked = crossCheckHealthCheck(verdict, healthCheckRows([minLengthMeets]), 'Minimum password length');
    expect(checked.status).toBe('non_compliant');
    expect(checked.fraction).toBe(0);
    expect(checked.reason).toBe('too short');
    expect(checked.notes).toEqual([
      'Health Check reports "Minimum password length" as 12 characters (meets the standard, standard 12 characters) but SecuritySettings says 8 characters.',
    ]);
  });

  it('tells a baseline difference (same value, other standard) apart from a value disagreement', () => {
    const weakBaseline = healthCheckRisk('Minimum password length', 'MEETS_STANDARD', '8 characters', '8 characters', {
      category: 'MEDIUM_RISK',
    });
    const verdict = nonCompliant({ actual: '8 characters', expected: '12 or more characters' });
    const checked = crossCheckHealthCheck(verdict, healthCheckRows([weakBaseline]), 'Minimum password length');
    expect(checked.status).toBe('non_compliant');
    expect(checked.notes).toEqual([
      'Health Check\'s baseline rates "Minimum password length" = 8 characters as meeting its standard (8 characters); Posture Lens expects 12 or more characters.',
    ]);
  });

  it('treats partial as "does not meet" and reports the disagreement', () => {
    const checked = crossCheckHealthCheck(
      partial(0.5, { actual: '10 characters' }),
      healthCheckRows([minLengthMeets]),
      'Minimum password length',
    );
    expect(checked.status).toBe('partial');
    expect(checked.notes[0]).toMatch(/^Health Check reports .* but SecuritySettings says 10 characters\.$/);
  });

  it('adds a short agreement note when both sides agree', () => {
    expect(
      crossCheckHealthCheck(compliant({ actual: '12 characters' }), healthCheckRows([minLengthMeets]), 'Minimum password length')
        .notes,
    ).toEqual(['Health Check agrees: "Minimum password length" is 12 characters (meets the standard, standard 12 characters).']);
    expect(
      crossCheckHealthCheck(nonCompliant({ actual: '8 characters' }), healthCheckRows([minLengthHigh]), 'Minimum password length')
        .notes,
    ).toEqual(['Health Check agrees: "Minimum password length" is 8 characters (high risk, standard 12 characters).']);
  });

  it('matches the setting name case-insensitively with whitespace trimmed', () => {
    const rows = healthCheckRows([{ ...minLengthHigh, Setting: '  Minimum Password  Length ' }]);
    expect(findHealthCheckRisk(rows, 'minimum password length')).toBeDefined();
    expect(crossCheckHealthCheck(compliant({ actual: 12 }), rows, ' MINIMUM password length ').notes).toHaveLength(1);
  });

  it('finds a row under an older Health Check label for the same setting', () => {
    const row = healthCheckRisk('Enable the SMS method of device activation', 'HIGH_RISK', 'Disabled', 'Enabled');
    const checked = crossCheckHealthCheck(
      compliant({ actual: 'Enabled' }),
      healthCheckRows([row]),
      'Let users verify their identity by text (SMS)',
    );
    expect(checked.notes).toEqual([
      'Health Check reports "Enable the SMS method of device activation" as Disabled (high risk, standard Enabled) but SecuritySettings says Enabled.',
    ]);
  });

  it('prefers the exact label over an alias', () => {
    const rows = healthCheckRows([
      healthCheckRisk('Enable the SMS method of device activation', 'HIGH_RISK', 'Disabled', 'Enabled'),
      healthCheckRisk('Let users verify their identity by text (SMS)', 'MEETS_STANDARD', 'Enabled', 'Enabled'),
    ]);
    expect(findHealthCheckRisk(rows, 'Let users verify their identity by text (SMS)')?.RiskType).toBe('MEETS_STANDARD');
  });

  it('adds nothing when Health Check has no row for the setting, or was not read', () => {
    const verdict = compliant({ actual: 12 });
    expect(crossCheckHealthCheck(verdict, healthCheckRows([minLengthHigh]), 'Timeout value')).toEqual(verdict);
    expect(crossCheckHealthCheck(verdict, undefined, 'Minimum password length')).toEqual(verdict);
    expect(crossCheckHealthCheck(verdict, healthCheckRows([minLengthHigh]), '  ')).toEqual(verdict);
  });

  it('leaves unknown, error and not-applicable verdicts alone', () => {
    const rows = healthCheckRows([minLengthHigh]);
    for (const verdict of [unknown('no data'), errorVerdict('broken'), notApplicable('off')]) {
      expect(crossCheckHealthCheck(verdict, rows, 'Minimum password length')).toEqual(verdict);
    }
  });

  it('keeps existing notes and does not mutate its input', () => {
    const verdict = compliant({ actual: 12, notes: ['earlier note'] });
    const checked = crossCheckHealthCheck(verdict, healthCheckRows([minLengthHigh]), 'Minimum password length');
    expect(checked.notes[0]).toBe('earlier note');
    expect(checked.notes).toHaveLength(2);
    expect(verdict.notes).toEqual(['earlier note']);
  });

  it('says "no value" when Health Check has no org value, and leaves out a missing standard', () => {
    const row = healthCheckRisk('Timeout value', 'MEDIUM_RISK', null, null);
    expect(crossCheckHealthCheck(compliant({ actual: '2 hours' }), healthCheckRows([row]), 'Timeout value').notes).toEqual([
      'Health Check reports "Timeout value" as no value (medium risk) but SecuritySettings says 2 hours.',
    ]);
  });
});

describe('applyHealthCheckCrossCheck', () => {
  const unreadable = 'Salesforce returned "Security settings (password, session, network access)" in a form Posture Lens cannot read (response: Invalid input).';

  it('lets Health Check decide when SecuritySettings could not be read: meets standard → compliant', () => {
    const verdict = applyHealthCheckCrossCheck(clickjackSetup, errorVerdict(unreadable), healthCheckRows([clickjackMeets]));
    expect(verdict).toMatchObject({
      status: 'compliant',
      fraction: 1,
      actual: 'Enabled',
      expected: 'Enabled',
      reason: 'Health Check reports "Enable clickjack protection for Setup pages" as Enabled (meets the standard, standard Enabled).',
    });
    expect(verdict.notes).toEqual([
      'Decided from Health Check only: SecuritySettings could not be read (Salesforce returned "Security settings (password, session, network access)" in a form Posture Lens cannot read (response: Invalid input)).',
    ]);
  });

  it.each([
    ['Minimum password length', '8 characters'],
    ['Password complexity requirement', 'Must mix alpha and numeric characters'],
    ['Enforce password history', '3 passwords remembered'],
    ['Maximum invalid login attempts', '5'],
    ['Lockout effective period', '15 minutes'],
  ])('does not pass "%s" on Health Check alone: its standard asks less than the control', (setting, baseline) => {
    const control = settingsControls.find((c) => c.frameworks.healthCheck === setting)!;
    const meets = healthCheckRisk(setting, 'MEETS_STANDARD', baseline, baseline);
    const verdict = applyHealthCheckCrossCheck(control, errorVerdict(unreadable), healthCheckRows([meets]));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('its standard asks less than this check');
    expect(verdict.reason).toContain('scan again once SecuritySettings can be read');
    expect(verdict.notes[0]).toMatch(/^Decided from Health Check only: /);
  });

  it('lets Health Check decide when SecuritySettings could not be read: high or medium risk → non-compliant', () => {
    const high = applyHealthCheckCrossCheck(minimumPasswordLength, errorVerdict(unreadable), healthCheckRows([minLengthHigh]));
    expect(high).toMatchObject({ status: 'non_compliant', actual: '8 characters', expected: '12 characters' });
    const medium = applyHealthCheckCrossCheck(
      minimumPasswordLength,
      errorVerdict(unreadable),
      healthCheckRows([{ ...minLengthHigh, RiskType: 'MEDIUM_RISK' }]),
    );
    expect(medium.status).toBe('non_compliant');
    expect(medium.reason).toContain('(medium risk, standard 12 characters)');
  });

  it('also decides an unknown verdict (field not reported) from Health Check', () => {
    const missing = unknown('Salesforce did not report "Minimum password length".');
    const verdict = applyHealthCheckCrossCheck(minimumPasswordLength, missing, healthCheckRows([minLengthHigh]));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.notes[0]).toBe(
      'Decided from Health Check only: SecuritySettings could not be read (Salesforce did not report "Minimum password length").',
    );
  });

  it('keeps the error when Health Check has no row or was not read', () => {
    const error = errorVerdict(unreadable);
    expect(applyHealthCheckCrossCheck(minimumPasswordLength, error, healthCheckRows([]))).toEqual(error);
    expect(applyHealthCheckCrossCheck(minimumPasswordLength, error, undefined)).toEqual(error);
  });

  it('passes through controls without a Health Check tag', () => {
    const control = { ...minimumPasswordLength, frameworks: {} };
    const error = errorVerdict(unreadable);
    expect(applyHealthCheckCrossCheck(control, error, healthCheckRows([minLengthMeets]))).toEqual(error);
  });

  it('never turns a non-compliant verdict compliant', () => {
    const verdict = applyHealthCheckCrossCheck(
      minimumPasswordLength,
      nonCompliant({ actual: '8 characters' }),
      healthCheckRows([minLengthMeets]),
    );
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.notes[0]).toContain('but SecuritySettings says 8 characters');
  });

  it('takes Health Check’s null org value as null evidence', () => {
    const row = healthCheckRisk('Minimum password length', 'HIGH_RISK', null, '12 characters');
    const verdict = applyHealthCheckCrossCheck(minimumPasswordLength, errorVerdict(unreadable), healthCheckRows([row]));
    expect(verdict).toMatchObject({ status: 'non_compliant', actual: null, expected: '12 characters' });
  });

  it('works end to end: malformed XML → error → decided by Health Check', () => {
    const evaluated = evaluateControl(clickjackSetup, parseSecuritySettingsXml('<bad'));
    expect(evaluated.status).toBe('error');
    const verdict = applyHealthCheckCrossCheck(clickjackSetup, evaluated, compliantHealthCheckRisks());
    expect(verdict.status).toBe('compliant');
    expect(verdict.notes[0]).toMatch(/^Decided from Health Check only: SecuritySettings could not be read \(.+\)\.$/);
  });

  describe.each(
    settingsControls.filter((c) => c.frameworks.healthCheck).map((control) => [control.id, control] as const),
  )('%s with its Health Check row', (_id, control) => {
    const setting = control.frameworks.healthCheck!;

    it('has a row in the baseline fixture', () => {
      expect(findHealthCheckRisk(compliantHealthCheckRisks(), setting)).toBeDefined();
    });

    it('notes agreement on the compliant org', () => {
      const verdict = applyHealthCheckCrossCheck(
        control,
        evaluateControl(control, parsedSecuritySettings(securitySettingsWith(() => undefined))),
        compliantHealthCheckRisks(),
      );
      expect(verdict.status).toBe('compliant');
      expect(verdict.notes).toEqual([expect.stringMatching(/^Health Check agrees: /)]);
    });

    it('notes disagreement but stays compliant when Health Check rates it high risk', () => {
      const risks = healthCheckRisksWith(healthCheckRisk(setting, 'HIGH_RISK', 'Weak', 'Strong'));
      const verdict = applyHealthCheckCrossCheck(
        control,
        evaluateControl(control, parsedSecuritySettings(securitySettingsWith(() => undefined))),
        risks,
      );
      expect(verdict.status).toBe('compliant');
      expect(verdict.notes[0]).toContain(`Health Check reports "${setting}" as Weak (high risk, standard Strong) but SecuritySettings says`);
    });

    it('is decided by Health Check alone when the XML is malformed', () => {
      const evaluated = evaluateControl(control, parseSecuritySettingsXml('<bad'));
      const risks = healthCheckRisksWith(healthCheckRisk(setting, 'HIGH_RISK', 'Weak', 'Strong'));
      const verdict = applyHealthCheckCrossCheck(control, evaluated, risks);
      expect(verdict).toMatchObject({ status: 'non_compliant', actual: 'Weak', expected: 'Strong' });
      expect(verdict.notes[0]).toMatch(/^Decided from Health Check only: /);
    });
  });
});

// ─── SF.HC.* controls, through the real Tooling query parser ───────────────────────────────────────

const toolingRows = (records: unknown[], totalSize = records.length): SourceResult => ({
  ok: true,
  data: { totalSize, done: records.length >= totalSize, records },
  truncated: false,
});

function parseHealthCheck(score: unknown) {
  return parseSalesforceSources({ healthCheck: toolingRows(score === undefined ? [] : [{ Id: '0Ds000000000001', Score: score }]) });
}

function parseRisks(records: unknown[], totalSize?: number) {
  return parseSalesforceSources({ healthCheckRisks: toolingRows(records, totalSize) });
}

describe('SF.HC.1v1 Health Check score', () => {
  it('is compliant at 80 and reads the score Salesforce sends as text', () => {
    const verdict = evaluateControl(healthCheckScore, parseHealthCheck('80'));
    expect(verdict).toMatchObject({ status: 'compliant', actual: '80% (Very Good)', expected: '80% or higher' });
    expect(verdict.reason).toBe('The Health Check score is 80% (Very Good).');
  });

  it('earns partial credit score/100 below 80, naming the score and grade', () => {
    const verdict = evaluateControl(healthCheckScore, parseHealthCheck(62));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.62, actual: '62% (Poor)' });
    expect(verdict.reason).toBe('The Health Check score is 62% (Poor), below the 80% target.');
  });

  it('is non-compliant at 0', () => {
    expect(evaluateControl(healthCheckScore, parseHealthCheck(0)).status).toBe('non_compliant');
  });

  it('is unknown for a score outside 0–100', () => {
    const verdict = evaluateControl(healthCheckScore, parseHealthCheck(140));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('140');
  });

  it('is an error (not compliant) when Salesforce returns no Health Check record', () => {
    const verdict = evaluateControl(healthCheckScore, parseHealthCheck(undefined));
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('no SecurityHealthCheck record');
  });

  it('is an error when the score is not a number', () => {
    expect(evaluateControl(healthCheckScore, parseHealthCheck('eighty')).status).toBe('error');
  });
});

describe('SF.HC.2v1 no high-risk Health Check settings', () => {
  it('is compliant on the compliant baseline', () => {
    const verdict = evaluateControl(noHighRiskSettings, parseRisks(compliantHealthCheckRisks().records));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toMatch(/^None of the \d+ scored Health Check settings is at high risk/);
  });

  it('lists each high-risk setting with org and standard values; fraction = meets / scored', () => {
    const rows = [
      healthCheckRisk('Minimum password length', 'HIGH_RISK', '5 characters', '12 characters'),
      healthCheckRisk('Require HttpOnly attribute', 'HIGH_RISK', 'Disabled', 'Enabled'),
      healthCheckRisk('Timeout value', 'MEDIUM_RISK', '12 hours', '2 hours', { category: 'LOW_RISK' }),
      healthCheckRisk('Enable clickjack protection for Setup pages', 'MEETS_STANDARD', 'Enabled', 'Enabled'),
      // Informational settings do not count, even at high risk.
      healthCheckRisk('Enable caching and autocomplete on login page', 'HIGH_RISK', 'Enabled', 'Disabled', {
        category: 'INFORMATIONAL',
      }),
    ];
    const verdict = evaluateControl(noHighRiskSettings, parseRisks(rows));
    expect(verdict).toMatchObject({ status: 'partial', fraction: 0.25, actual: '2 high-risk settings', affectedTotal: 2 });
    expect(verdict.affected).toEqual([
      { id: 'Minimum password length', name: 'Minimum password length', kind: 'setting', detail: '5 characters (standard 12 characters)' },
      { id: 'Require HttpOnly attribute', name: 'Require HttpOnly attribute', kind: 'setting', detail: 'Disabled (standard Enabled)' },
    ]);
    expect(verdict.reason).toBe(
      'Health Check rates 2 of 4 scored settings high risk: Minimum password length (5 characters), Require HttpOnly attribute (Disabled).',
    );
  });

  it('is non-compliant when nothing meets the standard', () => {
    const rows = [healthCheckRisk('Require HttpOnly attribute', 'HIGH_RISK', 'Disabled', 'Enabled')];
    expect(evaluateControl(noHighRiskSettings, parseRisks(rows)).status).toBe('non_compliant');
  });

  it('is compliant when only medium risks remain (they are not high risk)', () => {
    const rows = [healthCheckRisk('Timeout value', 'MEDIUM_RISK', '12 hours', '2 hours', { category: 'LOW_RISK' })];
    expect(evaluateControl(noHighRiskSettings, parseRisks(rows)).status).toBe('compliant');
  });

  it('is unknown when Health Check returns no scored settings', () => {
    expect(evaluateControl(noHighRiskSettings, parseRisks([])).status).toBe('unknown');
  });

  it('is unknown, not compliant, when only part of the rows could be read and none is high risk', () => {
    const verdict = evaluateControl(noHighRiskSettings, parseRisks(compliantHealthCheckRisks().records, 500));
    expect(verdict.status).toBe('unknown');
    expect(verdict.notes[0]).toMatch(/^Only \d+ of 500 Health Check settings were read\.$/);
  });

  it('is an error when a row has an unknown RiskType', () => {
    const rows = [{ ...healthCheckRisk('Timeout value', 'HIGH_RISK', 'x', 'y'), RiskType: 'SEVERE' }];
    expect(evaluateControl(noHighRiskSettings, parseRisks(rows)).status).toBe('error');
  });
});

// ─── Catalog-wide rules for every control in these files ────────────────────────────────────────────

const weightBands = { critical: [9, 10], high: [7, 8], medium: [4, 6], low: [2, 3], info: [1, 1] } as const;

const microsoftRecommendations = [
  'Require identity verification during MFA registration',
  'Lock sessions to the domain in which they were first used',
  'Let users verify their identity by text (SMS)',
  'Enable clickjack protection for Setup pages',
  'Enable clickjack protection for non-Setup Salesforce pages',
  'Enable clickjack protection for customer Visualforce pages with standard headers',
  'Enable clickjack protection for customer Visualforce pages with headers disabled',
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
  'Disable "Administrators Can Log In As Any User"',
  'Enforce password history',
  'Minimum password length',
  'User passwords expire in 90 days or less',
  'Password complexity requirement',
  'Obscure secret answer for password resets',
];

describe('catalog rules', () => {
  it('has unique, well-formed ids', () => {
    const ids = allControls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(controlIdPattern);
      expect(id).toMatch(/^SF\.(PWD|SESS|BROW|PLAT|AUTH|HC)\.\d+v1$/);
    }
  });

  it.each(allControls.map((c) => [c.id, c] as const))('%s is complete and consistent', (_id, control) => {
    const [min, max] = weightBands[control.severity];
    expect(control.weight).toBeGreaterThanOrEqual(min);
    expect(control.weight).toBeLessThanOrEqual(max);
    expect(metricIds).toContain(control.metric);
    expect(control.title.length).toBeGreaterThan(10);
    expect(control.description.length).toBeGreaterThan(20);
    expect(control.rationale.length).toBeGreaterThan(40);
    const steps = control.remediation.steps;
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const step of steps) expect(Object.keys(setupPages)).toContain(step.page);
    expect(steps.at(-1)!.text).toBe('Save, then choose Verify in Posture Lens');
    expect(steps.some((step) => step.anchor)).toBe(!control.id.startsWith('SF.HC.'));
    expect(control.remediation.references.length).toBeGreaterThan(0);
    for (const url of control.remediation.references) {
      expect(url).toMatch(/^https:\/\/(help|developer)\.salesforce\.com\//);
    }
  });

  it('settings controls read only SecuritySettings (Health Check is applied afterwards)', () => {
    for (const control of settingsControls) expect(control.sources).toEqual(['securitySettings']);
  });

  it('covers every Microsoft Secure Score Salesforce recommendation exactly once', () => {
    const tagged = allControls.map((c) => c.frameworks.microsoftSecureScore).filter(Boolean);
    expect([...tagged].sort()).toEqual([...microsoftRecommendations].sort());
  });

  it('totals about 35 or more controls', () => {
    expect(allControls.length).toBeGreaterThanOrEqual(35);
  });
});
