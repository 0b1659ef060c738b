import { splitSentences } from '../enrich/sentences/sentence-splitter.js';
import { normalizeText } from '../dedup/text-normalizer.js';
import { contentTokens, wordRuns } from '../cluster/term-features.js';

/**
 * Passage-level reuse between two texts, sentence by sentence:
 * - verbatim: the same sentence after normalisation, or one sharing most of
 *   its word 4-gram shingles with a sentence of the other text (small edits);
 * - paraphrase: no shared wording run, but the same content words (stemmed,
 *   stop words dropped) in large part — what a rewrite keeps.
 */

export interface PreparedSentence {
  text: string;
  norm: string;
  shingles: Set<string>;
  content: Set<string>;
}

export interface Passage {
  kind: 'verbatim' | 'paraphrase';
  /** The sentence in the earlier (source) text. */
  sourceText: string;
  /** The sentence in the later (copy) text. */
  copyText: string;
  /** Shingle containment for verbatim, content-word overlap for paraphrase (0–1). */
  score: number;
}

export interface PassageOptions {
  /** Minimum share of a sentence's 4-gram shingles found in the other sentence to call it verbatim. */
  verbatimContainment: number;
  /** Minimum content-word Jaccard for a paraphrase. */
  paraphraseJaccard: number;
  /** Minimum shared content words for a paraphrase. */
  paraphraseShared: number;
  /** Sentences with fewer content words are ignored (datelines, captions, "Related Articles"). */
  minContentWords: number;
}

export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = {
  verbatimContainment: 0.6,
  paraphraseJaccard: 0.3,
  paraphraseShared: 5,
  minContentWords: 5,
};

/** The word tokens of a normalised text (what shingles are made of): its runs of letters, marks and digits. */
export function normWords(norm: string): string[] {
  return wordRuns(norm);
}

export function prepareSentences(text: string, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): PreparedSentence[] {
  const out: PreparedSentence[] = [];
  for (const s of splitSentences(text)) {
    const raw = text.slice(s.start, s.end);
    const content = new Set(contentTokens(raw));
    if (content.size < options.minContentWords) continue;
    const norm = normalizeText(raw);
    const w = normWords(norm);
    const shingles = new Set<string>();
    for (let i = 0; i + 4 <= w.length; i++) shingles.add(w.slice(i, i + 4).join(' '));
    out.push({ text: raw, norm, shingles, content });
  }
  return out;
}

function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / a.size;
}

function overlap(a: Set<string>, b: Set<string>): { shared: number; jaccard: number } {
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  const union = a.size + b.size - shared;
  return { shared, jaccard: union === 0 ? 0 : shared / union };
}

/**
 * For each sentence of the copy, its best match in the source, if any. Each
 * copy sentence yields at most one passage (the verbatim match wins).
 */
export function matchPassages(
  source: PreparedSentence[],
  copy: PreparedSentence[],
  options: PassageOptions = DEFAULT_PASSAGE_OPTIONS,
): Passage[] {
  const byNorm = new Map<string, PreparedSentence>();
  for (const s of source) byNorm.set(s.norm, s);
  // Shingle → source sentences, so verbatim candidates are found without a full scan.
  const shingleIndex = new Map<string, PreparedSentence[]>();
  for (const s of source) {
    for (const sh of s.shingles) {
      const list = shingleIndex.get(sh);
      if (list === undefined) shingleIndex.set(sh, [s]);
      else if (list.length < 50) list.push(s);
    }
  }
  const passages: Passage[] = [];
  for (const c of copy) {
    const same = byNorm.get(c.norm);
    if (same !== undefined) {
      passages.push({ kind: 'verbatim', sourceText: same.text, copyText: c.text, score: 1 });
      continue;
    }
    const cands = new Set<PreparedSentence>();
    for (const sh of c.shingles) for (const s of shingleIndex.get(sh) ?? []) cands.add(s);
    let bestV: { s: PreparedSentence; score: number } | null = null;
    for (const s of cands) {
      const score = Math.max(containment(c.shingles, s.shingles), containment(s.shingles, c.shingles));
      if (bestV === null || score > bestV.score) bestV = { s, score };
    }
    if (bestV !== null && bestV.score >= options.verbatimContainment) {
      passages.push({ kind: 'verbatim', sourceText: bestV.s.text, copyText: c.text, score: bestV.score });
      continue;
    }
    let bestP: { s: PreparedSentence; jaccard: number; shared: number } | null = null;
    for (const s of source) {
      const o = overlap(c.content, s.content);
      if (bestP === null || o.jaccard > bestP.jaccard) bestP = { s, ...o };
    }
    if (bestP !== null && bestP.jaccard >= options.paraphraseJaccard && bestP.shared >= options.paraphraseShared) {
      passages.push({ kind: 'paraphrase', sourceText: bestP.s.text, copyText: c.text, score: bestP.jaccard });
    }
  }
  return passages;
}

/**
 * Document-level reuse of content: the share of `copy`'s distinct content
 * words (stemmed, stop words dropped) that also occur in `source`. A rewrite
 * keeps the facts (names, places, numbers, key nouns) while changing the
 * wording, so this stays high where sentence alignment finds little.
 */
export function contentContainment(copy: Set<string>, source: Set<string>): { shared: number; share: number } {
  let shared = 0;
  for (const w of copy) if (source.has(w)) shared++;
  return { shared, share: copy.size === 0 ? 0 : shared / copy.size };
}
