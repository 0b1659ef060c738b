/**
 * PostgreSQL schema as ordered migrations, mirroring the SQLite schema
 * (`src/store/sqlite/migrations.ts`) table for table, with PostgreSQL's own
 * full-text search (a generated tsvector with a GIN index) instead of FTS5.
 * `schema_migrations` records what ran; an advisory lock makes concurrent
 * starts (several workers at once) apply each migration exactly once.
 */
import type pg from 'pg';

export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE articles (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    byline TEXT,
    published_at TEXT,
    date_confidence TEXT NOT NULL,
    language TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    simhash TEXT NOT NULL,
    lead TEXT NOT NULL,
    event_id TEXT,
    membership TEXT,
    provenance TEXT NOT NULL DEFAULT 'original',
    provenance_of TEXT,
    doc JSONB NOT NULL,
    raw JSONB NOT NULL,
    ingested_at TEXT NOT NULL,
    -- English and Russian get stemming; every other language is indexed word for word.
    tsv TSVECTOR GENERATED ALWAYS AS (
      CASE
        WHEN language = 'en' THEN setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(doc->>'text', '')), 'B')
        WHEN language = 'ru' THEN setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', coalesce(doc->>'text', '')), 'B')
        ELSE setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(doc->>'text', '')), 'B')
      END
    ) STORED
  );
  CREATE INDEX articles_url ON articles(url);
  CREATE INDEX articles_event ON articles(event_id);
  CREATE INDEX articles_outlet ON articles(outlet);
  CREATE INDEX articles_published ON articles(published_at);
  CREATE INDEX articles_tsv ON articles USING GIN (tsv);

  -- SimHash split into four 16-bit bands: two hashes within Hamming distance 3 share at least one band.
  CREATE TABLE simhash_bands (
    band SMALLINT NOT NULL,
    value TEXT NOT NULL,
    article_id TEXT NOT NULL
  );
  CREATE INDEX simhash_bands_lookup ON simhash_bands(band, value);

  CREATE TABLE inputs (
    seq BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    article_id TEXT,
    reason TEXT,
    detail TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX inputs_status ON inputs(status);

  CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    match_key TEXT NOT NULL,
    aliases JSONB NOT NULL,
    roles JSONB NOT NULL,
    merged_into TEXT,
    merge_reason TEXT
  );
  CREATE INDEX entities_key ON entities(match_key);
  CREATE INDEX entities_name ON entities(name);

  CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX mentions_entity ON entity_mentions(entity_id);
  CREATE INDEX mentions_article ON entity_mentions(article_id);

  CREATE TABLE entity_overrides (
    seq BIGSERIAL PRIMARY KEY,
    action TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    other TEXT NOT NULL,
    note TEXT NOT NULL,
    at TEXT NOT NULL
  );

  CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    speaker TEXT,
    speaker_entity_id TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    stance TEXT NOT NULL,
    first_article_id TEXT NOT NULL,
    first_date TEXT
  );
  CREATE INDEX statements_speaker ON statements(speaker);

  CREATE TABLE quotes (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    statement_id TEXT,
    match TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    stance TEXT NOT NULL,
    speaker TEXT,
    speaker_entity_id TEXT,
    PRIMARY KEY (article_id, idx)
  );
  CREATE INDEX quotes_statement ON quotes(statement_id);

  CREATE TABLE places (
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    country TEXT,
    geoname_id INTEGER
  );
  CREATE INDEX places_article ON places(article_id);
  CREATE INDEX places_name ON places(name);

  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    storyline_id TEXT,
    label TEXT NOT NULL,
    summary TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    article_count INTEGER NOT NULL,
    outlets JSONB NOT NULL,
    key_entities JSONB NOT NULL,
    merged_into TEXT
  );
  CREATE INDEX events_storyline ON events(storyline_id);
  CREATE INDEX events_last ON events(last_date);

  CREATE TABLE event_history (
    seq BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX event_history_event ON event_history(event_id);

  CREATE TABLE storylines (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    key_entities JSONB NOT NULL
  );

  CREATE TABLE provenance_edges (
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    evidence TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (from_id, to_id)
  );
  CREATE INDEX provenance_to ON provenance_edges(to_id);

  CREATE TABLE cluster_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    snapshot JSONB NOT NULL,
    version BIGINT NOT NULL DEFAULT 0
  );

  -- Idempotency keys of worker steps: a step whose key is here already ran (and committed).
  CREATE TABLE step_outcomes (
    key TEXT PRIMARY KEY,
    outcome JSONB NOT NULL,
    at TEXT NOT NULL
  );
  `,
  `
  -- Every input the clusterer was given, in assignment order. A worker whose
  -- in-memory clusterer is behind replays the entries after its position
  -- (assignment is deterministic), instead of reloading a full snapshot;
  -- cluster_state.version is now the log position its snapshot covers.
  CREATE TABLE cluster_log (
    seq BIGSERIAL PRIMARY KEY,
    doc JSONB NOT NULL
  );
  `,
  `
  -- Search like the SQLite store (every word must occur, no stop words dropped),
  -- plus stemmed forms for English and Russian: the vector holds the words as
  -- written ('simple') and, for those languages, their stems.
  ALTER TABLE articles DROP COLUMN tsv;
  ALTER TABLE articles ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(doc->>'text', '')), 'B') ||
    CASE
      WHEN language = 'en' THEN setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(doc->>'text', '')), 'B')
      WHEN language = 'ru' THEN setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', coalesce(doc->>'text', '')), 'B')
      ELSE ''::tsvector
    END
  ) STORED;
  CREATE INDEX articles_tsv ON articles USING GIN (tsv);
  `,
  `
  -- The ingest service's cluster log: the article each entry belongs to (its
  -- text is the article's), and the log position of the last replay of the
  -- whole log in publication order.
  ALTER TABLE cluster_log ADD COLUMN article_id TEXT;
  CREATE INDEX cluster_log_article ON cluster_log(article_id);
  ALTER TABLE cluster_state ADD COLUMN settled_seq BIGINT NOT NULL DEFAULT 0;
  `,
  `
  -- The store's own ingest path (a second clusterer beside the ingest
  -- service's, logging entries without an article) is gone: its log entries
  -- and a checkpoint taken at one of them mean nothing to the ingest service.
  DELETE FROM cluster_state WHERE version > 0
    AND NOT EXISTS (SELECT 1 FROM cluster_log l WHERE l.seq = cluster_state.version AND l.article_id IS NOT NULL);
  DELETE FROM cluster_log WHERE article_id IS NULL;
  `,
  `
  -- An entity is looked up by name without regard to case, as in SQLite; the index by name in binary order could
  -- not serve that lookup. No query compares names in binary order.
  DROP INDEX IF EXISTS entities_name;
  CREATE INDEX IF NOT EXISTS entities_name_lower ON entities (lower(name));
  `,
  `
  -- What a settle in another process may trust of the stored events (the store port's SettledState), as in SQLite
  -- (migration 7 there): the last publication-order replay's log position and settle rules, valid while settled_seq
  -- equals cluster_state.settled_seq; and the articles whose places were re-read since that replay.
  CREATE TABLE IF NOT EXISTS settle_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    rules TEXT NOT NULL,
    replay_seq BIGINT NOT NULL,
    settled_seq BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS settle_places (article_id TEXT PRIMARY KEY);
  `,
  `
  -- Per-host politeness shared by the workers' fetch steps (src/queue/shared-politeness.ts): when the next request
  -- to a host may start (the gap after the last one ended), which worker holds the host's turn (one request at a
  -- time per host) and until when, and the host's robots.txt as fetched once per host per TTL. Hosts idle for a
  -- week are pruned by next_at. Rerunnable.
  CREATE TABLE IF NOT EXISTS fetch_hosts (
    host TEXT PRIMARY KEY,
    next_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    holder TEXT,
    held_until TIMESTAMPTZ,
    robots BYTEA,
    robots_fetched_at TIMESTAMPTZ
  );
  CREATE INDEX IF NOT EXISTS fetch_hosts_next_at ON fetch_hosts (next_at);
  `,
  `
  -- Pages analysed by a worker and waiting for the store step (src/queue/pipeline-worker.ts): the page is copied
  -- here from its analysis job's row in the queue, inside the database, so that the store step's job carries only
  -- the analysed article; the commit that stores the article moves the page into articles.raw, and a duplicate
  -- drops it. Keyed by the job's idempotency key (step_outcomes.key). Rerunnable.
  CREATE TABLE IF NOT EXISTS staged_raw (
    key TEXT PRIMARY KEY,
    raw JSONB NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  `,
];

/** Any fixed 64-bit number: the lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_415_402_101;

/** Applies pending migrations; returns how many ran. Safe to call from many processes at once. */
export async function migrate(client: pg.PoolClient | pg.Client): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    // Every migration not yet recorded runs, in order (not only those above the highest recorded: a migration added
    // below one that a newer build already applied still runs).
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => Number(r.version)));
    let ran = 0;
    for (let v = 1; v <= PG_MIGRATIONS.length; v++) {
      if (applied.has(v)) continue;
      await client.query('BEGIN');
      try {
        await client.query(PG_MIGRATIONS[v - 1] as string);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
        await client.query('COMMIT');
        ran += 1;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
