import type { HttpResponse } from '../fetcher';
import { pageFetchResponseSchema, type PageFetchRequest } from './protocol';

export type PageFetch = (path: string) => Promise<HttpResponse>;

/** The service worker's side: a read made by the content script in a tab's top frame. */
export function createPageFetch(sendToTab: (message: PageFetchRequest) => Promise<unknown>): PageFetch {
  return async (path) => {
    const answer = pageFetchResponseSchema.safeParse(await sendToTab({ type: 'page/fetch', path }).catch(() => undefined));
    if (!answer.success) {
      throw new Error('the page did not answer (reload the admin console tab so Posture Lens can read through it)');
    }
    if (!answer.data.ok) throw new Error(answer.data.message);
    return { status: answer.data.status, headers: new Headers(answer.data.headers), text: answer.data.text };
  };
}
