/**
 * A digest of what a PostgreSQL store holds of the ingest service's decisions (the PostgreSQL side of
 * bench/ingest/store-digest.ts), and of the pages and documents it keeps, so that two code versions run on the same
 * queued corpus can be compared: `worker-cost.ts … --digest` prints it for a one-worker run (one worker stores in
 * a fixed order). Clock columns (`at`, `ingested_at`) are left out.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** The decision tables, each in a fixed order, with the pages and documents hashed per article. */
export const PG_DECISION_TABLES: Readonly<Record<string, string>> = {
  articles: 'SELECT id, source, event_id, membership, provenance, provenance_of FROM $s.articles ORDER BY seq',
  docs: 'SELECT id, md5(doc::text) AS doc, md5(raw::text) AS raw FROM $s.articles ORDER BY seq',
  inputs: 'SELECT source, status, article_id, reason, detail FROM $s.inputs ORDER BY source COLLATE "C", seq',
  outcomes: 'SELECT key, outcome FROM $s.step_outcomes ORDER BY key COLLATE "C"',
  events: 'SELECT * FROM $s.events ORDER BY id COLLATE "C"',
  storylines: 'SELECT * FROM $s.storylines ORDER BY id COLLATE "C"',
  history: 'SELECT event_id, action, detail FROM $s.event_history ORDER BY seq',
  edges: 'SELECT * FROM $s.provenance_edges ORDER BY from_id COLLATE "C", to_id COLLATE "C"',
  statements: 'SELECT * FROM $s.statements ORDER BY id COLLATE "C"',
  quotes: 'SELECT article_id, idx, statement_id, match, text, speaker, speaker_entity_id FROM $s.quotes ORDER BY article_id COLLATE "C", idx',
  entities: 'SELECT * FROM $s.entities ORDER BY id COLLATE "C"',
  mentions: 'SELECT article_id, entity_id, start, "end" FROM $s.entity_mentions ORDER BY article_id COLLATE "C", start, entity_id COLLATE "C"',
  places: 'SELECT article_id, name, lat, lon, country, geoname_id FROM $s.places ORDER BY article_id COLLATE "C", name COLLATE "C", lat, lon',
  log: 'SELECT seq, doc, article_id FROM $s.cluster_log ORDER BY seq',
};

/** A hash of the decision tables of `schema`, with a short hash per table. */
export async function pgDigest(db: Pick<pg.Client, 'query'>, schema: string): Promise<string> {
  const h = createHash('sha256');
  const each: string[] = [];
  for (const [name, sql] of Object.entries(PG_DECISION_TABLES)) {
    const rows = JSON.stringify((await db.query(sql.replaceAll('$s', `"${schema.replace(/"/g, '""')}"`))).rows);
    h.update(rows);
    each.push(`${name}=${createHash('sha256').update(rows).digest('hex').slice(0, 8)}`);
  }
  return `${h.digest('hex').slice(0, 16)} (${each.join(' ')})`;
}
