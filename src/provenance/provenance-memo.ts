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
  type Summary,
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
  /** What classification reads (order 0: the input order is set per call). */
  summary: Summary;
  text: CompactText;
  /** Decisions of this article's pairs with articles first seen before it, by `pairKey`. */
  pairs: Map<number, Decision | null>;
  /** Approximate bytes held by the entry and its pairs. */
  bytes: number;
}

interface CompactSide extends Side {
  text: CompactText;
}

/** Approximate bytes of an entry without its pairs, and of one pair decision without its arrays and text. */
const ENTRY_OVERHEAD = 1_200;
const DECISION_OVERHEAD = 200;

/**
 * Work shared between calls on overlapping article sets (an event growing by one article at a time): each
 * article's summary and compact prepared text (compact-text.ts), and each pair's edge decision. A pair's decision
 * depends only on the two articles' inputs, which of them comes first and the options, so a remembered one is
 * exactly what would be computed again; a new article costs its own pairs only. Articles are keyed by a digest of
 * all their inputs (a changed input is a new key).
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

  constructor(
    options: Partial<ProvenanceOptions> = {},
    private readonly maxArticles = 40_000,
    private readonly maxPairs = 1_000_000,
    private readonly maxBytes = 512 * 2 ** 20,
  ) {
    this.options = { ...DEFAULT_PROVENANCE_OPTIONS, ...options };
  }

  /** What the memo holds now. */
  stats(): { articles: number; pairs: number; bytes: number; decided: number } {
    return { articles: this.entries.size, pairs: this.pairCount, bytes: this.byteCount, decided: this.decided };
  }

  keyOf(a: ProvenanceInput): string {
    return createHash('sha1')
      .update(JSON.stringify([a.id, a.publishedAt, a.outlet, a.wire ?? null, a.agency ?? null, a.directQuotes ?? null, a.text]))
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
    const text = prepareCompact(a.text, this.options.passages);
    const side = sideOf(a, 0, sentenceCount(text), text.words.length);
    const summary: Summary = { a: { id: a.id }, day: side.day, signals: side.signals, agency: side.agency, ownAgency: side.ownAgency, nSentences: side.nSentences, order: 0 };
    const entry: Entry = { id: a.id, key, serial: this.serials++, summary, text, pairs: new Map(), bytes: ENTRY_OVERHEAD + compactBytes(text) };
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

/** As buildProvenance, reusing (and feeding) the memo: only pairs it has not decided yet are computed. */
export function buildWithMemo(articles: ProvenanceInput[], memo: ProvenanceMemo): ProvenanceResult {
  const o = memo.options;
  const entries = articles.map((a) => memo.entryOf(a));
  // Only the relative input order of two articles matters (the last tie-break of a pair's direction).
  const summaries = entries.map((e, order) => ({ ...e.summary, order }));
  const sides: (CompactSide | undefined)[] = [];
  const sideAt = (i: number): CompactSide => {
    const e = entries[i]!;
    return (sides[i] ??= { ...sideOf(articles[i]!, i, e.summary.nSentences, e.text.words.length), text: e.text });
  };
  // The packed form of the passages handed to the pair rules, to keep with the decision.
  const packedOf = new WeakMap<Passage[], { packed: Float64Array; source: CompactSide }>();
  const ops: TextOps<CompactSide> = {
    sharedWords: (a, b, enough) => sharedSorted(a.text.words, b.text.words, enough),
    passages: (source, copy) => {
      const packed = matchCompact(source.text, copy.text, o.passages);
      const passages = unpackPassages(packed, source.a.text, source.text, copy.a.text, copy.text);
      packedOf.set(passages, { packed, source });
      return passages;
    },
    norm: (p) => normalizeText(p.a.text),
  };
  const drafts: EdgeDraft[] = [];
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const known = memo.decisionOf(entries[i]!, entries[j]!);
      let edge: EdgeDraft | null;
      if (known !== undefined) {
        edge = known === null ? null : edgeOf(known, i, j, articles, entries);
      } else {
        edge = pairEdge(sideAt(i), sideAt(j), o, ops);
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
      }
      if (edge !== null) drafts.push(edge);
    }
  }
  memo.trim();
  return graphOf(summaries, drafts);
}

/** A remembered decision as the edge the pair rules gave (its passages cut from the inputs again). */
function edgeOf(d: Decision, i: number, j: number, articles: ProvenanceInput[], entries: Entry[]): EdgeDraft {
  const [s, c] = d.firstIsSource ? [i, j] : [j, i];
  const source = articles[s]!;
  const copy = articles[c]!;
  return {
    from: source.id,
    to: copy.id,
    passages: unpackPassages(d.passages, source.text, entries[s]!.text, copy.text, entries[c]!.text),
    kind: d.kind,
    evidence: d.evidence,
    score: d.score,
    siblings: d.siblings,
  };
}
