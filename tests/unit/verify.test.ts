import { describe, expect, it } from 'vitest';
import type { Connector } from '@/utils/connector';
import { instanceKeyOf, runScan } from '@/utils/scan';
import { verifyControl } from '@/utils/verify';
import { fakeConnector, fakeSession, freshDatabase, healthyApp, jsonResponse, type FakeApp } from './fakes/connector';

/** A connector whose collect honours `only`, counting what each Verify reads. */
function onlyAwareConnector(reads: string[][]): Connector {
  const base = fakeConnector();
  return {
    ...base,
    async collect(context, only) {
      const all = await base.collect(context);
      reads.push(Object.keys(all).filter((id) => !only || only.has(id)));
      return only ? Object.fromEntries(Object.entries(all).filter(([id]) => only.has(id))) : all;
    },
  };
}

async function scanned(app: FakeApp, connector: Connector) {
  const db = freshDatabase();
  const session = fakeSession(app);
  const key = instanceKeyOf('fake', 'tenant-1');
  await db.instances.put({ key, app: 'fake', instanceId: 'tenant-1', name: 'Tenant One', host: 'tenant-1.fake.test', connectedAt: '', includeInScore: true });
  const { scan } = await runScan({ connector, session, db, http: { sleep: async () => undefined } });
  return { db, session, scan };
}

describe('Verify after a fix', () => {
  it('re-reads only the control’s sources, stores the new verdict and raises the score', async () => {
    const reads: string[][] = [];
    const connector = onlyAwareConnector(reads);
    const app = healthyApp();
    const { db, session, scan } = await scanned(app, connector);
    const before = (await db.scans.get(scan.id))!.score!.percent!;
    expect((await db.findings.get(`${scan.id}:FAKE.PWD.1v1`))!.status).toBe('non_compliant');

    app.answers['/passwords'] = () => jsonResponse({ minLength: 14 });
    const result = await verifyControl({ connector, session, db, controlId: 'FAKE.PWD.1v1', http: { sleep: async () => undefined } });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.verdict.status).toBe('compliant');
    expect(result.previousStatus).toBe('non_compliant');
    expect(reads.at(-1)).toEqual(['passwords']);
    const finding = (await db.findings.get(`${scan.id}:FAKE.PWD.1v1`))!;
    expect(finding.status).toBe('compliant');
    expect(finding.verifiedAt).toBeDefined();
    const after = (await db.scans.get(scan.id))!.score!;
    expect(after.percent).toBeGreaterThan(before);
    expect(result.scorePercent).toBe(after.percent);
    expect(after.counts.compliant).toBe(scan.score!.counts.compliant + 1);
  });

  it('keeps the stored verdict when the re-read fails, and says why', async () => {
    const connector = onlyAwareConnector([]);
    const app = healthyApp();
    const { db, session, scan } = await scanned(app, connector);
    app.answers['/passwords'] = () => jsonResponse({ error: 'down' }, 503);
    const result = await verifyControl({ connector, session, db, controlId: 'FAKE.PWD.1v1', http: { sleep: async () => undefined } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('server_error');
    expect((await db.findings.get(`${scan.id}:FAKE.PWD.1v1`))!.status).toBe('non_compliant');
    expect((await db.scans.get(scan.id))!.score).toEqual(scan.score);
  });

  it('asks for a first scan when there is none', async () => {
    const db = freshDatabase();
    const result = await verifyControl({ connector: fakeConnector(), session: fakeSession(healthyApp()), db, controlId: 'FAKE.PWD.1v1' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', message: expect.stringContaining('Scan') } });
  });
});
