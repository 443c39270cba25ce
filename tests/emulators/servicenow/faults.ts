import type { CommonFault, FaultScope } from '../shared/faults';

/**
 * ServiceNow faults. They apply to API paths (/api/…) only; `match` is tested against `METHOD path?decoded-query`.
 * `instance` is the instance name ("acme") or its host; absent = every instance.
 */
export type ServiceNowFaultKind =
  | CommonFault
  | { kind: 'invalid_session' }
  | { kind: 'forbidden' }
  /** An ACL hides rows: every `every`-th row of a Table API page (default 2) is left out; X-Total-Count still counts it. */
  | { kind: 'hidden_rows'; every?: number };

export interface ServiceNowFaultScope extends Omit<FaultScope, 'org'> {
  instance?: string;
}

export type ServiceNowFault = ServiceNowFaultKind & ServiceNowFaultScope;
export type Fault = ServiceNowFault;

/** ServiceNow's REST error body. */
export interface ServiceNowError {
  error: { message: string; detail: string | null };
  status: 'failure';
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function snError(status: number, message: string, detail: string | null, headers?: Record<string, string>): Answer {
  const body: ServiceNowError = { error: { message, detail }, status: 'failure' };
  return { status, body, headers };
}

export const notAuthenticated = () => snError(401, 'User Not Authenticated', 'Required to provide Auth information');
export const notAuthorized = () => snError(403, 'User Not Authorized', 'ACL restricts the record retrieval');
export const recordNotFound = () => snError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
export const invalidTable = (table: string) => snError(400, `Invalid table ${table}`, null);
export const noResource = () => snError(400, 'Requested URI does not represent any resource', null);
export const methodNotSupported = (method: string) => snError(405, 'Method not Supported', `${method} method not supported for API`);
export const rateLimited = (seconds: number, now = Date.now()) =>
  snError(429, 'Rate limit exceeded', 'You have exceeded the number of requests allowed by the inbound REST API rate limit rule "Emulated rate limit" (100 per hour)', {
    'Retry-After': String(seconds), 'X-RateLimit-Limit': '100', 'X-RateLimit-Reset': String(Math.ceil(now / 1000) + seconds),
    'X-RateLimit-Rule': '0e6ab1a3a9a0a0a0ba2b7ef1d3a8a0a0',
  });

/** The error a fault answers with, or undefined for faults that alter a successful answer (or the connection). */
export function faultAnswer(fault: ServiceNowFaultKind, now = Date.now()): Answer | undefined {
  switch (fault.kind) {
    case 'invalid_session':
      return notAuthenticated();
    case 'forbidden':
      return notAuthorized();
    case 'http_429':
      return rateLimited(fault.retryAfterSeconds ?? 1, now);
    case 'server_error':
      return fault.status === 503
        ? snError(503, 'Service Unavailable', 'The instance is temporarily unavailable')
        : snError(500, 'Internal Server Error', 'An unexpected error occurred while processing the request');
    default:
      return undefined;
  }
}
