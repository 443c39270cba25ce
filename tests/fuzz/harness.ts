import type { z } from 'zod';
import type { Connector, ParsedSource } from '@/utils/connector';
import { type Control, type Verdict, verdictSchema } from '@/utils/controls';
import { scanErrorKinds } from '@/utils/errors';
import { evaluateControl, evaluateControls, evaluateSnapshot } from '@/utils/evaluate';
import { type Snapshot, type SourceResult, snapshotSchema } from '@/utils/snapshot';
import type { BaseSnapshot } from './bases';
import { type FieldKnowledge, fieldPattern, type Intent, type MutationClass, type MutationTarget, mutate, mutationTarget, reading } from './mutations';
import { payloadSeed, Random } from './random';
import { deepFreeze, type Json, nodesOf } from './tree';
import { garbage, garbled } from './values';
import { jsonView, type SourceView, type TextConventions } from './views';

/**
 * The fuzzing loop of one app. Each payload changes one source of one base snapshot (or the scan time), so
 * only that source is parsed again and only the controls that read it are evaluated again; the other sources
 * keep their parsed base values. Every payload is checked against the oracles:
 *
 * 1. totality: parsing and evaluating never throw, and every verdict is a well-formed verdict;
 * 2. determinism: the payload evaluated again, from a JSON round trip of it, gives the same findings;
 * 3. fail closed: a source missing, failed or rejected by its schema makes every control that reads it `error`
 *    or `unknown`, with the source's reason; with every source unreadable, nothing is compliant;
 * 4. corruption never passes a failing control: after a corruption, a control that was not compliant on the
 *    base is still not compliant;
 * 5. schema drift: an extra field changes nothing; a required field removed or renamed rejects the source.
 *
 * A connector may refine a verdict from other sources (Salesforce decides a setting from Health Check when
 * SecuritySettings cannot be read). Oracles 3 and 4 hold strictly for the control's own verdict; a refined
 * verdict may be compliant only when it still is with every source the control reads, and the changed one,
 * unreadable: then it was decided by other, intact data.
 */

export interface AppUnderFuzz {
  connector: Connector;
  bases: BaseSnapshot[];
  /** Each source's schema, as the connector parses it. */
  schemas: Record<string, z.ZodType>;
  /** Views other than plain JSON for sources that carry another format (e.g. XML). */
  views?: Record<string, SourceView[]>;
  /** How the app's JSON answers write booleans and empty values, when not as JSON does. */
  text?: TextConventions;
}

export type PayloadKind = 'mutation' | 'garbage' | 'failed' | 'missing' | 'scanTime';

export interface FuzzReport {
  app: string;
  seed: number;
  payloads: number;
  byKind: Record<PayloadKind, number>;
  byClass: Partial<Record<MutationClass, number>>;
  byIntent: Record<Intent, number>;
  /** Payloads whose changed source its schema rejected. */
  rejectedSources: number;
  /** (payload, control) pairs whose verdict status differs from the base's. */
  verdictChanges: number;
  /** … of which a control compliant on the base became not compliant. */
  flipsToFailing: number;
  /** … of which a control not compliant on the base became compliant (legitimate changes only). */
  flipsToCompliant: number;
  /** (payload, control) pairs oracle 4 checked: a corruption of data a failing control reads. */
  corruptionChecks: number;
  /** (payload, control) pairs oracle 3 checked: a control reading a source that could not be read. */
  failClosedChecks: number;
  /** Payloads compared with a full evaluation of the whole snapshot. */
  fullChecks: number;
  sourcesFuzzed: number;
  sourceCount: number;
  violationCount: number;
  /** The first violations, each with what replays it. */
  violations: string[];
  milliseconds: number;
}

const payloadWeights: Record<PayloadKind, number> = { mutation: 80, garbage: 6, failed: 6, missing: 3, scanTime: 5 };
/** One payload in this many is also evaluated as a whole snapshot, which checks the incremental evaluation. */
const fullCheckEvery = 50;
const maxViolationsKept = Number(process.env.KEEP ?? 25);

interface BaseState {
  base: BaseSnapshot;
  parsed: Record<string, ParsedSource>;
  findings: Map<string, Verdict>;
  rawVerdicts: Map<string, Verdict>;
  texts: Map<string, string>;
  targets: Map<string, MutationTarget>;
}

const summary = (verdict: Verdict) => `${verdict.status} (${verdict.reason.slice(0, 160)})`;
const failedSource = (reason: string): ParsedSource => ({ ok: false, reason });

/** `parsed` with `sources` unreadable: what a verdict is when none of them can be read. */
function withUnreadable(parsed: Record<string, ParsedSource>, sources: Iterable<string>): Record<string, ParsedSource> {
  const copy = { ...parsed };
  for (const source of sources) copy[source] = failedSource(`"${source}" was made unreadable by the fuzzer.`);
  return copy;
}

export function fuzzApp(app: AppUnderFuzz, options: { seed: number; runs: number }): FuzzReport {
  const started = performance.now();
  const { connector } = app;
  const controls = connector.controls;
  const sourceIds = connector.sources.map((source) => source.id);
  const views = (id: string) => [jsonView(app.schemas[id]!, app.text), ...(app.views?.[id] ?? [])];
  const report: FuzzReport = {
    app: connector.id,
    seed: options.seed,
    payloads: 0,
    byKind: { mutation: 0, garbage: 0, failed: 0, missing: 0, scanTime: 0 },
    byClass: {},
    byIntent: { corruption: 0, legitimate: 0, extra: 0 },
    rejectedSources: 0,
    verdictChanges: 0,
    flipsToFailing: 0,
    flipsToCompliant: 0,
    corruptionChecks: 0,
    failClosedChecks: 0,
    fullChecks: 0,
    sourcesFuzzed: 0,
    sourceCount: sourceIds.length,
    violationCount: 0,
    violations: [],
    milliseconds: 0,
  };
  const fuzzed = new Set<string>();
  let context = '';
  const violation = (message: string) => {
    report.violationCount += 1;
    if (report.violations.length < maxViolationsKept) report.violations.push(`${context}: ${message}`);
  };

  // The bases, parsed and evaluated once; payloads share them (frozen, so nothing may write to them).
  const states: BaseState[] = app.bases.map((base) => {
    deepFreeze(base.snapshot);
    const parsed = connector.parse(base.snapshot.sources, base.snapshot.collectedAt);
    for (const source of Object.values(parsed)) if (source.ok) deepFreeze(source.value);
    const findings = new Map(evaluateControls(connector, controls, parsed).map((finding) => [finding.controlId, finding.verdict]));
    const whole = evaluateSnapshot(connector, base.snapshot);
    for (const finding of whole.findings) {
      if (JSON.stringify(finding.verdict) !== JSON.stringify(findings.get(finding.controlId))) {
        throw new Error(`${base.name}: ${finding.controlId} differs between evaluateControls and evaluateSnapshot`);
      }
    }
    if (whole.sourceErrors.length > 0) throw new Error(`${base.name}: base sources failed: ${JSON.stringify(whole.sourceErrors)}`);
    for (const [id, verdict] of findings) if (!verdictSchema.safeParse(verdict).success) throw new Error(`${base.name}: ${id} gives a malformed verdict`);
    return {
      base,
      parsed,
      findings,
      rawVerdicts: new Map(controls.map((control) => [control.id, evaluateControl(control, parsed)])),
      texts: new Map([...findings].map(([id, verdict]) => [id, JSON.stringify(verdict)])),
      targets: new Map(),
    };
  });

  // 3. fail closed, whole: with nothing readable, no verdict may be compliant. This is also what makes `decidedElsewhere`
  // sound: a refinement that passes whatever it is given would pass here too.
  for (const state of states) {
    context = `${state.base.name} with every source unreadable`;
    const blind = evaluateControls(connector, controls, withUnreadable(state.parsed, [...sourceIds, 'scanTime']));
    for (const { controlId, verdict } of blind) {
      report.failClosedChecks += 1;
      if (verdict.status === 'compliant') violation(`${controlId} is compliant with nothing read: ${summary(verdict)}`);
    }
  }

  // Which controls a source feeds: those that list it, and those whose refined verdict changes without it.
  const affected = new Map<string, Control[]>();
  for (const source of [...sourceIds, 'scanTime']) {
    const reading = new Set(controls.filter((control) => control.sources.includes(source)).map((control) => control.id));
    for (const state of states) {
      const probe = evaluateControls(connector, controls, withUnreadable(state.parsed, [source]));
      for (const finding of probe) if (JSON.stringify(finding.verdict) !== state.texts.get(finding.controlId)) reading.add(finding.controlId);
    }
    affected.set(source, controls.filter((control) => reading.has(control.id)));
  }

  const knowledge = fieldKnowledge(states.map((state) => state.base), views);

  const targetOf = (state: BaseState, id: string, view: SourceView): MutationTarget => {
    const key = `${id}/${view.name}`;
    let target = state.targets.get(key);
    if (!target) {
      const result = state.base.snapshot.sources[id];
      target = mutationTarget(view, view.decode((result?.ok ? result.data : null) as Json), knowledge, key);
      state.targets.set(key, target);
    }
    return target;
  };

  const parseOne = (id: string, result: SourceResult | undefined, collectedAt: string): ParsedSource =>
    connector.parse(result ? { [id]: result } : {}, collectedAt)[id]!;

  for (let index = 0; index < options.runs; index++) {
    const random = new Random(payloadSeed(options.seed, connector.id, index));
    const state = random.pick(states);
    const { snapshot } = state.base;
    let kind = random.weighted(payloadWeights);
    const source = kind === 'scanTime' ? 'scanTime' : random.pick(sourceIds);
    const baseResult = snapshot.sources[source];
    if (kind === 'mutation' && !baseResult?.ok) kind = 'garbage';
    context = `payload ${index} (FUZZ_SEED=${options.seed}) on ${state.base.name}, ${kind} of ${source}`;

    let result: SourceResult | undefined = baseResult;
    let collectedAt = snapshot.collectedAt;
    let intent: Intent = 'corruption';
    let requiredFieldLost = false;
    try {
      if (kind === 'mutation') {
        const view = random.pick(views(source));
        const target = targetOf(state, source, view);
        let mutation = mutate(random, target);
        for (let attempt = 0; !mutation && attempt < 20; attempt++) mutation = mutate(random, target);
        if (!mutation) continue;
        const data = view.encode(mutation.tree);
        // In XML a list of one and its element are the same text: a mutation that changes nothing is no payload.
        if (view.name !== 'json' && JSON.stringify(data) === JSON.stringify(baseResult!.ok && baseResult!.data)) continue;
        result = { ok: true, data, truncated: baseResult!.ok && baseResult!.truncated };
        intent = mutation.intent;
        requiredFieldLost = mutation.requiredFieldLost;
        report.byClass[mutation.class] = (report.byClass[mutation.class] ?? 0) + 1;
        report.byIntent[intent] += 1;
        context += ` [${view.name} ${mutation.class}, ${intent}: ${mutation.detail}]`;
      } else if (kind === 'garbage') {
        const data = garbage(random);
        // An empty list is what a list source says when every element is gone: legitimate, like removing them.
        if (Array.isArray(data) && data.length === 0) intent = 'legitimate';
        result = { ok: true, data, truncated: random.chance(0.2) };
      } else if (kind === 'failed') {
        const message = random.pick(['The read was refused.', '', 'x'.repeat(10_000), '<b>HTML</b> in an error', 'A read failed (HTTP 500).']);
        result = { ok: false, error: { kind: random.pick(scanErrorKinds), message, status: random.pick([403, 404, 500, 0]) } };
      } else if (kind === 'missing') {
        result = undefined;
      } else {
        const changed = random.chance(0.5) ? garbled(random, collectedAt) : random.pick(['', 'yesterday', 'NaN', '2026-13-45T00:00:00Z', '1970-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z']);
        intent = Number.isFinite(Date.parse(changed)) && /^[+-]?\d{4,6}-\d{2}-\d{2}T/.test(changed) ? 'legitimate' : 'corruption';
        collectedAt = changed;
        context += ` [${JSON.stringify(changed.slice(0, 40))}]`;
      }
    } catch (error) {
      violation(`building the payload threw ${String(error)}`);
      continue;
    }
    report.payloads += 1;
    report.byKind[kind] += 1;
    fuzzed.add(source);

    try {
      const parsedSource = parseOne(source, result, collectedAt);
      const parsed = { ...state.parsed, [source]: parsedSource };
      if (!parsedSource.ok && (kind === 'mutation' || kind === 'garbage')) report.rejectedSources += 1;
      const readers = affected.get(source)!;
      const findings = evaluateControls(connector, readers, parsed);

      // 2. determinism: the same payload, through JSON, evaluated again.
      const roundTrip = result && (JSON.parse(JSON.stringify(result)) as SourceResult);
      const again = evaluateControls(connector, readers, { ...state.parsed, [source]: parseOne(source, roundTrip, collectedAt) });

      // 5. schema drift.
      if (intent === 'extra' && !parsedSource.ok) violation(`an extra field made the source unreadable: ${parsedSource.reason}`);
      if (requiredFieldLost && parsedSource.ok) violation('a required field was removed or renamed, yet the source was read');

      findings.forEach(({ verdict }, position) => {
        const control = readers[position]!;
        const text = JSON.stringify(verdict);
        if (text !== JSON.stringify(again[position]!.verdict)) violation(`${control.id} is not deterministic: ${summary(verdict)} then ${summary(again[position]!.verdict)}`);
        const baseVerdict = state.findings.get(control.id)!;
        const checksCorruption = intent === 'corruption' && baseVerdict.status !== 'compliant';
        const readsUnreadable = !parsedSource.ok && control.sources.includes(source);
        if (checksCorruption) report.corruptionChecks += 1;
        if (readsUnreadable) report.failClosedChecks += 1;
        if (text === state.texts.get(control.id) && !readsUnreadable) return;

        // 1. totality: what is stored and exported must be a verdict.
        const wellFormed = verdictSchema.safeParse(verdict);
        if (!wellFormed.success) violation(`${control.id} gave a malformed verdict ${text.slice(0, 300)}: ${wellFormed.error.issues[0]?.message}`);
        if (intent === 'extra') violation(`${control.id} changed after an extra field: ${summary(baseVerdict)} → ${summary(verdict)}`);
        if (verdict.status !== baseVerdict.status) {
          report.verdictChanges += 1;
          if (baseVerdict.status === 'compliant') report.flipsToFailing += 1;
          if (verdict.status === 'compliant') report.flipsToCompliant += 1;
        }

        const raw = evaluateControl(control, parsed);
        // 3. fail closed on a source that could not be read, and say why.
        if (readsUnreadable && !parsedSource.ok) {
          const because = parsedSource.reason.replace(/\.$/, '');
          if (raw.status !== 'error' && raw.status !== 'unknown') violation(`${control.id} reads the unreadable source yet is ${summary(raw)}`);
          else if (!raw.reason.includes(because)) violation(`${control.id} does not say why: "${raw.reason.slice(0, 200)}" lacks "${because.slice(0, 200)}"`);
          if (verdict.status === 'compliant' && !decidedElsewhere(connector, control, parsed, source)) violation(`${control.id} is compliant on an unreadable source: ${summary(verdict)}`);
        }
        // 4. corruption never passes a failing control.
        if (checksCorruption && verdict.status === 'compliant') {
          const baseRaw = state.rawVerdicts.get(control.id)!;
          if (raw.status === 'compliant' && baseRaw.status !== 'compliant') violation(`${control.id} passed after a corruption: ${summary(baseRaw)} → ${summary(raw)}`);
          else if (!decidedElsewhere(connector, control, parsed, source)) violation(`${control.id} passed after a corruption (refined): ${summary(baseVerdict)} → ${summary(verdict)}`);
        }
      });

      if (index % fullCheckEvery === 0) {
        report.fullChecks += 1;
        const sources = { ...snapshot.sources };
        if (result) sources[source] = result;
        else delete sources[source];
        const whole: Snapshot = { ...snapshot, collectedAt, sources };
        if (!snapshotSchema.safeParse(whole).success) violation('the payload is not a valid snapshot');
        const evaluation = evaluateSnapshot(connector, whole);
        const changed = new Map(findings.map((finding) => [finding.controlId, finding.verdict]));
        for (const finding of evaluation.findings) {
          const expected = changed.get(finding.controlId) ?? state.findings.get(finding.controlId)!;
          if (JSON.stringify(finding.verdict) !== JSON.stringify(expected)) {
            violation(`${finding.controlId} differs in a full evaluation (${summary(finding.verdict)}) from the incremental one (${summary(expected)}): a source it depends on is missing from its map`);
          }
        }
        if (evaluation.findings.length !== controls.length) violation('a full evaluation lost findings');
      }
    } catch (error) {
      violation(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }

  report.sourcesFuzzed = sourceIds.filter((id) => fuzzed.has(id)).length;
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/** Keys that name an element: an id, a key, a name or label. */
const identifierKey = /(^|[._])(sys_id|id|key|name|label|user_name|login)$|[a-z](Id|Name|Label)$/;

/**
 * The values each text field takes across the bases, and the identifier fields: keys named like an identifier
 * whose values, wherever the key appears in a list of the app's answers, are unique within that list (and at
 * least one such list has two elements or more).
 */
function fieldKnowledge(bases: BaseSnapshot[], views: (id: string) => SourceView[]): FieldKnowledge {
  const observed = new Map<string, string[]>();
  const identifierValues = new Map<string, Map<string, string[]>>();
  for (const base of bases) {
    for (const [id, result] of Object.entries(base.snapshot.sources)) {
      if (!result.ok) continue;
      for (const view of views(id)) {
        for (const node of nodesOf(view.decode(result.data as Json))) {
          if (typeof node.value !== 'string') continue;
          const key = `${id}/${view.name}/${fieldPattern(node.path)}`;
          const values = observed.get(key) ?? [];
          if (!values.includes(node.value)) values.push(node.value);
          observed.set(key, values);
          const name = String(node.path.at(-1));
          const element = node.path.findLastIndex((step) => typeof step === 'number');
          if (element < 0 || !identifierKey.test(name) || reading(node.value, view.text).domain !== 'text') continue;
          const lists = identifierValues.get(name) ?? new Map<string, string[]>();
          const list = `${base.name}/${id}/${view.name}/${JSON.stringify(node.path.slice(0, element))}`;
          lists.set(list, [...(lists.get(list) ?? []), node.value]);
          identifierValues.set(name, lists);
        }
      }
    }
  }
  const identifiers = new Set(
    [...identifierValues]
      .filter(([, lists]) => [...lists.values()].every((values) => new Set(values).size === values.length) && [...lists.values()].some((values) => values.length > 1))
      .map(([name]) => name),
  );
  return { observed, identifiers };
}

/** True when the refined verdict is still compliant with the control's own sources and `changed` unreadable. */
function decidedElsewhere(connector: Connector, control: Control, parsed: Record<string, ParsedSource>, changed: string): boolean {
  const [finding] = evaluateControls(connector, [control], withUnreadable(parsed, [...control.sources, changed]));
  return finding!.verdict.status === 'compliant';
}
