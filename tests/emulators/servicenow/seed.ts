import { createHash } from 'node:crypto';
import { hardeningCatalog, type HardeningComparison } from '../../../connectors/servicenow/hardening-catalog';
import { type HardeningCheck, hardeningChecks } from '../../../connectors/servicenow/hardening-checks';

/**
 * Seed types and builders for the emulated ServiceNow instances. Records are stored as the Table API returns
 * them (every value a string; reference fields hold the target's sys_id), per table (tables.ts), so the API
 * serves them as they are and the classic pages render the same values. Dates are relative to `now`.
 */
export type SnRecord = Record<string, string>;

export interface Credentials {
  userName: string;
  password: string;
}

export interface ServiceNowInstanceSeed {
  /** Instance name: `<name>.service-now.com` (and `<name>.servicenowservices.com`). */
  name: string;
  /** `glide.product.description`, shown in the page header. */
  displayName: string;
  /** Holds `admin` (and security_admin): reads every table. */
  admin: Credentials;
  /** Holds `itil` only: 403 on the admin tables. */
  nonAdmin: Credentials;
  /** Records per table name (tables.ts). `blacklisted_password` is generated from `excludedPasswordCount`. */
  tables: Record<string, SnRecord[]>;
  /** Rows of `blacklisted_password` (the emulator generates them; only their count matters). */
  excludedPasswordCount: number;
}

export const DAY = 86_400_000;

/** ServiceNow's date-time format, UTC: `YYYY-MM-DD HH:mm:ss`. */
export function snDate(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

/** A 32-hex sys_id derived from a key (deterministic). */
export function sysId(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 32);
}

/** ServiceNow's two lockout script actions (reference §3.2; the same sys_ids as connectors/servicenow/sources.ts). */
export const lockoutActionIds = {
  lockout: '5e44f9bf0a0a0a0a019a6440b2137767',
  lockoutWithAutoUnlock: 'd92636b2975301008e00958e3b297567',
} as const;

/** The demo SAML keystore sys_id the hardening docs warn about (SN.HARD.174). */
export const demoKeystoreSysId = 'c60ad24b732220103a5b0dd43cf6a7db';

// ---------------------------------------------------------------------------------------------------------
// System properties from the hardening catalog

export interface PropertySpec {
  name: string;
  /** Catalog title (description of the sys_properties record). */
  title: string;
  /** A value that meets the recommendation. */
  compliant: string;
}

/**
 * A value that meets a recommendation: the recommended value itself, the first of a `oneOf` list, the upper end
 * of an `atMost` range. A row a later page reversed (`supersededBy`) is skipped, so the later recommendation wins.
 */
export function compliantValue(recommended: string, comparison: Exclude<HardeningComparison, 'manual'>): string {
  if (comparison === 'oneOf') return recommended.split(',')[0]?.trim() ?? recommended;
  const range = /^(\d+)-(\d+)$/.exec(recommended);
  if (range && (comparison === 'atMost' || comparison === 'atLeast')) return range[2] as string;
  return recommended;
}

function checkSpec(check: HardeningCheck, title: string, instance: string): PropertySpec | undefined {
  switch (check.kind) {
    case 'property':
      return { name: check.property, title, compliant: compliantValue(check.recommended, check.comparison) };
    case 'propertyExcludes':
      // A customer keystore: any sys_id that is not a demo one.
      return { name: check.property, title, compliant: sysId(`${instance}:saml-keystore`) };
    case 'propertyNonEmpty':
      return { name: check.property, title, compliant: `https://www.${instance}.example,https://portal.${instance}.example` };
    default:
      return undefined;
  }
}

/**
 * Every property the hardening catalog decides by one property, then every property its composite checks
 * (hardening-checks.ts) read: each once, in catalog order.
 */
export function catalogProperties(instance: string): PropertySpec[] {
  const specs = new Map<string, PropertySpec>();
  for (const row of hardeningCatalog) {
    if (!row.property || row.comparison === 'manual' || row.supersededBy || specs.has(row.property)) continue;
    specs.set(row.property, { name: row.property, title: row.title, compliant: compliantValue(row.recommended, row.comparison) });
  }
  for (const [id, checks] of Object.entries(hardeningChecks)) {
    const title = hardeningCatalog.find((row) => row.id === id)?.title ?? id;
    for (const check of checks) {
      const spec = checkSpec(check, title, instance);
      if (spec && !specs.has(spec.name)) specs.set(spec.name, spec);
    }
  }
  return [...specs.values()];
}

/** sys_properties `type` of a value. */
export function propertyType(value: string): string {
  if (value === 'true' || value === 'false') return 'boolean';
  if (/^-?\d+$/.test(value)) return 'integer';
  return 'string';
}

// ---------------------------------------------------------------------------------------------------------
// Builder

export interface UserOptions {
  email?: string;
  active?: boolean;
  lockedOut?: boolean;
  /** Days since the last login; null = never logged in. Default 1. */
  lastLoginDays?: number | null;
  createdDays?: number;
  mfa?: boolean;
  integration?: boolean;
  webServiceOnly?: boolean;
}

/** Builds an instance's tables with deterministic sys_ids and dates relative to `now`. */
export class InstanceBuilder {
  readonly tables: Record<string, SnRecord[]> = {};
  private readonly counters = new Map<string, number>();
  private readonly roles = new Map<string, SnRecord>();
  private readonly groups = new Map<string, SnRecord>();

  constructor(readonly name: string, readonly domain: string, readonly now = Date.now()) {}

  /** Deterministic sys_id: the n-th record of a table in this instance. */
  id(table: string): string {
    const n = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, n);
    return sysId(`${this.name}:${table}:${n}`);
  }

  daysAgo(days: number): string {
    return snDate(this.now - days * DAY);
  }

  add(table: string, record: SnRecord): SnRecord {
    const row = { sys_id: record.sys_id ?? this.id(table), ...record };
    (this.tables[table] ??= []).push(row);
    return row;
  }

  role(name: string, description = ''): SnRecord {
    const existing = this.roles.get(name);
    if (existing) return existing;
    const role = this.add('sys_user_role', { name, description, elevated_privilege: String(name === 'security_admin') });
    this.roles.set(name, role);
    return role;
  }

  group(name: string, description = ''): SnRecord {
    const existing = this.groups.get(name);
    if (existing) return existing;
    const group = this.add('sys_user_group', { name, active: 'true', description });
    this.groups.set(name, group);
    return group;
  }

  user(userName: string, name: string, o: UserOptions = {}): SnRecord {
    const createdDays = o.createdDays ?? 600;
    const lastLogin = o.lastLoginDays === null ? '' : this.daysAgo(o.lastLoginDays ?? 1);
    return this.add('sys_user', {
      user_name: userName, name, email: o.email ?? `${userName}@${this.domain}`, active: String(o.active ?? true), locked_out: String(o.lockedOut ?? false),
      last_login_time: lastLogin, web_service_access_only: String(o.webServiceOnly ?? false), internal_integration_user: String(o.integration ?? false),
      enable_multifactor_authn: String(o.mfa ?? false), sys_created_on: this.daysAgo(createdDays),
    });
  }

  /** A role grant: direct, or `inherited` through a group (`granted_by`). */
  grant(user: SnRecord, roleName: string, o: { group?: string } = {}): SnRecord {
    return this.add('sys_user_has_role', {
      user: user.sys_id as string, role: this.role(roleName).sys_id as string, inherited: String(Boolean(o.group)),
      granted_by: o.group ? (this.group(o.group).sys_id as string) : '', state: 'active', sys_created_on: this.daysAgo(300),
    });
  }

  plugin(id: string, name: string, active: boolean, version = '1.0.0'): SnRecord {
    return this.add('v_plugin', { sys_id: sysId(`plugin:${id}`), id, name, active: active ? 'active' : 'inactive', version });
  }

  property(name: string, value: string, description = ''): SnRecord {
    return this.add('sys_properties', { sys_id: sysId(`${this.name}:property:${name}`), name, value, type: propertyType(value), description, sys_updated_on: this.daysAgo(30) });
  }

  /**
   * Seeds sys_properties from the hardening catalog: `overrides` first (null = no record), then every other
   * catalog property compliant unless `absent(index)` (index among the properties not overridden) leaves it out.
   */
  catalogProperties(o: { overrides: Record<string, string | null>; absent?: (index: number) => boolean; extras: Record<string, string> }): void {
    const specs = catalogProperties(this.name);
    let index = 0;
    for (const spec of specs) {
      if (spec.name in o.overrides) {
        const value = o.overrides[spec.name];
        if (value !== null && value !== undefined) this.property(spec.name, value, spec.title);
        continue;
      }
      const skip = o.absent?.(index) ?? false;
      index += 1;
      if (!skip) this.property(spec.name, spec.compliant, spec.title);
    }
    const known = new Set(specs.map((spec) => spec.name));
    for (const [name, value] of Object.entries(o.overrides)) if (!known.has(name) && value !== null) this.property(name, value);
    for (const [name, value] of Object.entries(o.extras)) this.property(name, value);
  }

  scriptActions(o: { lockout: boolean; lockoutWithAutoUnlock: boolean }): void {
    this.add('sysevent_script_action', { sys_id: lockoutActionIds.lockout, name: 'SNC User Lockout Check', event_name: 'login.failed', active: String(o.lockout) });
    this.add('sysevent_script_action', { sys_id: lockoutActionIds.lockoutWithAutoUnlock, name: 'SNC User Lockout Check with Auto Unlock', event_name: 'login.failed', active: String(o.lockoutWithAutoUnlock) });
    this.add('sysevent_script_action', { name: 'Update user locked out', event_name: 'user.locked_out', active: 'true' });
    this.add('sysevent_script_action', { name: 'Process attachment', event_name: 'attachment.uploaded', active: 'true' });
  }

  /** An application scope (`sys_scope`); `global` has the sys_id `global`, as on every instance. */
  appScope(scope: string, name: string, vendor = ''): SnRecord {
    const existing = this.tables.sys_scope?.find((row) => row.scope === scope);
    if (existing) return existing;
    return this.add('sys_scope', { ...(scope === 'global' ? { sys_id: 'global' } : {}), scope, name, vendor, version: scope === 'global' ? '' : '1.0.0' });
  }

  /**
   * An Application Registry entry, in the global scope unless `scope` says otherwise, created by `createdBy` (`system` for
   * what ServiceNow ships); `runsAs` is the OAuth Application User of a client-credentials entry.
   */
  oauth(name: string, o: {
    type?: 'client' | 'oauth_provider'; active?: boolean; access: number; refresh: number; redirect: string; updatedDays?: number;
    createdBy?: string; createdDays?: number; scope?: SnRecord; runsAs?: SnRecord;
  }): SnRecord {
    return this.add('oauth_entity', {
      name, type: o.type ?? 'client', active: String(o.active ?? true), access_token_lifespan: String(o.access), refresh_token_lifespan: String(o.refresh),
      redirect_url: o.redirect, client_id: sysId(`${this.name}:client:${name}`), client_secret: `emulated-secret-${sysId(`${this.name}:secret:${name}`).slice(0, 20)}`,
      user: (o.runsAs?.sys_id as string | undefined) ?? '', sys_scope: (o.scope ?? this.appScope('global', 'Global')).sys_id as string,
      sys_created_by: o.createdBy ?? 'admin', sys_created_on: this.daysAgo(o.createdDays ?? Math.max(400, o.updatedDays ?? 90)),
      sys_updated_on: this.daysAgo(o.updatedDays ?? 90),
    });
  }

  /** A scope the entry may request (its OAuth Entity Scopes related list). */
  oauthScope(entity: SnRecord, scope: string): SnRecord {
    return this.add('oauth_entity_scope', { name: scope, oauth_entity_scope: scope, oauth_entity: entity.sys_id as string });
  }

  /** A token the instance issued to `entity` for `user`, `issuedDays` ago, expiring `expiresInDays` from now (negative: expired). */
  token(entity: SnRecord, user: SnRecord, o: { type?: 'access_token' | 'refresh_token'; issuedDays: number; expiresInDays: number }): SnRecord {
    const id = this.id('oauth_credential');
    return this.add('oauth_credential', {
      sys_id: id, peer: entity.sys_id as string, user: user.sys_id as string, type: o.type ?? 'refresh_token',
      expires: this.daysAgo(-o.expiresInDays), token: `emulated-token-${id.slice(0, 24)}`, sys_created_on: this.daysAgo(o.issuedDays),
    });
  }

  certificate(name: string, type: string, validFromDays: number, expiresInDays: number, active = true): SnRecord {
    return this.add('sys_certificate', { name, type, active: String(active), valid_from: this.daysAgo(validFromDays), expires: this.daysAgo(-expiresInDays) });
  }

  build(o: Omit<ServiceNowInstanceSeed, 'tables' | 'name'>): ServiceNowInstanceSeed {
    return { name: this.name, tables: this.tables, ...o };
  }
}

/** The base roles every instance has (besides the ones grants create). */
export const baseRoles: Array<[string, string]> = [
  ['admin', 'Administrator'], ['security_admin', 'Security administrator (elevated)'], ['impersonator', 'Can impersonate users'],
  ['oauth_admin', 'Manages OAuth applications'], ['user_admin', 'Manages users and groups'], ['itil', 'ITIL fulfiller'],
  ['report_admin', 'Manages reports'], ['snc_internal', 'Internal user'], ['approver_user', 'Approver'],
];

/** Default public pages of a base instance. */
export const defaultPublicPages = ['login_locate_sso', 'logout_redirect', 'welcome'];
