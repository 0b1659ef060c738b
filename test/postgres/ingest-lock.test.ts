/**
 * What a worker's store step relies on besides `withIngestLock`: taking the
 * lock only when it is free (`tryIngestLock`), seeing that a writer waits
 * for it (`ingestLockWaited`), replaying the cluster log without the lock in
 * one snapshot (`withReadSnapshot`), and refusing to commit once the lock's
 * connection is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { INGEST_LOCK, ingestLockKey, openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { IngestBundle } from '../../src/store/store-port.js';
import { makeWrite } from './article-factory.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('lock');
let store: PostgresStore;
let other: PostgresStore;

function bundle(id: string): IngestBundle {
  const text = `Article ${id} reports that the harbour bridge in Tallinn reopened on Monday after repairs.`;
  const w = makeWrite({ id, title: `Title ${id}`, text });
  return {
    raw: w.raw,
    article: w.article,
    entities: [],
    quoteStatements: [],
    statements: [],
    eventId: `ev_${id}`,
    membership: 'test',
    events: [{ id: `ev_${id}`, storylineId: `sl_${id}`, label: id, summary: 'S', firstDate: '2021-05-27', lastDate: '2021-05-27', articleCount: 1, outlets: [], keyEntities: [] }],
    storylines: [{ id: `sl_${id}`, label: id, firstDate: '2021-05-27', lastDate: '2021-05-27', keyEntities: [] }],
    eventMerges: [],
    history: [],
    provenance: { kind: 'original', of: null, edges: [] },
    clusterDoc: { id, title: `Title ${id}`, text, publishedAt: w.article.publishedAt, entities: [], places: [], outlet: w.article.outlet },
    at: '2026-01-01T00:00:00Z',
  };
}

/** The backend holding the ingest lock (a bigint advisory key is classid = high 32 bits, objid = low 32 bits). */
async function lockHolderPid(db: pg.Client, lockKey: number): Promise<number | null> {
  const key = BigInt(lockKey);
  const r = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [Number(key >> 32n), Number(key & 0xffffffffn)],
  );
  return r.rows[0]?.pid ?? null;
}

describe.skipIf(!HAVE_PG)('PostgresStore: try-lock, read snapshot, lost lock', () => {
  beforeAll(async () => {
    store = await openPostgresStore({ url: PG_URL, schema });
    other = await openPostgresStore({ url: PG_URL, schema });
  });
  afterAll(async () => {
    await store?.close();
    await other?.close();
    await dropSchema(schema);
  });

  it('tryIngestLock runs only when the lock is free, and nests in a hold', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = store.tryIngestLock(async () => {
      entered();
      // Re-entrant: already held by this call chain, so it runs.
      expect(await store.tryIngestLock(async () => 'nested')).toEqual({ held: true, value: 'nested' });
      await gate;
      return 'a';
    });
    await inside;
    let ran = false;
    expect(await other.tryIngestLock(async () => void (ran = true))).toEqual({ held: false });
    expect(ran).toBe(false);
    release();
    expect(await first).toEqual({ held: true, value: 'a' });
    // Released: the other store takes it now.
    expect(await other.tryIngestLock(async () => 'b')).toEqual({ held: true, value: 'b' });
  });

  it('each schema has its own lock: stores in two schemas do not wait for each other', async () => {
    expect(ingestLockKey('public')).toBe(INGEST_LOCK);
    expect(store.lockKey).toBe(ingestLockKey(schema));
    expect(store.lockKey).not.toBe(INGEST_LOCK);
    expect(Number.isSafeInteger(store.lockKey)).toBe(true);
    const elsewhere = await openPostgresStore({ url: PG_URL, schema: `${schema}_b` });
    try {
      expect(elsewhere.lockKey).not.toBe(store.lockKey);
      const r = await store.tryIngestLock(async () => ({ here: await other.tryIngestLock(async () => 1), there: await elsewhere.tryIngestLock(async () => 2) }));
      expect(r).toEqual({ held: true, value: { here: { held: false }, there: { held: true, value: 2 } } });
    } finally {
      await elsewhere.close();
      await dropSchema(`${schema}_b`);
    }
  });

  it('ingestLockWaited tells a holder that a waiting writer wants the lock', async () => {
    expect(await store.ingestLockWaited()).toBe(false);
    let waiting: Promise<string> | null = null;
    const seen = await store.tryIngestLock(async () => {
      const alone = await store.ingestLockWaited();
      waiting = other.withIngestLock(async () => 'after');
      let waited = false;
      for (let i = 0; i < 100 && !waited; i++) {
        waited = await store.ingestLockWaited();
        if (!waited) await new Promise((r) => setTimeout(r, 20));
      }
      return { alone, waited };
    });
    expect(seen).toEqual({ held: true, value: { alone: false, waited: true } });
    expect(await waiting).toBe('after');
    expect(await store.ingestLockWaited()).toBe(false);
  });

  it('withReadSnapshot reads the cluster log as of its start while another store appends', async () => {
    await other.withIngestLock(() => other.commit(bundle('s1')));
    const before = await store.clusterHead();
    const seen = await store.withReadSnapshot(async () => {
      const head0 = await store.clusterHead();
      // Another writer appends while the snapshot is open.
      await other.withIngestLock(() => other.commit(bundle('s2')));
      const head1 = await store.clusterHead();
      const ids = (await store.clusterLog(0, 100)).map((e) => e.doc.id);
      return { head0, head1, ids };
    });
    expect(seen.head0).toBe(before);
    expect(seen.head1).toBe(before);
    expect(seen.ids).toEqual(['s1']);
    // Outside the snapshot the new entry is there.
    expect(await store.clusterHead()).toBeGreaterThan(before);
    expect((await store.clusterLog(0, 100)).map((e) => e.doc.id)).toEqual(['s1', 's2']);
  });

  it('does not commit once the lock connection is gone, and the lock is free for others', async () => {
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    try {
      const attempt = store.tryIngestLock(async () => {
        const pid = await lockHolderPid(db, store.lockKey);
        expect(pid).not.toBeNull();
        await db.query('SELECT pg_terminate_backend($1)', [pid]);
        // The lock went with its session: another store can take it while this call chain still runs.
        let got = false;
        for (let i = 0; i < 50 && !got; i++) {
          got = (await other.tryIngestLock(async () => true)).held;
          if (!got) await new Promise((r) => setTimeout(r, 20));
        }
        expect(got).toBe(true);
        for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 10)); // let the closed socket be noticed
        return store.commit(bundle('lost'));
      });
      await expect(attempt).rejects.toThrow(/lock was lost/);
      expect(await store.articleById('lost')).toBeNull();
      // The dead connection did not go back to the pool: the store still works, and takes the lock again.
      expect(await store.tryIngestLock(async () => store.clusterHead())).toMatchObject({ held: true });
    } finally {
      await db.end();
    }
  });
});
