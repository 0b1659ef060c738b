/**
 * The seam between a store and the incremental event clusterer. The store
 * keeps the clusterer's state as a snapshot (`cluster_state`); with several
 * workers, each one reloads the snapshot when another worker has written a
 * newer version, under the same lock that serialises assignment.
 */
import type { Assignment, ClusterDoc } from '../../cluster/cluster-types.js';
import { EventClusterer, type EventClustererConfig } from '../../cluster/event-clusterer.js';

export interface ClusterEngine {
  /** Replaces the in-memory state with a snapshot (null: start empty). */
  load(snapshot: unknown): void;
  assign(doc: ClusterDoc): Assignment;
  /** A JSON-serialisable copy of the state. */
  snapshot(): unknown;
}

export type ClusterEngineFactory = () => ClusterEngine;

/** The project's streaming event clusterer behind the engine seam (the default). */
export function eventClustererEngine(config: EventClustererConfig = {}): ClusterEngine {
  let c = new EventClusterer(config);
  return {
    load(snapshot) {
      c = snapshot === null || snapshot === undefined ? new EventClusterer(config) : EventClusterer.restore(snapshot);
    },
    assign: (doc) => c.assign(doc),
    snapshot: () => c.snapshot(),
  };
}

/**
 * For tests only: every article opens its own event.
 */
export function singletonClusterEngine(): ClusterEngine {
  let n = 0;
  return {
    load(snapshot) {
      n = typeof snapshot === 'object' && snapshot !== null && typeof (snapshot as { n?: unknown }).n === 'number' ? (snapshot as { n: number }).n : 0;
    },
    assign(doc) {
      n += 1;
      return { eventId: `ev_${doc.id}`, storylineId: `sl_${doc.id}`, isNewEvent: true, reason: 'no clusterer configured: one event per article' };
    },
    snapshot: () => ({ n }),
  };
}
