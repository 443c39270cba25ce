import { oktaManifest } from './okta/manifest';
import { salesforceManifest } from './salesforce/manifest';
import { serviceNowManifest } from './servicenow/manifest';

export interface ConnectorManifest {
  hostPermissions: string[];
  /** Origins the admin may allow later (e.g. an instance on the customer's own domain). */
  optionalHostPermissions?: string[];
  permissions: string[];
  contentMatches: string[];
}

/** Each connector's manifest needs, merged into the extension manifest by wxt.config.ts: one line per app. */
export const connectorManifests: ConnectorManifest[] = [salesforceManifest, oktaManifest, serviceNowManifest];
