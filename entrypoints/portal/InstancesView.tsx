import { useLiveQuery } from 'dexie-react-hooks';
import Dexie from 'dexie';
import { useEffect, useState } from 'react';
import { appName } from '@/components/catalog';
import { db } from '@/components/db';
import { timeAgo } from '@/components/format';
import { formatPercent } from '@/components/recommendations';
import type { InstanceRecord } from '@/utils/db';
import { sendRequest } from '@/utils/messaging';
import { backgroundSilent, usePortalState } from './data';
import { Dialog } from './Dialog';
import { hrefFor } from './route';
import { NoInstances, Skeleton, formatScanTime } from './ui';
import { bidiSafe } from '@/utils/bidi';

/** The instance drawer: every connected instance, its score, whether it counts, rescan and disconnect. */
export function InstancesView() {
  const { data, model, now } = usePortalState();
  const [disconnecting, setDisconnecting] = useState<InstanceRecord>();

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Instances
      </h1>
      <p className="muted">
        Every connected instance, each counted on its own. Switch an instance off to leave its recommendations out of the initiative and
        framework scores; its findings stay listed.
      </p>
      {!data ? (
        <Skeleton lines={4} height={44} />
      ) : data.instances.length === 0 ? (
        <NoInstances />
      ) : (
        <>
          <nav className="chips" aria-label="Show the recommendations of one instance">
            <a className="chip" href={hrefFor('recommendations')}>
              All instances
            </a>
            {data.instances.map((instance) => (
              <a key={instance.key} className="chip" href={hrefFor('recommendations', { instance: instance.key })}>
                {bidiSafe(instance.name)} <span className="muted">{appName(instance.app)}</span>
              </a>
            ))}
          </nav>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Connected instances</caption>
              <thead>
                <tr>
                  <th scope="col">App</th>
                  <th scope="col">Instance</th>
                  <th scope="col">Host</th>
                  <th scope="col">Last scan</th>
                  <th scope="col" className="col-number">
                    Score
                  </th>
                  <th scope="col">In score</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.instances.map((instance) => (
                  <InstanceRow
                    key={instance.key}
                    instance={instance}
                    now={now}
                    percent={model?.instanceScores.get(instance.key)?.percent ?? data.goodScans.get(instance.key)?.score?.percent ?? null}
                    onDisconnect={() => setDisconnecting(instance)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {disconnecting && <DisconnectDialog instance={disconnecting} onClose={() => setDisconnecting(undefined)} />}
    </section>
  );
}

function InstanceRow({ instance, percent, now, onDisconnect }: { instance: InstanceRecord; percent: number | null; now: number; onDisconnect: () => void }) {
  const { data } = usePortalState();
  const goodScan = data?.goodScans.get(instance.key);
  const lastScan = data?.lastScans.get(instance.key);
  const running = lastScan?.status === 'running';
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  /** The newest scan before a rescan was asked for ('' for none): a rescan only starts the scan, which runs on in the background. */
  const [waitingAfter, setWaitingAfter] = useState<string>();
  // Several instances may share a name (a production and a sandbox org, or the same company in two apps).
  const label = `${bidiSafe(instance.name)} (${appName(instance.app)})`;

  // The rescan is finished once a newer scan than the one before it is stored and no longer running.
  useEffect(() => {
    if (waitingAfter === undefined || !lastScan || lastScan.id === waitingAfter || lastScan.status === 'running') return;
    setWaitingAfter(undefined);
    // A failed scan says so below the time, with its reason.
    if (lastScan.status !== 'failed') setMessage({ text: `Scan finished: ${formatPercent(lastScan.score?.percent ?? null)}.`, error: false });
  }, [waitingAfter, lastScan]);

  const include = async (value: boolean) => {
    setMessage(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'instance/include', instanceKey: instance.key, include: value });
      if (!result.ok) setMessage({ text: result.error.message, error: true });
    } catch (error) {
      setMessage({ text: backgroundSilent(error), error: true });
    }
  };

  const rescan = async () => {
    if (busy || running || waitingAfter !== undefined) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const before = lastScan?.id ?? '';
      const result = await sendRequest(browser.runtime, { type: 'instance/rescan', instanceKey: instance.key });
      if (result.ok) setWaitingAfter(before);
      else setMessage({ text: result.error.message, error: true });
    } catch (error) {
      setMessage({ text: backgroundSilent(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const finished = goodScan?.finishedAt ?? goodScan?.startedAt;
  const scanning = busy || running || waitingAfter !== undefined;
  return (
    <tr data-testid="instance-row" data-instance={instance.key}>
      <td>{appName(instance.app)}</td>
      <th scope="row" className="cell-name">
        {bidiSafe(instance.name)}
      </th>
      <td>
        <span className="cell-clip" title={instance.host}>
          {instance.host}
        </span>
      </td>
      <td>
        {finished ? (
          <time dateTime={finished} title={formatScanTime(finished)}>
            {timeAgo(finished, now)}
          </time>
        ) : (
          'Not scanned yet'
        )}
        {lastScan?.status === 'failed' && <div className="step-error">Last scan failed{lastScan.error ? `: ${bidiSafe(lastScan.error.message)}` : ''}</div>}
        {running && (
          <div className="muted">
            Scanning: {lastScan.progress.label} ({lastScan.progress.done}/{lastScan.progress.total})
          </div>
        )}
      </td>
      <td className="col-number">{formatPercent(percent)}</td>
      <td>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={instance.includeInScore}
            onChange={(event) => void include(event.target.checked)}
            aria-label={`Count ${label} in the scores`}
          />
          <span aria-hidden="true">{instance.includeInScore ? 'On' : 'Off'}</span>
        </label>
      </td>
      <td>
        <div className="row-actions">
          <button type="button" onClick={rescan} aria-disabled={scanning} aria-label={`Rescan ${label}`}>
            {scanning ? 'Scanning…' : 'Rescan'}
          </button>
          <button type="button" className="danger" onClick={onDisconnect} aria-label={`Disconnect ${label}`}>
            Disconnect
          </button>
        </div>
        <div role="status" aria-live="polite">
          {message && <p className={message.error ? 'step-error' : 'muted'}>{message.text}</p>}
        </div>
      </td>
    </tr>
  );
}

/** Names what will be deleted before anything is. */
function DisconnectDialog({ instance, onClose }: { instance: InstanceRecord; onClose: () => void }) {
  const counts = useLiveQuery(
    async () => ({
      scans: await db.scans.where('instanceKey').equals(instance.key).count(),
      findings: await db.findings.where('[instanceKey+controlId]').between([instance.key, Dexie.minKey], [instance.key, Dexie.maxKey]).count(),
      exceptions: await db.exceptions.where('instanceKey').equals(instance.key).count(),
    }),
    [instance.key],
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'instance/disconnect', instanceKey: instance.key });
      if (result.ok) onClose();
      else setError(result.error.message);
    } catch (failure) {
      setError(backgroundSilent(failure));
    } finally {
      setBusy(false);
    }
  };
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return (
    <Dialog title={`Disconnect ${bidiSafe(instance.name)} (${appName(instance.app)})?`} onClose={onClose} role="alertdialog" describedBy="disconnect-what" testId="disconnect-dialog">
      <div id="disconnect-what">
        <p>
          Posture Lens forgets {bidiSafe(instance.name)} ({appName(instance.app)}, {instance.host}) and deletes from this browser:
        </p>
        <ul>
          <li>{counts ? plural(counts.scans, 'scan') : '… scans'} and the raw snapshots stored with them,</li>
          <li>{counts ? plural(counts.findings, 'finding') : '… findings'} with their evidence,</li>
          <li>{counts ? plural(counts.exceptions, 'exception') : '… exceptions'}.</li>
        </ul>
        <p>Nothing changes in {appName(instance.app)}. Connect again from the toolbar popup to scan it anew.</p>
      </div>
      {error && (
        <p className="step-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={confirm} aria-disabled={busy}>
          {busy ? 'Deleting…' : `Disconnect and delete`}
        </button>
      </div>
    </Dialog>
  );
}
