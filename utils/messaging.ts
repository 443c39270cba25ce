import { z } from 'zod';
import { metricIds, verdictSchema } from './controls';
import { exceptionKinds } from './scoring';
import { scanErrorSchema } from './errors';

/**
 * Typed messages between the views and the service worker. Both sides validate with zod: a message
 * is a boundary, and a content script's sender may be a compromised page.
 */
export const scheduleKinds = ['off', 'daily', 'weekly'] as const;

export const portalSettingsPatchSchema = z
  .object({
    /** 1–10, or 'risk_accepted' to leave the metric out of the initiative. */
    metricWeights: z.partialRecord(z.enum(metricIds), z.union([z.number().int().min(1).max(10), z.literal('risk_accepted')])),
    /** 0–100, or null for none. */
    targetScore: z.number().min(0).max(100).nullable(),
    /** Scans older than this many days are deleted (the newest good scan of each instance is always kept). */
    retentionDays: z.number().int().min(7).max(3650),
    /** Notify when a rescan finds a new failure or the score drops by 2 points or more. */
    notifyOnRegression: z.boolean(),
    schedule: z.enum(scheduleKinds),
  })
  .partial();
export type PortalSettingsPatch = z.infer<typeof portalSettingsPatchSchema>;

export const exceptionInputSchema = z.object({
  /** Absent: a new exception. */
  id: z.string().optional(),
  instanceKey: z.string(),
  controlId: z.string(),
  kind: z.enum(exceptionKinds),
  rationale: z.string().trim().min(1).max(2000),
  owner: z.string().trim().min(1).max(200),
  /** ISO 8601; absent: no expiry. */
  expiresAt: z.string().datetime({ offset: true }).optional(),
  /** Only these affected entities; all of them when absent. */
  entityIds: z.array(z.string()).min(1).optional(),
});
export type ExceptionInput = z.infer<typeof exceptionInputSchema>;

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

  // The portal. Views never write the database themselves: every change is a command to the service worker.
  /** Initiative and history settings; only the fields given change. */
  z.object({ type: z.literal('portal/settings'), settings: portalSettingsPatchSchema }),
  z.object({ type: z.literal('exception/save'), exception: exceptionInputSchema }),
  z.object({ type: z.literal('exception/delete'), id: z.string() }),
  /** Whether an instance's recommendations count towards the scores. */
  z.object({ type: z.literal('instance/include'), instanceKey: z.string(), include: z.boolean() }),
  /** Forgets an instance and deletes all its data (scans, findings, snapshots, exceptions). */
  z.object({ type: z.literal('instance/disconnect'), instanceKey: z.string() }),
  /** Scans an instance again through a tab that shows it (the admin's session). */
  z.object({ type: z.literal('instance/rescan'), instanceKey: z.string() }),
  /** The open tabs that show an instance, most recently used first. */
  z.object({ type: z.literal('instance/tabs'), instanceKey: z.string() }),
  /** Shows an instance's recommendation in the side panel of a tab showing it (the portal opens the panel itself, within the click). */
  z.object({ type: z.literal('walkthrough/show'), tabId: z.number().int(), instanceKey: z.string(), controlId: z.string() }),
  /** Recreates the scans of an exported JSON file (posture-lens/export@1). */
  z.object({ type: z.literal('export/import'), text: z.string() }),
]);
export type ExtensionRequest = z.infer<typeof requestSchema>;

/** The apps Posture Lens scans, so that the popup names them without loading the connectors. */
const supportedAppsSchema = z.array(z.object({ id: z.string(), name: z.string() }));

export const tabContextSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('unsupported'),
    apps: supportedAppsSchema,
    /** The tab's origin could be an app's instance on the customer's own domain, once the admin allows it. */
    customDomain: z
      .object({ origin: z.string(), apps: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })) })
      .optional(),
  }),
  z.object({
    kind: z.literal('app'),
    apps: supportedAppsSchema,
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

export const okResultSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: scanErrorSchema })]);
export type OkResult = z.infer<typeof okResultSchema>;

export const savedResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), id: z.string() }),
  z.object({ ok: z.literal(false), error: scanErrorSchema }),
]);

export const importResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), scans: z.array(z.object({ instanceKey: z.string(), scanId: z.string() })) }),
  z.object({ ok: z.literal(false), error: scanErrorSchema }),
]);
export type ImportResult = z.infer<typeof importResultSchema>;

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
  'portal/settings': okResultSchema,
  'exception/save': savedResultSchema,
  'exception/delete': okResultSchema,
  'instance/include': okResultSchema,
  'instance/disconnect': okResultSchema,
  'instance/rescan': commandResultSchema,
  'instance/tabs': z.object({ tabIds: z.array(z.number().int()) }),
  'walkthrough/show': okResultSchema,
  'export/import': importResultSchema,
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
