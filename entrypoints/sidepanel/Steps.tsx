import { useState } from 'react';
import { anchorLabel, pageOf } from '@/components/catalog';
import { formatPoints, missingAnchorMessage, scoreChange, statusLabels } from '@/components/recommendations';
import type { RemediationStep } from '@/utils/controls';
import type { ScanErrorInfo } from '@/utils/errors';
import { sendRequest, type AnchorStatus, type VerifyResult } from '@/utils/messaging';
import { bidiSafe } from '@/utils/bidi';

interface Props {
  app: string;
  tabId: number;
  controlId: string;
  steps: RemediationStep[];
  /** The instance score now, so a Verify can say how it moved. */
  scorePercent: number | null;
  anchorStatus?: AnchorStatus;
}

function backgroundSilent(error: unknown): ScanErrorInfo {
  return { kind: 'network', message: `The extension's background did not answer (${String(error)}). Close and reopen the side panel.` };
}

/** The remediation steps in order, each able to take the tab to its page, then Verify. */
export function Steps({ app, tabId, controlId, steps, scorePercent, anchorStatus }: Props) {
  return (
    <ol className="steps">
      {steps.map((step, index) => (
        <Step key={index} app={app} tabId={tabId} controlId={controlId} step={step} index={index} anchorStatus={anchorStatus} />
      ))}
      <VerifyStep tabId={tabId} controlId={controlId} scorePercent={scorePercent} />
    </ol>
  );
}

function Step({
  app,
  tabId,
  controlId,
  step,
  index,
  anchorStatus,
}: {
  app: string;
  tabId: number;
  controlId: string;
  step: RemediationStep;
  index: number;
  anchorStatus?: AnchorStatus;
}) {
  const [going, setGoing] = useState(false);
  const [error, setError] = useState<ScanErrorInfo>();
  const pageTitle = pageOf(app, step.page)?.title ?? step.page;
  const here = anchorStatus?.pageKey === step.page;

  const go = async () => {
    if (going) return;
    setGoing(true);
    setError(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'walkthrough/go', tabId, controlId, stepIndex: index });
      if (!result.ok) setError(result.error);
    } catch (failure) {
      setError(backgroundSilent(failure));
    } finally {
      setGoing(false);
    }
  };

  return (
    <li className={`step${here ? ' here' : ''}`} aria-current={here ? 'step' : undefined}>
      <div className="step-body">
        <p className="step-text">{step.text}</p>
        <p className="muted">
          Page: {pageTitle}
          {here && ' · this tab is on it'}
        </p>
        <button type="button" aria-label={`Go to page: ${pageTitle}`} onClick={go} aria-disabled={going}>
          {going ? 'Opening…' : 'Go to page'}
        </button>
        <div role="status" aria-live="polite">
          {error && <p className="step-error">{error.message}</p>}
          {here && step.anchor && <AnchorNote app={app} page={step.page} anchor={step.anchor} status={anchorStatus} />}
        </div>
      </div>
    </li>
  );
}

/** Whether the overlay found this step's field on the page: said plainly, never guessed. */
function AnchorNote({ app, page, anchor, status }: { app: string; page: string; anchor: string; status?: AnchorStatus }) {
  const label = anchorLabel(app, page, anchor);
  if (status?.missing.includes(anchor)) return <p className="anchor-missing">{missingAnchorMessage(label)}</p>;
  if (status?.found.includes(anchor)) {
    return <p className="anchor-found">{label ? `“${label}” is marked on the page.` : 'The field is marked on the page.'}</p>;
  }
  return null;
}

type VerifyState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; before: number | null; result: Extract<VerifyResult, { ok: true }> }
  | { phase: 'failed'; error: ScanErrorInfo };

function VerifyStep({ tabId, controlId, scorePercent }: { tabId: number; controlId: string; scorePercent: number | null }) {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });

  const running = state.phase === 'running';
  const verify = async () => {
    if (running) return;
    const before = scorePercent;
    setState({ phase: 'running' });
    try {
      const result = await sendRequest(browser.runtime, { type: 'control/verify', tabId, controlId });
      setState(result.ok ? { phase: 'done', before, result } : { phase: 'failed', error: result.error });
    } catch (failure) {
      setState({ phase: 'failed', error: backgroundSilent(failure) });
    }
  };

  // aria-disabled rather than disabled: a disabled button drops the keyboard focus to the page.
  return (
    <li className="step verify-step">
      <div className="step-body">
        <p className="step-text">Verify: Posture Lens re-reads only what this check needs and shows the new result.</p>
        <button type="button" className="primary" onClick={verify} aria-disabled={running} aria-describedby="verify-result">
          Verify
        </button>
        <div id="verify-result" className="verify-result" role="status" aria-live="polite">
          {running && <p className="muted">Verifying… reading the current settings.</p>}
          {state.phase === 'done' && <VerifyOutcome before={state.before} result={state.result} />}
          {state.phase === 'failed' && (
            <p className="step-error">
              <strong>Verify failed.</strong> {bidiSafe(state.error.message)}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}

function VerifyOutcome({ before, result }: { before: number | null; result: Extract<VerifyResult, { ok: true }> }) {
  const change = scoreChange(before, result.scorePercent);
  return (
    <div className={`verify-outcome ${result.verdict.status}`}>
      <p>
        <strong>Result: {statusLabels[result.verdict.status]}.</strong> {bidiSafe(result.verdict.reason)}
      </p>
      {change && <p data-testid="verify-score-change">{change}</p>}
      {result.pointsAtStake > 0 && <p className="muted">{formatPoints(result.pointsAtStake)} still to gain.</p>}
    </div>
  );
}
