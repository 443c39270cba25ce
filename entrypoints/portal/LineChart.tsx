import { useId } from 'react';
import { linearTicks, scaleSeries, seriesSummary, tickLabel, timeTicks, type ChartBox, type ChartPoint } from '@/components/chart';
import { dayMs } from '@/utils/evidence';

interface Props {
  /** What the line is, e.g. "Initiative score" or a metric's title. */
  label: string;
  series: ChartPoint[];
  /** The window shown, epoch ms. */
  start: number;
  end: number;
  /** A dashed line at the target score, when one is set. */
  target?: number | null;
  /** How values read: "%" for scores and metric values. */
  unit?: string;
  /** "14 days", "year": what the sentence says the period is. */
  period: string;
}

const box: ChartBox = { width: 720, height: 220, padding: { top: 12, right: 16, bottom: 28, left: 40 } };

/**
 * An inline SVG line chart of a 0–100 series. The SVG is an image with a one-sentence summary; the
 * values themselves are in a visually hidden table right after it, for screen readers.
 */
export function LineChart({ label, series, start, end, target, unit = '%', period }: Props) {
  const id = useId();
  const chart = scaleSeries(series, box, [0, 100], [start, end]);
  const spanDays = Math.round((end - start) / dayMs);
  const summary = seriesSummary(series);
  const known = series.filter((point) => point.y !== null);
  const sentence =
    summary.last === undefined
      ? `${label}: no data in the last ${period}.`
      : `${label} over the last ${period}: from ${summary.first}${unit} to ${summary.last}${unit} (${summary.change! >= 0 ? '+' : ''}${summary.change}), lowest ${summary.min}${unit}, highest ${summary.max}${unit}.`;

  return (
    <figure className="chart-frame" style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${box.width} ${box.height}`} preserveAspectRatio="none" role="img" aria-labelledby={`${id}-caption`}>
        {linearTicks(0, 100).map((tick) => (
          <g key={tick}>
            <line className="grid-line" x1={box.padding.left} x2={box.width - box.padding.right} y1={chart.y(tick)} y2={chart.y(tick)} />
            <text className="axis-label" x={box.padding.left - 6} y={chart.y(tick) + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {timeTicks(start, end, spanDays > 60 ? 7 : 8).map((tick, index, ticks) => (
          <text
            key={tick}
            className="axis-label"
            x={chart.x(tick)}
            y={box.height - 8}
            textAnchor={index === 0 ? 'start' : index === ticks.length - 1 ? 'end' : 'middle'}
          >
            {tickLabel(tick, spanDays)}
          </text>
        ))}
        {target !== null && target !== undefined && (
          <line className="target-line" x1={box.padding.left} x2={box.width - box.padding.right} y1={chart.y(target)} y2={chart.y(target)} />
        )}
        <path className="line" d={chart.path} vectorEffect="non-scaling-stroke" />
        {chart.points.length <= 31 && chart.points.map((point) => <circle key={point.source.x} className="point" cx={point.x} cy={point.y} r={3} />)}
      </svg>
      <figcaption id={`${id}-caption`} className="muted">
        {sentence}
        {target !== null && target !== undefined && ` The dashed line is the target, ${target}%.`}
      </figcaption>
      <table className="visually-hidden">
        <caption>{label}, by day</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">{label}</th>
          </tr>
        </thead>
        <tbody>
          {known.map((point) => (
            <tr key={point.x}>
              <th scope="row">{new Date(point.x).toISOString().slice(0, 10)}</th>
              <td>
                {point.y}
                {unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
