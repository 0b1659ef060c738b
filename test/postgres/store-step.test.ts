/**
 * The worker's store step with two workers on one store: one storer at a time
 * (`tryHold` is `busy` for the other), a worker that has not seen the storer's
 * articles is sent to catch up without the lock (`behind`) when it would
 * replay more than a few entries under it, and whoever stores decides on
 * every earlier article: each story is one event, and the events are those
 * one clusterer makes over the commit order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { storeStep, type StoreItem } from '../../src/queue/store-step.js';
import { enrichStep, extractStep } from '../../src/queue/analysis-steps.js';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';
import { STORED_CLUSTERER } from '../../src/pipeline/event-records.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';
import { storyOfSource, syntheticDocs } from './synthetic-corpus.js';

const schema = freshSchemaName('step');
const NOW = () => new Date('2026-01-01T00:00:00Z');
let one: PostgresStore;
let two: PostgresStore;

/** 12 stories × 13 articles, analysed, interleaved so every batch touches many stories. */
function items(): StoreItem[] {
  const docs = syntheticDocs(12, 13);
  const out: StoreItem[] = [];
  for (const [i, doc] of docs.map((d, i, all) => [i, all[(i * 7) % all.length]!] as const)) {
    const x = extractStep(doc);
    if (!x.ok) throw new Error(`synthetic doc ${i} not extracted: ${x.reason}`);
    out.push({ key: doc.source, raw: doc, article: enrichStep(doc, x.value) });
  }
  return out;
}

describe.skipIf(!HAVE_PG)("the worker's store step: one storer at a time", () => {
  beforeAll(async () => {
    one = await openPostgresStore({ url: PG_URL, schema });
    two = await openPostgresStore({ url: PG_URL, schema });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await dropSchema(schema);
  });

  it('busy while another holds, behind until caught up, and every decision sees every earlier article', async () => {
    const all = items();
    expect(all).toHaveLength(156);
    const a = storeStep(one, { now: NOW });
    const b = storeStep(two, { now: NOW });

    // A fresh step has no clusterer yet: it opens one without the lock first.
    expect(await a.tryHold(async () => 'never')).toEqual({ status: 'behind', entries: 0 });
    await a.catchUp();
    const first = await a.tryHold(async (store) => {
      // While a holds the lock, b is told so at once (and does not run).
      expect(await b.tryHold(async () => 'never')).toEqual({ status: 'busy' });
      return store(all.slice(0, 70));
    });
    expect(first.status).toBe('held');
    expect(first.status === 'held' && first.value.every((o) => o.status === 'stored')).toBe(true);

    // b has seen none of them: 70 entries are more than it may replay under the lock.
    expect(await b.tryHold(async () => 'never')).toEqual({ status: 'behind', entries: 70 });
    await b.catchUp();
    const second = await b.tryHold((store) => store(all.slice(70, 140)));
    expect(second.status === 'held' && second.value.every((o) => o.status === 'stored')).toBe(true);

    // a is now 70 behind as well: it catches up, then stores ten.
    expect(await a.tryHold(async () => 'never')).toEqual({ status: 'behind', entries: 70 });
    await a.catchUp();
    expect((await a.tryHold((store) => store(all.slice(140, 150)))).status).toBe('held');
    // b is 10 behind, and a 1 behind after that: few enough to replay under the lock.
    expect((await b.tryHold((store) => store(all.slice(150, 151)))).status).toBe('held');
    expect((await a.tryHold((store) => store(all.slice(151)))).status).toBe('held');

    // Every story is one event, and the events are those of one clusterer over the commit order.
    const rows = (await one.pool.query<{ id: string; source: string; event_id: string }>('SELECT id, source, event_id FROM articles')).rows;
    expect(rows).toHaveLength(156);
    const clusterer = new EventClusterer(STORED_CLUSTERER);
    const eventOf = new Map<string, string>();
    for (const e of await one.clusterLog(0, 1000)) {
      const r = clusterer.assign(e.doc);
      eventOf.set(e.doc.id, r.eventId);
      for (const m of r.merged ?? []) if (m.from.startsWith('ev-')) for (const [id, ev] of eventOf) if (ev === m.from) eventOf.set(id, m.into);
    }
    expect(rows.filter((r) => eventOf.get(r.id) !== r.event_id).map((r) => r.source)).toEqual([]);
    const eventsOfStory = new Map<number, Set<string>>();
    for (const r of rows) eventsOfStory.set(storyOfSource(r.source), (eventsOfStory.get(storyOfSource(r.source)) ?? new Set()).add(r.event_id));
    expect(eventsOfStory.size).toBe(12);
    expect([...eventsOfStory.values()].map((s) => s.size)).toEqual(Array(12).fill(1));
  }, 120_000);
});
