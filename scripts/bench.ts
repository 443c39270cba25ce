import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchAccess } from './bench/access';
import { benchApps } from './bench/apps';
import { loadBudgets } from './bench/budgets';
import { fullMode, shortMode } from './bench/mode';
import { benchOverlay } from './bench/overlay';
import { benchPortal } from './bench/portal';
import { judge, table, type Figure } from './bench/results';
import { benchScans } from './bench/scans';
import { benchSizes } from './bench/sizes';

/**
 * `npm run -s bench [-- --short] [-- --no-build]`: the performance figures, measured in one run so that their ratios
 * hold on a noisy machine, each judged against its budget in scripts/bench/budgets.json. Prints one JSON object on
 * stdout (every figure with its budget and pass/fail, and an overall `pass`; `-s` keeps npm's banner off stdout) and
 * the table on stderr. Exits 1 when a budget fails, 2 when the bench itself could not run.
 * - sizes (scripts/bench/sizes.ts): content scripts gzipped, the store zips of both builds
 * - overlay (scripts/bench/overlay.ts): badge delay, long tasks on the host page
 * - portal and popup with a year of scans (scripts/bench/portal.ts, popup.ts), database size
 * - access graph (scripts/bench/access.ts): graph building, rating and path counting for 2 000 apps and 50 000 grants
 * - per app (scripts/bench/scans.ts): evaluation of a 50 000-user snapshot against JSON.parse; scan wall time
 *   with 150 ms a request against the critical path, and the number of requests
 * `--short` (CI) repeats less (scripts/bench/mode.ts), and fails the run on a time budget only beyond the allowance
 * of budgets.json; `--no-build` measures the existing build and zips.
 */

const { values: options } = parseArgs({ options: { short: { type: 'boolean' }, 'no-build': { type: 'boolean' } } });
const mode = options.short ? shortMode : fullMode;
const loadAtStart = loadavg()[0]!;
// stdout carries the JSON object only: whatever else prints (a library, the harness) goes to stderr.
console.log = console.error;
console.info = console.error;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

try {
  const budgets = loadBudgets();
  if (!options['no-build']) {
    console.error('Building and zipping both browser builds…');
    run('npx', ['wxt', 'zip']);
    run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);
  }
  const figures: Figure[] = [...benchSizes()];
  console.error('Overlay…');
  figures.push(...(await benchOverlay(mode)));
  console.error('Portal and popup with a year of scans…');
  figures.push(...(await benchPortal(mode)));
  console.error('Access graph…');
  figures.push(...benchAccess(mode));
  console.error('Evaluation and scans of each app…');
  figures.push(...(await benchScans(benchApps, mode)));
  const report = judge(figures, budgets, mode.short, loadAtStart);
  console.error(table(report));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.pass ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 2;
}
