import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useState } from 'react';
import { appName, controlById } from '@/components/catalog';
import { db } from '@/components/db';
import { evidenceText, formatPercent, statusLabels } from '@/components/recommendations';
import { scansOf, type InstanceRecord, type ScanRecord } from '@/utils/db';
import { diffResults, incomparable, type ResultChange, type ResultDiff } from '@/utils/diff';
import { goodStatuses, resultsOf } from '@/utils/history';
import { sendRequest, type PortalSettingsPatch } from '@/utils/messaging';
import type { PortalSettings } from '@/utils/portal-settings';
import { backgroundSilent, usePortalState } from './data';
import { NoInstances, Skeleton, formatDateTime, formatScanTime } from './ui';
import { bidiSafe } from '@/utils/bidi';

type Mode = 'scans' | 'instances';

/** Every scan of an instance, a diff between two scans or two instances of one app, and history settings. */
export function HistoryView({ params }: { params: URLSearchParams }) {
  const { data } = usePortalState();
  const instances = data?.instances ?? [];
  const [mode, setMode] = useState<Mode>('scans');
  const [instanceKey, setInstanceKey] = useState(params.get('instance') ?? '');
  const current = instances.find((instance) => instance.key === instanceKey) ?? instances[0];

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        History &amp; drift
      </h1>
      {!data ? (
        <Skeleton lines={6} height={36} />
      ) : instances.length === 0 ? (
        <NoInstances />
      ) : (
        <>
          <fieldset className="chips" aria-label="Compare">
            <legend className="visually-hidden">Compare</legend>
            <label className="choice">
              <input type="radio" name="diff-mode" checked={mode === 'scans'} onChange={() => setMode('scans')} />
              <span>Two scans of one instance</span>
            </label>
            <label className="choice">
              <input type="radio" name="diff-mode" checked={mode === 'instances'} onChange={() => setMode('instances')} />
              <span>Two instances of the same app (latest scans)</span>
            </label>
          </fieldset>
          {mode === 'scans' && current ? (
            <ScanHistory instances={instances} instance={current} onInstance={setInstanceKey} />
          ) : (
            <InstanceDrift instances={instances} />
          )}
        </>
      )}
      {data && <HistorySettings settings={data.settings} />}
    </section>
  );
}

function ScanHistory({ instances, instance, onInstance }: { instances: InstanceRecord[]; instance: InstanceRecord; onInstance: (key: string) => void }) {
  const scans = useLiveQuery(() => scansOf(db, instance.key).toArray(), [instance.key]);
  const good = useMemo(() => (scans ?? []).filter((scan) => goodStatuses.has(scan.status)), [scans]);
  const [before, setBefore] = useState<string>();
  const [after, setAfter] = useState<string>();
  // Newest two good scans by default; again whenever the instance changes.
  useEffect(() => {
    setAfter(good[0]?.id);
    setBefore(good[1]?.id);
  }, [instance.key, good.length > 0 ? good[0]!.id : '']);

  const beforeScan = good.find((scan) => scan.id === before);
  const afterScan = good.find((scan) => scan.id === after);
  return (
    <div className="history-layout">
      <div className="panel-box">
        <label className="field">
          <span>Instance</span>
          <select value={instance.key} onChange={(event) => onInstance(event.target.value)}>
            {instances.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {bidiSafe(candidate.name)} ({appName(candidate.app)})
              </option>
            ))}
          </select>
        </label>
        <h2>Scans ({scans?.length ?? '…'})</h2>
        <div className="scan-list table-wrap">
          {!scans ? (
            <Skeleton lines={5} height={28} />
          ) : scans.length === 0 ? (
            <p className="muted">No scans yet. Rescan the instance from Instances.</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">Scans of {bidiSafe(instance.name)}, newest first; choose two to compare</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="col-number">
                    Score
                  </th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {scans.map((scan) => {
                  const comparable = goodStatuses.has(scan.status);
                  const when = formatScanTime(scan.finishedAt ?? scan.startedAt);
                  return (
                    <tr key={scan.id} data-testid="scan-row">
                      <th scope="row">
                        <time dateTime={scan.startedAt}>{when}</time>
                        {scan.importedAt && <span className="row-sub">imported</span>}
                      </th>
                      <td>
                        {scanStatusLabels[scan.status]}
                        {scan.error && <span className="row-sub">{bidiSafe(scan.error.message)}</span>}
                      </td>
                      <td className="col-number">{formatPercent(scan.score?.percent)}</td>
                      <td>
                        {comparable && (
                          <input type="radio" name="before" aria-label={`Compare from the scan of ${when}`} checked={before === scan.id} onChange={() => setBefore(scan.id)} />
                        )}
                      </td>
                      <td>
                        {comparable && (
                          <input type="radio" name="after" aria-label={`Compare to the scan of ${when}`} checked={after === scan.id} onChange={() => setAfter(scan.id)} />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </div>
      <DiffPanel
        before={beforeScan}
        after={afterScan}
        beforeLabel={beforeScan ? formatScanTime(beforeScan.finishedAt ?? beforeScan.startedAt) : undefined}
        afterLabel={afterScan ? formatScanTime(afterScan.finishedAt ?? afterScan.startedAt) : undefined}
        empty={good.length < 2 ? 'Two completed scans are needed to see what changed. Rescan the instance later.' : 'Choose a scan to compare from and one to compare to.'}
      />
    </div>
  );
}

const scanStatusLabels: Record<ScanRecord['status'], string> = {
  running: 'Running',
  complete: 'Complete',
  partial: 'Partial (some sources failed)',
  failed: 'Failed',
};

function InstanceDrift({ instances }: { instances: InstanceRecord[] }) {
  const { data } = usePortalState();
  const apps = [...new Set(instances.map((instance) => instance.app))].filter((app) => instances.filter((instance) => instance.app === app).length >= 2);
  const [baseline, setBaseline] = useState<string>('');
  const [other, setOther] = useState<string>('');
  const candidates = instances.filter((instance) => apps.includes(instance.app));
  const first = candidates.find((instance) => instance.key === baseline) ?? candidates[0];
  const peers = candidates.filter((instance) => first && instance.app === first.app && instance.key !== first.key);
  const second = peers.find((instance) => instance.key === other) ?? peers[0];

  if (!first || !second) {
    return (
      <p className="empty-state">
        Comparing instances needs two connected instances of the same app (for example a production and a sandbox org). Connect another
        instance from the toolbar popup on its admin page.
      </p>
    );
  }
  const beforeScan = data?.goodScans.get(first.key);
  const afterScan = data?.goodScans.get(second.key);
  return (
    <div className="history-layout">
      <div className="panel-box">
        <label className="field">
          <span>Baseline instance</span>
          <select value={first.key} onChange={(event) => setBaseline(event.target.value)}>
            {candidates.map((instance) => (
              <option key={instance.key} value={instance.key}>
                {bidiSafe(instance.name)} ({appName(instance.app)})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Compared with</span>
          <select value={second.key} onChange={(event) => setOther(event.target.value)}>
            {peers.map((instance) => (
              <option key={instance.key} value={instance.key}>
                {bidiSafe(instance.name)} ({appName(instance.app)})
              </option>
            ))}
          </select>
        </label>
        <p className="muted">
          “New failures” fail in {bidiSafe(second.name)} but not in {bidiSafe(first.name)}; “new passes” are the reverse.
        </p>
      </div>
      <DiffPanel
        before={beforeScan}
        after={afterScan}
        beforeLabel={bidiSafe(first.name)}
        afterLabel={bidiSafe(second.name)}
        empty="One of these instances has no completed scan yet."
      />
    </div>
  );
}

function DiffPanel({ before, after, beforeLabel, afterLabel, empty }: { before?: ScanRecord; after?: ScanRecord; beforeLabel?: string; afterLabel?: string; empty: string }) {
  const diff = useLiveQuery(async (): Promise<{ diff?: ResultDiff; problem?: string } | undefined> => {
    if (!before || !after) return undefined;
    const problem = incomparable(before, after);
    if (problem) return { problem };
    const [a, b] = await Promise.all([resultsOf(db, before), resultsOf(db, after)]);
    return { diff: diffResults(a, b) };
  }, [before?.id, after?.id]);

  return (
    <div className="panel-box" aria-live="polite">
      <h2>What changed</h2>
      {!before || !after ? (
        <p className="muted">{empty}</p>
      ) : before.id === after.id ? (
        <p className="muted">The same scan is chosen twice: choose two different scans.</p>
      ) : !diff ? (
        <Skeleton lines={4} height={20} />
      ) : diff.problem ? (
        <p className="step-error">{diff.problem}</p>
      ) : (
        <DiffSections diff={diff.diff!} beforeLabel={beforeLabel ?? 'before'} afterLabel={afterLabel ?? 'after'} scoreBefore={before.score?.percent} scoreAfter={after.score?.percent} />
      )}
    </div>
  );
}

const sections: Array<{ key: keyof ResultDiff; title: string }> = [
  { key: 'newFailures', title: 'New failures' },
  { key: 'newPasses', title: 'New passes' },
  { key: 'changedValues', title: 'Changed values' },
  { key: 'changedStatuses', title: 'Other status changes' },
  { key: 'newControls', title: 'New controls' },
  { key: 'removedControls', title: 'Removed controls' },
];

function sideText(side: ResultChange['before']): string {
  if (!side) return '—';
  const value = side.actual !== undefined ? ` (${evidenceText(side.actual)})` : side.status === 'partial' ? ` (${Math.round(side.fraction * 100)}%)` : '';
  return `${statusLabels[side.status]}${value}`;
}

function DiffSections({ diff, beforeLabel, afterLabel, scoreBefore, scoreAfter }: { diff: ResultDiff; beforeLabel: string; afterLabel: string; scoreBefore?: number | null; scoreAfter?: number | null }) {
  const id = useId();
  const total = sections.reduce((sum, section) => sum + diff[section.key].length, 0);
  return (
    <div className="diff" data-testid="diff">
      <p>
        {beforeLabel} → {afterLabel}: score {formatPercent(scoreBefore)} → {formatPercent(scoreAfter)}.{' '}
        {total === 0 ? 'No control changed.' : `${diff.newFailures.length} new failure${diff.newFailures.length === 1 ? '' : 's'}, ${diff.newPasses.length} new pass${diff.newPasses.length === 1 ? '' : 'es'}.`}
      </p>
      {sections.map(({ key, title }) =>
        diff[key].length === 0 ? null : (
          <section key={key} className="diff-section" aria-labelledby={`${id}-${key}`} data-testid={`diff-${key}`}>
            <h3 id={`${id}-${key}`}>
              {title} ({diff[key].length})
            </h3>
            <ul>
              {diff[key].map((change) => (
                <li key={change.controlId}>
                  <strong>{controlById(change.controlId)?.title ?? change.controlId}</strong> <span className="muted">{change.controlId}</span>
                  <div className="muted">
                    {sideText(change.before)} → {sideText(change.after)}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}

function HistorySettings({ settings }: { settings: PortalSettings }) {
  const [retention, setRetention] = useState(String(settings.retentionDays));
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  useEffect(() => setRetention(String(settings.retentionDays)), [settings.retentionDays]);

  const save = async (patch: PortalSettingsPatch, done?: string) => {
    setMessage(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'portal/settings', settings: patch });
      setMessage(result.ok ? (done ? { text: done, error: false } : undefined) : { text: result.error.message, error: true });
    } catch (error) {
      setMessage({ text: backgroundSilent(error), error: true });
    }
  };

  const commitRetention = () => {
    const days = Number(retention);
    if (!Number.isInteger(days) || days < 7 || days > 3650) {
      setMessage({ text: 'Keep scans for 7 to 3650 days.', error: true });
      return;
    }
    if (days !== settings.retentionDays) void save({ retentionDays: days }, `Scans older than ${days} days will be deleted.`);
  };

  const toggleNotifications = (on: boolean) => {
    if (!on) {
      void save({ notifyOnRegression: false });
      return;
    }
    // Asked first, within the click: browsers only show the permission prompt during the user's gesture.
    const asked = browser.permissions?.request ? browser.permissions.request({ permissions: ['notifications'] }) : Promise.resolve(false);
    void asked
      .catch(() => false)
      .then((granted) =>
        granted
          ? save({ notifyOnRegression: true }, 'You will be notified when a rescan finds a new failure or the score drops by 2 points or more.')
          : setMessage({ text: 'Notifications were not allowed, so none will be shown. Nothing was changed.', error: true }),
      );
  };

  return (
    <section className="panel-box" aria-labelledby="history-settings">
      <h2 id="history-settings">History settings</h2>
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          commitRetention();
        }}
      >
        <label className="field">
          <span>Keep scans for (days)</span>
          <input type="number" min={7} max={3650} step={1} value={retention} onChange={(event) => setRetention(event.target.value)} onBlur={commitRetention} />
        </label>
        <label className="field">
          <span>Scheduled scans</span>
          <select
            value={settings.schedule}
            onChange={(event) => void save({ schedule: event.target.value as PortalSettings['schedule'] })}
            aria-describedby="schedule-hint"
          >
            <option value="off">Off</option>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" checked={settings.notifyOnRegression} onChange={(event) => toggleNotifications(event.target.checked)} />
          <span>Notify me when a rescan finds a new failure or the score drops by 2 points or more</span>
        </label>
      </form>
      <p id="schedule-hint" className="muted">
        A scheduled scan runs only while you are signed in to the instance in a tab (Posture Lens uses your session, never a stored credential).
        {settings.lastScheduledRun && ` Last run ${formatDateTime(settings.lastScheduledRun.at)}: ${settings.lastScheduledRun.started.length} scanned, ${settings.lastScheduledRun.skipped.length} skipped.`}
      </p>
      {settings.lastScheduledRun && settings.lastScheduledRun.skipped.length > 0 && (
        <ul className="muted">
          {settings.lastScheduledRun.skipped.map((skip) => (
            <li key={skip.instanceKey}>
              {skip.instanceKey}: {skip.reason}
            </li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {message && <p className={message.error ? 'step-error' : 'muted'}>{message.text}</p>}
      </div>
    </section>
  );
}
