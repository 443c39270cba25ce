import { Suspense, lazy, useEffect, useMemo, useRef } from 'react';
import { PortalStateContext, useLatest, useNow, usePortalData, usePortalFindings } from './data';
import { ExceptionsView } from './ExceptionsView';
import { ExportsView } from './ExportsView';
import { HistoryView } from './HistoryView';
import { InitiativesView } from './InitiativesView';
import { InitiativeView } from './InitiativeView';
import { InstancesView } from './InstancesView';
import { buildDetails, buildModel, type PortalModel } from './model';
import { RecommendationsView } from './RecommendationsView';
import { hrefFor, useRoute, views, type Route } from './route';
import { Skeleton } from './ui';

// The apps view and its graph code load when first opened: the first view does not wait for them.
const AppsView = lazy(() => import('./AppsView').then((module) => ({ default: module.AppsView })));

export function Portal() {
  const route = useRoute();
  const data = usePortalData();
  const now = useNow();
  const model = useMemo(() => {
    if (!data) return undefined;
    const built = buildModel(data, now);
    // Marks for the budgets ("first view within 300 ms"): read them with performance.getEntriesByType('mark').
    performance.mark('portal:model-built');
    return built;
  }, [data, now]);
  const findings = usePortalFindings(data);
  const details = useMemo(() => (model && data && findings ? buildDetails(model, data, findings, now) : undefined), [model, data, findings, now]);
  // While the evidence of a new scan is read, the rows shown stay until it replaces them.
  const shownDetails = useLatest(details);
  const state = useMemo(() => ({ data, model, details: shownDetails, now }), [data, model, shownDetails, now]);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A new view takes the focus to its heading, as a page load would (not on the first render).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.view]);

  useEffect(() => {
    const view = views.find((candidate) => candidate.id === route.view);
    document.title = `${view?.title ?? 'Portal'} · Posture Lens — portal`;
  }, [route.view]);

  return (
    <PortalStateContext.Provider value={state}>
        <div className="portal">
          <Header model={model} targetScore={data?.settings.targetScore ?? null} loading={!data} />
          <nav className="portal-nav" aria-label="Portal">
            <ul>
              {views.map((view) => (
                <li key={view.id}>
                  <a href={hrefFor(view.id)} aria-current={route.view === view.id ? 'page' : undefined}>
                    {view.short}
                    {view.id === 'exceptions' && data && data.exceptions.length > 0 && (
                      <span className="nav-count" aria-label={`, ${data.exceptions.length} recorded`}>
                        {data.exceptions.length}
                      </span>
                    )}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main className="portal-main" ref={main} aria-busy={!data}>
            <View route={route} />
          </main>
        </div>
    </PortalStateContext.Provider>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'initiative':
      return <InitiativeView />;
    case 'initiatives':
      return <InitiativesView params={route.params} />;
    case 'recommendations':
      return <RecommendationsView params={route.params} />;
    case 'instances':
      return <InstancesView />;
    case 'apps':
      return (
        <Suspense fallback={<Skeleton lines={6} height={32} />}>
          <AppsView params={route.params} />
        </Suspense>
      );
    case 'exceptions':
      return <ExceptionsView params={route.params} />;
    case 'history':
      return <HistoryView params={route.params} />;
    case 'exports':
      return <ExportsView />;
  }
}

function Header({ model, targetScore, loading }: { model?: PortalModel; targetScore: number | null; loading: boolean }) {
  const score = model?.initiative.score ?? null;
  return (
    <header className="portal-header">
      <a className="brand" href={hrefFor('initiative')}>
        Posture Lens <span className="muted">portal</span>
      </a>
      <dl className="header-scores">
        <div>
          <dt>Initiative score</dt>
          <dd data-testid="initiative-score" aria-busy={loading}>
            {/* One decimal: an exception or a fix moves the initiative by fractions of a point. */}
            {loading ? <span className="skeleton-text">—</span> : score === null ? '—' : `${score.toFixed(1)}%`}
          </dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd data-testid="header-target">{targetScore === null ? 'None set' : `${targetScore}%`}</dd>
        </div>
      </dl>
    </header>
  );
}
