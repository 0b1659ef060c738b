/**
 * Staged pages: an analysed page goes to the store step through the store's
 * `staged_raw` table (copied inside the database from its analysis job's
 * row), not in the store step's job. What is stored is the page as queued,
 * byte for byte; a duplicate drops its staged page; a missing page fails the
 * commit rather than storing a wrong one; and jobs queued by older workers
 * (store-step jobs with the page, enrich jobs) are still stored with theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import type { RawDocument } from '../../src/model/types.js';
import { enqueueDocuments, jobId, QUEUES, startBoss, type ClusterJob, type EnrichJob } from '../../src/queue/job-queue.js';
import { enrichStep, extractStep } from '../../src/queue/analysis-steps.js';
import { outcomeKey, storeStep, type StoreItem } from '../../src/queue/store-step.js';
import { runWorker } from '../../src/queue/pipeline-worker.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';
import { copyOf, syntheticDocs } from './synthetic-corpus.js';

const NOW = () => new Date('2026-01-01T00:00:00Z');

function analysed(doc: RawDocument) {
  const x = extractStep(doc);
  if (!x.ok) throw new Error(`not extracted: ${doc.source}`);
  return { extracted: x.value, article: enrichStep(doc, x.value) };
}

/** The store step's item for a staged page: the page's fields, its content left out. */
function stagedItem(doc: RawDocument): StoreItem {
  const { content: _content, ...fields } = doc;
  return { key: doc.source, raw: { ...fields, content: '' }, article: analysed(doc).article, staged: true };
}

describe.skipIf(!HAVE_PG)('staged pages between analysis and the store step', () => {
  const schema = freshSchemaName('staged');
  const queueSchema = `${schema}_q`;
  let store: PostgresStore;
  let boss: PgBoss;
  // Quotes, backslashes, non-Latin text and a surrogate pair in the page: what is stored must be the same JSON value.
  const docs = syntheticDocs(3, 2).map((d, i) => ({ ...d, content: `${d.content}\n<p>“Quoted” \\ "${i}" Привет 😀</p>`, title: `T${i}` }));

  beforeAll(async () => {
    store = await openPostgresStore({ url: PG_URL, schema });
    boss = await startBoss({ db: PG_URL, queueSchema });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await store?.close();
    await dropSchema(schema);
    await dropSchema(queueSchema);
  });

  const staged = async (): Promise<string[]> => (await store.pool.query<{ key: string }>('SELECT key FROM staged_raw ORDER BY key')).rows.map((r) => r.key);
  /** Whether the stored page of `doc` is exactly `doc` (as a JSON value). */
  const storedAsQueued = async (doc: RawDocument): Promise<boolean | null> =>
    (await store.pool.query<{ same: boolean }>('SELECT raw = $2::jsonb AS same FROM articles WHERE source = $1', [doc.source, JSON.stringify(doc)])).rows[0]?.same ?? null;

  it('stores the staged page as queued, drops a duplicate’s, and fails a commit whose page is missing', async () => {
    const [a, b, c] = docs as [RawDocument, RawDocument, RawDocument];
    const dup = copyOf(a);
    await enqueueDocuments(boss, [a, b, dup]);
    const jobs = [a, b, dup].map((d) => ({ key: outcomeKey(d.source), jobId: jobId('extract', d.source) }));
    // A job not in the queue is not staged.
    const got = await store.stageRaw(queueSchema, QUEUES.extract, [...jobs, { key: outcomeKey(c.source), jobId: jobId('extract', c.source) }]);
    expect([...got].sort()).toEqual(jobs.map((j) => j.key).sort());
    expect(await staged()).toEqual(jobs.map((j) => j.key).sort());

    const step = storeStep(store, { now: NOW });
    const out = await step([stagedItem(a), stagedItem(b), stagedItem(dup)]);
    expect(out.map((o) => o.status)).toEqual(['stored', 'stored', 'duplicate']);
    expect(await storedAsQueued(a)).toBe(true);
    expect(await storedAsQueued(b)).toBe(true);
    expect(await staged()).toEqual([]);

    // c's page was never staged: its commit fails, and nothing of it is stored or recorded.
    await expect(step([stagedItem(c)])).rejects.toThrow();
    expect(await storedAsQueued(c)).toBeNull();
    expect((await store.outcomesFor([outcomeKey(c.source)])).size).toBe(0);

    // A job run again after its input was decided is not staged (nothing would take the page) ...
    expect((await store.stageRaw(queueSchema, QUEUES.extract, [jobs[0]!])).size).toBe(0);
    // ... and a staged page of a decided input, handed to the store step again, is dropped with the recorded answer.
    await store.pool.query(`INSERT INTO staged_raw (key, raw) VALUES ($1, '{}')`, [outcomeKey(b.source)]);
    expect((await step([stagedItem(b)]))[0]?.status).toBe('stored');
    expect(await staged()).toEqual([]);
    expect((await store.pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n).toBe(2);
  }, 60_000);

  it('a staged page is stored when the ingest service takes the lock itself (the staged key holds across it)', async () => {
    const doc = docs[2]!;
    await enqueueDocuments(boss, [doc]);
    const key = outcomeKey(doc.source);
    expect([...(await store.stageRaw(queueSchema, QUEUES.extract, [{ key, jobId: jobId('extract', doc.source) }]))]).toEqual([key]);
    const svc = await IngestService.open(store, { now: NOW });
    const item = stagedItem(doc);
    expect((await store.withIngestKey(key, () => svc.ingestArticle(item.raw, item.article), { rawStaged: true })).status).toBe('stored');
    expect(await storedAsQueued(doc)).toBe(true);
    expect(await staged()).toEqual([]);
  }, 60_000);

  it('a worker stores staged pages, and the jobs older workers queued with their pages', async () => {
    const [d, e, g] = docs.slice(3) as [RawDocument, RawDocument, RawDocument];
    // d: a new extract job; e: a store-step job with its page (queued by an older worker); g: an enrich job (older still).
    await enqueueDocuments(boss, [d]);
    const old: ClusterJob = { key: e.source, doc: e, article: analysed(e).article };
    const older: EnrichJob = { key: g.source, doc: g, extracted: analysed(g).extracted };
    await boss.insert([
      { id: jobId('cluster', e.source), name: QUEUES.cluster, data: old },
      { id: jobId('enrich', g.source), name: QUEUES.enrich, data: older },
    ]);
    const w = await runWorker({ db: PG_URL, schema, queueSchema, idleMs: 50, holdMs: 500 });
    try {
      const t0 = Date.now();
      const decided = async (): Promise<number> => (await store.outcomesFor([d, e, g].map((x) => outcomeKey(x.source)))).size;
      while ((await decided()) < 3 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await w.stop();
    }
    for (const x of [d, e, g]) expect(await storedAsQueued(x)).toBe(true);
    expect(await staged()).toEqual([]);
    // The store-step jobs this worker queued carried the page's fields, not the page.
    const carried = await store.pool.query<{ key: string; page: boolean; source: string | null }>(
      `SELECT data->>'key' AS key, data ? 'doc' AS page, data->'staged'->>'source' AS source FROM "${queueSchema}".job WHERE name = $1 ORDER BY data->>'key' COLLATE "C"`,
      [QUEUES.cluster],
    );
    // (The first test's extract jobs were run again too: their inputs were decided, so their pages stayed in their jobs.)
    expect(carried.rows.filter((r) => [d, e, g].some((x) => x.source === r.key))).toEqual(
      [
        { key: d.source, page: false, source: d.source },
        { key: e.source, page: true, source: null },
        { key: g.source, page: false, source: g.source },
      ].sort((x, y) => (x.key < y.key ? -1 : 1)),
    );
  }, 90_000);

  it('when staging fails, the pages stay in their jobs and are stored from there', async () => {
    // Staging cannot work without its table (the worker's store is migrated already: nothing makes it again).
    await store.pool.query('DROP TABLE staged_raw');
    const doc = { ...syntheticDocs(5, 1)[4]!, source: 'unstaged' };
    await enqueueDocuments(boss, [doc]);
    const w = await runWorker({ db: PG_URL, schema, queueSchema, idleMs: 50, holdMs: 500 });
    try {
      const t0 = Date.now();
      while ((await store.outcomesFor([outcomeKey(doc.source)])).size === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await w.stop();
    }
    expect(await storedAsQueued(doc)).toBe(true);
    const job = await store.pool.query<{ page: boolean }>(`SELECT data ? 'doc' AS page FROM "${queueSchema}".job WHERE name = $1 AND data->>'key' = $2`, [QUEUES.cluster, doc.source]);
    expect(job.rows).toEqual([{ page: true }]);
  }, 90_000);
});
