/**
 * A digest of what a SQLite store holds of the ingest service's decisions, so that two code versions run on the
 * same input can be compared (bench/ingest/ingest-main-profile.ts after ingesting, settle-profile.ts after a settle).
 */
import { createHash } from 'node:crypto';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

/** The tables every digest covers: memberships, event and story-line rows, history, provenance, statements, quotes, entities. */
export const DECISION_TABLES: Readonly<Record<string, string>> = {
  articles: 'SELECT id, event_id, membership, provenance, provenance_of FROM articles ORDER BY seq',
  events: 'SELECT * FROM events ORDER BY id',
  storylines: 'SELECT * FROM storylines ORDER BY id',
  history: 'SELECT event_id, action, detail FROM event_history ORDER BY seq',
  edges: 'SELECT * FROM provenance_edges ORDER BY from_id, to_id',
  statements: 'SELECT * FROM statements ORDER BY id',
  quotes: 'SELECT article_id, idx, statement_id, match FROM quotes ORDER BY article_id, idx',
  entities: 'SELECT * FROM entities ORDER BY id',
  mentions: 'SELECT article_id, entity_id, start FROM entity_mentions ORDER BY article_id, start, entity_id',
};

/**
 * A hash of the decision tables (and of `extra` queries, named like them), with a short hash per table. The store's
 * own database handle is private; a second read-only connection sees the committed state.
 */
export async function digest(store: SqliteStore, extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database((store as unknown as { db: { name: string } }).db.name, { readonly: true });
  const h = createHash('sha256');
  const each: string[] = [];
  for (const [name, sql] of Object.entries({ ...DECISION_TABLES, ...extra })) {
    const rows = JSON.stringify(db.prepare(sql).all());
    h.update(rows);
    each.push(`${name}=${createHash('sha256').update(rows).digest('hex').slice(0, 8)}`);
  }
  db.close();
  return `${h.digest('hex').slice(0, 16)} (${each.join(' ')})`;
}
