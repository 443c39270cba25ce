/** ServiceNow demo-instance emulator: see README.md. */
export { startServiceNowEmulator, safeRelativePath, type ServiceNowEmulator, type ServiceNowEmulatorOptions, type EmulatedServiceNowInstance } from './server';
export { demoInstances, acmeInstance, evilInstance, globexInstance, acmeNonCompliantProperties, addGeneratedUsers, generatedUserIsStale, generatedUserNeverLoggedIn } from './instances';
export { catalogProperties, lockoutActionIds, demoKeystoreSysId, type ServiceNowInstanceSeed, type SnRecord, type Credentials } from './seed';
export type { Fault, ServiceNowFault, ServiceNowFaultKind, ServiceNowError } from './faults';
export type { RecordedRequest } from '../shared/request-log';
export { InstanceState, TableState } from './state';
export { tableDefs, type TableDef, type FieldDef } from './tables';
export { listTables, modules, rowsPerPage } from './pages';
export { nextExperienceTarget } from './html';
