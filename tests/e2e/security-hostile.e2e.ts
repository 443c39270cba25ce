import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { salesforceConnector } from '@/connectors/salesforce';
import { serviceNowConnector } from '@/connectors/servicenow';
import { parseCsv } from '@/utils/exports/csv';
import { evilOrg as evilOktaOrg, startOktaEmulator, type OktaEmulator } from '../emulators/okta';
import { evilOrg, startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { evilInstance, startServiceNowEmulator, type ServiceNowEmulator } from '../emulators/servicenow';
import { formulas, isolateBreakout, longName, markup, rtlOverride } from '../emulators/shared/hostile';
import { artifactsDir, connectAndScan, launchWithExtension, openPopup, readDatabase, screenshot, signIn, signInOkta, signInServiceNow, tabIdOf, type ExtensionBrowser } from './harness';

/**
 * A hostile tenant: the emulators' "evil" instances name users, apps, policies, zones, certificates, IP rules and
 * the instance itself with markup, `javascript:` URLs, a 5 000-character word, bidirectional controls, zero-width
 * characters, emoji and formula starters (tests/emulators/shared/hostile.ts). After a scan of each, every surface
 * shows them as text: nothing runs, no element of the markup exists, no view grows wider than the window, no
 * directional control reaches the renderer (it would reorder the text around the name), CSV cells cannot start a
 * formula.
 */

interface Inspection {
  pwned: boolean;
  /** Elements the hostile markup would have created, anywhere (shadow roots included). */
  injected: string[];
  /** Links to `javascript:` URLs. */
  scriptLinks: string[];
  /** Text or attribute values, in what Posture Lens drew, that still hold an explicit directional control. */
  controls: string[];
  /** Elements holding the long name that end beyond the window. */
  wide: string[];
  scrollWidth: number;
  innerWidth: number;
}

/**
 * Runs in the page. `ours`: 'document' on extension pages and the report (all of it is ours), 'overlay' on SaaS
 * pages (only the overlay's shadow roots are ours; the SaaS page itself shows its own names as it likes).
 */
function inspect({ ours, longMarker }: { ours: 'document' | 'overlay'; longMarker: string }): Inspection {
  const roots: Array<Document | ShadowRoot> = [document];
  for (let index = 0; index < roots.length; index++) {
    for (const element of roots[index]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  }
  const control = /[\u202A-\u202E\u2066-\u2069]/;
  const viewport = document.documentElement.clientWidth;
  const describe = (element: Element) => `${element.localName}.${element.className}: ${(element.textContent ?? '').slice(0, 60)}`;
  const parentOf = (element: Element) => element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  /** Where a text ends on screen: clipped by an `overflow: hidden` ancestor, or making a scrolling ancestor (or the page) scroll sideways. */
  const widens = (node: Text): string | undefined => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const right = range.getBoundingClientRect().right;
    for (let element: Element | null = node.parentElement; element; element = parentOf(element)) {
      const overflow = getComputedStyle(element).overflowX;
      if (overflow === 'hidden' || overflow === 'clip') return element.getBoundingClientRect().right > viewport + 1 ? `${describe(element)} clips beyond the window` : undefined;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1) return `${describe(element)} scrolls sideways`;
    }
    return right > viewport + 1 ? `${describe(node.parentElement!)} ends at ${Math.round(right)} px` : undefined;
  };
  const result: Inspection = { pwned: '__pwned' in window, injected: [], scriptLinks: [], controls: [], wide: [], scrollWidth: document.documentElement.scrollWidth, innerWidth };
  for (const root of roots) {
    // What the payloads create if parsed: the image, the SVG, an event-handler attribute, the script itself.
    for (const element of root.querySelectorAll('img[src="x"], svg[onload], [onerror], script')) {
      if (element.localName !== 'script' || element.textContent?.trim() === 'window.__pwned=1') result.injected.push(element.outerHTML.slice(0, 120));
    }
    for (const link of root.querySelectorAll('a[href]')) {
      if (/^\s*javascript:/i.test(link.getAttribute('href') ?? '')) result.scriptLinks.push(link.outerHTML.slice(0, 120));
    }
  }
  for (const root of ours === 'document' ? roots : roots.slice(1)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement;
      // Form fields hold what the admin types, as typed.
      if (!parent || parent.closest('style, script, textarea')) continue;
      const text = node.textContent ?? '';
      if (control.test(text)) result.controls.push(describe(parent));
      if (text.includes(longMarker)) {
        const problem = widens(node);
        if (problem) result.wide.push(problem);
      }
    }
    for (const element of root.querySelectorAll('*')) {
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value && control.test(value)) result.controls.push(`${element.localName}[${name}]: ${value.slice(0, 80)}`);
      }
    }
  }
  return result;
}

const longMarker = longName.slice(4, 44);

async function inspectPage(target: Page | Frame, ours: 'document' | 'overlay' = 'document'): Promise<Inspection> {
  return target.evaluate(inspect, { ours, longMarker });
}

/** Nothing ran, nothing was parsed as markup, no control reaches the screen, nothing is wider than the window. */
function expectSafe(report: Inspection, where: string, options: { layout?: boolean } = {}) {
  expect(report.pwned, `${where}: hostile code ran`).toBe(false);
  expect(report.injected, `${where}: elements from hostile markup`).toEqual([]);
  expect(report.scriptLinks, `${where}: javascript: links`).toEqual([]);
  expect(report.controls, `${where}: directional controls reach the renderer`).toEqual([]);
  expect(report.wide, `${where}: the long name widens its container`).toEqual([]);
  if (options.layout ?? true) expect(report.scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(report.innerWidth);
}

const titleOf = (controls: Array<{ id: string; title: string }>, id: string) => controls.find((control) => control.id === id)!.title;

/** Per app: the evil instance's tab, a control whose evidence names hostile entities, and an admin page whose badge shows it. */
interface Target {
  app: 'salesforce' | 'okta' | 'servicenow';
  tab: Page;
  tabId: number;
  controlId: string;
  title: string;
  /** The admin page with that control's badge, and the frame it sits in. */
  openAdminPage(): Promise<Frame>;
}

describe('Hostile strings from the SaaS in every surface', () => {
  let salesforce: SalesforceEmulator;
  let okta: OktaEmulator;
  let servicenow: ServiceNowEmulator;
  let browser: ExtensionBrowser;
  let portal: Page;
  const targets: Target[] = [];
  const dialogs: string[] = [];

  /** The frame of `tab` that holds the badge of `controlId` (Setup and ServiceNow pages draw them in an iframe). */
  async function frameWithBadge(tab: Page, controlId: string): Promise<Frame> {
    const selector = `posture-lens-badge[data-control-id="${controlId}"]`;
    let found: Frame | undefined;
    await expect
      .poll(async () => {
        for (const frame of tab.frames()) if (await frame.locator(selector).count().catch(() => 0)) found = frame;
        return found !== undefined;
      }, { timeout: 20_000 })
      .toBe(true);
    return found!;
  }

  beforeAll(async () => {
    [salesforce, okta, servicenow] = await Promise.all([
      startSalesforceEmulator({ port: 0, orgs: [evilOrg()] }),
      startOktaEmulator({ port: 0, orgs: [evilOktaOrg()] }),
      startServiceNowEmulator({ port: 0, instances: [evilInstance()] }),
    ]);
    browser = await launchWithExtension({ hostResolverRules: [salesforce.hostResolverRules, okta.hostResolverRules, servicenow.hostResolverRules] });
    // alert(), confirm() or prompt() from any page would be hostile code running.
    browser.context.on('page', (page) => page.on('dialog', (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.message()}`);
      void dialog.dismiss();
    }));
    const org = salesforce.orgs[0]!;
    const oktaOrg = okta.orgs[0]!;
    const instance = servicenow.instances[0]!;
    const signIns: Array<Omit<Target, 'tab' | 'tabId'> & { signIn(page: Page): Promise<void> }> = [
      {
        app: 'salesforce', controlId: 'SF.NET.3v1', title: titleOf(salesforceConnector.controls, 'SF.NET.3v1'),
        signIn: (page) => signIn(page, org),
        openAdminPage: async () => {
          const tab = targets.find((target) => target.app === 'salesforce')!.tab;
          await tab.goto(salesforceConnector.pageUrl(tab.url(), salesforceConnector.pages.find((page) => page.key === 'networkAccess')!));
          return frameWithBadge(tab, 'SF.NET.3v1');
        },
      },
      {
        app: 'okta', controlId: 'OKTA.ADMIN.1v1', title: titleOf(oktaConnector.controls, 'OKTA.ADMIN.1v1'),
        signIn: (page) => signInOkta(page, oktaOrg, oktaOrg.superAdmin),
        openAdminPage: async () => {
          const tab = targets.find((target) => target.app === 'okta')!.tab;
          await tab.goto(`https://${oktaOrg.adminHost}/admin/access/admins`);
          return frameWithBadge(tab, 'OKTA.ADMIN.1v1');
        },
      },
      {
        app: 'servicenow', controlId: 'SN.USER.1v1', title: titleOf(serviceNowConnector.controls, 'SN.USER.1v1'),
        signIn: (page) => signInServiceNow(page, instance, instance.admin),
        openAdminPage: async () => {
          const tab = targets.find((target) => target.app === 'servicenow')!.tab;
          await tab.goto(`https://${instance.host}/now/nav/ui/classic/params/target/${encodeURIComponent('sys_user_list.do')}`);
          return frameWithBadge(tab, 'SN.USER.1v1');
        },
      },
    ];
    await Promise.all(
      signIns.map(async ({ signIn: signInTo, ...target }) => {
        const tab = await browser.context.newPage();
        await signInTo(tab);
        const tabId = await tabIdOf(browser, tab);
        targets.push({ ...target, tab, tabId });
        const popup = await connectAndScan(browser, tabId);
        await popup.close();
      }),
    );
    portal = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([salesforce?.close(), okta?.close(), servicenow?.close()]);
  });

  it('reads the hostile names into the evidence as they are', async () => {
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html`);
    const dump = await readDatabase(portal);
    expect(dump.instances.map((instance) => instance.name).sort()).toEqual([evilOrg().name, evilOktaOrg().companyName, evilInstance().displayName].sort());
    const evidence = JSON.stringify(dump.findings.map((finding) => finding.verdict));
    // Stored data stays faithful: only what is shown is made safe.
    for (const text of [markup.img, markup.script, markup.svg, longName, rtlOverride, isolateBreakout]) expect(evidence).toContain(JSON.stringify(text).slice(1, -1));
  });

  it('overlay: the badge and its tip on an admin page of each app show the names as text, wrapped inside the tip', async () => {
    for (const target of targets) {
      await target.tab.bringToFront();
      // No fade-in: the screenshot shows the tip as it settles.
      await target.tab.emulateMedia({ reducedMotion: 'reduce' });
      const frame = await target.openAdminPage();
      const badge = frame.locator(`posture-lens-badge[data-control-id="${target.controlId}"]`).first();
      await badge.getByRole('button').first().focus();
      const tip = badge.getByRole('dialog');
      await expect.poll(() => tip.isVisible(), { timeout: 10_000 }).toBe(true);
      await screenshot(target.tab, `security-hostile-overlay-${target.app}`);
      expectSafe(await inspectPage(frame, 'overlay'), `${target.app} overlay`, { layout: false });
      for (const other of target.tab.frames()) expect(await inspectPage(other, 'overlay').then((report) => report.pwned || report.injected.length > 0), `${target.app}: ${other.url()}`).toBe(false);
      const box = await tip.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        return { width: rect.width, right: rect.right, bottom: rect.bottom, viewport: { width: innerWidth, height: innerHeight }, text: element.textContent ?? '' };
      });
      // 340 px wide at most, and short enough to stay on the page whatever the evidence holds.
      expect(box.width, `${target.app}: tip width`).toBeLessThanOrEqual(342);
      expect(box.right).toBeLessThanOrEqual(box.viewport.width);
      expect(box.bottom, `${target.app}: tip bottom`).toBeLessThanOrEqual(box.viewport.height);
      expect(box.text).toMatch(/<img src=x|<script>|<svg onload|0123456789|\[U\+202E\]/);
    }
  });

  it('popup: each instance shows its hostile name and top recommendations as text', async () => {
    for (const target of targets) {
      const popup = await openPopup(browser, target.tabId);
      await popup.getByTestId('score').waitFor();
      await screenshot(popup, `security-hostile-popup-${target.app}`);
      expectSafe(await inspectPage(popup), `${target.app} popup`);
      await popup.close();
    }
  });

  it('side panel: the walkthrough lists the hostile entities as text, wrapped, with their controls shown as codes', async () => {
    for (const target of targets) {
      const panel = await browser.context.newPage();
      await panel.setViewportSize({ width: 400, height: 800 });
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${target.tabId}`);
      await panel.getByRole('button', { name: target.title, exact: true }).click();
      await panel.locator('#detail-title').waitFor();
      await expect.poll(() => panel.locator('.affected li').count()).toBeGreaterThan(0);
      await screenshot(panel, `security-hostile-sidepanel-${target.app}`);
      expectSafe(await inspectPage(panel), `${target.app} side panel`);
      await panel.close();
    }
  });

  it('portal: recommendations and the detail pane, an exception for some hostile entities, instances and the initiative', async () => {
    const open = (hash: string) => portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/${hash}`);
    // Each app's hostile entities, and two findings whose evidence holds a `javascript:` URL (shown as text, never a link).
    const withScriptUrl = ['SF.INT.2v1', 'SN.OAUTH.3v1'];
    for (const controlId of [...targets.map((target) => target.controlId), ...withScriptUrl]) {
      await open('recommendations?status=all');
      await portal.getByRole('searchbox').fill(controlId);
      await expect.poll(() => portal.getByTestId('recommendation-row').count(), { timeout: 15_000 }).toBe(1);
      await portal.getByTestId('recommendation-row').locator('button.row-button').click();
      const pane = portal.getByTestId('detail-pane');
      await expect.poll(() => pane.locator('.affected li').count()).toBeGreaterThan(0);
      await screenshot(portal, `security-hostile-portal-detail-${controlId}`);
      expectSafe(await inspectPage(portal), `${controlId} detail pane`);
      if (withScriptUrl.includes(controlId)) expect(await pane.innerText()).toContain('javascript:');
    }

    // An exception for some of the hostile entities of the last one, with a hostile rationale (an imported file could hold one).
    const pane = portal.getByTestId('detail-pane');
    await pane.getByRole('button', { name: 'Add exception' }).click();
    const form = portal.getByTestId('exception-form');
    await form.getByLabel(/Risk accepted/).check();
    await form.getByLabel('Only these affected entities').check();
    await form.locator('.entity-list input[type="checkbox"]').first().check();
    await form.getByLabel('Rationale (required)').fill(`${markup.img} ${isolateBreakout} ${longName}`);
    await form.getByLabel('Owner (required)').fill(formulas.at);
    expectSafe(await inspectPage(portal), 'exception form');
    await screenshot(portal, 'security-hostile-portal-exception-form');
    await form.getByRole('button', { name: 'Save exception' }).click();
    await expect.poll(() => form.count()).toBe(0);

    for (const view of ['exceptions', 'instances', 'initiative', 'recommendations']) {
      await open(view);
      await portal.locator('#view-title').waitFor();
      if (view === 'exceptions') await expect.poll(() => portal.getByTestId('exception-row').count()).toBe(1);
      if (view === 'instances') await expect.poll(() => portal.getByTestId('instance-row').count()).toBe(3);
      if (view === 'recommendations') await expect.poll(() => portal.getByTestId('recommendation-row').count()).toBeGreaterThan(5);
      await screenshot(portal, `security-hostile-portal-${view}`);
      expectSafe(await inspectPage(portal), `portal ${view}`);
    }
  });

  it('portal: the third-party apps view shows hostile app and user names as text in the table, the graph, the path list and the detail', async () => {
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/instances`);
    const instances = (await readDatabase(portal)).instances as Array<{ key: string; host: string }>;
    expect(instances).toHaveLength(3);
    let hostileApps = 0;
    for (const instance of instances) {
      await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/apps?instance=${encodeURIComponent(instance.key)}`);
      const rows = portal.getByTestId('apps-table').locator('tbody tr');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const names = await rows.locator('th button').allInnerTexts();
      hostileApps += names.filter((name) => /<(img|script|svg)/.test(name)).length;
      const list = portal.getByTestId('path-list');
      if (await list.count()) await list.locator('summary').click();
      await rows.first().getByRole('button').first().click();
      await portal.getByTestId('app-detail').waitFor();
      await screenshot(portal, `security-hostile-portal-apps-${instance.host.split('.')[0]}-${instance.host.split('.')[1]}`);
      expectSafe(await inspectPage(portal), `apps view of ${instance.host}`);
    }
    // The view had hostile names to show, as text: otherwise this would prove nothing.
    expect(hostileApps).toBeGreaterThan(0);
  });

  it('portal: the history diff of a setting that took a hostile value', async () => {
    const instance = servicenow.instances[0]!;
    servicenow.instance(instance.name).setProperty('glide.sm.default_mode', `${markup.svg}${isolateBreakout}`);
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/instances`);
    const row = portal.getByTestId('instance-row').filter({ hasText: instance.host });
    await row.getByRole('button', { name: /^Rescan / }).click();
    await expect.poll(() => row.getByText(/^Scan finished/).isVisible(), { timeout: 30_000 }).toBe(true);
    const key = (await readDatabase(portal)).instances.find((candidate) => candidate.host === instance.host)!.key as string;
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/history?instance=${encodeURIComponent(key)}`);
    const changed = portal.getByTestId('diff-changedValues');
    await expect.poll(() => changed.innerText(), { timeout: 15_000 }).toContain('<svg onload');
    await screenshot(portal, 'security-hostile-portal-history');
    expectSafe(await inspectPage(portal), 'portal history');
  });

  it('exports: JSON and OCSF keep the names as they are, CSV defuses formulas, the HTML report shows them as text', async () => {
    await portal.goto(`chrome-extension://${browser.extensionId}/portal.html#/exports`);
    const files = new Map<string, string>();
    const saved: Array<Promise<void>> = [];
    portal.on('download', (download) => {
      const path = join(artifactsDir, `security-hostile-export-${download.suggestedFilename()}`);
      files.set(download.suggestedFilename().replace(/^.*?\.(?=ocsf|json|csv|html)/, ''), path);
      saved.push(download.saveAs(path));
    });
    await portal.getByTestId('export-button').click();
    await expect.poll(() => files.size, { timeout: 20_000 }).toBe(4);
    await Promise.all(saved);
    const text = (format: string) => readFileSync(files.get(format)!, 'utf8');

    const json = text('json');
    for (const value of [markup.img, isolateBreakout, longName, formulas.hyperlink]) expect(json).toContain(JSON.stringify(value).slice(1, -1));
    const ocsf = text('ocsf.jsonl').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(JSON.stringify(ocsf)).toContain(JSON.stringify(markup.script).slice(1, -1));

    const [header, ...rows] = parseCsv(text('csv'));
    const column = header!.indexOf('instanceName');
    for (const cells of rows) for (const cell of cells) expect(cell, 'a CSV cell starts a formula').not.toMatch(/^[=+\-@\t\r]/);
    // Each instance name starts with a formula; the cell holds it behind a leading apostrophe.
    expect(new Set(rows.map((cells) => cells[column]))).toEqual(new Set([evilOrg().name, evilOktaOrg().companyName, evilInstance().displayName].map((name) => `'${name}`)));

    const report = await browser.context.newPage();
    for (const width of [1280, 400]) {
      await report.setViewportSize({ width, height: 800 });
      await report.goto(pathToFileURL(files.get('html')!).href);
      // The report is a few hundred thousand pixels tall: the window around the first hostile finding.
      await report.locator('article.finding', { hasText: markup.img }).first().evaluate((finding) => finding.scrollIntoView({ block: 'start' }));
      await report.screenshot({ path: join(artifactsDir, `security-hostile-report-${width}.png`) });
      expectSafe(await inspectPage(report), `HTML report at ${width} px`);
    }
    expect(await report.locator('body').innerText()).toContain('<img src=x onerror=');
    await report.close();
  });

  it('no page or frame still open ran hostile code, and none opened a dialog', async () => {
    const ran: string[] = [];
    for (const page of browser.context.pages()) {
      for (const frame of page.frames()) if (await frame.evaluate(() => '__pwned' in window).catch(() => false)) ran.push(frame.url());
    }
    expect(browser.context.pages().length).toBeGreaterThan(3);
    expect(ran).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
