import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@/utils/exports/csv';
import { screenshot, type ExtensionBrowser } from './harness';
import { hosts, portalView, scanFourInstances, type FourInstances, type InstanceHost } from './portal-setup';
import { riskyPaths } from './risky-paths';

/**
 * An admin reviews the third-party apps of each demo instance in the portal: the risky app the demo org
 * seeds is among the high-rated apps at the top, its path to full admin is drawn and listed, the choke point is named, and
 * the checks that revoke or restrict it open their walkthrough.
 */
describe('Portal: third-party apps and attack paths', () => {
  let env: FourInstances;
  let browser: ExtensionBrowser;
  let portal: Page;
  let view: ReturnType<typeof portalView>;

  beforeAll(async () => {
    env = await scanFourInstances();
    ({ browser, portal } = env);
    view = portalView(portal);
  });

  afterAll(async () => {
    await env?.close();
  });

  const openApps = async (host: InstanceHost) => {
    await view.open(browser.extensionId, `apps?instance=${encodeURIComponent(env.keyOf(host))}`);
    await expect.poll(() => portal.getByTestId('apps-table').locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  };

  it.each([hosts.salesforceAcme, hosts.oktaAcme, hosts.serviceNowAcme] as const)(
    '%s: the seeded risky app is rated high, its path to full admin is drawn and listed, the choke point named',
    async (host) => {
      const expected = riskyPaths[host];
      await openApps(host);
      // Rated high, among the high-risk apps at the top (another planted app may outrank it).
      const rows = portal.getByTestId('apps-table').locator('tbody tr');
      const firstRow = rows.filter({ has: portal.getByRole('button', { name: expected.app, exact: true }) });
      await expect.poll(() => firstRow.count()).toBe(1);
      expect(await firstRow.locator('.rating').innerText()).toBe('High risk');
      const ratings = await rows.locator('.rating').allInnerTexts();
      const position = await rows.evaluateAll((all, name) => all.findIndex((row) => row.querySelector('th button')?.textContent === name), expected.app);
      expect(ratings.slice(0, position + 1).every((rating) => rating === 'High risk')).toBe(true);

      const chokePoints = await portal.getByTestId('choke-points').locator('li').allInnerTexts();
      expect(chokePoints.length).toBeGreaterThan(0);
      expect(chokePoints.some((text) => text.includes(expected.chokePoint))).toBe(true);

      // The graph draws the path; choosing the app in the graph selects it, as the table's button does.
      const graph = portal.getByTestId('attack-graph');
      for (const label of expected.path) await expect.poll(() => graph.locator('.graph-node text').allTextContents()).toContainEqual(expect.stringContaining(label.slice(0, 20)));
      await firstRow.getByRole('button').click();
      const detail = portal.getByTestId('app-detail');
      await expect.poll(() => detail.getByRole('heading', { level: 2 }).innerText()).toContain(expected.app);
      const paths = await detail.getByTestId('app-paths').locator('li').allInnerTexts();
      expect(paths.some((path) => expected.path.every((label) => path.includes(label)))).toBe(true);
      expect(await detail.getByTestId('app-reasons').innerText()).toMatch(/Reaches .+ through \d+ identit/);
      expect(await graph.locator('.graph-node.selected').count()).toBe(1);
      expect(await graph.locator('.graph-edge.on').count()).toBeGreaterThanOrEqual(expected.path.length - 1);
      await screenshot(portal, `portal-apps-${host.split('.')[0]}-${host.split('.').slice(1).join('-')}`);

      // The remediation: the checks naming the app come first, and each opens its recommendation with the walkthrough.
      const fixes = detail.getByTestId('app-fixes').locator('li');
      expect(await fixes.count()).toBeGreaterThan(0);
      expect(await fixes.first().innerText()).toContain('names this app');
      const fix = fixes.filter({ hasText: expected.fix });
      expect(await fix.innerText()).toContain('names this app');
      await fix.getByRole('link').click();
      await expect.poll(() => portal.locator('#detail-walkthrough').count(), { timeout: 15_000 }).toBe(1);
      const steps = await portal.locator('.detail-pane').innerText();
      expect(steps).toMatch(expected.remediation);
    },
  );

  it('is usable from the keyboard and pans and zooms without redrawing the graph', async () => {
    await openApps(hosts.salesforceAcme);
    const graph = portal.getByTestId('attack-graph');
    const nodes = await graph.locator('.graph-node').count();
    await portal.getByRole('button', { name: 'Pan right' }).focus();
    await portal.keyboard.press('Enter');
    await portal.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => graph.getByTestId('graph-viewport').getAttribute('transform')).toMatch(/translate\(-120 0\) scale\(1\.25\)/);
    // Mouse events land only inside the window: the graph is brought into view before it is dragged.
    await graph.scrollIntoViewIfNeeded();
    const box = (await graph.boundingBox())!;
    await portal.mouse.move(box.x + 50, box.y + 50);
    await portal.mouse.down();
    await portal.mouse.move(box.x + 150, box.y + 90, { steps: 5 });
    await portal.mouse.up();
    const unit = Number((await graph.getAttribute('viewBox'))!.split(' ')[2]) / box.width;
    const [x, y] = ((await graph.getByTestId('graph-viewport').getAttribute('transform'))!.match(/translate\(([-\d.]+) ([-\d.]+)\)/) ?? []).slice(1).map(Number);
    expect(x).toBeCloseTo(-120 + 100 * unit, 1);
    expect(y).toBeCloseTo(40 * unit, 1);
    expect(await graph.locator('.graph-node').count()).toBe(nodes);
    await portal.getByRole('button', { name: 'Reset view' }).click();
    await expect.poll(() => graph.getByTestId('graph-viewport').getAttribute('transform')).toBe('translate(0 0) scale(1)');

    // The graph as a list: opened from the keyboard, it names the planted path, and its app button opens the detail.
    const expected = riskyPaths[hosts.salesforceAcme];
    const list = portal.getByTestId('path-list');
    await list.locator('summary').focus();
    await portal.keyboard.press('Enter');
    await expect.poll(() => list.getAttribute('open')).not.toBeNull();
    expect(await list.locator('summary').innerText()).toMatch(/^The paths as a list: \d+ apps, \d+ paths$/);
    const entry = list.locator(':scope > ul > li').filter({ has: portal.getByRole('button', { name: expected.app, exact: true }) });
    const listed = await entry.locator('ol li').allInnerTexts();
    expect(listed.some((path) => path === expected.path.join(' → '))).toBe(true);
    await entry.getByRole('button', { name: expected.app, exact: true }).focus();
    await portal.keyboard.press('Enter');
    await expect.poll(() => portal.getByTestId('app-detail').getByRole('heading', { level: 2 }).innerText()).toContain(expected.app);
    await screenshot(portal, 'portal-apps-path-list');
    await portal.getByTestId('app-detail').getByRole('button', { name: 'Close' }).click();

    // The inventory as CSV: one row per app, the planted app rated high with its path, unread values written as unknown.
    const [file] = await Promise.all([portal.waitForEvent('download'), portal.getByTestId('apps-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^posture-lens-apps-acme\.my\.salesforce\.com-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...records] = parseCsv(await readFile((await file.path())!, 'utf8'));
    const column = (name: string) => header!.indexOf(name);
    expect(records).toHaveLength(await portal.getByTestId('apps-table').locator('tbody tr').count());
    const planted = records.find((record) => record[column('thirdPartyApp')] === expected.app)!;
    expect(planted[column('rating')]).toBe('high');
    expect(planted[column('examplePath')]).toContain(expected.path.slice(0, 3).join(' → '));
    expect(planted[column('highCapabilities')]).toContain('Modify All Data');

    // The table's app buttons are reachable by Tab and open the detail with Enter.
    await portal.getByTestId('apps-table').locator('tbody tr').first().getByRole('button').focus();
    await portal.keyboard.press('Enter');
    await expect.poll(() => portal.getByTestId('app-detail').count()).toBe(1);
  });
});
