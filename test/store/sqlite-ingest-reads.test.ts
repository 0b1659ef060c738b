/**
 * The SQLite reads the ingest service decides with, kept cheap as the store grows: a statement's renderings are
 * its distinct texts (not one row per article that carried it), and the cross-speaker look-up ranks article ids
 * exactly as `search` does without building hits and facets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import type { RawDocument } from '../../src/model/types.js';
import { CONTRACT_DOCS } from '../store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-sqlite-reads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CLOCK = () => new Date('2026-11-23T00:00:00Z');

/** The same quote carried by several outlets (and one trimmed rendering), each its own article. */
function carriers(): RawDocument[] {
  const quote = '"Nobody was hurt, but the terminal will stay shut until engineers have inspected every crane," Marsh told reporters.';
  return ['North Post', 'South Herald', 'East Ledger'].map((outlet, i) => ({
    source: `reads/carrier-${i}.txt`,
    kind: 'json',
    contentType: 'text/plain',
    outlet,
    title: `Valmora terminal stays shut (${outlet})`,
    publishedAt: `2025-03-1${i + 1}T09:00`,
    url: `https://carrier${i}.example/valmora`,
    content:
      `Port director Elena Marsh said on day ${i + 1} of the closure that the Valmora container terminal remains shut after the crane collapse.\n\n` +
      (i === 2 ? '"Nobody was hurt, but the terminal will stay shut," Marsh told reporters.' : quote) +
      `\n\n${outlet} reporters saw ${3 + i} vessels waiting outside the harbour.`,
  }));
}

describe('SQLite ingest reads', () => {
  it('gives each statement its distinct rendering texts, first stored first, also after the migration backfill', async () => {
    const file = path.join(dir, 'renderings.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now: CLOCK });
    for (const doc of [...CONTRACT_DOCS, ...carriers()]) await service.ingestRaw(doc);
    const db = new Database(file);
    const all = db.prepare('SELECT statement_id, text FROM quotes WHERE statement_id IS NOT NULL ORDER BY rowid').all() as { statement_id: string; text: string }[];
    const speakers = (db.prepare('SELECT DISTINCT speaker FROM statements WHERE speaker IS NOT NULL').all() as { speaker: string }[]).map((r) => r.speaker);
    const expected = new Map<string, string[]>();
    for (const q of all) {
      const list = expected.get(q.statement_id) ?? [];
      if (!list.includes(q.text)) list.push(q.text);
      expected.set(q.statement_id, list);
    }
    // Some statement is carried by more than one article with the same words: the case the distinct texts are for.
    const counts = new Map<string, number>();
    for (const q of all) counts.set(`${q.statement_id}\n${q.text}`, (counts.get(`${q.statement_id}\n${q.text}`) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(1);
    const read = async (s: SqliteStore) => new Map((await s.statementsBySpeakers(speakers)).map((r) => [r.id, r.renderings]));
    const before = await read(store);
    expect(before.size).toBeGreaterThan(0);
    for (const [id, texts] of before) expect(texts).toEqual(expected.get(id) ?? []);
    await store.close();
    // A store from before the table: the migration fills it from the quotes, in the same order.
    db.exec('DROP TABLE statement_texts');
    db.pragma('user_version = 2');
    db.close();
    const reopened = new SqliteStore(file);
    expect(await read(reopened)).toEqual(before);
    await reopened.close();
  });

  it('ranks the cross-speaker look-up exactly as search does', async () => {
    const store = new SqliteStore(path.join(dir, 'search.db'));
    const service = await IngestService.open(store, { now: CLOCK });
    for (const doc of [...CONTRACT_DOCS, ...carriers()]) await service.ingestRaw(doc);
    for (const q of ['terminal will stay shut', 'Marsh', 'crane collapse storm', 'desert plants glasshouse', 'no such words here', '', 'AND OR "']) {
      for (const limit of [1, 2, 10]) {
        const ids = (await store.search(q, { limit })).hits.map((h) => h.article.id);
        expect(await store.searchArticleIds(q, limit)).toEqual(ids);
      }
    }
    expect((await store.searchArticleIds('terminal shut', 10)).length).toBeGreaterThan(2);
    await store.close();
  });
});
