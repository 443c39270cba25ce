import {
  accessRule, apiService, apiToken, app, appGrant, appSignInEvent, authenticator, behavior, group, idMaker, oidcApp, oktaId, type OktaOrgSeed, passwordPolicy, policy, refreshToken,
  samlIdp, seedUser, signOnRule, tokenGrantEvent, trustedOrigin, zone,
} from './seed';

export const dodBanner = 'You are accessing a U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only.';

/** Globex: a mostly well-configured org (the one planted finding: Okta Support access is enabled). */
export function globexOrg(): OktaOrgSeed {
  const id = idMaker('globex');
  const d = 'globex.example';
  const everyone = id('00g');
  const u = (first: string, last: string, o: Parameters<typeof seedUser>[4] = {}) => seedUser(id('00u'), d, first, last, o);
  const grace = u('Grace', 'Hopper');
  const alan = u('Alan', 'Turing', { lastLoginDays: 2 });
  const ada = u('Ada', 'Lovelace');
  const svc = seedUser(id('00u'), d, 'svc', 'automation', { lastLoginDays: 1 });
  const staff = ['Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen', 'Ken Thompson', 'Radia Perlman']
    .map((name, index) => { const [first, last] = name.split(' ') as [string, string]; return u(first, last, { lastLoginDays: index + 1, department: 'Engineering' }); });
  const corpZone = id('nzo');
  const adminPolicy = id('rst');
  const dashboardPolicy = id('rst');
  const appsPolicy = id('rst');
  const r = () => id('0pr');
  const workday = id('0oa');
  const github = id('0oa');
  // The planted path: a custom web app Alan built, granted user and group management, used by Alan, a Super Admin.
  const toolkit = id('0oa');
  const zoned = { connection: 'ZONE', include: [corpZone] };
  const strongRules = () => [
    accessRule(r(), { name: 'Corporate network, phishing-resistant', priority: 1, factorMode: '2FA', phishingResistant: true, network: zoned }),
    accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '2FA', access: 'DENY' }),
  ];
  const seed: OktaOrgSeed = {
    name: 'globex', orgId: oktaId('00o', 'globex'), companyName: 'Globex Corporation', pipeline: 'idx',
    superAdmin: { username: grace.login, password: 'Globex-Admin-1!' },
    readOnlyAdmin: { username: ada.login, password: 'Globex-Reader-1!' },
    users: [grace, alan, ada, svc, ...staff],
    groups: [group(everyone, 'Everyone', 'BUILT_IN')],
    userGroups: {},
    roles: [{ userId: grace.id, type: 'SUPER_ADMIN' }, { userId: alan.id, type: 'SUPER_ADMIN' }, { userId: ada.id, type: 'READ_ONLY_ADMIN' }, { userId: svc.id, type: 'READ_ONLY_ADMIN' }],
    factors: { [grace.id]: ['webauthn', 'signed_nonce'], [alan.id]: ['webauthn'], [ada.id]: ['signed_nonce'] },
    policies: [
      passwordPolicy(id('00p'), { name: 'Default Policy', priority: 1, system: true, groups: [everyone], minLength: 15, symbol: 1, commonCheck: true,
        historyCount: 5, maxAgeDays: 60, minAgeMinutes: 1440, maxAttempts: 3, autoUnlockMinutes: 15, recovery: { question: false, sms: false, call: false, email: true } }),
      policy(id('00p'), 'OKTA_SIGN_ON', 'Default Policy', 1, true, [
        signOnRule(r(), { name: 'Corporate sessions', priority: 1, idleMinutes: 15, lifetimeMinutes: 1080, persistentCookie: false, requireFactor: true, network: zoned }),
        signOnRule(r(), { name: 'Default Rule', priority: 2, system: true, idleMinutes: 15, lifetimeMinutes: 1080, persistentCookie: false, requireFactor: true }),
      ], { conditions: { people: { groups: { include: [everyone] } } } }),
      policy(adminPolicy, 'ACCESS_POLICY', 'Okta Admin Console', 2, false, strongRules()),
      policy(dashboardPolicy, 'ACCESS_POLICY', 'Okta Dashboard', 3, false, strongRules()),
      policy(appsPolicy, 'ACCESS_POLICY', 'Business apps', 4, false, strongRules()),
      policy(id('rst'), 'ACCESS_POLICY', 'Default Policy', 1, true, [accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '2FA', access: 'DENY' })]),
      policy(id('00p'), 'MFA_ENROLL', 'Default Policy', 1, true, [], { settings: { type: 'AUTHENTICATORS', authenticators: [
        { key: 'okta_password', enroll: { self: 'REQUIRED' } }, { key: 'okta_verify', enroll: { self: 'REQUIRED' } }, { key: 'webauthn', enroll: { self: 'OPTIONAL' } },
        { key: 'smart_card_idp', enroll: { self: 'OPTIONAL' } }, { key: 'okta_email', enroll: { self: 'NOT_ALLOWED' } }] } }),
      policy(id('00p'), 'USER_LIFECYCLE', 'Suspend inactive users', 1, false, [{ id: r(), type: 'USER_LIFECYCLE', status: 'ACTIVE', name: 'Suspend after 35 days', priority: 1,
        system: false, actions: { updateUserLifecycle: { targetStatus: 'SUSPENDED' } } }],
      { conditions: { people: { groups: { include: [everyone] }, users: { inactivity: { number: 35, unit: 'DAYS' } } } }, schedule: { frequency: 'DAILY' } }),
    ],
    authenticators: [
      authenticator(id('aut'), 'okta_password', 'ACTIVE'),
      authenticator(id('aut'), 'okta_email', 'ACTIVE', { allowedFor: 'recovery' }),
      authenticator(id('aut'), 'okta_verify', 'ACTIVE', { compliance: { fips: 'REQUIRED' }, channelBinding: { style: 'NUMBER_CHALLENGE', required: 'ALWAYS' }, userVerification: 'REQUIRED', appInstanceId: '' }),
      authenticator(id('aut'), 'phone_number', 'INACTIVE', { allowedFor: 'none' }),
      authenticator(id('aut'), 'security_question', 'INACTIVE', { allowedFor: 'none' }),
      authenticator(id('aut'), 'webauthn', 'ACTIVE'),
      authenticator(id('aut'), 'smart_card_idp', 'ACTIVE'),
    ],
    threatInsight: { action: 'block', excludeZones: [], created: '2023-01-10T10:00:00.000Z', lastUpdated: '2024-03-01T10:00:00.000Z' },
    zones: [
      zone(id('nzo'), { type: 'IP', name: 'LegacyIpZone', usage: 'POLICY', system: true, gateways: [], proxies: null }),
      zone(id('nzo'), { type: 'IP', name: 'BlockedIpZone', usage: 'BLOCKLIST', system: true, gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }], proxies: null }),
      zone(id('nzo'), { type: 'DYNAMIC_V2', name: 'DefaultEnhancedDynamicZone', usage: 'BLOCKLIST', system: true,
        locations: { include: [], exclude: [] }, asns: { include: [], exclude: [] }, ipServiceCategories: { include: ['ALL_ANONYMIZERS'], exclude: [] } }),
      zone(corpZone, { type: 'IP', name: 'Globex offices', usage: 'POLICY', gateways: [{ type: 'CIDR', value: '192.0.2.0/24' }], proxies: null }),
    ],
    trustedOrigins: [trustedOrigin(id('tos'), 'Globex portal', 'https://portal.globex.example', ['CORS', 'REDIRECT'], grace.id)],
    apiTokens: [apiToken(id('00T'), { name: 'Automation', userId: svc.id, ageDays: 30, network: zoned })],
    apps: [
      app(id('0oa'), 'saasure', 'Okta Admin Console', 'OPENID_CONNECT', adminPolicy),
      app(id('0oa'), 'okta_enduser', 'Okta Dashboard', 'OPENID_CONNECT', dashboardPolicy),
      app(workday, 'workday', 'Workday', 'SAML_2_0', appsPolicy),
      app(github, 'github', 'GitHub Enterprise', 'SAML_2_0', appsPolicy),
      oidcApp(toolkit, 'Globex Admin Toolkit', 'web', appsPolicy, { createdDays: 60, redirect: 'https://toolkit.globex.example/callback' }),
    ],
    appGrants: { [toolkit]: ['okta.users.manage', 'okta.groups.manage'].map((scope) => appGrant(toolkit, scope, { grantedBy: alan.id, days: 60 })) },
    appAssignments: { [workday]: { groups: [everyone] }, [github]: { groups: [everyone] }, [toolkit]: { users: [alan.id] } },
    refreshTokens: { [toolkit]: [refreshToken(toolkit, alan.id, { days: 6, lifetimeDays: 90, issuer: 'https://globex.okta.com' })] },
    apiServices: [apiService(id('0oa'), 'logsentry_siem', 'LogSentry SIEM', ['okta.logs.read'], grace.id, 300)],
    idps: [
      { ...samlIdp(id('0oa'), 'Partner SSO', { jit: false, groupsAction: 'NONE', filter: '(\\S+@partner\\.example)' }) },
      { id: id('0oa'), type: 'X509', name: 'Smart Card', status: 'ACTIVE', created: '2024-01-01T00:00:00.000Z', lastUpdated: '2024-01-01T00:00:00.000Z',
        protocol: { type: 'MTLS', credentials: { trust: { issuer: 'CN=DoD Root CA 3, OU=PKI, OU=DoD, O=U.S. Government, C=US', kid: 'smartcard-kid', revocation: 'CRL' } } },
        policy: { provisioning: { action: 'DISABLED', groups: { action: 'NONE' } }, subject: { userNameTemplate: { template: 'idpuser.subjectAltNameUpn' }, matchType: 'USERNAME' } } },
    ],
    behaviors: [
      behavior(id('abcd'), 'ANOMALOUS_LOCATION', 'New City', 'ACTIVE'), behavior(id('abcd'), 'ANOMALOUS_DEVICE', 'New Device', 'ACTIVE'),
      behavior(id('abcd'), 'ANOMALOUS_IP', 'New IP', 'ACTIVE'), behavior(id('abcd'), 'VELOCITY', 'Velocity', 'ACTIVE'),
    ],
    logStreams: [{ id: id('0oa'), type: 'aws_eventbridge', name: 'Globex SIEM', lastUpdated: '2024-03-24T21:02:43.000Z', created: '2024-03-24T21:02:43.000Z', status: 'ACTIVE',
      settings: { accountId: '123456789012', eventSourceName: 'globex-okta', region: 'us-east-2' } }],
    eventHooks: [],
    inlineHooks: [],
    brands: [{ id: id('bnd'), name: 'Globex', isDefault: true, removePoweredByOkta: false, agreeToCustomPrivacyPolicy: true, signInPageContent: `<div class="banner">${dodBanner}</div>` }],
    adminConsoleSettings: { sessionIdleTimeoutMinutes: 15, sessionMaxLifetimeMinutes: 720 },
    orgSettings: { thirdPartyAdmin: false, clientPrivilegesSetting: false, autoAssignAdminAppSetting: false, oktaSupport: 'ENABLED', optOutEmailUsers: true, rateLimitNotifications: true },
    emailNotifications: { newSignOn: true, passwordChanged: true, authenticatorEnrolled: true, authenticatorReset: true, reportSuspiciousActivity: true },
  };
  const [logSentry] = seed.apiServices!;
  seed.systemLog = [
    tokenGrantEvent(toolkit, { hours: 50, grantType: 'refresh_token', user: alan }),
    tokenGrantEvent(logSentry!.id, { hours: 0.1, grantType: 'client_credentials' }),
    appSignInEvent(grace, seed.apps.find((candidate) => candidate.id === workday)!, 4),
  ];
  return seed;
}
