import { analyseAccess, type AccessEdge, type AccessInventory, type AccessNode, type ThirdPartyApp } from '@/utils/access-graph';
import type { BenchMode } from './mode';
import { median, round1, type Figure } from './results';

/** The org of the budget: 2 000 apps holding 50 000 grants among 20 000 users, who hold 300 permission sets or roles granting 24 capabilities. */
export const accessBenchShape = { apps: 2_000, grants: 50_000, identities: 20_000, privileges: 300, capabilities: 24, highCapabilities: 6 } as const;

/** A deterministic generator (a fixed linear congruential sequence, read from its high bits: the low ones cycle): the same org every run. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * below);
  };
}

export function benchInventory(shape = accessBenchShape): AccessInventory {
  const next = sequence(20_261_203);
  const day = 86_400_000;
  const collected = Date.parse('2026-12-01T00:00:00Z');
  const apps: ThirdPartyApp[] = Array.from({ length: shape.apps }, (_, index) => ({
    id: `app:${index}`,
    name: `Integration ${index}`,
    kind: 'OAuth app',
    publisher: index % 3 === 0 ? null : `Publisher ${index % 97}`,
    reputation: (['vendor', 'verified', 'unverified', 'unknown'] as const)[index % 4]!,
    scopes: index % 5 === 0 ? ['full', 'refresh_token'] : ['api'],
    broadScopes: index % 5 === 0 ? ['full', 'refresh_token'] : [],
    authorization: index % 2 === 0 ? 'admin_approved' : 'self_authorised',
    lastUsed: new Date(collected - next(400) * day).toISOString(),
    liveTokens: next(60),
    createdAt: null,
    facts: [],
    risks: [],
  }));
  const nodes: AccessNode[] = [];
  for (let index = 0; index < shape.identities; index++) nodes.push({ id: `user:${index}`, kind: 'identity', label: `user${index}@example.com` });
  for (let index = 0; index < shape.privileges; index++) nodes.push({ id: `priv:${index}`, kind: 'privilege', label: `Permission set ${index}` });
  for (let index = 0; index < shape.capabilities; index++) {
    nodes.push({ id: `cap:${index}`, kind: 'capability', label: `Capability ${index}`, high: index < shape.highCapabilities });
  }
  const edges: AccessEdge[] = [];
  for (let index = 0; index < shape.grants; index++) edges.push({ from: `app:${next(shape.apps)}`, to: `user:${next(shape.identities)}`, relation: 'acts as' });
  for (let index = 0; index < shape.identities; index++) {
    // Most users hold one ordinary permission set; one in fifty holds a powerful one too.
    edges.push({ from: `user:${index}`, to: `priv:${30 + next(shape.privileges - 30)}`, relation: 'holds' });
    if (next(50) === 0) edges.push({ from: `user:${index}`, to: `priv:${next(30)}`, relation: 'holds' });
  }
  for (let index = 0; index < shape.privileges; index++) {
    const powerful = index < 30;
    edges.push({ from: `priv:${index}`, to: `cap:${powerful ? next(shape.highCapabilities) : shape.highCapabilities + next(shape.capabilities - shape.highCapabilities)}`, relation: 'grants' });
    edges.push({ from: `priv:${index}`, to: `cap:${shape.highCapabilities + next(shape.capabilities - shape.highCapabilities)}`, relation: 'grants' });
  }
  return { apps, nodes, edges, gaps: [] };
}

/** Graph building, rating, path counting and choke points of the budget's org (`analyseAccess`), median of the rounds after a warm-up. */
export function benchAccess(mode: BenchMode): Figure[] {
  const inventory = benchInventory();
  const now = Date.parse('2026-12-01T00:00:00Z');
  const times: number[] = [];
  let paths = 0;
  for (let round = 0; round < 3 + mode.evaluationRounds; round++) {
    const started = performance.now();
    const analysis = analyseAccess(inventory, now);
    const elapsed = performance.now() - started;
    paths = analysis.highPathCount;
    if (round >= 3) times.push(elapsed);
  }
  if (paths === 0) throw new Error('The access bench org has no path to a high capability: it would measure nothing of the path counting.');
  return [
    {
      id: 'access.graphBuild',
      label: `access graph of ${accessBenchShape.apps} apps and ${accessBenchShape.grants} grants: built, rated, paths and choke points`,
      value: round1(median(times)),
      unit: 'ms',
      budget: 'accessGraphBuild',
    },
    { id: 'access.highPaths', label: 'paths to a high capability in that org', value: paths, unit: 'paths' },
  ];
}
