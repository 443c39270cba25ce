import {
  accessRule, apiService, apiToken, app, appGrant, appSignInEvent, authenticator, behavior, group, idMaker, oktaId, type OktaOrgSeed, oidcApp, passwordPolicy, policy, refreshToken,
  samlIdp, seedUser, signOnRule, tokenGrantEvent, trustedOrigin, zone,
} from './seed';

/**
 * Acme: a deliberately misconfigured org. Every planted finding is listed in README.md ("Planted findings").
 * Dates are relative to now, ids deterministic.
 */
export function acmeOrg(): OktaOrgSeed {
  const id = idMaker('acme');
  const d = 'acme.example';
  const everyone = id('00g');
  const admins = id('00g');
  const helpdesk = id('00g');
  const u = (first: string, last: string, o: Parameters<typeof seedUser>[4] = {}) => seedUser(id('00u'), d, first, last, o);
  const alice = u('Alice', 'Admin');
  const bob = u('Bob', 'Builder', { lastLoginDays: 3 });
  const carol = u('Carol', 'Chen', { lastLoginDays: 10 });
  const dan = u('Dan', 'Diaz');
  const erin = u('Erin', 'Evans');
  const frank = u('Frank', 'Fox', { lastLoginDays: 95 });
  const rita = u('Rita', 'Reader');
  const hank = u('Hank', 'Hill', { department: 'IT' });
  const gina = u('Gina', 'Green', { department: 'Support' });
  const svcTerraform = seedUser(id('00u'), d, 'svc', 'terraform', { lastLoginDays: 2 });
  const svcSiem = seedUser(id('00u'), d, 'svc', 'siem', { lastLoginDays: 1 });
  const ivan = u('Ivan', 'Idle', { lastLoginDays: 120, department: 'Sales' });
  const julia = u('Julia', 'Jones', { lastLoginDays: 200, department: 'Finance' });
  const ken = u('Ken', 'Kim', { createdDays: 150, lastLoginDays: null, department: 'Sales' });
  const staff = ['Liam Lee', 'Mia Moore', 'Noah Nash', 'Olivia Ortiz', 'Paul Park', 'Quinn Quirk', 'Rosa Ruiz', 'Sam Stone', 'Tina Tran', 'Uma Ueda']
    .map((name, index) => { const [first, last] = name.split(' ') as [string, string]; return u(first, last, { lastLoginDays: 1 + index, department: index % 2 ? 'Engineering' : 'Sales' }); });
  const victor = u('Victor', 'Vance', { status: 'DEPROVISIONED', lastLoginDays: 300 });
  const wendy = u('Wendy', 'Wu', { status: 'SUSPENDED', lastLoginDays: 100 });
  const users = [alice, bob, carol, dan, erin, frank, rita, hank, gina, svcTerraform, svcSiem, ivan, julia, ken, ...staff, victor, wendy];

  const corpZone = id('nzo');
  const gsp = id('00p');
  const adminConsolePolicy = id('rst');
  const dashboardPolicy = id('rst');
  const defaultAccess = id('rst');
  const r = () => id('0pr');
  const salesforce = id('0oa');
  const slack = id('0oa');
  const portal = id('0oa');
  // The planted path: a custom service app an admin built for a sync script, granted user and role management and made
  // Super Administrator; nothing vouches for it.
  const quickSyncBot = id('0oa');
  // Idle since an old travel tool was replaced 120 days ago (its last use has left the System Log), yet three users'
  // refresh tokens still work. Fixed ids: the ids above come from one counter, which new apps must not shift.
  const travelDesk = oktaId('0oa', 'acme:travel-desk');
  // An integration from the catalog nobody has used for 150 days, still authorised to read users and groups.
  const peopleDesk = oktaId('0oa', 'acme:peopledesk-hr-sync');
  const issuer = 'https://acme.okta.com';

  const seed: OktaOrgSeed = {
    name: 'acme', orgId: oktaId('00o', 'acme'), companyName: 'Acme Corporation', pipeline: 'idx',
    superAdmin: { username: alice.login, password: 'Acme-Admin-1!' },
    readOnlyAdmin: { username: rita.login, password: 'Acme-Reader-1!' },
    users,
    groups: [group(everyone, 'Everyone', 'BUILT_IN'), group(admins, 'Okta Administrators'), group(helpdesk, 'Helpdesk')],
    userGroups: { [gina.id]: [helpdesk], [hank.id]: [admins] },
    roles: [
      ...[alice, bob, carol, dan, erin, frank].map((user) => ({ userId: user.id, type: 'SUPER_ADMIN' })),
      { userId: rita.id, type: 'READ_ONLY_ADMIN' }, { userId: hank.id, type: 'APP_ADMIN' }, { userId: svcTerraform.id, type: 'ORG_ADMIN' },
      { userId: svcSiem.id, type: 'READ_ONLY_ADMIN' }, { groupId: helpdesk, type: 'HELP_DESK_ADMIN' }, { clientId: quickSyncBot, type: 'SUPER_ADMIN' },
    ],
    factors: {
      [alice.id]: ['webauthn', 'push'], [bob.id]: ['sms'], [carol.id]: ['sms'], [dan.id]: ['push', 'signed_nonce'], [erin.id]: ['push', 'question'],
      [frank.id]: ['token:software:totp'], [rita.id]: ['push'], [ivan.id]: ['sms'], [julia.id]: ['question'],
    },
    policies: [
      passwordPolicy(id('00p'), { name: 'Default Policy', priority: 1, system: true, groups: [everyone], minLength: 8, upper: 0, symbol: 0, commonCheck: false,
        historyCount: 0, maxAgeDays: 0, minAgeMinutes: 0, maxAttempts: 0, recovery: { question: true, sms: true, call: true, email: true } }),
      passwordPolicy(id('00p'), { name: 'Contractors', priority: 2, groups: [helpdesk], minLength: 8, symbol: 0, commonCheck: false,
        historyCount: 0, maxAgeDays: 0, minAgeMinutes: 0, maxAttempts: 10, recovery: { question: true, sms: true, call: false, email: true } }),
      policy(gsp, 'OKTA_SIGN_ON', 'Default Policy', 1, true, [
        signOnRule(r(), { name: 'Everyone - stay signed in', priority: 1, idleMinutes: 120, lifetimeMinutes: 10080, persistentCookie: true, requireFactor: false, primaryFactor: 'PASSWORD_IDP' }),
        signOnRule(r(), { name: 'Default Rule', priority: 2, system: true, idleMinutes: 120, lifetimeMinutes: 0, persistentCookie: false, requireFactor: false }),
      ], { conditions: { people: { groups: { include: [everyone] } } } }),
      policy(adminConsolePolicy, 'ACCESS_POLICY', 'Okta Admin Console', 2, false, [
        accessRule(r(), { name: 'Admins - password only', priority: 1, factorMode: '1FA' }),
        accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '1FA' }),
      ]),
      policy(dashboardPolicy, 'ACCESS_POLICY', 'Okta Dashboard', 3, false, [accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '2FA' })]),
      policy(defaultAccess, 'ACCESS_POLICY', 'Default Policy', 1, true, [accessRule(r(), { name: 'Catch-all Rule', priority: 99, system: true, factorMode: '1FA' })]),
      policy(id('00p'), 'MFA_ENROLL', 'Default Policy', 1, true, [{ id: r(), type: 'MFA_ENROLL', status: 'ACTIVE', name: 'Default Rule', priority: 1, system: true,
        conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } }, actions: { enroll: { self: 'CHALLENGE' } } }],
      { conditions: { people: { groups: { include: [everyone] } } }, settings: { type: 'AUTHENTICATORS', authenticators: [
        { key: 'okta_password', enroll: { self: 'REQUIRED' } }, { key: 'okta_email', enroll: { self: 'OPTIONAL' } }, { key: 'okta_verify', enroll: { self: 'OPTIONAL' } },
        { key: 'phone_number', enroll: { self: 'OPTIONAL' } }, { key: 'security_question', enroll: { self: 'OPTIONAL' } }] } }),
    ],
    authenticators: [
      authenticator(id('aut'), 'okta_password', 'ACTIVE'),
      authenticator(id('aut'), 'okta_email', 'ACTIVE', { allowedFor: 'any' }),
      authenticator(id('aut'), 'okta_verify', 'ACTIVE', { compliance: { fips: 'OPTIONAL' }, channelBinding: { style: 'NUMBER_CHALLENGE', required: 'HIGH_RISK_ONLY' }, userVerification: 'PREFERRED', appInstanceId: '' }),
      authenticator(id('aut'), 'phone_number', 'ACTIVE', { allowedFor: 'any' }),
      authenticator(id('aut'), 'security_question', 'ACTIVE', { allowedFor: 'any' }),
      authenticator(id('aut'), 'webauthn', 'ACTIVE'),
    ],
    threatInsight: { action: 'audit', excludeZones: [], created: '2023-01-10T10:00:00.000Z', lastUpdated: '2024-03-01T10:00:00.000Z' },
    zones: [
      zone(id('nzo'), { type: 'IP', name: 'LegacyIpZone', usage: 'POLICY', system: true, gateways: [], proxies: null }),
      zone(id('nzo'), { type: 'IP', name: 'BlockedIpZone', usage: 'BLOCKLIST', system: true, gateways: [], proxies: null }),
      zone(id('nzo'), { type: 'DYNAMIC_V2', name: 'DefaultEnhancedDynamicZone', usage: 'BLOCKLIST', system: true, status: 'INACTIVE',
        locations: { include: [], exclude: [] }, asns: { include: [], exclude: [] }, ipServiceCategories: { include: [], exclude: [] } }),
      zone(corpZone, { type: 'IP', name: 'Acme HQ', usage: 'POLICY', gateways: [{ type: 'CIDR', value: '203.0.113.0/24' }], proxies: null }),
    ],
    trustedOrigins: [
      trustedOrigin(id('tos'), 'Acme dev sites', 'https://*.acme-dev.com', ['CORS', 'REDIRECT'], alice.id),
      trustedOrigin(id('tos'), 'Acme website', 'https://www.acme.example', ['CORS'], alice.id),
      trustedOrigin(id('tos'), 'Legacy intranet', 'http://intranet.acme.example', ['IFRAME_EMBED'], bob.id),
    ],
    apiTokens: [
      apiToken(id('00T'), { name: 'Terraform', userId: svcTerraform.id, ageDays: 400, network: { connection: 'ZONE', include: [corpZone] } }),
      apiToken(id('00T'), { name: 'SIEM export', userId: svcSiem.id, ageDays: 30 }),
      apiToken(id('00T'), { name: 'Alice scripts', userId: alice.id, ageDays: 60, network: { connection: 'ZONE', include: [corpZone] } }),
    ],
    apps: [
      app(id('0oa'), 'saasure', 'Okta Admin Console', 'OPENID_CONNECT', adminConsolePolicy),
      app(id('0oa'), 'okta_enduser', 'Okta Dashboard', 'OPENID_CONNECT', dashboardPolicy),
      app(id('0oa'), 'okta_browser_plugin', 'Okta Browser Plugin', 'OPENID_CONNECT', defaultAccess),
      app(salesforce, 'salesforce', 'Salesforce.com', 'SAML_2_0', defaultAccess),
      app(slack, 'slack', 'Slack', 'SAML_2_0', defaultAccess),
      oidcApp(portal, 'Acme Portal', 'web', defaultAccess, { createdDays: 500, redirect: 'https://portal.acme.example/callback' }),
      oidcApp(quickSyncBot, 'Quick Sync Bot', 'service', undefined, { createdDays: 45 }),
      oidcApp(travelDesk, 'Travel Desk', 'web', defaultAccess, { createdDays: 700, redirect: 'https://travel.acme.example/callback' }),
    ],
    appGrants: {
      [portal]: [appGrant(portal, 'okta.users.read', { grantedBy: alice.id, days: 400 }), appGrant(portal, 'okta.apps.read', { grantedBy: carol.id, days: 30, userId: carol.id })],
      [quickSyncBot]: ['okta.users.manage', 'okta.roles.manage', 'okta.groups.read'].map((scope) => appGrant(quickSyncBot, scope, { grantedBy: bob.id, days: 45 })),
    },
    appAssignments: {
      [salesforce]: { groups: [everyone] }, [slack]: { groups: [everyone] }, [portal]: { groups: [everyone] }, [travelDesk]: { users: [ivan.id, julia.id, staff[4]!.id] },
    },
    apiServices: [
      apiService(id('0oa'), 'logsentry_siem', 'LogSentry SIEM', ['okta.logs.read', 'okta.users.read'], alice.id, 200),
      apiService(peopleDesk, 'peopledesk_hr', 'PeopleDesk HR Sync', ['okta.users.read', 'okta.groups.read'], bob.id, 400),
    ],
    refreshTokens: {
      [portal]: [
        refreshToken(portal, alice.id, { days: 3, issuer }), refreshToken(portal, staff[0]!.id, { days: 10, issuer }), refreshToken(portal, staff[1]!.id, { days: 40, issuer }),
        refreshToken(portal, victor.id, { days: 290, status: 'REVOKED', issuer }),
      ],
      [travelDesk]: [
        refreshToken(travelDesk, ivan.id, { days: 125, issuer }), refreshToken(travelDesk, julia.id, { days: 210, issuer }), refreshToken(travelDesk, staff[4]!.id, { days: 160, issuer }),
        refreshToken(travelDesk, staff[5]!.id, { days: 400, issuer }),
      ],
    },
    idps: [samlIdp(id('0oa'), 'Partner SSO', { jit: true, groupsAction: 'NONE' })],
    behaviors: [
      behavior(id('abcd'), 'ANOMALOUS_LOCATION', 'New City', 'INACTIVE'), behavior(id('abcd'), 'ANOMALOUS_DEVICE', 'New Device', 'INACTIVE'),
      behavior(id('abcd'), 'ANOMALOUS_IP', 'New IP', 'INACTIVE'), behavior(id('abcd'), 'VELOCITY', 'Velocity', 'INACTIVE'),
    ],
    logStreams: [],
    eventHooks: [{ id: id('who'), status: 'ACTIVE', verificationStatus: 'VERIFIED', name: 'Legacy provisioning hook', created: '2023-05-01T10:00:00.000Z', lastUpdated: '2023-05-01T10:00:00.000Z',
      events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create', 'user.lifecycle.deactivate'] },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'http://hooks.acme.example/okta', headers: [], method: 'POST', authScheme: null } } }],
    inlineHooks: [],
    brands: [{ id: id('bnd'), name: 'Acme', isDefault: true, removePoweredByOkta: false, agreeToCustomPrivacyPolicy: false }],
    adminConsoleSettings: { sessionIdleTimeoutMinutes: 60, sessionMaxLifetimeMinutes: 1440 },
    orgSettings: { thirdPartyAdmin: false, clientPrivilegesSetting: true, autoAssignAdminAppSetting: true, oktaSupport: 'ENABLED', optOutEmailUsers: false, rateLimitNotifications: false },
    emailNotifications: { newSignOn: false, passwordChanged: true, authenticatorEnrolled: false, authenticatorReset: false, reportSuspiciousActivity: false },
  };
  const [logSentry] = seed.apiServices!;
  const appNamed = (label: string) => seed.apps.find((candidate) => candidate.label === label)!;
  seed.systemLog = [
    ...[1, 25, 49].map((hours) => tokenGrantEvent(quickSyncBot, { hours, grantType: 'client_credentials' })),
    tokenGrantEvent(portal, { hours: 3, grantType: 'authorization_code', user: alice }),
    tokenGrantEvent(portal, { hours: 30, grantType: 'refresh_token', user: staff[0]! }),
    ...[0.2, 1.2].map((hours) => tokenGrantEvent(logSentry!.id, { hours, grantType: 'client_credentials' })),
    appSignInEvent(alice, appNamed('Salesforce.com'), 2), appSignInEvent(staff[2]!, appNamed('Slack'), 5), appSignInEvent(alice, appNamed('Acme Portal'), 3),
    // Older than the 90 days the log keeps: never served.
    tokenGrantEvent(travelDesk, { hours: 120 * 24, grantType: 'refresh_token', user: ivan }),
    tokenGrantEvent(peopleDesk, { hours: 150 * 24, grantType: 'client_credentials' }),
  ];
  return seed;
}
