import { useLiveQuery } from 'dexie-react-hooks';
import Dexie from 'dexie';
import { connectors } from '@/connectors';
import { db } from '@/components/db';
import type { MetricId } from '@/utils/controls';
import type { ScanRecord } from '@/utils/db';
import type { ScoredControl } from '@/utils/exceptions';
import { goodStatuses } from '@/utils/history';
import { initiativeTrend, type TrendPoint } from '@/utils/initiative';
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
  start: number;
  end: number;
  days: TrendDay[];
}

/** What the trend needs of each control to re-apply whole-control exceptions to old scans' results. */
const scoredControls: ReadonlyMap<string, ScoredControl> = new Map(
  connectors.flatMap((connector) => connector.controls.map((control) => [control.id, control] as const)),
);

/** Days as epoch ms and metric values as percentages: the chart's units. */
export function toTrend(points: readonly TrendPoint[]): Trend {
  const days = points.map((point) => ({
    at: Date.parse(`${point.day}T00:00:00Z`),
    score: point.score,
    metrics: Object.fromEntries(
      Object.entries(point.metrics).map(([metric, value]) => [metric, value === null ? null : Math.round(value * 1000) / 10]),
    ) as TrendDay['metrics'],
  }));
  return { start: days[0]?.at ?? 0, end: days.at(-1)?.at ?? 0, days };
}

const dayMs = 86_400_000;

/**
 * The initiative's daily trend (`initiativeTrend`), read only when the chart is shown: the scans of the
 * period and the newest good one before it, for each included instance; exceptions re-applied per day.
 */
export function useTrend(days: TrendDays, enabled: boolean): Trend | undefined {
  return useLiveQuery(async () => {
    if (!enabled) return undefined;
    const now = new Date();
    const from = new Date(now.getTime() - (days + 1) * dayMs).toISOString();
    const [instances, settings, exceptions] = await Promise.all([db.instances.toArray(), loadPortalSettings(db), db.exceptions.toArray()]);
    const scans: ScanRecord[] = [];
    for (const instance of instances.filter((candidate) => candidate.includeInScore)) {
      const inWindow = await db.scans.where('[instanceKey+startedAt]').between([instance.key, from], [instance.key, Dexie.maxKey]).toArray();
      const before = await db.scans
        .where('[instanceKey+startedAt]')
        .between([instance.key, Dexie.minKey], [instance.key, from], true, false)
        .reverse()
        .filter((scan) => goodStatuses.has(scan.status))
        .first();
      scans.push(...inWindow, ...(before ? [before] : []));
    }
    return toTrend(
      initiativeTrend(scans, instances, {
        days,
        now,
        weights: settings.metricWeights,
        utcOffsetMinutes: -now.getTimezoneOffset(),
        exceptions,
        controls: scoredControls,
      }),
    );
  }, [days, enabled]);
}
