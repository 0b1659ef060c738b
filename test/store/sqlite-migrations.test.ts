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

describe('SQLite migrations', () => {
  it('drops the never-read places index by name from an older store, and the places still read by event', async () => {
    const file = path.join(dir, 'older.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now: () => new Date('2026-11-23T00:00:00Z') });
    for (const doc of CONTRACT_DOCS) await service.ingestRaw(doc);
    await store.close();
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
    const file = path.join(dir, 'names.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now: () => new Date('2026-11-23T00:00:00Z') });
    for (const doc of CONTRACT_DOCS) await service.ingestRaw(doc);
    await store.close();
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
});
