import { healthCheckRisks } from './health-check';
import type { Row } from './schema';
import { adminPermissions, buildPeople, clock, idFactory, type OrgSeed, type SecuritySettingsSeed } from './seed';

/**
 * Initech: an org created a week ago and not configured yet. Only what Salesforce creates with every org:
 * one System Administrator (with the MFA registration Salesforce requires at first login), the standard
 * profiles, the default security settings, Health Check. No other users, permission sets, connected apps,
 * OAuth tokens, remote sites, CSP or CORS entries, certificates, sites, login IP ranges or event logs.
 */
export const emptySecuritySettings = (): SecuritySettingsSeed => ({
  canUsersGrantLoginAccess: true,
  enableAdminLoginAsAnyUser: false,
  enableAuditFieldsInactiveOwner: false,
  enableAuraSecureEvalPref: true,
  enableCoopHeader: false,
  enablePermissionsPolicy: false,
  enableRequireHttpsConnection: true,
  isTLSv12Required: true,
  isTLSv12RequiredCommunities: true,
  redirectBlockModeEnabled: false,
  networkAccess: { ipRanges: [] },
  passwordPolicies: {
    apiOnlyUserHomePageURL: '',
    complexity: 'AlphaNumeric',
    expiration: 'NinetyDays',
    historyRestriction: 3,
    lockoutInterval: 'FifteenMinutes',
    maxLoginAttempts: 'TenAttempts',
    minimumPasswordLength: 8,
    minimumPasswordLifetime: false,
    obscureSecretAnswer: false,
    passwordAssistanceMessage: '',
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
    enableCacheAndAutocomplete: true,
    enableClickjackNonsetupSFDC: true,
    enableClickjackNonsetupUser: false,
    enableClickjackNonsetupUserHeaderless: false,
    enableClickjackSetup: true,
    enableContentSniffingProtection: true,
    enableLightningLogin: true,
    enableLightningLoginOnlyWithUserPerm: false,
    enableMFADirectUILoginOptIn: true,
    enableOauthCorsPolicy: false,
    enablePostForSessions: false,
    enableSMSIdentity: true,
    enableU2F: true,
    enableXssProtection: true,
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
    sessionTimeout: 'TwoHours',
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

export function emptyOrg(now: number = Date.now()): OrgSeed {
  const newId = idFactory('9e');
  const at = clock(now);
  const orgId = '00D9e00000INiTECH0';
  const settings = emptySecuritySettings();
  const people = buildPeople({
    newId, at, domain: 'initech.com',
    profiles: [
      { key: 'admin', name: 'System Administrator', permissions: adminPermissions },
      { key: 'standard', name: 'Standard User', permissions: { PermissionsApiEnabled: true } },
      { key: 'readonly', name: 'Read Only', permissions: { PermissionsApiEnabled: true } },
    ],
    permissionSets: [],
    users: [{ key: 'admin', first: 'Peter', last: 'Gibbons', profile: 'admin', lastLogin: 0, created: 7, title: 'IT', mfa: { HasSalesforceAuthenticator: true } }],
  });
  const records: Record<string, Row[]> = { ...people.records };
  records.Organization = [{
    Id: orgId, Name: 'Initech', OrganizationType: 'Enterprise Edition', InstanceName: 'USA660', IsSandbox: false, TrialExpirationDate: null,
    DefaultAccountAccess: 'Edit', DefaultContactAccess: 'ControlledByParent', DefaultOpportunityAccess: 'Edit', DefaultLeadAccess: 'ReadEditTransfer',
    DefaultCaseAccess: 'ReadEditTransfer', DefaultCalendarAccess: 'HideDetailsInsert', DefaultPricebookAccess: 'ReadSelect', LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: 'America/Chicago', NamespacePrefix: null, Country: 'US', ComplianceBccEmail: null,
    CreatedDate: at.daysAgo(7), LastModifiedDate: at.daysAgo(7), SystemModstamp: at.daysAgo(7),
  }];
  records.SecurityHealthCheck = [{ Id: newId('0Zs'), DurableId: 'SecurityHealthCheck', Score: '62', CustomBaselineId: null, CreatedDate: at.hoursAgo(2) }];
  records.SecurityHealthCheckRisks = healthCheckRisks(settings);
  return {
    myDomain: 'initech', orgId, name: 'Initech', username: 'peter.gibbons@initech.com', password: 'Initech-Demo-2024!',
    records, securitySettings: settings,
    connectedAppSettings: { enableSkipUserProvisioningWizardWelcomePage: false },
    limits: { dailyApiRequests: { max: 100000, used: 40 } },
    apiAccessControlAvailable: false,
  };
}
