import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRegistry } from '../shared/faults';
import type { RecordedRequest } from '../shared/request-log';
import type { SalesforceFault } from './faults';
import type { Sessions } from './sessions';
import type { OrgState } from './state';

/** What a route handler gets: the org the Host header named, the request and the shared emulator state. */
export interface RouteContext {
  org: OrgState;
  hostKind: 'my' | 'lightning';
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  entry: RecordedRequest;
  sessions: Sessions;
  faults: FaultRegistry<SalesforceFault>;
  /** ":8443" when the browser addressed a non-default port, else "". */
  portSuffix: string;
  /** Salt for generated element ids. */
  idSalt: string;
}

export function originOf(context: RouteContext, host: string): string {
  return `https://${host}${context.portSuffix}`;
}
