import { contentHash } from '../dedup/content-hash.js';
import { simhash64Parts } from '../dedup/simhash.js';
import { NearDuplicateIndex } from '../dedup/near-duplicate-index.js';
import type { Assignment, ClusterDoc } from './cluster-types.js';
import { EventClusterer, parseTime, type EventClustererConfig } from './event-clusterer.js';

/**
 * The pure function behind `storyline cluster <paths…> --json`: deduplicates
 * and clusters a batch of documents, streaming them in publication order
 * (undated ones last; ties by id), so the same corpus given in any order
 * yields the same events and story lines. One line per input, in input order.
 */

export interface ClusterStreamInput extends ClusterDoc {
  /** Where the input came from (path, URL); echoed in the output line. */
  source: string;
}

export interface ClusterLine {
  source: string;
  id: string;
  eventId: string;
  storylineId: string;
  /** The earlier input this one duplicates (exact or near), or null. */
  duplicateOf: string | null;
}

export interface ClusterStreamResult {
  lines: ClusterLine[];
  /** Per input id: the assignment as made when it streamed in (its reason), or the duplicate decision. */
  why: Map<string, string>;
  clusterer: EventClusterer;
}

export interface ClusterStreamOptions {
  clusterer?: EventClustererConfig;
  /** Largest SimHash Hamming distance counted as a near-duplicate (default 5). */
  nearDuplicateDistance?: number;
  /** Continue from an existing clusterer (e.g. restored from the store) instead of a fresh one. */
  existing?: EventClusterer;
}

/** Publication order where known: dated first by time, undated after, ties by id. Stable and input-order independent. */
export function publicationOrder<T extends { id: string; publishedAt: string | null }>(docs: T[]): T[] {
  return docs
    .map((d) => ({ d, t: parseTime(d.publishedAt) }))
    .sort((a, b) => {
      if (a.t !== null && b.t !== null && a.t !== b.t) return a.t - b.t;
      if ((a.t === null) !== (b.t === null)) return a.t === null ? 1 : -1;
      return a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0;
    })
    .map((x) => x.d);
}

/** Assigns a batch in publication order; returns assignments by id. */
export function assignBatch(clusterer: EventClusterer, docs: ClusterDoc[]): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  for (const d of publicationOrder(docs)) out.set(d.id, clusterer.assign(d));
  return out;
}

export function clusterStream(docs: ClusterStreamInput[], options: ClusterStreamOptions = {}): ClusterStreamResult {
  const clusterer = options.existing ?? new EventClusterer(options.clusterer);
  const exact = new Map<string, string>();
  const near = new NearDuplicateIndex({ maxDistance: options.nearDuplicateDistance ?? 5 });
  const decided = new Map<string, { eventId: string; storylineId: string; duplicateOf: string | null }>();
  const why = new Map<string, string>();
  for (const d of publicationOrder(docs)) {
    const body = (d.title ?? '') + '\n' + d.text;
    const hash = contentHash(body);
    let duplicateOf = exact.get(hash) ?? null;
    let dupWhy = duplicateOf === null ? null : `exact duplicate of ${duplicateOf} (same normalised text)`;
    const fp = simhash64Parts(body);
    if (duplicateOf === null && d.text.length > 0) {
      const m = near.query(fp)[0];
      if (m !== undefined) {
        duplicateOf = m.id;
        dupWhy = `near-duplicate of ${m.id} (SimHash distance ${m.distance} of 64)`;
      }
    }
    const original = duplicateOf === null ? undefined : decided.get(duplicateOf);
    if (original !== undefined && duplicateOf !== null) {
      decided.set(d.id, { eventId: original.eventId, storylineId: original.storylineId, duplicateOf });
      why.set(d.id, `${dupWhy}; placed in its event`);
      continue;
    }
    exact.set(hash, d.id);
    near.add(d.id, fp);
    const a = clusterer.assign(d);
    decided.set(d.id, { eventId: a.eventId, storylineId: a.storylineId, duplicateOf: null });
    why.set(d.id, a.reason + (a.merged === undefined ? '' : `; merged: ${a.merged.map((m) => `${m.from} → ${m.into} (${m.reason})`).join('; ')}`));
  }
  // Fragments of headline events re-link to their best neighbour (recorded as merges, found through resolve()).
  const relinked = new Map(clusterer.relink().map((m) => [m.from, `re-linked: ${m.from} → ${m.into} (${m.reason})`]));
  if (relinked.size > 0) {
    for (const [id, x] of decided) {
      const r = relinked.get(x.eventId);
      if (r !== undefined) why.set(id, `${why.get(id) ?? ''}; ${r}`);
    }
  }
  // Later merges may have renamed events and splits moved articles: report final membership.
  const events = clusterer.listEvents();
  const storylineOf = new Map(events.map((e) => [e.id, e.storylineId]));
  const eventOf = new Map<string, string>();
  for (const e of events) for (const id of e.docIds) eventOf.set(id, e.id);
  const lines = docs.map((d) => {
    const x = decided.get(d.id)!;
    const owner = x.duplicateOf ?? d.id;
    const eventId = eventOf.get(owner) ?? clusterer.resolve(x.eventId);
    const storylineId = clusterer.resolve(storylineOf.get(eventId) ?? x.storylineId);
    return { source: d.source, id: d.id, eventId, storylineId, duplicateOf: x.duplicateOf };
  });
  return { lines, why, clusterer };
}
