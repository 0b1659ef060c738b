/**
 * Large values written by the workers — job payloads (pages) and the
 * articles' raw input and document — are compressed with lz4 when the
 * server supports it (PostgreSQL 14+ built with lz4), which costs the
 * database a third of the CPU of the default pglz for the same size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { enqueueDocuments, startBoss } from '../../src/queue/job-queue.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { fastCompressionOption } from '../../src/store/postgres/pg-sql.js';
import type { IngestBundle } from '../../src/store/store-port.js';
import { makeWrite } from './article-factory.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('lz4');
const queueSchema = `${schema}_q`;

/** A page of varied text, long enough to be compressed out of line (several kB). */
function bigPage(n: number): string {
  const words = Array.from({ length: 4000 }, (_, i) => `word${(i * 7919 + n) % 997}`);
  return `<html><body><p>${words.join(' ')}</p></body></html>`;
}

describe.skipIf(!HAVE_PG)('lz4 for large values', () => {
  afterAll(async () => {
    for (const s of [schema, queueSchema]) await dropSchema(s).catch(() => undefined);
  });

  it('job payloads and article rows use lz4 when the server has it', async () => {
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    try {
      const supported = (await db.query<{ ok: boolean }>(`SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`)).rows[0]?.ok === true;
      expect(await fastCompressionOption(PG_URL)).toBe(supported ? '-c default_toast_compression=lz4' : '');
      if (!supported) return;
      const boss = await startBoss({ db: PG_URL, queueSchema });
      try {
        await enqueueDocuments(boss, [{ source: 'big.html', kind: 'html', contentType: 'text/html', content: bigPage(1) }]);
        const job = await db.query<{ c: string | null }>(`SELECT pg_column_compression(data) AS c FROM "${queueSchema}".job WHERE name = 'storyline-extract'`);
        expect(job.rows.map((r) => r.c)).toEqual(['lz4']);
      } finally {
        await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      }
      const store = await openPostgresStore({ url: PG_URL, schema });
      try {
        const text = bigPage(2).replace(/<[^>]+>/g, '');
        const w = makeWrite({ id: 'z1', title: 'Big', text });
        const b: IngestBundle = {
          raw: { ...w.raw, content: bigPage(3) },
          article: w.article,
          entities: [],
          quoteStatements: [],
          statements: [],
          eventId: 'ev_z1',
          membership: 'test',
          events: [{ id: 'ev_z1', storylineId: 'sl_z1', label: 'Big', summary: 'S', firstDate: null, lastDate: null, articleCount: 1, outlets: [], keyEntities: [] }],
          storylines: [{ id: 'sl_z1', label: 'Big', firstDate: null, lastDate: null, keyEntities: [] }],
          eventMerges: [],
          history: [],
          provenance: { kind: 'original', of: null, edges: [] },
          clusterDoc: { id: 'z1', title: 'Big', text, publishedAt: null, entities: [], places: [], outlet: null },
          at: '2026-01-01T00:00:00Z',
        };
        await store.withIngestLock(() => store.commit(b));
        const row = await db.query<{ raw: string | null; doc: string | null }>(`SELECT pg_column_compression(raw) AS raw, pg_column_compression(doc) AS doc FROM "${schema}".articles WHERE id = 'z1'`);
        expect(row.rows).toEqual([{ raw: 'lz4', doc: 'lz4' }]);
      } finally {
        await store.close();
      }
    } finally {
      await db.end();
    }
  });
});
