/**
 * The store port. SQLite (default, embedded) and PostgreSQL implement this
 * same interface and pass the same contract tests (`test/store-contract.ts`).
 * Every method is async so that both backends fit.
 */
import type {
  Article,
  ArticleId,
  EntityType,
  EventId,
  IngestOutcome,
  RawDocument,
  ReasonCode,
  StorylineId,
  CueStance,
  Entity,
  PlaceMention,
} from '../model/types.js';
import type { ClusterDoc } from '../cluster/cluster-types.js';

export interface ArticleSummary {
  id: ArticleId;
  source: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  dateConfidence: Article['dateConfidence'];
  lead: string;
  eventId: EventId | null;
  /** original | wire | near-copy | rewrite | duplicate */
  provenance: ProvenanceKind;
  provenanceOf: ArticleId | null;
}

export type ProvenanceKind = 'original' | 'wire' | 'near-copy' | 'rewrite';

/** What an event's row says about it: the read form (EventSummary) and the write form (EventRecord) share it. */
export interface EventFields {
  label: string;
  summary: string;
  firstDate: string | null;
  lastDate: string | null;
  articleCount: number;
  outlets: string[];
  keyEntities: string[];
}

export interface EventSummary extends EventFields {
  id: EventId;
  storylineId: StorylineId | null;
}

export interface StorylineSummary {
  id: StorylineId;
  label: string;
  firstDate: string | null;
  lastDate: string | null;
  eventCount: number;
  articleCount: number;
  outlets: string[];
  keyEntities: string[];
}

export interface EventDetail extends EventSummary {
  articles: ArticleSummary[];
  /** Why each article is in the event (`story --why`). */
  membership: { articleId: ArticleId; reason: string }[];
  history: { at: string; action: 'create' | 'merge' | 'split' | 'add'; detail: string }[];
  places: { name: string; lat: number; lon: number; count: number }[];
  provenance: ProvenanceEdge[];
}

export interface StorylineDetail extends StorylineSummary {
  events: EventSummary[];
}

export interface ProvenanceEdge {
  from: ArticleId; // the source (earlier)
  to: ArticleId; // the copy / rewrite
  kind: ProvenanceKind;
  evidence: string;
  score: number;
}

/** A statement as listed: the stored record plus how each article rendered it. */
export interface StatementRow extends StatementRecord {
  /** Every article that carried the statement, with its rendering. */
  renderings: { articleId: ArticleId; outlet: string | null; publishedAt: string | null; text: string; match: 'first' | 'verbatim' | 'truncated' | 'paraphrase' }[];
}

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  articleCount: number;
  mentionCount: number;
}

export interface EntityDetail extends EntitySummary {
  articles: ArticleSummary[];
  statements: StatementRow[];
  coOccurring: { id: string; name: string; count: number }[];
  mergedFrom: { id: string; name: string; reason: string }[];
}

export interface OutletSummary {
  name: string;
  articleCount: number;
  originalCount: number;
  copyCount: number;
}

export interface SearchHit {
  article: ArticleSummary;
  snippet: string;
  score: number;
}

export interface StoredArticle {
  article: Article;
  raw: RawDocument;
  eventId: EventId | null;
  provenance: ProvenanceKind;
  provenanceOf: ArticleId | null;
}

export interface Rejection {
  source: string;
  reason: ReasonCode;
  detail: string | null;
  at: string;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
}

export interface EventFilter extends ListOptions {
  outlet?: string;
  entity?: string;
  from?: string;
  to?: string;
  storylineId?: StorylineId;
  sort?: 'latest' | 'most-covered';
  /** web: events with an article naming this place (case-insensitive). */ place?: string;
}

export interface StoreStats {
  articles: number;
  events: number;
  storylines: number;
  entities: number;
  statements: number;
  rejections: number;
  outlets: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: { outlets: FacetCount[]; entities: FacetCount[]; years: FacetCount[] };
}

/** A corpus-wide entity as stored. */
export interface CorpusEntity {
  id: string;
  name: string;
  type: EntityType;
  matchKey: string;
  aliases: string[];
  roles: string[];
}

export interface StatementRecord {
  id: string;
  speaker: string | null;
  speakerEntityId: string | null;
  text: string;
  kind: 'direct' | 'indirect' | 'mixed';
  stance: CueStance;
  firstArticleId: ArticleId;
  firstDate: string | null;
}

/** An event's row as the ingest service and settle write it (plain ids: the store brands them when read back). */
export interface EventRecord extends EventFields {
  id: string;
  storylineId: string | null;
}

export interface StorylineRecord {
  id: string;
  label: string;
  firstDate: string | null;
  lastDate: string | null;
  keyEntities: string[];
}

/**
 * Everything the ingest service hands the store for one analysed input. The
 * store writes it in ONE transaction (or, under `holdWrites`, one savepoint of
 * the open group), so a crash loses at most this document (the open group).
 */
export interface IngestBundle {
  raw: RawDocument;
  article: Article;
  /** Document-local entity id → corpus entity (new or existing, updated). */
  entities: { localId: string; entity: CorpusEntity; reason: string }[];
  /** Per quote (same order as article.quotes): the statement it renders. */
  quoteStatements: { statementId: string; match: StatementRow['renderings'][number]['match'] }[];
  statements: StatementRecord[];
  eventId: string;
  membership: string;
  /** Events whose rows changed (the article's event, merged events). */
  events: EventRecord[];
  storylines: StorylineRecord[];
  /** Events merged away: their articles move to `into`. */
  eventMerges: { from: string; into: string; reason: string }[];
  /** Story lines merged away: their events move to `into`. */
  storylineMerges?: { from: string; into: string; reason: string }[];
  history: { eventId: string; action: 'create' | 'merge' | 'split' | 'add'; detail: string }[];
  provenance: { kind: ProvenanceKind; of: ArticleId | null; edges: ProvenanceEdge[] };
  /**
   * What the clusterer was given for this article, appended to the cluster
   * log (its `text` is not kept there: it is the stored article's text).
   */
  clusterDoc: ClusterDoc;
  /**
   * The clusterer's state after this article, when the service checkpoints
   * (every few hundred articles): stored as covering this article's log entry.
   */
  clusterSnapshot?: unknown;
  at: string;
}

/** One entry of the cluster log, in assignment order; `doc.text` is filled from the stored article. */
export interface ClusterLogEntry {
  seq: number;
  doc: ClusterDoc;
  /** The article's stored event and that event's story line, now. */
  eventId: string | null;
  storylineId: string | null;
}

/** The clusterer's checkpoint: its state after log entry `seq`; `settledSeq`: the log position of the last re-sequencing. */
export interface ClusterCheckpoint {
  snapshot: unknown;
  seq: number;
  settledSeq: number;
}

/**
 * What a settle may trust of the stored events without rebuilding them: the last publication-order replay that wrote
 * them, by which settle rules, and the articles whose places were re-read since (`replacePlaces`). The store keeps it
 * with the settled position and answers null when it cannot vouch for it: never written, or the settled position
 * moved by a writer that did not carry it (an older build's settle), or a re-clustering applied that was neither a
 * replay nor empty.
 */
export interface SettledState {
  /** The settle rules the replay ran with (`SETTLE_RULES_VERSION` of the code that wrote the events). */
  rules: string;
  /** The log position that replay covered. */
  replaySeq: number;
  /** Articles whose places `replacePlaces` rewrote since that replay (sorted). */
  placesChanged: string[];
}

/**
 * A re-clustering of stored articles (events re-formed when the corpus is
 * replayed in publication order, or split): applied in one transaction.
 */
export interface ClusteringChange {
  /** Articles whose event changed. */
  moves: { articleId: ArticleId; eventId: string; membership: string }[];
  /** New and changed events (their rows replaced). */
  events: EventRecord[];
  /** Events that no longer have articles: marked merged into their successor (null: removed). */
  retired: { id: string; into: string | null }[];
  storylines: StorylineRecord[];
  /** Story lines with no events left. */
  retiredStorylines: string[];
  history: IngestBundle['history'];
  /** Provenance recomputed for these articles (their edges replaced). */
  provenance: { articleId: ArticleId; kind: ProvenanceKind; of: ArticleId | null; edges: ProvenanceEdge[] }[];
  /** The clusterer's state after the change, covering the log up to `seq`; `seq` also becomes the settled position. */
  checkpoint: { snapshot: unknown; seq: number };
  at: string;
  /**
   * Set when the change makes the stored events those of a publication-order replay of the log up to
   * `checkpoint.seq` under settle rules `rules`: the store records it as its SettledState (no places changed since).
   * Without it, an empty change (nothing moved or rewritten: a settle whose arrivals were in order) carries the
   * recorded state to the new settled position, and any other change forgets it.
   */
  replayed?: { rules: string };
}

/** Whether a re-clustering moves and rewrites nothing (a settle whose arrivals were in publication order). */
export function rewritesNothing(c: ClusteringChange): boolean {
  return c.moves.length === 0 && c.events.length === 0 && c.retired.length === 0 && c.storylines.length === 0 && c.retiredStorylines.length === 0 && c.history.length === 0 && c.provenance.length === 0;
}

/** What the ingest service reads from the store while deciding. */
export interface IngestReads {
  findDuplicate(contentHash: string, url: string | null): Promise<{ articleId: ArticleId; reason: 'duplicate-content' | 'duplicate-url' } | null>;
  allFingerprints(): Promise<{ id: ArticleId; simhash: string }[]>;
  /** The latest clusterer checkpoint, or null when none was written. */
  loadClusterState(): Promise<ClusterCheckpoint | null>;
  /** The cluster log's last position (0 when empty). */
  clusterHead(): Promise<number>;
  /**
   * The log position the last settle replayed up to (0 when none): it changes only when a settle rewrote the events,
   * so an ingest service that did not do that settle itself knows its in-memory clusterer is stale.
   */
  settledSeq(): Promise<number>;
  /** What the last settle recorded of the stored events (see SettledState), or null when the store cannot vouch for it. */
  settledState(): Promise<SettledState | null>;
  /** Log entries after `afterSeq`, in order, at most `limit`. */
  clusterLog(afterSeq: number, limit: number): Promise<ClusterLogEntry[]>;
  entitiesByKeys(keys: string[]): Promise<CorpusEntity[]>;
  /** Manual merge/split decisions, replayed on every ingest. */
  entityOverrides(): Promise<{ action: 'merge' | 'split'; entityId: string; other: string }[]>;
  /** Statements by these speakers, each with its distinct rendering texts (first quoted first). */
  statementsBySpeakers(speakers: string[]): Promise<(StatementRecord & { renderings: string[] })[]>;
  /** Statements rendered in the given articles (to link the same words quoted under another speaker name). */
  statementsOfArticles?(articleIds: string[]): Promise<(StatementRecord & { renderings: string[] })[]>;
  /** The ids of `search(query, { limit })`'s hits, in the same order, without documents, totals or facets. */
  searchArticleIds?(query: string, limit: number): Promise<ArticleId[]>;
  /**
   * The ids of up to `limit` articles whose title or body carries each of `phrases` (its words one after another,
   * not just every word somewhere), first stored first: the articles that can carry a quote's words.
   */
  searchPhraseArticleIds?(phrases: readonly (readonly string[])[], limit: number): Promise<ArticleId[]>;
  /** An outlet's most recent stored articles (full documents), newest first: settling its places. */
  outletArticles(outlet: string, limit: number): Promise<Article[]>;
  /** Articles of the given events (full documents) for summaries and provenance. */
  eventArticles(eventIds: string[]): Promise<Article[]>;
  articleById(id: string): Promise<Article | null>;
}

/** Read side: what the CLI, the HTTP API and the web UI need. */
export interface StoreReader {
  stats(): Promise<StoreStats>;
  listStorylines(opts?: ListOptions): Promise<StorylineSummary[]>;
  getStoryline(id: string): Promise<StorylineDetail | null>;
  listEvents(filter?: EventFilter): Promise<EventSummary[]>;
  getEvent(id: string): Promise<EventDetail | null>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(opts?: ListOptions & { outlet?: string }): Promise<ArticleSummary[]>;
  search(query: string, opts?: ListOptions & { outlet?: string; entity?: string; from?: string; to?: string }): Promise<SearchResult>;
  listStatements(opts?: ListOptions & { speaker?: string; /** web: narrow to one event / story line */ eventId?: string; storylineId?: string; /** export: exactly these statements */ ids?: string[] }): Promise<StatementRow[]>;
  listEntities(opts?: ListOptions & { type?: EntityType; query?: string }): Promise<EntitySummary[]>;
  getEntity(idOrName: string): Promise<EntityDetail | null>;
  listOutlets(): Promise<OutletSummary[]>;
  getOutlet(name: string): Promise<(OutletSummary & { articles: ArticleSummary[]; events: EventSummary[] }) | null>;
  listRejections(opts?: ListOptions): Promise<Rejection[]>;
  /**
   * Export paging: the ids of one kind of record after `after` in id order (keyset, so a full
   * export stays linear however large the store). Events and entities merged into others are left out.
   */
  exportIds(kind: ExportKind, after: string | null, limit: number): Promise<string[]>;
}

/** Records with their own ids, exported page by page. */
export type ExportKind = 'articles' | 'events' | 'storylines' | 'entities' | 'statements';

/** Where each export kind's ids come from, with the condition that leaves retired records out (shared by both stores). */
export const EXPORT_ID_SOURCES: Record<ExportKind, { table: string; where: string }> = {
  articles: { table: 'articles', where: 'TRUE' },
  events: { table: 'events', where: 'merged_into IS NULL AND article_count > 0' },
  storylines: { table: 'storylines', where: 'TRUE' },
  entities: { table: 'entities', where: 'merged_into IS NULL' },
  statements: { table: 'statements', where: 'TRUE' },
};

export interface Store extends StoreReader, IngestReads {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores one analysed input in one transaction: the article, its enrichment, its event assignment. */
  commit(bundle: IngestBundle): Promise<IngestOutcome>;
  /** Applies a re-clustering of stored articles in one transaction. */
  applyClustering(change: ClusteringChange): Promise<void>;
  /** Replaces stored articles' places (and their LOC entities' GeoNames ids) in one transaction; recorded in the SettledState's `placesChanged`. */
  replacePlaces(updates: { articleId: ArticleId; places: PlaceMention[]; entityTable: Entity[] }[]): Promise<void>;
  /** Records an input recognised as a duplicate of a stored article. */
  duplicate(source: string, of: ArticleId, reason: ReasonCode): Promise<IngestOutcome>;
  /** Runs `fn` while holding the store-wide ingest lock (a no-op for one SQLite process; an advisory lock on PostgreSQL). */
  withIngestLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Records an input refused before analysis. */
  reject(source: string, reason: ReasonCode, detail?: string): Promise<IngestOutcome>;
  /** Manual entity curation; survives re-ingestion. */
  mergeEntities(keepId: string, mergeId: string, note: string): Promise<void>;
  splitEntity(entityId: string, alias: string, note: string): Promise<string>;
  close(): Promise<void>;
  /**
   * Group commit (optional; SQLite). While on, commit(), duplicate() and reject() may stay in one open transaction
   * until flush() (each still atomic: a failure rolls back only its own writes); a crash loses the writes not flushed,
   * and other writers wait while a group is open, so the caller flushes often. Off: flushes first.
   */
  holdWrites?(on: boolean): Promise<void>;
  /** Commits the writes held under holdWrites; throws when they were lost (not stored). */
  flush?(): Promise<void>;
}
