/**
 * The ingest service reads an outlet's ambiguous place names in its home
 * region once it has stored a few of the outlet's articles (our own short
 * articles of a made-up Georgia paper), and another outlet is unaffected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/model/types.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { copyStoreFiles } from './demo-store.js';

const doc = (id: string, outlet: string, day: string, content: string): RawDocument => ({
  source: `outlet-places/${id}.txt`, kind: 'json', contentType: 'text/plain', outlet, title: content.slice(0, 40), publishedAt: `2025-05-${day}`, content,
});

const LOCAL = [
  'Macon police said the fire started late Tuesday. Crews from Warner Robins and Perry helped put it out before it reached the highway, and nobody was hurt, a fire department spokesman said.',
  'The county school board in Marietta approved a new budget on Thursday. Parents from Kennesaw and Smyrna asked for more buses on the north side, where classes have grown by a third.',
  'Farmers near Valdosta and Tifton expect a smaller peanut harvest this year after a dry summer, the extension office in Albany said, adding that irrigation costs had doubled.',
];
const DECATUR =
  'The Decatur city commission voted 4-1 on Monday to repave the square. Residents of Decatur had asked for the work for two years, and the mayor said the crews would start in June and finish before the autumn festival.';

/** The region the stored article from `source` reads its "Decatur" in. */
async function decaturRegion(store: SqliteStore, source: string): Promise<string | null | undefined> {
  const id = (await store.listArticles({ limit: 100 })).find((a) => a.source === source)!.id;
  return (await store.getArticle(id))!.article.places.find((p) => p.text === 'Decatur')?.region;
}

/** An empty store, its ingest service, and where a stored article reads "Decatur". */
async function openLedgerStore() {
  const store = new SqliteStore(':memory:');
  const service = await IngestService.open(store, { now: () => new Date('2026-11-23T00:00:00Z') });
  return { store, service, region: (source: string) => decaturRegion(store, source) };
}

/** The made-up Georgia paper's three local stories (days 02–04), each stored. */
async function storeLocalStories(service: IngestService): Promise<void> {
  for (const [i, text] of LOCAL.entries()) expect((await service.ingestRaw(doc(`local-${i}`, 'Peach County Ledger', `0${i + 2}`, text))).status).toBe('stored');
}

describe('IngestService with the outlet place history', () => {
  it("reads Decatur in the outlet's home state after three of its articles, not for another outlet", async () => {
    const { store, service, region } = await openLedgerStore();
    expect((await service.ingestRaw(doc('other', 'Statewide Wire', '01', DECATUR))).status).toBe('stored');
    await storeLocalStories(service);
    expect((await service.ingestRaw(doc('local-decatur', 'Peach County Ledger', '09', `${DECATUR} The Ledger will follow the work.`))).status).toBe('stored');
    expect(await region('outlet-places/local-decatur.txt')).toBe('Georgia');
    expect(await region('outlet-places/other.txt')).not.toBe('Georgia');
    await store.close();
  });

  it('settles places with the whole outlet profile: an article that came before the outlet had a profile is re-read', async () => {
    const { store, service, region } = await openLedgerStore();
    expect((await service.ingestRaw(doc('first-decatur', 'Peach County Ledger', '01', DECATUR))).status).toBe('stored');
    await storeLocalStories(service);
    expect(await region('outlet-places/first-decatur.txt')).not.toBe('Georgia');
    const report = await service.settle();
    expect(report.placesChanged).toBeGreaterThanOrEqual(1);
    expect(await region('outlet-places/first-decatur.txt')).toBe('Georgia');
    // The event map reads the places table: it moved too.
    const ev = (await store.getArticle((await store.listArticles({ limit: 100 })).find((a) => a.source === 'outlet-places/first-decatur.txt')!.id))!.eventId!;
    const georgiaLat = (await store.getEvent(ev))!.places.find((p) => p.name.startsWith('Decatur'))!.lat;
    expect(georgiaLat).toBeGreaterThan(33.5);
    expect(georgiaLat).toBeLessThan(34.0);
    expect((await service.settle()).note).toBe('nothing new since the last settle');
    await store.close();
  });

  it('settles the same places whether or not it remembers the single readings of the articles it stored', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-places-'));
    const now = () => new Date('2026-11-23T00:00:00Z');
    try {
      const file = path.join(dir, 'a.db');
      const store = new SqliteStore(file);
      const service = await IngestService.open(store, { now });
      expect((await service.ingestRaw(doc('first-decatur', 'Peach County Ledger', '01', DECATUR))).status).toBe('stored');
      await storeLocalStories(service);
      // A copy of the store as it stands (WAL files included), settled by a fresh service that remembers nothing.
      copyStoreFiles(file, path.join(dir, 'b.db'));
      const copy = new SqliteStore(path.join(dir, 'b.db'));
      const fresh = await IngestService.open(copy, { now });
      const placesOf = async (s: SqliteStore) =>
        Object.fromEntries(await Promise.all((await s.listArticles({ limit: 100 })).map(async (a) => [a.source, (await s.getArticle(a.id))!.article.places] as const)));
      const remembered = await service.settle();
      const forgotten = await fresh.settle();
      expect(remembered.placesChanged).toBeGreaterThanOrEqual(1);
      expect(remembered.placesChanged).toBe(forgotten.placesChanged);
      expect(await placesOf(store)).toEqual(await placesOf(copy));
      expect(await decaturRegion(store, 'outlet-places/first-decatur.txt')).toBe('Georgia');
      await store.close();
      await copy.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
