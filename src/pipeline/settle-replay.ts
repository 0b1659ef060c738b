/**
 * The settle step's replay: the whole cluster log re-assigned in publication
 * order, and the change that makes the stored events match it (moves,
 * merged-away events, event and story-line rows, history, provenance).
 */
import type { Article, ArticleId } from '../model/types.js';
import type { ProvenanceMemo } from '../provenance/provenance-graph.js';
import type { EventClusterer } from '../cluster/event-clusterer.js';
import type { ClusteringChange, ClusterLogEntry, EventRecord, Store } from '../store/store-port.js';
import { diffPartitions, replayInPublicationOrder } from './resequence.js';
import { eventRecord, provenanceEdges, provenanceWithin, STORED_CLUSTERER, storylineOf } from './event-records.js';

export interface PublicationOrderChange {
  change: ClusteringChange;
  /** The replayed clusterer, to carry on from. */
  clusterer: EventClusterer;
  moved: number;
  eventsChanged: number;
  eventsRetired: number;
}

/**
 * Replays `entries` (the whole log) in publication order and builds the change to apply; `seq` is the log position
 * the replayed clusterer stands for, `provenanceWindow` the ingest path's window (settle looks four times as far).
 */
export async function publicationOrderChange(
  store: Store,
  entries: ClusterLogEntry[],
  seq: number,
  memo: ProvenanceMemo,
  provenanceWindow: number,
  at: string,
  /** Profiling: called with a phase's name when it ends (null to start the clock). */
  mark: (phase: string | null) => void = () => {},
): Promise<PublicationOrderChange> {
  mark(null);
  const replay = replayInPublicationOrder(
    entries.map((e) => e.doc),
    STORED_CLUSTERER,
  );
  mark('replay');
  const storedEvent = new Map(entries.map((e) => [e.doc.id, e.eventId]));
  const diff = diffPartitions(storedEvent, replay.eventOf);
  // Every event's row is rebuilt (story lines may have been regrouped too); provenance only where membership changed.
  const oldEvents = [...new Set(entries.map((e) => e.eventId).filter((e): e is string => e !== null))];
  mark('diff');
  const articles = new Map((await store.eventArticles(oldEvents)).map((x) => [x.id as string, x]));
  mark('read articles');
  const membersOf = new Map<string, Article[]>();
  for (const [id, ev] of replay.eventOf) {
    const art = articles.get(id);
    if (art !== undefined) membersOf.set(ev, [...(membersOf.get(ev) ?? []), art]);
  }
  const events = [...membersOf].map(([ev, members]) => eventRecord(ev, replay.storylineOf.get(ev) ?? ev, members));
  const byStoryline = new Map<string, EventRecord[]>();
  for (const e of events) byStoryline.set(e.storylineId ?? e.id, [...(byStoryline.get(e.storylineId ?? e.id) ?? []), e]);
  const oldStorylines = new Set(entries.map((e) => e.storylineId).filter((s): s is string => s !== null));
  mark('event rows');
  // Provenance of every event with several articles: an article dated earlier than one stored before it
  // may be the other's source, even where membership did not change.
  const provenance: ClusteringChange['provenance'] = [];
  for (const [ev, all] of membersOf) {
    if (all.length < 2 && !diff.changedEvents.has(ev)) continue;
    const pool = all.slice(-provenanceWindow * 4);
    const kinds = provenanceWithin(pool, memo);
    const edges = provenanceEdges(pool, memo);
    for (const m of pool) {
      const k = kinds.get(m.id)!;
      provenance.push({ articleId: m.id, kind: k.kind, of: k.of, edges: edges.filter((e) => e.to === m.id) });
    }
  }
  mark('provenance');
  const why = (id: string) => `re-sequenced in publication order: ${replay.reasonOf.get(id) ?? 'replayed'}`;
  const change: ClusteringChange = {
    moves: diff.moved.map((id) => ({ articleId: id as ArticleId, eventId: replay.eventOf.get(id)!, membership: why(id) })),
    events,
    retired: diff.retired,
    storylines: [...byStoryline].map(([id, evs]) => storylineOf(id, evs)),
    retiredStorylines: [...oldStorylines].filter((id) => !byStoryline.has(id)),
    history: [
      ...diff.split.map((x) => ({
        eventId: x.id,
        action: 'split' as const,
        detail: `re-sequenced in publication order: its articles now belong to ${x.parts.map(([ev, n]) => `${ev} (${n})`).join(', ')}`,
      })),
      ...diff.retired
        .filter((r) => !diff.split.some((x) => x.id === r.id))
        .map((r) => ({ eventId: r.id, action: 'merge' as const, detail: `re-sequenced in publication order: its articles now belong to ${r.into ?? 'no event'}` })),
      ...[...diff.changedEvents].map((ev) => ({ eventId: ev, action: 'add' as const, detail: `re-sequenced in publication order: ${membersOf.get(ev)?.length ?? 0} articles` })),
    ],
    provenance,
    checkpoint: { snapshot: replay.clusterer.snapshot(), seq },
    at,
  };
  mark('change');
  return { change, clusterer: replay.clusterer, moved: diff.moved.length, eventsChanged: diff.changedEvents.size, eventsRetired: diff.retired.length };
}
