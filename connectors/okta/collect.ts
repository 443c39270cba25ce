import type { CollectContext } from '@/utils/connector';
import { ScanError, toScanErrorInfo } from '@/utils/errors';
import type { HttpClient } from '@/utils/fetcher';
import type { SourceResult } from '@/utils/snapshot';
import { oktaSourceList, parentItemIds, sourcePath, type OktaSource } from './sources';

/** Items of a paged listing, and whether more were left unread. */
interface Listing {
  items: unknown[];
  truncated: boolean;
}

/** `<https://acme-admin.okta.com/api/v1/users?after=…>; rel="next"` → `/api/v1/users?after=…` */
export function nextFromLinkHeader(link: string | null): string | undefined {
  for (const part of (link ?? '').split(/,\s*(?=<)/)) {
    const match = /^<([^>]+)>;\s*rel="?next"?/.exec(part.trim());
    if (match) {
      const url = new URL(match[1]!, 'https://placeholder.invalid');
      return url.pathname + url.search;
    }
  }
  return undefined;
}

function parseBody(text: string, title: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ScanError({ kind: 'malformed', message: `Okta sent an incomplete or unreadable answer for "${title}". Scan again.` });
  }
}

/** Pages through a listing: `Link` headers, or `_links.next.href` in the body (IAM endpoints). */
async function readListing(http: HttpClient, source: OktaSource, path: string): Promise<Listing> {
  const items: unknown[] = [];
  let next: string | undefined = path;
  while (next) {
    const response = await http.request({ method: 'GET', url: next, label: source.title });
    const body = parseBody(response.text, source.title);
    if (source.paging === 'body') {
      const page = body as { value?: unknown; _links?: { next?: { href?: unknown } } };
      if (!Array.isArray(page.value)) {
        throw new ScanError({ kind: 'malformed', message: `Okta answered "${source.title}" in an unexpected form. Scan again.` });
      }
      items.push(...page.value);
      const href = page._links?.next?.href;
      next = typeof href === 'string' ? nextFromLinkHeader(`<${href}>; rel="next"`) : undefined;
    } else {
      if (!Array.isArray(body)) {
        throw new ScanError({ kind: 'malformed', message: `Okta answered "${source.title}" in an unexpected form. Scan again.` });
      }
      items.push(...body);
      next = source.paging === 'link' ? nextFromLinkHeader(response.headers.get('Link')) : undefined;
    }
    if (source.maxItems !== undefined && items.length >= source.maxItems) {
      return { items: items.slice(0, source.maxItems), truncated: next !== undefined || items.length > source.maxItems };
    }
  }
  return { items, truncated: false };
}

async function readSource(http: HttpClient, source: OktaSource, path: string): Promise<{ data: unknown; truncated: boolean }> {
  if (source.absentWhenNotFound) {
    try {
      return await readPresentSource(http, source, path);
    } catch (error) {
      if (error instanceof ScanError && error.kind === 'not_found') return { data: { notFound: true }, truncated: false };
      throw error;
    }
  }
  return readPresentSource(http, source, path);
}

async function readPresentSource(http: HttpClient, source: OktaSource, path: string): Promise<{ data: unknown; truncated: boolean }> {
  if (source.paging === 'none') {
    const response = await http.request({ method: 'GET', url: path, label: source.title });
    return { data: parseBody(response.text, source.title), truncated: false };
  }
  const listing = await readListing(http, source, path);
  return { data: listing.items, truncated: listing.truncated };
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

/**
 * Reads every source (or only `only` and the parents they need): parents first, then each child once
 * per parent item. The HTTP client spaces requests by Okta's rate-limit headers and bounds how many are in
 * flight (the connector's `concurrency`).
 */
export async function collectOkta({ http, progress }: CollectContext, only?: ReadonlySet<string>): Promise<Record<string, SourceResult>> {
  const scanTime = new Date().toISOString();
  const wanted = oktaSourceList.filter((source) => !only || only.has(source.id));
  const parentIds = new Set(wanted.map((source) => source.parent).filter((id): id is string => Boolean(id)));
  // Parents are sent first: their children wait for them, the other roots need nothing.
  const roots = oktaSourceList
    .filter((source) => !source.parent && (!only || only.has(source.id) || parentIds.has(source.id)))
    .sort((a, b) => Number(parentIds.has(b.id)) - Number(parentIds.has(a.id)));
  const children = wanted.filter((source) => source.parent);
  const total = roots.length + children.length;
  let done = 0;
  const step = (label: string) => progress(++done, total, label);
  progress(0, total, 'Reading Okta settings');

  const results: Record<string, SourceResult> = {};
  const rootReads = new Map(
    roots.map((source) => [
      source.id,
      (async () => {
        results[source.id] = await settle(() => readSource(http, source, sourcePath(source, scanTime)));
        step(source.title);
      })(),
    ]),
  );

  // Each child starts as soon as its own parent is read, not after every root.
  const childReads = children.map(async (source) => {
    const parent = oktaSourceList.find((candidate) => candidate.id === source.parent)!;
    await rootReads.get(parent.id);
    const parentResult = results[parent.id];
    if (!parentResult?.ok) {
      results[source.id] = parentResult ?? { ok: false, error: { kind: 'not_found', message: `"${parent.title}" was not read.` } };
      step(source.title);
      return;
    }
    results[source.id] = await settle(async () => {
      const selected = parentItemIds(parentResult.data, source.selectParent);
      const ids = source.maxParents === undefined ? selected : selected.slice(0, source.maxParents);
      // The reads of each parent item are independent: all are sent at once (the HTTP client bounds how many
      // are in flight), and the first failure in item order decides, as if they had been read one by one.
      const reads = await Promise.allSettled(
        ids.map(async (id) => {
          try {
            return await readSource(http, source, sourcePath(source, scanTime, id));
          } catch (error) {
            if (!(error instanceof ScanError) || error.kind !== 'not_found' || !source.notFoundPath) throw error;
            return { data: (await readSource(http, source, sourcePath(source, scanTime, id, source.notFoundPath))).data, truncated: false };
          }
        }),
      );
      const byParent: Record<string, unknown> = {};
      let truncated = ids.length < selected.length;
      for (const [index, read] of reads.entries()) {
        if (read.status === 'rejected') throw read.reason;
        byParent[ids[index]!] = read.value.data;
        truncated ||= read.value.truncated;
      }
      return { data: byParent, truncated };
    });
    step(source.title);
  });
  await Promise.all([...rootReads.values(), ...childReads]);
  return results;
}
