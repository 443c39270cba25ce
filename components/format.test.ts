import { describe, expect, it } from 'vitest';
import { oneOf } from './format';

describe('oneOf', () => {
  it('writes the alternatives as Intl.ListFormat does in English', () => {
    const intl = new Intl.ListFormat('en', { type: 'disjunction' });
    for (const names of [[], ['Okta'], ['Okta', 'Salesforce'], ['Okta', 'Salesforce', 'ServiceNow'], ['A', 'B', 'C', 'D']]) {
      expect(oneOf(names)).toBe(intl.format(names));
    }
  });
});
