/**
 * The rows an event's members make: what the clusterer and the summary see of
 * an article, the event and story-line records, and the provenance within a
 * pool of same-event articles. Shared by the ingest path and the settle step.
 */
import type { ClusterDoc } from '../cluster/cluster-types.js';
import { EventSummaryState, leadSentences, summarizeEvent, type EventSummary } from '../cluster/event-summary.js';
import type { buildProvenance, ProvenanceInput, ProvenanceMemo } from '../provenance/provenance-graph.js';
import type { EventClustererConfig } from '../cluster/event-clusterer.js';
import type { Article, ArticleId } from '../model/types.js';
import type { EventRecord, ProvenanceEdge, ProvenanceKind, StorylineRecord } from '../store/store-port.js';
import { uniq } from '../util/uniq.js';

/**
 * The stored clusterer's configuration. Splits move stored articles between
 * events outside any single article's commit; the store applies re-clusterings
 * only at settle time, so the online clusterer runs without them.
 */
export const STORED_CLUSTERER: EventClustererConfig = { memberVectors: 0 };


/** What the clusterer and the event summary see of an article: its text, its own (document-level) names and places. */
export function clusterDocOf(a: Article): ClusterDoc {
  return {
    id: a.id,
    title: a.title,
    text: a.text,
    publishedAt: a.publishedAt,
    entities: uniq(a.entityTable.filter((e) => e.type !== 'LOC').map((e) => e.name)),
    places: uniq(a.places.map((p) => p.name)),
    outlet: a.outlet,
  };
}

/**
 * What an event's rows read of a member article: the cluster document, its first sentences (all a summary reads)
 * and the provenance inputs. Small enough to keep per event while ingesting (see event-members.ts).
 */
export interface EventMember extends ClusterDoc {
  leads: readonly string[];
  wire: boolean;
  agency: string | null;
  directQuotes: number;
}

const members = new WeakMap<Article, EventMember>();
/** The member form of an article (remembered per article object). */
export function eventMemberOf(a: Article): EventMember {
  let m = members.get(a);
  if (m === undefined) {
    m = {
      ...clusterDocOf(a),
      leads: leadSentences(a.text),
      wire: a.wire,
      agency: a.dateline?.agency ?? null,
      directQuotes: a.quotes.filter((q) => q.kind === 'direct').length,
    };
    members.set(a, m);
  }
  return m;
}

/** An article or its member form: the settle step reads whole articles, the ingest path keeps members. */
export type MemberLike = Article | EventMember;
const asMember = (m: MemberLike): EventMember => ('entityTable' in m ? eventMemberOf(m) : m);

/**
 * The ingest path's summary states, by event (least recently used first): each holds the members it has read, and
 * serves a list only when those are the list's first members (the same objects, in the same order); any other list
 * (a merge, a reload, a member the store did not keep) starts again. Bounded by the members held in all (a state
 * costs about 5 KB per member: postings, the candidates' normalised texts, the centre). Building a state costs
 * about what one `summarizeEvent` does, so the settle step (each event once) goes through it too.
 */
export class EventSummaries {
  private readonly byEvent = new Map<string, { state: EventSummaryState; members: EventMember[] }>();
  private held = 0;

  constructor(private readonly maxMembers = 10_000) {}

  /** `summarizeEvent(members)`, reading only the members added since the event's last summary when it can. */
  summarize(eventId: string, members: readonly EventMember[]): EventSummary {
    let entry = this.byEvent.get(eventId);
    this.byEvent.delete(eventId);
    if (entry !== undefined) this.held -= entry.members.length;
    if (entry !== undefined && !isPrefix(entry.members, members)) entry = undefined;
    entry ??= { state: new EventSummaryState(), members: [] };
    for (let i = entry.members.length; i < members.length; i++) {
      entry.state.add(members[i]!);
      entry.members.push(members[i]!);
    }
    const summary = entry.state.summary();
    this.held += entry.members.length;
    this.byEvent.set(eventId, entry);
    for (const [id, e] of this.byEvent) {
      if (this.held <= this.maxMembers || id === eventId) break;
      this.byEvent.delete(id);
      this.held -= e.members.length;
    }
    return summary;
  }

  clear(): void {
    this.byEvent.clear();
    this.held = 0;
  }

  /** Events and members held (tests). */
  get size(): { events: number; members: number } {
    return { events: this.byEvent.size, members: this.held };
  }
}

function isPrefix(head: readonly EventMember[], list: readonly EventMember[]): boolean {
  if (head.length > list.length) return false;
  for (let i = 0; i < head.length; i++) if (head[i] !== list[i]) return false;
  return true;
}

/** The summary states of eventRecord's member-form lists (the ingest path's). */
const summaries = new EventSummaries();

/**
 * Drops every summary state (and with it the member articles the states hold). The ingest service calls it when it
 * lets go of its members (a settle, a reload): the states would only start again, but keep the old members alive.
 */
export function forgetEventSummaries(): void {
  summaries.clear();
}

/**
 * An event's row from its member articles. Lists of member forms (the ingest path, one event's members again with
 * each new one) are summarised incrementally by event (`EventSummaries`); lists of articles (the settle step, each
 * event once) in full. Either way the same row.
 */
export function eventRecord(id: string, storylineId: string, list: readonly MemberLike[]): EventRecord {
  const docs = list.map(asMember);
  const summary = list.every((m) => !('entityTable' in m)) ? summaries.summarize(id, docs) : summarizeEvent(docs);
  const first = docs[0];
  return {
    id,
    storylineId,
    label: summary.label || (first?.title ?? first?.text.slice(0, 80) ?? id),
    summary: summary.summary,
    firstDate: summary.firstDate,
    lastDate: summary.lastDate,
    articleCount: docs.length,
    outlets: summary.outlets,
    keyEntities: summary.keyEntities,
  };
}

/** Events a story line's row reads: its most covered ones. */
export const STORYLINE_EVENTS = 200;

type StorylineEvent = Pick<EventRecord, 'id' | 'label' | 'articleCount' | 'keyEntities' | 'firstDate' | 'lastDate'>;

/** Most covered first; then the latest (undated last); then by id, so that the row never depends on read order. */
export function coverageOrder(a: StorylineEvent, b: StorylineEvent): number {
  if (a.articleCount !== b.articleCount) return b.articleCount - a.articleCount;
  if (a.lastDate !== b.lastDate) {
    if (a.lastDate === null) return 1;
    if (b.lastDate === null) return -1;
    return a.lastDate > b.lastDate ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A story line's row from its events (its `STORYLINE_EVENTS` most covered): the label of its most covered event,
 * its key entities and date range.
 */
export function storylineOf(id: string, all: readonly StorylineEvent[]): StorylineRecord {
  const events = mostCovered(all, STORYLINE_EVENTS);
  const biggest = events[0]!;
  const entityCounts = new Map<string, number>();
  for (const e of events) for (const k of e.keyEntities) entityCounts.set(k, (entityCounts.get(k) ?? 0) + e.articleCount);
  const keyEntities = [...entityCounts].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k]) => k);
  const dates = events.flatMap((e) => [e.firstDate, e.lastDate]).filter((d): d is string => d !== null && /^\d{4}/.test(d)).sort();
  return { id, label: biggest.label, firstDate: dates[0] ?? null, lastDate: dates.at(-1) ?? null, keyEntities };
}

const inputs = new WeakMap<EventMember, ProvenanceInput>();
/**
 * The provenance inputs of a pool: one frozen object per member, the same for every pool the member is in, so
 * that the memo digests its inputs once (`ProvenanceMemo.keyOf`).
 */
/**
 * `[...all].sort(coverageOrder).slice(0, k)` without sorting them all: the best `k` kept in a heap (worst on top) by
 * coverage order, then position in `all` (the stable sort's tie-break), and only those sorted.
 */
export function mostCovered<T extends StorylineEvent>(all: readonly T[], k: number): T[] {
  if (all.length <= k) return [...all].sort(coverageOrder);
  if (k <= 0) return [];
  /** Whether the event at position i comes after the one at j. */
  const after = (i: number, j: number): boolean => {
    const c = coverageOrder(all[i]!, all[j]!);
    return c !== 0 ? c > 0 : i > j;
  };
  const heap: number[] = [];
  const down = (): void => {
    for (let at = 0; ; ) {
      const l = 2 * at + 1;
      const r = l + 1;
      let top = at;
      if (l < heap.length && after(heap[l]!, heap[top]!)) top = l;
      if (r < heap.length && after(heap[r]!, heap[top]!)) top = r;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top]!, heap[at]!];
      at = top;
    }
  };
  for (let i = 0; i < all.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0; ) {
        const up = (at - 1) >> 1;
        if (!after(heap[at]!, heap[up]!)) break;
        [heap[at], heap[up]] = [heap[up]!, heap[at]!];
        at = up;
      }
    } else if (after(heap[0]!, i)) {
      heap[0] = i;
      down();
    }
  }
  return heap.sort((i, j) => (after(i, j) ? 1 : -1)).map((i) => all[i]!);
}

function provenanceInputs(pool: readonly MemberLike[]): ProvenanceInput[] {
  return pool.map((x) => {
    const m = asMember(x);
    let input = inputs.get(m);
    if (input === undefined) {
      input = Object.freeze({ id: m.id, publishedAt: m.publishedAt, outlet: m.outlet, text: m.text, wire: m.wire, agency: m.agency, directQuotes: m.directQuotes });
      inputs.set(m, input);
    }
    return input;
  });
}

const provenanceCache = new WeakMap<readonly MemberLike[], ReturnType<typeof buildProvenance>>();
/** The pool's provenance graph; the edges' passages are not stored, so the memo leaves them out. */
function provenanceResult(pool: readonly MemberLike[], memo: ProvenanceMemo): ReturnType<typeof buildProvenance> {
  let r = provenanceCache.get(pool);
  if (r === undefined) {
    r = memo.build(provenanceInputs(pool), { passages: false });
    provenanceCache.set(pool, r);
  }
  return r;
}

/** Each article's classification within a pool of same-event articles. */
export function provenanceWithin(pool: readonly MemberLike[], memo: ProvenanceMemo): Map<string, { kind: ProvenanceKind; of: ArticleId | null }> {
  const result = provenanceResult(pool, memo);
  const byId = new Map(result.articles.map((x) => [x.id, x]));
  return new Map(
    pool.map((m) => {
      const x = byId.get(m.id);
      return [m.id, { kind: (x?.classification ?? (m.wire ? 'wire' : 'original')) as ProvenanceKind, of: (x?.source as ArticleId | null | undefined) ?? null }];
    }),
  );
}

export function provenanceEdges(pool: readonly MemberLike[], memo: ProvenanceMemo): ProvenanceEdge[] {
  return provenanceResult(pool, memo).edges.map((e) => ({ from: e.from as ArticleId, to: e.to as ArticleId, kind: e.kind, evidence: e.evidence, score: e.score }));
}
