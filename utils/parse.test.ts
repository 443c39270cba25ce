import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSources } from './parse';

const parser = { appName: 'Vendor', schemas: { settings: z.looseObject({ minLength: z.number() }) }, titles: new Map([['settings', 'Settings']]) };
const sources = { settings: { ok: true as const, data: { minLength: 12 }, truncated: false } };

describe('the scan time date-based checks compare with', () => {
  it('is the snapshot’s collection time', () => {
    expect(parseSources(parser, sources, '2026-04-20T09:00:00.000Z').scanTime).toEqual({ ok: true, value: '2026-04-20T09:00:00.000Z', truncated: false });
    expect(parseSources(parser, sources, '2026-04-20T11:00:00+02:00').scanTime?.ok).toBe(true);
  });

  it.each(['', 'yesterday', 'NaN', '2026', '2026-04-20', '2026-13-45T00:00:00Z', '2026-04-20T09:00<:00.000Z'])(
    'is unreadable, never a time every date compares false with, when the snapshot says %j',
    (collectedAt) => {
      const { scanTime, settings } = parseSources(parser, sources, collectedAt);
      expect(scanTime).toMatchObject({ ok: false, kind: 'malformed' });
      expect(scanTime?.ok === false && scanTime.reason).toContain('is not a date and time');
      expect(settings?.ok).toBe(true);
    },
  );
});

describe('an answer that does not parse', () => {
  const zones = { appName: 'Acme Cloud', schemas: { zones: z.array(z.object({ name: z.string() })) }, titles: new Map([['zones', 'Network zones']]) };

  it('names the field the answer lacks, and says what to do about it', () => {
    const parsed = parseSources(zones, { zones: { ok: true, data: [{ label: 'Office' }], truncated: false } }, '2026-01-01T00:00:00.000Z');
    expect(parsed.zones).toEqual({
      ok: false,
      kind: 'malformed',
      reason:
        'Acme Cloud returned "Network zones" in a form Posture Lens cannot read (0.name: Invalid input: expected string, received undefined). ' +
        'Scan again; if it keeps failing, Acme Cloud changed this answer in a release: update Posture Lens, or report it with the text above.',
    });
  });
});
