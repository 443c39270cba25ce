/** Salesforce demo-org emulator: see README.md. */
export { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions, type EmulatedOrg } from './server';
export { demoOrgs, acmeOrg, evilOrg, globexOrg, addGeneratedUsers, type OrgSeed, type SecuritySettingsSeed } from './orgs';
export type { Fault, SalesforceFault } from './faults';
export type { RecordedRequest } from '../shared/request-log';
export { runSoql, SoqlError } from './soql';
export { OrgState } from './state';
export { setupPageDefs } from './setup-pages';
