/**
 * The place scans' shortcut (src/enrich/places/start-scan.ts) gives the matches of `matchAll`
 * with the same patterns, on article-like text, hostile text and random strings with
 * non-ASCII letters, marks and surrogate pairs.
 */
import { describe, expect, it } from 'vitest';
import { addLowerCaseWords, ASCII_CAPITALS, asciiStarts, matchesAt } from '../../src/enrich/places/start-scan.js';

const PATTERNS: [string, Uint8Array][] = [
  [String.raw`(?<![\p{L}.])\p{Lu}\p{Ll}{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2}(?![\p{L}])`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}.])(\p{Lu}[\p{L}.]{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2})(?![\p{L}])`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}\p{N}'’.-])(?:(?:St|Mt|Ft)\. )?\p{Lu}[\p{L}'’]{1,24}(?:[ -]\p{Lu}[\p{L}'’]{1,24}){0,3}`, ASCII_CAPITALS],
  [String.raw`\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}])the ((?:[\p{L}][\p{L}-]{0,24} ){0,3}?)(region|city|town) of (\p{Lu}\p{L}{1,24})(?![\p{L}])`, asciiStarts('t')],
];

const SAMPLES = [
  'Ohioans and Texans met in St. Paul, Minn., near Glen Carbon-Edwardsville; the region of Syunik, U.S. officials said.',
  'ÉMILE Zola, Åland Islands, Łódź and Ōsaka; İstanbul’s ǅemal; the city of Zürich. 𝐀𝐁𝐂 Town and 𝐀bc 𝐚bc.',
  'lone \ud800 high and \udc00 low surrogates, Ab\ud83d\ude00Cd emoji, Ab\u0301cd mark, x'.repeat(3),
  'A'.repeat(60) + ' ' + 'Ab '.repeat(40) + 'the the the region of X'.repeat(5),
];

function randomText(seed: number, length: number): string {
  const pieces = ['A', 'b', 'Z', 'z', ' ', '.', '-', "'", '’', 'É', 'é', 'ǅ', 'ß', '\u0301', '\ud835\udc00', '\ud835\udc1a', '\ud800', 'St. ', 'the ', 'region of ', '1', '\n', 'Ohio', 'ans'];
  let s = '';
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += pieces[x % pieces.length];
  }
  return s;
}

const texts = [...SAMPLES, ...Array.from({ length: 200 }, (_, i) => randomText(i + 1, 80))];

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
