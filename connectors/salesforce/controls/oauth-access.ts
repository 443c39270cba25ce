import { analyseAccess, pathsToHigh, staleAfterDays } from '@/utils/access-graph';
import { compliant, shareVerdict, unknown, type Control } from '@/utils/controls';
import { buildSalesforceAccess, isRecordId, oauthSettingsOf, type AccessSources } from '../access';
import { defineSalesforceControl } from '../control';
import type { AppMenuItem, ConnectedApp, ConnectedAppOauth, ConnectedAppOauthRead, QueryRows } from '../model';
import { ipRelaxationLabel, isIpRelaxation, relaxedIpPolicies, scopeNamesOf, unrecognisedScopes } from '../oauth-settings';
import { count, dayOf, listAffected, nameList, partialNote } from './org-evidence';

/**
 * Third-party app checks over the access inventory (access.ts): which apps sit unused on live tokens, which act as
 * users who hold org-wide permissions, and which apps' policies let any user authorise them.
 */

const references = {
  oauthUsage: 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.connected_app_manage_current_sessions.htm',
  externalClientAppUsage: 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.manage_external_client_app_usage.htm',
  oauthPolicies: 'https://help.salesforce.com/s/articleView?id=xcloud.connected_app_manage_oauth.htm&type=5',
  oauthToken: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtoken.htm',
  externalClientAppPolicies: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm',
  manageExternalClientApps: 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.manage_external_client_apps.htm',
  connectedApplication:
    'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-connectedapplication.html',
  oauthScopes: 'https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_scopes.htm&language=en_US',
  connectedAppMetadata: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_connectedapp.htm',
};

const notRead = { reason: 'not read by this check' };

/** The inventory from the sources a check reads; the others are left out on purpose, not as gaps. */
function inventoryFrom(sources: Partial<AccessSources>) {
  return buildSalesforceAccess({
    connectedApps: notRead,
    connectedAppOauth: notRead,
    oauthTokens: notRead,
    appMenuItems: notRead,
    externalClientApps: notRead,
    externalClientAppPolicies: notRead,
    privilegedAssignments: notRead,
    ...sources,
  });
}

const unusedAppsWithTokens = defineSalesforceControl({
  id: 'SF.OAUTH.6v1',
  title: `Apps unused for ${staleAfterDays} days hold no live OAuth tokens`,
  description:
    `Groups the org's OAuth tokens by app and flags apps none of whose tokens was used in ${staleAfterDays} days (or ever) ` +
    'but which still hold tokens: integrations nobody runs any more. Credit is the share of apps holding tokens that are in use.',
  rationale:
    'A stale integration keeps its refresh tokens, and with them the data of every user who authorised it. Nobody ' +
    'would notice it being used again, so a breach of its vendor (as with the 2025 Salesloft Drift tokens) goes ' +
    'unseen. Revoking the tokens of an app nobody uses costs nothing.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-2(3)', 'CM-7'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['oauthTokens', 'scanTime'],
  evaluate: ({ oauthTokens, scanTime }) => {
    // Tokens are read oldest use first: a partial read may miss an app's recent token and call it unused.
    if (!oauthTokens.complete) return unknown(`Whether each app is still in use cannot be told. ${partialNote(oauthTokens, 'OAuth tokens')}`);
    const { apps } = inventoryFrom({ oauthTokens: { rows: oauthTokens } });
    const now = Date.parse(scanTime);
    const unreadable = apps.filter((app) => app.lastUsed === null);
    const stale = apps.filter((app) => app.lastUsed === 'never' || (app.lastUsed !== null && now - Date.parse(app.lastUsed) >= staleAfterDays * 86_400_000));
    const notes = unreadable.length ? [`The last use of ${count(unreadable.length, 'app')} could not be read: ${nameList(unreadable.map((app) => app.name))}.`] : [];
    if (stale.length === 0) {
      if (notes.length) return unknown(`No unused app was found, but not every app could be checked. ${notes[0]}`, { notes });
      if (apps.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No app holds OAuth tokens.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(apps.length, 'app')} holding OAuth tokens were used within ${staleAfterDays} days.` });
    }
    const checked = apps.length - unreadable.length;
    const lastUse = (lastUsed: string | 'never' | null) => (lastUsed === 'never' ? 'never used' : `last used ${dayOf(lastUsed!)}`);
    return shareVerdict(checked - stale.length, checked, {
      actual: stale.length,
      expected: 0,
      reason:
        `${stale.length} of ${count(checked, 'app')} holding OAuth tokens have not been used for ${staleAfterDays} days but keep their tokens: ` +
        `${nameList(stale.map((app) => `${app.name} (${count(app.liveTokens ?? 0, 'token')})`))}.` +
        (notes.length ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(stale.map((app) => ({ id: app.id, name: app.name, kind: 'app', detail: `${lastUse(app.lastUsed)} · ${count(app.liveTokens ?? 0, 'live token')}` }))),
    });
  },
  remediation: {
    summary: 'Revoke the tokens of apps nobody uses, and uninstall or block the apps.',
    steps: [
      { text: 'Open Setup → Connected Apps OAuth Usage and find each listed app', page: 'connectedAppsUsage' },
      { text: 'Choose "Revoke" beside the app to revoke all its tokens, or open its user list to revoke them one by one', page: 'connectedAppsUsage' },
      { text: 'Uninstall or block the app if the integration is retired', page: 'connectedAppsUsage' },
      { text: 'For an external client app, type "External Client Apps" in Setup\'s Quick Find, choose OAuth Usage and revoke its tokens there', page: 'setupHome' },
      { text: 'Then choose Verify in Posture Lens', page: 'connectedAppsUsage' },
    ],
    references: [references.oauthUsage, references.externalClientAppUsage, references.oauthToken],
  },
});

const appsActingAsPowerfulUsers = defineSalesforceControl({
  id: 'SF.OAUTH.7v1',
  title: 'No app holds the OAuth token of a user with org-wide permissions',
  description:
    'Follows each app\'s OAuth tokens to the users they act as and those users\' profiles and permission sets, and flags ' +
    'apps that reach Modify All Data, View All Data, Manage Users or Author Apex. Salesforce does not report the scopes a ' +
    'token was granted, so a token is taken to carry all of its user\'s rights (the "full" and "api" scopes most apps ask ' +
    'for do). Credit is the share of apps holding tokens that reach none of these permissions.',
  rationale:
    'An app authorised by an administrator can do everything the administrator can, for as long as its refresh token ' +
    'lives: export every record, create users, deploy code. A phished or breached app then owns the org. Integrations ' +
    'should run as dedicated users that hold only what the integration needs.',
  severity: 'high',
  weight: 7,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-6(5)', 'AC-6(9)'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['oauthTokens', 'privilegedAssignments', 'scanTime'],
  evaluate: ({ oauthTokens, privilegedAssignments, scanTime }) => {
    const inventory = inventoryFrom({ oauthTokens: { rows: oauthTokens }, privilegedAssignments: { rows: privilegedAssignments } });
    const { apps, graph } = analyseAccess(inventory, Date.parse(scanTime));
    const reaching = apps.filter((app) => app.highPaths > 0);
    const unreadableTokens = oauthTokens.records.filter((token) => !isRecordId(token.UserId));
    const unreadableAssignments = privilegedAssignments.records.filter((assignment) => !isRecordId(assignment.AssigneeId));
    const notes = [
      ...(!oauthTokens.complete ? [partialNote(oauthTokens, 'OAuth tokens')] : []),
      ...(!privilegedAssignments.complete ? [partialNote(privilegedAssignments, 'privileged assignments')] : []),
      ...(unreadableTokens.length ? [`The user of ${count(unreadableTokens.length, 'token')} could not be read (${nameList(unreadableTokens.map((token) => token.AppName))}).`] : []),
      ...(unreadableAssignments.length ? [`The user of ${count(unreadableAssignments.length, 'privileged assignment')} could not be read (${nameList(unreadableAssignments.map((assignment) => assignment.Assignee.Name))}).`] : []),
    ];
    if (reaching.length === 0) {
      if (notes.length) return unknown(`No app was found acting as a powerful user, but not every token or assignment was read. ${notes.join(' ')}`, { notes });
      if (apps.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No app holds OAuth tokens.' });
      return compliant({ actual: 0, expected: 0, reason: `None of the ${count(apps.length, 'app')} holding OAuth tokens acts as a user with org-wide permissions.` });
    }
    const labels = new Map(inventory.nodes.map((node) => [node.id, node.label]));
    const poweredUsers = (appId: string) =>
      inventory.edges.filter((edge) => edge.from === appId && pathsToHigh(graph, edge.to) > 0).map((edge) => labels.get(edge.to)!);
    return shareVerdict(apps.length - reaching.length, apps.length, {
      actual: reaching.length,
      expected: 0,
      reason:
        `${reaching.length} of ${count(apps.length, 'app')} holding OAuth tokens act as users with org-wide permissions: ` +
        `${nameList(reaching.map((app) => `${app.name} (as ${nameList(poweredUsers(app.id))})`))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(
        reaching.map((app) => ({
          id: app.id,
          name: app.name,
          kind: 'app',
          detail: `acts as ${nameList(poweredUsers(app.id))} · reaches ${app.reaches.map((node) => node.label).join(', ')}`,
        })),
      ),
    });
  },
  remediation: {
    summary: 'Revoke administrators\' tokens for third-party apps and run integrations as least-privileged integration users.',
    steps: [
      { text: 'Open Setup → Connected Apps OAuth Usage, open each listed app\'s user list and revoke the tokens of the named users', page: 'connectedAppsUsage' },
      { text: 'In Manage Connected Apps, set the app to "Admin approved users are pre-authorized" and grant it only to an integration profile or permission set', page: 'connectedApps' },
      { text: 'If the app needs data access, give a dedicated integration user only the object permissions it needs, not Modify All Data or View All Data', page: 'permissionSets' },
      { text: 'Then choose Verify in Posture Lens', page: 'connectedAppsUsage' },
    ],
    references: [references.oauthUsage, references.oauthPolicies, references.oauthToken],
  },
});

const selfAuthorisationAllowed = defineSalesforceControl({
  id: 'SF.OAUTH.8v1',
  title: 'Installed connected apps and external client apps require admin approval',
  description:
    'Reads the permitted-users policy of every installed connected app (OptionsAllowAdminApprovedUsersOnly) and external ' +
    'client app (ExtlClntAppOauthPlcyCnfg.PermittedUsersPolicyType) and flags those that let any user authorise them, ' +
    'whether or not anyone has yet. Credit is the share of apps that admit only admin-approved users.',
  rationale:
    'An app any user may authorise is one phishing e-mail away from a refresh token to that user\'s data. ' +
    '"Admin approved users are pre-authorized" lets only the profiles and permission sets an admin picked use it.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'CM-7(5)'], initiatives: ['zero-trust'] },
  sources: ['connectedApps', 'externalClientApps', 'externalClientAppPolicies'],
  evaluate: ({ connectedApps, externalClientApps, externalClientAppPolicies }) => {
    const { apps } = inventoryFrom({
      connectedApps: { rows: connectedApps },
      externalClientApps: { rows: externalClientApps },
      externalClientAppPolicies: { rows: externalClientAppPolicies },
    });
    const open = apps.filter((app) => app.authorization === 'self_authorised');
    const unread = apps.filter((app) => app.authorization === 'unknown');
    const notes = [
      ...(!connectedApps.complete ? [partialNote(connectedApps, 'connected apps')] : []),
      ...(!externalClientApps.complete ? [partialNote(externalClientApps, 'external client apps')] : []),
      ...(!externalClientAppPolicies.complete ? [partialNote(externalClientAppPolicies, 'external client app policies')] : []),
      ...(unread.length ? [`No OAuth policy was found for ${nameList(unread.map((app) => app.name))}.`] : []),
    ];
    if (open.length === 0) {
      if (notes.length) return unknown(`No app open to self-authorisation was found, but not every app could be checked. ${notes.join(' ')}`, { notes });
      if (apps.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No connected apps or external client apps are installed.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(apps.length, 'app')} admit only admin-approved users.` });
    }
    const checked = apps.length - unread.length;
    return shareVerdict(checked - open.length, checked, {
      actual: open.length,
      expected: 0,
      reason: `${open.length} of ${count(checked, 'app')} let any user authorise them: ${nameList(open.map((app) => app.name))}.` + (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(open.map((app) => ({ id: app.id, name: app.name, kind: 'app', detail: `${app.kind} · all users may self-authorize` }))),
    });
  },
  remediation: {
    summary: 'Set each app\'s permitted users to "Admin approved users are pre-authorized" and grant it to the profiles that need it.',
    steps: [
      { text: 'Open Setup → Manage Connected Apps and choose Edit Policies on each listed connected app', page: 'connectedApps' },
      { text: 'Under OAuth Policies, set Permitted Users to "Admin approved users are pre-authorized" and save', page: 'connectedApps' },
      { text: 'Add the profiles or permission sets that should use the app on its Manage page', page: 'connectedApps' },
      { text: 'For external client apps, type "External Client App Manager" in Setup\'s Quick Find, open each listed app\'s Policies tab and set the same permitted-users policy', page: 'setupHome' },
      { text: 'Then choose Verify in Posture Lens', page: 'connectedApps' },
    ],
    references: [references.oauthPolicies, references.manageExternalClientApps, references.externalClientAppPolicies, references.connectedApplication],
  },
});

interface AppSettings {
  app: ConnectedApp;
  settings: ConnectedAppOauth | undefined;
  /** Why the settings are missing. */
  unread: string | undefined;
}

/** Each installed connected app with its ConnectedApp metadata, found through its App Launcher entry. */
function settingsOfApps(connectedApps: QueryRows<ConnectedApp>, appMenuItems: QueryRows<AppMenuItem>, connectedAppOauth: ConnectedAppOauthRead): AppSettings[] {
  const menus = new Map(appMenuItems.records.flatMap((menu) => (menu.ApplicationId ? [[menu.ApplicationId, menu] as const] : [])));
  return connectedApps.records.map((app) => {
    const oauth = oauthSettingsOf({ read: connectedAppOauth }, menus.get(app.Id), true);
    return 'settings' in oauth ? { app, settings: oauth.settings, unread: undefined } : { app, settings: undefined, unread: oauth.unread };
  });
}

function readNotes(connectedApps: QueryRows<ConnectedApp>, appMenuItems: QueryRows<AppMenuItem>, unread: AppSettings[]): string[] {
  return [
    ...(!connectedApps.complete ? [partialNote(connectedApps, 'connected apps')] : []),
    ...(!appMenuItems.complete ? [partialNote(appMenuItems, 'App Launcher entries')] : []),
    ...(unread.length ? [`The OAuth settings of ${count(unread.length, 'app')} could not be read: ${nameList(unread.map((entry) => `${entry.app.Name} (${entry.unread})`))}.`] : []),
  ];
}

const scopesOf = (entry: AppSettings) => scopeNamesOf(entry.settings?.scopes ?? []);

const fullScopeAdminApproved = defineSalesforceControl({
  id: 'SF.OAUTH.9v1',
  title: 'No admin-approved connected app holds the full scope',
  description:
    'Reads the OAuth scopes of every installed connected app from its ConnectedApp metadata and flags apps that are ' +
    'pre-authorised by an admin ("Admin approved users are pre-authorized") and hold "Full access (full)". Apps that ' +
    'hold api with refresh_token are named in the evidence. Credit is the share of admin-approved apps without full.',
  rationale:
    'The full scope gives an app everything its user can reach, over every API and the web, and a pre-authorised app ' +
    'gets it without any user consenting: the profiles an admin picked, usually integration users or administrators, ' +
    'hand it over silently. A breach of the app\'s vendor then reads or changes all of that. The next risk is api with ' +
    'refresh_token: the same data over the APIs for as long as the refresh token lives. Most integrations need that ' +
    'pair, so it is named for review rather than failed; full is never needed by an integration that states its scopes.',
  severity: 'high',
  weight: 6,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-6', 'AC-6(5)'], initiatives: ['zero-trust', 'ransomware'] },
  sources: ['connectedApps', 'appMenuItems', 'connectedAppOauth'],
  evaluate: ({ connectedApps, appMenuItems, connectedAppOauth }) => {
    const approved = settingsOfApps(connectedApps, appMenuItems, connectedAppOauth).filter((entry) => entry.app.OptionsAllowAdminApprovedUsersOnly);
    const unread = approved.filter((entry) => !entry.settings);
    const full = approved.filter((entry) => scopesOf(entry).includes('full'));
    const apiWithRefresh = approved.filter((entry) => !full.includes(entry) && scopesOf(entry).includes('api') && scopesOf(entry).includes('refresh_token'));
    const odd = approved.filter((entry) => !full.includes(entry) && unrecognisedScopes(entry.settings?.scopes ?? []).length > 0);
    const issues = [
      ...readNotes(connectedApps, appMenuItems, unread),
      ...(odd.length ? [`The scopes of ${nameList(odd.map((entry) => `${entry.app.Name} (${unrecognisedScopes(entry.settings!.scopes!).map((scope) => `"${scope}"`).join(', ')})`))} include values Salesforce does not document.`] : []),
    ];
    const notes = [
      ...issues,
      ...(apiWithRefresh.length
        ? [`${count(apiWithRefresh.length, 'admin-approved app')} hold${apiWithRefresh.length === 1 ? 's' : ''} api with refresh_token, worth a review: ${nameList(apiWithRefresh.map((entry) => entry.app.Name))}.`]
        : []),
    ];
    if (full.length === 0) {
      if (issues.length) return unknown(`No admin-approved app with the full scope was found, but not every app could be checked. ${notes.join(' ')}`, { notes });
      if (approved.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No connected app is pre-authorised by an admin.' });
      return compliant({
        actual: 0,
        expected: 0,
        reason: `None of the ${count(approved.length, 'admin-approved connected app')} holds the full scope.${notes.length ? ` ${notes.join(' ')}` : ''}`,
        notes,
      });
    }
    const checked = approved.length - unread.length - odd.length;
    return shareVerdict(checked - full.length, checked, {
      actual: full.length,
      expected: 0,
      reason:
        `${full.length} of ${count(checked, 'admin-approved connected app')} hold the full scope: ${nameList(full.map((entry) => entry.app.Name))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(full.map((entry) => ({ id: `app:${entry.app.Id}`, name: entry.app.Name, kind: 'app', detail: `admin approved · scopes ${scopesOf(entry).join(', ')}` }))),
    });
  },
  remediation: {
    summary: 'Give each listed app only the scopes it needs, let only an integration user use it, and revoke the tokens it holds.',
    steps: [
      { text: 'Open Setup → Manage Connected Apps, open each listed app and check under Profiles and Permission Sets that only a dedicated integration user may use it', page: 'connectedApps' },
      { text: 'For an app built in this org, edit it in App Manager and replace "Full access (full)" under Selected OAuth Scopes with the scopes it needs (for example api and refresh_token); for a packaged app, ask the vendor for a version without full', page: 'connectedApps' },
      { text: 'Open Connected Apps OAuth Usage and revoke the app\'s tokens so that new ones carry only the new scopes', page: 'connectedAppsUsage' },
      { text: 'Then choose Verify in Posture Lens', page: 'connectedApps' },
    ],
    references: [references.oauthScopes, references.oauthPolicies, references.connectedAppMetadata],
  },
});

const ipRestrictionsRelaxed = defineSalesforceControl({
  id: 'SF.OAUTH.10v1',
  title: 'Connected apps do not relax IP restrictions',
  description:
    'Reads the IP relaxation policy of every installed connected app with OAuth from its ConnectedApp metadata and ' +
    'flags "Relax IP restrictions" (BYPASS) and "Enforce IP restrictions, but relax for refresh tokens" ' +
    '(ENFORCE_RELAXREFRESH). "Relax IP restrictions with second factor" is named in the evidence and passes. Credit is ' +
    'the share of apps that keep the org\'s and profiles\' IP ranges.',
  rationale:
    'Login IP ranges on profiles and trusted networks are what stops a stolen credential from working outside the ' +
    'company network. A relaxed app lets its tokens through from anywhere: a refresh token taken from the vendor (as ' +
    'in the 2025 Salesloft Drift breach) or from a laptop works from the attacker\'s own network, and relaxing only ' +
    'refresh tokens leaves exactly that path open.',
  severity: 'medium',
  weight: 5,
  metric: 'third-party-apps',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'SC-7'], initiatives: ['zero-trust'] },
  sources: ['connectedApps', 'appMenuItems', 'connectedAppOauth'],
  evaluate: ({ connectedApps, appMenuItems, connectedAppOauth }) => {
    const entries = settingsOfApps(connectedApps, appMenuItems, connectedAppOauth);
    // An app without OAuth settings has no tokens to relax: it is out of scope, not compliant by default.
    const withOauth = entries.filter((entry) => !entry.settings || entry.settings.scopes !== null || entry.settings.ipRelaxation !== null);
    const unread = withOauth.filter((entry) => !entry.settings);
    const unrecognised = withOauth.filter((entry) => entry.settings && !isIpRelaxation(entry.settings.ipRelaxation));
    const relaxed = withOauth.filter((entry) => {
      const value = entry.settings?.ipRelaxation ?? null;
      return isIpRelaxation(value) && relaxedIpPolicies.has(value);
    });
    const secondFactor = withOauth.filter((entry) => entry.settings?.ipRelaxation === 'BYPASS_2FACTOR');
    const issues = [
      ...readNotes(connectedApps, appMenuItems, unread),
      ...(unrecognised.length ? [`The IP relaxation of ${nameList(unrecognised.map((entry) => `${entry.app.Name} ("${entry.settings!.ipRelaxation ?? 'not set'}")`))} is no value Salesforce documents.`] : []),
    ];
    const notes = [...issues, ...(secondFactor.length ? [`Relaxed with second factor: ${nameList(secondFactor.map((entry) => entry.app.Name))}.`] : [])];
    if (relaxed.length === 0) {
      if (issues.length) return unknown(`No connected app relaxing IP restrictions was found, but not every app could be checked. ${issues.join(' ')}`, { notes });
      if (withOauth.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No installed connected app uses OAuth.' });
      return compliant({
        actual: 0,
        expected: 0,
        reason: `All ${count(withOauth.length, 'connected app')} with OAuth enforce IP restrictions.${secondFactor.length ? ` ${notes.at(-1)}` : ''}`,
        notes,
      });
    }
    const checked = withOauth.length - unread.length - unrecognised.length;
    return shareVerdict(checked - relaxed.length, checked, {
      actual: relaxed.length,
      expected: 0,
      reason:
        `${relaxed.length} of ${count(checked, 'connected app')} with OAuth relax IP restrictions: ` +
        `${nameList(relaxed.map((entry) => `${entry.app.Name} (${ipRelaxationLabel(entry.settings!.ipRelaxation)})`))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(relaxed.map((entry) => ({ id: `app:${entry.app.Id}`, name: entry.app.Name, kind: 'app', detail: ipRelaxationLabel(entry.settings!.ipRelaxation) }))),
    });
  },
  remediation: {
    summary: 'Set each listed app\'s IP relaxation to "Enforce IP restrictions" and revoke tokens that may have been used from outside.',
    steps: [
      { text: 'Open Setup → Manage Connected Apps and choose Edit Policies beside each listed app', page: 'connectedApps' },
      { text: 'Under OAuth Policies, set IP Relaxation to "Enforce IP restrictions" (or "Relax IP restrictions with second factor" where the app must work outside the trusted ranges) and save', page: 'connectedApps' },
      { text: 'Open Connected Apps OAuth Usage and revoke the app\'s tokens if they may have been used from outside the trusted ranges', page: 'connectedAppsUsage' },
      { text: 'Then choose Verify in Posture Lens', page: 'connectedApps' },
    ],
    references: [references.oauthPolicies, references.connectedAppMetadata],
  },
});

export const oauthAccessControls: Control[] = [unusedAppsWithTokens, appsActingAsPowerfulUsers, selfAuthorisationAllowed, fullScopeAdminApproved, ipRestrictionsRelaxed];
