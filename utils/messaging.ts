import { z } from 'zod';
import { verdictSchema } from './controls';
import { scanErrorSchema } from './errors';

/**
 * Typed messages between the views and the service worker. Both sides validate with zod: a message
 * is a boundary, and a content script's sender may be a compromised page.
 */
export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab/context'), tabId: z.number().int() }),
  z.object({ type: z.literal('instance/connect'), tabId: z.number().int() }),
  z.object({ type: z.literal('scan/start'), tabId: z.number().int() }),
  /** The recommendation a "Fix it step by step" asked the side panel to show for this tab, if any. */
  z.object({ type: z.literal('walkthrough/target'), tabId: z.number().int() }),
  /** Takes the tab to the page of a remediation step and highlights its field there. */
  z.object({ type: z.literal('walkthrough/go'), tabId: z.number().int(), controlId: z.string(), stepIndex: z.number().int().nonnegative() }),
  /** Re-reads only the sources one control needs and stores its new verdict. */
  z.object({ type: z.literal('control/verify'), tabId: z.number().int(), controlId: z.string() }),
  /** Which anchors the overlay found on the tab's current page. */
  z.object({ type: z.literal('overlay/anchor-status'), tabId: z.number().int() }),
  /** After the admin granted the tab's origin: treat it as an instance of `app` on a custom domain. */
  z.object({ type: z.literal('instance/allow-domain'), tabId: z.number().int(), app: z.string() }),
]);
export type ExtensionRequest = z.infer<typeof requestSchema>;

export const tabContextSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('unsupported'),
    /** The tab's origin could be an app's instance on the customer's own domain, once the admin allows it. */
    customDomain: z
      .object({ origin: z.string(), apps: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })) })
      .optional(),
  }),
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

export const allowResultSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: scanErrorSchema })]);
export type AllowResult = z.infer<typeof allowResultSchema>;

export const walkthroughTargetSchema = z.object({ controlId: z.string().optional() });

export const verifyResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    verdict: verdictSchema,
    pointsAtStake: z.number(),
    /** The instance score after the new verdict, 0–100. */
    scorePercent: z.number().nullable(),
    previousStatus: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), error: scanErrorSchema }),
]);
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const anchorStatusSchema = z.object({
  pageKey: z.string().optional(),
  pageTitle: z.string().optional(),
  found: z.array(z.string()),
  missing: z.array(z.string()),
});
export type AnchorStatus = z.infer<typeof anchorStatusSchema>;

/** Broadcast to the extension's pages (the side panel listens). */
export const panelEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('panel/show'), tabId: z.number().int(), controlId: z.string() }),
  z.object({ type: z.literal('panel/anchors'), tabId: z.number().int() }),
]);
export type PanelEvent = z.infer<typeof panelEventSchema>;

export const responseSchemas = {
  'tab/context': tabContextSchema,
  'instance/connect': commandResultSchema,
  'scan/start': commandResultSchema,
  'walkthrough/target': walkthroughTargetSchema,
  'walkthrough/go': commandResultSchema,
  'control/verify': verifyResultSchema,
  'overlay/anchor-status': anchorStatusSchema,
  'instance/allow-domain': allowResultSchema,
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
