import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseSources } from './parse';

const parser = { appName: 'Acme Cloud', schemas: { zones: z.array(z.object({ name: z.string() })) }, titles: new Map([['zones', 'Network zones']]) };

describe('parsing the sources of a scan', () => {
  it('names the field an answer lacks, and says what to do about it', () => {
    const parsed = parseSources(parser, { zones: { ok: true, data: [{ label: 'Office' }], truncated: false } }, '2026-01-01T00:00:00.000Z');
    expect(parsed.zones).toEqual({
      ok: false,
      kind: 'malformed',
      reason:
        'Acme Cloud returned "Network zones" in a form Posture Lens cannot read (0.name: Invalid input: expected string, received undefined). ' +
        'Scan again; if it keeps failing, Acme Cloud changed this answer in a release: update Posture Lens, or report it with the text above.',
    });
  });

  it('reads an answer of the expected shape', () => {
    const parsed = parseSources(parser, { zones: { ok: true, data: [{ name: 'Office' }], truncated: false } }, '2026-01-01T00:00:00.000Z');
    expect(parsed.zones).toEqual({ ok: true, value: [{ name: 'Office' }], truncated: false });
  });
});
