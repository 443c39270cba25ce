import { field, type FieldValue, type NavItem, pageBody, section, table } from './html';
import { roleLabels, type Json } from './seed';
import type { OrgState } from './state';

/**
 * Admin Console pages at their real paths (reference/okta.md §4), each showing the org's current values
 * under the labels the console uses. `superAdminOnly` pages show a permission notice to other admins.
 */
export interface PageContext {
  org: OrgState;
  superAdmin: boolean;
  id: (key: string) => string;
  /** Path parameter of a pattern page (the app instance id). */
  param?: string;
}

export interface PageDef {
  key: string;
  path: string;
  /** For pages with a path parameter. */
  pattern?: RegExp;
  title: string;
  nav?: { section: string; label: string };
  superAdminOnly?: boolean;
  body(context: PageContext): string;
}

const minutes = (value: number, zero: string) => (value === 0 ? zero : value % 1440 === 0 ? `${value / 1440} days` : value % 60 === 0 ? `${value / 60} hours` : `${value} minutes`);
const networkText = (org: OrgState, network: Json | undefined) => {
  if (!network || network.connection === 'ANYWHERE') return 'Anywhere';
  const names = (ids: string[] = []) => ids.map((zoneId) => org.seed.zones.find((zone) => zone.id === zoneId)?.name ?? zoneId).join(', ');
  return network.include?.length ? `In zone: ${names(network.include)}` : `Not in zone: ${names(network.exclude)}`;
};
const rows = (ctx: PageContext, fields: Array<[string, FieldValue]>) => fields.map(([label, value]) => field(ctx.id, label, value)).join('');
const policiesOf = (org: OrgState, type: string) => org.seed.policies.filter((policy) => policy.type === type).sort((a, b) => a.priority - b.priority);
const attr = (name: string, value: string) => ` ${name}="${value.replace(/"/g, '&quot;')}"`;

function passwordSection(ctx: PageContext, policy: Json): string {
  const { complexity: c, age, lockout } = policy.settings.password;
  const recovery = policy.settings.recovery.factors;
  return section(policy.name, rows(ctx, [
    ['Minimum length', c.minLength], ['Lower case letter', c.minLowerCase > 0], ['Upper case letter', c.minUpperCase > 0], ['Number (0-9)', c.minNumber > 0],
    ['Symbol (e.g., !@#$%^&*)', c.minSymbol > 0], ['Does not contain part of username', c.excludeUsername], ['Restrict use of common passwords', c.dictionary.common.exclude],
    ['Enforce password history for last', age.historyCount === 0 ? 'Not enforced' : `${age.historyCount} passwords`],
    ['Minimum password age is', age.minAgeMinutes === 0 ? '0 hours' : `${age.minAgeMinutes / 60} hours`],
    ['Password expires after', age.maxAgeDays === 0 ? 'Never' : `${age.maxAgeDays} days`],
    ['Lock out user after', lockout.maxAttempts === 0 ? 'Not enabled' : `${lockout.maxAttempts} unsuccessful attempts`],
    ['Account is automatically unlocked after', lockout.autoUnlockMinutes === 0 ? 'Never' : `${lockout.autoUnlockMinutes} minutes`],
    ['Security question', recovery.recovery_question.status === 'ACTIVE'], ['SMS', recovery.okta_sms.status === 'ACTIVE'],
    ['Voice call', recovery.okta_call.status === 'ACTIVE'], ['Email', recovery.okta_email.status === 'ACTIVE'],
  ]), `${attr('id', `policy-${policy.id}`)}${attr('data-policy-id', policy.id)}`);
}

function signOnRuleSection(ctx: PageContext, rule: Json): string {
  const signon = rule.actions.signon;
  return section(rule.name, rows(ctx, [
    ['Priority', rule.priority], ['Status', rule.status === 'ACTIVE' ? 'Active' : 'Inactive'], ["IF User's IP is", networkText(ctx.org, rule.conditions?.network)],
    ['Establish the user session with', signon.primaryFactor === 'PASSWORD_IDP' ? 'A password' : 'Any factor used to meet the Authentication Policy requirements'],
    ['Multifactor authentication (MFA) is', signon.requireFactor ? 'Required' : 'Not required'],
    ['Maximum Okta global session idle time', minutes(signon.session.maxSessionIdleMinutes, 'No limit')],
    ['Maximum Okta global session lifetime', minutes(signon.session.maxSessionLifetimeMinutes, 'No time limit')],
    ['Okta global session cookies persist across browser sessions', signon.session.usePersistentCookie],
  ]), `${attr('id', `rule-${rule.id}`)}${attr('data-rule-id', rule.id)}`);
}

function accessPolicySection(ctx: PageContext, policy: Json): string {
  const apps = ctx.org.seed.apps.filter((app) => String(app._links?.accessPolicy?.href ?? '').endsWith(`/${policy.id}`)).filter((app) => ctx.superAdmin || !['saasure', 'okta_enduser'].includes(app.name));
  const rules = (policy.rules as Json[]).map((rule) => {
    const sign = rule.actions.appSignOn;
    const possession = (sign.verificationMethod.constraints ?? []).find((constraint: Json) => constraint.possession)?.possession;
    return section(rule.name, rows(ctx, [
      ['Priority', rule.priority], ["IF User's IP is", networkText(ctx.org, rule.conditions?.network)], ['THEN Access is', sign.access === 'ALLOW' ? 'Allowed after successful authentication' : 'Denied'],
      ['User must authenticate with', sign.verificationMethod.factorMode === '2FA' ? 'Any 2 factor types' : 'Any 1 factor type'],
      ['Phishing resistant', possession?.phishingResistant === 'REQUIRED'], ['Hardware protected', possession?.hardwareProtection === 'REQUIRED'],
      ['Re-authentication frequency is', sign.verificationMethod.reauthenticateIn],
    ]), `${attr('data-rule-id', rule.id)}`);
  }).join('');
  return section(policy.name, `<p class="apps">Apps using this policy: ${apps.map((app) => `<span class="app-label">${escape(app.label)}</span>`).join(', ') || 'None'}</p>${rules}`,
    `${attr('id', `policy/${policy.id}/`)}${attr('data-policy-id', policy.id)}`);
}

const escape = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const usedFor: Record<string, string> = { any: 'Authentication and recovery', recovery: 'Recovery', sso: 'Authentication', none: 'Not used' };

export const pages: PageDef[] = [
  { key: 'dashboard', path: '/admin/dashboard', title: 'Dashboard', nav: { section: 'DASHBOARD', label: 'Dashboard' }, body: ({ org, id }) => {
    const users = org.seed.users;
    return rows({ org, id, superAdmin: true }, [['Organization', org.seed.companyName], ['Users', users.filter((user) => user.status !== 'DEPROVISIONED').length], ['Applications', org.seed.apps.length]]);
  } },
  { key: 'healthinsight', path: '/admin/access/healthinsight', title: 'HealthInsight', nav: { section: 'DASHBOARD', label: 'HealthInsight' }, body: ({ org }) =>
    table(['Task', 'Status'], [['Enable MFA for Okta Administration access', (policiesOf(org, 'ACCESS_POLICY').find((p) => p.name === 'Okta Admin Console')?.rules as Json[] | undefined)?.every((rule) => rule.actions.appSignOn.verificationMethod.factorMode === '2FA') ? 'Complete' : 'Recommended']]) },
  { key: 'people', path: '/admin/users', title: 'People', nav: { section: 'DIRECTORY', label: 'People' }, body: ({ org, id }) => {
    const users = org.seed.users;
    const count = (status: string) => users.filter((user) => user.status === status).length;
    return rows({ org, id, superAdmin: true }, [['Active', count('ACTIVE')], ['Suspended', count('SUSPENDED')], ['Deactivated', count('DEPROVISIONED')]])
      + table(['Person & username', 'Status', 'Last sign in'], users.slice(0, 50).map((user) => [`${user.firstName} ${user.lastName} (${user.login})`, user.status, user.lastLogin ?? 'Never']));
  } },
  { key: 'apps', path: '/admin/apps/active', title: 'Applications', nav: { section: 'APPLICATIONS', label: 'Applications' }, body: ({ org, superAdmin }) =>
    table(['Application', 'Status'], org.seed.apps.filter((app) => superAdmin || !['saasure', 'okta_enduser'].includes(app.name)).map((app) => [app.label, app.status === 'ACTIVE' ? 'Active' : 'Inactive'])) },
  { key: 'app-instance', path: '/admin/app/saasure/instance/', pattern: /^\/admin\/app\/([a-z0-9_]+)\/instance\/([A-Za-z0-9]+)\/?$/, title: 'Okta Admin Console', superAdminOnly: true, body: (ctx) => {
    const app = ctx.org.seed.apps.find((candidate) => candidate.id === ctx.param);
    if (!app) return '<p class="error">Not found</p>';
    const settings = app.name === 'saasure' ? ctx.org.seed.adminConsoleSettings : undefined;
    return section('Sign On', rows(ctx, [['Application', app.label], ['Authentication policy', ctx.org.seed.policies.find((p) => String(app._links?.accessPolicy?.href).endsWith(`/${p.id}`))?.name],
      ...(settings ? [['Maximum app session idle time', minutes(settings.sessionIdleTimeoutMinutes, '')], ['Maximum app session lifetime', minutes(settings.sessionMaxLifetimeMinutes, '')]] as Array<[string, FieldValue]> : [])]), ' id="tab-signon"');
  } },
  { key: 'general', path: '/admin/access/general', title: 'General', nav: { section: 'SECURITY', label: 'General' }, body: (ctx) => {
    const { threatInsight, emailNotifications: n, zones } = ctx.org.seed;
    const action = { none: 'No action', audit: 'Log authentication attempts from malicious IPs', block: 'Log and enforce security based on threat level' }[threatInsight.action as string];
    return section('Okta ThreatInsight settings', rows(ctx, [['Action', action], ['Exempt Zones', (threatInsight.excludeZones as string[]).map((zoneId) => zones.find((z) => z.id === zoneId)?.name).join(', ') || 'None']]), ' id="threatinsight"')
      + section('Security notification emails', rows(ctx, [['New sign-on notification email', n.newSignOn], ['Password changed notification email', n.passwordChanged],
        ['Authenticator enrolled notification email', n.authenticatorEnrolled], ['Authenticator reset notification email', n.authenticatorReset], ['Report suspicious activity via email', n.reportSuspiciousActivity]]));
  } },
  { key: 'authenticators', path: '/admin/access/multifactor', title: 'Authenticators', nav: { section: 'SECURITY', label: 'Authenticators' }, body: (ctx) => {
    const list = ctx.org.seed.authenticators;
    const verify = list.find((item) => item.key === 'okta_verify');
    return section('Setup', table(['Name', 'Used for', 'Status'], list.map((item) => [item.name, usedFor[item.settings?.allowedFor as string] ?? 'Authentication', item.status === 'ACTIVE' ? 'Active' : 'Inactive'])), ' id="setup"')
      + (verify ? section('Okta Verify', rows(ctx, [['FIPS Compliance', verify.settings?.compliance?.fips === 'REQUIRED' ? 'FIPS-compliant devices only' : 'Any device'],
        ['Number challenge', ({ ALWAYS: 'All push challenges', HIGH_RISK_ONLY: 'Only for high-risk sign-in attempts' } as Record<string, string>)[verify.settings?.channelBinding?.required as string] ?? 'Never']])) : '')
      + section('Enrollment', policiesOf(ctx.org, 'MFA_ENROLL').map((policy) => section(policy.name, rows(ctx, (policy.settings?.authenticators as Json[] ?? []).map((item) =>
        [list.find((a) => a.key === item.key)?.name ?? item.key, { REQUIRED: 'Required', OPTIONAL: 'Optional', NOT_ALLOWED: 'Disabled' }[item.enroll.self as string]] as [string, FieldValue])))).join(''), ' id="policies"');
  } },
  { key: 'password', path: '/admin/access/authenticators/password', title: 'Password', body: (ctx) => policiesOf(ctx.org, 'PASSWORD').map((policy) => passwordSection(ctx, policy)).join('') },
  { key: 'authentication-policies', path: '/admin/authn/authentication-policies', title: 'Authentication Policies', nav: { section: 'SECURITY', label: 'Authentication Policies' },
    body: (ctx) => policiesOf(ctx.org, 'ACCESS_POLICY').map((policy) => accessPolicySection(ctx, policy)).join('') },
  { key: 'global-session-policy', path: '/admin/access/policies', title: 'Global Session Policy', nav: { section: 'SECURITY', label: 'Global Session Policy' },
    body: (ctx) => policiesOf(ctx.org, 'OKTA_SIGN_ON').map((policy) => section(policy.name, (policy.rules as Json[]).map((rule) => signOnRuleSection(ctx, rule)).join(''), `${attr('data-policy-id', policy.id)}`)).join('') },
  { key: 'profile-enrollment', path: '/admin/authn/policies', title: 'Profile Enrollment', nav: { section: 'SECURITY', label: 'Profile Enrollment' },
    body: (ctx) => table(['Policy', 'Status'], policiesOf(ctx.org, 'PROFILE_ENROLLMENT').map((policy) => [policy.name, policy.status]), 'Default Policy') },
  { key: 'identity-providers', path: '/admin/access/identity-providers', title: 'Identity Providers', nav: { section: 'SECURITY', label: 'Identity Providers' }, body: (ctx) =>
    ctx.org.seed.idps.map((idp) => section(idp.name, rows(ctx, [['Type', idp.type], ['Status', idp.status === 'ACTIVE' ? 'Active' : 'Inactive'], ['IdP Username', idp.policy?.subject?.userNameTemplate?.template],
      ['Filter', idp.policy?.subject?.filter ?? 'None'], ['Account Link Policy', idp.policy?.accountLink?.action === 'AUTO' ? 'Automatic' : 'Disabled'],
      ['Auto-Link Restrictions', idp.policy?.accountLink?.filter?.groups?.include?.length ? 'Specific groups' : 'None'],
      ['Provisioning Policy', idp.policy?.provisioning?.action === 'AUTO' ? 'Automatic' : 'Disabled'], ['Group Assignments', ({ NONE: 'None', APPEND: 'Add user to missing groups', SYNC: 'Full sync of groups', ASSIGN: 'Assign to specific groups' } as Record<string, string>)[idp.policy?.provisioning?.groups?.action as string]]]),
    `${attr('data-idp-id', idp.id)}`)).join('') || '<p>No identity providers</p>' },
  { key: 'networks', path: '/admin/access/networks', title: 'Networks', nav: { section: 'SECURITY', label: 'Networks' }, body: ({ org }) =>
    table(['Name', 'Type', 'Usage', 'Status', 'Gateway IPs', 'IP service categories'], org.seed.zones.map((zone) => [zone.name, zone.type === 'DYNAMIC_V2' ? 'Enhanced Dynamic' : zone.type === 'IP' ? 'IP' : 'Dynamic',
      zone.usage === 'BLOCKLIST' ? 'Block list' : 'Policy', zone.status === 'ACTIVE' ? 'Active' : 'Inactive', (zone.gateways ?? []).map((g: Json) => g.value).join(', '), (zone.ipServiceCategories?.include ?? []).join(', ')])) },
  { key: 'behaviors', path: '/admin/access/behaviors', title: 'Behavior Detection', nav: { section: 'SECURITY', label: 'Behavior Detection' }, body: ({ org }) =>
    table(['Name', 'Type', 'Status'], org.seed.behaviors.map((b) => [b.name, b.type, b.status === 'ACTIVE' ? 'Active' : 'Inactive'])) },
  { key: 'admins', path: '/admin/access/admins', title: 'Administrators', nav: { section: 'SECURITY', label: 'Administrators' }, body: (ctx) => {
    const admins = ctx.org.seed.roles.filter((role) => role.userId).map((role) => ({ user: ctx.org.user(role.userId as string), role }));
    const supers = admins.filter((a) => a.role.type === 'SUPER_ADMIN').length;
    return rows(ctx, [['Super Administrators', supers]]) + table(['Admin', 'Role', 'Authenticators'], admins.map(({ user, role }) => [`${user?.firstName} ${user?.lastName} (${user?.login})`, roleLabels[role.type], (ctx.org.seed.factors[user?.id ?? ''] ?? ['push']).join(', ')]));
  } },
  { key: 'api-tokens', path: '/admin/access/api/tokens', title: 'API', nav: { section: 'SECURITY', label: 'API' }, superAdminOnly: true, body: ({ org }) =>
    table(['Token name', 'Token owner', 'Created', 'Expires', 'Token can be used from'], org.seed.apiTokens.map((token) => [token.name, org.user(token.userId)?.login, token.created, token.expiresAt, networkText(org, token.network) === 'Anywhere' ? 'Any IP' : networkText(org, token.network)])) },
  { key: 'trusted-origins', path: '/admin/access/api/trusted_origins', title: 'Trusted Origins', body: ({ org }) =>
    table(['Name', 'Origin URL', 'Type', 'Status'], org.seed.trustedOrigins.map((o) => [o.name, o.origin, (o.scopes as Json[]).map((s) => ({ CORS: 'CORS', REDIRECT: 'Redirect', IFRAME_EMBED: 'iFrame embed' } as Record<string, string>)[s.type]).join(', '), o.status === 'ACTIVE' ? 'Active' : 'Inactive'])) },
  { key: 'automations', path: '/admin/lifecycle-automation', title: 'Automations', nav: { section: 'WORKFLOW', label: 'Automations' }, body: ({ org }) =>
    table(['Automation', 'Condition', 'Status'], policiesOf(org, 'USER_LIFECYCLE').map((p) => [p.name, p.conditions?.people?.users?.inactivity ? `User Inactivity in Okta: ${p.conditions.people.users.inactivity.number} days` : '', p.status]), 'No automations') },
  { key: 'event-hooks', path: '/admin/workflow/eventhooks', title: 'Event Hooks', nav: { section: 'WORKFLOW', label: 'Event Hooks' }, body: ({ org }) =>
    table(['Name', 'URL', 'Status'], org.seed.eventHooks.map((hook) => [hook.name, hook.channel.config.uri, hook.status]), 'No event hooks') },
  { key: 'log-streaming', path: '/admin/logStreaming', title: 'Log Streaming', nav: { section: 'REPORTS', label: 'Log Streaming' }, superAdminOnly: true, body: ({ org }) =>
    table(['Name', 'Type', 'Status'], org.seed.logStreams.map((stream) => [stream.name, stream.type === 'aws_eventbridge' ? 'AWS EventBridge' : 'Splunk Cloud', stream.status === 'ACTIVE' ? 'Active' : 'Inactive']), 'No log streams') },
  { key: 'brands', path: '/admin/customizations/brands', title: 'Brands', nav: { section: 'CUSTOMIZATIONS', label: 'Brands' }, body: ({ org }) =>
    table(['Brand', 'Sign-in page'], org.seed.brands.map((brand) => [brand.name, brand.signInPageContent ? 'Customized' : 'Default']), 'No brands') },
  { key: 'account', path: '/admin/settings/account', title: 'Account', nav: { section: 'SETTINGS', label: 'Account' }, body: (ctx) => {
    const s = ctx.org.seed.orgSettings;
    return rows(ctx, [['Public client app admins', s.clientPrivilegesSetting], ['Third-party admin', s.thirdPartyAdmin], ['Auto-assign Admin Console app', s.autoAssignAdminAppSetting],
      ['Give Okta Support access to your Admin Console', s.oktaSupport === 'ENABLED'], ['Rate limit warning notifications', s.rateLimitNotifications]]);
  } },
];

export const navItems: NavItem[] = pages.filter((page) => page.nav).map((page) => ({ path: page.path, label: page.nav?.label as string, section: page.nav?.section as string }))
  .concat([{ path: '/admin/access/api/trusted_origins', label: 'Trusted Origins', section: 'SECURITY' }, { path: '/admin/access/authenticators/password', label: 'Password', section: 'SECURITY' }]);

export function findPage(path: string): { page: PageDef; param?: string } | undefined {
  const normalized = path.length > 1 ? path.replace(/\/$/, '') : path;
  for (const page of pages) {
    if (page.pattern) {
      const match = page.pattern.exec(path);
      if (match) return { page, param: match[2] };
    } else if (page.path === normalized) return { page };
  }
  return undefined;
}

export function renderPage(def: PageDef, context: PageContext): string {
  const content = def.superAdminOnly && !context.superAdmin
    ? '<div class="o-form-error" role="alert">You do not have permission to view this page. Contact your Super Administrator.</div>'
    : def.body(context);
  return pageBody(def.key, def.title, content);
}
