import { describe, expect, it } from 'vitest';
import {
  analyseAccess,
  blastRadius,
  buildAccessGraph,
  highPathsOf,
  rateApp,
  type AccessEdge,
  type AccessInventory,
  type AccessNode,
} from './access-graph';
import { thirdPartyApp } from './access-graph.fixtures';

const now = Date.parse('2026-12-01T00:00:00Z');

const app = thirdPartyApp;

const identity = (id: string): AccessNode => ({ id, kind: 'identity', label: id });
const privilege = (id: string): AccessNode => ({ id, kind: 'privilege', label: id });
const capability = (id: string, high = true): AccessNode => ({ id, kind: 'capability', label: id, high });
const actsAs = (from: string, to: string): AccessEdge => ({ from, to, relation: 'acts as' });
const holds = (from: string, to: string): AccessEdge => ({ from, to, relation: 'holds' });
const grants = (from: string, to: string): AccessEdge => ({ from, to, relation: 'grants' });

/**
 *   A ──▶ alice ──▶ Admin ──▶ ModifyAll (high)
 *   A ──▶ bob   ──▶ Admin
 *   B ──▶ bob   ──▶ Viewer ──▶ ReadReports (not high)
 *   C ──▶ carol (holds nothing)
 *
 * High paths: A→alice→Admin→ModifyAll, A→bob→Admin→ModifyAll, B→bob→Admin→ModifyAll = 3.
 * Through Admin: 3; through bob: 2; through alice: 1; through A: 2; through B: 1.
 */
const small: AccessInventory = {
  apps: [app('A'), app('B'), app('C')],
  nodes: [identity('alice'), identity('bob'), identity('carol'), privilege('Admin'), privilege('Viewer'), capability('ModifyAll'), capability('ReadReports', false)],
  edges: [
    actsAs('A', 'alice'),
    actsAs('A', 'bob'),
    actsAs('B', 'bob'),
    actsAs('C', 'carol'),
    holds('alice', 'Admin'),
    holds('bob', 'Admin'),
    holds('bob', 'Viewer'),
    grants('Admin', 'ModifyAll'),
    grants('Viewer', 'ReadReports'),
  ],
  gaps: [],
};

describe('path counting', () => {
  it('counts the paths from each app to a high capability', () => {
    const analysis = analyseAccess(small, now);
    const byId = new Map(analysis.apps.map((entry) => [entry.id, entry]));
    expect(byId.get('A')!.highPaths).toBe(2);
    expect(byId.get('B')!.highPaths).toBe(1);
    expect(byId.get('C')!.highPaths).toBe(0);
    expect(analysis.highPathCount).toBe(3);
  });

  it('ranks the choke points by the high paths through them', () => {
    const { chokePoints } = analyseAccess(small, now);
    expect(chokePoints.map((point) => [point.label, point.paths])).toEqual([
      ['Admin', 3],
      ['bob', 2],
      ['A', 2],
      ['alice', 1],
      ['B', 1],
    ]);
    expect(chokePoints[0]!.share).toBe(1);
  });

  it('names no choke point when no path ends in a high capability', () => {
    const harmless: AccessInventory = { ...small, nodes: small.nodes.map((node) => ({ ...node, high: false })) };
    const analysis = analyseAccess(harmless, now);
    expect(analysis.highPathCount).toBe(0);
    expect(analysis.chokePoints).toEqual([]);
  });

  it('counts a diamond twice, once per way through it', () => {
    const diamond: AccessInventory = {
      apps: [app('X')],
      nodes: [identity('u'), privilege('P1'), privilege('P2'), capability('Root')],
      edges: [actsAs('X', 'u'), holds('u', 'P1'), holds('u', 'P2'), grants('P1', 'Root'), grants('P2', 'Root')],
      gaps: [],
    };
    expect(analyseAccess(diamond, now).highPathCount).toBe(2);
    expect(highPathsOf(buildAccessGraph(diamond).graph, 'X')).toEqual([
      ['X', 'u', 'P1', 'Root'],
      ['X', 'u', 'P2', 'Root'],
    ]);
  });

  it('lets an app grant a capability straight from its scopes, skipping the layers between', () => {
    const direct: AccessInventory = { apps: [app('Svc')], nodes: [capability('ManageUsers')], edges: [grants('Svc', 'ManageUsers')], gaps: [] };
    expect(analyseAccess(direct, now).apps[0]!.highPaths).toBe(1);
  });

  it('leaves out edges that go down the layers or name no node, and says so', () => {
    const broken: AccessInventory = {
      ...small,
      edges: [...small.edges, holds('Admin', 'alice'), actsAs('A', 'nobody'), grants('ModifyAll', 'A')],
    };
    const analysis = analyseAccess(broken, now);
    expect(analysis.highPathCount).toBe(3);
    expect(analysis.gaps).toEqual(['3 links between apps, identities and privileges could not be placed and are left out of the paths.']);
  });

  it('counts a repeated edge once and keeps the first of two nodes with one id', () => {
    const repeated: AccessInventory = {
      ...small,
      nodes: [...small.nodes, privilege('alice')],
      edges: [...small.edges, actsAs('A', 'alice')],
    };
    const analysis = analyseAccess(repeated, now);
    expect(analysis.highPathCount).toBe(3);
    expect(analysis.gaps).toEqual(['Two graph nodes share the id "alice": the second ("alice") is left out.']);
  });
});

describe('paths and blast radius of one app', () => {
  const { graph } = buildAccessGraph(small);

  it('lists the app’s high paths, most-travelled branch first, up to the limit', () => {
    expect(highPathsOf(graph, 'A')).toEqual([
      ['A', 'alice', 'Admin', 'ModifyAll'],
      ['A', 'bob', 'Admin', 'ModifyAll'],
    ]);
    expect(highPathsOf(graph, 'A', 1)).toHaveLength(1);
    expect(highPathsOf(graph, 'C')).toEqual([]);
  });

  it('reaches everything downstream, high or not', () => {
    const radius = blastRadius(graph, 'B');
    expect(radius.identities.map((node) => node.id)).toEqual(['bob']);
    expect(radius.privileges.map((node) => node.id).sort()).toEqual(['Admin', 'Viewer']);
    expect(radius.capabilities.map((node) => node.id).sort()).toEqual(['ModifyAll', 'ReadReports']);
    expect(radius.highCapabilities.map((node) => node.id)).toEqual(['ModifyAll']);
  });

  it('is empty for an app no one authorised', () => {
    const radius = blastRadius(graph, 'C');
    expect(radius.privileges).toEqual([]);
    expect(radius.capabilities).toEqual([]);
  });
});

describe('rating', () => {
  const unreached = { highPaths: 0, reaches: [], identities: 0 };

  it('rates a used, admin-approved, verified app with narrow scopes low', () => {
    expect(rateApp(app('A'), unreached, now)).toEqual({ rating: 'low', points: 0, reasons: [] });
  });

  it('rates a self-authorised app from an unverified publisher with full access that reaches admin high, saying why', () => {
    const risky = app('Dataloader Pro', {
      publisher: 'quick-tools.example',
      reputation: 'unverified',
      authorization: 'self_authorised',
      broadScopes: ['full', 'refresh_token'],
    });
    const rated = rateApp(risky, { highPaths: 2, reaches: [capability('Modify All Data')], identities: 1 }, now);
    expect(rated.rating).toBe('high');
    expect(rated.reasons).toEqual([
      'Reaches Modify All Data through 1 identity (2 paths).',
      'Granted broad scopes: full, refresh_token.',
      'Users can authorise it themselves, without an admin approving it.',
      'Its publisher (quick-tools.example) is not verified.',
    ]);
  });

  it('calls an app unused for 90 days or never used but holding tokens stale; a recent one is not', () => {
    expect(rateApp(app('A', { lastUsed: '2026-09-01T00:00:00Z', liveTokens: 3 }), unreached, now).reasons).toEqual([
      'Not used for 91 days but holds 3 live tokens.',
    ]);
    expect(rateApp(app('A', { lastUsed: 'never', liveTokens: 1 }), unreached, now).reasons).toEqual(['Never used but holds 1 live token.']);
    expect(rateApp(app('A', { lastUsed: '2026-09-03T00:00:00Z', liveTokens: 3 }), unreached, now).reasons).toEqual([]);
    expect(rateApp(app('A', { lastUsed: 'never', liveTokens: 0 }), unreached, now).reasons).toEqual([]);
  });

  it('never rates an app low on facts that could not be read', () => {
    const unread = app('A', { scopes: null, authorization: 'unknown', reputation: 'unknown', liveTokens: null, lastUsed: null });
    const rated = rateApp(unread, unreached, now);
    expect(rated.rating).not.toBe('low');
    expect(rated.reasons).toEqual([
      'Its scopes could not be read.',
      'Who may authorise it could not be read.',
      'Its publisher is not known.',
      'Its live tokens could not be counted.',
    ]);
  });

  it('adds the connector’s own risks with their points', () => {
    const relaxed = app('A', { risks: [{ reason: 'IP restrictions are relaxed.', points: 3 }] });
    expect(rateApp(relaxed, unreached, now)).toEqual({ rating: 'medium', points: 3, reasons: ['IP restrictions are relaxed.'] });
  });

  it('lists the riskiest apps first', () => {
    const inventory: AccessInventory = {
      ...small,
      apps: [app('A'), app('B', { authorization: 'self_authorised', reputation: 'unverified' }), app('C')],
    };
    expect(analyseAccess(inventory, now).apps.map((entry) => [entry.id, entry.rating])).toEqual([
      ['B', 'high'],
      ['A', 'medium'],
      ['C', 'low'],
    ]);
  });
});
