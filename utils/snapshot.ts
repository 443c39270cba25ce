import { z } from 'zod';
import { scanErrorSchema } from './errors';

export const sourceResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    data: z.unknown(),
    /** The source had more rows than the scan's request budget allowed it to read. */
    truncated: z.boolean().default(false),
  }),
  z.object({ ok: z.literal(false), error: scanErrorSchema }),
]);
export type SourceResult = z.infer<typeof sourceResultSchema>;

export const snapshotFormat = 'posture-lens/snapshot@1';

export const instanceRefSchema = z.object({
  app: z.string().min(1),
  /** Stable id of the instance within its app (Salesforce org id, Okta org host, ServiceNow instance). */
  instanceId: z.string().min(1),
  name: z.string(),
  host: z.string(),
});
export type InstanceRef = z.infer<typeof instanceRefSchema>;

/** The raw responses of one scan: everything evaluation needs and nothing secret. */
export const snapshotSchema = z.object({
  format: z.literal(snapshotFormat),
  instance: instanceRefSchema,
  collectedAt: z.string(),
  requestCount: z.number().int().nonnegative(),
  sources: z.record(z.string(), sourceResultSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
