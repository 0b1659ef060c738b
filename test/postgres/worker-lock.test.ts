/**
 * A worker keeps the ingest lock while it is the storer, but a writer that
 * waits for the lock (`storyline ingest`, settle, an entity edit) gets it
 * after the worker's current batch or poll, not after the whole hold; and a
 * stopped worker lets it go.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/pipeline-worker.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('wlock');
const queueSchema = `${schema}_q`;

describe.skipIf(!HAVE_PG)('a storing worker and a waiting writer', () => {
  afterAll(async () => {
    for (const s of [schema, queueSchema]) await dropSchema(s).catch(() => undefined);
  });

  it('the waiting writer goes first; the worker takes the lock back after it', async () => {
    // A hold of a minute: without the hand-over the writer would wait that long.
    const worker = await runWorker({ db: PG_URL, schema, queueSchema, idleMs: 100, holdMs: 60_000 });
    const writer = await openPostgresStore({ url: PG_URL, schema });
    try {
      // The worker becomes the storer (its queue is empty: it holds the lock and polls).
      let busy = false;
      for (let i = 0; i < 200 && !busy; i++) {
        busy = (await writer.tryIngestLock(async () => undefined)).held === false;
        if (!busy) await new Promise((r) => setTimeout(r, 50));
      }
      expect(busy).toBe(true);
      const t0 = performance.now();
      expect(await writer.withIngestLock(async () => 'mine')).toBe('mine');
      expect(performance.now() - t0).toBeLessThan(10_000);
      // And the worker is the storer again afterwards.
      let again = false;
      for (let i = 0; i < 200 && !again; i++) {
        again = (await writer.tryIngestLock(async () => undefined)).held === false;
        if (!again) await new Promise((r) => setTimeout(r, 50));
      }
      expect(again).toBe(true);
    } finally {
      await worker.stop();
    }
    // Stopped: the lock is free.
    expect(await writer.tryIngestLock(async () => 'free')).toEqual({ held: true, value: 'free' });
    await writer.close();
  }, 60_000);
});
