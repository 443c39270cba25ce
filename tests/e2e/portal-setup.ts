import type { Page } from 'playwright-core';
import { startOktaEmulator, type OktaEmulator } from '../emulators/okta';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { startServiceNowEmulator, type ServiceNowEmulator } from '../emulators/servicenow';
import { connectAndScan, launchWithExtension, readDatabase, signIn, signInOkta, signInServiceNow, tabIdOf, type ExtensionBrowser } from './harness';

/**
 * The portal end-to-end files' common start: the three emulators, one browser mapped to all of them,
 * and four instances signed in, connected and scanned from their popups (in parallel: ~8 s in all).
 */

/** The hosts of the four scanned instances; `keyOf` gives each one's instance key. */
export const hosts = {
  serviceNowAcme: 'acme.service-now.com',
  serviceNowGlobex: 'globex.service-now.com',
  salesforceAcme: 'acme.my.salesforce.com',
  oktaAcme: 'acme-admin.okta.com',
} as const;
export type InstanceHost = (typeof hosts)[keyof typeof hosts];

export interface FourInstances {
  servicenow: ServiceNowEmulator;
  salesforce: SalesforceEmulator;
  okta: OktaEmulator;
  browser: ExtensionBrowser;
  /** An open portal page. */
  portal: Page;
  /** The signed-in admin tab of each instance, by host (tests may close and replace one). */
  tabs: Map<InstanceHost, Page>;
  keyOf(host: InstanceHost): string;
  close(): Promise<void>;
}

export async function scanFourInstances(): Promise<FourInstances> {
  const [servicenow, salesforce, okta] = await Promise.all([
    startServiceNowEmulator({ port: 0 }),
    startSalesforceEmulator({ port: 0 }),
    startOktaEmulator({ port: 0 }),
  ]);
  // Each emulator's rules map its own SaaS domains to its own port: disjoint, so they combine into Chromium's one switch.
  const browser = await launchWithExtension({ hostResolverRules: [servicenow.hostResolverRules, salesforce.hostResolverRules, okta.hostResolverRules] });
  const serviceNow = (name: string) => servicenow.instances.find((instance) => instance.name === name)!;
  const oktaAcme = okta.orgs.find((org) => org.name === 'acme')!;
  const signIns: Array<[InstanceHost, (page: Page) => Promise<void>]> = [
    [hosts.serviceNowAcme, (page) => signInServiceNow(page, serviceNow('acme'), serviceNow('acme').admin)],
    [hosts.serviceNowGlobex, (page) => signInServiceNow(page, serviceNow('globex'), serviceNow('globex').admin)],
    [hosts.salesforceAcme, (page) => signIn(page, salesforce.orgs.find((org) => org.myDomain === 'acme')!)],
    [hosts.oktaAcme, (page) => signInOkta(page, oktaAcme, oktaAcme.superAdmin)],
  ];
  const tabs = new Map<InstanceHost, Page>();
  await Promise.all(
    signIns.map(async ([host, signInTo]) => {
      const page = await browser.context.newPage();
      await signInTo(page);
      tabs.set(host, page);
      const popup = await connectAndScan(browser, await tabIdOf(browser, page));
      await popup.close();
    }),
  );
  const portal = await browser.context.newPage();
  await portal.goto(`chrome-extension://${browser.extensionId}/portal.html`);
  const keys = new Map((await readDatabase(portal)).instances.map((instance) => [instance.host as string, instance.key as string]));
  if (keys.size !== 4) throw new Error(`Expected 4 scanned instances, found ${[...keys.keys()].join(', ')}`);
  return {
    servicenow,
    salesforce,
    okta,
    browser,
    portal,
    tabs,
    keyOf: (host) => keys.get(host)!,
    async close() {
      await browser.close();
      await Promise.all([servicenow.close(), salesforce.close(), okta.close()]);
    },
  };
}

/** The portal as an admin reads it: the header's score, the table's count, its filters and rows. */
export const portalView = (page: Page) => ({
  open: (extensionId: string, hash: string) => page.goto(`chrome-extension://${extensionId}/portal.html#/${hash}`),
  score: async () => Number((await page.getByTestId('initiative-score').innerText()).match(/[\d.]+/)?.[0]),
  counts: async () => {
    const match = (await page.locator('.result-count').innerText()).match(/Showing (\d+) of (\d+) recommendations/);
    return match ? { shown: Number(match[1]), total: Number(match[2]) } : undefined;
  },
  /** A filter of the Recommendations view by its label (its accessible name also holds the chosen option). */
  filter: (name: string) => page.getByRole('combobox', { name: new RegExp(`^${name}\\b`) }),
  /** The instance cell of every rendered row (the table is virtualised: the rows in view and a few more). */
  instanceCells: () => page.getByTestId('recommendation-row').locator('td.col-instance').allInnerTexts(),
  instanceRow: (host: string) => page.getByTestId('instance-row').filter({ hasText: host }),
});

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
