/**
 * The emulated ServiceNow tables: columns (the names connectors/servicenow/sources.ts reads), their types, the
 * classic UI labels, list titles and list columns. Every stored value is a string, as the Table API returns it
 * (booleans "true"/"false", dates "YYYY-MM-DD HH:mm:ss", empty ""); reference fields hold the target's sys_id.
 */
export type FieldType = 'string' | 'boolean' | 'integer' | 'datetime' | 'reference' | 'choice';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Target table of a reference field. */
  reference?: string;
  /** value → label shown in classic lists and forms. */
  choices?: Record<string, string>;
  /** Returned by the Table API only when named in `sysparm_fields`; never shown in pages. */
  secret?: boolean;
}

export interface TableDef {
  name: string;
  /** Plural label: the classic list title. */
  title: string;
  /** Singular label: the classic form title. */
  label: string;
  fields: FieldDef[];
  /** Field whose value stands for a record in lists and reference cells. */
  displayField: string;
  /** Columns of the classic list, in order (the first one links to the form). */
  listColumns: string[];
  /** Readable by `admin` only: other users get 403 from the Table/Aggregate API and a security notice in pages. */
  adminOnly?: boolean;
}

const f = (name: string, label: string, type: FieldType = 'string', extra: Partial<FieldDef> = {}): FieldDef => ({ name, label, type, ...extra });
const sysId = f('sys_id', 'Sys ID');
const active = f('active', 'Active', 'boolean');
const created = f('sys_created_on', 'Created', 'datetime');
const updated = f('sys_updated_on', 'Updated', 'datetime');

export const tableDefs: Record<string, TableDef> = {
  sys_properties: {
    name: 'sys_properties', title: 'System Properties', label: 'System Property', adminOnly: true, displayField: 'name',
    fields: [sysId, f('name', 'Name'), f('value', 'Value'), f('type', 'Type', 'choice', { choices: { string: 'string', boolean: 'true | false', integer: 'integer', choicelist: 'choicelist', password2: 'password2' } }), f('description', 'Description'), updated],
    listColumns: ['name', 'value', 'type', 'description'],
  },
  v_plugin: {
    name: 'v_plugin', title: 'Plugins', label: 'Plugin', adminOnly: true, displayField: 'name',
    fields: [sysId, f('id', 'ID'), f('name', 'Name'), f('active', 'Status', 'choice', { choices: { active: 'Active', inactive: 'Inactive' } }), f('version', 'Version')],
    listColumns: ['name', 'id', 'active', 'version'],
  },
  sys_user: {
    name: 'sys_user', title: 'Users', label: 'User', displayField: 'name',
    fields: [sysId, f('user_name', 'User ID'), f('name', 'Name'), f('email', 'Email'), active, f('locked_out', 'Locked out', 'boolean'),
      f('last_login_time', 'Last login time', 'datetime'), f('web_service_access_only', 'Web service access only', 'boolean'),
      f('internal_integration_user', 'Internal Integration User', 'boolean'), f('enable_multifactor_authn', 'Enable Multi-factor Authentication', 'boolean'), created],
    listColumns: ['user_name', 'name', 'email', 'active', 'locked_out', 'last_login_time'],
  },
  sys_user_role: {
    name: 'sys_user_role', title: 'Roles', label: 'Role', displayField: 'name',
    fields: [sysId, f('name', 'Name'), f('description', 'Description'), f('elevated_privilege', 'Elevated privilege', 'boolean')],
    listColumns: ['name', 'description', 'elevated_privilege'],
  },
  sys_user_group: {
    name: 'sys_user_group', title: 'Groups', label: 'Group', displayField: 'name',
    fields: [sysId, f('name', 'Name'), active, f('description', 'Description')],
    listColumns: ['name', 'active', 'description'],
  },
  sys_user_has_role: {
    name: 'sys_user_has_role', title: 'User Roles', label: 'User Role', adminOnly: true, displayField: 'role',
    fields: [sysId, f('user', 'User', 'reference', { reference: 'sys_user' }), f('role', 'Role', 'reference', { reference: 'sys_user_role' }),
      f('inherited', 'Inherited', 'boolean'), f('granted_by', 'Granted by', 'reference', { reference: 'sys_user_group' }),
      f('state', 'State', 'choice', { choices: { active: 'Active', pending_approval: 'Pending approval', requested: 'Requested' } }), created],
    listColumns: ['user', 'role', 'inherited', 'granted_by', 'state'],
  },
  multi_factor_criteria: {
    name: 'multi_factor_criteria', title: 'Multi-factor Criteria', label: 'Multi-factor Criterion', displayField: 'name',
    fields: [sysId, f('name', 'Name'), active, f('role', 'Role', 'reference', { reference: 'sys_user_role' })],
    listColumns: ['name', 'role', 'active'],
  },
  ip_access: {
    name: 'ip_access', title: 'IP Address Access Controls', label: 'IP Address Access Control', adminOnly: true, displayField: 'description',
    fields: [sysId, f('type', 'Type', 'choice', { choices: { allow: 'Allow', deny: 'Deny' } }),
      f('direction', 'Direction', 'choice', { choices: { inbound: 'Inbound', outbound: 'Outbound', bidirectional: 'Bidirectional' } }),
      active, f('range_start', 'Range start'), f('range_end', 'Range end'), f('description', 'Description')],
    listColumns: ['description', 'type', 'direction', 'range_start', 'range_end', 'active'],
  },
  sysevent_script_action: {
    name: 'sysevent_script_action', title: 'Script Actions', label: 'Script Action', displayField: 'name',
    fields: [sysId, f('name', 'Name'), f('event_name', 'Event name'), active],
    listColumns: ['name', 'event_name', 'active'],
  },
  blacklisted_password: {
    name: 'blacklisted_password', title: 'Excluded Passwords', label: 'Excluded Password', displayField: 'sys_id',
    fields: [sysId, created, f('sys_created_by', 'Created by')],
    listColumns: ['sys_id', 'sys_created_on', 'sys_created_by'],
  },
  oauth_entity: {
    name: 'oauth_entity', title: 'Application Registries', label: 'Application Registry', adminOnly: true, displayField: 'name',
    fields: [sysId, f('name', 'Name'), f('type', 'Type', 'choice', { choices: { client: 'OAuth Client', oauth_provider: 'OAuth Provider' } }), active,
      f('access_token_lifespan', 'Access Token Lifespan', 'integer'), f('refresh_token_lifespan', 'Refresh Token Lifespan', 'integer'),
      f('redirect_url', 'Redirect URL'), f('client_id', 'Client ID'), f('client_secret', 'Client Secret', 'string', { secret: true }),
      f('user', 'OAuth Application User', 'reference', { reference: 'sys_user' }), f('sys_scope', 'Application', 'reference', { reference: 'sys_scope' }),
      f('sys_created_by', 'Created by'), created, updated],
    listColumns: ['name', 'type', 'active', 'access_token_lifespan', 'refresh_token_lifespan', 'redirect_url', 'sys_scope', 'sys_created_by', 'sys_updated_on'],
  },
  sys_scope: {
    name: 'sys_scope', title: 'Applications', label: 'Application', displayField: 'name',
    fields: [sysId, f('scope', 'Scope'), f('name', 'Name'), f('vendor', 'Vendor'), f('version', 'Version')],
    listColumns: ['name', 'scope', 'vendor', 'version'],
  },
  oauth_entity_scope: {
    name: 'oauth_entity_scope', title: 'OAuth Entity Scopes', label: 'OAuth Entity Scope', adminOnly: true, displayField: 'name',
    fields: [sysId, f('name', 'Name'), f('oauth_entity_scope', 'OAuth scope'), f('oauth_entity', 'OAuth entity', 'reference', { reference: 'oauth_entity' })],
    listColumns: ['name', 'oauth_entity_scope', 'oauth_entity'],
  },
  oauth_credential: {
    name: 'oauth_credential', title: 'Manage Tokens', label: 'OAuth Credential', adminOnly: true, displayField: 'type',
    fields: [sysId, f('peer', 'Application', 'reference', { reference: 'oauth_entity' }), f('user', 'User', 'reference', { reference: 'sys_user' }),
      f('type', 'Type', 'choice', { choices: { access_token: 'Access Token', refresh_token: 'Refresh Token' } }), f('expires', 'Expires', 'datetime'),
      f('token', 'Token', 'string', { secret: true }), created],
    listColumns: ['peer', 'user', 'type', 'expires', 'sys_created_on'],
  },
  sys_certificate: {
    name: 'sys_certificate', title: 'Certificates', label: 'Certificate', adminOnly: true, displayField: 'name',
    fields: [sysId, f('name', 'Name'), f('type', 'Type', 'choice', { choices: { trust_store_cert: 'Trust Store Cert', key_store: 'Java Key Store', client_cert: 'Client Certificate' } }),
      active, f('valid_from', 'Valid from', 'datetime'), f('expires', 'Expires', 'datetime')],
    listColumns: ['name', 'type', 'active', 'valid_from', 'expires'],
  },
  sys_public: {
    name: 'sys_public', title: 'Public Pages', label: 'Public Page', displayField: 'page',
    fields: [sysId, f('page', 'Page'), active],
    listColumns: ['page', 'active'],
  },
  saml2_update1_properties: {
    name: 'saml2_update1_properties', title: 'Identity Providers', label: 'Identity Provider', displayField: 'name',
    fields: [sysId, f('name', 'Name'), active],
    listColumns: ['name', 'active'],
  },
};

export type TableName = keyof typeof tableDefs & string;

const fieldMaps = new WeakMap<TableDef, Map<string, FieldDef>>();

export function fieldOf(table: TableDef, name: string): FieldDef | undefined {
  let map = fieldMaps.get(table);
  if (!map) {
    map = new Map(table.fields.map((field) => [field.name, field]));
    fieldMaps.set(table, map);
  }
  return map.get(name);
}

/** Display label of a stored value (choice labels; the value itself otherwise). */
export function choiceLabel(field: FieldDef, value: string): string {
  return field.choices?.[value] ?? value;
}
