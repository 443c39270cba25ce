import type { SourceDescription } from '@/utils/connector';

/**
 * Every read a Salesforce scan makes. SOQL sources are batched: REST queries through
 * `composite/batch`, Tooling queries through `tooling/composite`, 25 to a request, so the number of
 * requests does not grow with the org. Row-heavy sources read one page (2 000 rows) and keep the
 * query's `totalSize`, which counts every matching row; controls report the total and name the first rows.
 */

const privilegedPermissionFilter = [
  'PermissionSet.PermissionsModifyAllData = true',
  'PermissionSet.PermissionsViewAllData = true',
  'PermissionSet.PermissionsAuthorApex = true',
  'PermissionSet.PermissionsCustomizeApplication = true',
  'PermissionSet.PermissionsManageUsers = true',
].join(' OR ');

const privilegedPermissionFields = [
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsAuthorApex',
  'PermissionsCustomizeApplication',
  'PermissionsManageUsers',
  'PermissionsApiEnabled',
];

export interface SoqlSource {
  kind: 'query' | 'tooling';
  id: string;
  title: string;
  soql: string;
}

export interface MetadataSource {
  kind: 'metadata';
  id: string;
  title: string;
  /** Metadata type and full name read with SOAP readMetadata. */
  type: string;
  fullName: string;
}

/**
 * The OAuth settings of every installed connected app, read with SOAP readMetadata of type ConnectedApp, ten API
 * names a call. The names come from the App Launcher entries (AppMenuItem.Name and NamespacePrefix) read in the
 * first batch: listMetadata would cost one more request for the same names.
 */
export interface AppMetadataSource {
  kind: 'appMetadata';
  id: string;
  title: string;
  type: 'ConnectedApp';
  /** The source whose rows name the apps to read. */
  namesFrom: 'appMenuItems';
}

export interface RestSource {
  kind: 'rest';
  id: string;
  title: string;
  /** Path after /services/data/vXX.X */
  path: string;
}

export type SalesforceSource = SoqlSource | MetadataSource | AppMetadataSource | RestSource;

export const salesforceSources: SalesforceSource[] = [
  {
    kind: 'metadata',
    id: 'securitySettings',
    title: 'Security settings (password, session, network access)',
    type: 'SecuritySettings',
    fullName: 'Security',
  },
  {
    kind: 'metadata',
    id: 'connectedAppSettings',
    title: 'API Access Control',
    type: 'ConnectedAppSettings',
    fullName: 'ConnectedApp',
  },
  { kind: 'rest', id: 'limits', title: 'API limits', path: '/limits' },
  {
    kind: 'query',
    id: 'organization',
    title: 'Organization',
    soql:
      'SELECT Id, Name, OrganizationType, InstanceName, IsSandbox, TrialExpirationDate, DefaultAccountAccess, ' +
      'DefaultContactAccess, DefaultOpportunityAccess, DefaultLeadAccess, DefaultCaseAccess, CreatedDate FROM Organization',
  },
  {
    kind: 'tooling',
    id: 'healthCheck',
    title: 'Health Check score',
    soql: 'SELECT Id, Score, CustomBaselineId, CreatedDate FROM SecurityHealthCheck ORDER BY CreatedDate DESC LIMIT 1',
  },
  {
    kind: 'tooling',
    id: 'healthCheckRisks',
    title: 'Health Check settings',
    soql:
      'SELECT DurableId, RiskType, Setting, SettingGroup, SettingRiskCategory, OrgValue, OrgValueRaw, StandardValue, ' +
      'StandardValueRaw FROM SecurityHealthCheckRisks',
  },
  {
    kind: 'query',
    id: 'privilegedAssignments',
    title: 'Privileged permission assignments',
    soql:
      'SELECT AssigneeId, Assignee.Name, Assignee.Username, Assignee.LastLoginDate, PermissionSetId, PermissionSet.Label, ' +
      'PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name, ' +
      privilegedPermissionFields.map((field) => `PermissionSet.${field}`).join(', ') +
      ` FROM PermissionSetAssignment WHERE Assignee.IsActive = true AND Assignee.UserType = 'Standard' AND (${privilegedPermissionFilter})`,
  },
  {
    kind: 'query',
    id: 'privilegedMfa',
    title: 'MFA methods of privileged users',
    soql:
      'SELECT UserId, HasSalesforceAuthenticator, HasTotp, HasU2F, HasBuiltInAuthenticator, HasUserVerifiedMobileNumber ' +
      'FROM TwoFactorMethodsInfo WHERE UserId IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE ' +
      `Assignee.IsActive = true AND (${privilegedPermissionFilter}))`,
  },
  {
    kind: 'query',
    id: 'mfaWaivers',
    title: 'MFA waivers',
    soql:
      'SELECT AssigneeId, Assignee.Name, Assignee.Username, PermissionSet.Label FROM PermissionSetAssignment ' +
      'WHERE Assignee.IsActive = true AND PermissionSet.PermissionsBypassMFAForUiLogins = true',
  },
  {
    kind: 'query',
    id: 'permissionSets',
    title: 'Profiles and permission sets with powerful permissions',
    soql:
      'SELECT Id, Label, Name, IsOwnedByProfile, ProfileId, Profile.Name, ' +
      privilegedPermissionFields.join(', ') +
      ' FROM PermissionSet WHERE ' +
      privilegedPermissionFilter.replaceAll('PermissionSet.', ''),
  },
  {
    kind: 'query',
    id: 'activeUsers',
    title: 'Active users',
    soql: "SELECT COUNT() FROM User WHERE IsActive = true AND UserType = 'Standard'",
  },
  {
    kind: 'query',
    id: 'inactiveUsers',
    title: 'Users without a login in 90 days',
    soql:
      'SELECT Id, Name, Username, LastLoginDate, CreatedDate, Profile.Name FROM User WHERE IsActive = true ' +
      "AND UserType = 'Standard' AND (LastLoginDate < LAST_N_DAYS:90 OR LastLoginDate = null) ORDER BY LastLoginDate ASC NULLS FIRST",
  },
  {
    kind: 'query',
    id: 'apiEnabledUsers',
    title: 'Users with API Enabled',
    soql:
      'SELECT AssigneeId, Assignee.Name FROM PermissionSetAssignment WHERE Assignee.IsActive = true ' +
      "AND Assignee.UserType = 'Standard' AND PermissionSet.PermissionsApiEnabled = true",
  },
  {
    kind: 'query',
    id: 'loginIpRanges',
    title: 'Profile login IP ranges',
    soql: 'SELECT Id, ProfileId, Profile.Name, StartAddress, EndAddress, Description FROM LoginIpRange',
  },
  {
    kind: 'query',
    id: 'connectedApps',
    title: 'Connected apps',
    soql:
      'SELECT Id, Name, OptionsAllowAdminApprovedUsersOnly, OptionsHasSessionLevelPolicy, OptionsRefreshTokenValidityMetric, ' +
      'RefreshTokenValidityPeriod, CreatedDate FROM ConnectedApplication',
  },
  {
    kind: 'query',
    id: 'oauthTokens',
    title: 'OAuth tokens',
    soql:
      'SELECT Id, AppName, UserId, User.Name, LastUsedDate, UseCount, CreatedDate, AppMenuItem.IsUsingAdminAuthorization, ' +
      'AppMenuItem.ApplicationId FROM OauthToken ORDER BY LastUsedDate ASC NULLS FIRST',
  },
  {
    kind: 'query',
    id: 'appMenuItems',
    title: 'Installed connected apps (App Launcher entries)',
    soql: "SELECT Id, Label, Name, ApplicationId, NamespacePrefix, IsUsingAdminAuthorization FROM AppMenuItem WHERE Type = 'ConnectedApplication'",
  },
  {
    kind: 'appMetadata',
    id: 'connectedAppOauth',
    title: 'Connected app OAuth settings (scopes, IP relaxation, refresh token policy)',
    type: 'ConnectedApp',
    namesFrom: 'appMenuItems',
  },
  {
    kind: 'query',
    id: 'externalClientApps',
    title: 'External client apps',
    soql: 'SELECT Id, MasterLabel, DeveloperName, DistributionState, CreatedDate FROM ExternalClientApplication',
  },
  {
    kind: 'query',
    id: 'externalClientAppPolicies',
    title: 'External client app OAuth policies',
    soql: 'SELECT Id, ExternalClientApplicationId, PermittedUsersPolicyType FROM ExtlClntAppOauthPlcyCnfg',
  },
  {
    kind: 'tooling',
    id: 'remoteSites',
    title: 'Remote site settings',
    soql: 'SELECT Id, SiteName, EndpointUrl, IsActive, DisableProtocolSecurity FROM RemoteProxy',
  },
  {
    kind: 'query',
    id: 'cspTrustedSites',
    title: 'CSP trusted sites',
    soql: 'SELECT Id, DeveloperName, EndpointUrl, IsActive, Context FROM CspTrustedSite',
  },
  {
    kind: 'query',
    id: 'corsOrigins',
    title: 'CORS allowed origins',
    soql: 'SELECT Id, DeveloperName, UrlPattern FROM CorsWhitelistEntry',
  },
  {
    kind: 'tooling',
    id: 'certificates',
    title: 'Certificates',
    soql: 'SELECT Id, DeveloperName, MasterLabel, ExpirationDate FROM Certificate',
  },
  {
    kind: 'query',
    id: 'auditTrail',
    title: 'Setup audit trail (30 days)',
    soql:
      'SELECT Id, CreatedDate, CreatedBy.Name, Action, Section, Display, DelegateUser FROM SetupAuditTrail ' +
      'WHERE CreatedDate = LAST_N_DAYS:30 ORDER BY CreatedDate DESC',
  },
  {
    kind: 'query',
    id: 'eventLogFiles',
    title: 'Event log files (7 days)',
    soql: 'SELECT Id, EventType, LogDate, Interval FROM EventLogFile WHERE LogDate = LAST_N_DAYS:7',
  },
  {
    kind: 'query',
    id: 'sites',
    title: 'Sites',
    soql: 'SELECT Id, Name, Status, SiteType, UrlPathPrefix FROM Site',
  },
  {
    kind: 'query',
    id: 'guestAssignments',
    title: 'Guest user permissions',
    soql:
      'SELECT AssigneeId, Assignee.Name, PermissionSet.Label, PermissionSet.IsOwnedByProfile, ' +
      privilegedPermissionFields.map((field) => `PermissionSet.${field}`).join(', ') +
      " FROM PermissionSetAssignment WHERE Assignee.UserType = 'Guest' AND Assignee.IsActive = true",
  },
];

export const salesforceSourceDescriptions: SourceDescription[] = salesforceSources.map(({ id, title }) => ({ id, title }));
