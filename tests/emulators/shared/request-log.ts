/** The emulators' request log: what each request was, never the credential it carried. */
export interface RecordedRequest {
  /** Epoch milliseconds when the request arrived. */
  time: number;
  host: string;
  method: string;
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  orgId?: string;
  kind: 'api' | 'page' | 'login';
  /** Body of POST API requests, with session ids redacted. */
  body?: string;
  /** The subrequests of a composite request. */
  subrequests?: Array<{ method: string; url: string }>;
  authorization?: 'bearer' | 'soap' | 'cookie' | 'token' | 'none';
  /** HTTP status the emulator answered with (absent while pending or for hung requests). */
  status?: number;
  /** Epoch milliseconds when the answer was sent (absent while pending): with `time`, how long it took and what overlapped. */
  answeredAt?: number;
  /** Fault kinds applied to this request. */
  faults?: string[];
  /** The browser's `Sec-Fetch-Site` header: "same-origin" from a page, "none" from an extension's service worker. */
  fetchSite?: string;
  /** Whether the request carried the page's XSRF header (never its value). */
  xsrfHeader?: boolean;
}

export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  add(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** Removes secrets that may travel in request bodies (SOAP session headers, tokens in forms). */
export function redactSecrets(body: string): string {
  return body
    .replace(/(<(?:\w+:)?sessionId>)[^<]*(<\/(?:\w+:)?sessionId>)/g, '$1[redacted]$2')
    .replace(/("(?:sessionId|access_token|token|sid)"\s*:\s*")[^"]*(")/gi, '$1[redacted]$2')
    .replace(/\b(pw|password|sid)=[^&\s]*/gi, '$1=[redacted]');
}
