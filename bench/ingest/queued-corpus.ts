/**
 * The benchmark corpus on a PostgreSQL queue of its own, for runs of `storyline worker` processes (the ingest
 * bench's PostgreSQL modes and test/postgres/worker-cost.ts): the documents queued at the extract step in a fresh
 * queue schema, a client to watch the store schema fill, and the clean-up.
 */
import pg from 'pg';
import type PgBoss from 'pg-boss';
import type { InputItem } from '../../src/ingest/input-reader.js';
import type { RawDocument } from '../../src/model/types.js';
import { enqueueDocuments, startBoss } from '../../src/queue/job-queue.js';

export interface QueuedCorpus {
  boss: PgBoss;
  /** A client of its own (not a worker's): for the caller's queries about the run. */
  db: pg.Client;
  schema: string;
  queueSchema: string;
  /** Inputs the workers have decided so far (stored, duplicate or rejected); 0 until the first worker made the tables. */
  outcomes(): Promise<number>;
  /** Stops the queue client and drops both schemas. */
  drop(): Promise<void>;
}

export async function queueCorpus(url: string, schema: string, items: Iterable<InputItem>): Promise<QueuedCorpus> {
  const queueSchema = `${schema}_q`;
  const boss = await startBoss({ db: url, queueSchema });
  const docs: RawDocument[] = [];
  for (const item of items) if (item.ok) docs.push(item.doc);
  await enqueueDocuments(boss, docs);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return {
    boss,
    db,
    schema,
    queueSchema,
    async outcomes() {
      try {
        return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".inputs`)).rows[0]?.n ?? 0);
      } catch {
        return 0; // the tables appear when the first worker starts
      }
    },
    async drop() {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.query(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
      await db.end();
    },
  };
}
