import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzedApps } from './apps';
import { baseSnapshots, type BaseSnapshot } from './bases';
import { fuzzApp, type FuzzReport } from './harness';
import { mutationClasses } from './mutations';

// A fixed seed by default, so that a test run fails only on a change to the code, never on the draw; FUZZ_SEED=random
// explores new payloads (and prints the seed that replays them), FUZZ_SEED=<n> replays one.
const fixedSeed = 1428407369;
const seed = process.env.FUZZ_SEED === 'random' ? randomInt(2 ** 31) : process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : fixedSeed;
const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000;
console.log(`fuzz: seed ${seed}, ${runs} payloads per app (replay with FUZZ_SEED=${seed})`);

describe.each(fuzzedApps)('fuzzing $connector.name', (app) => {
  let bases: BaseSnapshot[];
  beforeAll(async () => {
    bases = await baseSnapshots(app.connector);
  });

  it(`${runs} payloads: total, deterministic, fail closed, no corruption passes`, () => {
    const report: FuzzReport = fuzzApp({ ...app, bases }, { seed, runs });
    const { violations, ...counts } = report;
    console.log(JSON.stringify(counts));
    for (const violation of violations) console.log(violation);
    expect(violations).toEqual([]);

    // The oracles checked something: a run whose payloads all miss, or that never reaches a failing control with a
    // corruption or a control with an unreadable source, would pass without having tested anything.
    expect(report.payloads).toBeGreaterThanOrEqual(runs * 0.95);
    expect(report.sourcesFuzzed).toBe(report.sourceCount);
    if (runs >= 2_000) for (const mutationClass of mutationClasses) expect(report.byClass[mutationClass] ?? 0, mutationClass).toBeGreaterThan(0);
    expect(report.rejectedSources).toBeGreaterThanOrEqual(runs * 0.1);
    expect(report.corruptionChecks).toBeGreaterThanOrEqual(runs * 0.5);
    expect(report.failClosedChecks).toBeGreaterThanOrEqual(runs * 0.5);
    // Legitimate changes move verdicts both ways: the bases hold failing and passing controls the payloads reach.
    expect(report.flipsToFailing).toBeGreaterThan(0);
    expect(report.flipsToCompliant).toBeGreaterThan(0);
    expect(report.fullChecks).toBeGreaterThanOrEqual(Math.floor(runs / 60));
  }, 120_000);
});
