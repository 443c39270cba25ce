import {
  analyseAccess,
  highPathsOf,
  nodeOf,
  pathsFromApps,
  pathsToHigh,
  successorsOf,
  type AccessAnalysis,
  type AccessGraph,
  type AccessNodeKind,
} from './access-graph';
import type { Connector } from './connector';
import type { Snapshot } from './snapshot';

/**
 * A scan's access analysis, from its stored snapshot: undefined when the app describes no inventory. Dated
 * at the scan, so "unused for 90 days" means at the time of the scan and the same snapshot always reads the same.
 */
export function accessOfSnapshot(connector: Pick<Connector, 'parse' | 'accessInventory'>, snapshot: Snapshot): AccessAnalysis | undefined {
  if (!connector.accessInventory) return undefined;
  const parsed = connector.parse(snapshot.sources, snapshot.collectedAt);
  return analyseAccess(connector.accessInventory(parsed, snapshot.collectedAt), Date.parse(snapshot.collectedAt));
}

export const columnKinds: readonly AccessNodeKind[] = ['app', 'identity', 'privilege', 'capability'];
export const columnTitles: Record<AccessNodeKind, string> = {
  app: 'Apps',
  identity: 'Identities',
  privilege: 'Privileges',
  capability: 'Capabilities',
};

export interface LaidOutNode {
  id: string;
  kind: AccessNodeKind;
  label: string;
  x: number;
  y: number;
  /** On a path of the selected app (or of any app when none is selected). */
  highlighted: boolean;
  high: boolean;
}

export interface GraphLayout {
  nodes: LaidOutNode[];
  edges: Array<{ from: string; to: string; x1: number; y1: number; x2: number; y2: number; highlighted: boolean }>;
  width: number;
  height: number;
  /** Nodes on high paths left out of the drawing to keep it readable, by column. */
  hidden: Record<AccessNodeKind, number>;
}

export const layoutMetrics = { columnWidth: 260, rowHeight: 34, nodeWidth: 200, nodeHeight: 24, top: 40, left: 20 } as const;

/**
 * The part of the graph drawn: every node on a path to a high capability (the paths the admin must see),
 * at most `perColumn` per column, the busiest first; the selected app's paths are always drawn.
 */
export function layoutHighPaths(graph: AccessGraph, selectedAppId: string | undefined, perColumn = 40): GraphLayout {
  const throughput = (id: string) => pathsFromApps(graph, id) * pathsToHigh(graph, id);
  const selectedPaths = selectedAppId ? highPathsOf(graph, selectedAppId, 200) : [];
  const selectedIds = new Set(selectedPaths.flat());
  const columns = new Map<AccessNodeKind, string[]>(columnKinds.map((kind) => [kind, []]));
  for (const node of graph.nodes.values()) if (throughput(node.id) > 0) columns.get(node.kind)!.push(node.id);
  const hidden = { app: 0, identity: 0, privilege: 0, capability: 0 } as Record<AccessNodeKind, number>;
  const shown = new Set<string>();
  for (const kind of columnKinds) {
    const ids = columns.get(kind)!;
    ids.sort((a, b) => Number(selectedIds.has(b)) - Number(selectedIds.has(a)) || throughput(b) - throughput(a) || a.localeCompare(b));
    const kept = ids.slice(0, perColumn);
    hidden[kind] = ids.length - kept.length;
    for (const id of kept) shown.add(id);
    columns.set(kind, kept);
  }
  const { columnWidth, rowHeight, nodeWidth, nodeHeight, top, left } = layoutMetrics;
  const position = new Map<string, { x: number; y: number }>();
  const nodes: LaidOutNode[] = [];
  columnKinds.forEach((kind, column) => {
    columns.get(kind)!.forEach((id, row) => {
      const node = nodeOf(graph, id)!;
      const x = left + column * columnWidth;
      const y = top + row * rowHeight;
      position.set(id, { x, y });
      nodes.push({
        id,
        kind,
        label: node.label,
        x,
        y,
        highlighted: selectedAppId ? selectedIds.has(id) : true,
        high: node.kind === 'capability' && Boolean(node.high),
      });
    });
  });
  const selectedEdges = new Set(selectedPaths.flatMap((path) => path.slice(1).map((id, index) => `${path[index]}\u0000${id}`)));
  const edges: GraphLayout['edges'] = [];
  for (const from of shown) {
    for (const to of successorsOf(graph, from)) {
      if (!shown.has(to) || pathsToHigh(graph, to) === 0) continue;
      const a = position.get(from)!;
      const b = position.get(to)!;
      edges.push({
        from,
        to,
        x1: a.x + nodeWidth,
        y1: a.y + nodeHeight / 2,
        x2: b.x,
        y2: b.y + nodeHeight / 2,
        highlighted: selectedAppId ? selectedEdges.has(`${from}\u0000${to}`) : true,
      });
    }
  }
  const rows = Math.max(1, ...columnKinds.map((kind) => columns.get(kind)!.length));
  return { nodes, edges, width: left * 2 + columnKinds.length * columnWidth, height: top + rows * rowHeight + 10, hidden };
}
