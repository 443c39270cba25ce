import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageHeadingAnchor, placementOf } from '@/utils/overlay/badges';
import { setupPageDefs, startSalesforceEmulator, type SalesforceEmulator } from '@/tests/emulators/salesforce';
import { call, signIn } from '@/tests/emulators/salesforce/test-client';
import { salesforceControls } from './controls';
import { type SetupPage, type SetupPageKey, setupPages } from './pages';
import { setupAnchors } from './setup-anchors';

/**
 * Every anchor a remediation step names has a locator, and the emulator's Setup pages show each
 * locator's text where the overlay looks for it (a label, a labelCol cell, a column header; a heading).
 */


const steps = salesforceControls.flatMap((control) => control.remediation.steps.map((step) => ({ control: control.id, page: step.page as SetupPageKey, anchor: step.anchor })));
const anchored = [...new Map(steps.filter((step) => step.anchor).map((step) => [`${step.page}#${step.anchor}`, step])).values()];
const routeKey = (page: SetupPage) => /^\/lightning\/setup\/([^/]+)\/home$/.exec(page.path)?.[1] as string;
const decode = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textsOf = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => decode((match[1] as string).replace(/<[^>]+>/g, '').trim()));
const labelTexts = (html: string) => [
  ...textsOf(html, /<label\b[^>]*>([\s\S]*?)<\/label>/g),
  ...textsOf(html, /<td class="labelCol"[^>]*>([\s\S]*?)<\/td>/g),
  ...textsOf(html, /<th\b[^>]*>([\s\S]*?)<\/th>/g),
  ...textsOf(html, /<span class="slds-form-element__label"[^>]*>([\s\S]*?)<\/span>/g),
];
const headingTexts = (html: string) => textsOf(html, /<h[1-3]\b[^>]*>([\s\S]*?)<\/h[1-3]>/g);

describe('Setup anchors', () => {
  it('has a locator for every anchor a remediation step names, on that step’s page', () => {
    const missing = anchored.filter((step) => !setupAnchors[step.page]?.[step.anchor as string]).map((step) => `${step.control} ${step.page}#${step.anchor}`);
    expect(missing).toEqual([]);
    for (const page of Object.values(setupAnchors)) {
      for (const locator of Object.values(page ?? {})) expect(locator.texts.length).toBeGreaterThan(0);
    }
  });

  it('names only pages that exist, and places every control’s badge on a page with a locator or its heading', () => {
    for (const step of steps) expect(setupPages[step.page], `${step.control} → ${step.page}`).toBeDefined();
    for (const control of salesforceControls) {
      const placement = placementOf(control);
      expect(placement, control.id).toBeDefined();
      if (placement && placement.anchorKey !== pageHeadingAnchor) expect(setupAnchors[placement.pageKey as SetupPageKey]?.[placement.anchorKey], control.id).toBeDefined();
    }
  });
});

describe('Setup anchors on the emulator’s pages (acme)', () => {
  let emulator: SalesforceEmulator;
  const html = new Map<SetupPageKey, string>();
  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
    const { org, lightningSid } = await signIn(emulator, 'acme');
    for (const [key, page] of Object.entries(setupPages) as Array<[SetupPageKey, SetupPage]>) {
      const shell = await call(emulator, `https://${org.lightningHost}${page.path}`, { headers: { Cookie: `sid=${lightningSid}` } });
      const src = /<iframe[^>]*\bsrc="([^"]+)"/.exec(shell.body)?.[1];
      // Classic pages load in the Setup iframe with its frame token, as in Chromium.
      html.set(key, src ? (await call(emulator, decode(src))).body : shell.body);
    }
  });
  afterAll(() => emulator.close());

  it('serves every Setup page a remediation step names, in the left navigation, framed where the page has a classic path', () => {
    for (const [key, page] of Object.entries(setupPages) as Array<[SetupPageKey, SetupPage]>) {
      const def = setupPageDefs.find((candidate) => candidate.key === routeKey(page));
      expect(def, key).toBeDefined();
      expect(def?.classicPath?.split('?')[0], key).toBe(page.classicPath);
      const native = /<section id="setupHome"[^>]*>([\s\S]*?)<\/section>/.exec(html.get(key) as string)?.[1] ?? '';
      expect(native, key).not.toContain('not available in the emulator');
    }
  });

  it('shows each page’s title as its heading', () => {
    for (const [key, page] of Object.entries(setupPages) as Array<[SetupPageKey, SetupPage]>) {
      const body = html.get(key) as string;
      if (page.classicPath) expect(body, key).toContain(`<h2 class="pageDescription">${page.title.replace(/&/g, '&amp;')}</h2>`);
      else expect(headingTexts(body), key).toContain(page.title);
    }
  });

  it('shows each anchored setting by its locator’s first text, with its value', () => {
    const found: string[] = [];
    const absent: string[] = [];
    for (const [page, anchors] of Object.entries(setupAnchors) as Array<[SetupPageKey, Record<string, { kind: string; texts: string[] }>]>) {
      const body = html.get(page) as string;
      for (const [anchor, locator] of Object.entries(anchors)) {
        const texts = locator.kind === 'label' ? labelTexts(body) : headingTexts(body);
        (texts.includes(locator.texts[0] as string) ? found : absent).push(`${page}#${anchor}`);
      }
    }
    expect(absent).toEqual([]);
    for (const step of anchored) expect(found).toContain(`${step.page}#${step.anchor}`);
  });

  it('renders settings rows labelled for their inputs, with the org’s current value', () => {
    const session = html.get('sessionSettings') as string;
    const id = /<label for="([^"]+)">Require HttpOnly attribute<\/label>/.exec(session)?.[1] as string;
    expect(session).toMatch(new RegExp(`<input type="checkbox" id="${id}" name="${id}" value="1">`)); // acme: off
    const identity = html.get('identityVerification') as string;
    const mfa = /<label for="([^"]+)">Require multi-factor authentication \(MFA\) for all direct UI logins to your Salesforce org<\/label>/.exec(identity)?.[1] as string;
    expect(identity).toContain(`<input type="checkbox" id="${mfa}" name="${mfa}" value="1">`);
    expect(html.get('loginAccessPolicies')).toMatch(/<label for="[^"]+">Available to Administrators Only<\/label><\/td><td class="dataCol"><input type="checkbox" id="[^"]+" name="[^"]+" value="1"><\/td>/);
    expect(html.get('companyInformation')).toMatch(/API Requests, Last 24 Hours<\/td><td class="dataCol">\d+ \(15000 max\)/);
  });
});
