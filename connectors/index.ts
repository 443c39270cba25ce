import type { Connector } from '@/utils/connector';
import { oktaConnector } from './okta';
import { salesforceConnector } from './salesforce';

/** The registry: one line per app. */
export const connectors: Connector[] = [salesforceConnector, oktaConnector];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((connector) => connector.id === id);
}
