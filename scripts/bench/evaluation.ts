import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Connector } from '@/utils/connector';
import { evaluateSnapshot } from '@/utils/evaluate';
import type { Snapshot } from '@/utils/snapshot';
import { median } from './results';

export interface EvaluationTiming {
  /** UTF-8 bytes of the snapshot. */
  bytes: number;
  /** Median milliseconds of `JSON.parse` of the bytes. */
  parseMs: number;
  /** Median milliseconds of `evaluateSnapshot` on an already parsed copy. */
  evaluateMs: number;
}

// A full collection before each timed step, so that each pays for its own garbage only and not for what the
// other left (when V8 collects is otherwise a matter of chance). Node exposes `gc` only with this flag.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Times, in this process and interleaved (round after round, so that a busy moment of the machine hits both
 * alike), `JSON.parse` of a snapshot's bytes and the evaluation of the copy it parsed: the connector's parse of
 * every source, every control, the scores. Each round evaluates a fresh copy, so nothing an evaluation leaves on
 * its objects helps the next. A few rounds warm the JIT first (a catalog of 313 controls has much code to compile).
 */
export function timeEvaluation(connector: Connector, raw: string, rounds: number): EvaluationTiming {
  const warmup = 5;
  const parses: number[] = [];
  const evaluations: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    collectGarbage();
    const parsed = performance.now();
    const copy = JSON.parse(raw) as Snapshot;
    const parseMs = performance.now() - parsed;
    collectGarbage();
    const evaluated = performance.now();
    evaluateSnapshot(connector, copy);
    const evaluateMs = performance.now() - evaluated;
    if (round < warmup) continue;
    parses.push(parseMs);
    evaluations.push(evaluateMs);
  }
  return { bytes: Buffer.byteLength(raw), parseMs: median(parses), evaluateMs: median(evaluations) };
}
