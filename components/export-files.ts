import type { ExportBundle } from '@/utils/exports/bundle';
import { toCsv } from '@/utils/exports/csv';
import { toHtmlReport } from '@/utils/exports/html';
import { toOcsf } from '@/utils/exports/ocsf';

/** The export formats the portal offers, in the order of its checkboxes. */
export const exportFormats = [
  { id: 'json', label: 'JSON', description: 'every finding with its evidence; can be imported again', extension: 'json', type: 'application/json' },
  { id: 'csv', label: 'CSV', description: 'one row per finding, the same field names as the JSON', extension: 'csv', type: 'text/csv' },
  { id: 'ocsf', label: 'OCSF', description: 'Compliance Finding events (class 2003), one per line', extension: 'ocsf.jsonl', type: 'application/x-ndjson' },
  { id: 'html', label: 'HTML report', description: 'one offline file that prints well to PDF', extension: 'html', type: 'text/html' },
] as const;
export type ExportFormatId = (typeof exportFormats)[number]['id'];

export interface ExportFile {
  name: string;
  type: string;
  content: string;
}

/** `yyyy-mm-dd` of a date in local time: the day the admin sees on the file. */
export function fileDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const renderers: Record<ExportFormatId, (bundle: ExportBundle) => string> = {
  json: (bundle) => JSON.stringify(bundle),
  csv: toCsv,
  ocsf: toOcsf,
  html: toHtmlReport,
};

/** One file per chosen format, named `posture-lens-<yyyy-mm-dd>.<extension>`, in the formats' order. */
export function exportFiles(bundle: ExportBundle, formats: ReadonlySet<ExportFormatId>, date: Date): ExportFile[] {
  return exportFormats
    .filter((format) => formats.has(format.id))
    .map((format) => ({
      name: `posture-lens-${fileDate(date)}.${format.extension}`,
      type: format.type,
      content: renderers[format.id](bundle),
    }));
}
