import { afterEach, describe, expect, it } from 'vitest';
import type { PostureDatabase } from '@/utils/db';
import { defaultPortalSettings, loadPortalSettings, readPortalSettings, savePortalSettings, saveScheduledRun } from '@/utils/portal-settings';
import { defaultMetricWeights } from '@/utils/scoring';
import { freshDatabase } from './fakes/connector';

let db: PostureDatabase;
afterEach(() => db?.close());

describe('portal settings', () => {
  it('have their defaults in an empty database', async () => {
    db = freshDatabase();
    expect(await loadPortalSettings(db)).toEqual({
      metricWeights: defaultMetricWeights,
      targetScore: null,
      retentionDays: 400,
      notifyOnRegression: false,
      schedule: 'off',
    });
    expect(defaultPortalSettings.schedule).toBe('off');
  });

  it('save only the fields given, one row each, beside other settings', async () => {
    db = freshDatabase();
    await db.settings.put({ key: 'requestTimeoutMs', value: 5000 });
    await savePortalSettings(db, { targetScore: 80, schedule: 'weekly' });
    const saved = await savePortalSettings(db, { notifyOnRegression: true });
    expect(saved).toMatchObject({ targetScore: 80, schedule: 'weekly', notifyOnRegression: true, retentionDays: 400 });
    expect(await db.settings.get('targetScore')).toEqual({ key: 'targetScore', value: 80 });
    expect(await db.settings.get('requestTimeoutMs')).toEqual({ key: 'requestTimeoutMs', value: 5000 });
    expect((await savePortalSettings(db, { targetScore: null })).targetScore).toBeNull();
  });

  it('merge metric weights over the stored ones', async () => {
    db = freshDatabase();
    await savePortalSettings(db, { metricWeights: { ...defaultMetricWeights, authentication: 3, 'platform-hardening': 'risk_accepted' } });
    const settings = await loadPortalSettings(db);
    expect(settings.metricWeights).toMatchObject({ authentication: 3, 'platform-hardening': 'risk_accepted', 'privileged-access': 10 });
  });

  it('refuse invalid values and read damaged ones as their default', async () => {
    db = freshDatabase();
    await expect(savePortalSettings(db, { retentionDays: 3 })).rejects.toThrow();
    await expect(savePortalSettings(db, { targetScore: 101 })).rejects.toThrow();
    const read = readPortalSettings([
      { key: 'targetScore', value: 'high' },
      { key: 'schedule', value: 'hourly' },
      { key: 'retentionDays', value: 30 },
      { key: 'metricWeights', value: { authentication: 11, 'password-policy': 2 } },
    ]);
    expect(read).toMatchObject({ targetScore: null, schedule: 'off', retentionDays: 30 });
    expect(read.metricWeights).toMatchObject({ authentication: 10, 'password-policy': 2 });
  });

  it('keep the last scheduled run', async () => {
    db = freshDatabase();
    await saveScheduledRun(db, { at: '2026-03-10T12:00:00.000Z', started: ['okta:a'], skipped: [{ instanceKey: 'okta:b', reason: 'No tab' }] });
    expect((await loadPortalSettings(db)).lastScheduledRun).toEqual({ at: '2026-03-10T12:00:00.000Z', started: ['okta:a'], skipped: [{ instanceKey: 'okta:b', reason: 'No tab' }] });
  });
});
