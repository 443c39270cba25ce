import { oktaManifest } from './okta/manifest';
import { salesforceManifest } from './salesforce/manifest';
import { serviceNowManifest } from './servicenow/manifest';

/** Each connector's manifest needs, merged into the extension manifest by wxt.config.ts: one line per app. */
export const connectorManifests = [salesforceManifest, oktaManifest, serviceNowManifest];
