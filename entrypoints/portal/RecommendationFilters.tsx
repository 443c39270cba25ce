import { memo } from 'react';
import { appName } from '@/components/catalog';
import { frameworks } from '@/components/frameworks';
import { allRecommendations, type ExceptionFilterState, type PortalFilter } from '@/components/recommendation-filters';
import { metricTitle, severityLabels, statusLabels, statusOrder, type StatusFilter } from '@/components/recommendations';
import { metrics, severities, type MetricId, type Severity } from '@/utils/controls';
import type { InstanceRecord } from '@/utils/db';
import { bidiSafe } from '@/utils/bidi';

interface Props {
  filter: PortalFilter;
  instances: InstanceRecord[];
  /** Framework ids that have at least one row, so the list offers only what can match. */
  frameworkIds: ReadonlySet<string>;
  onChange: (filter: PortalFilter) => void;
}

/** App, instance, metric, status, severity, framework, exception state and a search. */
export const RecommendationFilters = memo(function RecommendationFilters({ filter, instances, frameworkIds, onChange }: Props) {
  const set = (patch: Partial<PortalFilter>) => onChange({ ...filter, ...patch });
  const apps = [...new Set(instances.map((instance) => instance.app))];
  const isDefault = (Object.keys(allRecommendations) as Array<keyof PortalFilter>).every((key) => filter[key] === allRecommendations[key]);
  return (
    <form className="filters portal-filters" role="search" aria-label="Filter recommendations" onSubmit={(event) => event.preventDefault()}>
      <label className="field search">
        <span>Search</span>
        <input
          type="search"
          value={filter.query}
          placeholder="Title, control id, reason or affected name"
          onChange={(event) => set({ query: event.target.value })}
        />
      </label>
      <label className="field">
        <span>App</span>
        <select value={filter.app} onChange={(event) => set({ app: event.target.value, instance: 'all' })}>
          <option value="all">All apps</option>
          {apps.map((app) => (
            <option key={app} value={app}>
              {appName(app)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Instance</span>
        <select value={filter.instance} onChange={(event) => set({ instance: event.target.value })}>
          <option value="all">All instances</option>
          {instances
            .filter((instance) => filter.app === 'all' || instance.app === filter.app)
            .map((instance) => (
              <option key={instance.key} value={instance.key}>
                {bidiSafe(instance.name)} ({appName(instance.app)})
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
      <label className="field">
        <span>Status</span>
        <select value={filter.status} onChange={(event) => set({ status: event.target.value as StatusFilter })}>
          <option value="attention">Needs attention</option>
          <option value="all">All statuses</option>
          {statusOrder.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
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
        <span>Framework</span>
        <select value={filter.framework} onChange={(event) => set({ framework: event.target.value })}>
          <option value="all">All frameworks</option>
          {frameworks
            .filter((framework) => frameworkIds.has(framework.id) || framework.id === filter.framework)
            .map((framework) => (
              <option key={framework.id} value={framework.id}>
                {framework.title}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        <span>Exception</span>
        <select value={filter.exception} onChange={(event) => set({ exception: event.target.value as ExceptionFilterState | 'all' })}>
          <option value="all">Any</option>
          <option value="none">No exception</option>
          <option value="active">Active exception</option>
          <option value="lapsed">Lapsed exception</option>
        </select>
      </label>
      <button type="button" className="link-button" onClick={() => onChange(allRecommendations)} disabled={isDefault}>
        Reset filters
      </button>
    </form>
  );
});
