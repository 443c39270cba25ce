import type { FrameworkTags, Severity, VerdictStatus } from '../controls';
import { generatorName, type ExportBundle, type ExportedException, type ExportedFinding } from './bundle';

/**
 * OCSF Compliance Finding (class_uid 2003, schema 1.3.0), one JSON object per line, one per finding:
 * the format AWS Security Hub and most SIEMs ingest. Mapping (reference/scoring-and-anchors.md §6.1):
 *
 * - `compliance.status_id`: compliant → 1 Pass; non_compliant and partial → 3 Fail; error, unknown and
 *   not_applicable → 2 Warning ("no result because information was missing": OCSF has no N/A, and a
 *   missing feature must never read as Fail). Our own verdict is kept in `compliance.status_code`.
 * - finding `status_id` (the triage lifecycle, not the result): 1 New, or 3 Suppressed when an active
 *   exception covers the finding (the whole control, or every affected entity). The exception's kind,
 *   owner and rationale go in `comment` (1.3.0; `notes` replaced it only in 1.9.0) and in full, with its
 *   expiry, in `unmapped.exception`. A lapsed exception does not suppress.
 * - `compliance.standards`: the frameworks the control maps to, always with the Microsoft SaaS Security
 *   Initiative (every control belongs to one of its 12 metrics); `requirements`: their requirement ids.
 * - `resources`: the instance, then the affected entities.
 * - `unmapped`: what OCSF has no field for (points at stake, weight, metric, evidence, exception).
 */

export const ocsfSchemaVersion = '1.3.0';
export const complianceFindingClassUid = 2003;
const findingsCategoryUid = 2;
const createActivityId = 1;

export const severityIds: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };
const severityCaptions: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };

export const complianceStatusIds: Record<VerdictStatus, 1 | 2 | 3> = {
  compliant: 1,
  non_compliant: 3,
  partial: 3,
  not_applicable: 2,
  error: 2,
  unknown: 2,
};
const complianceCaptions = { 1: 'Pass', 2: 'Warning', 3: 'Fail' } as const;

const exceptionKindLabels: Record<ExportedException['kind'], string> = {
  risk_accepted: 'Risk accepted',
  alternate_mitigation: 'Alternate mitigation',
  third_party: 'Resolved through a third party',
  incorrect_result: 'Incorrect result (false positive)',
};

/** Names of the standards behind each framework tag. The catalog's only STIG tags are the Okta IDaaS STIG's. */
export const standardNames = {
  stig: 'DISA Okta IDaaS STIG V1R2',
  nist80053: 'NIST SP 800-53 Rev 5',
  cis: 'CIS Benchmark',
  sscf: 'CSA SSCF',
  healthCheck: 'Salesforce Health Check',
  serviceNowHardening: 'ServiceNow Instance Security Hardening',
  microsoftSecureScore: 'Microsoft Secure Score',
  saasSecurityInitiative: 'Microsoft SaaS Security Initiative',
} as const;

export function standardsOf(frameworks: FrameworkTags): { standards: string[]; requirements: string[] } {
  const standards: string[] = [];
  const requirements: string[] = [];
  const add = (name: string, ids: readonly string[]) => {
    standards.push(name);
    requirements.push(...ids);
  };
  if (frameworks.stig) add(standardNames.stig, [frameworks.stig.vulnId]);
  if (frameworks.nist80053?.length) add(standardNames.nist80053, frameworks.nist80053);
  if (frameworks.cis?.length) add(standardNames.cis, frameworks.cis);
  if (frameworks.sscf?.length) add(standardNames.sscf, frameworks.sscf);
  if (frameworks.healthCheck) add(standardNames.healthCheck, [frameworks.healthCheck]);
  if (frameworks.serviceNowHardening) add(standardNames.serviceNowHardening, [frameworks.serviceNowHardening]);
  if (frameworks.microsoftSecureScore) add(standardNames.microsoftSecureScore, [frameworks.microsoftSecureScore]);
  standards.push(standardNames.saasSecurityInitiative);
  return { standards, requirements: [...new Set(requirements)] };
}

export interface OcsfResource {
  uid: string;
  name: string;
  type: string;
  data?: Record<string, string>;
}

export interface OcsfComplianceFinding {
  class_uid: number;
  class_name: string;
  category_uid: number;
  category_name: string;
  activity_id: number;
  activity_name: string;
  type_uid: number;
  type_name: string;
  time: number;
  severity_id: number;
  severity: string;
  status_id: 1 | 3;
  status: 'New' | 'Suppressed';
  comment?: string;
  metadata: { product: { name: string; vendor_name: string; version: string }; version: string };
  finding_info: { uid: string; title: string; desc: string; types: string[] };
  compliance: {
    standards: string[];
    control: string;
    requirements: string[];
    status_id: 1 | 2 | 3;
    status: string;
    status_code: VerdictStatus;
    status_detail: string;
  };
  /** Absent when the control has no remediation text (an id no longer in the catalog). */
  remediation?: { desc: string; references: string[] };
  resources: OcsfResource[];
  unmapped: Record<string, unknown>;
}

/** An active exception for the whole control, or for every entity the finding names, suppresses it. */
export function isSuppressed(finding: Pick<ExportedFinding, 'exception' | 'affected' | 'affectedTotal'>): boolean {
  const { exception } = finding;
  if (!exception || exception.state !== 'active') return false;
  if (exception.entityIds === null) return true;
  const excepted = new Set(exception.entityIds);
  return (
    finding.affected.length > 0 &&
    finding.affectedTotal <= finding.affected.length &&
    finding.affected.every((entity) => excepted.has(entity.id))
  );
}

function exceptionComment(exception: ExportedException): string {
  const ids = exception.entityIds;
  const scope = ids ? ` for ${ids.length} entit${ids.length === 1 ? 'y' : 'ies'} (${ids.join(', ')})` : '';
  const expiry = exception.expiresAt
    ? exception.state === 'lapsed'
      ? ` It lapsed on ${exception.expiresAt} and no longer applies.`
      : ` Expires ${exception.expiresAt}.`
    : '';
  return `${exceptionKindLabels[exception.kind]}${scope} by ${exception.owner}: ${exception.rationale}${expiry}`;
}

export function toOcsfEvent(finding: ExportedFinding, bundle: Pick<ExportBundle, 'generator'>): OcsfComplianceFinding {
  const suppressed = isSuppressed(finding);
  const complianceStatus = complianceStatusIds[finding.status];
  const { standards, requirements } = standardsOf(finding.frameworks);
  const severityId = severityIds[finding.severity];
  const parsedTime = Date.parse(finding.scanFinishedAt);
  const remediation = [finding.remediationSummary, ...finding.remediationSteps.map((step, index) => `${index + 1}. ${step}`)]
    .filter(Boolean)
    .join('\n');
  return {
    class_uid: complianceFindingClassUid,
    class_name: 'Compliance Finding',
    category_uid: findingsCategoryUid,
    category_name: 'Findings',
    activity_id: createActivityId,
    activity_name: 'Create',
    type_uid: complianceFindingClassUid * 100 + createActivityId,
    type_name: 'Compliance Finding: Create',
    time: Number.isNaN(parsedTime) ? 0 : parsedTime,
    severity_id: severityId,
    severity: severityCaptions[severityId]!,
    status_id: suppressed ? 3 : 1,
    status: suppressed ? 'Suppressed' : 'New',
    ...(finding.exception ? { comment: exceptionComment(finding.exception) } : {}),
    metadata: {
      product: { name: generatorName, vendor_name: generatorName, version: bundle.generator.version },
      version: ocsfSchemaVersion,
    },
    finding_info: {
      uid: `${finding.scanId}:${finding.controlId}`,
      title: finding.title,
      desc: finding.reason,
      types: [finding.metric],
    },
    compliance: {
      standards,
      control: finding.controlId,
      requirements,
      status_id: complianceStatus,
      status: complianceCaptions[complianceStatus],
      status_code: finding.status,
      status_detail: finding.reason,
    },
    ...(remediation ? { remediation: { desc: remediation, references: finding.references } } : {}),
    resources: [
      { uid: finding.instanceKey, name: finding.instanceName, type: finding.app, data: { host: finding.instanceHost } },
      ...finding.affected.map((entity) => ({
        uid: entity.id,
        name: entity.name,
        type: entity.kind ?? 'entity',
        ...(entity.detail !== undefined ? { data: { detail: entity.detail } } : {}),
      })),
    ],
    unmapped: {
      pointsAtStake: finding.pointsAtStake,
      weight: finding.weight,
      metric: finding.metric,
      fraction: finding.fraction,
      requirement: finding.requirement,
      actual: finding.actual,
      expected: finding.expected,
      affectedTotal: finding.affectedTotal,
      notes: finding.notes,
      frameworks: finding.frameworks,
      exception: finding.exception,
    },
  };
}

export function toOcsfEvents(bundle: ExportBundle): OcsfComplianceFinding[] {
  return bundle.instances.flatMap((entry) => entry.findings.map((finding) => toOcsfEvent(finding, bundle)));
}

/** JSON Lines: one event per line, LF line ends, a final LF (empty text for no findings). */
export function toOcsf(bundle: ExportBundle): string {
  return toOcsfEvents(bundle)
    .map((event) => `${JSON.stringify(event)}\n`)
    .join('');
}

/** The fields a Compliance Finding must carry (base event, finding and compliance_finding). */
export const ocsfRequiredFields = [
  'class_uid',
  'category_uid',
  'type_uid',
  'activity_id',
  'severity_id',
  'time',
  'metadata.product',
  'metadata.version',
  'finding_info.uid',
  'compliance',
  'compliance.standards',
] as const;

function at(event: unknown, path: string): unknown {
  let value: unknown = event;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** What is wrong with an event as an OCSF Compliance Finding: an empty list when nothing is. */
export function validateOcsfEvent(event: unknown): string[] {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return ['the event is not a JSON object'];
  const problems: string[] = [];
  for (const field of ocsfRequiredFields) {
    const value = at(event, field);
    if (value === undefined || value === null || value === '') problems.push(`${field} is missing`);
  }
  const check = (field: string, ok: (value: unknown) => boolean, expectation: string) => {
    const value = at(event, field);
    if (value !== undefined && value !== null && !ok(value)) problems.push(`${field} ${expectation}`);
  };
  check('class_uid', (value) => value === complianceFindingClassUid, `must be ${complianceFindingClassUid} (Compliance Finding)`);
  check('category_uid', (value) => value === findingsCategoryUid, `must be ${findingsCategoryUid} (Findings)`);
  check('activity_id', (value) => value === 1 || value === 2 || value === 3 || value === 99, 'must be 1, 2, 3 or 99');
  const classUid = at(event, 'class_uid');
  const activityId = at(event, 'activity_id');
  if (isInteger(classUid) && isInteger(activityId)) {
    const typeUid = classUid * 100 + activityId;
    check('type_uid', (value) => value === typeUid, `must be class_uid × 100 + activity_id (${typeUid})`);
  }
  check('severity_id', (value) => isInteger(value) && ((value >= 0 && value <= 6) || value === 99), 'must be 0–6 or 99');
  check('time', (value) => isInteger(value) && value > 0, 'must be a positive epoch time in milliseconds');
  check('metadata.product', (value) => typeof value === 'object' && typeof at(value, 'name') === 'string', 'must be an object with a name');
  check('metadata.version', (value) => typeof value === 'string' && /^\d+\.\d+\.\d+/.test(value), 'must be a schema version like 1.3.0');
  check('finding_info.uid', (value) => typeof value === 'string', 'must be a string');
  check('compliance', (value) => typeof value === 'object' && !Array.isArray(value), 'must be an object');
  check(
    'compliance.standards',
    (value) => Array.isArray(value) && value.length > 0 && value.every((name) => typeof name === 'string' && name !== ''),
    'must be a non-empty array of standard names',
  );
  check('compliance.status_id', (value) => [0, 1, 2, 3, 99].includes(value as number), 'must be 0, 1, 2, 3 or 99');
  check('status_id', (value) => isInteger(value) && ((value >= 0 && value <= 6) || value === 99), 'must be 0–6 or 99');
  check('resources', (value) => Array.isArray(value), 'must be an array');
  check('remediation.desc', (value) => typeof value === 'string', 'must be a string');
  return problems;
}
