import { count, dayMs, listAffected, maxAffected, nameList } from '@/utils/evidence';
import type { AffectedEntity, RemediationStep } from '@/utils/controls';
import type { OktaModel } from '../model';
import type { AdminConsolePageKey } from '../pages';

/**
 * Evidence helpers shared by the Okta admin-hygiene and HealthInsight-style controls: naming admins and other
 * entities, counting, reading Okta dates and ISO 8601 durations against the scan's own time, and typed
 * remediation steps (the page is a key of `adminConsolePages`).
 */

export { count, dayMs, listAffected, maxAffected, nameList };

/** "is" / "are" for `n`. */
export const isAre = (n: number) => (n === 1 ? 'is' : 'are');
export const hasHave = (n: number) => (n === 1 ? 'has' : 'have');

/** A step on an Admin Console page; `anchor` when the step is about one field. */
export function step(text: string, page: AdminConsolePageKey, anchor?: string): RemediationStep {
  return anchor ? { text, page, anchor } : { text, page };
}

/** Epoch milliseconds of an Okta timestamp, or undefined when absent or unreadable. */
export function parseOktaDate(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** The scan's "now": from the `scanTime` model value, never the clock. Throws (→ error verdict) when unreadable. */
export function scanNow(scanTime: string): number {
  const now = parseOktaDate(scanTime);
  if (now === undefined) throw new Error(`the scan time "${scanTime}" is not a date`);
  return now;
}

/** Whole days between `then` and `now`. */
export function daysBetween(then: number, now: number): number {
  return Math.floor((now - then) / dayMs);
}

export function dayOf(value: string): string {
  const time = parseOktaDate(value);
  return time === undefined ? value : new Date(time).toISOString().slice(0, 10);
}

/**
 * An ISO 8601 duration (`P30D`, `PT5M`, `P1Y2M`, `P2W`) in minutes; months are 30 days, years 365. Undefined when
 * the text is not a duration.
 */
export function durationMinutes(value: string): number | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    value.trim(),
  );
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return (y! * 365 + mo! * 30 + w! * 7 + d!) * 1440 + h! * 60 + mi! + s! / 60;
}

/** "30 days", "5 minutes", "12 hours". */
export function minutesText(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return count(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return count(minutes / 60, 'hour');
  return count(Math.round(minutes), 'minute');
}

// Admins

export interface AdminAccount {
  id: string;
  /** Display name, or the user id when the account could not be read. */
  name: string;
  login: string | undefined;
  status: string | undefined;
  lastLogin: string | null | undefined;
  /** Active role types (direct assignments as `/users/{id}/roles` returns them); undefined when not read. */
  roles: string[] | undefined;
  /** Active factor types; undefined when not read. */
  factors: string[] | undefined;
}

const roleLabels: Record<string, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organization Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  READ_ONLY_ADMIN: 'Read-Only Administrator',
  REPORT_ADMIN: 'Report Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
  MOBILE_ADMIN: 'Mobile Administrator',
  CUSTOM: 'custom role',
};

export const roleLabel = (type: string) => roleLabels[type] ?? type;

/** Every user the IAM listing names as an admin, with profile, roles and factors joined by user id. */
export function adminAccounts(
  model: Pick<OktaModel, 'adminAssignees'> & Partial<Pick<OktaModel, 'adminUsers' | 'adminRoles' | 'adminFactors'>>,
): AdminAccount[] {
  const seen = new Set<string>();
  const accounts: AdminAccount[] = [];
  for (const assignee of model.adminAssignees) {
    if (seen.has(assignee.id)) continue;
    seen.add(assignee.id);
    const user = model.adminUsers?.[assignee.id];
    const fullName = [user?.profile.firstName, user?.profile.lastName].filter(Boolean).join(' ');
    const roles = model.adminRoles?.[assignee.id];
    const factors = model.adminFactors?.[assignee.id];
    accounts.push({
      id: assignee.id,
      name: fullName || user?.profile.login || assignee.id,
      login: user?.profile.login,
      status: user?.status,
      lastLogin: user ? user.lastLogin : undefined,
      roles: roles?.filter((role) => role.status === undefined || role.status === 'ACTIVE').map((role) => role.type),
      factors: factors?.filter((factor) => factor.status === 'ACTIVE').map((factor) => factor.factorType),
    });
  }
  return accounts;
}

/** "Super Administrator, Group Administrator" */
export function rolesText(admin: AdminAccount): string {
  if (!admin.roles) return 'roles not read';
  return admin.roles.length ? [...new Set(admin.roles)].map(roleLabel).join(', ') : 'no direct role';
}

export function lastLoginText(lastLogin: string | null | undefined): string {
  if (lastLogin === undefined) return 'last sign-in not read';
  return lastLogin ? `last sign-in ${dayOf(lastLogin)}` : 'never signed in';
}

export function adminEntity(admin: AdminAccount, detail: string): AffectedEntity {
  return { id: admin.id, name: admin.name, kind: 'user', detail: [admin.login, detail].filter(Boolean).join(' · ') };
}

/** Okta's factor types, as `/users/{id}/factors` names them, for evidence text. */
const factorLabels: Record<string, string> = {
  webauthn: 'security key or biometric (WebAuthn)',
  u2f: 'U2F security key',
  signed_nonce: 'Okta FastPass',
  push: 'Okta Verify push',
  'token:software:totp': 'authenticator app code',
  'token:hotp': 'HOTP token',
  'token:hardware': 'hardware token',
  token: 'token',
  sms: 'SMS',
  call: 'voice call',
  email: 'email',
  question: 'security question',
  web: 'web',
};

export const factorLabel = (type: string) => factorLabels[type] ?? type;

export function factorsText(types: string[]): string {
  return types.length ? [...new Set(types)].map(factorLabel).join(', ') : 'no active factor';
}
