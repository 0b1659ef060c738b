/**
 * The cross-speaker look-up of the ingest service asks the store for the articles carrying a quote's middle words
 * as a phrase: articles that merely contain every word (common ones are in most articles) do not crowd out the one
 * that carries the quote. Both backends: SQLite (FTS5 phrases) and PostgreSQL (phraseto_tsquery), when
 * STORYLINE_TEST_PG is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import type { RawDocument } from '../../src/model/types.js';
import type { Store } from '../../src/store/store-port.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from '../postgres/pg-test-env.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-sqlite-phrase-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CLOCK = () => new Date('2026-11-23T00:00:00Z');
const PLACES = ['Arden', 'Belmor', 'Corvey', 'Dunmere', 'Elstow', 'Fenwick', 'Garrow', 'Holm', 'Ilsby', 'Jarrow', 'Kelso', 'Lorne'];

/** Short articles with all six words, scattered and repeated (so they rank first), none of them as the phrase. */
function decoys(): RawDocument[] {
  return PLACES.map((place, i) => ({
    source: `phrase/decoy-${i}.txt`,
    kind: 'json',
    contentType: 'text/plain',
    outlet: `${place} Courier`,
    title: `Keep ${place} open: ferry until the harbour road`,
    publishedAt: `2025-04-${String(i + 1).padStart(2, '0')}`,
    content: `The ferry to ${place} was late again. Open the harbour road, keep the ferry until dark, residents of ${place} said at a meeting about ${i + 3} missed crossings, and the road stayed open.`,
  }));
}

const carrier: RawDocument = {
  source: 'phrase/carrier.txt',
  kind: 'json',
  contentType: 'text/plain',
  outlet: 'Island Post',
  title: 'Island council weighs winter timetable',
  publishedAt: '2025-05-02',
  content:
    'The island council met on Tuesday to discuss the winter timetable for the crossing to the mainland.\n\n"We will keep the harbour road open until the ferry is back in service next spring," councillor Mara Quist said.',
};

interface Backend {
  name: string;
  open(label: string): Promise<Store>;
}

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(s);
});
const BACKENDS: Backend[] = [
  { name: 'SQLite', open: async (label) => new SqliteStore(path.join(dir, `${label}.db`)) },
  ...(HAVE_PG
    ? [
        {
          name: 'PostgreSQL',
          open: async (label: string) => {
            const schema = freshSchemaName(`phrase_${label}`);
            schemas.push(schema);
            return openPostgresStore({ url: PG_URL, schema, now: () => '2026-11-23T00:00:00Z' });
          },
        },
      ]
    : []),
];

describe.each(BACKENDS)('$name phrase look-up', ({ name, open }) => {
  it('finds the articles carrying the words in order, where ranking all their words finds only decoys', async () => {
    const store = await open('phrase');
    const service = await IngestService.open(store, { now: CLOCK });
    for (const doc of [carrier, ...decoys()]) expect((await service.ingestRaw(doc)).status).toBe('stored');
    const carrierId = (await store.search('councillor Quist', { limit: 5 })).hits[0]!.article.id;
    const words = ['harbour', 'road', 'open', 'until', 'the', 'ferry'];
    // Every word is in all thirteen articles; with bm25 the decoys, short and repetitive, rank above the carrier.
    if (name === 'SQLite') {
      const byWords = await store.searchArticleIds!(words.join(' '), 10);
      expect(byWords).toHaveLength(10);
      expect(byWords).not.toContain(carrierId);
    }
    expect(await store.searchPhraseArticleIds!([words], 10)).toEqual([carrierId]);
    // Case and punctuation do not matter (the tokenizer's words), the order does.
    expect(await store.searchPhraseArticleIds!([['Harbour', 'ROAD,', 'open', 'until']], 10)).toEqual([carrierId]);
    expect(await store.searchPhraseArticleIds!([['road', 'harbour', 'open']], 10)).toEqual([]);
    // Several phrases: each one somewhere in the article (a quote interrupted by its attribution).
    expect(await store.searchPhraseArticleIds!([['keep', 'the', 'harbour'], ['back', 'in', 'service']], 10)).toEqual([carrierId]);
    expect(await store.searchPhraseArticleIds!([['keep', 'the', 'harbour'], ['ferry', 'to', 'the', 'mainland']], 10)).toEqual([]);
    // At most `limit`, first stored first.
    const all = await store.searchPhraseArticleIds!([['the', 'ferry']], 100);
    expect(all).toHaveLength(13);
    expect(all[0]).toBe(carrierId);
    expect(await store.searchPhraseArticleIds!([['the', 'ferry']], 3)).toEqual(all.slice(0, 3));
    await store.close();
  });

  it('passes nothing but words to the full-text engine', async () => {
    const store = await open('hostile');
    const service = await IngestService.open(store, { now: CLOCK });
    await service.ingestRaw(carrier);
    const hostile = [[], [''], ['"'], ['" OR "'], ['NEAR(harbour', 'road)'], ['harbour*', '^road'], ['a"b', 'c:d'], ['x'.repeat(100_000)], Array(5_000).fill('ferry')];
    for (const phrases of [[], ...hostile.map((w) => [w]), hostile, Array(5_000).fill(['ferry'])]) {
      const ids = await store.searchPhraseArticleIds!(phrases, 10);
      expect(Array.isArray(ids)).toBe(true);
    }
    expect(await store.searchPhraseArticleIds!([['"', 'harbour', 'road', '*'], ['"']], 10)).toHaveLength(1);
    await store.close();
  });
});
