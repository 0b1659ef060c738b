/**
 * mentionName answers names that need no rewrite by one scan: the same names as the rewrites give.
 */
import { describe, expect, it } from 'vitest';
import { mentionName } from '../../src/enrich/entities/entity-linker.js';

function reference(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/^the\s+/i, '').replace(/'s$/u, '').replace(/\s+/g, ' ').trim();
}

describe('mentionName', () => {
  it('rewrites what needs it', () => {
    expect(mentionName('the  Collective Security’s')).toBe('Collective Security');
    expect(mentionName('The Hague')).toBe('Hague');
    expect(mentionName('Theodore Roosevelt')).toBe('Theodore Roosevelt');
    expect(mentionName(' Maria\u00a0Zakharova ')).toBe('Maria Zakharova');
    expect(mentionName('Zakharova\'s')).toBe('Zakharova');
    expect(mentionName('Minsk Group')).toBe('Minsk Group');
  });
  it('agrees with the rewrites on random names', () => {
    const pieces = ['A', 'b', 'the', 'The', 'THE', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', "'", 's', '’', '‘', 'é', '\ud835\udc00', '\ud800', 'Ø'];
    let x = 5;
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = 1 + (k % 9);
      for (let i = 0; i < len; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[x % pieces.length];
      }
      expect(mentionName(s)).toBe(reference(s));
    }
    for (const s of ['', ' ', 'the', 'the ', 'thes', "'s", "s'", 'a\u2028b', 'a\u0085b', 'a\u180eb', 'ſ']) expect(mentionName(s)).toBe(reference(s));
  });
});
