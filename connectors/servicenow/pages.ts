import type { AdminPage } from '@/utils/connector';
import type { AnchorLocator } from '@/utils/overlay/protocol';
import { manualProperties, scannedProperties } from './properties';
import { lockoutScriptActions, watchedPlugins } from './sources';

/**
 * The classic list pages remediation steps send the admin to (reference §5.1). In UI16 they load inside
 * the `gsft_main` iframe of `/nav_to.do?uri=…`; in Next Experience inside the `gsft_main` iframe of
 * `/now/nav/ui/classic/params/target/…`; either way the badges go in the framed list. `filterField` is the
 * column a step's anchor filters the list on, so a walkthrough opens the list at that one record.
 */
export const serviceNowPages = {
  properties: { title: 'System Properties', list: 'sys_properties_list.do', filterField: 'name' },
  plugins: { title: 'Plugins', list: 'v_plugin_list.do', filterField: 'id' },
  ipAccess: { title: 'IP Address Access Controls', list: 'ip_access_list.do' },
  userRoles: { title: 'User Roles', list: 'sys_user_has_role_list.do' },
  users: { title: 'Users', list: 'sys_user_list.do' },
  mfaCriteria: { title: 'Multi-factor Criteria', list: 'multi_factor_criteria_list.do' },
  oauthRegistry: { title: 'Application Registries', list: 'oauth_entity_list.do' },
  oauthTokens: { title: 'Manage Tokens', list: 'oauth_credential_list.do' },
  certificates: { title: 'Certificates', list: 'sys_certificate_list.do' },
  publicPages: { title: 'Public Pages', list: 'sys_public_list.do' },
  identityProviders: { title: 'Identity Providers', list: 'saml2_update1_properties_list.do' },
  scriptActions: { title: 'Script Actions', list: 'sysevent_script_action_list.do', filterField: 'sys_id' },
  excludedPasswords: { title: 'Excluded Passwords', list: 'blacklisted_password_list.do' },
} satisfies Record<string, { title: string; list: string; filterField?: string }>;

export type ServiceNowPageKey = keyof typeof serviceNowPages;

const nextExperienceTarget = '/now/nav/ui/classic/params/target/';

/** Where each setting sits on its list: the row that shows the property, plugin or script action. */
const anchors: Partial<Record<ServiceNowPageKey, Record<string, AnchorLocator>>> = {
  properties: Object.fromEntries([...scannedProperties, ...manualProperties].map((name) => [name, { kind: 'cell', texts: [name] }])),
  plugins: Object.fromEntries(watchedPlugins.map((id) => [id, { kind: 'cell', texts: [id] }])),
  scriptActions: {
    [lockoutScriptActions.lockout]: { kind: 'cell', texts: ['SNC User Lockout Check'] },
    [lockoutScriptActions.lockoutWithAutoUnlock]: { kind: 'cell', texts: ['SNC User Lockout Check with Auto Unlock'] },
  },
};

export const serviceNowAdminPages: AdminPage[] = (
  Object.entries(serviceNowPages) as Array<[ServiceNowPageKey, (typeof serviceNowPages)[ServiceNowPageKey]]>
).map(([key, page]) => ({
  key,
  title: page.title,
  paths: [`${nextExperienceTarget}${page.list}`],
  framePaths: [`/${page.list}`],
  anchors: anchors[key] ?? {},
}));

/** `sys_properties_list.do?sysparm_query=name=<value>`: the list, filtered to one record when the page has a filter column. */
export function classicListPath(pageKey: string, filterValue?: string): string {
  const page = serviceNowPages[pageKey as ServiceNowPageKey];
  if (!page) throw new Error(`Unknown ServiceNow page "${pageKey}"`);
  const filter = 'filterField' in page && filterValue ? `?${new URLSearchParams({ sysparm_query: `${page.filterField}=${filterValue}` })}` : '';
  return `/${page.list}${filter}`;
}

/** The same list in the Next Experience shell (the classic path and query, URL-encoded once more). */
export function nextExperiencePath(classicPath: string): string {
  return `${nextExperienceTarget}${encodeURIComponent(classicPath.replace(/^\//, ''))}`;
}

/**
 * The URL of `page` on the instance of `tabUrl`, in the UI the admin uses: Next Experience when the tab
 * is on a `/now/` page, else the UI16 frame set.
 */
export function serviceNowPageUrl(tabUrl: string, page: AdminPage, anchorKey?: string): string {
  const url = new URL(tabUrl);
  const classic = classicListPath(page.key, anchorKey);
  if (url.pathname.startsWith('/now/')) return `${url.origin}${nextExperiencePath(classic)}`;
  return `${url.origin}/nav_to.do?uri=${encodeURIComponent(classic)}`;
}
