import { createHash } from 'node:crypto';

/**
 * Seed types and builders for the emulated Okta orgs. Objects are stored in the Management API's shape
 * (okta/management-openapi.yaml examples) so the API serves them as they are and the Admin Console pages
 * render the same values. Users are compact records expanded on output, so 50 000 of them stay cheap.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = { [key: string]: any };

export type UserStatus = 'ACTIVE' | 'STAGED' | 'PROVISIONED' | 'SUSPENDED' | 'DEPROVISIONED' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'RECOVERY';
export type ProviderType = 'OKTA' | 'ACTIVE_DIRECTORY' | 'LDAP' | 'FEDERATION' | 'SOCIAL' | 'IMPORT';
export type FactorKind = 'sms' | 'call' | 'question' | 'email' | 'push' | 'signed_nonce' | 'webauthn' | 'token:software:totp';

export interface SeedUser {
  id: string;
  status: UserStatus;
  login: string;
  firstName: string;
  lastName: string;
  created: string;
  lastLogin: string | null;
  passwordChanged: string | null;
  provider?: ProviderType;
  department?: string;
}

export interface RoleAssignment {
  /** Direct assignment to a user, to a group (members inherit it), or to a service app's OAuth client. */
  userId?: string;
  groupId?: string;
  clientId?: string;
  type: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface OktaOrgSeed {
  /** Okta subdomain: `<name>.okta.com`, admin console `<name>-admin.okta.com`. */
  name: string;
  orgId: string;
  companyName: string;
  pipeline: 'idx' | 'v1';
  superAdmin: Credentials;
  readOnlyAdmin: Credentials;
  users: SeedUser[];
  groups: Json[];
  /** userId → group ids. */
  userGroups: Record<string, string[]>;
  roles: RoleAssignment[];
  /** userId → enrolled factors (users without an entry have Okta Verify push). */
  factors: Record<string, FactorKind[]>;
  /** Policies of every type, each with its `rules` (served by /policies/{id}/rules, stripped from the policy). */
  policies: Json[];
  authenticators: Json[];
  threatInsight: Json;
  zones: Json[];
  trustedOrigins: Json[];
  apiTokens: Json[];
  apps: Json[];
  /** appId → its Okta API scope grants (`OAuth2ScopeConsentGrant`, served by /apps/{id}/grants). */
  appGrants?: Record<string, Json[]>;
  /** appId → the users and groups assigned to it (users' app links are derived from it). */
  appAssignments?: Record<string, { users?: string[]; groups?: string[] }>;
  /** API service integrations (Identity Engine only: a Classic org answers 404). */
  apiServices?: Json[];
  /** appId → its refresh tokens (`OAuth2RefreshToken`, served by /apps/{id}/tokens). */
  refreshTokens?: Record<string, Json[]>;
  /** System Log events (`LogEvent`), any order; /api/v1/logs serves those of the last 90 days. */
  systemLog?: Json[];
  idps: Json[];
  behaviors: Json[];
  logStreams: Json[];
  eventHooks: Json[];
  inlineHooks: Json[];
  brands: Array<Json & { signInPageContent?: string }>;
  adminConsoleSettings: { sessionIdleTimeoutMinutes: number; sessionMaxLifetimeMinutes: number };
  orgSettings: {
    thirdPartyAdmin: boolean;
    clientPrivilegesSetting: boolean;
    autoAssignAdminAppSetting: boolean;
    oktaSupport: 'ENABLED' | 'DISABLED';
    optOutEmailUsers: boolean;
    rateLimitNotifications: boolean;
  };
  /** Security > General notification emails (private /api/internal/email-notifications; shape UNCONFIRMED). */
  emailNotifications: { newSignOn: boolean; passwordChanged: boolean; authenticatorEnrolled: boolean; authenticatorReset: boolean; reportSuspiciousActivity: boolean };
}

export const DAY = 86_400_000;
export const isoDaysAgo = (days: number, now = Date.now()) => new Date(now - days * DAY).toISOString().replace(/\.\d{3}Z$/, '.000Z');
export const isoDaysAhead = (days: number) => isoDaysAgo(-days);

export function oktaId(prefix: string, key: string): string {
  const hash = createHash('sha256').update(key).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return (prefix + hash).slice(0, 20);
}

/** Deterministic ids per org: ids('00u') → "00u…" (20 characters, as Okta's). */
export function idMaker(org: string): (prefix: string) => string {
  const counters = new Map<string, number>();
  return (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return oktaId(prefix, `${org}:${prefix}:${n}`);
  };
}

export const roleLabels: Record<string, string> = {
  SUPER_ADMIN: 'Super Administrator', ORG_ADMIN: 'Organization Administrator', APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator', HELP_DESK_ADMIN: 'Help Desk Administrator', GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  READ_ONLY_ADMIN: 'Read-only Administrator', REPORT_ADMIN: 'Report Administrator', API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
  MOBILE_ADMIN: 'Mobile Administrator',
};

const stamp = (days: number) => ({ created: isoDaysAgo(days), lastUpdated: isoDaysAgo(Math.max(0, days - 3)) });

export function passwordPolicy(id: string, o: {
  name: string; priority: number; system?: boolean; groups: string[]; minLength: number; lower?: number; upper?: number; number?: number; symbol?: number;
  commonCheck: boolean; historyCount: number; maxAgeDays: number; minAgeMinutes: number; maxAttempts: number; autoUnlockMinutes?: number;
  recovery: { question: boolean; sms: boolean; call: boolean; email: boolean };
}): Json {
  const status = (on: boolean) => (on ? 'ACTIVE' : 'INACTIVE');
  return {
    id, type: 'PASSWORD', status: 'ACTIVE', name: o.name, description: o.system ? 'The default policy applies in all situations if no other policy applies.' : null,
    priority: o.priority, system: Boolean(o.system), ...stamp(400),
    conditions: { people: { groups: { include: o.groups } }, authProvider: { provider: 'OKTA' } },
    settings: {
      password: {
        complexity: { minLength: o.minLength, minLowerCase: o.lower ?? 1, minUpperCase: o.upper ?? 1, minNumber: o.number ?? 1, minSymbol: o.symbol ?? 0,
          excludeUsername: true, dictionary: { common: { exclude: o.commonCheck } }, excludeAttributes: [] },
        age: { maxAgeDays: o.maxAgeDays, expireWarnDays: 0, minAgeMinutes: o.minAgeMinutes, historyCount: o.historyCount },
        lockout: { maxAttempts: o.maxAttempts, autoUnlockMinutes: o.autoUnlockMinutes ?? 0, userLockoutNotificationChannels: [], showLockoutFailures: false },
      },
      recovery: { factors: {
        recovery_question: { status: status(o.recovery.question), properties: { complexity: { minLength: 4 } } },
        okta_email: { status: status(o.recovery.email), properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } },
        okta_sms: { status: status(o.recovery.sms) },
        okta_call: { status: status(o.recovery.call) },
      } },
      delegation: { options: { skipUnlock: false } },
    },
    rules: [{ id: `${id.slice(0, 3).replace('00p', '0pr')}${id.slice(3)}`, type: 'PASSWORD', status: 'ACTIVE', name: 'Default Rule', priority: 1, system: true,
      conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } },
      actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'ALLOW' }, selfServiceUnlock: { access: 'ALLOW' } } }],
  };
}

export function signOnRule(id: string, o: {
  name: string; priority: number; system?: boolean; idleMinutes: number; lifetimeMinutes: number; persistentCookie: boolean;
  requireFactor: boolean; primaryFactor?: 'PASSWORD_IDP' | 'PASSWORD_IDP_ANY_FACTOR'; network?: Json; status?: string;
}): Json {
  return {
    id, type: 'SIGN_ON', status: o.status ?? 'ACTIVE', name: o.name, priority: o.priority, system: Boolean(o.system), ...stamp(300),
    conditions: { people: { users: { exclude: [] } }, network: o.network ?? { connection: 'ANYWHERE' }, authContext: { authType: 'ANY' },
      risk: { behaviors: [] }, riskScore: { level: 'ANY' }, identityProvider: { provider: 'ANY' } },
    actions: { signon: { access: 'ALLOW', requireFactor: o.requireFactor, factorPromptMode: o.requireFactor ? 'ALWAYS' : undefined,
      factorLifetime: o.requireFactor ? 15 : undefined, primaryFactor: o.primaryFactor ?? 'PASSWORD_IDP_ANY_FACTOR', rememberDeviceByDefault: false,
      session: { maxSessionIdleMinutes: o.idleMinutes, maxSessionLifetimeMinutes: o.lifetimeMinutes, usePersistentCookie: o.persistentCookie } } },
  };
}

export function accessRule(id: string, o: {
  name: string; priority: number; system?: boolean; access?: 'ALLOW' | 'DENY'; factorMode: '1FA' | '2FA'; phishingResistant?: boolean; network?: Json;
}): Json {
  const possession = o.phishingResistant ? { possession: { required: true, deviceBound: 'REQUIRED', phishingResistant: 'REQUIRED' } } : undefined;
  return {
    id, type: 'ACCESS_POLICY', status: 'ACTIVE', name: o.name, priority: o.priority, system: Boolean(o.system), ...stamp(200),
    conditions: o.system ? null : { network: o.network ?? { connection: 'ANYWHERE' }, people: { users: { exclude: [] } } },
    actions: { appSignOn: { access: o.access ?? 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: o.factorMode, reauthenticateIn: 'PT12H',
      constraints: possession ? [possession] : [] }, keepMeSignedIn: { postAuth: 'NOT_ALLOWED' } } },
  };
}

export function policy(id: string, type: string, name: string, priority: number, system: boolean, rules: Json[], extra: Json = {}): Json {
  return { id, type, status: 'ACTIVE', name, description: null, priority, system, ...stamp(400), conditions: null, ...extra, rules };
}

const authenticatorDefs: Record<string, { type: string; name: string }> = {
  okta_password: { type: 'password', name: 'Password' }, okta_email: { type: 'email', name: 'Email' }, okta_verify: { type: 'app', name: 'Okta Verify' },
  phone_number: { type: 'phone', name: 'Phone' }, security_question: { type: 'security_question', name: 'Security Question' },
  webauthn: { type: 'security_key', name: 'FIDO2 (WebAuthn)' }, smart_card_idp: { type: 'federated', name: 'Smart Card Authenticator' },
  google_otp: { type: 'app', name: 'Google Authenticator' },
};

export function authenticator(id: string, key: string, status: 'ACTIVE' | 'INACTIVE', settings?: Json): Json {
  const def = authenticatorDefs[key] ?? { type: 'app', name: key };
  return { type: def.type, id, key, status, name: def.name, ...stamp(500), ...(settings ? { settings } : {}) };
}

export function zone(id: string, o: Json): Json {
  return { id, status: 'ACTIVE', system: false, ...stamp(250), ...o };
}

export function app(id: string, name: string, label: string, signOnMode: string, accessPolicyId: string | undefined, status = 'ACTIVE'): Json {
  return { id, name, label, status, signOnMode, ...stamp(350), accessibility: { selfService: false }, visibility: { hide: { iOS: false, web: false } },
    features: [], settings: { app: {} }, _links: accessPolicyId ? { accessPolicy: { href: `/api/v1/policies/${accessPolicyId}` } } : {} };
}

/** A custom OpenID Connect app; a `service` app is a machine-to-machine client (client credentials). */
export function oidcApp(id: string, label: string, applicationType: 'web' | 'browser' | 'native' | 'service', accessPolicyId: string | undefined, o: { createdDays?: number; consent?: 'REQUIRED' | 'TRUSTED'; redirect?: string } = {}): Json {
  const service = applicationType === 'service';
  return {
    ...app(id, 'oidc_client', label, 'OPENID_CONNECT', accessPolicyId),
    created: isoDaysAgo(o.createdDays ?? 200),
    credentials: { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, signing: { kid: oktaId('kid', id) },
      oauthClient: { autoKeyRotation: true, client_id: id, token_endpoint_auth_method: service ? 'private_key_jwt' : 'client_secret_basic', pkce_required: !service } },
    settings: { app: {}, notifications: { vpn: { network: { connection: 'DISABLED' } } }, oauthClient: {
      client_uri: null, logo_uri: null, redirect_uris: service ? [] : [o.redirect ?? 'https://app.example/callback'], response_types: service ? ['token'] : ['code'],
      grant_types: service ? ['client_credentials'] : ['authorization_code', 'refresh_token'], application_type: applicationType, consent_method: o.consent ?? 'REQUIRED',
      issuer_mode: 'DYNAMIC' } },
  };
}

/** An Okta API scope granted to an app (spec `OAuth2ScopeConsentGrant`); `userId` for a user's own consent. */
export function appGrant(appId: string, scopeId: string, o: { grantedBy: string; days: number; userId?: string }): Json {
  return {
    id: oktaId('oag', `${appId}:${scopeId}:${o.userId ?? ''}`), status: 'ACTIVE', ...stamp(o.days), createdBy: { id: o.grantedBy, type: 'User' },
    clientId: appId, scopeId, source: o.userId ? 'END_USER' : 'ADMIN', ...(o.userId ? { userId: o.userId } : {}), _embedded: { scope: { id: scopeId } },
  };
}

/** An API service integration from the OIN catalog (spec `APIServiceIntegrationInstance`). */
export function apiService(id: string, type: string, name: string, grantedScopes: string[], createdBy: string, days: number): Json {
  return { id, type, name, createdAt: isoDaysAgo(days), createdBy, configGuideUrl: `https://docs.example/${type}/configuration-guide`, grantedScopes };
}

/** A refresh token of an OpenID Connect app for a user (spec `OAuth2RefreshToken`), issued `days` ago for `lifetimeDays`. */
export function refreshToken(appId: string, userId: string, o: { days: number; lifetimeDays?: number; status?: 'ACTIVE' | 'REVOKED'; issuer: string }): Json {
  return {
    id: oktaId('oar', `${appId}:${userId}:${o.days}`), status: o.status ?? 'ACTIVE', created: isoDaysAgo(o.days), lastUpdated: isoDaysAgo(o.days),
    expiresAt: isoDaysAgo(o.days - (o.lifetimeDays ?? 365)), clientId: appId, userId, scopes: ['openid', 'profile', 'offline_access'], issuer: o.issuer,
  };
}

/**
 * A token Okta issued to an OAuth client (spec `LogEvent`): the client is the actor (`PublicClientApp`), the access
 * token the target, and the user too when it acts for one. `hours` ago.
 */
export function tokenGrantEvent(clientId: string, o: { hours: number; grantType: 'client_credentials' | 'authorization_code' | 'refresh_token'; user?: SeedUser; ip?: string }): Json {
  const published = new Date(Date.now() - o.hours * 3_600_000).toISOString();
  const uuid = oktaId('', `${clientId}:${o.hours}:${o.grantType}`).slice(0, 8).toLowerCase();
  const user = o.user ? [{ id: o.user.id, type: 'User', alternateId: o.user.login, displayName: `${o.user.firstName} ${o.user.lastName}`, detailEntry: null }] : [];
  return {
    uuid: `${uuid}-0c5e-11f0-9d4e-${clientId.slice(-12).toLowerCase().padStart(12, '0')}`, published, eventType: 'app.oauth2.token.grant.access_token', version: '0', severity: 'INFO',
    legacyEventType: 'app.oauth2.token.grant.access_token_success', displayMessage: 'OAuth2 access token is granted',
    actor: { id: clientId, type: 'PublicClientApp', alternateId: clientId, displayName: clientId, detailEntry: null },
    client: { userAgent: { rawUserAgent: 'okhttp/4.12.0', os: 'Unknown', browser: 'UNKNOWN' }, zone: 'null', device: 'Unknown', id: null, ipAddress: o.ip ?? '198.51.100.23',
      geographicalContext: { city: 'Ashburn', state: 'Virginia', country: 'United States', postalCode: '20149', geolocation: { lat: 39.0469, lon: -77.4903 } } },
    outcome: { result: 'SUCCESS', reason: null },
    target: [{ id: oktaId('AT.', `${clientId}:${o.hours}`), type: 'access_token', alternateId: 'unknown', displayName: 'Access Token', detailEntry: { expires: new Date(Date.parse(published) + 3_600_000).toISOString(), subject: o.user?.id ?? clientId } }, ...user],
    transaction: { type: 'WEB', id: oktaId('', `txn:${clientId}:${o.hours}`), detail: {} },
    debugContext: { debugData: { grantType: o.grantType, requestUri: '/oauth2/v1/token', url: '/oauth2/v1/token?' } },
    authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: 'unknown' },
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
  };
}

/** A user signing in to an app (`user.authentication.sso`): the user is the actor, the app a target. `hours` ago. */
export function appSignInEvent(user: SeedUser, app: Json, hours: number): Json {
  const published = new Date(Date.now() - hours * 3_600_000).toISOString();
  return {
    uuid: `${oktaId('', `sso:${user.id}:${app.id}:${hours}`).slice(0, 8).toLowerCase()}-1d6f-11f0-8a3b-${String(app.id).slice(-12).toLowerCase()}`, published, eventType: 'user.authentication.sso',
    version: '0', severity: 'INFO', legacyEventType: 'app.auth.sso', displayMessage: 'User single sign on to app',
    actor: { id: user.id, type: 'User', alternateId: user.login, displayName: `${user.firstName} ${user.lastName}`, detailEntry: null },
    client: { userAgent: { rawUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME' },
      zone: 'null', device: 'Computer', id: null, ipAddress: '203.0.113.50' },
    outcome: { result: 'SUCCESS', reason: null },
    target: [{ id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label, detailEntry: { signOnModeType: app.signOnMode } }],
    transaction: { type: 'WEB', id: oktaId('', `txn:sso:${user.id}:${hours}`), detail: {} },
    debugContext: { debugData: { requestUri: `/app/${app.name}/${app.id}/sso/saml`, url: `/app/${app.name}/${app.id}/sso/saml?` } },
  };
}

export function apiToken(id: string, o: { name: string; userId: string; ageDays: number; network?: Json; tokenWindow?: string }): Json {
  return { name: o.name, userId: o.userId, tokenWindow: o.tokenWindow ?? 'P30D', network: o.network ?? { connection: 'ANYWHERE' }, id, clientName: 'Okta API',
    expiresAt: isoDaysAhead(20), created: isoDaysAgo(o.ageDays), lastUpdated: isoDaysAgo(1) };
}

export function trustedOrigin(id: string, name: string, origin: string, scopes: string[], userId: string): Json {
  return { id, name, origin, status: 'ACTIVE', scopes: scopes.map((type) => ({ type })), created: isoDaysAgo(120), createdBy: userId, lastUpdated: isoDaysAgo(30), lastUpdatedBy: userId };
}

export function samlIdp(id: string, name: string, o: { jit: boolean; groupsAction: 'NONE' | 'APPEND' | 'SYNC' | 'ASSIGN'; assignGroups?: string[]; filter?: string | null; accountLinkGroups?: string[] }): Json {
  return {
    id, type: 'SAML2', name, status: 'ACTIVE', ...stamp(180),
    protocol: { type: 'SAML2', endpoints: { sso: { url: 'https://idp.partner.example/sso', binding: 'HTTP-POST', destination: 'https://idp.partner.example/sso' }, acs: { binding: 'HTTP-POST', type: 'INSTANCE' } },
      algorithms: { request: { signature: { algorithm: 'SHA-256', scope: 'REQUEST' } }, response: { signature: { algorithm: 'SHA-256', scope: 'ANY' } } },
      settings: { nameFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' }, credentials: { trust: { issuer: 'https://idp.partner.example', audience: 'https://www.okta.com/saml2/service-provider/sp', kid: `${id}-kid` } } },
    policy: {
      provisioning: { action: o.jit ? 'AUTO' : 'DISABLED', profileMaster: o.jit, groups: { action: o.groupsAction, ...(o.assignGroups ? { assignments: o.assignGroups } : {}) },
        conditions: { deprovisioned: { action: 'NONE' }, suspended: { action: 'NONE' } } },
      accountLink: { filter: o.accountLinkGroups ? { groups: { include: o.accountLinkGroups } } : null, action: 'AUTO' },
      subject: { userNameTemplate: { template: 'saml.subjectNameId' }, filter: o.filter ?? null, matchType: 'USERNAME' }, mapAMRClaims: false, maxClockSkew: 0,
    },
  };
}

export function behavior(id: string, type: string, name: string, status: 'ACTIVE' | 'INACTIVE'): Json {
  const settings = type === 'ANOMALOUS_LOCATION' ? { minEventsNeededForEvaluation: 0, maxEventsUsedForEvaluation: 50, granularity: 'LAT_LONG', radiusKilometers: 20.0 }
    : type === 'VELOCITY' ? { velocityKph: 805 } : { minEventsNeededForEvaluation: 0, maxEventsUsedForEvaluation: 20 };
  return { id, name, status, type, ...stamp(300), settings };
}

export function seedUser(id: string, domain: string, first: string, last: string, o: { status?: UserStatus; createdDays?: number; lastLoginDays?: number | null; provider?: ProviderType; department?: string } = {}): SeedUser {
  const createdDays = o.createdDays ?? 500;
  return {
    id, status: o.status ?? 'ACTIVE', login: `${first}.${last}@${domain}`.toLowerCase(), firstName: first, lastName: last, created: isoDaysAgo(createdDays),
    lastLogin: o.lastLoginDays === null ? null : isoDaysAgo(o.lastLoginDays ?? 1), passwordChanged: isoDaysAgo(Math.min(createdDays, 45)),
    provider: o.provider ?? 'OKTA', department: o.department,
  };
}

export function group(id: string, name: string, type: 'OKTA_GROUP' | 'BUILT_IN' = 'OKTA_GROUP'): Json {
  return { id, created: isoDaysAgo(600), lastUpdated: isoDaysAgo(100), lastMembershipUpdated: isoDaysAgo(10), objectClass: ['okta:user_group'], type, profile: { name, description: null } };
}
