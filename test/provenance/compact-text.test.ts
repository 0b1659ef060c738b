import { describe, expect, it } from 'vitest';
import { demoTexts } from './demo-texts.js';
import { hash53, matchCompact, prepareCompact, sharedSorted, stableOrder, unpackPassages } from '../../src/provenance/compact-text.js';
import { DEFAULT_PASSAGE_OPTIONS, matchPassages, prepareSentences } from '../../src/provenance/passage-matcher.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

// A small vocabulary, so that generated sentences share words, shingles and whole wordings often (ties included).
const VOCAB = (
  'ferry harbour captain storm minister court ruling appeal council budget vessel cargo strike union wages ' +
  'river dam drought farmers water police report inquiry mayor election vote coalition treaty border customs'
).split(' ');
const PHRASE = 'the coast guard said';

/** Texts built from a few sentence shapes: shared phrases, reused and edited sentences, repeats. */
function generatedText(r: () => number, pool: string[]): string {
  const out: string[] = [];
  const n = 3 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.3 && pool.length > 0) {
      // A sentence used before, sometimes with one word changed or dropped.
      const s = pool[Math.floor(r() * pool.length)]!;
      const w = s.slice(0, -1).split(' ');
      const k = Math.floor(r() * w.length);
      if (r() < 0.4) w[k] = VOCAB[Math.floor(r() * VOCAB.length)]!;
      else if (r() < 0.3) w.splice(k, 1);
      out.push(`${w.join(' ')}.`);
    } else {
      const len = 5 + Math.floor(r() * 10);
      const w = Array.from({ length: len }, () => VOCAB[Math.floor(r() * VOCAB.length)]!);
      if (r() < 0.3) w.splice(Math.floor(r() * w.length), 0, PHRASE);
      const s = `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
      pool.push(s);
      out.push(s);
    }
  }
  return out.join(r() < 0.5 ? ' ' : '\n\n');
}

function viaStrings(source: string, copy: string) {
  return matchPassages(prepareSentences(source), prepareSentences(copy));
}

function viaCompact(source: string, copy: string) {
  const s = prepareCompact(source);
  const c = prepareCompact(copy);
  return unpackPassages(matchCompact(s, c), source, s, copy, c);
}

describe('compact prepared texts', () => {
  it('keep the same sentences and content words as the string form', () => {
    for (const t of demoTexts) {
      const strings = prepareSentences(t);
      const compact = prepareCompact(t);
      expect(compact.norms.length).toBe(strings.length);
      expect([...compact.shingleCount]).toEqual(strings.map((s) => s.shingles.size));
      const words = new Set(strings.flatMap((s) => [...s.content]));
      expect(compact.words.length).toBe(words.size);
      for (let i = 0; i < strings.length; i++) {
        expect(t.slice(compact.bounds[2 * i], compact.bounds[2 * i + 1])).toBe(strings[i]!.text);
        expect(compact.contentStart[i + 1]! - compact.contentStart[i]!).toBe(strings[i]!.content.size);
      }
    }
  });

  it('match the same passages as the string form on every ordered pair of the demo articles', () => {
    let passages = 0;
    for (const a of demoTexts) {
      for (const b of demoTexts) {
        const expected = viaStrings(a, b);
        expect(viaCompact(a, b)).toEqual(expected);
        passages += expected.length;
      }
    }
    // The demo corpus has near-copies and rewrites: the comparison is not between empty lists.
    expect(passages).toBeGreaterThan(200);
  });

  it('match the same passages on generated texts full of ties, repeats and small edits', () => {
    const r = mulberry32(7);
    const pool: string[] = [];
    const texts = Array.from({ length: 60 }, () => generatedText(r, pool));
    let verbatim = 0;
    let paraphrase = 0;
    for (let i = 0; i < texts.length; i++) {
      for (let j = 0; j < texts.length; j += 1 + (i % 3)) {
        const expected = viaStrings(texts[i]!, texts[j]!);
        expect(viaCompact(texts[i]!, texts[j]!)).toEqual(expected);
        for (const p of expected) p.kind === 'verbatim' ? verbatim++ : paraphrase++;
      }
    }
    expect(verbatim).toBeGreaterThan(300);
    expect(paraphrase).toBeGreaterThan(300);
  });

  it('break ties between verbatim candidates as the string matcher does (first met through the copy sentence)', () => {
    // Both source sentences share two of the copy's four shingles and have three: the same score. The second
    // one shares the copy's first shingle, so a set filled in the copy's shingle order meets it first.
    const w = ['ferry', 'harbour', 'captain', 'storm', 'minister', 'court', 'ruling', 'appeal'];
    const s0 = `Wages ${w[2]} ${w[3]} ${w[4]} ${w[5]} ${w[6]}.`;
    const s1 = `${w[0]} ${w[1]} ${w[2]} ${w[3]} ${w[4]} budget.`.replace(/^./, (c) => c.toUpperCase());
    const copy = `${w.slice(0, 7).join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
    const expected = viaStrings(`${s0} ${s1}`, copy);
    expect(expected).toEqual([{ kind: 'verbatim', sourceText: s1, copyText: copy, score: 2 / 3 }]);
    expect(viaCompact(`${s0} ${s1}`, copy)).toEqual(expected);
    // With the second sentence's wording moved to the copy's end, the first one is met first.
    const s1late = `Budget ${w[4]} ${w[5]} ${w[6]} council.`;
    expect(viaCompact(`${s0} ${s1late}`, copy)).toEqual(viaStrings(`${s0} ${s1late}`, copy));
  });

  it('keep the 50-sentence limit of a shingle candidate list', () => {
    // 60 source sentences share one phrase; the copy's sentence is closest to the 55th, which the string
    // matcher never looks at through that phrase (its list holds the first 50).
    const src = Array.from({ length: 60 }, (_, i) => `Report ${i} number ${VOCAB[i % VOCAB.length]} ${PHRASE} tonight alpha${i} beta${i} gamma${i}.`);
    const source = src.join(' ');
    const copy = `Report 54 number ${VOCAB[54 % VOCAB.length]} ${PHRASE} tonight alpha54 beta54 delta.`;
    const expected = viaStrings(source, copy);
    expect(expected.length).toBe(1);
    expect(viaCompact(source, copy)).toEqual(expected);
  });

  it('match the same passages on a long repetitive text (one phrase in 1,500 sentences)', () => {
    const sentences = Array.from({ length: 1500 }, (_, i) => `Wages ${PHRASE} ${VOCAB[i % VOCAB.length]} ${VOCAB[(i * 7) % VOCAB.length]} harbour strike.`);
    const source = sentences.join(' ');
    const copy = sentences.filter((_, i) => i % 3 === 0).map((x, i) => (i % 2 === 0 ? x.replace('Wages', 'Union') : x)).join(' ');
    const expected = viaStrings(source, copy);
    expect(expected.length).toBe(500);
    expect(viaCompact(source, copy)).toEqual(expected);
  });

  it('count shared content words as the sets do', () => {
    for (const a of demoTexts.slice(0, 8)) {
      for (const b of demoTexts.slice(0, 8)) {
        const wa = new Set(prepareSentences(a).flatMap((s) => [...s.content]));
        const wb = new Set(prepareSentences(b).flatMap((s) => [...s.content]));
        const shared = [...wa].filter((w) => wb.has(w)).length;
        expect(sharedSorted(prepareCompact(a).words, prepareCompact(b).words)).toBe(shared);
        expect(sharedSorted(prepareCompact(a).words, prepareCompact(b).words, 10)).toBe(Math.min(10, shared));
      }
    }
  });

  it('read the same content words as the string form where normalising changes the text (NFKC, case, quotes, dashes)', () => {
    // Ligatures and full-width letters (NFKC), a Greek final sigma (lower-casing reads the next letter),
    // combining marks, non-breaking spaces, curly quotes and dashes between words, digits.
    const texts = [
      'The ﬁnance ministers ＭＥＥＴ in ΟΔΥΣΣΕΥΣ hall—again. “The harbour’s ferries” stopped at 10\u00a0am–noon today. ' +
        'Café owners and naïve visitors complained about the ferry captains and the storm warnings. ' +
        'ΣΟΦΟΣ ΛΟΓΟΣ said the ministers, whose council voted on the budget for the river dam project.',
      'Finance ministers meet in Οδυσσευσ hall - again. "The harbour\'s ferries" stopped at 10 am-noon today. ' +
        'Cafe\u0301 owners and naive visitors complained about the ferry captains and the storm warnings. ' +
        'σοφοσ λογοσ said the ministers, whose council voted on the budget for the river dam project.',
    ];
    for (const t of texts) {
      const strings = prepareSentences(t);
      const compact = prepareCompact(t);
      expect(compact.norms.length).toBe(strings.length);
      // The same words (as hashes): per sentence, and in all.
      const hashes = (words: Iterable<string>): number[] => [...new Set([...words].map(hash53))].sort((x, y) => x - y);
      for (let i = 0; i < strings.length; i++) {
        const own = [...compact.content.subarray(compact.contentStart[i]!, compact.contentStart[i + 1]!)].map((k) => compact.words[k]!);
        expect(own).toEqual(hashes(strings[i]!.content));
      }
      expect([...compact.words]).toEqual(hashes(strings.flatMap((x) => [...x.content])));
    }
    expect(viaCompact(texts[0]!, texts[1]!)).toEqual(viaStrings(texts[0]!, texts[1]!));
    expect(viaCompact(texts[1]!, texts[0]!)).toEqual(viaStrings(texts[1]!, texts[0]!));
  });

  it('match the same paraphrases with thresholds at 0, where a source sentence sharing no word can be the best', () => {
    const options = { ...DEFAULT_PASSAGE_OPTIONS, paraphraseJaccard: 0, paraphraseShared: 0 };
    const r = mulberry32(11);
    const pool: string[] = [];
    const texts = [...demoTexts.slice(0, 6), ...Array.from({ length: 12 }, () => generatedText(r, pool))];
    let paraphrase = 0;
    for (const a of texts) {
      for (const b of texts) {
        const expected = matchPassages(prepareSentences(a, options), prepareSentences(b, options), options);
        const [s, c] = [prepareCompact(a, options), prepareCompact(b, options)];
        expect(unpackPassages(matchCompact(s, c, options), a, s, b, c)).toEqual(expected);
        paraphrase += expected.filter((p) => p.kind === 'paraphrase' && p.score === 0).length;
      }
    }
    // Sentences sharing no content word with any source sentence are matched to the first one, with score 0.
    expect(paraphrase).toBeGreaterThan(0);
  });

  it('order hashes as a stable sort does (radix over 53-bit integers, equal ones in position order)', () => {
    const r = mulberry32(3);
    for (const n of [0, 1, 2, 17, 300, 5_000]) {
      // Few distinct values (many ties), spread over all 53 bits and near the edges of each digit.
      const distinct = Array.from({ length: 1 + Math.floor(n / 3) }, (_, i) =>
        i % 4 === 0 ? Math.floor(r() * 2 ** 53) : i % 4 === 1 ? 2 ** 53 - 1 - Math.floor(r() * 4) : i % 4 === 2 ? 2 ** 32 * Math.floor(r() * 3) + 2047 : Math.floor(r() * 4096),
      );
      const hashes = Array.from({ length: n }, () => distinct[Math.floor(r() * distinct.length)]!);
      const expected = Array.from(hashes.keys()).sort((x, y) => hashes[x]! - hashes[y]!);
      expect([...stableOrder(hashes)]).toEqual(expected);
    }
  });
});
