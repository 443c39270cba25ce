import { useLiveQuery } from 'dexie-react-hooks';
import { catalogControls } from '@/components/catalog';
import { db } from '@/components/db';
import type { MetricId } from '@/utils/controls';
import type { ScanRecord } from '@/utils/db';
import { initiativeTrend, readTrendScans, type TrendPoint } from '@/utils/initiative';
import { useMemo } from 'react';
import type { PortalData } from './data';

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

/** The trend of `scans` (those `readTrendScans` gives for the period), exceptions re-applied per day. */
function trendOf(data: PortalData, scans: readonly ScanRecord[], days: TrendDays, now: Date): Trend {
  return toTrend(
    initiativeTrend(scans, data.instances, {
      days,
      now,
      weights: data.settings.metricWeights,
      utcOffsetMinutes: -now.getTimezoneOffset(),
      exceptions: data.exceptions,
      // The controls' weight and metric, to re-apply whole-control exceptions to old scans' results.
      controls: catalogControls,
    }),
    days,
  );
}

/**
 * The initiative's daily trend (`initiativeTrend`) over 14 days or a year. The 14 days come with the
 * portal's data (`PortalData.recentScans`), so the first view draws its chart at once; a year of scans
 * is read when asked for.
 */
export function useTrend(days: TrendDays, data: PortalData | undefined): Trend | undefined {
  const recent = useMemo(() => (data ? trendOf(data, data.recentScans, 14, new Date()) : undefined), [data]);
  const year = useLiveQuery(async () => {
    if (days !== 365 || !data) return undefined;
    const scans = await readTrendScans(db, data.instances.filter((instance) => instance.includeInScore), { days, now: new Date() });
    return trendOf(data, scans, days, new Date());
  }, [days, data]);
  return days === 14 ? recent : (year ?? recent);
}
