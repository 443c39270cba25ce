import type { Connector } from '@/utils/connector';
import { salesforceConnector } from './salesforce';

/** The registry: one line per app. */
export const connectors: Connector[] = [salesforceConnector];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((connector) => connector.id === id);
}
