import type { CollectContext } from '@/utils/connector';
import { ScanError, type ScanErrorInfo } from '@/utils/errors';
import type { HttpClient, HttpRequest, HttpResponse } from '@/utils/fetcher';
import type { SourceResult } from '@/utils/snapshot';
import { connectedAppFullName, connectedAppOauthOf, metadataApiName, type ConnectedAppOauth, type ConnectedAppOauthRead } from './model';
import { classifySalesforceResponse } from './responses';
import { soapSessionSlot } from './session';
import { salesforceSources, type AppMetadataSource, type MetadataSource, type SalesforceSource } from './sources';

/** Newest API version the connector has been checked against; older orgs get their own newest. */
export const newestSupportedApiVersion = 66;
const batchLimit = 25;
/** Requests kept back from paging so retries of failed reads still fit in the budget. */
const pagingReserve = 6;
const maxExtraPagesPerSource = 2;
/** readMetadata takes at most ten full names a call. */
const metadataNamesPerCall = 10;
/** ConnectedApp reads a scan makes at most (50 apps), so that an org with hundreds of apps still pages its users. */
const maxConnectedAppCalls = 5;

interface QueryEnvelope {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ScanError({
      kind: 'malformed',
      message: `Salesforce sent an incomplete or unreadable answer for "${label}". Scan again; if it persists, the org may be under maintenance.`,
    });
  }
}

async function getJson(http: HttpClient, request: HttpRequest): Promise<unknown> {
  const response = await http.request(request);
  return parseJson(response.text, request.label);
}

export async function chooseApiVersion(http: HttpClient): Promise<string> {
  const versions = await getJson(http, { method: 'GET', url: '/services/data/', label: 'API versions' });
  const numbers = Array.isArray(versions)
    ? versions.map((entry) => Number((entry as { version?: unknown }).version)).filter((n) => Number.isFinite(n))
    : [];
  const usable = numbers.filter((n) => n <= newestSupportedApiVersion);
  if (usable.length === 0) {
    throw new ScanError({ kind: 'malformed', message: 'Salesforce did not list a supported API version. Scan again later.' });
  }
  return Math.max(...usable).toFixed(1);
}

function queryPath(version: string, source: SalesforceSource): string {
  if (source.kind === 'rest') return `/services/data/v${version}${source.path}`;
  if (source.kind === 'query') return `/services/data/v${version}/query?q=${encodeURIComponent(source.soql)}`;
  if (source.kind === 'tooling') return `/services/data/v${version}/tooling/query?q=${encodeURIComponent(source.soql)}`;
  throw new Error(`${source.id} is not a REST source`);
}

export function readMetadataEnvelope(source: MetadataSource | { type: string; fullName: string[] }): string {
  const fullNames = (Array.isArray(source.fullName) ? source.fullName : [source.fullName]).map((name) => `<met:fullNames>${name}</met:fullNames>`).join('');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata">',
    `<soapenv:Header>${soapSessionSlot}</soapenv:Header>`,
    `<soapenv:Body><met:readMetadata><met:type>${source.type}</met:type>${fullNames}</met:readMetadata></soapenv:Body>`,
    '</soapenv:Envelope>',
  ].join('');
}

/** The full names of the installed connected apps in a raw AppMenuItem answer, and the rows that name none usable. */
export function connectedAppNames(data: unknown): { names: string[]; unusable: string[] } {
  const records = (data as { records?: unknown } | undefined)?.records;
  const names = new Set<string>();
  const unusable: string[] = [];
  for (const row of Array.isArray(records) ? records : []) {
    const { Name, NamespacePrefix, Label } = (row ?? {}) as { Name?: unknown; NamespacePrefix?: unknown; Label?: unknown };
    const namespace = typeof NamespacePrefix === 'string' ? NamespacePrefix : null;
    const fullName = typeof Name === 'string' ? connectedAppFullName(Name, namespace) : undefined;
    if (fullName && metadataApiName.test(fullName)) names.add(fullName);
    else unusable.push(typeof Label === 'string' ? Label : typeof Name === 'string' ? Name : 'an unnamed entry');
  }
  return { names: [...names], unusable };
}

/** A subrequest's answer judged like a response of its own, so its errors read the same. */
function subresponseError(status: number, body: unknown): ScanErrorInfo | null {
  if (status >= 200 && status < 300) return null;
  const response: HttpResponse = { status, headers: new Headers(), text: JSON.stringify(body ?? null) };
  const verdict = classifySalesforceResponse(response);
  if (verdict.outcome === 'ok') return null;
  return verdict.error;
}

type Outcome = { source: SalesforceSource; data?: unknown; error?: ScanErrorInfo; retryable?: boolean };

export async function collectSalesforce(
  { http, progress }: CollectContext,
  only?: ReadonlySet<string>,
): Promise<Record<string, SourceResult>> {
  let done = 0;
  progress(done, 1, 'Finding the API version');
  const version = await chooseApiVersion(http);
  const needed = only ? new Set([...only].flatMap((id) => [id, ...salesforceSources.filter((source) => source.id === id && source.kind === 'appMetadata').map((source) => (source as AppMetadataSource).namesFrom)])) : undefined;
  const wanted = needed ? salesforceSources.filter((source) => needed.has(source.id)) : salesforceSources;
  const restSources = wanted.filter((source) => source.kind === 'query' || source.kind === 'rest');
  const toolingSources = wanted.filter((source) => source.kind === 'tooling');
  const metadataSources = wanted.filter((source): source is MetadataSource => source.kind === 'metadata');
  const appMetadataSources = wanted.filter((source): source is AppMetadataSource => source.kind === 'appMetadata');
  const restBatches = chunk(restSources, batchLimit);
  const toolingBatches = chunk(toolingSources, batchLimit);
  let total = 1 + restBatches.length + toolingBatches.length + metadataSources.length;
  done = 1;
  const step = (label: string) => progress(++done, total, label);
  progress(done, total, 'Reading settings and users');

  const batchTasks = restBatches.map(async (batch): Promise<Outcome[]> => {
    const body = {
      haltOnError: false,
      batchRequests: batch.map((source) => ({ method: 'GET', url: queryPath(version, source).replace('/services/data/', '') })),
    };
    const outcomes = await runBatch(batch, () =>
      getJson(http, {
        method: 'POST',
        url: `/services/data/v${version}/composite/batch`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        label: 'Settings, users and apps (batch)',
      }).then((response) => {
        const results = (response as { results?: Array<{ statusCode: number; result: unknown }> }).results;
        if (!Array.isArray(results) || results.length !== batch.length) {
          throw new ScanError({ kind: 'malformed', message: 'Salesforce answered the batch request in an unexpected form. Scan again.' });
        }
        return results.map((result) => ({ status: result.statusCode, body: result.result }));
      }),
    );
    step('Settings, users and apps');
    return outcomes;
  });

  const toolingTasks = toolingBatches.map(async (batch): Promise<Outcome[]> => {
    const body = {
      allOrNone: false,
      compositeRequest: batch.map((source) => ({ method: 'GET', url: queryPath(version, source), referenceId: source.id })),
    };
    const outcomes = await runBatch(batch, () =>
      getJson(http, {
        method: 'POST',
        url: `/services/data/v${version}/tooling/composite`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        label: 'Health Check, certificates and remote sites (batch)',
      }).then((response) => {
        const results = (response as { compositeResponse?: Array<{ httpStatusCode: number; body: unknown; referenceId: string }> })
          .compositeResponse;
        if (!Array.isArray(results)) {
          throw new ScanError({ kind: 'malformed', message: 'Salesforce answered the Tooling batch in an unexpected form. Scan again.' });
        }
        return batch.map((source) => {
          const result = results.find((entry) => entry.referenceId === source.id);
          return result ? { status: result.httpStatusCode, body: result.body } : { status: 500, body: null };
        });
      }),
    );
    step('Health Check and integrations');
    return outcomes;
  });

  const metadataTasks = metadataSources.map(async (source): Promise<Outcome[]> => {
    try {
      const response = await http.request({
        method: 'POST',
        url: `/services/Soap/m/${version}`,
        headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
        body: readMetadataEnvelope(source),
        label: source.title,
      });
      return [{ source, data: { xml: response.text } }];
    } catch (error) {
      if (error instanceof ScanError && error.fatal) throw error;
      return [{ source, error: asInfo(error) }];
    } finally {
      step(source.title);
    }
  });

  const outcomes = (await Promise.all([...batchTasks, ...toolingTasks, ...metadataTasks])).flat();

  // A subrequest that failed on a passing server error gets one retry of its own, budget permitting.
  const retries = outcomes.filter((outcome) => outcome.retryable && outcome.source.kind !== 'metadata' && outcome.source.kind !== 'appMetadata');
  total += retries.length;
  await Promise.all(
    retries.map(async (outcome) => {
      if (http.remainingBudget <= pagingReserve / 2) return;
      try {
        outcome.data = await getJson(http, { method: 'GET', url: queryPath(version, outcome.source), label: outcome.source.title });
        outcome.error = undefined;
      } catch (error) {
        if (error instanceof ScanError && error.fatal) throw error;
        outcome.error = asInfo(error);
      } finally {
        step(outcome.source.title);
      }
    }),
  );

  for (const source of appMetadataSources) {
    const names = outcomes.find((outcome) => outcome.source.id === source.namesFrom);
    outcomes.push(
      await readAppMetadata(http, version, source, names, (calls) => {
        total += calls;
        progress(done, total, source.title);
      }, () => step(source.title)),
    );
  }

  const results: Record<string, SourceResult> = {};
  for (const outcome of outcomes) {
    if (outcome.error) {
      results[outcome.source.id] = { ok: false, error: outcome.error };
      continue;
    }
    const truncated = await followPages(http, outcome, () => {
      total++;
      step(`More ${outcome.source.title.toLowerCase()}`);
    });
    results[outcome.source.id] = { ok: true, data: outcome.data, truncated };
  }
  return results;
}

/**
 * Reads the ConnectedApp metadata of the apps named in `names`, ten a call while the budget lasts, keeping only their
 * OAuth settings (the raw answer, which may carry consumer keys and secrets, is never kept). A call that fails leaves
 * its names unread with the reason; only when no call succeeds does the source fail as a whole.
 */
async function readAppMetadata(
  http: HttpClient,
  version: string,
  source: AppMetadataSource,
  names: Outcome | undefined,
  planned: (calls: number) => void,
  called: () => void,
): Promise<Outcome> {
  if (!names || names.error || names.data === undefined) {
    const reason = names?.error?.message ?? 'it was not read';
    return { source, error: { kind: names?.error?.kind ?? 'malformed', message: `The installed connected apps could not be listed, so their OAuth settings were not read: ${reason}` } };
  }
  const { names: fullNames, unusable } = connectedAppNames(names.data);
  const read: ConnectedAppOauthRead = { requested: fullNames, records: [], unread: [] };
  if (unusable.length) read.unread.push({ fullNames: unusable, reason: 'Salesforce sent no API name for them' });
  const calls = chunk(fullNames, metadataNamesPerCall);
  planned(calls.length);
  let failure: ScanErrorInfo | undefined;
  let answered = 0;
  for (const [index, batch] of calls.entries()) {
    if (index >= maxConnectedAppCalls || http.remainingBudget <= pagingReserve / 2) {
      read.unread.push({ fullNames: batch, reason: `a scan reads the OAuth settings of the first ${maxConnectedAppCalls * metadataNamesPerCall} connected apps only, to stay within its request budget` });
      called();
      continue;
    }
    try {
      const response = await http.request({
        method: 'POST',
        url: `/services/Soap/m/${version}`,
        headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
        body: readMetadataEnvelope({ type: source.type, fullName: batch }),
        label: source.title,
      });
      let records: ConnectedAppOauth[];
      try {
        records = connectedAppOauthOf(response.text);
      } catch (error) {
        throw new ScanError({ kind: 'malformed', message: `Salesforce returned "${source.title}" in a form Posture Lens cannot read (${error instanceof Error ? error.message : String(error)}). Scan again; if it keeps failing, Salesforce changed this answer in a release: update Posture Lens, or report it with the text above.` });
      }
      read.records.push(...records.filter((record) => batch.includes(record.fullName)));
      answered++;
    } catch (error) {
      if (error instanceof ScanError && error.fatal) throw error;
      failure = asInfo(error);
      read.unread.push({ fullNames: batch, reason: failure.message });
    } finally {
      called();
    }
  }
  if (calls.length > 0 && answered === 0 && failure) return { source, error: failure };
  return { source, data: read };
}

async function runBatch(
  batch: SalesforceSource[],
  send: () => Promise<Array<{ status: number; body: unknown }>>,
): Promise<Outcome[]> {
  let answers: Array<{ status: number; body: unknown }>;
  try {
    answers = await send();
  } catch (error) {
    if (error instanceof ScanError && error.fatal) throw error;
    const info = asInfo(error);
    return batch.map((source) => ({ source, error: info }));
  }
  return batch.map((source, index) => {
    const answer = answers[index]!;
    const error = subresponseError(answer.status, answer.body);
    if (error && (error.kind === 'session_expired' || error.kind === 'api_disabled' || error.kind === 'limit_exhausted')) {
      throw new ScanError(error);
    }
    if (error) return { source, error, retryable: error.kind === 'server_error' || error.kind === 'rate_limited' };
    return { source, data: answer.body };
  });
}

/** Reads further pages of a large query while the budget allows; returns whether rows were left unread. */
async function followPages(http: HttpClient, outcome: Outcome, onPage: () => void): Promise<boolean> {
  const first = outcome.data as Partial<QueryEnvelope> | undefined;
  if (!first || typeof first !== 'object' || first.done !== false || !Array.isArray(first.records)) return false;
  const records = [...first.records];
  let next = first.nextRecordsUrl;
  let pages = 0;
  while (next && pages < maxExtraPagesPerSource && http.remainingBudget > pagingReserve) {
    pages++;
    let page: Partial<QueryEnvelope>;
    try {
      page = (await getJson(http, { method: 'GET', url: next, label: outcome.source.title })) as Partial<QueryEnvelope>;
    } catch (error) {
      if (error instanceof ScanError && error.fatal) throw error;
      break;
    } finally {
      onPage();
    }
    if (!Array.isArray(page.records)) break;
    records.push(...page.records);
    next = page.done ? undefined : page.nextRecordsUrl;
  }
  outcome.data = { ...first, records, done: next === undefined, nextRecordsUrl: next };
  return next !== undefined;
}

function asInfo(error: unknown): ScanErrorInfo {
  if (error instanceof ScanError) return error.toInfo();
  return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
}
