import type { ExtensionBrowser } from '../../tests/e2e/harness';
import type { BenchMode } from './mode';
import { firstPaints } from './paint';
import { median, round1, type Figure } from './results';

/** What the popup paints for a scanned instance: the score, and the first of the top recommendations. */
const popupSelectors = { score: '[data-testid="score"]', recommendations: '.recommendations li' };

/**
 * The popup's first render for the tab of an instance, the database holding its year (and four more instances'):
 * from navigation start to the score and the top recommendations both painted, median of several opens.
 */
export async function benchPopup(browser: ExtensionBrowser, tabId: number, label: string, mode: BenchMode): Promise<Figure[]> {
  const samples: number[] = [];
  const scriptsRun: number[] = [];
  for (let load = 0; load < mode.popupLoads; load++) {
    // As the toolbar opens it for the tab (harness.openPopup): popup size, `?tabId=`.
    const { page, times } = await firstPaints(browser, `popup.html?tabId=${tabId}`, popupSelectors, { width: 380, height: 640 });
    samples.push(Math.max(times.score!, times.recommendations!));
    scriptsRun.push(times.domContentLoaded!);
    await page.close();
  }
  return [
    {
      id: 'popup.firstRender',
      label: `popup first render: score and top recommendations, ${label} (median of ${samples.length})`,
      value: round1(median(samples)),
      unit: 'ms',
      budget: 'popupFirstRender',
    },
    { id: 'popup.firstRender.scriptsRun', label: '  of which: scripts loaded and run (median)', value: round1(median(scriptsRun)), unit: 'ms' },
  ];
}
