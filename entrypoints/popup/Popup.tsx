import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { db } from '@/components/db';
import { errorTitles, gradeOf, oneOf, timeAgo } from '@/components/format';
import { openPortal } from '@/components/open-portal';
import type { ScanRecord } from '@/utils/db';
import type { ScanErrorInfo } from '@/utils/errors';
import { scanHighlights, type ScanHighlights } from '@/utils/highlights';
import { sendRequest, type TabContext } from '@/utils/messaging';
import { bidiSafe } from '@/utils/bidi';

/** The popup may be opened for a given tab (`?tabId=`), e.g. from the portal; otherwise the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function ErrorBanner({ error }: { error: ScanErrorInfo }) {
  return (
    <div className="banner error" role="alert">
      <strong>{errorTitles[error.kind]}</strong>
      {bidiSafe(error.message)}
    </div>
  );
}

export function Popup() {
  const [tabId, setTabId] = useState<number>();
  const [context, setContext] = useState<TabContext>();
  const [failure, setFailure] = useState<ScanErrorInfo>();

  const refresh = useCallback(async (id: number) => {
    try {
      setContext(await sendRequest(browser.runtime, { type: 'tab/context', tabId: id }));
    } catch (error) {
      setFailure({ kind: 'network', message: `The extension's background did not answer (${String(error)}). Reopen the popup.` });
    }
  }, []);

  useEffect(() => {
    void targetTabId().then((id) => {
      setTabId(id);
      if (id === undefined) setContext({ kind: 'unsupported', apps: [] });
      else void refresh(id);
    });
  }, [refresh]);

  return (
    <main className="popup" aria-busy={!context}>
      <header>
        <span className="brand">Posture Lens</span>
        {context?.kind === 'app' && <span className="muted">{context.appName}</span>}
        <button type="button" className="open-portal" style={{ fontSize: 12, padding: '2px 8px', marginLeft: 'auto' }} onClick={() => openPortal()} data-testid="open-portal">
          Open portal
        </button>
      </header>
      {failure && <ErrorBanner error={failure} />}
      {!context && !failure && <p className="muted">Loading…</p>}
      {context?.kind === 'unsupported' && context.customDomain && tabId !== undefined && (
        <CustomDomainOffer offer={context.customDomain} tabId={tabId} onAllowed={() => refresh(tabId)} />
      )}
      {context?.kind === 'unsupported' && <InstanceList intro="This tab is not a supported admin console." apps={context.apps} />}
      {context?.kind === 'app' && tabId !== undefined && (
        <AppTab context={context} tabId={tabId} onChange={() => refresh(tabId)} />
      )}
    </main>
  );
}

type CustomDomain = NonNullable<Extract<TabContext, { kind: 'unsupported' }>['customDomain']>;

/** An instance on the customer's own domain: the browser asks the admin to allow this one origin. */
function CustomDomainOffer({ offer, tabId, onAllowed }: { offer: CustomDomain; tabId: number; onAllowed: () => void }) {
  const [error, setError] = useState<ScanErrorInfo>();
  const host = new URL(offer.origin).host;
  const allow = async (app: string) => {
    setError(undefined);
    // Asked first, within the click: browsers only show the permission prompt during the user's gesture.
    const granted = await browser.permissions.request({ origins: [`${offer.origin}/*`] }).catch(() => false);
    if (!granted) {
      setError({ kind: 'forbidden', message: `Posture Lens was not allowed on ${host}. Nothing was changed.` });
      return;
    }
    const result = await sendRequest(browser.runtime, { type: 'instance/allow-domain', tabId, app });
    if (result.ok) onAllowed();
    else setError(result.error);
  };
  return (
    <section aria-labelledby="custom-domain-title">
      <h2 id="custom-domain-title">On your own domain?</h2>
      {error && <ErrorBanner error={error} />}
      {offer.apps.map((app) => (
        <div key={app.id}>
          <p className="muted">
            If {host} is {app.description}, allow Posture Lens on this one site. The browser asks you to confirm; Posture Lens then reads
            it only with your session, as on {app.name}'s own domains.
          </p>
          <button className="primary" onClick={() => void allow(app.id)}>
            Allow on {host} as {app.name}
          </button>
        </div>
      ))}
    </section>
  );
}

function AppTab({ context, tabId, onChange }: { context: Extract<TabContext, { kind: 'app' }>; tabId: number; onChange: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ScanErrorInfo>();

  if (!context.isAdminPage) {
    return (
      <>
        <div className="banner" role="status">
          <strong>Not a {context.appName} admin page</strong>
          Open the {context.appName} admin pages in this tab to connect and scan this instance.
        </div>
        <InstanceList apps={context.apps} />
      </>
    );
  }
  if (!context.signedIn) {
    return (
      <>
        <ErrorBanner error={context.error ?? { kind: 'not_signed_in', message: 'Sign in and reload the page.' }} />
        <InstanceList apps={context.apps} />
      </>
    );
  }

  const connect = async () => {
    setBusy(true);
    setError(undefined);
    const result = await sendRequest(browser.runtime, { type: 'instance/connect', tabId });
    setBusy(false);
    if (result.ok) onChange();
    else setError(result.error);
  };

  if (!context.connected || !context.instanceKey) {
    return (
      <section aria-labelledby="connect-title">
        <p className="instance-name" id="connect-title">
          {bidiSafe(context.displayName)}
        </p>
        <p className="muted">
          Connect lets Posture Lens read this org's security settings with your current session. Nothing is changed in the org
          and nothing leaves your browser.
        </p>
        {error && <ErrorBanner error={error} />}
        <button className="primary" onClick={connect} disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </section>
    );
  }
  return <InstanceView instanceKey={context.instanceKey} tabId={tabId} />;
}

function InstanceView({ instanceKey, tabId }: { instanceKey: string; tabId: number }) {
  const [error, setError] = useState<ScanErrorInfo>();
  const instance = useLiveQuery(() => db.instances.get(instanceKey), [instanceKey]);
  const lastScan = useLiveQuery(() => (instance?.lastScanId ? db.scans.get(instance.lastScanId) : undefined), [instance?.lastScanId]);
  const goodScan = useLiveQuery(
    () => (instance?.lastGoodScanId ? db.scans.get(instance.lastGoodScanId) : undefined),
    [instance?.lastGoodScanId],
  );
  const highlights = useHighlights(goodScan);

  if (!instance) return <p className="muted">Loading…</p>;
  const running = lastScan?.status === 'running';
  const scanNow = async () => {
    setError(undefined);
    const result = await sendRequest(browser.runtime, { type: 'scan/start', tabId });
    if (!result.ok) setError(result.error);
  };
  const score = goodScan?.score;
  const percentDone = running && lastScan ? Math.round((lastScan.progress.done / Math.max(1, lastScan.progress.total)) * 100) : 0;

  return (
    <>
      <section aria-label="Instance">
        <p className="instance-name">{bidiSafe(instance.name)}</p>
        <p className="muted">
          {instance.host}
          {goodScan?.finishedAt && <> · Last scanned {timeAgo(goodScan.finishedAt)}</>}
        </p>
      </section>
      {error && <ErrorBanner error={error} />}
      {lastScan?.status === 'failed' && lastScan.error && (
        <ErrorBanner error={{ ...lastScan.error, message: `The last scan failed. ${lastScan.error.message}` }} />
      )}
      {goodScan?.status === 'partial' && goodScan.sourceErrors && goodScan.sourceErrors.length > 0 && (
        <div className="banner" role="status">
          <strong>Some checks could not run</strong>
          {goodScan.sourceErrors.length} of the org's data sources could not be read; their checks show as errors. First:{' '}
          {bidiSafe(goodScan.sourceErrors[0]!.message)}
        </div>
      )}
      {running && (
        <div role="status" aria-live="polite">
          <div className="progress" aria-hidden="true">
            <div style={{ width: `${percentDone}%` }} />
          </div>
          <p className="muted">
            Scanning: {lastScan.progress.label} ({lastScan.progress.done}/{lastScan.progress.total})
          </p>
        </div>
      )}
      {score && score.percent !== null ? (
        <section className="score-row" aria-label="Score">
          <div className="score" data-testid="score">
            {Math.round(score.percent)}
            <small>%</small>
            <div className="muted">{gradeOf(score.percent)}</div>
          </div>
          <dl className="counts">
            <dt>Non-compliant</dt>
            <dd data-testid="count-non-compliant">{score.counts.non_compliant}</dd>
            <dt>Partial</dt>
            <dd>{score.counts.partial}</dd>
            <dt>Compliant</dt>
            <dd data-testid="count-compliant">{score.counts.compliant}</dd>
            <dt>Not checked (errors)</dt>
            <dd>{score.counts.error + score.counts.unknown}</dd>
          </dl>
        </section>
      ) : (
        !running && <p className="muted">Not scanned yet. Scan now to see this org's score.</p>
      )}
      {score && score.percent !== null &&
        highlights?.baselines.map((baseline) => (
          <p key={baseline.id} className="baseline-score" data-testid={`baseline-${baseline.id}`} title={baseline.formula}>
            {baseline.title}: <strong>{baseline.percent === null ? '—' : `${baseline.percent}%`}</strong>
            <span className="muted">
              {' '}
              ({baseline.decided} of {baseline.total} settings decided; {baseline.formula})
            </span>
          </p>
        ))}
      <button className="primary" onClick={scanNow} disabled={running}>
        {running ? 'Scanning…' : 'Scan now'}
      </button>
      {highlights && highlights.top.length > 0 && (
        <section aria-labelledby="top-title">
          <h2 id="top-title">Top recommendations</h2>
          <ol className="recommendations">
            {highlights.top.map((recommendation) => (
              <li key={recommendation.controlId}>
                <span className={`severity ${recommendation.severity}`}>{recommendation.severity}</span>
                <span>
                  <span className="recommendation-title">{recommendation.title}</span>
                  <div className="muted">{bidiSafe(recommendation.reason)}</div>
                </span>
                <span className="points">+{recommendation.pointsAtStake} pts</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/**
 * The scan's stored highlights; for a scan stored without them (imported), computed from its findings with the
 * catalog, which is loaded only then: it holds every connector, most of what the popup would otherwise load.
 */
function useHighlights(scan: ScanRecord | undefined): ScanHighlights | undefined {
  const [computed, setComputed] = useState<{ scanId: string; highlights: ScanHighlights }>();
  const missing = scan !== undefined && scan.highlights === undefined;
  const scanId = scan?.id;
  const app = scan?.app;
  useEffect(() => {
    if (!missing || !scanId || !app) return;
    let cancelled = false;
    void Promise.all([import('@/components/catalog'), db.findings.where('scanId').equals(scanId).toArray()]).then(([catalog, findings]) => {
      if (cancelled) return;
      const highlighted = findings.map((finding) => ({ ...finding, title: catalog.controlById(finding.controlId)?.title ?? finding.controlId }));
      setComputed({ scanId, highlights: scanHighlights(highlighted, catalog.connectorOf(app)?.baselineScores ?? []) });
    });
    return () => {
      cancelled = true;
    };
  }, [missing, scanId, app]);
  if (!scan) return undefined;
  return scan.highlights ?? (computed?.scanId === scan.id ? computed.highlights : undefined);
}

function InstanceList({ intro, apps }: { intro?: string; apps: ReadonlyArray<{ id: string; name: string }> }) {
  const rows = useLiveQuery(async () => {
    const instances = await db.instances.toArray();
    return Promise.all(
      instances.map(async (instance) => ({
        instance,
        scan: instance.lastGoodScanId ? await db.scans.get(instance.lastGoodScanId) : undefined,
      })),
    );
  }, []);
  return (
    <section aria-labelledby="instances-title">
      {intro && <p className="muted">{intro}</p>}
      <h2 id="instances-title">Connected instances</h2>
      {rows && rows.length === 0 && (
        <p className="muted">None yet. Open the admin console of {oneOf(apps.map((app) => app.name))} and choose Connect.</p>
      )}
      <ul className="instances">
        {rows?.map(({ instance, scan }) => (
          <li key={instance.key}>
            <span>
              {bidiSafe(instance.name)}
              <div className="muted">
                {apps.find((app) => app.id === instance.app)?.name ?? instance.app} · {instance.host}
              </div>
            </span>
            <strong>{scan?.score?.percent != null ? `${Math.round(scan.score.percent)}%` : '—'}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
