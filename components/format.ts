import type { ScanErrorKind } from '@/utils/errors';

/** Grades as Salesforce Health Check names them, so admins read our score on a familiar scale. */
export function gradeOf(percent: number): string {
  if (percent >= 90) return 'Excellent';
  if (percent >= 80) return 'Very good';
  if (percent >= 70) return 'Good';
  if (percent >= 55) return 'Poor';
  return 'Very poor';
}

export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return new Date(iso).toLocaleDateString();
}

export const errorTitles: Record<ScanErrorKind, string> = {
  session_expired: 'Session expired',
  api_disabled: 'API access disabled for your user',
  forbidden: 'Not allowed',
  rate_limited: 'Rate limited',
  limit_exhausted: 'API limit used up',
  server_error: 'Server error',
  timeout: 'Timed out',
  network: 'Network error',
  malformed: 'Unreadable answer',
  request_budget: 'Too many requests',
  not_found: 'Not found',
  not_signed_in: 'Not signed in',
  unsupported_page: 'Not an admin page',
};

/**
 * "A", "A or B", "A, B, or C", as `Intl.ListFormat('en', { type: 'disjunction' })` writes them, without it:
 * the first Intl call of a page loads the locale data, which the popup would pay for on every open.
 */
export function oneOf(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' or ');
  return `${names.slice(0, -1).join(', ')}, or ${names.at(-1)}`;
}
