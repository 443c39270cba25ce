import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { ParsedSource } from '@/utils/connector';
import { parseSources } from '@/utils/parse';
import type { SourceResult } from '@/utils/snapshot';
import { salesforceSources } from './sources';

/**
 * zod schemas for every Salesforce source, from raw response to the typed model controls read.
 * Objects are loose (extra fields are fine: Salesforce adds fields every release) but the fields a
 * control relies on are required, so a renamed or retyped field fails the source, never a control.
 */

/** Metadata API values arrive as XML text; booleans are "true"/"false". */
const xmlBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
/**
 * An xsd:int setting (a length, a count of attempts or passwords): whole, zero or more, and within 32 bits. A number
 * past that is no value the Metadata API sends, and "2147483648 characters" would pass every "at least" check.
 */
const xmlNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.int().min(0).max(2_147_483_647));
const optionalBoolean = xmlBoolean.optional();

const ipRangeSchema = z.looseObject({
  start: z.string(),
  end: z.string(),
  description: z.string().optional(),
});

export const securitySettingsSchema = z.looseObject({
  canUsersGrantLoginAccess: optionalBoolean,
  enableAdminLoginAsAnyUser: optionalBoolean,
  enableAuraSecureEvalPref: optionalBoolean,
  enableRequireHttpsConnection: optionalBoolean,
  isTLSv12Required: optionalBoolean,
  isTLSv12RequiredCommunities: optionalBoolean,
  redirectBlockModeEnabled: optionalBoolean,
  enableCoopHeader: optionalBoolean,
  enablePermissionsPolicy: optionalBoolean,
  networkAccess: z
    .looseObject({ ipRanges: z.array(ipRangeSchema).default([]) })
    .default({ ipRanges: [] }),
  passwordPolicies: z.looseObject({
    minimumPasswordLength: xmlNumber.optional(),
    complexity: z.string().optional(),
    expiration: z.string().optional(),
    historyRestriction: z.union([xmlNumber, z.string()]).optional(),
    lockoutInterval: z.string().optional(),
    maxLoginAttempts: z.string().optional(),
    minimumPasswordLifetime: optionalBoolean,
    obscureSecretAnswer: optionalBoolean,
    questionRestriction: z.string().optional(),
  }),
  sessionSettings: z.looseObject({
    sessionTimeout: z.string().optional(),
    disableTimeoutWarning: optionalBoolean,
    forceLogoutOnSessionTimeout: optionalBoolean,
    lockSessionsToIp: optionalBoolean,
    lockSessionsToDomain: optionalBoolean,
    enforceIpRangesEveryRequest: optionalBoolean,
    forceRelogin: optionalBoolean,
    requireHttpOnly: optionalBoolean,
    enableCSRFOnGet: optionalBoolean,
    enableCSRFOnPost: optionalBoolean,
    enableClickjackSetup: optionalBoolean,
    enableClickjackNonsetupSFDC: optionalBoolean,
    enableClickjackNonsetupUser: optionalBoolean,
    enableClickjackNonsetupUserHeaderless: optionalBoolean,
    enableContentSniffingProtection: optionalBoolean,
    enableXssProtection: optionalBoolean,
    enableCSPOnEmail: optionalBoolean,
    enableCacheAndAutocomplete: optionalBoolean,
    enablePostForSessions: optionalBoolean,
    referrerPolicy: optionalBoolean,
    redirectionWarning: optionalBoolean,
    enableSMSIdentity: optionalBoolean,
    enableMFADirectUILoginOptIn: optionalBoolean,
    identityConfirmationOnTwoFactorRegistrationEnabled: optionalBoolean,
    identityConfirmationOnEmailChange: optionalBoolean,
    terminateUserSessionsWhenAdminResetsPassword: optionalBoolean,
    lockerServiceNext: optionalBoolean,
    enableOauthCorsPolicy: optionalBoolean,
  }),
  singleSignOnSettings: z
    .looseObject({
      enableSamlLogin: optionalBoolean,
      isLoginWithSalesforceCredentialsDisabled: optionalBoolean,
      enableSamlJitProvisioning: optionalBoolean,
    })
    .default({}),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const connectedAppSettingsSchema = z.looseObject({
  /** Present only once Salesforce Support has turned API Access Control on for the org. */
  enableAdminApprovedAppsOnly: optionalBoolean,
  enableAdminApprovedAppsOnlyForExternalUser: optionalBoolean,
});
export type ConnectedAppSettings = z.infer<typeof connectedAppSettingsSchema>;

const limitSchema = z.looseObject({ Max: z.number(), Remaining: z.number() });
/** Only the limit a control reads is checked: Salesforce adds entries every release, of any shape. */
export const limitsSchema = z.looseObject({ DailyApiRequests: limitSchema.optional() });
export type Limits = z.infer<typeof limitsSchema>;

const nullableString = z.string().nullable();
const named = z.looseObject({ Name: z.string() });

const organizationRecord = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  OrganizationType: nullableString,
  InstanceName: nullableString,
  IsSandbox: z.boolean(),
  DefaultAccountAccess: nullableString,
  DefaultContactAccess: nullableString,
  DefaultOpportunityAccess: nullableString,
  DefaultLeadAccess: nullableString,
  DefaultCaseAccess: nullableString,
});

const healthCheckRecord = z.looseObject({
  Id: z.string(),
  Score: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]),
  CustomBaselineId: nullableString.optional(),
});

const riskLevel = z.enum(['HIGH_RISK', 'MEDIUM_RISK', 'MEETS_STANDARD']);
const healthCheckRiskRecord = z.looseObject({
  RiskType: riskLevel,
  Setting: z.string(),
  SettingGroup: z.string(),
  SettingRiskCategory: z.enum(['HIGH_RISK', 'MEDIUM_RISK', 'LOW_RISK', 'INFORMATIONAL']).nullable(),
  OrgValue: nullableString,
  OrgValueRaw: nullableString.optional(),
  StandardValue: nullableString,
  StandardValueRaw: nullableString.optional(),
});
export type HealthCheckRisk = z.infer<typeof healthCheckRiskRecord>;

const permissionFlags = {
  PermissionsModifyAllData: z.boolean(),
  PermissionsViewAllData: z.boolean(),
  PermissionsAuthorApex: z.boolean(),
  PermissionsCustomizeApplication: z.boolean(),
  PermissionsManageUsers: z.boolean(),
  PermissionsApiEnabled: z.boolean(),
};
export type PermissionFlag = keyof typeof permissionFlags;

const privilegedAssignmentRecord = z.looseObject({
  AssigneeId: z.string(),
  Assignee: z.looseObject({ Name: z.string(), Username: z.string(), LastLoginDate: nullableString }),
  PermissionSetId: z.string(),
  PermissionSet: z.looseObject({
    Label: z.string(),
    IsOwnedByProfile: z.boolean(),
    Profile: named.nullable().optional(),
    ...permissionFlags,
  }),
});
export type PrivilegedAssignment = z.infer<typeof privilegedAssignmentRecord>;

const mfaMethodsRecord = z.looseObject({
  UserId: z.string(),
  HasSalesforceAuthenticator: z.boolean(),
  HasTotp: z.boolean(),
  HasU2F: z.boolean(),
  HasBuiltInAuthenticator: z.boolean(),
  HasUserVerifiedMobileNumber: z.boolean().optional(),
});
export type MfaMethods = z.infer<typeof mfaMethodsRecord>;

const userAssignmentRecord = z.looseObject({
  AssigneeId: z.string(),
  Assignee: z.looseObject({ Name: z.string(), Username: z.string().optional() }),
  PermissionSet: z.looseObject({ Label: z.string() }).optional(),
});

const permissionSetRecord = z.looseObject({
  Id: z.string(),
  Label: z.string(),
  Name: z.string(),
  IsOwnedByProfile: z.boolean(),
  ProfileId: nullableString,
  Profile: named.nullable().optional(),
  ...permissionFlags,
});
export type PermissionSetRecord = z.infer<typeof permissionSetRecord>;

const userRecord = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  Username: z.string(),
  LastLoginDate: nullableString,
  CreatedDate: z.string(),
  Profile: named.nullable().optional(),
});
export type UserRecord = z.infer<typeof userRecord>;

const loginIpRangeRecord = z.looseObject({
  Id: z.string(),
  ProfileId: z.string(),
  Profile: named.nullable().optional(),
  StartAddress: z.string(),
  EndAddress: z.string(),
});

const connectedAppRecord = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  OptionsAllowAdminApprovedUsersOnly: z.boolean(),
  OptionsHasSessionLevelPolicy: z.boolean(),
  OptionsRefreshTokenValidityMetric: z.boolean(),
  /** In the unit `OptionsRefreshTokenValidityMetric` names; null: valid until revoked. A period of no time or past 32 bits is no setting. */
  RefreshTokenValidityPeriod: z.int().min(1).max(2_147_483_647).nullable(),
});
export type ConnectedApp = z.infer<typeof connectedAppRecord>;

const oauthTokenRecord = z.looseObject({
  Id: z.string(),
  AppName: z.string(),
  UserId: z.string(),
  User: named.nullable().optional(),
  LastUsedDate: nullableString,
  UseCount: z.int().nonnegative().nullable(),
  CreatedDate: z.string(),
  AppMenuItem: z
    .looseObject({ IsUsingAdminAuthorization: z.boolean(), ApplicationId: nullableString.optional() })
    .nullable()
    .optional(),
});
export type OauthToken = z.infer<typeof oauthTokenRecord>;

const appMenuItemRecord = z.looseObject({
  Id: z.string(),
  Label: z.string(),
  /** The app's API name (its ConnectedApp full name without the namespace); absent from snapshots taken before it was read. */
  Name: nullableString.optional(),
  ApplicationId: nullableString,
  /** Set when the app came in a managed package: the package's namespace. */
  NamespacePrefix: nullableString,
  IsUsingAdminAuthorization: z.boolean(),
});
export type AppMenuItem = z.infer<typeof appMenuItemRecord>;

/**
 * What a scan keeps of one ConnectedApp's metadata. A plain (stripping) object on purpose: the record Salesforce sends
 * also carries the consumer key, sometimes the consumer secret and certificates, and nothing but these fields may
 * reach the snapshot, the database or an export.
 */
const connectedAppOauthRecord = z.object({
  fullName: z.string().min(1),
  /** As the Metadata API names them (Full, Api, RefreshToken…); null when the app has no OAuth settings. */
  scopes: z.array(z.string().min(1)).nullable(),
  /** ENFORCE, BYPASS_2FACTOR, BYPASS or ENFORCE_RELAXREFRESH; null when the app has no OAuth policy. */
  ipRelaxation: z.string().min(1).nullable(),
  /** zero, infinite, specific_lifetime:N:UNIT or specific_inactivity:N:UNIT; null when the app has no OAuth policy. */
  refreshTokenPolicy: z.string().min(1).nullable(),
});
export type ConnectedAppOauth = z.infer<typeof connectedAppOauthRecord>;

const connectedAppOauthSchema = z
  .object({
    /** Every full name asked for, in order. */
    requested: z.array(z.string()),
    records: z.array(connectedAppOauthRecord),
    /** Names that were not read, with why (a failed call, the request budget, a name that is no API name). */
    unread: z.array(z.object({ fullNames: z.array(z.string()), reason: z.string().min(1) })),
  })
  .refine((value) => value.records.every((record) => value.requested.includes(record.fullName)), {
    message: 'a ConnectedApp record answers a name that was not asked for',
    path: ['records'],
  });
export type ConnectedAppOauthRead = z.infer<typeof connectedAppOauthSchema>;

const externalClientAppRecord = z.looseObject({
  Id: z.string(),
  MasterLabel: z.string(),
  DeveloperName: z.string(),
  /** Local, Packaged or Installed (from a package). */
  DistributionState: nullableString,
  CreatedDate: nullableString.optional(),
});
export type ExternalClientApp = z.infer<typeof externalClientAppRecord>;

const externalClientAppPolicyRecord = z.looseObject({
  Id: z.string(),
  ExternalClientApplicationId: z.string(),
  PermittedUsersPolicyType: nullableString,
});
export type ExternalClientAppPolicy = z.infer<typeof externalClientAppPolicyRecord>;

const remoteSiteRecord = z.looseObject({
  Id: z.string(),
  SiteName: z.string(),
  EndpointUrl: z.string(),
  IsActive: z.boolean(),
  DisableProtocolSecurity: z.boolean(),
});

const cspTrustedSiteRecord = z.looseObject({
  Id: z.string(),
  DeveloperName: z.string(),
  EndpointUrl: z.string(),
  IsActive: z.boolean(),
});

const corsOriginRecord = z.looseObject({ Id: z.string(), DeveloperName: z.string(), UrlPattern: z.string() });

const certificateRecord = z.looseObject({
  Id: z.string(),
  DeveloperName: z.string(),
  MasterLabel: z.string(),
  ExpirationDate: z.string(),
});

const auditTrailRecord = z.looseObject({
  Id: z.string(),
  CreatedDate: z.string(),
  CreatedBy: named.nullable().optional(),
  Action: z.string(),
  Section: nullableString,
  Display: nullableString,
  DelegateUser: nullableString,
});

const eventLogFileRecord = z.looseObject({ Id: z.string(), EventType: z.string(), LogDate: z.string() });

const siteRecord = z.looseObject({ Id: z.string(), Name: z.string(), Status: z.string(), SiteType: z.string() });

const guestAssignmentRecord = z.looseObject({
  AssigneeId: z.string(),
  Assignee: named,
  PermissionSet: z.looseObject({ Label: z.string(), IsOwnedByProfile: z.boolean(), ...permissionFlags }),
});
export type GuestAssignment = z.infer<typeof guestAssignmentRecord>;

/** One query's rows: `totalSize` counts every match even when only the first page was read. */
export interface QueryRows<T> {
  totalSize: number;
  records: T[];
  /** All matching rows are in `records`. */
  complete: boolean;
}

function queryOf<T extends z.ZodType>(record: T) {
  return z
    .looseObject({ totalSize: z.number().int().nonnegative(), done: z.boolean(), records: z.array(record) })
    // `totalSize` counts every match, the rows sent included: fewer is no answer of Salesforce's, and counts taken from it go negative.
    .refine((result) => result.totalSize >= result.records.length, { message: 'totalSize counts fewer rows than the answer holds', path: ['totalSize'] })
    .transform(
      (result): QueryRows<z.output<T>> => ({
        totalSize: result.totalSize,
        records: result.records,
        complete: result.done && result.records.length >= result.totalSize,
      }),
    );
}

const countQuery = z
  .looseObject({ totalSize: z.number().int().nonnegative() })
  .transform((result) => result.totalSize);

function singleRecord<T extends z.ZodType>(record: T, what: string) {
  return z
    .looseObject({ records: z.array(record) })
    .refine((result) => result.records.length > 0, { message: `no ${what} record was returned` })
    .transform((result) => result.records[0] as z.output<T>);
}

const metadataRecord = (schema: z.ZodType) => z.looseObject({ xml: z.string() }).transform(readMetadataRecord).pipe(schema);

export const sourceSchemas = {
  securitySettings: metadataRecord(securitySettingsSchema) as z.ZodType<SecuritySettings>,
  connectedAppSettings: metadataRecord(connectedAppSettingsSchema) as z.ZodType<ConnectedAppSettings>,
  limits: limitsSchema,
  organization: singleRecord(organizationRecord, 'Organization'),
  healthCheck: singleRecord(healthCheckRecord, 'SecurityHealthCheck'),
  healthCheckRisks: queryOf(healthCheckRiskRecord),
  privilegedAssignments: queryOf(privilegedAssignmentRecord),
  privilegedMfa: queryOf(mfaMethodsRecord),
  mfaWaivers: queryOf(userAssignmentRecord),
  permissionSets: queryOf(permissionSetRecord),
  activeUsers: countQuery,
  inactiveUsers: queryOf(userRecord),
  apiEnabledUsers: queryOf(userAssignmentRecord),
  loginIpRanges: queryOf(loginIpRangeRecord),
  connectedApps: queryOf(connectedAppRecord),
  oauthTokens: queryOf(oauthTokenRecord),
  appMenuItems: queryOf(appMenuItemRecord),
  connectedAppOauth: connectedAppOauthSchema,
  externalClientApps: queryOf(externalClientAppRecord),
  externalClientAppPolicies: queryOf(externalClientAppPolicyRecord),
  remoteSites: queryOf(remoteSiteRecord),
  cspTrustedSites: queryOf(cspTrustedSiteRecord),
  corsOrigins: queryOf(corsOriginRecord),
  certificates: queryOf(certificateRecord),
  auditTrail: queryOf(auditTrailRecord),
  eventLogFiles: queryOf(eventLogFileRecord),
  sites: queryOf(siteRecord),
  guestAssignments: queryOf(guestAssignmentRecord),
} satisfies Record<string, z.ZodType>;

export type SalesforceModel = { [K in keyof typeof sourceSchemas]: z.output<(typeof sourceSchemas)[K]> } & {
  /** When the snapshot was collected (ISO 8601): the "now" of every date-based control, so evaluation is repeatable. */
  scanTime: string;
};
export type SalesforceSourceId = keyof typeof sourceSchemas;

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'ipRanges',
});

/**
 * The `result` element of a SOAP readMetadata response (`records` of the one full name read). The envelope
 * must be closed: the parser reads an answer cut after any closing tag as a complete one, and a setting the
 * cut dropped would take its default (no trusted IP ranges, say) instead of failing the source. Elements a
 * later release adds, anywhere, are fine.
 */
export function readMetadataRecord(input: { xml: string }): unknown {
  if (!/<\/(?:[\w.-]+:)?Envelope\s*>/.test(input.xml)) throw new Error('the XML answer is cut short: its envelope is not closed');
  const document = xmlParser.parse(input.xml) as Record<string, unknown>;
  const body = (document.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  const response = body?.readMetadataResponse as Record<string, unknown> | undefined;
  const result = response?.result as Record<string, unknown> | undefined;
  const records = result?.records;
  return withoutEmptyElements(Array.isArray(records) ? records[0] : records);
}

/** A ConnectedApp's metadata full name: the API name, behind its package's namespace when it came in one. */
export function connectedAppFullName(name: string, namespace: string | null | undefined): string {
  return namespace && !name.startsWith(`${namespace}__`) ? `${namespace}__${name}` : name;
}

/** What a readMetadata full name may be: an API name, optionally behind a namespace. Anything else is not sent. */
export const metadataApiName = /^[A-Za-z][A-Za-z0-9_]{0,254}$/;

const connectedAppParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'records' || name === 'scopes',
});

const textOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * The OAuth settings of the ConnectedApp records in a readMetadata answer, and nothing else of them: the consumer key,
 * a consumer secret or certificate in the answer is dropped here, before anything is stored. A name Salesforce does
 * not know comes back as a record without a full name (`xsi:nil`) and is left out. Throws on an answer cut short.
 */
export function connectedAppOauthOf(xml: string): ConnectedAppOauth[] {
  if (!/<\/(?:[\w.-]+:)?Envelope\s*>/.test(xml)) throw new Error('the XML answer is cut short: its envelope is not closed');
  const document = connectedAppParser.parse(xml) as Record<string, unknown>;
  const body = (document.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  const response = body?.readMetadataResponse as Record<string, unknown> | undefined;
  if (!response || typeof response !== 'object') throw new Error('the answer holds no readMetadataResponse');
  const result = response.result as Record<string, unknown> | undefined;
  const records = Array.isArray(result?.records) ? (result.records as unknown[]) : [];
  return records.flatMap((record): ConnectedAppOauth[] => {
    if (!record || typeof record !== 'object') return [];
    const fields = record as Record<string, unknown>;
    const fullName = textOf(fields.fullName);
    if (!fullName) return [];
    const config = fields.oauthConfig && typeof fields.oauthConfig === 'object' ? (fields.oauthConfig as Record<string, unknown>) : undefined;
    const policy = fields.oauthPolicy && typeof fields.oauthPolicy === 'object' ? (fields.oauthPolicy as Record<string, unknown>) : undefined;
    const scopes = Array.isArray(config?.scopes) ? config.scopes.map(textOf).filter((scope): scope is string => scope !== null) : config ? [] : null;
    return [{ fullName, scopes, ipRelaxation: textOf(policy?.ipRelaxation), refreshTokenPolicy: textOf(policy?.refreshTokenPolicy) }];
  });
}

/** `<networkAccess/>` and `xsi:nil` elements parse as "": Salesforce means "not set", so they are dropped. */
function withoutEmptyElements(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== '').map(withoutEmptyElements);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== '')
      .map(([key, item]) => [key, withoutEmptyElements(item)]),
  );
}

const parser = {
  appName: 'Salesforce',
  schemas: sourceSchemas as Record<string, z.ZodType>,
  titles: new Map(salesforceSources.map((source) => [source.id, source.title])),
};

/** Raw snapshot sources → typed model values; a source that fails is an explained error, never thrown. */
export function parseSalesforceSources(sources: Record<string, SourceResult>, collectedAt?: string): Record<string, ParsedSource> {
  return parseSources(parser, sources, collectedAt);
}
