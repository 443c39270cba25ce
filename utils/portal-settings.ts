import { z } from 'zod';
import { metricIds, type MetricId } from './controls';
import type { PostureDatabase, SettingRecord } from './db';
import { portalSettingsPatchSchema, scheduleKinds, type PortalSettingsPatch } from './messaging';
import { defaultMetricWeights, type MetricWeight } from './scoring';

/**
 * The portal's settings, one row of the settings table per key (the table also holds other keys, e.g.
 * `requestTimeoutMs`). Each value is validated on read: a missing or unreadable value is its default.
 */
export type ScheduleKind = (typeof scheduleKinds)[number];

/** What the last scheduled run did: which instances it scanned, and why it skipped the others. */
export interface ScheduledRun {
  at: string;
  started: string[];
  skipped: Array<{ instanceKey: string; reason: string }>;
}

export interface PortalSettings {
  metricWeights: Record<MetricId, MetricWeight>;
  targetScore: number | null;
  retentionDays: number;
  notifyOnRegression: boolean;
  schedule: ScheduleKind;
  lastScheduledRun?: ScheduledRun;
}

export const defaultRetentionDays = 400;

export const defaultPortalSettings: PortalSettings = {
  metricWeights: defaultMetricWeights,
  targetScore: null,
  retentionDays: defaultRetentionDays,
  notifyOnRegression: false,
  schedule: 'off',
};

export const portalSettingKeys = ['metricWeights', 'targetScore', 'retentionDays', 'notifyOnRegression', 'schedule', 'lastScheduledRun'] as const;

const fields = portalSettingsPatchSchema.shape;
const weightSchema = z.union([z.number().int().min(1).max(10), z.literal('risk_accepted')]);
export const scheduledRunSchema = z.object({
  at: z.string(),
  started: z.array(z.string()).default([]),
  skipped: z.array(z.object({ instanceKey: z.string(), reason: z.string() })),
});

/** Settings from the rows of the settings table (pure: views can call it on a live query of the table). */
export function readPortalSettings(rows: ReadonlyArray<SettingRecord | undefined>): PortalSettings {
  const values = new Map(rows.filter((row): row is SettingRecord => row !== undefined).map((row) => [row.key, row.value]));
  const read = <T>(schema: z.ZodType<T>, key: string, fallback: T): T => {
    const parsed = schema.safeParse(values.get(key));
    return parsed.success && parsed.data !== undefined ? parsed.data : fallback;
  };
  // Weights are read one by one: a bad entry falls back to its default without losing the others.
  const storedWeights = values.get('metricWeights');
  const metricWeights = { ...defaultMetricWeights };
  if (storedWeights && typeof storedWeights === 'object') {
    for (const metric of metricIds) {
      const weight = weightSchema.safeParse((storedWeights as Record<string, unknown>)[metric]);
      if (weight.success) metricWeights[metric] = weight.data;
    }
  }
  const lastScheduledRun = scheduledRunSchema.safeParse(values.get('lastScheduledRun'));
  return {
    metricWeights,
    targetScore: read(fields.targetScore.unwrap(), 'targetScore', defaultPortalSettings.targetScore),
    retentionDays: read(fields.retentionDays.unwrap(), 'retentionDays', defaultPortalSettings.retentionDays),
    notifyOnRegression: read(fields.notifyOnRegression.unwrap(), 'notifyOnRegression', defaultPortalSettings.notifyOnRegression),
    schedule: read(fields.schedule.unwrap(), 'schedule', defaultPortalSettings.schedule),
    ...(lastScheduledRun.success ? { lastScheduledRun: lastScheduledRun.data } : {}),
  };
}

export async function loadPortalSettings(db: PostureDatabase): Promise<PortalSettings> {
  return readPortalSettings(await db.settings.bulkGet([...portalSettingKeys]));
}

/**
 * Validates and writes only the fields given; weights merge over the stored ones. Throws a ZodError on
 * an invalid patch (the service worker validated the message already).
 */
export async function savePortalSettings(db: PostureDatabase, patch: PortalSettingsPatch): Promise<PortalSettings> {
  const valid = portalSettingsPatchSchema.parse(patch);
  return db.transaction('rw', db.settings, async () => {
    const current = await loadPortalSettings(db);
    const rows: SettingRecord[] = [];
    if (valid.metricWeights) rows.push({ key: 'metricWeights', value: { ...current.metricWeights, ...valid.metricWeights } });
    if (valid.targetScore !== undefined) rows.push({ key: 'targetScore', value: valid.targetScore });
    if (valid.retentionDays !== undefined) rows.push({ key: 'retentionDays', value: valid.retentionDays });
    if (valid.notifyOnRegression !== undefined) rows.push({ key: 'notifyOnRegression', value: valid.notifyOnRegression });
    if (valid.schedule !== undefined) rows.push({ key: 'schedule', value: valid.schedule });
    await db.settings.bulkPut(rows);
    return loadPortalSettings(db);
  });
}

export async function saveScheduledRun(db: PostureDatabase, run: ScheduledRun): Promise<void> {
  await db.settings.put({ key: 'lastScheduledRun', value: run });
}
