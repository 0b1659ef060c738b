import { createHash } from 'node:crypto';
import type { Assignment, ClusterDoc, EventClustererOptions, MergeRecord, SplitRecord } from './cluster-types.js';
import { DEFAULT_FEATURE_WEIGHTS, contentTokens, docFeatures, leadNames } from './term-features.js';
import { TopK } from './sparse-vector.js';
import { recall, remember } from './doc-feature-memo.js';
import {
  TermTable,
  addInto,
  addPreparedWithNorms,
  pruneTop,
  topTerms,
  channelNorms,
  channelSimilarity,
  prepareVector,
  topPrepared,
  preparedSimilarity,
  type PreparedTerms as PreparedVector,
  TermVector as SparseVector,
} from './term-vector.js';

/**
 * Streaming event clustering (in the spirit of Miranda et al. 2018): each
 * article is compared with the centroids of active events by IDF-weighted
 * cosine over title words, body words, proper nouns, entities and places,
 * discounted by the time gap; it joins the best event above the threshold or
 * founds a new one. An article that fits two events that also fit each other
 * merges them (recorded with the reason). Events are then linked into story
 * lines by a second, time-free comparison against story line profiles.
 *
 * Ids are derived from the founding article's id, so they are stable once
 * shown; a merge keeps the id of the older event and reports the other one.
 * All state is plain data (`snapshot()` / `restore()`), and a bounded mode
 * evicts events and story lines that fell out of the active window.
 */

const DAY = 86_400_000;

export const DEFAULT_CLUSTER_OPTIONS: EventClustererOptions = {
  threshold: 0.25,
  shortThreshold: 0.12,
  shortTokens: 8,
  mergeThreshold: 0.45,
  shortNameWeight: 0.3,
  shortMergeThreshold: 0.2,
  timeWindowDays: 3,
  timeDecayDays: 7,
  maxCandidates: 30,
  queryTerms: 15,
  centroidTerms: 400,
  nameWeight: 0.6,
  memberWeight: 0,
  leadNameMismatch: 0.5,
  splitThreshold: 0.5,
  splitMinDocs: 8,
  splitMinPart: 3,
  memberVectors: 32,
  memberTerms: 0,
  maxActiveEvents: Infinity,
  maxEventAgeDays: Infinity,
  maxDocIdsPerEvent: Infinity,
  maxVocabulary: Infinity,
  relinkThreshold: 0.1,
  relinkMaxDocs: 20,
  shortTimeWindowDays: 0,
  shortTimeDecayDays: 0.5,
  storyline: { threshold: 0.12, profileTerms: 300 },
  weights: DEFAULT_FEATURE_WEIGHTS,
};

export type EventClustererConfig = Partial<Omit<EventClustererOptions, 'storyline' | 'weights'>> & {
  storyline?: Partial<EventClustererOptions['storyline']>;
  weights?: Partial<EventClustererOptions['weights']>;
};

export function resolveOptions(config: EventClustererConfig = {}): EventClustererOptions {
  return {
    ...DEFAULT_CLUSTER_OPTIONS,
    ...config,
    storyline: { ...DEFAULT_CLUSTER_OPTIONS.storyline, ...config.storyline },
    weights: { ...DEFAULT_CLUSTER_OPTIONS.weights, ...config.weights },
  };
}

interface EventState {
  id: string;
  seq: number;
  docIds: string[];
  nDocs: number;
  centroid: SparseVector;
  first: number | null;
  last: number | null;
  storyline: string;
  indexed: Set<string>;
  alive: boolean;
  norm: [number, number] | null;
  normAt: number;
  /** The most recent member articles' features, for nearest-member similarity. */
  members: Member[];
  /** Headline-only (short) articles among its articles: re-linking concerns events made of headlines. */
  shortDocs: number;
  /** Scratch for candidate lookup: the query that last counted this event, and its count. */
  hitQuery?: number;
  hits?: number;
}

interface Member {
  id: string;
  f: SparseVector;
  t: number | null;
}

interface StorylineState {
  id: string;
  seq: number;
  profile: SparseVector;
  eventIds: string[];
  first: number | null;
  last: number | null;
  indexed: Set<string>;
  alive: boolean;
  norm: [number, number] | null;
  normAt: number;
}

/** Public read-only view of an event. */
export interface EventView {
  id: string;
  storylineId: string;
  docIds: string[];
  nDocs: number;
  firstDate: string | null;
  lastDate: string | null;
  topTerms: string[];
}

export interface StorylineView {
  id: string;
  eventIds: string[];
  firstDate: string | null;
  lastDate: string | null;
  topTerms: string[];
}

function countContentTokens(text: string, limit: number): number {
  return contentTokens(text.slice(0, 2000), limit).length;
}

export function stableId(prefix: string, seed: string): string {
  return prefix + createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 16);
}

/** Milliseconds since the epoch, or null for missing/partial dates (`--06-04` has no year). */
export function parseTime(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.startsWith('--')) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

function isoDay(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString().slice(0, 10);
}

function rangeGapDays(aFirst: number | null, aLast: number | null, bFirst: number | null, bLast: number | null): number | null {
  if (aFirst === null || aLast === null || bFirst === null || bLast === null) return null;
  if (aLast < bFirst) return (bFirst - aLast) / DAY;
  if (bLast < aFirst) return (aFirst - bLast) / DAY;
  return 0;
}

function label(term: string): string {
  return term.replace(/^[enp]:/, '');
}

const POSTING_CAP = 2000;

export class EventClusterer {
  readonly options: EventClustererOptions;
  /** Term ids and document frequencies: every vector of the state is keyed by term id (see term-vector.ts). */
  private readonly dfs: TermTable;
  /** Bounded vocabulary: term ids are given back (`releaseTerms`) when the dictionary grows past this. */
  private termBudget = 0;
  /** Insertion order doubles as least-recently-updated order (touching re-inserts). */
  private readonly events = new Map<string, EventState>();
  private readonly storylines = new Map<string, StorylineState>();
  /** Term → items indexed under it, oldest first (a Set: O(1) removal when an item is merged or evicted). */
  private readonly postings = new Map<string, Set<EventState>>();
  private readonly slPostings = new Map<string, Set<StorylineState>>();
  private readonly aliases = new Map<string, string>();
  private seq = 0;
  private queryNo = 0;
  private rankedFor: SparseVector | null = null;
  private ranked: string[] = [];
  private newest = -Infinity;

  constructor(config: EventClustererConfig = {}) {
    this.options = resolveOptions(config);
    this.dfs = new TermTable(this.options.maxVocabulary);
    this.termBudget = 2 * this.options.maxVocabulary;
  }

  /** Assigns one article to an event (and story line). */
  assign(doc: ClusterDoc): Assignment {
    const o = this.options;
    const t = parseTime(doc.publishedAt);
    if (this.dfs.size > this.termBudget) this.releaseTerms();
    const known = recall(doc, o.weights);
    const f = known.entry === null ? this.dfs.vector(docFeatures(doc, o.weights)) : this.dfs.vectorOf(known.entry.keys, known.entry.vals);
    // Remembered with the term table's own strings, in the vector's (the features') order.
    const derived = known.entry ?? remember(doc.id, known.digest, o.weights, Array.from(f.keys(), (id) => this.dfs.term(id)), Array.from(f.vals.subarray(0, f.size)));
    this.dfs.addDoc(f.keys());
    if (t !== null && t > this.newest) this.newest = t;
    this.evict();

    const q = prepareVector(f, this.dfs);
    // The article's heaviest terms, ranked once (IDF does not change within one assign).
    this.rankedFor = f;
    this.ranked = topPrepared(q, o.queryTerms * 2, this.dfs);
    const qterms = this.topOf(f, o.queryTerms);
    const candidates = this.candidateEvents(qterms);
    if (derived.tokensLimit !== o.shortTokens + 1) {
      derived.tokens = countContentTokens(doc.text, o.shortTokens + 1);
      derived.tokensLimit = o.shortTokens + 1;
    }
    const nTokens = derived.tokens;
    // Headline-only articles: few words, so a lower bar and less say for capitalised words.
    const short = nTokens <= o.shortTokens;
    const threshold = short ? o.shortThreshold : o.threshold;
    const nameWeight = short ? o.shortNameWeight : o.nameWeight;
    const mergeThreshold = short ? o.shortMergeThreshold : o.mergeThreshold;
    // Lead names as term ids (-1: a name no vector holds, so no centroid has it).
    const lead = o.leadNameMismatch < 1 && !short ? (derived.lead ??= leadNames(doc)).map((k) => this.dfs.find(k)) : [];

    let best: { ev: EventState; score: number; cos: number; tf: number } | null = null;
    const fits: { ev: EventState; score: number }[] = [];
    for (const ev of candidates) {
      const central = preparedSimilarity(q, ev.centroid, this.eventNorm(ev), nameWeight).score;
      const cos = o.memberWeight > 0 ? (1 - o.memberWeight) * central + o.memberWeight * this.nearestMember(q, ev) : central;
      const tf = this.timeFactor(rangeGapDays(t, t, ev.first, ev.last), short);
      // Who the lead is about: when none of its names occurs in the event, it is likely a similar but different happening.
      const leadMiss = lead.length > 0 && !lead.some((k) => ev.centroid.has(k));
      const score = cos * tf * (leadMiss ? o.leadNameMismatch : 1);
      if (score >= threshold) fits.push({ ev, score });
      if (best === null || score > best.score || (score === best.score && ev.seq < best.ev.seq)) {
        best = { ev, score, cos, tf };
      }
    }

    const merged: MergeRecord[] = [];
    let target: EventState;
    let isNew: boolean;
    let reason: string;
    if (best !== null && best.score >= threshold) {
      target = best.ev;
      isNew = false;
      const contrib = new Map<number, number>();
      preparedSimilarity(q, best.ev.centroid, this.eventNorm(best.ev), nameWeight, contrib);
      reason = this.joinReason(best.ev, best.score, best.cos, best.tf, threshold, contrib, t);
      this.addToEvent(target, doc.id, f, q, t, short);
      // The article fits several events: if those events also fit each other, they are one event.
      for (const other of fits) {
        if (other.ev === target || !other.ev.alive || !target.alive) continue;
        const m = this.tryMerge(target, other.ev, nameWeight, mergeThreshold, short);
        if (m !== null) {
          merged.push(...m.records);
          target = m.survivor;
        }
      }
    } else {
      isNew = true;
      reason =
        best === null
          ? 'new event: no active event shares its key terms'
          : `new event: best candidate ${best.ev.id} scored ${best.score.toFixed(3)} ` +
            `(cosine ${best.cos.toFixed(3)} × time ${best.tf.toFixed(2)}) < threshold ${threshold}`;
      target = this.createEvent(doc.id, f, t, short);
    }

    const slRecords = this.linkStoryline(target, f, q, t, isNew);
    merged.push(...slRecords.merged);
    if (slRecords.reason !== null) reason += `; ${slRecords.reason}`;

    let eventId = target.id;
    const splits: SplitRecord[] = [];
    if (!isNew && !short && o.splitThreshold > 0 && target.nDocs >= o.splitMinDocs && this.splitDue(target.nDocs) && target.members.length === target.nDocs) {
      const split = this.trySplit(target, nameWeight);
      if (split !== null) {
        splits.push(split.record);
        if (split.record.articleIds.includes(doc.id)) eventId = split.part.id;
      }
    }
    const ev = this.events.get(eventId);
    const out: Assignment = { eventId, storylineId: ev?.storyline ?? target.storyline, isNewEvent: isNew, reason };
    if (merged.length > 0) out.merged = merged;
    if (splits.length > 0) out.splits = splits;
    return out;
  }

  /**
   * Split checks: every 2nd article while the event is small (where early
   * wrong merges are caught), every 8th from 32 and every 16th from 64 articles.
   * A check costs O(members), so sparser checks keep big events cheap.
   */
  private splitDue(nDocs: number): boolean {
    const step = nDocs < 32 ? 2 : nDocs < 64 ? 8 : 16;
    return nDocs % step === 0;
  }

  private joinReason(
    ev: EventState,
    score: number,
    cos: number,
    tf: number,
    threshold: number,
    contrib: Map<number, number>,
    t: number | null,
  ): string {
    // The six largest contributions of each kind (as sorting them all by contribution, then term, would give).
    const words = new TopK(6);
    const names = new TopK(6);
    for (const [id, c] of contrib) {
      const k = this.dfs.term(id);
      (k.includes(':') ? names : words).offer(k, c);
    }
    const gap = rangeGapDays(t, t, ev.first, ev.last);
    const when = gap === null ? 'date unknown on one side' : gap === 0 ? 'within the event’s date range' : `${gap.toFixed(1)} days from the event’s range`;
    return (
      `joined ${ev.id}: score ${score.toFixed(3)} ≥ ${threshold} (cosine ${cos.toFixed(3)} × time ${tf.toFixed(2)}, ${when}); ` +
      `shared terms: ${words.keys().join(', ') || 'none'}; shared names/places: ${names.keys().map(label).join(', ') || 'none'}`
    );
  }

  /** 1 within the window, then exponential decay; headline-only articles use their own (shorter) time scale. */
  private timeFactor(gapDays: number | null, short = false): number {
    if (gapDays === null) return 1;
    const o = this.options;
    const over = gapDays - (short ? o.shortTimeWindowDays : o.timeWindowDays);
    return over <= 0 ? 1 : Math.exp(-over / (short ? o.shortTimeDecayDays : o.timeDecayDays));
  }

  /**
   * Splits an event whose members fall into two groups that do not fit each
   * other (two similar happenings merged early): 2-means over the remembered
   * members, seeded with the founding article and the member least like it.
   * The group holding the founding article keeps the event id.
   */
  private trySplit(ev: EventState, nameWeight: number): { part: EventState; record: SplitRecord } | null {
    const o = this.options;
    const ms = ev.members;
    const n = ms.length;
    const qs = ms.map((m) => prepareVector(m.f, this.dfs));
    const sim = (a: PreparedVector, b: SparseVector, nb: [number, number]): number => preparedSimilarity(a, b, nb, nameWeight).score;
    let far = 1;
    let farSim = Infinity;
    for (let j = 1; j < n; j++) {
      const x = sim(qs[j]!, ms[0]!.f, qs[0]!.norms);
      if (x < farSim) {
        farSim = x;
        far = j;
      }
    }
    let groups = ms.map((m, i) => (i === 0 ? 0 : i === far ? 1 : sim(qs[i]!, ms[0]!.f, qs[0]!.norms) >= sim(qs[i]!, ms[far]!.f, qs[far]!.norms) ? 0 : 1));
    let cents: [SparseVector, SparseVector] = [new SparseVector(), new SparseVector()];
    for (let iter = 0; iter < 5; iter++) {
      cents = [new SparseVector(), new SparseVector()];
      ms.forEach((m, i) => addInto(cents[groups[i]!]!, m.f));
      const cn = [channelNorms(cents[0], this.dfs), channelNorms(cents[1], this.dfs)] as const;
      const next = ms.map((m, i) => (i === 0 ? 0 : sim(qs[i]!, cents[0], cn[0]) >= sim(qs[i]!, cents[1], cn[1]) ? 0 : 1));
      const changed = next.some((g, i) => g !== groups[i]);
      groups = next;
      if (!changed) break;
    }
    cents = [new SparseVector(), new SparseVector()];
    ms.forEach((m, i) => addInto(cents[groups[i]!]!, m.f));
    const sizeB = groups.filter((g) => g === 1).length;
    if (sizeB < o.splitMinPart || n - sizeB < o.splitMinPart) return null;
    const between = channelSimilarity(cents[0], cents[1], this.dfs, channelNorms(cents[0], this.dfs), channelNorms(cents[1], this.dfs), nameWeight).score;
    if (between >= o.splitThreshold) return null;

    const keep = ms.filter((_, i) => groups[i] === 0);
    const move = ms.filter((_, i) => groups[i] === 1);
    const movedIds = new Set(move.map((m) => m.id));
    const range = (list: Member[]): [number | null, number | null] => {
      const ts = list.map((m) => m.t).filter((t): t is number => t !== null);
      return ts.length === 0 ? [null, null] : [Math.min(...ts), Math.max(...ts)];
    };
    ev.members = keep;
    ev.centroid = pruneTop(cents[0], o.centroidTerms * 2, this.dfs);
    ev.docIds = ev.docIds.filter((id) => !movedIds.has(id));
    ev.nDocs -= move.length;
    [ev.first, ev.last] = range(keep);
    ev.norm = null;
    let id = stableId('ev-', move[0]!.id);
    if (this.events.has(id) || this.aliases.has(id)) id = stableId('ev-', 'split:' + move[0]!.id);
    const [first, last] = range(move);
    const part: EventState = {
      id,
      seq: this.seq++,
      docIds: move.map((m) => m.id),
      nDocs: move.length,
      centroid: pruneTop(cents[1], o.centroidTerms * 2, this.dfs),
      first,
      last,
      storyline: ev.storyline,
      indexed: new Set(),
      alive: true,
      norm: null,
      normAt: 0,
      members: move,
      shortDocs: 0,
    };
    this.events.set(part.id, part);
    this.index(this.postings, part, topTerms(part.centroid, this.dfs, o.queryTerms * 2));
    this.storylines.get(ev.storyline)?.eventIds.push(part.id);
    return {
      part,
      record: {
        from: ev.id,
        into: part.id,
        articleIds: [...movedIds],
        reason: `split: its ${n} articles form two groups whose centroids score ${between.toFixed(3)} < ${o.splitThreshold} against each other (${keep.length} stay, ${move.length} move)`,
      },
    };
  }

  private memberVector(f: SparseVector): SparseVector {
    return this.options.memberTerms > 0 ? pruneTop(f, this.options.memberTerms, this.dfs) : f;
  }

  /** Highest similarity between the article and one of the event's remembered members. */
  private nearestMember(q: PreparedVector, ev: EventState): number {
    let best = 0;
    for (const m of ev.members) {
      const s = preparedSimilarity(q, m.f, channelNorms(m.f, this.dfs), this.options.nameWeight).score;
      if (s > best) best = s;
    }
    return best;
  }

  private eventNorm(ev: EventState): [number, number] {
    // IDF drifts slowly as articles arrive; recompute the norms when the corpus grew by 5%.
    if (ev.norm === null || this.dfs.total > ev.normAt * 1.05 + 1) {
      ev.norm = channelNorms(ev.centroid, this.dfs);
      ev.normAt = this.dfs.total;
    }
    return ev.norm;
  }

  /**
   * Bounded vocabulary: gives back the ids of terms that are neither counted (dropped by halving) nor held by a
   * centroid, member or profile, so the dictionary stays within a multiple of what the state holds.
   */
  private releaseTerms(): void {
    this.rankedFor = null;
    this.dfs.release((keep) => {
      for (const ev of this.events.values()) {
        for (const id of ev.centroid.keys()) keep(id);
        for (const m of ev.members) for (const id of m.f.keys()) keep(id);
      }
      for (const sl of this.storylines.values()) for (const id of sl.profile.keys()) keep(id);
    });
    this.termBudget = Math.max(2 * this.options.maxVocabulary, 2 * this.dfs.size);
  }

  /** The article's heaviest terms, ranked once per article (IDF does not change within one assign). */
  private topOf(f: SparseVector, k: number): string[] {
    if (this.rankedFor !== f) {
      this.rankedFor = f;
      this.ranked = topTerms(f, this.dfs, this.options.queryTerms * 2);
    }
    return k >= this.ranked.length ? this.ranked : this.ranked.slice(0, k);
  }

  private candidateEvents(qterms: string[]): EventState[] {
    // Count shared query terms per event with a per-query stamp on the event (no map per query).
    const q = ++this.queryNo;
    const hit: EventState[] = [];
    for (const term of qterms) {
      const list = this.postings.get(term);
      if (list === undefined) continue;
      for (const ev of list) {
        if (!ev.alive) continue;
        if (ev.hitQuery !== q) {
          ev.hitQuery = q;
          ev.hits = 0;
          hit.push(ev);
        }
        ev.hits = (ev.hits ?? 0) + 1;
      }
    }
    return hit.sort((a, b) => b.hits! - a.hits! || a.seq - b.seq).slice(0, this.options.maxCandidates);
  }

  private index<T extends { indexed: Set<string> }>(postings: Map<string, Set<T>>, item: T, terms: Iterable<string>): void {
    for (const term of terms) {
      if (item.indexed.has(term)) continue;
      item.indexed.add(term);
      const list = postings.get(term);
      if (list === undefined) postings.set(term, new Set([item]));
      else {
        list.add(item);
        // A very common term: forget its oldest items (they stay reachable through their other terms).
        if (list.size > POSTING_CAP) {
          const oldest = list.values().next().value!;
          list.delete(oldest);
          oldest.indexed.delete(term);
        }
      }
    }
  }

  /** Drops an item from the postings, so that nothing keeps a merged or evicted event (and its centroid) alive. */
  private unindex<T extends { indexed: Set<string> }>(postings: Map<string, Set<T>>, item: T): void {
    for (const term of item.indexed) {
      const list = postings.get(term);
      if (list === undefined) continue;
      list.delete(item);
      if (list.size === 0) postings.delete(term);
    }
    item.indexed.clear();
  }

  private createEvent(docId: string, f: SparseVector, t: number | null, short = false): EventState {
    const ev: EventState = {
      id: stableId('ev-', docId),
      seq: this.seq++,
      docIds: [docId],
      nDocs: 1,
      centroid: f.copy(),
      first: t,
      last: t,
      storyline: '',
      indexed: new Set(),
      alive: true,
      norm: null,
      normAt: 0,
      members: this.options.memberVectors > 0 ? [{ id: docId, f: this.memberVector(f), t }] : [],
      shortDocs: short ? 1 : 0,
    };
    this.events.set(ev.id, ev);
    this.index(this.postings, ev, this.topOf(f, this.options.queryTerms));
    return ev;
  }

  private addToEvent(ev: EventState, docId: string, f: SparseVector, q: PreparedVector, t: number | null, short = false): void {
    if (short) ev.shortDocs++;
    ev.docIds.push(docId);
    if (ev.docIds.length > this.options.maxDocIdsPerEvent) ev.docIds.shift();
    if (this.options.memberVectors > 0) {
      // Members serve splits, which need all of an event's articles: past the cap they are dropped (memory).
      if (ev.nDocs >= this.options.memberVectors) ev.members = [];
      else ev.members.push({ id: docId, f: this.memberVector(f), t });
    }
    ev.nDocs++;
    // Norms follow the centroid incrementally (recomputed in full after pruning, or when IDF drifted: eventNorm).
    ev.norm = addPreparedWithNorms(ev.centroid, q, ev.norm);
    if (ev.centroid.size > this.options.centroidTerms * 2) {
      ev.centroid = pruneTop(ev.centroid, this.options.centroidTerms, this.dfs);
      ev.norm = null;
    }
    if (t !== null) {
      ev.first = ev.first === null ? t : Math.min(ev.first, t);
      ev.last = ev.last === null ? t : Math.max(ev.last, t);
    }
    this.events.delete(ev.id);
    this.events.set(ev.id, ev);
    this.index(this.postings, ev, this.topOf(f, this.options.queryTerms));
  }

  /** Merges two events if their centroids fit each other; the older event's id survives. */
  private tryMerge(
    a: EventState,
    b: EventState,
    nameWeight: number,
    mergeThreshold: number,
    short: boolean,
    why = 'an article fitted both events and their centroids match',
  ): { survivor: EventState; records: MergeRecord[] } | null {
    const cos = channelSimilarity(a.centroid, b.centroid, this.dfs, this.eventNorm(a), this.eventNorm(b), nameWeight).score;
    const tf = this.timeFactor(rangeGapDays(a.first, a.last, b.first, b.last), short);
    const score = cos * tf;
    if (score < mergeThreshold) return null;
    const [into, from] = a.seq <= b.seq ? [a, b] : [b, a];
    for (const id of from.docIds) into.docIds.push(id);
    into.members = [...into.members, ...from.members].slice(-this.options.memberVectors);
    while (into.docIds.length > this.options.maxDocIdsPerEvent) into.docIds.shift();
    into.nDocs += from.nDocs;
    into.shortDocs += from.shortDocs;
    addInto(into.centroid, from.centroid);
    if (into.centroid.size > this.options.centroidTerms * 2) into.centroid = pruneTop(into.centroid, this.options.centroidTerms, this.dfs);
    if (from.first !== null) into.first = into.first === null ? from.first : Math.min(into.first, from.first);
    if (from.last !== null) into.last = into.last === null ? from.last : Math.max(into.last, from.last);
    into.norm = null;
    this.index(this.postings, into, [...from.indexed]);
    from.alive = false;
    this.events.delete(from.id);
    this.unindex(this.postings, from);
    this.aliases.set(from.id, into.id);
    const records: MergeRecord[] = [
      {
        from: from.id,
        into: into.id,
        reason: `${why} (score ${score.toFixed(3)} ≥ ${mergeThreshold}: cosine ${cos.toFixed(3)} × time ${tf.toFixed(2)})`,
      },
    ];
    if (from.storyline !== into.storyline && from.storyline !== '') {
      const r = this.mergeStorylines(into.storyline, from.storyline, 'their events were merged');
      if (r !== null) records.push(r);
    }
    const sl = this.storylines.get(from.storyline);
    if (sl !== undefined) sl.eventIds = sl.eventIds.filter((id) => id !== from.id);
    return { survivor: into, records };
  }

  private linkStoryline(ev: EventState, f: SparseVector, q: PreparedVector, t: number | null, isNew: boolean): { merged: MergeRecord[]; reason: string | null } {
    const o = this.options.storyline;
    const existing = this.storylines.get(ev.storyline);
    if (!isNew && existing !== undefined) {
      this.growStoryline(existing, f, q, t);
      return { merged: [], reason: null };
    }
    // A new event: find the story line whose actors, places and subject it shares.
    const hits = new Map<StorylineState, number>();
    for (const term of this.topOf(f, this.options.queryTerms * 2)) {
      for (const sl of this.slPostings.get(term) ?? []) if (sl.alive) hits.set(sl, (hits.get(sl) ?? 0) + 1);
    }
    const cands = [...hits].sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq).slice(0, this.options.maxCandidates);
    let best: { sl: StorylineState; score: number } | null = null;
    const fits: StorylineState[] = [];
    for (const [sl] of cands) {
      const score = preparedSimilarity(q, sl.profile, this.storylineNorm(sl), this.options.nameWeight).score;
      if (score >= o.threshold) fits.push(sl);
      if (best === null || score > best.score) best = { sl, score };
    }
    const merged: MergeRecord[] = [];
    if (best !== null && best.score >= o.threshold) {
      const sl = best.sl;
      const contrib = new Map<number, number>();
      preparedSimilarity(q, sl.profile, this.storylineNorm(sl), this.options.nameWeight, contrib);
      ev.storyline = sl.id;
      sl.eventIds.push(ev.id);
      // Bounded mode: a story line remembers its most recent event ids only.
      if (sl.eventIds.length > this.options.maxDocIdsPerEvent) sl.eventIds.shift();
      this.growStoryline(sl, f, q, t);
      const names = [...contrib].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k]) => label(this.dfs.term(k)));
      for (const other of fits) {
        if (other === sl || !other.alive) continue;
        const r = this.mergeStorylines(sl.id, other.id, `event ${ev.id} fits both (score ≥ ${o.threshold})`);
        if (r !== null) merged.push(r);
      }
      return { merged, reason: `story line ${ev.storyline} (profile score ${best.score.toFixed(3)}; shared: ${names.join(', ')})` };
    }
    const sl: StorylineState = {
      id: stableId('sl-', ev.id),
      seq: this.seq++,
      profile: new SparseVector(),
      eventIds: [ev.id],
      first: null,
      last: null,
      indexed: new Set(),
      alive: true,
      norm: null,
      normAt: 0,
    };
    this.storylines.set(sl.id, sl);
    ev.storyline = sl.id;
    this.growStoryline(sl, f, q, t);
    return { merged, reason: `new story line ${sl.id}` + (best === null ? '' : ` (best story line scored ${best.score.toFixed(3)} < ${o.threshold})`) };
  }

  private storylineNorm(sl: StorylineState): [number, number] {
    if (sl.norm === null || this.dfs.total > sl.normAt * 1.05 + 1) {
      sl.norm = channelNorms(sl.profile, this.dfs);
      sl.normAt = this.dfs.total;
    }
    return sl.norm;
  }

  /** Adds the article (`f`, prepared as `q` with the current IDF) to a story line's profile. */
  private growStoryline(sl: StorylineState, f: SparseVector, q: PreparedVector, t: number | null): void {
    sl.norm = addPreparedWithNorms(sl.profile, q, sl.norm);
    if (sl.profile.size > this.options.storyline.profileTerms * 2) {
      sl.profile = pruneTop(sl.profile, this.options.storyline.profileTerms, this.dfs);
      sl.norm = null;
    }
    if (t !== null) {
      sl.first = sl.first === null ? t : Math.min(sl.first, t);
      sl.last = sl.last === null ? t : Math.max(sl.last, t);
    }
    this.storylines.delete(sl.id);
    this.storylines.set(sl.id, sl);
    this.index(this.slPostings, sl, this.topOf(f, this.options.queryTerms * 2));
  }

  private mergeStorylines(intoId: string, fromId: string, why: string): MergeRecord | null {
    const a = this.storylines.get(intoId);
    const b = this.storylines.get(fromId);
    if (a === undefined || b === undefined || a === b) return null;
    const [into, from] = a.seq <= b.seq ? [a, b] : [b, a];
    addInto(into.profile, from.profile);
    into.profile = pruneTop(into.profile, this.options.storyline.profileTerms, this.dfs);
    into.norm = null;
    for (const id of from.eventIds) {
      into.eventIds.push(id);
      const ev = this.events.get(id);
      if (ev !== undefined) ev.storyline = into.id;
    }
    if (from.first !== null) into.first = into.first === null ? from.first : Math.min(into.first, from.first);
    if (from.last !== null) into.last = into.last === null ? from.last : Math.max(into.last, from.last);
    this.index(this.slPostings, into, [...from.indexed]);
    from.alive = false;
    this.storylines.delete(from.id);
    this.unindex(this.slPostings, from);
    this.aliases.set(from.id, into.id);
    return { from: from.id, into: into.id, reason: `storyline merge: ${why}` };
  }

  private evict(): void {
    const o = this.options;
    if (o.maxActiveEvents === Infinity && o.maxEventAgeDays === Infinity) return;
    const oldest = this.newest - o.maxEventAgeDays * DAY;
    for (const ev of this.events.values()) {
      const tooMany = this.events.size > o.maxActiveEvents;
      const tooOld = ev.last !== null && ev.last < oldest;
      if (!tooMany && !tooOld) break;
      ev.alive = false;
      this.events.delete(ev.id);
      this.unindex(this.postings, ev);
    }
    for (const sl of this.storylines.values()) {
      if (this.storylines.size <= o.maxActiveEvents) break;
      sl.alive = false;
      this.storylines.delete(sl.id);
      this.unindex(this.slPostings, sl);
    }
    while (this.aliases.size > Math.max(1000, o.maxActiveEvents)) {
      const first = this.aliases.keys().next();
      if (first.done === true) break;
      this.aliases.delete(first.value);
    }
  }

  /**
   * Agglomerative re-linking after the fact: streaming leaves fragments (an
   * article that arrived before its event's vocabulary settled founds an event
   * of its own). Each small event (≤ relinkMaxDocs articles), smallest first,
   * is compared with its candidate neighbours centroid to centroid (same
   * similarity and time factor as merges) and merged into the best one when
   * they score at least `relinkThreshold`; repeated until nothing changes. Each
   * merge is returned (and recorded as an alias) with its reason; the older id
   * survives, as with every merge. Call it at the end of a batch.
   */
  relink(): MergeRecord[] {
    const o = this.options;
    const records: MergeRecord[] = [];
    if (!(o.relinkThreshold > 0) || o.relinkMaxDocs <= 0) return records;
    for (let round = 0; round < 10; round++) {
      const small = [...this.events.values()]
        .filter((ev) => ev.nDocs <= o.relinkMaxDocs && ev.shortDocs * 2 >= ev.nDocs)
        .sort((a, b) => a.nDocs - b.nDocs || a.seq - b.seq);
      let merged = 0;
      for (const ev of small) {
        if (!ev.alive) continue;
        const norm = this.eventNorm(ev);
        let best: { ev: EventState; score: number } | null = null;
        for (const other of this.candidateEvents(topTerms(ev.centroid, this.dfs, o.queryTerms))) {
          // Headline events re-link among headline events (a long article's event is not a fragment's home by this rule).
          if (other === ev || other.shortDocs * 2 < other.nDocs) continue;
          const cos = channelSimilarity(ev.centroid, other.centroid, this.dfs, norm, this.eventNorm(other), o.shortNameWeight).score;
          const score = cos * this.timeFactor(rangeGapDays(ev.first, ev.last, other.first, other.last), true);
          if (best === null || score > best.score || (score === best.score && other.seq < best.ev.seq)) best = { ev: other, score };
        }
        if (best === null || best.score < o.relinkThreshold) continue;
        const m = this.tryMerge(ev, best.ev, o.shortNameWeight, o.relinkThreshold, true, `re-link: a small event (${ev.nDocs} articles) joins its best neighbour`);
        if (m !== null) {
          records.push(...m.records);
          merged++;
        }
      }
      if (merged === 0) break;
    }
    return records;
  }

  /** The current id of an event or story line that may have been merged away (the id itself if not). */
  resolve(id: string): string {
    let cur = id;
    for (let i = 0; i < 1000; i++) {
      const next = this.aliases.get(cur);
      if (next === undefined) return cur;
      cur = next;
    }
    return cur;
  }

  get activeEventCount(): number {
    return this.events.size;
  }

  /** Sizes of the state that memory is spent on (for bounded-memory checks). */
  stats(): Record<string, number> {
    let centroidEntries = 0;
    let memberVectors = 0;
    let memberEntries = 0;
    let docIds = 0;
    for (const ev of this.events.values()) {
      centroidEntries += ev.centroid.size;
      memberVectors += ev.members.length;
      for (const m of ev.members) memberEntries += m.f.size;
      docIds += ev.docIds.length;
    }
    let profileEntries = 0;
    for (const sl of this.storylines.values()) profileEntries += sl.profile.size;
    let postingEntries = 0;
    for (const l of this.postings.values()) postingEntries += l.size;
    for (const l of this.slPostings.values()) postingEntries += l.size;
    return {
      events: this.events.size,
      storylines: this.storylines.size,
      centroidEntries,
      memberVectors,
      memberEntries,
      docIds,
      profileEntries,
      postingTerms: this.postings.size + this.slPostings.size,
      postingEntries,
      vocabulary: this.dfs.live.size,
      termIds: this.dfs.size,
      aliases: this.aliases.size,
    };
  }

  /** Terms in the document-frequency table (bounded by maxVocabulary). */
  get vocabularySize(): number {
    return this.dfs.live.size;
  }

  get activeStorylineCount(): number {
    return this.storylines.size;
  }

  /** Active events, oldest first. */
  listEvents(): EventView[] {
    return [...this.events.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((ev) => ({
        id: ev.id,
        storylineId: ev.storyline,
        docIds: [...ev.docIds],
        nDocs: ev.nDocs,
        firstDate: isoDay(ev.first),
        lastDate: isoDay(ev.last),
        topTerms: topTerms(ev.centroid, this.dfs, 10).map(label),
      }));
  }

  listStorylines(): StorylineView[] {
    return [...this.storylines.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((sl) => ({
        id: sl.id,
        eventIds: sl.eventIds.map((id) => this.resolve(id)).filter((id, i, all) => all.indexOf(id) === i),
        firstDate: isoDay(sl.first),
        lastDate: isoDay(sl.last),
        topTerms: topTerms(sl.profile, this.dfs, 10).map(label),
      }));
  }

  /** JSON-serialisable state, for the store to persist between runs. */
  snapshot(): ClustererSnapshot {
    return {
      version: 1,
      options: this.options,
      seq: this.seq,
      newest: Number.isFinite(this.newest) ? this.newest : null,
      n: this.dfs.n,
      df: [...this.dfs.live].map((id) => [this.dfs.term(id), this.dfs.df(id)]),
      events: [...this.events.values()].map((ev) => ({
        id: ev.id,
        seq: ev.seq,
        docIds: ev.docIds,
        nDocs: ev.nDocs,
        centroid: this.dfs.entries(ev.centroid),
        first: ev.first,
        last: ev.last,
        storyline: ev.storyline,
        indexed: [...ev.indexed],
        members: ev.members.map((m) => ({ id: m.id, f: this.dfs.entries(m.f), t: m.t })),
        shortDocs: ev.shortDocs,
      })),
      storylines: [...this.storylines.values()].map((sl) => ({
        id: sl.id,
        seq: sl.seq,
        profile: this.dfs.entries(sl.profile),
        eventIds: sl.eventIds,
        first: sl.first,
        last: sl.last,
        indexed: [...sl.indexed],
      })),
      aliases: [...this.aliases],
    };
  }

  static restore(snapshot: unknown): EventClusterer {
    const s = snapshot as ClustererSnapshot;
    if (s === null || typeof s !== 'object' || s.version !== 1) throw new Error('unsupported clusterer snapshot');
    // JSON turns Infinity into null: unbounded limits come back as null.
    const unbounded = (v: number | null | undefined): number => v ?? Infinity;
    const c = new EventClusterer({
      ...s.options,
      maxActiveEvents: unbounded(s.options.maxActiveEvents),
      maxEventAgeDays: unbounded(s.options.maxEventAgeDays),
      maxDocIdsPerEvent: unbounded(s.options.maxDocIdsPerEvent),
      maxVocabulary: unbounded(s.options.maxVocabulary),
    });
    c.seq = s.seq;
    c.newest = s.newest ?? -Infinity;
    c.dfs.setN(s.n);
    for (const [k, v] of s.df) c.dfs.setDf(c.dfs.intern(k), v);
    for (const e of s.events) {
      const ev: EventState = {
        id: e.id,
        seq: e.seq,
        docIds: [...e.docIds],
        nDocs: e.nDocs,
        centroid: c.dfs.vector(e.centroid),
        first: e.first,
        last: e.last,
        storyline: e.storyline,
        indexed: new Set(),
        alive: true,
        norm: null,
        normAt: 0,
        members: e.members.map((m) => ({ id: m.id, f: c.dfs.vector(m.f), t: m.t })),
        shortDocs: e.shortDocs ?? 0,
      };
      c.events.set(ev.id, ev);
      c.index(c.postings, ev, e.indexed);
    }
    for (const x of s.storylines) {
      const sl: StorylineState = {
        id: x.id,
        seq: x.seq,
        profile: c.dfs.vector(x.profile),
        eventIds: [...x.eventIds],
        first: x.first,
        last: x.last,
        indexed: new Set(),
        alive: true,
        norm: null,
        normAt: 0,
      };
      c.storylines.set(sl.id, sl);
      c.index(c.slPostings, sl, x.indexed);
    }
    for (const [k, v] of s.aliases) c.aliases.set(k, v);
    return c;
  }
}

export interface ClustererSnapshot {
  version: 1;
  options: EventClustererOptions;
  seq: number;
  newest: number | null;
  n: number;
  df: [string, number][];
  events: {
    id: string;
    seq: number;
    docIds: string[];
    nDocs: number;
    centroid: [string, number][];
    first: number | null;
    last: number | null;
    storyline: string;
    indexed: string[];
    members: { id: string; f: [string, number][]; t: number | null }[];
    shortDocs?: number;
  }[];
  storylines: {
    id: string;
    seq: number;
    profile: [string, number][];
    eventIds: string[];
    first: number | null;
    last: number | null;
    indexed: string[];
  }[];
  aliases: [string, string][];
}
