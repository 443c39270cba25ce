import { z } from 'zod';

/** What went wrong, in the words the admin needs to act on. */
export const scanErrorKinds = [
  'session_expired',
  'api_disabled',
  'forbidden',
  'rate_limited',
  'limit_exhausted',
  'server_error',
  'timeout',
  'network',
  'malformed',
  'request_budget',
  'not_found',
  'not_signed_in',
  'unsupported_page',
] as const;
export type ScanErrorKind = (typeof scanErrorKinds)[number];

export const scanErrorSchema = z.object({
  kind: z.enum(scanErrorKinds),
  message: z.string(),
  status: z.number().int().optional(),
  code: z.string().optional(),
});
export type ScanErrorInfo = z.infer<typeof scanErrorSchema>;

/** Errors of these kinds stop the whole scan: no later request can succeed. */
export const fatalKinds: ReadonlySet<ScanErrorKind> = new Set([
  'session_expired',
  'api_disabled',
  'limit_exhausted',
  'not_signed_in',
]);

export class ScanError extends Error {
  readonly kind: ScanErrorKind;
  readonly status?: number;
  readonly code?: string;

  constructor(info: ScanErrorInfo) {
    super(info.message);
    this.name = 'ScanError';
    this.kind = info.kind;
    this.status = info.status;
    this.code = info.code;
  }

  get fatal(): boolean {
    return fatalKinds.has(this.kind);
  }

  toInfo(): ScanErrorInfo {
    return { kind: this.kind, message: this.message, status: this.status, code: this.code };
  }
}

export function toScanErrorInfo(error: unknown): ScanErrorInfo {
  if (error instanceof ScanError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'network', message: `Unexpected failure: ${message}. Try the scan again.` };
}
