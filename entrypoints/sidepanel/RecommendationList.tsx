import { memo, useDeferredValue, useMemo, useState, type RefObject } from 'react';
import {
  countByStatus,
  defaultFilter,
  filterRecommendations,
  formatPoints,
  severityLabels,
  statusLabels,
  type RecommendationFilter,
  type RecommendationRow,
} from '@/components/recommendations';
import { Filters } from './Filters';

export type ListRow = RecommendationRow;

/** The id of a row's button, so focus can return to it when the detail closes. */
export function rowElementId(controlId: string): string {
  return `recommendation-${controlId}`;
}

interface Props {
  rows: ListRow[];
  loading: boolean;
  onOpen: (controlId: string) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Kept mounted (filters, scroll and the row to return focus to survive) while a detail is open. */
  hidden: boolean;
}

export function RecommendationList({ rows, loading, onOpen, headingRef, hidden }: Props) {
  const [filter, setFilter] = useState<RecommendationFilter>(defaultFilter);
  // Typing in the search box stays responsive with hundreds of rows: the list follows a beat later.
  const deferredFilter = useDeferredValue(filter);
  const counts = useMemo(() => countByStatus(rows), [rows]);
  const shown = useMemo(() => filterRecommendations(rows, deferredFilter), [rows, deferredFilter]);

  return (
    <section className="list-view" aria-labelledby="list-title" hidden={hidden}>
      <h1 id="list-title" ref={headingRef} tabIndex={-1}>
        Recommendations
      </h1>
      <Filters filter={filter} counts={counts} onChange={setFilter} />
      <p className="muted" role="status" aria-live="polite">
        {loading ? 'Loading…' : `Showing ${shown.length} of ${rows.length} recommendations`}
      </p>
      {!loading && shown.length === 0 && (
        <p className="empty">
          {rows.length === 0
            ? 'The last scan found no checks for this org.'
            : filter.status === 'attention' && counts.attention === 0
              ? 'Nothing needs attention: every check passed or does not apply.'
              : 'No recommendation matches these filters.'}
        </p>
      )}
      <ul className="recommendation-list">
        {shown.map((row) => (
          <RecommendationRowItem key={row.controlId} row={row} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One row. The button's accessible name is the control title alone; the rest of the row describes it.
 * The button stretches over the whole row (CSS), so a click anywhere opens the recommendation.
 */
const RecommendationRowItem = memo(function RecommendationRowItem({ row, onOpen }: { row: ListRow; onOpen: (controlId: string) => void }) {
  const id = rowElementId(row.controlId);
  return (
    <li className={`row status-${row.status}`}>
      <span id={`${id}-severity`} className={`severity ${row.severity}`}>
        {severityLabels[row.severity]}
      </span>
      <span className="row-main">
        <button type="button" id={id} className="row-button" aria-describedby={`${id}-severity ${id}-meta`} onClick={() => onOpen(row.controlId)}>
          {row.title}
        </button>
        <span id={`${id}-meta`} className={`row-status status-text ${row.status}`}>
          {statusLabels[row.status]}
          {row.pointsAtStake > 0 && <span className="visually-hidden">, {formatPoints(row.pointsAtStake)}</span>}
        </span>
      </span>
      <span className="points" aria-hidden="true">
        {row.pointsAtStake > 0 ? formatPoints(row.pointsAtStake) : ''}
      </span>
    </li>
  );
});
