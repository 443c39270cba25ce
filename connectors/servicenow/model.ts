import { z } from 'zod';
import type { ParsedSource } from '@/utils/connector';
import { parseSources } from '@/utils/parse';
import type { SourceResult } from '@/utils/snapshot';
import { privilegedRoles, serviceNowSources } from './sources';

/**
 * zod schemas for every ServiceNow source, from the raw Table/Aggregate API answer to the typed model
 * controls read. The Table API sends every value as a string ("true", "1800", "2026-01-31 10:00:00", "");
 * the schemas turn them into booleans, numbers and ISO dates, and a value that is not what the field
 * holds fails the source with the field named — never a control. Rows are loose: ServiceNow adds columns.
 * Every field a source names in `sysparm_fields` is required: the Table API sends each one ("" when empty),
 * so a field that is missing means the answer is not the one asked for, not that the field is empty.
 */

/** "true"/"false" (also "1"/"0", "active"/"inactive" as v_plugin says it). An empty value means not set: false. */
const snBoolean = z.union([z.string(), z.boolean()]).transform((value, context) => {
  if (typeof value === 'boolean') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'active', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'inactive', 'no', ''].includes(normalized)) return false;
  context.addIssue({ code: 'custom', message: `"${value}" is not true or false` });
  return z.NEVER;
});

/**
 * A count, size or duration sent as a string; empty means not set (null). ServiceNow's integer fields are 32-bit:
 * negative, fractional or larger, it is not one, and the source fails rather than compare with it.
 */
const snInteger = z.union([z.string(), z.number()]).transform((value, context) => {
  const trimmed = typeof value === 'number' ? String(value) : value.trim().replace(/,/g, '');
  if (trimmed === '') return null;
  const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isInteger(number) || number > 2_147_483_647) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a whole number of zero or more` });
    return z.NEVER;
  }
  return number;
});

/** `YYYY-MM-DD HH:mm:ss` (UTC, as the Table API sends it) → ISO 8601; empty means never (null). */
const snDateTime = z.string().transform((value, context) => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?$/.exec(trimmed);
  const iso = match ? `${match[1]}T${match[2] ?? '00:00:00'}Z` : '';
  if (!match || Number.isNaN(Date.parse(iso))) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a date` });
    return z.NEVER;
  }
  return iso;
});

/** A table source's raw data: every page's rows, and the first page's `X-Total-Count`. */
function tableOf<T extends z.ZodType>(row: T) {
  return z.object({ result: z.array(row), total: z.number().int().nonnegative().nullable() });
}

/** An Aggregate API count: `{ result: { stats: { count: "N" } } }` → N. */
const statsCount = z
  .object({ result: z.object({ stats: z.object({ count: snInteger }) }) })
  .transform((body, context) => {
    const count = body.result.stats.count;
    if (count === null) {
      context.addIssue({ code: 'custom', message: 'the count is empty' });
      return z.NEVER;
    }
    return count;
  });

export const propertyRowSchema = z.looseObject({ name: z.string().min(1), value: z.string() });

/**
 * The properties read, by name. `hiddenRows` counts rows ServiceNow counted (`X-Total-Count`) but did not send —
 * an ACL on a property hides it from REST: then an absent property may exist, and its fallback cannot be assumed.
 */
export const propertiesSchema = z
  .object({ result: z.array(propertyRowSchema), total: z.number().int().nonnegative().nullable(), requested: z.array(z.string()) })
  // The query names every property it wants (`nameIN…`): a row of another name is no answer to it, and would leave the
  // property asked for looking absent, at its default.
  .superRefine(({ result, requested }, context) => {
    const asked = new Set(requested);
    const other = result.find((row) => !asked.has(row.name));
    if (other) context.addIssue({ code: 'custom', message: `"${other.name.slice(0, 80)}" is not a property the scan asked for` });
  })
  .transform(({ result, total, requested }) => ({
    values: new Map(result.map((row) => [row.name, row.value])),
    requested: new Set(requested),
    hiddenRows: total === null ? 0 : Math.max(0, total - result.length),
  }));
export type PropertyRead = z.output<typeof propertiesSchema>;

export const pluginSchema = z.looseObject({ id: z.string().min(1), name: z.string(), active: snBoolean });
export type Plugin = z.output<typeof pluginSchema>;

export const roleGrantSchema = z.looseObject({
  sys_id: z.string(),
  /** The source asks for these roles only: a grant of another role is no answer to its query. */
  'role.name': z.enum(privilegedRoles),
  /** True when the role comes through a group or a containing role. */
  inherited: snBoolean,
  'user.sys_id': z.string().min(1),
  'user.user_name': z.string(),
  'user.name': z.string(),
  'user.active': snBoolean,
  'user.locked_out': snBoolean,
  'user.last_login_time': snDateTime,
  'user.web_service_access_only': snBoolean,
  /** Per-user MFA flag; absent on instances without the MFA plugin (then unknown, not false). */
  'user.enable_multifactor_authn': snBoolean.optional(),
});
export type RoleGrant = z.output<typeof roleGrantSchema>;

export const mfaCriterionSchema = z.looseObject({
  sys_id: z.string(),
  name: z.string(),
  active: snBoolean,
  /** "" for criteria that are not role based. */
  'role.name': z.string(),
});
export type MfaCriterion = z.output<typeof mfaCriterionSchema>;

export const ipAccessRuleSchema = z.looseObject({
  sys_id: z.string(),
  type: z.string(),
  direction: z.string(),
  active: snBoolean,
  range_start: z.string(),
  range_end: z.string(),
  description: z.string(),
});
export type IpAccessRule = z.output<typeof ipAccessRuleSchema>;

export const scriptActionSchema = z.looseObject({ sys_id: z.string(), name: z.string(), active: snBoolean });
export type ScriptAction = z.output<typeof scriptActionSchema>;

export const oauthEntitySchema = z.looseObject({
  sys_id: z.string(),
  name: z.string(),
  type: z.string(),
  active: snBoolean,
  /** Seconds; empty means the platform default. */
  access_token_lifespan: snInteger,
  refresh_token_lifespan: snInteger,
  redirect_url: z.string(),
  sys_updated_on: snDateTime,
  sys_created_on: snDateTime,
  /** The user name that created the entry: `system` (or `maint`) for what ServiceNow ships. */
  sys_created_by: z.string(),
  /** The application scope the entry belongs to (`global`, `sn_…` for ServiceNow's own apps, `x_…` for store apps). */
  'sys_scope.scope': z.string(),
  'sys_scope.name': z.string(),
  /**
   * The OAuth Application User a client-credentials entry runs as ("" when none). The field exists only on releases
   * with the client-credentials grant (Washington DC on), and the Table API leaves out fields a table lacks: absent, none is known.
   */
  user: z.string().optional(),
  'user.user_name': z.string().optional(),
  'user.name': z.string().optional(),
  'user.active': snBoolean.optional(),
});
export type OAuthEntity = z.output<typeof oauthEntitySchema>;

/** A scope an OAuth entity may request (`oauth_entity_scope`): `oauth_entity_scope` is the scope's name in token requests. */
export const oauthScopeSchema = z.looseObject({
  sys_id: z.string(),
  oauth_entity: z.string().min(1),
  oauth_entity_scope: z.string(),
  name: z.string(),
});
export type OAuthScope = z.output<typeof oauthScopeSchema>;

/** A live token ServiceNow issued (`oauth_credential`): `peer` is the OAuth entity, `user` the user it acts as. */
export const oauthTokenSchema = z.looseObject({
  sys_id: z.string(),
  /** `access_token` or `refresh_token`. */
  type: z.string(),
  expires: snDateTime,
  sys_created_on: snDateTime,
  peer: z.string(),
  user: z.string(),
  'user.user_name': z.string(),
  'user.name': z.string(),
  'user.active': snBoolean,
});
export type OAuthToken = z.output<typeof oauthTokenSchema>;

export const certificateSchema = z.looseObject({
  sys_id: z.string(),
  name: z.string(),
  type: z.string(),
  active: snBoolean,
  expires: snDateTime,
});
export type Certificate = z.output<typeof certificateSchema>;

export const publicPageSchema = z.looseObject({ sys_id: z.string(), page: z.string(), active: snBoolean });
export type PublicPage = z.output<typeof publicPageSchema>;

export const samlConfigSchema = z.looseObject({ sys_id: z.string(), name: z.string(), active: snBoolean });
export type SamlConfig = z.output<typeof samlConfigSchema>;

export const userSchema = z.looseObject({
  sys_id: z.string(),
  user_name: z.string(),
  name: z.string(),
  last_login_time: snDateTime,
  /** Read for stale users only (a user created within the grace period is new); absent, no grace is given. */
  sys_created_on: snDateTime.prefault(''),
});
export type ServiceNowUser = z.output<typeof userSchema>;

export const serviceNowSourceSchemas = {
  properties: propertiesSchema,
  plugins: tableOf(pluginSchema),
  privilegedGrants: tableOf(roleGrantSchema),
  mfaCriteria: tableOf(mfaCriterionSchema),
  ipAccessRules: tableOf(ipAccessRuleSchema),
  lockoutScriptActions: tableOf(scriptActionSchema),
  excludedPasswordCount: statsCount,
  oauthEntities: tableOf(oauthEntitySchema),
  oauthScopes: tableOf(oauthScopeSchema),
  oauthTokens: tableOf(oauthTokenSchema),
  certificates: tableOf(certificateSchema),
  publicPages: tableOf(publicPageSchema),
  samlConfigs: tableOf(samlConfigSchema),
  activeUserCount: statsCount,
  staleUsers: tableOf(userSchema),
  interactiveIntegrationUsers: tableOf(userSchema),
} satisfies Record<(typeof serviceNowSources)[number]['id'], z.ZodType>;

export type ServiceNowModel = { [K in keyof typeof serviceNowSourceSchemas]: z.output<(typeof serviceNowSourceSchemas)[K]> } & {
  /** When the snapshot was collected (ISO 8601): the "now" of every date-based control. */
  scanTime: string;
};
export type ServiceNowSourceKey = keyof typeof serviceNowSourceSchemas;

const parser = {
  appName: 'ServiceNow',
  schemas: serviceNowSourceSchemas as Record<string, z.ZodType>,
  titles: new Map<string, string>(serviceNowSources.map((source) => [source.id, source.title])),
};

/** Raw snapshot sources → typed model values; a source that fails is an explained error, never thrown. */
export function parseServiceNowSources(sources: Record<string, SourceResult>, collectedAt?: string): Record<string, ParsedSource> {
  return parseSources(parser, sources, collectedAt);
}
