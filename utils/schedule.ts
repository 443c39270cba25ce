import type { ScheduleKind, ScheduledRun } from './portal-settings';

/**
 * Scheduled scans. The extension holds no credential, so a scheduled scan can only run through a tab
 * where the admin is signed in to the instance: one alarm fires every period, and each included
 * instance not scanned within the period is scanned through such a tab, or skipped with the reason.
 */
export const scheduledScanAlarm = 'posture-lens:scheduled-scan';

/**
 * Wakes the service worker every half minute (the shortest period browsers allow) while a scan runs: a
 * worker the browser stopped mid-scan starts again and restarts the scan (`restartInterruptedScans`).
 */
export const scanWatchdog = { name: 'posture-lens:scan-watchdog', periodInMinutes: 0.5 };

export const schedulePeriodMinutes: Record<Exclude<ScheduleKind, 'off'>, number> = { daily: 1440, weekly: 10080 };

/** An alarm that fires a little late or early still scans an instance scanned one period ago. */
export const scheduleSlackMinutes = 60;

export interface AlarmSpec {
  name: string;
  periodInMinutes: number;
  /** The first check soon after the schedule is set: instances already due are scanned then. */
  delayInMinutes: number;
}

export function alarmFor(schedule: ScheduleKind): AlarmSpec | null {
  if (schedule === 'off') return null;
  return { name: scheduledScanAlarm, periodInMinutes: schedulePeriodMinutes[schedule], delayInMinutes: 1 };
}

/** Whether an instance last scanned at `lastScanAt` is due for a scheduled scan. */
export function isDue(lastScanAt: string | undefined, schedule: ScheduleKind, now: Date): boolean {
  if (schedule === 'off') return false;
  if (!lastScanAt) return true;
  const last = Date.parse(lastScanAt);
  if (Number.isNaN(last)) return true;
  return now.getTime() - last >= (schedulePeriodMinutes[schedule] - scheduleSlackMinutes) * 60_000;
}

export interface ScheduleCandidate {
  key: string;
  name: string;
  includeInScore: boolean;
  /** When its latest good scan started. */
  lastScanAt?: string;
  /** A scan of it is already running. */
  running?: boolean;
}

export interface SchedulePlan {
  scan: Array<{ instanceKey: string; tabId: number }>;
  skipped: Array<{ instanceKey: string; reason: string }>;
}

/**
 * What one alarm does (pure). `tabsByInstance` lists, most recently used first, the open tabs the
 * instance's connector recognises as that instance with a session.
 */
export function planScheduledScans(input: {
  schedule: ScheduleKind;
  now: Date;
  instances: ReadonlyArray<ScheduleCandidate>;
  tabsByInstance: ReadonlyMap<string, ReadonlyArray<number>>;
}): SchedulePlan {
  const plan: SchedulePlan = { scan: [], skipped: [] };
  if (input.schedule === 'off') return plan;
  const period = input.schedule === 'daily' ? 'a day' : 'a week';
  for (const instance of input.instances) {
    if (!instance.includeInScore) {
      plan.skipped.push({ instanceKey: instance.key, reason: 'Not counted towards the scores: scheduled scans leave it out.' });
    } else if (instance.running) {
      plan.skipped.push({ instanceKey: instance.key, reason: 'A scan was already running.' });
    } else if (!isDue(instance.lastScanAt, input.schedule, input.now)) {
      plan.skipped.push({ instanceKey: instance.key, reason: `Scanned less than ${period} ago.` });
    } else {
      const tabId = input.tabsByInstance.get(instance.key)?.[0];
      if (tabId === undefined) {
        plan.skipped.push({ instanceKey: instance.key, reason: `No open tab of ${instance.name} with a signed-in session. Keep it open in a tab to scan it on schedule.` });
      } else {
        plan.scan.push({ instanceKey: instance.key, tabId });
      }
    }
  }
  return plan;
}

/** The record kept in the `lastScheduledRun` setting. */
export function scheduledRunOf(now: Date, plan: SchedulePlan, failed: Array<{ instanceKey: string; reason: string }> = []): ScheduledRun {
  const failedKeys = new Set(failed.map((entry) => entry.instanceKey));
  return {
    at: now.toISOString(),
    started: plan.scan.map((entry) => entry.instanceKey).filter((key) => !failedKeys.has(key)),
    skipped: [...plan.skipped, ...failed],
  };
}

export interface ScheduledRunOutcome {
  run: ScheduledRun;
  /** The scans started. */
  scans: Array<{ instanceKey: string; tabId: number }>;
}
