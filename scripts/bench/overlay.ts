import { startSalesforceEmulator } from '../../tests/emulators/salesforce';
import { connectAndScan, launchWithExtension, signIn, tabIdOf } from '../../tests/e2e/harness';
import { percentile, round1, type BenchResult } from './results';

/**
 * The overlay's budgets, in Chromium against the demo Salesforce org:
 * - badges visible ≤ 50 ms after the anchored element appears (from stored findings)
 * - no long task over 50 ms on the host page while the overlay works
 */
export async function benchOverlay(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const emulator = await startSalesforceEmulator({ port: 0 });
  const browser = await launchWithExtension({ hostResolverRules: emulator.hostResolverRules });
  try {
    const acme = emulator.orgs.find((org) => org.myDomain === 'acme')!;
    const page = await browser.context.newPage();
    await signIn(page, acme);
    const popup = await connectAndScan(browser, await tabIdOf(browser, page));
    await popup.close();

    // The classic Password Policies page, as Lightning frames it: measure in the page itself.
    const classic = await browser.context.newPage();
    await classic.addInitScript(() => {
      const marks: { longTasks: number[] } = { longTasks: [] };
      (window as unknown as { __postureBench: typeof marks }).__postureBench = marks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) marks.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await classic.goto(`https://${acme.apiHost}/secur/orgloginsettingedit.jsp?isdtp=p1`);
    await classic.locator('posture-lens-badge').first().waitFor({ timeout: 15_000 });

    const samples: number[] = [];
    for (let round = 0; round < 20; round++) {
      // A re-render: the row is removed and a fresh copy appears, as single-page apps do.
      const delay = await classic.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const label = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === 'Minimum password length');
            const row = label?.closest('tr');
            if (!row || !row.parentElement) return reject(new Error('row not found'));
            const parent = row.parentElement;
            const copy = row.cloneNode(true) as HTMLTableRowElement;
            copy.querySelectorAll('posture-lens-badge').forEach((badge) => badge.remove());
            row.remove();
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (copy.querySelector('posture-lens-badge')) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(copy, { childList: true, subtree: true });
            parent.appendChild(copy);
            setTimeout(() => reject(new Error('no badge after 2 s')), 2000);
          }),
      );
      samples.push(delay);
    }
    results.push({ measure: 'badge after its anchor appears (p95 of 20)', value: round1(percentile(samples, 0.95)), unit: 'ms', budget: 50 });

    const longTasks = await classic.evaluate(() => (window as unknown as { __postureBench: { longTasks: number[] } }).__postureBench.longTasks);
    results.push({ measure: 'longest task on the host page', value: Math.round(Math.max(0, ...longTasks)), unit: 'ms', budget: 50 });
  } finally {
    await browser.close();
    await emulator.close();
  }
  return results;
}
