/**
 * PostgreSQL-specific behaviour of the store, through the product's ingest
 * path (the ingest service deciding, `store.commit` writing, as workers and
 * `storyline ingest` do). What both backends must do alike is in the shared
 * contract suite (`test/store-contract.ts`, run from `postgres-contract.test.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { storeStep } from '../../src/queue/store-step.js';
import { makeWrite, type AnalysedInput } from './article-factory.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('store');
const NOW = () => new Date('2026-01-01T00:00:00Z');
let store: PostgresStore;
let service: IngestService;
const ingest = (w: AnalysedInput) => service.ingestArticle(w.raw, w.article);

describe.skipIf(!HAVE_PG)('PostgresStore', () => {
  beforeAll(async () => {
    store = await openPostgresStore({ url: PG_URL, schema, now: () => NOW().toISOString() });
    service = await IngestService.open(store, { now: NOW });
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  it('migrates idempotently (a second open runs nothing and keeps data)', async () => {
    expect(await ingest(makeWrite({ id: 'a0', title: 'Migration check', text: 'A short text that exists before a reopen of the store, long enough to count.' }))).toMatchObject({ status: 'stored' });
    const again = await openPostgresStore({ url: PG_URL, schema });
    expect((await again.stats()).articles).toBe(1);
    await again.close();
  });

  it('recognises the same text and the same URL as duplicates', async () => {
    const base = 'Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow is ready to help Armenia and Azerbaijan demarcate the border, at a briefing on Thursday in Moscow.';
    const w1 = makeWrite({ id: 'a1', title: 'Border briefing', text: base, outlet: 'TASS', people: ['Maria Zakharova'] });
    expect(await ingest(w1)).toMatchObject({ status: 'stored', articleId: 'a1' });
    const sameText = { raw: { ...w1.raw, source: 'test:a1b' }, article: { ...w1.article, id: 'a1b' as never, url: 'https://other.example/x' } };
    expect(await ingest(sameText)).toMatchObject({ status: 'duplicate', reason: 'duplicate-content', duplicateOf: 'a1' });
    const sameUrl = makeWrite({ id: 'a2', title: 'Other', text: 'Completely different words about the weather in Yerevan this spring season.', url: 'https://news.example/a1' });
    expect(await ingest(sameUrl)).toMatchObject({ status: 'duplicate', reason: 'duplicate-url', duplicateOf: 'a1' });
    expect((await store.stats()).articles).toBe(2);
  });

  it('searches with PostgreSQL full-text search (stemmed English) with facets', async () => {
    await ingest(makeWrite({ id: 'b1', title: 'Demarcation talks open', text: 'Officials met in Yerevan as the demarcation commission began its first session on Monday.' }));
    const r = await store.search('demarcate');
    expect(r.hits.map((h) => h.article.id)).toContain('a1');
    expect(r.hits.map((h) => h.article.id)).toContain('b1'); // "demarcation" shares the stem
    expect(r.total).toBe(r.hits.length);
    expect(r.facets.outlets.length).toBeGreaterThan(0);
    expect((await store.search('nonexistentword')).total).toBe(0);
  });

  it('records rejections, once per key with rejectOnce', async () => {
    await store.reject('bad.html', 'no-article', 'empty shell');
    await store.rejectOnce('job-1', 'x.html', 'too-short');
    await store.rejectOnce('job-1', 'x.html', 'too-short');
    const rej = await store.listRejections();
    expect(rej.filter((r) => r.source === 'x.html')).toHaveLength(1);
    expect(rej.find((r) => r.source === 'bad.html')).toMatchObject({ reason: 'no-article', detail: 'empty shell' });
  });

  it("the worker's store step is idempotent per job key: a retried step changes nothing", async () => {
    const w = makeWrite({ id: 'c1', title: 'Idempotent step', text: 'A worker crashed after committing this article and the job ran again later that day.' });
    const step = storeStep(store, { now: NOW });
    const [first] = await step([{ key: 'job:c1', ...w }]);
    expect(first).toMatchObject({ status: 'stored', articleId: 'c1' });
    const before = await store.stats();
    // Another worker (its own service and clusterer) retries the job: the recorded outcome, nothing written.
    const [second] = await storeStep(store, { now: NOW })([{ key: 'job:c1', ...w }]);
    expect(second).toEqual(first);
    expect(await store.stats()).toEqual(before);
    expect((await store.outcomesFor(['ingest:job:c1'])).get('ingest:job:c1')).toEqual(first);
  });
});
