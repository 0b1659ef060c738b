/**
 * The place scans' shortcut (src/enrich/places/start-scan.ts: `matchesAt`, and `spansAt` without match arrays) gives
 * the matches of `matchAll` with the same patterns, on article-like text, hostile text and random strings with
 * non-ASCII letters, marks and surrogate pairs (test/places/scan-texts.ts).
 */
import { describe, expect, it } from 'vitest';
import { addLowerCaseWords, ASCII_CAPITALS, matchesAt, spansAt } from '../../src/enrich/places/start-scan.js';
import { PATTERNS, SAMPLES, SCAN_TEXTS as texts } from './scan-texts.js';

describe('matchesAt', () => {
  it('finds what matchAll finds, with the same groups', () => {
    for (const [source, starts] of PATTERNS) {
      const global = new RegExp(source, 'gu');
      const sticky = new RegExp(source, 'yu');
      for (const t of texts) {
        const want = [...t.matchAll(global)].map((m) => [m.index, ...m]);
        const got = matchesAt(t, sticky, starts).map((m) => [m.index, ...m]);
        expect(got).toEqual(want);
      }
    }
  });
  it('finds matches on the sample text', () => {
    const got = matchesAt(SAMPLES[0]!, new RegExp(PATTERNS[0]![0], 'yu'), ASCII_CAPITALS).map((m) => m[0]);
    expect(got).toContain('Ohioans');
    expect(got).toContain('Glen Carbon');
  });
  it('refuses a pattern without the sticky and unicode flags', () => {
    expect(() => matchesAt('x', /x/gu, ASCII_CAPITALS)).toThrow();
  });
});

describe('addLowerCaseWords', () => {
  it('adds the words of the lower-case pattern, in order', () => {
    const re = /(?<![\p{L}])\p{Ll}{3,20}(?![\p{L}])/gu;
    for (const t of [...texts, 'aaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb cc ddd ǅabc abcǅ ąęś 𝐚𝐛𝐜 ab𝐀c caf\u0301e']) {
      const want = new Set(t.match(re) ?? []);
      const got = new Set<string>();
      addLowerCaseWords(t, 3, 20, got);
      expect([...got]).toEqual([...want]);
    }
  });
});

describe('spansAt', () => {
  it('gives the spans of matchAll', () => {
    let total = 0;
    for (const [source, starts] of PATTERNS) {
      const sticky = new RegExp(source, 'yu');
      for (const text of texts) {
        const want = [...text.matchAll(new RegExp(source, 'gu'))].flatMap((m) => [m.index, m.index + m[0].length]);
        expect(spansAt(text, sticky, starts)).toEqual(want);
        total += want.length;
      }
    }
    expect(total).toBeGreaterThan(100);
  });

  it('refuses a pattern that is not sticky and unicode', () => {
    expect(() => spansAt('Ab', /Ab/gu, ASCII_CAPITALS)).toThrow();
  });
});
