import type { AdminPage } from '../connector';
import type { Control, Verdict } from '../controls';
import type { Badge } from './protocol';

/** The anchor key of a badge that sits beside the page heading: for checks about a whole page or list. */
export const pageHeadingAnchor = '@page';

export interface Placement {
  pageKey: string;
  anchorKey: string;
}

/**
 * Where a control's badge goes: beside the field of its first remediation step that names one, else
 * beside the heading of the page of its first step.
 */
export function placementOf(control: Control): Placement | undefined {
  const anchored = control.remediation.steps.find((step) => step.anchor);
  if (anchored?.anchor) return { pageKey: anchored.page, anchorKey: anchored.anchor };
  const first = control.remediation.steps[0];
  return first ? { pageKey: first.page, anchorKey: pageHeadingAnchor } : undefined;
}

/** The admin page a URL shows, and whether the URL is the page's framed content rather than its shell. */
export function pageForUrl(pages: AdminPage[], url: string): { page: AdminPage; framed: boolean } | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  for (const page of pages) {
    if (page.framePaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(prefix))) {
      return { page, framed: true };
    }
  }
  for (const page of pages) {
    if (page.paths.some((prefix) => path.startsWith(prefix))) return { page, framed: false };
  }
  return undefined;
}

function evidenceText(value: Verdict['actual']): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'Enabled' : 'Disabled';
  return String(value);
}

function badgeStatus(verdict: Verdict, exception?: string): Badge['status'] | undefined {
  if (exception) return 'exception';
  switch (verdict.status) {
    case 'compliant':
    case 'non_compliant':
    case 'partial':
      return verdict.status;
    case 'error':
    case 'unknown':
      return 'unknown';
    default:
      return undefined;
  }
}

export interface BadgeFinding {
  controlId: string;
  verdict: Verdict;
  pointsAtStake: number;
  exception?: string;
}

/** The badges of one page, from the latest findings: pure, so the overlay needs no network on the page. */
export function badgesForPage(page: AdminPage, controls: Control[], findings: BadgeFinding[]): Badge[] {
  const byControl = new Map(findings.map((finding) => [finding.controlId, finding]));
  const badges: Badge[] = [];
  for (const control of controls) {
    const placement = placementOf(control);
    const finding = byControl.get(control.id);
    if (!placement || placement.pageKey !== page.key || !finding) continue;
    // A check done by hand reads nothing: beside a page heading its "?" tells the admin nothing the panel does not.
    if (placement.anchorKey === pageHeadingAnchor && control.sources.length === 0) continue;
    const status = badgeStatus(finding.verdict, finding.exception);
    if (!status) continue;
    const locator =
      placement.anchorKey === pageHeadingAnchor
        ? { kind: 'heading' as const, texts: [page.title] }
        : page.anchors[placement.anchorKey];
    if (!locator) continue;
    badges.push({
      controlId: control.id,
      anchorKey: placement.anchorKey,
      locator,
      status,
      severity: control.severity,
      title: control.title,
      reason: finding.verdict.reason,
      actual: evidenceText(finding.verdict.actual),
      expected: evidenceText(finding.verdict.expected),
      points: finding.pointsAtStake,
      exception: finding.exception,
    });
  }
  return badges.sort((a, b) => b.points - a.points || a.controlId.localeCompare(b.controlId));
}
