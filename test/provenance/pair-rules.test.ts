import { describe, expect, it } from 'vitest';
import { wordCount } from '../../src/provenance/pair-rules.js';

describe('pair rules', () => {
  it('count words as splitting on white space does, for every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const s = `a${ch}b ${ch}${ch}c${ch}`;
      expect(wordCount(s)).toBe(s.split(/\s+/).filter((w) => w.length > 0).length);
    }
  });
});
