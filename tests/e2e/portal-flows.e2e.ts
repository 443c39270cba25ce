import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { salesforceConnector } from '@/connectors/salesforce';
import { serviceNowConnector } from '@/connectors/servicenow';
import { readDatabase, screenshot, tabIdOf, type ExtensionBrowser } from './harness';
import { hosts, portalView, scanFourInstances, type FourInstances, type InstanceHost } from './portal-setup';

/**
 * An admin of three SaaS apps has scanned four instances (two ServiceNow instances, a Salesforce org,
 * an Okta org) and works through them in the portal: filters, walkthroughs, the keyboard, the instances.
 */
describe('Portal: four instances of three apps', () => {
  let env: FourInstances;
  let browser: ExtensionBrowser;
  let portal: Page;
  let view: ReturnType<typeof portalView>;
  const open = (hash: string) => view.open(browser.extensionId, hash);
  const keyOf = (host: InstanceHost) => env.keyOf(host);

  beforeAll(async () => {
    env = await scanFourInstances();
    ({ browser, portal } = env);
    view = portalView(portal);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('shows the four instances of three apps; App and Instance filters narrow the table; a metric is fed by several apps', async () => {
    await open('instances');
    await expect.poll(() => portal.getByTestId('instance-row').count(), { timeout: 15_000 }).toBe(4);
    const instanceRows = await portal.getByTestId('instance-row').evaluateAll((rows) => rows.map((row) => [...row.children].slice(0, 3).map((cell) => cell.textContent).join(' · ')));
    expect(instanceRows).toEqual([
      'Okta · Acme Corporation · acme-admin.okta.com',
      'Salesforce · Acme Corporation · acme.my.salesforce.com',
      'ServiceNow · Acme Corporation · acme.service-now.com',
      'ServiceNow · Globex Ltd · globex.service-now.com',
    ]);
    await screenshot(portal, 'portal-flows-instances');

    // Every finding of every latest scan is a row; each filter keeps exactly one app's or one instance's.
    const dump = await readDatabase(portal);
    const findingsOf = (keys: string[]) =>
      dump.findings.filter((finding) => dump.instances.some((instance) => keys.includes(instance.key) && instance.lastGoodScanId === finding.scanId)).length;
    const keysOf = (app: string) => dump.instances.filter((instance) => instance.app === app).map((instance) => instance.key as string);
    await open('recommendations?status=all');
    await expect.poll(() => view.counts(), { timeout: 15_000 }).toEqual({ shown: findingsOf(dump.instances.map((instance) => instance.key)), total: findingsOf(dump.instances.map((instance) => instance.key)) });
    const total = (await view.counts())!.total;

    await view.filter('App').selectOption({ label: serviceNowConnector.name });
    await expect.poll(() => view.counts()).toEqual({ shown: findingsOf(keysOf('servicenow')), total });
    expect(await view.filter('Instance').locator('option').allInnerTexts()).toEqual(['All instances', 'Acme Corporation (ServiceNow)', 'Globex Ltd (ServiceNow)']);
    const appCells = await view.instanceCells();
    expect(appCells.length).toBeGreaterThan(5);
    for (const cell of appCells) expect(cell).toMatch(new RegExp(`${serviceNowConnector.name}$`));

    await view.filter('App').selectOption({ label: 'All apps' });
    await view.filter('Instance').selectOption({ label: `Acme Corporation (${oktaConnector.name})` });
    const okta = dump.instances.find((instance) => instance.app === 'okta')!;
    await expect.poll(() => view.counts()).toEqual({ shown: findingsOf([okta.key]), total });
    const instanceCells = await view.instanceCells();
    expect(instanceCells.length).toBeGreaterThan(5);
    // Three instances are called "Acme Corporation": the row names the app too.
    for (const cell of instanceCells) expect(cell).toBe(`Acme Corporation\n${oktaConnector.name}`);
    await screenshot(portal, 'portal-flows-recommendations-one-instance');

    await open('initiative');
    await expect.poll(() => portal.locator('[data-testid^="metric-row-"]').count(), { timeout: 15_000 }).toBe(12);
    const fedBy = await portal.locator('[data-testid^="metric-row-"]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute('data-testid')!.replace('metric-row-', ''), [...row.querySelectorAll('.feed-list li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim())])),
    );
    const allThree = [`${oktaConnector.name} · 1 instance`, `${salesforceConnector.name} · 1 instance`, `${serviceNowConnector.name} · 2 instances`];
    expect(fedBy.authentication).toEqual(allThree);
    expect(Object.values(fedBy).filter((apps) => apps.length > 1).length).toBeGreaterThan(6);
    await screenshot(portal, 'portal-flows-initiative');
  });

  it('opens the walkthrough of a recommendation in the side panel of the tab that shows its instance', async () => {
    const tabIds = new Map(await Promise.all([...env.tabs].map(async ([name, page]) => [name, await tabIdOf(browser, page)] as const)));
    const panelFor = async (host: InstanceHost) => {
      const panel = await browser.context.newPage();
      // About the width Chrome gives its side panel.
      await panel.setViewportSize({ width: 400, height: 800 });
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabIds.get(host)}`);
      // The list's heading, or the walkthrough's when the panel opens on a recommendation (the hidden list is no heading).
      await panel.getByRole('heading', { level: 1 }).waitFor();
      await panel.getByRole('status').filter({ hasText: /Showing \d+ of [1-9]\d* recommendations/ }).or(panel.locator('#detail-title')).first().waitFor({ state: 'attached' });
      return panel;
    };
    /** What the background keeps for the next side panel opened on a tab (read once, as a panel reads it). */
    const keptTarget = async (host: InstanceHost) =>
      (
        await portal.evaluate(
          (tabId) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ controlId?: string }> } } }).chrome.runtime.sendMessage({ type: 'walkthrough/target', tabId }),
          tabIds.get(host)!,
        )
      ).controlId;
    const openRecommendation = async (instanceLabel: string) => {
      await portal.bringToFront();
      await open('recommendations');
      await view.filter('Instance').selectOption({ label: instanceLabel });
      await portal.getByTestId('recommendation-row').first().locator('button.row-button').click();
      const pane = portal.getByTestId('detail-pane');
      await expect.poll(() => pane.locator('#detail-title').isVisible()).toBe(true);
      return { pane, title: await pane.locator('#detail-title').innerText() };
    };

    // Two ServiceNow tabs are open: the walkthrough goes to the one that shows the recommendation's instance.
    const { pane, title } = await openRecommendation('Acme Corporation (ServiceNow)');
    await pane.getByRole('button', { name: 'Open walkthrough in the side panel' }).click();
    await expect.poll(() => pane.getByText('The walkthrough is open in the side panel of the Acme Corporation (ServiceNow) tab.').isVisible()).toBe(true);
    await screenshot(portal, 'portal-flows-walkthrough-opened');
    expect(await keptTarget(hosts.serviceNowGlobex)).toBeUndefined();
    const panel = await panelFor(hosts.serviceNowAcme);
    await expect.poll(() => panel.getByRole('heading', { level: 1, name: title }).isVisible()).toBe(true);
    expect(await panel.locator('.instance-name').innerText()).toBe('Acme Corporation');
    expect(await panel.getByText('acme.service-now.com').isVisible()).toBe(true);
    await screenshot(panel, 'portal-flows-sidepanel-walkthrough');
    await panel.close();

    // A panel already open on the tab switches to the recommendation; reopened later, it starts from its list.
    const salesforcePanel = await panelFor(hosts.salesforceAcme);
    const salesforce = await openRecommendation(`Acme Corporation (${salesforceConnector.name})`);
    await salesforce.pane.getByRole('button', { name: 'Open walkthrough in the side panel' }).click();
    await expect.poll(() => salesforcePanel.getByRole('heading', { level: 1, name: salesforce.title }).isVisible()).toBe(true);
    await salesforcePanel.close();
    // Nothing is kept for the next panel of that tab: the open panel took it.
    expect(await keptTarget(hosts.salesforceAcme)).toBeUndefined();
    const reopened = await panelFor(hosts.salesforceAcme);
    await expect.poll(() => reopened.getByRole('heading', { level: 1, name: 'Recommendations' }).isVisible()).toBe(true);
    await reopened.close();

    // The Okta org's tab closes while its recommendation is open: the pane says what to do, and offers
    // the walkthrough again once a tab shows the org.
    const oktaOrg = env.okta.orgs.find((org) => org.name === 'acme')!;
    const oktaPane = (await openRecommendation(`Acme Corporation (${oktaConnector.name})`)).pane;
    const walkthroughButton = oktaPane.getByRole('button', { name: 'Open walkthrough in the side panel' });
    await expect.poll(() => walkthroughButton.isVisible()).toBe(true);
    await env.tabs.get(hosts.oktaAcme)!.close();
    env.tabs.delete(hosts.oktaAcme);
    const noTab = oktaPane.getByTestId('walkthrough-no-tab');
    await expect.poll(async () => ((await noTab.count()) > 0 ? noTab.innerText() : '')).toBe(`Open Acme Corporation (${oktaConnector.name}) at ${hosts.oktaAcme} in a tab to follow the walkthrough there.`);
    expect(await walkthroughButton.count()).toBe(0);
    await noTab.scrollIntoViewIfNeeded();
    await screenshot(portal, 'portal-flows-walkthrough-no-tab');
    const adminConsole = await browser.context.newPage();
    await adminConsole.goto(`https://${oktaOrg.adminHost}/admin/dashboard`);
    env.tabs.set(hosts.oktaAcme, adminConsole);
    await expect.poll(() => walkthroughButton.isVisible(), { timeout: 10_000 }).toBe(true);
    // The portal in front again: a page in a background tab gets no animation frames, and every action on it waits.
    await portal.bringToFront();
  });

  it('drives the recommendation table by keyboard alone: Tab to it, arrows, Enter opens the detail, Escape closes it', async () => {
    await open('recommendations');
    await expect.poll(() => portal.getByTestId('recommendation-row').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const focused = () => portal.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return { index: element?.dataset.index, key: element?.closest('tr')?.dataset.key, heading: element?.id === 'detail-title' ? element.textContent : undefined };
    });
    // From the top of the page: the header, the navigation, the filters, the column headers, then one stop for the rows.
    await portal.locator('body').focus();
    let presses = 0;
    while ((await focused()).index === undefined && presses < 40) {
      await portal.keyboard.press('Tab');
      presses += 1;
    }
    expect((await focused()).index).toBe('0');
    await portal.keyboard.press('ArrowDown');
    await portal.keyboard.press('ArrowDown');
    await portal.keyboard.press('ArrowUp');
    await portal.keyboard.press('ArrowDown');
    await expect.poll(async () => (await focused()).index).toBe('2');
    const row = portal.getByTestId('recommendation-row').nth(2);
    const key = await row.getAttribute('data-key');
    const title = await row.locator('.row-title').innerText();

    await portal.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).heading).toBe(title);
    expect(await row.getAttribute('aria-current')).toBe('true');
    await screenshot(portal, 'portal-flows-keyboard-detail');
    await portal.keyboard.press('Escape');
    await expect.poll(() => portal.getByTestId('detail-pane').innerText()).toMatch(/^Choose a recommendation/);
    await expect.poll(async () => (await focused()).key).toBe(key);

    // The close button, reached with Tab from the pane's heading, does the same.
    await portal.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).heading).toBe(title);
    await portal.keyboard.press('Tab');
    expect(await portal.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Close details');
    await portal.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).key).toBe(key);
    expect(await portal.getByTestId('detail-pane').locator('#detail-title').count()).toBe(0);
  });

  it('counts an instance in the scores or not, and rescans it from the portal through its open tab', async () => {
    await open('initiative');
    await expect.poll(() => view.score(), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await view.score();
    await open('instances');
    const row = view.instanceRow(hosts.serviceNowAcme);
    const inScore = row.getByRole('switch', { name: 'Count Acme Corporation (ServiceNow) in the scores' });
    await inScore.click();
    await expect.poll(() => row.locator('.switch').innerText()).toBe('Off');
    await expect.poll(() => view.score()).not.toBe(before);
    // The instance scores below the initiative: left out, the initiative rises; its rows stay listed, marked.
    expect(await view.score()).toBeGreaterThan(before);
    await open(`recommendations?instance=${encodeURIComponent(keyOf(hosts.serviceNowAcme))}`);
    await expect.poll(() => portal.getByTestId('recommendation-row').first().locator('td.col-instance').innerText()).toBe('Acme Corporation\nServiceNow · not in score');
    await open('instances');
    await inScore.click();
    await expect.poll(() => row.locator('.switch').innerText()).toBe('On');
    await expect.poll(() => view.score()).toBe(before);

    const lastScan = () => row.locator('time').getAttribute('datetime');
    const firstScanAt = await lastScan();
    await row.getByRole('button', { name: 'Rescan Acme Corporation (ServiceNow)' }).click();
    await expect.poll(() => row.getByText(/^Scanning/).first().isVisible()).toBe(true);
    // "Finished" is said once the scan is stored, not when it has only started.
    const finished = row.getByText(/^Scan finished: \d+%\.$/);
    await expect.poll(() => finished.isVisible(), { timeout: 30_000 }).toBe(true);
    await screenshot(portal, 'portal-flows-rescanned');
    const scans = (await readDatabase(portal)).scans.filter((scan) => scan.instanceKey === keyOf(hosts.serviceNowAcme));
    expect(scans.map((scan) => scan.status)).toEqual(['complete', 'complete']);
    expect(Date.parse((await lastScan())!)).toBeGreaterThan(Date.parse(firstScanAt!));

    await open(`history?instance=${encodeURIComponent(keyOf(hosts.serviceNowAcme))}`);
    await expect.poll(() => portal.getByTestId('scan-row').count(), { timeout: 15_000 }).toBe(2);
    expect(await portal.getByRole('heading', { name: 'Scans (2)' }).isVisible()).toBe(true);
  });

  it('an exception for some affected entities shows as partial, keeps the verdict and the score', async () => {
    const dump = await readDatabase(portal);
    const okta = dump.instances.find((instance) => instance.app === 'okta')!;
    const finding = dump.findings.find(
      (candidate) =>
        candidate.scanId === okta.lastGoodScanId &&
        candidate.status === 'non_compliant' &&
        candidate.verdict.affected.length >= 3 &&
        (candidate.verdict.affectedTotal ?? candidate.verdict.affected.length) === candidate.verdict.affected.length,
    )!;
    expect(finding).toBeDefined();
    const affected = finding.verdict.affected as Array<{ id: string; name: string }>;
    await open('initiative');
    await expect.poll(() => view.score(), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await view.score();

    await open(`recommendations?instance=${encodeURIComponent(okta.key)}`);
    await portal.getByRole('searchbox').fill(finding.controlId);
    await expect.poll(() => portal.getByTestId('recommendation-row').count()).toBe(1);
    const row = portal.getByTestId('recommendation-row');
    await row.locator('button.row-button').click();
    const pane = portal.getByTestId('detail-pane');
    await pane.getByRole('button', { name: 'Add exception' }).click();
    const form = portal.getByTestId('exception-form');
    await form.getByLabel(/Risk accepted/).check();
    await form.getByLabel('Only these affected entities').check();
    await form.getByLabel(affected[0]!.name).check();
    await form.getByLabel(affected[1]!.name).check();
    await form.getByLabel('Rationale (required)').fill('Break-glass accounts, reviewed every quarter.');
    await form.getByLabel('Owner (required)').fill('iam@acme.example');
    await screenshot(portal, 'portal-flows-exception-some-entities');
    await form.getByRole('button', { name: 'Save exception' }).click();
    await expect.poll(() => form.count()).toBe(0);

    const total = affected.length;
    await expect.poll(() => row.locator('td.col-status').innerText()).toBe(`Non-compliant\n2 of ${total} excepted`);
    const note = row.locator('td.col-status .exception-state');
    expect(await note.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect(await note.getAttribute('title')).toBe(`An exception covers 2 of ${total} affected entities; the others still count.`);
    const exceptionBox = pane.locator('.exception-box');
    await exceptionBox.scrollIntoViewIfNeeded();
    expect(await exceptionBox.innerText()).toMatch(new RegExp(`Original verdict: Non-compliant — 2 of ${total} affected entities excepted; the rest still count\\.`));
    expect(await pane.locator('.affected li', { hasText: 'excepted' }).count()).toBe(2);
    await screenshot(portal, 'portal-flows-exception-partial');
    // The remaining entities still fail: the score does not move.
    await open('initiative');
    await expect.poll(() => view.score()).toBe(before);
  });

  it('disconnects an instance after confirmation: it and its scans, findings and exceptions are gone, the others stay', async () => {
    const before = await readDatabase(portal);
    const okta = before.instances.find((instance) => instance.app === 'okta')!;
    const own = (dump: typeof before, key: string) => ({
      scans: dump.scans.filter((scan) => scan.instanceKey === key).length,
      findings: dump.findings.filter((finding) => finding.instanceKey === key).length,
      snapshots: dump.snapshots.filter((snapshot) => dump.scans.some((scan) => scan.id === snapshot.scanId && scan.instanceKey === key)).length,
      exceptions: dump.exceptions.filter((exception) => exception.instanceKey === key).length,
    });
    const oktaRows = own(before, okta.key);
    expect(oktaRows.exceptions).toBe(1);
    const others = before.instances.filter((instance) => instance.key !== okta.key).map((instance) => [instance.key, own(before, instance.key)] as const);

    await open('instances');
    await view.instanceRow(okta.host).getByRole('button', { name: `Disconnect Acme Corporation (${oktaConnector.name})` }).click();
    const dialog = portal.getByTestId('disconnect-dialog');
    await expect.poll(() => dialog.innerText()).toContain(`${oktaRows.findings} findings with their evidence`);
    expect(await dialog.innerText()).toContain(`${oktaRows.scans} scan and the raw snapshots stored with them`);
    expect(await dialog.innerText()).toContain('1 exception.');
    await screenshot(portal, 'portal-flows-disconnect');
    // Cancel changes nothing; confirming deletes.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await readDatabase(portal)).instances).toHaveLength(4);
    await view.instanceRow(okta.host).getByRole('button', { name: /^Disconnect/ }).click();
    await portal.getByTestId('disconnect-dialog').getByRole('button', { name: 'Disconnect and delete' }).click();
    await expect.poll(() => portal.getByTestId('instance-row').count()).toBe(3);

    const after = await readDatabase(portal);
    expect(after.instances.map((instance) => instance.key)).not.toContain(okta.key);
    expect(own(after, okta.key)).toEqual({ scans: 0, findings: 0, snapshots: 0, exceptions: 0 });
    expect(after.findings.some((finding) => String(finding.id).startsWith(before.scans.find((scan) => scan.instanceKey === okta.key)!.id))).toBe(false);
    for (const [key, rows] of others) expect(own(after, key), key).toEqual(rows);
    await open('recommendations');
    expect(await view.filter('App').locator('option').allInnerTexts()).toEqual(['All apps', salesforceConnector.name, serviceNowConnector.name]);
  });
});
