import { createHash } from 'node:crypto';
import { normalizeText } from '../dedup/text-normalizer.js';
import type { Passage } from './passage-matcher.js';
import { compactBytes, matchCompact, prepareCompact, sentenceCount, sharedSorted, unpackPassages, type CompactText } from './compact-text.js';
import {
  DEFAULT_PROVENANCE_OPTIONS,
  graphOf,
  pairEdge,
  sideOf,
  type EdgeDraft,
  type ProvenanceInput,
  type ProvenanceKind,
  type ProvenanceOptions,
  type ProvenanceResult,
  type Side,
  type TextOps,
} from './pair-rules.js';

/** A pair's edge decision, compact: enough to rebuild the edge from the two articles' inputs. */
interface Decision {
  /** The pair's first article (in input order) is the source. */
  firstIsSource: boolean;
  kind: ProvenanceKind;
  evidence: string;
  score: number;
  siblings: boolean;
  /** The edge's passages, packed as `matchCompact` gives them. */
  passages: Float64Array;
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
  /** Decisions of this article's pairs with articles first seen before it, by `pairKey`. */
  pairs: Map<number, Decision | null>;
  /** Approximate bytes held by the entry and its pairs. */
  bytes: number;
}

interface CompactSide extends Side {
  compact: CompactText;
}

/** Approximate bytes of an entry without its pairs, and of one pair decision without its arrays and text. */
const ENTRY_OVERHEAD = 1_200;
const DECISION_OVERHEAD = 200;

/**
 * Work shared between calls on overlapping article sets (an event growing by one article at a time): each
 * article's dates, credits, signals and compact prepared text (compact-text.ts), and each pair's edge decision. A
 * pair's decision depends only on the two articles' inputs, which of them comes first and the options, so a
 * remembered one is exactly what would be computed again; a new article costs its own pairs only. An article is
 * found by id and used only if a digest of all its inputs is the same; otherwise it is new.
 *
 * Bounded by articles, pair decisions and approximate bytes (compact texts, packed passages, evidence): after each
 * call the least recently used articles go, with the decisions they hold (a pair is held by its more recently
 * first-seen article). The defaults hold the whole working set of a 20,000-article ingest of the benchmark corpus
 * (every event's last 40 articles).
 */
export class ProvenanceMemo {
  readonly options: ProvenanceOptions;
  /** Least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private serials = 0;
  private pairCount = 0;
  private byteCount = 0;
  /** Pairs decided (not found in the memo) since it was made. */
  private decided = 0;
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
  stats(): { articles: number; pairs: number; bytes: number; decided: number } {
    return { articles: this.entries.size, pairs: this.pairCount, bytes: this.byteCount, decided: this.decided };
  }

  /** A digest of all the inputs a pair's decision reads. */
  keyOf(a: ProvenanceInput): string {
    // The small fields as JSON (one line: the first newline ends them), then the text.
    return createHash('sha1')
      .update(JSON.stringify([a.id, a.publishedAt, a.outlet, a.wire ?? null, a.agency ?? null, a.directQuotes ?? null]))
      .update('\n')
      .update(a.text)
      .digest('base64');
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
    const bytes = ENTRY_OVERHEAD + compactBytes(compact);
    const entry: Entry = { id: a.id, key, serial: this.serials++, side, pairs: new Map(), bytes };
    this.entries.set(a.id, entry);
    this.byteCount += entry.bytes;
    return entry;
  }

  /** The remembered decision of the pair (x first), or undefined. */
  decisionOf(x: Entry, y: Entry): Decision | null | undefined {
    const [holder, k] = pairKey(x, y);
    return holder.pairs.get(k);
  }

  remember(x: Entry, y: Entry, d: Decision | null): void {
    const [holder, k] = pairKey(x, y);
    this.decided++;
    if (holder.pairs.has(k)) return;
    holder.pairs.set(k, d);
    const bytes = DECISION_OVERHEAD + (d === null ? 0 : d.passages.byteLength + d.evidence.length);
    holder.bytes += bytes;
    // A holder already evicted (a pool larger than the bounds) is no longer counted.
    if (this.entries.get(holder.id) === holder) {
      this.pairCount++;
      this.byteCount += bytes;
    }
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

/** Where a pair's decision is held (the more recently first-seen article) and under which key. */
function pairKey(x: Entry, y: Entry): [Entry, number] {
  return x.serial > y.serial ? [x, y.serial * 2 + 1] : [y, x.serial * 2];
}

/** A string with no reference into the (larger) texts it was cut from, so that keeping it keeps only itself. */
function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * As buildProvenance, reusing (and feeding) the memo: only pairs it has not decided yet are computed. Without
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
  const ops: TextOps<CompactSide> = {
    sharedWords: (a, b, enough) => sharedSorted(a.compact.words, b.compact.words, enough),
    passages: (source, copy) => {
      const packed = matchCompact(source.compact, copy.compact, o.passages);
      const list = unpackPassages(packed, source.a.text, source.compact, copy.a.text, copy.compact);
      packedOf.set(list, { packed, source });
      return list;
    },
    norm: (p) => normalizeText(p.a.text),
  };
  const drafts: EdgeDraft[] = [];
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const known = memo.decisionOf(entries[i]!, entries[j]!);
      let edge: EdgeDraft | null;
      if (known !== undefined) {
        edge = known === null ? null : edgeOf(known, sides[i]!, sides[j]!, passages);
      } else {
        edge = pairEdge(sides[i]!, sides[j]!, o, ops);
        const made = edge === null ? undefined : packedOf.get(edge.passages)!;
        memo.remember(
          entries[i]!,
          entries[j]!,
          edge === null
            ? null
            : {
                firstIsSource: made!.source === sides[i],
                kind: edge.kind,
                evidence: detached(edge.evidence),
                score: edge.score,
                siblings: edge.siblings,
                passages: made!.packed,
              },
        );
        if (edge !== null && !passages) edge = { ...edge, passages: [] };
      }
      if (edge !== null) drafts.push(edge);
    }
  }
  memo.trim();
  return graphOf(sides, drafts);
}

/** A remembered decision as the edge the pair rules gave (its passages cut from the texts again if asked for). */
function edgeOf(d: Decision, x: CompactSide, y: CompactSide, passages: boolean): EdgeDraft {
  const [source, copy] = d.firstIsSource ? [x, y] : [y, x];
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
