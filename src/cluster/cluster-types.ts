import type { FeatureWeights } from './term-features.js';

/** What the clusterer needs to know about one article. */
export interface ClusterDoc {
  id: string;
  title: string | null;
  text: string;
  /** ISO date or date-time; null (or unparseable) when unknown. */
  publishedAt: string | null;
  /** Canonical entity names (from NER); may be empty. */
  entities: string[];
  places: string[];
  outlet: string | null;
}

export interface MergeRecord {
  from: string;
  into: string;
  reason: string;
}

/** An event split in two: `articleIds` moved from `from` to the new event `into`. */
export interface SplitRecord {
  from: string;
  into: string;
  articleIds: string[];
  reason: string;
}

export interface Assignment {
  eventId: string;
  storylineId: string;
  isNewEvent: boolean;
  /** Why: similarity score, shared terms/entities, time gap. */
  reason: string;
  /** Events (or story lines, prefixed `storyline `) merged as a consequence of this article. */
  merged?: MergeRecord[];
  /** Events split as a consequence of this article (the store must move `articleIds`). */
  splits?: SplitRecord[];
}

export interface StorylineOptions {
  /** Minimum cosine between an event and a story line profile to link them. */
  threshold: number;
  /** Terms kept per story line profile (bounded memory). */
  profileTerms: number;
}

export interface EventClustererOptions {
  /** Minimum score (text cosine times time factor) for an article to join an event. */
  threshold: number;
  /** Lower threshold used when the article is short (a headline only); scaled between by length. */
  shortThreshold: number;
  /** Body content words at or below which an article counts as short (a headline with no body). */
  shortTokens: number;
  /** Minimum event-to-event score for merging two events. */
  mergeThreshold: number;
  /** Name-channel share used for short articles. */
  shortNameWeight: number;
  /** Merge threshold used when the bridging article is short. */
  shortMergeThreshold: number;
  /** Gap (days) to an event's date range within which time costs nothing. */
  timeWindowDays: number;
  /** Beyond the window the score is multiplied by exp(-gap / timeDecayDays). */
  timeDecayDays: number;
  /** Events compared exactly per article, picked by shared top terms. */
  maxCandidates: number;
  /** Terms of each article used to look up candidate events. */
  queryTerms: number;
  /** Share of the name channel (entities, places, proper nouns) in the similarity; the rest is words. */
  nameWeight: number;
  /** Score factor when none of the names in the article's title and first sentence occurs in the event (1 = off). */
  leadNameMismatch: number;
  /** Split an event when its two 2-means groups score below this against each other (0 = never split). */
  splitThreshold: number;
  /** Only events with at least this many articles (all remembered: memberVectors) are checked (every 2nd article below 32, sparser above). */
  splitMinDocs: number;
  /** Each part of a split keeps at least this many articles. */
  splitMinPart: number;
  /** Share of nearest-member similarity in the score (the rest is similarity to the centroid). */
  memberWeight: number;
  /**
   * Member articles' features remembered per event, for splits and nearest-member
   * similarity; an event that grows past this forgets them (and can no longer
   * split). 0 disables both. This is the main memory and snapshot-size knob.
   */
  memberVectors: number;
  /** Keep only the heaviest terms of each remembered member (0 = all). */
  memberTerms: number;
  /** Terms kept in each event centroid (bounded memory per event). */
  centroidTerms: number;
  /** Bounded mode: at most this many active events (least recently updated evicted). */
  maxActiveEvents: number;
  /** Bounded mode: events whose last article is older than this before the newest article are evicted. */
  maxEventAgeDays: number;
  /** Article ids remembered per event, and event ids per story line (older ones dropped in bounded mode). */
  maxDocIdsPerEvent: number;
  /** Bounded mode: document-frequency table size at which all counts are halved and zeros dropped (Infinity = never). */
  maxVocabulary: number;
  /** `relink()`: events of headline-only articles with at most relinkMaxDocs articles merge into their best neighbour scoring at least this (0 = off). */
  relinkThreshold: number;
  relinkMaxDocs: number;
  /** Headline-only articles: time window (days) and decay (days) used instead of timeWindowDays/timeDecayDays. */
  shortTimeWindowDays: number;
  shortTimeDecayDays: number;
  storyline: StorylineOptions;
  weights: FeatureWeights;
}
