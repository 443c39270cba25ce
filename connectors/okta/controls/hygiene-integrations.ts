import { compliant, nonCompliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { IdentityProvider } from '../model';
import { count, isAre, listAffected, nameList, step } from './hygiene-evidence';

const references = {
  superAdmin: 'https://help.okta.com/okta_help.htm?type=oie&id=ext_superadmin',
  appApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/',
  authPolicies: 'https://help.okta.com/okta_help.htm?type=oie&id=ext-merge-auth-policies',
  idpApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProvider/',
  eventHooks: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/EventHook/',
};

const publicClientAdmins = defineOktaControl({
  id: 'OKTA.APP.1v1',
  title: 'New public client apps are not made Super Administrators',
  description:
    'Checks the "Public client app admins" setting (`clientPrivilegesSetting`). When on, every new public client app ' +
    '(SPA or native) is granted the Super Administrator role by default.',
  rationale:
    'A public client has no secret: anyone can start its sign-in flow. If the app holds Super Administrator rights, a ' +
    'user tricked into consenting, or a token stolen from the browser, carries full control of the org.',
  severity: 'high',
  weight: 7,
  metric: 'privileged-access',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-6', 'AC-6(5)'] },
  sources: ['clientPrivilegesSetting'],
  evaluate: ({ clientPrivilegesSetting }) =>
    clientPrivilegesSetting.clientPrivilegesSetting
      ? nonCompliant({ actual: true, expected: false, reason: 'New public client apps are assigned the Super Administrator role by default.' })
      : compliant({ actual: false, expected: false, reason: 'New public client apps get no admin role by default.' }),
  remediation: {
    summary: 'Turn off "Public client app admins" and grant app roles one by one where needed.',
    steps: [
      step('Open Settings → Account and find Public client app admins', 'accountSettings'),
      step('Turn off "Assign the super admin role to all newly created public client apps"', 'accountSettings', 'clientPrivilegesSetting'),
      step('Review existing public client apps on Security → Administrators and remove roles they do not need', 'administrators'),
      step('Save, then choose Verify in Posture Lens', 'accountSettings'),
    ],
    references: [references.superAdmin, references.appApi],
  },
});

/** First-party apps whose policies the STIG controls check. */
const firstPartyApps = new Set(['saasure', 'okta_enduser']);

const appsRequireMfa = defineOktaControl({
  id: 'OKTA.APP.2v1',
  title: 'Every app\'s authentication policy requires two factors',
  description:
    'For each active app (other than the Admin Console and Dashboard, checked by the STIG controls), reads the ' +
    'authentication policy it is bound to: every active allow rule must require two factors (`factorMode: 2FA`). ' +
    'Credit is the share of apps whose policy does.',
  rationale:
    'An app whose policy accepts a password alone is the attacker\'s way around MFA: a sprayed or phished password ' +
    'opens that app directly, and with it the data it holds, even when the Okta dashboard itself requires MFA.',
  severity: 'high',
  weight: 7,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: {
    nist80053: ['IA-2(1)', 'IA-2(2)'],
    microsoftSecureScore: 'Enable multi-factor authentication',
    initiatives: ['zero-trust', 'business-email-compromise'],
  },
  sources: ['apps', 'accessPolicies', 'accessPolicyRules'],
  evaluate: ({ apps, accessPolicies, accessPolicyRules }) => {
    const active = apps.filter((app) => app.status === 'ACTIVE' && !firstPartyApps.has(app.name));
    const policies = new Map(accessPolicies.map((policy) => [policy.id, policy]));
    const unread: string[] = [];
    const weak: AffectedEntity[] = [];
    for (const app of active) {
      const policy = app.accessPolicyId ? policies.get(app.accessPolicyId) : undefined;
      const rules = app.accessPolicyId ? accessPolicyRules[app.accessPolicyId] : undefined;
      if (!policy || !rules) {
        unread.push(app.label);
        continue;
      }
      const oneFactor = rules.filter((rule) => {
        if (rule.status !== 'ACTIVE' || rule.actions.appSignOn.access !== 'ALLOW') return false;
        const method = rule.actions.appSignOn.verificationMethod;
        return !method || (method.type === 'ASSURANCE' && method.factorMode !== '2FA');
      });
      if (oneFactor.length) {
        weak.push({
          id: app.id,
          name: app.label,
          kind: 'app',
          detail: `policy ${policy.name} · ${nameList(oneFactor.map((rule) => rule.name), oneFactor.length, 3)} ${oneFactor.length === 1 ? 'allows' : 'allow'} one factor`,
        });
      }
    }
    const checked = active.length - unread.length;
    const expected = 'two factors in every allow rule';
    const notes = unread.length ? [`The authentication policy of ${nameList(unread)} could not be found or read.`] : [];
    if (weak.length === 0) {
      if (unread.length) return unknown(`Every app checked requires two factors, but ${notes[0]}`, { notes });
      return compliant({
        actual: 0,
        expected,
        reason: active.length ? `All ${count(active.length, 'active app')} require two factors.` : 'The org has no active apps besides Okta\'s own.',
      });
    }
    return shareVerdict(checked - weak.length, checked, {
      actual: weak.length,
      expected,
      reason: `${weak.length} of ${count(checked, 'active app')} can be signed in to with one factor: ${nameList(weak.map((w) => w.name))}.${notes.length ? ` ${notes[0]}` : ''}`,
      notes,
      ...listAffected(weak),
    });
  },
  remediation: {
    summary: 'Require two factors in every allow rule of the authentication policies your apps use.',
    steps: [
      step('Open Security → Authentication Policies and open the policy of each listed app', 'authenticationPolicies'),
      step('Edit each rule that allows one factor and set "User must authenticate with" to Password / IdP + Another factor', 'authenticationPolicies', 'factorMode'),
      step('Save, then choose Verify in Posture Lens', 'authenticationPolicies'),
    ],
    references: [references.authPolicies, references.appApi],
  },
});

/** Consumer identity providers: anyone can make an account there. */
const socialIdpTypes = new Set(['GOOGLE', 'FACEBOOK', 'LINKEDIN', 'MICROSOFT', 'APPLE', 'AMAZON', 'DISCORD', 'GITHUB', 'GITLAB', 'PAYPAL', 'SPOTIFY', 'XERO', 'YAHOO', 'YAHOOJP']);

function groupFilter(idp: IdentityProvider): unknown[] {
  const groups = idp.policy?.provisioning?.groups as { filter?: unknown } | null | undefined;
  return Array.isArray(groups?.filter) ? groups.filter : [];
}

const idpEntity = (idp: IdentityProvider, detail: string): AffectedEntity => ({ id: idp.id, name: idp.name, kind: 'identityProvider', detail: `${idp.type} · ${detail}` });

const jitProvisioning = defineOktaControl({
  id: 'OKTA.IDP.1v1',
  title: 'Identity providers do not create users or grant groups without restriction',
  description:
    'Finds active identity providers with just-in-time provisioning (`provisioning.action: AUTO`) that either are ' +
    'consumer (social) providers, or sync or append group memberships from the assertion without a group filter.',
  rationale:
    'With JIT from a social provider, anyone who creates a Google or Microsoft account can get an Okta user. With group ' +
    'sync and no filter, whoever controls the external IdP (or a forged assertion) decides Okta group memberships, ' +
    'including groups that carry admin roles or access to sensitive apps.',
  severity: 'high',
  weight: 6,
  metric: 'account-lifecycle',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2', 'IA-8', 'AC-2(7)'], initiatives: ['zero-trust'] },
  sources: ['identityProviders'],
  evaluate: ({ identityProviders }) => {
    const active = identityProviders.filter((idp) => idp.status === 'ACTIVE');
    const jit = active.filter((idp) => idp.policy?.provisioning?.action === 'AUTO');
    const risky = jit.flatMap((idp) => {
      const problems: string[] = [];
      if (socialIdpTypes.has(idp.type)) problems.push('creates an Okta user for anyone with an account at this consumer provider');
      const groupAction = idp.policy?.provisioning?.groups?.action;
      if ((groupAction === 'SYNC' || groupAction === 'APPEND') && groupFilter(idp).length === 0) {
        problems.push(`${groupAction.toLowerCase()}s group memberships from the assertion with no group filter`);
      }
      return problems.length ? [{ idp, problems }] : [];
    });
    const expected = 'JIT limited to enterprise IdPs with filtered groups';
    if (risky.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: jit.length
          ? `${count(jit.length, 'identity provider')} provision${jit.length === 1 ? 's' : ''} users just in time, with restrictions: ${nameList(jit.map((idp) => idp.name))}.`
          : active.length
            ? `None of the ${count(active.length, 'active identity provider')} provisions users just in time.`
            : 'The org has no active identity providers.',
      });
    }
    return shareVerdict(active.length - risky.length, active.length, {
      actual: risky.length,
      expected,
      reason: `${count(risky.length, 'identity provider')} ${isAre(risky.length)} provisioning without restriction: ${nameList(risky.map(({ idp, problems }) => `${idp.name} (${problems.join('; ')})`))}.`,
      ...listAffected(risky.map(({ idp, problems }) => idpEntity(idp, problems.join('; ')))),
    });
  },
  remediation: {
    summary: 'Turn off JIT for consumer providers and restrict group sync to an allow-list of groups.',
    steps: [
      step('Open Security → Identity Providers and edit each listed provider', 'identityProviders'),
      step('Under JIT Settings, turn off "Create users just in time" for consumer providers', 'identityProviders', 'jitProvisioning'),
      step('For group sync or append, list only the groups the IdP may assign in the group filter', 'identityProviders', 'groupFilter'),
      step('Save, then choose Verify in Posture Lens', 'identityProviders'),
    ],
    references: [references.idpApi],
  },
});

const autoAccountLinking = defineOktaControl({
  id: 'OKTA.IDP.2v1',
  title: 'Identity providers do not link accounts automatically without a filter',
  description:
    'Finds active identity providers (other than smart card, which links on a certificate issued by a trusted CA) that ' +
    'link incoming users to existing Okta users automatically (`accountLink.action: AUTO`) with no account-link filter.',
  rationale:
    'Automatic linking matches on an attribute such as the email address. An attacker who controls an account with ' +
    'the victim\'s email at the external provider is signed straight into the victim\'s Okta account, including an ' +
    'admin\'s, without their password or MFA.',
  severity: 'high',
  weight: 7,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: { nist80053: ['IA-8', 'IA-2', 'AC-3'], initiatives: ['zero-trust'] },
  sources: ['identityProviders'],
  evaluate: ({ identityProviders }) => {
    const active = identityProviders.filter((idp) => idp.status === 'ACTIVE' && idp.type !== 'X509');
    const autoLink = active.filter((idp) => {
      const link = idp.policy?.accountLink;
      if (link?.action !== 'AUTO') return false;
      const filter = link.filter as { groups?: { include?: unknown[] } } | null | undefined;
      return !(filter && Array.isArray(filter.groups?.include) && filter.groups.include.length > 0);
    });
    const expected = 'no unfiltered automatic linking';
    // Okta gives every federating provider an account-link policy: one without it links in a way nobody can tell.
    const unread = active.filter((idp) => !idp.policy?.accountLink);
    if (autoLink.length === 0 && unread.length > 0) {
      return unknown(`How ${nameList(unread.map((idp) => idp.name))} ${unread.length === 1 ? 'links' : 'link'} accounts was not read, so automatic linking cannot be ruled out. Scan again.`);
    }
    if (autoLink.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: active.length
          ? `None of the ${count(active.length, 'active identity provider')} (besides smart card) links accounts automatically without a filter.`
          : 'The org has no active identity providers besides smart card.',
      });
    }
    return shareVerdict(active.length - autoLink.length, active.length, {
      actual: autoLink.length,
      expected,
      reason: `${count(autoLink.length, 'identity provider')} automatically ${autoLink.length === 1 ? 'links' : 'link'} any matching Okta user: ${nameList(autoLink.map((idp) => idp.name))}.`,
      ...listAffected(autoLink.map((idp) => idpEntity(idp, `automatic account linking, no filter · matches on ${idp.policy?.subject?.matchType ?? 'username'}`))),
    });
  },
  remediation: {
    summary: 'Turn off automatic linking, or restrict it to groups that hold no admins.',
    steps: [
      step('Open Security → Identity Providers and edit each listed provider', 'identityProviders'),
      step('Set "Account link policy" to Disabled, or keep Automatic and set "Auto-link restrictions" to specific groups', 'identityProviders', 'accountLinkPolicy'),
      step('Save, then choose Verify in Posture Lens', 'identityProviders'),
    ],
    references: [references.idpApi],
  },
});

const eventHookTransport = defineOktaControl({
  id: 'OKTA.LOG.1v1',
  title: 'Event hooks deliver over HTTPS with an authentication header',
  description:
    'Finds active event hooks whose endpoint uses plain http:// or that send no authentication header (`authScheme`).',
  rationale:
    'Event hooks carry user and admin events to your systems. Over http:// anyone on the path reads them; without an ' +
    'authentication header the receiver cannot tell Okta from an attacker posting forged "user deactivated" events.',
  severity: 'medium',
  weight: 4,
  metric: 'integration-credentials',
  requirement: 'shall',
  frameworks: { nist80053: ['SC-8', 'IA-9'] },
  sources: ['eventHooks'],
  evaluate: ({ eventHooks }) => {
    const active = eventHooks.filter((hook) => hook.status === 'ACTIVE');
    const bad = active.flatMap((hook) => {
      const problems = [
        ...(/^https:\/\//i.test(hook.channel.config.uri) ? [] : ['not https://']),
        ...(hook.channel.config.authScheme?.key ? [] : ['no authentication header']),
      ];
      return problems.length ? [{ hook, problems }] : [];
    });
    const expected = 'https:// with authentication';
    if (bad.length === 0) {
      return compliant({ actual: 0, expected, reason: active.length ? `All ${count(active.length, 'active event hook')} use https:// and authenticate.` : 'The org has no active event hooks.' });
    }
    return shareVerdict(active.length - bad.length, active.length, {
      actual: bad.length,
      expected,
      reason: `${count(bad.length, 'event hook')} ${isAre(bad.length)} unprotected: ${nameList(bad.map(({ hook, problems }) => `${hook.name} (${problems.join(', ')})`))}.`,
      ...listAffected(bad.map(({ hook, problems }) => ({ id: hook.id, name: hook.name, kind: 'eventHook', detail: `${hook.channel.config.uri} · ${problems.join(', ')}` }))),
    });
  },
  remediation: {
    summary: 'Point every event hook at an https:// endpoint and send a secret authentication header.',
    steps: [
      step('Open Workflow → Event Hooks and edit each listed hook', 'eventHooks'),
      step('Change the URL to https://', 'eventHooks', 'hookUrl'),
      step('Set an Authentication field and secret that the receiver checks', 'eventHooks', 'hookAuthentication'),
      step('Save, then choose Verify in Posture Lens', 'eventHooks'),
    ],
    references: [references.eventHooks],
  },
});

export const hygieneIntegrationControls: Control[] = [
  publicClientAdmins,
  appsRequireMfa,
  jitProvisioning,
  autoAccountLinking,
  eventHookTransport,
];
