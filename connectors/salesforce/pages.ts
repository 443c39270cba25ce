import type { AdminPage } from '@/utils/connector';
import type { AnchorLocator } from '@/utils/overlay/protocol';

/**
 * The Setup pages remediation steps send the admin to. Paths are Lightning Setup routes; `classicPath`
 * is the page Lightning renders in its Setup iframe, where the settings themselves live. `anchors` say
 * where each setting sits by its visible label (see setup-anchors.ts).
 */
export interface SetupPage {
  title: string;
  path: string;
  classicPath?: string;
}

export const setupPages = {
  healthCheck: { title: 'Health Check', path: '/lightning/setup/HealthCheck/home', classicPath: '/_ui/security/dashboard/aura/SecurityDashboardAuraContainer' },
  sessionSettings: { title: 'Session Settings', path: '/lightning/setup/SecuritySession/home', classicPath: '/_ui/system/security/SessionSettings' },
  passwordPolicies: { title: 'Password Policies', path: '/lightning/setup/SecurityPolicies/home', classicPath: '/secur/orgloginsettingedit.jsp' },
  networkAccess: { title: 'Network Access', path: '/lightning/setup/NetworkAccess/home', classicPath: '/05G' },
  apiAccessControl: { title: 'API Access Control', path: '/lightning/setup/ApiAccessControl/home', classicPath: '/_ui/core/connectedapp/ApiAccessControlSettings' },
  connectedApps: { title: 'Manage Connected Apps', path: '/lightning/setup/ConnectedApplication/home', classicPath: '/app/mgmt/forceconnectedapps/forceAppList.apexp' },
  connectedAppsUsage: { title: 'Connected Apps OAuth Usage', path: '/lightning/setup/ConnectedAppsUsage/home' },
  singleSignOn: { title: 'Single Sign-On Settings', path: '/lightning/setup/SingleSignOn/home', classicPath: '/_ui/identity/saml/SingleSignOnSettingsUi/d' },
  identityVerification: { title: 'Identity Verification', path: '/lightning/setup/IdentityVerification/home', classicPath: '/_ui/identity/verification/IdentityVerificationSettingsUi' },
  mfaAssistant: { title: 'Multi-Factor Authentication Assistant', path: '/lightning/setup/MfaAssistant/home' },
  loginHistory: { title: 'Login History', path: '/lightning/setup/OrgLoginHistory/home', classicPath: '/0Ya' },
  auditTrail: { title: 'View Setup Audit Trail', path: '/lightning/setup/SecurityEvents/home', classicPath: '/setup/org/orgsetupaudit.jsp' },
  certificates: { title: 'Certificate and Key Management', path: '/lightning/setup/CertificatesAndKeysManagement/home', classicPath: '/0P1' },
  remoteSites: { title: 'Remote Site Settings', path: '/lightning/setup/SecurityRemoteProxy/home', classicPath: '/0rp' },
  cspTrustedSites: { title: 'Trusted URLs', path: '/lightning/setup/SecurityCspTrustedSite/home', classicPath: '/08y' },
  cors: { title: 'CORS', path: '/lightning/setup/CorsWhitelistEntries/home', classicPath: '/074' },
  sharingSettings: { title: 'Sharing Settings', path: '/lightning/setup/SecuritySharing/home', classicPath: '/p/own/OrgSharingDetail' },
  eventMonitoring: { title: 'Event Monitoring Settings', path: '/lightning/setup/EventMonitoringSetup/home' },
  users: { title: 'Users', path: '/lightning/setup/ManageUsers/home', classicPath: '/005' },
  profiles: { title: 'Profiles', path: '/lightning/setup/EnhancedProfiles/home', classicPath: '/00e' },
  permissionSets: { title: 'Permission Sets', path: '/lightning/setup/PermSets/home', classicPath: '/0PS' },
  sites: { title: 'Sites', path: '/lightning/setup/CustomDomain/home', classicPath: '/0DM' },
  digitalExperiences: { title: 'All Sites (Digital Experiences)', path: '/lightning/setup/SetupNetworks/home', classicPath: '/_ui/networks/setup/SetupNetworksPage' },
  // The org's own record page (/00D…): a prefix, as framePaths are.
  companyInformation: { title: 'Company Information', path: '/lightning/setup/CompanyProfileInfo/home', classicPath: '/00D' },
  loginAccessPolicies: { title: 'Login Access Policies', path: '/lightning/setup/LoginAccessPolicies/home', classicPath: '/partnerbt/loginAccessPolicies.apexp' },
  releaseUpdates: { title: 'Release Updates', path: '/lightning/setup/ReleaseUpdates/home' },
  setupHome: { title: 'Setup Home', path: '/lightning/setup/SetupOneHome/home' },
} satisfies Record<string, SetupPage>;

export type SetupPageKey = keyof typeof setupPages;

/** Setup pages as the overlay sees them. */
export function toAdminPages(anchors: Partial<Record<SetupPageKey, Record<string, AnchorLocator>>>): AdminPage[] {
  return (Object.entries(setupPages) as Array<[SetupPageKey, SetupPage]>).map(([key, page]) => ({
    key,
    title: page.title,
    paths: [page.path.replace(/\/home$/, '/')],
    framePaths: page.classicPath ? [page.classicPath] : [],
    anchors: anchors[key] ?? {},
  }));
}

/** Setup pages open on the Lightning host of the org the tab shows. */
export function setupPageUrl(tabUrl: string, page: AdminPage): string {
  const host = new URL(tabUrl).hostname.replace(/\.my\.salesforce(-setup)?\.com$/, '.lightning.force.com');
  const path = Object.values(setupPages).find((candidate) => candidate.title === page.title)?.path ?? `${page.paths[0]}home`;
  return `https://${host}${path}`;
}
