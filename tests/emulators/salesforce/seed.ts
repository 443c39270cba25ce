import { formatDate, formatDateTime, type PermissionField, permissionFields, type Row } from './schema';

/** Shape of a seeded org and the helpers that build one deterministically (dates relative to `now`). */

export type XmlValue = string | number | boolean | XmlValue[] | { [key: string]: XmlValue | undefined };

export interface SecuritySettingsSeed {
  [key: string]: XmlValue | undefined;
  networkAccess: { ipRanges: Array<{ start: string; end: string; description?: string }> };
  passwordPolicies: Record<string, string | number | boolean>;
  sessionSettings: Record<string, string | boolean>;
  singleSignOnSettings: Record<string, boolean>;
}

export interface OrgSeed {
  /** My Domain name: acme → acme.my.salesforce.com */
  myDomain: string;
  /** 18-character org id (00D…). */
  orgId: string;
  name: string;
  /** The admin the login form accepts. */
  username: string;
  password: string;
  /** Records by sObject name (see schema.ts for the fields). */
  records: Record<string, Row[]>;
  /** Metadata API SecuritySettings (fullName Security), serialised as readMetadata XML. */
  securitySettings: SecuritySettingsSeed;
  /** Metadata API ConnectedAppSettings (fullName ConnectedApp); omit enableAdminApprovedAppsOnly when API Access Control is not enabled. */
  connectedAppSettings: Record<string, boolean>;
  /**
   * Metadata API ConnectedApp records by full name (`<namespace>__<API name>` for packaged apps), for the installed
   * connected apps: label, oauthConfig (with the consumer key and secret a real org may send), oauthPolicy.
   */
  connectedAppMetadata?: Record<string, { [key: string]: XmlValue | undefined }>;
  limits: { dailyApiRequests: { max: number; used: number } };
  /** Whether Salesforce Support has turned API Access Control on (drives the Setup page). */
  apiAccessControlAvailable: boolean;
}

const DAY = 24 * 3600 * 1000;

/** Salesforce's 15 → 18 character id suffix. */
export function toId18(id15: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let index = 0; index < 5; index++) {
      const char = id15[chunk * 5 + index] ?? '';
      if (char >= 'A' && char <= 'Z') bits |= 1 << index;
    }
    suffix += alphabet[bits];
  }
  return id15 + suffix;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function toBase62(value: number, width: number): string {
  let result = '';
  let rest = value;
  do {
    result = base62[rest % 62] + result;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return result.padStart(width, '0');
}

/** Id factory for one org: `prefix` (3) + pod (2) + '0' + counter (9), plus the checksum. */
export function idFactory(pod: string, start = 1000) {
  const counters = new Map<string, number>();
  return (prefix: string): string => {
    const next = (counters.get(prefix) ?? start) + 1;
    counters.set(prefix, next);
    return toId18(`${prefix}${pod}0${toBase62(next * 7919, 9)}`);
  };
}

export function clock(now: number) {
  return {
    daysAgo: (days: number, hours = 9) => formatDateTime(Math.floor(now / DAY) * DAY - days * DAY + hours * 3600 * 1000),
    dateIn: (days: number) => formatDate(now + days * DAY),
    hoursAgo: (hours: number) => formatDateTime(now - hours * 3600 * 1000),
  };
}

export type Permissions = Partial<Record<PermissionField, boolean>>;

export function permissionValues(granted: Permissions): Record<PermissionField, boolean> {
  return Object.fromEntries(permissionFields.map((field) => [field, granted[field] ?? false])) as Record<PermissionField, boolean>;
}

export const adminPermissions: Permissions = {
  PermissionsModifyAllData: true,
  PermissionsViewAllData: true,
  PermissionsAuthorApex: true,
  PermissionsCustomizeApplication: true,
  PermissionsManageUsers: true,
  PermissionsApiEnabled: true,
  PermissionsViewSetup: true,
  PermissionsViewEventLogFiles: true,
  PermissionsManageSecurity: true,
  PermissionsResetPasswords: true,
};

export interface ProfileSpec {
  key: string;
  name: string;
  userType?: string;
  permissions: Permissions;
  description?: string;
}

export interface PermissionSetSpec {
  key: string;
  name: string;
  label: string;
  permissions: Permissions;
  description?: string;
}

export interface UserSpec {
  key?: string;
  first: string;
  last: string;
  profile: string;
  /** Days since last login; null = never logged in. */
  lastLogin: number | null;
  created: number;
  active?: boolean;
  userType?: string;
  title?: string;
  department?: string;
  username?: string;
  mfa?: Partial<Record<'HasSalesforceAuthenticator' | 'HasTotp' | 'HasU2F' | 'HasBuiltInAuthenticator' | 'HasUserVerifiedMobileNumber', boolean>>;
  permissionSets?: string[];
}

/** Builds profiles, their profile-owned permission sets, users, assignments and MFA rows. */
export function buildPeople(options: {
  newId: (prefix: string) => string;
  at: ReturnType<typeof clock>;
  domain: string;
  profiles: ProfileSpec[];
  permissionSets: PermissionSetSpec[];
  users: UserSpec[];
}) {
  const { newId, at } = options;
  const profileIds = new Map<string, string>();
  const permissionSetIds = new Map<string, string>();
  const userIds = new Map<string, string>();
  const records: Record<string, Row[]> = { Profile: [], PermissionSet: [], User: [], PermissionSetAssignment: [], TwoFactorMethodsInfo: [] };
  const profilePermissionSet = new Map<string, string>();
  for (const profile of options.profiles) {
    const id = newId('00e');
    profileIds.set(profile.key, id);
    const stamps = { CreatedDate: at.daysAgo(900), LastModifiedDate: at.daysAgo(60), SystemModstamp: at.daysAgo(60) };
    records.Profile?.push({ Id: id, Name: profile.name, Description: profile.description ?? null, UserType: profile.userType ?? 'Standard', ...permissionValues(profile.permissions), ...stamps });
    const setId = newId('0PS');
    profilePermissionSet.set(profile.key, setId);
    records.PermissionSet?.push({
      Id: setId, Name: `X${id.slice(0, 15)}`, Label: id.slice(0, 15), Description: null, IsOwnedByProfile: true, IsCustom: false,
      ProfileId: id, Type: 'Profile', NamespacePrefix: null, ...permissionValues(profile.permissions), ...stamps,
    });
  }
  for (const set of options.permissionSets) {
    const id = newId('0PS');
    permissionSetIds.set(set.key, id);
    records.PermissionSet?.push({
      Id: id, Name: set.name, Label: set.label, Description: set.description ?? null, IsOwnedByProfile: false, IsCustom: true,
      ProfileId: null, Type: 'Regular', NamespacePrefix: null, ...permissionValues(set.permissions),
      CreatedDate: at.daysAgo(400), LastModifiedDate: at.daysAgo(45), SystemModstamp: at.daysAgo(45),
    });
  }
  for (const user of options.users) {
    const id = newId('005');
    if (user.key) userIds.set(user.key, id);
    const username = user.username ?? `${user.first}.${user.last}@${options.domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
    records.User?.push({
      Id: id, Username: username, Name: `${user.first} ${user.last}`.trim(), FirstName: user.first || null, LastName: user.last,
      Alias: `${user.first.slice(0, 1)}${user.last.slice(0, 4)}`.toLowerCase(), Email: username.replace(/\.demo$/, ''),
      Title: user.title ?? null, Department: user.department ?? null, IsActive: user.active ?? true, UserType: user.userType ?? 'Standard',
      ProfileId: profileIds.get(user.profile) ?? null, LastLoginDate: user.lastLogin === null ? null : at.daysAgo(user.lastLogin, 8 + (id.charCodeAt(12) % 9)),
      LastPasswordChangeDate: at.daysAgo(Math.min(user.created, 300)), FederationIdentifier: null, TimeZoneSidKey: 'America/Los_Angeles',
      CreatedDate: at.daysAgo(user.created), LastModifiedDate: at.daysAgo(Math.min(user.created, 20)), SystemModstamp: at.daysAgo(Math.min(user.created, 20)),
    });
    const assign = (permissionSetId: string | undefined) => {
      if (permissionSetId) {
        records.PermissionSetAssignment?.push({ Id: newId('0Pa'), AssigneeId: id, PermissionSetId: permissionSetId, PermissionSetGroupId: null, IsActive: true, ExpirationDate: null, SystemModstamp: at.daysAgo(Math.min(user.created, 30)) });
      }
    };
    assign(profilePermissionSet.get(user.profile));
    for (const set of user.permissionSets ?? []) assign(permissionSetIds.get(set));
    records.TwoFactorMethodsInfo?.push({
      Id: newId('0tf'), UserId: id, HasSalesforceAuthenticator: false, HasTotp: false, HasU2F: false, HasBuiltInAuthenticator: false,
      HasUserVerifiedMobileNumber: false, HasUserVerifiedEmailAddress: true, HasVerifiedMobileNumber: false, LastVerifiedMobileNumber: null, ...user.mfa,
    });
  }
  return { records, profileIds, permissionSetIds, userIds, profilePermissionSet };
}

export const firstNames = ['James', 'Maria', 'Robert', 'Linda', 'Michael', 'Aisha', 'David', 'Sofia', 'Daniel', 'Emily', 'Joseph', 'Olivia', 'Hiroshi', 'Fatima', 'Carlos', 'Grace', 'Wei', 'Hannah', 'Ahmed', 'Chloe', 'Lucas', 'Isabel', 'Noah', 'Amara', 'Ethan', 'Mei', 'Samuel', 'Zoe', 'Omar', 'Leah', 'Mateo', 'Nina', 'Kwame', 'Elena', 'Raj', 'Sarah', 'Ivan', 'Julia', 'Diego', 'Anya'];
export const lastNames = ['Smith', 'Garcia', 'Johnson', 'Nguyen', 'Brown', 'Patel', 'Miller', 'Rossi', 'Wilson', 'Kim', 'Moore', 'Haddad', 'Taylor', 'Novak', 'Anderson', 'Silva', 'Thomas', 'Yamamoto', 'Jackson', 'Okonkwo', 'Martin', 'Fischer', 'Lee', 'Dubois', 'Walker', 'Kowalski', 'Hall', 'Ibrahim', 'Young', 'Larsen', 'King', 'Costa', 'Wright', 'Murphy', 'Lopez', 'Schmidt', 'Hill', 'Andersson', 'Scott', 'Reyes'];
