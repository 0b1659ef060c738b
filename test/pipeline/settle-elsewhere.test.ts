/**
 * A settle by another process (`storyline settle` while `storyline follow` runs, or beside PostgreSQL workers)
 * moves articles between events and retires some: an ingest service that did not settle must not go on clustering
 * with what it had in memory. It reads the store's settled position and reloads when someone else moved it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { copyStoreFiles, demoDocs, useTempDirs } from './demo-store.js';

const now = () => new Date('2026-11-24T00:00:00Z');

describe('an ingest service after another process settled the store', () => {
  const tempDir = useTempDirs('storyline-settle-elsewhere-');

  it('clusters its next articles as a service opened after the settle does', async () => {
    const docs = await demoDocs();
    // Latest first, so that the settle's replay in publication order changes events; the last few come after it.
    const sorted = docs.filter((d) => d.source.endsWith('.txt')).sort((a, b) => (a.source < b.source ? 1 : -1));
    const [later, first] = [sorted.slice(0, 4), sorted.slice(4)];
    const dir = tempDir();
    const file = path.join(dir, 'a.db');
    const store = new SqliteStore(file);
    const following = await IngestService.open(store, { now });
    for (const doc of first) await following.ingestRaw(doc);

    // Another process settles the same store.
    const other = new SqliteStore(file);
    const report = await (await IngestService.open(other, { now })).settle();
    expect(report.replayed).toBe(true);
    expect(report.moved + report.eventsRetired).toBeGreaterThan(0);
    await other.close();

    // A copy as the settle left it, ingested into by a service opened afterwards: what the running one must match.
    copyStoreFiles(file, path.join(dir, 'b.db'));
    const control = new SqliteStore(path.join(dir, 'b.db'));
    const fresh = await IngestService.open(control, { now });
    for (const doc of later) {
      const a = await following.ingestRaw(doc);
      const b = await fresh.ingestRaw(doc);
      expect(a.status).toBe(b.status);
    }
    const membership = async (s: SqliteStore) =>
      Object.fromEntries(await Promise.all((await s.listArticles({ limit: 1000 })).map(async (x) => [x.source, (await s.getArticle(x.id))!.eventId] as const)));
    expect(await membership(store)).toEqual(await membership(control));
    const events = async (s: SqliteStore) => (await s.listEvents({ limit: 1000 })).map((e) => [e.id, e.articleCount]).sort();
    expect(await events(store)).toEqual(await events(control));
    await store.close();
    await control.close();
  });
});
