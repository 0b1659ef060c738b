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
import { FeatureScorer, compileLexicons, compileStage, type WeightTable } from './compiled-features.js';
import { BoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes, type MemoLimits } from '../../util/bounded-memo.js';

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
  /** Stage 1 weights; `stage2` (when the model has one) also sees the first pass's labels. */
  stage1: WeightTable;
  stage2?: WeightTable;
  resources: FeatureResources;
  /** Fast feature scoring over the same weights (see compiled-features.ts). */
  scorer: FeatureScorer;
  meta: Record<string, string | number>;
}

export function lexiconFromEntries(entries: readonly (readonly [string, string])[], maxLen: number): PhraseLexicon {
  const phrases = new Map<string, string[]>();
  for (const [phrase, types] of entries) phrases.set(phrase, types.split(','));
  return { phrases, maxLen };
}

/** Builds the in-memory model from the file's JSON value. */
export function modelFromFile(file: NerModelFile): NerModel {
  const T = NUM_TAGS;
  if (file.format !== 'storyline-ner-perceptron' || file.featureVersion !== FEATURE_VERSION) {
    throw new Error(`NER model has feature version ${file.featureVersion}, code expects ${FEATURE_VERSION}: run npm run train:ner`);
  }
  if (file.tags.join(' ') !== TAGS.join(' ')) throw new Error('NER model tag set differs from the code');
  const table = (source: Record<string, number[]>, transitions: number[]): WeightTable => {
    const entries = Object.entries(source);
    const rowOf = new Map<string, number>();
    const rowStart = new Int32Array(entries.length + 1);
    const tags: number[] = [];
    const values: number[] = [];
    const dense = new Float32Array(T);
    for (let r = 0; r < entries.length; r++) {
      const [name, pairs] = entries[r]!;
      rowOf.set(name, r);
      rowStart[r] = tags.length;
      dense.fill(0);
      for (let k = 0; k + 1 < pairs.length; k += 2) dense[pairs[k]!] = pairs[k + 1]! * file.scale;
      // Only non-zero weights: adding a zero never changes a score.
      for (let t = 0; t < T; t++) {
        if (dense[t] === 0) continue;
        tags.push(t);
        values.push(dense[t]!);
      }
    }
    rowStart[entries.length] = tags.length;
    return { rowOf, rowStart, tags: Uint8Array.from(tags), values: Float32Array.from(values), transitions: Float32Array.from(transitions, (w) => w * file.scale) };
  };
  const stage1 = table(file.weights, file.transitions);
  const stage2 = file.stage2 ? table(file.stage2.weights, file.stage2.transitions) : undefined;
  const lexicons: Record<string, PhraseLexicon> = {};
  for (const [name, lex] of Object.entries(file.lexicons)) lexicons[name] = lexiconFromEntries(lex.entries, lex.maxLen);
  const resources: FeatureResources = { lexicons, commonLower: new Set(file.commonLower) };
  const compiledLex = compileLexicons(resources);
  const stages = [stage1, ...(stage2 ? [stage2] : [])].map((t) => compileStage(t, compiledLex));
  return {
    stage1,
    ...(stage2 ? { stage2 } : {}),
    resources,
    scorer: new FeatureScorer(stages, compiledLex, resources),
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

/**
 * Tags tokenised sentences of one document; returns spans over each
 * sentence's tokens. With a second stage, the first pass's labels for the
 * same words elsewhere in the document become features of the second.
 */
export function tagTokenSentences(model: NerModel, sentences: readonly (readonly string[])[]): TagSpan[][] {
  const scorer = model.scorer;
  const doc = scorer.document(sentences);
  // Each sentence's scores are decoded at once: one reused buffer holds them (`reuse`).
  const first = sentences.map((_, si) => spansFromTags(viterbi(scorer.emissions(doc, si, 0, undefined, true), sentences[si]!.length, model.stage1.transitions)));
  const s2 = model.stage2;
  if (!s2) return first;
  const history = buildLabelHistory(sentences, first);
  return sentences.map((_, si) => spansFromTags(viterbi(scorer.emissions(doc, si, 1, history, true), sentences[si]!.length, s2.transitions)));
}

/**
 * A tagged chunk as the memo keeps it: each stage's spans as a string of three character codes a span (token
 * start, token end, type index), and the label-history facts the second stage saw. A one-stage model's
 * entry is the first stage's string alone (one object fewer an entry).
 */
export interface MemoChunk {
  first: string;
  history: string | null;
  second: string | null;
}
type MemoEntry = string | MemoChunk;

/**
 * Memo of tagged chunks, per thread. Why the key holds more than the chunk's tokens: the tagger is not a
 * function of one sentence. Its first stage asks two questions about the rest of the document for a
 * sentence's first word (and every capitalised word of an all-caps sentence): is it capitalised
 * mid-sentence elsewhere, is it seen in lower case elsewhere; its second stage reads the first stage's
 * majority label of each word across the document. So an entry is keyed by the model, the chunk's tokens
 * (as the tagger sees them, truecased) and the answers to those questions (`FeatureScorer.documentFacts`),
 * and holds the first stage's spans plus the second stage's spans for one set of label-history facts
 * (`historyFacts`); other facts tag the second stage afresh.
 */
export type NerChunkMemo = BoundedMemo<MemoEntry>;

/**
 * Bounds of the shipped memo (per thread): 120,000 chunks and 48 MiB by its own count (keys and spans at two
 * bytes a character, which over-counts Latin-1 text, plus 64 bytes an entry). On the dragnet pages a chunk is
 * charged about 310 bytes, so the entry bound binds first (about 37 MB charged); the heap grew by about 200
 * bytes a chunk when measured (docs/benchmarks/analysis.md). 120,000 chunks are about 2,400 dragnet articles.
 */
export const NER_MEMO_LIMITS: MemoLimits = { maxEntries: 120_000, maxBytes: 48 * 1024 * 1024 };

function memoChunkBytes(key: string, v: MemoEntry): number {
  if (typeof v === 'string') return ENTRY_OVERHEAD_BYTES + stringBytes(key) + stringBytes(v);
  return ENTRY_OVERHEAD_BYTES + 32 + stringBytes(key) + stringBytes(v.first) + (v.history === null ? 0 : stringBytes(v.history)) + (v.second === null ? 0 : stringBytes(v.second));
}

export function createNerChunkMemo(limits: MemoLimits = NER_MEMO_LIMITS): NerChunkMemo {
  return new BoundedMemo<MemoEntry>(limits, memoChunkBytes);
}

/** The memo `recognizeNamedSpansInTokens` uses unless told otherwise (one per thread: one per module instance). */
export const defaultNerChunkMemo: NerChunkMemo = createNerChunkMemo();

const modelIds = new WeakMap<NerModel, number>();
let nextModelId = 1;
/** A number per model object (the memo must never answer for another model). */
function modelId(model: NerModel): number {
  let id = modelIds.get(model);
  if (id === undefined) modelIds.set(model, (id = nextModelId++));
  return id;
}

/** Separates tokens in a memo key; a chunk with this character in a token is not memoised. */
const KEY_SEPARATOR = '\u0001';
const TYPE_CODES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/**
 * The memo key: model id, token count, document facts (no '|' in them), then the tokens, each after a
 * separator none of them contains, so two different token lists never share a key. Null when a token holds
 * the separator or the chunk is too long to encode its spans.
 */
function chunkKey(id: number, tokens: readonly string[], facts: string): string | null {
  const n = tokens.length;
  if (n > 0xffff) return null;
  // One join builds the whole key as a new flat string (no rope to flatten when it is hashed, and no slice
  // of the article's text kept alive by the memo).
  const parts = new Array<string>(n + 1);
  parts[0] = `${id}|${n}|${facts}|`;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.includes(KEY_SEPARATOR)) return null;
    parts[i + 1] = t;
  }
  return parts.join(KEY_SEPARATOR);
}

function encodeSpans(spans: readonly TagSpan[]): string {
  let out = '';
  for (const s of spans) out += String.fromCharCode(s.start, s.end, TYPE_CODES.indexOf(s.type));
  return out;
}

function decodeSpans(code: string): TagSpan[] {
  const out: TagSpan[] = [];
  for (let k = 0; k + 2 < code.length; k += 3) out.push({ start: code.charCodeAt(k), end: code.charCodeAt(k + 1), type: TYPE_CODES[code.charCodeAt(k + 2)]! });
  return out;
}

/**
 * `tagTokenSentences` with a memo: the same spans (the key holds every input the tagging of a chunk reads,
 * see NerChunkMemo), without scoring a chunk whose tokens and document facts were tagged before.
 */
export function tagTokenSentencesMemo(model: NerModel, sentences: readonly (readonly string[])[], memo: NerChunkMemo = defaultNerChunkMemo): TagSpan[][] {
  const scorer = model.scorer;
  const doc = scorer.document(sentences);
  const id = modelId(model);
  const keys = sentences.map((tokens, si) => chunkKey(id, tokens, scorer.documentFacts(doc, si)));
  const found = keys.map((k) => (k === null ? undefined : memo.get(k)));
  const first = sentences.map((tokens, si) => {
    const hit = found[si];
    if (hit !== undefined) return decodeSpans(typeof hit === 'string' ? hit : hit.first);
    return spansFromTags(viterbi(scorer.emissions(doc, si, 0, undefined, true), tokens.length, model.stage1.transitions));
  });
  const s2 = model.stage2;
  if (!s2) {
    keys.forEach((k, si) => {
      if (k !== null && found[si] === undefined) memo.set(k, encodeSpans(first[si]!));
    });
    return first;
  }
  const history = buildLabelHistory(sentences, first);
  return sentences.map((tokens, si) => {
    const hit = found[si];
    const facts = scorer.historyFacts(doc, si, history);
    if (hit !== undefined && typeof hit !== 'string' && facts !== null && hit.history === facts && hit.second !== null) return decodeSpans(hit.second);
    const spans = spansFromTags(viterbi(scorer.emissions(doc, si, 1, history, true), tokens.length, s2.transitions));
    const k = keys[si]!;
    if (k !== null && facts !== null) memo.set(k, { first: encodeSpans(first[si]!), history: facts, second: encodeSpans(spans) });
    return spans;
  });
}

/** Emission scores from feature strings, as training computes them. */
function referenceEmissions(table: WeightTable, feats: string[][]): Float32Array {
  const n = feats.length;
  const em = new Float32Array(n * NUM_TAGS);
  for (let i = 0; i < n; i++) {
    const base = i * NUM_TAGS;
    for (const f of feats[i]!) {
      const r = table.rowOf.get(f);
      if (r === undefined) continue;
      for (let k = table.rowStart[r]!; k < table.rowStart[r + 1]!; k++) em[base + table.tags[k]!]! += table.values[k]!;
    }
  }
  return em;
}

/**
 * The same tagging through the feature strings of `sentenceFeatures` (the
 * training path): slow, kept so tests can check the fast path against it.
 * Returns each stage's emission scores too.
 */
export function tagTokenSentencesReference(
  model: NerModel,
  sentences: readonly (readonly string[])[],
): { spans: TagSpan[][]; emissions: Float32Array[][] } {
  const doc = buildDocumentContext(sentences);
  const em1 = sentences.map((tokens) => referenceEmissions(model.stage1, sentenceFeatures(tokens, doc, model.resources)));
  const first = em1.map((em, si) => spansFromTags(viterbi(em, sentences[si]!.length, model.stage1.transitions)));
  const s2 = model.stage2;
  if (!s2) return { spans: first, emissions: [em1] };
  const doc2 = { ...doc, labelHistory: buildLabelHistory(sentences, first) };
  const em2 = sentences.map((tokens) => referenceEmissions(s2, sentenceFeatures(tokens, doc2, model.resources)));
  return { spans: em2.map((em, si) => spansFromTags(viterbi(em, sentences[si]!.length, s2.transitions))), emissions: [em1, em2] };
}

/** The fast path's emission scores per stage (for tests). */
export function tagEmissions(model: NerModel, sentences: readonly (readonly string[])[]): Float32Array[][] {
  const scorer = model.scorer;
  const doc = scorer.document(sentences);
  const em1 = sentences.map((_, si) => scorer.emissions(doc, si, 0));
  const s2 = model.stage2;
  if (!s2) return [em1];
  const first = em1.map((em, si) => spansFromTags(viterbi(em, sentences[si]!.length, model.stage1.transitions)));
  const history = buildLabelHistory(sentences, first);
  return [em1, sentences.map((_, si) => scorer.emissions(doc, si, 1, history))];
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
  return recognizeNamedSpansInTokens(
    text,
    sentences.map((s) => tokenize(text, s.start, s.end)),
    model,
  );
}

/** The same over sentences the caller has already tokenised (one token list per sentence). */
export function recognizeNamedSpansInTokens(
  text: string,
  sentenceTokens: readonly (readonly Token[])[],
  model: NerModel = defaultNerModel(),
  /** Tagged chunks remembered across calls (null: tag every chunk afresh); the spans are the same either way. */
  memo: NerChunkMemo | null = defaultNerChunkMemo,
): NamedSpan[] {
  const chunks: (readonly Token[])[] = [];
  for (const toks of sentenceTokens) {
    if (toks.length <= MAX_TOKENS_PER_CHUNK) chunks.push(toks);
    else for (let k = 0; k < toks.length; k += MAX_TOKENS_PER_CHUNK) chunks.push(toks.slice(k, k + MAX_TOKENS_PER_CHUNK));
  }
  const strings = chunks.map((c) => truecaseTitle(c.map((t) => normaliseToken(t.text)), model));
  const tagged = memo === null ? tagTokenSentences(model, strings) : tagTokenSentencesMemo(model, strings, memo);
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
  let words = 0;
  let capped = 0;
  for (const w of tokens) {
    if (!isLongWord(w)) continue;
    words++;
    if (startsUpperLower(w)) capped++;
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

/** `/^\p{Lu}\p{Ll}/u.test(w)`, ASCII answered without the regex. */
function startsUpperLower(w: string): boolean {
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  if (a < 128 && b < 128) return a >= 65 && a <= 90 && b >= 97 && b <= 122;
  return /^\p{Lu}\p{Ll}/u.test(w);
}

/** Four or more letters and nothing else (ASCII answered without a regex). */
function isLongWord(w: string): boolean {
  if (w.length < 4) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return /^\p{L}{4,}$/u.test(w);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

const TYPOGRAPHIC = /[’‘“”–—]/;

/** Typographic quotes and apostrophes as the (ASCII) training data writes them. */
function normaliseToken(t: string): string {
  if (!TYPOGRAPHIC.test(t)) return t;
  return t.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');
}
