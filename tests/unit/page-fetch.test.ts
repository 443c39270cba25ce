import { describe, expect, it } from 'vitest';
import { createPageFetch } from '@/utils/page-fetch/client';
import { answerPageFetch } from '@/utils/page-fetch/serve';

const origin = 'https://acme-admin.okta.com';

function recordingFetch(status = 200, body = '[]', headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status, headers });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('reads through the page', () => {
  it('makes a same-origin GET with the page’s cookies and its CSRF header, and returns status, headers and body', async () => {
    const { calls, fetch } = recordingFetch(200, '[{"id":"00p1"}]', { link: '<https://acme-admin.okta.com/api/v1/policies?after=2>; rel="next"', 'x-rate-limit-remaining': '99' });
    const answer = await answerPageFetch(
      { type: 'page/fetch', id: 'r1', path: '/api/v1/policies?type=PASSWORD' },
      { fetch, location: { origin }, headers: () => ({ 'X-Okta-XsrfToken': 'abc' }) },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${origin}/api/v1/policies?type=PASSWORD`);
    expect(calls[0]!.init).toMatchObject({ method: 'GET', credentials: 'same-origin', headers: { 'X-Okta-XsrfToken': 'abc' } });
    expect(answer).toEqual({
      ok: true,
      status: 200,
      headers: expect.objectContaining({ link: expect.stringContaining('rel="next"'), 'x-rate-limit-remaining': '99' }),
      text: '[{"id":"00p1"}]',
    });
  });

  it('refuses other origins and ignores messages that are not page reads', async () => {
    const { calls, fetch } = recordingFetch();
    expect(await answerPageFetch({ type: 'page/fetch', id: 'r1', path: '//evil.example/api' }, { fetch, location: { origin } })).toBeUndefined();
    expect(await answerPageFetch({ type: 'page/fetch', id: 'r1', path: 'https://evil.example/api' }, { fetch, location: { origin } })).toBeUndefined();
    expect(await answerPageFetch({ type: 'overlay/refresh' }, { fetch, location: { origin } })).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('stops a read in the page when the service worker gives up on it', async () => {
    let signal: AbortSignal | undefined;
    const fetch = ((_url: string, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('The user aborted a request.', 'AbortError'))));
    }) as unknown as typeof globalThis.fetch;
    const pending = answerPageFetch({ type: 'page/fetch', id: 'slow', path: '/api/v1/trustedOrigins' }, { fetch, location: { origin } });
    expect(await answerPageFetch({ type: 'page/abort', id: 'other' }, { fetch, location: { origin } })).toMatchObject({ ok: false });
    expect(signal?.aborted).toBe(false);
    await answerPageFetch({ type: 'page/abort', id: 'slow' }, { fetch, location: { origin } });
    expect(signal?.aborted).toBe(true);
    expect(await pending).toEqual({ ok: false, message: 'The user aborted a request.' });
  });

  it('asks the page to stop the read when its signal aborts (the request timed out)', async () => {
    const sent: Array<Record<string, unknown>> = [];
    let answer!: (value: unknown) => void;
    const pageFetch = createPageFetch(async (message) => {
      sent.push(message);
      return message.type === 'page/fetch' ? new Promise((resolve) => (answer = resolve)) : { ok: false, message: 'The read was stopped.' };
    });
    const controller = new AbortController();
    const read = pageFetch('/api/v1/zones', controller.signal);
    controller.abort();
    answer({ ok: false, message: 'The user aborted a request.' });
    await expect(read).rejects.toThrow('aborted');
    expect(sent).toEqual([
      { type: 'page/fetch', id: expect.any(String), path: '/api/v1/zones' },
      { type: 'page/abort', id: sent[0]!.id },
    ]);
  });

  it('gives the service worker an HTTP response, or an error that says to reload the tab', async () => {
    const pageFetch = createPageFetch(async () => ({ ok: true, status: 429, headers: { 'x-rate-limit-reset': '1700000000' }, text: '{}' }));
    const response = await pageFetch('/api/v1/users');
    expect(response.status).toBe(429);
    expect(response.headers.get('X-Rate-Limit-Reset')).toBe('1700000000');
    await expect(createPageFetch(async () => undefined)('/api/v1/users')).rejects.toThrow(/reload the admin console tab/);
    await expect(createPageFetch(async () => ({ ok: false, message: 'Failed to fetch' }))('/api/v1/users')).rejects.toThrow('Failed to fetch');
  });
});
