import { useLiveQuery } from 'dexie-react-hooks';
import { catalogControls } from '@/components/catalog';
import { db } from '@/components/db';
import type { MetricId } from '@/utils/controls';
import { initiativeTrend, readTrendScans, type TrendPoint } from '@/utils/initiative';
import { loadPortalSettings } from '@/utils/portal-settings';

export type TrendDays = 14 | 365;

export interface TrendDay {
  /** The day, UTC midnight of its date, epoch ms (the chart labels it in UTC, so the date reads as the admin's). */
  at: number;
  score: number | null;
  /** Each metric's value as % non-compliant, 0–100. */
  metrics: Partial<Record<MetricId, number | null>>;
}

export interface Trend {
  /** The period these days cover (while another period loads, the chart still shows this one). */
  period: TrendDays;
  start: number;
  end: number;
  days: TrendDay[];
}

/** Days as epoch ms and metric values as percentages: the chart's units. */
export function toTrend(points: readonly TrendPoint[], period: TrendDays): Trend {
  const days = points.map((point) => ({
    at: Date.parse(`${point.day}T00:00:00Z`),
    score: point.score,
    metrics: Object.fromEntries(
      Object.entries(point.metrics).map(([metric, value]) => [metric, value === null ? null : Math.round(value * 1000) / 10]),
    ) as TrendDay['metrics'],
  }));
  return { period, start: days[0]?.at ?? 0, end: days.at(-1)?.at ?? 0, days };
}

/**
 * The initiative's daily trend (`initiativeTrend`): the scans of the period and the newest good one
 * before it, for each included instance; exceptions re-applied per day. `enabled` once the portal's data
 * is read: the database answers in order, and the first view should not wait behind the trend's reads,
 * which then overlap with building and drawing it.
 */
export function useTrend(days: TrendDays, enabled: boolean): Trend | undefined {
  return useLiveQuery(async () => {
    if (!enabled) return undefined;
    const now = new Date();
    const [instances, settings, exceptions] = await Promise.all([db.instances.toArray(), loadPortalSettings(db), db.exceptions.toArray()]);
    const scans = await readTrendScans(db, instances.filter((instance) => instance.includeInScore), { days, now });
    return toTrend(
      initiativeTrend(scans, instances, {
        days,
        now,
        weights: settings.metricWeights,
        utcOffsetMinutes: -now.getTimezoneOffset(),
        exceptions,
        // The controls' weight and metric, to re-apply whole-control exceptions to old scans' results.
        controls: catalogControls,
      }),
      days,
    );
  }, [days, enabled]);
}
