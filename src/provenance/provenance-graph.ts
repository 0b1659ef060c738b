import { DEFAULT_PASSAGE_OPTIONS, matchPassages, prepareSentences, type Passage, type PassageOptions, type PreparedSentence } from './passage-matcher.js';
import { parseTime } from '../cluster/event-clusterer.js';

/**
 * A directed provenance graph over a set of articles (typically one event):
 * which article is the earlier source of shared passages, which later ones
 * copy them verbatim (near-copy), carry them as credited wire copy, or
 * paraphrase them without credit (rewrite). Every edge and every article
 * classification carries its evidence in words: dates, passages, credits.
 */

export interface ProvenanceInput {
  id: string;
  publishedAt: string | null;
  outlet: string | null;
  text: string;
  /** The extractor found a wire credit (dateline agency that is not the outlet). */
  wire?: boolean;
  /** The agency credited in the dateline, e.g. `TASS`. */
  agency?: string | null;
  /** Direct quotes found by the quotes engine; counted from quotation marks when absent. */
  directQuotes?: number;
}

export type ProvenanceKind = 'wire' | 'near-copy' | 'rewrite';

export interface ProvenanceEdge {
  /** The source: the earlier article. */
  from: string;
  /** The copy. */
  to: string;
  kind: ProvenanceKind;
  evidence: string;
  /** Share of the copy's sentences reused (verbatim or paraphrased), 0–1. */
  score: number;
  passages: Passage[];
}

export type ProvenanceClass = 'original' | 'wire' | 'near-copy' | 'rewrite';

export interface RewriteSignals {
  directQuotes: number;
  reportingVerbs: number;
  /** Sentences talking about "the statement", "the remarks", "the narrative": a rewriter's voice. */
  metaDiscourse: number;
  credited: boolean;
}

export interface ArticleProvenance {
  id: string;
  classification: ProvenanceClass;
  /** The closest source among the inputs, or null. */
  source: string | null;
  /** A rewrite whose source is not among the inputs. */
  unattributedParaphrase: boolean;
  signals: RewriteSignals;
  explanation: string;
}

export interface ProvenanceResult {
  edges: ProvenanceEdge[];
  articles: ArticleProvenance[];
}

export interface ProvenanceOptions {
  passages: PassageOptions;
  /** Share of the copy's sentences found verbatim in the source to call it a near-copy. */
  nearCopyShare: number;
  /** Share of the copy's sentences reused (mostly paraphrased) to call it a rewrite. */
  rewriteShare: number;
  /** Minimum reused sentences for any edge. */
  minPassages: number;
}

export const DEFAULT_PROVENANCE_OPTIONS: ProvenanceOptions = {
  passages: DEFAULT_PASSAGE_OPTIONS,
  nearCopyShare: 0.5,
  rewriteShare: 0.25,
  minPassages: 2,
};

// Quoted spans of 3+ words in straight, curly or single curly quotes; bounded lengths, no nesting.
const QUOTE_RES = [/“[^”\n]{12,600}”/g, /"[^"\n]{12,600}"/g, /‘[^’\n]{12,600}’/g, /«[^»\n]{12,600}»/g];
const REPORTING_RE =
  /\b(?:said|says|stressed|emphasi[sz]ed|underscored|noted|argued|urged|indicated|conveyed|commented|highlighted|reiterated|warned|claimed|denied|stated|asserted|suggested|pointed out|called on)\b/gi;
const META_RE = /\b[Tt]he (?:statements?|remarks?|narrative|analysis|assessments?|comments?|appeal|emphasis|message|call|communication)\b/g;

export function countDirectQuotes(text: string): number {
  let n = 0;
  for (const re of QUOTE_RES) n += (text.match(re) ?? []).length;
  return n;
}

function mentions(text: string, name: string | null | undefined): boolean {
  if (name === null || name === undefined || name.trim().length < 2) return false;
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}])${escaped}(?:$|[^\\p{L}])`, 'u').test(text);
}

export function rewriteSignals(a: ProvenanceInput): RewriteSignals {
  return {
    directQuotes: a.directQuotes ?? countDirectQuotes(a.text),
    reportingVerbs: (a.text.match(REPORTING_RE) ?? []).length,
    metaDiscourse: (a.text.match(META_RE) ?? []).length,
    credited: a.wire === true || (a.agency !== null && a.agency !== undefined),
  };
}

interface Prepared {
  a: ProvenanceInput;
  t: number | null;
  sentences: PreparedSentence[];
  words: Set<string>;
  signals: RewriteSignals;
  order: number;
}

/** Which of two articles is the source: the earlier one; when dates do not tell, the wire, then the one quoting more. */
function orderPair(x: Prepared, y: Prepared): { source: Prepared; copy: Prepared; basis: string } {
  const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
  if (x.t !== null && y.t !== null && x.t !== y.t) {
    const [s, c] = x.t < y.t ? [x, y] : [y, x];
    return { source: s, copy: c, basis: `${s.a.id} is dated ${day(s.t!)}, before ${c.a.id} (${day(c.t!)})` };
  }
  const why = x.t !== null && y.t !== null ? 'same date' : 'a date is unknown';
  if ((x.a.wire === true) !== (y.a.wire === true)) {
    const [s, c] = x.a.wire === true ? [x, y] : [y, x];
    return { source: s, copy: c, basis: `${why}; ${s.a.id} is the wire report` };
  }
  if (x.signals.directQuotes !== y.signals.directQuotes) {
    const [s, c] = x.signals.directQuotes > y.signals.directQuotes ? [x, y] : [y, x];
    return { source: s, copy: c, basis: `${why}; ${s.a.id} carries more direct quotes (order uncertain)` };
  }
  const [s, c] = x.order <= y.order ? [x, y] : [y, x];
  return { source: s, copy: c, basis: `${why}; order uncertain, input order used` };
}

function describePassages(passages: Passage[]): string {
  const v = passages.filter((p) => p.kind === 'verbatim').length;
  const p = passages.length - v;
  const first = passages[0];
  const sample = first === undefined ? '' : `; e.g. “${first.copyText.slice(0, 120)}${first.copyText.length > 120 ? '…' : ''}”`;
  return `${v} verbatim and ${p} paraphrased sentence(s)${sample}`;
}

function decideEdge(source: Prepared, copy: Prepared, basis: string, o: ProvenanceOptions): ProvenanceEdge | null {
  const passages = matchPassages(source.sentences, copy.sentences, o.passages);
  if (passages.length < o.minPassages || copy.sentences.length === 0) return null;
  const n = copy.sentences.length;
  const verbatim = passages.filter((p) => p.kind === 'verbatim').length;
  const para = passages.length - verbatim;
  const reused = passages.length / n;
  const creditsSource =
    mentions(copy.a.text, source.a.outlet) ||
    (copy.a.agency !== null && copy.a.agency !== undefined && copy.a.agency === source.a.outlet);
  const credit = creditsSource ? `credits ${source.a.outlet}` : copy.signals.credited ? `credits ${copy.a.agency ?? 'a wire agency'}` : 'no credit';
  const evidence = `${basis}; ${describePassages(passages)} of ${n}; ${credit}`;
  if ((copy.a.wire === true || creditsSource) && verbatim >= o.minPassages && (source.a.wire === true || creditsSource)) {
    return { from: source.a.id, to: copy.a.id, kind: 'wire', evidence, score: reused, passages };
  }
  if (verbatim / n >= o.nearCopyShare) {
    return { from: source.a.id, to: copy.a.id, kind: 'near-copy', evidence, score: reused, passages };
  }
  if (reused >= o.rewriteShare && para >= verbatim && !creditsSource) {
    return { from: source.a.id, to: copy.a.id, kind: 'rewrite', evidence, score: reused, passages };
  }
  return null;
}

/** Builds the provenance graph of a set of articles (all pairs: meant for one event or a small set). */
export function buildProvenance(
  articles: ProvenanceInput[],
  options: Partial<ProvenanceOptions> = {},
): ProvenanceResult {
  const o: ProvenanceOptions = { ...DEFAULT_PROVENANCE_OPTIONS, ...options };
  const prepared: Prepared[] = articles.map((a, order) => ({
    a,
    t: parseTime(a.publishedAt),
    sentences: prepareSentences(a.text, o.passages),
    words: new Set<string>(),
    signals: rewriteSignals(a),
    order,
  }));
  for (const p of prepared) for (const s of p.sentences) for (const w of s.content) p.words.add(w);
  const edges: ProvenanceEdge[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      // Cheap pre-check: two texts sharing few content words cannot share passages.
      if (sharedCount(prepared[i]!.words, prepared[j]!.words, o.passages.paraphraseShared * o.minPassages) < o.passages.paraphraseShared * o.minPassages) continue;
      const { source, copy, basis } = orderPair(prepared[i]!, prepared[j]!);
      const edge = decideEdge(source, copy, basis, o);
      if (edge !== null) edges.push(edge);
    }
  }
  const results = prepared.map((p) => classify(p, edges));
  return { edges, articles: results };
}

function sharedCount(a: Set<string>, b: Set<string>, enough: number): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x) && ++n >= enough) break;
  return n;
}

function classify(p: Prepared, edges: ProvenanceEdge[]): ArticleProvenance {
  const incoming = edges.filter((e) => e.to === p.a.id).sort((x, y) => y.score - x.score);
  const best = incoming[0];
  const s = p.signals;
  const base = { id: p.a.id, signals: s };
  if (best !== undefined) {
    return {
      ...base,
      classification: best.kind,
      source: best.from,
      unattributedParaphrase: false,
      explanation: `${best.kind} of ${best.from}: ${best.evidence}`,
    };
  }
  if (p.a.wire === true) {
    return {
      ...base,
      classification: 'wire',
      source: null,
      unattributedParaphrase: false,
      explanation: `wire copy credited to ${p.a.agency ?? 'an agency'}; the agency's original is not among the inputs`,
    };
  }
  // A report of someone's statements with no quote, no credit and a commentator's voice: a rewrite of a source we do not have.
  if (s.directQuotes === 0 && !s.credited && s.reportingVerbs >= 3 && p.sentences.length >= 5) {
    return {
      ...base,
      classification: 'rewrite',
      source: null,
      unattributedParaphrase: true,
      explanation:
        `unattributed paraphrase: reports statements (${s.reportingVerbs} reporting verbs) without a single direct quote, ` +
        `credit or dateline${s.metaDiscourse > 0 ? `, and talks about them in a commentator's voice (${s.metaDiscourse} × “the statement/remarks/narrative…”)` : ''}; ` +
        'no source among the inputs shares its passages',
    };
  }
  return {
    ...base,
    classification: 'original',
    source: null,
    unattributedParaphrase: false,
    explanation:
      incoming.length === 0
        ? `original: no earlier input shares its passages; ${s.directQuotes} direct quote(s)${s.credited ? ', credited' : ''}`
        : 'original',
  };
}
