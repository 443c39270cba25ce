import { useId, useMemo, useState } from 'react';
import { appName } from '@/components/catalog';
import { statusLabels } from '@/components/recommendations';
import type { ExceptionRecord } from '@/utils/db';
import { exceptionInputSchema, sendRequest, type ExceptionInput } from '@/utils/messaging';
import { exceptionKinds, type ExceptionKind } from '@/utils/scoring';
import { backgroundSilent, usePortalState } from './data';
import { Dialog } from './Dialog';
import { rowKey } from './model';
import { exceptionKindEffects, exceptionKindLabels } from './ui';
import { bidiSafe } from '@/utils/bidi';

interface Props {
  /** An exception to edit, or the finding a new one is for (or nothing: choose it in the form). */
  initial?: ExceptionRecord | { instanceKey: string; controlId: string };
  onClose: () => void;
}

/** `2025-03-12` → the end of that day, local time, as ISO 8601 (the exception lapses after it). */
export function expiryFromDate(date: string): string | undefined {
  if (!date) return undefined;
  const parsed = new Date(`${date}T23:59:59.999`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** ISO 8601 → the `yyyy-mm-dd` of the local day, for the date input. */
export function dateFromExpiry(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Create or edit an exception; the original verdict is shown beside it and never changes. */
export function ExceptionForm({ initial, onClose }: Props) {
  const { data, details } = usePortalState();
  const editing = initial && 'id' in initial ? initial : undefined;
  const [instanceKey, setInstanceKey] = useState(initial?.instanceKey ?? data?.instances[0]?.key ?? '');
  const [controlId, setControlId] = useState(initial?.controlId ?? '');
  const [kind, setKind] = useState<ExceptionKind>(editing?.kind ?? 'risk_accepted');
  const [rationale, setRationale] = useState(editing?.rationale ?? '');
  const [owner, setOwner] = useState(editing?.owner ?? '');
  const [expiry, setExpiry] = useState(dateFromExpiry(editing?.expiresAt));
  const [someEntities, setSomeEntities] = useState(Boolean(editing?.entityIds?.length));
  const [entityIds, setEntityIds] = useState<Set<string>>(new Set(editing?.entityIds ?? []));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const id = useId();

  const entry = details?.entries.get(rowKey(instanceKey, controlId));
  const affected = entry?.finding.verdict.affected ?? [];
  const fixed = Boolean(initial);
  const choices = useMemo(
    () =>
      (details?.rows ?? [])
        .filter((row) => row.instanceKey === instanceKey && (row.status === 'non_compliant' || row.status === 'partial' || row.controlId === controlId))
        .sort((a, b) => a.title.localeCompare(b.title)),
    [details, instanceKey, controlId],
  );

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!instanceKey) found.instance = 'Choose the instance.';
    if (!controlId) found.control = 'Choose the recommendation.';
    if (!rationale.trim()) found.rationale = 'Say why: the rationale is required.';
    if (!owner.trim()) found.owner = 'Name who owns this decision.';
    if (someEntities && entityIds.size === 0) found.entities = 'Choose at least one affected entity, or except the whole recommendation.';
    if (expiry && !expiryFromDate(expiry)) found.expiry = 'Enter a valid date.';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const input: ExceptionInput = {
      ...(editing ? { id: editing.id } : {}),
      instanceKey,
      controlId,
      kind,
      rationale: rationale.trim(),
      owner: owner.trim(),
      ...(expiry ? { expiresAt: expiryFromDate(expiry) } : {}),
      ...(someEntities ? { entityIds: [...entityIds] } : {}),
    };
    const parsed = exceptionInputSchema.safeParse(input);
    if (!parsed.success) {
      setFailure(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await sendRequest(browser.runtime, { type: 'exception/save', exception: parsed.data });
      if (result.ok) onClose();
      else setFailure(result.error.message);
    } catch (error) {
      setFailure(backgroundSilent(error));
    } finally {
      setSaving(false);
    }
  };

  const describe = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);
  const fieldError = (field: string) =>
    errors[field] ? (
      <span id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </span>
    ) : null;

  return (
    <Dialog title={editing ? 'Edit exception' : 'Add exception'} onClose={onClose}>
      <form className="exception-form" data-testid="exception-form" onSubmit={save} noValidate>
        {fixed ? (
          <div className="form-context">
            <p>
              <strong>{entry?.row.title ?? controlId}</strong>
            </p>
            <p className="muted">
              {entry ? `${bidiSafe(entry.instance.name)} (${appName(entry.instance.app)}) · ${controlId}` : `${instanceKey} · ${controlId}`}
            </p>
            {entry && (
              <p>
                Original verdict: <strong className={`status-text ${entry.finding.status}`}>{statusLabels[entry.finding.status]}</strong> —{' '}
                {bidiSafe(entry.finding.verdict.reason)}
              </p>
            )}
          </div>
        ) : (
          <>
            <label className="field">
              <span>Instance</span>
              <select
                id={`${id}-instance`}
                value={instanceKey}
                aria-describedby={describe('instance')}
                onChange={(event) => {
                  setInstanceKey(event.target.value);
                  setControlId('');
                  setEntityIds(new Set());
                }}
              >
                {data?.instances.map((instance) => (
                  <option key={instance.key} value={instance.key}>
                    {bidiSafe(instance.name)} ({appName(instance.app)})
                  </option>
                ))}
              </select>
              {fieldError('instance')}
            </label>
            <label className="field">
              <span>Recommendation</span>
              <select
                id={`${id}-control`}
                value={controlId}
                aria-invalid={Boolean(errors.control)}
                aria-describedby={describe('control')}
                onChange={(event) => {
                  setControlId(event.target.value);
                  setEntityIds(new Set());
                }}
              >
                <option value="">Choose a failing recommendation…</option>
                {choices.map((row) => (
                  <option key={row.key} value={row.controlId}>
                    {row.title} ({statusLabels[row.status]})
                  </option>
                ))}
              </select>
              {fieldError('control')}
            </label>
            {entry && (
              <p className="muted">
                Original verdict: {statusLabels[entry.finding.status]} — {bidiSafe(entry.finding.verdict.reason)}
              </p>
            )}
          </>
        )}

        <fieldset className="kind-choices">
          <legend>Kind</legend>
          {exceptionKinds.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
              <span>
                {exceptionKindLabels[value]}
                <span className="muted"> — {exceptionKindEffects[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <label className="field">
          <span>Rationale (required)</span>
          <textarea
            id={`${id}-rationale`}
            value={rationale}
            rows={3}
            required
            maxLength={2000}
            aria-invalid={Boolean(errors.rationale)}
            aria-describedby={describe('rationale')}
            onChange={(event) => setRationale(event.target.value)}
          />
          {fieldError('rationale')}
        </label>
        <label className="field">
          <span>Owner (required)</span>
          <input
            id={`${id}-owner`}
            value={owner}
            required
            maxLength={200}
            autoComplete="name"
            aria-invalid={Boolean(errors.owner)}
            aria-describedby={describe('owner')}
            onChange={(event) => setOwner(event.target.value)}
          />
          {fieldError('owner')}
        </label>
        <label className="field">
          <span>Expiry date (optional)</span>
          <input
            id={`${id}-expiry`}
            type="date"
            value={expiry}
            aria-invalid={Boolean(errors.expiry)}
            aria-describedby={`${id}-expiry-hint${errors.expiry ? ` ${id}-expiry-error` : ''}`}
            onChange={(event) => setExpiry(event.target.value)}
          />
          <span id={`${id}-expiry-hint`} className="muted">
            The exception lapses by itself at the end of this day and stays listed as lapsed.
          </span>
          {fieldError('expiry')}
        </label>

        {affected.length > 0 && (
          <fieldset className="entity-choices">
            <legend>Scope</legend>
            <label className="choice">
              <input type="checkbox" checked={someEntities} onChange={(event) => setSomeEntities(event.target.checked)} />
              <span>Only these affected entities</span>
            </label>
            {someEntities && (
              <div className="entity-list" id={`${id}-entities`} tabIndex={-1} aria-describedby={describe('entities')}>
                {affected.map((entity) => (
                  <label key={entity.id} className="choice">
                    <input
                      type="checkbox"
                      checked={entityIds.has(entity.id)}
                      onChange={(event) => {
                        const next = new Set(entityIds);
                        if (event.target.checked) next.add(entity.id);
                        else next.delete(entity.id);
                        setEntityIds(next);
                      }}
                    />
                    <span>
                      {bidiSafe(entity.name)}
                      {entity.kind && <span className="muted"> · {bidiSafe(entity.kind)}</span>}
                    </span>
                  </label>
                ))}
                {fieldError('entities')}
              </div>
            )}
          </fieldset>
        )}

        {failure && (
          <p className="step-error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" aria-disabled={saving}>
            {saving ? 'Saving…' : 'Save exception'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
