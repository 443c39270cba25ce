import { accessRule, app, authenticator, behavior, group, idMaker, oktaId, type OktaOrgSeed, passwordPolicy, policy, seedUser, signOnRule, zone } from './seed';

/**
 * Initech: an org created a week ago and not configured yet. Only what Okta creates with every org: the
 * one Super Admin who signed up, the Everyone group, the default policies, authenticators, network zones,
 * behaviors and brand, and the three first-party apps. No other users, admins, API tokens, trusted origins,
 * identity providers, log streams, hooks or automations. There is no second admin: `readOnlyAdmin` is the
 * Super Admin too.
 */
export function emptyOrg(): OktaOrgSeed {
  const id = idMaker('initech');
  const everyone = id('00g');
  const peter = seedUser(id('00u'), 'initech.example', 'Peter', 'Gibbons', { createdDays: 7, lastLoginDays: 0 });
  const adminPolicy = id('rst');
  const dashboardPolicy = id('rst');
  const defaultAccess = id('rst');
  const r = () => id('0pr');
  const credentials = { username: peter.login, password: 'Initech-Admin-1!' };
  return {
    name: 'initech', orgId: oktaId('00o', 'initech'), companyName: 'Initech', pipeline: 'idx',
    superAdmin: credentials,
    readOnlyAdmin: credentials,
    users: [peter],
    groups: [group(everyone, 'Everyone', 'BUILT_IN')],
    userGroups: {},
    roles: [{ userId: peter.id, type: 'SUPER_ADMIN' }],
    factors: { [peter.id]: ['push'] },
    policies: [
      passwordPolicy(id('00p'), { name: 'Default Policy', priority: 1, system: true, groups: [everyone], minLength: 8, symbol: 0, commonCheck: false,
        historyCount: 4, maxAgeDays: 0, minAgeMinutes: 0, maxAttempts: 10, recovery: { question: false, sms: false, call: false, email: true } }),
      policy(id('00p'), 'OKTA_SIGN_ON', 'Default Policy', 1, true, [
        signOnRule(r(), { name: 'Default Rule', priority: 1, system: true, idleMinutes: 120, lifetimeMinutes: 0, persistentCookie: false, requireFactor: false }),
      ], { conditions: { people: { groups: { include: [everyone] } } } }),
      policy(adminPolicy, 'ACCESS_POLICY', 'Okta Admin Console', 2, false, [accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '2FA' })]),
      policy(dashboardPolicy, 'ACCESS_POLICY', 'Okta Dashboard', 3, false, [accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '1FA' })]),
      policy(defaultAccess, 'ACCESS_POLICY', 'Default Policy', 1, true, [accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '1FA' })]),
      policy(id('00p'), 'MFA_ENROLL', 'Default Policy', 1, true, [], { settings: { type: 'AUTHENTICATORS', authenticators: [
        { key: 'okta_password', enroll: { self: 'REQUIRED' } }, { key: 'okta_email', enroll: { self: 'REQUIRED' } }, { key: 'okta_verify', enroll: { self: 'OPTIONAL' } }] } }),
    ],
    authenticators: [
      authenticator(id('aut'), 'okta_password', 'ACTIVE'),
      authenticator(id('aut'), 'okta_email', 'ACTIVE', { allowedFor: 'any' }),
      authenticator(id('aut'), 'okta_verify', 'ACTIVE', { compliance: { fips: 'OPTIONAL' }, channelBinding: { style: 'NUMBER_CHALLENGE', required: 'HIGH_RISK_ONLY' }, userVerification: 'PREFERRED', appInstanceId: '' }),
      authenticator(id('aut'), 'phone_number', 'INACTIVE', { allowedFor: 'none' }),
      authenticator(id('aut'), 'security_question', 'INACTIVE', { allowedFor: 'none' }),
    ],
    threatInsight: { action: 'none', excludeZones: [], created: '2026-01-01T00:00:00.000Z', lastUpdated: '2026-01-01T00:00:00.000Z' },
    zones: [
      zone(id('nzo'), { type: 'IP', name: 'LegacyIpZone', usage: 'POLICY', system: true, gateways: [], proxies: null }),
      zone(id('nzo'), { type: 'IP', name: 'BlockedIpZone', usage: 'BLOCKLIST', system: true, gateways: [], proxies: null }),
      zone(id('nzo'), { type: 'DYNAMIC_V2', name: 'DefaultEnhancedDynamicZone', usage: 'BLOCKLIST', system: true,
        locations: { include: [], exclude: [] }, asns: { include: [], exclude: [] }, ipServiceCategories: { include: [], exclude: [] } }),
    ],
    trustedOrigins: [],
    apiTokens: [],
    apps: [
      app(id('0oa'), 'saasure', 'Okta Admin Console', 'OPENID_CONNECT', adminPolicy),
      app(id('0oa'), 'okta_enduser', 'Okta Dashboard', 'OPENID_CONNECT', dashboardPolicy),
      app(id('0oa'), 'okta_browser_plugin', 'Okta Browser Plugin', 'OPENID_CONNECT', defaultAccess),
    ],
    idps: [],
    behaviors: [
      behavior(id('abcd'), 'ANOMALOUS_LOCATION', 'New City', 'ACTIVE'), behavior(id('abcd'), 'ANOMALOUS_DEVICE', 'New Device', 'ACTIVE'),
      behavior(id('abcd'), 'ANOMALOUS_IP', 'New IP', 'ACTIVE'), behavior(id('abcd'), 'VELOCITY', 'Velocity', 'ACTIVE'),
    ],
    logStreams: [],
    eventHooks: [],
    inlineHooks: [],
    brands: [{ id: id('bnd'), name: 'Initech', isDefault: true, removePoweredByOkta: false, agreeToCustomPrivacyPolicy: false }],
    adminConsoleSettings: { sessionIdleTimeoutMinutes: 15, sessionMaxLifetimeMinutes: 720 },
    orgSettings: { thirdPartyAdmin: false, clientPrivilegesSetting: false, autoAssignAdminAppSetting: true, oktaSupport: 'DISABLED', optOutEmailUsers: false, rateLimitNotifications: true },
    emailNotifications: { newSignOn: false, passwordChanged: true, authenticatorEnrolled: false, authenticatorReset: false, reportSuspiciousActivity: false },
  };
}
