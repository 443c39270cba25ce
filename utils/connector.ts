import type { Control, Verdict, VerdictStatus } from './controls';
import type { ScanErrorKind } from './errors';
import type { AccessInventory } from './access-graph';
import type { AnchorLocator } from './overlay/protocol';
import type { PageFetch } from './page-fetch/client';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse, type ResponseClass } from './fetcher';
import type { InstanceRef, SourceResult } from './snapshot';

/** The browser APIs a session needs, narrowed so connectors can be tested in Node. */
export interface CookieReader {
  get(details: { url: string; name: string; storeId?: string }): Promise<{ value: string; domain: string } | null>;
  getAll(details: { name: string; domain: string; secure?: boolean; storeId?: string }): Promise<
    Array<{ value: string; domain: string }>
  >;
}

export interface SessionEnvironment {
  cookies: CookieReader;
  fetch: typeof fetch;
  /** A same-origin read made from the tab's own page, for apps whose API only answers there. */
  pageFetch?: PageFetch;
}

/** An authenticated way to reach one instance. Holds the credential in a closure; never serialised. */
export interface Session {
  instance: InstanceRef;
  send(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse>;
}

export interface PageContext {
  /** Which app page the tab shows, when it belongs to this connector. */
  url: string;
  cookieStoreId?: string;
}

export interface TabRecognition {
  /** Key stable for the tab's instance before a session is resolved (e.g. the My Domain name). */
  hint: string;
  displayName: string;
  /** False on pages of the app where no admin work happens (e.g. a public site). */
  isAdminPage: boolean;
}

export interface CollectContext {
  http: HttpClient;
  /** Reports progress: `done` of `total` steps, with what is being read now. */
  progress(done: number, total: number, label: string): void;
}

export interface SourceDescription {
  id: string;
  title: string;
}

export type ParsedSource =
  | { ok: true; value: unknown; truncated: boolean }
  /** `kind` is the collection error's, when the source failed to be read. */
  | { ok: false; reason: string; kind?: ScanErrorKind };

/** An admin page of the app where the overlay draws badges beside the settings controls check. */
export interface AdminPage {
  /** The key remediation steps name (`RemediationStep.page`). */
  key: string;
  title: string;
  /** Path prefixes of the page in the app's main UI (e.g. a Lightning Setup route). */
  paths: string[];
  /** Path prefixes of the page's framed content (e.g. the classic page inside Lightning's Setup iframe): badges go there. */
  framePaths: string[];
  /** Where each setting sits, by what the admin sees. */
  anchors: Record<string, AnchorLocator>;
}

/** A content script the extension registers on an origin the admin allowed (file names as built). */
export interface RegisteredScript {
  id: string;
  js: string[];
  allFrames?: boolean;
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  world?: 'ISOLATED' | 'MAIN';
}

export interface CustomDomainSupport {
  /** What the admin is asked to confirm, e.g. "a ServiceNow instance on your own domain". */
  description: string;
  scripts: RegisteredScript[];
  /** From now on `recognize` takes this host for an instance of the app. */
  allow(host: string): void;
}

/** A vendor's own posture score, computed its way from the same findings, so the admin can compare with the number the vendor shows. */
export interface BaselineScore {
  id: string;
  title: string;
  /** How the vendor computes it, shown beside the number. */
  formula: string;
  /** From each control's verdict status; `percent` null when nothing it counts was decided. */
  compute(statuses: ReadonlyMap<string, VerdictStatus>): { percent: number | null; decided: number; total: number };
}

export interface Connector {
  id: string;
  name: string;
  /** Host match patterns of the app's admin pages (manifest syntax). */
  matches: string[];
  recognize(url: string): TabRecognition | null;
  openSession(env: SessionEnvironment, page: PageContext): Promise<Session>;
  /** Largest number of HTTP requests one full scan may make. */
  requestBudget: number;
  /** Most requests kept in flight at once, as the SaaS's own limits allow (the HTTP client's default when absent). */
  concurrency?: number;
  classifyResponse(response: HttpResponse): ResponseClass;
  /** Read-only guard: every request the scan makes must pass it (GETs, and the named read-only POSTs). */
  isReadOnly(request: HttpRequest): boolean;
  /** Checks the session can read the instance (a couple of requests) and returns its display name. */
  verify(http: HttpClient): Promise<{ name: string }>;
  sources: SourceDescription[];
  /** Reads every source, or only `only` (a Verify re-reads just what one control needs). */
  collect(context: CollectContext, only?: ReadonlySet<string>): Promise<Record<string, SourceResult>>;
  /** Raw sources → model values; `collectedAt` is the scan's time, the reference for date-based checks. */
  parse(sources: Record<string, SourceResult>, collectedAt: string): Record<string, ParsedSource>;
  controls: Control[];
  /** Admin pages, for overlays and walkthrough steps. */
  pages: AdminPage[];
  /** The URL of `page` on the instance the tab at `tabUrl` shows; `anchorKey` when the app can open the page at that one setting. */
  pageUrl(tabUrl: string, page: AdminPage, anchorKey?: string): string;
  /** Vendor scores shown beside the common score (e.g. a hardening compliance score). */
  baselineScores?: BaselineScore[];
  /** The app also runs on customers' own domains, which the admin allows one origin at a time. */
  customDomains?: CustomDomainSupport;
  /** Adjusts a verdict with what other sources say (e.g. a vendor baseline that disagrees). */
  refineVerdict?(control: Control, verdict: Verdict, parsed: Record<string, ParsedSource>): Verdict;
  /** The instance's third-party apps and the graph of what they reach (utils/access-graph.ts), from the parsed sources. */
  accessInventory?(parsed: Record<string, ParsedSource>, collectedAt: string): AccessInventory;
}

export function defineConnector(connector: Connector): Connector {
  return connector;
}

/** The HTTP client that talks to one instance: the session's credential, the connector's rules for answers, writes and concurrency. */
export function sessionClient(
  connector: Pick<Connector, 'classifyResponse' | 'isReadOnly' | 'concurrency'>,
  session: Pick<Session, 'send'>,
  options: Omit<HttpClientOptions, 'send' | 'classify' | 'isReadOnly'>,
): HttpClient {
  return createHttpClient({
    concurrency: connector.concurrency,
    ...options,
    send: session.send,
    classify: connector.classifyResponse,
    isReadOnly: connector.isReadOnly,
  });
}
