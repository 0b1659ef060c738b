/**
 * The provenance rules shared by every way of preparing texts: what a pair of articles decides (direction, edge
 * kind, evidence) and how articles are classified from the edges. See provenance-graph.ts for the rules in words.
 */
import { normalizeText } from '../dedup/text-normalizer.js';
import { DEFAULT_PASSAGE_OPTIONS, type Passage, type PassageOptions } from './passage-matcher.js';

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
  /**
   * Strength, 0–1: for near-copies and wire siblings the share of the copy's
   * sentences found verbatim in the source; for rewrites the content-word
   * overlap (Dice) of the two.
   */
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
  /** Content-word overlap (Dice) with the source to call an uncredited, quote-less piece its rewrite. */
  rewriteShare: number;
  /** A rewrite has at least this many sentences (a two-line brief is too little evidence). */
  rewriteMinSentences: number;
  /** Minimum content words shared with the source for a rewrite. */
  rewriteMinShared: number;
  /** Minimum verbatim sentences for a near-copy or wire edge. */
  minPassages: number;
}

export const DEFAULT_PROVENANCE_OPTIONS: ProvenanceOptions = {
  passages: DEFAULT_PASSAGE_OPTIONS,
  nearCopyShare: 0.5,
  rewriteShare: 0.3,
  rewriteMinShared: 10,
  rewriteMinSentences: 3,
  minPassages: 2,
};

// Quoted spans in straight, curly, single curly or guillemet quotes; bounded lengths, no nesting. An opening
// curly quote or guillemet left open at the end of its line, or a straight quote opening a paragraph and left
// open, counts too (a quote running over several paragraphs closes only in the last one).
const QUOTE_RES = [
  /“[^”\n]{12,600}(?:”|(?=\n)|$)/g,
  /"[^"\n]{12,600}"/g,
  /(?:^|(?<=\n))"[^"\n]{12,600}(?=\n|$)/g,
  /‘[^’\n]{12,600}’/g,
  /«[^»\n]{12,600}(?:»|(?=\n)|$)/g,
];
const QUOTE_MARKS_RE = /^[“"‘«]|[”"’»]$/g;
const REPORTING_RE =
  /\b(?:said|says|stressed|emphasi[sz]ed|underscored|noted|argued|urged|indicated|conveyed|commented|highlighted|reiterated|warned|claimed|denied|stated|asserted|suggested|pointed out|called on)\b/gi;
const META_RE = /\b[Tt]he (?:statements?|remarks?|narrative|analysis|assessments?|comments?|appeal|emphasis|message|call|communication)\b/g;
// A publication day, optionally followed by a time and a zone.
const DATE_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?/;

function quotedSpans(text: string): string[] {
  const out: string[] = [];
  for (const re of QUOTE_RES) for (const m of text.match(re) ?? []) out.push(m);
  return out;
}

export function countDirectQuotes(text: string): number {
  return quotedSpans(text).length;
}

export function rewriteSignals(a: ProvenanceInput): RewriteSignals {
  return {
    directQuotes: a.directQuotes ?? countDirectQuotes(a.text),
    reportingVerbs: (a.text.match(REPORTING_RE) ?? []).length,
    metaDiscourse: (a.text.match(META_RE) ?? []).length,
    credited: a.wire === true || nonEmpty(a.agency) !== null,
  };
}

function nonEmpty(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t === undefined || t.length === 0 ? null : t;
}

function sameName(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && normalizeText(a) === normalizeText(b);
}


/** What the classification of an article reads (small: kept for many articles by a memo). */
export interface Summary {
  a: { id: string };
  /** Publication day as written (YYYY-MM-DD), or null. */
  day: string | null;
  signals: RewriteSignals;
  /** The credited agency: the dateline agency, or "a wire agency" for a wire flag without a name. */
  agency: string | null;
  /** The agency's own report: the credited agency is its outlet. */
  ownAgency: boolean;
  /** Sentences kept for passage matching. */
  nSentences: number;
  /** Position in the input (only the relative order of two articles matters). */
  order: number;
}

/** What the pair rules read of an article, whatever form its text is prepared in. */
export interface Side extends Summary {
  a: ProvenanceInput;
  /** Instant, only when the date carries a time of day (no zone read as UTC). */
  instant: number | null;
  outlet: string | null;
  /** Distinct content words of its kept sentences. */
  nWords: number;
}

/** An article's dates, credits and signals (what does not depend on how its text is prepared). */
export function sideOf(a: ProvenanceInput, order: number, nSentences: number, nWords: number): Side {
  const m = a.publishedAt === null ? null : DATE_RE.exec(a.publishedAt);
  let instant: number | null = null;
  if (m !== null && m[2] !== undefined) {
    const t = Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
    instant = Number.isFinite(t) ? t : null;
  }
  const outlet = nonEmpty(a.outlet);
  const agency = nonEmpty(a.agency) ?? (a.wire === true ? 'a wire agency' : null);
  return {
    a,
    day: m === null ? null : m[1]!,
    instant,
    nSentences,
    nWords,
    signals: rewriteSignals(a),
    outlet,
    agency,
    ownAgency: agency !== null && sameName(agency, outlet),
    order,
  };
}

/**
 * How the pair rules read two prepared texts: the string form (sets of shingles and words) or the memo's
 * compact one. Both must give the same numbers and passages.
 */
export interface TextOps<P extends Side> {
  /** Distinct content words the two share, counted up to `enough`. */
  sharedWords(a: P, b: P, enough: number): number;
  /** `copy`'s sentences matched against `source`'s. */
  passages(source: P, copy: P): Passage[];
  /** The normalised text (to look quotes up in). */
  norm(p: P): string;
  /** `quotedInners(p)`, when the caller remembers them per article (the rules read them for each pair). */
  quotes?(p: P): readonly string[];
  /**
   * What the rules read of `passages(source, copy)`, when the caller can tell it without making every passage
   * (see `Matched`); `matchedOf(passages(source, copy))` otherwise.
   */
  match?(source: P, copy: P): Matched;
}

/**
 * A copy's sentences matched against a source, as the rules read them: the direction and whether there is an edge
 * read only the verbatim passages (how many, and their words); the passages themselves (paraphrases included) are
 * read only for an edge's evidence.
 */
export interface Matched {
  /** Verbatim passages. */
  verbatim: number;
  /** `wordCount` of the verbatim passages' source and copy sentences, summed on each side. */
  verbatimWords(): { source: number; copy: number };
  /** Every passage, as `TextOps.passages` gives them. */
  all(): Passage[];
}

/** What the rules read of a list of passages. */
export function matchedOf(passages: Passage[]): Matched {
  let verbatim = 0;
  for (const p of passages) if (p.kind === 'verbatim') verbatim++;
  return {
    verbatim,
    verbatimWords: () => {
      let source = 0;
      let copy = 0;
      for (const p of passages) {
        if (p.kind !== 'verbatim') continue;
        source += wordCount(p.sourceText);
        copy += wordCount(p.copyText);
      }
      return { source, copy };
    },
    all: () => passages,
  };
}

/** y names x's outlet as the agency it carries (and is not itself that outlet). */
function credits(y: Side, x: Side): boolean {
  return y.agency !== null && sameName(y.agency, x.outlet) && !sameName(y.outlet, x.outlet);
}

/** Whether a UTF-16 code unit is white space as `\s` reads it (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Words separated by white space: `s.split(/\s+/)` without empty parts, counted without making the parts. */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = isSpace(s.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function fmtDate(p: Side): string {
  return p.instant !== null ? new Date(p.instant).toISOString().slice(0, 16).replace('T', ' ') : (p.day ?? 'undated');
}

/**
 * Which of two articles is the source. `forward` is y's sentences matched
 * against x's (x as source) and `backward()` the other way round, used only to
 * tell a trimmed version when nothing else does. `either`: the rule that decided
 * gives the same source and basis with y first (credits, dates, the wire credit,
 * direct quotes: each reads both articles alike); the trimmed-version rules and
 * the last tie-break may not.
 */
function orderPair<P extends Side>(
  x: P,
  y: P,
  forward: Matched,
  backward: () => Matched,
): { source: P; copy: P; basis: string; either: boolean } {
  let either = true;
  const pick = (s: P, basis: string) => ({ source: s, copy: s === x ? y : x, basis, either });
  const cx = credits(x, y);
  const cy = credits(y, x);
  if (cx !== cy) {
    const [s, c] = cy ? [x, y] : [y, x];
    return pick(s, `${c.a.id} credits ${s.outlet}, the outlet of ${s.a.id}`);
  }
  if (x.day !== null && y.day !== null) {
    if (x.day !== y.day) {
      const s = x.day < y.day ? x : y;
      const c = s === x ? y : x;
      return pick(s, `${s.a.id} is dated ${s.day}, before ${c.a.id} (${c.day})`);
    }
    if (x.instant !== null && y.instant !== null && x.instant !== y.instant) {
      const s = x.instant < y.instant ? x : y;
      const c = s === x ? y : x;
      return pick(s, `${s.a.id} is dated ${fmtDate(s)}, before ${c.a.id} (${fmtDate(c)})`);
    }
  } else if (x.day !== null || y.day !== null) {
    const s = x.day !== null ? x : y;
    const c = s === x ? y : x;
    return pick(s, `${c.a.id} is undated and cannot be shown to precede ${s.a.id} (dated ${s.day})`);
  }
  const why = x.day !== null ? `both dated ${x.day}` : 'both undated';
  if ((x.agency !== null) !== (y.agency !== null)) {
    const s = x.agency !== null ? x : y;
    return pick(s, `${why}; ${s.a.id} carries the wire credit (${s.agency})`);
  }
  if (x.signals.directQuotes !== y.signals.directQuotes) {
    const s = x.signals.directQuotes > y.signals.directQuotes ? x : y;
    return pick(s, `${why}; ${s.a.id} carries more direct quotes (${s.signals.directQuotes} vs ${(s === x ? y : x).signals.directQuotes})`);
  }
  // A trimmed version: more of its sentences are found verbatim in the other than the other way round
  // (an editor drops sentences), or, sentence for sentence, its shared sentences are shorter (words cut).
  // Whether these are read at all depends on which article comes first (x's sentences found in y's or not).
  either = false;
  const vx = forward.verbatim;
  if (vx > 0) {
    const vy = backward().verbatim;
    const covY = y.nSentences === 0 ? 0 : vx / y.nSentences;
    const covX = x.nSentences === 0 ? 0 : vy / x.nSentences;
    if (Math.abs(covX - covY) >= 0.05) {
      const s = covY > covX ? x : y;
      const c = s === x ? y : x;
      const [kc, nc, ks, ns] = s === x ? [vx, y.nSentences, vy, x.nSentences] : [vy, x.nSentences, vx, y.nSentences];
      return pick(s, `${why}; ${c.a.id} reads as a trimmed version of ${s.a.id} (${kc} of its ${nc} sentences are in ${s.a.id}, ${ks} of ${ns} the other way)`);
    }
    const { source: wx, copy: wy } = forward.verbatimWords();
    if (Math.abs(wx - wy) >= 2) {
      const s = wx > wy ? x : y;
      const c = s === x ? y : x;
      return pick(s, `${why}; ${c.a.id} reads as a trimmed version of ${s.a.id} (${Math.min(wx, wy)} vs ${Math.max(wx, wy)} words in the shared sentences)`);
    }
  }
  const s = x.order <= y.order ? x : y;
  return pick(s, `${why}; order uncertain, input order used`);
}

function describePassages(passages: Passage[], n: number): string {
  const v = passages.filter((p) => p.kind === 'verbatim').length;
  const p = passages.length - v;
  const first = passages.find((x) => x.kind === 'verbatim') ?? passages[0];
  const sample = first === undefined ? '' : `; e.g. “${first.copyText.slice(0, 120)}${first.copyText.length > 120 ? '…' : ''}”`;
  return `${v} verbatim and ${p} paraphrased of its ${n} sentence(s)${sample}`;
}

/** Direct quotes of the copy that the source does not carry (quotes taken over from the source do not make a report independent). */
function ownQuotes<P extends Side>(copy: P, source: P, ops: TextOps<P>): number {
  if (copy.signals.directQuotes === 0) return 0;
  const inners = ops.quotes?.(copy) ?? quotedInners(copy);
  if (inners.length === 0) return copy.signals.directQuotes;
  let own = 0;
  const norm = ops.norm(source);
  for (const inner of inners) if (!norm.includes(inner)) own++;
  return own;
}

/** The article's quoted spans, their quotation marks dropped, normalised (as the normalised texts read). */
export function quotedInners(p: Side): string[] {
  return quotedSpans(p.a.text).map((q) => normalizeText(q.replace(QUOTE_MARKS_RE, '')));
}

export interface EdgeDraft extends ProvenanceEdge {
  /** A wire edge between two carriers of the same agency: no copy relation. */
  siblings: boolean;
}

function decideEdge<P extends Side>(source: P, copy: P, basis: string, matched: Matched, o: ProvenanceOptions, ops: TextOps<P>): EdgeDraft | null {
  const n = copy.nSentences;
  if (n === 0) return null;
  const verbatim = matched.verbatim;
  const credit = copy.agency !== null ? `credits ${copy.agency}` : 'no credit';
  if (verbatim >= o.minPassages && verbatim / n >= o.nearCopyShare) {
    const share = verbatim / n;
    const passages = matched.all();
    const base = { from: source.a.id, to: copy.a.id, passages };
    if (
      copy.agency !== null &&
      sameName(copy.agency, source.agency) &&
      !copy.ownAgency &&
      !source.ownAgency &&
      !sameName(copy.outlet, source.outlet)
    ) {
      const evidence = `both carry ${copy.agency}'s wire text and neither is ${copy.agency}'s own report, so neither copies the other; ${describePassages(passages, n)}`;
      return { ...base, kind: 'wire', evidence, score: share, siblings: true };
    }
    const evidence = `${basis}; ${describePassages(passages, n)}; ${credit}`;
    return { ...base, kind: 'near-copy', evidence, score: share, siblings: false };
  }
  if (copy.agency !== null) return null;
  const own = ownQuotes(copy, source, ops);
  if (own > 0) return null;
  const shared = ops.sharedWords(copy, source, Infinity);
  const share = copy.nWords === 0 ? 0 : shared / copy.nWords;
  // Dice over content words: a padded rewrite of a short source keeps most of the source's words while its own
  // share in the source drops; two pieces of very different size sharing stock phrases stay low.
  const dice = (2 * shared) / (copy.nWords + source.nWords);
  if (dice < o.rewriteShare || shared < o.rewriteMinShared || n < o.rewriteMinSentences) return null;
  const passages = matched.all();
  const quotes = copy.signals.directQuotes === 0 ? 'no direct quote' : 'no direct quote the source does not carry';
  const evidence =
    `${basis}; content-word overlap ${dice.toFixed(2)} (Dice): ${shared} shared, ${Math.round(share * 100)}% of its content words, ` +
    `${Math.round((shared / Math.max(1, source.nWords)) * 100)}% of ${source.a.id}'s; ` +
    `${describePassages(passages, n)}; ${quotes}; no credit`;
  return { from: source.a.id, to: copy.a.id, passages, kind: 'rewrite', evidence, score: dice, siblings: false };
}

/** Content words two texts must share before their passages are matched (fewer cannot make an edge). */
export function enoughShared(o: ProvenanceOptions): number {
  return Math.min(o.rewriteMinShared, o.passages.paraphraseShared * o.minPassages);
}

/** One pair's edge (x before y in the input), or null. */
export function pairEdge<P extends Side>(x: P, y: P, o: ProvenanceOptions, ops: TextOps<P>): EdgeDraft | null {
  return pairDecision(x, y, o, ops).edge;
}

/**
 * One pair's edge (x before y in the input), or null, and whether it is the same with y first (`either`): when
 * the texts share too few words, or when the source was told by a rule that reads both articles alike. The edge
 * depends on nothing else of the order: given its source, it reads the two articles and the passages of the
 * copy matched against the source only.
 */
export function pairDecision<P extends Side>(x: P, y: P, o: ProvenanceOptions, ops: TextOps<P>): { edge: EdgeDraft | null; either: boolean } {
  // Cheap pre-check: two texts sharing few content words cannot share passages (the count is the same both ways).
  const enough = enoughShared(o);
  if (ops.sharedWords(x, y, enough) < enough) return { edge: null, either: true };
  const match = (source: P, copy: P): Matched => (ops.match !== undefined ? ops.match(source, copy) : matchedOf(ops.passages(source, copy)));
  const forward = match(x, y);
  let back: Matched | null = null;
  const backward = (): Matched => (back ??= match(y, x));
  const { source, copy, basis, either } = orderPair(x, y, forward, backward);
  return { edge: decideEdge(source, copy, basis, source === x ? forward : backward(), o, ops), either };
}

/**
 * Builds the provenance graph of a set of articles (all pairs: meant for one event or a small set). With a
 * `memo`, its options are used and work done for earlier calls is reused (same result).

/** Classifies every article from the pairs' edges (`drafts` in pair order: i before j, by i then j). */
export function graphOf(prepared: Summary[], drafts: EdgeDraft[]): ProvenanceResult {
  const byId = new Map(prepared.map((p) => [p.a.id, p]));
  // Each article's edges (in `drafts` order): into it, and into or out of it.
  const into = new Map<string, EdgeDraft[]>();
  const touching = new Map<string, EdgeDraft[]>();
  const add = (m: Map<string, EdgeDraft[]>, id: string, e: EdgeDraft): void => {
    const list = m.get(id);
    if (list === undefined) m.set(id, [e]);
    else list.push(e);
  };
  for (const e of drafts) {
    add(into, e.to, e);
    add(touching, e.to, e);
    if (e.from !== e.to) add(touching, e.from, e);
  }
  const edgesOf = { into: (id: string) => into.get(id) ?? [], touching: (id: string) => touching.get(id) ?? [] };
  // Near-copy families first: a rewrite names the original of the family it paraphrases.
  const nearCopyOf = new Map<string, EdgeDraft>();
  for (const p of prepared) {
    const best = bestEdge(edgesOf.into(p.a.id).filter((e) => e.kind === 'near-copy'), byId);
    if (best !== undefined) nearCopyOf.set(p.a.id, best);
  }
  const root = (id: string): string => {
    const seen = new Set<string>([id]);
    let cur = id;
    for (let e = nearCopyOf.get(cur); e !== undefined && !seen.has(e.from); e = nearCopyOf.get(cur)) {
      cur = e.from;
      seen.add(cur);
    }
    return cur;
  };
  const results = prepared.map((p) => classify(p, edgesOf, nearCopyOf, root, byId));
  return { edges: drafts.map(({ siblings: _s, ...e }) => e), articles: results };
}

/** Strongest edge first; on a tie, the earlier-dated source, then input order. */
function edgeOrder(byId: Map<string, Summary>): (a: EdgeDraft, b: EdgeDraft) => number {
  return (a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    const pa = byId.get(a.from)!;
    const pb = byId.get(b.from)!;
    const da = pa.day ?? '9999';
    const db = pb.day ?? '9999';
    if (da !== db) return da < db ? -1 : 1;
    return pa.order - pb.order;
  };
}

function bestEdge(edges: EdgeDraft[], byId: Map<string, Summary>): EdgeDraft | undefined {
  return [...edges].sort(edgeOrder(byId))[0];
}

/** An article's edges, each list in the order of all the edges. */
interface EdgesOf {
  into(id: string): EdgeDraft[];
  touching(id: string): EdgeDraft[];
}

function classify(
  p: Summary,
  edges: EdgesOf,
  nearCopyOf: Map<string, EdgeDraft>,
  root: (id: string) => string,
  byId: Map<string, Summary>,
): ArticleProvenance {
  const s = p.signals;
  const base = { id: p.a.id, signals: s, unattributedParaphrase: false };
  const near = nearCopyOf.get(p.a.id);
  if (near !== undefined) {
    return { ...base, classification: 'near-copy', source: near.from, explanation: `near-copy of ${near.from}: ${near.evidence}` };
  }
  if (p.agency !== null) {
    const siblings = edges.touching(p.a.id).filter((e) => e.siblings).map((e) => (e.to === p.a.id ? e.from : e.to));
    const also = siblings.length > 0 ? `; the same wire text is also carried by ${siblings.join(', ')} (not copies of each other)` : '';
    const what = p.ownAgency
      ? `the agency's own wire report: its dateline credits ${p.agency}, its outlet`
      : `wire copy credited to ${p.agency}; ${p.agency}'s own report is not among the inputs`;
    return { ...base, classification: 'wire', source: null, explanation: `${what}${also}` };
  }
  // A source is a reporting piece: not one that is itself a quote-less rewrite of another input.
  const isRewrite = (id: string): boolean => edges.into(id).some((e) => e.kind === 'rewrite' && e.from !== p.a.id);
  const rewrites = edges.into(p.a.id).filter((e) => e.kind === 'rewrite' && !isRewrite(e.from));
  if (rewrites.length > 0) {
    // Group candidate sources by near-copy family; a family scores its best member and is named by its original when that one qualifies.
    const families = new Map<string, EdgeDraft[]>();
    for (const e of rewrites) families.set(root(e.from), [...(families.get(root(e.from)) ?? []), e]);
    const bestOf = [...families].map(([r, es]) => ({ r, es, top: bestEdge(es, byId)! }));
    const cmp = edgeOrder(byId);
    bestOf.sort((a, b) => cmp(a.top, b.top));
    const fam = bestOf[0]!;
    const named = fam.es.find((e) => e.from === fam.r) ?? fam.top;
    const note = named === fam.top ? '' : ` (the original of ${fam.top.from}, which it also matches: ${Math.round(fam.top.score * 100)}%)`;
    const others = bestOf.slice(1).map((f) => `${f.top.from} ${Math.round(f.top.score * 100)}%`);
    return {
      ...base,
      classification: 'rewrite',
      source: named.from,
      explanation:
        `rewrite of ${named.from}${note}: ${named.evidence}` + (others.length > 0 ? `; other candidate sources: ${others.join(', ')}` : ''),
    };
  }
  // A report of someone's statements with no quote, no credit and a commentator's voice: a rewrite of a source we do not have.
  if (s.directQuotes === 0 && !s.credited && s.reportingVerbs >= 3 && p.nSentences >= 5) {
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
  const incoming = edges.into(p.a.id);
  return {
    ...base,
    classification: 'original',
    source: null,
    explanation:
      incoming.length === 0
        ? `original: no earlier input shares its passages; ${s.directQuotes} direct quote(s)`
        : `original: ${s.directQuotes} direct quote(s) of its own`,
  };
}
