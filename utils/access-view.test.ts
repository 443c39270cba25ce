import { describe, expect, it } from 'vitest';
import { buildAccessGraph, type AccessInventory, type ThirdPartyApp } from './access-graph';
import { accessOfSnapshot, layoutHighPaths } from './access-view';
import type { Snapshot } from './snapshot';

const app = (id: string): ThirdPartyApp => ({
  id,
  name: `App ${id}`,
  kind: 'OAuth app',
  publisher: null,
  reputation: 'unknown',
  scopes: [],
  broadScopes: [],
  authorization: 'admin_approved',
  lastUsed: null,
  liveTokens: 0,
  createdAt: null,
  facts: [],
  risks: [],
});

/** a1 → u1 → Admin → Root (high); a2 → u2 → Viewer → Read (not high); a3 → u1. */
const inventory: AccessInventory = {
  apps: [app('a1'), app('a2'), app('a3')],
  nodes: [
    { id: 'u1', kind: 'identity', label: 'u1' },
    { id: 'u2', kind: 'identity', label: 'u2' },
    { id: 'Admin', kind: 'privilege', label: 'Admin' },
    { id: 'Viewer', kind: 'privilege', label: 'Viewer' },
    { id: 'Root', kind: 'capability', label: 'Root', high: true },
    { id: 'Read', kind: 'capability', label: 'Read' },
  ],
  edges: [
    { from: 'a1', to: 'u1', relation: 'acts as' },
    { from: 'a3', to: 'u1', relation: 'acts as' },
    { from: 'a2', to: 'u2', relation: 'acts as' },
    { from: 'u1', to: 'Admin', relation: 'holds' },
    { from: 'u2', to: 'Viewer', relation: 'holds' },
    { from: 'Admin', to: 'Root', relation: 'grants' },
    { from: 'Viewer', to: 'Read', relation: 'grants' },
  ],
  gaps: [],
};

describe('layoutHighPaths', () => {
  const { graph } = buildAccessGraph(inventory);

  it('draws only what lies on a path to a high capability, one column per layer', () => {
    const layout = layoutHighPaths(graph, undefined);
    expect(layout.nodes.map((node) => [node.id, node.kind])).toEqual([
      ['a1', 'app'],
      ['a3', 'app'],
      ['u1', 'identity'],
      ['Admin', 'privilege'],
      ['Root', 'capability'],
    ]);
    expect(layout.edges.map((edge) => `${edge.from}>${edge.to}`).sort()).toEqual(['Admin>Root', 'a1>u1', 'a3>u1', 'u1>Admin']);
    expect(new Set(layout.nodes.filter((node) => node.kind === 'app').map((node) => node.x)).size).toBe(1);
  });

  it('highlights the selected app’s paths and dims the rest', () => {
    const layout = layoutHighPaths(graph, 'a3');
    expect(layout.nodes.filter((node) => node.highlighted).map((node) => node.id)).toEqual(['a3', 'u1', 'Admin', 'Root']);
    expect(layout.edges.filter((edge) => edge.highlighted).map((edge) => `${edge.from}>${edge.to}`).sort()).toEqual(['Admin>Root', 'a3>u1', 'u1>Admin']);
  });

  it('caps each column, keeping the selected app, and counts what it left out', () => {
    const layout = layoutHighPaths(graph, 'a3', 1);
    expect(layout.nodes.filter((node) => node.kind === 'app').map((node) => node.id)).toEqual(['a3']);
    expect(layout.hidden).toEqual({ app: 1, identity: 0, privilege: 0, capability: 0 });
  });
});

describe('accessOfSnapshot', () => {
  const snapshot: Snapshot = { collectedAt: '2026-12-01T00:00:00.000Z', sources: {} } as unknown as Snapshot;

  it('is undefined for an app that describes no inventory', () => {
    expect(accessOfSnapshot({ parse: () => ({}) }, snapshot)).toBeUndefined();
  });

  it('analyses what the connector builds from the parsed sources, dated at the scan', () => {
    const seen: string[] = [];
    const analysis = accessOfSnapshot(
      {
        parse: () => ({}),
        accessInventory: (_parsed, collectedAt) => {
          seen.push(collectedAt);
          return inventory;
        },
      },
      snapshot,
    );
    expect(seen).toEqual(['2026-12-01T00:00:00.000Z']);
    expect(analysis?.highPathCount).toBe(2);
  });
});
