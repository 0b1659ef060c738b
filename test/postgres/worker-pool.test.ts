/**
 * Acceptance (issue 7): three `storyline worker` processes on one queue, a
 * few thousand articles, one worker SIGKILLed mid-job — the one storing
 * (holding the ingest lock), so that another has to take over. The workers run the
 * product's path — the project's analysis, the ingest service deciding,
 * `store.commit` writing — so what is checked is what a deployment does:
 * every input has exactly one outcome (each article stored once, each copy a
 * duplicate, each empty page a rejection), every article is clustered, the
 * clustering is the one a single clusterer makes over the commit order (no
 * worker decided on a stale view), and no job is lost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { enqueueDocuments, queueCounts, startBoss, QUEUES } from '../../src/queue/job-queue.js';
import { ingestLockKey, openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';
import { STORED_CLUSTERER } from '../../src/pipeline/event-records.js';
import type { ClusterLogEntry } from '../../src/store/store-port.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';
import { copyOf, shortDocs, storyOfSource, syntheticDocs } from './synthetic-corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const STORIES = 100;
const PER_STORY = 20;
const N = STORIES * PER_STORY;
const COPIES = 20;
const SHORT = 10;
const INPUTS = N + COPIES + SHORT;
/** Longer than a worker waits for the ingest lock with a batch in hand; a killed worker's jobs come back after it. */
const EXPIRE_SECONDS = 15;
const schema = freshSchemaName('workers');
const queueSchema = `${schema}_q`;
const children: ChildProcess[] = [];

function startWorker(i: number): Promise<ChildProcess> {
  const child = fork(path.join(here, 'worker-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    // PGAPPNAME names the store's connections (pg-boss names its own), so the test can tell which worker holds the ingest lock.
    env: { ...process.env, PGAPPNAME: `${schema}-w${i}`, WORKER_DB: PG_URL, WORKER_SCHEMA: schema, WORKER_QUEUE_SCHEMA: queueSchema, WORKER_EXPIRE: String(EXPIRE_SECONDS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Each article's event after replaying the log in commit order through one fresh clusterer (event merges followed). */
async function replayedEvents(): Promise<Map<string, string>> {
  const store = await openPostgresStore({ url: PG_URL, schema });
  try {
    const clusterer = new EventClusterer(STORED_CLUSTERER);
    const eventOf = new Map<string, string>();
    let page: ClusterLogEntry[];
    for (let after = 0; (page = await store.clusterLog(after, 1000)).length > 0; after = page.at(-1)!.seq) {
      for (const e of page) {
        const a = clusterer.assign(e.doc);
        eventOf.set(e.doc.id, a.eventId);
        for (const m of a.merged ?? []) {
          if (!m.from.startsWith('ev-')) continue;
          for (const [id, ev] of eventOf) if (ev === m.from) eventOf.set(id, m.into);
        }
      }
    }
    return eventOf;
  } finally {
    await store.close();
  }
}

/** Which worker's connection holds this schema's ingest lock (-1: none right now). */
async function lockHolder(db: pg.Client): Promise<number> {
  const key = BigInt(ingestLockKey(schema));
  const r = await db.query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1`,
    [Number(key >> 32n), Number(key & 0xffffffffn)],
  );
  const m = /-w(\d)$/.exec(r.rows[0]?.name ?? '');
  return m === null ? -1 : Number(m[1]);
}

describe.skipIf(!HAVE_PG)('worker pool on PostgreSQL (pg-boss)', () => {
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const sc of [schema, queueSchema]) await dropSchema(sc).catch(() => undefined);
  });

  it('three workers, the storing one SIGKILLed mid-job: every input once, every article clustered, no job lost', async () => {
    const boss = await startBoss({ db: PG_URL, queueSchema }, { expireInSeconds: EXPIRE_SECONDS, retryDelaySeconds: 1 });
    const originals = syntheticDocs(STORIES, PER_STORY);
    // Copies spread over the corpus, so some are taken before their original.
    const copies = Array.from({ length: COPIES }, (_, i) => copyOf(originals[(i * 97) % N]!));
    const docs = [...originals, ...shortDocs(SHORT), ...copies].map((d, i, all) => all[(i * 11) % all.length]!);
    expect(new Set(docs.map((d) => d.source)).size).toBe(INPUTS);
    expect(await enqueueDocuments(boss, docs)).toBe(INPUTS);
    // Enqueueing the same inputs again inserts nothing (job ids are fixed by the input).
    await enqueueDocuments(boss, docs.slice(0, 50));

    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    const count = async (sql: string): Promise<number> => {
      try {
        return Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? -1);
      } catch {
        return 0; // the store's tables appear when the first worker starts
      }
    };
    const outcomes = (): Promise<number> => count(`SELECT count(*) AS n FROM "${schema}".inputs`);
    try {
      const workers = await Promise.all([startWorker(0), startWorker(1), startWorker(2)]);
      // Kill the worker that is storing (it holds the ingest lock) while work is in full flow: another must take over.
      const t0 = Date.now();
      while ((await outcomes()) < INPUTS * 0.25 && Date.now() - t0 < 240_000) await sleep(100);
      let storer = -1;
      for (let i = 0; i < 100 && storer < 0; i++) {
        storer = await lockHolder(db);
        if (storer < 0) await sleep(20);
      }
      expect(storer).toBeGreaterThanOrEqual(0);
      (workers[storer] as ChildProcess).kill('SIGKILL');
      expect(await outcomes()).toBeLessThan(INPUTS); // it died before the end

      // Wait for the queue to drain: nothing created, retrying or active.
      const deadline = Date.now() + 480_000;
      let pending = Infinity;
      while (Date.now() < deadline) {
        const counts = await queueCounts(boss, queueSchema);
        pending = Object.entries(counts)
          .filter(([k]) => /:(created|retry|active)$/.test(k))
          .reduce((s, [, v]) => s + v, 0);
        if (pending === 0) break;
        await sleep(250);
      }
      expect(pending).toBe(0);

      const q = (sql: string): Promise<number> => count(sql.replaceAll('$s', `"${schema}"`));
      // Exactly one outcome per input: no second "stored" or "duplicate" row from a re-run step.
      expect(await q('SELECT count(*) AS n FROM $s.inputs')).toBe(INPUTS);
      expect(await q('SELECT count(DISTINCT source) AS n FROM $s.inputs')).toBe(INPUTS);
      expect(await q(`SELECT count(*) AS n FROM $s.inputs WHERE status = 'rejected'`)).toBe(SHORT);
      expect(await q(`SELECT count(*) AS n FROM $s.inputs WHERE status = 'duplicate' AND reason = 'duplicate-content'`)).toBe(COPIES);
      // Every article once: of each original and its copy exactly one is stored.
      expect(await q('SELECT count(*) AS n FROM $s.articles')).toBe(N);
      expect(await q(`SELECT count(*) AS n FROM $s.inputs WHERE status = 'stored'`)).toBe(N);
      expect(await q(`SELECT count(DISTINCT regexp_replace(source, '/copy$', '')) AS n FROM $s.articles`)).toBe(N);
      expect(await q('SELECT count(*) AS n FROM $s.step_outcomes')).toBe(INPUTS);
      // Each article keeps its page as queued (staged between analysis and storing), and no staged page is left.
      const pages = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}".articles a JOIN jsonb_array_elements($1::jsonb) x ON x->>0 = a.source WHERE a.raw = x->1`,
        [JSON.stringify(docs.map((d) => [d.source, d]))],
      );
      expect(Number(pages.rows[0]?.n)).toBe(N);
      expect(await q('SELECT count(*) AS n FROM $s.staged_raw')).toBe(0);

      // Clustered: every article has a live event, and the events' counts add up.
      expect(await q('SELECT count(*) AS n FROM $s.articles WHERE event_id IS NULL')).toBe(0);
      expect(await q('SELECT count(*) AS n FROM $s.articles a JOIN $s.events e ON e.id = a.event_id WHERE e.merged_into IS NULL')).toBe(N);
      expect(await q('SELECT coalesce(sum(article_count), 0) AS n FROM $s.events WHERE merged_into IS NULL')).toBe(N);
      // Consistently: the events are exactly those one clusterer makes over the commit order.
      const rows = (await db.query<{ id: string; source: string; event_id: string }>(`SELECT id, source, event_id FROM "${schema}".articles`)).rows;
      const replayed = await replayedEvents();
      expect(replayed.size).toBe(N);
      expect(rows.filter((r) => replayed.get(r.id) !== r.event_id).map((r) => r.source)).toEqual([]);
      // And they are the stories: the corpus is written so that each story is one event.
      const eventsOfStory = new Map<number, Set<string>>();
      const storiesOfEvent = new Map<string, Set<number>>();
      for (const r of rows) {
        const s = storyOfSource(r.source);
        eventsOfStory.set(s, (eventsOfStory.get(s) ?? new Set()).add(r.event_id));
        storiesOfEvent.set(r.event_id, (storiesOfEvent.get(r.event_id) ?? new Set()).add(s));
      }
      expect(eventsOfStory.size).toBe(STORIES);
      expect([...eventsOfStory.values()].filter((e) => e.size > 1).length).toBe(0);
      expect([...storiesOfEvent.values()].filter((s) => s.size > 1).length).toBe(0);

      // No job lost: every step completed once per input that reached it, nothing dead-lettered.
      const counts = await queueCounts(boss, queueSchema);
      expect(counts[`${QUEUES.extract}:completed`]).toBe(INPUTS);
      // A page is analysed in one step (extract and enrich together): no enrich jobs.
      expect(counts[`${QUEUES.enrich}:completed`] ?? 0).toBe(0);
      expect(counts[`${QUEUES.cluster}:completed`]).toBe(N + COPIES);
      expect(counts[`${QUEUES.dead}:created`] ?? 0).toBe(0);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await db.end();
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  }, 900_000);
});
