import * as z from 'zod/mini';

/**
 * Reads some SaaS APIs only answer from their own pages (same-origin session cookies, a CSRF token in
 * the page). The service worker asks the app's content script in the tab's top frame to make such a
 * read; zod/mini keeps that script small. Only same-origin GETs are ever made.
 */
export const pageFetchRequestSchema = z.object({
  type: z.literal('page/fetch'),
  /** Names the read so the service worker can stop it (`page/abort`). */
  id: z.string().check(z.minLength(1)),
  /** A path on the page's own origin, starting with "/". */
  path: z.string().check(z.regex(/^\/(?!\/)/)),
});
export type PageFetchRequest = z.infer<typeof pageFetchRequestSchema>;

/**
 * The service worker gave up on a read (its timeout): the page stops it too, or the request would hold one of
 * the browser's few connections to the host, and the next identical GET would wait behind it.
 */
export const pageAbortRequestSchema = z.object({ type: z.literal('page/abort'), id: z.string() });
export type PageAbortRequest = z.infer<typeof pageAbortRequestSchema>;

export const pageFetchResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), status: z.number(), headers: z.record(z.string(), z.string()), text: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type PageFetchResponse = z.infer<typeof pageFetchResponseSchema>;
