import { memo } from 'react';
import {
  defaultFilter,
  metricTitle,
  severityLabels,
  statusLabels,
  statusOrder,
  type RecommendationCounts,
  type RecommendationFilter,
  type StatusFilter,
} from '@/components/recommendations';
import { metrics, severities, type MetricId, type Severity } from '@/utils/controls';

interface Props {
  filter: RecommendationFilter;
  counts: RecommendationCounts;
  onChange: (filter: RecommendationFilter) => void;
}

/** Status (with counts), severity, metric and a search over titles and reasons. */
export const Filters = memo(function Filters({ filter, counts, onChange }: Props) {
  const set = (patch: Partial<RecommendationFilter>) => onChange({ ...filter, ...patch });
  const isDefault =
    filter.status === defaultFilter.status &&
    filter.severity === defaultFilter.severity &&
    filter.metric === defaultFilter.metric &&
    filter.query === defaultFilter.query;
  return (
    <form className="filters" role="search" aria-label="Filter recommendations" onSubmit={(event) => event.preventDefault()}>
      <label className="field search">
        <span>Search</span>
        <input
          type="search"
          value={filter.query}
          placeholder="Title or reason"
          onChange={(event) => set({ query: event.target.value })}
        />
      </label>
      <label className="field status">
        <span>Status</span>
        <select value={filter.status} onChange={(event) => set({ status: event.target.value as StatusFilter })}>
          <option value="attention">Needs attention ({counts.attention})</option>
          <option value="all">All ({counts.all})</option>
          {statusOrder.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]} ({counts[status]})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Severity</span>
        <select value={filter.severity} onChange={(event) => set({ severity: event.target.value as Severity | 'all' })}>
          <option value="all">All severities</option>
          {severities.map((severity) => (
            <option key={severity} value={severity}>
              {severityLabels[severity]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Metric</span>
        <select value={filter.metric} onChange={(event) => set({ metric: event.target.value as MetricId | 'all' })}>
          <option value="all">All metrics</option>
          {metrics.map((metric) => (
            <option key={metric.id} value={metric.id}>
              {metricTitle(metric.id)}
            </option>
          ))}
        </select>
      </label>
      {!isDefault && (
        <button type="button" className="link-button" onClick={() => onChange(defaultFilter)}>
          Reset filters
        </button>
      )}
    </form>
  );
});
