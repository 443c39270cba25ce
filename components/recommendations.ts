import { bidiSafe } from '@/utils/bidi';
import { metrics, severities, type FrameworkTags, type MetricId, type Severity, type Verdict, type VerdictStatus } from '@/utils/controls';

/**
 * Pure helpers for the recommendation views (side panel, portal): ordering by impact, filtering and
 * the words shown for statuses and evidence. No React, no database: tested in Node.
 */

/** What a view needs of one finding to list it. */
export interface RecommendationRow {
  controlId: string;
  title: string;
  status: VerdictStatus;
  severity: Severity;
  metric: MetricId;
  pointsAtStake: number;
  reason: string;
}

export type StatusFilter = 'attention' | 'all' | VerdictStatus;

export interface RecommendationFilter {
  status: StatusFilter;
  severity: Severity | 'all';
  metric: MetricId | 'all';
  query: string;
}

export const defaultFilter: RecommendationFilter = { status: 'attention', severity: 'all', metric: 'all', query: '' };

/** "Needs attention": what the admin can act on, and the checks that could not decide (fail closed). */
export const attentionStatuses: ReadonlySet<VerdictStatus> = new Set(['non_compliant', 'partial', 'unknown', 'error']);

export const statusLabels: Record<VerdictStatus, string> = {
  non_compliant: 'Non-compliant',
  partial: 'Partial',
  compliant: 'Compliant',
  not_applicable: 'Not applicable',
  error: 'Could not check',
  unknown: 'Unknown',
};

/** Order of the status filter's options, most urgent first. */
export const statusOrder: readonly VerdictStatus[] = ['non_compliant', 'partial', 'error', 'unknown', 'compliant', 'not_applicable'];

export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function metricTitle(id: MetricId): string {
  return metrics.find((metric) => metric.id === id)?.title ?? id;
}

const severityRank = new Map<Severity, number>(severities.map((severity, index) => [severity, index]));

/** Highest impact first: points at stake, then severity, then title (stable for equal rows). */
export function compareByImpact(a: RecommendationRow, b: RecommendationRow): number {
  return (
    b.pointsAtStake - a.pointsAtStake ||
    (severityRank.get(a.severity) ?? severities.length) - (severityRank.get(b.severity) ?? severities.length) ||
    a.title.localeCompare(b.title) ||
    a.controlId.localeCompare(b.controlId)
  );
}

export function sortByImpact<T extends RecommendationRow>(rows: readonly T[]): T[] {
  return [...rows].sort(compareByImpact);
}

export function matchesStatus(status: VerdictStatus, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'attention') return attentionStatuses.has(status);
  return status === filter;
}

/** Case- and accent-insensitive, every word of the query must appear in the title or the reason. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function filterRecommendations<T extends RecommendationRow>(rows: readonly T[], filter: RecommendationFilter): T[] {
  const words = normalise(filter.query).split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (!matchesStatus(row.status, filter.status)) return false;
    if (filter.severity !== 'all' && row.severity !== filter.severity) return false;
    if (filter.metric !== 'all' && row.metric !== filter.metric) return false;
    if (words.length === 0) return true;
    const haystack = normalise(`${row.title}\n${row.reason}`);
    return words.every((word) => haystack.includes(word));
  });
}

export type RecommendationCounts = Record<VerdictStatus, number> & { attention: number; all: number };

export function countByStatus(rows: readonly Pick<RecommendationRow, 'status'>[]): RecommendationCounts {
  const counts: RecommendationCounts = {
    compliant: 0,
    non_compliant: 0,
    partial: 0,
    not_applicable: 0,
    error: 0,
    unknown: 0,
    attention: 0,
    all: rows.length,
  };
  for (const row of rows) {
    counts[row.status] += 1;
    if (attentionStatuses.has(row.status)) counts.attention += 1;
  }
  return counts;
}

/** "+8 pts", "+2.5 pts", "+1 pt": points are weight × missing fraction, so they may be fractional. */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return `+${rounded} ${rounded === 1 ? 'pt' : 'pts'}`;
}

/** Evidence values as the admin reads them; booleans are settings that are on or off, text comes from the SaaS (`bidiSafe`). */
export function evidenceText(value: Verdict['actual']): string {
  if (value === undefined || value === null) return 'Not available';
  if (typeof value === 'boolean') return value ? 'Enabled' : 'Disabled';
  return bidiSafe(String(value));
}

export function formatPercent(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? '—' : `${Math.round(percent)}%`;
}

/** "Score 48% → 52%", or "Score 52%" when there was no score before. */
export function scoreChange(before: number | null | undefined, after: number | null | undefined): string | undefined {
  if (after === null || after === undefined) return undefined;
  if (before === null || before === undefined) return `Score ${formatPercent(after)}`;
  return `Score ${formatPercent(before)} → ${formatPercent(after)}`;
}

export function missingAnchorMessage(label: string | undefined): string {
  return label
    ? `Posture Lens could not find “${label}” on this page — look for it by hand.`
    : 'Posture Lens could not find the field for this step on this page — look for it by hand.';
}

export interface FrameworkTag {
  framework: string;
  value: string;
}

/** One tag per framework reference, in a fixed order. */
export function frameworkTags(frameworks: FrameworkTags): FrameworkTag[] {
  const tags: FrameworkTag[] = [];
  if (frameworks.healthCheck) tags.push({ framework: 'Health Check setting', value: frameworks.healthCheck });
  if (frameworks.microsoftSecureScore) tags.push({ framework: 'Microsoft Secure Score', value: frameworks.microsoftSecureScore });
  for (const id of frameworks.nist80053 ?? []) tags.push({ framework: 'NIST 800-53', value: id });
  for (const id of frameworks.cis ?? []) tags.push({ framework: 'CIS', value: id });
  for (const id of frameworks.sscf ?? []) tags.push({ framework: 'CSA SSCF', value: id });
  if (frameworks.stig) tags.push({ framework: 'DISA STIG', value: `${frameworks.stig.vulnId} (${frameworks.stig.severity})` });
  if (frameworks.serviceNowHardening) tags.push({ framework: 'ServiceNow hardening', value: frameworks.serviceNowHardening });
  return tags;
}

/** "and 7 more" when the verdict lists only the first of its affected entities. */
export function moreAffected(listed: number, total: number | undefined): number {
  return total !== undefined && total > listed ? total - listed : 0;
}

/** A reference's link text: the host and path, without the protocol noise. */
export function referenceLabel(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/\/$/, '');
    return `${parsed.hostname}${path}`;
  } catch {
    return url;
  }
}

/** Only web links become anchors; anything else is shown as text (references are data). */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
