import { count, dayMs, listAffected, maxAffected, nameList } from '@/utils/evidence';
import type { PermissionFlag, PrivilegedAssignment, QueryRows } from '../model';

/**
 * Evidence helpers shared by the Salesforce controls over users, permissions, apps and integrations:
 * how affected entities are listed and named, how a partly read source is reported, and how
 * Salesforce dates are read.
 */

export { count, dayMs, listAffected, maxAffected, nameList };

/** Sentence for a source of which only the first page was read. */
export function partialNote(rows: QueryRows<unknown>, what: string): string {
  return `Only the first ${rows.records.length} of ${rows.totalSize} ${what} were read, so the list is partial.`;
}

/**
 * Salesforce dateTime values look like 2026-03-01T10:15:00.000+0000; the offset without a colon is
 * not ISO 8601, so it is normalised before parsing. Date-only values (2026-03-01) are UTC midnight.
 */
export function parseSalesforceDate(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : time;
}

/** The calendar day of a Salesforce date, for evidence text. */
export function dayOf(value: string): string {
  const time = parseSalesforceDate(value);
  return time === undefined ? value : new Date(time).toISOString().slice(0, 10);
}

export const permissionLabels: Record<PermissionFlag, string> = {
  PermissionsModifyAllData: 'Modify All Data',
  PermissionsViewAllData: 'View All Data',
  PermissionsAuthorApex: 'Author Apex',
  PermissionsCustomizeApplication: 'Customize Application',
  PermissionsManageUsers: 'Manage Users',
  PermissionsApiEnabled: 'API Enabled',
};

export const permissionFlags = Object.keys(permissionLabels) as PermissionFlag[];

type Grantor = {
  Label: string;
  IsOwnedByProfile: boolean;
  Profile?: { Name: string } | null;
} & Record<PermissionFlag, boolean>;

/** "System Administrator profile" or "Data Steward permission set". */
export function grantorLabel(permissionSet: Grantor): string {
  if (permissionSet.IsOwnedByProfile) {
    // A profile's own permission set has a generated label; the profile name is what admins know.
    return `${permissionSet.Profile?.Name ?? permissionSet.Label} profile`;
  }
  return `${permissionSet.Label} permission set`;
}

export function grantedPermissions(permissionSet: Record<PermissionFlag, boolean>): string[] {
  return permissionFlags.filter((flag) => permissionSet[flag]).map((flag) => permissionLabels[flag]);
}

export interface PrivilegedUser {
  id: string;
  name: string;
  username: string;
  lastLoginDate: string | null;
  grants: Array<{ via: string } & Record<PermissionFlag, boolean>>;
}

/** Permission set assignments → one entry per user, with every profile or permission set that grants them power. */
export function privilegedUsers(rows: QueryRows<PrivilegedAssignment>): PrivilegedUser[] {
  const users = new Map<string, PrivilegedUser>();
  for (const row of rows.records) {
    let user = users.get(row.AssigneeId);
    if (!user) {
      user = {
        id: row.AssigneeId,
        name: row.Assignee.Name,
        username: row.Assignee.Username,
        lastLoginDate: row.Assignee.LastLoginDate,
        grants: [],
      };
      users.set(row.AssigneeId, user);
    }
    const flags = Object.fromEntries(permissionFlags.map((flag) => [flag, row.PermissionSet[flag]])) as Record<
      PermissionFlag,
      boolean
    >;
    user.grants.push({ via: grantorLabel(row.PermissionSet), ...flags });
  }
  return [...users.values()];
}

/** "via System Administrator profile" for the grants that carry `flag` (all grants when no flag). */
export function viaText(user: PrivilegedUser, flag?: PermissionFlag): string {
  const grants = flag ? user.grants.filter((grant) => grant[flag]) : user.grants;
  return `via ${[...new Set(grants.map((grant) => grant.via))].join(', ')}`;
}

export function lastLoginText(lastLoginDate: string | null): string {
  return lastLoginDate ? `last login ${dayOf(lastLoginDate)}` : 'never logged in';
}
