import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateOkta } from '../fixtures/hygiene';
import { apiServiceIntegration, app, appGrant, appLink, apps, clientRole, ids, oidcApp } from '../fixtures/payloads';
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
