import { describe, expect, it } from 'vitest';
import { exportBundleSchema, exportFormat, type ExportBundle } from '@/utils/exports/bundle';
import { exportFiles, fileDate } from './export-files';

const bundle: ExportBundle = { format: exportFormat, exportedAt: '2025-03-12T10:00:00.000Z', generator: { name: 'Posture Lens', version: '0.1.0' }, instances: [] };

describe('exportFiles', () => {
  it('names each file by the day and the format', () => {
    const files = exportFiles(bundle, new Set(['html', 'json', 'csv', 'ocsf']), new Date(2025, 2, 12, 10));
    expect(files.map((file) => file.name)).toEqual([
      'posture-lens-2025-03-12.json',
      'posture-lens-2025-03-12.csv',
      'posture-lens-2025-03-12.ocsf.jsonl',
      'posture-lens-2025-03-12.html',
    ]);
  });

  it('writes only the chosen formats, and the JSON is the bundle itself', () => {
    const [json, ...rest] = exportFiles(bundle, new Set(['json']), new Date(2025, 0, 2));
    expect(rest).toEqual([]);
    expect(exportBundleSchema.parse(JSON.parse(json!.content))).toEqual(bundle);
    expect(json!.type).toBe('application/json');
  });

  it('pads months and days', () => {
    expect(fileDate(new Date(2025, 0, 2))).toBe('2025-01-02');
  });
});
