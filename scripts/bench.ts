import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSalesforceEmulator } from '../tests/emulators/salesforce';
import { connectAndScan, extensionPath, launchWithExtension, signIn, tabIdOf } from '../tests/e2e/harness';

/**
 * `npm run bench`: the overlay's budgets, measured in Chromium against the demo org.
 * - content script of each app ≤ 40 KB gzipped
 * - badges visible ≤ 50 ms after the anchored element appears (from stored findings)
 * - no long task over 50 ms on the host page while the overlay works
 */

interface Result {
  measure: string;
  value: number;
  unit: string;
  budget: number;
}

const results: Result[] = [];

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['wxt', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(`${build.stdout}${build.stderr}\nThe build failed.`);
    process.exit(1);
  }
}

const contentDir = join(extensionPath, 'content-scripts');
for (const file of readdirSync(contentDir).filter((name) => name.endsWith('.js'))) {
  const gzipped = gzipSync(readFileSync(join(contentDir, file))).length;
  results.push({ measure: `content script ${file} (gzipped)`, value: Math.round(gzipped / 102.4) / 10, unit: 'KB', budget: 40 });
}

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
  samples.sort((a, b) => a - b);
  const p95 = samples[Math.floor(samples.length * 0.95) - 1] ?? samples[samples.length - 1]!;
  results.push({ measure: 'badge after its anchor appears (p95 of 20)', value: Math.round(p95 * 10) / 10, unit: 'ms', budget: 50 });

  const longTasks = await classic.evaluate(() => (window as unknown as { __postureBench: { longTasks: number[] } }).__postureBench.longTasks);
  results.push({ measure: 'longest task on the host page', value: Math.round(Math.max(0, ...longTasks)), unit: 'ms', budget: 50 });
} finally {
  await browser.close();
  await emulator.close();
}

let over = 0;
console.log('measure'.padEnd(52), 'value'.padStart(8), 'budget'.padStart(8));
for (const result of results) {
  const ok = result.value <= result.budget;
  if (!ok) over++;
  console.log(result.measure.padEnd(52), `${result.value} ${result.unit}`.padStart(8), `${result.budget} ${result.unit}`.padStart(8), ok ? 'ok' : 'OVER BUDGET');
}
process.exit(over === 0 ? 0 : 1);
