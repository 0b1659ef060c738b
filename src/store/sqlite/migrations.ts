/**
 * SQLite schema, as an ordered list of migrations. Each runs once, in a
 * transaction; `PRAGMA user_version` records how far the database has come.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    doc TEXT NOT NULL,
    raw TEXT NOT NULL,
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX articles_url ON articles(url);
  CREATE INDEX articles_event ON articles(event_id);
  CREATE INDEX articles_outlet ON articles(outlet);
  CREATE INDEX articles_published ON articles(published_at);
  CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

  CREATE TABLE inputs (
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
    aliases TEXT NOT NULL,
    roles TEXT NOT NULL,
    merged_into TEXT,
    merge_reason TEXT
  );
  CREATE INDEX entities_key ON entities(match_key);
  CREATE INDEX entities_name ON entities(name);

  CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX mentions_entity ON entity_mentions(entity_id);
  CREATE INDEX mentions_article ON entity_mentions(article_id);

  CREATE TABLE entity_overrides (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    lat REAL NOT NULL,
    lon REAL NOT NULL,
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
    outlets TEXT NOT NULL,
    key_entities TEXT NOT NULL,
    merged_into TEXT
  );
  CREATE INDEX events_storyline ON events(storyline_id);
  CREATE INDEX events_last ON events(last_date);

  CREATE TABLE event_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    key_entities TEXT NOT NULL
  );

  CREATE TABLE provenance_edges (
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    evidence TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (from_id, to_id)
  );
  CREATE INDEX provenance_to ON provenance_edges(to_id);

  CREATE TABLE cluster_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    snapshot TEXT NOT NULL
  );
  `,
  `
  -- Every article the clusterer was given, in assignment order (the text is
  -- the article's own); cluster_state is a checkpoint covering the log up to
  -- seq, and settled_seq the last position at which the whole log was
  -- replayed in publication order.
  CREATE TABLE cluster_log (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  ALTER TABLE cluster_state ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE cluster_state ADD COLUMN settled_seq INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Each statement's distinct rendering texts, in the order they were first stored: what the ingest service
  -- compares a new quote with. Reading them from quotes cost one row per article that carried the statement.
  CREATE TABLE statement_texts (
    seq INTEGER PRIMARY KEY,
    statement_id TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (statement_id, text)
  );
  INSERT OR IGNORE INTO statement_texts (statement_id, text) SELECT statement_id, text FROM quotes WHERE statement_id IS NOT NULL ORDER BY rowid;
  `,
  `
  -- Places are only ever read by article (places_article); the index by name was written on every stored article
  -- (about six rows, each on its own page) and never read.
  DROP INDEX IF EXISTS places_name;
  `,
  `
  -- An entity is looked up by name without regard to case ("/entities/elena marsh"); the index by name in binary
  -- order could not serve that lookup, which read the whole table. No query compares names in binary order.
  DROP INDEX IF EXISTS entities_name;
  CREATE INDEX IF NOT EXISTS entities_name_nocase ON entities(name COLLATE NOCASE);
  `,
  `
  -- The clusterer checkpoint's positions before its snapshot: SQLite stores a row's columns in order, and seq and
  -- settled_seq (added after the snapshot) sat behind megabytes of it, so reading the settled position (once per
  -- stored article) walked the snapshot's overflow pages. In front, they are on the row's first page.
  CREATE TABLE cluster_state_reordered (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL DEFAULT 0,
    settled_seq INTEGER NOT NULL DEFAULT 0,
    snapshot TEXT NOT NULL
  );
  INSERT INTO cluster_state_reordered (id, seq, settled_seq, snapshot) SELECT id, seq, settled_seq, snapshot FROM cluster_state;
  DROP TABLE cluster_state;
  ALTER TABLE cluster_state_reordered RENAME TO cluster_state;
  `,
  `
  -- What a settle in another process may trust of the stored events (the store port's SettledState): the log position
  -- of the last publication-order replay that wrote them and its settle rules, valid while settled_seq equals
  -- cluster_state.settled_seq (a settle that did not carry it leaves it behind); and the articles whose places were
  -- re-read since that replay. Their own tables: an update of cluster_state rewrites its snapshot.
  CREATE TABLE IF NOT EXISTS settle_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    rules TEXT NOT NULL,
    replay_seq INTEGER NOT NULL,
    settled_seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS settle_places (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
  `,
];
