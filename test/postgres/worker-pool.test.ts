/**
 * Acceptance: three worker processes on one queue, a few thousand articles,
 * one worker SIGKILLed mid-job. Every article must end up stored exactly
 * once, clustered consistently, and no job lost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { enqueueDocuments, queueCounts, startBoss, QUEUES } from '../../src/queue/job-queue.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';
import { syntheticDocs } from './synthetic-corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const STORIES = 100;
const PER_STORY = 20;
const N = STORIES * PER_STORY;
const schema = freshSchemaName('workers');
const queueSchema = `${schema}_q`;
const children: ChildProcess[] = [];
const svcSchema = freshSchemaName('svc');

function startWorker(env: Record<string, string> = { WORKER_SCHEMA: schema, WORKER_QUEUE_SCHEMA: queueSchema }): Promise<ChildProcess> {
  const child = fork(path.join(here, 'worker-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, WORKER_DB: PG_URL, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!HAVE_PG)('worker pool on PostgreSQL (pg-boss)', () => {
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const sc of [schema, queueSchema, svcSchema, `${svcSchema}_q`]) await dropSchema(sc).catch(() => undefined);
  });

  it('three workers, one SIGKILLed mid-job: every article stored once, clustered, no job lost', async () => {
    const boss = await startBoss({ db: PG_URL, queueSchema }, { expireInSeconds: 4, retryDelaySeconds: 1 });
    const docs = syntheticDocs(STORIES, PER_STORY);
    expect(await enqueueDocuments(boss, docs)).toBe(N);
    // Enqueueing the same inputs again inserts nothing (job ids are fixed by the input).
    await enqueueDocuments(boss, docs.slice(0, 50));

    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    const stored = async (): Promise<number> => {
      try {
        const r = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".articles`);
        return Number(r.rows[0]?.n ?? 0);
      } catch {
        return 0; // the store's tables appear when the first worker starts
      }
    };
    try {
      const workers = await Promise.all([startWorker(), startWorker(), startWorker()]);
      // Kill one worker while work is in full flow.
      const t0 = Date.now();
      while ((await stored()) < N * 0.25 && Date.now() - t0 < 60_000) await sleep(100);
      const victim = workers[0] as ChildProcess;
      victim.kill('SIGKILL');
      const killedAt = await stored();
      expect(killedAt).toBeLessThan(N); // it died before the end

      // Wait for the queue to drain: nothing created, retrying or active.
      const deadline = Date.now() + 180_000;
      let pending = Infinity;
      while (Date.now() < deadline) {
        const counts = await queueCounts(boss, queueSchema);
        pending = Object.entries(counts)
          .filter(([k]) => /:(created|retry|active)$/.test(k))
          .reduce((s, [, v]) => s + v, 0);
        if (pending === 0 && (await stored()) === N) break;
        await sleep(250);
      }
      expect(pending).toBe(0);

      const q = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? -1);
      expect(await stored()).toBe(N);
      expect(await q(`SELECT count(DISTINCT source) AS n FROM "${schema}".articles`)).toBe(N);
      // Exactly one outcome per input: no second "stored" or "duplicate" row from a re-run step.
      expect(await q(`SELECT count(*) AS n FROM "${schema}".inputs`)).toBe(N);
      expect(await q(`SELECT count(*) AS n FROM "${schema}".inputs WHERE status = 'stored'`)).toBe(N);
      // Clustered, consistently: every article has an event and each story has exactly one.
      expect(await q(`SELECT count(*) AS n FROM "${schema}".articles WHERE event_id IS NULL`)).toBe(0);
      expect(await q(`SELECT count(DISTINCT event_id) AS n FROM "${schema}".articles`)).toBe(STORIES);
      expect(await q(`SELECT count(*) AS n FROM (SELECT substring(title from 'story[0-9]+') AS s FROM "${schema}".articles GROUP BY 1 HAVING count(DISTINCT event_id) > 1) x`)).toBe(0);
      expect(await q(`SELECT coalesce(sum(article_count), 0) AS n FROM "${schema}".events WHERE merged_into IS NULL`)).toBe(N);
      // No job lost: every step completed once per input, nothing dead-lettered.
      const counts = await queueCounts(boss, queueSchema);
      for (const step of ['extract', 'enrich', 'cluster'] as const) expect(counts[`${QUEUES[step]}:completed`]).toBe(N);
      expect(counts[`${QUEUES.dead}:created`] ?? 0).toBe(0);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await db.end();
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  }, 300_000);

  it('through the project ingest service: two workers store every input exactly once', async () => {
    const qs = `${svcSchema}_q`;
    const boss = await startBoss({ db: PG_URL, queueSchema: qs }, { expireInSeconds: 4, retryDelaySeconds: 1 });
    const docs = syntheticDocs(10, 20);
    await enqueueDocuments(boss, docs);
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    const q = async (sql: string): Promise<number> => {
      try {
        return Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? -1);
      } catch {
        return -1;
      }
    };
    try {
      const env = { WORKER_SCHEMA: svcSchema, WORKER_QUEUE_SCHEMA: qs, WORKER_INGEST: 'service' };
      await Promise.all([startWorker(env), startWorker(env)]);
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && (await q(`SELECT count(*) AS n FROM "${svcSchema}".inputs`)) < docs.length) await sleep(250);
      expect(await q(`SELECT count(*) AS n FROM "${svcSchema}".inputs`)).toBe(docs.length);
      expect(await q(`SELECT count(DISTINCT source) AS n FROM "${svcSchema}".inputs`)).toBe(docs.length);
      const stored = await q(`SELECT count(*) AS n FROM "${svcSchema}".articles`);
      expect(stored).toBe(await q(`SELECT count(*) AS n FROM "${svcSchema}".inputs WHERE status = 'stored'`));
      expect(stored).toBeGreaterThan(docs.length * 0.9);
      expect(await q(`SELECT count(*) AS n FROM "${svcSchema}".articles WHERE event_id IS NULL`)).toBe(0);
      expect(await q(`SELECT coalesce(sum(article_count), 0) AS n FROM "${svcSchema}".events WHERE merged_into IS NULL`)).toBe(stored);
      // pg-boss marks a job completed just after its handler's commit: wait for the queue to catch up.
      let counts = await queueCounts(boss, qs);
      while (Date.now() < deadline && (counts[`${QUEUES.cluster}:completed`] ?? 0) < docs.length) {
        await sleep(250);
        counts = await queueCounts(boss, qs);
      }
      expect(counts[`${QUEUES.cluster}:completed`]).toBe(docs.length);
      expect(counts[`${QUEUES.dead}:created`] ?? 0).toBe(0);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await db.end();
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  }, 200_000);
});
