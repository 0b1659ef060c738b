/**
 * `spansAt` (the place scans without match arrays) gives the spans of `matchAll` with the same patterns,
 * and `findDemonyms` (its words remembered) gives what it gave reading each word afresh.
 */
import { describe, expect, it } from 'vitest';
import { countriesOfDemonym } from '../../src/enrich/places/country-table.js';
import { findDemonyms } from '../../src/enrich/places/place-candidates.js';
import { ASCII_CAPITALS, asciiStarts, spansAt } from '../../src/enrich/places/start-scan.js';

const PATTERNS: [string, Uint8Array][] = [
  [String.raw`(?<![\p{L}.])\p{Lu}\p{Ll}{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2}(?![\p{L}])`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}.])(\p{Lu}[\p{L}.]{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2})(?![\p{L}])`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}\p{N}'’.-])(?:(?:St|Mt|Ft)\. )?\p{Lu}[\p{L}'’]{1,24}(?:[ -]\p{Lu}[\p{L}'’]{1,24}){0,3}`, ASCII_CAPITALS],
  [String.raw`\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}])the ((?:[\p{L}][\p{L}-]{0,24} ){0,3}?)(region|city|town) of (\p{Lu}\p{L}{1,24})(?![\p{L}])`, asciiStarts('t')],
];

const PIECES = ['A', 'b', 'Z', 'z', ' ', '.', '-', '–', "'", '’', 'É', 'é', 'ǅ', 'ß', '\u0301', '\ud835\udc00', '\ud835\udc1a', '\ud800', 'St. ', 'the ', 'region of ', '1', '\n', 'Ohio', 'ans', 'Russian', 'American', 'Sri Lankan', 's'];

function randomText(seed: number, length: number): string {
  let s = '';
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += PIECES[x % PIECES.length];
  }
  return s;
}

const SAMPLES = [
  'Ohioans and Texans met in St. Paul, Minn., near Glen Carbon-Edwardsville; the region of Syunik, U.S. officials said.',
  'ÉMILE Zola, Åland Islands, Łódź and Ōsaka; İstanbul’s ǅemal; the city of Zürich. 𝐀𝐁𝐂 Town and 𝐀bc 𝐚bc.',
  'A Russian-American crew, Palestinians, Arab-Israeli talks, the Sri Lankan and South Africans; Xyz-Russian.',
  ...Array.from({ length: 60 }, (_, k) => randomText(k + 1, 40 + k)),
];

/** findDemonyms's first scan as it read before (every match read afresh). */
function demonymsAfresh(text: string) {
  const out: { start: number; end: number; text: string; country: string }[] = [];
  for (const m of text.matchAll(/\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/\p{L}/u.test(text[start - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue;
    let found = countriesOfDemonym(m[0]);
    if (found.length === 0 && m[0].endsWith('s')) found = countriesOfDemonym(m[0].slice(0, -1));
    const compound = found.length > 1 && /[-–]/u.test(m[0]);
    if (!compound) for (const c of found) out.push({ start, end, text: m[0], country: c.name });
    if ((found.length === 0 || compound) && /[-–]/u.test(m[0]))
      for (const part of m[0].matchAll(/[^-–]+/gu)) {
        const c = countriesOfDemonym(part[0])[0];
        if (c) out.push({ start: start + part.index, end: start + part.index + part[0].length, text: part[0], country: c.name });
      }
  }
  return out;
}

describe('spansAt', () => {
  it('gives the spans of matchAll', () => {
    let total = 0;
    for (const [source, starts] of PATTERNS) {
      const sticky = new RegExp(source, 'yu');
      for (const text of SAMPLES) {
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

describe('findDemonyms with remembered words', () => {
  it('finds what reading every word afresh finds, the first time and again', () => {
    let found = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (const text of SAMPLES) {
        const want = demonymsAfresh(text);
        // (Two-word demonyms come from the other scan.)
        const got = findDemonyms(text).filter((d) => !d.text.includes(' '));
        expect(got).toEqual(want.sort((a, b) => a.start - b.start));
        found += want.length;
      }
    }
    expect(found).toBeGreaterThan(10);
  });
});
