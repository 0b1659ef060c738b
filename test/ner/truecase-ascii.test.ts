/**
 * truecaseTitle answers its capitalised-word test for ASCII without a regex: the same tokens must come out as
 * from the code before that change, kept here as the reference.
 */
import { describe, expect, it } from 'vitest';
import { defaultNerModel, truecaseTitle, type NerModel } from '../../src/enrich/ner/ner-tagger.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

// ---- reference: src/enrich/ner/ner-tagger.ts before the change (git show 7173f7c) ----
function referenceTruecase(tokens: string[], model: NerModel): string[] {
  let words = 0;
  let capped = 0;
  for (const w of tokens) {
    if (!isLongWord(w)) continue;
    words++;
    if (/^\p{Lu}\p{Ll}/u.test(w)) capped++;
  }
  if (words < 4 || capped / words < 0.75) return tokens;
  const common = model.ordinaryWords;
  const names = model.resources.lexicons;
  return tokens.map((w, i) => {
    if (i === 0 || !/^\p{Lu}\p{Ll}+$/u.test(w)) return w;
    const l = w.toLowerCase();
    if (!common.has(l)) return w;
    if (Object.values(names).some((lex) => lex.phrases.has(w))) return w;
    return l;
  });
}
function isLongWord(w: string): boolean {
  if (w.length < 4) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return /^\p{L}{4,}$/u.test(w);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

// ---- end of reference ----

const WORDS = [
  'Finnish', 'Court', 'Halts', 'Mine', 'After', 'Herders', 'Appeal', 'to', 'Helsinki', 'With', 'Strategic', 'Partnership', 'The',
  'OFFICIALS', 'Éire', 'Ärzte', 'Über', 'Жители', 'Σπίτι', 'eBay', 'iPhone', 'McDonald', 'Ab', 'A', '1996', 'Year-Old', 'Ǆemal',
  'Ǆ', 'ǅungla', 'Xy\u0301z', 'New', 'York', 'Talks', 'Over', 'Kazakhstan', 'Georgia', ',', "'s", 'Said', 'Minister',
];

describe('truecaseTitle with the ASCII capital test', () => {
  const model: NerModel = defaultNerModel();

  it('lower-cases ordinary words of a Title Case headline as before', () => {
    const t = ['Kazakhstan', 'Strengthens', 'Strategic', 'Partnership', 'With', 'Georgia'];
    const got = truecaseTitle(t, model);
    expect(got).toEqual(referenceTruecase(t, model));
    expect(got).not.toEqual(t);
  });

  it('gives the reference answer on random token lists', () => {
    const rand = mulberry32(11);
    let changed = 0;
    for (let k = 0; k < 4000; k++) {
      const n = 1 + Math.floor(rand() * 10);
      const t = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
      const got = truecaseTitle(t, model);
      expect(got).toEqual(referenceTruecase(t, model));
      if (got !== t) changed++;
    }
    expect(changed).toBeGreaterThan(50);
  });
});
