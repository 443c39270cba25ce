import type { HttpResponse } from '../fetcher';
import { pageFetchResponseSchema, type PageAbortRequest, type PageFetchRequest } from './protocol';

/** A read made by the tab's page; aborting `signal` stops it in the page as well. */
export type PageFetch = (path: string, signal?: AbortSignal) => Promise<HttpResponse>;

/** The service worker's side: a read made by the content script in a tab's top frame. */
export function createPageFetch(sendToTab: (message: PageFetchRequest | PageAbortRequest) => Promise<unknown>): PageFetch {
  return async (path, signal) => {
    const id = crypto.randomUUID();
    const abort = () => void sendToTab({ type: 'page/abort', id }).catch(() => undefined);
    signal?.addEventListener('abort', abort, { once: true });
    let raw: unknown;
    try {
      raw = await sendToTab({ type: 'page/fetch', id, path }).catch(() => undefined);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    const answer = pageFetchResponseSchema.safeParse(raw);
    if (!answer.success) {
      throw new Error('the page did not answer (reload the admin console tab so Posture Lens can read through it)');
    }
    if (!answer.data.ok) throw new Error(answer.data.message);
    return { status: answer.data.status, headers: new Headers(answer.data.headers), text: answer.data.text };
  };
}
