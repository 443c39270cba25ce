import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceConnector } from '@/connectors/salesforce';
import { evaluateSnapshot } from '@/utils/evaluate';
import { snapshotSchema } from '@/utils/snapshot';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import {
  connectAndScan,
  launchWithExtension,
  openPopup,
  readDatabase,
  screenshot,
  signIn,
  tabIdOf,
  type ExtensionBrowser,
} from './harness';

/** An admin signed in to two orgs connects and scans each from the popup. */
describe('Salesforce: connect, scan and score in the popup', () => {
  let emulator: SalesforceEmulator;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0 });
    // Visualforce pages (vf.force.com) are Salesforce pages but not admin pages.
    browser = await launchWithExtension({
      hostResolverRules: `${emulator.hostResolverRules}, MAP *.vf.force.com 127.0.0.1:${emulator.port}`,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('offers Connect on a signed-in Setup page, then scans and shows the score, counts and top recommendations', async () => {
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    const page = await browser.context.newPage();
    await signIn(page, acme);
    const tabId = await tabIdOf(browser, page);

    const before = await openPopup(browser, tabId);
    await expect.poll(() => before.getByRole('button', { name: 'Connect' }).isVisible()).toBe(true);
    await screenshot(before, 'popup-connect');
    await before.close();

    emulator.clearRequests();
    const popup = await connectAndScan(browser, tabId);
    await expect.poll(() => popup.getByText('Acme Corporation').isVisible()).toBe(true);
    const score = Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0]);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(70);
    expect(Number(await popup.getByTestId('count-non-compliant').innerText())).toBeGreaterThan(10);
    await expect.poll(() => popup.getByRole('listitem').count()).toBe(5);
    await expect.poll(() => popup.getByText(/Last scanned/).isVisible()).toBe(true);
    await screenshot(popup, 'popup-scanned-light');

    const dump = await readDatabase(popup);
    const instance = dump.instances.find((candidate) => candidate.host === acme.apiHost)!;
    expect(instance.instanceId).toBe(acme.orgId);
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId)!;
    expect(scan.status).toBe('complete');
    expect(Math.round(scan.score.percent)).toBe(score);

    // The stored snapshot evaluates in Node to the very score the popup shows.
    const snapshot = snapshotSchema.parse(dump.snapshots.find((candidate) => candidate.scanId === scan.id)!.snapshot);
    expect(evaluateSnapshot(salesforceConnector, snapshot).score.percent).toBe(scan.score.percent);

    // At most 25 API requests, all read-only, and the session id is stored nowhere.
    const apiRequests = emulator.requests.filter((request) => request.kind === 'api');
    expect(apiRequests.length).toBeGreaterThan(0);
    expect(apiRequests.length).toBeLessThanOrEqual(25 + 4);
    const scanRequests = apiRequests.filter((request) => request.time >= Date.parse(scan.startedAt) - 1000);
    expect(scanRequests.length).toBeLessThanOrEqual(25);
    for (const request of apiRequests) {
      if (request.method === 'GET') continue;
      expect(request.path).toMatch(/\/composite\/batch$|\/tooling\/composite$|^\/services\/Soap\/m\//);
      for (const subrequest of request.subrequests ?? []) expect(subrequest.method).toBe('GET');
      if (request.path.startsWith('/services/Soap/')) expect(request.body).toContain('readMetadata');
    }
    const cookies = await browser.context.cookies();
    const sids = cookies.filter((cookie) => cookie.name === 'sid').map((cookie) => cookie.value);
    expect(sids.length).toBeGreaterThanOrEqual(2);
    const stored = JSON.stringify(dump);
    for (const sid of sids) expect(stored).not.toContain(sid.split('!')[1]);

    // The popup paints the recommendations the scan stored with it; a scan stored without them (imported, or
    // written before they were) shows the same list, worked out from its findings with the catalog loaded then.
    expect(scan.highlights.top).toHaveLength(5);
    const shown = await popup.locator('.recommendation-title').allInnerTexts();
    expect(shown).toEqual(scan.highlights.top.map((entry: { title: string }) => entry.title));
    await popup.evaluate(
      (scanId) =>
        new Promise<void>((resolvePromise, reject) => {
          const request = indexedDB.open('posture-lens');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const transaction = request.result.transaction('scans', 'readwrite');
            const store = transaction.objectStore('scans');
            const read = store.get(scanId);
            read.onsuccess = () => {
              const { highlights: _dropped, ...withoutHighlights } = read.result;
              store.put(withoutHighlights);
            };
            transaction.oncomplete = () => {
              request.result.close();
              resolvePromise();
            };
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      scan.id,
    );
    await popup.close();
    const reopened = await openPopup(browser, tabId);
    await expect.poll(() => reopened.locator('.recommendation-title').allInnerTexts()).toEqual(shown);
    await reopened.close();
  });

  it('keeps two orgs apart: each tab shows its own org and score, other tabs list both', async () => {
    const globex = emulator.orgs.find((org) => org.myDomain === 'globex')!;
    const page = await browser.context.newPage();
    await signIn(page, globex);
    const popup = await connectAndScan(browser, await tabIdOf(browser, page));
    await expect.poll(() => popup.getByText('Globex Ltd').isVisible()).toBe(true);
    const globexScore = Number((await popup.getByTestId('score').innerText()).match(/\d+/)?.[0]);
    expect(globexScore).toBeGreaterThan(75);
    await popup.close();

    const dump = await readDatabase(await openPopup(browser));
    expect(dump.instances.map((instance) => instance.host).sort()).toEqual(['acme.my.salesforce.com', 'globex.my.salesforce.com']);

    const list = await openPopup(browser);
    await expect.poll(() => list.getByText('Connected instances').isVisible()).toBe(true);
    await expect.poll(() => list.getByText('Acme Corporation').isVisible()).toBe(true);
    await expect.poll(() => list.getByText('Globex Ltd').isVisible()).toBe(true);
    await screenshot(list, 'popup-instances');
  });

  it('shows each org\'s risky app path to Modify All Data, names the choke point and leads to the fix', async () => {
    const portal = await browser.context.newPage();
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/apps`);
    const instances = portal.getByTestId('apps-instance');
    await expect.poll(() => instances.locator('option').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Salesforce · Acme Corporation', 'Salesforce · Globex Ltd']));

    const planted = [
      { org: 'Acme Corporation', app: 'Data Export Helper', admin: 'Marcus Chen' },
      { org: 'Globex Ltd', app: 'QuickReports Exporter', admin: 'Frank Grimes' },
    ];
    for (const { org, app, admin } of planted) {
      await instances.selectOption({ label: `Salesforce · ${org}` });
      const topChokePoint = async () => (await portal.getByTestId('choke-points').locator('li').first().textContent())?.replace(/\s+/g, ' ').trim();
      await expect.poll(topChokePoint, { timeout: 15_000 }).toMatch(/^Privilege System Administrator profile — on \d+ paths? \(\d+%\)$/);
      await portal.getByTestId('apps-table').getByRole('button', { name: app }).click();
      const detail = portal.getByTestId('app-detail');
      await expect.poll(() => detail.getByTestId('app-paths').locator('li').allInnerTexts()).toContain(`${app} → ${admin} → System Administrator profile → Modify All Data`);
      expect(await detail.getByTestId('app-reasons').innerText()).toContain('It is not installed in the org, so no admin policy (permitted users, IP or session rules) applies to it.');
      const fixes = detail.getByTestId('app-fixes').locator('li');
      await expect.poll(() => fixes.filter({ hasText: 'names this app' }).allInnerTexts()).toEqual(
        expect.arrayContaining([
          expect.stringContaining('No app holds the OAuth token of a user with org-wide permissions'),
          expect.stringContaining('Connected apps holding OAuth tokens are limited to admin-approved users'),
        ]),
      );
      await screenshot(portal, `portal-apps-${org.split(' ')[0]!.toLowerCase()}`);
    }

    // The fix opens the recommendation: its steps revoke the token and restrict the app, with the walkthrough.
    await portal.getByTestId('app-fixes').getByRole('link', { name: 'No app holds the OAuth token of a user with org-wide permissions' }).click();
    const pane = portal.getByTestId('detail-pane');
    await expect.poll(() => pane.innerText(), { timeout: 15_000 }).toContain('QuickReports Exporter (as Frank Grimes)');
    expect(await pane.innerText()).toContain('revoke the tokens of the named users');
    expect(await pane.innerText()).toContain('Admin approved users are pre-authorized');
    await expect.poll(() => pane.getByRole('button', { name: 'Open walkthrough in the side panel' }).isVisible()).toBe(true);
    await portal.close();
  });

  it('renders in the dark theme', async () => {
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    const page = await browser.context.newPage();
    await page.goto(`https://${acme.lightningHost}/lightning/setup/SetupOneHome/home`);
    const popup = await openPopup(browser, await tabIdOf(browser, page));
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.getByTestId('score').waitFor();
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(22, 24, 29)');
    await screenshot(popup, 'popup-scanned-dark');
  });

  it('says so on a page that is not an admin page, and when not signed in', async () => {
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    const site = await browser.context.newPage();
    await site.goto(`https://acme--c.vf.force.com/apex/AccountOverview`).catch(() => undefined);
    const sitePopup = await openPopup(browser, await tabIdOf(browser, site));
    await expect.poll(() => sitePopup.getByText('Not a Salesforce admin page').isVisible()).toBe(true);

    const fresh = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
    try {
      const login = await fresh.context.newPage();
      await login.goto(`https://${acme.lightningHost}/lightning/setup/SetupOneHome/home`);
      const popup = await openPopup(fresh, await tabIdOf(fresh, login));
      await expect.poll(() => popup.getByText('Not signed in').isVisible()).toBe(true);
      await screenshot(popup, 'popup-not-signed-in');
    } finally {
      await fresh.close();
    }
  });
});
