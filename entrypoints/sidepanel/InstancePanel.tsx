import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { controlById } from '@/components/catalog';
import { db } from '@/components/db';
import { gradeOf, timeAgo } from '@/components/format';
import { formatPercent, sortByImpact } from '@/components/recommendations';
import { sendRequest } from '@/utils/messaging';
import { useAnchorStatus, usePanelEvents } from './hooks';
import { Recommendation } from './Recommendation';
import { RecommendationList, rowElementId, type ListRow } from './RecommendationList';
import { ErrorBanner } from './SidePanel';
import { bidiSafe } from '@/utils/bidi';

interface Props {
  instanceKey: string;
  tabId: number;
  navigation: number;
}

/** One connected instance: its score, the list of recommendations and, when one is chosen, its walkthrough. */
export function InstancePanel({ instanceKey, tabId, navigation }: Props) {
  const instance = useLiveQuery(() => db.instances.get(instanceKey), [instanceKey]);
  const lastScan = useLiveQuery(() => (instance?.lastScanId ? db.scans.get(instance.lastScanId) : undefined), [instance?.lastScanId]);
  const goodScanId = instance?.lastGoodScanId;
  const goodScan = useLiveQuery(() => (goodScanId ? db.scans.get(goodScanId) : undefined), [goodScanId]);
  const findings = useLiveQuery(() => (goodScanId ? db.findings.where('scanId').equals(goodScanId).toArray() : []), [goodScanId]);

  const rows = useMemo<ListRow[]>(
    () =>
      sortByImpact(
        (findings ?? []).map((finding) => ({
          controlId: finding.controlId,
          title: controlById(finding.controlId)?.title ?? finding.controlId,
          status: finding.status,
          severity: finding.severity,
          metric: finding.metric,
          pointsAtStake: finding.pointsAtStake,
          reason: finding.verdict.reason,
        })),
      ),
    [findings],
  );

  const [selected, setSelected] = useState<string>();
  /** Where focus goes when the detail closes: the row it was opened from, else the list heading. */
  const returnTo = useRef<string | undefined>(undefined);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const open = useCallback((controlId: string) => {
    returnTo.current = controlId;
    setSelected(controlId);
  }, []);
  const back = useCallback(() => setSelected(undefined), []);

  // A "Fix it step by step" from the page before the panel was open, or while it is open.
  useEffect(() => {
    let live = true;
    sendRequest(browser.runtime, { type: 'walkthrough/target', tabId })
      .then(({ controlId }) => {
        if (live && controlId) open(controlId);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tabId, open]);
  usePanelEvents(tabId, (event) => {
    if (event.type !== 'panel/show') return;
    open(event.controlId);
    // This open panel showed it: the background also kept it for a panel yet to open, and would land the
    // next panel opened on this tab on it again. Read it here, as a newly opened panel would.
    void sendRequest(browser.runtime, { type: 'walkthrough/target', tabId }).catch(() => undefined);
  });

  // Closing the detail returns focus to where the admin was; opening it focuses its heading (Recommendation).
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (selected) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const row = returnTo.current ? document.getElementById(rowElementId(returnTo.current)) : null;
    (row ?? listHeading.current)?.focus();
  }, [selected]);

  const anchorStatus = useAnchorStatus(tabId, navigation, selected !== undefined);

  if (!instance) return <p className="muted">Loading…</p>;

  const running = lastScan?.status === 'running';
  const percentDone = running && lastScan ? Math.round((lastScan.progress.done / Math.max(1, lastScan.progress.total)) * 100) : 0;
  const score = goodScan?.score;
  const control = selected ? controlById(selected) : undefined;
  const finding = selected ? findings?.find((candidate) => candidate.controlId === selected) : undefined;

  return (
    <>
      <section className="summary" aria-label="Instance">
        <div>
          <p className="instance-name">{bidiSafe(instance.name)}</p>
          <p className="muted">
            {instance.host}
            {goodScan?.finishedAt && <> · Last scanned {timeAgo(goodScan.finishedAt)}</>}
          </p>
        </div>
        {score && score.percent !== null && (
          <p className="score">
            <span className="muted">Score</span> <strong data-testid="sidepanel-score">{formatPercent(score.percent)}</strong>{' '}
            <span className="muted">{gradeOf(score.percent)}</span>
          </p>
        )}
      </section>
      <div role="status" aria-live="polite">
        {running && lastScan && (
          <>
            <div className="progress" aria-hidden="true">
              <div style={{ width: `${percentDone}%` }} />
            </div>
            <p className="muted">
              Scanning: {lastScan.progress.label} ({lastScan.progress.done}/{lastScan.progress.total})
            </p>
          </>
        )}
      </div>
      {lastScan?.status === 'failed' && lastScan.error && (
        <ErrorBanner error={{ ...lastScan.error, message: `The last scan failed. ${lastScan.error.message}` }} />
      )}

      {!goodScanId && !selected && (
        <section className="notice" aria-labelledby="not-scanned-title">
          <h1 id="not-scanned-title" ref={listHeading} tabIndex={-1}>
            Not scanned yet
          </h1>
          <p>{running ? 'The first scan is running; recommendations appear here when it ends.' : 'Choose Scan now in the toolbar popup to see this org’s recommendations.'}</p>
        </section>
      )}
      {goodScanId && (
        <RecommendationList rows={rows} loading={!findings} onOpen={open} headingRef={listHeading} hidden={selected !== undefined} />
      )}
      {selected && (
        <Recommendation
          key={selected}
          app={instance.app}
          tabId={tabId}
          controlId={selected}
          control={control}
          finding={finding}
          scorePercent={score?.percent ?? null}
          anchorStatus={anchorStatus}
          onBack={back}
        />
      )}
    </>
  );
}
