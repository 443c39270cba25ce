import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placementOf } from '@/utils/overlay/badges';
import { normalizeText } from '@/utils/overlay/locate';
import { startOktaEmulator, type OktaEmulator } from '@/tests/emulators/okta/index';
import { call, signIn } from '@/tests/emulators/okta/test-client';
import { oktaAnchors } from './anchors';
import { oktaControls } from './controls';
import { adminConsolePages, type AdminConsolePageKey } from './pages';

const decode = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Texts of what a label locator matches (label, th, dt, legend) and of headings (h1–h3), normalised like the overlay does. */
function textsOf(html: string) {
  const of = (tags: string) => new Set([...html.matchAll(new RegExp(`<(${tags})\\b[^>]*>([\\s\\S]*?)</\\1>`, 'g'))].map((m) => normalizeText(decode(m[2]))));
  return { label: of('label|th|dt|legend'), heading: of('h1|h2|h3') };
}

describe('Okta anchors', () => {
  it('has a locator for every control placement', () => {
    const missing = oktaControls
      .map((control) => ({ control, placement: placementOf(control) }))
      .filter(({ placement }) => !placement || (placement.anchorKey !== '@page' && !oktaAnchors[placement.pageKey as AdminConsolePageKey]?.[placement.anchorKey]))
      .map(({ control, placement }) => `${control.id} ${placement?.pageKey}#${placement?.anchorKey}`);
    expect(missing).toEqual([]);
  });

  describe('on the emulated Admin Console', () => {
    let emulator: OktaEmulator;
    beforeAll(async () => {
      emulator = await startOktaEmulator();
    });
    afterAll(() => emulator.close());

    it('each locator names a label, column header or heading its page shows', async () => {
      const { sid, org } = await signIn(emulator, 'acme');
      const absent: string[] = [];
      for (const [pageKey, anchors] of Object.entries(oktaAnchors) as Array<[AdminConsolePageKey, Record<string, { kind: string; texts: string[] }>]>) {
        const page = await call(emulator, `https://${org.adminHost}${adminConsolePages[pageKey].path}`, { headers: { Cookie: `sid=${sid}` } });
        expect(page.status, pageKey).toBe(200);
        const texts = textsOf(page.body);
        for (const [anchorKey, locator] of Object.entries(anchors)) {
          const wanted = normalizeText(locator.texts[0]);
          if (!(locator.kind === 'heading' ? texts.heading : texts.label).has(wanted)) absent.push(`${pageKey}#${anchorKey}: ${locator.kind} "${locator.texts[0]}"`);
        }
      }
      expect(absent).toEqual([]);
    });
  });
});
