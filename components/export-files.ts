import { renderExport, type ExportBundle, type ExportFileFormat } from '@/utils/exports';

/** The export formats the portal offers, in the order of its checkboxes. */
export const exportFormats = [
  { id: 'json', label: 'JSON', description: 'every finding with its evidence; can be imported again' },
  { id: 'csv', label: 'CSV', description: 'one row per finding, the same field names as the JSON' },
  { id: 'ocsf', label: 'OCSF', description: 'Compliance Finding events (class 2003), one per line' },
  { id: 'html', label: 'HTML report', description: 'one offline file that prints well to PDF' },
] as const satisfies ReadonlyArray<{ id: ExportFileFormat; label: string; description: string }>;
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

/** One file per chosen format, named `posture-lens-<yyyy-mm-dd>.<extension>`, in the formats' order. */
export function exportFiles(bundle: ExportBundle, formats: ReadonlySet<ExportFormatId>, date: Date): ExportFile[] {
  return exportFormats
    .filter((format) => formats.has(format.id))
    .map((format) => {
      const file = renderExport(bundle, format.id);
      return { name: `posture-lens-${fileDate(date)}.${file.extension}`, type: file.mimeType, content: file.text };
    });
}
