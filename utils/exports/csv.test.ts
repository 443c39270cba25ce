import { describe, expect, it } from 'vitest';
import { exportedFindingKeys } from './bundle';
import { csvField, csvToFindings, parseCsv, toCsv } from './csv';
import { hostileBundle, realisticBundle } from './test-fixtures';

describe('toCsv', () => {
  it('writes the header and one CRLF-terminated record per finding, in the bundle order', () => {
    const bundle = realisticBundle();
    const csv = toCsv(bundle);
    expect(csv.startsWith(`${exportedFindingKeys.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/(?<!\r)\n/);
    const rows = parseCsv(csv);
    const findings = bundle.instances.flatMap((entry) => entry.findings);
    expect(rows).toHaveLength(findings.length + 1);
    expect(rows.slice(1).map((row) => row[exportedFindingKeys.indexOf('controlId')])).toEqual(findings.map((finding) => finding.controlId));
    for (const row of rows) expect(row).toHaveLength(exportedFindingKeys.length);
  });

  it('writes numbers as text, nested values as JSON and evidence readably without losing its type', () => {
    const bundle = realisticBundle();
    const finding = bundle.instances[0]!.findings.find((candidate) => candidate.controlId === 'OKTA.STIG.273195v1')!;
    const row = parseCsv(toCsv({ ...bundle, instances: [{ ...bundle.instances[0]!, findings: [finding] }] }))[1]!;
    const cell = (key: (typeof exportedFindingKeys)[number]) => row[exportedFindingKeys.indexOf(key)];
    expect(cell('weight')).toBe(String(finding.weight));
    expect(cell('fraction')).toBe('0');
    expect(cell('actual')).toBe('8 characters');
    expect(JSON.parse(cell('frameworks')!)).toEqual(finding.frameworks);
    expect(JSON.parse(cell('exception')!)).toEqual(finding.exception);
    expect(JSON.parse(cell('affected')!)).toEqual(finding.affected);

    const typed = [8, '8', true, 'true', null, 'null', '', '[1]', 'plain words'].map((actual) => ({ ...finding, actual }));
    const csv = toCsv({ ...bundle, instances: [{ ...bundle.instances[0]!, findings: typed }] });
    expect(csvToFindings(csv).map((back) => back.actual)).toEqual([8, '8', true, 'true', null, 'null', '', '[1]', 'plain words']);
  });

  it('defuses spreadsheet formulas with a leading apostrophe and quotes what RFC 4180 says to quote', () => {
    expect(csvField("=cmd|'/c calc'!A0")).toBe("'=cmd|'/c calc'!A0");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField("'kept")).toBe("''kept");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=a,b')).toBe('"\'=a,b"');
    expect(csvField('plain')).toBe('plain');

    const csv = toCsv(hostileBundle());
    // No cell of the file starts with a formula character once its quotes are removed.
    for (const row of parseCsv(csv)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and LF or CR line ends', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,,3\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3'],
    ]);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a\rb\r')).toEqual([['a'], ['b']]);
    expect(parseCsv('\uFEFFx,y\r\n')).toEqual([['x', 'y']]);
    expect(parseCsv('x,\r\n')).toEqual([['x', '']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('throws on a quoted field that never ends', () => {
    expect(() => parseCsv('a,b\r\n"open,c')).toThrow(/line 2: a quoted field never ends/);
  });
});

describe('csvToFindings', () => {
  it('round-trips a realistic export exactly', () => {
    const bundle = realisticBundle();
    expect(csvToFindings(toCsv(bundle))).toEqual(bundle.instances.flatMap((entry) => entry.findings));
  });

  it('round-trips hostile text exactly: quotes, commas, line breaks, formulas, markup, RTL override, 10 000 characters', () => {
    const bundle = hostileBundle();
    const findings = bundle.instances.flatMap((entry) => entry.findings);
    const back = csvToFindings(toCsv(bundle));
    expect(back).toEqual(findings);
    const texts = back.flatMap((finding) => [finding.title, finding.reason, finding.instanceName, ...finding.affected.map((entity) => entity.name)]);
    expect(texts).toContain("=cmd|'/c calc'!A0");
    expect(texts).toContain('\u202Egnp.exe');
    expect(texts).toContain('x'.repeat(10_000));
    expect(texts).toContain('line\nbreak\r\nand CRLF\rand CR');
  });

  it('refuses a file with another header, a short record or a bad value, naming where', () => {
    const csv = toCsv(realisticBundle());
    expect(() => csvToFindings('id,title\r\n1,x\r\n')).toThrow(/not a Posture Lens findings export/);
    const [header, first] = csv.split('\r\n');
    expect(() => csvToFindings(`${header}\r\n${first},extra\r\n`)).toThrow(/record 2 has 27 fields, not 26/);
    const severity = exportedFindingKeys.indexOf('severity');
    const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    const broken = parseCsv(csv)[1]!.map((cell, index) => quote(index === severity ? 'catastrophic' : cell));
    expect(() => csvToFindings(`${header}\r\n${broken.join(',')}\r\n`)).toThrow(/record 2, column severity/);
  });

  it('reads a header-only file as no findings', () => {
    expect(csvToFindings(toCsv({ ...realisticBundle(), instances: [] }))).toEqual([]);
  });
});
