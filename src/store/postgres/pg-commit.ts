/**
 * Writes one IngestBundle (the ingest service's decisions for one document),
 * and the reads the service makes while deciding.
 */
import type { Article, ArticleId, IngestOutcome } from '../../model/types.js';
import type { ClusterDoc } from '../../cluster/cluster-types.js';
import type { ClusterCheckpoint, ClusteringChange, ClusterLogEntry, CorpusEntity, EventRecord, IngestBundle, SettledState, StatementRecord, StorylineRecord } from '../store-port.js';
import { rewritesNothing } from '../store-port.js';
import { leadOf, simhashBands, type Q } from './pg-sql.js';

/** One row per key, the last one given (row by row, the last write won; one multi-row upsert may not touch a row twice). */
function lastByKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    m.delete(k);
    m.set(k, r);
  }
  return [...m.values()];
}

/** A statement assembled from WITH parts: each part one data-modifying CTE, all with one parameter list. */
class CteStatement {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  p(v: unknown): string {
    return `$${this.params.push(v)}`;
  }
  /** JSON rows as a parameter (the table function reads them: one parameter for any number of rows). */
  rows(v: unknown[]): string {
    return `${this.p(JSON.stringify(v))}::jsonb`;
  }
  add(name: string, sql: string): void {
    this.parts.push(`${name} AS (${sql})`);
  }
  text(final: string): string {
    return `WITH ${this.parts.join(',\n')}\n${final}`;
  }
}

/**
 * The article and what hangs off it: entities, statements, bands, mentions, places, quotes (tables nothing else in
 * the commit touches). `stagedKey`: the page is the one waiting in `staged_raw` under that key, moved into the
 * article's row (`bundle.raw` is then only read for its source); a page not found fails the commit (raw is NOT NULL).
 */
function addArticleRows(st: CteStatement, b: IngestBundle, stagedKey: string | null): void {
  const a = b.article;
  const localToCorpus = new Map(b.entities.map((e) => [e.localId, e.entity.id]));
  const names = new Map(b.entities.map((e) => [e.entity.id, e.entity.name]));
  const corpusId = (local: string | null | undefined): string | null => (local == null ? null : (localToCorpus.get(local) ?? null));
  const stored: Article = {
    ...a,
    entities: a.entities.map((m) => {
      const id = localToCorpus.get(m.entityId) ?? m.entityId;
      return { ...m, entityId: id, name: names.get(id) ?? m.name };
    }),
    quotes: a.quotes.map((qt) =>
      qt.speaker?.entityId != null ? { ...qt, speaker: { ...qt.speaker, entityId: localToCorpus.get(qt.speaker.entityId) ?? qt.speaker.entityId } } : qt,
    ),
  };
  const id = st.p(a.id);
  const entities = lastByKey(b.entities.map((e) => e.entity), (e) => e.id);
  if (entities.length > 0) {
    st.add(
      'ent',
      `INSERT INTO entities (id, name, type, match_key, aliases, roles)
       SELECT x.id, x.name, x.type, x.match_key, x.aliases, x.roles FROM jsonb_to_recordset(${st.rows(entities.map((e) => ({ id: e.id, name: e.name, type: e.type, match_key: e.matchKey, aliases: e.aliases, roles: e.roles })))})
         AS x(id text, name text, type text, match_key text, aliases jsonb, roles jsonb)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, match_key = EXCLUDED.match_key, aliases = EXCLUDED.aliases, roles = EXCLUDED.roles`,
    );
  }
  const statements = lastByKey(b.statements, (x) => x.id);
  if (statements.length > 0) {
    st.add(
      'stm',
      `INSERT INTO statements (id, speaker, speaker_entity_id, text, kind, stance, first_article_id, first_date)
       SELECT x.id, x.speaker, x.speaker_entity_id, x.text, x.kind, x.stance, x.first_article_id, x.first_date FROM jsonb_to_recordset(${st.rows(
         statements.map((x) => ({ id: x.id, speaker: x.speaker, speaker_entity_id: x.speakerEntityId, text: x.text, kind: x.kind, stance: x.stance, first_article_id: x.firstArticleId, first_date: x.firstDate })),
       )}) AS x(id text, speaker text, speaker_entity_id text, text text, kind text, stance text, first_article_id text, first_date text)
       ON CONFLICT (id) DO UPDATE SET speaker = EXCLUDED.speaker, speaker_entity_id = EXCLUDED.speaker_entity_id, text = EXCLUDED.text, kind = EXCLUDED.kind,
         stance = EXCLUDED.stance, first_article_id = EXCLUDED.first_article_id, first_date = EXCLUDED.first_date`,
    );
  }
  let raw: string;
  if (stagedKey === null) raw = st.p(JSON.stringify(b.raw));
  else {
    st.add('staged', `DELETE FROM staged_raw WHERE key = ${st.p(stagedKey)} RETURNING raw`);
    raw = '(SELECT raw FROM staged)';
  }
  const values = [b.raw.source, a.canonicalUrl ?? a.url, a.outlet, a.title, a.byline, a.publishedAt, a.dateConfidence, a.language, a.contentHash, a.simhash, leadOf(a.text), b.eventId, b.membership, b.provenance.kind, b.provenance.of, JSON.stringify(stored)].map((v) => st.p(v));
  st.add(
    'art',
    `INSERT INTO articles (id, source, url, outlet, title, byline, published_at, date_confidence, language, content_hash, simhash, lead, event_id, membership, provenance, provenance_of, doc, raw, ingested_at)
     VALUES (${id}, ${values.join(', ')}, ${raw}, ${st.p(b.at)})`,
  );
  st.add('bands', `INSERT INTO simhash_bands (band, value, article_id) SELECT (x.o - 1)::smallint, x.v, ${id} FROM unnest(${st.p(simhashBands(a.simhash))}::text[]) WITH ORDINALITY AS x(v, o)`);
  // Mentions of entities the service resolved (as SQLite: a mention left unresolved names no corpus entity).
  const mentions = a.entities.flatMap((m) => {
    const e = corpusId(m.entityId);
    return e === null ? [] : [{ entity_id: e, start: m.start, end: m.end, text: m.text }];
  });
  if (mentions.length > 0) {
    st.add(
      'men',
      `INSERT INTO entity_mentions (article_id, entity_id, start, "end", text)
       SELECT ${id}, x.entity_id, x.start, x."end", x.text FROM jsonb_to_recordset(${st.rows(mentions)}) AS x(entity_id text, start integer, "end" integer, text text)`,
    );
  }
  if (a.places.length > 0) {
    st.add(
      'pla',
      `INSERT INTO places (article_id, name, lat, lon, country, geoname_id)
       SELECT ${id}, x.name, x.lat, x.lon, x.country, x.geoname_id FROM jsonb_to_recordset(${st.rows(a.places.map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, country: p.country, geoname_id: p.geonameId })))})
         AS x(name text, lat double precision, lon double precision, country text, geoname_id integer)`,
    );
  }
  if (stored.quotes.length > 0) {
    const quotes = stored.quotes.map((qt, idx) => {
      const link = b.quoteStatements[idx];
      return { idx, statement_id: link?.statementId ?? null, match: link?.match ?? null, text: qt.text, kind: qt.kind, stance: qt.cue.stance, speaker: qt.speaker?.name ?? qt.speaker?.text ?? null, speaker_entity_id: qt.speaker?.entityId ?? null };
    });
    st.add(
      'quo',
      `INSERT INTO quotes (article_id, idx, statement_id, match, text, kind, stance, speaker, speaker_entity_id)
       SELECT ${id}, x.idx, x.statement_id, x.match, x.text, x.kind, x.stance, x.speaker, x.speaker_entity_id FROM jsonb_to_recordset(${st.rows(quotes)})
         AS x(idx integer, statement_id text, match text, text text, kind text, stance text, speaker text, speaker_entity_id text)`,
    );
  }
}

/** The rest of the commit: event and story-line rows, history, provenance edges, the cluster-log entry, the input and its idempotency key. */
function addEventRows(st: CteStatement, b: IngestBundle, key: string | null): void {
  const a = b.article;
  const at = st.p(b.at);
  const events = lastByKey(b.events, (e) => e.id);
  if (events.length > 0) {
    st.add(
      'evt',
      `INSERT INTO events (id, storyline_id, label, summary, first_date, last_date, article_count, outlets, key_entities)
       SELECT x.id, x.storyline_id, x.label, x.summary, x.first_date, x.last_date, x.article_count, x.outlets, x.key_entities FROM jsonb_to_recordset(${st.rows(
         events.map((e) => ({ id: e.id, storyline_id: e.storylineId, label: e.label, summary: e.summary, first_date: e.firstDate, last_date: e.lastDate, article_count: e.articleCount, outlets: e.outlets, key_entities: e.keyEntities })),
       )}) AS x(id text, storyline_id text, label text, summary text, first_date text, last_date text, article_count integer, outlets jsonb, key_entities jsonb)
       ON CONFLICT (id) DO UPDATE SET storyline_id = EXCLUDED.storyline_id, label = EXCLUDED.label, summary = EXCLUDED.summary, first_date = EXCLUDED.first_date,
         last_date = EXCLUDED.last_date, article_count = EXCLUDED.article_count, outlets = EXCLUDED.outlets, key_entities = EXCLUDED.key_entities, merged_into = NULL`,
    );
  }
  const storylines = lastByKey(b.storylines, (s) => s.id);
  if (storylines.length > 0) {
    st.add(
      'stl',
      `INSERT INTO storylines (id, label, first_date, last_date, key_entities)
       SELECT x.id, x.label, x.first_date, x.last_date, x.key_entities FROM jsonb_to_recordset(${st.rows(storylines.map((s) => ({ id: s.id, label: s.label, first_date: s.firstDate, last_date: s.lastDate, key_entities: s.keyEntities })))})
         AS x(id text, label text, first_date text, last_date text, key_entities jsonb)
       ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, first_date = EXCLUDED.first_date, last_date = EXCLUDED.last_date, key_entities = EXCLUDED.key_entities`,
    );
  }
  if (b.history.length > 0) {
    // In the bundle's order: the history's sequence numbers are its order.
    st.add(
      'his',
      `INSERT INTO event_history (event_id, at, action, detail)
       SELECT h->>'eventId', ${at}, h->>'action', h->>'detail' FROM jsonb_array_elements(${st.rows(b.history)}) WITH ORDINALITY AS x(h, o) ORDER BY x.o`,
    );
  }
  const edges = lastByKey(b.provenance.edges, (e) => `${e.from}\n${e.to}`);
  if (edges.length > 0) {
    st.add(
      'edg',
      `INSERT INTO provenance_edges (from_id, to_id, kind, evidence, score)
       SELECT x.from_id, x.to_id, x.kind, x.evidence, x.score FROM jsonb_to_recordset(${st.rows(edges.map((e) => ({ from_id: e.from, to_id: e.to, kind: e.kind, evidence: e.evidence, score: e.score })))})
         AS x(from_id text, to_id text, kind text, evidence text, score double precision)
       ON CONFLICT (from_id, to_id) DO UPDATE SET kind = EXCLUDED.kind, evidence = EXCLUDED.evidence, score = EXCLUDED.score`,
    );
  }
  const { text: _text, ...logged } = b.clusterDoc;
  st.add('log', `INSERT INTO cluster_log (doc, article_id) VALUES (${st.p(JSON.stringify(logged))}, ${st.p(a.id)}) RETURNING seq`);
  st.add('inp', `INSERT INTO inputs (source, status, article_id, reason, detail, at) VALUES (${st.p(b.raw.source)}, 'stored', ${st.p(a.id)}, NULL, NULL, ${at})`);
  if (key !== null) {
    const outcome: IngestOutcome = { status: 'stored', source: b.raw.source, articleId: a.id };
    st.add('out', `INSERT INTO step_outcomes (key, outcome, at) VALUES (${st.p(key)}, ${st.p(JSON.stringify(outcome))}, ${at}) ON CONFLICT (key) DO NOTHING`);
  }
}

/**
 * Writes one bundle. Usually ONE statement (data-modifying CTEs over disjoint
 * tables, so their order within it does not matter) and so one round trip,
 * atomic without a transaction. Event or story-line merges, which must apply
 * after the article is in and before the event rows are written, and a
 * clusterer checkpoint, which needs the log position, make it a transaction
 * of a few statements in the same order. `key`: the idempotency key recorded
 * with the write (see PostgresStore.withIngestKey); `stagedKey`: the key the
 * page waits under in `staged_raw` (see addArticleRows), or null: `bundle.raw`.
 */
export async function commitBundle(db: TxRunner, b: IngestBundle, key: string | null, stagedKey: string | null = null): Promise<{ outcome: IngestOutcome; seq: number }> {
  const outcome: IngestOutcome = { status: 'stored', source: b.raw.source, articleId: b.article.id };
  const merges = b.eventMerges.length > 0 || (b.storylineMerges?.length ?? 0) > 0;
  if (!merges && b.clusterSnapshot === undefined) {
    const st = new CteStatement();
    addArticleRows(st, b, stagedKey);
    addEventRows(st, b, key);
    const log = await db.pool.query<{ seq: string }>(st.text('SELECT seq FROM log'), st.params);
    return { outcome, seq: Number(log.rows[0]?.seq ?? 0) };
  }
  return db.transaction(async (q) => {
    let st = new CteStatement();
    addArticleRows(st, b, stagedKey);
    if (merges) {
      await q.query(st.text('SELECT 1'), st.params);
      for (const m of b.eventMerges) {
        await q.query('UPDATE articles SET event_id = $2 WHERE event_id = $1', [m.from, m.into]);
        await q.query('UPDATE events SET merged_into = $2, article_count = 0 WHERE id = $1', [m.from, m.into]);
      }
      for (const m of b.storylineMerges ?? []) {
        await q.query('UPDATE events SET storyline_id = $2 WHERE storyline_id = $1', [m.from, m.into]);
        await q.query('DELETE FROM storylines WHERE id = $1', [m.from]);
      }
      st = new CteStatement();
    }
    addEventRows(st, b, key);
    const log = await q.query<{ seq: string }>(st.text('SELECT seq FROM log'), st.params);
    const seq = Number(log.rows[0]?.seq ?? 0);
    if (b.clusterSnapshot !== undefined) await writeCheckpoint(q, b.clusterSnapshot, seq, null);
    return { outcome, seq };
  });
}

/** What a commit needs from the store: the pool for a one-statement write, a transaction for more. */
export interface TxRunner {
  pool: Q;
  transaction<T>(fn: (q: Q) => Promise<T>): Promise<T>;
}

/** Event and story-line rows, inserted or replaced (an event written again is live again: not merged). */
async function upsertEventsAndStorylines(q: Q, events: readonly EventRecord[], storylines: readonly StorylineRecord[]): Promise<void> {
  for (const e of events) {
    await q.query(
      `INSERT INTO events (id, storyline_id, label, summary, first_date, last_date, article_count, outlets, key_entities) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
       ON CONFLICT (id) DO UPDATE SET storyline_id = EXCLUDED.storyline_id, label = EXCLUDED.label, summary = EXCLUDED.summary, first_date = EXCLUDED.first_date,
         last_date = EXCLUDED.last_date, article_count = EXCLUDED.article_count, outlets = EXCLUDED.outlets, key_entities = EXCLUDED.key_entities, merged_into = NULL`,
      [e.id, e.storylineId, e.label, e.summary, e.firstDate, e.lastDate, e.articleCount, JSON.stringify(e.outlets), JSON.stringify(e.keyEntities)],
    );
  }
  for (const s of storylines) {
    await q.query(
      `INSERT INTO storylines (id, label, first_date, last_date, key_entities) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, first_date = EXCLUDED.first_date, last_date = EXCLUDED.last_date, key_entities = EXCLUDED.key_entities`,
      [s.id, s.label, s.firstDate, s.lastDate, JSON.stringify(s.keyEntities)],
    );
  }
}

/** Writes the clusterer checkpoint covering the log up to `seq` (and, with `settled`, the new settled position). */
export async function writeCheckpoint(q: Q, snapshot: unknown, seq: number, settled: number | null): Promise<void> {
  await q.query(
    `INSERT INTO cluster_state (id, snapshot, version, settled_seq) VALUES (1, $1, $2, coalesce($3::bigint, 0))
     ON CONFLICT (id) DO UPDATE SET snapshot = EXCLUDED.snapshot, version = EXCLUDED.version, settled_seq = coalesce($3::bigint, cluster_state.settled_seq)`,
    [JSON.stringify(snapshot), seq, settled],
  );
}

/** Applies a re-clustering of stored articles in the caller's transaction. */
export async function applyClustering(q: Q, c: ClusteringChange): Promise<void> {
  for (const m of c.moves) await q.query('UPDATE articles SET event_id = $2, membership = $3 WHERE id = $1', [m.articleId, m.eventId, m.membership]);
  for (const r of c.retired) {
    if (r.into === null) await q.query('DELETE FROM events WHERE id = $1', [r.id]);
    else await q.query('UPDATE events SET merged_into = $2, article_count = 0 WHERE id = $1', [r.id, r.into]);
  }
  await upsertEventsAndStorylines(q, c.events, c.storylines);
  if (c.retiredStorylines.length > 0) await q.query('DELETE FROM storylines WHERE id = ANY($1)', [c.retiredStorylines]);
  for (const h of c.history) await q.query('INSERT INTO event_history (event_id, at, action, detail) VALUES ($1,$2,$3,$4)', [h.eventId, c.at, h.action, h.detail]);
  for (const p of c.provenance) {
    await q.query('DELETE FROM provenance_edges WHERE to_id = $1', [p.articleId]);
    await q.query('UPDATE articles SET provenance = $2, provenance_of = $3 WHERE id = $1', [p.articleId, p.kind, p.of]);
    for (const e of p.edges) {
      await q.query(
        `INSERT INTO provenance_edges (from_id, to_id, kind, evidence, score) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (from_id, to_id) DO UPDATE SET kind = EXCLUDED.kind, evidence = EXCLUDED.evidence, score = EXCLUDED.score`,
        [e.from, e.to, e.kind, e.evidence, e.score],
      );
    }
  }
  await recordSettledState(q, c);
  await writeCheckpoint(q, c.checkpoint.snapshot, c.checkpoint.seq, c.checkpoint.seq);
}

/**
 * Records what the change tells of the stored events (the port's SettledState), in the caller's transaction and
 * before the checkpoint moves the settled position: a replay's rules and position, an empty change's new settled
 * position (only for a state still valid), and for any other change nothing to trust.
 */
async function recordSettledState(q: Q, c: ClusteringChange): Promise<void> {
  const seq = c.checkpoint.seq;
  if (c.replayed !== undefined) {
    await q.query(
      `INSERT INTO settle_state (id, rules, replay_seq, settled_seq) VALUES (1, $1, $2, $2)
       ON CONFLICT (id) DO UPDATE SET rules = EXCLUDED.rules, replay_seq = EXCLUDED.replay_seq, settled_seq = EXCLUDED.settled_seq`,
      [c.replayed.rules, seq],
    );
    await q.query('DELETE FROM settle_places');
  } else if (rewritesNothing(c)) {
    await q.query('UPDATE settle_state SET settled_seq = $1 WHERE id = 1 AND settled_seq = (SELECT settled_seq FROM cluster_state WHERE id = 1)', [seq]);
  } else {
    await q.query('DELETE FROM settle_state');
    await q.query('DELETE FROM settle_places');
  }
}

/** The port's SettledState: valid while its settled position is the checkpoint's (a settle that did not carry it moved that one alone). */
export async function settledState(q: Q): Promise<SettledState | null> {
  const r = await q.query<{ rules: string; replay_seq: string }>(
    'SELECT s.rules, s.replay_seq FROM settle_state s JOIN cluster_state c ON c.id = 1 AND c.settled_seq = s.settled_seq WHERE s.id = 1',
  );
  const row = r.rows[0];
  if (row === undefined) return null;
  const places = await q.query<{ article_id: string }>('SELECT article_id FROM settle_places ORDER BY article_id COLLATE "C"');
  return { rules: row.rules, replaySeq: Number(row.replay_seq), placesChanged: places.rows.map((p) => p.article_id) };
}

/** Records that these articles' places were rewritten since the last replay (in the caller's transaction). */
export async function placesChanged(q: Q, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length > 0) await q.query('INSERT INTO settle_places (article_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [articleIds]);
}

// ---- reads the ingest service makes while deciding ----------------------------------------

export async function loadClusterState(q: Q): Promise<ClusterCheckpoint | null> {
  const r = await q.query<{ snapshot: unknown; version: string; settled_seq: string }>('SELECT snapshot, version, settled_seq FROM cluster_state WHERE id = 1');
  const row = r.rows[0];
  return row === undefined ? null : { snapshot: row.snapshot, seq: Number(row.version), settledSeq: Number(row.settled_seq) };
}

export async function settledSeq(q: Q): Promise<number> {
  const r = await q.query<{ settled_seq: string }>('SELECT settled_seq FROM cluster_state WHERE id = 1');
  return Number(r.rows[0]?.settled_seq ?? 0);
}

export async function clusterHead(q: Q): Promise<number> {
  const r = await q.query<{ head: string }>('SELECT coalesce(max(seq), 0) AS head FROM cluster_log');
  return Number(r.rows[0]?.head ?? 0);
}

export async function clusterLog(q: Q, afterSeq: number, limit: number): Promise<ClusterLogEntry[]> {
  const r = await q.query<{ seq: string; doc: Omit<ClusterDoc, 'text'>; text: string | null; event_id: string | null; storyline_id: string | null }>(
    `SELECT l.seq, l.doc, a.doc->>'text' AS text, a.event_id, e.storyline_id
     FROM cluster_log l JOIN articles a ON a.id = l.article_id LEFT JOIN events e ON e.id = a.event_id
     WHERE l.seq > $1 ORDER BY l.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return r.rows.map((x) => ({ seq: Number(x.seq), doc: { ...x.doc, text: x.text ?? '' }, eventId: x.event_id, storylineId: x.storyline_id }));
}

/** The same text first, else the earliest article at the same URL: one query. */
export async function findDuplicate(q: Q, contentHash: string, url: string | null): Promise<{ articleId: ArticleId; reason: 'duplicate-content' | 'duplicate-url' } | null> {
  const r = await q.query<{ id: string; reason: 'duplicate-content' | 'duplicate-url' }>(
    `(SELECT id, 'duplicate-content' AS reason FROM articles WHERE content_hash = $1 LIMIT 1)
     UNION ALL
     (SELECT id, 'duplicate-url' AS reason FROM articles WHERE $2::text IS NOT NULL AND url = $2 ORDER BY seq LIMIT 1)
     LIMIT 1`,
    [contentHash, url],
  );
  const hit = r.rows[0];
  return hit === undefined ? null : { articleId: hit.id as ArticleId, reason: hit.reason };
}

export async function allFingerprints(q: Q): Promise<{ id: ArticleId; simhash: string }[]> {
  const r = await q.query<{ id: string; simhash: string }>('SELECT id, simhash FROM articles ORDER BY seq');
  return r.rows.map((x) => ({ id: x.id as ArticleId, simhash: x.simhash }));
}

interface EntityRow {
  id: string;
  name: string;
  type: CorpusEntity['type'];
  match_key: string;
  aliases: string[];
  roles: unknown[];
}

function toCorpusEntity(r: EntityRow): CorpusEntity {
  // Roles are stored as given; older rows may hold role objects rather than strings.
  const roles = r.roles.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && 'role' in x ? String((x as { role: unknown }).role) : String(x)));
  return { id: r.id, name: r.name, type: r.type, matchKey: r.match_key, aliases: r.aliases, roles };
}

export async function entitiesByKeys(q: Q, keys: string[]): Promise<CorpusEntity[]> {
  if (keys.length === 0) return [];
  const r = await q.query<EntityRow>('SELECT id, name, type, match_key, aliases, roles FROM entities WHERE match_key = ANY($1) AND merged_into IS NULL ORDER BY id', [keys]);
  return r.rows.map(toCorpusEntity);
}

export async function entityOverrides(q: Q): Promise<{ action: 'merge' | 'split'; entityId: string; other: string }[]> {
  const r = await q.query<{ action: 'merge' | 'split'; entity_id: string; other: string }>('SELECT action, entity_id, other FROM entity_overrides ORDER BY seq');
  return r.rows.map((x) => ({ action: x.action, entityId: x.entity_id, other: x.other }));
}

type StatementWithRenderings = StatementRecord & { renderings: string[] };

/** Statement rows with each distinct rendering text once, in the order of its first quote (what the ingest service compares with). */
async function statementsWhere(q: Q, where: string, params: unknown[], order = 's.id'): Promise<StatementWithRenderings[]> {
  const r = await q.query<{ id: string; speaker: string | null; speaker_entity_id: string | null; text: string; kind: StatementRecord['kind']; stance: StatementRecord['stance']; first_article_id: string; first_date: string | null; renderings: string[] | null }>(
    `SELECT s.*, (SELECT array_agg(x.text ORDER BY x.article_id, x.idx) FROM (
         SELECT DISTINCT ON (qt.text) qt.text, qt.article_id, qt.idx FROM quotes qt WHERE qt.statement_id = s.id ORDER BY qt.text, qt.article_id, qt.idx) x) AS renderings
       FROM statements s WHERE ${where} ORDER BY ${order}`,
    params,
  );
  return r.rows.map((s) => ({
    id: s.id,
    speaker: s.speaker,
    speakerEntityId: s.speaker_entity_id,
    text: s.text,
    kind: s.kind,
    stance: s.stance,
    firstArticleId: s.first_article_id as ArticleId,
    firstDate: s.first_date,
    renderings: s.renderings ?? [],
  }));
}

export async function statementsBySpeakers(q: Q, speakers: string[]): Promise<StatementWithRenderings[]> {
  if (speakers.length === 0) return [];
  return statementsWhere(q, 's.speaker = ANY($1) OR s.speaker_entity_id = ANY($1)', [speakers]);
}

/** Statements the given articles render, in the order the articles are given and their quotes within each (as SQLite). */
export async function statementsOfArticles(q: Q, articleIds: string[]): Promise<StatementWithRenderings[]> {
  if (articleIds.length === 0) return [];
  return statementsWhere(
    q,
    's.id IN (SELECT statement_id FROM quotes WHERE article_id = ANY($1) AND statement_id IS NOT NULL)',
    [articleIds],
    `(SELECT min(array_position($1::text[], qt.article_id) * 100000 + qt.idx) FROM quotes qt WHERE qt.statement_id = s.id AND qt.article_id = ANY($1)), s.id`,
  );
}

export async function eventArticles(q: Q, eventIds: string[]): Promise<Article[]> {
  if (eventIds.length === 0) return [];
  const r = await q.query<{ doc: Article }>('SELECT doc FROM articles WHERE event_id = ANY($1) ORDER BY seq', [eventIds]);
  return r.rows.map((x) => x.doc);
}

export async function articleById(q: Q, id: string): Promise<Article | null> {
  const r = await q.query<{ doc: Article }>('SELECT doc FROM articles WHERE id = $1', [id]);
  return r.rows[0]?.doc ?? null;
}
