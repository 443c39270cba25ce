import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import {
  connectedApp,
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
    expect(oauthAccessControls.map((c) => c.id)).toEqual(['SF.OAUTH.6v1', 'SF.OAUTH.7v1', 'SF.OAUTH.8v1']);
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
