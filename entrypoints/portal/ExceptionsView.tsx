import { useState } from 'react';
import { appName, controlById } from '@/components/catalog';
import { statusLabels } from '@/components/recommendations';
import type { ExceptionRecord } from '@/utils/db';
import { exceptionState } from '@/utils/exceptions';
import { sendRequest } from '@/utils/messaging';
import { backgroundSilent, usePortalState } from './data';
import { Dialog } from './Dialog';
import { ExceptionForm } from './ExceptionForm';
import { rowKey } from './model';
import { hrefFor } from './route';
import { EmptyState, ExceptionStateBadge, NoInstances, Skeleton, exceptionKindLabels, formatDate } from './ui';
import { bidiSafe } from '@/utils/bidi';

type Editing = { mode: 'new' } | { mode: 'edit'; exception: ExceptionRecord };

/** Every exception, active and lapsed, beside the verdict it overrides; create, edit and delete. */
export function ExceptionsView({ params }: { params: URLSearchParams }) {
  const { data, details, now } = usePortalState();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<ExceptionRecord>();
  const stateFilter = params.get('state');

  const exceptions = (data?.exceptions ?? [])
    .map((exception) => ({ exception, state: exceptionState(exception, new Date(now)) }))
    .filter(({ state }) => !stateFilter || state === stateFilter)
    .sort((a, b) => (a.state === b.state ? b.exception.createdAt.localeCompare(a.exception.createdAt) : a.state === 'active' ? -1 : 1));
  const instanceName = (key: string) => data?.instances.find((instance) => instance.key === key);

  return (
    <section className="view" aria-labelledby="view-title">
      <div className="view-head">
        <h1 id="view-title" tabIndex={-1}>
          Exceptions
        </h1>
        {data && data.instances.length > 0 && (
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'new' })}>
            New exception
          </button>
        )}
      </div>
      <p className="muted">
        Risk accepted earns no points; an alternate control or a third-party tool counts as achieved; an incorrect result leaves the score.
        The original verdict never changes, and an exception lapses by itself at its expiry.
      </p>
      {!data ? (
        <Skeleton lines={4} height={40} />
      ) : data.instances.length === 0 ? (
        <NoInstances />
      ) : exceptions.length === 0 ? (
        <EmptyState>
          <p>
            <strong>No exceptions{stateFilter ? ` ${stateFilter}` : ''}.</strong>
          </p>
          <p>
            To accept a risk or record a mitigation, open a recommendation in <a href={hrefFor('recommendations')}>Recommendations</a> and
            choose Add exception, or choose New exception above.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table exceptions-table">
            <caption className="visually-hidden">Exceptions, active first</caption>
            <thead>
              <tr>
                <th scope="col">Recommendation</th>
                <th scope="col">Instance</th>
                <th scope="col">Original verdict</th>
                <th scope="col">Kind</th>
                <th scope="col">Rationale</th>
                <th scope="col">Owner</th>
                <th scope="col">Expiry</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {exceptions.map(({ exception, state }) => {
                const instance = instanceName(exception.instanceKey);
                const entry = details?.entries.get(rowKey(exception.instanceKey, exception.controlId));
                const title = controlById(exception.controlId)?.title ?? exception.controlId;
                return (
                  <tr key={exception.id} className={state === 'lapsed' ? 'lapsed' : undefined} data-testid="exception-row">
                    <th scope="row">
                      <a href={hrefFor('recommendations', { instance: exception.instanceKey, status: 'all', selected: rowKey(exception.instanceKey, exception.controlId) })}>
                        {title}
                      </a>
                      <div className="row-sub">
                        {exception.controlId}
                        {exception.entityIds?.length
                          ? ` · ${exception.entityIds.length} of ${entry?.finding.verdict.affectedTotal ?? entry?.finding.verdict.affected.length ?? '?'} affected`
                          : ' · whole recommendation'}
                      </div>
                    </th>
                    <td>
                      {instance ? bidiSafe(instance.name) : exception.instanceKey}
                      {instance && <div className="row-sub">{appName(instance.app)}</div>}
                    </td>
                    <td>{entry ? <span className={`status-text ${entry.finding.status}`}>{statusLabels[entry.finding.status]}</span> : details ? <span className="muted">Not in the latest scan</span> : <span className="skeleton-text">Loading…</span>}</td>
                    <td>{exceptionKindLabels[exception.kind]}</td>
                    <td className="cell-text">{bidiSafe(exception.rationale)}</td>
                    <td>{bidiSafe(exception.owner)}</td>
                    <td>{exception.expiresAt ? <time dateTime={exception.expiresAt}>{formatDate(exception.expiresAt)}</time> : 'No expiry'}</td>
                    <td>
                      <ExceptionStateBadge state={state} />
                    </td>
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setEditing({ mode: 'edit', exception })} aria-label={`Edit the exception for ${title}`}>
                          Edit
                        </button>
                        <button type="button" className="danger" onClick={() => setDeleting(exception)} aria-label={`Delete the exception for ${title}`}>
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing && <ExceptionForm initial={editing.mode === 'edit' ? editing.exception : undefined} onClose={() => setEditing(undefined)} />}
      {deleting && <DeleteDialog exception={deleting} onClose={() => setDeleting(undefined)} />}
    </section>
  );
}

function DeleteDialog({ exception, onClose }: { exception: ExceptionRecord; onClose: () => void }) {
  const [error, setError] = useState<string>();
  const title = controlById(exception.controlId)?.title ?? exception.controlId;
  const confirm = async () => {
    setError(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'exception/delete', id: exception.id });
      if (result.ok) onClose();
      else setError(result.error.message);
    } catch (failure) {
      setError(backgroundSilent(failure));
    }
  };
  return (
    <Dialog title="Delete this exception?" onClose={onClose} role="alertdialog" describedBy="delete-what">
      <p id="delete-what">
        “{exceptionKindLabels[exception.kind]}” for {title} will be deleted; the recommendation then counts with its original verdict.
      </p>
      {error && (
        <p className="step-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={confirm}>
          Delete exception
        </button>
      </div>
    </Dialog>
  );
}
