import { useEffect, useMemo, useState } from 'react';
import { appName, controlById } from '@/components/catalog';
import { defaultMetricSort, nextMetricSort, sortMetrics, type MetricSort, type MetricSortKey } from '@/components/metric-sort';
import { filterToParams } from '@/components/recommendation-filters';
import { formatPercent } from '@/components/recommendations';
import { metrics, type MetricId } from '@/utils/controls';
import { targetProgress } from '@/utils/initiative';
import { sendRequest, type PortalSettingsPatch } from '@/utils/messaging';
import type { InstanceRecord } from '@/utils/db';
import type { MetricResult, MetricWeight } from '@/utils/scoring';
import { backgroundSilent, usePortalState, type PortalData } from './data';
import { LineChart } from './LineChart';
import { rowKey, type PortalModel } from './model';
import { hrefFor } from './route';
import { useTrend, type TrendDays } from './trend';
import { NoInstances, Skeleton } from './ui';
import { bidiSafe } from '@/utils/bidi';

const recommendationsHref = (patch: Record<string, string>) => `${hrefFor('recommendations')}?${filterToParams(patch).toString()}`;

/** The SaaS Security Initiative: its score, target, 12 metrics and trend. */
export function InitiativeView() {
  const { data, model } = usePortalState();
  const [error, setError] = useState<string>();

  const saveSettings = async (settings: PortalSettingsPatch) => {
    setError(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'portal/settings', settings });
      if (!result.ok) setError(result.error.message);
    } catch (failure) {
      setError(backgroundSilent(failure));
    }
  };

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        SaaS Security Initiative
      </h1>
      <p className="muted">
        Twelve metrics over the recommendations of every included instance. Each metric's value is its weighted share of non-compliant
        controls; its impact is what the initiative score gains when it is fully fixed. Fix the highest impact first.
      </p>
      {error && (
        <p className="step-error" role="alert">
          {error}
        </p>
      )}
      {data && data.instances.length === 0 && <NoInstances />}
      <div className="initiative-top">
        <ScoreCard
          score={model?.initiative.score ?? null}
          target={data?.settings.targetScore ?? null}
          loading={!model}
          onTarget={(targetScore) => saveSettings({ targetScore })}
        />
        <Trend data={data} />
      </div>
      {!model ? (
        <Skeleton lines={12} height={36} />
      ) : (
        <MetricTable
          model={model}
          instances={data!.instances}
          // The message carries every weight (its schema is a full record), the changed one replaced.
          onWeight={(metric, weight) => saveSettings({ metricWeights: { ...data!.settings.metricWeights, [metric]: weight } })}
        />
      )}
    </section>
  );
}

function ScoreCard({ score, target, loading, onTarget }: { score: number | null; target: number | null; loading: boolean; onTarget: (target: number | null) => void }) {
  const [draft, setDraft] = useState(target === null ? '' : String(target));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setDraft(target === null ? '' : String(target)), [target]);
  const progress = loading ? null : targetProgress(score, target);

  const commit = () => {
    const text = draft.trim();
    if (text === '') {
      setInvalid(false);
      if (target !== null) onTarget(null);
      return;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (value !== target) onTarget(Math.round(value * 10) / 10);
  };

  return (
    <div className="panel-box score-card">
      <h2>Initiative score</h2>
      <div className="score-line">
        <span className="big-score">{loading ? <span className="skeleton-text">—</span> : formatPercent(score)}</span>
        {!loading && score === null && <span className="muted">No metric has data yet: scan an instance.</span>}
      </div>
      <form
        className="target-row"
        onSubmit={(event) => {
          event.preventDefault();
          commit();
        }}
      >
        <label className="field">
          <span>Target score (0–100)</span>
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            value={draft}
            placeholder="None"
            data-testid="target-input"
            aria-invalid={invalid}
            aria-describedby={invalid ? 'target-error' : undefined}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commit}
          />
        </label>
        <button type="submit">Set target</button>
      </form>
      {invalid && (
        <p id="target-error" className="field-error">
          Enter a number from 0 to 100, or leave it empty for no target.
        </p>
      )}
      <div aria-live="polite" className="target-status">
        {progress ? (
          <>
            <div
              className="target-progress"
              role="progressbar"
              aria-label="Progress towards the target"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress.progress * 100)}
            >
              <span style={{ width: `${progress.progress * 100}%` }} />
            </div>
            <p className="muted" data-testid="target-progress">
              {progress.met ? `Target met: ${formatPercent(score)} of ${target}%.` : `${progress.gap} points to the target of ${target}%.`}
            </p>
          </>
        ) : (
          <p className="muted">{target === null ? 'Set a target to track progress towards it.' : 'Loading…'}</p>
        )}
      </div>
    </div>
  );
}

function Trend({ data }: { data?: PortalData }) {
  const target = data?.settings.targetScore ?? null;
  const [days, setDays] = useState<TrendDays>(14);
  const [series, setSeries] = useState<'score' | MetricId>('score');
  const trend = useTrend(days, data);
  const label = series === 'score' ? 'Initiative score' : `${metrics.find((metric) => metric.id === series)?.title} (% non-compliant)`;
  const points = useMemo(
    () => trend?.days.map((day) => ({ x: day.at, y: series === 'score' ? day.score : (day.metrics[series] ?? null) })) ?? [],
    [trend, series],
  );

  return (
    <div className="panel-box trend">
      <h2>Trend</h2>
      <div className="trend-controls">
        <div className="segmented" role="group" aria-label="Period">
          <button type="button" aria-pressed={days === 14} onClick={() => setDays(14)}>
            14 days
          </button>
          <button type="button" aria-pressed={days === 365} onClick={() => setDays(365)}>
            1 year
          </button>
        </div>
        <label className="field">
          <span>Show</span>
          <select value={series} onChange={(event) => setSeries(event.target.value as 'score' | MetricId)}>
            <option value="score">Initiative score</option>
            {metrics.map((metric) => (
              <option key={metric.id} value={metric.id}>
                {metric.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {trend ? (
        <div className={trend.period === days ? undefined : 'chart-loading'} aria-busy={trend.period !== days}>
          <LineChart
            label={label}
            series={points}
            start={trend.start}
            end={trend.end}
            target={series === 'score' ? target : null}
            unit="%"
            period={trend.period === 14 ? '14 days' : 'year'}
          />
        </div>
      ) : (
        <div className="chart-frame" aria-hidden="true">
          <div className="skeleton-line" style={{ height: 220 }} />
        </div>
      )}
    </div>
  );
}

interface TopRecommendation {
  key: string;
  title: string;
  gain: number;
  appName: string;
  instanceName: string;
}

/** Each metric's three recommendations that gain the initiative most (then by points), from the model alone. */
function topRecommendations(model: PortalModel, instances: readonly InstanceRecord[]): Map<MetricId, TopRecommendation[]> {
  const byKey = new Map(instances.map((instance) => [instance.key, instance]));
  const top = new Map<MetricId, TopRecommendation[]>();
  for (const metric of model.initiative.metrics) {
    const chosen = metric.recommendations
      .filter((recommendation) => recommendation.points > 0)
      .sort((a, b) => b.gain - a.gain || b.points - a.points)
      .slice(0, 3)
      .map((recommendation) => {
        const instance = byKey.get(recommendation.instanceKey);
        return {
          key: rowKey(recommendation.instanceKey, recommendation.controlId),
          title: controlById(recommendation.controlId)?.title ?? recommendation.controlId,
          gain: recommendation.gain,
          appName: appName(instance?.app ?? ''),
          instanceName: instance ? bidiSafe(instance.name) : recommendation.instanceKey,
        };
      });
    if (chosen.length > 0) top.set(metric.metric, chosen);
  }
  return top;
}

const columns: Array<{ key: MetricSortKey | null; label: string; numeric?: boolean }> = [
  { key: 'title', label: 'Metric' },
  { key: 'weight', label: 'Weight' },
  { key: 'value', label: 'Value (% non-compliant)', numeric: true },
  { key: 'impact', label: 'Impact on score', numeric: true },
  { key: null, label: 'Fed by' },
  { key: null, label: 'Top recommendations' },
];

function MetricTable({ model, instances, onWeight }: { model: PortalModel; instances: InstanceRecord[]; onWeight: (metric: MetricId, weight: MetricWeight) => void }) {
  const [sort, setSort] = useState<MetricSort>(defaultMetricSort);
  const rows = useMemo(() => sortMetrics(model.initiative.metrics, sort), [model, sort]);
  const top = useMemo(() => topRecommendations(model, instances), [model, instances]);

  return (
    <div className="table-wrap">
      <table className="data-table metric-table">
        <caption className="visually-hidden">The 12 metrics of the initiative, sortable by each column</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={column.numeric ? 'col-number' : undefined}
                aria-sort={column.key && sort.key === column.key ? sort.direction : undefined}
              >
                {column.key ? (
                  <button type="button" className="sort-button" onClick={() => setSort(nextMetricSort(sort, column.key!))}>
                    {column.label}
                    <span className="sort-indicator" aria-hidden="true">
                      {sort.key === column.key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((metric) => (
            <MetricRow
              key={metric.metric}
              metric={metric}
              feed={model.feeds.get(metric.metric)}
              top={top.get(metric.metric) ?? []}
              onWeight={onWeight}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MetricRow({
  metric,
  feed,
  top,
  onWeight,
}: {
  metric: MetricResult;
  feed?: { apps: string[]; instances: string[] };
  top: TopRecommendation[];
  onWeight: (metric: MetricId, weight: MetricWeight) => void;
}) {
  const value = metric.value === null ? null : Math.round(metric.value * 1000) / 10;
  const accepted = metric.weight === 'risk_accepted';
  const state = accepted ? 'Risk accepted' : metric.value === null ? 'No data' : metric.value === 0 ? 'Met' : 'Needs attention';
  return (
    <tr data-testid={`metric-row-${metric.metric}`} className={metric.value === null || accepted ? 'no-data' : undefined}>
      <th scope="row">
        <a href={recommendationsHref({ metric: metric.metric })}>{metric.title}</a>
        <span className="row-sub">
          {state}
          {metric.controls > 0 && ` · ${metric.failing} of ${metric.controls} controls failing`}
        </span>
      </th>
      <td>
        <select
          className="inline"
          aria-label={`Weight of ${metric.title}`}
          value={String(metric.weight)}
          onChange={(event) => onWeight(metric.metric, event.target.value === 'risk_accepted' ? 'risk_accepted' : Number(event.target.value))}
        >
          {Array.from({ length: 10 }, (_, index) => index + 1).map((weight) => (
            <option key={weight} value={weight}>
              {weight}
            </option>
          ))}
          <option value="risk_accepted">Risk accepted</option>
        </select>
      </td>
      <td className="col-number">
        {value === null ? (
          <span className="muted">No data</span>
        ) : (
          <span className="value-cell">
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${value}%` }} />
            </span>
            {value}%
          </span>
        )}
      </td>
      <td className="col-number">{metric.impact > 0 ? `+${metric.impact}` : '—'}</td>
      <td>
        {feed ? (
          <ul className="plain-list feed-list">
            {feed.apps.map((app) => {
              const count = feed.instances.filter((key) => key.startsWith(`${app}:`)).length;
              return (
                <li key={app}>
                  <a href={recommendationsHref({ metric: metric.metric, app })}>{appName(app)}</a>
                  <span className="muted">
                    {' '}
                    · {count} instance{count === 1 ? '' : 's'}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <span className="muted">No connected app</span>
        )}
      </td>
      <td>
        {top.length > 0 ? (
          <ul className="top-recommendations">
            {top.map((recommendation) => (
              <li key={recommendation.key}>
                <a href={hrefFor('recommendations', { metric: metric.metric, selected: recommendation.key })}>{recommendation.title}</a>{' '}
                <span className="muted">
                  +{recommendation.gain} · {recommendation.appName} · {recommendation.instanceName}
                </span>
              </li>
            ))}
            <li>
              <a href={recommendationsHref({ metric: metric.metric })}>All recommendations of this metric</a>
            </li>
          </ul>
        ) : (
          <span className="muted">{metric.value === null ? '—' : 'Nothing to fix'}</span>
        )}
      </td>
    </tr>
  );
}
