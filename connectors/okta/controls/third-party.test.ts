import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateOkta } from '../fixtures/hygiene';
import { apiServiceIntegration, app, appGrant, appLink, apps, clientRole, daysAgo, forbiddenError, ids, oidcApp, refreshToken, tokenGrantEvent } from '../fixtures/payloads';
import { maxAppsRead } from '../sources';
import { thirdPartyControls } from './third-party';

const control = (id: string): Control => thirdPartyControls.find((c) => c.id === id)!;
const syncBot = '0oa1quickSyncBot0h7';
const portal = '0oa1acmePortal00h7';

const superAdminBot = {
  apps: [...apps(), oidcApp(syncBot, 'Quick Sync Bot', 'service')],
  appGrants: { [syncBot]: [appGrant(syncBot, 'okta.users.manage'), appGrant(syncBot, 'okta.roles.manage')] },
  clientRoles: { [syncBot]: [clientRole('SUPER_ADMIN', syncBot)] },
};

describe('OKTA.OAUTH.1v1 no app acts as a Super Administrator', () => {
  const c = control('OKTA.OAUTH.1v1');

  it('passes when no app reaches Super Administrator rights', () => {
    expect(evaluateOkta(c)).toMatchObject({ status: 'compliant', reason: 'None of 2 apps can act as a Super Administrator.' });
  });

  it('is partial and names the service app whose client is Super Administrator', () => {
    const verdict = evaluateOkta(c, superAdminBot);
    expect(verdict).toMatchObject({ status: 'partial', actual: 1, reason: '1 of 3 apps can act as a Super Administrator: Quick Sync Bot.' });
    expect(verdict.fraction).toBeCloseTo(2 / 3);
    expect(verdict.affected).toMatchObject([{ id: syncBot, name: 'Quick Sync Bot', kind: 'app' }]);
  });

  it('fails when every app can act as a Super Administrator, through the admins assigned to it', () => {
    const verdict = evaluateOkta(c, {
      apps: [oidcApp(portal, 'Acme Portal', 'web')],
      appGrants: { [portal]: [appGrant(portal, 'okta.users.manage')] },
      apiServiceIntegrations: [],
      adminAppLinks: { [ids.superAdmin]: [appLink(portal, 'oidc_client', 'Acme Portal', ids.superAdmin)], [ids.secondSuperAdmin]: [], [ids.serviceAccount]: [] },
    });
    expect(verdict).toMatchObject({ status: 'non_compliant', reason: '1 of 1 app can act as a Super Administrator: Acme Portal.' });
  });

  it('is unknown, never compliant, when a service app\'s roles were left unread', () => {
    const many = Array.from({ length: maxAppsRead + 1 }, (_, index) => oidcApp(`0oa1svc${String(index).padStart(5, '0')}0h7`, `Service ${index}`, 'service'));
    const verdict = evaluateOkta(c, {
      apps: [...apps(), ...many],
      appGrants: Object.fromEntries(many.map((entry) => [entry.id, []])),
      clientRoles: Object.fromEntries(many.slice(0, maxAppsRead).map((entry) => [entry.id, []])),
    });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toMatch(/those of Service 25 are unknown/);
  });
});

describe('OKTA.OAUTH.2v1 no full-access Okta API scopes', () => {
  const c = control('OKTA.OAUTH.2v1');

  it('passes when apps hold read scopes only', () => {
    expect(evaluateOkta(c)).toMatchObject({ status: 'compliant', reason: 'None of 1 app with Okta API scopes holds a full-access one.' });
  });

  it('is partial and names the scopes of the app holding them', () => {
    const verdict = evaluateOkta(c, superAdminBot);
    expect(verdict).toMatchObject({ status: 'partial', reason: '1 of 2 apps with Okta API scopes holds full-access scopes: Quick Sync Bot (okta.roles.manage, okta.users.manage).' });
    expect(verdict.affected).toMatchObject([{ name: 'Quick Sync Bot', detail: 'okta.roles.manage, okta.users.manage · custom app' }]);
  });

  it('counts an API service integration from the catalog too, and ignores manage scopes that reach nothing high', () => {
    const verdict = evaluateOkta(c, { apiServiceIntegrations: [apiServiceIntegration({ grantedScopes: ['okta.users.manage'] }), apiServiceIntegration({ id: '0oa1hooks00000h7', name: 'Hook Relay', grantedScopes: ['okta.eventHooks.manage'] })] });
    expect(verdict).toMatchObject({ status: 'partial', actual: 1, reason: '1 of 2 apps with Okta API scopes holds full-access scopes: LogSentry SIEM (okta.users.manage).' });
  });

  it('is unknown when an app\'s scopes could not be read', () => {
    const verdict = evaluateOkta(c, { apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web')], appGrants: {} });
    expect(verdict).toMatchObject({ status: 'unknown' });
    expect(verdict.reason).toMatch(/The Okta API scopes of Acme Portal could not be read/);
  });
});

describe('OKTA.OAUTH.3v1 Okta API scopes granted by admins', () => {
  const c = control('OKTA.OAUTH.3v1');
  const withPortal = (grants: unknown[]) => ({ apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web')], appGrants: { [portal]: grants } });

  it('passes when every Okta API scope was granted by an admin', () => {
    expect(evaluateOkta(c, withPortal([appGrant(portal, 'okta.users.read')]))).toMatchObject({ status: 'compliant', reason: 'All 1 app with Okta API scopes were granted them by an admin.' });
  });

  it('fails and names the app and scope a user consented to', () => {
    const verdict = evaluateOkta(c, withPortal([appGrant(portal, 'okta.apps.read', { source: 'END_USER', userId: ids.superAdmin })]));
    expect(verdict).toMatchObject({ status: 'non_compliant', reason: '1 of 1 app with Okta API scopes holds scopes users consented to themselves: Acme Portal.' });
    expect(verdict.affected).toMatchObject([{ name: 'Acme Portal', detail: 'okta.apps.read · 1 user consent' }]);
  });

  it('is partial when one of two apps holds consented scopes, and leaves a user\'s own myAccount scopes alone', () => {
    const verdict = evaluateOkta(c, {
      apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web'), oidcApp(syncBot, 'Quick Sync Bot', 'service')],
      appGrants: {
        [portal]: [appGrant(portal, 'okta.users.read', { source: 'END_USER', userId: ids.superAdmin }), appGrant(portal, 'okta.myAccount.profile.read', { source: 'END_USER', userId: ids.superAdmin })],
        [syncBot]: [appGrant(syncBot, 'okta.users.read'), appGrant(syncBot, 'okta.myAccount.email.read', { source: 'END_USER', userId: ids.superAdmin })],
      },
    });
    expect(verdict).toMatchObject({ status: 'partial', actual: 1 });
    expect(verdict.affected).toMatchObject([{ name: 'Acme Portal', detail: 'okta.users.read · 1 user consent' }]);
  });

  it('is unknown when an OpenID Connect app\'s grants were not read', () => {
    const verdict = evaluateOkta(c, { apps: [...apps(), app({ id: portal, name: 'oidc_client', label: 'Acme Portal', signOnMode: 'OPENID_CONNECT' })], appGrants: {} });
    expect(verdict).toMatchObject({ status: 'unknown' });
    expect(verdict.reason).toMatch(/The scope grants of Acme Portal could not be read/);
  });
});

const travelDesk = '0oa1travelDesk00h7';
/** Acme Portal used two days ago with one live refresh token, and Travel Desk, 400 days old, idle with two. */
const portalAndTravelDesk = (travelDeskEvents: unknown[] = []) => ({
  apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web'), oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(400) })],
  appGrants: { [portal]: [appGrant(portal, 'okta.users.read')], [travelDesk]: [] },
  appTokens: {
    [portal]: [refreshToken(portal, ids.superAdmin, 10)],
    [travelDesk]: [refreshToken(travelDesk, ids.superAdmin, 120), refreshToken(travelDesk, ids.serviceAccount, 130), refreshToken(travelDesk, ids.serviceAccount, 300, { status: 'REVOKED' })],
  },
  appLastUse: { [portal]: [tokenGrantEvent(portal, 2)], [travelDesk]: travelDeskEvents },
});

describe('OKTA.OAUTH.4v1 no idle app holds live refresh tokens', () => {
  const c = control('OKTA.OAUTH.4v1');

  it('passes when no app holds refresh tokens, and when every holder was used', () => {
    expect(evaluateOkta(c)).toMatchObject({ status: 'compliant', reason: 'No app holds live refresh tokens.' });
    expect(evaluateOkta(c, portalAndTravelDesk([tokenGrantEvent(travelDesk, 30)]))).toMatchObject({
      status: 'compliant', reason: 'All 2 apps holding live refresh tokens were used in the last 90 days.',
    });
  });

  it('is partial and names the idle app, its live tokens and its age', () => {
    const verdict = evaluateOkta(c, portalAndTravelDesk());
    expect(verdict).toMatchObject({ status: 'partial', actual: 1, reason: '1 of 2 apps holding live refresh tokens has not been used in the 90 days the System Log keeps: Travel Desk.' });
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.affected).toEqual([
      { id: travelDesk, name: 'Travel Desk', kind: 'app', detail: `2 live refresh tokens · last use none in the 90 days the System Log keeps · created ${daysAgo(400).slice(0, 10)}` },
    ]);
  });

  it('fails when the only holder is idle, and leaves alone an idle app younger than the log', () => {
    const onlyIdle = portalAndTravelDesk();
    onlyIdle.appTokens[portal] = [refreshToken(portal, ids.superAdmin, 10, { status: 'REVOKED' })];
    expect(evaluateOkta(c, onlyIdle)).toMatchObject({ status: 'non_compliant', reason: '1 of 1 app holding live refresh tokens has not been used in the 90 days the System Log keeps: Travel Desk.' });
    const young = { ...portalAndTravelDesk(), apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web'), oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(30) })] };
    expect(evaluateOkta(c, young)).toMatchObject({ status: 'compliant' });
  });

  it('still names the idle app when its listing lost its sign-on mode or its refresh_token grant type', () => {
    const withTravelDesk = (travelDeskApp: ReturnType<typeof oidcApp>) => ({ ...portalAndTravelDesk(), apps: [...apps(), oidcApp(portal, 'Acme Portal', 'web'), travelDeskApp] });
    const noMode = oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(400) });
    delete (noMode as { signOnMode?: string }).signOnMode;
    const garbled = oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(400), signOnMode: 'OPE\u0000ID_CONNECT' });
    const noRefreshGrant = oidcApp(travelDesk, 'Travel Desk', 'web', { created: daysAgo(400) });
    (noRefreshGrant as unknown as { settings: { oauthClient: { grant_types: string[] } } }).settings.oauthClient.grant_types = ['authorization_code'];
    for (const listed of [noMode, garbled, noRefreshGrant]) {
      expect(evaluateOkta(c, withTravelDesk(listed))).toMatchObject({ status: 'partial', actual: 1, affected: [expect.objectContaining({ name: 'Travel Desk' })] });
    }
  });

  it('is unknown, never compliant, when an app\'s tokens or last use were not read', () => {
    const tokensUnread = { ...portalAndTravelDesk([tokenGrantEvent(travelDesk, 30)]), appTokens: { [portal]: [refreshToken(portal, ids.superAdmin, 10)] } };
    expect(evaluateOkta(c, tokensUnread)).toMatchObject({ status: 'unknown', reason: 'No app read holds live refresh tokens while unused, but not everything could be read: Travel Desk (refresh tokens).' });
    const logUnread = { ...portalAndTravelDesk(), appLastUse: { [portal]: [tokenGrantEvent(portal, 2)] } };
    expect(evaluateOkta(c, logUnread)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/Travel Desk \(last use\)/) });
    expect(evaluateOkta(c, portalAndTravelDesk(), { appLastUse: forbiddenError() }).status).toBe('unknown');
    expect(evaluateOkta(c, portalAndTravelDesk(), { appTokens: { kind: 'malformed', message: 'Okta returned an unreadable answer.' } }).status).toBe('error');
  });
});

describe('OKTA.OAUTH.5v1 integrations calling the Okta API were used', () => {
  const c = control('OKTA.OAUTH.5v1');
  const idleSiem = { integrationLastUse: { [ids.logIntegration]: [] } };

  it('passes when every integration was used, and when there is none', () => {
    expect(evaluateOkta(c)).toMatchObject({ status: 'compliant', reason: 'All 1 integration calling the Okta API was used in the last 90 days.' });
    expect(evaluateOkta(c, { apiServiceIntegrations: { notFound: true }, integrationLastUse: {} })).toMatchObject({ status: 'compliant', reason: 'No integration calls the Okta API.' });
  });

  it('fails and names an API service integration with no use in the log window', () => {
    const verdict = evaluateOkta(c, idleSiem);
    expect(verdict).toMatchObject({ status: 'non_compliant', reason: '1 of 1 integration calling the Okta API has not been used in the 90 days the System Log keeps: LogSentry SIEM.' });
    expect(verdict.affected).toMatchObject([{ id: ids.logIntegration, name: 'LogSentry SIEM', detail: expect.stringMatching(/^API service integration · last use none in the 90 days the System Log keeps · created 2025-02-21$/) }]);
  });

  it('is partial when an app with Okta API scopes was used and the integration was not; an app without Okta API scopes is not counted', () => {
    const verdict = evaluateOkta(c, { ...portalAndTravelDesk(), ...idleSiem });
    expect(verdict).toMatchObject({ status: 'partial', actual: 1, reason: '1 of 2 integrations calling the Okta API has not been used in the 90 days the System Log keeps: LogSentry SIEM.' });
    expect(verdict.fraction).toBeCloseTo(0.5);
  });

  it('is unknown, never compliant, when a last use or an app\'s scopes were not read', () => {
    expect(evaluateOkta(c, { integrationLastUse: {} })).toMatchObject({ status: 'unknown', reason: 'No integration read is idle, but not everything could be read: LogSentry SIEM (last use).' });
    expect(evaluateOkta(c, { ...portalAndTravelDesk(), appGrants: {} })).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/Acme Portal \(Okta API scopes\)/) });
    expect(evaluateOkta(c, {}, { integrationLastUse: { kind: 'network', message: 'Okta did not answer.' } }).status).toBe('error');
  });
});
