/** Okta demo-org emulator: see README.md. */
export { startOktaEmulator, type OktaEmulator, type OktaEmulatorOptions, type EmulatedOktaOrg } from './server';
export { demoOrgs, acmeOrg, evilOrg, globexOrg, addGeneratedUsers, dodBanner } from './orgs';
export type { OktaOrgSeed, SeedUser, Json } from './seed';
export type { Fault, OktaFault } from './faults';
export type { RecordedRequest } from '../shared/request-log';
export { superAdminOnly } from './api';
export { pages as adminPages } from './pages';
export { OrgState } from './state';
