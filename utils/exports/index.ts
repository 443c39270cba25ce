import type { ExportBundle } from './bundle';
import { toCsv } from './csv';
import { toHtmlReport } from './html';
import { toOcsf } from './ocsf';

export * from './bundle';
export { csvToFindings, parseCsv, toCsv } from './csv';
export { toHtmlReport } from './html';
export { importBundle, ImportConflictError, parseExportBundle, type ParseExportResult } from './import';
export { ocsfRequiredFields, toOcsf, toOcsfEvents, validateOcsfEvent } from './ocsf';

export const exportFileFormats = ['json', 'csv', 'ocsf', 'html'] as const;
export type ExportFileFormat = (typeof exportFileFormats)[number];

export interface ExportFile {
  text: string;
  mimeType: string;
  /** Without the dot. */
  extension: string;
}

/** One bundle as a file of the chosen format: what the portal downloads and the CLI prints. */
export function renderExport(bundle: ExportBundle, format: ExportFileFormat): ExportFile {
  switch (format) {
    case 'json':
      return { text: `${JSON.stringify(bundle, null, 2)}\n`, mimeType: 'application/json', extension: 'json' };
    case 'csv':
      return { text: toCsv(bundle), mimeType: 'text/csv', extension: 'csv' };
    case 'ocsf':
      return { text: toOcsf(bundle), mimeType: 'application/x-ndjson', extension: 'ocsf.jsonl' };
    case 'html':
      return { text: toHtmlReport(bundle), mimeType: 'text/html', extension: 'html' };
  }
}
