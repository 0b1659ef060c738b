/**
 * Writes one IngestBundle (the ingest service's decisions for one document)
 * in the caller's transaction, and the reads the service makes while deciding.
 */
import type { Article, ArticleId, IngestOutcome } from '../../model/types.js';
import type { ClusterDoc } from '../../cluster/cluster-types.js';
import type { ClusterCheckpoint, ClusteringChange, ClusterLogEntry, CorpusEntity, EventRecord, IngestBundle, StatementRecord, StorylineRecord } from '../store-port.js';
import { leadOf, simhashBands, type Q } from './pg-sql.js';

export async function commitBundle(q: Q, b: IngestBundle): Promise<IngestOutcome> {
  const a = b.article;
  const source = b.raw.source;
  const localToCorpus = new Map(b.entities.map((e) => [e.localId, e.entity.id]));
  const names = new Map(b.entities.map((e) => [e.entity.id, e.entity.name]));
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

  for (const { entity: e } of b.entities) {
    await q.query(
      `INSERT INTO entities (id, name, type, match_key, aliases, roles) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, match_key = EXCLUDED.match_key, aliases = EXCLUDED.aliases, roles = EXCLUDED.roles`,
      [e.id, e.name, e.type, e.matchKey, JSON.stringify(e.aliases), JSON.stringify(e.roles)],
    );
  }
  for (const s of b.statements) {
    await q.query(
      `INSERT INTO statements (id, speaker, speaker_entity_id, text, kind, stance, first_article_id, first_date) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
       ON CONFLICT (id) DO UPDATE SET speaker = EXCLUDED.speaker, speaker_entity_id = EXCLUDED.speaker_entity_id, text = EXCLUDED.text, kind = EXCLUDED.kind,
         stance = EXCLUDED.stance, first_article_id = EXCLUDED.first_article_id, first_date = EXCLUDED.first_date`,
      [s.id, s.speaker, s.speakerEntityId, s.text, s.kind, s.stance, s.firstArticleId, s.firstDate],
    );
  }
  await q.query(
    `INSERT INTO articles (id, source, url, outlet, title, byline, published_at, date_confidence, language, content_hash, simhash, lead, event_id, membership, provenance, provenance_of, doc, raw, ingested_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`,
    [a.id, source, a.url, a.outlet, a.title, a.byline, a.publishedAt, a.dateConfidence, a.language, a.contentHash, a.simhash, leadOf(a.text), b.eventId, b.membership, b.provenance.kind, b.provenance.of, JSON.stringify(stored), JSON.stringify(b.raw), b.at],
  );
  for (const [band, value] of simhashBands(a.simhash).entries()) {
    await q.query('INSERT INTO simhash_bands (band, value, article_id) VALUES ($1,$2,$3)', [band, value, a.id]);
  }
  for (const m of stored.entities) {
    await q.query('INSERT INTO entity_mentions (article_id, entity_id, start, "end", text) VALUES ($1,$2,$3,$4,$5)', [a.id, m.entityId, m.start, m.end, m.text]);
  }
  for (const p of a.places) {
    await q.query('INSERT INTO places (article_id, name, lat, lon, country, geoname_id) VALUES ($1,$2,$3,$4,$5,$6)', [a.id, p.name, p.lat, p.lon, p.country, p.geonameId]);
  }
  for (const [idx, qt] of stored.quotes.entries()) {
    const link = b.quoteStatements[idx];
    await q.query(
      'INSERT INTO quotes (article_id, idx, statement_id, match, text, kind, stance, speaker, speaker_entity_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [a.id, idx, link?.statementId ?? null, link?.match ?? null, qt.text, qt.kind, qt.cue.stance, qt.speaker?.name ?? qt.speaker?.text ?? null, qt.speaker?.entityId ?? null],
    );
  }
  for (const m of b.eventMerges) {
    await q.query('UPDATE articles SET event_id = $2 WHERE event_id = $1', [m.from, m.into]);
    await q.query('UPDATE events SET merged_into = $2, article_count = 0 WHERE id = $1', [m.from, m.into]);
  }
  await upsertEventsAndStorylines(q, b.events, b.storylines);
  for (const h of b.history) {
    await q.query('INSERT INTO event_history (event_id, at, action, detail) VALUES ($1,$2,$3,$4)', [h.eventId, b.at, h.action, h.detail]);
  }
  for (const e of b.provenance.edges) {
    await q.query(
      `INSERT INTO provenance_edges (from_id, to_id, kind, evidence, score) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (from_id, to_id) DO UPDATE SET kind = EXCLUDED.kind, evidence = EXCLUDED.evidence, score = EXCLUDED.score`,
      [e.from, e.to, e.kind, e.evidence, e.score],
    );
  }
  const { text: _text, ...logged } = b.clusterDoc;
  const log = await q.query<{ seq: string }>('INSERT INTO cluster_log (doc, article_id) VALUES ($1, $2) RETURNING seq', [JSON.stringify(logged), a.id]);
  if (b.clusterSnapshot !== undefined) await writeCheckpoint(q, b.clusterSnapshot, Number(log.rows[0]?.seq ?? 0), null);
  await q.query('INSERT INTO inputs (source, status, article_id, reason, detail, at) VALUES ($1,$2,$3,$4,$5,$6)', [source, 'stored', a.id, null, null, b.at]);
  return { status: 'stored', source, articleId: a.id };
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
  await writeCheckpoint(q, c.checkpoint.snapshot, c.checkpoint.seq, c.checkpoint.seq);
}

// ---- reads the ingest service makes while deciding ----------------------------------------

export async function loadClusterState(q: Q): Promise<ClusterCheckpoint | null> {
  const r = await q.query<{ snapshot: unknown; version: string; settled_seq: string }>('SELECT snapshot, version, settled_seq FROM cluster_state WHERE id = 1');
  const row = r.rows[0];
  return row === undefined ? null : { snapshot: row.snapshot, seq: Number(row.version), settledSeq: Number(row.settled_seq) };
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

export async function findDuplicate(q: Q, contentHash: string, url: string | null): Promise<{ articleId: ArticleId; reason: 'duplicate-content' | 'duplicate-url' } | null> {
  const byHash = await q.query<{ id: string }>('SELECT id FROM articles WHERE content_hash = $1 LIMIT 1', [contentHash]);
  if (byHash.rows[0] !== undefined) return { articleId: byHash.rows[0].id as ArticleId, reason: 'duplicate-content' };
  if (url === null) return null;
  const byUrl = await q.query<{ id: string }>('SELECT id FROM articles WHERE url = $1 ORDER BY seq LIMIT 1', [url]);
  return byUrl.rows[0] !== undefined ? { articleId: byUrl.rows[0].id as ArticleId, reason: 'duplicate-url' } : null;
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

export async function statementsBySpeakers(q: Q, speakers: string[]): Promise<(StatementRecord & { renderings: string[] })[]> {
  if (speakers.length === 0) return [];
  const r = await q.query<{ id: string; speaker: string | null; speaker_entity_id: string | null; text: string; kind: StatementRecord['kind']; stance: StatementRecord['stance']; first_article_id: string; first_date: string | null; renderings: string[] | null }>(
    // Each distinct rendering text once, in the order of its first quote (what the ingest service compares with).
    `SELECT s.*, (SELECT array_agg(x.text ORDER BY x.article_id, x.idx) FROM (
         SELECT DISTINCT ON (qt.text) qt.text, qt.article_id, qt.idx FROM quotes qt WHERE qt.statement_id = s.id ORDER BY qt.text, qt.article_id, qt.idx) x) AS renderings
       FROM statements s WHERE s.speaker = ANY($1) OR s.speaker_entity_id = ANY($1) ORDER BY s.id`,
    [speakers],
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

export async function eventArticles(q: Q, eventIds: string[]): Promise<Article[]> {
  if (eventIds.length === 0) return [];
  const r = await q.query<{ doc: Article }>('SELECT doc FROM articles WHERE event_id = ANY($1) ORDER BY seq', [eventIds]);
  return r.rows.map((x) => x.doc);
}

export async function articleById(q: Q, id: string): Promise<Article | null> {
  const r = await q.query<{ doc: Article }>('SELECT doc FROM articles WHERE id = $1', [id]);
  return r.rows[0]?.doc ?? null;
}
