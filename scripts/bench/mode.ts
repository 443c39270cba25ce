/**
 * How much each benchmark repeats. `--short` (CI) repeats less on the same data: the 50 000-user orgs, the
 * year of scans and the 150 ms latency stay, since smaller data would measure something else.
 */
export interface BenchMode {
  short: boolean;
  overlayRounds: number;
  portalLoads: number;
  popupLoads: number;
  evaluationRounds: number;
  scanRounds: number;
}

export const fullMode: BenchMode = { short: false, overlayRounds: 20, portalLoads: 9, popupLoads: 9, evaluationRounds: 25, scanRounds: 3 };
export const shortMode: BenchMode = { short: true, overlayRounds: 10, portalLoads: 5, popupLoads: 5, evaluationRounds: 9, scanRounds: 1 };
