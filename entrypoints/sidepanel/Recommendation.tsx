import { useEffect, useRef } from 'react';
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
import type { Control } from '@/utils/controls';
import type { FindingRecord } from '@/utils/db';
import type { AnchorStatus } from '@/utils/messaging';
import { Steps } from './Steps';
import { bidiSafe } from '@/utils/bidi';

interface Props {
  app: string;
  tabId: number;
  controlId: string;
  /** Undefined when this version of Posture Lens no longer has the check. */
  control?: Control;
  /** Undefined when the latest scan has no result for the check. */
  finding?: FindingRecord;
  scorePercent: number | null;
  anchorStatus?: AnchorStatus;
  onBack: () => void;
}

/** One recommendation: its evidence, why it matters, and the walkthrough that fixes and verifies it. */
export function Recommendation({ app, tabId, controlId, control, finding, scorePercent, anchorStatus, onBack }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, []);

  const verdict = finding?.verdict;
  const severity = finding?.severity ?? control?.severity;
  const tags = control ? frameworkTags(control.frameworks) : [];
  const more = verdict ? moreAffected(verdict.affected.length, verdict.affectedTotal) : 0;

  return (
    <article className="detail" aria-labelledby="detail-title">
      <button type="button" className="back" onClick={onBack}>
        <span aria-hidden="true">← </span>Back to recommendations
      </button>
      <h1 id="detail-title" ref={heading} tabIndex={-1}>
        {control?.title ?? controlId}
      </h1>
      <p className="detail-meta">
        {verdict && <span className={`status-chip ${verdict.status}`}>{statusLabels[verdict.status]}</span>}
        {severity && <span className={`severity ${severity}`}>{severityLabels[severity]}</span>}
        {finding && finding.pointsAtStake > 0 && <span className="points">{formatPoints(finding.pointsAtStake)}</span>}
        {control && <span className="muted">{metricTitle(control.metric)}</span>}
      </p>

      {!control && <p className="banner">This check is not part of this version of Posture Lens; scan again to refresh the list.</p>}

      {verdict ? (
        <section aria-labelledby="wrong-title">
          <h2 id="wrong-title">{verdict.status === 'compliant' ? 'Result' : 'What is wrong'}</h2>
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
            <ul className="notes" aria-label="Notes">
              {verdict.notes.map((note, index) => (
                <li key={index}>{bidiSafe(note)}</li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <p className="muted">The latest scan has no result for this check.</p>
      )}

      {control && (
        <>
          <section aria-labelledby="why-title">
            <h2 id="why-title">Why it matters</h2>
            <p>{control.rationale}</p>
          </section>
          <section aria-labelledby="about-title">
            <h2 id="about-title">About this check</h2>
            <p>{control.description}</p>
          </section>
        </>
      )}

      {verdict && verdict.affected.length > 0 && (
        <section aria-labelledby="affected-title">
          <h2 id="affected-title">Affected ({verdict.affectedTotal ?? verdict.affected.length})</h2>
          <ul className="affected">
            {verdict.affected.map((entity) => (
              <li key={entity.id}>
                <span className="entity-name">{bidiSafe(entity.name)}</span>
                {entity.kind && <span className="muted"> · {bidiSafe(entity.kind)}</span>}
                {entity.detail && <div className="muted">{bidiSafe(entity.detail)}</div>}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="muted">and {more} more</p>}
        </section>
      )}

      {tags.length > 0 && (
        <section aria-labelledby="frameworks-title">
          <h2 id="frameworks-title">Frameworks</h2>
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
        <section aria-labelledby="references-title">
          <h2 id="references-title">References</h2>
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

      {control && (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">Fix it step by step</h2>
          <p>{control.remediation.summary}</p>
          <Steps
            app={app}
            tabId={tabId}
            controlId={controlId}
            steps={control.remediation.steps}
            scorePercent={scorePercent}
            anchorStatus={anchorStatus}
          />
        </section>
      )}
    </article>
  );
}
