import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import {
  createRecommendationQuery,
  defaultSort,
  filterFromParams,
  nextSort,
  type PortalFilter,
  type SortKey,
} from '@/components/recommendation-filters';
import { usePortalState } from './data';
import { DetailPane } from './DetailPane';
import { RecommendationFilters } from './RecommendationFilters';
import { RecommendationTable } from './RecommendationTable';
import { NoInstances } from './ui';

/** One table over every instance's latest good scan, with filters, sorting and a detail pane. */
export function RecommendationsView({ params }: { params: URLSearchParams }) {
  const { data, details } = usePortalState();
  const paramsKey = params.toString();
  const [filter, setFilter] = useState<PortalFilter>(() => filterFromParams(params));
  const [selected, setSelected] = useState<string | undefined>(() => params.get('selected') ?? undefined);
  // A link from another view (a metric, an instance chip) sets the filter again.
  useEffect(() => {
    const next = new URLSearchParams(paramsKey);
    setFilter(filterFromParams(next));
    if (next.get('selected')) setSelected(next.get('selected')!);
  }, [paramsKey]);

  const [sort, setSort] = useState(defaultSort);
  const [query] = useState(createRecommendationQuery);
  // Typing stays responsive: the table follows the filter a beat later when rendering is busy.
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => (details ? query(details.rows, deferred, sort) : []), [details, deferred, sort, query]);
  const frameworkIds = useMemo(() => new Set(details?.rows.flatMap((row) => row.frameworkIds) ?? []), [details]);
  const onSort = useCallback((key: SortKey) => setSort((current) => nextSort(current, key)), []);
  const entry = selected ? details?.entries.get(selected) : undefined;
  // Closing the pane gives the focus back to the row it was opened from (when it is rendered).
  const close = useCallback(() => {
    const key = selected;
    setSelected(undefined);
    if (!key) return;
    setTimeout(() => {
      const button = [...document.querySelectorAll<HTMLTableRowElement>('tr[data-key]')].find((row) => row.dataset.key === key)?.querySelector('button');
      (button ?? document.querySelector<HTMLElement>('.vt-scroll button[tabindex="0"]'))?.focus();
    });
  }, [selected]);
  const total = details?.rows.length ?? 0;

  return (
    <section className="view recommendations-view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Recommendations
      </h1>
      {data && data.instances.length === 0 ? (
        <NoInstances />
      ) : (
        <>
          <RecommendationFilters filter={filter} instances={data?.instances ?? []} frameworkIds={frameworkIds} onChange={setFilter} />
          <p className="muted result-count" role="status" aria-live="polite">
            {!details ? 'Loading…' : `Showing ${shown.length} of ${total} recommendations`}
          </p>
          <div className="rec-layout">
            <div className="rec-table">
              <RecommendationTable
                rows={shown}
                loading={!details}
                sort={sort}
                onSort={onSort}
                selected={selected}
                onSelect={setSelected}
                resetKey={`${JSON.stringify(deferred)}|${sort.key}|${sort.direction}`}
              />
              {details && shown.length === 0 && (
                <p className="table-empty">
                  {total === 0
                    ? 'The latest scans have no results yet. Scan an instance from the Instances view or the toolbar popup.'
                    : 'No recommendation matches these filters. Reset the filters to see them all.'}
                </p>
              )}
            </div>
            <DetailPane entry={entry} selectedKey={selected} onClose={close} />
          </div>
        </>
      )}
    </section>
  );
}
