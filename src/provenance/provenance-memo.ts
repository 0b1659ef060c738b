import { createHash } from 'node:crypto';
import { normalizeText } from '../dedup/text-normalizer.js';
import type { Passage } from './passage-matcher.js';
import {
  compactBytes,
  compactIndexBytes,
  completeCompact,
  matchCompact,
  prepareCompact,
  sentenceCount,
  sharedSorted,
  unpackPassages,
  verbatimCount,
  verbatimWords,
  type CompactText,
} from './compact-text.js';
import {
  DEFAULT_PROVENANCE_OPTIONS,
  graphOf,
  pairDecision,
  quotedInners,
  sideOf,
  wordCount,
  type EdgeDraft,
  type ProvenanceInput,
  type ProvenanceKind,
  type ProvenanceOptions,
  type Matched,
  type ProvenanceResult,
  type Side,
  type TextOps,
} from './pair-rules.js';

/** A pair's edge decision, compact: enough to rebuild the edge from the two articles' inputs. */
interface Decision {
  /** The source is the pair's article first seen by the memo (the lower serial), whichever comes first in the input. */
  loIsSource: boolean;
  kind: ProvenanceKind;
  evidence: string;
  score: number;
  siblings: boolean;
  /** The edge's passages, packed as `matchCompact` gives them. */
  passages: Float64Array;
}

/**
 * What the memo knows of a pair of articles: its decision for each input order (undefined: not decided yet; one
 * object for both when `pairDecision` says the order does not matter), and, while one order is undecided, the
 * passages matched so far in each direction, so that deciding the other order later matches no text again.
 * "lo" is the article first seen by the memo.
 */
interface PairRecord {
  loFirst: Decision | null | undefined;
  hiFirst: Decision | null | undefined;
  /**
   * `matchCompact` with the lo article as the source: its verbatim passages only (`matchCompact(…, true)`) until
   * an edge's evidence needed them all (`fromLoAll`).
   */
  fromLo: Float64Array | undefined;
  fromLoAll: boolean;
  /** `matchCompact` with the hi article as the source (the same way). */
  fromHi: Float64Array | undefined;
  fromHiAll: boolean;
  /** Approximate bytes (counted in its holder's). */
  bytes: number;
}

/** An article as the memo holds it. */
interface Entry {
  id: string;
  /** Digest of all the article's inputs: a changed input is a new entry. */
  key: string;
  /** Never reused: the pairs an entry holds name the other article by its serial. */
  serial: number;
  /** What the pair rules and the classification read (the input and its order are set per call). */
  side: Omit<CompactSide, 'a' | 'order'>;
  /** This article's pairs with articles first seen before it, by their serial. */
  pairs: Map<number, PairRecord>;
  /** Approximate bytes held by the entry and its pairs. */
  bytes: number;
}

interface CompactSide extends Side {
  compact: CompactText;
}

/** Approximate bytes of an entry without its pairs, and of one pair without its decisions' arrays and text. */
const ENTRY_OVERHEAD = 1_200;
const DECISION_OVERHEAD = 200;

/** Approximate bytes of a pair: the overhead, each distinct decision's evidence and each distinct array once. */
function recordBytes(r: PairRecord): number {
  let bytes = DECISION_OVERHEAD;
  const arrays = new Set<Float64Array>();
  for (const d of r.hiFirst === r.loFirst ? [r.loFirst] : [r.loFirst, r.hiFirst]) {
    if (d === undefined || d === null) continue;
    bytes += d.evidence.length;
    arrays.add(d.passages);
  }
  if (r.fromLo !== undefined) arrays.add(r.fromLo);
  if (r.fromHi !== undefined) arrays.add(r.fromHi);
  for (const a of arrays) bytes += a.byteLength;
  return bytes;
}

/**
 * Work shared between calls on overlapping article sets (an event growing by one article at a time, or read in
 * another order by a settle): each article's dates, credits, signals and compact prepared text (compact-text.ts),
 * and each pair's edge decision. A pair's decision depends only on the two articles' inputs, which of them comes
 * first and the options, so a remembered one is exactly what would be computed again; a new article costs its own
 * pairs only. Most decisions are the same in both input orders (`pairDecision`'s `either`) and are kept once for
 * both; for the others, the passages matched in each direction are kept until both orders are decided, so the
 * other order costs the rules but no matching. An article is found by id and used only if a digest of all its
 * inputs is the same; otherwise it is new.
 *
 * Bounded by articles, pairs and approximate bytes (compact texts, packed passages, evidence): after each call the
 * least recently used articles go, with the pairs they hold (a pair is held by its more recently first-seen
 * article). The defaults hold the whole working set of a 20,000-article ingest of the benchmark corpus (every
 * event's last 40 articles).
 */
export class ProvenanceMemo {
  readonly options: ProvenanceOptions;
  /** Least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private serials = 0;
  private pairCount = 0;
  private byteCount = 0;
  /** Pairs decided for an input order (not found in the memo) since it was made. */
  private decided = 0;
  /** Texts matched against each other (`matchCompact` calls) since it was made. */
  private matched = 0;
  /** A text's compact form prepared elsewhere (see `offer`), used by the next entry made for that text. */
  private offered: { text: string; compact: CompactText } | null = null;

  constructor(
    options: Partial<ProvenanceOptions> = {},
    private readonly maxArticles = 40_000,
    private readonly maxPairs = 1_000_000,
    private readonly maxBytes = 512 * 2 ** 20,
  ) {
    this.options = { ...DEFAULT_PROVENANCE_OPTIONS, ...options };
  }

  /**
   * The provenance graph of the articles, as `buildProvenance` gives it, from what the memo remembers. With
   * `passages: false` the edges' passages are left empty (classifications, edges, evidence and scores unchanged).
   */
  build(articles: ProvenanceInput[], options: { passages?: boolean } = {}): ProvenanceResult {
    return buildWithMemo(articles, this, options.passages ?? true);
  }

  /**
   * The compact form of a text about to be built with, prepared elsewhere (an analysis thread): it must be
   * `prepareCompact(text, options.passages)` with this memo's options. The next entry made for that text takes it
   * instead of preparing the text again.
   */
  offer(text: string, compact: CompactText): void {
    this.offered = { text, compact };
  }

  /** What the memo holds now. */
  stats(): { articles: number; pairs: number; bytes: number; decided: number; matched: number } {
    return { articles: this.entries.size, pairs: this.pairCount, bytes: this.byteCount, decided: this.decided, matched: this.matched };
  }

  /** Pairs decided for one input order only, keeping their passages for the other (counted through every pair). */
  waitingPairs(): number {
    let n = 0;
    for (const e of this.entries.values()) for (const r of e.pairs.values()) if (r.fromLo !== undefined || r.fromHi !== undefined) n++;
    return n;
  }

  /**
   * A digest of all the inputs a pair's decision reads. Remembered for a frozen input (it cannot change), so that a
   * caller handing the same input objects to every call hashes each text once.
   */
  keyOf(a: ProvenanceInput): string {
    if (!Object.isFrozen(a)) return digestOf(a);
    let key = frozenKeys.get(a);
    if (key === undefined) frozenKeys.set(a, (key = digestOf(a)));
    return key;
  }

  /** The article's entry (made if new), now the most recently used. */
  entryOf(a: ProvenanceInput): Entry {
    const key = this.keyOf(a);
    const hit = this.entries.get(a.id);
    if (hit !== undefined) {
      this.entries.delete(a.id);
      if (hit.key === key) {
        this.entries.set(a.id, hit);
        return hit;
      }
      this.forget(hit);
    }
    const offered = this.offered !== null && this.offered.text === a.text ? this.offered.compact : null;
    if (offered !== null) this.offered = null;
    const compact = offered ?? prepareCompact(a.text, this.options.passages);
    const { a: _input, order: _order, ...side } = { ...sideOf(a, 0, sentenceCount(compact), compact.words.length), compact };
    // The compact text, and what matching and the rules keep beside it (indexes, words per sentence).
    const bytes = ENTRY_OVERHEAD + compactBytes(compact) + compactIndexBytes(compact) + 4 * sentenceCount(compact);
    const entry: Entry = { id: a.id, key, serial: this.serials++, side, pairs: new Map(), bytes };
    this.entries.set(a.id, entry);
    this.byteCount += entry.bytes;
    return entry;
  }

  /** The pair's record (made empty if new), held by the more recently first-seen article. */
  recordOf(x: Entry, y: Entry): PairRecord {
    const [holder, other] = x.serial > y.serial ? [x, y] : [y, x];
    let r = holder.pairs.get(other.serial);
    if (r === undefined) {
      r = { loFirst: undefined, hiFirst: undefined, fromLo: undefined, fromLoAll: false, fromHi: undefined, fromHiAll: false, bytes: DECISION_OVERHEAD };
      holder.pairs.set(other.serial, r);
      holder.bytes += r.bytes;
      // A holder already evicted (a pool larger than the bounds) is no longer counted.
      if (this.isLive(holder)) {
        this.pairCount++;
        this.byteCount += r.bytes;
      }
    }
    return r;
  }

  /**
   * Records the decision of the pair with `x` first (`either`: the same with y first). The passages matched
   * for it stay in the record while the other order is undecided, and go once both are.
   */
  remember(x: Entry, y: Entry, r: PairRecord, d: Decision | null, either: boolean): void {
    this.decided++;
    if (either) {
      r.loFirst = d;
      r.hiFirst = d;
    } else if (x.serial < y.serial) r.loFirst = d;
    else r.hiFirst = d;
    if (r.loFirst !== undefined && r.hiFirst !== undefined) {
      r.fromLo = undefined;
      r.fromLoAll = false;
      r.fromHi = undefined;
      r.fromHiAll = false;
    }
    this.resize(x.serial > y.serial ? x : y, r);
  }

  /** Counts a text matched against another. */
  countMatch(): void {
    this.matched++;
  }

  /** Brings the record's bytes (and its holder's) up to date. */
  private resize(holder: Entry, r: PairRecord): void {
    const bytes = recordBytes(r);
    const delta = bytes - r.bytes;
    r.bytes = bytes;
    holder.bytes += delta;
    if (this.isLive(holder)) this.byteCount += delta;
  }

  private isLive(e: Entry): boolean {
    return this.entries.get(e.id) === e;
  }

  /** Drops the least recently used articles until the bounds hold. */
  trim(): void {
    while (this.entries.size > 0 && (this.entries.size > this.maxArticles || this.pairCount > this.maxPairs || this.byteCount > this.maxBytes)) {
      const first = this.entries.values().next().value as Entry;
      this.entries.delete(first.id);
      this.forget(first);
    }
  }

  private forget(e: Entry): void {
    this.pairCount -= e.pairs.size;
    this.byteCount -= e.bytes;
  }
}

const frozenKeys = new WeakMap<ProvenanceInput, string>();

/** The digest of an input (see `ProvenanceMemo.keyOf`). */
function digestOf(a: ProvenanceInput): string {
  // The small fields as JSON (one line: the first newline ends them), then the text.
  return createHash('sha1')
    .update(JSON.stringify([a.id, a.publishedAt, a.outlet, a.wire ?? null, a.agency ?? null, a.directQuotes ?? null]))
    .update('\n')
    .update(a.text)
    .digest('base64');
}

const wordsOfSentences = new WeakMap<CompactText, Uint32Array>();

/** `wordCount` of each kept sentence of a side's text (made once per compact text, which is made for one text). */
function sentenceWords(side: CompactSide): Uint32Array {
  let w = wordsOfSentences.get(side.compact);
  if (w === undefined) {
    const { bounds } = side.compact;
    w = new Uint32Array(bounds.length / 2);
    for (let s = 0; s < w.length; s++) w[s] = wordCount(side.a.text.slice(bounds[2 * s]!, bounds[2 * s + 1]!));
    wordsOfSentences.set(side.compact, w);
  }
  return w;
}

/** A string with no reference into the (larger) texts it was cut from, so that keeping it keeps only itself. */
function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * As buildProvenance, reusing (and feeding) the memo: only pairs it has not decided yet for their input order are
 * computed, and their passages are matched only if the memo has not matched them for the other order. Without
 * `passages`, every edge's passages are left empty (nothing else changes: the rules and the evidence do not read
 * them), which spares cutting them from the texts again for every remembered edge.
 */
export function buildWithMemo(articles: ProvenanceInput[], memo: ProvenanceMemo, passages = true): ProvenanceResult {
  const o = memo.options;
  const entries = articles.map((a) => memo.entryOf(a));
  // Only the relative input order of two articles matters (the last tie-break of a pair's direction).
  const sides = entries.map((e, order): CompactSide => ({ ...e.side, a: articles[order]!, order }));
  // The packed form of the passages handed to the pair rules, to keep with the decision.
  const packedOf = new WeakMap<Passage[], { packed: Float64Array; source: CompactSide }>();
  // The pair being decided: its record and its lo article's side (see PairRecord).
  let record: PairRecord | null = null;
  let loSide: CompactSide | null = null;
  // Normalised texts and quotes, made once per call (the rules look each copy's quotes up in its source's text).
  const norms = new Map<CompactSide, string>();
  const quotes = new Map<CompactSide, readonly string[]>();
  // The copy's sentences matched against the source, for the pair being decided: the verbatim passages first
  // (all the direction and the edge's existence read), the paraphrases only when an edge's evidence reads them.
  const match = (source: CompactSide, copy: CompactSide): Matched => {
    const r = record!;
    const fromLo = source === loSide;
    const kept = fromLo ? r.fromLo : r.fromHi;
    let all = kept !== undefined && (fromLo ? r.fromLoAll : r.fromHiAll);
    let packed: Float64Array;
    if (kept !== undefined) packed = kept;
    else {
      packed = matchCompact(source.compact, copy.compact, o.passages, true);
      memo.countMatch();
      if (fromLo) r.fromLo = packed;
      else r.fromHi = packed;
    }
    const verbatim = verbatimCount(packed);
    return {
      verbatim,
      verbatimWords: () => verbatimWords(packed, sentenceWords(source), sentenceWords(copy)),
      all: () => {
        if (!all) {
          packed = completeCompact(source.compact, copy.compact, packed, o.passages);
          all = true;
          if (fromLo) {
            r.fromLo = packed;
            r.fromLoAll = true;
          } else {
            r.fromHi = packed;
            r.fromHiAll = true;
          }
        }
        const list = unpackPassages(packed, source.a.text, source.compact, copy.a.text, copy.compact);
        packedOf.set(list, { packed, source });
        return list;
      },
    };
  };
  const ops: TextOps<CompactSide> = {
    sharedWords: (a, b, enough) => sharedSorted(a.compact.words, b.compact.words, enough),
    passages: (source, copy) => match(source, copy).all(),
    match,
    norm: (p) => {
      let n = norms.get(p);
      if (n === undefined) norms.set(p, (n = normalizeText(p.a.text)));
      return n;
    },
    quotes: (p) => {
      let q = quotes.get(p);
      if (q === undefined) quotes.set(p, (q = quotedInners(p)));
      return q;
    },
  };
  const drafts: EdgeDraft[] = [];
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const [x, y] = [entries[i]!, entries[j]!];
      const r = memo.recordOf(x, y);
      const xIsLo = x.serial < y.serial;
      const [lo, hi] = xIsLo ? [sides[i]!, sides[j]!] : [sides[j]!, sides[i]!];
      const known = xIsLo ? r.loFirst : r.hiFirst;
      let edge: EdgeDraft | null;
      if (known !== undefined) {
        edge = known === null ? null : edgeOf(known, lo, hi, passages);
      } else {
        record = r;
        loSide = lo;
        const decided = pairDecision(sides[i]!, sides[j]!, o, ops);
        edge = decided.edge;
        const made = edge === null ? undefined : packedOf.get(edge.passages)!;
        memo.remember(
          x,
          y,
          r,
          edge === null
            ? null
            : {
                loIsSource: made!.source === lo,
                kind: edge.kind,
                evidence: detached(edge.evidence),
                score: edge.score,
                siblings: edge.siblings,
                passages: made!.packed,
              },
          decided.either,
        );
        record = null;
        loSide = null;
        if (edge !== null && !passages) edge = { ...edge, passages: [] };
      }
      if (edge !== null) drafts.push(edge);
    }
  }
  memo.trim();
  return graphOf(sides, drafts);
}

/** A remembered decision as the edge the pair rules gave (its passages cut from the texts again if asked for). */
function edgeOf(d: Decision, lo: CompactSide, hi: CompactSide, passages: boolean): EdgeDraft {
  const [source, copy] = d.loIsSource ? [lo, hi] : [hi, lo];
  return {
    from: source.a.id,
    to: copy.a.id,
    passages: passages ? unpackPassages(d.passages, source.a.text, source.compact, copy.a.text, copy.compact) : [],
    kind: d.kind,
    evidence: d.evidence,
    score: d.score,
    siblings: d.siblings,
  };
}
