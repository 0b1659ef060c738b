/**
 * The settle step's replay: the whole cluster log re-assigned in publication
 * order, and the change that makes the stored events match it (moves,
 * merged-away events, event and story-line rows, history, provenance).
 *
 * The events' articles are read from the store a batch of events at a time
 * (never the whole corpus at once). Given the position of the last settle
 * (`settled`), events and story lines that cannot have changed since are left
 * as that settle wrote them (`unchangedSince`); `storedOrderChange` is the same
 * change for a log that arrived in publication order since (no replay).
 */
import type { ArticleId } from '../model/types.js';
import type { ProvenanceMemo } from '../provenance/provenance-graph.js';
import type { EventClusterer } from '../cluster/event-clusterer.js';
import type { ClusteringChange, ClusterLogEntry, EventRecord, Store } from '../store/store-port.js';
import { publicationOrder } from '../cluster/cluster-stream.js';
import { diffPartitions, replayInPublicationOrder, type Replay } from './resequence.js';
import { type EventMember, eventMemberOf, eventRecord, provenanceEdges, provenanceWithin, STORED_CLUSTERER, storylineOf } from './event-records.js';

/**
 * The settle rules' version, recorded with the settled position by every change `publicationOrderChange` builds
 * (`ClusteringChange.replayed`). A settle in another process leaves the events of that replay untouched since as they
 * are only when the recorded version is this one (otherwise it rebuilds every event: a full replay). Bump it with
 * any change to what a replay decides or writes for an event: the clusterer's assignments and merges
 * (src/cluster, STORED_CLUSTERER), event and story-line rows (event-records.ts, src/cluster/event-summary.ts),
 * provenance (src/provenance, the settle's window), membership reasons. test/pipeline/settle-rules-version.test.ts
 * fails when the decisions on its corpus change and the version does not.
 */
export const SETTLE_RULES_VERSION = '1';

/** The rules a replay records and a later settle compares: the version and the provenance window it ran with. */
export function settleRules(provenanceWindow: number): string {
  return `${SETTLE_RULES_VERSION} window ${provenanceWindow}`;
}

export interface PublicationOrderChange {
  change: ClusteringChange;
  /** The replayed clusterer, to carry on from. */
  clusterer: EventClusterer;
  moved: number;
  eventsChanged: number;
  eventsRetired: number;
  /** Events left as the last settle wrote them (with `settled`). */
  eventsUnchanged: number;
}

export interface PublicationOrderOptions {
  /** Profiling: called with a phase's name when it ends (null to start the clock). */
  mark?: (phase: string | null) => void;
  /** Articles read from the store at a time (about: a batch holds whole groups of events; default 1,000). */
  batchArticles?: number;
  /**
   * What the store holds, when the caller knows it: every event's row and provenance as this function wrote them at
   * log position `seq` (a settle that replayed the log up to there, with the same settleRules: the store's
   * SettledState), with nothing written to them since but by the ingest of later log entries; `placesChanged`: the
   * articles whose places were re-read since (their events' rows are rebuilt). Events and story lines that cannot differ from then are left as they are (see `unchangedSince`).
   * Without it, every event's row and provenance are rebuilt.
   */
  settled?: { seq: number; placesChanged: ReadonlySet<string> };
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
  options: PublicationOrderOptions = {},
): Promise<PublicationOrderChange> {
  const mark = options.mark ?? (() => {});
  mark(null);
  const replay = replayInPublicationOrder(
    entries.map((e) => e.doc),
    STORED_CLUSTERER,
  );
  mark('replay');
  const out = await changeTo(store, entries, seq, memo, provenanceWindow, at, replay, options);
  // Applied, the stored events are this replay's: a later settle (in any process, with the same rules) may trust them.
  out.change.replayed = { rules: settleRules(provenanceWindow) };
  return out;
}

/**
 * A settle when the log arrived in publication order since the last one (`arrivedOutOfOrder` false): the stored
 * events are the replay's already, so the change keeps them (no move, no history) and rebuilds what
 * `publicationOrderChange` would with the same `settled`: the rows and provenance of the events that have articles
 * logged after `settled.seq` or with re-read places. `clusterer` is the online one (it stands for `seq`).
 */
export async function storedOrderChange(
  store: Store,
  entries: ClusterLogEntry[],
  seq: number,
  clusterer: EventClusterer,
  memo: ProvenanceMemo,
  provenanceWindow: number,
  at: string,
  options: PublicationOrderOptions & Required<Pick<PublicationOrderOptions, 'settled'>>,
): Promise<PublicationOrderChange> {
  const eventOf = new Map<string, string>();
  const storylineOf = new Map<string, string>();
  const stored = new Map(entries.map((e) => [e.doc.id, e]));
  // Members in publication order, as the replay lists them.
  for (const d of publicationOrder(entries.map((e) => e.doc))) {
    const e = stored.get(d.id)!;
    if (e.eventId === null) continue;
    eventOf.set(d.id, e.eventId);
    if (e.storylineId !== null) storylineOf.set(e.eventId, e.storylineId);
  }
  return changeTo(store, entries, seq, memo, provenanceWindow, at, { clusterer, eventOf, storylineOf, reasonOf: new Map(), merges: [] }, options);
}

/** The change that makes the store hold `replay`'s events (with their rows and provenance). */
async function changeTo(
  store: Store,
  entries: ClusterLogEntry[],
  seq: number,
  memo: ProvenanceMemo,
  provenanceWindow: number,
  at: string,
  replay: Replay,
  options: PublicationOrderOptions,
): Promise<PublicationOrderChange> {
  const mark = options.mark ?? (() => {});
  const storedEvent = new Map(entries.map((e) => [e.doc.id, e.eventId]));
  const diff = diffPartitions(storedEvent, replay.eventOf);
  // Each replayed event's articles in publication order: those in a stored event (the ones the store is read for).
  const memberIds = new Map<string, string[]>();
  for (const [id, ev] of replay.eventOf) {
    if ((storedEvent.get(id) ?? null) === null) continue;
    const list = memberIds.get(ev);
    if (list === undefined) memberIds.set(ev, [id]);
    else list.push(id);
  }
  const oldStorylines = new Set(entries.map((e) => e.storylineId).filter((s): s is string => s !== null));
  const storylineOfEvent = (ev: string): string => replay.storylineOf.get(ev) ?? ev;
  const unchanged = options.settled === undefined ? null : unchangedSince(options.settled, entries, memberIds, diff.changedEvents, storylineOfEvent);
  // The events whose rows are written: all of them, or those of the story lines that may have changed.
  const written = unchanged === null ? memberIds : new Map([...memberIds].filter(([ev]) => !unchanged.storylines.has(storylineOfEvent(ev))));
  mark('diff');
  // Every event's row is rebuilt (story lines may have been regrouped too), and the provenance of every event with
  // several articles: an article dated earlier than one stored before it may be the other's source, even where
  // membership did not change. Read a batch of events at a time and kept in the small member form, so that the
  // whole corpus's documents are never held at once.
  const records = new Map<string, EventRecord>();
  const provenanceOf = new Map<string, ClusteringChange['provenance']>();
  for (const batch of readBatches(written, storedEvent, options.batchArticles ?? SETTLE_BATCH_ARTICLES)) {
    const members = new Map<string, EventMember>();
    for (const a of await store.eventArticles(batch.storedEvents)) members.set(a.id, eventMemberOf(a));
    mark('read articles');
    const membersOf = new Map(batch.events.map((ev) => [ev, memberIds.get(ev)!.map((id) => members.get(id)).filter((m) => m !== undefined)]));
    for (const [ev, all] of membersOf) if (all.length > 0) records.set(ev, eventRecord(ev, storylineOfEvent(ev), all));
    mark('event rows');
    for (const [ev, all] of membersOf) {
      if (all.length < 2 && !diff.changedEvents.has(ev)) continue;
      if (unchanged?.events.has(ev) === true) continue;
      const pool = all.slice(-provenanceWindow * 4);
      const kinds = provenanceWithin(pool, memo);
      const edges = provenanceEdges(pool, memo);
      provenanceOf.set(
        ev,
        pool.map((m) => {
          const k = kinds.get(m.id)!;
          return { articleId: m.id as ArticleId, kind: k.kind, of: k.of, edges: edges.filter((e) => e.to === m.id) };
        }),
      );
    }
    mark('provenance');
  }
  // In the order of the events' first articles (the order the whole corpus read at once gave).
  const events = [...written.keys()].flatMap((ev) => records.get(ev) ?? []);
  const byStoryline = new Map<string, EventRecord[]>();
  for (const e of events) byStoryline.set(e.storylineId ?? e.id, [...(byStoryline.get(e.storylineId ?? e.id) ?? []), e]);
  const provenance = [...written.keys()].flatMap((ev) => provenanceOf.get(ev) ?? []);
  const liveStorylines = new Set([...memberIds.keys()].map(storylineOfEvent));
  const why = (id: string) => `re-sequenced in publication order: ${replay.reasonOf.get(id) ?? 'replayed'}`;
  const change: ClusteringChange = {
    moves: diff.moved.map((id) => ({ articleId: id as ArticleId, eventId: replay.eventOf.get(id)!, membership: why(id) })),
    events,
    retired: diff.retired,
    storylines: [...byStoryline].map(([id, evs]) => storylineOf(id, evs)),
    retiredStorylines: [...oldStorylines].filter((id) => !liveStorylines.has(id)),
    history: [
      ...diff.split.map((x) => ({
        eventId: x.id,
        action: 'split' as const,
        detail: `re-sequenced in publication order: its articles now belong to ${x.parts.map(([ev, n]) => `${ev} (${n})`).join(', ')}`,
      })),
      ...diff.retired
        .filter((r) => !diff.split.some((x) => x.id === r.id))
        .map((r) => ({ eventId: r.id, action: 'merge' as const, detail: `re-sequenced in publication order: its articles now belong to ${r.into ?? 'no event'}` })),
      ...[...diff.changedEvents].map((ev) => ({ eventId: ev, action: 'add' as const, detail: `re-sequenced in publication order: ${memberIds.get(ev)?.length ?? 0} articles` })),
    ],
    provenance,
    checkpoint: { snapshot: replay.clusterer.snapshot(), seq },
    at,
  };
  mark('change');
  return {
    change,
    clusterer: replay.clusterer,
    moved: diff.moved.length,
    eventsChanged: diff.changedEvents.size,
    eventsRetired: diff.retired.length,
    eventsUnchanged: unchanged?.events.size ?? 0,
  };
}

const SETTLE_BATCH_ARTICLES = 1_000;

/**
 * The replayed events (`memberIds` order) in batches to read together: the stored events holding a replayed
 * event's articles and the replayed events holding a stored event's articles belong to one group (connected through
 * articles), and a batch holds whole groups, so that every article read belongs to one of the batch's events.
 */
export function readBatches(
  memberIds: ReadonlyMap<string, readonly string[]>,
  storedEvent: ReadonlyMap<string, string | null>,
  maxArticles: number,
): { events: string[]; storedEvents: string[] }[] {
  // Union-find over replayed events ("r" keys) and stored events ("s" keys).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const [ev, ids] of memberIds) {
    parent.set(`r${ev}`, parent.get(`r${ev}`) ?? `r${ev}`);
    for (const id of ids) {
      const s = `s${storedEvent.get(id)!}`;
      if (!parent.has(s)) parent.set(s, s);
      union(`r${ev}`, s);
    }
  }
  const groups = new Map<string, { events: string[]; storedEvents: string[]; articles: number }>();
  for (const key of parent.keys()) {
    const root = find(key);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = { events: [], storedEvents: [], articles: 0 }));
    if (key.startsWith('r')) {
      g.events.push(key.slice(1));
      g.articles += memberIds.get(key.slice(1))!.length;
    } else g.storedEvents.push(key.slice(1));
  }
  const batches: { events: string[]; storedEvents: string[] }[] = [];
  let cur = { events: [] as string[], storedEvents: [] as string[], articles: 0 };
  for (const g of groups.values()) {
    cur.events.push(...g.events);
    cur.storedEvents.push(...g.storedEvents);
    cur.articles += g.articles;
    if (cur.articles >= maxArticles) {
      batches.push({ events: cur.events, storedEvents: cur.storedEvents });
      cur = { events: [], storedEvents: [], articles: 0 };
    }
  }
  if (cur.events.length > 0) batches.push({ events: cur.events, storedEvents: cur.storedEvents });
  return batches;
}

/**
 * The replayed events and story lines that cannot differ from what the settle at `settled.seq` wrote for them.
 *
 * An event is unchanged when the stored event of its id has exactly its articles (not in `changedEvents`), all of
 * them logged at or before `settled.seq` and none with re-read places, and its stored story line is the replayed
 * one. Then that settle gave it the same articles (after it, the stored partition was the replayed one; since, an
 * ingest changes a stored event only by adding its article to it, or by merging whole events into the one it joined,
 * which would have put a later article in it), so the same pool in the same (publication) order and the same inputs:
 * the same row and provenance. Nothing rewrote them since: an ingest writes the row of the event its article joined
 * and provenance only within that event's articles (which would share its stored event, so again a later article
 * in it), and story-line merges change only the row's story line, compared here.
 *
 * A story line is unchanged when its events are, and the stored events naming it are exactly its replayed events:
 * that settle wrote its row from the same event rows, and an ingest rewrites a story line's row only for the one its
 * article's event belongs to (which would hold a later article).
 */
export function unchangedSince(
  settled: { seq: number; placesChanged: ReadonlySet<string> },
  entries: readonly ClusterLogEntry[],
  memberIds: ReadonlyMap<string, readonly string[]>,
  changedEvents: ReadonlySet<string>,
  storylineOfEvent: (ev: string) => string,
): { events: Set<string>; storylines: Set<string> } {
  const seqOf = new Map(entries.map((e) => [e.doc.id, e.seq]));
  const storedStoryline = new Map<string, string | null>();
  const storedEventsOf = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.eventId === null) continue;
    storedStoryline.set(e.eventId, e.storylineId);
    if (e.storylineId === null) continue;
    const set = storedEventsOf.get(e.storylineId);
    if (set === undefined) storedEventsOf.set(e.storylineId, new Set([e.eventId]));
    else set.add(e.eventId);
  }
  const events = new Set<string>();
  const replayedEventsOf = new Map<string, string[]>();
  for (const [ev, ids] of memberIds) {
    const sl = storylineOfEvent(ev);
    const evs = replayedEventsOf.get(sl);
    if (evs === undefined) replayedEventsOf.set(sl, [ev]);
    else evs.push(ev);
    if (changedEvents.has(ev) || storedStoryline.get(ev) !== sl) continue;
    if (ids.every((id) => (seqOf.get(id) ?? Infinity) <= settled.seq && !settled.placesChanged.has(id))) events.add(ev);
  }
  const storylines = new Set<string>();
  for (const [sl, evs] of replayedEventsOf) {
    const stored = storedEventsOf.get(sl);
    if (stored !== undefined && stored.size === evs.length && evs.every((ev) => events.has(ev) && stored.has(ev))) storylines.add(sl);
  }
  return { events, storylines };
}
