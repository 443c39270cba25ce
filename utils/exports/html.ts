import { bidiSafe } from '../bidi';
import type { Severity, VerdictStatus } from '../controls';
import type { ExportBundle, ExportedFinding, ExportedInstance } from './bundle';

/**
 * The report: one self-contained HTML file that opens offline and prints to PDF. No script at all, a
 * Content-Security-Policy that allows nothing but its inline styles, and every value from the bundle
 * (which may come from an imported file, and whose names come from the SaaS) HTML-escaped; text that
 * came from the SaaS is isolated in <bdi>, with its explicit directional controls shown as codes (`bidiSafe`:
 * a PDI in the text would end the <bdi> early), so a right-to-left override cannot reorder the page around it.
 */

export const reportContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The first affected entities a finding lists; the rest are counted ("and 12 more"). */
export const affectedShown = 20;

const statusLabels: Record<VerdictStatus, string> = {
  non_compliant: 'Non-compliant',
  partial: 'Partial',
  compliant: 'Compliant',
  not_applicable: 'Not applicable',
  error: 'Could not check',
  unknown: 'Unknown',
};
const statusOrder: VerdictStatus[] = ['non_compliant', 'partial', 'error', 'unknown', 'compliant', 'not_applicable'];
const severityLabels: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
const severityRank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const exceptionLabels = {
  risk_accepted: 'Risk accepted',
  alternate_mitigation: 'Alternate mitigation',
  third_party: 'Resolved through a third party',
  incorrect_result: 'Incorrect result (flagged for review)',
} as const;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => entities[char]!);
}

/** Data from the SaaS or the file: escaped and direction-isolated. */
const data = (value: unknown) => `<bdi>${escapeHtml(bidiSafe(String(value)))}</bdi>`;

/** Bidirectional controls have no place in a <title>, which cannot hold a <bdi>. */
const withoutBidiControls = (value: string) => value.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

function formatTime(iso: string | null): string {
  if (!iso) return 'not finished';
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? iso : `${new Date(parsed).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Letter grade of a 0–100 score: A from 90, B from 80, C from 70, D from 60, F below. */
export function grade(percent: number | null): string {
  if (percent === null) return '—';
  return percent >= 90 ? 'A' : percent >= 80 ? 'B' : percent >= 70 ? 'C' : percent >= 60 ? 'D' : 'F';
}

const percentText = (percent: number | null | undefined) =>
  percent === null || percent === undefined ? '—' : `${Math.round(percent * 10) / 10}%`;
const pointsText = (points: number) => `+${Math.round(points * 10) / 10} ${points === 1 ? 'pt' : 'pts'}`;

function evidenceText(value: ExportedFinding['actual']): string {
  if (value === null) return 'Not available';
  if (typeof value === 'boolean') return value ? 'Enabled' : 'Disabled';
  return String(value);
}

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function frameworkText(frameworks: ExportedFinding['frameworks']): string[] {
  const tags: string[] = [];
  if (frameworks.stig) tags.push(`DISA STIG ${frameworks.stig.vulnId} (${frameworks.stig.severity})`);
  for (const id of frameworks.nist80053 ?? []) tags.push(`NIST 800-53 ${id}`);
  for (const id of frameworks.cis ?? []) tags.push(`CIS ${id}`);
  for (const id of frameworks.sscf ?? []) tags.push(`CSA SSCF ${id}`);
  if (frameworks.healthCheck) tags.push(`Health Check: ${frameworks.healthCheck}`);
  if (frameworks.serviceNowHardening) tags.push(`ServiceNow hardening: ${frameworks.serviceNowHardening}`);
  if (frameworks.microsoftSecureScore) tags.push(`Microsoft Secure Score: ${frameworks.microsoftSecureScore}`);
  return tags;
}

/** A table with a caption and column headers; cells are HTML already. The first cell is the row header when `rowHeader`. */
function table(caption: string, columns: string[], rows: string[][], options: { className?: string; rowHeader?: boolean } = {}): string {
  const head = columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = rows
    .map((cells) => cells.map((cell, index) => (options.rowHeader && index === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)))
    .map((cells) => `<tr>${cells.join('')}</tr>`)
    .join('');
  const className = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  return `<table${className}><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const labelled = (label: string, content: string) => `<div><dt>${escapeHtml(label)}</dt><dd>${content}</dd></div>`;

function exceptionHtml(exception: NonNullable<ExportedFinding['exception']>): string {
  const lapsed = exception.state === 'lapsed';
  const heading = `${lapsed ? 'Lapsed exception' : 'Exception'}: ${exceptionLabels[exception.kind]}`;
  const scope = exception.entityIds ? `<p>Only for: ${exception.entityIds.map(data).join(', ')}</p>` : '';
  const expiry = !exception.expiresAt
    ? 'No expiry.'
    : lapsed
      ? `Lapsed on ${escapeHtml(formatTime(exception.expiresAt))} — it no longer applies.`
      : `Expires ${escapeHtml(formatTime(exception.expiresAt))}.`;
  return [
    `<div class="exception${lapsed ? ' lapsed' : ''}">`,
    `<p><strong>${escapeHtml(heading)}</strong> — owner ${data(exception.owner)}, since ${escapeHtml(formatTime(exception.createdAt))}</p>`,
    `<p>${data(exception.rationale)}</p>${scope}<p>${expiry}</p></div>`,
  ].join('');
}

function affectedHtml(finding: ExportedFinding): string {
  const shown = finding.affected.slice(0, affectedShown);
  const more = Math.max(0, finding.affectedTotal - shown.length);
  const items = shown.map((entity) => {
    const about = [entity.kind, entity.id].filter((part): part is string => !!part).map(data).join(' · ');
    const detail = entity.detail ? ` — ${data(entity.detail)}` : '';
    return `<li>${data(entity.name)} <span class="muted">(${about})</span>${detail}</li>`;
  });
  if (more > 0) items.push(`<li class="muted">and ${more} more</li>`);
  return `<p class="label">Affected (${escapeHtml(finding.affectedTotal)})</p><ul class="affected">${items.join('')}</ul>`;
}

function findingHtml(finding: ExportedFinding): string {
  const requirement = finding.requirement ? ` · ${finding.requirement === 'shall' ? 'Required (shall)' : 'Recommended (should)'}` : '';
  const badges =
    `<span class="badge status ${escapeHtml(finding.status)}">${escapeHtml(statusLabels[finding.status])}</span> ` +
    `<span class="badge severity">${escapeHtml(severityLabels[finding.severity])}</span>`;
  const parts = [
    `<h4><span class="control-id">${escapeHtml(finding.controlId)}</span> ${data(finding.title)}</h4>`,
    `<p class="meta">${badges} ${escapeHtml(`${pointsText(finding.pointsAtStake)} at stake · weight ${finding.weight}${requirement}`)}</p>`,
    `<p class="reason">${data(finding.reason)}</p>`,
    `<dl class="evidence">${labelled('Actual', data(evidenceText(finding.actual)))}${labelled('Expected', data(evidenceText(finding.expected)))}</dl>`,
  ];
  if (finding.affected.length > 0 || finding.affectedTotal > 0) parts.push(affectedHtml(finding));
  if (finding.notes.length > 0) parts.push(`<ul class="notes">${finding.notes.map((note) => `<li>${data(note)}</li>`).join('')}</ul>`);
  if (finding.exception) parts.push(exceptionHtml(finding.exception));
  if (finding.remediationSummary || finding.remediationSteps.length > 0) {
    parts.push('<p class="label">Remediation</p>');
    if (finding.remediationSummary) parts.push(`<p>${data(finding.remediationSummary)}</p>`);
    if (finding.remediationSteps.length > 0) parts.push(`<ol>${finding.remediationSteps.map((step) => `<li>${data(step)}</li>`).join('')}</ol>`);
  }
  if (finding.references.length > 0) {
    // Only web addresses become links (with the address as the text); anything else is shown as text.
    const links = finding.references.map((url) =>
      isWebLink(url) ? `<li><a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(url)}</a></li>` : `<li>${data(url)}</li>`,
    );
    parts.push(`<p class="label">References</p><ul class="references">${links.join('')}</ul>`);
  }
  const frameworks = frameworkText(finding.frameworks);
  if (frameworks.length > 0) parts.push(`<p class="muted">Frameworks: ${frameworks.map(escapeHtml).join(' · ')}</p>`);
  return `<article class="finding">${parts.join('')}</article>`;
}

/** Compliant and not-applicable findings: one table row each, so a 300-control report stays readable. */
function findingTable(caption: string, findings: ExportedFinding[]): string {
  const rows = findings.map((finding) => {
    const { exception: excepted } = finding;
    const exception = excepted
      ? ` <span class="muted">(${excepted.state === 'lapsed' ? 'lapsed exception' : 'exception'}: ${escapeHtml(exceptionLabels[excepted.kind])})</span>`
      : '';
    return [
      `<span class="control-id">${escapeHtml(finding.controlId)}</span>`,
      data(finding.title),
      escapeHtml(severityLabels[finding.severity]),
      data(evidenceText(finding.actual)),
      `${data(finding.reason)}${exception}`,
    ];
  });
  return table(caption, ['Control', 'Title', 'Severity', 'Actual', 'Reason'], rows);
}

const byImpact = (a: ExportedFinding, b: ExportedFinding) =>
  b.pointsAtStake - a.pointsAtStake || severityRank[a.severity] - severityRank[b.severity] || (a.controlId < b.controlId ? -1 : 1);

function scoreHtml(scan: ExportedInstance['scan']): string {
  const percent = scan.score?.percent ?? null;
  const points = scan.score
    ? `${scan.score.achieved} of ${scan.score.max} points; ${scan.score.coverageGaps} controls without data`
    : 'No score';
  return [
    `<div class="score"><p class="grade" aria-label="Grade ${escapeHtml(grade(percent))}">${escapeHtml(grade(percent))}</p><div>`,
    `<p class="big">Score ${escapeHtml(percentText(percent))}</p><p>${escapeHtml(points)}</p>`,
    `<p>SaaS Security Initiative ${escapeHtml(percentText(scan.initiative?.score))}</p></div></div>`,
  ].join('');
}

function initiativeHtml(initiative: ExportedInstance['scan']['initiative']): string {
  if (!initiative) return '<p>No SaaS Security Initiative score for this scan.</p>';
  const rows = initiative.metrics.map((metric) => [
    escapeHtml(metric.title),
    metric.weight === 'risk_accepted' ? 'Risk accepted' : escapeHtml(metric.weight),
    metric.value === null ? 'No data' : escapeHtml(percentText(metric.value * 100)),
    escapeHtml(pointsText(metric.impact)),
    escapeHtml(metric.controls),
    escapeHtml(metric.failing),
  ]);
  const columns = ['Metric', 'Weight', 'Non-compliant', 'Impact', 'Controls', 'Failing'];
  return table(`SaaS Security Initiative: ${percentText(initiative.score)}`, columns, rows, { rowHeader: true });
}

function instanceHtml(entry: ExportedInstance, index: number): string {
  const { instance, scan, findings } = entry;
  const headingId = `instance-${index}`;
  const counts = Object.fromEntries(statusOrder.map((status) => [status, 0])) as Record<VerdictStatus, number>;
  for (const finding of findings) counts[finding.status]++;
  const group = (statuses: VerdictStatus[]) => findings.filter((finding) => statuses.includes(finding.status)).sort(byImpact);
  const attention = group(['non_compliant', 'partial']);
  const unchecked = group(['error', 'unknown']);
  const compliant = group(['compliant']);
  const notApplicable = group(['not_applicable']);

  const facts = [
    labelled('App', data(instance.appName)),
    labelled('Host', data(instance.host)),
    labelled('Instance id', data(instance.instanceId)),
    labelled('Scan finished', escapeHtml(`${formatTime(scan.finishedAt)} (${scan.status})`)),
    labelled('Requests', escapeHtml(scan.requestCount ?? '—')),
  ].join('');
  const countTable = table(
    'Findings by status',
    statusOrder.map((status) => statusLabels[status]),
    [statusOrder.map((status) => String(counts[status]))],
    { className: 'counts' },
  );
  const sourceErrors =
    scan.sourceErrors.length === 0
      ? ''
      : `<h3>Sources that could not be read (${scan.sourceErrors.length})</h3><ul>${scan.sourceErrors
          .map((error) => `<li><span class="control-id">${escapeHtml(error.source)}</span>: ${data(error.message)}</li>`)
          .join('')}</ul>`;
  const sections = [
    `<h3>Needs attention (${attention.length})</h3>${attention.length > 0 ? attention.map(findingHtml).join('') : '<p>Nothing to fix.</p>'}`,
    unchecked.length > 0 ? `<h3>Could not check (${unchecked.length})</h3>${unchecked.map(findingHtml).join('')}` : '',
    compliant.length > 0 ? `<h3>Compliant (${compliant.length})</h3>${findingTable('Compliant controls', compliant)}` : '',
    notApplicable.length > 0 ? `<h3>Not applicable (${notApplicable.length})</h3>${findingTable('Controls that do not apply', notApplicable)}` : '',
  ];
  return [
    `<section class="instance" aria-labelledby="${headingId}">`,
    `<h2 id="${headingId}">${data(instance.name)} <span class="muted">${data(instance.appName)}</span></h2>`,
    `<dl class="facts">${facts}</dl>${scoreHtml(scan)}${countTable}${initiativeHtml(scan.initiative)}${sourceErrors}${sections.join('')}`,
    '</section>',
  ].join('');
}

const styles = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:2rem 1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.35rem;margin:2.5rem 0 .5rem;padding-top:1rem;border-top:3px solid #1b1f24}
h3{font-size:1.1rem;margin:1.75rem 0 .5rem}h4{font-size:1rem;margin:0 0 .35rem}
p{margin:.25rem 0}.muted{color:#57606a}.label{font-weight:600;margin-top:.6rem}
.control-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;color:#57606a}
dl.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0}dl.facts div{display:flex;gap:.4rem}dt{font-weight:600}dd{margin:0}
.score{display:flex;gap:1rem;align-items:center;margin:1rem 0}.grade{font-size:2.6rem;font-weight:700;line-height:1;border:3px solid #1b1f24;border-radius:.5rem;padding:.3rem .8rem;margin:0}.big{font-size:1.2rem;font-weight:600}
table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#f6f8fa}
.finding{border:1px solid #d0d7de;border-radius:.4rem;padding:.75rem 1rem;margin:.75rem 0}
.badge{display:inline-block;border:1px solid #8c959f;border-radius:.25rem;padding:0 .35rem;font-size:.8rem;font-weight:600}
.status.non_compliant{border-color:#cf222e;color:#a40e26}.status.partial{border-color:#bc4c00;color:#953800}.status.error,.status.unknown{border-color:#8250df;color:#6639ba}
dl.evidence{display:flex;flex-wrap:wrap;gap:.25rem 2rem;margin:.4rem 0}dl.evidence div{display:flex;gap:.4rem}
ul,ol{margin:.25rem 0;padding-left:1.4rem}
.exception{border-left:4px solid #8250df;background:#fbf8ff;padding:.4rem .75rem;margin:.5rem 0}.exception.lapsed{border-left-color:#bc4c00;background:#fff8f0}
a{color:#0550ae}
@page{margin:16mm}
@media print{
  body{max-width:none;padding:0;font-size:10.5pt;color:#000;background:#fff}
  *{background:transparent!important;box-shadow:none!important}
  .instance+.instance{break-before:page}
  h2{border-top:none;margin-top:0}
  h2,h3,h4{break-after:avoid}
  .finding,tr,.score{break-inside:avoid}
  a{color:#000;text-decoration:underline}
}
`;

export function toHtmlReport(bundle: ExportBundle): string {
  const names = bundle.instances.map((entry) => entry.instance.name).join(', ');
  const title = `Posture Lens report${names ? ` — ${withoutBidiControls(names)}` : ''}`;
  const body = bundle.instances.length > 0 ? bundle.instances.map(instanceHtml).join('') : '<p>This export holds no instance.</p>';
  const count = `${bundle.instances.length} instance${bundle.instances.length === 1 ? '' : 's'}`;
  const generated = `Generated ${formatTime(bundle.exportedAt)} by ${bundle.generator.name} ${bundle.generator.version} · ${count}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportContentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<header><h1>Security posture report</h1><p class="muted">${escapeHtml(generated)}</p></header>
<main>${body}</main>
</body>
</html>
`;
}
