import { describe, expect, it } from 'vitest';
import { alarmFor, isDue, planScheduledScans, scheduledRunOf, scheduledScanAlarm, type ScheduleCandidate } from './schedule';

const now = new Date('2026-03-10T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

describe('the scheduled-scan alarm', () => {
  it('is one named alarm with the period of the schedule, or none', () => {
    expect(alarmFor('daily')).toEqual({ name: scheduledScanAlarm, periodInMinutes: 1440, delayInMinutes: 1 });
    expect(alarmFor('weekly')).toEqual({ name: scheduledScanAlarm, periodInMinutes: 10080, delayInMinutes: 1 });
    expect(alarmFor('off')).toBeNull();
  });
});

describe('which instances are due', () => {
  it('those never scanned, or scanned a period ago (an hour of slack for a late or early alarm)', () => {
    expect(isDue(undefined, 'daily', now)).toBe(true);
    expect(isDue(hoursAgo(22.9), 'daily', now)).toBe(false);
    expect(isDue(hoursAgo(23), 'daily', now)).toBe(true);
    expect(isDue(hoursAgo(100), 'weekly', now)).toBe(false);
    expect(isDue(hoursAgo(24 * 7), 'weekly', now)).toBe(true);
    expect(isDue(hoursAgo(1000), 'off', now)).toBe(false);
  });
});

describe('the plan of one alarm', () => {
  const instances: ScheduleCandidate[] = [
    { key: 'okta:a', name: 'Acme Okta', includeInScore: true, lastScanAt: hoursAgo(30) },
    { key: 'salesforce:b', name: 'Globex', includeInScore: true, lastScanAt: hoursAgo(30) },
    { key: 'salesforce:c', name: 'Recent', includeInScore: true, lastScanAt: hoursAgo(2) },
    { key: 'servicenow:d', name: 'Left out', includeInScore: false },
    { key: 'servicenow:e', name: 'Busy', includeInScore: true, running: true },
  ];

  it('scans the due instances through their most recent tab and says why it skipped each other one', () => {
    const plan = planScheduledScans({ schedule: 'daily', now, instances, tabsByInstance: new Map([['okta:a', [7, 3]], ['salesforce:c', [9]]]) });
    expect(plan.scan).toEqual([{ instanceKey: 'okta:a', tabId: 7 }]);
    expect(plan.skipped).toEqual([
      { instanceKey: 'salesforce:b', reason: 'No open tab of Globex with a signed-in session. Keep it open in a tab to scan it on schedule.' },
      { instanceKey: 'salesforce:c', reason: 'Scanned less than a day ago.' },
      { instanceKey: 'servicenow:d', reason: 'Not counted towards the scores: scheduled scans leave it out.' },
      { instanceKey: 'servicenow:e', reason: 'A scan was already running.' },
    ]);
  });

  it('does nothing when the schedule is off', () => {
    expect(planScheduledScans({ schedule: 'off', now, instances, tabsByInstance: new Map([['okta:a', [7]]]) })).toEqual({ scan: [], skipped: [] });
  });

  it('records what ran, moving scans that could not start to the skipped ones', () => {
    const plan = { scan: [{ instanceKey: 'okta:a', tabId: 7 }, { instanceKey: 'okta:b', tabId: 8 }], skipped: [{ instanceKey: 'x', reason: 'r' }] };
    expect(scheduledRunOf(now, plan, [{ instanceKey: 'okta:b', reason: 'Your Okta session expired.' }])).toEqual({
      at: '2026-03-10T12:00:00.000Z',
      started: ['okta:a'],
      skipped: [{ instanceKey: 'x', reason: 'r' }, { instanceKey: 'okta:b', reason: 'Your Okta session expired.' }],
    });
  });
});
