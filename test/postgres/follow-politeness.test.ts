/**
 * `storyline follow` on PostgreSQL takes its turns at a host from the same `fetch_hosts` rows as the workers' fetch
 * jobs. A follower (this process, `runFollow` on the store's pool, its pages queued for the workers) and a
 * `storyline worker` process (fetch jobs) fetch from one local host at the same time. As the server's own request
 * log sees it: no request comes sooner than the gap after the previous one ended, whether the two were the
 * follower's, the worker's or one of each; robots.txt is requested once for both; a disallowed page is requested by
 * neither and is stored as a rejection with the same reason code by each. Then the real binary: `storyline follow
 * --queue --once` against a PostgreSQL database of its own leaves the host's turn and robots.txt in `fetch_hosts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { enqueueForWorkers, runFollow, type FollowSummary } from '../../src/feeds/follow.js';
import type { PollEvent } from '../../src/feeds/feed-poller.js';
import { enqueueUrls, startBoss } from '../../src/queue/job-queue.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { rss2 } from '../feeds/feed-samples.js';
import { startTestServer, type TestServer } from '../fetch/test-server.js';
import { BIN } from '../e2e/cli-helpers.js';
import { startPoliteWorker } from './polite-worker.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('follow_polite');
const queueSchema = `${schema}_q`;
const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-follow-polite-'));
const GAP_MS = 300;
const WORKER_PAGES = 4;
const FEED_ITEMS = 3;
let server: TestServer;
let worker: ChildProcess | null = null;
/**
 * The server's own log (ms, this process's monotonic clock): path, arrival of the request, and when the response was
 * handed to the socket (`sent`: its end reaches the client no sooner, so a wait measured from it is never longer
 * than the real one).
 */
const log: { path: string; at: number; sent: number }[] = [];

const page = (title: string): string =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'A paragraph of news text about the harbour and the port authority. '.repeat(20)}</p></article></body></html>`;

function logged(p: string, type: string, body: () => string): void {
  server.route(p, (_req, res) => {
    const at = performance.now();
    const text = body();
    log.push({ path: p, at, sent: performance.now() });
    res.writeHead(200, { 'content-type': type }).end(text);
  });
}

/** Who made a request, by its path: the follower polls /feed.xml and fetches /story/*, the worker /news/*. */
const party = (p: string): 'follow' | 'worker' | 'robots' => (p === '/robots.txt' ? 'robots' : p.startsWith('/news/') ? 'worker' : 'follow');

describe.skipIf(!HAVE_PG)('follow on PostgreSQL shares per-host politeness with the workers', () => {
  beforeAll(async () => {
    server = await startTestServer();
    logged('/robots.txt', 'text/plain', () => 'User-agent: *\nDisallow: /private/\n');
    const items = [
      ...Array.from({ length: FEED_ITEMS }, (_, i) => ({ id: `s${i}`, link: `${server.origin}/story/${i}`, title: `Story ${i}` })),
      { id: 'memo', link: `${server.origin}/private/feed-memo`, title: 'Memo' },
    ];
    logged('/feed.xml', 'application/rss+xml', () => rss2(items));
    for (let i = 0; i < FEED_ITEMS; i++) logged(`/story/${i}`, 'text/html; charset=utf-8', () => page(`Story ${i}`));
    for (let i = 0; i < WORKER_PAGES; i++) logged(`/news/${i}`, 'text/html; charset=utf-8', () => page(`News ${i}`));
    for (const p of ['/private/feed-memo', '/private/job-memo']) logged(p, 'text/html; charset=utf-8', () => page('Private'));
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await server?.close();
    for (const s of [schema, queueSchema]) await dropSchema(s).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('spaces a follower and a worker by the host gap, with one robots.txt and the same refusal', async () => {
    // The store's tables (fetch_hosts among them) and the queues exist before the worker starts.
    const store = await openPostgresStore({ url: PG_URL, schema });
    const boss = await startBoss({ db: PG_URL, queueSchema });
    const allowHosts = [`127.0.0.1:${server.port}`];
    try {
      worker = await startPoliteWorker({ db: PG_URL, schema, queueSchema, only: ['fetch'], concurrency: 4, idleMs: 50, hostGapMs: GAP_MS, hostWaitMs: 1000, fetchPolicy: { allowHosts } });
      const jobs = [...Array.from({ length: WORKER_PAGES }, (_, i) => `${server.origin}/news/${i}`), `${server.origin}/private/job-memo`];
      await enqueueUrls(boss, jobs.map((url) => ({ url })));

      // The follower starts while the worker takes its jobs: both want the host at once.
      const events: PollEvent[] = [];
      const followStart = performance.now();
      const summary: FollowSummary = await runFollow({
        sources: [{ outlet: 'Harbour Wire', feeds: [`${server.origin}/feed.xml`], language: 'en', intervalSeconds: 60 }],
        ingest: enqueueForWorkers(boss),
        reject: (source, reason, detail) => store.reject(source, reason, detail ?? undefined),
        memoryFile: path.join(tmp, 'follow.feeds.json'),
        signal: new AbortController().signal,
        once: true,
        policy: { allowHosts },
        hostGapMs: GAP_MS,
        sharedHosts: store.pool,
        log: (e) => events.push(e),
      });
      const followEnd = performance.now();
      expect(summary).toMatchObject({ rounds: 1, polled: 1, failed: 0, newItems: FEED_ITEMS, itemErrors: 1 });
      expect(events).toContainEqual({ kind: 'item-error', feedUrl: `${server.origin}/feed.xml`, itemUrl: `${server.origin}/private/feed-memo`, reason: 'fetch-robots-disallowed', detail: null });

      // Wait for the worker's jobs: its pages queued for analysis, its disallowed URL stored as a rejection.
      const db = new pg.Client({ connectionString: PG_URL });
      await db.connect();
      let extracts = 0;
      let rejected: { source: string; status: string; reason: string | null }[] = [];
      try {
        for (let i = 0; i < 240 && (extracts < WORKER_PAGES + FEED_ITEMS || rejected.length < 2); i++) {
          await new Promise((r) => setTimeout(r, 250));
          extracts = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${queueSchema}".job WHERE name = 'storyline-extract'`)).rows[0]?.n ?? 0);
          rejected = (await db.query<{ source: string; status: string; reason: string | null }>(`SELECT source, status, reason FROM "${schema}".inputs ORDER BY source`)).rows;
        }
      } finally {
        await db.end();
      }
      expect(extracts).toBe(WORKER_PAGES + FEED_ITEMS);
      // The disallowed pages: refused by the follower and by the worker with the same reason code, and never requested.
      expect(rejected).toEqual([
        { source: `${server.origin}/private/feed-memo`, status: 'rejected', reason: 'fetch-robots-disallowed' },
        { source: `${server.origin}/private/job-memo`, status: 'rejected', reason: 'fetch-robots-disallowed' },
      ]);
      expect(server.hits('/private/feed-memo') + server.hits('/private/job-memo')).toBe(0);

      // robots.txt once for both, before any other request; then every page once.
      expect(server.hits('/robots.txt')).toBe(1);
      expect(log[0]!.path).toBe('/robots.txt');
      expect(log.length).toBe(1 + 1 + FEED_ITEMS + WORKER_PAGES);
      // The two fetched side by side: the follower ran while the worker was fetching, and the host passed from one
      // to the other (how often depends on who asks first when the host is free).
      const work = log.filter((e) => party(e.path) === 'worker');
      expect(followStart).toBeLessThan(work.at(-1)!.at);
      expect(work[0]!.at).toBeLessThan(followEnd);
      const handovers = log.slice(1).filter((e, i) => party(e.path) !== party(log[i]!.path) && party(log[i]!.path) !== 'robots');
      expect(handovers.length).toBeGreaterThanOrEqual(1);
      // As the server saw it: every request starts at least a gap after the previous one ended, whoever made them
      // (1 ms for the two clocks: the gap is counted on the database's).
      const waits = log.slice(1).map((e, i) => e.at - log[i]!.sent);
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(GAP_MS - 1);
      console.log(
        `[follow-politeness] ${log.length} requests, order ${log.map((e) => party(e.path)[0]).join('')}, ${handovers.length} handovers between follower and worker, ` +
          `least wait after a response ${Math.round(Math.min(...waits))} ms (gap ${GAP_MS} ms)`,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await store.close();
    }
  }, 180_000);

  it('storyline follow --db postgres://… keeps its host turns and robots.txt in fetch_hosts', async () => {
    // The CLI keeps its tables in the public schema and the queue in pgboss: a database of its own for this test.
    const dbName = `storyline_follow_polite_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    try {
      const help = spawnSync(process.execPath, [BIN, 'follow', '--help'], { encoding: 'utf8' });
      expect(help.stdout).toContain('--host-gap');
      expect(help.stdout).toMatch(/With a PostgreSQL store .* the hosts' turns\s+and robots\.txt are kept in the store/);
      const before = log.length;
      // In a directory of its own: on PostgreSQL the follower keeps what it has seen in ./storyline.feeds.json.
      const args = ['follow', '--queue', '--once', '--allow-private', '--host-gap', '200ms', '--db', u.toString(), `${server.origin}/feed.xml`];
      const child = spawn(process.execPath, [BIN, ...args], { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const status = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
      // One refused item (the disallowed memo): a bounded run with a refusal exits 1.
      expect(status, stderr).toBe(1);
      expect(stderr).toMatch(/item-error .*private\/feed-memo: fetch-robots-disallowed/);
      // robots.txt, the feed and its three pages, each at least --host-gap after the previous one ended.
      const run = log.slice(before);
      // (Items oldest first: the feed lists them newest first.)
      expect(run.map((e) => e.path)).toEqual(['/robots.txt', '/feed.xml', '/story/2', '/story/1', '/story/0']);
      expect(Math.min(...run.slice(1).map((e, i) => e.at - run[i]!.sent))).toBeGreaterThanOrEqual(200 - 1);
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      try {
        const rows = (await c.query<{ host: string; robots: string | null; free: boolean }>(
          `SELECT host, convert_from(robots, 'UTF8') AS robots, holder IS NULL AS free FROM fetch_hosts`,
        )).rows;
        expect(rows).toEqual([{ host: `127.0.0.1:${server.port}`, robots: 'User-agent: *\nDisallow: /private/\n', free: true }]);
        const refused = (await c.query<{ reason: string }>(`SELECT reason FROM inputs WHERE source = $1`, [`${server.origin}/private/feed-memo`])).rows;
        expect(refused).toEqual([{ reason: 'fetch-robots-disallowed' }]);
      } finally {
        await c.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }, 120_000);
});
