/**
 * The read side of the PostgreSQL store (CLI, HTTP API, web UI). Plain SQL
 * over the tables `pg-commit.ts` writes; full-text search uses the generated
 * tsvector column and its GIN index.
 */
import type { ArticleId, EntityType, EventId, StorylineId } from '../../model/types.js';
import type {
  ArticleSummary,
  EntityDetail,
  EntitySummary,
  EventDetail,
  EventFilter,
  EventSummary,
  FacetCount,
  ListOptions,
  OutletSummary,
  ProvenanceKind,
  Rejection,
  SearchResult,
  StatementRow,
  StoredArticle,
  StoreStats,
  StorylineDetail,
  StorylineSummary,
} from '../store-port.js';
import { EXPORT_ID_SOURCES, type ExportKind } from '../store-port.js';
import type { ReasonCode } from '../../model/reasons.js';
import { followMerges, type Q } from './pg-sql.js';
import { searchTerms } from '../search-query.js';

const MAX_LIMIT = 1000;

/** Roles are stored as text by the ingest service (and as role objects by the store's own ingest path). */
function roleNames(roles: unknown[]): string[] {
  return [...new Set(roles.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && 'role' in x ? String((x as { role: unknown }).role) : String(x))))];
}

function page(opts: ListOptions | undefined, def = 50): [number, number] {
  const limit = Math.max(0, Math.min(opts?.limit ?? def, MAX_LIMIT));
  return [limit, Math.max(0, opts?.offset ?? 0)];
}

interface ArticleRow {
  id: string;
  source: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published_at: string | null;
  date_confidence: string;
  lead: string;
  event_id: string | null;
  provenance: string;
  provenance_of: string | null;
}

const ARTICLE_COLS = 'a.id, a.source, a.title, a.outlet, a.url, a.published_at, a.date_confidence, a.lead, a.event_id, a.provenance, a.provenance_of';

function toSummary(r: ArticleRow): ArticleSummary {
  return {
    id: r.id as ArticleId,
    source: r.source,
    title: r.title,
    outlet: r.outlet,
    url: r.url,
    publishedAt: r.published_at,
    dateConfidence: r.date_confidence as ArticleSummary['dateConfidence'],
    lead: r.lead,
    eventId: r.event_id as EventId | null,
    provenance: r.provenance as ProvenanceKind,
    provenanceOf: r.provenance_of as ArticleId | null,
  };
}

interface EventRow {
  id: string;
  storyline_id: string | null;
  label: string;
  summary: string;
  first_date: string | null;
  last_date: string | null;
  article_count: number;
  outlets: string[];
  key_entities: string[];
}

function toEvent(r: EventRow): EventSummary {
  return {
    id: r.id as EventId,
    storylineId: r.storyline_id as StorylineId | null,
    label: r.label,
    summary: r.summary,
    firstDate: r.first_date,
    lastDate: r.last_date,
    articleCount: Number(r.article_count),
    outlets: r.outlets,
    keyEntities: r.key_entities,
  };
}

/**
 * The text-search query for a user's words, or null when there are none: the
 * words only (shared with SQLite), so no operator or syntax reaches the
 * parser; each must occur, as written or (English, Russian) by its stem — a
 * stop word still has to occur as written. `p` adds a parameter.
 */
function textQuery(query: string, p: (v: unknown) => string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return `(${terms
    .map((t) => {
      const x = p(`'${t.term.toLowerCase()}'${t.prefix ? ':*' : ''}`);
      return `(to_tsquery('simple', ${x}) || to_tsquery('english', ${x}) || to_tsquery('russian', ${x}))`;
    })
    .join(' && ')})`;
}

export class PgReader {
  constructor(private readonly q: Q) {}

  async stats(): Promise<StoreStats> {
    const r = await this.q.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM events WHERE merged_into IS NULL AND article_count > 0) AS events,
      (SELECT count(*) FROM storylines) AS storylines,
      (SELECT count(*) FROM entities WHERE merged_into IS NULL) AS entities,
      (SELECT count(*) FROM statements) AS statements,
      (SELECT count(*) FROM inputs WHERE status = 'rejected') AS rejections,
      (SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL) AS outlets`);
    const row = r.rows[0] ?? {};
    const n = (k: string): number => Number(row[k] ?? 0);
    return { articles: n('articles'), events: n('events'), storylines: n('storylines'), entities: n('entities'), statements: n('statements'), rejections: n('rejections'), outlets: n('outlets') };
  }

  private async storylineSummaries(where: string, params: unknown[], limit: number, offset: number): Promise<StorylineSummary[]> {
    const r = await this.q.query<{ id: string; label: string; first_date: string | null; last_date: string | null; key_entities: string[]; event_count: string; article_count: string; outlets: string[] | null }>(
      `SELECT s.id, s.label, s.first_date, s.last_date, s.key_entities,
              (SELECT count(*) FROM events e WHERE e.storyline_id = s.id AND e.merged_into IS NULL AND e.article_count > 0) AS event_count,
              (SELECT count(*) FROM articles a JOIN events e ON e.id = a.event_id WHERE e.storyline_id = s.id) AS article_count,
              (SELECT array_agg(DISTINCT a.outlet) FROM articles a JOIN events e ON e.id = a.event_id WHERE e.storyline_id = s.id AND a.outlet IS NOT NULL) AS outlets
         FROM storylines s ${where} ORDER BY s.last_date DESC NULLS LAST, s.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return r.rows.map((s) => ({
      id: s.id as StorylineId,
      label: s.label,
      firstDate: s.first_date,
      lastDate: s.last_date,
      eventCount: Number(s.event_count),
      articleCount: Number(s.article_count),
      outlets: (s.outlets ?? []).sort(),
      keyEntities: s.key_entities,
    }));
  }

  listStorylines(opts?: ListOptions): Promise<StorylineSummary[]> {
    const [limit, offset] = page(opts);
    return this.storylineSummaries('', [], limit, offset);
  }

  async getStoryline(id: string): Promise<StorylineDetail | null> {
    const [s] = await this.storylineSummaries('WHERE s.id = $1', [id], 1, 0);
    if (s === undefined) return null;
    const events = await this.listEvents({ storylineId: id as StorylineId, limit: MAX_LIMIT });
    return { ...s, events: events.sort((a, b) => (a.firstDate ?? '').localeCompare(b.firstDate ?? '')) };
  }

  async listEvents(filter?: EventFilter): Promise<EventSummary[]> {
    const [limit, offset] = page(filter);
    const where = ['e.merged_into IS NULL', 'e.article_count > 0'];
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    if (filter?.storylineId !== undefined) where.push(`e.storyline_id = ${p(filter.storylineId)}`);
    if (filter?.outlet !== undefined) where.push(`e.outlets ? ${p(filter.outlet)}`);
    if (filter?.entity !== undefined) where.push(`e.key_entities ? ${p(filter.entity)}`);
    if (filter?.from !== undefined) where.push(`coalesce(e.last_date, '') >= ${p(filter.from)}`);
    if (filter?.to !== undefined) where.push(`coalesce(e.first_date, '') <= ${p(`${filter.to}\uffff`)}`);
    if (filter?.place !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM places pl JOIN articles a ON a.id = pl.article_id WHERE a.event_id = e.id AND lower(pl.name) = lower(${p(filter.place)}))`);
    }
    const order = filter?.sort === 'most-covered' ? 'e.article_count DESC, e.last_date DESC NULLS LAST' : 'e.last_date DESC NULLS LAST, e.id';
    const r = await this.q.query<EventRow>(`SELECT e.* FROM events e WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params);
    return r.rows.map(toEvent);
  }

  async getEvent(id: string): Promise<EventDetail | null> {
    let r = await this.q.query<EventRow & { merged_into: string | null }>('SELECT * FROM events WHERE id = $1', [id]);
    // A merged event answers with the event it was merged into, so old links keep working.
    for (let i = 0; i < 10 && r.rows[0]?.merged_into != null; i++) r = await this.q.query('SELECT * FROM events WHERE id = $1', [r.rows[0].merged_into]);
    const row = r.rows[0];
    if (row === undefined) return null;
    const arts = await this.q.query<ArticleRow & { membership: string | null }>(
      `SELECT ${ARTICLE_COLS}, a.membership FROM articles a WHERE a.event_id = $1 ORDER BY a.published_at NULLS LAST, a.seq`,
      [row.id],
    );
    const hist = await this.q.query<{ at: string; action: string; detail: string }>('SELECT at, action, detail FROM event_history WHERE event_id = $1 ORDER BY seq', [row.id]);
    const places = await this.q.query<{ name: string; lat: number; lon: number; count: string }>(
      `SELECT p.name, avg(p.lat) AS lat, avg(p.lon) AS lon, count(*) AS count FROM places p JOIN articles a ON a.id = p.article_id
        WHERE a.event_id = $1 GROUP BY p.name ORDER BY count(*) DESC, p.name`,
      [row.id],
    );
    const prov = await this.q.query<{ from_id: string; to_id: string; kind: string; evidence: string; score: number }>(
      `SELECT pe.* FROM provenance_edges pe JOIN articles a ON a.id = pe.to_id WHERE a.event_id = $1`,
      [row.id],
    );
    return {
      ...toEvent(row),
      articles: arts.rows.map(toSummary),
      membership: arts.rows.map((a) => ({ articleId: a.id as ArticleId, reason: a.membership ?? '' })),
      history: hist.rows.map((h) => ({ at: h.at, action: h.action as EventDetail['history'][number]['action'], detail: h.detail })),
      places: places.rows.map((p) => ({ name: p.name, lat: Number(p.lat), lon: Number(p.lon), count: Number(p.count) })),
      provenance: prov.rows.map((e) => ({ from: e.from_id as ArticleId, to: e.to_id as ArticleId, kind: e.kind as ProvenanceKind, evidence: e.evidence, score: Number(e.score) })),
    };
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const r = await this.q.query<{ doc: StoredArticle['article']; raw: StoredArticle['raw']; event_id: string | null; provenance: string; provenance_of: string | null }>(
      'SELECT doc, raw, event_id, provenance, provenance_of FROM articles WHERE id = $1',
      [id],
    );
    const row = r.rows[0];
    if (row === undefined) return null;
    return { article: row.doc, raw: row.raw, eventId: row.event_id as EventId | null, provenance: row.provenance as ProvenanceKind, provenanceOf: row.provenance_of as ArticleId | null };
  }

  async listArticles(opts?: ListOptions & { outlet?: string }): Promise<ArticleSummary[]> {
    const [limit, offset] = page(opts);
    const params: unknown[] = [];
    const where = opts?.outlet !== undefined ? `WHERE a.outlet = $${params.push(opts.outlet)}` : '';
    const r = await this.q.query<ArticleRow>(`SELECT ${ARTICLE_COLS} FROM articles a ${where} ORDER BY a.published_at DESC NULLS LAST, a.seq DESC LIMIT ${limit} OFFSET ${offset}`, params);
    return r.rows.map(toSummary);
  }

  async search(query: string, opts?: ListOptions & { outlet?: string; entity?: string; from?: string; to?: string }): Promise<SearchResult> {
    const [limit, offset] = page(opts, 20);
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const tsq = textQuery(query, p);
    if (tsq === null) return { hits: [], total: 0, facets: { outlets: [], entities: [], years: [] } };
    const where = [`a.tsv @@ ${tsq}`];
    if (opts?.outlet !== undefined) where.push(`a.outlet = ${p(opts.outlet)}`);
    if (opts?.from !== undefined) where.push(`a.published_at >= ${p(opts.from)}`);
    if (opts?.to !== undefined) where.push(`a.published_at <= ${p(`${opts.to}\uffff`)}`);
    if (opts?.entity !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = a.id AND (e.id = ${p(opts.entity)} OR lower(e.name) = lower($${params.length})))`);
    }
    const w = where.join(' AND ');
    const hits = await this.q.query<ArticleRow & { score: number; snippet: string }>(
      `SELECT ${ARTICLE_COLS}, ts_rank(a.tsv, ${tsq}) AS score,
              ts_headline('simple', a.doc->>'text', ${tsq}, 'MaxFragments=1, MaxWords=30, MinWords=10, StartSel=«, StopSel=»') AS snippet
         FROM articles a WHERE ${w} ORDER BY score DESC, a.seq LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const total = await this.q.query<{ n: string }>(`SELECT count(*) AS n FROM articles a WHERE ${w}`, params);
    const facet = async (sql: string): Promise<FacetCount[]> =>
      (await this.q.query<{ value: string; count: string }>(sql, params)).rows.map((r) => ({ value: r.value, count: Number(r.count) }));
    const outlets = await facet(`SELECT a.outlet AS value, count(*) AS count FROM articles a WHERE ${w} AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY count DESC, value LIMIT 20`);
    const entities = await facet(
      `SELECT e.name AS value, count(DISTINCT a.id) AS count FROM articles a JOIN entity_mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id
        WHERE ${w} GROUP BY e.name ORDER BY count DESC, value LIMIT 20`,
    );
    const years = await facet(`SELECT substr(a.published_at, 1, 4) AS value, count(*) AS count FROM articles a WHERE ${w} AND a.published_at IS NOT NULL GROUP BY 1 ORDER BY 1`);
    return {
      hits: hits.rows.map((r) => ({ article: toSummary(r), snippet: r.snippet, score: Number(r.score) })),
      total: Number(total.rows[0]?.n ?? 0),
      facets: { outlets, entities, years },
    };
  }

  /** The ids of `search(query, { limit })`'s hits, in the same order, without documents, snippets, total or facets. */
  async searchArticleIds(query: string, limit: number): Promise<ArticleId[]> {
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const tsq = textQuery(query, p);
    if (tsq === null) return [];
    const r = await this.q.query<{ id: string }>(
      `SELECT a.id FROM articles a WHERE a.tsv @@ ${tsq} ORDER BY ts_rank(a.tsv, ${tsq}) DESC, a.seq LIMIT ${Math.max(1, Math.min(Math.floor(limit), 10_000))}`,
      params,
    );
    return r.rows.map((x) => x.id as ArticleId);
  }

  /**
   * Articles carrying every phrase (its words in order, as PostgreSQL's text search reads them in the article's
   * language: simple, English or Russian), first stored first: SQLite's FTS5 phrase look-up (searchPhraseArticleIds)
   * on this backend. Only the phrases' letter and digit runs reach the query, as parameters.
   */
  async searchPhraseArticleIds(phrases: readonly (readonly string[])[], limit: number): Promise<ArticleId[]> {
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const parts: string[] = [];
    let terms = 0;
    for (const phrase of phrases.slice(0, 20)) {
      const words = phrase.join(' ').slice(0, 500).match(/[\p{L}\p{N}]+/gu)?.slice(0, 20 - terms) ?? [];
      if (words.length === 0) continue;
      const x = p(words.join(' '));
      parts.push(`(phraseto_tsquery('simple', ${x}) || phraseto_tsquery('english', ${x}) || phraseto_tsquery('russian', ${x}))`);
      terms += words.length;
    }
    if (parts.length === 0) return [];
    const r = await this.q.query<{ id: string }>(
      `SELECT a.id FROM articles a WHERE ${parts.map((q) => `a.tsv @@ ${q}`).join(' AND ')} ORDER BY a.seq LIMIT ${Math.max(1, Math.min(Math.floor(limit), 10_000))}`,
      params,
    );
    return r.rows.map((x) => x.id as ArticleId);
  }

  async listStatements(opts?: ListOptions & { speaker?: string; eventId?: string; storylineId?: string; ids?: string[] }): Promise<StatementRow[]> {
    const [limit, offset] = page(opts);
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const where: string[] = [];
    if (opts?.speaker !== undefined) {
      where.push(`(s.speaker ILIKE ${p(`%${opts.speaker.replace(/[%_\\]/g, '')}%`)} OR s.speaker_entity_id = ${p(opts.speaker)})`);
    }
    if (opts?.eventId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM quotes qt JOIN articles a ON a.id = qt.article_id WHERE qt.statement_id = s.id AND a.event_id = ${p(opts.eventId)})`);
    }
    if (opts?.storylineId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM quotes qt JOIN articles a ON a.id = qt.article_id JOIN events e ON e.id = a.event_id WHERE qt.statement_id = s.id AND e.storyline_id = ${p(opts.storylineId)})`);
    }
    if (opts?.ids !== undefined) where.push(`s.id = ANY(${p(opts.ids)})`);
    const w = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const r = await this.q.query<{ id: string; speaker: string | null; speaker_entity_id: string | null; text: string; kind: string; stance: string; first_article_id: string; first_date: string | null }>(
      `SELECT s.* FROM statements s ${w} ORDER BY s.first_date DESC NULLS LAST, s.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return this.withRenderings(r.rows);
  }

  private async withRenderings(rows: { id: string; speaker: string | null; speaker_entity_id: string | null; text: string; kind: string; stance: string; first_article_id: string; first_date: string | null }[]): Promise<StatementRow[]> {
    if (rows.length === 0) return [];
    const rend = await this.q.query<{ statement_id: string; article_id: string; outlet: string | null; published_at: string | null; text: string; match: string }>(
      `SELECT qt.statement_id, qt.article_id, a.outlet, a.published_at, qt.text, qt.match FROM quotes qt JOIN articles a ON a.id = qt.article_id
        WHERE qt.statement_id = ANY($1) ORDER BY a.published_at NULLS LAST, a.seq`,
      [rows.map((r) => r.id)],
    );
    return rows.map((s) => ({
      id: s.id,
      speaker: s.speaker,
      speakerEntityId: s.speaker_entity_id,
      text: s.text,
      kind: s.kind as StatementRow['kind'],
      stance: s.stance as StatementRow['stance'],
      firstArticleId: s.first_article_id as ArticleId,
      firstDate: s.first_date,
      renderings: rend.rows
        .filter((x) => x.statement_id === s.id)
        .map((x) => ({ articleId: x.article_id as ArticleId, outlet: x.outlet, publishedAt: x.published_at, text: x.text, match: x.match as StatementRow['renderings'][number]['match'] })),
    }));
  }

  async listEntities(opts?: ListOptions & { type?: EntityType; query?: string }): Promise<EntitySummary[]> {
    const [limit, offset] = page(opts);
    const params: unknown[] = [];
    const where = ['e.merged_into IS NULL'];
    if (opts?.type !== undefined) where.push(`e.type = $${params.push(opts.type)}`);
    if (opts?.query !== undefined) where.push(`(e.name ILIKE $${params.push(`%${opts.query.replace(/[%_\\]/g, '')}%`)} OR e.aliases::text ILIKE $${params.length})`);
    const r = await this.q.query<{ id: string; name: string; type: string; aliases: string[]; roles: unknown[]; articles: string; mentions: string }>(
      `SELECT e.id, e.name, e.type, e.aliases, e.roles,
              (SELECT count(DISTINCT m.article_id) FROM entity_mentions m WHERE m.entity_id = e.id) AS articles,
              (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id) AS mentions
         FROM entities e WHERE ${where.join(' AND ')} ORDER BY articles DESC, e.name LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return r.rows.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type as EntityType,
      aliases: e.aliases,
      roles: roleNames(e.roles),
      articleCount: Number(e.articles),
      mentionCount: Number(e.mentions),
    }));
  }

  async getEntity(idOrName: string): Promise<EntityDetail | null> {
    // As in SQLite: the id, else a live entity of that name in any case, else the most-covered one whose name or
    // aliases contain the words.
    const byId = await this.q.query<{ id: string }>('SELECT id FROM entities WHERE id = $1', [idOrName]);
    const byName = byId.rows.length > 0 ? byId : await this.q.query<{ id: string }>('SELECT id FROM entities WHERE lower(name) = lower($1) AND merged_into IS NULL LIMIT 1', [idOrName]);
    const found =
      byName.rows.length > 0
        ? byName
        : await this.q.query<{ id: string }>(
            `SELECT e.id FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id WHERE e.merged_into IS NULL AND (e.name ILIKE $1 OR e.aliases::text ILIKE $1)
             GROUP BY e.id ORDER BY count(m.article_id) DESC LIMIT 1`,
            [`%${idOrName.replace(/[%_\\]/g, '')}%`],
          );
    const first = found.rows[0];
    if (first === undefined) return null;
    const id = await followMerges(this.q, first.id);
    const [summary] = await this.listEntitiesById(id);
    if (summary === undefined) return null;
    const arts = await this.q.query<ArticleRow>(
      `SELECT ${ARTICLE_COLS} FROM articles a WHERE a.id IN (SELECT article_id FROM entity_mentions WHERE entity_id = $1) ORDER BY a.published_at DESC NULLS LAST LIMIT 200`,
      [id],
    );
    const st = await this.q.query<{ id: string; speaker: string | null; speaker_entity_id: string | null; text: string; kind: string; stance: string; first_article_id: string; first_date: string | null }>(
      'SELECT * FROM statements WHERE speaker_entity_id = $1 ORDER BY first_date NULLS LAST LIMIT 200',
      [id],
    );
    const co = await this.q.query<{ id: string; name: string; count: string }>(
      `SELECT e.id, e.name, count(DISTINCT m2.article_id) AS count FROM entity_mentions m1 JOIN entity_mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id <> m1.entity_id
         JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = $1 GROUP BY e.id, e.name ORDER BY count DESC, e.name LIMIT 20`,
      [id],
    );
    const merged = await this.q.query<{ id: string; name: string; merge_reason: string | null }>('SELECT id, name, merge_reason FROM entities WHERE merged_into = $1', [id]);
    return {
      ...summary,
      articles: arts.rows.map(toSummary),
      statements: await this.withRenderings(st.rows),
      coOccurring: co.rows.map((c) => ({ id: c.id, name: c.name, count: Number(c.count) })),
      mergedFrom: merged.rows.map((m) => ({ id: m.id, name: m.name, reason: m.merge_reason ?? '' })),
    };
  }

  private async listEntitiesById(id: string): Promise<EntitySummary[]> {
    const r = await this.q.query<{ id: string; name: string; type: string; aliases: string[]; roles: unknown[]; articles: string; mentions: string }>(
      `SELECT e.id, e.name, e.type, e.aliases, e.roles,
              (SELECT count(DISTINCT m.article_id) FROM entity_mentions m WHERE m.entity_id = e.id) AS articles,
              (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id) AS mentions
         FROM entities e WHERE e.id = $1`,
      [id],
    );
    return r.rows.map((e) => ({ id: e.id, name: e.name, type: e.type as EntityType, aliases: e.aliases, roles: roleNames(e.roles), articleCount: Number(e.articles), mentionCount: Number(e.mentions) }));
  }

  async listOutlets(): Promise<OutletSummary[]> {
    const r = await this.q.query<{ name: string; n: string; originals: string }>(
      `SELECT outlet AS name, count(*) AS n, count(*) FILTER (WHERE provenance = 'original') AS originals FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet`,
    );
    return r.rows.map((o) => ({ name: o.name, articleCount: Number(o.n), originalCount: Number(o.originals), copyCount: Number(o.n) - Number(o.originals) }));
  }

  async getOutlet(name: string): Promise<(OutletSummary & { articles: ArticleSummary[]; events: EventSummary[] }) | null> {
    const all = await this.listOutlets();
    const o = all.find((x) => x.name === name);
    if (o === undefined) return null;
    return { ...o, articles: await this.listArticles({ outlet: name, limit: 100 }), events: await this.listEvents({ outlet: name, limit: 100 }) };
  }

  async listRejections(opts?: ListOptions): Promise<Rejection[]> {
    const [limit, offset] = page(opts);
    const r = await this.q.query<{ source: string; reason: string; detail: string | null; at: string }>(
      `SELECT source, reason, detail, at FROM inputs WHERE status = 'rejected' ORDER BY seq DESC LIMIT ${limit} OFFSET ${offset}`,
    );
    return r.rows.map((x) => ({ source: x.source, reason: x.reason as ReasonCode, detail: x.detail, at: x.at }));
  }

  async exportIds(kind: ExportKind, after: string | null, limit: number): Promise<string[]> {
    const { table, where } = EXPORT_ID_SOURCES[kind];
    // COLLATE "C": the same byte order as SQLite's, whatever the database's locale.
    const r = await this.q.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE ${where} AND id COLLATE "C" > $1 ORDER BY id COLLATE "C" LIMIT $2`,
      [after ?? '', Math.max(1, Math.min(limit, MAX_LIMIT))],
    );
    return r.rows.map((x) => x.id);
  }
}
