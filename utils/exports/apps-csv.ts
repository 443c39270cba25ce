import { blastRadius, highPathsOf, nodeOf, type AccessAnalysis } from '../access-graph';
import { csvField } from './csv';

/** What identifies the instance in each row, so that the files of several instances can be joined. */
export interface InventoryInstance {
  app: string;
  host: string;
  name: string;
}

export const inventoryColumns = [
  'app',
  'host',
  'instance',
  'thirdPartyApp',
  'kind',
  'publisher',
  'reputation',
  'rating',
  'points',
  'reasons',
  'authorisation',
  'scopes',
  'broadScopes',
  'lastUsed',
  'liveTokens',
  'createdAt',
  'pathsToHighPrivilege',
  'highCapabilities',
  'identities',
  'privileges',
  'examplePath',
  'facts',
] as const;

const join = (values: readonly string[]) => values.join('; ');

/**
 * The instance's third-party app inventory as RFC 4180 CSV, one row per app, riskiest first, every field defused
 * against formulas. Unknown values are written as "unknown", never as an empty cell that reads as "none".
 */
export function inventoryToCsv(instance: InventoryInstance, analysis: AccessAnalysis): string {
  const label = (id: string) => nodeOf(analysis.graph, id)?.label ?? id;
  const lines = [inventoryColumns.map(csvField).join(',')];
  for (const app of analysis.apps) {
    const radius = blastRadius(analysis.graph, app.id);
    const path = highPathsOf(analysis.graph, app.id, 1)[0];
    const row: Record<(typeof inventoryColumns)[number], string> = {
      app: instance.app,
      host: instance.host,
      instance: instance.name,
      thirdPartyApp: app.name,
      kind: app.kind,
      publisher: app.publisher ?? 'unknown',
      reputation: app.reputation,
      rating: app.rating,
      points: String(app.points),
      reasons: join(app.reasons),
      authorisation: app.authorization,
      scopes: app.scopes === null ? 'unknown' : join(app.scopes),
      broadScopes: app.scopes === null ? 'unknown' : join(app.broadScopes),
      lastUsed: app.lastUsed ?? 'unknown',
      liveTokens: app.liveTokens === null ? 'unknown' : String(app.liveTokens),
      createdAt: app.createdAt ?? 'unknown',
      pathsToHighPrivilege: String(app.highPaths),
      highCapabilities: join(app.reaches.map((node) => node.label)),
      identities: join(radius.identities.map((node) => node.label)),
      privileges: join(radius.privileges.map((node) => node.label)),
      examplePath: path ? path.map(label).join(' → ') : '',
      facts: join(app.facts.map((fact) => `${fact.label}: ${fact.value}`)),
    };
    lines.push(inventoryColumns.map((column) => csvField(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
