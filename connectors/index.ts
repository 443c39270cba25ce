import type { Connector } from '@/utils/connector';
import { oktaConnector } from './okta';
import { salesforceConnector } from './salesforce';
import { serviceNowConnector } from './servicenow';

/** The registry: one line per app. */
export const connectors: Connector[] = [salesforceConnector, oktaConnector, serviceNowConnector];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((connector) => connector.id === id);
}
