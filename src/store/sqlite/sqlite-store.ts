/**
 * The embedded store: SQLite through better-sqlite3, FTS5 for search.
 * Implements the Store port; `test/store-contract.ts` is the shared suite.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Article, ArticleId, Entity, EntityType, EventId, IngestOutcome, PlaceMention, RawDocument, ReasonCode, StorylineId } from '../../model/types.js';
import type { ClusterDoc } from '../../cluster/cluster-types.js';
import type {
  ArticleSummary,
  ClusterCheckpoint,
  SettledState,
  ClusteringChange,
  ClusterLogEntry,
  CorpusEntity,
  EntityDetail,
  EntitySummary,
  EventDetail,
  EventFilter,
  EventRecord,
  EventSummary,
  IngestBundle,
  ListOptions,
  OutletSummary,
  ProvenanceKind,
  Rejection,
  SearchResult,
  StatementRecord,
  StatementRow,
  Store,
  StoredArticle,
  StorylineDetail,
  StorylineRecord,
  StorylineSummary,
  StoreStats,
} from '../store-port.js';
import { EXPORT_ID_SOURCES, type ExportKind, rewritesNothing } from '../store-port.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { mentionsOfAlias } from '../entity-split.js';
import { ftsQuery } from '../search-query.js';

type Row = Record<string, unknown>;

const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function limitOf(opts: ListOptions | undefined, def = 50): { limit: number; offset: number } {
  const limit = Math.max(1, Math.min(opts?.limit ?? def, 10_000));
  const offset = Math.max(0, opts?.offset ?? 0);
  return { limit, offset };
}

function articleSummary(r: Row): ArticleSummary {
  return {
    id: String(r['id']) as ArticleId,
    source: String(r['source']),
    title: str(r['title']),
    outlet: str(r['outlet']),
    url: str(r['url']),
    publishedAt: str(r['published_at']),
    dateConfidence: String(r['date_confidence']) as Article['dateConfidence'],
    lead: String(r['lead']),
    eventId: (str(r['event_id']) as EventId | null) ?? null,
    provenance: String(r['provenance']) as ProvenanceKind,
    provenanceOf: (str(r['provenance_of']) as ArticleId | null) ?? null,
  };
}

const SUMMARY_COLS = 'id, source, title, outlet, url, published_at, date_confidence, lead, event_id, provenance, provenance_of';

function eventSummary(r: Row): EventSummary {
  return {
    id: String(r['id']) as EventId,
    storylineId: (str(r['storyline_id']) as StorylineId | null) ?? null,
    label: String(r['label']),
    summary: String(r['summary']),
    firstDate: str(r['first_date']),
    lastDate: str(r['last_date']),
    articleCount: Number(r['article_count']),
    outlets: json<string[]>(r['outlets']),
    keyEntities: json<string[]>(r['key_entities']),
  };
}

/** The page cache while writes are held (KiB). */
const GROUP_CACHE_KIB = 64 * 1024;

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['STORYLINE_DB'] ?? path.resolve('storyline.db');
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  /** Prepared statements by SQL text, reused (preparing costs more than running most of them). */
  private statements = new Map<string, Database.Statement>();
  /** The manual entity overrides as last read, with the table state they were read at (see `entityOverrides`). */
  private overrides: { version: string; rows: { action: 'merge' | 'split'; entityId: string; other: string }[] } | null = null;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Each stored article dirties ~120 pages (indexes, full-text segments, the article's overflow pages); copying
    // the log into the database every 10,000 pages instead of the default 1,000 copies a hot page once where it
    // was written several times since the last copy (about 0.5 ms less per stored article; the log grows to ~40 MB).
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  /** The prepared statement for `text` (kept; the cache starts over when it is full, as dynamic filters vary the text). */
  private sql(text: string): Database.Statement {
    let stmt = this.statements.get(text);
    if (stmt === undefined) {
      if (this.statements.size >= 500) this.statements = new Map();
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  private migrate(): void {
    const version = Number(this.db.pragma('user_version', { simple: true }));
    for (let v = version; v < SQLITE_MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(SQLITE_MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async close(): Promise<void> {
    try {
      this.commitGroup();
    } finally {
      this.db.close();
    }
  }

  // ---------------------------------------------------------- group commit

  /** Whether writes are held in a group (holdWrites), the group's transaction is open, and how many writes it holds. */
  private holding = false;
  private groupOpen = false;
  private groupWrites = 0;
  /** The page cache size (PRAGMA cache_size) to return to when writes are no longer held. */
  private cacheSize = -2000;
  /** Set when SQLite rolled the open group back on its own (disk full, I/O error): every write and flush fails until holdWrites(false). */
  private groupLost: Error | null = null;

  /**
   * Group commit. While on, commit(), duplicate() and reject() share one open write transaction (each one still a
   * SAVEPOINT of its own: a failing write rolls back only itself) until flush(); a crash loses the writes of the
   * open group, never part of one. The write lock is held while the group is open, so the caller keeps groups short
   * (the ingest run: at most GROUP_INPUTS inputs or GROUP_MS ms); another writer's BEGIN waits for it under its busy
   * timeout (5 s by default), readers never wait (WAL). Off: commits the held writes first.
   */
  async holdWrites(on: boolean): Promise<void> {
    if (!on) {
      if (!this.holding) return;
      const lost = this.groupLost;
      this.groupLost = null;
      this.holding = false;
      try {
        if (lost !== null) throw lost;
        this.commitGroup();
      } finally {
        this.db.pragma(`cache_size = ${this.cacheSize}`);
        this.db.pragma('temp_store = DEFAULT');
      }
      return;
    }
    if (this.holding) return;
    this.holding = true;
    // A group's dirty pages (~70 per article) stay in the page cache until it commits. With the default 16 MB they
    // crowd out what every article reads: the clusterer checkpoint row (~10 MB of overflow pages, walked to read its
    // settled position) was read from the OS again, about 1 ms more per article in groups of 32.
    this.cacheSize = Number(this.db.pragma('cache_size', { simple: true }));
    this.db.pragma(`cache_size = ${Math.min(this.cacheSize, -GROUP_CACHE_KIB)}`);
    // Each write of a group is a savepoint: SQLite keeps the original of every page it changes in a statement
    // journal, a temporary file past 64 KiB (an article changes ~70 pages); in memory, that is a copy, not a write
    // (the write syscalls of a run fell by ~230 KB per stored article).
    this.db.pragma('temp_store = MEMORY');
  }

  /** Commits the writes held by holdWrites (none: nothing to do). Throws when they were lost. */
  async flush(): Promise<void> {
    this.commitGroup();
  }

  private lose(cause: unknown): Error {
    const n = this.groupWrites;
    this.groupOpen = false;
    this.groupWrites = 0;
    this.groupLost = new Error(`the store lost the last ${n} inputs written in one transaction, not committed yet (${(cause as Error)?.message ?? String(cause)}): they are not stored; ingest them again`);
    return this.groupLost;
  }

  private commitGroup(): void {
    if (this.groupLost !== null) throw this.groupLost;
    if (!this.groupOpen) return;
    if (!this.db.inTransaction) {
      if (this.groupWrites > 0) throw this.lose(new Error('the transaction was rolled back'));
      this.groupOpen = false;
      return;
    }
    try {
      this.sql('COMMIT').run();
    } catch (err) {
      if (this.db.inTransaction) this.sql('ROLLBACK').run();
      throw this.lose(err);
    }
    this.groupOpen = false;
    this.groupWrites = 0;
  }

  /** One atomic write: its own IMMEDIATE transaction, or, while writes are held, a savepoint in the open group. */
  private write<T>(fn: () => T): T {
    if (!this.holding) return this.db.transaction(fn).immediate();
    if (this.groupLost !== null) throw this.groupLost;
    if (this.groupOpen && !this.db.inTransaction) {
      if (this.groupWrites > 0) throw this.lose(new Error('the transaction was rolled back'));
      this.groupOpen = false;
    }
    if (!this.groupOpen) {
      this.sql('BEGIN IMMEDIATE').run();
      this.groupOpen = true;
    }
    try {
      const result = this.db.transaction(fn)();
      this.groupWrites++;
      return result;
    } catch (err) {
      // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, I/O errors): the group's earlier writes are gone too.
      if (!this.db.inTransaction) {
        if (this.groupWrites > 0) throw this.lose(err);
        this.groupOpen = false;
      }
      throw err;
    }
  }

  async withIngestLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  // ---------------------------------------------------------------- writes

  async commit(b: IngestBundle): Promise<IngestOutcome> {
    const a = b.article;
    this.write(() => {
      const lead = a.text.slice(0, 320);
      const info = this.sql(
        `INSERT INTO articles (id, source, url, outlet, title, byline, published_at, date_confidence, language, content_hash, simhash, lead, event_id, membership, provenance, provenance_of, doc, raw, ingested_at)
         VALUES (@id, @source, @url, @outlet, @title, @byline, @publishedAt, @dateConfidence, @language, @contentHash, @simhash, @lead, @eventId, @membership, @provenance, @provenanceOf, @doc, @raw, @at)`,
      ).run({
        id: a.id,
        source: a.source,
        url: a.canonicalUrl ?? a.url,
        outlet: a.outlet,
        title: a.title,
        byline: a.byline,
        publishedAt: a.publishedAt,
        dateConfidence: a.dateConfidence,
        language: a.language,
        contentHash: a.contentHash,
        simhash: a.simhash,
        lead,
        eventId: b.eventId,
        membership: b.membership,
        provenance: b.provenance.kind,
        provenanceOf: b.provenance.of,
        doc: JSON.stringify(a),
        raw: JSON.stringify(b.raw),
        at: b.at,
      });
      this.sql('INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)').run(info.lastInsertRowid, a.title ?? '', a.text);

      const upsertEntity = this.sql(
        `INSERT INTO entities (id, name, type, match_key, aliases, roles) VALUES (@id, @name, @type, @matchKey, @aliases, @roles)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, roles = excluded.roles, match_key = excluded.match_key
         WHERE name IS NOT excluded.name OR aliases IS NOT excluded.aliases OR roles IS NOT excluded.roles OR match_key IS NOT excluded.match_key`,
      );
      const localToCorpus = new Map<string, string>();
      for (const e of b.entities) {
        upsertEntity.run({ ...e.entity, aliases: JSON.stringify(e.entity.aliases), roles: JSON.stringify(e.entity.roles) });
        localToCorpus.set(e.localId, e.entity.id);
      }
      const mention = this.sql('INSERT INTO entity_mentions (article_id, entity_id, start, end, text) VALUES (?, ?, ?, ?, ?)');
      for (const m of a.entities) {
        const id = localToCorpus.get(m.entityId);
        if (id) mention.run(a.id, id, m.start, m.end, m.text);
      }

      const upsertStatement = this.sql(
        `INSERT INTO statements (id, speaker, speaker_entity_id, text, kind, stance, first_article_id, first_date)
         VALUES (@id, @speaker, @speakerEntityId, @text, @kind, @stance, @firstArticleId, @firstDate)
         ON CONFLICT(id) DO UPDATE SET text = excluded.text, first_article_id = excluded.first_article_id, first_date = excluded.first_date, speaker = excluded.speaker`,
      );
      for (const s of b.statements) upsertStatement.run(s);
      const quote = this.sql(
        'INSERT INTO quotes (article_id, idx, statement_id, match, text, kind, stance, speaker, speaker_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const statementText = this.sql('INSERT OR IGNORE INTO statement_texts (statement_id, text) VALUES (?, ?)');
      a.quotes.forEach((q, i) => {
        const link = b.quoteStatements[i];
        const speakerEntity = q.speaker?.entityId ? (localToCorpus.get(q.speaker.entityId) ?? null) : null;
        quote.run(a.id, i, link?.statementId ?? null, link?.match ?? null, q.text, q.kind, q.cue.stance, q.speaker?.name ?? q.speaker?.text ?? null, speakerEntity);
        if (link?.statementId) statementText.run(link.statementId, q.text);
      });

      const place = this.sql('INSERT INTO places (article_id, name, lat, lon, country, geoname_id) VALUES (?, ?, ?, ?, ?, ?)');
      for (const p of a.places) place.run(a.id, p.name, p.lat, p.lon, p.country, p.geonameId);

      for (const m of b.eventMerges) {
        this.sql('UPDATE articles SET event_id = ? WHERE event_id = ?').run(m.into, m.from);
        this.sql('UPDATE events SET merged_into = ? WHERE id = ?').run(m.into, m.from);
      }
      for (const m of b.storylineMerges ?? []) {
        this.sql('UPDATE events SET storyline_id = ? WHERE storyline_id = ?').run(m.into, m.from);
        this.sql('DELETE FROM storylines WHERE id = ?').run(m.from);
      }
      this.upsertEventsAndStorylines(b.events, b.storylines);
      const history = this.sql('INSERT INTO event_history (event_id, at, action, detail) VALUES (?, ?, ?, ?)');
      for (const h of b.history) history.run(h.eventId, b.at, h.action, h.detail);

      const edge = this.sql('INSERT OR REPLACE INTO provenance_edges (from_id, to_id, kind, evidence, score) VALUES (?, ?, ?, ?, ?)');
      for (const e of b.provenance.edges) edge.run(e.from, e.to, e.kind, e.evidence, e.score);

      const { text: _text, ...logged } = b.clusterDoc;
      const seq = Number(this.sql('INSERT INTO cluster_log (article_id, doc) VALUES (?, ?)').run(a.id, JSON.stringify(logged)).lastInsertRowid);
      if (b.clusterSnapshot !== undefined) this.writeCheckpoint(b.clusterSnapshot, seq, null);
      this.sql("INSERT INTO inputs (source, status, article_id, at) VALUES (?, 'stored', ?, ?)").run(b.raw.source, a.id, b.at);
    });
    return { status: 'stored', source: b.raw.source, articleId: a.id };
  }

  async duplicate(source: string, of: ArticleId, reason: ReasonCode): Promise<IngestOutcome> {
    this.write(() => this.sql("INSERT INTO inputs (source, status, article_id, reason, at) VALUES (?, 'duplicate', ?, ?, datetime('now'))").run(source, of, reason));
    return { status: 'duplicate', source, duplicateOf: of, reason };
  }

  async reject(source: string, reason: ReasonCode, detail?: string): Promise<IngestOutcome> {
    this.write(() => this.sql("INSERT INTO inputs (source, status, reason, detail, at) VALUES (?, 'rejected', ?, ?, datetime('now'))").run(source, reason, detail ?? null));
    return detail === undefined ? { status: 'rejected', source, reason } : { status: 'rejected', source, reason, detail };
  }

  async mergeEntities(keepId: string, mergeId: string, note: string): Promise<void> {
    this.commitGroup(); // its own transaction, after the held writes
    this.db.transaction(() => {
      this.sql("INSERT INTO entity_overrides (action, entity_id, other, note, at) VALUES ('merge', ?, ?, ?, datetime('now'))").run(keepId, mergeId, note);
      this.applyMerge(keepId, mergeId, `manual: ${note}`);
    })();
  }

  private applyMerge(keepId: string, mergeId: string, reason: string): void {
    const keep = this.sql('SELECT * FROM entities WHERE id = ?').get(keepId) as Row | undefined;
    const gone = this.sql('SELECT * FROM entities WHERE id = ?').get(mergeId) as Row | undefined;
    if (!keep || !gone) throw new Error(`no such entity: ${keep ? mergeId : keepId}`);
    const aliases = [...new Set([...json<string[]>(keep['aliases']), String(gone['name']), ...json<string[]>(gone['aliases'])])];
    const roles = [...new Set([...json<string[]>(keep['roles']), ...json<string[]>(gone['roles'])])];
    this.sql('UPDATE entities SET aliases = ?, roles = ? WHERE id = ?').run(JSON.stringify(aliases), JSON.stringify(roles), keepId);
    this.sql('UPDATE entities SET merged_into = ?, merge_reason = ? WHERE id = ?').run(keepId, reason, mergeId);
    this.sql('UPDATE entity_mentions SET entity_id = ? WHERE entity_id = ?').run(keepId, mergeId);
    this.sql('UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ?').run(keepId, mergeId);
  }

  async splitEntity(entityId: string, alias: string, note: string): Promise<string> {
    this.commitGroup(); // its own transaction, after the held writes
    const newId = `${entityId}~${alias.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
    this.db.transaction(() => {
      const e = this.sql('SELECT * FROM entities WHERE id = ?').get(entityId) as Row | undefined;
      if (!e) throw new Error(`no such entity: ${entityId}`);
      this.sql("INSERT INTO entity_overrides (action, entity_id, other, note, at) VALUES ('split', ?, ?, ?, datetime('now'))").run(entityId, alias, note);
      this.db
        .prepare('INSERT OR REPLACE INTO entities (id, name, type, match_key, aliases, roles) VALUES (?, ?, ?, ?, ?, ?)')
        .run(newId, alias, e['type'], `split:${newId}`, '[]', '[]');
      const aliases = json<string[]>(e['aliases']).filter((a) => a !== alias);
      this.sql('UPDATE entities SET aliases = ? WHERE id = ?').run(JSON.stringify(aliases), entityId);
      // Every mention of the split-off name in the articles that use it (surname-only mentions too).
      const move = this.sql('UPDATE entity_mentions SET entity_id = ? WHERE article_id = ? AND entity_id = ? AND start = ? AND end = ?');
      const docs = this.db
        .prepare('SELECT a.id, a.doc FROM articles a WHERE a.id IN (SELECT article_id FROM entity_mentions WHERE entity_id = ? AND lower(text) = lower(?))')
        .all(entityId, alias) as Row[];
      for (const d of docs) for (const span of mentionsOfAlias(json<Article>(d['doc']), alias)) move.run(newId, d['id'], entityId, span.start, span.end);
      this.sql('UPDATE entity_mentions SET entity_id = ? WHERE entity_id = ? AND lower(text) = lower(?)').run(newId, entityId, alias);
    })();
    return newId;
  }

  // ---------------------------------------------------------- ingest reads

  async findDuplicate(contentHash: string, url: string | null): Promise<{ articleId: ArticleId; reason: 'duplicate-content' | 'duplicate-url' } | null> {
    const byHash = this.sql('SELECT id FROM articles WHERE content_hash = ?').get(contentHash) as Row | undefined;
    if (byHash) return { articleId: String(byHash['id']) as ArticleId, reason: 'duplicate-content' };
    if (url) {
      const byUrl = this.sql('SELECT id FROM articles WHERE url = ?').get(url) as Row | undefined;
      if (byUrl) return { articleId: String(byUrl['id']) as ArticleId, reason: 'duplicate-url' };
    }
    return null;
  }

  async allFingerprints(): Promise<{ id: ArticleId; simhash: string }[]> {
    return (this.sql('SELECT id, simhash FROM articles ORDER BY seq').all() as Row[]).map((r) => ({ id: String(r['id']) as ArticleId, simhash: String(r['simhash']) }));
  }

  async loadClusterState(): Promise<ClusterCheckpoint | null> {
    const r = this.sql('SELECT snapshot, seq, settled_seq FROM cluster_state WHERE id = 1').get() as Row | undefined;
    return r ? { snapshot: json<unknown>(r['snapshot']), seq: Number(r['seq']), settledSeq: Number(r['settled_seq']) } : null;
  }

  async settledSeq(): Promise<number> {
    const r = this.sql('SELECT settled_seq FROM cluster_state WHERE id = 1').get() as Row | undefined;
    return r ? Number(r['settled_seq']) : 0;
  }

  async settledState(): Promise<SettledState | null> {
    // Valid while its settled position is the checkpoint's: a settle that did not carry it moved that one alone.
    const r = this.sql('SELECT s.rules, s.replay_seq FROM settle_state s JOIN cluster_state c ON c.id = 1 AND c.settled_seq = s.settled_seq WHERE s.id = 1').get() as
      | Row
      | undefined;
    if (r === undefined) return null;
    const places = (this.sql('SELECT article_id FROM settle_places ORDER BY article_id').all() as Row[]).map((p) => String(p['article_id']));
    return { rules: String(r['rules']), replaySeq: Number(r['replay_seq']), placesChanged: places };
  }

  /**
   * Records what the change tells of the stored events (the port's SettledState), in the caller's transaction and
   * before the checkpoint moves the settled position: a replay's rules and position, an empty change's new settled
   * position (only for a state still valid), and for any other change nothing to trust.
   */
  private recordSettledState(c: ClusteringChange): void {
    const seq = c.checkpoint.seq;
    if (c.replayed !== undefined) {
      this.sql('INSERT OR REPLACE INTO settle_state (id, rules, replay_seq, settled_seq) VALUES (1, ?, ?, ?)').run(c.replayed.rules, seq, seq);
      this.sql('DELETE FROM settle_places').run();
    } else if (rewritesNothing(c)) {
      this.sql('UPDATE settle_state SET settled_seq = ? WHERE id = 1 AND settled_seq = (SELECT settled_seq FROM cluster_state WHERE id = 1)').run(seq);
    } else {
      this.sql('DELETE FROM settle_state').run();
      this.sql('DELETE FROM settle_places').run();
    }
  }

  async clusterHead(): Promise<number> {
    const r = this.sql('SELECT coalesce(max(seq), 0) AS head FROM cluster_log').get() as Row;
    return Number(r['head']);
  }

  async clusterLog(afterSeq: number, limit: number): Promise<ClusterLogEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT l.seq, l.doc, json_extract(a.doc, '$.text') AS text, a.event_id, e.storyline_id
         FROM cluster_log l JOIN articles a ON a.id = l.article_id LEFT JOIN events e ON e.id = a.event_id
         WHERE l.seq > ? ORDER BY l.seq LIMIT ?`,
      )
      .all(afterSeq, limit) as Row[];
    return rows.map((r) => ({
      seq: Number(r['seq']),
      doc: { ...json<Omit<ClusterDoc, 'text'>>(r['doc']), text: String(r['text'] ?? '') },
      eventId: r['event_id'] == null ? null : String(r['event_id']),
      storylineId: r['storyline_id'] == null ? null : String(r['storyline_id']),
    }));
  }

  /** Event and story-line rows, inserted or replaced (in the caller's transaction); an event written again is live (not merged). */
  private upsertEventsAndStorylines(events: readonly EventRecord[], storylines: readonly StorylineRecord[]): void {
    const upsertEvent = this.sql(
      `INSERT INTO events (id, storyline_id, label, summary, first_date, last_date, article_count, outlets, key_entities)
       VALUES (@id, @storylineId, @label, @summary, @firstDate, @lastDate, @articleCount, @outlets, @keyEntities)
       ON CONFLICT(id) DO UPDATE SET storyline_id = excluded.storyline_id, label = excluded.label, summary = excluded.summary,
         first_date = excluded.first_date, last_date = excluded.last_date, article_count = excluded.article_count,
         outlets = excluded.outlets, key_entities = excluded.key_entities, merged_into = NULL`,
    );
    for (const e of events) upsertEvent.run({ ...e, outlets: JSON.stringify(e.outlets), keyEntities: JSON.stringify(e.keyEntities) });
    const upsertStoryline = this.sql(
      `INSERT INTO storylines (id, label, first_date, last_date, key_entities) VALUES (@id, @label, @firstDate, @lastDate, @keyEntities)
       ON CONFLICT(id) DO UPDATE SET label = excluded.label, first_date = excluded.first_date, last_date = excluded.last_date, key_entities = excluded.key_entities`,
    );
    for (const s of storylines) upsertStoryline.run({ ...s, keyEntities: JSON.stringify(s.keyEntities) });
  }

  /** Writes the clusterer checkpoint (in the caller's transaction); `settled`: also the new settled position. */
  private writeCheckpoint(snapshot: unknown, seq: number, settled: number | null): void {
    this.sql(
      `INSERT INTO cluster_state (id, snapshot, seq, settled_seq) VALUES (1, @snapshot, @seq, coalesce(@settled, 0))
       ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq, settled_seq = coalesce(@settled, cluster_state.settled_seq)`,
    ).run({ snapshot: JSON.stringify(snapshot), seq, settled });
  }

  async applyClustering(c: ClusteringChange): Promise<void> {
    this.commitGroup(); // its own transaction, after the held writes
    this.db.transaction(() => {
      const move = this.sql('UPDATE articles SET event_id = ?, membership = ? WHERE id = ?');
      for (const m of c.moves) move.run(m.eventId, m.membership, m.articleId);
      const retire = this.sql('UPDATE events SET merged_into = ?, article_count = 0 WHERE id = ?');
      const drop = this.sql('DELETE FROM events WHERE id = ?');
      for (const r of c.retired) {
        if (r.into === null) drop.run(r.id);
        else retire.run(r.into, r.id);
      }
      this.upsertEventsAndStorylines(c.events, c.storylines);
      const dropStoryline = this.sql('DELETE FROM storylines WHERE id = ?');
      for (const id of c.retiredStorylines) dropStoryline.run(id);
      const history = this.sql('INSERT INTO event_history (event_id, at, action, detail) VALUES (?, ?, ?, ?)');
      for (const h of c.history) history.run(h.eventId, c.at, h.action, h.detail);
      const clearEdges = this.sql('DELETE FROM provenance_edges WHERE to_id = ?');
      const edge = this.sql('INSERT OR REPLACE INTO provenance_edges (from_id, to_id, kind, evidence, score) VALUES (?, ?, ?, ?, ?)');
      const setKind = this.sql('UPDATE articles SET provenance = ?, provenance_of = ? WHERE id = ?');
      for (const p of c.provenance) {
        clearEdges.run(p.articleId);
        setKind.run(p.kind, p.of, p.articleId);
        for (const e of p.edges) edge.run(e.from, e.to, e.kind, e.evidence, e.score);
      }
      this.recordSettledState(c);
      this.writeCheckpoint(c.checkpoint.snapshot, c.checkpoint.seq, c.checkpoint.seq);
    }).immediate();
  }

  async entitiesByKeys(keys: string[]): Promise<CorpusEntity[]> {
    if (keys.length === 0) return [];
    const out: CorpusEntity[] = [];
    const stmt = this.sql('SELECT * FROM entities WHERE match_key = ? AND merged_into IS NULL');
    for (const key of new Set(keys)) {
      for (const r of stmt.all(key) as Row[]) out.push(this.corpusEntity(r));
    }
    return out;
  }

  private corpusEntity(r: Row): CorpusEntity {
    return {
      id: String(r['id']),
      name: String(r['name']),
      type: String(r['type']) as EntityType,
      matchKey: String(r['match_key']),
      aliases: json<string[]>(r['aliases']),
      roles: json<string[]>(r['roles']),
    };
  }

  async entityOverrides(): Promise<{ action: 'merge' | 'split'; entityId: string; other: string }[]> {
    // Read on every ingest, changed rarely (by hand, maybe from another process): the rows are only appended, so
    // their count and last sequence number tell whether the kept copy is still the table's content.
    const v = this.sql('SELECT count(*) n, coalesce(max(seq), 0) last FROM entity_overrides').get() as Row;
    const version = `${Number(v['n'])}:${Number(v['last'])}`;
    if (this.overrides?.version !== version) {
      const rows = (this.sql('SELECT action, entity_id, other FROM entity_overrides ORDER BY seq').all() as Row[]).map((r) => ({
        action: String(r['action']) as 'merge' | 'split',
        entityId: String(r['entity_id']),
        other: String(r['other']),
      }));
      this.overrides = { version, rows };
    }
    return this.overrides.rows.map((r) => ({ ...r }));
  }

  async statementsBySpeakers(speakers: string[]): Promise<(StatementRecord & { renderings: string[] })[]> {
    const out: (StatementRecord & { renderings: string[] })[] = [];
    const stmt = this.sql('SELECT * FROM statements WHERE speaker = ?');
    // Distinct texts in first-stored order (the renderings as the quotes carry them, repeats left out).
    const renderings = this.sql('SELECT text FROM statement_texts WHERE statement_id = ? ORDER BY seq');
    for (const speaker of new Set(speakers)) {
      for (const r of stmt.all(speaker) as Row[]) {
        out.push({ ...this.statementRecord(r), renderings: (renderings.all(r['id']) as Row[]).map((q) => String(q['text'])) });
      }
    }
    return out;
  }

  async statementsOfArticles(articleIds: string[]): Promise<(StatementRecord & { renderings: string[] })[]> {
    const ids = new Set<string>();
    const q = this.sql('SELECT DISTINCT statement_id FROM quotes WHERE article_id = ? AND statement_id IS NOT NULL');
    for (const a of articleIds) for (const r of q.all(a) as Row[]) ids.add(String(r['statement_id']));
    const stmt = this.sql('SELECT * FROM statements WHERE id = ?');
    // Distinct texts in first-stored order (the renderings as the quotes carry them, repeats left out).
    const renderings = this.sql('SELECT text FROM statement_texts WHERE statement_id = ? ORDER BY seq');
    return [...ids].flatMap((id) => {
      const r = stmt.get(id) as Row | undefined;
      return r ? [{ ...this.statementRecord(r), renderings: (renderings.all(id) as Row[]).map((x) => String(x['text'])) }] : [];
    });
  }

  private statementRecord(r: Row): StatementRecord {
    return {
      id: String(r['id']),
      speaker: str(r['speaker']),
      speakerEntityId: str(r['speaker_entity_id']),
      text: String(r['text']),
      kind: String(r['kind']) as StatementRecord['kind'],
      stance: String(r['stance']) as StatementRecord['stance'],
      firstArticleId: String(r['first_article_id']) as ArticleId,
      firstDate: str(r['first_date']),
    };
  }

  async eventArticles(eventIds: string[]): Promise<Article[]> {
    const stmt = this.sql('SELECT doc FROM articles WHERE event_id = ? ORDER BY seq');
    return eventIds.flatMap((id) => (stmt.all(id) as Row[]).map((r) => json<Article>(r['doc'])));
  }

  async outletArticles(outlet: string, limit: number): Promise<Article[]> {
    return (this.sql('SELECT doc FROM articles WHERE outlet = ? ORDER BY seq DESC LIMIT ?').all(outlet, Math.max(1, limit)) as Row[]).map((r) => json<Article>(r['doc']));
  }

  async replacePlaces(updates: { articleId: ArticleId; places: PlaceMention[]; entityTable: Entity[] }[]): Promise<void> {
    this.commitGroup(); // its own transaction, after the held writes
    const drop = this.sql('DELETE FROM places WHERE article_id = ?');
    const add = this.sql('INSERT INTO places (article_id, name, lat, lon, country, geoname_id) VALUES (?, ?, ?, ?, ?, ?)');
    const doc = this.sql('SELECT doc FROM articles WHERE id = ?');
    const write = this.sql('UPDATE articles SET doc = ? WHERE id = ?');
    const since = this.sql('INSERT OR IGNORE INTO settle_places (article_id) VALUES (?)');
    this.db.transaction(() => {
      for (const u of updates) {
        const r = doc.get(u.articleId) as Row | undefined;
        if (r === undefined) continue;
        write.run(JSON.stringify({ ...json<Article>(r['doc']), places: u.places, entityTable: u.entityTable }), u.articleId);
        since.run(u.articleId);
        drop.run(u.articleId);
        for (const p of u.places) add.run(u.articleId, p.name, p.lat, p.lon, p.country, p.geonameId);
      }
    })();
  }

  async articleById(id: string): Promise<Article | null> {
    const r = this.sql('SELECT doc FROM articles WHERE id = ?').get(id) as Row | undefined;
    return r ? json<Article>(r['doc']) : null;
  }

  // ----------------------------------------------------------------- reads

  async stats(): Promise<StoreStats> {
    const count = (sql: string) => Number((this.sql(sql).get() as Row)['n']);
    return {
      articles: count('SELECT count(*) n FROM articles'),
      events: count('SELECT count(*) n FROM events WHERE merged_into IS NULL'),
      storylines: count('SELECT count(*) n FROM storylines WHERE id IN (SELECT storyline_id FROM events WHERE merged_into IS NULL)'),
      entities: count('SELECT count(*) n FROM entities WHERE merged_into IS NULL'),
      statements: count('SELECT count(*) n FROM statements'),
      rejections: count("SELECT count(*) n FROM inputs WHERE status = 'rejected'"),
      outlets: count('SELECT count(DISTINCT outlet) n FROM articles WHERE outlet IS NOT NULL'),
    };
  }

  private storylineSummaries(where: string, params: unknown[], opts?: ListOptions): StorylineSummary[] {
    const { limit, offset } = limitOf(opts);
    const rows = this.db
      .prepare(
        `SELECT s.*, count(DISTINCT e.id) event_count, sum(e.article_count) article_count, max(e.last_date) last_event
         FROM storylines s JOIN events e ON e.storyline_id = s.id AND e.merged_into IS NULL
         ${where} GROUP BY s.id ORDER BY article_count DESC, last_event DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as Row[];
    const outlets = this.sql(
      'SELECT DISTINCT a.outlet FROM articles a JOIN events e ON a.event_id = e.id WHERE e.storyline_id = ? AND a.outlet IS NOT NULL ORDER BY a.outlet',
    );
    return rows.map((r) => ({
      id: String(r['id']) as StorylineId,
      label: String(r['label']),
      firstDate: str(r['first_date']),
      lastDate: str(r['last_date']),
      eventCount: Number(r['event_count']),
      articleCount: Number(r['article_count']),
      outlets: (outlets.all(r['id']) as Row[]).map((o) => String(o['outlet'])),
      keyEntities: json<string[]>(r['key_entities']),
    }));
  }

  async listStorylines(opts?: ListOptions): Promise<StorylineSummary[]> {
    return this.storylineSummaries('', [], opts);
  }

  async getStoryline(id: string): Promise<StorylineDetail | null> {
    const [summary] = this.storylineSummaries('WHERE s.id = ?', [id]);
    if (!summary) return null;
    const events = (this.sql('SELECT * FROM events WHERE storyline_id = ? AND merged_into IS NULL ORDER BY coalesce(first_date, last_date)').all(id) as Row[]).map(eventSummary);
    return { ...summary, events };
  }

  async listEvents(filter?: EventFilter): Promise<EventSummary[]> {
    const { limit, offset } = limitOf(filter);
    const where: string[] = ['e.merged_into IS NULL'];
    const params: unknown[] = [];
    if (filter?.storylineId) {
      where.push('e.storyline_id = ?');
      params.push(filter.storylineId);
    }
    if (filter?.outlet) {
      where.push('EXISTS (SELECT 1 FROM articles a WHERE a.event_id = e.id AND a.outlet = ?)');
      params.push(filter.outlet);
    }
    if (filter?.entity) {
      where.push(
        'EXISTS (SELECT 1 FROM articles a JOIN entity_mentions m ON m.article_id = a.id JOIN entities n ON n.id = m.entity_id WHERE a.event_id = e.id AND (n.id = ? OR n.name = ?))',
      );
      params.push(filter.entity, filter.entity);
    }
    if (filter?.from) {
      where.push('coalesce(e.last_date, e.first_date) >= ?');
      params.push(filter.from);
    }
    if (filter?.to) {
      where.push('coalesce(e.first_date, e.last_date) <= ?');
      params.push(`${filter.to}~`);
    }
    const order = filter?.sort === 'most-covered' ? 'e.article_count DESC, e.last_date DESC' : 'e.last_date IS NULL, e.last_date DESC, e.article_count DESC';
    const rows = this.sql(`SELECT e.* FROM events e WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as Row[];
    return rows.map(eventSummary);
  }

  async getEvent(id: string): Promise<EventDetail | null> {
    let r = this.sql('SELECT * FROM events WHERE id = ?').get(id) as Row | undefined;
    // A merged event id still resolves: links once shared keep working.
    for (let hops = 0; r && r['merged_into'] && hops < 10; hops++) r = this.sql('SELECT * FROM events WHERE id = ?').get(r['merged_into']) as Row | undefined;
    if (!r) return null;
    const eventId = String(r['id']);
    const articleRows = this.sql(`SELECT ${SUMMARY_COLS}, membership FROM articles WHERE event_id = ? ORDER BY published_at, seq`).all(eventId) as Row[];
    const history = (this.sql('SELECT * FROM event_history WHERE event_id = ? ORDER BY seq').all(eventId) as Row[]).map((h) => ({
      at: String(h['at']),
      action: String(h['action']) as EventDetail['history'][number]['action'],
      detail: String(h['detail']),
    }));
    const places = (this.db
      .prepare('SELECT p.name, avg(p.lat) lat, avg(p.lon) lon, count(*) n FROM places p JOIN articles a ON a.id = p.article_id WHERE a.event_id = ? GROUP BY p.name ORDER BY n DESC')
      .all(eventId) as Row[]).map((p) => ({ name: String(p['name']), lat: Number(p['lat']), lon: Number(p['lon']), count: Number(p['n']) }));
    const provenance = (this.db
      .prepare('SELECT * FROM provenance_edges WHERE to_id IN (SELECT id FROM articles WHERE event_id = ?) OR from_id IN (SELECT id FROM articles WHERE event_id = ?)')
      .all(eventId, eventId) as Row[]).map((e) => ({
      from: String(e['from_id']) as ArticleId,
      to: String(e['to_id']) as ArticleId,
      kind: String(e['kind']) as ProvenanceKind,
      evidence: String(e['evidence']),
      score: Number(e['score']),
    }));
    return {
      ...eventSummary(r),
      articles: articleRows.map(articleSummary),
      membership: articleRows.map((a) => ({ articleId: String(a['id']) as ArticleId, reason: String(a['membership'] ?? '') })),
      history,
      places,
      provenance,
    };
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const r = this.sql('SELECT doc, raw, event_id, provenance, provenance_of FROM articles WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return {
      article: json<Article>(r['doc']),
      raw: json<RawDocument>(r['raw']),
      eventId: (str(r['event_id']) as EventId | null) ?? null,
      provenance: String(r['provenance']) as ProvenanceKind,
      provenanceOf: (str(r['provenance_of']) as ArticleId | null) ?? null,
    };
  }

  async listArticles(opts?: ListOptions & { outlet?: string }): Promise<ArticleSummary[]> {
    const { limit, offset } = limitOf(opts);
    const rows = opts?.outlet
      ? this.sql(`SELECT ${SUMMARY_COLS} FROM articles WHERE outlet = ? ORDER BY published_at DESC, seq DESC LIMIT ? OFFSET ?`).all(opts.outlet, limit, offset)
      : this.sql(`SELECT ${SUMMARY_COLS} FROM articles ORDER BY published_at DESC, seq DESC LIMIT ? OFFSET ?`).all(limit, offset);
    return (rows as Row[]).map(articleSummary);
  }

  async search(query: string, opts?: ListOptions & { outlet?: string; entity?: string; from?: string; to?: string }): Promise<SearchResult> {
    const { limit, offset } = limitOf(opts, 20);
    const match = ftsQuery(query);
    if (!match) return { hits: [], total: 0, facets: { outlets: [], entities: [], years: [] } };
    const where: string[] = ['articles_fts MATCH ?'];
    const params: unknown[] = [match];
    if (opts?.outlet) {
      where.push('a.outlet = ?');
      params.push(opts.outlet);
    }
    if (opts?.entity) {
      where.push('EXISTS (SELECT 1 FROM entity_mentions m JOIN entities n ON n.id = m.entity_id WHERE m.article_id = a.id AND (n.id = ? OR n.name = ? COLLATE NOCASE))');
      params.push(opts.entity, opts.entity);
    }
    if (opts?.from) {
      where.push('a.published_at >= ?');
      params.push(opts.from);
    }
    if (opts?.to) {
      where.push('a.published_at <= ?');
      params.push(`${opts.to}~`);
    }
    const base = `FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE ${where.join(' AND ')}`;
    const rows = this.sql(`SELECT a.${SUMMARY_COLS.split(', ').join(', a.')}, a.doc, bm25(articles_fts, 3.0, 1.0) score ${base} ORDER BY score LIMIT ? OFFSET ?`).all(...params, limit, offset) as Row[];
    const total = Number((this.sql(`SELECT count(*) n ${base}`).get(...params) as Row)['n']);
    const terms = match.split(' ').map((t) => t.replace(/["*]/g, '').toLowerCase()).filter(Boolean);
    const hits = rows.map((r) => {
      const text = json<Article>(r['doc']).text;
      return { article: articleSummary(r), snippet: snippetOf(text, terms), score: -Number(r['score']) };
    });
    const facet = (sql: string) => (this.sql(sql).all(...params) as Row[]).map((f) => ({ value: String(f['v']), count: Number(f['n']) }));
    return {
      hits,
      total,
      facets: {
        outlets: facet(`SELECT a.outlet v, count(*) n ${base} AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY n DESC LIMIT 20`),
        entities: facet(
          `SELECT n.name v, count(DISTINCT a.id) n ${base.replace('WHERE', 'JOIN entity_mentions m ON m.article_id = a.id JOIN entities n ON n.id = m.entity_id WHERE')} GROUP BY n.id ORDER BY n DESC LIMIT 20`,
        ),
        years: facet(`SELECT substr(a.published_at, 1, 4) v, count(*) n ${base} AND a.published_at GLOB '[0-9][0-9][0-9][0-9]*' GROUP BY v ORDER BY v DESC`),
      },
    };
  }

  async searchArticleIds(query: string, limit: number): Promise<ArticleId[]> {
    const match = ftsQuery(query);
    if (!match) return [];
    return this.rankedIds(match, limit);
  }

  async searchPhraseArticleIds(phrases: readonly (readonly string[])[], limit: number): Promise<ArticleId[]> {
    // One FTS5 phrase per phrase, of its words' letter and digit runs (nothing else reaches the query; the index's
    // tokenizer splits the string as it split the articles), all required. Far fewer articles carry a phrase than
    // all of its words (six common words are in hundreds of articles). Unranked: bm25 would read the phrase's
    // matches twice over (once for its weight), and the oldest carriers hold the first rendering of a statement.
    const match: string[] = [];
    let terms = 0;
    for (const phrase of phrases.slice(0, 20)) {
      const words = phrase.join(' ').slice(0, 500).match(/[\p{L}\p{N}]+/gu)?.slice(0, 20 - terms) ?? [];
      if (words.length === 0) continue;
      match.push(`"${words.join(' ')}"`);
      terms += words.length;
    }
    if (match.length === 0) return [];
    const rows = this.sql('SELECT a.id FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? ORDER BY f.rowid LIMIT ?').all(
      match.join(' '),
      Math.max(1, Math.min(limit, 10_000)),
    ) as Row[];
    return rows.map((r) => String(r['id']) as ArticleId);
  }

  /** The ranking of search() (same join, match and order), without its documents, snippets, total and facets. */
  private rankedIds(match: string, limit: number): ArticleId[] {
    const rows = this.sql('SELECT a.id, bm25(articles_fts, 3.0, 1.0) score FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?').all(
      match,
      Math.max(1, Math.min(limit, 10_000)),
      0,
    ) as Row[];
    return rows.map((r) => String(r['id']) as ArticleId);
  }

  async listStatements(opts?: ListOptions & { speaker?: string; eventId?: string; storylineId?: string; ids?: string[] }): Promise<StatementRow[]> {
    const { limit, offset } = limitOf(opts, 100);
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts?.speaker) {
      const like = `%${opts.speaker.replace(/[%_]/g, '')}%`;
      where.push('(s.speaker LIKE ? OR n.name LIKE ? OR n.aliases LIKE ?)');
      params.push(like, like, like);
    }
    if (opts?.eventId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.statement_id = s.id AND a.event_id = ?)');
      params.push(opts.eventId);
    }
    if (opts?.storylineId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id JOIN events e ON e.id = a.event_id WHERE q.statement_id = s.id AND e.storyline_id = ?)');
      params.push(opts.storylineId);
    }
    if (opts?.ids !== undefined) {
      if (opts.ids.length === 0) return [];
      where.push(`s.id IN (${opts.ids.map(() => '?').join(', ')})`);
      params.push(...opts.ids);
    }
    // A speaker's statements read best in the order they were made; everything else newest first.
    const order = opts?.speaker ? 's.first_date, s.id' : 's.first_date DESC, s.id';
    const rows = this.db
      .prepare(
        `SELECT s.* FROM statements s LEFT JOIN entities n ON n.id = s.speaker_entity_id
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as Row[];
    return rows.map((r) => this.statementRow(r));
  }

  private statementRow(r: Row): StatementRow {
    const rec = this.statementRecord(r);
    const renderings = (this.db
      .prepare('SELECT q.article_id, q.text, q.match, a.outlet, a.published_at FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.statement_id = ? ORDER BY a.published_at, a.seq')
      .all(rec.id) as Row[]).map((q) => ({
      articleId: String(q['article_id']) as ArticleId,
      outlet: str(q['outlet']),
      publishedAt: str(q['published_at']),
      text: String(q['text']),
      match: (str(q['match']) ?? 'verbatim') as StatementRow['renderings'][number]['match'],
    }));
    return { ...rec, renderings };
  }

  async listEntities(opts?: ListOptions & { type?: EntityType; query?: string }): Promise<EntitySummary[]> {
    const { limit, offset } = limitOf(opts, 100);
    const where: string[] = ['e.merged_into IS NULL'];
    const params: unknown[] = [];
    if (opts?.type) {
      where.push('e.type = ?');
      params.push(opts.type);
    }
    if (opts?.query) {
      where.push('(e.name LIKE ? OR e.aliases LIKE ?)');
      params.push(`%${opts.query}%`, `%${opts.query}%`);
    }
    const rows = this.db
      .prepare(
        `SELECT e.*, count(m.article_id) mentions, count(DISTINCT m.article_id) articles FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id
         WHERE ${where.join(' AND ')} GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as Row[];
    return rows.map((r) => this.entitySummary(r));
  }

  private entitySummary(r: Row): EntitySummary {
    const e = this.corpusEntity(r);
    return { id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles, articleCount: Number(r['articles'] ?? 0), mentionCount: Number(r['mentions'] ?? 0) };
  }

  async getEntity(idOrName: string): Promise<EntityDetail | null> {
    let r = this.sql('SELECT * FROM entities WHERE id = ?').get(idOrName) as Row | undefined;
    r ??= this.sql('SELECT * FROM entities WHERE name = ? COLLATE NOCASE AND merged_into IS NULL').get(idOrName) as Row | undefined;
    r ??= this.db
      .prepare(
        `SELECT e.* FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id WHERE e.merged_into IS NULL AND (e.name LIKE ? OR e.aliases LIKE ?)
         GROUP BY e.id ORDER BY count(m.article_id) DESC LIMIT 1`,
      )
      .get(`%${idOrName}%`, `%${idOrName}%`) as Row | undefined;
    for (let hops = 0; r && r['merged_into'] && hops < 10; hops++) r = this.sql('SELECT * FROM entities WHERE id = ?').get(r['merged_into']) as Row | undefined;
    if (!r) return null;
    const id = String(r['id']);
    const counts = this.sql('SELECT count(*) mentions, count(DISTINCT article_id) articles FROM entity_mentions WHERE entity_id = ?').get(id) as Row;
    const articles = (this.db
      .prepare(`SELECT ${SUMMARY_COLS} FROM articles WHERE id IN (SELECT article_id FROM entity_mentions WHERE entity_id = ?) ORDER BY published_at, seq LIMIT 200`)
      .all(id) as Row[]).map(articleSummary);
    const statements = (this.sql('SELECT * FROM statements WHERE speaker_entity_id = ? OR speaker = ? ORDER BY first_date LIMIT 200').all(id, r['name']) as Row[]).map((s) =>
      this.statementRow(s),
    );
    const coOccurring = (this.db
      .prepare(
        `SELECT n.id, n.name, count(DISTINCT m2.article_id) c FROM entity_mentions m1 JOIN entity_mentions m2 ON m1.article_id = m2.article_id AND m2.entity_id != m1.entity_id
         JOIN entities n ON n.id = m2.entity_id WHERE m1.entity_id = ? GROUP BY n.id ORDER BY c DESC LIMIT 20`,
      )
      .all(id) as Row[]).map((c) => ({ id: String(c['id']), name: String(c['name']), count: Number(c['c']) }));
    const mergedFrom = (this.sql('SELECT id, name, merge_reason FROM entities WHERE merged_into = ?').all(id) as Row[]).map((m) => ({
      id: String(m['id']),
      name: String(m['name']),
      reason: String(m['merge_reason'] ?? ''),
    }));
    return { ...this.entitySummary({ ...r, ...counts }), articles, statements, coOccurring, mergedFrom };
  }

  async listOutlets(): Promise<OutletSummary[]> {
    return (this.db
      .prepare(
        `SELECT outlet, count(*) n, sum(provenance = 'original') originals FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet`,
      )
      .all() as Row[]).map((r) => ({
      name: String(r['outlet']),
      articleCount: Number(r['n']),
      originalCount: Number(r['originals']),
      copyCount: Number(r['n']) - Number(r['originals']),
    }));
  }

  async getOutlet(name: string): Promise<(OutletSummary & { articles: ArticleSummary[]; events: EventSummary[] }) | null> {
    const summary = (await this.listOutlets()).find((o) => o.name.toLowerCase() === name.toLowerCase());
    if (!summary) return null;
    const articles = await this.listArticles({ outlet: summary.name, limit: 200 });
    const events = await this.listEvents({ outlet: summary.name, limit: 100 });
    return { ...summary, articles, events };
  }

  async listRejections(opts?: ListOptions): Promise<Rejection[]> {
    const { limit, offset } = limitOf(opts, 100);
    return (this.sql("SELECT * FROM inputs WHERE status = 'rejected' ORDER BY rowid DESC LIMIT ? OFFSET ?").all(limit, offset) as Row[]).map((r) => ({
      source: String(r['source']),
      reason: String(r['reason']) as ReasonCode,
      detail: str(r['detail']),
      at: String(r['at']),
    }));
  }

  async exportIds(kind: ExportKind, after: string | null, limit: number): Promise<string[]> {
    const { table, where } = EXPORT_ID_SOURCES[kind];
    const rows = this.db
      .prepare(`SELECT id FROM ${table} WHERE ${where} AND id > ? ORDER BY id LIMIT ?`)
      .all(after ?? '', Math.max(1, Math.min(limit, 10_000))) as Row[];
    return rows.map((r) => String(r['id']));
  }
}

/** A short window of `text` around the first query term. */
export function snippetOf(text: string, terms: string[], width = 220): string {
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const i = lower.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const slice = text.slice(start, start + width).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${slice}${start + width < text.length ? '…' : ''}`;
}

export function openSqliteStore(file: string): SqliteStore {
  return new SqliteStore(file);
}
