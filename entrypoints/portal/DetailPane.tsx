import { useEffect, useRef, useState } from 'react';
import { appName, pageOf } from '@/components/catalog';
import {
  evidenceText,
  formatPoints,
  frameworkTags,
  isWebLink,
  metricTitle,
  moreAffected,
  referenceLabel,
  severityLabels,
  statusLabels,
} from '@/components/recommendations';
import { exceptionState } from '@/utils/exceptions';
import { sendRequest } from '@/utils/messaging';
import { backgroundSilent, usePortalState } from './data';
import { ExceptionForm } from './ExceptionForm';
import type { Entry } from './model';
import { ExceptionStateBadge, exceptionKindLabels, formatDate } from './ui';
import { openSidePanel, useInstanceTab } from './walkthrough';
import { bidiSafe } from '@/utils/bidi';

interface Props {
  entry?: Entry;
  selectedKey?: string;
  onClose: () => void;
}

/** The right-hand pane: one recommendation's evidence, exception, implementation steps and walkthrough. */
export function DetailPane({ entry, selectedKey, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (entry) heading.current?.focus();
  }, [entry?.row.key]);

  if (!entry) {
    return (
      <aside className="detail-pane" aria-label="Recommendation details" data-testid="detail-pane">
        <p className="muted">
          {selectedKey
            ? 'This recommendation is not in the latest scans any more.'
            : 'Choose a recommendation to see its evidence, its exception and the steps that fix it.'}
        </p>
      </aside>
    );
  }
  return <Detail key={entry.row.key} entry={entry} onClose={onClose} heading={heading} />;
}

function Detail({ entry, onClose, heading }: { entry: Entry; onClose: () => void; heading: React.RefObject<HTMLHeadingElement | null> }) {
  const { now } = usePortalState();
  const { row, finding, instance, control, outcome, exceptions } = entry;
  const verdict = finding.verdict;
  const [editing, setEditing] = useState(false);
  const more = moreAffected(verdict.affected.length, verdict.affectedTotal);
  const excepted = new Set(outcome.exceptedEntities.map((item) => item.entity.id));
  const tags = control ? frameworkTags(control.frameworks) : [];
  const failing = verdict.status === 'non_compliant' || verdict.status === 'partial';

  return (
    <aside
      className="detail-pane"
      aria-labelledby="detail-title"
      data-testid="detail-pane"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !editing && !event.defaultPrevented) onClose();
      }}
    >
      <div className="detail-head">
        <h2 id="detail-title" ref={heading} tabIndex={-1}>
          {row.title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p className="detail-meta">
        <span className={`status-chip ${verdict.status}`}>{statusLabels[verdict.status]}</span>
        <span className={`severity ${row.severity}`}>{severityLabels[row.severity]}</span>
        {row.points > 0 && <span className="points">{formatPoints(row.points)}</span>}
        {row.impact > 0 && <span className="points">+{row.impact} initiative pts</span>}
      </p>
      <p className="muted">
        {row.controlId} · {metricTitle(row.metric)} · {bidiSafe(instance.name)} ({appName(instance.app)})
      </p>

      {exceptions.length > 0 && (
        <section className="detail-section exception-box" aria-labelledby="detail-exception">
          <h3 id="detail-exception">Exception</h3>
          <p>
            Original verdict: <strong className={`status-text ${verdict.status}`}>{statusLabels[verdict.status]}</strong>
            {outcome.kind
              ? ` — counted as ${exceptionKindLabels[outcome.kind].toLowerCase()}.`
              : row.partialException
                ? ` — ${row.partialException.excepted} of ${row.partialException.affected} affected entities excepted; the rest still count.`
                : '.'}
          </p>
          <ul className="plain-list">
            {exceptions.map((exception) => (
              <li key={exception.id}>
                <ExceptionStateBadge state={exceptionState(exception, new Date(now))} /> {exceptionKindLabels[exception.kind]}
                {exception.entityIds?.length ? ` for ${exception.entityIds.length} affected ${exception.entityIds.length === 1 ? 'entity' : 'entities'}` : ''}
                <div className="muted">
                  {bidiSafe(exception.owner)} · {exception.expiresAt ? `expires ${formatDate(exception.expiresAt)}` : 'no expiry'} · {bidiSafe(exception.rationale)}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="detail-section" aria-labelledby="detail-evidence">
        <h3 id="detail-evidence">Evidence</h3>
        <p>{bidiSafe(verdict.reason)}</p>
        {(verdict.actual !== undefined || verdict.expected !== undefined) && (
          <dl className="evidence">
            <dt>Actual</dt>
            <dd>{evidenceText(verdict.actual)}</dd>
            <dt>Expected</dt>
            <dd>{evidenceText(verdict.expected)}</dd>
          </dl>
        )}
        {verdict.notes.length > 0 && (
          <ul className="notes">
            {verdict.notes.map((note, index) => (
              <li key={index}>{bidiSafe(note)}</li>
            ))}
          </ul>
        )}
      </section>

      {verdict.affected.length > 0 && (
        <section className="detail-section" aria-labelledby="detail-affected">
          <h3 id="detail-affected">Affected ({verdict.affectedTotal ?? verdict.affected.length})</h3>
          <ul className="affected">
            {verdict.affected.map((entity) => (
              <li key={entity.id}>
                <span className="entity-name">{bidiSafe(entity.name)}</span>
                {entity.kind && <span className="muted"> · {bidiSafe(entity.kind)}</span>}
                {excepted.has(entity.id) && <span className="exception-state active"> · excepted</span>}
                {entity.detail && <div className="muted">{bidiSafe(entity.detail)}</div>}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="muted">and {more} more</p>}
        </section>
      )}

      {control && (
        <section className="detail-section" aria-labelledby="detail-description">
          <h3 id="detail-description">Description</h3>
          <p>{control.description}</p>
          <p className="muted">{control.rationale}</p>
        </section>
      )}

      <Walkthrough entry={entry} />

      {control && (
        <section className="detail-section" aria-labelledby="detail-steps">
          <h3 id="detail-steps">Implementation</h3>
          <p>{control.remediation.summary}</p>
          <ol className="steps">
            {control.remediation.steps.map((step, index) => (
              <li key={index}>
                {step.text}
                <div className="muted">Page: {pageOf(instance.app, step.page)?.title ?? step.page}</div>
              </li>
            ))}
          </ol>
        </section>
      )}

      {tags.length > 0 && (
        <section className="detail-section" aria-labelledby="detail-frameworks">
          <h3 id="detail-frameworks">Frameworks</h3>
          <ul className="tags">
            {tags.map((tag) => (
              <li key={`${tag.framework}:${tag.value}`}>
                <span className="muted">{tag.framework}:</span> {tag.value}
              </li>
            ))}
          </ul>
        </section>
      )}

      {control && control.remediation.references.length > 0 && (
        <section className="detail-section" aria-labelledby="detail-references">
          <h3 id="detail-references">References</h3>
          <ul className="references">
            {control.remediation.references.map((url) => (
              <li key={url}>
                {isWebLink(url) ? (
                  <a href={url} target="_blank" rel="noreferrer">
                    {referenceLabel(url)}
                    <span className="visually-hidden"> (opens in a new tab)</span>
                  </a>
                ) : (
                  url
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="detail-actions">
        <button type="button" onClick={() => setEditing(true)} aria-describedby={failing ? undefined : 'exception-note'}>
          Add exception
        </button>
        {!failing && (
          <p id="exception-note" className="muted">
            This check is not failing: an exception would change nothing until it fails.
          </p>
        )}
      </div>
      {editing && (
        <ExceptionForm
          initial={{ instanceKey: instance.key, controlId: row.controlId }}
          onClose={() => setEditing(false)}
        />
      )}
    </aside>
  );
}

function Walkthrough({ entry }: { entry: Entry }) {
  const { tabId, checked } = useInstanceTab(entry.instance.key);
  // Instances of several apps may share a name: the app and the host say which one to open.
  const { instance } = entry;
  const label = `${bidiSafe(instance.name)} (${appName(instance.app)})`;
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const open = () => {
    if (tabId === undefined) return;
    setError(undefined);
    // Opened first, within the click: no await may come before it.
    const opened = openSidePanel(tabId);
    void sendRequest(browser.runtime, { type: 'walkthrough/show', tabId, instanceKey: instance.key, controlId: entry.row.controlId })
      .then(async (result) => {
        if (!result.ok) setError(bidiSafe(result.error.message));
        else if (!(await opened)) setMessage('Open the Posture Lens side panel on that tab to follow the walkthrough.');
        else setMessage(`The walkthrough is open in the side panel of the ${label} tab.`);
      })
      .catch((failure) => setError(backgroundSilent(failure)));
  };

  return (
    <section className="detail-section" aria-labelledby="detail-walkthrough">
      <h3 id="detail-walkthrough">Walkthrough</h3>
      {tabId !== undefined ? (
        <button type="button" className="primary" onClick={open}>
          Open walkthrough in the side panel
        </button>
      ) : (
        <p className="muted" data-testid="walkthrough-no-tab">
          {checked ? `Open ${label} at ${instance.host} in a tab to follow the walkthrough there.` : 'Looking for a tab that shows this instance…'}
        </p>
      )}
      <div role="status" aria-live="polite">
        {message && <p className="muted">{message}</p>}
        {error && <p className="step-error">{error}</p>}
      </div>
    </section>
  );
}
