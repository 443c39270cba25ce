import { metrics, type FrameworkTags, type MetricId, type Severity, type VerdictStatus } from '@/utils/controls';
import { scoreFindings, type ExceptionKind, type InstanceScore } from '@/utils/scoring';

/**
 * The other initiatives of the portal: views over the framework tags controls carry
 * (`Control.frameworks`). Each framework says how a control's tags name its requirements; the portal
 * then groups findings by requirement and scores each group Secure Score style. Adding a framework is
 * one entry here, never a branch in a view.
 */

export interface FrameworkRequirement {
  /** The requirement as the framework names it: a STIG vulnerability id, a NIST control, a baseline setting. */
  id: string;
  /** Extra words shown beside it, e.g. the STIG category. */
  note?: string;
}

export interface Framework {
  id: string;
  title: string;
  /** One sentence on what the framework is, shown on its view. */
  description: string;
  /** What one requirement is called: "STIG vulnerability", "NIST control", "Health Check setting". */
  requirementNoun: string;
  /**
   * The requirements a control's tags meet in this framework; empty when the control is not part of it.
   * `metric` names the group for frameworks without requirement ids (threat initiatives).
   */
  requirementsOf(tags: FrameworkTags, metric?: MetricId): FrameworkRequirement[];
}

/** Threat initiatives have no requirement ids: their controls are grouped by initiative metric instead. */
function byMetric(initiative: NonNullable<FrameworkTags['initiatives']>[number]) {
  return (tags: FrameworkTags, metric?: MetricId): FrameworkRequirement[] =>
    tags.initiatives?.includes(initiative) ? [{ id: metrics.find((m) => m.id === metric)?.title ?? 'Controls' }] : [];
}

const list = (ids: readonly string[] | undefined): FrameworkRequirement[] => (ids ?? []).map((id) => ({ id }));

const entries: Framework[] = [
  {
    id: 'stig',
    title: 'DISA Okta IDaaS STIG',
    description: 'The Defense Information Systems Agency Security Technical Implementation Guide for Okta, by vulnerability id.',
    requirementNoun: 'STIG vulnerability',
    requirementsOf: (tags) => (tags.stig ? [{ id: tags.stig.vulnId, note: tags.stig.severity }] : []),
  },
  {
    id: 'nist80053',
    title: 'NIST SP 800-53 Rev. 5',
    description: 'Security and privacy controls for information systems, by control and enhancement.',
    requirementNoun: 'NIST control',
    requirementsOf: (tags) => list(tags.nist80053),
  },
  {
    id: 'sscf',
    title: 'CSA SaaS Security Capability Framework',
    description: 'The Cloud Security Alliance SSCF: security capabilities a SaaS application should offer its customers.',
    requirementNoun: 'SSCF control',
    requirementsOf: (tags) => list(tags.sscf),
  },
  {
    id: 'cis',
    title: 'CIS benchmarks',
    description: 'Center for Internet Security benchmark recommendations.',
    requirementNoun: 'CIS recommendation',
    requirementsOf: (tags) => list(tags.cis),
  },
  {
    id: 'zero-trust',
    title: 'Zero Trust',
    description: 'Verify explicitly, use least privilege, assume breach: the controls that support a Zero Trust architecture.',
    requirementNoun: 'Metric',
    requirementsOf: byMetric('zero-trust'),
  },
  {
    id: 'ransomware',
    title: 'Ransomware protection',
    description: 'Controls that make account takeover and mass data destruction harder.',
    requirementNoun: 'Metric',
    requirementsOf: byMetric('ransomware'),
  },
  {
    id: 'business-email-compromise',
    title: 'Business e-mail compromise',
    description: 'Controls that stop phishing-led account takeover and fraudulent changes to contact details.',
    requirementNoun: 'Metric',
    requirementsOf: byMetric('business-email-compromise'),
  },
  {
    id: 'healthCheck',
    title: 'Salesforce Health Check',
    description: "Salesforce's own security baseline, by Health Check setting.",
    requirementNoun: 'Health Check setting',
    requirementsOf: (tags) => (tags.healthCheck ? [{ id: tags.healthCheck }] : []),
  },
  {
    id: 'serviceNowHardening',
    title: 'ServiceNow instance security hardening',
    description: "ServiceNow's instance security hardening settings, by setting.",
    requirementNoun: 'Hardening setting',
    requirementsOf: (tags) => (tags.serviceNowHardening ? [{ id: tags.serviceNowHardening }] : []),
  },
  {
    id: 'microsoftSecureScore',
    title: 'Microsoft Secure Score (SaaS)',
    description: 'The Defender for Cloud Apps SSPM recommendations these controls correspond to.',
    requirementNoun: 'Secure Score recommendation',
    requirementsOf: (tags) => (tags.microsoftSecureScore ? [{ id: tags.microsoftSecureScore }] : []),
  },
];

export const frameworks: readonly Framework[] = entries;

export function frameworkById(id: string): Framework | undefined {
  return entries.find((framework) => framework.id === id);
}

/** The ids of the frameworks a control belongs to, in the list's order. */
export function frameworkIdsOf(tags: FrameworkTags | undefined, metric?: MetricId): string[] {
  if (!tags) return [];
  return entries.filter((framework) => framework.requirementsOf(tags, metric).length > 0).map((framework) => framework.id);
}

/** What grouping needs of one finding (of any included instance). */
export interface FrameworkFinding {
  instanceKey: string;
  controlId: string;
  title: string;
  metric: MetricId;
  severity: Severity;
  weight: number;
  status: VerdictStatus;
  fraction: number;
  exception?: ExceptionKind;
  tags: FrameworkTags;
}

export interface RequirementGroup {
  requirement: FrameworkRequirement;
  findings: FrameworkFinding[];
  score: InstanceScore;
  /** Compliant findings (after exceptions) of those with data; null when none had data. */
  compliance: number | null;
  /** Everything decided passed. */
  met: boolean;
}

export interface FrameworkView {
  framework: Framework;
  score: InstanceScore;
  requirements: RequirementGroup[];
  /** Distinct controls in the framework, whatever the instance. */
  controls: number;
}

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Achieved = compliant, or an exception that counts as achieved; left out of the sums like the score does. */
function isPassing(finding: FrameworkFinding): boolean | null {
  if (finding.status !== 'compliant' && finding.status !== 'non_compliant' && finding.status !== 'partial') return null;
  if (finding.exception === 'incorrect_result') return null;
  if (finding.exception === 'alternate_mitigation' || finding.exception === 'third_party') return true;
  if (finding.exception === 'risk_accepted') return false;
  return finding.status === 'compliant';
}

/**
 * One framework's findings grouped by requirement (a control with several NIST controls counts under
 * each), with the framework's own score over its distinct findings and a compliance figure per
 * requirement. Requirements in natural order (AC-2 before AC-12, V-273186 before V-273190).
 */
export function groupByRequirement(framework: Framework, findings: readonly FrameworkFinding[]): FrameworkView {
  const groups = new Map<string, { requirement: FrameworkRequirement; findings: FrameworkFinding[] }>();
  const inFramework: FrameworkFinding[] = [];
  const controlIds = new Set<string>();
  for (const finding of findings) {
    const requirements = framework.requirementsOf(finding.tags, finding.metric);
    if (requirements.length === 0) continue;
    inFramework.push(finding);
    controlIds.add(finding.controlId);
    for (const requirement of requirements) {
      const group = groups.get(requirement.id) ?? { requirement, findings: [] };
      group.findings.push(finding);
      groups.set(requirement.id, group);
    }
  }
  const requirements = [...groups.values()]
    .map(({ requirement, findings: members }): RequirementGroup => {
      let decided = 0;
      let passing = 0;
      for (const member of members) {
        const pass = isPassing(member);
        if (pass === null) continue;
        decided++;
        if (pass) passing++;
      }
      return {
        requirement,
        findings: members,
        score: scoreFindings(members),
        compliance: decided > 0 ? passing / decided : null,
        met: decided > 0 && passing === decided,
      };
    })
    .sort((a, b) => naturalOrder.compare(a.requirement.id, b.requirement.id));
  return { framework, score: scoreFindings(inFramework), requirements, controls: controlIds.size };
}

/** Every framework that has at least one finding, with its score: the list of initiatives. */
export function frameworkSummaries(findings: readonly FrameworkFinding[]): FrameworkView[] {
  return entries.map((framework) => groupByRequirement(framework, findings)).filter((view) => view.controls > 0);
}
