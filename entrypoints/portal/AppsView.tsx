import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { appName, connectorOf } from '@/components/catalog';
import { db } from '@/components/db';
import { fileDate } from '@/components/export-files';
import { blastRadius, highPathsOf, nodeOf, type AccessAnalysis, type AccessGraph, type AccessNodeKind, type AppRating, type RatedApp } from '@/utils/access-graph';
import { accessOfSnapshot, columnKinds, columnTitles, layoutHighPaths, layoutMetrics } from '@/utils/access-view';
import { bidiSafe } from '@/utils/bidi';
import type { InstanceRecord } from '@/utils/db';
import { count } from '@/utils/evidence';
import { inventoryToCsv } from '@/utils/exports/apps-csv';
import { usePortalState } from './data';
import { download } from './download';
import type { Entry } from './model';
import { hrefFor, navigate } from './route';
import { EmptyState, NoInstances, Skeleton, StatusText, formatDate } from './ui';

const ratingLabels: Record<AppRating, string> = { high: 'High risk', medium: 'Medium risk', low: 'Low risk' };
const authorisationLabels: Record<RatedApp['authorization'], string> = {
  admin_approved: 'Admin-approved',
  self_authorised: 'Self-authorised',
  unknown: 'Unknown',
};
const kindNames: Record<AccessNodeKind, string> = { app: 'App', identity: 'Identity', privilege: 'Privilege', capability: 'Capability' };
const tableLimit = 200;
/** Longer names are cut in the table (whole in the button's title and the detail), so that one row stays one screen tall. */
const tableNameLength = 120;
const listLimit = 12;
const pathListApps = 50;
const pathListPaths = 5;

/** Every third-party app of one instance, rated, with the paths from the apps to high privileges. */
export function AppsView({ params }: { params: URLSearchParams }) {
  const { data } = usePortalState();
  const instances = useMemo(
    () => (data?.instances ?? []).filter((instance) => data?.goodScans.has(instance.key) && connectorOf(instance.app)?.accessInventory),
    [data],
  );
  const instanceKey = params.get('instance') ?? instances[0]?.key;
  const instance = instances.find((candidate) => candidate.key === instanceKey);
  const scan = instance ? data?.goodScans.get(instance.key) : undefined;
  const analysis = useAccessAnalysis(instance, scan?.id);
  const selectedId = params.get('app') ?? undefined;
  const select = (appId: string | undefined) => {
    const next = new URLSearchParams(params);
    if (instance) next.set('instance', instance.key);
    if (appId) next.set('app', appId);
    else next.delete('app');
    navigate('apps', next);
  };

  return (
    <section className="view apps-view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Third-party apps
      </h1>
      <p className="muted">
        The OAuth apps and integrations connected to each instance, rated with the reasons, and the paths from them to high privileges: an
        app acts as the identities that authorised it or are assigned to it, and those hold the privileges.
      </p>
      {!data ? (
        <Skeleton lines={4} height={40} />
      ) : data.instances.length === 0 ? (
        <NoInstances />
      ) : instances.length === 0 ? (
        <EmptyState>
          <p>
            <strong>No scan has an app inventory yet.</strong>
          </p>
          <p>Scan an instance from the Instances view or the toolbar popup: its third-party apps appear here.</p>
        </EmptyState>
      ) : (
        <>
          <InstancePicker instances={instances} value={instance?.key} onChange={(key) => navigate('apps', { instance: key })} />
          {!instance ? (
            <p role="alert">That instance has no scan with an app inventory: choose one above.</p>
          ) : analysis === undefined ? (
            <Skeleton lines={6} height={32} />
          ) : analysis === 'no-snapshot' ? (
            <EmptyState>
              <p>
                <strong>The raw data of this instance’s latest scan is no longer stored.</strong>
              </p>
              <p>Scan {bidiSafe(instance.name)} again to see its apps.</p>
            </EmptyState>
          ) : (
            <InstanceApps analysis={analysis} instance={instance} selectedId={selectedId} onSelect={select} />
          )}
        </>
      )}
    </section>
  );
}

function useAccessAnalysis(instance: InstanceRecord | undefined, scanId: string | undefined): AccessAnalysis | 'no-snapshot' | undefined {
  const record = useLiveQuery(async () => (scanId ? ((await db.snapshots.get(scanId)) ?? null) : undefined), [scanId]);
  return useMemo(() => {
    if (record === undefined || !instance) return undefined;
    if (record === null || record.scanId !== scanId) return record === null ? 'no-snapshot' : undefined;
    const connector = connectorOf(instance.app);
    return connector ? accessOfSnapshot(connector, record.snapshot) : undefined;
  }, [record, instance, scanId]);
}

function InstancePicker({ instances, value, onChange }: { instances: InstanceRecord[]; value?: string; onChange(key: string): void }) {
  return (
    <label className="field apps-instance">
      Instance{' '}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="apps-instance">
        {instances.map((instance) => (
          <option key={instance.key} value={instance.key}>
            {appName(instance.app)} · {bidiSafe(instance.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

function InstanceApps({
  analysis,
  instance,
  selectedId,
  onSelect,
}: {
  analysis: AccessAnalysis;
  instance: InstanceRecord;
  selectedId?: string;
  onSelect(appId: string | undefined): void;
}) {
  const selected = analysis.apps.find((app) => app.id === selectedId);
  const high = analysis.apps.filter((app) => app.rating === 'high').length;
  const reaching = analysis.apps.filter((app) => app.highPaths > 0).length;
  return (
    <>
      <p className="apps-summary" data-testid="apps-summary">
        {count(analysis.apps.length, 'app')} · {high} rated high risk · {count(reaching, 'app')} with {count(analysis.highPathCount, 'path')} to
        high privilege{' '}
        <button
          type="button"
          data-testid="apps-export"
          onClick={() =>
            download(`posture-lens-apps-${instance.host}-${fileDate(new Date())}.csv`, 'text/csv', inventoryToCsv({ app: instance.app, host: instance.host, name: instance.name }, analysis))
          }
        >
          Export inventory (CSV)
        </button>
      </p>
      {analysis.gaps.length > 0 && (
        <div className="banner warning" role="status" data-testid="apps-gaps">
          <strong>Part of the inventory could not be read.</strong>
          <ul>
            {analysis.gaps.map((gap) => (
              <li key={gap}>{bidiSafe(gap)}</li>
            ))}
          </ul>
        </div>
      )}
      <ChokePoints analysis={analysis} />
      <AttackGraph graph={analysis.graph} selectedId={selected?.id} onSelect={onSelect} />
      <PathList analysis={analysis} onSelect={onSelect} />
      <div className="apps-layout">
        <AppTable apps={analysis.apps} selectedId={selected?.id} onSelect={onSelect} />
        {selected && <AppDetail app={selected} graph={analysis.graph} instance={instance} onClose={() => onSelect(undefined)} />}
      </div>
    </>
  );
}

function ChokePoints({ analysis }: { analysis: AccessAnalysis }) {
  return (
    <section className="apps-section" aria-labelledby="choke-points">
      <h2 id="choke-points">Choke points</h2>
      {analysis.chokePoints.length === 0 ? (
        <p className="muted">No app reaches a high privilege: there is no choke point.</p>
      ) : (
        <>
          <p className="muted">The apps, identities and privileges most paths to high privilege go through: fixing one cuts them all.</p>
          <ol className="choke-points" data-testid="choke-points">
            {analysis.chokePoints.map((point) => (
              <li key={point.id}>
                <span className="node-kind">{kindNames[point.kind]}</span> <bdi>{bidiSafe(point.label)}</bdi>{' '}
                <span className="muted">
                  — on {count(point.paths, 'path')} ({Math.round(point.share * 100)}%)
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function AttackGraph({ graph, selectedId, onSelect }: { graph: AccessGraph; selectedId?: string; onSelect(appId: string): void }) {
  const layout = useMemo(() => layoutHighPaths(graph, selectedId), [graph, selectedId]);
  const viewport = useRef<SVGGElement>(null);
  const transform = useRef({ x: 0, y: 0, scale: 1 });
  const frame = useRef(0);
  // `unit`: graph units per screen pixel (the drawing is scaled to the width of the page).
  const drag = useRef<{ x: number; y: number; originX: number; originY: number; unit: number } | undefined>(undefined);
  // Panning writes the transform straight to the group, once a frame: React does not re-render the graph.
  const apply = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const { x, y, scale } = transform.current;
      viewport.current?.setAttribute('transform', `translate(${x} ${y}) scale(${scale})`);
    });
  };
  const moveBy = (dx: number, dy: number) => {
    transform.current = { ...transform.current, x: transform.current.x + dx, y: transform.current.y + dy };
    apply();
  };
  const zoomBy = (factor: number) => {
    transform.current = { ...transform.current, scale: Math.min(3, Math.max(0.3, transform.current.scale * factor)) };
    apply();
  };
  const reset = () => {
    transform.current = { x: 0, y: 0, scale: 1 };
    apply();
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const { nodeWidth, nodeHeight } = layoutMetrics;
  const hiddenTotal = columnKinds.reduce((sum, kind) => sum + layout.hidden[kind], 0);

  return (
    <section className="apps-section" aria-labelledby="attack-graph">
      <h2 id="attack-graph">Attack paths</h2>
      {layout.nodes.length === 0 ? (
        <p className="muted">No path leads from an app to a high privilege.</p>
      ) : (
        <>
          <div className="graph-tools" role="toolbar" aria-label="Graph view">
            <button type="button" onClick={() => zoomBy(1.25)}>Zoom in</button>
            <button type="button" onClick={() => zoomBy(0.8)}>Zoom out</button>
            <button type="button" onClick={() => moveBy(120, 0)} aria-label="Pan left">←</button>
            <button type="button" onClick={() => moveBy(-120, 0)} aria-label="Pan right">→</button>
            <button type="button" onClick={() => moveBy(0, 120)} aria-label="Pan up">↑</button>
            <button type="button" onClick={() => moveBy(0, -120)} aria-label="Pan down">↓</button>
            <button type="button" onClick={reset}>Reset view</button>
            <span className="muted">Drag to pan, scroll with Ctrl to zoom. Choose an app to follow its paths; the list below the graph says the same.</span>
          </div>
          <svg
            className="attack-graph"
            data-testid="attack-graph"
            role="img"
            aria-label={`Paths from apps to high privileges: ${layout.nodes.length} nodes shown; the list that follows names every path`}
            viewBox={`0 0 ${layout.width} ${Math.min(layout.height, 720)}`}
            onPointerDown={(event) => {
              const width = event.currentTarget.getBoundingClientRect().width;
              drag.current = {
                x: event.clientX,
                y: event.clientY,
                originX: transform.current.x,
                originY: transform.current.y,
                unit: width > 0 ? layout.width / width : 1,
              };
              (event.currentTarget as SVGSVGElement).setPointerCapture(event.pointerId);
            }}
            onPointerMove={(event) => {
              if (!drag.current) return;
              transform.current = {
                ...transform.current,
                x: drag.current.originX + (event.clientX - drag.current.x) * drag.current.unit,
                y: drag.current.originY + (event.clientY - drag.current.y) * drag.current.unit,
              };
              apply();
            }}
            onPointerUp={() => (drag.current = undefined)}
            onPointerCancel={() => (drag.current = undefined)}
            onWheel={(event) => {
              if (event.ctrlKey) zoomBy(event.deltaY < 0 ? 1.1 : 0.9);
            }}
          >
            {columnKinds.map((kind, column) => (
              <text key={kind} className="graph-column" x={layoutMetrics.left + column * layoutMetrics.columnWidth} y={20}>
                {columnTitles[kind]}
                {layout.hidden[kind] > 0 ? ` (+${layout.hidden[kind]} not drawn)` : ''}
              </text>
            ))}
            <g ref={viewport} data-testid="graph-viewport">
              {layout.edges.map((edge) => (
                <path
                  key={`${edge.from}>${edge.to}`}
                  className={edge.highlighted ? 'graph-edge on' : 'graph-edge'}
                  d={`M${edge.x1},${edge.y1} C${edge.x1 + 30},${edge.y1} ${edge.x2 - 30},${edge.y2} ${edge.x2},${edge.y2}`}
                />
              ))}
              {layout.nodes.map((node) => (
                <g
                  key={node.id}
                  className={`graph-node ${node.kind}${node.high ? ' high' : ''}${node.highlighted ? ' on' : ''}${node.id === selectedId ? ' selected' : ''}`}
                  transform={`translate(${node.x} ${node.y})`}
                  data-node={node.id}
                  onClick={node.kind === 'app' ? () => onSelect(node.id) : undefined}
                >
                  <title>{bidiSafe(node.label)}</title>
                  <rect width={nodeWidth} height={nodeHeight} rx={4} />
                  <text x={8} y={16}>
                    {shorten(bidiSafe(node.label), 30)}
                  </text>
                </g>
              ))}
            </g>
          </svg>
          {hiddenTotal > 0 && (
            <p className="muted">
              The busiest {count(layout.nodes.length, 'node')} are drawn; {hiddenTotal} more on these paths are in the table and the lists.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** The graph as text, for keyboard and screen-reader users: every app that reaches a high privilege, riskiest first, with its paths. */
function PathList({ analysis, onSelect }: { analysis: AccessAnalysis; onSelect(appId: string): void }) {
  // Computed once per analysis, not again each time an app is selected.
  const reaching = useMemo(
    () => analysis.apps.filter((app) => app.highPaths > 0).map((app, rank) => ({ app, paths: rank < pathListApps ? highPathsOf(analysis.graph, app.id, pathListPaths) : [] })),
    [analysis],
  );
  const label = (id: string) => bidiSafe(nodeOf(analysis.graph, id)?.label ?? id);
  if (reaching.length === 0) return null;
  return (
    <details className="apps-section path-list" data-testid="path-list">
      <summary>
        The paths as a list: {count(reaching.length, 'app')}, {count(analysis.highPathCount, 'path')}
      </summary>
      <p className="muted">
        Riskiest app first, up to {pathListPaths} paths each{reaching.length > pathListApps ? `, the ${pathListApps} riskiest apps` : ''}. Choose an app for all of
        its paths, its blast radius and the fix.
      </p>
      <ul>
        {reaching.slice(0, pathListApps).map(({ app, paths }) => {
          return (
            <li key={app.id} data-app={app.id}>
              <button type="button" className="link-button app-name" onClick={() => onSelect(app.id)}>
                <bdi>{bidiSafe(app.name)}</bdi>
              </button>{' '}
              <span className="muted">
                — {ratingLabels[app.rating]}, {count(app.highPaths, 'path')}
              </span>
              <ol className="paths">
                {paths.map((path) => (
                  <li key={path.join('>')}>{path.map(label).join(' → ')}</li>
                ))}
              </ol>
              {app.highPaths > paths.length && <p className="muted">…and {app.highPaths - paths.length} more: choose the app to see them.</p>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function AppTable({ apps, selectedId, onSelect }: { apps: RatedApp[]; selectedId?: string; onSelect(appId: string): void }) {
  const [rating, setRating] = useState<AppRating | 'all'>('all');
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = apps.filter(
    (app) => (rating === 'all' || app.rating === rating) && (!needle || `${app.name} ${app.publisher ?? ''} ${app.kind}`.toLowerCase().includes(needle)),
  );
  return (
    <section className="apps-section apps-table" aria-labelledby="apps-inventory">
      <h2 id="apps-inventory">Inventory</h2>
      <div className="filters">
        <label className="field">
          Risk{' '}
          <select value={rating} onChange={(event) => setRating(event.target.value as AppRating | 'all')}>
            <option value="all">All</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </label>
        <label className="field">
          Search <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="App, publisher or kind" />
        </label>
      </div>
      <p className="muted" role="status" aria-live="polite">
        {shown.length > tableLimit ? `Showing the ${tableLimit} riskiest of ${shown.length} apps: search to narrow.` : `Showing ${shown.length} of ${apps.length} apps`}
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="apps-table">
          <caption className="visually-hidden">Third-party apps, riskiest first</caption>
          <thead>
            <tr>
              <th scope="col">App and publisher</th>
              <th scope="col">Risk</th>
              <th scope="col">Scopes</th>
              <th scope="col">Last used</th>
              <th scope="col">Paths to high privilege</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, tableLimit).map((app) => (
              <tr key={app.id} aria-selected={app.id === selectedId} data-app={app.id}>
                <th scope="row">
                  <button type="button" className="link-button app-name" onClick={() => onSelect(app.id)} title={app.name.length > tableNameLength ? bidiSafe(app.name) : undefined}>
                    <bdi>{shorten(bidiSafe(app.name), tableNameLength)}</bdi>
                  </button>
                  <div className="muted">{app.kind}</div>
                  <div className="app-publisher">
                    {app.publisher ? <bdi>{bidiSafe(app.publisher)}</bdi> : 'Publisher not known'} <span className="muted">({app.reputation})</span>
                  </div>
                </th>
                <td>
                  <span className={`rating ${app.rating}`}>{ratingLabels[app.rating]}</span>
                  <div className="muted">{authorisationLabels[app.authorization]}</div>
                </td>
                <td className="scopes">{app.scopes === null ? 'Not read' : app.scopes.length === 0 ? 'None' : shorten(app.scopes.join(', '), 60)}</td>
                <td>
                  {app.lastUsed === null ? 'Unknown' : app.lastUsed === 'never' ? 'Never' : formatDate(app.lastUsed)}
                  <div className="muted">{app.liveTokens === null ? 'live tokens unknown' : count(app.liveTokens, 'live token')}</div>
                </td>
                <td>{app.highPaths}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AppDetail({ app, graph, instance, onClose }: { app: RatedApp; graph: AccessGraph; instance: InstanceRecord; onClose(): void }) {
  const radius = useMemo(() => blastRadius(graph, app.id), [graph, app.id]);
  const paths = useMemo(() => highPathsOf(graph, app.id, 20), [graph, app.id]);
  const label = (id: string) => bidiSafe(nodeOf(graph, id)?.label ?? id);
  return (
    <aside className="apps-detail" aria-labelledby="app-detail-title" data-testid="app-detail">
      <div className="view-head">
        <h2 id="app-detail-title">
          <bdi>{bidiSafe(app.name)}</bdi>
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        <span className={`rating ${app.rating}`}>{ratingLabels[app.rating]}</span> <span className="muted">{app.kind}</span>
      </p>
      {app.reasons.length > 0 && (
        <>
          <h3>Why</h3>
          <ul data-testid="app-reasons">
            {app.reasons.map((reason) => (
              <li key={reason}>{bidiSafe(reason)}</li>
            ))}
          </ul>
        </>
      )}
      {app.facts.length > 0 && (
        <dl className="facts">
          {app.facts.map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{bidiSafe(fact.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Blast radius</h3>
      <p data-testid="blast-radius">
        Acts as {count(radius.identities.length, 'identity', 'identities')}, who hold {count(radius.privileges.length, 'privilege')} granting{' '}
        {count(radius.capabilities.length, 'capability', 'capabilities')}
        {radius.highCapabilities.length > 0 ? `, ${radius.highCapabilities.length} of them high: ${radius.highCapabilities.map((node) => bidiSafe(node.label)).join(', ')}` : ''}.
      </p>
      <NodeList title="Identities" names={radius.identities.map((node) => node.label)} />
      <NodeList title="Privileges" names={radius.privileges.map((node) => node.label)} />
      <h3>Paths to high privilege</h3>
      {paths.length === 0 ? (
        <p className="muted">None: no identity it acts as holds a high privilege.</p>
      ) : (
        <>
          <ol className="paths" data-testid="app-paths">
            {paths.map((path) => (
              <li key={path.join('>')}>{path.map(label).join(' → ')}</li>
            ))}
          </ol>
          {app.highPaths > paths.length && <p className="muted">…and {app.highPaths - paths.length} more.</p>}
        </>
      )}
      <Fixes app={app} instance={instance} />
    </aside>
  );
}

function NodeList({ title, names }: { title: string; names: string[] }) {
  if (names.length === 0) return null;
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  return (
    <p>
      <strong>{title}:</strong> {sorted.slice(0, listLimit).map(bidiSafe).join(', ')}
      {sorted.length > listLimit ? `, and ${sorted.length - listLimit} more` : ''}
    </p>
  );
}

/** The failing third-party checks that name the app, then the instance's other ones: each opens its recommendation, with its walkthrough. */
function Fixes({ app, instance }: { app: RatedApp; instance: InstanceRecord }) {
  const { details } = usePortalState();
  const entries = [...(details?.entries.values() ?? [])].filter(
    (entry) =>
      entry.instance.key === instance.key &&
      entry.control?.metric === 'third-party-apps' &&
      (entry.finding.status === 'non_compliant' || entry.finding.status === 'partial'),
  );
  const names = (entry: Entry) => entry.finding.verdict.affected.some((entity) => entity.name === app.name || app.id === entity.id || app.id.endsWith(`:${entity.id}`));
  const naming = entries.filter(names);
  const others = entries.filter((entry) => !names(entry));
  return (
    <>
      <h3>Fix it</h3>
      {!details ? (
        <p className="muted">Reading the recommendations…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No third-party check of this instance fails.</p>
      ) : (
        <ul className="fixes" data-testid="app-fixes">
          {[...naming, ...others].map((entry) => (
            <li key={entry.row.key}>
              <a href={hrefFor('recommendations', { instance: instance.key, status: 'all', selected: entry.row.key })}>{entry.control?.title ?? entry.row.controlId}</a>{' '}
              <StatusText status={entry.finding.status} />
              {names(entry) ? <span className="muted"> — names this app</span> : null}
              {entry.control && <div className="muted">{entry.control.remediation.summary} Open it for the steps and the walkthrough in the side panel.</div>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function shorten(text: string, length: number) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
