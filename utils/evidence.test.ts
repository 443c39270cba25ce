import { describe, expect, it } from 'vitest';
import { groupDigits } from './evidence';

describe('groupDigits', () => {
  it('groups whole numbers in threes, as en-US writes them', () => {
    expect([0, 999, 1000, 50_000, 1_234_567, -1234].map(groupDigits)).toEqual(['0', '999', '1,000', '50,000', '1,234,567', '-1,234']);
    expect(groupDigits(2n ** 64n)).toBe('18,446,744,073,709,551,616');
    expect(groupDigits(50_000)).toBe((50_000).toLocaleString('en-US'));
  });

  it('leaves a fraction to the locale formatting', () => {
    expect(groupDigits(1234.5)).toBe('1,234.5');
  });
});
