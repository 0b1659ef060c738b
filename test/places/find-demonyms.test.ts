/** `findDemonyms` (its words remembered) gives what it gave reading each word afresh. */
import { describe, expect, it } from 'vitest';
import { countriesOfDemonym } from '../../src/enrich/places/country-table.js';
import { findDemonyms } from '../../src/enrich/places/place-candidates.js';
import { SCAN_TEXTS as SAMPLES } from './scan-texts.js';

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
