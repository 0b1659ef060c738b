/**
 * Group commit in the SQLite store (holdWrites / flush): held writes are one open transaction that other
 * connections do not see (and cannot write past) until flushed; each write in it is still atomic on its own.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import type { IngestBundle } from '../../src/store/store-port.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { CONTRACT_DOCS } from '../store-contract.js';
import { useTempDirs } from '../pipeline/demo-store.js';

const now = () => new Date('2026-11-23T00:00:00Z');
const tempDir = useTempDirs('storyline-group-');

/** Another connection to the same file, as another process would have (no busy wait). */
function other(file: string): Database.Database {
  return new Database(file, { timeout: 0 });
}

const count = (db: Database.Database, sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);
const sources = (db: Database.Database): string[] => (db.prepare('SELECT source FROM articles ORDER BY seq').all() as { source: string }[]).map((r) => r.source);

/** The tables a stored article writes, with how many rows each has. */
function footprint(db: Database.Database): Record<string, number> {
  const tables = ['articles', 'articles_fts', 'entity_mentions', 'quotes', 'places', 'cluster_log', 'event_history', 'inputs'];
  return Object.fromEntries(tables.map((t) => [t, count(db, `SELECT count(*) n FROM ${t}`)]));
}

describe('SQLite group commit', () => {
  it('holds commits, duplicates and rejections in one transaction other connections neither see nor write past until flush', async () => {
    const file = path.join(tempDir(), 'g.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now });
    const peer = other(file);
    await store.holdWrites(true);
    for (const doc of CONTRACT_DOCS) expect((await service.ingestRaw(doc)).status).toBe('stored');
    expect((await service.ingestRaw(CONTRACT_DOCS[0]!)).status).toBe('duplicate');
    expect((await store.reject('bad.bin', 'binary-content')).status).toBe('rejected');
    // The store's own reads see the held writes (the ingest service decides on them)...
    expect((await store.stats()).articles).toBe(3);
    // ...another connection does not, and cannot take the write lock while they are held.
    expect(count(peer, 'SELECT count(*) n FROM articles')).toBe(0);
    expect(count(peer, 'SELECT count(*) n FROM inputs')).toBe(0);
    expect(() => peer.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
    await store.flush();
    expect(sources(peer)).toEqual(CONTRACT_DOCS.map((d) => d.source));
    expect(peer.prepare('SELECT status FROM inputs ORDER BY rowid').all().map((r) => (r as { status: string }).status)).toEqual(['stored', 'stored', 'stored', 'duplicate', 'rejected']);
    peer.exec('BEGIN IMMEDIATE; ROLLBACK');
    // Off again: each write commits by itself.
    await store.holdWrites(false);
    await store.reject('short.txt', 'too-short');
    expect(count(peer, "SELECT count(*) n FROM inputs WHERE source = 'short.txt'")).toBe(1);
    peer.close();
    await store.close();
  });

  it('rolls back only the failing article of a group, and the clusterer reloads from what the group holds', async () => {
    const file = path.join(tempDir(), 'g.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now });
    await store.holdWrites(true);
    expect((await service.ingestRaw(CONTRACT_DOCS[0]!)).status).toBe('stored');
    const reader = new Database(file, { readonly: true });
    const before = footprint(reader);
    reader.close();
    const real = store.commit.bind(store);
    // The second article fails after its article, text, mention and quote rows are in (its cluster-log entry cannot be encoded).
    store.commit = (b: IngestBundle) => real({ ...b, clusterDoc: { ...b.clusterDoc, poison: BigInt(1) } as unknown as IngestBundle['clusterDoc'] });
    await expect(service.ingestRaw(CONTRACT_DOCS[1]!)).rejects.toThrow(/BigInt/);
    store.commit = real;
    expect((await service.ingestRaw(CONTRACT_DOCS[2]!)).status).toBe('stored');
    await store.flush();
    const db = new Database(file, { readonly: true });
    expect(sources(db)).toEqual([CONTRACT_DOCS[0]!.source, CONTRACT_DOCS[2]!.source]);
    expect(count(db, `SELECT count(*) n FROM inputs WHERE source = '${CONTRACT_DOCS[1]!.source}'`)).toBe(0);
    expect(count(db, 'SELECT count(*) n FROM articles_fts')).toBe(2);
    expect(count(db, 'SELECT count(*) n FROM cluster_log')).toBe(2);
    expect(count(db, 'SELECT count(*) n FROM entity_mentions WHERE article_id NOT IN (SELECT id FROM articles)')).toBe(0);
    expect(count(db, 'SELECT count(*) n FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)')).toBe(0);
    expect(before['articles']).toBe(0); // nothing was visible before the flush
    expect(footprint(db)['inputs']).toBe(2);
    db.close();
    // The failed article can be stored afterwards (nothing of it was left behind).
    expect((await service.ingestRaw(CONTRACT_DOCS[1]!)).status).toBe('stored');
    await store.close();
  });

  it('commits the held writes on close, and before a write of its own transaction (places, clustering, curation)', async () => {
    const file = path.join(tempDir(), 'g.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now });
    const peer = other(file);
    await store.holdWrites(true);
    await service.ingestRaw(CONTRACT_DOCS[0]!);
    expect(count(peer, 'SELECT count(*) n FROM articles')).toBe(0);
    await store.replacePlaces([]);
    expect(count(peer, 'SELECT count(*) n FROM articles')).toBe(1);
    await service.ingestRaw(CONTRACT_DOCS[1]!);
    expect(count(peer, 'SELECT count(*) n FROM articles')).toBe(1);
    await store.close();
    expect(count(peer, 'SELECT count(*) n FROM articles')).toBe(2);
    peer.close();
  });

  it('reports a group SQLite rolled back on its own as lost, on every write and flush, until writes are no longer held', async () => {
    const file = path.join(tempDir(), 'g.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now });
    await store.holdWrites(true);
    await service.ingestRaw(CONTRACT_DOCS[0]!);
    // What SQLite does on SQLITE_FULL or an I/O error in some cases: the whole transaction is rolled back.
    (store as unknown as { db: Database.Database }).db.exec('ROLLBACK');
    await expect(store.reject('bad.bin', 'binary-content')).rejects.toThrow(/lost the last 1 inputs/);
    await expect(store.flush()).rejects.toThrow(/lost/);
    await expect(store.holdWrites(false)).rejects.toThrow(/lost/);
    // Nothing of the group is stored, and the store works again.
    expect((await store.stats()).articles).toBe(0);
    await store.reject('bad.bin', 'binary-content');
    expect((await store.listRejections()).map((r) => r.source)).toEqual(['bad.bin']);
    await store.close();
  });
});
