import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Sentence } from '../../model/types.js';
import {
  FEATURE_VERSION,
  buildDocumentContext,
  buildLabelHistory,
  sentenceFeatures,
  type FeatureResources,
  type PhraseLexicon,
} from './ner-features.js';
import { NUM_TAGS, TAGS, spansFromTags, viterbi, type ConllType, type TagSpan } from './perceptron-model.js';
import { tokenize, type Token } from './tokenizer.js';

/** The serialised model (gzipped JSON). Weights are integers × `scale`. */
export interface NerModelFile {
  format: 'storyline-ner-perceptron';
  featureVersion: number;
  tags: string[];
  scale: number;
  transitions: number[];
  /** feature → [tag, weight, tag, weight, …] (only weights that survived pruning) */
  weights: Record<string, number[]>;
  lexicons: Record<string, { maxLen: number; entries: [string, string][] }>;
  commonLower: string[];
  /**
   * Ordinary English words (mostly lower case in a larger unlabelled news sample). Not a feature:
   * the entity rules use it to spot headline fragments and generic words.
   */
  ordinaryWords?: string[];
  /** Second pass that also sees the first pass's labels for the same words elsewhere in the document. */
  stage2?: { transitions: number[]; weights: Record<string, number[]> };
  meta: Record<string, string | number>;
}

export interface NerModel {
  /** See NerModelFile.ordinaryWords; falls back to the training data's lower-case words. */
  ordinaryWords: Set<string>;
  weights: Map<string, Float32Array>;
  transitions: Float32Array;
  stage2?: { weights: Map<string, Float32Array>; transitions: Float32Array };
  resources: FeatureResources;
  meta: Record<string, string | number>;
}

export function lexiconFromEntries(entries: readonly (readonly [string, string])[], maxLen: number): PhraseLexicon {
  const phrases = new Map<string, string[]>();
  for (const [phrase, types] of entries) phrases.set(phrase, types.split(','));
  return { phrases, maxLen };
}

/** Builds the in-memory model from the file's JSON value. */
export function modelFromFile(file: NerModelFile): NerModel {
  if (file.format !== 'storyline-ner-perceptron' || file.featureVersion !== FEATURE_VERSION) {
    throw new Error(`NER model has feature version ${file.featureVersion}, code expects ${FEATURE_VERSION}: run npm run train:ner`);
  }
  if (file.tags.join(' ') !== TAGS.join(' ')) throw new Error('NER model tag set differs from the code');
  const rows = (source: Record<string, number[]>): Map<string, Float32Array> => {
    const weights = new Map<string, Float32Array>();
    for (const [name, pairs] of Object.entries(source)) {
      const row = new Float32Array(NUM_TAGS);
      for (let k = 0; k + 1 < pairs.length; k += 2) row[pairs[k]!] = pairs[k + 1]! * file.scale;
      weights.set(name, row);
    }
    return weights;
  };
  const weights = rows(file.weights);
  const lexicons: Record<string, PhraseLexicon> = {};
  for (const [name, lex] of Object.entries(file.lexicons)) lexicons[name] = lexiconFromEntries(lex.entries, lex.maxLen);
  return {
    weights,
    transitions: Float32Array.from(file.transitions, (w) => w * file.scale),
    ...(file.stage2
      ? { stage2: { weights: rows(file.stage2.weights), transitions: Float32Array.from(file.stage2.transitions, (w) => w * file.scale) } }
      : {}),
    resources: { lexicons, commonLower: new Set(file.commonLower) },
    ordinaryWords: new Set([...file.commonLower, ...(file.ordinaryWords ?? [])]),
    meta: file.meta,
  };
}

export function parseModelBytes(bytes: Uint8Array): NerModel {
  return modelFromFile(JSON.parse(gunzipSync(bytes).toString('utf8')) as NerModelFile);
}

export const DEFAULT_MODEL_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models/ner-model.json.gz');

let cached: NerModel | null = null;
/**
 * The shipped model, read once on first use. The cache holds an immutable
 * value derived from a file in the repository, so it behaves like a constant.
 */
export function defaultNerModel(): NerModel {
  cached ??= parseModelBytes(readFileSync(DEFAULT_MODEL_PATH));
  return cached;
}

function decode(weights: Map<string, Float32Array>, transitions: Float32Array, feats: string[][]): TagSpan[] {
  const n = feats.length;
  const em = new Float32Array(n * NUM_TAGS);
  for (let i = 0; i < n; i++) {
    const base = i * NUM_TAGS;
    for (const f of feats[i]!) {
      const row = weights.get(f);
      if (row === undefined) continue;
      for (let t = 0; t < NUM_TAGS; t++) em[base + t]! += row[t]!;
    }
  }
  return spansFromTags(viterbi(em, n, transitions));
}

/**
 * Tags tokenised sentences of one document; returns spans over each
 * sentence's tokens. With a second stage, the first pass's labels for the
 * same words elsewhere in the document become features of the second.
 */
export function tagTokenSentences(model: NerModel, sentences: readonly (readonly string[])[]): TagSpan[][] {
  const doc = buildDocumentContext(sentences);
  const first = sentences.map((tokens) => decode(model.weights, model.transitions, sentenceFeatures(tokens, doc, model.resources)));
  if (!model.stage2) return first;
  const doc2 = { ...doc, labelHistory: buildLabelHistory(sentences, first) };
  const s2 = model.stage2;
  return sentences.map((tokens) => decode(s2.weights, s2.transitions, sentenceFeatures(tokens, doc2, model.resources)));
}

export interface NamedSpan {
  start: number;
  end: number;
  text: string;
  type: ConllType;
}

/** Long "sentences" (lists, tables) are cut so decoding stays linear and bounded. */
const MAX_TOKENS_PER_CHUNK = 200;

/**
 * Finds named-entity spans (character offsets into `text`) in the given sentences.
 */
export function recognizeNamedSpans(text: string, sentences: readonly Sentence[], model: NerModel = defaultNerModel()): NamedSpan[] {
  const chunks: Token[][] = [];
  for (const s of sentences) {
    const toks = tokenize(text, s.start, s.end);
    for (let k = 0; k < toks.length; k += MAX_TOKENS_PER_CHUNK) chunks.push(toks.slice(k, k + MAX_TOKENS_PER_CHUNK));
  }
  const tagged = tagTokenSentences(
    model,
    chunks.map((c) => truecaseTitle(c.map((t) => normaliseToken(t.text)), model)),
  );
  const out: NamedSpan[] = [];
  tagged.forEach((spans, k) => {
    const toks = chunks[k]!;
    for (const s of spans) {
      const start = toks[s.start]!.start;
      const end = toks[s.end - 1]!.end;
      out.push({ start, end, type: s.type, text: text.slice(start, end) });
    }
  });
  return out;
}

/**
 * Headlines in Title Case ("Kazakhstan Strengthens Strategic Partnership with
 * Georgia") look like chains of names to a model trained on sentence case and
 * all-caps headlines, so ordinary words are lower-cased before tagging (offsets
 * are unaffected: only the tagger's view changes).
 */
export function truecaseTitle(tokens: string[], model: NerModel): string[] {
  const words = tokens.filter((w) => /^\p{L}{4,}$/u.test(w));
  const capped = words.filter((w) => /^\p{Lu}\p{Ll}/u.test(w));
  if (words.length < 4 || capped.length / words.length < 0.75) return tokens;
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

/** Typographic quotes and apostrophes as the (ASCII) training data writes them. */
function normaliseToken(t: string): string {
  return t.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');
}
