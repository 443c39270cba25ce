/**
 * The sObjects the emulator knows, with their field sets and relationships. A query naming anything else
 * fails with INVALID_TYPE / INVALID_FIELD, as a real org does, so schema drift in sources.ts surfaces.
 */
export type FieldType = 'id' | 'string' | 'boolean' | 'int' | 'double' | 'datetime' | 'date' | 'reference';
export type Api = 'rest' | 'tooling';

export interface Relationship {
  /** The id field on this object that points at the target. */
  field: string;
  to: string;
}

export interface ObjectDef {
  name: string;
  apis: Api[];
  /** Field that identifies a row (Id, or DurableId for setup views). */
  key: string;
  fields: Record<string, FieldType>;
  relationships: Record<string, Relationship>;
}

export type Row = Record<string, unknown>;

const permissionFields = [
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsAuthorApex',
  'PermissionsCustomizeApplication',
  'PermissionsManageUsers',
  'PermissionsApiEnabled',
  'PermissionsBypassMFAForUiLogins',
  'PermissionsForceTwoFactor',
  'PermissionsTwoFactorApi',
  'PermissionsViewSetup',
  'PermissionsViewEventLogFiles',
  'PermissionsManageSecurity',
  'PermissionsResetPasswords',
] as const;
export type PermissionField = (typeof permissionFields)[number];
export { permissionFields };

const permissions = Object.fromEntries(permissionFields.map((field) => [field, 'boolean' as const]));

function object(
  name: string,
  apis: Api[],
  fields: Record<string, FieldType>,
  relationships: Record<string, Relationship> = {},
  key = 'Id',
): ObjectDef {
  return { name, apis, key, fields, relationships };
}

const audit = { CreatedDate: 'datetime', LastModifiedDate: 'datetime', SystemModstamp: 'datetime' } as const;

export const objects: Record<string, ObjectDef> = Object.fromEntries(
  [
    object('Organization', ['rest'], {
      Id: 'id', Name: 'string', OrganizationType: 'string', InstanceName: 'string', IsSandbox: 'boolean',
      TrialExpirationDate: 'datetime', DefaultAccountAccess: 'string', DefaultContactAccess: 'string',
      DefaultOpportunityAccess: 'string', DefaultLeadAccess: 'string', DefaultCaseAccess: 'string',
      DefaultCalendarAccess: 'string', DefaultPricebookAccess: 'string', LanguageLocaleKey: 'string',
      TimeZoneSidKey: 'string', NamespacePrefix: 'string', Country: 'string', ComplianceBccEmail: 'string', ...audit,
    }),
    object('User', ['rest', 'tooling'], {
      Id: 'id', Username: 'string', Name: 'string', FirstName: 'string', LastName: 'string', Alias: 'string',
      Email: 'string', Title: 'string', Department: 'string', IsActive: 'boolean', UserType: 'string',
      ProfileId: 'reference', LastLoginDate: 'datetime', LastPasswordChangeDate: 'datetime',
      FederationIdentifier: 'string', TimeZoneSidKey: 'string', ...audit,
    }, { Profile: { field: 'ProfileId', to: 'Profile' } }),
    object('Profile', ['rest', 'tooling'], {
      Id: 'id', Name: 'string', Description: 'string', UserType: 'string', ...permissions, ...audit,
    }),
    object('PermissionSet', ['rest', 'tooling'], {
      Id: 'id', Name: 'string', Label: 'string', Description: 'string', IsOwnedByProfile: 'boolean', IsCustom: 'boolean',
      ProfileId: 'reference', Type: 'string', NamespacePrefix: 'string', ...permissions, ...audit,
    }, { Profile: { field: 'ProfileId', to: 'Profile' } }),
    object('PermissionSetAssignment', ['rest'], {
      Id: 'id', AssigneeId: 'reference', PermissionSetId: 'reference', PermissionSetGroupId: 'reference',
      IsActive: 'boolean', ExpirationDate: 'datetime', SystemModstamp: 'datetime',
    }, {
      Assignee: { field: 'AssigneeId', to: 'User' },
      PermissionSet: { field: 'PermissionSetId', to: 'PermissionSet' },
    }),
    object('TwoFactorMethodsInfo', ['rest'], {
      Id: 'id', UserId: 'reference', HasSalesforceAuthenticator: 'boolean', HasTotp: 'boolean', HasU2F: 'boolean',
      HasBuiltInAuthenticator: 'boolean', HasUserVerifiedMobileNumber: 'boolean', HasUserVerifiedEmailAddress: 'boolean',
      HasVerifiedMobileNumber: 'boolean', LastVerifiedMobileNumber: 'datetime',
    }, { User: { field: 'UserId', to: 'User' } }),
    object('LoginIpRange', ['rest'], {
      Id: 'id', ProfileId: 'reference', StartAddress: 'string', EndAddress: 'string', Description: 'string', ...audit,
    }, { Profile: { field: 'ProfileId', to: 'Profile' } }),
    object('ConnectedApplication', ['rest'], {
      Id: 'id', Name: 'string', OptionsAllowAdminApprovedUsersOnly: 'boolean', OptionsHasSessionLevelPolicy: 'boolean',
      OptionsRefreshTokenValidityMetric: 'boolean', RefreshTokenValidityPeriod: 'int', MobileSessionTimeout: 'string',
      MobileStartUrl: 'string', StartUrl: 'string', PinLength: 'string', OptionsFullContentPushNotifications: 'boolean',
      ...audit,
    }),
    object('AppMenuItem', ['rest'], {
      Id: 'id', Name: 'string', Label: 'string', ApplicationId: 'reference', IsUsingAdminAuthorization: 'boolean',
      Type: 'string', IsAccessible: 'boolean', IsVisible: 'boolean', NamespacePrefix: 'string', ...audit,
    }),
    object('ExternalClientApplication', ['rest'], {
      Id: 'id', MasterLabel: 'string', DeveloperName: 'string', DistributionState: 'string', ContactEmail: 'string',
      NamespacePrefix: 'string', ...audit,
    }),
    object('ExtlClntAppOauthPlcyCnfg', ['rest'], {
      Id: 'id', ExternalClientApplicationId: 'reference', PermittedUsersPolicyType: 'string', DeveloperName: 'string',
      MasterLabel: 'string', ...audit,
    }, { ExternalClientApplication: { field: 'ExternalClientApplicationId', to: 'ExternalClientApplication' } }),
    object('OauthToken', ['rest'], {
      Id: 'id', AppName: 'string', UserId: 'reference', AppMenuItemId: 'reference', LastUsedDate: 'datetime',
      UseCount: 'int', DeleteToken: 'string', CreatedDate: 'datetime',
    }, { User: { field: 'UserId', to: 'User' }, AppMenuItem: { field: 'AppMenuItemId', to: 'AppMenuItem' } }),
    object('RemoteProxy', ['tooling'], {
      Id: 'id', SiteName: 'string', EndpointUrl: 'string', IsActive: 'boolean', DisableProtocolSecurity: 'boolean',
      Description: 'string', ProtocolMismatch: 'boolean', NamespacePrefix: 'string', ...audit,
    }),
    object('CspTrustedSite', ['rest', 'tooling'], {
      Id: 'id', DeveloperName: 'string', MasterLabel: 'string', EndpointUrl: 'string', IsActive: 'boolean',
      Context: 'string', Description: 'string', IsApplicableToConnectSrc: 'boolean', IsApplicableToFrameSrc: 'boolean',
      IsApplicableToImgSrc: 'boolean', IsApplicableToScriptSrc: 'boolean', IsApplicableToStyleSrc: 'boolean',
      IsApplicableToFontSrc: 'boolean', IsApplicableToMediaSrc: 'boolean', NamespacePrefix: 'string', ...audit,
    }),
    object('CorsWhitelistEntry', ['rest', 'tooling'], {
      Id: 'id', DeveloperName: 'string', MasterLabel: 'string', UrlPattern: 'string', NamespacePrefix: 'string', ...audit,
    }),
    object('Certificate', ['tooling'], {
      Id: 'id', DeveloperName: 'string', MasterLabel: 'string', ExpirationDate: 'date', KeySize: 'string',
      OptionsIsCASigned: 'boolean', OptionsIsPrivateKeyExportable: 'boolean', NamespacePrefix: 'string', ...audit,
    }),
    object('SetupAuditTrail', ['rest'], {
      Id: 'id', Action: 'string', Section: 'string', Display: 'string', DelegateUser: 'string',
      CreatedDate: 'datetime', CreatedById: 'reference', ResponsibleNamespacePrefix: 'string',
      CreatedByContext: 'string', CreatedByIssuer: 'string',
    }, { CreatedBy: { field: 'CreatedById', to: 'User' } }),
    object('EventLogFile', ['rest'], {
      Id: 'id', EventType: 'string', LogDate: 'datetime', Interval: 'string', LogFileLength: 'double',
      Sequence: 'int', ApiVersion: 'double', LogFileContentType: 'string', CreatedDate: 'datetime',
    }),
    object('Site', ['rest'], {
      Id: 'id', Name: 'string', MasterLabel: 'string', Status: 'string', SiteType: 'string', UrlPathPrefix: 'string',
      Subdomain: 'string', GuestUserId: 'reference', ...audit,
    }, { GuestUser: { field: 'GuestUserId', to: 'User' } }),
    object('SecurityHealthCheck', ['tooling'], {
      Id: 'id', DurableId: 'string', Score: 'string', CustomBaselineId: 'reference', CreatedDate: 'datetime',
    }),
    object('SecurityHealthCheckRisks', ['tooling'], {
      DurableId: 'string', RiskType: 'string', Setting: 'string', SettingGroup: 'string', SettingRiskCategory: 'string',
      OrgValue: 'string', OrgValueRaw: 'string', StandardValue: 'string', StandardValueRaw: 'string',
    }, {}, 'DurableId'),
  ].map((definition) => [definition.name, definition]),
);

/** Case-insensitive lookups, as SOQL names are case-insensitive. */
const objectsLower = new Map(Object.values(objects).map((definition) => [definition.name.toLowerCase(), definition]));
export function findObject(name: string): ObjectDef | undefined {
  return objectsLower.get(name.toLowerCase());
}

export function findField(definition: ObjectDef, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(definition.fields).find((field) => field.toLowerCase() === lower);
}

export function findRelationship(definition: ObjectDef, name: string): [string, Relationship] | undefined {
  const lower = name.toLowerCase();
  return Object.entries(definition.relationships).find(([relationship]) => relationship.toLowerCase() === lower);
}

/** Salesforce's datetime format in REST responses: 2024-05-01T08:30:00.000+0000. */
export function formatDateTime(epoch: number): string {
  return new Date(epoch).toISOString().replace('Z', '+0000');
}

export function formatDate(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 10);
}

/** Parses datetimes in Salesforce (+0000), ISO (Z) and date-only forms to epoch ms. */
export function parseDateTime(value: string): number {
  const normalized = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(normalized) ? `${normalized}T00:00:00Z` : normalized);
}
