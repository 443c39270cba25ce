import { z } from 'zod';
import { version as packageVersion } from '../../package.json';
import { affectedEntitySchema, metricIds, severities, verdictStatuses, type Control, type FrameworkTags } from '../controls';
import type { ExceptionRecord, FindingRecord, InstanceRecord, ScanRecord } from '../db';
import { exceptionState } from '../exceptions';
import { exceptionKinds, type InstanceScore } from '../scoring';
import { snapshotSchema, type Snapshot } from '../snapshot';

/**
 * The export file (`posture-lens/export@1`): one or more instances, each with one scan, its findings
 * flattened with the control's catalog fields, and optionally the raw snapshot. Everything in it is
 * already in the extension's database, which never holds a session token, cookie or XSRF token.
 * Every other format (CSV, OCSF, HTML) is rendered from this bundle, and it is what import reads.
 */
export const exportFormat = 'posture-lens/export@1';
export const generatorName = 'Posture Lens';

const evidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const frameworkTagsSchema = z.object({
  healthCheck: z.string().optional(),
  microsoftSecureScore: z.string().optional(),
  nist80053: z.array(z.string()).optional(),
  sscf: z.array(z.string()).optional(),
  stig: z.object({ vulnId: z.string(), severity: z.enum(['CAT I', 'CAT II', 'CAT III']) }).optional(),
  cis: z.array(z.string()).optional(),
  initiatives: z.array(z.enum(['zero-trust', 'ransomware', 'business-email-compromise'])).optional(),
  serviceNowHardening: z.string().optional(),
}) satisfies z.ZodType<FrameworkTags>;

export const exportedExceptionSchema = z.object({
  kind: z.enum(exceptionKinds),
  rationale: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  /** null: no expiry. */
  expiresAt: z.string().nullable(),
  /** Only these affected entities are excepted; null: the whole control. */
  entityIds: z.array(z.string()).nullable(),
  /** `lapsed` once `expiresAt` ≤ the export time: the exception no longer applies. */
  state: z.enum(['active', 'lapsed']),
});
export type ExportedException = z.infer<typeof exportedExceptionSchema>;

/**
 * One finding, flat and stable: its keys, in this order, are the CSV header. Changing a key or its
 * meaning is a new export format version.
 */
export const exportedFindingSchema = z.object({
  instanceKey: z.string(),
  app: z.string(),
  instanceName: z.string(),
  instanceHost: z.string(),
  scanId: z.string(),
  /** When the scan finished (its start when it never finished). */
  scanFinishedAt: z.string(),
  controlId: z.string(),
  title: z.string(),
  severity: z.enum(severities),
  weight: z.number(),
  metric: z.enum(metricIds),
  /** null when the control is not in this version's catalog. */
  requirement: z.enum(['shall', 'should']).nullable(),
  frameworks: frameworkTagsSchema,
  status: z.enum(verdictStatuses),
  fraction: z.number().min(0).max(1),
  pointsAtStake: z.number(),
  reason: z.string(),
  /** null when the verdict has no value. */
  actual: evidenceValueSchema,
  expected: evidenceValueSchema,
  affected: z.array(affectedEntitySchema),
  /** All affected entities, also those `affected` does not list. */
  affectedTotal: z.number().int().nonnegative(),
  notes: z.array(z.string()),
  exception: exportedExceptionSchema.nullable(),
  remediationSummary: z.string(),
  remediationSteps: z.array(z.string()),
  references: z.array(z.string()),
});
export type ExportedFinding = z.infer<typeof exportedFindingSchema>;

/** The CSV header: the keys of ExportedFinding in their stable order. */
export const exportedFindingKeys = Object.keys(exportedFindingSchema.shape) as Array<keyof ExportedFinding>;

const statusCountsSchema = z.object(Object.fromEntries(verdictStatuses.map((status) => [status, z.number()])) as Record<
  (typeof verdictStatuses)[number],
  z.ZodNumber
>);

const instanceScoreSchema = z.object({
  achieved: z.number(),
  max: z.number(),
  percent: z.number().nullable(),
  counts: statusCountsSchema,
  coverageGaps: z.number(),
}) satisfies z.ZodType<InstanceScore>;

/**
 * `lost`/`max` are absent from scans stored before they were kept (and so from their exports): import
 * recomputes them from the findings.
 */
const initiativeScoreSchema = z.object({
  score: z.number().nullable(),
  metrics: z.array(
    z.object({
      metric: z.enum(metricIds),
      title: z.string(),
      weight: z.union([z.number(), z.literal('risk_accepted')]),
      value: z.number().nullable(),
      impact: z.number(),
      controls: z.number(),
      failing: z.number(),
      lost: z.number().optional(),
      max: z.number().optional(),
    }),
  ),
});

export const exportedInstanceSchema = z.object({
  instance: z.object({
    /** `${app}:${instanceId}` */
    key: z.string().min(1),
    app: z.string().min(1),
    appName: z.string(),
    instanceId: z.string().min(1),
    name: z.string(),
    host: z.string(),
  }),
  scan: z.object({
    id: z.string().min(1),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(['running', 'complete', 'partial', 'failed']),
    score: instanceScoreSchema.nullable(),
    initiative: initiativeScoreSchema.nullable(),
    requestCount: z.number().int().nonnegative().nullable(),
    sourceErrors: z.array(z.object({ source: z.string(), message: z.string() })),
  }),
  findings: z.array(exportedFindingSchema),
  /** The raw responses of the scan, when the export includes them. */
  snapshot: snapshotSchema.optional(),
});
export type ExportedInstance = z.infer<typeof exportedInstanceSchema>;

export const exportBundleSchema = z.object({
  format: z.literal(exportFormat),
  exportedAt: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  instances: z.array(exportedInstanceSchema),
});
export type ExportBundle = z.infer<typeof exportBundleSchema>;

export interface ExportInput {
  instances: Array<{ instance: InstanceRecord; scan: ScanRecord; findings: FindingRecord[]; snapshot?: Snapshot }>;
  /** The exceptions of the exported instances (others are ignored). */
  exceptions: ExceptionRecord[];
  controlById(id: string): Control | undefined;
  appName(app: string): string;
  /** ISO 8601: the export time, which also decides whether an exception has lapsed. */
  now: string;
  /** The extension's version; the package version when absent. */
  version?: string;
}

const time = (iso: string) => {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? 0 : parsed;
};

/**
 * The exception shown with a finding when several exist for its control: an active one before a lapsed
 * one, one for the whole control before one for some entities, then the newest.
 */
function exceptionFor(candidates: ExceptionRecord[], now: string): ExportedException | null {
  const rank = (exception: ExceptionRecord) =>
    (exceptionState(exception, now) === 'active' ? 0 : 2) + (exception.entityIds?.length ? 1 : 0);
  const chosen = [...candidates].sort((a, b) => rank(a) - rank(b) || time(b.createdAt) - time(a.createdAt))[0];
  if (!chosen) return null;
  return {
    kind: chosen.kind,
    rationale: chosen.rationale,
    owner: chosen.owner,
    createdAt: chosen.createdAt,
    expiresAt: chosen.expiresAt ?? null,
    entityIds: chosen.entityIds?.length ? [...chosen.entityIds] : null,
    state: exceptionState(chosen, now),
  };
}

/** Highest points at stake first, then by control id: the order of every export. */
type Ranked = Pick<ExportedFinding, 'pointsAtStake' | 'controlId'>;

export function compareFindings(a: Ranked, b: Ranked): number {
  return b.pointsAtStake - a.pointsAtStake || (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0);
}

export function buildExportBundle(input: ExportInput): ExportBundle {
  const exceptionsByControl = new Map<string, ExceptionRecord[]>();
  for (const exception of input.exceptions) {
    const key = `${exception.instanceKey}\u0000${exception.controlId}`;
    exceptionsByControl.set(key, [...(exceptionsByControl.get(key) ?? []), exception]);
  }
  return {
    format: exportFormat,
    exportedAt: input.now,
    generator: { name: generatorName, version: input.version ?? packageVersion },
    instances: input.instances.map(({ instance, scan, findings, snapshot }) => {
      const scanFinishedAt = scan.finishedAt ?? scan.startedAt;
      const exported = findings
        .filter((finding) => finding.scanId === scan.id)
        .map((finding): ExportedFinding => {
          const control = input.controlById(finding.controlId);
          const { verdict } = finding;
          return {
            instanceKey: instance.key,
            app: instance.app,
            instanceName: instance.name,
            instanceHost: instance.host,
            scanId: scan.id,
            scanFinishedAt,
            controlId: finding.controlId,
            title: control?.title ?? finding.controlId,
            severity: finding.severity,
            weight: finding.weight,
            metric: finding.metric,
            requirement: control?.requirement ?? null,
            frameworks: structuredClone(control?.frameworks ?? {}),
            status: verdict.status,
            fraction: verdict.fraction,
            pointsAtStake: finding.pointsAtStake,
            reason: verdict.reason,
            actual: verdict.actual ?? null,
            expected: verdict.expected ?? null,
            affected: verdict.affected.map((entity) => ({ ...entity })),
            affectedTotal: verdict.affectedTotal ?? verdict.affected.length,
            notes: [...verdict.notes],
            exception: exceptionFor(exceptionsByControl.get(`${instance.key}\u0000${finding.controlId}`) ?? [], input.now),
            remediationSummary: control?.remediation.summary ?? '',
            remediationSteps: control?.remediation.steps.map((step) => step.text) ?? [],
            references: [...(control?.remediation.references ?? [])],
          };
        })
        .sort(compareFindings);
      return {
        instance: {
          key: instance.key,
          app: instance.app,
          appName: input.appName(instance.app),
          instanceId: instance.instanceId,
          name: instance.name,
          host: instance.host,
        },
        scan: {
          id: scan.id,
          startedAt: scan.startedAt,
          finishedAt: scan.finishedAt ?? null,
          status: scan.status,
          score: scan.score ?? null,
          initiative: scan.initiative ?? null,
          requestCount: scan.requestCount ?? null,
          sourceErrors: scan.sourceErrors ?? [],
        },
        findings: exported,
        ...(snapshot ? { snapshot } : {}),
      };
    }),
  };
}
