import type { CommonFault, FaultScope } from '../shared/faults';

/**
 * Okta faults. They apply to API paths (/api/…, /.well-known/…) only; `match` is tested against
 * `METHOD path?decoded-query`. `org` is the subdomain ("acme"), the org id or either host.
 */
export type OktaFault = (CommonFault | { kind: 'invalid_session' } | { kind: 'forbidden' }) & FaultScope;
export type Fault = OktaFault;

export interface OktaError {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: Array<{ errorSummary: string }>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

let errorCounter = 0;
export function oktaError(status: number, errorCode: string, errorSummary: string, headers?: Record<string, string>): Answer {
  errorCounter += 1;
  const body: OktaError = { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${Date.now().toString(36)}${errorCounter}`, errorCauses: [] };
  return { status, body, headers };
}

export const invalidToken = () => oktaError(401, 'E0000011', 'Invalid token provided');
export const forbidden = () => oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
export const notFound = (path: string) => oktaError(404, 'E0000007', `Not found: Resource not found: ${path} (Resource)`);
export const methodNotAllowed = () => oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
export const tooManyRequests = (headers: Record<string, string>) => oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', headers);
export const invalidSearch = () => oktaError(400, 'E0000031', 'Invalid search criteria.');

/** The error a fault answers with, or undefined for faults that alter a successful answer (or the connection). */
export function faultAnswer(fault: OktaFault, now = Date.now()): Answer | undefined {
  switch (fault.kind) {
    case 'invalid_session':
      return invalidToken();
    case 'forbidden':
      return forbidden();
    case 'http_429': {
      const seconds = fault.retryAfterSeconds ?? 1;
      return tooManyRequests({ 'X-Rate-Limit-Limit': '600', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(Math.ceil(now / 1000) + seconds) });
    }
    case 'server_error':
      return fault.status === 503
        ? oktaError(503, 'E0000010', 'Service is in read only mode')
        : oktaError(500, 'E0000009', 'Internal Server Error');
    default:
      return undefined;
  }
}
