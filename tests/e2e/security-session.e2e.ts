import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { salesforceConnector } from '@/connectors/salesforce';
import { serviceNowConnector } from '@/connectors/servicenow';
import type { RecordedRequest } from '../emulators/shared/request-log';
import { startOktaEmulator, type OktaEmulator } from '../emulators/okta';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { plantedConsumerSecret } from '../emulators/salesforce/org-acme';
import { startServiceNowEmulator, type ServiceNowEmulator } from '../emulators/servicenow';
import {
  artifactsDir, collectConsole, connectAndScan, launchWithExtension, openPopup, readDatabase, readExtensionState, screenshot, signIn, signInOkta, signInServiceNow,
  tabIdOf, type ExtensionBrowser,
} from './harness';

/**
 * The admin's session in the three apps: a scan and a Verify of each are read-only (every request the emulators saw
 * is a GET, except Salesforce's named reads), and after connect, scan, Verify, every export and a session that
 * expires mid-scan, no session value the emulators issued (cookies, Okta's XSRF token, ServiceNow's user token), nor
 * a secret the tenant holds that no check needs, is in IndexedDB, extension storage, the exports, the pages, any
 * console or the stored errors.
 */

type App = 'salesforce' | 'okta' | 'servicenow';

const soap = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true });

/** The metadata types a scan reads: settings, and the installed connected apps' OAuth settings. */
const readMetadataTypes = new Set(['SecuritySettings', 'ConnectedAppSettings', 'ConnectedApp']);
const soapBody = (request: RecordedRequest) => (soap.parse(request.body ?? '') as { Envelope?: { Body?: Record<string, unknown> } }).Envelope?.Body ?? {};
const metadataTypeOf = (request: RecordedRequest) => {
  const type = (soapBody(request).readMetadata as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
};

/**
 * What a request changes, if anything: undefined for a read. Salesforce's POSTs that only read are allowed by name, as
 * the client allows them (connectors/salesforce/responses.ts): composite and tooling composite batches whose every
 * subrequest is a GET, and a SOAP envelope whose one operation is readMetadata of a type a scan reads.
 */
function write(app: App, request: RecordedRequest): string | undefined {
  const line = `${request.method} ${request.host}${request.path}`;
  if (request.method === 'GET') return undefined;
  if (app !== 'salesforce' || request.method !== 'POST') return line;
  const batch = /^\/services\/data\/v\d+\.\d\/composite\/batch$/.test(request.path);
  const tooling = /^\/services\/data\/v\d+\.\d\/tooling\/composite$/.test(request.path);
  if (batch || tooling) {
    const body = JSON.parse(request.body ?? '{}') as { batchRequests?: Array<{ method?: string }>; compositeRequest?: Array<{ method?: string }> };
    const subrequests = (batch ? body.batchRequests : body.compositeRequest) ?? [];
    const reads = subrequests.length > 0 && subrequests.every((subrequest) => subrequest.method === 'GET') && request.subrequests?.every((subrequest) => subrequest.method === 'GET');
    return reads ? undefined : `${line} with ${JSON.stringify(subrequests.map((subrequest) => subrequest.method))}`;
  }
  if (/^\/services\/Soap\/m\/\d+\.\d$/.test(request.path)) {
    const operations = Object.keys(soapBody(request));
    if (operations.length !== 1 || operations[0] !== 'readMetadata') return `${line} SOAP ${operations.join(', ') || 'without a body'}`;
    const type = metadataTypeOf(request);
    return type !== undefined && readMetadataTypes.has(type) ? undefined : `${line} SOAP readMetadata of ${type ?? 'no type'}`;
  }
  return line;
}

/** Salesforce's read-only POST of a request, by kind, for the tests that check each kind was used. */
const salesforceReadKind = (request: RecordedRequest) =>
  request.method !== 'POST'
    ? undefined
    : /\/composite\/batch$/.test(request.path)
      ? 'composite batch'
      : /\/tooling\/composite$/.test(request.path)
        ? 'tooling composite'
        : /\/Soap\/m\//.test(request.path)
          ? metadataTypeOf(request) === 'ConnectedApp' ? 'SOAP readMetadata of connected apps' : 'SOAP readMetadata'
          : undefined;

describe('The admin’s session: read-only scans, and no secret kept anywhere', () => {
  let salesforce: SalesforceEmulator;
  let okta: OktaEmulator;
  let servicenow: ServiceNowEmulator;
  let browser: ExtensionBrowser;
  let consoleLines: string[];
  const tabs = new Map<App, Page>();
  const tabIds = new Map<App, number>();
  const exported = new Map<string, string>();
  /** Page-published tokens, read from the pages themselves (they must be among what the emulators say they issued). */
  const pageTokens: Array<{ app: App; name: string; value: string }> = [];

  const emulatorOf = (app: App) => ({ salesforce, okta, servicenow })[app];
  /** The control each app's Verify re-checks: one the demo instances fail, read by a source each client reads its own way. */
  const verified: Record<App, string> = {
    salesforce: 'SF.PWD.1v1',
    okta: 'OKTA.STIG.273195v1',
    servicenow: serviceNowConnector.controls.find((control) => control.remediation.steps[0]?.anchor === 'glide.ui.session_timeout')!.id,
  };
  const controlsOf = { salesforce: salesforceConnector.controls, okta: oktaConnector.controls, servicenow: serviceNowConnector.controls };

  beforeAll(async () => {
    [salesforce, okta, servicenow] = await Promise.all([startSalesforceEmulator({ port: 0 }), startOktaEmulator({ port: 0 }), startServiceNowEmulator({ port: 0 })]);
    browser = await launchWithExtension({ hostResolverRules: [salesforce.hostResolverRules, okta.hostResolverRules, servicenow.hostResolverRules] });
    consoleLines = collectConsole(browser);
    const org = salesforce.orgs.find((candidate) => candidate.myDomain === 'acme')!;
    const oktaOrg = okta.orgs.find((candidate) => candidate.name === 'acme')!;
    const instance = servicenow.instances.find((candidate) => candidate.name === 'acme')!;
    const signIns: Record<App, (page: Page) => Promise<void>> = {
      salesforce: (page) => signIn(page, org),
      okta: (page) => signInOkta(page, oktaOrg, oktaOrg.superAdmin),
      servicenow: (page) => signInServiceNow(page, instance, instance.admin),
    };
    await Promise.all(
      (Object.keys(signIns) as App[]).map(async (app) => {
        const page = await browser.context.newPage();
        await signIns[app](page);
        tabs.set(app, page);
        tabIds.set(app, await tabIdOf(browser, page));
      }),
    );
    const snowPage = tabs.get('servicenow')!;
    pageTokens.push({ app: 'servicenow', name: 'g_ck', value: await snowPage.evaluate(() => (window as unknown as { g_ck: string }).g_ck) });
    pageTokens.push({ app: 'okta', name: 'XSRF token', value: await tabs.get('okta')!.locator('#_xsrfToken').textContent() ?? '' });
    // From here on, the emulators see only what the extension does (and the pages the walkthrough opens).
    for (const emulator of [salesforce, okta, servicenow]) emulator.clearRequests();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([salesforce?.close(), okta?.close(), servicenow?.close()]);
  });

  it('connects and scans each app with GETs only, apart from Salesforce’s named reads', async () => {
    await Promise.all(
      [...tabIds].map(async ([app, tabId]) => {
        const popup = await connectAndScan(browser, tabId);
        await popup.close();
        const requests = emulatorOf(app).requests;
        expect(requests.filter((request) => request.kind === 'api').length, app).toBeGreaterThan(5);
        expect(requests.map((request) => write(app, request)).filter(Boolean), `${app}: requests that are not reads`).toEqual([]);
      }),
    );
    // Each allowed kind was used, so the allow-list above was exercised, not vacuous.
    expect(new Set(salesforce.requests.map(salesforceReadKind).filter(Boolean))).toEqual(
      new Set(['composite batch', 'tooling composite', 'SOAP readMetadata', 'SOAP readMetadata of connected apps']),
    );
  });

  it('Verify in the side panel re-reads each app with GETs only (and Salesforce’s readMetadata)', async () => {
    for (const [app, tabId] of tabIds) {
      const emulator = emulatorOf(app);
      emulator.clearRequests();
      const panel = await browser.context.newPage();
      await panel.setViewportSize({ width: 400, height: 800 });
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
      const title = controlsOf[app].find((control) => control.id === verified[app])!.title;
      await panel.getByRole('button', { name: title, exact: true }).click();
      await panel.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => panel.locator('#verify-result .verify-outcome').isVisible(), { timeout: 30_000 }).toBe(true);
      await screenshot(panel, `security-session-verify-${app}`);
      await panel.close();
      expect(emulator.requests.filter((request) => request.kind === 'api').length, `${app}: Verify read nothing`).toBeGreaterThan(0);
      expect(emulator.requests.map((request) => write(app, request)).filter(Boolean), `${app}: Verify requests that are not reads`).toEqual([]);
      if (app === 'salesforce') expect(emulator.requests.map(salesforceReadKind)).toContain('SOAP readMetadata');
    }
  });

  it('exports every format, with the raw snapshots', async () => {
    const portal = await browser.context.newPage();
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/exports`);
    await portal.getByLabel(/Include the raw snapshots/).check();
    const saved: Array<Promise<void>> = [];
    portal.on('download', (download) => {
      const path = join(artifactsDir, `security-session-export-${download.suggestedFilename()}`);
      saved.push(download.saveAs(path).then(() => void exported.set(download.suggestedFilename(), readFileSync(path, 'utf8'))));
    });
    await portal.getByTestId('export-button').click();
    await expect.poll(() => saved.length, { timeout: 20_000 }).toBe(4);
    await Promise.all(saved);
    expect([...exported.keys()].map((name) => name.replace(/^posture-lens-[\d-]+\./, '')).sort()).toEqual(['csv', 'html', 'json', 'ocsf.jsonl']);
    expect(exported.get([...exported.keys()].find((name) => name.endsWith('.json'))!)).toContain('"snapshot"');
    await portal.close();
  });

  it('says when the session expires in the middle of a scan, and stores the error', async () => {
    salesforce.setFault({ kind: 'invalid_session', org: 'acme', match: 'readMetadata', times: 1 });
    okta.setFault({ kind: 'invalid_session', org: 'acme', match: '/api/v1/policies', times: 1 });
    servicenow.setFault({ kind: 'invalid_session', instance: 'acme', match: '/api/now/table/sys_user_has_role', times: 1 });
    for (const [app, tabId] of tabIds) {
      const popup = await openPopup(browser, tabId);
      await popup.getByRole('button', { name: 'Scan now' }).click();
      await expect.poll(() => popup.getByText('Session expired').first().isVisible(), { timeout: 30_000 }).toBe(true);
      await screenshot(popup, `security-session-expired-${app}`);
      await popup.close();
    }
    const portal = await browser.context.newPage();
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html`);
    const dump = await readDatabase(portal);
    const failed = dump.scans.filter((scan) => scan.status === 'failed');
    expect(failed.map((scan) => scan.error?.kind)).toEqual(['session_expired', 'session_expired', 'session_expired']);
    await portal.close();
  });

  it('keeps no session cookie, XSRF token or user token anywhere', async () => {
    // The search finds what it looks for: the service worker's console is collected.
    await browser.serviceWorker.evaluate(() => console.log('posture-lens console probe'));
    await expect.poll(() => consoleLines.some((line) => line.startsWith('service worker') && line.includes('posture-lens console probe'))).toBe(true);

    const secrets = new Map<string, string>();
    for (const app of ['salesforce', 'okta', 'servicenow'] as const) for (const value of emulatorOf(app).sessionSecrets()) secrets.set(value, `${app} session secret`);
    // Secrets the tenant holds that no check needs: a scan never asks for them (ServiceNow returns a client secret only when named).
    for (const row of servicenow.instance('acme').seed.tables.oauth_entity ?? []) secrets.set(row.client_secret!, `ServiceNow client secret of ${row.name}`);
    for (const row of salesforce.org('acme').seed.records.OauthToken ?? []) secrets.set(String(row.DeleteToken), 'Salesforce OAuth revocation token');
    // Salesforce sends a connected app's consumer key, and where the org allows it its secret, in the ConnectedApp record a scan reads.
    for (const [name, app] of Object.entries(salesforce.org('acme').seed.connectedAppMetadata ?? {})) {
      const config = app.oauthConfig as { consumerKey?: string; consumerSecret?: string } | undefined;
      if (config?.consumerKey) secrets.set(config.consumerKey, `Salesforce consumer key of ${name}`);
      if (config?.consumerSecret) secrets.set(config.consumerSecret, `Salesforce consumer secret of ${name}`);
    }
    expect(secrets.get(plantedConsumerSecret)).toBe('Salesforce consumer secret of DataLoader_Pro');
    const cookies = await browser.context.cookies();
    for (const cookie of cookies) if (cookie.value.length >= 16) secrets.set(cookie.value, `cookie ${cookie.name} of ${cookie.domain}`);
    // What the emulators say they issued covers what the browser and the pages hold.
    const sids = cookies.filter((cookie) => cookie.name === 'sid' && /\.(my\.salesforce\.com|lightning\.force\.com)$/.test(cookie.domain));
    expect(new Set(sids.map((cookie) => cookie.domain.replace(/^[^.]+\./, '')))).toEqual(new Set(['my.salesforce.com', 'lightning.force.com']));
    for (const cookie of [...sids, ...cookies.filter((candidate) => ['JSESSIONID', 'glide_session_store'].includes(candidate.name) || (candidate.name === 'sid' && candidate.domain.includes('okta')))]) {
      expect(salesforce.sessionSecrets().concat(okta.sessionSecrets(), servicenow.sessionSecrets()), `${cookie.name} of ${cookie.domain}`).toContain(cookie.value);
    }
    for (const token of pageTokens) {
      expect(token.value.length, token.name).toBeGreaterThanOrEqual(16);
      expect(emulatorOf(token.app).sessionSecrets(), token.name).toContain(token.value);
    }

    const state = await readExtensionState(browser);
    expect(Object.keys(state.indexedDB)).toContain('posture-lens');
    const haystack: Array<{ where: string; text: string }> = [
      ...Object.entries(state.indexedDB).flatMap(([database, stores]) => Object.entries(stores).map(([store, rows]) => ({ where: `IndexedDB ${database}.${store}`, text: JSON.stringify(rows) }))),
      { where: 'extension storage', text: JSON.stringify(state.storage ?? {}) },
      ...[...exported].map(([name, text]) => ({ where: `export ${name}`, text })),
      { where: 'console', text: consoleLines.join('\n') },
    ];
    for (const page of browser.context.pages()) {
      if (page.url().startsWith('chrome-extension://')) haystack.push({ where: `page ${page.url()}`, text: await page.content() });
    }
    expect(haystack.find((entry) => entry.where === 'IndexedDB posture-lens.scans')!.text).toContain('session_expired');

    const hits: string[] = [];
    for (const [secret, what] of secrets) {
      for (const { where, text } of haystack) if (text.includes(secret) || text.includes(encodeURIComponent(secret))) hits.push(`${what} in ${where}`);
    }
    expect(secrets.size).toBeGreaterThan(8);
    expect(hits).toEqual([]);

    // Content scripts never open a database in the SaaS page's origin (it would be the SaaS's to read).
    for (const [app, page] of tabs) expect(await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name)), app).not.toContain('posture-lens');
  });
});
