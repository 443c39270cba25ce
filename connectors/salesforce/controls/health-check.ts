import {
  compliant,
  nonCompliant,
  partial,
  shareVerdict,
  unknown,
  type AffectedEntity,
  type Control,
  type RemediationStep,
  type Verdict,
} from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import type { HealthCheckRisk, QueryRows, SecuritySettings } from '../model';
import { setupPages, type SetupPageKey } from '../pages';

/*
 * Health Check in two roles:
 *  1. a second opinion on every control tagged `frameworks.healthCheck`: after a SecuritySettings control
 *     has decided, the matching Health Check row adds a note (agreement or the exact disagreement), and
 *     decides alone when SecuritySettings could not be read;
 *  2. the baseline controls SF.HC.*: the Health Check score and the settings Health Check rates high risk.
 * The shared helpers the SecuritySettings controls use (one setting → one verdict) live here too, because
 * those controls are the ones Health Check cross-checks.
 */

// ─── Health Check cross-check ───────────────────────────────────────────────────────────────────────

const normalise = (setting: string) => setting.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Other labels Health Check has used for the same setting. Salesforce rewords settings between releases
 * (SMS verification was "device activation", MFA was "two-factor"), and the `Setting` field carries the label.
 */
const healthCheckAliases: Record<string, string[]> = {
  'let users verify their identity by text (sms)': [
    'Enable the SMS method of device activation',
    'Enable the SMS method of identity verification',
  ],
  'require identity verification during multi-factor authentication (mfa) registration': [
    'Require identity verification during MFA registration',
    'Require identity verification during two-factor authentication registration',
  ],
  'require identity verification for email address changes': ['Require identity verification for change of email address'],
  'require a minimum 1 day password lifetime': ['Require a minimum 1-day password lifetime'],
  'force logout on session timeout': ['Force log out on session timeout'],
  'enable clickjack protection for customer visualforce pages with standard headers': [
    'Enable clickjack protection for customer VF pages with standard headers',
  ],
  'enable clickjack protection for customer visualforce pages with headers disabled': [
    'Enable clickjack protection for customer VF pages with headers disabled',
  ],
};

/**
 * The Health Check row for a setting label, matched case-insensitively with whitespace trimmed, then by the
 * label's known aliases.
 */
export function findHealthCheckRisk(
  risks: QueryRows<HealthCheckRisk> | undefined,
  setting: string,
): HealthCheckRisk | undefined {
  if (!risks || !setting.trim()) return undefined;
  const wanted = normalise(setting);
  for (const label of [wanted, ...(healthCheckAliases[wanted] ?? []).map(normalise)]) {
    const row = risks.records.find((candidate) => normalise(candidate.Setting) === label);
    if (row) return row;
  }
  return undefined;
}

const riskWords: Record<HealthCheckRisk['RiskType'], string> = {
  HIGH_RISK: 'high risk',
  MEDIUM_RISK: 'medium risk',
  MEETS_STANDARD: 'meets the standard',
};

/** "8 characters (high risk, standard 12 characters)" */
function describeRow(row: HealthCheckRisk): string {
  const value = row.OrgValue?.trim() || 'no value';
  const standard = row.StandardValue?.trim();
  const risk = riskWords[row.RiskType];
  return standard ? `${value} (${risk}, standard ${standard})` : `${value} (${risk})`;
}

function evidenceText(value: Verdict['actual']): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

/**
 * Adds Health Check's view of `setting` to `verdict.notes`: where they disagree (Health Check meets the
 * standard while we do not, or the reverse) the note says exactly what each side reports; where they agree
 * a short confirmation. Never changes the status: our verdict is the one that counts.
 */
export function crossCheckHealthCheck(
  verdict: Verdict,
  risks: QueryRows<HealthCheckRisk> | undefined,
  setting: string,
): Verdict {
  const row = findHealthCheckRisk(risks, setting);
  if (!row) return verdict;
  let ours: 'meets' | 'fails';
  if (verdict.status === 'compliant') ours = 'meets';
  else if (verdict.status === 'non_compliant' || verdict.status === 'partial') ours = 'fails';
  else return verdict;
  const theirs = row.RiskType === 'MEETS_STANDARD' ? 'meets' : 'fails';
  const label = row.Setting.trim();
  let note: string;
  if (ours === theirs) {
    note = `Health Check agrees: "${label}" is ${describeRow(row)}.`;
  } else if (sameValue(row.OrgValue, evidenceText(verdict.actual))) {
    const expected = evidenceText(verdict.expected);
    note =
      `Health Check's baseline rates "${label}" = ${row.OrgValue} as ${theirs === 'meets' ? 'meeting' : 'missing'} its standard ` +
      `(${row.StandardValue ?? 'not stated'})${expected ? `; Posture Lens expects ${expected}` : ''}.`;
  } else {
    const said = evidenceText(verdict.actual) ?? (ours === 'meets' ? 'it meets the recommended value' : 'it does not');
    note = `Health Check reports "${label}" as ${describeRow(row)} but SecuritySettings says ${said}.`;
  }
  return { ...verdict, notes: [...verdict.notes, note] };
}

/** "8" and "8 characters", "2 hours" and "2 Hours" are the same value; "2 hours" and "12 hours" are not. */
function sameValue(healthCheckValue: string | null, ours: string | undefined): boolean {
  if (!healthCheckValue || !ours) return false;
  const numbers = (text: string) => text.match(/\d+/g)?.join(',') ?? '';
  const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const [left, right] = [numbers(healthCheckValue), numbers(ours)];
  if (left || right) return left === right;
  return words(healthCheckValue) === words(ours);
}

/**
 * Health Check settings whose baseline asks less than the control mapped to it (8 characters against 12, 3
 * passwords remembered against 5, 5 attempts against 3, 15 minutes locked against 30, alphanumeric against
 * special characters): a row meeting Health Check's standard does not show the control's own is met, so on its
 * own it can decide a failure, never a pass.
 */
const baselinesLaxerThanControls: ReadonlySet<string> = new Set([
  'Minimum password length',
  'Password complexity requirement',
  'Enforce password history',
  'Maximum invalid login attempts',
  'Lockout effective period',
]);

/**
 * The post-processor the connector runs on every control's verdict. Controls without a Health Check tag
 * pass through. When SecuritySettings could not be read or did not decide (`error`/`unknown`) and Health
 * Check has the setting, Health Check alone decides; otherwise its view is added as a note.
 */
export function applyHealthCheckCrossCheck(
  control: Control,
  verdict: Verdict,
  risks: QueryRows<HealthCheckRisk> | undefined,
): Verdict {
  const setting = control.frameworks.healthCheck;
  if (!setting) return verdict;
  if (verdict.status !== 'error' && verdict.status !== 'unknown') {
    return crossCheckHealthCheck(verdict, risks, setting);
  }
  const row = findHealthCheckRisk(risks, setting);
  if (!row) return verdict;
  const input = {
    actual: row.OrgValue ?? null,
    expected: row.StandardValue ?? null,
    affected: verdict.affected,
    notes: [
      ...verdict.notes,
      `Decided from Health Check only: SecuritySettings could not be read (${verdict.reason.replace(/\.$/, '')}).`,
    ],
  };
  const label = row.Setting.trim();
  if (row.RiskType !== 'MEETS_STANDARD') return nonCompliant({ ...input, reason: `Health Check reports "${label}" as ${describeRow(row)}.` });
  if (baselinesLaxerThanControls.has(setting)) {
    return unknown(
      `Health Check reports "${label}" as ${describeRow(row)}, but its standard asks less than this check, and the setting itself could not be read: scan again once SecuritySettings can be read.`,
      input,
    );
  }
  return compliant({ ...input, reason: `Health Check reports "${label}" as ${describeRow(row)}.` });
}

// ─── Helpers shared by the SecuritySettings controls ────────────────────────────────────────────────

/** A remediation step on a Setup page; `anchor` is the SecuritySettings field the step is about. */
export const step = (text: string, page: SetupPageKey, anchor?: string): RemediationStep =>
  anchor ? { text, page, anchor } : { text, page };

export const saveAndVerify = (page: SetupPageKey): RemediationStep =>
  step('Save, then choose Verify in Posture Lens', page);

export const references = {
  securitySettings: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_securitysettings.htm',
  sessionSettings: 'https://help.salesforce.com/s/articleView?id=sf.admin_sessions.htm&type=5',
  passwordPolicies: 'https://help.salesforce.com/s/articleView?id=sf.admin_password.htm&type=5',
  healthCheck: 'https://help.salesforce.com/s/articleView?id=xcloud.security_health_check.htm&type=5',
  healthCheckScore: 'https://help.salesforce.com/s/articleView?id=xcloud.security_health_check_score.htm&type=5',
  healthCheckRisks:
    'https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_securityhealthcheckrisks.htm',
  healthCheckObject:
    'https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_securityhealthcheck.htm',
  coop: 'https://help.salesforce.com/s/articleView?id=xcloud.security_coop.htm&type=5',
  lightningSecurity: 'https://developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/security_code.htm',
  visualforceFraming:
    'https://developer.salesforce.com/docs/atlas.en-us.pages.meta/pages/pages_quick_start_external_iframe.htm',
} as const;

/** Missing data is never compliant. */
export const notReported = (label: string, expected?: string): Verdict =>
  unknown(`Salesforce did not report "${label}".`, expected === undefined ? {} : { expected });

export interface BooleanSettingRule {
  /** The setting's label in Setup, e.g. "Require HttpOnly attribute". */
  label: string;
  value: boolean | undefined;
  /** The value that is secure. */
  secureWhen: boolean;
  /** What the insecure value allows, as a clause: "scripts injected into a page can read the session cookie". */
  risk: string;
  /** Words for true / false; "Enabled" / "Disabled" unless the label reads better otherwise. */
  on?: string;
  off?: string;
}

/** One checkbox setting → compliant, non-compliant, or unknown when Salesforce did not report it. */
export function booleanSetting(rule: BooleanSettingRule): Verdict {
  const words = (value: boolean) => (value ? (rule.on ?? 'Enabled') : (rule.off ?? 'Disabled'));
  const expected = words(rule.secureWhen);
  if (rule.value === undefined) return notReported(rule.label, expected);
  const actual = words(rule.value);
  return rule.value === rule.secureWhen
    ? compliant({ actual, expected, reason: `"${rule.label}" is ${actual.toLowerCase()}.` })
    : nonCompliant({ actual, expected, reason: `"${rule.label}" is ${actual.toLowerCase()}, so ${rule.risk}.` });
}

export interface EnumOption {
  /** The value in human words: "90 days", "No limit". */
  text: string;
  /** Share of the control achieved at this value. */
  fraction: number;
}

export interface EnumSettingRule {
  label: string;
  raw: string | undefined;
  /** Every documented enum value, mapped explicitly. */
  options: Record<string, EnumOption>;
  expected: string;
  /** Why a value short of the target matters, as a clause. */
  risk: string;
}

/** An enum setting → a verdict; an unrecognised value is `unknown` with the raw value (fail closed). */
export function enumSetting(rule: EnumSettingRule): Verdict {
  if (rule.raw === undefined) return notReported(rule.label, rule.expected);
  const option = Object.hasOwn(rule.options, rule.raw) ? rule.options[rule.raw] : undefined;
  if (!option) {
    return unknown(
      `Salesforce reported "${rule.label}" as "${rule.raw}", a value Posture Lens does not recognise, so it cannot judge it.`,
      { actual: rule.raw, expected: rule.expected },
    );
  }
  const input = { actual: option.text, expected: rule.expected };
  return option.fraction >= 1
    ? compliant({ ...input, reason: `"${rule.label}" is ${option.text}.` })
    : partial(option.fraction, { ...input, reason: `"${rule.label}" is ${option.text}, so ${rule.risk}.` });
}

/** One SecuritySettings checkbox as a control: the catalog row, with the evaluator and remediation derived. */
export interface SettingFlagRow
  extends Pick<
    Control,
    'id' | 'title' | 'description' | 'rationale' | 'severity' | 'weight' | 'metric' | 'requirement' | 'frameworks'
  > {
  /** Setup label of the checkbox; also the Health Check setting name unless `frameworks.healthCheck` says otherwise. */
  label: string;
  read: (settings: SecuritySettings) => boolean | undefined;
  secureWhen: boolean;
  risk: string;
  on?: string;
  off?: string;
  page: SetupPageKey;
  /** SecuritySettings field name, used as the overlay anchor. */
  anchor: string;
  summary: string;
  /** The one action, e.g. 'Select "Require HttpOnly attribute"'. */
  action: string;
  references: string[];
}

export function settingFlagControl(row: SettingFlagRow): Control {
  return defineSalesforceControl({
    id: row.id,
    title: row.title,
    description: row.description,
    rationale: row.rationale,
    severity: row.severity,
    weight: row.weight,
    metric: row.metric,
    requirement: row.requirement,
    frameworks: row.frameworks,
    sources: ['securitySettings'],
    evaluate: ({ securitySettings }) =>
      booleanSetting({
        label: row.label,
        value: row.read(securitySettings),
        secureWhen: row.secureWhen,
        risk: row.risk,
        on: row.on,
        off: row.off,
      }),
    remediation: {
      summary: row.summary,
      steps: [step(`Open Setup → ${setupPages[row.page].title}`, row.page), step(row.action, row.page, row.anchor), saveAndVerify(row.page)],
      references: row.references,
    },
  });
}

// ─── Health Check baseline controls ─────────────────────────────────────────────────────────────────

const targetScore = 80;

function grade(score: number): string {
  if (score >= 90) return 'Excellent';
  if (score >= 80) return 'Very Good';
  if (score >= 70) return 'Good';
  if (score >= 55) return 'Poor';
  return 'Very Poor';
}

export const healthCheckScore = defineSalesforceControl({
  id: 'SF.HC.1v1',
  title: 'Health Check score is 80% or higher',
  description:
    'The Salesforce Health Check score measures how the org’s security settings compare with the Salesforce ' +
    'Baseline Standard (or the custom baseline chosen in Health Check). 80% is the lower bound of "Very Good".',
  rationale:
    'A low score means several high- or medium-risk settings (session, password, clickjack and CSRF protection) ' +
    'are weaker than the baseline, each of which an attacker can use: for example, a phished password that is ' +
    'never locked out, or a session cookie that injected script can read. The score is a quick, vendor-defined ' +
    'summary that auditors recognise.',
  severity: 'medium',
  weight: 4,
  metric: 'logging-monitoring',
  requirement: 'should',
  frameworks: { nist80053: ['CA-7', 'CM-6'] },
  sources: ['healthCheck'],
  evaluate: ({ healthCheck }) => {
    const score = healthCheck.Score;
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      return unknown(`Health Check returned a score of "${String(score)}", which is not a percentage.`);
    }
    const shown = Math.round(score * 10) / 10;
    const input = { actual: `${shown}% (${grade(score)})`, expected: `${targetScore}% or higher` };
    return score >= targetScore
      ? compliant({ ...input, reason: `The Health Check score is ${shown}% (${grade(score)}).` })
      : partial(score / 100, {
          ...input,
          reason: `The Health Check score is ${shown}% (${grade(score)}), below the ${targetScore}% target.`,
        });
  },
  remediation: {
    summary: 'Open Health Check, fix the high-risk settings first, then the medium-risk ones, until the score reaches 80%.',
    steps: [
      step('Open Setup → Health Check and review the High-Risk and Medium-Risk settings', 'healthCheck'),
      step('Choose "Fix Risks" for the settings Health Check can change, or Edit for the others', 'healthCheck'),
      saveAndVerify('healthCheck'),
    ],
    references: [references.healthCheckScore, references.healthCheckObject],
  },
});

const affectedLimit = 25;

export const noHighRiskSettings = defineSalesforceControl({
  id: 'SF.HC.2v1',
  title: 'No Health Check settings are at high risk',
  description:
    'Every setting Health Check scores meets its baseline value or is at most a medium risk. A setting is high ' +
    'risk when its value is at the baseline’s critical level.',
  rationale:
    'High-risk settings are the ones Salesforce weighs most in Health Check because each one opens a direct ' +
    'attack path: missing clickjack or CSRF protection lets a malicious site drive an admin’s browser, unlimited ' +
    'login attempts let attackers guess passwords, and unlocked sessions can be replayed from another domain.',
  severity: 'medium',
  weight: 5,
  metric: 'platform-hardening',
  requirement: 'shall',
  frameworks: { nist80053: ['CM-6', 'CA-7'] },
  sources: ['healthCheckRisks'],
  evaluate: ({ healthCheckRisks }) => {
    // Informational settings do not count in Health Check's score, so they do not count here either.
    const scored = healthCheckRisks.records.filter((row) => row.SettingRiskCategory !== 'INFORMATIONAL');
    if (scored.length === 0) {
      return unknown('Health Check returned no scored settings, so Posture Lens cannot tell whether any is at high risk.');
    }
    const high = scored.filter((row) => row.RiskType === 'HIGH_RISK');
    const meets = scored.filter((row) => row.RiskType === 'MEETS_STANDARD').length;
    const notes = healthCheckRisks.complete
      ? []
      : [`Only ${healthCheckRisks.records.length} of ${healthCheckRisks.totalSize} Health Check settings were read.`];
    if (high.length === 0) {
      if (!healthCheckRisks.complete) {
        return unknown('No high-risk setting among the Health Check settings read, but not all of them could be read.', {
          notes,
        });
      }
      return compliant({
        actual: 'No high-risk settings',
        expected: 'No high-risk settings',
        reason: `None of the ${scored.length} scored Health Check settings is at high risk (${meets} meet the standard).`,
        notes,
      });
    }
    const affected: AffectedEntity[] = high.slice(0, affectedLimit).map((row) => ({
      id: row.Setting,
      name: row.Setting,
      kind: 'setting',
      detail: `${row.OrgValue?.trim() || 'no value'} (standard ${row.StandardValue?.trim() || 'not given'})`,
    }));
    const named = high
      .slice(0, 3)
      .map((row) => `${row.Setting} (${row.OrgValue?.trim() || 'no value'})`)
      .join(', ');
    const more = high.length > 3 ? ` and ${high.length - 3} more` : '';
    return shareVerdict(meets, scored.length, {
      actual: `${high.length} high-risk setting${high.length === 1 ? '' : 's'}`,
      expected: 'No high-risk settings',
      reason: `Health Check rates ${high.length} of ${scored.length} scored settings high risk: ${named}${more}.`,
      affected,
      affectedTotal: high.length,
      notes,
    });
  },
  remediation: {
    summary: 'Change each high-risk setting to at least the Health Check baseline value.',
    steps: [
      step('Open Setup → Health Check and filter to the High-Risk Security Settings', 'healthCheck'),
      step('For each high-risk setting, choose Edit (or "Fix Risks") and set the standard value', 'healthCheck'),
      saveAndVerify('healthCheck'),
    ],
    references: [references.healthCheck, references.healthCheckRisks],
  },
});

export const healthCheckControls: Control[] = [healthCheckScore, noHighRiskSettings];
