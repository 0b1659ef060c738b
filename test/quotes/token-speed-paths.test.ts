/**
 * The quote extractor's speed paths give the answers of the plain code they replaced:
 * the tokenizer's ASCII shortcut for `word`/`cap`, RangeIndex.overlapsAny without a set,
 * and the learned cue look-up by set.
 */
import { describe, expect, it } from 'vitest';
import { RangeIndex, type Range } from '../../src/enrich/quotes/attribution-draft.js';
import { cueEntry } from '../../src/enrich/quotes/cue-lexicon.js';
import { LEARNED_CUES } from '../../src/enrich/quotes/learned-cues.js';
import { tokenize } from '../../src/enrich/quotes/tokens.js';

/** The tokenizer as it was written before the shortcut. */
function referenceTokenize(text: string, from = 0, to = text.length) {
  const out = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(/[\p{L}\p{N}]+(?:[’'.&\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu)) {
    const t = m[0];
    const start = from + m.index;
    const first = t[0] ?? '';
    const word = /[\p{L}\p{N}]/u.test(first);
    out.push({ text: t, lower: t.toLowerCase(), start, end: start + t.length, word, cap: word && first !== first.toLowerCase() });
  }
  return out;
}

describe('quote tokenizer', () => {
  const samples = [
    'The U.S. envoy, AT&T’s chief, said: "We\'ll see" — 42 people (9%) agreed.',
    'Émile Zola écrivait; Ğazi İstanbul’da ŞEHİR; ǅemal and ǈubo.',
    'Math 𝐀𝐁𝐂 and 𝐚𝐛𝐜 letters, emoji 😀 x, digits ٣٤ and ²³.',
    'lone \ud800 high and \udc00 low surrogates, tab\tnewline\n«guillemets» ‹single›',
    'Ωmega ωmega Σ σ ς ÿ Ÿ ß ẞ 1st 2nd _under_score',
  ];
  it('gives the reference tokens, offsets and flags', () => {
    for (const s of samples) {
      expect(tokenize(s)).toEqual(referenceTokenize(s));
      expect(tokenize(s, 5, s.length - 3)).toEqual(referenceTokenize(s, 5, s.length - 3));
    }
  });
  it('gives the reference tokens on random text with every kind of white space', () => {
    const pieces = ['a', 'Z', 'é', 'Ö', '7', '٣', ' ', '\t', '\n', '\u000b', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u3000', '\ufeff', '\u180e', '\u200b',
      '.', "'", '’', '-', '&', '"', '“', '\ud835\udc00', '\ud83d\ude00', '\ud800', '\udc00', '\u0301'];
    let x = 11;
    for (let k = 0; k < 300; k++) {
      let s = '';
      for (let i = 0; i < 60; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[x % pieces.length];
      }
      expect(tokenize(s)).toEqual(referenceTokenize(s));
      expect(tokenize(s, 3, 50)).toEqual(referenceTokenize(s, 3, 50));
    }
  });
  it('marks capitals and words', () => {
    const [a, b, c, d] = tokenize('Ask ümit 7 ,');
    expect([a!.cap, a!.word, b!.cap, b!.word, c!.cap, c!.word, d!.word]).toEqual([true, true, false, true, false, true, false]);
    expect(tokenize('Émile')[0]!.cap).toBe(true);
    // An astral letter starts with a lone high surrogate: no word, as before.
    expect(tokenize('𝐀bc')[0]!.word).toBe(false);
  });
});

describe('RangeIndex.overlapsAny', () => {
  it('agrees with a scan of every range', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const index = new RangeIndex(64);
    const all: Range[] = [];
    for (let i = 0; i < 300; i++) {
      const start = rnd(5000);
      const r = { start, end: start + rnd(400) };
      index.add(r);
      all.push(r);
      const q0 = rnd(5200);
      const q = { start: q0, end: q0 + rnd(300) };
      expect(index.overlapsAny(q)).toBe(all.some((x) => x.start < q.end && q.start < x.end));
    }
  });
});

describe('cueEntry', () => {
  it('gives learned cue words a belief entry and nothing to other words', () => {
    for (const w of Object.keys(LEARNED_CUES)) expect(cueEntry(w)).toBeDefined();
    expect(cueEntry('seemed')).toEqual({ lemma: 'seemed', stance: 'neutral', belief: true });
    expect(cueEntry('toString')).toBeUndefined();
    expect(cueEntry('constructor')).toBeUndefined();
    expect(cueEntry('__proto__')).toBeUndefined();
    expect(cueEntry('Seemed')).toBeUndefined();
    // Hand-written cues: lower case only, whatever letter is capital.
    expect(cueEntry('said')).toBeDefined();
    expect(cueEntry('Said')).toBeUndefined();
    expect(cueEntry('saiD')).toBeUndefined();
    expect(cueEntry('')).toBeUndefined();
  });
});
