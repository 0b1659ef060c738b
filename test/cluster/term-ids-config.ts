import type { EventClustererConfig } from '../../src/cluster/event-clusterer.js';

/** The term-id tests' stream length, where the old snapshot was taken, and the bounded configuration. */
export const STREAM = 500;
export const SNAPSHOT_AT = 50;
export const BOUNDED: EventClustererConfig = {
  maxVocabulary: 300,
  maxActiveEvents: 25,
  maxEventAgeDays: 4,
  centroidTerms: 30,
  memberTerms: 20,
  maxDocIdsPerEvent: 12,
  relinkThreshold: 0.08,
};
