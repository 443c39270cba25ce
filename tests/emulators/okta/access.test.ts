import { describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { highPathsOf, nodeOf } from '@/utils/access-graph';
import { accessOfSnapshot } from '@/utils/access-view';
import { evaluateSnapshot } from '@/utils/evaluate';
import { baseSnapshots, type BaseSnapshot } from '../../fuzz/bases';
import { acmeOrg, emptyOrg, globexOrg, startOktaEmulator } from '.';
import { signIn } from './test-client';

/** The demo orgs' third-party apps as a scan of the emulator reads them: the planted path, its choke point, the empty org. */
describe('Okta emulator: third-party apps and attack paths', async () => {
  const bases: BaseSnapshot[] = await baseSnapshots(oktaConnector);
  const analysisOf = (name: string) => {
    const base = bases.find((candidate) => candidate.name === `okta/${name}`);
    if (!base) throw new Error(`no scan of ${name}`);
    return { analysis: accessOfSnapshot(oktaConnector, base.snapshot)!, snapshot: base.snapshot };
  };
  const labelsOf = (analysis: ReturnType<typeof analysisOf>['analysis'], path: string[]) => path.map((id) => nodeOf(analysis.graph, id)!.label);

  it('Acme: the unverified Quick Sync Bot reaches Super Administrator through its own client, and is the choke point', () => {
    const { analysis } = analysisOf('acme');
    const bot = analysis.apps.find((app) => app.name === 'Quick Sync Bot')!;
    expect(bot).toMatchObject({ reputation: 'unverified', rating: 'high', broadScopes: ['okta.roles.manage', 'okta.users.manage'], authorization: 'admin_approved' });
    expect(highPathsOf(analysis.graph, bot.id).map((path) => labelsOf(analysis, path))).toContainEqual([
      'Quick Sync Bot', 'Quick Sync Bot (its own client)', 'Super Administrator', 'Super Administrator rights',
    ]);
    expect(analysis.chokePoints[0]).toMatchObject({ label: 'Quick Sync Bot', kind: 'app' });
    expect(analysis.apps.map((app) => app.name).sort()).toEqual(['Acme Portal', 'LogSentry SIEM', 'PeopleDesk HR Sync', 'Quick Sync Bot', 'Salesforce.com', 'Slack', 'Travel Desk']);
    expect(analysis.apps.find((app) => app.name === 'Acme Portal')).toMatchObject({ authorization: 'self_authorised', highPaths: 0, liveTokens: 3 });
    expect(analysis.gaps).toEqual([]);
  });

  it('Acme: Travel Desk is idle beyond the System Log yet holds three live refresh tokens; PeopleDesk HR Sync is idle too', () => {
    const { analysis } = analysisOf('acme');
    const byName = (name: string) => analysis.apps.find((app) => app.name === name)!;
    expect(byName('Travel Desk')).toMatchObject({ lastUsed: null, liveTokens: 3 });
    expect(byName('Travel Desk').reasons).toContain('Not used in the 90 days the System Log keeps, yet holds 3 live refresh tokens.');
    expect(byName('PeopleDesk HR Sync').facts).toContainEqual({ label: 'Last use', value: 'none in the 90 days the System Log keeps' });
    expect(byName('Quick Sync Bot').lastUsed).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(byName('LogSentry SIEM').lastUsed).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('Globex: the custom Admin Toolkit acts as Alan Turing, a Super Administrator', () => {
    const { analysis } = analysisOf('globex');
    const toolkit = analysis.apps.find((app) => app.name === 'Globex Admin Toolkit')!;
    expect(toolkit).toMatchObject({ reputation: 'unverified', rating: 'high' });
    expect(highPathsOf(analysis.graph, toolkit.id).map((path) => labelsOf(analysis, path))).toEqual([
      ['Globex Admin Toolkit', 'Alan Turing', 'Super Administrator', 'Super Administrator rights'],
    ]);
    expect(analysis.chokePoints.map((point) => point.label)).toEqual(['Super Administrator', 'Alan Turing', 'Globex Admin Toolkit']);
    expect(analysis.gaps).toEqual([]);
  });

  it('the demo orgs fail the third-party controls the planted apps break', () => {
    const verdicts = (name: string) =>
      Object.fromEntries(evaluateSnapshot(oktaConnector, analysisOf(name).snapshot).findings.filter((finding) => finding.controlId.startsWith('OKTA.OAUTH.')).map((finding) => [finding.controlId, finding.verdict.status]));
    expect(verdicts('acme')).toEqual({ 'OKTA.OAUTH.1v1': 'partial', 'OKTA.OAUTH.2v1': 'partial', 'OKTA.OAUTH.3v1': 'partial', 'OKTA.OAUTH.4v1': 'partial', 'OKTA.OAUTH.5v1': 'partial' });
    expect(verdicts('globex')).toEqual({ 'OKTA.OAUTH.1v1': 'partial', 'OKTA.OAUTH.2v1': 'partial', 'OKTA.OAUTH.3v1': 'compliant', 'OKTA.OAUTH.4v1': 'compliant', 'OKTA.OAUTH.5v1': 'compliant' });
  });

});

describe('Okta emulator: the third-party app endpoints', () => {
  it('serves grants, client roles, API service integrations and app links as Okta does; the empty org has none; a Classic org answers 404 for integrations', async () => {
    const emulator = await startOktaEmulator({ orgs: [acmeOrg(), emptyOrg(), { ...globexOrg(), name: 'classic', pipeline: 'v1' }] });
    try {
      const acme = await signIn(emulator, 'acme');
      const apps = (await acme.api('/api/v1/apps?limit=200')).json<Array<{ id: string; label: string; credentials?: { oauthClient?: { client_id: string } } }>>();
      const bot = apps.find((app) => app.label === 'Quick Sync Bot')!;
      const grants = (await acme.api(`/api/v1/apps/${bot.id}/grants`)).json<Array<{ scopeId: string; source: string; _links: { client: { href: string } } }>>();
      expect(grants.map((grant) => [grant.scopeId, grant.source])).toEqual([['okta.users.manage', 'ADMIN'], ['okta.roles.manage', 'ADMIN'], ['okta.groups.read', 'ADMIN']]);
      const roles = (await acme.api(`/oauth2/v1/clients/${bot.credentials!.oauthClient!.client_id}/roles`)).json<Array<{ type: string; assignmentType: string }>>();
      expect(roles).toMatchObject([{ type: 'SUPER_ADMIN', assignmentType: 'CLIENT' }]);
      expect((await acme.api('/oauth2/v1/clients/0oaNoSuchClient/roles')).status).toBe(404);
      const integrations = (await acme.api('/integrations/api/v1/api-services')).json<Array<{ name: string; grantedScopes: string[] }>>();
      expect(integrations).toMatchObject([
        { name: 'LogSentry SIEM', grantedScopes: ['okta.logs.read', 'okta.users.read'] },
        { name: 'PeopleDesk HR Sync', grantedScopes: ['okta.users.read', 'okta.groups.read'] },
      ]);
      const admins = (await acme.api('/api/v1/iam/assignees/users')).json<{ value: Array<{ id: string }> }>().value;
      const links = (await acme.api(`/api/v1/users/${admins[0]!.id}/appLinks`)).json<Array<{ label: string; appInstanceId: string }>>();
      expect(links.map((link) => link.label).sort()).toEqual(['Acme Portal', 'Salesforce.com', 'Slack']);

      const portal = apps.find((app) => app.label === 'Acme Portal')!;
      const firstPage = await acme.api(`/api/v1/apps/${portal.id}/tokens?limit=2`);
      expect(firstPage.json<Array<{ status: string; clientId: string }>>()).toMatchObject([{ status: 'ACTIVE', clientId: portal.id }, { status: 'ACTIVE' }]);
      const next = /<https:\/\/[^/]+([^>]+)>; rel="next"/.exec(String(firstPage.headers.link))![1]!;
      expect((await acme.api(next)).json<Array<{ status: string }>>().map((token) => token.status)).toEqual(['ACTIVE', 'REVOKED']);
      expect((await acme.api('/api/v1/apps/0oaNoSuchApp/tokens')).status).toBe(404);

      const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
      const logs = (filter: string, extra = '') => acme.api(`/api/v1/logs?${new URLSearchParams({ filter, since, sortOrder: 'DESCENDING' })}${extra}`);
      const botEvents = (await logs(`actor.id eq "${bot.id}"`)).json<Array<{ eventType: string; published: string; actor: { type: string; displayName: string } }>>();
      expect(botEvents.map((event) => event.actor)).toMatchObject([{ type: 'PublicClientApp', displayName: 'Quick Sync Bot' }, {}, {}]);
      expect(botEvents.map((event) => event.published)).toEqual([...botEvents.map((event) => event.published)].sort().reverse());
      const newest = (await logs(`actor.id eq "${bot.id}"`, '&limit=1')).json<Array<{ published: string }>>();
      expect(newest).toEqual([expect.objectContaining({ published: botEvents[0]!.published })]);
      // Travel Desk's last use, 120 days ago, has left the log: nothing is served, whatever `since` asks.
      const travelDesk = apps.find((app) => app.label === 'Travel Desk')!;
      expect((await logs(`actor.id eq "${travelDesk.id}"`)).json()).toEqual([]);
      expect((await acme.api(`/api/v1/logs?${new URLSearchParams({ filter: `actor.id eq "${travelDesk.id}"`, since: '2020-01-01T00:00:00.000Z' })}`)).json()).toEqual([]);
      // A user's sign-in to the portal names the portal as a target, not as the actor.
      expect((await logs(`target.id eq "${portal.id}" and eventType eq "user.authentication.sso"`)).json<unknown[]>()).toHaveLength(1);
      const unsupported = await logs(`debugContext.debugData.grantType eq "client_credentials"`);
      expect(unsupported.status).toBe(400);
      expect(unsupported.json()).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: filter' });
      expect((await acme.api('/api/v1/logs?sortOrder=NEWEST')).status).toBe(400);

      const empty = await signIn(emulator, 'initech');
      expect((await empty.api('/api/v1/logs')).json()).toEqual([]);
      expect((await empty.api('/integrations/api/v1/api-services')).json()).toEqual([]);
      const emptyAdmins = (await empty.api('/api/v1/iam/assignees/users')).json<{ value: Array<{ id: string }> }>().value;
      expect((await empty.api(`/api/v1/users/${emptyAdmins[0]!.id}/appLinks`)).json()).toEqual([]);

      const classic = await signIn(emulator, 'classic');
      const absent = await classic.api('/integrations/api/v1/api-services');
      expect(absent.status).toBe(404);
      expect(absent.json()).toMatchObject({ errorCode: 'E0000007' });
    } finally {
      await emulator.close();
    }
  });
});
