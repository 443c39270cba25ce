import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import {
  appMenuItem,
  connectedApp,
  connectedAppOauth,
  connectedAppOauthRead,
  daysAgo,
  evaluateRaw,
  externalClientApp,
  externalClientAppPolicy,
  grantors,
  malformedSources,
  oauthToken,
  people,
  privilegedAssignment,
  queryResult,
  scanTime,
  type RawSources,
} from '../fixtures/org-data';
import { setupPages } from '../pages';
import { oauthAccessControls } from './oauth-access';

const control = (id: string): Control => oauthAccessControls.find((candidate) => candidate.id === id)!;
const tokens = (...rows: Array<Record<string, unknown>>) => queryResult('OauthToken', rows);
const assignments = (...rows: Array<Record<string, unknown>>) => queryResult('PermissionSetAssignment', rows);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(scanTime));
});
afterEach(() => vi.useRealTimers());

describe('OAuth access catalog', () => {
  it('has stable ids in the third-party metric and known remediation pages', () => {
    expect(oauthAccessControls.map((c) => c.id)).toEqual(['SF.OAUTH.6v1', 'SF.OAUTH.7v1', 'SF.OAUTH.8v1', 'SF.OAUTH.9v1', 'SF.OAUTH.10v1']);
    for (const c of oauthAccessControls) {
      expect(c.metric).toBe('third-party-apps');
      for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
    }
  });

  it.each(oauthAccessControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(
      c.sources.filter((source) => source !== 'scanTime').map((source) => [source, malformedSources[source as keyof typeof malformedSources]]),
    );
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('SF.OAUTH.6v1 unused apps with live tokens', () => {
  const unused = control('SF.OAUTH.6v1');

  it('passes when every app holding tokens was used recently', () => {
    const verdict = evaluateRaw(unused, { oauthTokens: tokens(oauthToken('0CQHs0000001', 'Slack', people.ada, { lastUsed: daysAgo(3) })) });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 1 app holding OAuth tokens were used within 90 days.');
  });

  it('passes with no tokens at all', () => {
    expect(evaluateRaw(unused, { oauthTokens: tokens() }).reason).toBe('No app holds OAuth tokens.');
  });

  it('judges the app by its latest token: one recent token keeps it in use', () => {
    const verdict = evaluateRaw(unused, {
      oauthTokens: tokens(
        oauthToken('0CQHs0000001', 'Tableau', people.ada, { lastUsed: daysAgo(200) }),
        oauthToken('0CQHs0000002', 'Tableau', people.alan, { lastUsed: daysAgo(4) }),
        oauthToken('0CQHs0000003', 'Old Exporter', people.grace, { lastUsed: daysAgo(140), adminApproved: null }),
        oauthToken('0CQHs0000004', 'Old Exporter', people.dennis, { lastUsed: null, adminApproved: null }),
        oauthToken('0CQHs0000005', 'Survey Tool', people.dennis, { lastUsed: null }),
      ),
    });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('2 of 3 apps holding OAuth tokens have not been used for 90 days but keep their tokens: Old Exporter (2 tokens) and Survey Tool (1 token).');
    expect(verdict.affected).toEqual([
      { id: 'app:not-installed:Old Exporter', name: 'Old Exporter', kind: 'app', detail: 'last used 2025-11-26 · 2 live tokens' },
      { id: 'app:not-installed:Survey Tool', name: 'Survey Tool', kind: 'app', detail: 'never used · 1 live token' },
    ]);
  });

  it('fails when every app is unused', () => {
    const verdict = evaluateRaw(unused, { oauthTokens: tokens(oauthToken('0CQHs0000001', 'Tableau', people.ada, { lastUsed: daysAgo(91) })) });
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown on a partial token list, which may hide an app\'s recent tokens', () => {
    const verdict = evaluateRaw(unused, { oauthTokens: queryResult('OauthToken', [oauthToken('0CQHs0000001', 'Tableau', people.ada, { lastUsed: daysAgo(200) })], { totalSize: 2600 }) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Only the first 1 of 2600 OAuth tokens were read');
  });

  it('is unknown when a last-use date cannot be read, never compliant', () => {
    const verdict = evaluateRaw(unused, { oauthTokens: tokens(oauthToken('0CQHs0000001', 'Tableau', people.ada, { lastUsed: 'last Tuesday' })) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Tableau');
  });
});

describe('SF.OAUTH.7v1 apps acting as users with org-wide permissions', () => {
  const powerful = control('SF.OAUTH.7v1');

  it('passes when the token users hold no org-wide permission', () => {
    const verdict = evaluateRaw(powerful, {
      oauthTokens: tokens(oauthToken('0CQHs0000001', 'Slack', people.ada)),
      privilegedAssignments: assignments(privilegedAssignment(people.alan, grantors.systemAdministrator)),
    });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('None of the 1 app holding OAuth tokens acts as a user with org-wide permissions.');
  });

  it('names the app, the user it acts as and what it reaches', () => {
    const verdict = evaluateRaw(powerful, {
      oauthTokens: tokens(
        oauthToken('0CQHs0000001', 'Data Export Helper', people.alan, { adminApproved: null }),
        oauthToken('0CQHs0000002', 'Slack', people.ada),
        oauthToken('0CQHs0000003', 'Jira', people.grace),
      ),
      privilegedAssignments: assignments(privilegedAssignment(people.alan, grantors.systemAdministrator), privilegedAssignment(people.grace, grantors.salesOpsProfile)),
    });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('2 of 3 apps holding OAuth tokens act as users with org-wide permissions: Data Export Helper (as Alan Turing) and Jira (as Grace Hopper).');
    expect(verdict.affected[0]).toEqual({
      id: 'app:not-installed:Data Export Helper',
      name: 'Data Export Helper',
      kind: 'app',
      detail: 'acts as Alan Turing · reaches Modify All Data, View All Data, Author Apex, Manage Users',
    });
  });

  it('fails when every app reaches a high permission', () => {
    const verdict = evaluateRaw(powerful, {
      oauthTokens: tokens(oauthToken('0CQHs0000001', 'Data Export Helper', people.alan, { adminApproved: null })),
      privilegedAssignments: assignments(privilegedAssignment(people.alan, grantors.emergencyAdmin)),
    });
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown when the assignments were only partly read, never compliant', () => {
    const verdict = evaluateRaw(powerful, {
      oauthTokens: tokens(oauthToken('0CQHs0000001', 'Slack', people.ada)),
      privilegedAssignments: queryResult('PermissionSetAssignment', [privilegedAssignment(people.alan, grantors.systemAdministrator)], { totalSize: 2400 }),
    });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('privileged assignments');
  });

  it('is an error when the assignments could not be read', () => {
    const verdict = evaluateRaw(powerful, { oauthTokens: tokens(oauthToken('0CQHs0000001', 'Slack', people.ada)), privilegedAssignments: malformedSources.privilegedAssignments });
    expect(verdict.status).toBe('error');
  });
});

describe('SF.OAUTH.8v1 self-authorisation allowed', () => {
  const selfAuthorisation = control('SF.OAUTH.8v1');
  const eca = '0xIHs0000000FieldAAA';
  const raw = (apps: Array<Record<string, unknown>>, ecas: Array<Record<string, unknown>> = [], policies: Array<Record<string, unknown>> = []): RawSources => ({
    connectedApps: queryResult('ConnectedApplication', apps),
    externalClientApps: queryResult('ExternalClientApplication', ecas),
    externalClientAppPolicies: queryResult('ExtlClntAppOauthPlcyCnfg', policies),
  });

  it('passes when every app admits only admin-approved users', () => {
    const verdict = evaluateRaw(
      selfAuthorisation,
      raw([connectedApp('0H4Hs0000001', 'Slack')], [externalClientApp(eca, 'Field Service')], [externalClientAppPolicy('0HxHs0000001', eca, 'AdminApprovedPreAuthorized')]),
    );
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 2 apps admit only admin-approved users.');
  });

  it('passes with no apps installed', () => {
    expect(evaluateRaw(selfAuthorisation, raw([])).reason).toBe('No connected apps or external client apps are installed.');
  });

  it('flags connected apps and external client apps open to any user', () => {
    const verdict = evaluateRaw(
      selfAuthorisation,
      raw(
        [connectedApp('0H4Hs0000001', 'Slack'), connectedApp('0H4Hs0000002', 'DataLoader', { adminApprovedOnly: false })],
        [externalClientApp(eca, 'Field Service')],
        [externalClientAppPolicy('0HxHs0000001', eca, 'AllSelfAuthorized')],
      ),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('2 of 3 apps let any user authorise them: DataLoader and Field Service.');
    expect(verdict.affected.map((entity) => entity.detail)).toEqual(['Connected app · all users may self-authorize', 'External client app · all users may self-authorize']);
  });

  it('fails when every app is open', () => {
    expect(evaluateRaw(selfAuthorisation, raw([connectedApp('0H4Hs0000002', 'DataLoader', { adminApprovedOnly: false })])).status).toBe('non_compliant');
  });

  it('is unknown when an external client app has no policy row, never compliant', () => {
    const verdict = evaluateRaw(selfAuthorisation, raw([connectedApp('0H4Hs0000001', 'Slack')], [externalClientApp(eca, 'Field Service')]));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('No OAuth policy was found for Field Service.');
  });
});

describe('SF.OAUTH.7v1 with damaged user ids', () => {
  const powerful = control('SF.OAUTH.7v1');

  it.each([
    ['cut short', people.alan.Id.slice(0, 15)],
    ['with a stray character', `${people.alan.Id.slice(0, 8)}<${people.alan.Id.slice(9)}`],
    ['in the wrong case', people.alan.Id.toLowerCase()],
  ])('is unknown, never compliant, when a token\'s user id is %s', (_how, userId) => {
    const token = oauthToken('0CQHs0000001', 'Data Export Helper', people.alan, { adminApproved: null });
    const verdict = evaluateRaw(powerful, {
      oauthTokens: tokens({ ...token, UserId: userId }),
      privilegedAssignments: assignments(privilegedAssignment(people.alan, grantors.systemAdministrator)),
    });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('The user of 1 token could not be read (Data Export Helper).');
  });
});

/** Installed connected apps, each with its App Launcher entry and (unless `settings` is undefined) its OAuth settings. */
function installed(apps: Array<{ id: string; name: string; adminApproved?: boolean; settings?: Record<string, unknown> }>, options: { unread?: Array<{ fullNames: string[]; reason: string }> } = {}): RawSources {
  return {
    connectedApps: queryResult('ConnectedApplication', apps.map((app) => connectedApp(app.id, app.name, { adminApprovedOnly: app.adminApproved ?? true }))),
    appMenuItems: queryResult('AppMenuItem', apps.map((app) => appMenuItem(`0DS${app.id.slice(3)}`, app.name, app.id))),
    connectedAppOauth: connectedAppOauthRead(apps.flatMap((app) => (app.settings ? [app.settings] : [])), {
      requested: apps.map((app) => app.name.replace(/\W+/g, '_')),
      unread: options.unread,
    }),
  };
}

describe('SF.OAUTH.9v1 admin-approved apps with the full scope', () => {
  const fullScope = control('SF.OAUTH.9v1');

  it('passes when no admin-approved app holds full, naming the ones with api and refresh_token for review', () => {
    const verdict = evaluateRaw(fullScope, installed([
      { id: '0H4Hs0000001', name: 'Warehouse', settings: connectedAppOauth('Warehouse', ['Api', 'RefreshToken']) },
      { id: '0H4Hs0000002', name: 'Slack', settings: connectedAppOauth('Slack', ['Chatter', 'OpenID']) },
      // Self-authorised apps are SF.OAUTH.8's concern: full on one of them does not fail this check.
      { id: '0H4Hs0000003', name: 'DataLoader', adminApproved: false, settings: connectedAppOauth('DataLoader', ['Full']) },
    ]));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('None of the 2 admin-approved connected apps holds the full scope. 1 admin-approved app holds api with refresh_token, worth a review: Warehouse.');
  });

  it('passes when no app is pre-authorised by an admin', () => {
    expect(evaluateRaw(fullScope, installed([])).reason).toBe('No connected app is pre-authorised by an admin.');
  });

  it('names each admin-approved app holding full and its scopes', () => {
    const verdict = evaluateRaw(fullScope, installed([
      { id: '0H4Hs0000001', name: 'Zendesk Sync', settings: connectedAppOauth('Zendesk_Sync', ['Full', 'RefreshToken']) },
      { id: '0H4Hs0000002', name: 'Slack', settings: connectedAppOauth('Slack', ['Chatter']) },
    ]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.reason).toBe('1 of 2 admin-approved connected apps hold the full scope: Zendesk Sync.');
    expect(verdict.affected).toEqual([{ id: 'app:0H4Hs0000001', name: 'Zendesk Sync', kind: 'app', detail: 'admin approved · scopes full, refresh_token' }]);
  });

  it('fails when every admin-approved app holds full', () => {
    expect(evaluateRaw(fullScope, installed([{ id: '0H4Hs0000001', name: 'Zendesk Sync', settings: connectedAppOauth('Zendesk_Sync', ['Full']) }])).status).toBe('non_compliant');
  });

  it('is unknown when an admin-approved app\'s scopes could not be read, never compliant', () => {
    const verdict = evaluateRaw(fullScope, installed(
      [{ id: '0H4Hs0000001', name: 'Zendesk Sync' }, { id: '0H4Hs0000002', name: 'Slack', settings: connectedAppOauth('Slack', ['Chatter']) }],
      { unread: [{ fullNames: ['Zendesk_Sync'], reason: 'Salesforce had a server error (HTTP 500). Scan again in a few minutes.' }] },
    ));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Zendesk Sync (its OAuth settings (Zendesk_Sync) were not read: Salesforce had a server error (HTTP 500). Scan again in a few minutes.)');
  });

  it('is unknown when a scope is no value Salesforce documents, which may be full spelled otherwise', () => {
    const verdict = evaluateRaw(fullScope, installed([{ id: '0H4Hs0000001', name: 'Zendesk Sync', settings: connectedAppOauth('Zendesk_Sync', ['FULL', 'RefreshToken']) }]));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('The scopes of Zendesk Sync ("FULL") include values Salesforce does not document.');
  });
});

describe('SF.OAUTH.10v1 IP relaxation', () => {
  const ipRelaxation = control('SF.OAUTH.10v1');
  const app = (id: string, name: string, relaxation: string | null, scopes: string[] | null = ['Api']) => ({
    id,
    name,
    settings: connectedAppOauth(name.replace(/\W+/g, '_'), scopes, { ipRelaxation: relaxation }),
  });

  it('passes when every app enforces IP restrictions, naming those relaxed with a second factor', () => {
    const verdict = evaluateRaw(ipRelaxation, installed([
      app('0H4Hs0000001', 'Slack', 'ENFORCE'),
      app('0H4Hs0000002', 'Field App', 'BYPASS_2FACTOR'),
      // No OAuth settings at all (a SAML-only app): nothing to relax.
      app('0H4Hs0000003', 'Intranet SSO', null, null),
    ]));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 2 connected apps with OAuth enforce IP restrictions. Relaxed with second factor: Field App.');
  });

  it('passes when no installed app uses OAuth', () => {
    expect(evaluateRaw(ipRelaxation, installed([])).reason).toBe('No installed connected app uses OAuth.');
  });

  it('names the apps that relax IP restrictions, for every request or for refresh tokens', () => {
    const verdict = evaluateRaw(ipRelaxation, installed([
      app('0H4Hs0000001', 'DataLoader Pro', 'BYPASS'),
      app('0H4Hs0000002', 'Mobile Sync', 'ENFORCE_RELAXREFRESH'),
      app('0H4Hs0000003', 'Slack', 'ENFORCE'),
    ]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe(
      '2 of 3 connected apps with OAuth relax IP restrictions: DataLoader Pro (Relax IP restrictions) and Mobile Sync (Enforce IP restrictions, but relax for refresh tokens).',
    );
    expect(verdict.affected.map((entity) => entity.id)).toEqual(['app:0H4Hs0000001', 'app:0H4Hs0000002']);
  });

  it('fails when every app relaxes them', () => {
    expect(evaluateRaw(ipRelaxation, installed([app('0H4Hs0000001', 'DataLoader Pro', 'BYPASS')])).status).toBe('non_compliant');
  });

  it('is unknown when an app\'s policy could not be read or holds an undocumented value, never compliant', () => {
    const unread = evaluateRaw(ipRelaxation, installed([{ id: '0H4Hs0000001', name: 'Slack' }]));
    expect(unread.status).toBe('unknown');
    expect(unread.reason).toContain('Slack (Salesforce returned no ConnectedApp metadata for Slack)');
    const odd = evaluateRaw(ipRelaxation, installed([app('0H4Hs0000001', 'Slack', 'SOMETIMES')]));
    expect(odd.status).toBe('unknown');
    expect(odd.reason).toContain('The IP relaxation of Slack ("SOMETIMES") is no value Salesforce documents.');
  });

  it('is unknown when the App Launcher entries that name the apps were only partly read', () => {
    const raw = installed([app('0H4Hs0000001', 'Slack', 'ENFORCE')]);
    raw.appMenuItems = queryResult('AppMenuItem', [appMenuItem('0DSHs0000001', 'Slack', '0H4Hs0000001')], { totalSize: 2400, done: false });
    expect(evaluateRaw(ipRelaxation, raw).status).toBe('unknown');
  });
});
