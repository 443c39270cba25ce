import type { ParsedSource } from './connector';
import { errorVerdict, type Control, type Verdict } from './controls';

export interface Finding {
  controlId: string;
  verdict: Verdict;
}

/**
 * One control against parsed sources. A source that could not be read or parsed makes the control
 * `error` with that source's reason; a control that throws is an `error` too, never a pass.
 */
export function evaluateControl(control: Control, parsed: Record<string, ParsedSource>): Verdict {
  const data: Record<string, unknown> = {};
  const failures: string[] = [];
  for (const sourceId of control.sources) {
    const source = parsed[sourceId];
    if (!source) failures.push(`source "${sourceId}" is not part of this scan`);
    else if (!source.ok) failures.push(source.reason);
    else data[sourceId] = source.value;
  }
  if (failures.length > 0) return errorVerdict([...new Set(failures)].join(' '));
  try {
    return control.evaluate(data);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return errorVerdict(`The check could not be completed (${detail}).`);
  }
}

export function evaluateControls(controls: Control[], parsed: Record<string, ParsedSource>): Finding[] {
  return controls.map((control) => ({ controlId: control.id, verdict: evaluateControl(control, parsed) }));
}
