import { describe, expect, it } from 'vitest';
import { ScanError, toScanErrorInfo } from '@/utils/errors';

describe('scan errors', () => {
  it('stop the scan only for errors no later request can overcome', () => {
    const fatal = ['session_expired', 'api_disabled', 'limit_exhausted', 'not_signed_in'] as const;
    for (const kind of fatal) expect(new ScanError({ kind, message: 'x' }).fatal).toBe(true);
    for (const kind of ['rate_limited', 'server_error', 'timeout', 'network', 'forbidden', 'not_found', 'malformed'] as const) {
      expect(new ScanError({ kind, message: 'x' }).fatal).toBe(false);
    }
  });

  it('keep kind, status, code and message when stored', () => {
    const error = new ScanError({ kind: 'forbidden', status: 403, code: 'INSUFFICIENT_ACCESS', message: 'Ask an admin.' });
    expect(toScanErrorInfo(error)).toEqual({ kind: 'forbidden', status: 403, code: 'INSUFFICIENT_ACCESS', message: 'Ask an admin.' });
  });

  it('turn unexpected failures into a message that says to try again', () => {
    expect(toScanErrorInfo(new Error('boom'))).toEqual({ kind: 'network', message: 'Unexpected failure: boom. Try the scan again.' });
    expect(toScanErrorInfo('plain')).toMatchObject({ message: expect.stringContaining('plain') });
  });
});
