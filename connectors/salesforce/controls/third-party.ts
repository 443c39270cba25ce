import { compliant, nonCompliant, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import type { OauthToken } from '../model';
import { count, dayMs, dayOf, listAffected, nameList, parseSalesforceDate, partialNote } from './org-evidence';

const references = {
  apiAccessControl: 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.security_api_access_control_about.htm',
  connectedAppSettings: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_connectedappsettings.htm',
  connectedApplication:
    'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-connectedapplication.html',
  oauthPolicies: 'https://help.salesforce.com/s/articleView?id=xcloud.connected_app_manage_oauth.htm&type=5',
  idleRefreshToken: 'https://help.salesforce.com/s/articleView?id=xcloud.connected_app_limit_idle_ttl.htm&type=5',
  oauthToken: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtoken.htm',
  userAppMenuItem:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userappmenuitem.htm',
};

const apiAccessControl = defineSalesforceControl({
  id: 'SF.OAUTH.1v1',
  title: 'API Access Control limits API access to admin-approved connected apps',
  description:
    'Checks that API Access Control is on (ConnectedAppSettings.enableAdminApprovedAppsOnly), so only connected apps an ' +
    'admin has approved or installed can call Salesforce APIs. The setting is not offered until Salesforce Support ' +
    'enables the feature for the org; until then Salesforce does not report the field at all.',
  rationale:
    'Without API Access Control, any user can authorise any OAuth client, including a look-alike of a trusted tool, ' +
    'and export everything they can see. The 2025 voice-phishing campaigns against Salesforce customers worked exactly ' +
    'this way: employees were talked into authorising a modified Data Loader app that then exfiltrated the org\'s data.',
  severity: 'high',
  weight: 7,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'CM-7(5)'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['connectedAppSettings'],
  evaluate: ({ connectedAppSettings }) => {
    const value = connectedAppSettings.enableAdminApprovedAppsOnly;
    const expected = 'admin-approved apps only';
    if (value === true) return compliant({ actual: true, expected, reason: 'Only admin-approved connected apps can call Salesforce APIs.' });
    if (value === false) {
      return nonCompliant({
        actual: false,
        expected,
        reason: 'API Access Control is available but off: any connected app a user authorises can call Salesforce APIs.',
      });
    }
    // Salesforce omits the field until Support enables the feature: the absence is the org's real state, not missing data.
    return nonCompliant({
      actual: 'not enabled for the org',
      expected,
      reason:
        'API Access Control is not enabled for this org, so any connected app a user authorises can call Salesforce APIs. ' +
        'It must first be requested from Salesforce Support.',
    });
  },
  remediation: {
    summary: 'Approve the connected apps your org uses, then turn on API Access Control.',
    steps: [
      { text: 'If the API Access Control page is missing, open a case asking Salesforce Support to enable API Access Control', page: 'setupHome' },
      { text: 'Open Connected Apps OAuth Usage and install every app that is legitimately in use', page: 'connectedAppsUsage' },
      { text: 'Set those apps to "Admin approved users are pre-authorized" and grant them to the right profiles or permission sets', page: 'connectedApps' },
      { text: 'Open API Access Control and select "For admin-approved users, limit API access to only allowed connected apps"', page: 'apiAccessControl', anchor: 'enableAdminApprovedAppsOnly' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'apiAccessControl' },
    ],
    references: [references.apiAccessControl, references.connectedAppSettings],
  },
});

interface AppGrants {
  name: string;
  tokens: number;
  users: Set<string>;
  selfAuthorised: 'not installed' | 'users may self-authorise' | undefined;
}

/**
 * AppMenuItem.IsUsingAdminAuthorization is true when the app is set to "Admin approved users are pre-authorized".
 * A null AppMenuItem means the app is not installed in the org, so no admin policy applies to it either.
 * A missing (undefined) AppMenuItem means the field was not returned: that token cannot be judged.
 */
function groupTokensByApp(tokens: OauthToken[]) {
  const apps = new Map<string, AppGrants>();
  let unjudged = 0;
  for (const token of tokens) {
    const app = apps.get(token.AppName) ?? { name: token.AppName, tokens: 0, users: new Set<string>(), selfAuthorised: undefined };
    app.tokens += 1;
    app.users.add(token.User?.Name ?? token.UserId);
    if (token.AppMenuItem === undefined) unjudged += 1;
    else if (token.AppMenuItem === null) app.selfAuthorised = 'not installed';
    else if (!token.AppMenuItem.IsUsingAdminAuthorization && app.selfAuthorised !== 'not installed') app.selfAuthorised = 'users may self-authorise';
    apps.set(token.AppName, app);
  }
  return { apps: [...apps.values()], unjudged };
}

const selfAuthorisedApps = defineSalesforceControl({
  id: 'SF.OAUTH.2v1',
  title: 'Connected apps holding OAuth tokens are limited to admin-approved users',
  description:
    'Groups the org\'s OAuth tokens by app and flags apps that users could authorise themselves: apps whose policy is ' +
    '"All users may self-authorize" and apps that are not installed in the org. Credit is the share of apps in use ' +
    'that are admin-approved.',
  rationale:
    'An app users can self-authorise is governed by nobody: anyone phished into clicking "Allow" hands the app a ' +
    'long-lived refresh token to their data. Installing the app and pre-authorising named profiles puts the admin back ' +
    'in control of who may use it.',
  severity: 'high',
  weight: 7,
  metric: 'third-party-apps',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-3', 'AC-6', 'CM-7(5)'], initiatives: ['zero-trust'] },
  sources: ['oauthTokens'],
  evaluate: ({ oauthTokens }) => {
    const { apps, unjudged } = groupTokensByApp(oauthTokens.records);
    const flagged = apps.filter((app) => app.selfAuthorised);
    const incomplete = !oauthTokens.complete;
    const notes = [
      ...(incomplete ? [partialNote(oauthTokens, 'OAuth tokens')] : []),
      ...(unjudged ? [`${count(unjudged, 'token')} came without their app's authorisation policy.`] : []),
    ];
    if (flagged.length === 0) {
      if (notes.length) return unknown(`No self-authorised app was found, but not every token could be checked. ${notes.join(' ')}`, { notes });
      if (apps.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No OAuth tokens have been granted to connected apps.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(apps.length, 'connected app')} holding tokens are admin-approved.` });
    }
    return shareVerdict(apps.length - flagged.length, apps.length, {
      actual: flagged.length,
      expected: 0,
      reason:
        `${flagged.length} of ${count(apps.length, 'connected app')} holding OAuth tokens can be authorised by any user: ${nameList(flagged.map((app) => app.name))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(
        flagged.map((app) => ({
          id: app.name,
          name: app.name,
          kind: 'app',
          detail: `${app.selfAuthorised} · ${count(app.tokens, 'token')} for ${count(app.users.size, 'user')}`,
        })),
      ),
    });
  },
  remediation: {
    summary: 'Install each app in use, pre-authorise it for the profiles that need it, and revoke unapproved apps.',
    steps: [
      { text: 'Open Setup → Connected Apps OAuth Usage and find each listed app', page: 'connectedAppsUsage' },
      { text: 'Install the apps you trust; block or revoke the ones you do not', page: 'connectedAppsUsage' },
      { text: 'In Manage Connected Apps, edit each policy to "Admin approved users are pre-authorized" and assign profiles or permission sets', page: 'connectedApps' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'connectedApps' },
    ],
    references: [references.oauthPolicies, references.userAppMenuItem, references.oauthToken],
  },
});

const refreshTokensExpire = defineSalesforceControl({
  id: 'SF.OAUTH.3v1',
  title: 'Connected apps make refresh tokens expire',
  description:
    'Flags connected apps with no refresh token validity period, which is Salesforce\'s default "Refresh token is valid ' +
    'until revoked". An app with a period expires tokens either after a fixed time or after a time without use ' +
    '(OptionsRefreshTokenValidityMetric). Apps set to "Immediately expire refresh token" also report no period and can be ' +
    'recorded as an exception.',
  rationale:
    'A refresh token that never expires keeps working for years after the user, laptop or integration that received it ' +
    'is gone. Tokens stolen from a breached third party (as in the 2025 Salesloft Drift incident) stay usable until ' +
    'someone revokes them by hand.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['IA-5(13)', 'AC-12'], initiatives: ['zero-trust'] },
  sources: ['connectedApps'],
  evaluate: ({ connectedApps }) => {
    const unlimited = connectedApps.records.filter((app) => app.RefreshTokenValidityPeriod === null);
    const incomplete = !connectedApps.complete;
    const notes = incomplete ? [partialNote(connectedApps, 'connected apps')] : [];
    const total = connectedApps.records.length;
    if (unlimited.length === 0) {
      if (incomplete) return unknown(`Every connected app read so far expires refresh tokens. ${notes[0]}`, { notes });
      if (total === 0) return compliant({ actual: 0, expected: 0, reason: 'No connected apps are installed.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(total, 'connected app')} set a refresh token validity period.` });
    }
    return shareVerdict(total - unlimited.length, total, {
      actual: unlimited.length,
      expected: 0,
      reason:
        `${unlimited.length} of ${count(total, 'connected app')} keep refresh tokens valid until revoked: ${nameList(unlimited.map((app) => app.Name))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        unlimited.map((app) => ({ id: app.Id, name: app.Name, kind: 'app', detail: 'no refresh token validity period' })),
      ),
    });
  },
  remediation: {
    summary: 'Set a refresh token policy that expires tokens, for example after 90 days without use.',
    steps: [
      { text: 'Open Setup → Manage Connected Apps and edit the policies of each listed app', page: 'connectedApps' },
      { text: 'Under Refresh Token Policy, choose "Expire refresh token if not used for" and a period such as 90 days', page: 'connectedApps', anchor: 'refreshTokenPolicy' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'connectedApps' },
    ],
    references: [references.connectedApplication, references.oauthPolicies, references.idleRefreshToken],
  },
});

const staleDays = 90;

const staleOauthTokens = defineSalesforceControl({
  id: 'SF.OAUTH.4v1',
  title: `OAuth tokens unused for ${staleDays} days are revoked`,
  description:
    `Lists OAuth tokens (one per user and app) not used for ${staleDays} days, or never used and older than ${staleDays} days. ` +
    'Credit is the share of tokens in recent use.',
  rationale:
    'A grant nobody uses is pure risk: it still opens the user\'s data to the app, and if the app vendor is breached ' +
    'the stolen token works silently. Revoking stale grants shrinks what a supply-chain breach can reach.',
  severity: 'medium',
  weight: 4,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'IA-5(13)'] },
  sources: ['oauthTokens', 'scanTime'],
  evaluate: ({ oauthTokens, scanTime }) => {
    const cutoff = Date.parse(scanTime) - staleDays * dayMs;
    const stale: Array<{ token: OauthToken; detail: string }> = [];
    const unreadable: string[] = [];
    let recentUseSeen = false;
    for (const token of oauthTokens.records) {
      const lastUsed = parseSalesforceDate(token.LastUsedDate);
      const created = parseSalesforceDate(token.CreatedDate);
      if (token.LastUsedDate !== null && lastUsed === undefined) unreadable.push(token.AppName);
      else if (lastUsed !== undefined) {
        if (lastUsed < cutoff) stale.push({ token, detail: `last used ${dayOf(token.LastUsedDate!)}` });
        else recentUseSeen = true;
      } else if (created === undefined) unreadable.push(token.AppName);
      else if (created < cutoff) stale.push({ token, detail: `never used · granted ${dayOf(token.CreatedDate)}` });
    }
    // Tokens are sorted by LastUsedDate, oldest (and never used) first: once a recently used token appears on the
    // page, every stale token has been read.
    const allStaleRead = oauthTokens.complete || recentUseSeen;
    const notes = [
      ...(!oauthTokens.complete ? [partialNote(oauthTokens, 'OAuth tokens')] : []),
      ...(unreadable.length ? [`The dates of ${count(unreadable.length, 'token')} could not be read (${nameList(unreadable)}).`] : []),
    ];
    const total = oauthTokens.totalSize;
    if (stale.length === 0) {
      if (notes.length) return unknown(`No stale token was found, but not every token could be checked. ${notes.join(' ')}`, { notes });
      if (total === 0) return compliant({ actual: 0, expected: 0, reason: 'No OAuth tokens have been granted.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(total, 'OAuth token')} were used within ${staleDays} days.` });
    }
    const checked = total - unreadable.length;
    return shareVerdict(checked - stale.length, checked, {
      actual: stale.length,
      expected: 0,
      reason:
        `${allStaleRead ? '' : 'At least '}${stale.length} of ${count(total, 'OAuth token')} have not been used for ${staleDays} days: ` +
        `${nameList(stale.map(({ token }) => `${token.AppName} (${token.User?.Name ?? token.UserId})`))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(
        stale.map(({ token, detail }) => ({
          id: token.Id,
          name: `${token.AppName} — ${token.User?.Name ?? token.UserId}`,
          kind: 'oauthToken',
          detail,
        })),
      ),
    });
  },
  remediation: {
    summary: `Revoke OAuth tokens that have not been used for ${staleDays} days.`,
    steps: [
      { text: 'Open Setup → Connected Apps OAuth Usage', page: 'connectedAppsUsage' },
      { text: 'For each listed app, open its user list and revoke the stale tokens', page: 'connectedAppsUsage' },
      { text: 'Set an idle refresh token policy so future grants expire on their own', page: 'connectedApps', anchor: 'refreshTokenPolicy' },
      { text: 'Then choose Verify in Posture Lens', page: 'connectedAppsUsage' },
    ],
    references: [references.oauthToken, references.idleRefreshToken],
  },
});

const highAssuranceSessions = defineSalesforceControl({
  id: 'SF.OAUTH.5v1',
  title: 'Connected apps require a high-assurance session',
  description:
    'Flags connected apps whose session policy does not require a high-assurance (MFA-verified) session. Credit is the ' +
    'share of apps that require one. Server-to-server integrations that cannot step up can be recorded as exceptions.',
  rationale:
    'Requiring a high-assurance session means a user must have completed MFA before the app can act for them, so a ' +
    'password alone cannot be turned into an app grant.',
  severity: 'low',
  weight: 2,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2(1)'], initiatives: ['zero-trust'] },
  sources: ['connectedApps'],
  evaluate: ({ connectedApps }) => {
    const weak = connectedApps.records.filter((app) => !app.OptionsHasSessionLevelPolicy);
    const incomplete = !connectedApps.complete;
    const notes = incomplete ? [partialNote(connectedApps, 'connected apps')] : [];
    const total = connectedApps.records.length;
    if (weak.length === 0) {
      if (incomplete) return unknown(`Every connected app read so far requires a high-assurance session. ${notes[0]}`, { notes });
      if (total === 0) return compliant({ actual: 0, expected: 0, reason: 'No connected apps are installed.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(total, 'connected app')} require a high-assurance session.` });
    }
    return shareVerdict(total - weak.length, total, {
      actual: weak.length,
      expected: 0,
      reason:
        `${weak.length} of ${count(total, 'connected app')} do not require a high-assurance session: ${nameList(weak.map((app) => app.Name))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(weak.map((app) => ({ id: app.Id, name: app.Name, kind: 'app', detail: 'no high-assurance session policy' }))),
    });
  },
  remediation: {
    summary: 'Set "High Assurance session required" on connected apps used interactively.',
    steps: [
      { text: 'Open Setup → Manage Connected Apps and edit the policies of each listed app', page: 'connectedApps' },
      { text: 'Under Session Policies, set High Assurance session required and choose an action', page: 'connectedApps', anchor: 'sessionLevelPolicy' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'connectedApps' },
    ],
    references: [references.connectedApplication, references.oauthPolicies],
  },
});

export const thirdPartyControls: Control[] = [
  apiAccessControl,
  selfAuthorisedApps,
  refreshTokensExpire,
  staleOauthTokens,
  highAssuranceSessions,
];
