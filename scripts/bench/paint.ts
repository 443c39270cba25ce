import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../tests/e2e/harness';

/**
 * Installed before a page's own scripts run: the time, from navigation start, at which the page first showed
 * each selector, read at the next frame after it appeared (what the admin sees).
 */
function recordFirstAppearances(selectors: Record<string, string>) {
  const seen: Record<string, number> = {};
  (window as unknown as { __postureFirst: Record<string, number> }).__postureFirst = seen;
  // No named functions in here: the bundler would wrap them in a helper the page does not have.
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (seen[name] === undefined && document.querySelector(selector)) {
        seen[name] = -1;
        requestAnimationFrame(() => setTimeout(() => (seen[name] = performance.now())));
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * Opens an extension page in a new tab and resolves, once every selector has been painted, with the time each
 * was first painted, when its scripts had run (`domContentLoaded`) and the page's own performance marks (where
 * the time goes).
 */
export async function firstPaints(
  browser: ExtensionBrowser,
  path: string,
  selectors: Record<string, string>,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; times: Record<string, number> }> {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.addInitScript(recordFirstAppearances, selectors);
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  await page.waitForFunction(
    (names) => names.every((name) => ((window as unknown as { __postureFirst: Record<string, number> }).__postureFirst[name] ?? -1) > 0),
    Object.keys(selectors),
    { timeout: 30_000 },
  );
  const times = await page.evaluate(() => ({
    ...(window as unknown as { __postureFirst: Record<string, number> }).__postureFirst,
    // The page's scripts (module scripts run before it) loaded and run.
    domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    ...Object.fromEntries(performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime])),
  }));
  return { page, times };
}
