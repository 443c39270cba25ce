import { z } from 'zod';
import type { ParsedSource } from '@/utils/connector';
import { parseSources } from '@/utils/parse';
import type { SourceResult } from '@/utils/snapshot';
import { oktaSources } from './sources';

/**
 * zod schemas for every Okta source, from raw Management API response to the typed model controls read.
 * Objects are loose (Okta adds fields every release) but the fields a control relies on are required, with the
 * names and enum values of the Management OpenAPI spec, so a renamed or retyped field fails the source (with the
 * field named in the reason), never a control. Child sources (rules per policy, roles per admin) are records keyed
 * by the parent item's id.
 */

const status = z.enum(['ACTIVE', 'INACTIVE']);
/**
 * Minutes, days, characters, attempts: Okta sends each as a whole number of zero or more, an int32 in its spec. A
 * fraction, a negative or a number past 32 bits is no setting of Okta's, and comparing with it would decide a control on noise.
 */
const whole = z.int().nonnegative().max(2_147_483_647);
/** Spec `UserStatus`: a status outside it is not one the controls can tell active from inactive. */
const userStatus = z.enum(['ACTIVE', 'DEPROVISIONED', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'PROVISIONED', 'RECOVERY', 'STAGED', 'SUSPENDED']);
const nullableString = z.string().nullable();
const href = z.looseObject({ href: z.string() });

/** A list source: link-paged sources arrive as one concatenated array; IAM body-paged ones may keep `{ value }`. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (body) =>
      body && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as { value?: unknown }).value)
        ? (body as { value: unknown[] }).value
        : body,
    z.array(item),
  );
}

/** A child source: `{ [parentId]: response }`. */
function perParent<T extends z.ZodType>(response: T) {
  return z.record(z.string(), response);
}

/** `conditions.network` of a policy rule, and `network` of an API token. */
const networkCondition = z.looseObject({
  connection: z.enum(['ANYWHERE', 'ZONE']),
  include: z.array(z.string()).nullish(),
  exclude: z.array(z.string()).nullish(),
});
export type NetworkCondition = z.infer<typeof networkCondition>;

const peopleCondition = z.looseObject({
  groups: z.looseObject({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).nullish(),
  users: z.looseObject({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).nullish(),
});

/** `system` is required: Okta always sends it, and a default would take a release's rename for "a custom rule". */
const policyBase = {
  id: z.string(),
  name: z.string(),
  status,
  priority: whole.optional(),
  system: z.boolean(),
  description: nullableString.optional(),
};

const ruleBase = {
  id: z.string(),
  name: z.string(),
  status,
  priority: whole.optional(),
  system: z.boolean(),
  type: z.string().optional(),
};

// PASSWORD

const passwordSettings = z.looseObject({
  complexity: z.looseObject({
    minLength: whole,
    minLowerCase: whole,
    minUpperCase: whole,
    minNumber: whole,
    minSymbol: whole,
    excludeUsername: z.boolean().optional(),
    excludeAttributes: z.array(z.string()).optional(),
    maxConsecutiveCharacters: whole.optional(),
    /** `dictionary.common.exclude: true` is the Common Password Check (absent means off). */
    dictionary: z
      .looseObject({ common: z.looseObject({ exclude: z.boolean().default(false) }).optional() })
      .optional(),
  }),
  age: z.looseObject({
    /** 0: passwords never expire. */
    maxAgeDays: whole,
    expireWarnDays: whole.optional(),
    /** 0: no minimum age. */
    minAgeMinutes: whole,
    /** 0: no history. */
    historyCount: whole,
  }),
  lockout: z.looseObject({
    /** 0: no lockout. */
    maxAttempts: whole,
    autoUnlockMinutes: whole.optional(),
    showLockoutFailures: z.boolean().optional(),
    userLockoutNotificationChannels: z.array(z.string()).optional(),
  }),
});

const recoveryFactor = z.looseObject({ status: status.optional() });

export const passwordPolicySchema = z.looseObject({
  ...policyBase,
  type: z.literal('PASSWORD'),
  conditions: z
    .looseObject({
      people: peopleCondition.nullish(),
      authProvider: z.looseObject({ provider: z.string().optional() }).nullish(),
    })
    .nullish(),
  settings: z.looseObject({
    password: passwordSettings,
    /** Classic Engine recovery factors; Identity Engine keeps recovery in the rules and authenticators. */
    recovery: z
      .looseObject({
        factors: z
          .looseObject({
            recovery_question: recoveryFactor.optional(),
            okta_email: recoveryFactor.optional(),
            okta_sms: recoveryFactor.optional(),
            okta_call: recoveryFactor.optional(),
          })
          .optional(),
      })
      .nullish(),
  }),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

const accessRequirement = z.looseObject({ access: z.enum(['ALLOW', 'DENY']).optional() });

export const passwordPolicyRuleSchema = z.looseObject({
  ...ruleBase,
  conditions: z.looseObject({ people: peopleCondition.nullish(), network: networkCondition.nullish() }).nullish(),
  actions: z
    .looseObject({
      passwordChange: accessRequirement.nullish(),
      selfServiceUnlock: accessRequirement.nullish(),
      selfServicePasswordReset: z
        .looseObject({
          access: z.enum(['ALLOW', 'DENY']).optional(),
          /** Identity Engine: `primary.methods` (e.g. `sms`, `voice`, `email`, `push`) and `stepUp`. */
          requirement: z
            .looseObject({
              primary: z.looseObject({ methods: z.array(z.string()).optional() }).nullish(),
              stepUp: z.looseObject({ required: z.boolean().optional() }).nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type PasswordPolicyRule = z.infer<typeof passwordPolicyRuleSchema>;

// OKTA_SIGN_ON (Global Session Policy)

export const signOnPolicySchema = z.looseObject({
  ...policyBase,
  type: z.literal('OKTA_SIGN_ON'),
  conditions: z.looseObject({ people: peopleCondition.nullish() }).nullish(),
});
export type SignOnPolicy = z.infer<typeof signOnPolicySchema>;

export const signOnPolicyRuleSchema = z.looseObject({
  ...ruleBase,
  conditions: z
    .looseObject({
      people: peopleCondition.nullish(),
      network: networkCondition.nullish(),
      risk: z.looseObject({ behaviors: z.array(z.string()).optional() }).nullish(),
      riskScore: z.looseObject({ level: z.string().optional() }).nullish(),
      authContext: z.looseObject({ authType: z.string().optional() }).nullish(),
      identityProvider: z.looseObject({ provider: z.string().optional() }).nullish(),
    })
    .nullish(),
  actions: z.looseObject({
    signon: z.looseObject({
      access: z.enum(['ALLOW', 'DENY']),
      requireFactor: z.boolean().optional(),
      factorPromptMode: z.enum(['ALWAYS', 'DEVICE', 'SESSION']).optional(),
      factorLifetime: whole.optional(),
      primaryFactor: z.enum(['PASSWORD_IDP', 'PASSWORD_IDP_ANY_FACTOR']).optional(),
      rememberDeviceByDefault: z.boolean().optional(),
      session: z.looseObject({
        maxSessionIdleMinutes: whole,
        /** 0: no limit. */
        maxSessionLifetimeMinutes: whole,
        usePersistentCookie: z.boolean(),
      }),
    }),
  }),
});
export type SignOnPolicyRule = z.infer<typeof signOnPolicyRuleSchema>;

// ACCESS_POLICY (authentication policies)

export const accessPolicySchema = z.looseObject({ ...policyBase, type: z.literal('ACCESS_POLICY') });
export type AccessPolicy = z.infer<typeof accessPolicySchema>;

const constraintFlag = z.enum(['OPTIONAL', 'REQUIRED']);
const possessionConstraint = z.looseObject({
  required: z.boolean().optional(),
  phishingResistant: constraintFlag.optional(),
  deviceBound: constraintFlag.optional(),
  hardwareProtection: constraintFlag.optional(),
  userPresence: constraintFlag.optional(),
  userVerification: constraintFlag.optional(),
  methods: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
});
const knowledgeConstraint = z.looseObject({
  required: z.boolean().optional(),
  methods: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
  reauthenticateIn: z.string().optional(),
});

export const accessPolicyRuleSchema = z.looseObject({
  ...ruleBase,
  conditions: z
    .looseObject({
      people: peopleCondition.nullish(),
      network: networkCondition.nullish(),
      riskScore: z.looseObject({ level: z.string().optional() }).nullish(),
      userType: z.unknown().optional(),
      device: z.unknown().optional(),
      platform: z.unknown().optional(),
    })
    .nullish(),
  actions: z.looseObject({
    appSignOn: z.looseObject({
      access: z.enum(['ALLOW', 'DENY']),
      verificationMethod: z
        .looseObject({
          type: z.enum(['ASSURANCE', 'AUTH_METHOD_CHAIN', 'ID_PROOFING']),
          factorMode: z.enum(['1FA', '2FA']).optional(),
          reauthenticateIn: z.string().optional(),
          inactivityPeriod: z.string().optional(),
          constraints: z
            .array(z.looseObject({ knowledge: knowledgeConstraint.nullish(), possession: possessionConstraint.nullish() }))
            .nullish(),
          chains: z.array(z.unknown()).optional(),
        })
        .nullish(),
      keepMeSignedIn: z.looseObject({ postAuth: z.string().optional() }).nullish(),
    }),
  }),
});
export type AccessPolicyRule = z.infer<typeof accessPolicyRuleSchema>;

// MFA_ENROLL

const enrollRequirement = z.enum(['NOT_ALLOWED', 'OPTIONAL', 'REQUIRED']);

export const mfaEnrollPolicySchema = z.looseObject({
  ...policyBase,
  type: z.literal('MFA_ENROLL'),
  conditions: z.looseObject({ people: peopleCondition.nullish() }).nullish(),
  /** An enrollment policy says what it offers: without the list, no authenticator can be said to be disabled. */
  settings: z
    .looseObject({
      type: z.enum(['AUTHENTICATORS', 'FACTORS']).optional(),
      /** Identity Engine. */
      authenticators: z
        .array(z.looseObject({ key: z.string(), enroll: z.looseObject({ self: enrollRequirement }) }))
        .optional(),
      /** Classic Engine: `{ okta_sms: { enroll: { self } } }`. */
      factors: z.record(z.string(), z.looseObject({ enroll: z.looseObject({ self: enrollRequirement }).optional() })).optional(),
    })
    .refine((settings) => (settings.type === 'FACTORS' ? settings.factors !== undefined : settings.authenticators !== undefined || settings.factors !== undefined), {
      message: 'the policy lists neither its authenticators nor its factors',
    }),
});
export type MfaEnrollPolicy = z.infer<typeof mfaEnrollPolicySchema>;

// USER_LIFECYCLE (Workflow > Automations)

export const lifecyclePolicySchema = z.looseObject({
  ...policyBase,
  conditions: z
    .looseObject({
      people: z
        .looseObject({
          groups: z.looseObject({ include: z.array(z.string()).optional() }).nullish(),
          users: z
            .looseObject({
              inactivity: z.looseObject({ number: whole, unit: z.string() }).nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type LifecyclePolicy = z.infer<typeof lifecyclePolicySchema>;

export const lifecyclePolicyRuleSchema = z.looseObject({
  ...ruleBase,
  actions: z
    .looseObject({
      updateUserLifecycle: z.looseObject({ targetStatus: z.string() }).nullish(),
    })
    .nullish(),
});
export type LifecyclePolicyRule = z.infer<typeof lifecyclePolicyRuleSchema>;

// Authenticators, ThreatInsight, zones, behaviors, trusted origins

export const authenticatorSchema = z.looseObject({
  id: z.string(),
  /** `okta_verify`, `smart_card_idp`, `phone_number`, `security_question`, `webauthn`, … (spec `AuthenticatorKeyEnum`). */
  key: z.string(),
  name: z.string(),
  status,
  type: z.string().optional(),
  settings: z
    .looseObject({
      /** Email and phone: `any`, `recovery`, `sso` or `none`. */
      allowedFor: z.string().optional(),
      compliance: z.looseObject({ fips: z.enum(['OPTIONAL', 'REQUIRED']).optional() }).nullish(),
      channelBinding: z.looseObject({ style: z.string().optional(), required: z.string().optional() }).nullish(),
      userVerification: z.string().optional(),
    })
    .nullish(),
});
export type Authenticator = z.infer<typeof authenticatorSchema>;

export const threatInsightSchema = z.looseObject({
  action: z.enum(['none', 'audit', 'block']),
  excludeZones: z.array(z.string()).default([]),
});
export type ThreatInsight = z.infer<typeof threatInsightSchema>;

const zoneAddress = z.looseObject({ type: z.string(), value: z.string() });
const includeExclude = z
  .looseObject({ include: z.array(z.string()).nullish(), exclude: z.array(z.string()).nullish() })
  .nullish();

export const networkZoneSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(['IP', 'DYNAMIC', 'DYNAMIC_V2']),
  status,
  usage: z.enum(['POLICY', 'BLOCKLIST']),
  system: z.boolean(),
  gateways: z.array(zoneAddress).nullish(),
  proxies: z.array(zoneAddress).nullish(),
  /** DYNAMIC zones: e.g. `TorAnonymizer`, `Any`, `NotTorAnonymizer`. */
  proxyType: nullableString.optional(),
  /** DYNAMIC_V2 zones: e.g. `ALL_ANONYMIZERS`. */
  ipServiceCategories: includeExclude,
  asns: z.unknown().optional(),
  locations: z.unknown().optional(),
}).check((context) => {
  // Okta sends `gateways` on every IP zone (null when empty): without it a zone would read as empty, and "no broad range".
  if (context.value.type === 'IP' && context.value.gateways === undefined) {
    context.issues.push({ code: 'custom', path: ['gateways'], message: 'an IP zone without its gateways', input: context.value });
  }
});
export type NetworkZone = z.infer<typeof networkZoneSchema>;

export const behaviorSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  status,
  settings: z.looseObject({}).nullish(),
});
export type Behavior = z.infer<typeof behaviorSchema>;

export const trustedOriginSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  origin: z.string(),
  status,
  scopes: z.array(z.looseObject({ type: z.enum(['CORS', 'REDIRECT', 'IFRAME_EMBED']) })),
  created: z.string().optional(),
});
export type TrustedOrigin = z.infer<typeof trustedOriginSchema>;

// Admins and API tokens

export const apiTokenSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  clientName: z.string().optional(),
  created: z.string(),
  lastUpdated: z.string().optional(),
  expiresAt: z.string().nullish(),
  /** ISO 8601 idle-expiry duration, e.g. `P30D`. */
  tokenWindow: z.string().optional(),
  /** Absent on tokens created before network restrictions existed: they work from anywhere. */
  network: networkCondition.default({ connection: 'ANYWHERE' }),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const adminAssigneeSchema = z.looseObject({ id: z.string(), orn: z.string().optional() });
export type AdminAssignee = z.infer<typeof adminAssigneeSchema>;

export const adminRoleSchema = z.looseObject({
  id: z.string(),
  /** Spec `RoleType`, or `CUSTOM`: a type outside it may be a Super Admin's, mangled, so the source fails rather than read it as another role. */
  type: z.enum([
    'SUPER_ADMIN',
    'ORG_ADMIN',
    'APP_ADMIN',
    'USER_ADMIN',
    'HELP_DESK_ADMIN',
    'GROUP_MEMBERSHIP_ADMIN',
    'READ_ONLY_ADMIN',
    'REPORT_ADMIN',
    'API_ACCESS_MANAGEMENT_ADMIN',
    'MOBILE_ADMIN',
    'ACCESS_CERTIFICATIONS_ADMIN',
    'ACCESS_REQUESTS_ADMIN',
    'WORKFLOWS_ADMIN',
    'CUSTOM',
  ]),
  label: z.string().optional(),
  status: status.optional(),
  assignmentType: z.enum(['USER', 'GROUP', 'CLIENT']).optional(),
});
export type AdminRole = z.infer<typeof adminRoleSchema>;

export const userSchema = z.looseObject({
  id: z.string(),
  status: userStatus,
  created: z.string(),
  lastLogin: nullableString,
  passwordChanged: nullableString.optional(),
  profile: z.looseObject({
    login: z.string(),
    email: z.string().nullish(),
    firstName: nullableString.optional(),
    lastName: nullableString.optional(),
  }),
  credentials: z
    .looseObject({ provider: z.looseObject({ type: z.string(), name: z.string().optional() }).nullish() })
    .nullish(),
});
export type OktaUser = z.infer<typeof userSchema>;

export const userFactorSchema = z.looseObject({
  id: z.string(),
  /** Spec `UserFactorType`: `webauthn`, `u2f`, `signed_nonce` (FastPass), `push`, `sms`, `call`, `question`, … */
  factorType: z.string(),
  provider: z.string().optional(),
  status: z.string(),
  vendorName: z.string().optional(),
});
export type UserFactor = z.infer<typeof userFactorSchema>;

// Apps, federation, integrations, org

/** The id at the end of `_links.accessPolicy.href` (`…/api/v1/policies/{id}`), or null. */
function policyIdFromHref(link: string | undefined): string | null {
  const match = link?.match(/\/api\/v1\/policies\/([^/?#]+)/);
  return match?.[1] ?? null;
}

export const appSchema = z
  .looseObject({
    id: z.string(),
    /** `saasure` is the Okta Admin Console, `okta_enduser` the Okta Dashboard. */
    name: z.string(),
    label: z.string(),
    status,
    signOnMode: z.string().optional(),
    created: nullableString.optional(),
    lastUpdated: nullableString.optional(),
    /** OpenID Connect apps: the OAuth client the app's tokens are issued to. */
    credentials: z.looseObject({ oauthClient: z.looseObject({ client_id: z.string().optional() }).nullish() }).nullish(),
    settings: z
      .looseObject({
        oauthClient: z
          .looseObject({
            /** `web`, `native`, `browser` (SPA) or `service` (machine-to-machine, acts as its own client). */
            application_type: z.string().optional(),
            grant_types: z.array(z.string()).optional(),
            /** `REQUIRED`: users are asked to consent; `TRUSTED`: they are not. */
            consent_method: z.string().optional(),
          })
          .nullish(),
      })
      .nullish(),
    _links: z.looseObject({ accessPolicy: href.optional() }).optional(),
  })
  .transform((app) => ({ ...app, accessPolicyId: policyIdFromHref(app._links?.accessPolicy?.href) }));
export type OktaApp = z.output<typeof appSchema>;

/** Spec `OAuth2ScopeConsentGrant`: one Okta API scope an app may request, and who consented to it. */
export const appGrantSchema = z.looseObject({
  id: z.string(),
  scopeId: z.string(),
  /** Spec `GrantOrTokenStatus`. */
  status: z.enum(['ACTIVE', 'REVOKED']),
  /** `ADMIN`: granted on the app's Okta API Scopes tab; `END_USER`: a user consented. */
  source: z.enum(['ADMIN', 'END_USER']),
  clientId: z.string().optional(),
  userId: z.string().nullish(),
  created: nullableString.optional(),
  createdBy: z.looseObject({ id: z.string().optional(), type: z.string().optional() }).nullish(),
});
export type AppGrant = z.infer<typeof appGrantSchema>;

/** Spec `APIServiceIntegrationInstance`: an OIN integration authorised to call the Management API as itself. */
export const apiServiceIntegrationSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  grantedScopes: z.array(z.string()),
  createdAt: nullableString.optional(),
  createdBy: nullableString.optional(),
});
export type ApiServiceIntegration = z.infer<typeof apiServiceIntegrationSchema>;

/** Spec `OAuth2RefreshToken`: a refresh token issued to an app for a user; `expiresAt` absent when its lifetime is unlimited. */
export const refreshTokenSchema = z.looseObject({
  id: z.string(),
  /** Spec `GrantOrTokenStatus`. */
  status: z.enum(['ACTIVE', 'REVOKED']),
  created: nullableString.optional(),
  lastUpdated: nullableString.optional(),
  expiresAt: nullableString.optional(),
  clientId: z.string().optional(),
  userId: z.string().nullish(),
  scopes: z.array(z.string()).optional(),
});
export type RefreshToken = z.infer<typeof refreshTokenSchema>;

/** Spec `LogEvent`, the fields last use is read from: when, what, and who acted (an app's OAuth client acts as `PublicClientApp`). */
export const logEventSchema = z.looseObject({
  uuid: z.string(),
  published: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date and time'),
  eventType: z.string(),
  actor: z.looseObject({ id: z.string(), type: z.string(), displayName: nullableString.optional() }),
});
export type LogEvent = z.infer<typeof logEventSchema>;

/** `{ notFound: true }`: the org answered 404, it has no such feature (a Classic org has no API service integrations). */
const absentFeature = z.strictObject({ notFound: z.literal(true) });

/** Spec `AssignedAppLink`: an app assigned to the user, directly or through a group. */
export const appLinkSchema = z.looseObject({
  appInstanceId: z.string(),
  appName: z.string(),
  label: z.string(),
  appAssignmentId: z.string().optional(),
  hidden: z.boolean().optional(),
});
export type AppLink = z.infer<typeof appLinkSchema>;

export const identityProviderSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** `SAML2`, `OIDC`, `X509` (Smart Card), `GOOGLE`, `MICROSOFT`, … */
  type: z.string(),
  status,
  protocol: z.looseObject({ type: z.string().optional() }).nullish(),
  policy: z
    .looseObject({
      provisioning: z
        .looseObject({
          /** `AUTO` (just-in-time), `CALLOUT` or `DISABLED`. */
          action: z.string().optional(),
          profileMaster: z.boolean().optional(),
          groups: z.looseObject({ action: z.string().optional() }).nullish(),
        })
        .nullish(),
      accountLink: z.looseObject({ action: z.enum(['AUTO', 'DISABLED']), filter: z.unknown().optional() }).nullish(),
      subject: z.looseObject({ matchType: z.string().optional() }).nullish(),
    })
    .nullish(),
});
export type IdentityProvider = z.infer<typeof identityProviderSchema>;

export const logStreamSchema = z.looseObject({ id: z.string(), name: z.string(), type: z.string(), status });
export type LogStream = z.infer<typeof logStreamSchema>;

export const eventHookSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status,
  verificationStatus: z.string().optional(),
  channel: z.looseObject({
    type: z.string(),
    config: z.looseObject({
      uri: z.string(),
      authScheme: z.looseObject({ type: z.string().optional(), key: z.string().optional() }).nullish(),
    }),
  }),
});
export type EventHook = z.infer<typeof eventHookSchema>;

export const orgSchema = z.looseObject({
  id: z.string(),
  subdomain: z.string(),
  companyName: z.string(),
  status: z.string(),
});

export const orgMetadataSchema = z.looseObject({
  id: z.string(),
  /** `idx`: Identity Engine; `v1`: Classic Engine. */
  pipeline: z.enum(['idx', 'v1']),
  _links: z.looseObject({ organization: href.optional(), alternate: href.optional() }).optional(),
});

export const oktaSupportSchema = z.looseObject({
  support: z.enum(['ENABLED', 'DISABLED']),
  expiration: nullableString.optional(),
  caseNumber: nullableString.optional(),
});

export const clientPrivilegesSettingSchema = z.looseObject({ clientPrivilegesSetting: z.boolean() });

export const adminConsoleSettingsSchema = z.looseObject({
  sessionIdleTimeoutMinutes: whole,
  sessionMaxLifetimeMinutes: whole,
});

export const brandSchema = z.looseObject({ id: z.string(), name: z.string().optional(), isDefault: z.boolean().optional() });

export const signInPageSchema = z.looseObject({ pageContent: z.string().optional(), widgetVersion: z.string().optional() });

export const oktaSourceSchemas = {
  org: orgSchema,
  orgMetadata: orgMetadataSchema,
  oktaSupport: oktaSupportSchema,
  clientPrivilegesSetting: clientPrivilegesSettingSchema,
  adminConsoleSettings: adminConsoleSettingsSchema,
  passwordPolicies: listOf(passwordPolicySchema),
  passwordPolicyRules: perParent(z.array(passwordPolicyRuleSchema)),
  signOnPolicies: listOf(signOnPolicySchema),
  signOnPolicyRules: perParent(z.array(signOnPolicyRuleSchema)),
  accessPolicies: listOf(accessPolicySchema),
  accessPolicyRules: perParent(z.array(accessPolicyRuleSchema)),
  mfaEnrollPolicies: listOf(mfaEnrollPolicySchema),
  lifecyclePolicies: listOf(lifecyclePolicySchema),
  lifecyclePolicyRules: perParent(z.array(lifecyclePolicyRuleSchema)),
  authenticators: listOf(authenticatorSchema),
  threatInsight: threatInsightSchema,
  networkZones: listOf(networkZoneSchema),
  behaviors: listOf(behaviorSchema),
  trustedOrigins: listOf(trustedOriginSchema),
  apiTokens: listOf(apiTokenSchema),
  adminAssignees: listOf(adminAssigneeSchema),
  adminRoles: perParent(z.array(adminRoleSchema)),
  adminUsers: perParent(userSchema),
  adminFactors: perParent(z.array(userFactorSchema)),
  inactiveUsers: listOf(userSchema),
  apps: listOf(appSchema),
  appGrants: perParent(z.array(appGrantSchema)),
  clientRoles: perParent(z.array(adminRoleSchema)),
  apiServiceIntegrations: z.union([absentFeature, listOf(apiServiceIntegrationSchema)]),
  appTokens: perParent(z.array(refreshTokenSchema)),
  appLastUse: perParent(z.array(logEventSchema)),
  integrationLastUse: perParent(z.array(logEventSchema)),
  adminAppLinks: perParent(z.array(appLinkSchema)),
  identityProviders: listOf(identityProviderSchema),
  logStreams: listOf(logStreamSchema),
  eventHooks: listOf(eventHookSchema),
  brands: listOf(brandSchema),
  signInPages: perParent(signInPageSchema),
} satisfies Record<(typeof oktaSources)[number]['id'], z.ZodType>;

export type OktaModel = { [K in keyof typeof oktaSourceSchemas]: z.output<(typeof oktaSourceSchemas)[K]> } & {
  /** When the snapshot was collected (ISO 8601): the "now" of every date-based control, so evaluation is repeatable. */
  scanTime: string;
};
export type OktaSourceId = keyof typeof oktaSourceSchemas;

const parser = {
  appName: 'Okta',
  schemas: oktaSourceSchemas as Record<string, z.ZodType>,
  titles: new Map<string, string>(oktaSources.map((source) => [source.id, source.title])),
};

/**
 * Raw snapshot sources → typed model values; a source that fails is an explained error, never thrown. A source
 * the API refused (e.g. 403 `E0000006` below Super Admin) keeps the collector's message, which says so.
 */
export function parseOktaSources(sources: Record<string, SourceResult>, collectedAt?: string): Record<string, ParsedSource> {
  return parseSources(parser, sources, collectedAt);
}
