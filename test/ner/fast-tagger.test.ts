import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseConll } from '../../src/enrich/ner/conll-reader.js';
import {
  DEFAULT_MODEL_PATH,
  defaultNerModel,
  modelFromFile,
  recognizeNamedSpans,
  tagEmissions,
  tagTokenSentences,
  tagTokenSentencesReference,
  type NerModel,
  type NerModelFile,
} from '../../src/enrich/ner/ner-tagger.js';
import { tokenize } from '../../src/enrich/ner/tokenizer.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { NER_SAMPLE } from './sample-text.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const testa = path.resolve(repoRoot, '../shared/bench/ner/conll2003/eng.testa');

/** Tokenised sentences of a text, as recognizeNamedSpans feeds the tagger (before truecasing). */
function tokenSentences(text: string): string[][] {
  return splitSentences(text).map((s) => tokenize(text, s.start, s.end).map((t) => t.text));
}

/** The fast path's emission scores must equal, bit for bit, those summed from the feature strings. */
function expectSameEmissions(model: NerModel, doc: string[][]): void {
  const fast = tagEmissions(model, doc);
  const ref = tagTokenSentencesReference(model, doc);
  expect(fast.length).toBe(ref.emissions.length);
  fast.forEach((stage, s) =>
    stage.forEach((em, i) => {
      const want = ref.emissions[s]![i]!;
      if (em.length !== want.length || em.some((v, k) => v !== want[k])) throw new Error(`stage ${s + 1}, sentence ${i} (${doc[i]!.join(' ')}): emissions differ`);
    }),
  );
  expect(tagTokenSentences(model, doc)).toEqual(ref.spans);
}

/** Awkward tokens: pipes and '=' (feature-name separators), sentence pads, empty and spaced tokens, all caps, non-Latin. */
const ODD_DOC: string[][] = [
  ['A|B', '|', '||', 'x=y', '=', '<s>', '</s>', 'New York', '', 'ÉTATS-UNIS', "O'Neill", 'Ελλάδα', 'Москва', '𝒳yz', 'U.S.', 'Corp.'],
  ['REUTERS', 'NEW', 'YORK', 'STOCK', 'EXCHANGE', 'SAYS', '1,000', 'JOBS', 'CUT'],
  ['New', 'York', 'Stock', 'Exchange', 'and', 'New', 'York', 'City', 'and', 'Kansas', 'City', 'Royals', '.'],
  ['-', 'Jean-Pierre', 'of', 'Paris', 'met', 'Jean-Pierre', 'in', 'paris', 'and', 'Paris-based', 'firms', '.'],
];

describe('fast NER feature scoring', () => {
  const model = defaultNerModel();

  it('pins the tagger output on a fixed sample', () => {
    const spans = recognizeNamedSpans(NER_SAMPLE, splitSentences(NER_SAMPLE)).map((s) => [s.start, s.text, s.type]);
    // Recorded with the string-feature tagger before the fast path replaced it.
    expect(spans).toEqual([
      [0, 'Finnish', 'MISC'], [14, 'Halts Kaarreoja', 'PER'], [41, 'Herders', 'PER'], [59, 'Helsinki', 'LOC'], [68, 'ROVANIEMI', 'LOC'],
      [88, 'Nordwire', 'LOC'], [104, 'Supreme Administrative Court of Finland', 'ORG'], [168, 'Boreal Metals Oy', 'ORG'], [208, 'Sami', 'PER'],
      [231, 'Anna-Liisa Korhonen', 'PER'], [333, 'Lapland', 'LOC'], [342, 'Boreal Metals', 'ORG'], [372, 'Jukka Lehtinen', 'PER'],
      [392, 'Reuters', 'ORG'], [472, 'EU', 'ORG'], [533, 'Portugal', 'LOC'], [566, 'Duarte Cordeiro', 'PER'], [591, 'Spanish', 'MISC'],
      [611, 'Teresa Ribera', 'PER'], [628, 'Madrid', 'LOC'], [651, 'European Commission', 'ORG'], [676, 'U.S. State Department', 'ORG'],
      [706, 'World Bank', 'ORG'], [739, 'Tagus-Segura', 'ORG'], [785, 'Ribera', 'LOC'], [806, 'Brussels', 'LOC'], [822, 'NATO', 'ORG'],
      [835, 'European Investment Bank', 'ORG'], [861, 'EIB', 'ORG'], [880, 'Velora Airlines', 'ORG'], [916, 'Maria João Santos', 'PER'],
      [954, 'Lisbon', 'ORG'], [1004, 'Ribatejo', 'LOC'], [1042, 'Assembly', 'ORG'], [1058, 'Republic', 'MISC'], [1087, 'Portuguese', 'MISC'],
      [1102, 'English', 'MISC'], [1111, 'Yerevan', 'LOC'], [1123, 'Baku', 'LOC'], [1152, 'Nagorno-Karabakh', 'ORG'], [1172, 'Russian', 'MISC'],
      [1180, 'Foreign Ministry', 'ORG'], [1209, 'Maria Zakharova', 'PER'], [1246, 'Chicago Bulls', 'ORG'], [1273, 'York Knicks', 'ORG'],
      [1295, 'Madison', 'LOC'],
    ]);
  });

  it('scores exactly as the feature strings do: fixed sample, awkward tokens, demo corpus', () => {
    expectSameEmissions(model, tokenSentences(NER_SAMPLE));
    expectSameEmissions(model, ODD_DOC);
    const dir = path.join(repoRoot, 'demo/corpus');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) expectSameEmissions(model, tokenSentences(readFileSync(path.join(dir, f), 'utf8')));
  });

  it('scores a second stage exactly too (label-history features)', () => {
    const file = JSON.parse(gunzipSync(readFileSync(DEFAULT_MODEL_PATH)).toString('utf8')) as NerModelFile;
    // A made-up second stage: the first stage's weights plus weights on every history feature.
    const weights: Record<string, number[]> = { ...file.weights };
    const labels = ['O', 'PER', 'ORG', 'LOC', 'MISC'];
    labels.forEach((h, k) => {
      weights['hist=' + h] = [1 + k, 300, 0, -200];
      weights['hist|first=' + h + '|1'] = [5 + k, 150];
      weights['hist|first=' + h + '|0'] = [0, 40 * k];
      weights['hist-1=' + h] = [2 + k, 120];
      weights['hist+1=' + h] = [3 + k, 90];
      for (const ss of ['Xx', 'X', 'X.X.', 'Xx-Xx']) weights[`hist|ss=${h}|${ss}`] = [4 + k, 77, 0, 11];
    });
    const staged = modelFromFile({ ...file, stage2: { transitions: file.transitions, weights } });
    expect(staged.stage2).toBeDefined();
    expectSameEmissions(staged, tokenSentences(NER_SAMPLE));
    expectSameEmissions(staged, ODD_DOC);
  });

  it.skipIf(!existsSync(testa))('scores exactly as the feature strings do on the first 40 documents of eng.testa', () => {
    const docs = parseConll(readFileSync(testa, 'utf8')).slice(0, 40);
    for (const d of docs) expectSameEmissions(model, d.map((s) => s.tokens));
  });
});
