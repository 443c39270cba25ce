import { exportedFindingKeys, exportedFindingSchema, type ExportBundle, type ExportedFinding } from './bundle';

/**
 * CSV: one row per finding (per control and instance), RFC 4180: CRLF line ends, a field is quoted when
 * it holds `"`, `,`, CR or LF, and a `"` inside is doubled. The header is `exportedFindingKeys`.
 *
 * Columns by kind:
 * - text: as is; `requirement` is empty when it is null.
 * - number: `String(n)`, which `Number()` reads back exactly.
 * - evidence (`actual`, `expected`): a string is written as is unless it would read as JSON (`8`,
 *   `true`, `null`, `"x"`, `[1]`…), in which case it is JSON-quoted; numbers, booleans and null as JSON.
 *   So `8` and `"8"` stay apart and a plain sentence stays readable.
 * - nested (`frameworks`, `affected`, `notes`, `exception`, `remediationSteps`, `references`): JSON.
 *
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`, TAB or CR would be run as
 * a formula by Excel, LibreOffice or Sheets, so it is written with a leading `'` (which they show as
 * text). A cell that already starts with `'` gets one more, so the rule is reversible: `csvToFindings`
 * removes exactly one leading `'` from every cell and gives back the exported values unchanged.
 * `parseCsv` returns the cells as written (with the `'`).
 */

type ColumnKind = 'text' | 'nullableText' | 'number' | 'evidence' | 'json';

const columnKinds: Record<keyof ExportedFinding, ColumnKind> = {
  instanceKey: 'text',
  app: 'text',
  instanceName: 'text',
  instanceHost: 'text',
  scanId: 'text',
  scanFinishedAt: 'text',
  controlId: 'text',
  title: 'text',
  severity: 'text',
  weight: 'number',
  metric: 'text',
  requirement: 'nullableText',
  frameworks: 'json',
  status: 'text',
  fraction: 'number',
  pointsAtStake: 'number',
  reason: 'text',
  actual: 'evidence',
  expected: 'evidence',
  affected: 'json',
  affectedTotal: 'number',
  notes: 'json',
  exception: 'json',
  remediationSummary: 'text',
  remediationSteps: 'json',
  references: 'json',
};

const formulaStart = /^[=+\-@\t\r']/;
const needsQuotes = /[",\r\n]/;

function readsAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function encodeValue(kind: ColumnKind, value: unknown): string {
  switch (kind) {
    case 'text':
      return String(value);
    case 'nullableText':
      return value === null ? '' : String(value);
    case 'number':
      return String(value);
    case 'evidence':
      return typeof value === 'string' && !readsAsJson(value) ? value : JSON.stringify(value);
    case 'json':
      return JSON.stringify(value);
  }
}

function decodeValue(kind: ColumnKind, cell: string): unknown {
  switch (kind) {
    case 'text':
      return cell;
    case 'nullableText':
      return cell === '' ? null : cell;
    case 'number':
      return cell.trim() === '' ? Number.NaN : Number(cell);
    case 'evidence':
      return readsAsJson(cell) ? JSON.parse(cell) : cell;
    case 'json':
      return JSON.parse(cell);
  }
}

/** One CSV field: defused against formulas, then quoted when needed. */
export function csvField(raw: string): string {
  const defused = formulaStart.test(raw) ? `'${raw}` : raw;
  return needsQuotes.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

export function toCsv(bundle: ExportBundle): string {
  const lines = [exportedFindingKeys.map(csvField).join(',')];
  for (const entry of bundle.instances) {
    for (const finding of entry.findings) {
      lines.push(exportedFindingKeys.map((key) => csvField(encodeValue(columnKinds[key], finding[key]))).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * RFC 4180 records. Also reads LF or CR line ends and a leading byte-order mark; a line break after the
 * last record does not make an empty record. Throws on a quoted field that never ends.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let index = 0;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (index < source.length) {
    const char = source[index]!;
    if (char === '"' && !fieldStarted && field === '') {
      // A quoted field: up to the next quote that is not doubled.
      const start = index;
      index++;
      for (;;) {
        const quote = source.indexOf('"', index);
        if (quote === -1) {
          const line = source.slice(0, start).split(/\r\n|\r|\n/).length;
          throw new Error(`CSV line ${line}: a quoted field never ends.`);
        }
        field += source.slice(index, quote);
        if (source[quote + 1] === '"') {
          field += '"';
          index = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      fieldStarted = true;
      continue;
    }
    if (char === ',') {
      endField();
      index++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      index += char === '\r' && source[index + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += char;
    fieldStarted = true;
    index++;
  }
  if (fieldStarted || field !== '' || row.length > 0) endRow();
  return rows;
}

/** The findings of a CSV written by `toCsv`, validated; throws naming the line and column that is wrong. */
export function csvToFindings(text: string): ExportedFinding[] {
  const [header, ...records] = parseCsv(text);
  if (!header || header.join(',') !== exportedFindingKeys.join(',')) {
    throw new Error(`This CSV is not a Posture Lens findings export: the header must be ${exportedFindingKeys.join(',')}.`);
  }
  return records
    .map((cells, index) => ({ cells, line: index + 2 }))
    .filter(({ cells }) => !(cells.length === 1 && cells[0] === ''))
    .map(({ cells, line }) => {
      if (cells.length !== exportedFindingKeys.length) {
        throw new Error(`CSV record ${line} has ${cells.length} fields, not ${exportedFindingKeys.length}.`);
      }
      const raw: Record<string, unknown> = {};
      exportedFindingKeys.forEach((key, column) => {
        const cell = cells[column]!;
        const unescaped = cell.startsWith("'") ? cell.slice(1) : cell;
        try {
          raw[key] = decodeValue(columnKinds[key], unescaped);
        } catch {
          throw new Error(`CSV record ${line}, column ${key}: not valid JSON.`);
        }
      });
      const parsed = exportedFindingSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`CSV record ${line}, column ${issue?.path.join('.') || '?'}: ${issue?.message}`);
      }
      return parsed.data;
    });
}
