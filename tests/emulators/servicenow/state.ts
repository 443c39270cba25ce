import { type ServiceNowInstanceSeed, type SnRecord, snDate, sysId } from './seed';
import { type TableDef, tableDefs } from './tables';

/**
 * One table of a live instance: the seed's rows plus a sys_id index, rebuilt when rows are added or removed.
 * `version` changes on every write through the emulator (and on `touch()`), which invalidates cached query results.
 */
export class TableState {
  version = 0;
  private index = new Map<string, SnRecord>();
  private indexed?: SnRecord[];
  private indexedLength = -1;

  constructor(readonly def: TableDef, private readonly source: () => SnRecord[]) {}

  get rows(): SnRecord[] {
    return this.source();
  }

  get(id: string): SnRecord | undefined {
    const rows = this.rows;
    if (rows !== this.indexed || rows.length !== this.indexedLength) {
      this.index = new Map(rows.map((row) => [row.sys_id as string, row]));
      this.indexed = rows;
      this.indexedLength = rows.length;
      this.version += 1;
    }
    return this.index.get(id);
  }

  /** Call after changing records of the seed directly (tables over 2 000 rows cache query results). */
  touch(): void {
    this.version += 1;
    this.indexedLength = -1;
  }
}

/** Live state of one emulated instance: the seed plus lookups derived from it. */
export class InstanceState {
  readonly host: string;
  readonly govHost: string;
  private readonly tableStates = new Map<string, TableState>();
  private excluded: { count: number; rows: SnRecord[] } = { count: -1, rows: [] };

  constructor(readonly seed: ServiceNowInstanceSeed, readonly now = Date.now()) {
    this.host = `${seed.name}.service-now.com`;
    this.govHost = `${seed.name}.servicenowservices.com`;
  }

  get name(): string {
    return this.seed.name;
  }

  /** A known table (tables.ts), or undefined. */
  table(name: string): TableState | undefined {
    const def = Object.hasOwn(tableDefs, name) ? tableDefs[name] : undefined;
    if (!def) return undefined;
    let state = this.tableStates.get(name);
    if (!state) {
      state = new TableState(def, name === 'blacklisted_password' ? () => this.excludedPasswords() : () => (this.seed.tables[name] ??= []));
      this.tableStates.set(name, state);
    }
    return state;
  }

  record(table: string, id: string): SnRecord | undefined {
    return this.table(table)?.get(id);
  }

  /** The value of a system property, or undefined when it has no sys_properties record. */
  property(name: string): string | undefined {
    return this.seed.tables.sys_properties?.find((row) => row.name === name)?.value;
  }

  /** Sets (creating the record if needed) or, with undefined, deletes a system property. */
  setProperty(name: string, value: string | undefined): void {
    const rows = (this.seed.tables.sys_properties ??= []);
    const index = rows.findIndex((row) => row.name === name);
    if (value === undefined) {
      if (index >= 0) rows.splice(index, 1);
    } else if (index >= 0) {
      (rows[index] as SnRecord).value = value;
      (rows[index] as SnRecord).sys_updated_on = snDate(Date.now());
    } else {
      rows.push({ sys_id: sysId(`${this.name}:property:${name}`), name, value, type: 'string', description: '', sys_updated_on: snDate(Date.now()) });
    }
    this.table('sys_properties')?.touch();
  }

  userByName(userName: string): SnRecord | undefined {
    const lower = userName.toLowerCase();
    return this.seed.tables.sys_user?.find((user) => (user.user_name ?? '').toLowerCase() === lower);
  }

  /** Names of the roles a user holds (active grants, direct or inherited). */
  rolesOf(userId: string): string[] {
    const roles = this.table('sys_user_role');
    const names = (this.seed.tables.sys_user_has_role ?? [])
      .filter((grant) => grant.user === userId && (grant.state ?? 'active') === 'active')
      .map((grant) => roles?.get(grant.role ?? '')?.name ?? '');
    return [...new Set(names.filter(Boolean))];
  }

  /** blacklisted_password rows, generated from the seed's count (only the count is meaningful). */
  private excludedPasswords(): SnRecord[] {
    const count = this.seed.excludedPasswordCount;
    if (this.excluded.count !== count) {
      const created = snDate(this.now - 500 * 86_400_000);
      const rows: SnRecord[] = new Array(count);
      for (let index = 0; index < count; index += 1) rows[index] = { sys_id: `b1${index.toString(16).padStart(30, '0')}`, sys_created_on: created, sys_created_by: 'system' };
      this.excluded = { count, rows };
    }
    return this.excluded.rows;
  }
}
