/**
 * The fingerprints share one NFKC + lower-case pass (foldText, remembering its last text), skip NFKC on ASCII
 * text, rewrite only the white space that changes, and count set bits instead of adding ±1: each must give
 * what the plain code gives, kept here as the reference.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/seeded-random.js';
import { contentHash } from './content-hash.js';
import { simhash64 } from './simhash.js';
import { FUNCTION_WORDS, fmix32, fnv1a32, foldText, normalizeText, tokenize } from './text-normalizer.js';

// ---- reference: the code before the change ----
const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00A0': ' ',
};
const QUOTE_RE = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u00AB\u00BB\u2013\u2014\u2212\u00A0]/g;
function refNormalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(QUOTE_RE, (ch) => QUOTE_MAP[ch] ?? ch).replace(/\s+/g, ' ').trim();
}
function refTokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
function refSimhash(text: string, shingle = 1): string {
  const all = refTokenize(text);
  const content = all.filter((t) => !FUNCTION_WORDS.has(t));
  const tokens = content.length > 0 ? content : all;
  const k = Math.max(1, Math.min(shingle, tokens.length));
  const counts = new Int32Array(64);
  const n = tokens.length - k + 1;
  for (let i = 0; i < n; i++) {
    let s = tokens[i]!;
    for (let j = 1; j < k; j++) s += ' ' + tokens[i + j]!;
    const h = fnv1a32(s);
    const lo = fmix32(h);
    const hi = fmix32(h ^ 0x9e3779b9);
    for (let b = 0; b < 32; b++) {
      counts[b]! += (lo >>> b) & 1 ? 1 : -1;
      counts[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (counts[b]! > 0) lo |= 1 << b;
    if (counts[b + 32]! > 0) hi |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
// ---- end of reference ----

const PIECES = [
  'the', 'Court', 'HALTS', 'mine', 'of', 'and', 'Yerevan', '1996', ' ', '  ', ' \t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\u2028',
  '\ufb01', '\u2460', '\uff21\uff22', '\u00bd', 'e\u0301', '\u00e9', 'İ', 'Σ', 'ΟΔΟΣ', '\u2019', '\u201c', '\u2014', '\u2212', '«', '.', ',',
  '\ud83d\ude00', '\ud83d', 'Ǆ', 'ß', '\u212b', 'x', 'Q', 'Zakharova',
];

function randomText(rand: () => number): string {
  const n = Math.floor(rand() * 30);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)]!;
  return s;
}

describe('shared folding pass of the fingerprints', () => {
  it('answers as the reference on fixed texts, in any call order', () => {
    const texts = ['', ' ', 'A  b\tc\n', 'The \ufb01rst \u2460 \u201cQuote\u201d \u2014 ok ', 'plain ascii text only', 'ΟΔΟΣ Σ', 'e\u0301 \u00e9'];
    for (const t of [...texts, ...texts.reverse()]) {
      expect(normalizeText(t)).toBe(refNormalize(t));
      expect(tokenize(t)).toEqual(refTokenize(t));
      expect(simhash64(t)).toBe(refSimhash(t));
      expect(simhash64(t, { shingle: 3 })).toBe(refSimhash(t, 3));
      expect(contentHash(t)).toBe(createHash('sha256').update(refNormalize(t), 'utf8').digest('hex'));
      expect(foldText(t)).toBe(t.normalize('NFKC').toLowerCase());
    }
    expect(normalizeText('The \ufb01rst  \u201cA\u201d')).toBe('the first "a"');
  });

  it('answers as the reference on random texts', () => {
    const rand = mulberry32(5);
    let prev = '';
    for (let k = 0; k < 3000; k++) {
      const t = rand() < 0.2 ? prev : randomText(rand);
      expect(normalizeText(t)).toBe(refNormalize(t));
      expect(simhash64(t)).toBe(refSimhash(t));
      expect(tokenize(t)).toEqual(refTokenize(t));
      if (k % 7 === 0) expect(simhash64(t, { shingle: 2 })).toBe(refSimhash(t, 2));
      prev = t;
    }
  });
});
