import type { z } from 'zod';
import type { ParsedSource } from './connector';
import type { SourceResult } from './snapshot';

/**
 * What to do about an answer that did not parse: a damaged answer reads fine the next time; one that fails
 * again is in a shape this version does not know (the app changed it in a release).
 */
const unreadableAdvice = (app: string) =>
  `Scan again; if it keeps failing, ${app} changed this answer in a release: update Posture Lens, or report it with the text above.`;

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable data';
  const path = issue.path.length ? issue.path.join('.') : 'response';
  return `${path}: ${issue.message}`;
}

export interface SourceParser {
  appName: string;
  schemas: Record<string, z.ZodType>;
  titles: ReadonlyMap<string, string>;
}

/** A timestamp as the scan writes it (`toISOString`), or with an offset, as an auditor's tool may. */
const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The scan's time as the source date-based checks read. A snapshot edited or imported with a time that is not
 * one would make every "older than 90 days" comparison false, and so pass: such checks are errors instead.
 */
function scanTimeOf(collectedAt: string): ParsedSource {
  return timestampPattern.test(collectedAt) && Number.isFinite(Date.parse(collectedAt))
    ? { ok: true, value: collectedAt, truncated: false }
    : {
        ok: false,
        reason: `The scan's time (${JSON.stringify(collectedAt.slice(0, 40))}) is not a date and time, so checks that compare dates cannot be decided. Scan again.`,
        kind: 'malformed',
      };
}

/**
 * Raw snapshot sources → model values, one zod schema per source. A source that is missing, failed or
 * unreadable becomes an explained failure (never thrown); `scanTime` carries the collection time for
 * date-based checks.
 */
export function parseSources(
  parser: SourceParser,
  sources: Record<string, SourceResult>,
  collectedAt: string = new Date().toISOString(),
): Record<string, ParsedSource> {
  const parsed: Record<string, ParsedSource> = { scanTime: scanTimeOf(collectedAt) };
  for (const [id, schema] of Object.entries(parser.schemas)) {
    const title = parser.titles.get(id) ?? id;
    const source = sources[id];
    if (!source) {
      parsed[id] = { ok: false, reason: `"${title}" was not collected in this scan.` };
      continue;
    }
    if (!source.ok) {
      parsed[id] = { ok: false, reason: source.error.message, kind: source.error.kind };
      continue;
    }
    let result: ReturnType<z.ZodType['safeParse']>;
    try {
      result = schema.safeParse(source.data);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      parsed[id] = { ok: false, reason: `${parser.appName} returned "${title}" in a form Posture Lens cannot read (${detail}). ${unreadableAdvice(parser.appName)}`, kind: 'malformed' };
      continue;
    }
    parsed[id] = result.success
      ? { ok: true, value: result.data, truncated: source.truncated }
      : {
          ok: false,
          reason: `${parser.appName} returned "${title}" in a form Posture Lens cannot read (${describeIssue(result.error)}). ${unreadableAdvice(parser.appName)}`,
          kind: 'malformed',
        };
  }
  return parsed;
}
