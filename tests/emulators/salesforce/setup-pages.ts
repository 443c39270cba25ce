/**
 * The Setup pages the emulator serves: Lightning route key → title, classic path (rendered in the Setup
 * iframe on the my.salesforce.com host) and the form rows of editable settings pages.
 */
export interface SetupPageDef {
  key: string;
  title: string;
  group: string;
  /** The classic page Lightning renders in its Setup iframe; absent for Lightning-native pages (rendered in the shell). */
  classicPath?: string;
}

/** Company Information is the org's own record page (`/00D…`, the 15-character org id). */
const companyInfoPath = '/00D';

export const setupPageDefs: SetupPageDef[] = [
  { key: 'SetupOneHome', title: 'Setup Home', group: 'Home' },
  { key: 'ReleaseUpdates', title: 'Release Updates', group: 'Home' },
  { key: 'ManageUsers', title: 'Users', group: 'Users', classicPath: '/005?isUserEntityOverride=1' },
  { key: 'EnhancedProfiles', title: 'Profiles', group: 'Users', classicPath: '/00e' },
  { key: 'PermSets', title: 'Permission Sets', group: 'Users', classicPath: '/0PS' },
  { key: 'ConnectedApplication', title: 'Manage Connected Apps', group: 'Apps', classicPath: '/app/mgmt/forceconnectedapps/forceAppList.apexp' },
  { key: 'ConnectedAppsUsage', title: 'Connected Apps OAuth Usage', group: 'Apps' },
  { key: 'ApiAccessControl', title: 'API Access Control', group: 'Apps', classicPath: '/_ui/core/connectedapp/ApiAccessControlSettings' },
  { key: 'CompanyProfileInfo', title: 'Company Information', group: 'Company Settings', classicPath: companyInfoPath },
  { key: 'CustomDomain', title: 'Sites', group: 'Digital Experiences', classicPath: '/0DM' },
  { key: 'SetupNetworks', title: 'All Sites (Digital Experiences)', group: 'Digital Experiences', classicPath: '/_ui/networks/setup/SetupNetworksPage' },
  { key: 'IdentityVerification', title: 'Identity Verification', group: 'Identity', classicPath: '/_ui/identity/verification/IdentityVerificationSettingsUi' },
  { key: 'SingleSignOn', title: 'Single Sign-On Settings', group: 'Identity', classicPath: '/_ui/identity/saml/SingleSignOnSettingsUi/d' },
  { key: 'MfaAssistant', title: 'Multi-Factor Authentication Assistant', group: 'Identity' },
  { key: 'OrgLoginHistory', title: 'Login History', group: 'Identity', classicPath: '/0Ya' },
  { key: 'HealthCheck', title: 'Health Check', group: 'Security', classicPath: '/_ui/security/dashboard/aura/SecurityDashboardAuraContainer' },
  { key: 'SecurityPolicies', title: 'Password Policies', group: 'Security', classicPath: '/secur/orgloginsettingedit.jsp' },
  { key: 'SecuritySession', title: 'Session Settings', group: 'Security', classicPath: '/_ui/system/security/SessionSettings' },
  { key: 'NetworkAccess', title: 'Network Access', group: 'Security', classicPath: '/05G' },
  { key: 'LoginAccessPolicies', title: 'Login Access Policies', group: 'Security', classicPath: '/partnerbt/loginAccessPolicies.apexp' },
  { key: 'CertificatesAndKeysManagement', title: 'Certificate and Key Management', group: 'Security', classicPath: '/0P1' },
  { key: 'SecurityRemoteProxy', title: 'Remote Site Settings', group: 'Security', classicPath: '/0rp' },
  { key: 'SecurityCspTrustedSite', title: 'Trusted URLs', group: 'Security', classicPath: '/08y' },
  { key: 'CorsWhitelistEntries', title: 'CORS', group: 'Security', classicPath: '/074' },
  { key: 'SecuritySharing', title: 'Sharing Settings', group: 'Security', classicPath: '/p/own/OrgSharingDetail' },
  { key: 'EventMonitoringSetup', title: 'Event Monitoring Settings', group: 'Security' },
  { key: 'SecurityEvents', title: 'View Setup Audit Trail', group: 'Security', classicPath: '/setup/org/orgsetupaudit.jsp' },
];

export function pageByKey(key: string): SetupPageDef | undefined {
  return setupPageDefs.find((page) => page.key === key);
}

/** The classic path of a page in one org (Company Information is the org's record). */
export function classicPathFor(page: SetupPageDef, orgId: string): string | undefined {
  return page.classicPath === companyInfoPath ? `/${orgId.slice(0, 15)}?setupid=CompanyProfileInfo` : page.classicPath;
}

export function pageByClassicPath(pathname: string, orgId: string): SetupPageDef | undefined {
  return setupPageDefs.find((page) => classicPathFor(page, orgId)?.split('?')[0] === pathname);
}

export { type FormRow, type FormSection, settingsForms } from './setup-forms';
