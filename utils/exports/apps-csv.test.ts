import { describe, expect, it } from 'vitest';
import { analyseAccess, type AccessInventory, type ThirdPartyApp } from '../access-graph';
import { inventoryColumns, inventoryToCsv } from './apps-csv';
import { parseCsv } from './csv';
import { thirdPartyApp } from '../access-graph.fixtures';

const now = Date.parse('2026-12-01T00:00:00Z');

const app = (id: string, overrides: Partial<ThirdPartyApp> = {}) => thirdPartyApp(id, { facts: [{ label: 'IP relaxation', value: 'Enforce IP restrictions' }], ...overrides });

/** Exporter reaches Modify All Data through Marcus; Viewer reaches nothing high; nothing is known of Mystery's use. */
const inventory: AccessInventory = {
  apps: [
    app('app:exporter', { name: '=HYPERLINK("https://evil.example")', publisher: null, reputation: 'unverified', authorization: 'self_authorised', scopes: ['full', 'refresh_token'], broadScopes: ['full', 'refresh_token'] }),
    app('app:viewer', { name: 'Report Viewer' }),
    app('app:mystery', { name: 'Mystery', scopes: null, lastUsed: null, liveTokens: null, createdAt: null }),
  ],
  nodes: [
    { id: 'user:marcus', kind: 'identity', label: 'Marcus Chen' },
    { id: 'user:rita', kind: 'identity', label: 'Rita Reader' },
    { id: 'perm:admin', kind: 'privilege', label: 'System Administrator profile' },
    { id: 'cap:mad', kind: 'capability', label: 'Modify All Data', high: true },
  ],
  edges: [
    { from: 'app:exporter', to: 'user:marcus', relation: 'acts as' },
    { from: 'app:viewer', to: 'user:rita', relation: 'acts as' },
    { from: 'user:marcus', to: 'perm:admin', relation: 'holds' },
    { from: 'perm:admin', to: 'cap:mad', relation: 'grants' },
  ],
  gaps: [],
};

const rowsOf = (csv: string) => {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]])));
};

describe('the third-party app inventory as CSV', () => {
  const csv = inventoryToCsv({ app: 'salesforce', host: 'acme.my.salesforce.com', name: 'Acme' }, analyseAccess(inventory, now));
  const rows = rowsOf(csv);

  it('has one row per app, riskiest first, under the documented header', () => {
    expect(parseCsv(csv)[0]).toEqual([...inventoryColumns]);
    expect(rows.map((row) => row.thirdPartyApp)).toEqual(["'=HYPERLINK(\"https://evil.example\")", 'Mystery', 'Report Viewer']);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('names the path to high privilege, the blast radius and the reasons of the risky app', () => {
    expect(rows[0]).toMatchObject({
      app: 'salesforce',
      host: 'acme.my.salesforce.com',
      rating: 'high',
      authorisation: 'self_authorised',
      publisher: 'unknown',
      reputation: 'unverified',
      scopes: 'full; refresh_token',
      broadScopes: 'full; refresh_token',
      pathsToHighPrivilege: '1',
      highCapabilities: 'Modify All Data',
      identities: 'Marcus Chen',
      privileges: 'System Administrator profile',
      examplePath: "'=HYPERLINK(\"https://evil.example\") → Marcus Chen → System Administrator profile → Modify All Data",
      facts: 'IP relaxation: Enforce IP restrictions',
    });
    expect(rows[0]!.reasons).toContain('Users can authorise it themselves, without an admin approving it.');
  });

  it('writes what could not be read as unknown, never as an empty cell', () => {
    expect(rows[1]).toMatchObject({ scopes: 'unknown', broadScopes: 'unknown', lastUsed: 'unknown', liveTokens: 'unknown', createdAt: 'unknown' });
    expect(rows[2]).toMatchObject({ pathsToHighPrivilege: '0', highCapabilities: '', examplePath: '', liveTokens: '1' });
  });

  it('keeps only the header for an instance without apps', () => {
    expect(parseCsv(inventoryToCsv({ app: 'okta', host: 'x.okta.com', name: 'X' }, analyseAccess({ apps: [], nodes: [], edges: [], gaps: [] }, now)))).toHaveLength(1);
  });
});
