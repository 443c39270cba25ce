import type { ReactNode } from 'react';
import { supportedApps } from '@/components/catalog';
import { errorTitles } from '@/components/format';
import { statusLabels } from '@/components/recommendations';
import type { VerdictStatus } from '@/utils/controls';
import type { ScanErrorInfo } from '@/utils/errors';
import type { ExceptionKind } from '@/utils/scoring';
import { bidiSafe } from '@/utils/bidi';

export function ErrorBanner({ error }: { error: ScanErrorInfo }) {
  return (
    <div className="banner error" role="alert">
      <strong>{errorTitles[error.kind]}</strong>
      {bidiSafe(error.message)}
    </div>
  );
}

/** What to do when there is nothing to show yet. */
export function NoInstances() {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p>
        <strong>No instance connected yet.</strong>
      </p>
      <p>
        Connect an instance from the toolbar popup on its admin page: open the admin console of {supportedApps}, choose the Posture Lens
        icon, then Connect. Its score and recommendations appear here after the first scan.
      </p>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty-state">{children}</div>;
}

/** Placeholder lines of the height the content will have, so nothing moves when the data arrives. */
export function Skeleton({ lines = 3, height = 20 }: { lines?: number; height?: number }) {
  return (
    <div className="skeleton" aria-hidden="true">
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="skeleton-line" style={{ height }} />
      ))}
    </div>
  );
}

export function StatusText({ status }: { status: VerdictStatus }) {
  return <span className={`status-text ${status}`}>{statusLabels[status]}</span>;
}

export const exceptionKindLabels: Record<ExceptionKind, string> = {
  risk_accepted: 'Risk accepted',
  alternate_mitigation: 'Mitigated by an alternate control',
  third_party: 'Resolved through a third-party tool',
  incorrect_result: 'Incorrect result',
};

/** What each kind does to the score, said beside the choice. */
export const exceptionKindEffects: Record<ExceptionKind, string> = {
  risk_accepted: 'Earns no points; shown as accepted.',
  alternate_mitigation: 'Counts as achieved.',
  third_party: 'Counts as achieved.',
  incorrect_result: 'Left out of the score and flagged for review.',
};

export function ExceptionStateBadge({ state }: { state: 'active' | 'lapsed' }) {
  return <span className={`exception-state ${state}`}>{state === 'active' ? 'Active' : 'Lapsed'}</span>;
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | undefined, options: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...(options.seconds ? { second: '2-digit' as const } : {}),
      });
}

/** A scan's time to the second: a rescan after a fix often comes within the same minute as the scan before. */
export const formatScanTime = (iso: string | undefined) => formatDateTime(iso, { seconds: true });
