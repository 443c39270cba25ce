import * as z from 'zod/mini';

/**
 * What the in-page overlay and the service worker say to each other. zod/mini keeps the content
 * script small (it runs on every matched admin page); both sides validate every message.
 */

/** How the overlay finds the element a control belongs beside: by what the admin sees, never by generated ids. */
export const anchorLocatorSchema = z.discriminatedUnion('kind', [
  /** A setting's visible label (any of these wordings); the badge goes after the setting's input or value. */
  z.object({ kind: z.literal('label'), texts: z.array(z.string()) }),
  /** A page or section heading, for checks about a whole page or list (users, certificates…). */
  z.object({ kind: z.literal('heading'), texts: z.array(z.string()) }),
  /** A list row, by the text of one of its cells (a property's name in a list of properties); the badge goes in that cell. */
  z.object({ kind: z.literal('cell'), texts: z.array(z.string()) }),
]);
export type AnchorLocator = z.infer<typeof anchorLocatorSchema>;

export const badgeStatuses = ['non_compliant', 'partial', 'compliant', 'exception', 'unknown'] as const;

export const badgeSchema = z.object({
  controlId: z.string(),
  anchorKey: z.string(),
  locator: anchorLocatorSchema,
  status: z.enum(badgeStatuses),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  title: z.string(),
  reason: z.string(),
  actual: z.optional(z.string()),
  expected: z.optional(z.string()),
  /** Points the instance gains when this control is fixed. */
  points: z.number(),
  /** The exception's kind when one applies (risk accepted, mitigated…). */
  exception: z.optional(z.string()),
});
export type Badge = z.infer<typeof badgeSchema>;

export const overlayStateSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    instanceKey: z.string(),
    pageKey: z.string(),
    pageTitle: z.string(),
    badges: z.array(badgeSchema),
    /** An anchor a walkthrough step asked to highlight on this page. */
    highlight: z.optional(z.string()),
  }),
  /** Nothing to draw: not a checked page, not connected, not scanned yet. */
  z.object({ state: z.literal('idle'), reason: z.string() }),
]);
export type OverlayState = z.infer<typeof overlayStateSchema>;

/** Content script → service worker. */
export const overlayRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('overlay/state'), url: z.string() }),
  z.object({
    type: z.literal('overlay/anchors'),
    url: z.string(),
    pageKey: z.string(),
    found: z.array(z.string()),
    missing: z.array(z.string()),
  }),
  z.object({ type: z.literal('overlay/walkthrough'), controlId: z.string() }),
]);
export type OverlayRequest = z.infer<typeof overlayRequestSchema>;

export const walkthroughResultSchema = z.object({
  /** False where the browser cannot open the panel from a page (Firefox's sidebar): the tip says how. */
  opened: z.boolean(),
});

/** Service worker → content scripts of a tab (every frame). */
export const overlayCommandSchema = z.discriminatedUnion('type', [
  /** Findings changed (scan, verify): ask for the state again. */
  z.object({ type: z.literal('overlay/refresh') }),
  z.object({ type: z.literal('overlay/highlight'), anchorKey: z.string() }),
]);
export type OverlayCommand = z.infer<typeof overlayCommandSchema>;
