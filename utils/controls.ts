import { z } from 'zod';

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

/** The 12 metrics of the SaaS Security Initiative (design.md §Scoring). */
export const metrics = [
  { id: 'privileged-access', title: 'Privileged access' },
  { id: 'authentication', title: 'Authentication strength (MFA)' },
  { id: 'password-policy', title: 'Password policy' },
  { id: 'session-management', title: 'Session management' },
  { id: 'network-access', title: 'Network access restrictions' },
  { id: 'third-party-apps', title: 'Third-party & OAuth apps' },
  { id: 'data-exposure', title: 'Data exposure & sharing' },
  { id: 'browser-protections', title: 'Browser protections' },
  { id: 'logging-monitoring', title: 'Logging & monitoring' },
  { id: 'account-lifecycle', title: 'Account lifecycle' },
  { id: 'integration-credentials', title: 'Integration credentials & certificates' },
  { id: 'platform-hardening', title: 'Platform hardening' },
] as const;
export type MetricId = (typeof metrics)[number]['id'];
export const metricIds = metrics.map((m) => m.id) as [MetricId, ...MetricId[]];

export const verdictStatuses = [
  'compliant',
  'non_compliant',
  'partial',
  'not_applicable',
  'error',
  'unknown',
] as const;
export type VerdictStatus = (typeof verdictStatuses)[number];

export const affectedEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string().optional(),
  detail: z.string().optional(),
});
export type AffectedEntity = z.infer<typeof affectedEntitySchema>;

const evidenceValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const verdictSchema = z.object({
  status: z.enum(verdictStatuses),
  /** Share of the control achieved, 0..1: drives partial credit. */
  fraction: z.number().min(0).max(1),
  actual: evidenceValue.optional(),
  expected: evidenceValue.optional(),
  reason: z.string(),
  affected: z.array(affectedEntitySchema).default([]),
  /** How many entities are affected in all, when `affected` lists only the first ones. */
  affectedTotal: z.number().int().nonnegative().optional(),
  /** Extra facts for the evidence panel, e.g. where two sources disagree. */
  notes: z.array(z.string()).default([]),
});
export type Verdict = z.infer<typeof verdictSchema>;

type EvidenceValue = z.infer<typeof evidenceValue>;
interface VerdictInput {
  actual?: EvidenceValue;
  expected?: EvidenceValue;
  reason?: string;
  affected?: AffectedEntity[];
  affectedTotal?: number;
  notes?: string[];
}

function verdict(status: VerdictStatus, fraction: number, input: VerdictInput, fallbackReason: string): Verdict {
  return {
    status,
    fraction,
    actual: input.actual,
    expected: input.expected,
    reason: input.reason ?? fallbackReason,
    affected: input.affected ?? [],
    affectedTotal: input.affectedTotal,
    notes: input.notes ?? [],
  };
}

export const compliant = (input: VerdictInput = {}): Verdict =>
  verdict('compliant', 1, input, 'Meets the recommended value');

export const nonCompliant = (input: VerdictInput = {}): Verdict =>
  verdict('non_compliant', 0, input, 'Does not meet the recommended value');

/** Partial credit: `fraction` of the control is achieved (e.g. 7 of 10 admins enrolled = 0.7). */
export function partial(fraction: number, input: VerdictInput = {}): Verdict {
  const bounded = Math.min(1, Math.max(0, fraction));
  if (bounded >= 1) return compliant(input);
  if (bounded <= 0) return nonCompliant(input);
  return verdict('partial', bounded, input, 'Partly meets the recommended value');
}

/** Share-based verdict: `good` of `total` entities comply. Nothing to check is compliant only when `total` is known. */
export function shareVerdict(good: number, total: number, input: VerdictInput): Verdict {
  if (total <= 0) return compliant(input);
  return partial(good / total, input);
}

export const notApplicable = (reason: string, input: VerdictInput = {}): Verdict =>
  verdict('not_applicable', 0, { ...input, reason }, reason);

/** The data needed was read but cannot decide the control: never counted as compliant. */
export const unknown = (reason: string, input: VerdictInput = {}): Verdict =>
  verdict('unknown', 0, { ...input, reason }, reason);

/** A source the control needs could not be read or parsed. */
export const errorVerdict = (reason: string, input: VerdictInput = {}): Verdict =>
  verdict('error', 0, { ...input, reason }, reason);

export interface RemediationStep {
  text: string;
  /** Page key of the connector's admin pages (connector `pages`), where this step happens. */
  page: string;
  /** Anchor on that page to highlight, when the step is about one field. */
  anchor?: string;
}

export interface Remediation {
  summary: string;
  steps: RemediationStep[];
  references: string[];
}

export interface FrameworkTags {
  /** Vendor baseline setting name, e.g. Salesforce Health Check "Minimum password length". */
  healthCheck?: string;
  /** Microsoft Secure Score / Defender for Cloud Apps recommendation title. */
  microsoftSecureScore?: string;
  nist80053?: string[];
  sscf?: string[];
  stig?: { vulnId: string; severity: 'CAT I' | 'CAT II' | 'CAT III' };
  cis?: string[];
  initiatives?: Array<'zero-trust' | 'ransomware' | 'business-email-compromise'>;
  serviceNowHardening?: string;
}

export interface ControlDefinition<Model, S extends keyof Model> {
  /** Stable and versioned: APP.THEME.NvV, e.g. SF.PWD.1v1. A new meaning bumps the version. */
  id: string;
  title: string;
  description: string;
  rationale: string;
  severity: Severity;
  /** Secure Score style points, 1–10. */
  weight: number;
  metric: MetricId;
  /** SHALL (required by the baseline) or SHOULD (recommended). */
  requirement: 'shall' | 'should';
  frameworks: FrameworkTags;
  sources: readonly S[];
  evaluate: (data: { [K in S]: Model[K] }) => Verdict;
  remediation: Remediation;
}

/** A control as the core sees it: the model type erased. */
export interface Control {
  id: string;
  title: string;
  description: string;
  rationale: string;
  severity: Severity;
  weight: number;
  metric: MetricId;
  requirement: 'shall' | 'should';
  frameworks: FrameworkTags;
  sources: readonly string[];
  evaluate: (data: Record<string, unknown>) => Verdict;
  remediation: Remediation;
}

export const controlIdPattern = /^[A-Z]+(\.[A-Z0-9]+)+\.\d+v\d+$/;

/** Binds the control helper to one connector's model so `sources` and `evaluate` are typed together. */
export function controlsFor<Model>() {
  return function defineControl<S extends keyof Model & string>(definition: ControlDefinition<Model, S>): Control {
    return definition as unknown as Control;
  };
}
