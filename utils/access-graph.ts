/**
 * Third-party apps and the attack paths they open, whatever the SaaS: each connector describes its apps and a
 * layered graph (app → identity it acts as → privilege the identity holds → capability the privilege grants);
 * this module rates the apps, counts the paths that end in a high capability, finds the choke points and the
 * blast radius of one app. Pure: the portal, the bench and the controls call it on a connector's inventory.
 */

import { count } from './evidence';

export type AppAuthorization = 'admin_approved' | 'self_authorised' | 'unknown';
/** `vendor`: published by the SaaS vendor; `verified`: a publisher the vendor or the org vouches for (listed, installed package). */
export type PublisherReputation = 'vendor' | 'verified' | 'unverified' | 'unknown';

export interface ThirdPartyApp {
  /** Unique among the instance's graph nodes. */
  id: string;
  name: string;
  /** What the SaaS calls it: "Connected app", "API service integration", "OAuth entity"… */
  kind: string;
  publisher: string | null;
  reputation: PublisherReputation;
  /** The scopes it was granted, as the SaaS names them; null when they could not be read. */
  scopes: string[] | null;
  /** The scopes among `scopes` that reach everything its identities can, or the admin API. */
  broadScopes: string[];
  authorization: AppAuthorization;
  /** ISO date of last use; `never` when it was never used; null when unknown. */
  lastUsed: string | 'never' | null;
  /** Live tokens or grants it holds; null when they could not be counted. */
  liveTokens: number | null;
  createdAt: string | null;
  /** App-specific settings worth showing beside it (IP relaxation, refresh-token policy, sign-on mode…). */
  facts: Array<{ label: string; value: string }>;
  /** Risks only the connector can judge, each with the points it adds to the app's rating. */
  risks: Array<{ reason: string; points: number }>;
  /** The admin page where the app is managed (`AdminPage.key`). */
  page?: string;
}

export type AccessNodeKind = 'app' | 'identity' | 'privilege' | 'capability';

export interface AccessNode {
  id: string;
  kind: Exclude<AccessNodeKind, 'app'>;
  label: string;
  /** e.g. the username, or what the capability lets one do. */
  detail?: string;
  /** A capability attack paths end in (Modify All Data, Super Admin, the `admin` role, API access to all data). */
  high?: boolean;
  /** Where the privilege or identity is managed (`AdminPage.key`). */
  page?: string;
}

/** `acts as`: the app's tokens act as the identity (it authorised or is assigned the app); `holds`: the identity holds the privilege; `grants`: the privilege (or an app's own scope) grants the capability. */
export type AccessRelation = 'acts as' | 'holds' | 'grants';

export interface AccessEdge {
  from: string;
  to: string;
  relation: AccessRelation;
}

export interface AccessInventory {
  apps: ThirdPartyApp[];
  /** Identities, privileges and capabilities: each app is a node of its own. */
  nodes: AccessNode[];
  edges: AccessEdge[];
  /** What could not be read, each saying what the inventory and graph are missing because of it. */
  gaps: string[];
}

export type AppRating = 'high' | 'medium' | 'low';

export interface RatedApp extends ThirdPartyApp {
  rating: AppRating;
  points: number;
  reasons: string[];
  /** Paths from the app to a high capability. */
  highPaths: number;
  /** The high capabilities it reaches. */
  reaches: AccessNode[];
}

export interface ChokePoint {
  id: string;
  kind: AccessNodeKind;
  label: string;
  /** High-privilege paths through it, and their share of all of them. */
  paths: number;
  share: number;
}

export interface AccessAnalysis {
  apps: RatedApp[];
  highPathCount: number;
  chokePoints: ChokePoint[];
  graph: AccessGraph;
  gaps: string[];
}

/**
 * The graph in arrays, for speed on large orgs: nodes ordered by layer (apps, identities, privileges,
 * capabilities), so an index order is a topological one; each node's successors and predecessors are a slice of
 * a flat array. Read it through `nodeOf`, `successorsOf`, `pathsToHigh` and `pathsFromApps`.
 */
export interface AccessGraph {
  readonly nodes: ReadonlyArray<AccessNode | AppNode>;
  readonly index: ReadonlyMap<string, number>;
  readonly outStart: Int32Array;
  readonly outTargets: Int32Array;
  /** Paths from the node to a high capability, by index. */
  readonly toHigh: Float64Array;
  /** Paths from any app to the node, by index. */
  readonly fromApps: Float64Array;
}

export interface AppNode {
  id: string;
  kind: 'app';
  label: string;
}

const layer: Record<AccessNodeKind, number> = { app: 0, identity: 1, privilege: 2, capability: 3 };

/** Days without use after which an app still holding tokens counts as stale. */
export const staleAfterDays = 90;
const dayMs = 86_400_000;

export const ratingThresholds = { high: 6, medium: 3 } as const;

/** Builds the graph once: edges that do not go up the layers (app → identity → privilege → capability) or name no node are left out and said in `gaps`. */
export function buildAccessGraph(inventory: AccessInventory): { graph: AccessGraph; gaps: string[] } {
  const gaps: string[] = [];
  const unique = new Map<string, AccessNode | AppNode>();
  for (const app of inventory.apps) unique.set(app.id, { id: app.id, kind: 'app', label: app.name });
  for (const node of inventory.nodes) {
    if (unique.has(node.id)) gaps.push(`Two graph nodes share the id "${node.id}": the second ("${node.label}") is left out.`);
    else unique.set(node.id, node);
  }
  const nodes = [...unique.values()].sort((a, b) => layer[a.kind] - layer[b.kind]);
  const index = new Map<string, number>();
  nodes.forEach((node, position) => index.set(node.id, position));
  const nodeCount = nodes.length;

  const froms: number[] = [];
  const tos: number[] = [];
  let dropped = 0;
  for (const edge of inventory.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined || layer[nodes[from]!.kind] >= layer[nodes[to]!.kind]) dropped += 1;
    else {
      froms.push(from);
      tos.push(to);
    }
  }
  if (dropped) gaps.push(`${dropped} link${dropped === 1 ? '' : 's'} between apps, identities and privileges could not be placed and are left out of the paths.`);

  // Counting sort of the edges by source, then each source's targets sorted and deduplicated.
  const outStart = new Int32Array(nodeCount + 1);
  for (const from of froms) outStart[from + 1]! += 1;
  for (let node = 0; node < nodeCount; node++) outStart[node + 1]! += outStart[node]!;
  const fill = outStart.slice(0, nodeCount);
  const sorted = new Int32Array(froms.length);
  froms.forEach((from, edge) => (sorted[fill[from]!++] = tos[edge]!));
  const outTargets = new Int32Array(froms.length);
  let written = 0;
  for (let node = 0; node < nodeCount; node++) {
    const slice = sorted.subarray(outStart[node]!, outStart[node + 1]!).sort();
    outStart[node] = written;
    for (let position = 0; position < slice.length; position++) {
      if (position === 0 || slice[position] !== slice[position - 1]) outTargets[written++] = slice[position]!;
    }
  }
  outStart[nodeCount] = written;
  const targets = outTargets.slice(0, written);

  const fromApps = new Float64Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    if (nodes[node]!.kind === 'app') fromApps[node]! += 1;
    for (let edge = outStart[node]!; edge < outStart[node + 1]!; edge++) fromApps[targets[edge]!]! += fromApps[node]!;
  }
  const toHigh = new Float64Array(nodeCount);
  for (let node = nodeCount - 1; node >= 0; node--) {
    const current = nodes[node]!;
    let paths = current.kind === 'capability' && current.high ? 1 : 0;
    for (let edge = outStart[node]!; edge < outStart[node + 1]!; edge++) paths += toHigh[targets[edge]!]!;
    toHigh[node] = paths;
  }
  return { graph: { nodes, index, outStart, outTargets: targets, toHigh, fromApps }, gaps };
}

export function nodeOf(graph: AccessGraph, id: string): AccessNode | AppNode | undefined {
  const position = graph.index.get(id);
  return position === undefined ? undefined : graph.nodes[position];
}

export function successorsOf(graph: AccessGraph, id: string): string[] {
  const position = graph.index.get(id);
  if (position === undefined) return [];
  return Array.from(graph.outTargets.subarray(graph.outStart[position]!, graph.outStart[position + 1]!), (target) => graph.nodes[target]!.id);
}

export function pathsToHigh(graph: AccessGraph, id: string): number {
  const position = graph.index.get(id);
  return position === undefined ? 0 : graph.toHigh[position]!;
}

export function pathsFromApps(graph: AccessGraph, id: string): number {
  const position = graph.index.get(id);
  return position === undefined ? 0 : graph.fromApps[position]!;
}

/** The nodes reachable from `start`; `marks` and `stamp` let many walks share one array (a node is seen when its mark is the stamp). */
function reachable(graph: AccessGraph, start: number, marks: Int32Array, stamp: number): number[] {
  const found: number[] = [];
  const stack = [start];
  while (stack.length) {
    const node = stack.pop()!;
    for (let edge = graph.outStart[node]!; edge < graph.outStart[node + 1]!; edge++) {
      const next = graph.outTargets[edge]!;
      if (marks[next] === stamp) continue;
      marks[next] = stamp;
      found.push(next);
      stack.push(next);
    }
  }
  return found;
}

function radiusOf(graph: AccessGraph, found: number[]) {
  const byKind = (kind: AccessNodeKind) => found.map((position) => graph.nodes[position]!).filter((node): node is AccessNode => node.kind === kind);
  const capabilities = byKind('capability');
  return { identities: byKind('identity'), privileges: byKind('privilege'), capabilities, highCapabilities: capabilities.filter((node) => node.high) };
}

/** Every node the app reaches, by kind, and the high capabilities among them. */
export function blastRadius(graph: AccessGraph, appId: string) {
  const start = graph.index.get(appId);
  return radiusOf(graph, start === undefined ? [] : reachable(graph, start, new Int32Array(graph.nodes.length), 1));
}

/** Up to `limit` of the app's paths to a high capability, each as node ids from the app on; the most-travelled branches first. */
export function highPathsOf(graph: AccessGraph, appId: string, limit = 20): string[][] {
  const paths: string[][] = [];
  const walk = (path: string[]) => {
    if (paths.length >= limit) return;
    const last = path[path.length - 1]!;
    const node = nodeOf(graph, last)!;
    if (node.kind === 'capability' && node.high) paths.push(path);
    const next = successorsOf(graph, last).filter((id) => pathsToHigh(graph, id) > 0);
    next.sort((a, b) => pathsToHigh(graph, b) - pathsToHigh(graph, a) || a.localeCompare(b));
    for (const id of next) walk([...path, id]);
  };
  if (pathsToHigh(graph, appId) > 0) walk([appId]);
  return paths;
}

function daysSince(date: string, now: number): number | null {
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : Math.floor((now - time) / dayMs);
}

/** The app's rating and the reasons for it, from what the inventory says about it and what it reaches. Unknown facts add risk: an app is never rated low on data that was not read. */
export function rateApp(app: ThirdPartyApp, reach: { highPaths: number; reaches: AccessNode[]; identities: number }, now: number) {
  const reasons: Array<{ reason: string; points: number }> = [];
  if (reach.highPaths > 0) {
    reasons.push({
      points: 4,
      reason: `Reaches ${reach.reaches.map((node) => node.label).join(', ')} through ${count(reach.identities, 'identity', 'identities')} (${count(reach.highPaths, 'path')}).`,
    });
  }
  if (app.broadScopes.length) reasons.push({ points: 2, reason: `Granted broad scopes: ${app.broadScopes.join(', ')}.` });
  if (app.scopes === null) reasons.push({ points: 1, reason: 'Its scopes could not be read.' });
  if (app.authorization === 'self_authorised') reasons.push({ points: 2, reason: 'Users can authorise it themselves, without an admin approving it.' });
  if (app.authorization === 'unknown') reasons.push({ points: 1, reason: 'Who may authorise it could not be read.' });
  if (app.reputation === 'unverified') reasons.push({ points: 2, reason: `Its publisher${app.publisher ? ` (${app.publisher})` : ''} is not verified.` });
  if (app.reputation === 'unknown') reasons.push({ points: 1, reason: 'Its publisher is not known.' });
  const live = app.liveTokens ?? 0;
  if (live > 0 && app.lastUsed !== null) {
    const idle = app.lastUsed === 'never' ? null : daysSince(app.lastUsed, now);
    if (app.lastUsed === 'never' || (idle !== null && idle >= staleAfterDays)) {
      reasons.push({
        points: 2,
        reason: `${app.lastUsed === 'never' ? 'Never used' : `Not used for ${idle} days`} but holds ${count(live, 'live token')}.`,
      });
    }
  }
  if (app.liveTokens === null) reasons.push({ points: 1, reason: 'Its live tokens could not be counted.' });
  reasons.push(...app.risks);
  const points = reasons.reduce((sum, entry) => sum + entry.points, 0);
  const rating: AppRating = points >= ratingThresholds.high ? 'high' : points >= ratingThresholds.medium ? 'medium' : 'low';
  return { rating, points, reasons: reasons.map((entry) => entry.reason) };
}

const ratingOrder: Record<AppRating, number> = { high: 0, medium: 1, low: 2 };

/** Rates every app, counts high-privilege paths and ranks the choke points (identities, privileges and apps on the most paths). */
export function analyseAccess(inventory: AccessInventory, now: number, chokePointCount = 10): AccessAnalysis {
  const { graph, gaps } = buildAccessGraph(inventory);
  const marks = new Int32Array(graph.nodes.length);
  const apps: RatedApp[] = inventory.apps.map((app, stamp) => {
    const position = graph.index.get(app.id)!;
    const highPaths = graph.toHigh[position]!;
    const found = highPaths > 0 ? reachable(graph, position, marks, stamp + 1) : [];
    const reaches = found.map((node) => graph.nodes[node]!).filter((node): node is AccessNode => node.kind === 'capability' && Boolean(node.high));
    const identities = found.filter((node) => graph.nodes[node]!.kind === 'identity' && graph.toHigh[node]! > 0).length;
    return { ...app, ...rateApp(app, { highPaths, reaches, identities }, now), highPaths, reaches };
  });
  apps.sort((a, b) => ratingOrder[a.rating] - ratingOrder[b.rating] || b.points - a.points || b.highPaths - a.highPaths || a.name.localeCompare(b.name));
  const highPathCount = apps.reduce((sum, app) => sum + app.highPaths, 0);
  const chokePoints: ChokePoint[] = [];
  if (highPathCount > 0) {
    graph.nodes.forEach((node, position) => {
      if (node.kind === 'capability') return;
      const paths = graph.fromApps[position]! * graph.toHigh[position]!;
      if (paths > 0) chokePoints.push({ id: node.id, kind: node.kind, label: node.label, paths, share: paths / highPathCount });
    });
    chokePoints.sort((a, b) => b.paths - a.paths || layer[b.kind] - layer[a.kind] || a.label.localeCompare(b.label));
    chokePoints.splice(chokePointCount);
  }
  return { apps, highPathCount, chokePoints, graph, gaps: [...inventory.gaps, ...gaps] };
}
