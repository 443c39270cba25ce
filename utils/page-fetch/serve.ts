import { pageAbortRequestSchema, pageFetchRequestSchema, type PageFetchResponse } from './protocol';

export interface PageFetchOptions {
  /** Headers the app's own pages send with API reads (e.g. a CSRF token read from the page), computed per request. */
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
  location?: Pick<Location, 'origin'>;
}

/** Reads in flight in this page, by the id the service worker gave them. */
const inFlight = new Map<string, AbortController>();

/**
 * Answers the service worker's `page/fetch` commands in the page's top frame: a same-origin GET with
 * the page's cookies. Anything else (another origin, another method, a sub-frame) is refused.
 * `page/abort` stops a read the service worker no longer waits for.
 */
export function answerPageFetch(message: unknown, options: PageFetchOptions = {}): Promise<PageFetchResponse> | undefined {
  // Decided synchronously: a runtime message listener that returns a promise claims the message.
  const abort = pageAbortRequestSchema.safeParse(message);
  if (abort.success) {
    inFlight.get(abort.data.id)?.abort();
    return Promise.resolve({ ok: false, message: 'The read was stopped.' });
  }
  const request = pageFetchRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  return readSameOrigin(request.data.id, request.data.path, options);
}

async function readSameOrigin(id: string, path: string, options: PageFetchOptions): Promise<PageFetchResponse> {
  const origin = (options.location ?? location).origin;
  const url = new URL(path, origin);
  if (url.origin !== origin) return { ok: false, message: 'Only same-origin reads are allowed.' };
  const controller = new AbortController();
  inFlight.set(id, controller);
  try {
    const response = await (options.fetch ?? fetch)(url.href, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...options.headers?.() },
      signal: controller.signal,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { ok: true, status: response.status, headers, text: await response.text() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    inFlight.delete(id);
  }
}
