import type { CommonFault, FaultScope } from '../shared/faults';

/**
 * Salesforce faults. They apply to API paths (/services/…) only. In composite requests, a fault whose
 * `match` hits a subrequest's URL answers that subrequest inside the batch; `invalid_session` and
 * `api_disabled` (and latency, hang, reset) always answer the whole request.
 */
export type SalesforceFault = (
  | CommonFault
  | { kind: 'invalid_session' }
  | { kind: 'api_disabled' }
  | { kind: 'rate_limited'; retryAfterSeconds?: number }
  | { kind: 'request_limit_exceeded' }
  /** 403 INSUFFICIENT_ACCESS: the user may not read this (a profile without "View Setup and Configuration"). */
  | { kind: 'forbidden' }
) &
  FaultScope;

export type Fault = SalesforceFault;

/** Fault kinds that may answer one subrequest of a composite request. */
export const subrequestKinds = new Set([
  'server_error', 'http_429', 'rate_limited', 'request_limit_exceeded', 'forbidden',
  'missing_fields', 'renamed_fields', 'changed_types', 'extra_fields', 'malformed_json', 'truncated_json',
]);

export interface ErrorAnswer {
  status: number;
  body: Array<{ errorCode: string; message: string }>;
  headers?: Record<string, string>;
}

export const sfError = (status: number, errorCode: string, message: string, headers?: Record<string, string>): ErrorAnswer => ({
  status,
  body: [{ message, errorCode }],
  headers,
});

export const invalidSession = () => sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid', { 'WWW-Authenticate': 'Token' });
export const limitExceeded = () => sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');

/** The error a fault answers with, or undefined for faults that alter a successful answer. */
export function faultAnswer(fault: SalesforceFault): ErrorAnswer | undefined {
  switch (fault.kind) {
    case 'invalid_session':
      return invalidSession();
    case 'api_disabled':
      return sfError(403, 'API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.');
    case 'http_429':
    case 'rate_limited': {
      const seconds = fault.retryAfterSeconds ?? 1;
      return sfError(429, 'REQUEST_LIMIT_EXCEEDED', 'Too many requests. Please retry later.', { 'Retry-After': String(seconds) });
    }
    case 'request_limit_exceeded':
      return limitExceeded();
    case 'forbidden':
      return sfError(403, 'INSUFFICIENT_ACCESS', 'insufficient access rights on cross-reference id');
    case 'server_error':
      return fault.status === 503
        ? sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.', { 'Retry-After': '1' })
        : sfError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1846313427-27015 (-1326187343)');
    default:
      return undefined;
  }
}
