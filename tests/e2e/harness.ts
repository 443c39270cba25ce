import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { expect } from 'vitest';
import { ensureChromium } from '../../scripts/chromium';

/**
 * Real Chromium with the production build loaded, the SaaS hostnames mapped to the local emulators
 * with --host-resolver-rules: the extension sees https://acme.my.salesforce.com and real cookies.
 */

export const extensionPath = resolve('.output/chrome-mv3');
export const artifactsDir = resolve('tests/e2e/artifacts');

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** The profile folder (deleted by `close`). */
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * `hostResolverRules`: one emulator's rules, or several emulators' (each already a comma-separated list of
 * `MAP *.domain 127.0.0.1:PORT` rules for its own domains), joined into Chromium's single
 * --host-resolver-rules switch: the last switch given would win, so several can't be passed.
 */
export async function launchWithExtension(options: {
  hostResolverRules: string | string[];
  headless?: boolean;
  colorScheme?: 'light' | 'dark';
}): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'posture-lens-e2e-'));
  const hostResolverRules = [options.hostResolverRules].flat().join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: ensureChromium(),
    headless: options.headless ?? true,
    ignoreHTTPSErrors: true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      // The emulators' certificates are self-signed; the extension's service worker must accept them too.
      '--ignore-certificate-errors',
      `--host-resolver-rules=${hostResolverRules}`,
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, org: { apiHost: string; username: string; password: string }): Promise<void> {
  await page.goto(`https://${org.apiHost}/`);
  await page.getByLabel('Username').fill(org.username);
  await page.getByLabel('Password').fill(org.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await page.waitForURL(/\/lightning\/setup\//);
}

/** The Chromium id of the tab showing `page`, asked of the extension itself. */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  const id = await browser.serviceWorker.evaluate(async (target) => {
    const extensionApi = (globalThis as unknown as { chrome: { tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
    const tabs = await extensionApi.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`No tab found for ${url}`);
  return id;
}

/** The popup page as the toolbar would open it for that tab (an action popup can't be driven directly). */
export async function openPopup(browser: ExtensionBrowser, tabId?: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 640 });
  const query = tabId === undefined ? '' : `?tabId=${tabId}`;
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html${query}`);
  return popup;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Connects the org of `tab` from its popup and runs one scan to the end. Returns the popup. */
export async function connectAndScan(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const popup = await openPopup(browser, tabId);
  await popup.getByRole('button', { name: 'Connect' }).click();
  await popup.getByRole('button', { name: 'Scan now' }).click();
  await popup.getByTestId('score').waitFor({ timeout: 60_000 });
  await popup.getByRole('button', { name: 'Scan now' }).waitFor({ timeout: 60_000 });
  return popup;
}

export interface DatabaseDump {
  instances: Array<Record<string, any>>;
  scans: Array<Record<string, any>>;
  findings: Array<Record<string, any>>;
  snapshots: Array<Record<string, any>>;
  settings: Array<Record<string, any>>;
  exceptions: Array<Record<string, any>>;
}

/** Every row of the extension's database, read from one of its pages (the same origin as the service worker). */
export async function readDatabase(extensionPage: Page): Promise<DatabaseDump> {
  return extensionPage.evaluate(
    () =>
      new Promise<DatabaseDump>((resolvePromise, reject) => {
        const request = indexedDB.open('posture-lens');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const names = ['instances', 'scans', 'findings', 'snapshots', 'settings', 'exceptions'] as const;
          const transaction = database.transaction([...names], 'readonly');
          const dump: Record<string, unknown[]> = {};
          for (const name of names) {
            const getAll = transaction.objectStore(name).getAll();
            getAll.onsuccess = () => {
              dump[name] = getAll.result;
            };
          }
          transaction.oncomplete = () => {
            database.close();
            resolvePromise(dump as unknown as DatabaseDump);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/** Everything the extension keeps: every IndexedDB database and store of its origin, and `storage.local/session/sync`. */
export interface ExtensionState {
  indexedDB: Record<string, Record<string, unknown[]>>;
  /** Undefined when the extension has no `storage` permission (the API is then absent). */
  storage?: Record<'local' | 'session' | 'sync', Record<string, unknown>>;
}

/** Read in the service worker: every database it can list (not only the known stores) and the three storage areas. */
export async function readExtensionState(browser: ExtensionBrowser): Promise<ExtensionState> {
  return browser.serviceWorker.evaluate(async () => {
    const readDatabase = (name: string) =>
      new Promise<Record<string, unknown[]>>((resolvePromise, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const names = [...database.objectStoreNames];
          const dump: Record<string, unknown[]> = {};
          if (names.length === 0) {
            database.close();
            resolvePromise(dump);
            return;
          }
          const transaction = database.transaction(names, 'readonly');
          for (const store of names) {
            const getAll = transaction.objectStore(store).getAll();
            getAll.onsuccess = () => {
              dump[store] = getAll.result;
            };
          }
          transaction.oncomplete = () => {
            database.close();
            resolvePromise(dump);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      });
    const databases: Record<string, Record<string, unknown[]>> = {};
    for (const { name } of await indexedDB.databases()) if (name) databases[name] = await readDatabase(name);
    const areas = (globalThis as unknown as { chrome: { storage?: Record<'local' | 'session' | 'sync', { get(keys: null): Promise<Record<string, unknown>> }> } }).chrome.storage;
    return {
      indexedDB: databases,
      storage: areas && { local: await areas.local.get(null), session: await areas.session.get(null), sync: await areas.sync.get(null) },
    };
  });
}

/**
 * Collects the console of every page and frame (content scripts included), of the service worker, and uncaught
 * errors, from now on. Returns the live list of lines.
 */
export function collectConsole(browser: ExtensionBrowser): string[] {
  const lines: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => lines.push(`${page.url()} [${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => lines.push(`${page.url()} [uncaught] ${error.stack ?? error.message}`));
  };
  browser.context.pages().forEach(watch);
  browser.context.on('page', watch);
  browser.serviceWorker.on('console', (message) => lines.push(`service worker [${message.type()}] ${message.text()}`));
  return lines;
}

/** Writes a user setting the way the options will, for tests that need e.g. a short request timeout. */
export async function writeSetting(extensionPage: Page, key: string, value: unknown): Promise<void> {
  await extensionPage.evaluate(
    ({ key: settingKey, value: settingValue }) =>
      new Promise<void>((resolvePromise, reject) => {
        const request = indexedDB.open('posture-lens');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const transaction = database.transaction('settings', 'readwrite');
          transaction.objectStore('settings').put({ key: settingKey, value: settingValue });
          transaction.oncomplete = () => {
            database.close();
            resolvePromise();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { key, value },
  );
}

/** Okta's sign-in page on the org host; lands on the Admin Console dashboard. */
export async function signInOkta(page: Page, org: { orgHost: string }, admin: { username: string; password: string }): Promise<void> {
  await page.goto(`https://${org.orgHost}/`);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/-admin\.[^/]+\/admin\/dashboard/);
}

/** ServiceNow's login page on the instance; lands on the Next Experience home page (or `goTo`). */
export async function signInServiceNow(page: Page, instance: { host: string }, user: { userName: string; password: string }, goTo?: string): Promise<void> {
  await page.goto(`https://${instance.host}/login.do${goTo ? `?sysparm_goto_url=${encodeURIComponent(goTo)}` : ''}`);
  await page.getByLabel('User name').fill(user.userName);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login.do'));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical violations on a page, injected through the DevTools protocol (extension pages' CSP refuses script tags). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ html: string }> }> }> } }).axe.run();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.html))}`);
  });
}

/** ServiceNow's classic page inside the Next Experience shell's `gsft_main` iframe (which sits in a shadow root). */
export async function serviceNowMainFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((frame) => frame.name() === 'gsft_main' && frame.url() !== 'about:blank'), { timeout: 15_000 }).toBe(true);
  return page.frames().find((frame) => frame.name() === 'gsft_main')!;
}
