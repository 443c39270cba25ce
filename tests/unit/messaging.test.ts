import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { commandResultSchema, requestSchema, sendRequest, tabContextSchema, type MessageTransport } from '@/utils/messaging';

function transport(reply: unknown) {
  const sent: unknown[] = [];
  const t: MessageTransport = {
    async sendMessage(message) {
      sent.push(message);
      return reply;
    },
  };
  return { t, sent };
}

describe('messages between views and the service worker', () => {
  it('sends a valid request and returns the validated answer', async () => {
    const { t, sent } = transport({ ok: true, instanceKey: 'salesforce:00D000000000062EAA', scanId: 's1' });
    const result = await sendRequest(t, { type: 'scan/start', tabId: 3 });
    expect(sent).toEqual([{ type: 'scan/start', tabId: 3 }]);
    expect(result).toEqual({ ok: true, instanceKey: 'salesforce:00D000000000062EAA', scanId: 's1' });
  });

  it('passes the error a command reports', async () => {
    const error = { kind: 'session_expired', message: 'Your Salesforce session expired.', status: 401 };
    const { t } = transport({ ok: false, error });
    expect(await sendRequest(t, { type: 'instance/connect', tabId: 1 })).toEqual({ ok: false, error });
  });

  it('validates tab contexts', async () => {
    const context = {
      kind: 'app',
      apps: [{ id: 'salesforce', name: 'Salesforce' }],
      app: 'salesforce',
      appName: 'Salesforce',
      displayName: 'acme',
      isAdminPage: true,
      signedIn: true,
      instanceKey: 'salesforce:X',
      connected: false,
    };
    expect(await sendRequest(transport(context).t, { type: 'tab/context', tabId: 1 })).toEqual(context);
    const unsupported = { kind: 'unsupported', apps: [] };
    expect(await sendRequest(transport(unsupported).t, { type: 'tab/context', tabId: 1 })).toEqual(unsupported);
    await expect(sendRequest(transport({ kind: 'unsupported' }).t, { type: 'tab/context', tabId: 1 })).rejects.toBeInstanceOf(ZodError);
  });

  it('refuses to send a malformed request', async () => {
    const { t, sent } = transport({ ok: true, instanceKey: 'x' });
    await expect(sendRequest(t, { type: 'scan/start', tabId: 1.5 })).rejects.toBeInstanceOf(ZodError);
    await expect(sendRequest(t, { type: 'scan/delete', tabId: 1 } as never)).rejects.toBeInstanceOf(ZodError);
    expect(sent).toEqual([]);
  });

  it('rejects an answer that does not match the request', async () => {
    await expect(sendRequest(transport({ kind: 'unsupported' }).t, { type: 'scan/start', tabId: 1 })).rejects.toBeInstanceOf(ZodError);
    await expect(sendRequest(transport(undefined).t, { type: 'tab/context', tabId: 1 })).rejects.toBeInstanceOf(ZodError);
    await expect(
      sendRequest(transport({ ok: false, error: { kind: 'exploded', message: 'x' } }).t, { type: 'instance/connect', tabId: 1 }),
    ).rejects.toBeInstanceOf(ZodError);
  });

  it('rejects requests from a page that forges other shapes', () => {
    expect(requestSchema.safeParse({ type: 'tab/context', tabId: '1' }).success).toBe(false);
    expect(requestSchema.safeParse({ type: 'tab/context' }).success).toBe(false);
    expect(tabContextSchema.safeParse({ kind: 'app', app: 'salesforce' }).success).toBe(false);
    expect(commandResultSchema.safeParse({ ok: true }).success).toBe(false);
  });
});
