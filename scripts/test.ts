import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium';

/**
 * `npm test`: unit and emulator tests, the production build, then the end-to-end tests in Debian
 * Chromium against the emulators. Prints one closing line with the totals.
 */

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

function vitest(label: string, config: string | undefined, env: NodeJS.ProcessEnv): { status: number; counts?: VitestJson } {
  const output = `test-results/${label}.json`;
  rmSync(output, { force: true });
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${output}`];
  if (config) args.push('--config', config);
  const status = run('npx', args, env);
  try {
    return { status, counts: JSON.parse(readFileSync(output, 'utf8')) as VitestJson };
  } catch {
    return { status };
  }
}

let chromium: string;
try {
  chromium = ensureChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const env = { ...process.env, CHROMIUM_PATH: chromium };

const unit = vitest('unit', undefined, env);
const build = run('npx', ['wxt', 'build'], env);
const e2e = build === 0 ? vitest('e2e', 'vitest.e2e.config.ts', env) : { status: 1 };

const passed = (unit.counts?.numPassedTests ?? 0) + (e2e.counts?.numPassedTests ?? 0);
const failed = (unit.counts?.numFailedTests ?? 0) + (e2e.counts?.numFailedTests ?? 0);
const skipped = (unit.counts?.numPendingTests ?? 0) + (e2e.counts?.numPendingTests ?? 0);
if (build !== 0) console.error('The production build failed: end-to-end tests did not run.');
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unit.status === 0 && build === 0 && e2e.status === 0 && passed > 0 ? 0 : 1);
