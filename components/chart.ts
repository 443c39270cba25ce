import { dayMs } from '@/utils/evidence';

/**
 * Scaling for the portal's inline SVG line charts (no chart library): data → pixel coordinates,
 * path data with gaps where a day has no value, and axis ticks. Pure, tested in Node.
 */

export interface ChartPoint {
  /** Milliseconds since the epoch. */
  x: number;
  /** 0–100, or null where there is no value (a gap in the line). */
  y: number | null;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space for the axes' labels. */
  padding: { top: number; right: number; bottom: number; left: number };
}

/** A linear map from [d0, d1] to [r0, r1]; a flat domain maps to the middle of the range. */
export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

export interface ScaledChart {
  /** SVG path data: one `M … L …` run per stretch of consecutive values. */
  path: string;
  /** The points with data, in pixels, for markers and focus. */
  points: Array<{ x: number; y: number; source: ChartPoint }>;
  x: (value: number) => number;
  y: (value: number) => number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Scales points into a box; y runs over `yDomain` (0–100 for scores), x over the points' span or `xDomain`. */
export function scaleSeries(
  series: readonly ChartPoint[],
  box: ChartBox,
  yDomain: readonly [number, number] = [0, 100],
  xDomain?: readonly [number, number],
): ScaledChart {
  const xs = series.map((point) => point.x);
  const domain: [number, number] = xDomain ? [xDomain[0], xDomain[1]] : [Math.min(...xs), Math.max(...xs)];
  if (!Number.isFinite(domain[0])) domain[0] = domain[1] = 0;
  const x = scaleLinear(domain, [box.padding.left, box.width - box.padding.right]);
  const y = scaleLinear(yDomain, [box.height - box.padding.bottom, box.padding.top]);
  const points: ScaledChart['points'] = [];
  const parts: string[] = [];
  let drawing = false;
  for (const point of series) {
    if (point.y === null || !Number.isFinite(point.y)) {
      drawing = false;
      continue;
    }
    const px = round(x(point.x));
    const py = round(y(point.y));
    points.push({ x: px, y: py, source: point });
    parts.push(`${drawing ? 'L' : 'M'}${px} ${py}`);
    drawing = true;
  }
  return { path: parts.join(' '), points, x, y };
}

/** Evenly spaced values from `min` to `max` inclusive: 0, 25, 50, 75, 100 for scores. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (count < 2 || max === min) return [min];
  const step = (max - min) / (count - 1);
  return Array.from({ length: count }, (_, index) => round(min + step * index));
}


/**
 * Dates to label on the x axis: about `count` of them, on whole days, first and last included.
 * `start` and `end` are epoch ms.
 */
export function timeTicks(start: number, end: number, count = 5): number[] {
  if (end <= start) return [start];
  const days = Math.max(1, Math.round((end - start) / dayMs));
  const stepDays = Math.max(1, Math.round(days / Math.max(1, count - 1)));
  const ticks: number[] = [];
  for (let t = start; t < end - (stepDays * dayMs) / 2; t += stepDays * dayMs) ticks.push(t);
  ticks.push(end);
  return ticks;
}

/** "12 Mar" for a short span, "Mar 2025" for a year. */
export function tickLabel(ms: number, spanDays: number): string {
  const date = new Date(ms);
  return spanDays > 60
    ? date.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** First and last known values of a series and the change between them, for the chart's summary sentence. */
export function seriesSummary(series: readonly ChartPoint[]): { first?: number; last?: number; change?: number; min?: number; max?: number } {
  const known = series.filter((point): point is { x: number; y: number } => point.y !== null && Number.isFinite(point.y));
  if (known.length === 0) return {};
  const ys = known.map((point) => point.y);
  const first = known[0]!.y;
  const last = known[known.length - 1]!.y;
  return { first, last, change: round(last - first), min: Math.min(...ys), max: Math.max(...ys) };
}
