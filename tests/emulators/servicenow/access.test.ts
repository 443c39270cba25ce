import { beforeAll, describe, expect, it } from 'vitest';
import { serviceNowConnector } from '@/connectors/servicenow';
import { highPathsOf, nodeOf, type AccessAnalysis } from '@/utils/access-graph';
import { accessOfSnapshot } from '@/utils/access-view';
import { evaluateControl } from '@/utils/evaluate';
import type { Snapshot } from '@/utils/snapshot';
import { baseSnapshots } from '../../fuzz/bases';
import { emptyInstance } from './instances';

/** The demo instances scanned through the emulator, as a scan reads them: their OAuth clients and the paths they open. */
let snapshots: Map<string, Snapshot>;
beforeAll(async () => {
  snapshots = new Map((await baseSnapshots(serviceNowConnector)).map((base) => [base.name.replace('servicenow/', ''), base.snapshot]));
}, 60_000);

const analysisOf = (instance: string) => accessOfSnapshot(serviceNowConnector, snapshots.get(instance)!)!;
const pathLabels = (analysis: AccessAnalysis, appName: string) => {
  const app = analysis.apps.find((candidate) => candidate.name === appName)!;
  return highPathsOf(analysis.graph, app.id).map((path) => path.map((id) => nodeOf(analysis.graph, id)!.label).join(' → '));
};
const verdictOf = (instance: string, id: string) => {
  const snapshot = snapshots.get(instance)!;
  return evaluateControl(serviceNowConnector.controls.find((control) => control.id === id)!, serviceNowConnector.parse(snapshot.sources, snapshot.collectedAt));
};

describe('the demo scans', () => {
  it('read every source, the new OAuth ones included', () => {
    for (const [instance, snapshot] of snapshots) {
      const failed = Object.entries(serviceNowConnector.parse(snapshot.sources, snapshot.collectedAt)).filter(([, source]) => !source.ok);
      expect(failed.map(([id]) => id), instance).toEqual([]);
    }
  });
});

describe('acme: a locally registered client acting as an admin integration account', () => {
  it('lists its OAuth clients, rated, without the Okta provider', () => {
    const analysis = analysisOf('acme');
    expect(analysis.gaps).toEqual([]);
    expect(analysis.apps.map((app) => `${app.name}: ${app.rating} (${app.reputation})`).sort()).toEqual([
      'Legacy Reporting Connector: high (unverified)',
      'ServiceNow Mobile: high (vendor)',
      'Slack Integration: medium (verified)',
      'Ticket Sync Connector: high (unverified)',
    ]);
  });

  it('shows the path from Ticket Sync Connector to full administration and names svc.integration the choke point', () => {
    const analysis = analysisOf('acme');
    expect(pathLabels(analysis, 'Ticket Sync Connector')).toEqual([
      'Ticket Sync Connector → Integration Service Account → admin role → Full administration',
      'Ticket Sync Connector → Integration Service Account → oauth_admin role → Manage OAuth apps and tokens',
    ]);
    expect(analysis.highPathCount).toBe(7);
    expect(analysis.chokePoints[0]).toMatchObject({ kind: 'identity', label: 'Integration Service Account', paths: 4 });
  });

  it('fails the third-party checks on the planted clients', () => {
    expect(verdictOf('acme', 'SN.OAUTH.4v1')).toMatchObject({ status: 'partial', fraction: 0.75 });
    expect(verdictOf('acme', 'SN.OAUTH.4v1').reason).toContain('Legacy Reporting Connector (1 live token, newest issued');
    expect(verdictOf('acme', 'SN.OAUTH.5v1')).toMatchObject({ status: 'partial', fraction: 0.25 });
    expect(verdictOf('acme', 'SN.OAUTH.6v1')).toMatchObject({ status: 'non_compliant' });
    expect(verdictOf('acme', 'SN.OAUTH.6v1').notes[0]).toBe('Choke point: Integration Service Account is on 4 paths of 7 to a privileged role; removing it cuts them all.');
    expect(verdictOf('acme', 'SN.OAUTH.7v1')).toMatchObject({ status: 'non_compliant', affectedTotal: 3 });
    expect(verdictOf('acme', 'SN.OAUTH.7v1').reason).toContain('Ticket Sync Connector (created locally by bob.builder; no scope of its own)');
  });
});

describe('globex: one hand-registered add-on acting as an admin', () => {
  it('shows the path from Spreadsheet Export Add-on to full administration through Ada Lovelace', () => {
    const analysis = analysisOf('globex');
    expect(analysis.gaps).toEqual([]);
    expect(analysis.apps.map((app) => app.name).sort()).toEqual(['Globex Data Sync', 'ServiceNow Mobile', 'Spreadsheet Export Add-on']);
    expect(pathLabels(analysis, 'Spreadsheet Export Add-on')[0]).toBe('Spreadsheet Export Add-on → Ada Lovelace → admin role → Full administration');
    expect(analysis.chokePoints[0]).toMatchObject({ kind: 'identity', label: 'Ada Lovelace', paths: 2, share: 1 });
    expect(analysis.apps.find((app) => app.name === 'Globex Data Sync')).toMatchObject({ authorization: 'admin_approved', reputation: 'verified', highPaths: 0 });
  });

  it('passes the unused-token check and fails the path and self-authorisation checks on the add-on only', () => {
    expect(verdictOf('globex', 'SN.OAUTH.4v1').status).toBe('compliant');
    expect(verdictOf('globex', 'SN.OAUTH.5v1')).toMatchObject({ status: 'partial', fraction: 0.5 });
    expect(verdictOf('globex', 'SN.OAUTH.6v1')).toMatchObject({ status: 'non_compliant' });
    expect(verdictOf('globex', 'SN.OAUTH.7v1').reason).toBe(
      '1 of 1 OAuth client that users authorise themselves gets every right of whoever allows it (useraccount): Spreadsheet Export Add-on (created locally by ada.lovelace; no scope of its own).',
    );
  });
});

describe('initech (the empty instance)', () => {
  it('seeds no OAuth client, scope or token', () => {
    const tables = emptyInstance().tables;
    for (const table of ['oauth_entity', 'oauth_entity_scope', 'oauth_credential']) expect(tables[table] ?? [], table).toEqual([]);
  });
});
