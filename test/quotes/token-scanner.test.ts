import { describe, expect, it } from 'vitest';
import { TOKEN_SOURCE, tokenize, type Token } from '../../src/enrich/quotes/tokens.js';

/** The tokens as the pattern itself finds them (a global search), with the same flags. */
function byPattern(text: string, from = 0, to = text.length): Token[] {
  const slice = text.slice(from, to);
  const out: Token[] = [];
  for (const m of slice.matchAll(new RegExp(TOKEN_SOURCE, 'gu'))) {
    const t = m[0];
    const start = from + m.index;
    const first = t[0]!;
    const word = /[\p{L}\p{N}]/u.test(first);
    out.push({ text: t, lower: t.toLowerCase(), start, end: start + t.length, word, cap: word && first !== first.toLowerCase() });
  }
  return out;
}

const PIECES = [
  'a', 'Z', 'é', 'É', 'ß', 'İ', '7', '٣', '𝐀', '𝟘', '😀', '\ud800', '\udc00', 'x\ud83d', '’', "'", '.', '&', '-', '–', ',', '"', '“',
  ' ', '  ', '\n', '\t', '\u00a0', '\u2028', '\ufeff', '\u0085', 'U.S', 'AT&T', 'Armenia’s', 'rock-’n’-roll', 'e.g.', '...', '--', 'İstanbul',
];

function randomText(rand: () => number, len: number): string {
  let s = '';
  while (s.length < len) s += PIECES[Math.floor(rand() * PIECES.length)]!;
  return s;
}

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('quote tokenizer (hand scanner)', () => {
  it('gives the pattern\'s tokens on news text', () => {
    const text = 'Armenia’s U.S.-based envoy said: “AT&T’s rock-’n’-roll … isn’t over,” on Jan. 5 (2021) — 3.5% e.g. İstanbul.';
    expect(tokenize(text)).toEqual(byPattern(text));
    expect(tokenize(text, 10, 60)).toEqual(byPattern(text, 10, 60));
    expect(tokenize(text).map((t) => t.text).slice(0, 6)).toEqual(['Armenia’s', 'U.S', '.', '-', 'based', 'envoy']);
  });

  it('gives the pattern\'s tokens on random text, surrogates and odd white space included, at any bounds', () => {
    const rand = rng(7);
    for (let k = 0; k < 400; k++) {
      const text = randomText(rand, 1 + Math.floor(rand() * 60));
      expect(tokenize(text)).toEqual(byPattern(text));
      const a = Math.floor(rand() * text.length);
      const b = a + Math.floor(rand() * (text.length - a + 1));
      // Bounds may cut a surrogate pair in two: each half is then read alone, as the pattern reads the slice.
      expect(tokenize(text, a, b)).toEqual(byPattern(text, a, b));
    }
  });

  it('stays linear on long runs of joiners and letters', () => {
    const text = 'a.'.repeat(50_000) + ' ' + '-a'.repeat(50_000) + "'";
    const t0 = performance.now();
    const tokens = tokenize(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(tokens.map((t) => t.text.length)).toEqual(byPattern(text).map((t) => t.text.length));
  });
});
