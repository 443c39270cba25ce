import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { visibleRange, type PortalRecommendation, type SortKey, type SortOrder } from '@/components/recommendation-filters';
import { severityLabels, statusLabels } from '@/components/recommendations';
import { bidiSafe } from '@/utils/bidi';

/** Fixed row height: the virtual list computes positions from it, so it must match `.vt-row` in portal.css. */
export const rowHeight = 56;

interface Props {
  rows: PortalRecommendation[];
  loading: boolean;
  sort: SortOrder;
  onSort: (key: SortKey) => void;
  selected?: string;
  onSelect: (key: string) => void;
  /** Changes when the filter or sort changes: the table then goes back to its first row. */
  resetKey: string;
}

const columns: Array<{ key: SortKey; label: string; className: string }> = [
  { key: 'title', label: 'Recommendation', className: 'col-title' },
  { key: 'instance', label: 'Instance', className: 'col-instance' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'severity', label: 'Severity', className: 'col-severity' },
  { key: 'impact', label: 'Impact', className: 'col-number' },
  { key: 'points', label: 'Points', className: 'col-number' },
];

/**
 * The recommendation table, virtualised: only the rows in view (plus a few) are in the DOM, spacer rows
 * keep the scroll height, and `aria-rowcount`/`aria-rowindex` tell assistive technology the full size.
 * One tab stop: arrow keys, Page Up/Down, Home and End move between rows; Enter opens the detail.
 */
export function RecommendationTable({ rows, loading, sort, onSort, selected, onSelect, resetKey }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || 600);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new filter or sort starts at the top, with the first row as the tab stop (a data update does not move).
  useEffect(() => {
    setActive(0);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const headerHeight = 44;
  const { start, end } = visibleRange(scrollTop, viewport - headerHeight, rowHeight, rows.length);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  const moveTo = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(rows.length - 1, index));
      const element = scroller.current;
      if (element) {
        const top = target * rowHeight;
        const visible = element.clientHeight - headerHeight;
        if (top < element.scrollTop) element.scrollTop = top;
        else if (top + rowHeight > element.scrollTop + visible) element.scrollTop = top + rowHeight - visible;
        setScrollTop(element.scrollTop);
      }
      focusPending.current = true;
      setActive(target);
    },
    [rows.length, headerHeight],
  );

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLButtonElement>(`button[data-index="${activeIndex}"]`)?.focus();
  });

  const onKeyDown = (event: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((viewport - headerHeight) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (!(event.key in moves) || rows.length === 0) return;
    event.preventDefault();
    moveTo(moves[event.key]!);
  };

  const visible = rows.slice(start, end);
  // The table stays one tab stop even when the active row has scrolled out of the rendered range.
  const tabStop = activeIndex >= start && activeIndex < end ? activeIndex : start;
  return (
    <div
      className="vt-scroll"
      ref={scroller}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      data-testid="recommendation-table"
    >
      <table className="vt" aria-rowcount={rows.length + 1} aria-busy={loading}>
        <caption className="visually-hidden">
          Recommendations of every connected instance, sorted by {columns.find((column) => column.key === sort.key)?.label.toLowerCase()}{' '}
          {sort.direction}. Use the arrow keys to move between rows and Enter to open one.
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.className}
                aria-sort={sort.key === column.key ? sort.direction : undefined}
              >
                <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                  {column.label}
                  <span className="sort-indicator" aria-hidden="true">
                    {sort.key === column.key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {start > 0 && (
            <tr className="vt-spacer" aria-hidden="true" style={{ height: start * rowHeight }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {loading &&
            Array.from({ length: 8 }, (_, index) => (
              <tr key={`skeleton-${index}`} className="vt-row skeleton-row" aria-hidden="true">
                <td colSpan={columns.length}>
                  <div className="skeleton-line" />
                </td>
              </tr>
            ))}
          {visible.map((row, offset) => {
            const index = start + offset;
            return (
              <Row
                key={row.key}
                row={row}
                index={index}
                tabStop={index === tabStop}
                selected={row.key === selected}
                onSelect={onSelect}
                onFocusRow={setActive}
              />
            );
          })}
          {end < rows.length && (
            <tr className="vt-spacer" aria-hidden="true" style={{ height: (rows.length - end) * rowHeight }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Under the status: an exception, one for only some affected entities, or one that lapsed. */
function ExceptionNote({ row }: { row: PortalRecommendation }) {
  const partial = row.exception === 'active' ? row.partialException : undefined;
  return (
    <span
      className={`row-sub exception-state ${row.exception}`}
      title={partial ? `An exception covers ${partial.excepted} of ${partial.affected} affected entities; the others still count.` : undefined}
    >
      {row.exception === 'lapsed' ? 'Exception lapsed' : partial ? `${partial.excepted} of ${partial.affected} excepted` : 'Exception'}
    </span>
  );
}

const Row = memo(function Row({
  row,
  index,
  tabStop,
  selected,
  onSelect,
  onFocusRow,
}: {
  row: PortalRecommendation;
  index: number;
  tabStop: boolean;
  selected: boolean;
  onSelect: (key: string) => void;
  onFocusRow: (index: number) => void;
}) {
  return (
    <tr
      className={`vt-row${selected ? ' selected' : ''}${row.included ? '' : ' excluded'}`}
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      data-testid="recommendation-row"
      data-key={row.key}
    >
      <td className="col-title">
        <button
          type="button"
          className="row-button"
          tabIndex={tabStop ? 0 : -1}
          data-index={index}
          onFocus={() => onFocusRow(index)}
          onClick={() => onSelect(row.key)}
        >
          <span className="row-title" title={row.title}>
            {row.title}
          </span>
          <span className="row-sub">{row.controlId}</span>
        </button>
      </td>
      <td className="col-instance">
        <span className="cell-clip" title={bidiSafe(row.instanceName)}>
          {bidiSafe(row.instanceName)}
        </span>
        <span className="row-sub" title={row.included ? undefined : `${row.appName} · not in score`}>
          {row.appName}
          {row.included ? '' : ' · not in score'}
        </span>
      </td>
      <td className="col-status">
        <span className={`status-text ${row.status}`}>{statusLabels[row.status]}</span>
        {row.exception !== 'none' && <ExceptionNote row={row} />}
      </td>
      <td className="col-severity">
        <span className={`severity ${row.severity}`}>{severityLabels[row.severity]}</span>
      </td>
      <td className="col-number">{row.impact > 0 ? `+${row.impact.toFixed(row.impact < 1 ? 2 : 1)}` : '—'}</td>
      <td className="col-number">{row.points > 0 ? `+${Math.round(row.points * 10) / 10}` : '—'}</td>
    </tr>
  );
});
