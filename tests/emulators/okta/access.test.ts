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
    expect(analysis.apps.map((app) => app.name).sort()).toEqual(['Acme Portal', 'LogSentry SIEM', 'Quick Sync Bot', 'Salesforce.com', 'Slack']);
    expect(analysis.apps.find((app) => app.name === 'Acme Portal')).toMatchObject({ authorization: 'self_authorised', highPaths: 0 });
    expect(analysis.gaps).toEqual([]);
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
    expect(verdicts('acme')).toEqual({ 'OKTA.OAUTH.1v1': 'partial', 'OKTA.OAUTH.2v1': 'partial', 'OKTA.OAUTH.3v1': 'partial' });
    expect(verdicts('globex')).toEqual({ 'OKTA.OAUTH.1v1': 'partial', 'OKTA.OAUTH.2v1': 'partial', 'OKTA.OAUTH.3v1': 'compliant' });
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
      expect(integrations).toMatchObject([{ name: 'LogSentry SIEM', grantedScopes: ['okta.logs.read', 'okta.users.read'] }]);
      const admins = (await acme.api('/api/v1/iam/assignees/users')).json<{ value: Array<{ id: string }> }>().value;
      const links = (await acme.api(`/api/v1/users/${admins[0]!.id}/appLinks`)).json<Array<{ label: string; appInstanceId: string }>>();
      expect(links.map((link) => link.label).sort()).toEqual(['Acme Portal', 'Salesforce.com', 'Slack']);

      const empty = await signIn(emulator, 'initech');
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
