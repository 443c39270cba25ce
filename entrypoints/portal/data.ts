import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useEffect, useState } from 'react';
import { db } from '@/components/db';
import type { ExceptionRecord, FindingRecord, InstanceRecord, ScanRecord } from '@/utils/db';
import { loadPortalSettings, type PortalSettings } from '@/utils/portal-settings';
import type { PortalModel } from './model';

/** What every view reads: the instances, their latest good scan and its findings, exceptions and settings. */
export interface PortalData {
  instances: InstanceRecord[];
  /** The newest good scan of each instance (what the views show), by instance key. */
  goodScans: Map<string, ScanRecord>;
  /** The newest scan of each instance (running or failed ones too), by instance key. */
  lastScans: Map<string, ScanRecord>;
  /** The findings of every instance's newest good scan. */
  findings: FindingRecord[];
  exceptions: ExceptionRecord[];
  settings: PortalSettings;
}

/** One live query for the lot: any write by the service worker re-renders the views that use it. */
export function usePortalData(): PortalData | undefined {
  return useLiveQuery(async () => {
    performance.mark('portal:query-start');
    const [instances, exceptions, settings] = await Promise.all([db.instances.toArray(), db.exceptions.toArray(), loadPortalSettings(db)]);
    instances.sort((a, b) => a.app.localeCompare(b.app) || a.name.localeCompare(b.name));
    const goodIds = instances.flatMap((instance) => (instance.lastGoodScanId ? [instance.lastGoodScanId] : []));
    const lastIds = instances.flatMap((instance) => (instance.lastScanId ? [instance.lastScanId] : []));
    const [scans, findings] = await Promise.all([
      db.scans.bulkGet([...new Set([...goodIds, ...lastIds])]),
      // One index range per scan (IndexedDB getAll), several times faster than an anyOf cursor.
      Promise.all(goodIds.map((id) => db.findings.where('scanId').equals(id).toArray())).then((lists) => lists.flat()),
    ]);
    const byId = new Map(scans.filter((scan): scan is ScanRecord => scan !== undefined).map((scan) => [scan.id, scan]));
    const goodScans = new Map<string, ScanRecord>();
    const lastScans = new Map<string, ScanRecord>();
    for (const instance of instances) {
      const good = instance.lastGoodScanId ? byId.get(instance.lastGoodScanId) : undefined;
      const last = instance.lastScanId ? byId.get(instance.lastScanId) : undefined;
      if (good) goodScans.set(instance.key, good);
      if (last) lastScans.set(instance.key, last);
    }
    performance.mark('portal:data-loaded');
    return { instances, goodScans, lastScans, findings, exceptions, settings };
  }, []);
}

export interface PortalState {
  data?: PortalData;
  model?: PortalModel;
  now: number;
}

export const PortalStateContext = createContext<PortalState>({ now: Date.now() });

/** The data, the derived model and the time, for every view; `data` and `model` are undefined while loading. */
export function usePortalState(): PortalState {
  return useContext(PortalStateContext);
}

/** The time exceptions are judged at, moved on every minute so an expiry lapses on screen by itself. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A message for a command that could not reach the service worker. */
export function backgroundSilent(error: unknown): string {
  return `The extension's background did not answer (${String(error)}). Reload the portal and try again.`;
}
