import { compliant, nonCompliant, unknown, type Verdict } from '../../utils/controls';
import type { HardeningSetting } from './hardening-catalog';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');

/**
 * Every number a hardening setting takes is a count, a size or a duration: a whole number of zero or more, in an
 * integer property (32 bits). A fraction, a negative or a larger number ("0.5" days, "-1" attempts) is no such value,
 * and would pass an "at most" or an "at least" check.
 */
const toNumber = (value: string): number | null => {
  const trimmed = value.trim().replace(/,/g, '');
  const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return Number.isInteger(number) && number <= 2_147_483_647 ? number : null;
};

const isBoolean = (value: string): boolean => /^(true|false)$/i.test(value.trim());

/** Describes the comparison for the `expected` evidence. */
function expectedText(row: HardeningSetting): string {
  const range = /^(\d+)-(\d+)$/.exec(row.recommended);
  switch (row.comparison) {
    case 'atMost':
      return range ? `between ${range[1]} and ${range[2]}` : `${row.recommended} or less`;
    case 'atLeast':
      return `${row.recommended} or more`;
    case 'oneOf':
      return `one of ${row.recommended}`;
    case 'contains':
      return `includes ${row.recommended}`;
    default:
      return row.recommended === '' ? '(empty)' : row.recommended;
  }
}

/** true / false, or null when `value` cannot be interpreted against the row. */
function meets(row: HardeningSetting, value: string): boolean | null {
  const actual = value.trim();
  const expected = row.recommended;
  switch (row.comparison) {
    case 'equals': {
      if (isBoolean(expected)) return isBoolean(actual) ? actual.toLowerCase() === expected.toLowerCase() : null;
      const expectedNumber = toNumber(expected);
      if (expectedNumber !== null) {
        const n = toNumber(actual);
        return n === null ? null : n === expectedNumber;
      }
      if (expected.includes(',')) {
        const want = list(expected).sort().join(',');
        return list(actual).sort().join(',') === want;
      }
      return actual.toLowerCase() === expected.toLowerCase();
    }
    case 'oneOf':
      return list(expected).includes(actual.toLowerCase());
    case 'contains': {
      const have = new Set(list(actual));
      return list(expected).every((item) => have.has(item));
    }
    case 'atMost':
    case 'atLeast': {
      const n = toNumber(actual);
      if (n === null) return null;
      const range = /^(\d+)-(\d+)$/.exec(expected);
      if (range) return n >= Number(range[1]) && n <= Number(range[2]);
      const limit = toNumber(expected);
      if (limit === null) return null;
      return row.comparison === 'atMost' ? n <= limit : n >= limit;
    }
    default:
      return null;
  }
}

/**
 * Evaluates one hardening setting from the instance's system properties (name → value; a missing
 * key or `undefined` means the sys_properties record is absent, and ServiceNow applies the fallback).
 */
export function evaluateHardeningSetting(
  row: HardeningSetting,
  properties: Map<string, string | undefined>,
): Verdict {
  const expected = expectedText(row);
  if (row.comparison === 'manual' || !row.property) {
    return unknown(
      `Verify by hand: "${row.title}" — ${row.config ?? row.property ?? 'see the docs page'} should be: ${row.recommended}` +
        (row.docs ? ` (ServiceNow docs: ${row.docs})` : ''),
      { expected: row.recommended },
    );
  }
  const raw = properties.get(row.property);
  const notes: string[] = [];
  let value: string;
  let actual: string;
  if (raw === undefined) {
    if (row.fallback === undefined) {
      return unknown(`${row.property} is not set and the hardening docs give no default value`, {
        actual: null,
        expected,
      });
    }
    value = row.fallback;
    actual = `not set; ServiceNow applies the default ${row.fallback === '' ? '(empty)' : row.fallback}`;
    notes.push(`${row.property} has no sys_properties record`);
  } else {
    value = raw;
    actual = raw === '' ? '(empty)' : raw;
  }
  const result = meets(row, value);
  if (result === null) {
    return unknown(`${row.property} = "${value}" cannot be interpreted (expected ${expected})`, { actual, expected, notes });
  }
  const shown = raw === undefined ? `not set, so ServiceNow applies its default (${row.fallback === '' ? 'empty' : row.fallback})` : `${actual}`;
  return result
    ? compliant({ actual, expected, reason: `${row.property} is ${shown}, which meets ServiceNow's recommendation (${expected}).`, notes })
    : nonCompliant({ actual, expected, reason: `${row.property} is ${shown}; ServiceNow recommends ${expected}.`, notes });
}

/**
 * ServiceNow hardening compliance score, 0–100: the sum of the risk scores of compliant settings
 * over the sum of the risk scores of all decided settings, rounded. Settings not decided
 * (`compliant: null`: manual or uninterpretable) are left out of both sums.
 *
 * ServiceNow documents this formula ("Security hardening", Utah and Washington DC releases): each
 * setting has a risk score 0–10, and the compliance score is Σ(risk of compliant settings) ÷ Σ(all risk
 * scores) × 100, rounded (their example: 25.4 / 34.9 = 72.7 → 73). Which undecidable settings
 * ServiceNow leaves out of the denominator is not documented; confirm on a real instance.
 * Returns null when nothing was decided (or every decided setting has risk 0).
 */
export function hardeningComplianceScore(results: Array<{ riskScore: number; compliant: boolean | null }>): number | null {
  let total = 0;
  let met = 0;
  for (const result of results) {
    if (result.compliant === null) continue;
    total += result.riskScore;
    if (result.compliant) met += result.riskScore;
  }
  if (total <= 0) return null;
  return Math.round((100 * met) / total);
}
