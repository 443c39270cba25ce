import type { Page } from 'playwright-core';
import { connectorById } from '@/connectors';
import type { Connector } from '@/utils/connector';
import { startOktaEmulator } from '../../tests/emulators/okta';
import { startSalesforceEmulator } from '../../tests/emulators/salesforce';
import { startServiceNowEmulator } from '../../tests/emulators/servicenow';
import type { RecordedRequest } from '../../tests/emulators/shared/request-log';
import { signIn, signInOkta, signInServiceNow } from '../../tests/e2e/harness';
import { oktaDependencies, salesforceDependencies, serviceNowDependencies, type DependencyRule } from './critical-path';

/** One app's emulator as the scan benchmarks drive it: its demo org `acme`, optionally with generated users. */
export interface BenchEmulator {
  hostResolverRules: string;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Adds `ms` to every API request (the emulators' `latency` fault). */
  addLatency(ms: number): void;
  /** Signs the admin in to acme; leaves `page` on an admin page the connector scans from. */
  signIn(page: Page): Promise<void>;
  close(): Promise<void>;
}

export interface BenchApp {
  id: string;
  connector: Connector;
  dependencies: DependencyRule;
  start(users?: number): Promise<BenchEmulator>;
}

const connector = (id: string) => {
  const found = connectorById(id);
  if (!found) throw new Error(`No connector "${id}"`);
  return found;
};

export const benchApps: BenchApp[] = [
  {
    id: 'salesforce',
    connector: connector('salesforce'),
    dependencies: salesforceDependencies,
    async start(users) {
      const emulator = await startSalesforceEmulator({ port: 0, largeOrgUsers: users });
      const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
      return {
        hostResolverRules: emulator.hostResolverRules,
        requests: emulator.requests,
        clearRequests: () => emulator.clearRequests(),
        addLatency: (ms) => emulator.setFault({ kind: 'latency', ms }),
        signIn: (page) => signIn(page, acme),
        close: () => emulator.close(),
      };
    },
  },
  {
    id: 'okta',
    connector: connector('okta'),
    dependencies: oktaDependencies,
    async start(users) {
      const emulator = await startOktaEmulator({ port: 0, largeOrgUsers: users });
      const acme = emulator.orgs.find((org) => org.name === 'acme')!;
      return {
        hostResolverRules: emulator.hostResolverRules,
        requests: emulator.requests,
        clearRequests: () => emulator.clearRequests(),
        addLatency: (ms) => emulator.setFault({ kind: 'latency', ms }),
        signIn: (page) => signInOkta(page, acme, acme.superAdmin),
        close: () => emulator.close(),
      };
    },
  },
  {
    id: 'servicenow',
    connector: connector('servicenow'),
    dependencies: serviceNowDependencies,
    async start(users) {
      const emulator = await startServiceNowEmulator({ port: 0, largeInstanceUsers: users });
      const acme = emulator.instances.find((instance) => instance.name === 'acme')!;
      return {
        hostResolverRules: emulator.hostResolverRules,
        requests: emulator.requests,
        clearRequests: () => emulator.clearRequests(),
        addLatency: (ms) => emulator.setFault({ kind: 'latency', ms }),
        signIn: (page) => signInServiceNow(page, acme, acme.admin),
        close: () => emulator.close(),
      };
    },
  },
];
