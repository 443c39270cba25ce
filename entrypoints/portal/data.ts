import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { db } from '@/components/db';
import { catalogControls } from '@/components/catalog';
import type { ExceptionRecord, FindingRecord, InstanceRecord, ScanRecord } from '@/utils/db';
import type { ScoringFinding } from '@/utils/exceptions';
import { readScoringFindings } from '@/utils/history';
import { readTrendScans } from '@/utils/initiative';
import { loadPortalSettings, type PortalSettings } from '@/utils/portal-settings';
import type { PortalDetails, PortalModel } from './model';

/**
 * What every view reads: the instances, their latest good scan, what scoring needs of its findings,
 * exceptions and settings. The findings' evidence is not here: it is read after the first view
 * (`usePortalFindings`), because the initiative is scored from the scans' compact results.
 */
export interface PortalData {
  instances: InstanceRecord[];
  /** The newest good scan of each instance (what the views show), by instance key. */
  goodScans: Map<string, ScanRecord>;
  /** The newest scan of each instance (running or failed ones too), by instance key. */
  lastScans: Map<string, ScanRecord>;
  /** What scoring reads of the findings of every instance's newest good scan (`readScoringFindings`). */
  scoring: ScoringFinding[];
  /** The included instances' scans of the last 14 days (`readTrendScans`): the first view's trend. */
  recentScans: ScanRecord[];
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
    const [scans, recentScans] = await Promise.all([
      db.scans.bulkGet([...new Set([...goodIds, ...lastIds])]),
      readTrendScans(db, instances.filter((instance) => instance.includeInScore), { days: 14, now: new Date() }),
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
    const scoring = await readScoringFindings(db, [...goodScans.values()], exceptions, catalogControls);
    performance.mark('portal:data-loaded');
    return { instances, goodScans, lastScans, scoring, recentScans, exceptions, settings };
  }, []);
}

/**
 * The findings, with their evidence, of every instance's newest good scan: read once `data` is, so the
 * first view never waits for them; undefined while those of the scans `data` shows are being read.
 */
export function usePortalFindings(data: PortalData | undefined): FindingRecord[] | undefined {
  const scanIds = data ? [...data.goodScans.values()].map((scan) => scan.id) : undefined;
  const key = scanIds?.join(' ');
  const read = useLiveQuery(async () => {
    if (!scanIds) return undefined;
    // One index range per scan (IndexedDB getAll), several times faster than an anyOf cursor.
    const lists = await Promise.all(scanIds.map((id) => db.findings.where('scanId').equals(id).toArray()));
    return { key, findings: lists.flat() };
  }, [key]);
  // Right after a scan, the previous read is of scans `data` no longer shows.
  return read && read.key === key ? read.findings : undefined;
}

export interface PortalState {
  data?: PortalData;
  model?: PortalModel;
  /** The recommendation rows and their evidence; undefined until the findings are read. */
  details?: PortalDetails;
  now: number;
}

export const PortalStateContext = createContext<PortalState>({ now: Date.now() });

/** The data, the derived model and details, and the time, for every view; each is undefined while it loads. */
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

/** The newest defined value: what was shown stays on screen while its successor is being read. */
export function useLatest<T>(value: T | undefined): T | undefined {
  const latest = useRef(value);
  if (value !== undefined) latest.current = value;
  return value ?? latest.current;
}

/** A message for a command that could not reach the service worker. */
export function backgroundSilent(error: unknown): string {
  return `The extension's background did not answer (${String(error)}). Reload the portal and try again.`;
}
