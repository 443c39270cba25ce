import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extensionPath } from '../tests/e2e/harness';
import { benchOverlay } from './bench/overlay';
import { benchPortal } from './bench/portal';
import { report, round1, type BenchResult } from './bench/results';

/**
 * `npm run bench`: the budgets, measured on the production build in Chromium against the emulators.
 * - content script of each app ≤ 40 KB gzipped
 * - the overlay (scripts/bench/overlay.ts) and the portal (scripts/bench/portal.ts)
 * Exits non-zero when a figure is over its budget. `--no-build` measures the existing build.
 */

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['wxt', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(`${build.stdout}${build.stderr}\nThe build failed.`);
    process.exit(1);
  }
}

const results: BenchResult[] = [];
const contentDir = join(extensionPath, 'content-scripts');
for (const file of readdirSync(contentDir).filter((name) => name.endsWith('.js'))) {
  const gzipped = gzipSync(readFileSync(join(contentDir, file))).length;
  results.push({ measure: `content script ${file} (gzipped)`, value: round1(gzipped / 1024), unit: 'KB', budget: 40 });
}
results.push(...(await benchOverlay()));
results.push(...(await benchPortal()));

process.exit(report(results) === 0 ? 0 : 1);
