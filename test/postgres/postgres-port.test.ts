/**
 * The ingest-service side of the port on PostgreSQL: reads while deciding,
 * one-transaction commit of a bundle, the re-entrant ingest lock and
 * idempotency keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { ArticleId } from '../../src/model/types.js';
import type { IngestBundle } from '../../src/store/store-port.js';
import { makeWrite } from './article-factory.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('port');
let store: PostgresStore;

function bundle(id: string, text: string, eventId: string, extra: Partial<IngestBundle> = {}): IngestBundle {
  const w = makeWrite({ id, title: `Title ${id}`, text, people: ['Maria Zakharova'], quote: { text: 'we are ready to help', speaker: 'Maria Zakharova' } });
  return {
    raw: w.raw,
    article: w.article,
    entities: [{ localId: 'd0', entity: { id: 'ent_zakharova', name: 'Maria Zakharova', type: 'PERSON', matchKey: 'PERSON:maria zakharova', aliases: ['Zakharova'], roles: ['spokesperson'] }, reason: 'new' }],
    quoteStatements: [{ statementId: 'st_ready', match: 'first' }],
    statements: [{ id: 'st_ready', speaker: 'Maria Zakharova', speakerEntityId: 'ent_zakharova', text: 'we are ready to help', kind: 'direct', stance: 'neutral', firstArticleId: id as ArticleId, firstDate: '2021-05-27' }],
    eventId,
    membership: 'test membership',
    events: [{ id: eventId, storylineId: 'sl_1', label: 'Border talks', summary: 'Summary', firstDate: '2021-05-27', lastDate: '2021-05-27', articleCount: 1, outlets: ['Test Outlet'], keyEntities: ['Maria Zakharova'] }],
    storylines: [{ id: 'sl_1', label: 'Border', firstDate: '2021-05-27', lastDate: '2021-05-27', keyEntities: ['Maria Zakharova'] }],
    eventMerges: [],
    history: [{ eventId, action: 'create', detail: `created for ${id}` }],
    provenance: { kind: 'original', of: null, edges: [] },
    clusterDoc: { id, title: `Title ${id}`, text, publishedAt: w.article.publishedAt, entities: ['Maria Zakharova'], places: [], outlet: w.article.outlet },
    clusterSnapshot: { version: 'test', n: 1 },
    at: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

describe.skipIf(!HAVE_PG)('PostgresStore: ingest-service port', () => {
  beforeAll(async () => {
    store = await openPostgresStore({ url: PG_URL, schema, now: () => '2026-01-01T00:00:00Z' });
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  it('commits a bundle and answers the deciding reads', async () => {
    const b = bundle('p1', 'Maria Zakharova said we are ready to help with the border, in Moscow on Thursday.', 'ev_1');
    expect(await store.withIngestLock(() => store.commit(b))).toEqual({ status: 'stored', source: 'test:p1', articleId: 'p1' });
    expect(await store.findDuplicate(b.article.contentHash, null)).toEqual({ articleId: 'p1', reason: 'duplicate-content' });
    expect(await store.findDuplicate('nope', b.article.url)).toEqual({ articleId: 'p1', reason: 'duplicate-url' });
    expect(await store.findDuplicate('nope', 'https://elsewhere.example/')).toBeNull();
    expect(await store.allFingerprints()).toEqual([{ id: 'p1', simhash: b.article.simhash }]);
    const head = await store.clusterHead();
    expect(await store.loadClusterState()).toEqual({ snapshot: { version: 'test', n: 1 }, seq: head, settledSeq: 0 });
    expect((await store.clusterLog(head - 1, 10)).map((e) => [e.doc.id, e.doc.text, e.eventId])).toEqual([['p1', b.article.text, 'ev_1']]);
    expect(await store.entitiesByKeys(['PERSON:maria zakharova'])).toEqual([b.entities[0]?.entity]);
    const st = await store.statementsBySpeakers(['ent_zakharova']);
    expect(st[0]).toMatchObject({ id: 'st_ready', renderings: ['we are ready to help'] });
    expect((await store.eventArticles(['ev_1'])).map((a) => a.id)).toEqual(['p1']);
    expect((await store.articleById('p1'))?.entities[0]?.entityId).toBe('ent_zakharova');
    const ev = await store.getEvent('ev_1');
    expect(ev).toMatchObject({ label: 'Border talks', articleCount: 1, history: [{ action: 'create' }] });
    expect((await store.getEntity('Zakharova'))?.id).toBe('ent_zakharova');
  });

  it('applies event merges: articles move, the old event answers with the new one', async () => {
    const b = bundle('p2', 'A second text about the same briefing with different words and a later date.', 'ev_2', {
      eventMerges: [{ from: 'ev_1', into: 'ev_2', reason: 'same happening' }],
      events: [{ id: 'ev_2', storylineId: 'sl_1', label: 'Merged', summary: 'S', firstDate: '2021-05-27', lastDate: '2021-05-28', articleCount: 2, outlets: ['Test Outlet'], keyEntities: [] }],
      statements: [],
      quoteStatements: [{ statementId: 'st_ready', match: 'verbatim' }],
    });
    await store.withIngestLock(() => store.commit(b));
    expect((await store.getEvent('ev_1'))?.id).toBe('ev_2');
    expect((await store.getEvent('ev_2'))?.articles.map((a) => a.id).sort()).toEqual(['p1', 'p2']);
    expect((await store.listStatements())[0]?.renderings.map((r) => r.match)).toEqual(['first', 'verbatim']);
    // Two articles quote the same words: the ingest service compares a new quote with that text once.
    expect((await store.statementsBySpeakers(['ent_zakharova']))[0]?.renderings).toEqual(['we are ready to help']);
  });

  it('answers the cross-speaker look-ups as SQLite does: search ids in search order, statements of articles', async () => {
    for (const q of ['ready to help', 'border', 'different words', 'no such words here', '', 'AND OR "']) {
      for (const limit of [1, 2, 10]) expect(await store.searchArticleIds(q, limit)).toEqual((await store.search(q, { limit })).hits.map((h) => h.article.id));
    }
    expect((await store.searchArticleIds('title', 10)).sort()).toEqual(['p1', 'p2']);
    expect((await store.statementsOfArticles(['p2', 'p1'])).map((s) => [s.id, s.renderings])).toEqual([['st_ready', ['we are ready to help']]]);
    expect(await store.statementsOfArticles(['nope'])).toEqual([]);
  });

  it('the ingest lock is exclusive across store instances and re-entrant within one call chain', async () => {
    const other = await openPostgresStore({ url: PG_URL, schema });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first = store.withIngestLock(async () => {
      order.push('a-in');
      await store.withIngestLock(async () => void order.push('a-nested')); // re-entrant: no deadlock
      await gate;
      order.push('a-out');
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = other.withIngestLock(async () => void order.push('b'));
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(['a-in', 'a-nested']); // b waits for a
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a-in', 'a-nested', 'a-out', 'b']);
    await other.close();
  });

  it('records an idempotency key atomically with the write', async () => {
    const out = await store.withIngestKey('job:x', () => store.reject('x.html', 'too-short'));
    const dup = await store.withIngestKey('job:y', () => store.duplicate('copy.html', 'p1' as ArticleId, 'duplicate-content'));
    expect(await store.outcomesFor(['job:x', 'job:never', 'job:y'])).toEqual(new Map([['job:x', out], ['job:y', dup]]));
  });
});
