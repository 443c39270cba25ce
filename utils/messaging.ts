import { z } from 'zod';
import { scanErrorSchema } from './errors';

/**
 * Typed messages between the views and the service worker. Both sides validate with zod: a message
 * is a boundary, and a content script's sender may be a compromised page.
 */
export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab/context'), tabId: z.number().int() }),
  z.object({ type: z.literal('instance/connect'), tabId: z.number().int() }),
  z.object({ type: z.literal('scan/start'), tabId: z.number().int() }),
]);
export type ExtensionRequest = z.infer<typeof requestSchema>;

export const tabContextSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unsupported') }),
  z.object({
    kind: z.literal('app'),
    app: z.string(),
    appName: z.string(),
    displayName: z.string(),
    isAdminPage: z.boolean(),
    signedIn: z.boolean(),
    instanceKey: z.string().optional(),
    connected: z.boolean(),
    error: scanErrorSchema.optional(),
  }),
]);
export type TabContext = z.infer<typeof tabContextSchema>;

export const commandResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), instanceKey: z.string(), scanId: z.string().optional() }),
  z.object({ ok: z.literal(false), error: scanErrorSchema }),
]);
export type CommandResult = z.infer<typeof commandResultSchema>;

export const responseSchemas = {
  'tab/context': tabContextSchema,
  'instance/connect': commandResultSchema,
  'scan/start': commandResultSchema,
} satisfies Record<ExtensionRequest['type'], z.ZodType>;

export type ResponseOf<T extends ExtensionRequest['type']> = z.infer<(typeof responseSchemas)[T]>;

export interface MessageTransport {
  sendMessage(message: unknown): Promise<unknown>;
}

export async function sendRequest<R extends ExtensionRequest>(
  transport: MessageTransport,
  request: R,
): Promise<ResponseOf<R['type']>> {
  const response = await transport.sendMessage(requestSchema.parse(request));
  return responseSchemas[request.type].parse(response) as ResponseOf<R['type']>;
}
