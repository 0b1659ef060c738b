/**
 * SQLite schema migrations: a store from before a migration reaches the latest schema when opened, with its rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { CONTRACT_DOCS } from '../store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-sqlite-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const indexes = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'places'").all() as { name: string }[]).map((r) => r.name).sort();

/** A store of the contract documents at `name` in the test directory, closed; settled if asked; its settled position. */
async function contractStore(name: string, settle = false): Promise<{ file: string; settled: number }> {
  const file = path.join(dir, name);
  const store = new SqliteStore(file);
  const service = await IngestService.open(store, { now: () => new Date('2026-11-23T00:00:00Z') });
  for (const doc of CONTRACT_DOCS) await service.ingestRaw(doc);
  if (settle) await service.settle();
  const settled = await store.settledSeq();
  await store.close();
  return { file, settled };
}

describe('SQLite migrations', () => {
  it('drops the never-read places index by name from an older store, and the places still read by event', async () => {
    const { file } = await contractStore('older.db');
    // As a store written before migration 4 was: the index there, the version one below.
    const db = new Database(file);
    expect(Number(db.pragma('user_version', { simple: true }))).toBe(SQLITE_MIGRATIONS.length);
    expect(indexes(db)).toEqual(['places_article']);
    db.exec('CREATE INDEX places_name ON places(name)');
    db.pragma('user_version = 3');
    const rows = db.prepare('SELECT count(*) n FROM places').get() as { n: number };
    expect(rows.n).toBeGreaterThan(0);
    db.close();
    const reopened = new SqliteStore(file);
    const events = await reopened.listEvents();
    const withPlaces = await Promise.all(events.map((e) => reopened.getEvent(e.id)));
    expect(withPlaces.some((e) => (e?.places.length ?? 0) > 0)).toBe(true);
    await reopened.close();
    const after = new Database(file);
    expect(Number(after.pragma('user_version', { simple: true }))).toBe(SQLITE_MIGRATIONS.length);
    expect(indexes(after)).toEqual(['places_article']);
    expect(after.prepare('SELECT count(*) n FROM places').get()).toEqual(rows);
    after.close();
  });

  it('gives an older store an index that finds an entity by name in any case', async () => {
    const { file } = await contractStore('names.db');
    // As a store written before migration 5 was: the binary index by name, the version one below.
    const db = new Database(file);
    db.exec('DROP INDEX entities_name_nocase; CREATE INDEX entities_name ON entities(name)');
    db.pragma('user_version = 4');
    db.close();
    const reopened = new SqliteStore(file);
    expect((await reopened.getEntity('ELENA MARSH'))?.name).toBe('Elena Marsh');
    await reopened.close();
    const after = new Database(file);
    const entityIndexes = (after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entities'").all() as { name: string }[]).map((r) => r.name);
    expect(entityIndexes).toContain('entities_name_nocase');
    expect(entityIndexes).not.toContain('entities_name');
    const plan = after.prepare('EXPLAIN QUERY PLAN SELECT * FROM entities WHERE name = ? COLLATE NOCASE AND merged_into IS NULL').all('elena marsh') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX entities_name_nocase');
    after.close();
  });

  it('moves the clusterer positions in front of its snapshot, keeping their values, so reading them does not walk the snapshot', async () => {
    const { file, settled } = await contractStore('positions.db', true);
    expect(settled).toBeGreaterThan(0);
    // As a store written before migration 6 was: the positions after the snapshot (a large one, as in a big store).
    const db = new Database(file);
    const big = JSON.stringify({ filler: 'x'.repeat(3_000_000) });
    db.exec(`DROP TABLE cluster_state;
      CREATE TABLE cluster_state (id INTEGER PRIMARY KEY CHECK (id = 1), snapshot TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0, settled_seq INTEGER NOT NULL DEFAULT 0)`);
    db.prepare('INSERT INTO cluster_state (id, snapshot, seq, settled_seq) VALUES (1, ?, 7, ?)').run(big, settled);
    db.pragma('user_version = 5');
    db.close();
    const reopened = new SqliteStore(file);
    expect(await reopened.settledSeq()).toBe(settled);
    expect((await reopened.loadClusterState())?.seq).toBe(7);
    await reopened.close();
    const after = new Database(file);
    const columns = (after.pragma('table_info(cluster_state)') as { name: string }[]).map((c) => c.name);
    // SQLite keeps a row's columns in this order: the positions are read from the row's first page.
    expect(columns).toEqual(['id', 'seq', 'settled_seq', 'snapshot']);
    after.close();
  });

  it('gives an older settled store the settled-state tables, with nothing to trust until its next replay', async () => {
    const { file, settled } = await contractStore('settled-state.db', true);
    expect(settled).toBeGreaterThan(0);
    // As a store written before migration 7 was: settled, but by a build that recorded nothing of its replay.
    const db = new Database(file);
    db.exec('DROP TABLE settle_state; DROP TABLE settle_places');
    db.pragma('user_version = 6');
    db.close();
    const reopened = new SqliteStore(file);
    expect(await reopened.settledSeq()).toBe(settled);
    expect(await reopened.settledState()).toBeNull();
    // Its next replay records itself.
    const service = await IngestService.open(reopened, { now: () => new Date('2026-11-23T00:00:00Z') });
    expect((await service.ingestRaw({ ...CONTRACT_DOCS[1]!, source: 'contract/coast-early.txt', publishedAt: '2025-03-01', content: `${CONTRACT_DOCS[1]!.content} Earlier.` })).status).toBe('stored');
    const report = await service.settle();
    expect(report).toMatchObject({ replayed: true });
    expect(report.trustedReplay).toBeUndefined();
    expect(await reopened.settledState()).toMatchObject({ replaySeq: await reopened.clusterHead(), placesChanged: [] });
    await reopened.close();
    const after = new Database(file);
    expect(Number(after.pragma('user_version', { simple: true }))).toBe(SQLITE_MIGRATIONS.length);
    after.close();
  });
});
