/**
 * The places' handover from the analysis step to the store step: a cluster job
 * carries what the analysis step's place resolver collected (`places`), and
 * the storer scores the outlet's reading from it instead of collecting again.
 * A job row is data: jobs queued before the handover (no `places`) and jobs
 * whose `places` is malformed are stored with the same decisions as jobs with
 * good evidence, and a malformed handover never fails a job.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/model/types.js';
import { placeEvidence, type PlaceEvidence } from '../../src/enrich/places/place-resolver.js';
import { enqueueDocuments, jobId, QUEUES, startBoss, type ClusterJob } from '../../src/queue/job-queue.js';
import { enrichStep, extractStep } from '../../src/queue/analysis-steps.js';
import { outcomeKey, placeEvidenceOf } from '../../src/queue/store-step.js';
import { runWorker } from '../../src/queue/pipeline-worker.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { pgDigest } from './pg-digest.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';
import { syntheticDocs } from './synthetic-corpus.js';

/** 5 stories × 7 articles, outlets `Outlet 0..6`: from the fourth story on, each outlet has a place profile (prior). */
const docs = syntheticDocs(5, 7);

function analysed(doc: RawDocument) {
  const x = extractStep(doc);
  if (!x.ok) throw new Error(`not extracted: ${doc.source}`);
  const article = enrichStep(doc, x.value);
  return { article, places: placeEvidence(article.text, article.entities, article.dateline) };
}

/** Handovers that are not evidence for the article, each with what would go wrong if the resolver took it as is. */
function malformed(ev: PlaceEvidence, i: number): unknown {
  const variants: unknown[] = [
    'evidence',
    42,
    [],
    { ...ev, names: ev.names.map(() => 42) }, // placeKey(42) throws
    { ...ev, demonyms: 'Armenian' }, // the scorer reads d.country of each character
    { ...ev, demonyms: [{ start: 0, end: 3, text: ev.demonyms[0]?.text ?? 'x', country: {} }] },
    { ...ev, spans: ev.spans.map(String) },
    { ...ev, spans: ev.spans.map((s, k) => (k % 5 === 0 ? s + 1e9 : s)) },
    { ...ev, places: ev.places.map((p) => p + 1e7) },
    { ...ev, places: ev.places.slice(1) },
    { ...ev, spans: ev.spans.slice(0, -1) },
    { ...ev, length: ev.length + 1 },
    { ...ev, rows: 'all' },
    { ...ev, dateline: 1e15 },
    { ...ev, names: null },
    JSON.parse('{"__proto__": {"rows": 1}}'),
  ];
  return variants[i % variants.length];
}

describe('placeEvidenceOf (a job row is data)', () => {
  it('takes the analysis step’s evidence back from its JSON, and nothing malformed', () => {
    for (const doc of docs.slice(0, 7)) {
      const { article, places } = analysed(doc);
      expect(places.spans.length).toBeGreaterThan(0);
      expect(placeEvidenceOf(JSON.parse(JSON.stringify(places)), article.text)).toEqual(places);
      // Another article's evidence does not fit this text.
      expect(placeEvidenceOf(places, `${article.text} `)).toBeUndefined();
      for (let i = 0; i < 16; i++) expect(placeEvidenceOf(JSON.parse(JSON.stringify(malformed(places, i))), article.text)).toBeUndefined();
      expect(placeEvidenceOf(undefined, article.text)).toBeUndefined();
      expect(placeEvidenceOf(null, article.text)).toBeUndefined();
    }
  });
});

describe.skipIf(!HAVE_PG)('the places handed over in the store step’s jobs', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });

  /** Queues one cluster job per document (in one insert: one queue order) with `places` as `handover` makes it, lets a worker store them, and returns the store's digest. */
  async function storedDigest(tag: string, handover: (ev: PlaceEvidence, i: number) => unknown, extra?: RawDocument): Promise<{ digest: string; failed: number; jobPlaces: unknown; jobText: unknown }> {
    const schema = freshSchemaName(`ph_${tag}`);
    const queueSchema = `${schema}_q`;
    schemas.push(schema, queueSchema);
    const store = await openPostgresStore({ url: PG_URL, schema });
    const boss = await startBoss({ db: PG_URL, queueSchema }, { retryLimit: 0 });
    try {
      await boss.insert(
        docs.map((doc, i) => {
          const { article, places } = analysed(doc);
          const h = handover(places, i);
          const data = { key: doc.source, doc, article, ...(h === undefined ? {} : { places: h }) } as ClusterJob;
          return { id: jobId('cluster', doc.source), name: QUEUES.cluster, data, deadLetter: QUEUES.dead };
        }),
      );
      const keys = docs.map((d) => outcomeKey(d.source));
      const w = await runWorker({ db: PG_URL, schema, queueSchema, idleMs: 50, holdMs: 500, retryLimit: 0, only: ['cluster'] });
      try {
        const t0 = Date.now();
        while ((await store.outcomesFor(keys)).size < keys.length && Date.now() - t0 < 90_000) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await w.stop();
      }
      const failed = (await store.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE state = 'failed' OR name = $1`, [QUEUES.dead])).rows[0]!.n;
      const digest = await pgDigest(store.pool, schema);
      let jobPlaces: unknown = null;
      let jobText: unknown = null;
      if (extra !== undefined) {
        // A page analysed by a worker: its store-step job carries the evidence, and it fits.
        await enqueueDocuments(boss, [extra]);
        const w2 = await runWorker({ db: PG_URL, schema, queueSchema, idleMs: 50, holdMs: 500, only: ['extract'] });
        try {
          const t0 = Date.now();
          const job = async () =>
            (await store.pool.query<{ places: unknown; text: unknown }>(`SELECT data->'places' AS places, data->'article'->'text' AS text FROM "${queueSchema}".job WHERE id = $1`, [jobId('cluster', extra.source)])).rows[0];
          while ((await job()) === undefined && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
          const row = await job();
          jobPlaces = row?.places ?? null;
          jobText = row?.text ?? null;
        } finally {
          await w2.stop();
        }
      }
      return { digest, failed, jobPlaces, jobText };
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await store.close();
    }
  }

  it('old-form jobs (no places) and jobs with malformed places are stored with the same decisions as jobs with good places', async () => {
    const good = await storedDigest('good', (ev) => ev);
    const old = await storedDigest('old', () => undefined, { ...syntheticDocs(6, 1)[5]!, source: 'extra' });
    const bad = await storedDigest('bad', malformed);
    for (const r of [good, old, bad]) expect(r.failed).toBe(0);
    expect(good.digest).toMatch(/^[0-9a-f]{16} /);
    expect(old.digest).toBe(good.digest);
    expect(bad.digest).toBe(good.digest);
    // The places are what is compared: the synthetic articles have some.
    expect(good.digest).not.toContain('places=4f53cda1'); // sha256('[]')
    expect(typeof old.jobText).toBe('string');
    const handed = placeEvidenceOf(old.jobPlaces, old.jobText as string);
    expect(handed).toBeDefined();
    expect(handed!.spans.length).toBeGreaterThan(0);
  }, 300_000);
});
