import type { AdminPage } from '@/utils/connector';
import type { AnchorLocator } from '@/utils/overlay/protocol';

/**
 * Admin Console pages remediation steps send the admin to (reference/okta.md §4). The console is a
 * single-page app on `<org>-admin.<okta domain>`; paths are matched as prefixes.
 */
export const adminConsolePages = {
  dashboard: { title: 'Dashboard', path: '/admin/dashboard' },
  healthInsight: { title: 'HealthInsight', path: '/admin/access/healthinsight' },
  securityGeneral: { title: 'General', path: '/admin/access/general' },
  globalSessionPolicy: { title: 'Global Session Policy', path: '/admin/access/policies' },
  authenticationPolicies: { title: 'Authentication Policies', path: '/admin/authn/authentication-policies' },
  passwordPolicies: { title: 'Password', path: '/admin/access/authenticators/password' },
  authenticators: { title: 'Authenticators', path: '/admin/access/multifactor' },
  networks: { title: 'Networks', path: '/admin/access/networks' },
  behaviors: { title: 'Behavior Detection', path: '/admin/access/behaviors' },
  identityProviders: { title: 'Identity Providers', path: '/admin/access/identity-providers' },
  apiTokens: { title: 'API Tokens', path: '/admin/access/api/tokens' },
  trustedOrigins: { title: 'Trusted Origins', path: '/admin/access/api/trusted_origins' },
  administrators: { title: 'Administrators', path: '/admin/access/admins' },
  automations: { title: 'Automations', path: '/admin/lifecycle-automation' },
  eventHooks: { title: 'Event Hooks', path: '/admin/workflow/eventhooks' },
  accountSettings: { title: 'Account', path: '/admin/settings/account' },
  customizations: { title: 'Customizations', path: '/admin/customizations/brands' },
  applications: { title: 'Applications', path: '/admin/apps/active' },
  people: { title: 'People', path: '/admin/users' },
  logStreaming: { title: 'Log Streaming', path: '/admin/logStreaming' },
  systemLog: { title: 'System Log', path: '/report/system_log_2' },
} satisfies Record<string, { title: string; path: string }>;

export type AdminConsolePageKey = keyof typeof adminConsolePages;

/** Admin Console pages as the overlay sees them; the console renders every page itself (no frames). */
export function toOktaAdminPages(anchors: Partial<Record<AdminConsolePageKey, Record<string, AnchorLocator>>>): AdminPage[] {
  return (Object.entries(adminConsolePages) as Array<[AdminConsolePageKey, { title: string; path: string }]>).map(([key, page]) => ({
    key,
    title: page.title,
    paths: [page.path],
    framePaths: [],
    anchors: anchors[key] ?? {},
  }));
}

export function adminConsolePageUrl(tabUrl: string, page: AdminPage): string {
  return `${new URL(tabUrl).origin}${page.paths[0]}`;
}
