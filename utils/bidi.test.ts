import { describe, expect, it } from 'vitest';
import { bidiSafe } from './bidi';

describe('bidiSafe', () => {
  it('shows every explicit directional control as its code point', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    expect(bidiSafe(`a${controls}b`)).toBe('a[U+202A][U+202B][U+202C][U+202D][U+202E][U+2066][U+2067][U+2068][U+2069]b');
  });

  it('turns the isolate breakout and the file-name spoof into plain, readable text', () => {
    expect(bidiSafe('Escaped\u2069\u202Eisolate')).toBe('Escaped[U+2069][U+202E]isolate');
    expect(bidiSafe('Invoice \u202Efdp.exe')).toBe('Invoice [U+202E]fdp.exe');
  });

  it('leaves other text alone: right-to-left letters, implicit marks, zero-width characters, emoji, markup', () => {
    const text = 'שלום مرحبا\u200E\u200F\u061C Zero\u200Bwidth 👩🏽‍💻 <img src=x>';
    expect(bidiSafe(text)).toBe(text);
  });
});
