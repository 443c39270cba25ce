import type { CollectContext } from '@/utils/connector';
import { ScanError, toScanErrorInfo } from '@/utils/errors';
import type { HttpClient, HttpResponse } from '@/utils/fetcher';
import type { SourceResult } from '@/utils/snapshot';
import { propertyQueries, scannedProperties } from './properties';
import { propertiesSourceId, serviceNowSourceList, sourceQuery, sourceRequestPath, type ServiceNowSource } from './sources';

function parseBody(response: HttpResponse, title: string): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new ScanError({ kind: 'malformed', message: `ServiceNow sent an incomplete or unreadable answer for "${title}". Scan again.` });
  }
}

function rowsOf(body: unknown, title: string): unknown[] {
  const result = body && typeof body === 'object' ? (body as { result?: unknown }).result : undefined;
  if (!Array.isArray(result)) {
    throw new ScanError({ kind: 'malformed', message: `ServiceNow answered "${title}" in an unexpected form. Scan again.` });
  }
  return result;
}

function totalOf(response: HttpResponse): number | null {
  const header = response.headers.get('X-Total-Count');
  const total = header === null ? Number.NaN : Number(header);
  return Number.isInteger(total) && total >= 0 ? total : null;
}

interface TableRead {
  result: unknown[];
  total: number | null;
  truncated: boolean;
}

/**
 * Pages through a Table API query with `sysparm_offset`. ServiceNow applies the limit before its access
 * controls, so a short page does not mean the end: `X-Total-Count` decides when it is sent.
 */
async function readTable(http: HttpClient, source: ServiceNowSource, scanTime: string, query = sourceQuery(source, scanTime)): Promise<TableRead> {
  const pageSize = Math.min(source.pageSize ?? 1000, source.maxRows ?? Number.POSITIVE_INFINITY);
  const maxRows = source.maxRows ?? Number.POSITIVE_INFINITY;
  const result: unknown[] = [];
  let total: number | null = null;
  for (let offset = 0; ; offset += pageSize) {
    const response = await http.request({ method: 'GET', url: sourceRequestPath(source, scanTime, offset, query), label: source.title });
    const rows = rowsOf(parseBody(response, source.title), source.title);
    if (offset === 0) total = totalOf(response);
    result.push(...rows);
    const more = total !== null ? offset + pageSize < total : rows.length === pageSize;
    if (!more) return { result, total, truncated: false };
    if (offset + pageSize >= maxRows) return { result: result.slice(0, maxRows), total, truncated: true };
  }
}

/** Every property the catalog needs, in as few `nameIN…` queries as the URL length allows (two today). */
async function readProperties(http: HttpClient, source: ServiceNowSource, scanTime: string): Promise<{ data: unknown; truncated: boolean }> {
  const result: unknown[] = [];
  let total: number | null = 0;
  for (const query of propertyQueries(scannedProperties)) {
    const read = await readTable(http, source, scanTime, query);
    result.push(...read.result);
    total = total === null || read.total === null ? null : total + read.total;
  }
  return { data: { result, total, requested: [...scannedProperties] }, truncated: false };
}

async function readSource(http: HttpClient, source: ServiceNowSource, scanTime: string): Promise<{ data: unknown; truncated: boolean }> {
  if (source.id === propertiesSourceId) return readProperties(http, source, scanTime);
  if (source.api === 'stats') {
    const response = await http.request({ method: 'GET', url: sourceRequestPath(source, scanTime), label: source.title });
    return { data: parseBody(response, source.title), truncated: false };
  }
  const read = await readTable(http, source, scanTime);
  return { data: { result: read.result, total: read.total }, truncated: read.truncated };
}

async function settle(read: () => Promise<{ data: unknown; truncated: boolean }>): Promise<SourceResult> {
  try {
    const { data, truncated } = await read();
    return { ok: true, data, truncated };
  } catch (error) {
    if (error instanceof ScanError && error.fatal) throw error;
    return { ok: false, error: toScanErrorInfo(error) };
  }
}

/** Reads every source (or only `only`), each independently: one that fails leaves the others' checks standing. */
export async function collectServiceNow({ http, progress }: CollectContext, only?: ReadonlySet<string>): Promise<Record<string, SourceResult>> {
  const scanTime = new Date().toISOString();
  const wanted = serviceNowSourceList.filter((source) => !only || only.has(source.id));
  let done = 0;
  progress(0, wanted.length, 'Reading ServiceNow settings');
  const results: Record<string, SourceResult> = {};
  await Promise.all(
    wanted.map(async (source) => {
      results[source.id] = await settle(() => readSource(http, source, scanTime));
      progress(++done, wanted.length, source.title);
    }),
  );
  return results;
}
