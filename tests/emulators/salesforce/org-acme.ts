import { healthCheckRisks } from './health-check';
import type { Row } from './schema';
import { prng } from '../shared/random';
import { adminPermissions, buildPeople, clock, firstNames, idFactory, lastNames, type OrgSeed, type SecuritySettingsSeed, type UserSpec } from './seed';

/**
 * Acme Corporation: a realistic, deliberately misconfigured org. Every planted finding is listed in
 * README.md (and the emulator report); keep the two in step.
 */
export const acmeSecuritySettings = (): SecuritySettingsSeed => ({
  canUsersGrantLoginAccess: true,
  enableAdminLoginAsAnyUser: true,
  enableAuditFieldsInactiveOwner: false,
  enableAuraSecureEvalPref: true,
  enableCoopHeader: false,
  enablePermissionsPolicy: false,
  enableRequireHttpsConnection: true,
  isTLSv12Required: false,
  isTLSv12RequiredCommunities: false,
  redirectBlockModeEnabled: false,
  networkAccess: {
    ipRanges: [
      { start: '0.0.0.0', end: '255.255.255.255', description: 'Temporary - data migration (do not remove until cutover)' },
      { start: '203.0.113.0', end: '203.0.113.255', description: 'Acme HQ San Francisco' },
    ],
  },
  passwordPolicies: {
    apiOnlyUserHomePageURL: '',
    complexity: 'AlphaNumeric',
    expiration: 'Never',
    historyRestriction: 0,
    lockoutInterval: 'FifteenMinutes',
    maxLoginAttempts: 'TenAttempts',
    minimumPasswordLength: 8,
    minimumPasswordLifetime: false,
    obscureSecretAnswer: false,
    passwordAssistanceMessage: '',
    questionRestriction: 'None',
  },
  sessionSettings: {
    allowUserAuthenticationByCertificate: false,
    canConfirmIdentityBySmsOnly: false,
    disableTimeoutWarning: false,
    enableBuiltInAuthenticator: true,
    enableCSPOnEmail: true,
    enableCSRFOnGet: true,
    enableCSRFOnPost: true,
    enableCacheAndAutocomplete: true,
    enableClickjackNonsetupSFDC: false,
    enableClickjackNonsetupUser: false,
    enableClickjackNonsetupUserHeaderless: false,
    enableClickjackSetup: true,
    enableContentSniffingProtection: true,
    enableLightningLogin: true,
    enableLightningLoginOnlyWithUserPerm: false,
    enableMFADirectUILoginOptIn: false,
    enableOauthCorsPolicy: false,
    enablePostForSessions: false,
    enableSMSIdentity: false,
    enableU2F: true,
    enableXssProtection: false,
    enforceIpRangesEveryRequest: false,
    forceLogoutOnSessionTimeout: false,
    forceRelogin: true,
    hasUserSwitching: true,
    identityConfirmationOnEmailChange: true,
    identityConfirmationOnTwoFactorRegistrationEnabled: true,
    lockSessionsToDomain: true,
    lockSessionsToIp: false,
    lockerServiceNext: true,
    redirectionWarning: true,
    referrerPolicy: true,
    requireHttpOnly: false,
    sessionTimeout: 'TwelveHours',
    terminateUserSessionsWhenAdminResetsPassword: true,
  },
  singleSignOnSettings: {
    enableCaseInsensitiveFederationID: false,
    enableMultipleSamlConfigs: true,
    enableSamlJitProvisioning: false,
    enableSamlLogin: false,
    isLoginWithSalesforceCredentialsDisabled: false,
  },
});

const departments = ['Sales', 'Sales', 'Sales', 'Customer Support', 'Customer Support', 'Marketing', 'Finance', 'Operations'];

/**
 * A consumer key and secret a scan must never keep: Salesforce sends the key with every ConnectedApp record, and the
 * secret too where the org lets it be read. tests/e2e/security-session.e2e.ts searches storage and exports for both.
 */
export const plantedConsumerKey = '3MVG9PlantedConsumerKeyAcmeDataLoaderPro7Q2w';
export const plantedConsumerSecret = 'PlantedConsumerSecretAcme5F8D2C1B9E7A4603';

/** The installed apps' OAuth settings (Metadata API ConnectedApp), by full name. */
const acmeConnectedAppMetadata: NonNullable<OrgSeed['connectedAppMetadata']> = {
  // Finding: self-authorised by anyone, api + web + refresh_token, IP restrictions relaxed, tokens never expire.
  DataLoader_Pro: {
    contactEmail: 'tom.okafor@acme.com',
    label: 'DataLoader Pro',
    oauthConfig: {
      callbackUrl: 'https://app.dataloaderpro.io/oauth/callback',
      consumerKey: plantedConsumerKey,
      consumerSecret: plantedConsumerSecret,
      isAdminApproved: false,
      isConsumerSecretOptional: false,
      scopes: ['Api', 'Web', 'RefreshToken'],
    },
    oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'infinite' },
  },
  // The vendor's app, from its managed package: narrow scopes and an idle expiry.
  slackv2__Slack_for_Salesforce: {
    contactEmail: 'salesforce-support@slack.com',
    label: 'Slack for Salesforce',
    oauthConfig: { callbackUrl: 'https://slack.com/services/salesforce/oauth', consumerKey: '3MVG9SlackForSalesforceVendorKey0001', isAdminApproved: true, scopes: ['Chatter', 'Basic', 'OpenID'] },
    oauthPolicy: { ipRelaxation: 'ENFORCE', refreshTokenPolicy: 'specific_inactivity:90:DAYS' },
  },
  Acme_Internal_Portal: {
    contactEmail: 'it@acme.com',
    label: 'Acme Internal Portal',
    oauthConfig: { callbackUrl: 'https://portal.acme.com/oauth/callback', consumerKey: '3MVG9AcmeInternalPortalKey0002', isAdminApproved: true, scopes: ['OpenID', 'Basic', 'CustomPermissions'] },
    oauthPolicy: { ipRelaxation: 'ENFORCE', refreshTokenPolicy: 'specific_inactivity:30:DAYS' },
  },
  // Finding: the retired integration was pre-authorised by an admin with the full scope and a token that never expires.
  Zendesk_Sync: {
    contactEmail: 'it@acme.com',
    label: 'Zendesk Sync',
    oauthConfig: { callbackUrl: 'https://acme.zendesk.com/salesforce/oauth', consumerKey: '3MVG9ZendeskSyncAcmeKey0003', isAdminApproved: true, scopes: ['Full', 'RefreshToken'] },
    oauthPolicy: { ipRelaxation: 'ENFORCE', refreshTokenPolicy: 'infinite' },
  },
};

export function acmeOrg(now: number = Date.now()): OrgSeed {
  const newId = idFactory('5g');
  const at = clock(now);
  const random = prng(20240501);
  const orgId = '00D5g000004AcMEEA0';
  const settings = acmeSecuritySettings();

  const specificUsers: UserSpec[] = [
    { key: 'dana', first: 'Dana', last: 'Whitfield', profile: 'admin', lastLogin: 0, created: 1400, title: 'Salesforce Platform Owner', department: 'IT', mfa: { HasSalesforceAuthenticator: true, HasUserVerifiedMobileNumber: true } },
    { key: 'marcus', first: 'Marcus', last: 'Chen', profile: 'admin', lastLogin: 3, created: 1100, title: 'CRM Administrator', department: 'IT' },
    { key: 'priya', first: 'Priya', last: 'Raman', profile: 'admin', lastLogin: 11, created: 700, title: 'Revenue Operations Lead', department: 'Operations' },
    { key: 'tom', first: 'Tom', last: 'Okafor', profile: 'admin', lastLogin: 200, created: 1500, title: 'Former IT Manager', department: 'IT', mfa: { HasTotp: true } },
    { key: 'kevin', first: 'Kevin', last: 'Brandt', profile: 'sales', lastLogin: 1, created: 500, title: 'Sales Operations Analyst', department: 'Sales', permissionSets: ['dataMigration'], mfa: { HasSalesforceAuthenticator: true } },
    { key: 'laura', first: 'Laura', last: 'Mendes', profile: 'sales', lastLogin: 2, created: 650, title: 'Field Sales Director', department: 'Sales', permissionSets: ['mfaWaiver'] },
    { key: 'integration', first: 'Integration', last: 'User', username: 'integration@acme.com', profile: 'integration', lastLogin: 0, created: 900, title: 'MuleSoft integration', department: 'IT' },
    // Inactive 90+ days (still active accounts).
    { first: 'Greg', last: 'Holloway', profile: 'sales', lastLogin: 95, created: 800, department: 'Sales' },
    { first: 'Nadia', last: 'Petrova', profile: 'service', lastLogin: 121, created: 900, department: 'Customer Support' },
    { first: 'Victor', last: 'Alvarez', profile: 'sales', lastLogin: 150, created: 1000, department: 'Sales' },
    { first: 'Helen', last: 'Park', profile: 'readonly', lastLogin: 240, created: 1200, department: 'Finance' },
    { first: 'Stefan', last: 'Berg', profile: 'service', lastLogin: 400, created: 1300, department: 'Customer Support' },
    // Never logged in.
    { first: 'Jasmine', last: 'Cole', profile: 'sales', lastLogin: null, created: 45, department: 'Sales' },
    { first: 'Arjun', last: 'Mehta', profile: 'service', lastLogin: null, created: 60, department: 'Customer Support' },
    { first: 'Beatrice', last: 'Laurent', profile: 'marketing', lastLogin: null, created: 130, department: 'Marketing' },
    // Deactivated (must not appear in active-user findings).
    { first: 'Paul', last: 'Gruber', profile: 'admin', lastLogin: 300, created: 1600, active: false, department: 'IT' },
    { first: 'Irene', last: 'Szabo', profile: 'sales', lastLogin: 500, created: 1400, active: false, department: 'Sales' },
    { first: 'Colin', last: 'Fraser', profile: 'service', lastLogin: 90, created: 700, active: false, department: 'Customer Support' },
    { first: 'Mina', last: 'Takahashi', profile: 'marketing', lastLogin: 200, created: 600, active: false, department: 'Marketing' },
    // Non-standard user types.
    { key: 'guest', first: '', last: 'Acme Partner Portal Site Guest User', username: 'partnerportal@acme.force.com', profile: 'guest', lastLogin: null, created: 400, userType: 'Guest' },
    { first: '', last: 'Automated Process', username: 'autoproc@00d5g000004acme', profile: 'standard', lastLogin: null, created: 1600, userType: 'AutomatedProcess' },
  ];
  const regular: UserSpec[] = [];
  for (let index = 0; regular.length < 40; index++) {
    const first = firstNames[(index * 7) % firstNames.length] as string;
    const last = lastNames[(index * 13 + 5) % lastNames.length] as string;
    if (specificUsers.some((user) => user.last === last && user.first === first)) continue;
    const department = departments[index % departments.length] as string;
    const profile = department === 'Customer Support' ? 'service' : department === 'Marketing' ? 'marketing' : department === 'Finance' ? 'readonly' : index % 5 === 0 ? 'standard' : 'sales';
    regular.push({
      first, last, profile, department, lastLogin: Math.floor(random() * 30), created: 60 + Math.floor(random() * 1200),
      mfa: random() < 0.6 ? { HasSalesforceAuthenticator: true } : random() < 0.5 ? { HasTotp: true } : {},
      title: department === 'Sales' ? 'Account Executive' : department === 'Customer Support' ? 'Support Agent' : undefined,
    });
  }

  const people = buildPeople({
    newId, at, domain: 'acme.com',
    profiles: [
      { key: 'admin', name: 'System Administrator', permissions: adminPermissions },
      { key: 'standard', name: 'Standard User', permissions: { PermissionsApiEnabled: false } },
      { key: 'sales', name: 'Acme Sales User', permissions: {}, description: 'Cloned from Standard User; API access removed' },
      { key: 'service', name: 'Acme Service Agent', permissions: {} },
      { key: 'marketing', name: 'Marketing User', permissions: {} },
      { key: 'readonly', name: 'Read Only', permissions: {} },
      { key: 'integration', name: 'Acme Integration', permissions: { PermissionsApiEnabled: true, PermissionsViewAllData: true }, description: 'MuleSoft and data warehouse sync' },
      { key: 'guest', name: 'Acme Partner Portal Profile', userType: 'Guest', permissions: { PermissionsApiEnabled: true } },
    ],
    permissionSets: [
      { key: 'dataMigration', name: 'Data_Migration', label: 'Data Migration', permissions: { PermissionsModifyAllData: true, PermissionsViewAllData: true, PermissionsApiEnabled: true }, description: 'Temporary for the 2023 ERP migration' },
      { key: 'mfaWaiver', name: 'MFA_Waiver_Field_Sales', label: 'MFA Waiver - Field Sales', permissions: { PermissionsBypassMFAForUiLogins: true } },
      { key: 'reports', name: 'Sales_Ops_Reporting', label: 'Sales Ops Reporting', permissions: { PermissionsViewSetup: true } },
    ],
    users: [...specificUsers, ...regular],
  });
  const user = (key: string) => people.userIds.get(key) as string;
  const records: Record<string, Row[]> = { ...people.records };
  const stamps = (days: number) => ({ CreatedDate: at.daysAgo(days), LastModifiedDate: at.daysAgo(Math.min(days, 30)), SystemModstamp: at.daysAgo(Math.min(days, 30)) });

  records.Organization = [{
    Id: orgId, Name: 'Acme Corporation', OrganizationType: 'Enterprise Edition', InstanceName: 'USA544', IsSandbox: false, TrialExpirationDate: null,
    DefaultAccountAccess: 'Edit', DefaultContactAccess: 'ControlledByParent', DefaultOpportunityAccess: 'Edit', DefaultLeadAccess: 'ReadEditTransfer',
    DefaultCaseAccess: 'ReadEditTransfer', DefaultCalendarAccess: 'HideDetailsInsert', DefaultPricebookAccess: 'ReadSelect', LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: 'America/Los_Angeles', NamespacePrefix: null, Country: 'US', ComplianceBccEmail: null, ...stamps(2200),
  }];
  records.LoginIpRange = [
    { Id: newId('0Ia'), ProfileId: people.profileIds.get('sales'), StartAddress: '203.0.113.0', EndAddress: '203.0.113.255', Description: 'HQ office', ...stamps(500) },
    { Id: newId('0Ia'), ProfileId: people.profileIds.get('integration'), StartAddress: '198.51.100.10', EndAddress: '198.51.100.20', Description: 'MuleSoft workers', ...stamps(400) },
  ];
  const dataLoader = newId('0H4');
  const slack = newId('0H4');
  const portal = newId('0H4');
  records.ConnectedApplication = [
    { Id: dataLoader, Name: 'DataLoader Pro', OptionsAllowAdminApprovedUsersOnly: false, OptionsHasSessionLevelPolicy: false, OptionsRefreshTokenValidityMetric: false, RefreshTokenValidityPeriod: null, MobileSessionTimeout: null, MobileStartUrl: null, StartUrl: null, PinLength: null, OptionsFullContentPushNotifications: false, ...stamps(700) },
    { Id: slack, Name: 'Slack for Salesforce', OptionsAllowAdminApprovedUsersOnly: true, OptionsHasSessionLevelPolicy: false, OptionsRefreshTokenValidityMetric: true, RefreshTokenValidityPeriod: 90, MobileSessionTimeout: null, MobileStartUrl: null, StartUrl: null, PinLength: null, OptionsFullContentPushNotifications: false, ...stamps(300) },
    { Id: portal, Name: 'Acme Internal Portal', OptionsAllowAdminApprovedUsersOnly: true, OptionsHasSessionLevelPolicy: true, OptionsRefreshTokenValidityMetric: true, RefreshTokenValidityPeriod: 30, MobileSessionTimeout: null, MobileStartUrl: null, StartUrl: 'https://portal.acme.com', PinLength: null, OptionsFullContentPushNotifications: false, ...stamps(250) },
  ];
  // Finding: a support integration retired last year, still installed and holding a refresh token that never expires.
  const zendesk = newId('0H4');
  records.ConnectedApplication.push({ Id: zendesk, Name: 'Zendesk Sync', OptionsAllowAdminApprovedUsersOnly: true, OptionsHasSessionLevelPolicy: false, OptionsRefreshTokenValidityMetric: false, RefreshTokenValidityPeriod: null, MobileSessionTimeout: null, MobileStartUrl: null, StartUrl: null, PinLength: null, OptionsFullContentPushNotifications: false, ...stamps(900) });
  const menu = (app: string, name: string, label: string, admin: boolean, namespace: string | null = null) => ({ Id: newId('0DS'), Name: name, Label: label, ApplicationId: app, IsUsingAdminAuthorization: admin, Type: 'ConnectedApplication', IsAccessible: true, IsVisible: true, NamespacePrefix: namespace, ...stamps(300) });
  records.AppMenuItem = [
    menu(dataLoader, 'DataLoader_Pro', 'DataLoader Pro', false),
    menu(slack, 'Slack_for_Salesforce', 'Slack for Salesforce', true, 'slackv2'),
    menu(portal, 'Acme_Internal_Portal', 'Acme Internal Portal', true),
    menu(zendesk, 'Zendesk_Sync', 'Zendesk Sync', true),
  ];
  const [dataLoaderMenu, slackMenu, , zendeskMenu] = records.AppMenuItem.map((row) => row.Id as string);
  const fieldService = newId('0xI');
  records.ExternalClientApplication = [{ Id: fieldService, MasterLabel: 'Acme Field Service Mobile', DeveloperName: 'Acme_Field_Service_Mobile', DistributionState: 'Local', ContactEmail: 'it@acme.com', NamespacePrefix: null, ...stamps(120) }];
  records.ExtlClntAppOauthPlcyCnfg = [{ Id: newId('0Hx'), ExternalClientApplicationId: fieldService, PermittedUsersPolicyType: 'AdminApprovedPreAuthorized', DeveloperName: 'Acme_Field_Service_Mobile_oauthPlcy', MasterLabel: 'Acme Field Service Mobile', ...stamps(120) }];
  const token = (app: string, menuId: string | undefined, owner: string, lastUsed: number | null, uses: number, created: number) => ({
    Id: newId('0CQ'), AppName: app, UserId: owner, AppMenuItemId: menuId, LastUsedDate: lastUsed === null ? null : at.daysAgo(lastUsed), UseCount: uses, DeleteToken: `emulator-delete-token-${owner.slice(-6)}`, CreatedDate: at.daysAgo(created),
  });
  records.OauthToken = [
    token('DataLoader Pro', dataLoaderMenu, user('kevin'), 121, 340, 600),
    token('DataLoader Pro', dataLoaderMenu, user('marcus'), 134, 88, 500),
    token('DataLoader Pro', dataLoaderMenu, user('tom'), 210, 1022, 900),
    token('DataLoader Pro', dataLoaderMenu, user('integration'), 1, 15890, 800),
    token('DataLoader Pro', dataLoaderMenu, user('priya'), null, 0, 190),
    token('Slack for Salesforce', slackMenu, user('dana'), 0, 2210, 300),
    token('Slack for Salesforce', slackMenu, user('laura'), 1, 610, 280),
    token('Slack for Salesforce', slackMenu, user('kevin'), 4, 150, 200),
    token('Zendesk Sync', zendeskMenu, user('integration'), 160, 48210, 850),
    // The risky path: an app nobody installed, which a System Administrator authorised himself three weeks ago.
    token('Data Export Helper', undefined, user('marcus'), 2, 57, 21),
  ];
  records.RemoteProxy = [
    { Id: newId('0rp'), SiteName: 'Legacy_ERP', EndpointUrl: 'http://legacy-erp.acme-internal.com', IsActive: true, DisableProtocolSecurity: false, Description: 'Order sync with the on-prem ERP', ProtocolMismatch: false, NamespacePrefix: null, ...stamps(1500) },
    { Id: newId('0rp'), SiteName: 'Old_Analytics', EndpointUrl: 'https://analytics.oldvendor.io', IsActive: true, DisableProtocolSecurity: true, Description: null, ProtocolMismatch: false, NamespacePrefix: null, ...stamps(1300) },
    { Id: newId('0rp'), SiteName: 'Payment_Gateway', EndpointUrl: 'https://api.payments-partner.com', IsActive: true, DisableProtocolSecurity: false, Description: 'Card payments', ProtocolMismatch: false, NamespacePrefix: null, ...stamps(600) },
    { Id: newId('0rp'), SiteName: 'Google_Maps', EndpointUrl: 'https://maps.googleapis.com', IsActive: false, DisableProtocolSecurity: false, Description: null, ProtocolMismatch: false, NamespacePrefix: null, ...stamps(900) },
  ];
  const csp = (name: string, url: string) => ({ Id: newId('08y'), DeveloperName: name, MasterLabel: name.replace(/_/g, ' '), EndpointUrl: url, IsActive: true, Context: 'All', Description: null, IsApplicableToConnectSrc: true, IsApplicableToFrameSrc: true, IsApplicableToImgSrc: true, IsApplicableToScriptSrc: true, IsApplicableToStyleSrc: true, IsApplicableToFontSrc: true, IsApplicableToMediaSrc: true, NamespacePrefix: null, ...stamps(400) });
  records.CspTrustedSite = [csp('CDN_Cache', 'https://*.cdn-cache.net'), csp('Acme_Assets', 'https://assets.acme.com')];
  records.CorsWhitelistEntry = [
    { Id: newId('0AJ'), DeveloperName: 'Acme_Subdomains', MasterLabel: 'Acme_Subdomains', UrlPattern: 'https://*.acme.com', NamespacePrefix: null, ...stamps(500) },
    { Id: newId('0AJ'), DeveloperName: 'Local_Dev', MasterLabel: 'Local_Dev', UrlPattern: 'http://localhost:3000', NamespacePrefix: null, ...stamps(200) },
  ];
  const certificate = (name: string, label: string, expiresInDays: number, caSigned: boolean) => ({ Id: newId('0P1'), DeveloperName: name, MasterLabel: label, ExpirationDate: at.dateIn(expiresInDays), KeySize: '2048', OptionsIsCASigned: caSigned, OptionsIsPrivateKeyExportable: true, NamespacePrefix: null, ...stamps(365 - expiresInDays) });
  records.Certificate = [
    certificate('Acme_SSO_Signing', 'Acme SSO Signing', 12, false),
    certificate('Legacy_Integration_Cert', 'Legacy Integration Cert', -40, true),
    certificate('Acme_API_Client', 'Acme API Client', 300, true),
  ];
  const audit = (days: number, by: string, action: string, section: string, display: string, delegate: string | null = null) => ({ Id: newId('0Ym'), Action: action, Section: section, Display: display, DelegateUser: delegate, CreatedDate: at.daysAgo(days, 14), CreatedById: user(by), ResponsibleNamespacePrefix: null, CreatedByContext: null, CreatedByIssuer: null });
  records.SetupAuditTrail = [
    audit(1, 'dana', 'changedUserEmail', 'Manage Users', 'Changed email for user jasmine.cole@acme.com'),
    audit(2, 'marcus', 'PermSetAssign', 'Manage Users', 'Permission set Data Migration: assigned to user Kevin Brandt'),
    audit(3, 'kevin', 'PermSetAssign', 'Manage Users', 'Permission set MFA Waiver - Field Sales: assigned to user Laura Mendes', 'marcus.chen@acme.com'),
    audit(3, 'kevin', 'changedCorsWhitelist', 'CORS', 'Added CORS allowed origin http://localhost:3000', 'marcus.chen@acme.com'),
    audit(5, 'priya', 'changedinteractiveuser', 'Manage Users', 'Deactivated user Colin Fraser'),
    audit(6, 'dana', 'createdremotesite', 'Security Controls', 'Created remote site Payment_Gateway'),
    audit(9, 'marcus', 'changedProfileFLS', 'Manage Users', 'Changed profile Acme Sales User: field-level security for Opportunity: Discount'),
    audit(12, 'dana', 'securityPasswordPolicies', 'Security Controls', 'Changed password policy: Password history from 3 to 0'),
    audit(17, 'priya', 'newuser', 'Manage Users', 'Created new user Jasmine Cole'),
    audit(24, 'marcus', 'changedsessiontimeout', 'Security Controls', 'Changed session timeout from 2 hours to 12 hours'),
    audit(40, 'dana', 'changedNetworkAccess', 'Security Controls', 'Added trusted IP range 0.0.0.0 - 255.255.255.255'),
    audit(75, 'tom', 'connectedAppCreate', 'Connected Apps', 'Created connected app DataLoader Pro'),
  ];
  records.EventLogFile = [];
  records.Site = [
    { Id: newId('0DM'), Name: 'Acme_Partner_Portal', MasterLabel: 'Acme Partner Portal', Status: 'Active', SiteType: 'ChatterNetwork', UrlPathPrefix: 'partners', Subdomain: 'acme', GuestUserId: user('guest'), ...stamps(400) },
    { Id: newId('0DM'), Name: 'Acme_Careers', MasterLabel: 'Acme Careers', Status: 'Inactive', SiteType: 'Visualforce', UrlPathPrefix: 'careers', Subdomain: 'acme', GuestUserId: null, ...stamps(1000) },
  ];
  records.SecurityHealthCheck = [{ Id: newId('0Zs'), DurableId: 'SecurityHealthCheck', Score: '54', CustomBaselineId: null, CreatedDate: at.hoursAgo(3) }];
  // Deliberate disagreement: Health Check reports a 2-hour timeout while SecuritySettings says 12 hours.
  records.SecurityHealthCheckRisks = healthCheckRisks(settings, [{ durableId: 'SessionTimeout', orgValue: '2 hours', orgValueRaw: 'TwoHours', riskType: 'MEETS_STANDARD' }]);

  return {
    myDomain: 'acme', orgId, name: 'Acme Corporation', username: 'dana.whitfield@acme.com', password: 'Acme-Demo-2024!',
    records, securitySettings: settings,
    connectedAppSettings: { enableSkipUserProvisioningWizardWelcomePage: false },
    connectedAppMetadata: acmeConnectedAppMetadata,
    limits: { dailyApiRequests: { max: 15000, used: 2301 } },
    apiAccessControlAvailable: false,
  };
}
