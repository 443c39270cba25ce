import { describe, expect, it } from 'vitest';
import { evaluateSnapshot } from '../evaluate';
import { snapshotFormat, type Snapshot } from '../snapshot';
import { fakeConnector } from '../../tests/unit/fakes/connector';
import { evaluatedScan } from './from-snapshot';

const refused = { ok: false as const, error: { kind: 'forbidden' as const, message: 'No access.' } };
const plain = fakeConnector();
// As the real connectors do: a value derived from the scan itself, there whatever was read.
const connector = fakeConnector({ parse: (raw, collectedAt) => ({ ...plain.parse(raw, collectedAt), scanTime: { ok: true, value: collectedAt, truncated: false } }) });

function statusOf(sources: Snapshot['sources'], using = connector) {
  const snapshot: Snapshot = {
    format: snapshotFormat,
    instance: { app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test' },
    collectedAt: '2026-01-01T00:00:00.000Z',
    requestCount: 2,
    sources,
  };
  return evaluatedScan(snapshot, evaluateSnapshot(using, snapshot)).scan.status;
}

describe('the status of a scan evaluated from a snapshot', () => {
  it('is failed when no source was read, whatever the parser derives', () => {
    expect(statusOf({ passwords: refused, admins: refused })).toBe('failed');
  });

  it('is failed when what was read could not be parsed, as a scan in the browser is', () => {
    const unreadable = fakeConnector({
      parse: (raw) => Object.fromEntries(Object.keys(raw).map((id) => [id, { ok: false, reason: `"${id}" in a form Posture Lens cannot read.`, kind: 'malformed' }])),
    });
    const garbled = { ok: true as const, data: 'garbled', truncated: false };
    expect(statusOf({ passwords: garbled, admins: garbled }, unreadable)).toBe('failed');
  });

  it('is partial when some sources were read, complete when all were', () => {
    const read = { ok: true as const, data: { minLength: 8 }, truncated: false };
    expect(statusOf({ passwords: read, admins: refused })).toBe('partial');
    expect(statusOf({ passwords: read, admins: { ok: true, data: { enrolled: 1, total: 2 }, truncated: false } })).toBe('complete');
  });
});
