import { randomBytes } from 'node:crypto';
import type { Row } from './schema';
import type { OrgSeed } from './seed';
import type { SoqlData } from './soql';

/** Live state of one emulated org: its seed (mutable by tests), id indexes, API usage, query cursors. */
export class OrgState implements SoqlData {
  readonly apiHost: string;
  readonly lightningHost: string;
  readonly setupHost: string;
  apiUsed: number;
  private indexes = new Map<string, { source: Row[]; length: number; map: Map<string, Row> }>();
  private cursors = new Map<string, { records: Row[]; totalSize: number; tooling: boolean }>();
  private cursorCounter = 0;

  constructor(readonly seed: OrgSeed) {
    this.apiHost = `${seed.myDomain}.my.salesforce.com`;
    this.lightningHost = `${seed.myDomain}.lightning.force.com`;
    this.setupHost = `${seed.myDomain}.my.salesforce-setup.com`;
    this.apiUsed = seed.limits.dailyApiRequests.used;
  }

  get orgId(): string {
    return this.seed.orgId;
  }

  rows(object: string): Row[] {
    return this.seed.records[object] ?? [];
  }

  get(object: string, id: string): Row | undefined {
    const source = this.rows(object);
    let index = this.indexes.get(object);
    if (!index || index.source !== source || index.length !== source.length) {
      const map = new Map<string, Row>();
      for (const row of source) {
        for (const key of ['Id', 'DurableId']) {
          const value = row[key];
          if (typeof value === 'string') {
            map.set(value, row);
            if (value.length === 18) map.set(value.slice(0, 15), row);
          }
        }
      }
      index = { source, length: source.length, map };
      this.indexes.set(object, index);
    }
    return index.map.get(id);
  }

  /** Stores the rows after the first page and returns the locator (01g…). */
  saveCursor(records: Row[], totalSize: number, tooling: boolean): string {
    this.cursorCounter += 1;
    const locator = `01g${this.orgId.slice(3, 5)}0000${randomBytes(4).toString('hex').slice(0, 6)}${this.cursorCounter.toString(36).padStart(2, '0')}`.slice(0, 15);
    this.cursors.set(locator, { records, totalSize, tooling });
    if (this.cursors.size > 200) this.cursors.delete(this.cursors.keys().next().value as string);
    return locator;
  }

  cursor(locator: string) {
    return this.cursors.get(locator);
  }

  limits(): Record<string, { Max: number; Remaining: number }> {
    const { max } = this.seed.limits.dailyApiRequests;
    return {
      ActiveScratchOrgs: { Max: 3, Remaining: 3 },
      AnalyticsExternalDataSizeMB: { Max: 40960, Remaining: 40960 },
      ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
      ConcurrentSyncReportRuns: { Max: 20, Remaining: 20 },
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - this.apiUsed) },
      DailyAsyncApexExecutions: { Max: 250000, Remaining: 249310 },
      DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DailyDurableStreamingApiEvents: { Max: 10000, Remaining: 10000 },
      DailyStreamingApiEvents: { Max: 10000, Remaining: 9990 },
      DailyWorkflowEmails: { Max: 100000, Remaining: 100000 },
      DataStorageMB: { Max: 5120, Remaining: 3811 },
      FileStorageMB: { Max: 20480, Remaining: 18200 },
      HourlyODataCallout: { Max: 20000, Remaining: 20000 },
      HourlyTimeBasedWorkflow: { Max: 1000, Remaining: 1000 },
      MassEmail: { Max: 5000, Remaining: 5000 },
      SingleEmail: { Max: 5000, Remaining: 4998 },
    };
  }
}
