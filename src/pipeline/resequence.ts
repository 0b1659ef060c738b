/**
 * Re-sequencing: the streaming clusterer's events depend on the order articles
 * arrive in. After a run whose arrivals were not in publication order, the
 * whole cluster log is replayed in publication order (`publicationOrder`: the
 * order `storyline cluster` uses), so the stored events are those of the
 * corpus streamed by date whatever order it was ingested in. Pure: the ingest
 * service does the reading and writing.
 */
import { publicationOrder } from '../cluster/cluster-stream.js';
import type { ClusterDoc } from '../cluster/cluster-types.js';
import { EventClusterer, parseTime, type EventClustererConfig } from '../cluster/event-clusterer.js';

/** Publication-order comparison of two cluster inputs (dated first by time, undated last, ties by id). */
function before(a: ClusterDoc, b: ClusterDoc): boolean {
  const ta = parseTime(a.publishedAt);
  const tb = parseTime(b.publishedAt);
  if (ta !== null && tb !== null && ta !== tb) return ta < tb;
  if ((ta === null) !== (tb === null)) return ta !== null;
  return a.id < b.id;
}

/**
 * Whether the log needs replaying: entries up to `settledSeq` were replayed
 * in publication order already; every later entry must come after all
 * earlier ones in publication order, or the online result may differ.
 */
export function arrivedOutOfOrder(entries: readonly { seq: number; doc: ClusterDoc }[], settledSeq: number): boolean {
  let latest: ClusterDoc | null = null;
  for (const e of entries) {
    if (e.seq > settledSeq && latest !== null && before(e.doc, latest)) return true;
    if (latest === null || before(latest, e.doc)) latest = e.doc;
  }
  return false;
}

export interface Replay {
  clusterer: EventClusterer;
  /** Article id → its event after the replay (merges resolved). */
  eventOf: Map<string, string>;
  /** Event id → story line id. */
  storylineOf: Map<string, string>;
  /** Article id → why it joined its event in the replay. */
  reasonOf: Map<string, string>;
  /** Merges the replay made (for the events' history). */
  merges: { from: string; into: string; reason: string }[];
}

/** Streams the documents through a fresh clusterer in publication order. */
export function replayInPublicationOrder(docs: readonly ClusterDoc[], config: EventClustererConfig): Replay {
  const clusterer = new EventClusterer(config);
  const assigned = new Map<string, string>();
  const reasonOf = new Map<string, string>();
  const storylineAt: [string, string][] = [];
  const merges: Replay['merges'] = [];
  for (const d of publicationOrder([...docs])) {
    const a = clusterer.assign(d);
    assigned.set(d.id, a.eventId);
    reasonOf.set(d.id, a.reason);
    storylineAt.push([a.eventId, a.storylineId]);
    for (const s of a.splits ?? []) for (const id of s.articleIds) assigned.set(id, s.into);
    for (const m of a.merged ?? []) merges.push(m);
  }
  const eventOf = new Map([...assigned].map(([id, ev]) => [id, clusterer.resolve(ev)]));
  const storylineOf = new Map<string, string>();
  // The latest assignment to an event (after merges) tells its story line.
  for (const [ev, sl] of storylineAt) storylineOf.set(clusterer.resolve(ev), clusterer.resolve(sl));
  return { clusterer, eventOf, storylineOf, reasonOf, merges };
}

export interface PartitionDiff {
  /** Articles whose event id changed. */
  moved: string[];
  /** New events whose membership differs from the stored event of the same id (or that are new). */
  changedEvents: Set<string>;
  /** Stored events that no longer exist, each with the new event that took most of its articles. */
  retired: { id: string; into: string | null }[];
  /** Stored events whose articles now sit in several events: article counts per new event, largest first. */
  split: { id: string; parts: [string, number][] }[];
}

/** Compares the stored partition with the replayed one. */
export function diffPartitions(stored: ReadonlyMap<string, string | null>, next: ReadonlyMap<string, string>): PartitionDiff {
  const members = (m: ReadonlyMap<string, string | null>) => {
    const out = new Map<string, string[]>();
    for (const [a, e] of m) if (e !== null) out.set(e, [...(out.get(e) ?? []), a]);
    for (const list of out.values()) list.sort();
    return out;
  };
  const before = members(stored);
  const after = members(next);
  const moved = [...next].filter(([a, e]) => stored.get(a) !== e).map(([a]) => a);
  const changedEvents = new Set<string>();
  for (const [e, list] of after) if (before.get(e)?.join('\n') !== list.join('\n')) changedEvents.add(e);
  const retired: PartitionDiff['retired'] = [];
  const split: PartitionDiff['split'] = [];
  for (const [e, list] of before) {
    const votes = new Map<string, number>();
    for (const a of list) {
      const n = next.get(a);
      if (n !== undefined) votes.set(n, (votes.get(n) ?? 0) + 1);
    }
    const parts = [...votes].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    if (parts.length > 1) split.push({ id: e, parts });
    if (!after.has(e)) retired.push({ id: e, into: parts[0]?.[0] ?? null });
  }
  return { moved, changedEvents, retired, split };
}
