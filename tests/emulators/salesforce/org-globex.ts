import { healthCheckRisks } from './health-check';
import type { Row } from './schema';
import { adminPermissions, buildPeople, clock, firstNames, idFactory, lastNames, type OrgSeed, type SecuritySettingsSeed, type UserSpec } from './seed';

/** Globex Ltd: small and well configured, with two planted findings (see README.md). */
export const globexSecuritySettings = (): SecuritySettingsSeed => ({
  canUsersGrantLoginAccess: false,
  enableAdminLoginAsAnyUser: false,
  enableAuditFieldsInactiveOwner: false,
  enableAuraSecureEvalPref: true,
  enableCoopHeader: true,
  enablePermissionsPolicy: true,
  enableRequireHttpsConnection: true,
  isTLSv12Required: true,
  isTLSv12RequiredCommunities: true,
  redirectBlockModeEnabled: true,
  networkAccess: {
    ipRanges: [
      { start: '192.0.2.0', end: '192.0.2.255', description: 'Globex London office' },
      { start: '198.51.100.64', end: '198.51.100.79', description: 'Globex VPN egress' },
    ],
  },
  passwordPolicies: {
    apiOnlyUserHomePageURL: '',
    complexity: 'UpperLowerCaseNumericSpecialCharacters',
    expiration: 'NinetyDays',
    historyRestriction: 5,
    lockoutInterval: 'ThirtyMinutes',
    maxLoginAttempts: 'ThreeAttempts',
    minimumPasswordLength: 12,
    minimumPasswordLifetime: true,
    obscureSecretAnswer: true,
    passwordAssistanceMessage: 'Contact the Globex IT service desk on extension 4400.',
    questionRestriction: 'DoesNotContainPassword',
  },
  sessionSettings: {
    allowUserAuthenticationByCertificate: false,
    canConfirmIdentityBySmsOnly: false,
    disableTimeoutWarning: false,
    enableBuiltInAuthenticator: true,
    enableCSPOnEmail: true,
    enableCSRFOnGet: true,
    enableCSRFOnPost: true,
    enableCacheAndAutocomplete: false,
    enableClickjackNonsetupSFDC: true,
    enableClickjackNonsetupUser: true,
    enableClickjackNonsetupUserHeaderless: true,
    enableClickjackSetup: true,
    enableContentSniffingProtection: true,
    enableLightningLogin: false,
    enableLightningLoginOnlyWithUserPerm: true,
    enableMFADirectUILoginOptIn: true,
    enableOauthCorsPolicy: false,
    enablePostForSessions: true,
    enableSMSIdentity: true,
    enableU2F: true,
    enableXssProtection: true,
    enforceIpRangesEveryRequest: true,
    forceLogoutOnSessionTimeout: true,
    forceRelogin: true,
    hasUserSwitching: false,
    identityConfirmationOnEmailChange: true,
    identityConfirmationOnTwoFactorRegistrationEnabled: true,
    lockSessionsToDomain: true,
    lockSessionsToIp: true,
    lockerServiceNext: true,
    redirectionWarning: true,
    referrerPolicy: true,
    requireHttpOnly: true,
    sessionTimeout: 'TwoHours',
    terminateUserSessionsWhenAdminResetsPassword: true,
  },
  singleSignOnSettings: {
    enableCaseInsensitiveFederationID: true,
    enableMultipleSamlConfigs: true,
    enableSamlJitProvisioning: false,
    enableSamlLogin: true,
    isLoginWithSalesforceCredentialsDisabled: false,
  },
});

export function globexOrg(now: number = Date.now()): OrgSeed {
  const newId = idFactory('8c');
  const at = clock(now);
  const orgId = '00D8c00000GLoBXEA1';
  const settings = globexSecuritySettings();
  const users: UserSpec[] = [
    { key: 'hank', first: 'Hank', last: 'Scorpio', profile: 'admin', lastLogin: 0, created: 900, title: 'Head of IT', department: 'IT', mfa: { HasU2F: true, HasSalesforceAuthenticator: true } },
    { key: 'frank', first: 'Frank', last: 'Grimes', profile: 'admin', lastLogin: 2, created: 600, title: 'Salesforce Administrator', department: 'IT', mfa: { HasSalesforceAuthenticator: true } },
    // Finding: active user with no login for 120 days.
    { first: 'Lindsey', last: 'Naegle', profile: 'sales', lastLogin: 120, created: 700, department: 'Sales', mfa: { HasTotp: true } },
    { key: 'etl', first: 'Globex', last: 'ETL', username: 'etl-integration@globex.com', profile: 'integration', lastLogin: 0, created: 500, department: 'IT', mfa: { HasTotp: true } },
  ];
  for (let index = 0; users.length < 15; index++) {
    users.push({
      first: firstNames[(index * 11 + 3) % firstNames.length] as string,
      last: lastNames[(index * 17 + 2) % lastNames.length] as string,
      profile: index % 3 === 0 ? 'service' : 'sales',
      lastLogin: index % 9,
      created: 100 + index * 37,
      department: index % 3 === 0 ? 'Customer Support' : 'Sales',
      mfa: index % 2 ? { HasSalesforceAuthenticator: true } : { HasBuiltInAuthenticator: true },
    });
  }
  const people = buildPeople({
    newId, at, domain: 'globex.com',
    profiles: [
      { key: 'admin', name: 'System Administrator', permissions: { ...adminPermissions, PermissionsForceTwoFactor: true } },
      { key: 'sales', name: 'Globex Sales', permissions: { PermissionsForceTwoFactor: true } },
      { key: 'service', name: 'Globex Service', permissions: { PermissionsForceTwoFactor: true } },
      { key: 'integration', name: 'Globex Integration', permissions: { PermissionsApiEnabled: true, PermissionsTwoFactorApi: true } },
      { key: 'standard', name: 'Standard User', permissions: {} },
    ],
    permissionSets: [{ key: 'reports', name: 'Report_Builders', label: 'Report Builders', permissions: {} }],
    users,
  });
  const user = (key: string) => people.userIds.get(key) as string;
  const records: Record<string, Row[]> = { ...people.records };
  const stamps = (days: number) => ({ CreatedDate: at.daysAgo(days), LastModifiedDate: at.daysAgo(Math.min(days, 30)), SystemModstamp: at.daysAgo(Math.min(days, 30)) });

  records.Organization = [{
    Id: orgId, Name: 'Globex Ltd', OrganizationType: 'Unlimited Edition', InstanceName: 'EU46', IsSandbox: false, TrialExpirationDate: null,
    DefaultAccountAccess: 'Read', DefaultContactAccess: 'ControlledByParent', DefaultOpportunityAccess: 'None', DefaultLeadAccess: 'Read',
    DefaultCaseAccess: 'None', DefaultCalendarAccess: 'HideDetailsInsert', DefaultPricebookAccess: 'ReadSelect', LanguageLocaleKey: 'en_GB',
    TimeZoneSidKey: 'Europe/London', NamespacePrefix: null, Country: 'GB', ComplianceBccEmail: null, ...stamps(1200),
  }];
  records.LoginIpRange = ['admin', 'sales', 'service', 'integration'].map((profile) => ({
    Id: newId('0Ia'), ProfileId: people.profileIds.get(profile), StartAddress: profile === 'integration' ? '198.51.100.64' : '192.0.2.0',
    EndAddress: profile === 'integration' ? '198.51.100.79' : '192.0.2.255', Description: profile === 'integration' ? 'VPN egress' : 'London office', ...stamps(600),
  }));
  const app = newId('0H4');
  records.ConnectedApplication = [{ Id: app, Name: 'Globex Data Warehouse', OptionsAllowAdminApprovedUsersOnly: true, OptionsHasSessionLevelPolicy: true, OptionsRefreshTokenValidityMetric: true, RefreshTokenValidityPeriod: 30, MobileSessionTimeout: null, MobileStartUrl: null, StartUrl: null, PinLength: null, OptionsFullContentPushNotifications: false, ...stamps(400) }];
  const menuId = newId('0DS');
  records.AppMenuItem = [{ Id: menuId, Name: 'Globex_Data_Warehouse', Label: 'Globex Data Warehouse', ApplicationId: app, IsUsingAdminAuthorization: true, Type: 'ConnectedApplication', IsAccessible: true, IsVisible: true, NamespacePrefix: null, ...stamps(400) }];
  records.OauthToken = [
    { Id: newId('0CQ'), AppName: 'Globex Data Warehouse', UserId: user('etl'), AppMenuItemId: menuId, LastUsedDate: at.daysAgo(0), UseCount: 5120, DeleteToken: 'emulator-delete-token-etl', CreatedDate: at.daysAgo(29) },
    // The risky path: an uninstalled reporting add-on a System Administrator authorised for himself before API Access
    // Control was turned on. API Access Control now blocks its calls, but the refresh token lives until it is revoked.
    { Id: newId('0CQ'), AppName: 'QuickReports Exporter', UserId: user('frank'), AppMenuItemId: null, LastUsedDate: at.daysAgo(50), UseCount: 212, DeleteToken: 'emulator-delete-token-frank', CreatedDate: at.daysAgo(120) },
  ];
  records.RemoteProxy = [{ Id: newId('0rp'), SiteName: 'Globex_ERP', EndpointUrl: 'https://erp.globex.com', IsActive: true, DisableProtocolSecurity: false, Description: 'SAP gateway', ProtocolMismatch: false, NamespacePrefix: null, ...stamps(500) }];
  records.CspTrustedSite = [{ Id: newId('08y'), DeveloperName: 'Globex_Static', MasterLabel: 'Globex Static', EndpointUrl: 'https://static.globex.com', IsActive: true, Context: 'LEX', Description: null, IsApplicableToConnectSrc: false, IsApplicableToFrameSrc: false, IsApplicableToImgSrc: true, IsApplicableToScriptSrc: false, IsApplicableToStyleSrc: true, IsApplicableToFontSrc: true, IsApplicableToMediaSrc: false, NamespacePrefix: null, ...stamps(300) }];
  records.CorsWhitelistEntry = [{ Id: newId('0AJ'), DeveloperName: 'Globex_Intranet', MasterLabel: 'Globex_Intranet', UrlPattern: 'https://intranet.globex.com', NamespacePrefix: null, ...stamps(300) }];
  records.Certificate = [
    // Finding: expires within 30 days.
    { Id: newId('0P1'), DeveloperName: 'Globex_SAML_Signing', MasterLabel: 'Globex SAML Signing', ExpirationDate: at.dateIn(25), KeySize: '4096', OptionsIsCASigned: true, OptionsIsPrivateKeyExportable: false, NamespacePrefix: null, ...stamps(340) },
    { Id: newId('0P1'), DeveloperName: 'Globex_API_mTLS', MasterLabel: 'Globex API mTLS', ExpirationDate: at.dateIn(400), KeySize: '4096', OptionsIsCASigned: true, OptionsIsPrivateKeyExportable: false, NamespacePrefix: null, ...stamps(330) },
  ];
  const audit = (days: number, by: string, action: string, section: string, display: string) => ({ Id: newId('0Ym'), Action: action, Section: section, Display: display, DelegateUser: null, CreatedDate: at.daysAgo(days, 10), CreatedById: user(by), ResponsibleNamespacePrefix: null, CreatedByContext: null, CreatedByIssuer: null });
  records.SetupAuditTrail = [
    audit(2, 'frank', 'newuser', 'Manage Users', 'Created new user Report Builder'),
    audit(8, 'hank', 'changedCertificate', 'Certificate and Key Management', 'Uploaded certificate Globex API mTLS'),
    audit(20, 'frank', 'PermSetAssign', 'Manage Users', 'Permission set Report Builders: assigned to user Frank Grimes'),
  ];
  records.EventLogFile = [];
  for (let day = 1; day <= 7; day++) {
    for (const type of ['Login', 'Logout', 'API', 'ReportExport']) {
      records.EventLogFile.push({ Id: newId('0AT'), EventType: type, LogDate: at.daysAgo(day, 0), Interval: 'Daily', LogFileLength: 10240 + day * 311, Sequence: 1, ApiVersion: 66, LogFileContentType: 'CSV', CreatedDate: at.daysAgo(day - 1, 3) });
    }
  }
  records.Site = [];
  records.SecurityHealthCheck = [{ Id: newId('0Zs'), DurableId: 'SecurityHealthCheck', Score: '91', CustomBaselineId: null, CreatedDate: at.hoursAgo(5) }];
  records.SecurityHealthCheckRisks = healthCheckRisks(settings);

  return {
    myDomain: 'globex', orgId, name: 'Globex Ltd', username: 'hank.scorpio@globex.com', password: 'Globex-Demo-2024!',
    records, securitySettings: settings,
    connectedAppSettings: { enableAdminApprovedAppsOnly: true, enableAdminApprovedAppsOnlyForExternalUser: false, enableSkipUserProvisioningWizardWelcomePage: false },
    connectedAppMetadata: {
      // Admin-approved for the ETL user only: api + refresh_token, the pair an integration needs, with an idle expiry.
      Globex_Data_Warehouse: {
        contactEmail: 'data@globex.com',
        label: 'Globex Data Warehouse',
        oauthConfig: { callbackUrl: 'https://dwh.globex.com/oauth/callback', consumerKey: '3MVG9GlobexDataWarehouseKey0001', isAdminApproved: true, scopes: ['Api', 'RefreshToken'] },
        oauthPolicy: { ipRelaxation: 'ENFORCE', refreshTokenPolicy: 'specific_inactivity:30:DAYS' },
      },
    },
    limits: { dailyApiRequests: { max: 100000, used: 12450 } },
    apiAccessControlAvailable: true,
  };
}
