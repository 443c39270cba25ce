import type { z } from 'zod';
import { oktaConnector } from '@/connectors/okta';
import { oktaSourceSchemas } from '@/connectors/okta/model';
import { salesforceConnector } from '@/connectors/salesforce';
import { connectedAppSettingsSchema, securitySettingsSchema, sourceSchemas } from '@/connectors/salesforce/model';
import { serviceNowConnector } from '@/connectors/servicenow';
import { serviceNowSourceSchemas } from '@/connectors/servicenow/model';
import type { AppUnderFuzz } from './harness';
import { xmlView } from './views';

/** What the fuzzer needs to know of each app beyond its connector: the schemas, and answers in another format. */
export type AppFuzzConfig = Omit<AppUnderFuzz, 'bases'>;

/** Salesforce's Metadata API answers are SOAP envelopes; the connector reads the one record inside. */
const metadataView = (record: z.ZodType) =>
  xmlView({
    listElements: new Set(['ipRanges']),
    recordPath: ['soapenv:Envelope', 'soapenv:Body', 'readMetadataResponse', 'result', 'records'],
    record,
  });

export const fuzzedApps: AppFuzzConfig[] = [
  {
    connector: salesforceConnector,
    schemas: sourceSchemas,
    views: { securitySettings: [metadataView(securitySettingsSchema)], connectedAppSettings: [metadataView(connectedAppSettingsSchema)] },
  },
  { connector: oktaConnector, schemas: oktaSourceSchemas },
  // The Table API writes booleans as "true"/"false" ("active"/"inactive" in v_plugin) and an empty field as "":
  // false for a boolean, not set for a number or a date (model.ts reads them so).
  {
    connector: serviceNowConnector,
    schemas: serviceNowSourceSchemas,
    text: { booleans: { true: ['true', '1', 'active', 'yes'], false: ['false', '0', 'inactive', 'no'] }, emptyIsUnset: true },
  },
];
