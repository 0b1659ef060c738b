/**
 * The write path of the PostgreSQL store: one analysed article, applied in one
 * transaction that already holds the ingest lock (so duplicate checks, entity
 * resolution and event assignment see every earlier article, whichever
 * worker stored it).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Article, ArticleId, Entity, IngestOutcome, Quote, RawDocument, ReasonCode } from '../../model/types.js';
import type { ProvenanceKind } from '../store-port.js';

/** One analysed input for the store's own ingest path (used when no ingest service is wired, e.g. by the worker tests). */
export interface ArticleWrite {
  raw: RawDocument;
  article: Article;
}
import { fromHex64, hammingParts } from '../../dedup/index.js';
import { entityMatchKey, matchEntity, type MatchableEntity } from '../../enrich/entities/entity-merge.js';
import type { ClusterDoc } from '../../cluster/cluster-types.js';
import type { Assignment } from '../../cluster/cluster-types.js';

export type Q = Pick<pg.PoolClient, 'query'>;

export const NEAR_DUPLICATE_DISTANCE = 3;
const LEAD_CHARS = 280;

export function shortHash(s: string, len = 16): string {
  return createHash('sha1').update(s).digest('hex').slice(0, len);
}

/** Four 16-bit bands of a 64-bit SimHash in hex: a hash within distance 3 shares one of them. */
export function simhashBands(hex: string): string[] {
  const h = hex.padStart(16, '0');
  return [0, 1, 2, 3].map((b) => h.slice(b * 4, b * 4 + 4));
}

export function leadOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= LEAD_CHARS ? t : `${t.slice(0, LEAD_CHARS).replace(/\s\S*$/, '')}…`;
}

function normalizeQuote(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

async function recordInput(q: Q, source: string, status: string, articleId: string | null, reason: ReasonCode | null, detail: string | null, at: string): Promise<void> {
  await q.query('INSERT INTO inputs (source, status, article_id, reason, detail, at) VALUES ($1,$2,$3,$4,$5,$6)', [source, status, articleId, reason, detail, at]);
}

export async function recordRejection(q: Q, source: string, reason: ReasonCode, detail: string | null, at: string): Promise<IngestOutcome> {
  await recordInput(q, source, 'rejected', null, reason, detail, at);
  return detail === null ? { status: 'rejected', source, reason } : { status: 'rejected', source, reason, detail };
}

interface NearMatch {
  id: ArticleId;
  outlet: string | null;
  distance: number;
}

async function findNearDuplicate(q: Q, simhash: string): Promise<NearMatch | null> {
  const fp = fromHex64(simhash);
  if (fp === null) return null;
  const bands = simhashBands(simhash);
  const res = await q.query<{ id: string; outlet: string | null; simhash: string }>(
    `SELECT DISTINCT a.id, a.outlet, a.simhash, a.seq FROM simhash_bands b JOIN articles a ON a.id = b.article_id
      WHERE (b.band, b.value) IN ((0,$1),(1,$2),(2,$3),(3,$4)) ORDER BY a.seq LIMIT 200`,
    bands,
  );
  let best: NearMatch | null = null;
  for (const r of res.rows) {
    const other = fromHex64(r.simhash);
    if (other === null) continue;
    const d = hammingParts(fp, other);
    if (d <= NEAR_DUPLICATE_DISTANCE && (best === null || d < best.distance)) best = { id: r.id as ArticleId, outlet: r.outlet, distance: d };
  }
  return best;
}

export async function followMerges(q: Q, id: string): Promise<string> {
  let cur = id;
  for (let i = 0; i < 20; i++) {
    const r = await q.query<{ merged_into: string | null }>('SELECT merged_into FROM entities WHERE id = $1', [cur]);
    const next = r.rows[0]?.merged_into ?? null;
    if (next === null) return cur;
    cur = next;
  }
  return cur;
}

/** Maps document-local entity ids to corpus entities, creating or enriching them. */
async function resolveEntities(q: Q, table: readonly Entity[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const e of table) {
    const key = entityMatchKey(e.name, e.type);
    const surname = e.name.trim().split(/\s+/).pop() ?? e.name;
    // Merged-away entities are candidates too, so a manual merge keeps absorbing new mentions of the old name.
    const cands = await q.query<{ id: string; name: string; type: string; aliases: string[]; roles: Entity['roles']; merged_into: string | null }>(
      `SELECT id, name, type, aliases, roles, merged_into FROM entities
        WHERE type = $3 AND (match_key = $1 OR name ILIKE '%' || $2) ORDER BY (merged_into IS NULL) DESC, id LIMIT 50`,
      [key, surname.replace(/[%_\\]/g, ''), e.type],
    );
    const corpus: MatchableEntity[] = cands.rows.map((r) => ({ id: r.id, name: r.name, type: e.type, aliases: r.aliases, roles: r.roles }));
    const exact = cands.rows.find((r) => entityMatchKey(r.name, e.type) === key);
    const decision = exact !== undefined ? null : matchEntity(e, corpus);
    const matched = exact?.id ?? decision?.match?.entityId ?? null;
    const target = matched === null ? null : await followMerges(q, matched);
    if (target !== null) {
      const row = cands.rows.find((r) => r.id === target) ?? (await q.query('SELECT id, name, type, aliases, roles FROM entities WHERE id = $1', [target])).rows[0];
      const aliases = [...new Set([...(row?.aliases ?? []), e.name, ...e.aliases])].filter((a) => a !== row?.name);
      const roles = [...(row?.roles ?? [])];
      for (const r of e.roles) if (!roles.some((x) => x.role === r.role && x.affiliation === r.affiliation)) roles.push(r);
      await q.query('UPDATE entities SET aliases = $2, roles = $3 WHERE id = $1', [target, JSON.stringify(aliases), JSON.stringify(roles)]);
      map.set(e.id, target);
      continue;
    }
    let id = `ent_${shortHash(key, 12)}`;
    const taken = await q.query('SELECT 1 FROM entities WHERE id = $1', [id]);
    if ((taken.rowCount ?? 0) > 0) id = `ent_${shortHash(`${key}\n${e.id}\n${Date.now()}`, 12)}`;
    await q.query('INSERT INTO entities (id, name, type, match_key, aliases, roles) VALUES ($1,$2,$3,$4,$5,$6)', [
      id, e.name, e.type, key, JSON.stringify(e.aliases.filter((a) => a !== e.name)), JSON.stringify(e.roles),
    ]);
    map.set(e.id, id);
  }
  return map;
}

/** Links each quote to a statement: the same words (verbatim), a cut of them (truncated), or a new statement. */
async function linkQuotes(q: Q, a: Article, entityIds: Map<string, string>): Promise<void> {
  for (const [idx, quote] of a.quotes.entries()) {
    const norm = normalizeQuote(quote.text);
    const speakerEntity = quote.speaker?.entityId != null ? (entityIds.get(quote.speaker.entityId) ?? null) : null;
    const speaker = quote.speaker?.name ?? quote.speaker?.text ?? null;
    let statementId: string | null = null;
    let match: 'first' | 'verbatim' | 'truncated' = 'first';
    if (norm.length >= 12) {
      const id = `st_${shortHash(norm)}`;
      const same = await q.query('SELECT id FROM statements WHERE id = $1', [id]);
      if ((same.rowCount ?? 0) > 0) {
        statementId = id;
        match = 'verbatim';
      } else if (speakerEntity !== null) {
        const bySpeaker = await q.query<{ id: string; text: string }>('SELECT id, text FROM statements WHERE speaker_entity_id = $1 LIMIT 500', [speakerEntity]);
        const hit = bySpeaker.rows.find((s) => {
          const other = normalizeQuote(s.text);
          return other.includes(norm) || norm.includes(other);
        });
        if (hit !== undefined) {
          statementId = hit.id;
          match = 'truncated';
        }
      }
      if (statementId === null) {
        statementId = id;
        await q.query(
          'INSERT INTO statements (id, speaker, speaker_entity_id, text, kind, stance, first_article_id, first_date) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO NOTHING',
          [id, speaker, speakerEntity, quote.text, quote.kind, quote.cue.stance, a.id, a.publishedAt],
        );
      }
    }
    await q.query(
      'INSERT INTO quotes (article_id, idx, statement_id, match, text, kind, stance, speaker, speaker_entity_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [a.id, idx, statementId, statementId === null ? null : match, quote.text, quote.kind, quote.cue.stance, speaker, speakerEntity],
    );
  }
}

function clusterDoc(a: Article, entityNames: string[]): ClusterDoc {
  return {
    id: a.id,
    title: a.title,
    text: a.text,
    publishedAt: a.publishedAt,
    entities: entityNames,
    places: [...new Set(a.places.map((p) => p.name))],
    outlet: a.outlet,
  };
}

/** Recomputes an event's summary row from its articles. */
export async function refreshEvent(q: Q, eventId: string): Promise<void> {
  const arts = await q.query<{ title: string | null; lead: string; outlet: string | null; published_at: string | null }>(
    'SELECT title, lead, outlet, published_at FROM articles WHERE event_id = $1 ORDER BY published_at NULLS LAST, seq',
    [eventId],
  );
  if (arts.rows.length === 0) return;
  const first = arts.rows[0];
  const dates = arts.rows.map((r) => r.published_at).filter((d): d is string => d !== null).sort();
  const outlets = [...new Set(arts.rows.map((r) => r.outlet).filter((o): o is string => o !== null))];
  const ents = await q.query<{ name: string }>(
    `SELECT e.name, count(*) AS n FROM entity_mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
      WHERE a.event_id = $1 GROUP BY e.name ORDER BY n DESC, e.name LIMIT 8`,
    [eventId],
  );
  await q.query(
    `UPDATE events SET label = $2, summary = $3, first_date = $4, last_date = $5, article_count = $6, outlets = $7, key_entities = $8 WHERE id = $1`,
    [eventId, first?.title ?? first?.lead.slice(0, 80) ?? eventId, first?.lead ?? '', dates[0] ?? null, dates[dates.length - 1] ?? null, arts.rows.length, JSON.stringify(outlets), JSON.stringify(ents.rows.map((r) => r.name))],
  );
}

export async function refreshStoryline(q: Q, storylineId: string): Promise<void> {
  const evs = await q.query<{ label: string; first_date: string | null; last_date: string | null; key_entities: string[] }>(
    'SELECT label, first_date, last_date, key_entities FROM events WHERE storyline_id = $1 AND merged_into IS NULL ORDER BY first_date NULLS LAST',
    [storylineId],
  );
  if (evs.rows.length === 0) {
    await q.query('DELETE FROM storylines WHERE id = $1', [storylineId]);
    return;
  }
  const firsts = evs.rows.map((e) => e.first_date).filter((d): d is string => d !== null).sort();
  const lasts = evs.rows.map((e) => e.last_date).filter((d): d is string => d !== null).sort();
  const counts = new Map<string, number>();
  for (const e of evs.rows) for (const k of e.key_entities) counts.set(k, (counts.get(k) ?? 0) + 1);
  const keys = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8).map(([k]) => k);
  await q.query(
    `INSERT INTO storylines (id, label, first_date, last_date, key_entities) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, first_date = EXCLUDED.first_date, last_date = EXCLUDED.last_date, key_entities = EXCLUDED.key_entities`,
    [storylineId, evs.rows[0]?.label ?? storylineId, firsts[0] ?? null, lasts[lasts.length - 1] ?? null, JSON.stringify(keys)],
  );
}

export interface IngestContext {
  now: string;
  /** Assigns the article to an event (and records the assignment input so other workers can replay it). */
  assign(doc: ClusterDoc): Promise<Assignment>;
}

/** Applies one write. The caller owns the transaction and the ingest lock. */
export async function applyIngest(q: Q, write: ArticleWrite, ctx: IngestContext): Promise<IngestOutcome> {
  const { raw, article: a } = write;
  const source = raw.source;
  const byHash = await q.query<{ id: string }>('SELECT id FROM articles WHERE content_hash = $1', [a.contentHash]);
  const sameText = byHash.rows[0];
  if (sameText !== undefined) {
    await recordInput(q, source, 'duplicate', sameText.id, 'duplicate-content', null, ctx.now);
    return { status: 'duplicate', source, duplicateOf: sameText.id as ArticleId, reason: 'duplicate-content' };
  }
  if (a.url !== null) {
    const byUrl = await q.query<{ id: string }>('SELECT id FROM articles WHERE url = $1 ORDER BY seq LIMIT 1', [a.url]);
    const sameUrl = byUrl.rows[0];
    if (sameUrl !== undefined) {
      await recordInput(q, source, 'duplicate', sameUrl.id, 'duplicate-url', null, ctx.now);
      return { status: 'duplicate', source, duplicateOf: sameUrl.id as ArticleId, reason: 'duplicate-url' };
    }
  }
  const near = await findNearDuplicate(q, a.simhash);
  // The same outlet publishing near-identical text again is a recapture; another outlet doing it is a copy worth keeping.
  if (near !== null && (near.outlet ?? '') === (a.outlet ?? '')) {
    await recordInput(q, source, 'duplicate', near.id, 'near-duplicate', `Hamming distance ${near.distance}`, ctx.now);
    return { status: 'duplicate', source, duplicateOf: near.id, reason: 'near-duplicate' };
  }
  const provenance: ProvenanceKind = near !== null ? 'near-copy' : a.wire ? 'wire' : 'original';
  const provenanceOf = near?.id ?? null;

  const entityIds = await resolveEntities(q, a.entityTable);
  const stored: Article = {
    ...a,
    entities: a.entities.map((m) => ({ ...m, entityId: entityIds.get(m.entityId) ?? m.entityId })),
    quotes: a.quotes.map((qt): Quote => (qt.speaker?.entityId != null ? { ...qt, speaker: { ...qt.speaker, entityId: entityIds.get(qt.speaker.entityId) ?? qt.speaker.entityId } } : qt)),
  };
  await q.query(
    `INSERT INTO articles (id, source, url, outlet, title, byline, published_at, date_confidence, language, content_hash, simhash, lead, provenance, provenance_of, doc, raw, ingested_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
    [a.id, source, a.url, a.outlet, a.title, a.byline, a.publishedAt, a.dateConfidence, a.language, a.contentHash, a.simhash, leadOf(a.text), provenance, provenanceOf, JSON.stringify(stored), JSON.stringify(raw), ctx.now],
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
  await linkQuotes(q, stored, entityIds);
  if (near !== null) {
    await q.query('INSERT INTO provenance_edges (from_id, to_id, kind, evidence, score) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING', [
      near.id, a.id, 'near-copy', `SimHash Hamming distance ${near.distance} of 64`, 1 - near.distance / 64,
    ]);
  }

  // Event assignment: the clusterer sees canonical entity names so the same person under two spellings counts once.
  const names = [...new Set(stored.entities.map((m) => m.name))];
  const assignment = await ctx.assign(clusterDoc(stored, names));
  await q.query('UPDATE articles SET event_id = $2, membership = $3 WHERE id = $1', [a.id, assignment.eventId, assignment.reason]);
  const ev = await q.query('SELECT 1 FROM events WHERE id = $1', [assignment.eventId]);
  if ((ev.rowCount ?? 0) === 0) {
    await q.query(`INSERT INTO events (id, storyline_id, label, summary, article_count, outlets, key_entities) VALUES ($1,$2,'','',0,'[]','[]')`, [assignment.eventId, assignment.storylineId]);
    await q.query('INSERT INTO event_history (event_id, at, action, detail) VALUES ($1,$2,$3,$4)', [assignment.eventId, ctx.now, 'create', `created for ${a.id}: ${assignment.reason}`]);
  } else {
    await q.query('UPDATE events SET storyline_id = $2 WHERE id = $1', [assignment.eventId, assignment.storylineId]);
    await q.query('INSERT INTO event_history (event_id, at, action, detail) VALUES ($1,$2,$3,$4)', [assignment.eventId, ctx.now, 'add', `${a.id}: ${assignment.reason}`]);
  }
  const touchedStorylines = new Set<string>([assignment.storylineId]);
  for (const m of assignment.merged ?? []) {
    if (m.from.startsWith('storyline ')) {
      const from = m.from.slice('storyline '.length);
      const into = m.into.replace(/^storyline /, '');
      await q.query('UPDATE events SET storyline_id = $2 WHERE storyline_id = $1', [from, into]);
      touchedStorylines.add(from).add(into);
      continue;
    }
    await q.query('UPDATE articles SET event_id = $2 WHERE event_id = $1', [m.from, m.into]);
    const old = await q.query<{ storyline_id: string | null }>('UPDATE events SET merged_into = $2, article_count = 0 WHERE id = $1 RETURNING storyline_id', [m.from, m.into]);
    const sl = old.rows[0]?.storyline_id;
    if (sl != null) touchedStorylines.add(sl);
    await q.query('INSERT INTO event_history (event_id, at, action, detail) VALUES ($1,$2,$3,$4)', [m.into, ctx.now, 'merge', `merged ${m.from}: ${m.reason}`]);
    await refreshEvent(q, m.into);
  }
  await refreshEvent(q, assignment.eventId);
  for (const sl of touchedStorylines) await refreshStoryline(q, sl);

  await recordInput(q, source, 'stored', a.id, null, null, ctx.now);
  return { status: 'stored', source, articleId: a.id };
}
