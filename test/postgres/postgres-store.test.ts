/**
 * PostgreSQL-specific behaviour of the store. The shared contract suite
 * (`test/store-contract.ts`, the same file SQLite passes) runs from
 * `postgres-contract.test.ts` once it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { ClusterEngine } from '../../src/store/postgres/cluster-engine.js';
import { makeWrite } from './article-factory.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

/** A tiny clusterer for tests: articles whose titles share their first word form one event. */
function firstWordEngine(): ClusterEngine {
  let seen: Record<string, string> = {};
  return {
    load: (s) => void (seen = (s as Record<string, string> | null) ?? {}),
    assign: (doc) => {
      const key = (doc.title ?? '').split(' ')[0]?.toLowerCase() ?? '';
      const existing = seen[key];
      if (existing !== undefined) return { eventId: existing, storylineId: `sl_${key}`, isNewEvent: false, reason: `title starts with ${key}` };
      seen[key] = `ev_${key}`;
      return { eventId: `ev_${key}`, storylineId: `sl_${key}`, isNewEvent: true, reason: 'new' };
    },
    snapshot: () => seen,
  };
}

const schema = freshSchemaName('store');
let store: PostgresStore;

describe.skipIf(!HAVE_PG)('PostgresStore', () => {
  beforeAll(async () => {
    store = await openPostgresStore({ url: PG_URL, schema, clusterer: firstWordEngine, now: () => '2026-01-01T00:00:00Z' });
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  it('migrates idempotently (a second open runs nothing and keeps data)', async () => {
    await store.ingest(makeWrite({ id: 'a0', title: 'Migration check', text: 'A short text that exists before a reopen of the store.' }));
    const again = await openPostgresStore({ url: PG_URL, schema });
    expect((await again.stats()).articles).toBe(1);
    await again.close();
  });

  it('stores, deduplicates by content, URL and near-identical text', async () => {
    const base = 'Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow is ready to help Armenia and Azerbaijan demarcate the border, at a briefing on Thursday in Moscow.';
    const w1 = makeWrite({ id: 'a1', title: 'Border briefing', text: base, outlet: 'TASS', people: ['Maria Zakharova'] });
    expect(await store.ingest(w1)).toMatchObject({ status: 'stored', articleId: 'a1' });
    expect(await store.ingest({ ...w1, article: { ...w1.article, id: 'a1b' as never, url: 'https://other.example/x' } })).toMatchObject({ status: 'duplicate', reason: 'duplicate-content', duplicateOf: 'a1' });
    const sameUrl = makeWrite({ id: 'a2', title: 'Other', text: 'Completely different words about the weather in Yerevan this spring season.', url: 'https://news.example/a1' });
    expect(await store.ingest(sameUrl)).toMatchObject({ status: 'duplicate', reason: 'duplicate-url' });
    const nearSameOutlet = makeWrite({ id: 'a3', title: 'Border briefing', text: `${base} `.replace('Thursday', 'Thursday,'), outlet: 'TASS', url: 'https://news.example/a3' });
    const out3 = await store.ingest(nearSameOutlet);
    expect(out3.status).toBe('duplicate');
    const copy = makeWrite({ id: 'a4', title: 'Border briefing copy', text: base.replace('Thursday', 'Thursday,'), outlet: 'Rewrite Daily' });
    expect(await store.ingest(copy)).toMatchObject({ status: 'stored' });
    const stored = await store.getArticle('a4');
    expect(stored?.provenance === 'near-copy' || stored?.provenance === 'original').toBe(true);
  });

  it('clusters, resolves entities across articles and links statements', async () => {
    const q = 'Russia is ready to help with the demarcation of the border';
    await store.ingest(makeWrite({ id: 'b1', title: 'Demarcation talks open', text: `Maria Zakharova said: "${q}." Officials met in Yerevan.`, people: ['Maria Zakharova'], quote: { text: q, speaker: 'Maria Zakharova' }, publishedAt: '2021-06-03' }));
    await store.ingest(makeWrite({ id: 'b2', title: 'Demarcation commission meets', text: `Zakharova repeated that "${q}", according to the ministry site, as a commission met in Baku.`, people: ['Maria Zakharova'], quote: { text: q, speaker: 'Maria Zakharova' }, outlet: 'OC Media', publishedAt: '2021-06-04' }));
    const a = await store.getArticle('b2');
    expect(a?.eventId).toBe('ev_demarcation');
    const ev = await store.getEvent('ev_demarcation');
    expect(ev?.articleCount).toBe(2);
    expect(ev?.outlets.sort()).toEqual(['OC Media', 'Test Outlet']);
    expect(ev?.firstDate).toBe('2021-06-03');
    expect(ev?.lastDate).toBe('2021-06-04');
    const ent = await store.getEntity('Maria Zakharova');
    expect(ent?.articleCount).toBeGreaterThanOrEqual(3); // a1, b1, b2 share one corpus entity
    const st = await store.listStatements({ speaker: 'Zakharova' });
    const s = st.find((x) => x.text === q);
    expect(s?.renderings.map((r) => r.match)).toEqual(['first', 'verbatim']);
    expect((await store.listStorylines()).some((sl) => sl.id === 'sl_demarcation')).toBe(true);
  });

  it('searches with PostgreSQL full-text search (stemmed English) with facets', async () => {
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

  it('ingestOnce is idempotent: a retried step changes nothing', async () => {
    const w = makeWrite({ id: 'c1', title: 'Idempotent step', text: 'A worker crashed after committing this article and the job ran again later that day.' });
    const first = await store.ingestOnce('job:c1', w);
    const before = await store.stats();
    const second = await store.ingestOnce('job:c1', w);
    expect(second).toEqual(first);
    expect(await store.stats()).toEqual(before);
  });

  it('merges and splits entities, and a merge survives re-ingestion', async () => {
    await store.ingest(makeWrite({ id: 'd1', title: 'Lavrov visit', text: 'Sergei Lavrov arrived in Baku for talks with his counterpart on Monday morning.', people: ['Sergei Lavrov'] }));
    await store.ingest(makeWrite({ id: 'd2', title: 'Lavrov visit two', text: 'Sergey Lavrov flew on to Yerevan where he met the foreign minister on Tuesday.', people: ['S. V. Lavrov'] }));
    const a = await store.getEntity('Sergei Lavrov');
    const b = await store.getEntity('S. V. Lavrov');
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    if (a === null || b === null) return;
    if (a.id !== b.id) await store.mergeEntities(a.id, b.id, 'same person');
    const merged = await store.getEntity(a.id);
    expect(merged?.articleCount).toBe(2);
    await store.ingest(makeWrite({ id: 'd3', title: 'Lavrov again', text: 'S. V. Lavrov spoke to reporters at the airport before leaving the region at night.', people: ['S. V. Lavrov'] }));
    expect((await store.getEntity(a.id))?.articleCount).toBe(3);
    const newId = await store.splitEntity(a.id, 'S. V. Lavrov', 'test split');
    expect((await store.getEntity(newId))?.name).toBe('S. V. Lavrov');
  });
});
