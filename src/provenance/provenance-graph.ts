import {
  matchPassages,
  prepareSentences,
  type PreparedSentence,
} from './passage-matcher.js';
import { normalizeText } from '../dedup/text-normalizer.js';
import {
  DEFAULT_PROVENANCE_OPTIONS,
  graphOf,
  pairEdge,
  sideOf,
  type EdgeDraft,
  type ProvenanceInput,
  type ProvenanceOptions,
  type ProvenanceResult,
  type Side,
  type TextOps,
} from './pair-rules.js';
import { ProvenanceMemo, buildWithMemo } from './provenance-memo.js';

/**
 * A directed provenance graph over a set of articles (typically one event):
 * which article is the earlier source of shared passages, which later ones
 * copy them verbatim (near-copy), carry them as credited wire copy, or
 * paraphrase them without credit (rewrite). Every edge and every article
 * classification carries its evidence in words: dates, passages, credits.
 *
 * The rules, in the order they are applied:
 * - Direction of a pair: a piece crediting the other's outlet as its agency
 *   is the later one; otherwise the earlier publication day (then time, when
 *   both carry one); an undated piece is never the source of a dated one.
 *   Same day or both undated: the credited piece, then the one quoting more,
 *   then the longer version of the shared sentences (copies get trimmed).
 * - Near-copy: most of the copy's sentences found verbatim in the source.
 *   Two outlets carrying the same agency's text, neither being the agency,
 *   are both wire copies and not copies of each other (a `wire` edge).
 * - Wire: a piece with a dateline credit (its own agency's report, or an
 *   outlet carrying it) that copies no input.
 * - Rewrite: an uncredited piece with no direct quote of its own (none that
 *   the source does not already carry), little verbatim text and a large
 *   content-word overlap with one earlier article; the source named is
 *   the original of a near-copy family, not one of its copies. With no such
 *   source among the inputs, a quote-less uncredited report of statements is
 *   an unattributed paraphrase.
 */

export { DEFAULT_PROVENANCE_OPTIONS, countDirectQuotes, rewriteSignals } from './pair-rules.js';
export type {
  ArticleProvenance,
  ProvenanceClass,
  ProvenanceEdge,
  ProvenanceInput,
  ProvenanceKind,
  ProvenanceOptions,
  ProvenanceResult,
  RewriteSignals,
} from './pair-rules.js';
export { ProvenanceMemo };

/** An article prepared in the string form: sets of shingles and content words (the reference form). */
interface Prepared extends Side {
  sentences: PreparedSentence[];
  words: Set<string>;
  /** Normalised text, to look quotes up in. */
  norm: string;
}

function prepare(a: ProvenanceInput, order: number, o: ProvenanceOptions): Prepared {
  const sentences = prepareSentences(a.text, o.passages);
  const words = new Set<string>();
  for (const s of sentences) for (const w of s.content) words.add(w);
  return { ...sideOf(a, order, sentences.length, words.size), sentences, words, norm: normalizeText(a.text) };
}

function sharedCount(a: Set<string>, b: Set<string>, enough: number): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x) && ++n >= enough) break;
  return n;
}

function stringOps(o: ProvenanceOptions): TextOps<Prepared> {
  return {
    sharedWords: (a, b, enough) => sharedCount(a.words, b.words, enough),
    passages: (source, copy) => matchPassages(source.sentences, copy.sentences, o.passages),
    norm: (p) => p.norm,
  };
}

/**
 * Builds the provenance graph of a set of articles (all pairs: meant for one event or a small set). With a
 * `memo`, its options are used and work done for earlier calls is reused (same result).
 */
export function buildProvenance(articles: ProvenanceInput[], options: Partial<ProvenanceOptions> = {}, memo?: ProvenanceMemo): ProvenanceResult {
  if (memo !== undefined) return buildWithMemo(articles, memo);
  const o: ProvenanceOptions = { ...DEFAULT_PROVENANCE_OPTIONS, ...options };
  const ops = stringOps(o);
  const prepared = articles.map((a, order) => prepare(a, order, o));
  const drafts: EdgeDraft[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const edge = pairEdge(prepared[i]!, prepared[j]!, o, ops);
      if (edge !== null) drafts.push(edge);
    }
  }
  return graphOf(prepared, drafts);
}
