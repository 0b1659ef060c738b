import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/util/bounded-memo.js';
import {
  DEFAULT_MODEL_PATH,
  createNerChunkMemo,
  defaultNerModel,
  modelFromFile,
  recognizeNamedSpansInTokens,
  tagTokenSentences,
  tagTokenSentencesMemo,
  truecaseTitle,
  type NerModel,
  type NerModelFile,
} from '../../src/enrich/ner/ner-tagger.js';
import { tokenize } from '../../src/enrich/ner/tokenizer.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { NER_SAMPLE } from './sample-text.js';

function tokenSentences(text: string, model: NerModel): string[][] {
  return splitSentences(text).map((s) => truecaseTitle(tokenize(text, s.start, s.end).map((t) => t.text), model));
}

function modelFile(): NerModelFile {
  return JSON.parse(gunzipSync(readFileSync(DEFAULT_MODEL_PATH)).toString('utf8')) as NerModelFile;
}

describe('BoundedMemo', () => {
  it('keeps the most recently used entries within both bounds', () => {
    const memo = new BoundedMemo<string>({ maxEntries: 5, maxBytes: 100 }, (k, v) => k.length + v.length);
    for (let i = 0; i < 50; i++) {
      memo.set(`k${i}`, 'x'.repeat(i % 30));
      const st = memo.stats();
      expect(st.entries).toBeLessThanOrEqual(5);
      expect(st.bytes).toBeLessThanOrEqual(100);
    }
    // Reading makes an entry the most recent: it survives the next evictions.
    const m2 = new BoundedMemo<number>({ maxEntries: 3, maxBytes: 1e9 }, () => 1);
    m2.set('a', 1);
    m2.set('b', 2);
    m2.set('c', 3);
    expect(m2.get('a')).toBe(1);
    m2.set('d', 4);
    expect(m2.has('b')).toBe(false);
    expect([m2.has('a'), m2.has('c'), m2.has('d')]).toEqual([true, true, true]);
    expect(m2.stats().evictions).toBe(1);
  });

  it('counts bytes exactly through replacements and evictions, and refuses an entry larger than the bound', () => {
    const memo = new BoundedMemo<string>({ maxEntries: 100, maxBytes: 20 }, (_, v) => v.length);
    memo.set('a', '1234567890');
    memo.set('b', '12345');
    expect(memo.stats().bytes).toBe(15);
    memo.set('a', '12'); // replaced: 2 + 5
    expect(memo.stats().bytes).toBe(7);
    memo.set('c', '1234567890123456'); // 16 more: the least recently used ('b': 'a' was just replaced) must go
    expect(memo.has('b')).toBe(false);
    expect(memo.stats().bytes).toBe(18);
    expect(memo.set('huge', 'x'.repeat(21))).toBe(false);
    expect(memo.has('huge')).toBe(false);
    expect(memo.stats().bytes).toBe(18);
  });
});

describe('NER chunk memo', () => {
  const model = defaultNerModel();
  const sample = tokenSentences(NER_SAMPLE, model);

  it('returns the spans of a fresh tagging, on hits and after evictions, within its bounds', () => {
    const fresh = tagTokenSentences(model, sample);
    // Room for a few chunks only: every pass evicts, later passes mix hits and misses.
    const memo = createNerChunkMemo({ maxEntries: 4, maxBytes: 4000 });
    const docs = [sample, sample.slice(3), sample.slice(0, 5), sample, [...sample].reverse(), sample];
    for (const d of docs) {
      expect(tagTokenSentencesMemo(model, d, memo)).toEqual(tagTokenSentences(model, d));
      const st = memo.stats();
      expect(st.entries).toBeLessThanOrEqual(4);
      expect(st.bytes).toBeLessThanOrEqual(4000);
    }
    const st = memo.stats();
    expect(st.hits).toBeGreaterThan(0);
    expect(st.evictions).toBeGreaterThan(0);
    // A memo large enough for everything: the second pass is all hits and still the same.
    const big = createNerChunkMemo();
    expect(tagTokenSentencesMemo(model, sample, big)).toEqual(fresh);
    const misses = big.stats().misses;
    expect(tagTokenSentencesMemo(model, sample, big)).toEqual(fresh);
    expect(big.stats().misses).toBe(misses);
    expect(big.stats().hits).toBe(sample.length);
  });

  it('gives character spans equal to the unmemoised path (recognizeNamedSpansInTokens)', () => {
    const toks = splitSentences(NER_SAMPLE).map((s) => tokenize(NER_SAMPLE, s.start, s.end));
    const memo = createNerChunkMemo({ maxEntries: 6, maxBytes: 1e6 });
    const want = recognizeNamedSpansInTokens(NER_SAMPLE, toks, model, null);
    expect(want.length).toBeGreaterThan(10);
    for (let k = 0; k < 3; k++) expect(recognizeNamedSpansInTokens(NER_SAMPLE, toks, model, memo)).toEqual(want);
  });

  it('never answers for another model', () => {
    const file = modelFile();
    // Same features, but the bias row pushes every token far towards O: no entities at all.
    const quiet = modelFromFile({ ...file, weights: { ...file.weights, b: [0, 10_000_000] } });
    const memo = createNerChunkMemo();
    const loud = tagTokenSentencesMemo(model, sample, memo);
    expect(loud.flat().length).toBeGreaterThan(10);
    expect(tagTokenSentences(quiet, sample).flat()).toEqual([]);
    expect(tagTokenSentencesMemo(quiet, sample, memo).flat()).toEqual([]);
    expect(tagTokenSentencesMemo(model, sample, memo)).toEqual(loud);
  });

  it('keys token lists exactly: no collision between different splits of the same characters', () => {
    const memo = createNerChunkMemo();
    const pairs: string[][][] = [
      [['Angela Merkel', 'visited', 'Paris'], ['Angela', 'Merkel visited', 'Paris']],
      [['John Smith', 'met', 'Anna', 'Berg'], ['John', 'Smith met', 'Anna', 'Berg']],
      [['a b', 'c'], ['a', 'b c']],
      [['Paris', ''], ['', 'Paris']],
      [['Paris'], ['Paris', '']],
      // The key's own separator inside a token: such chunks are tagged afresh, never stored.
      [['Angela\u0001Merkel', 'visited', 'Paris'], ['Angela', 'Merkel\u0001visited', 'Paris']],
    ];
    let differing = 0;
    for (const [x, y] of pairs) {
      const fx = tagTokenSentences(model, [x!]);
      const fy = tagTokenSentences(model, [y!]);
      if (JSON.stringify(fx) !== JSON.stringify(fy)) differing++;
      expect(tagTokenSentencesMemo(model, [x!], memo)).toEqual(fx);
      expect(tagTokenSentencesMemo(model, [y!], memo)).toEqual(fy);
      expect(tagTokenSentencesMemo(model, [x!], memo)).toEqual(fx);
    }
    // The test means something only if a collision would show.
    expect(differing).toBeGreaterThanOrEqual(2);
    const before = memo.stats().entries;
    tagTokenSentencesMemo(model, [['X\u0001Y', 'said']], memo);
    expect(memo.stats().entries).toBe(before);
  });

  it('keys on the document facts the first stage reads: the same sentence in different documents', () => {
    // "Frank" starting a sentence: the tagger asks whether the document has "frank" in lower case or "Frank"
    // capitalised mid-sentence, and answers differently (checked below on fresh taggings).
    const s = ['Frank', 'said', 'on', 'Monday', 'it', 'would', 'sell', 'its', 'stake', '.'];
    const docs = [[s], [s, ['the', 'frank', 'was', 'there', '.']], [s, ['Analysts', 'at', 'Frank', 'were', 'pleased', '.']]];
    const fresh = docs.map((d) => tagTokenSentences(model, d)[0]);
    expect(new Set(fresh.map((f) => JSON.stringify(f))).size).toBe(3);
    const memo = createNerChunkMemo();
    for (let pass = 0; pass < 2; pass++) docs.forEach((d, k) => expect(tagTokenSentencesMemo(model, d, memo)[0]).toEqual(fresh[k]));
    // An all-caps sentence asks about every capitalised word.
    const caps = ['FRANK', 'AND', 'BILL', 'SELL', 'STAKE'];
    const capsDocs = [[caps], [caps, ['Then', 'Bill', 'left', '.']], [caps, ['the', 'bill', 'passed', '.']], [caps, ['Then', 'Frank', 'and', 'Bill', 'left', '.']]];
    const capsFresh = capsDocs.map((d) => tagTokenSentences(model, d)[0]);
    for (let pass = 0; pass < 2; pass++) capsDocs.forEach((d, k) => expect(tagTokenSentencesMemo(model, d, memo)[0]).toEqual(capsFresh[k]));
  });

  it('keys a second stage on the label history it reads', () => {
    const file = modelFile();
    // A made-up second stage that follows the document's label history of a word strongly.
    const weights: Record<string, number[]> = { ...file.weights, 'hist=PER': [4, 100_000], 'hist=LOC': [12, 100_000] };
    const staged = modelFromFile({ ...file, stage2: { transitions: file.transitions, weights } });
    const s = ['Officials', 'said', 'Jordan', 'would', 'decide', 'soon', '.'];
    const asPerson = [s, ['Chairman', 'John', 'Jordan', 'resigned', '.'], ['Chairman', 'John', 'Jordan', 'left', 'again', '.']];
    const asPlace = [s, ['He', 'flew', 'to', 'Jordan', 'on', 'Friday', '.'], ['Troops', 'entered', 'northern', 'Jordan', '.']];
    const fp = tagTokenSentences(staged, asPerson);
    const fl = tagTokenSentences(staged, asPlace);
    // Same sentence, same first-stage document facts, different history: different spans.
    expect(fp[0]).not.toEqual(fl[0]);
    const memo = createNerChunkMemo();
    for (let pass = 0; pass < 2; pass++) {
      expect(tagTokenSentencesMemo(staged, asPerson, memo)).toEqual(fp);
      expect(tagTokenSentencesMemo(staged, asPlace, memo)).toEqual(fl);
    }
    expect(memo.stats().hits).toBeGreaterThan(0);
  });
});
