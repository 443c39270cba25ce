import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import {
  connectedApp,
  connectedAppSettingsXml,
  daysAgo,
  evaluateRaw,
  malformedSources,
  oauthToken,
  people,
  queryResult,
  scanTime,
  type RawSources,
} from '../fixtures/org-data';
import { setupPages } from '../pages';
import { thirdPartyControls } from './third-party';

const control = (id: string): Control => thirdPartyControls.find((candidate) => candidate.id === id)!;
const tokens = (...rows: Array<Record<string, unknown>>) => ({ oauthTokens: queryResult('OauthToken', rows) });
const apps = (...rows: Array<Record<string, unknown>>) => ({ connectedApps: queryResult('ConnectedApplication', rows) });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(scanTime));
});
afterEach(() => vi.useRealTimers());

describe('third-party catalog', () => {
  it('has stable ids in the third-party metric and known remediation pages', () => {
    expect(thirdPartyControls.map((c) => c.id)).toEqual(['SF.OAUTH.1v1', 'SF.OAUTH.2v1', 'SF.OAUTH.3v1', 'SF.OAUTH.4v1', 'SF.OAUTH.5v1']);
    for (const c of thirdPartyControls) {
      expect(c.metric).toBe('third-party-apps');
      for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
    }
  });

  it.each(thirdPartyControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('SF.OAUTH.1v1 API Access Control', () => {
  const apiAccess = control('SF.OAUTH.1v1');

  it('passes when only admin-approved apps may call the API', () => {
    expect(evaluateRaw(apiAccess, { connectedAppSettings: connectedAppSettingsXml(true) }).status).toBe('compliant');
  });

  it('fails when the feature is available but off', () => {
    const verdict = evaluateRaw(apiAccess, { connectedAppSettings: connectedAppSettingsXml(false) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('available but off');
  });

  it('fails (a real finding, not unknown) when Salesforce omits the field, and says to ask Support', () => {
    const verdict = evaluateRaw(apiAccess, { connectedAppSettings: connectedAppSettingsXml(undefined) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toContain('requested from Salesforce Support');
  });
});

describe('SF.OAUTH.2v1 self-authorised apps in use', () => {
  const selfAuthorised = control('SF.OAUTH.2v1');

  it('passes when every app holding tokens is admin-approved', () => {
    const verdict = evaluateRaw(selfAuthorised, tokens(oauthToken('0CQHs0000001', 'Slack', people.ada), oauthToken('0CQHs0000002', 'Slack', people.alan)));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 1 connected app holding tokens are admin-approved.');
  });

  it('passes with no tokens at all', () => {
    expect(evaluateRaw(selfAuthorised, tokens()).reason).toBe('No OAuth tokens have been granted to connected apps.');
  });

  it('flags self-authorised and uninstalled apps per app, with users', () => {
    const verdict = evaluateRaw(
      selfAuthorised,
      tokens(
        oauthToken('0CQHs0000001', 'Slack', people.ada),
        oauthToken('0CQHs0000002', 'Dataloader Partner', people.alan, { adminApproved: false }),
        oauthToken('0CQHs0000003', 'Dataloader Partner', people.grace, { adminApproved: false }),
        oauthToken('0CQHs0000004', 'My Data Exporter', people.dennis, { adminApproved: null }),
      ),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 3);
    expect(verdict.reason).toBe('2 of 3 connected apps holding OAuth tokens can be authorised by any user: Dataloader Partner and My Data Exporter.');
    expect(verdict.affected).toEqual([
      { id: 'Dataloader Partner', name: 'Dataloader Partner', kind: 'app', detail: 'users may self-authorise · 2 tokens for 2 users' },
      { id: 'My Data Exporter', name: 'My Data Exporter', kind: 'app', detail: 'not installed · 1 token for 1 user' },
    ]);
  });

  it('is unknown when the app policy was not returned', () => {
    const token = oauthToken('0CQHs0000001', 'Slack', people.ada);
    delete token.AppMenuItem;
    expect(evaluateRaw(selfAuthorised, tokens(token)).status).toBe('unknown');
  });
});

describe('SF.OAUTH.3v1 refresh tokens expire', () => {
  const expiry = control('SF.OAUTH.3v1');

  it('passes when every app sets a period (absolute or idle)', () => {
    const verdict = evaluateRaw(expiry, apps(connectedApp('0H4Hs0000001', 'Slack', { refreshPeriod: 90, idleMetric: true }), connectedApp('0H4Hs0000002', 'Jira', { refreshPeriod: 30 })));
    expect(verdict.status).toBe('compliant');
  });

  it('flags apps keeping tokens until revoked', () => {
    const verdict = evaluateRaw(
      expiry,
      apps(connectedApp('0H4Hs0000001', 'Slack'), connectedApp('0H4Hs0000002', 'Salesforce Inspector', { refreshPeriod: null }), connectedApp('0H4Hs0000003', 'Tableau', { refreshPeriod: null }), connectedApp('0H4Hs0000004', 'Jira')),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.reason).toBe('2 of 4 connected apps keep refresh tokens valid until revoked: Salesforce Inspector and Tableau.');
  });

  it('passes with no connected apps', () => {
    expect(evaluateRaw(expiry, apps()).status).toBe('compliant');
  });

  it.each([0, -1, 0.5, 2 ** 31, 1e308])('is an error, never compliant, for a period of %j, which sets no expiry', (refreshPeriod) => {
    const verdict = evaluateRaw(expiry, apps(connectedApp('0H4Hs0000001', 'Slack', { refreshPeriod })));
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('RefreshTokenValidityPeriod');
  });
});

describe('SF.OAUTH.4v1 stale OAuth tokens', () => {
  const stale = control('SF.OAUTH.4v1');

  it('passes when every token was used recently', () => {
    const verdict = evaluateRaw(stale, tokens(oauthToken('0CQHs0000001', 'Slack', people.ada, { lastUsed: daysAgo(5) })));
    expect(verdict.status).toBe('compliant');
  });

  it('lists stale grants as app and user, including never-used old grants', () => {
    const verdict = evaluateRaw(
      stale,
      tokens(
        oauthToken('0CQHs0000001', 'Dataloader Partner', people.alan, { lastUsed: null, created: daysAgo(200) }),
        oauthToken('0CQHs0000002', 'Tableau', people.grace, { lastUsed: daysAgo(150) }),
        oauthToken('0CQHs0000003', 'Slack', people.dennis, { lastUsed: null, created: daysAgo(3) }),
        oauthToken('0CQHs0000004', 'Slack', people.ada, { lastUsed: daysAgo(5) }),
      ),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.affected).toEqual([
      { id: '0CQHs0000001', name: 'Dataloader Partner — Alan Turing', kind: 'oauthToken', detail: 'never used · granted 2025-09-27' },
      { id: '0CQHs0000002', name: 'Tableau — Grace Hopper', kind: 'oauthToken', detail: 'last used 2025-11-16' },
    ]);
    expect(verdict.reason).toBe('2 of 4 OAuth tokens have not been used for 90 days: Dataloader Partner (Alan Turing) and Tableau (Grace Hopper).');
  });

  it('counts from totalSize on a partial read that reached recent tokens', () => {
    const raw = {
      oauthTokens: queryResult(
        'OauthToken',
        [oauthToken('0CQHs0000002', 'Tableau', people.grace, { lastUsed: daysAgo(150) }), oauthToken('0CQHs0000004', 'Slack', people.ada, { lastUsed: daysAgo(5) })],
        { totalSize: 2600 },
      ),
    };
    const verdict = evaluateRaw(stale, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2599 / 2600);
    expect(verdict.reason).toMatch(/^1 of 2600 OAuth tokens/);
    expect(verdict.reason).toContain('the list is partial');
  });

  it('fails when all tokens are stale', () => {
    const verdict = evaluateRaw(stale, tokens(oauthToken('0CQHs0000002', 'Tableau', people.grace, { lastUsed: daysAgo(150) })));
    expect(verdict.status).toBe('non_compliant');
  });
});

describe('SF.OAUTH.5v1 high-assurance sessions', () => {
  const highAssurance = control('SF.OAUTH.5v1');

  it('passes when every app requires high assurance', () => {
    expect(evaluateRaw(highAssurance, apps(connectedApp('0H4Hs0000001', 'Slack', { highAssurance: true }))).status).toBe('compliant');
  });

  it('gives partial credit for the share that require it', () => {
    const verdict = evaluateRaw(highAssurance, apps(connectedApp('0H4Hs0000001', 'Slack', { highAssurance: true }), connectedApp('0H4Hs0000002', 'Jira')));
    expect(verdict.status).toBe('partial');
    expect(verdict.affected[0]!.name).toBe('Jira');
  });

  it('fails when none do', () => {
    expect(evaluateRaw(highAssurance, apps(connectedApp('0H4Hs0000002', 'Jira'))).status).toBe('non_compliant');
  });
});
