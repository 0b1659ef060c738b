/**
 * Worker fetch jobs are polite across worker processes (issue 7): two `storyline worker` processes on one queue fetch
 * from two local hosts. As each server's own request log sees it: requests to one host never come closer than the
 * host's gap (our gap, or its robots.txt Crawl-delay when longer); robots.txt is requested once per host, not once
 * per worker; a disallowed page is never requested and is stored as a rejection with the reason `ingest <url>` gives;
 * and a slow host (long Crawl-delay, slow pages) does not hold up the other host's jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { enqueueUrls, startBoss } from '../../src/queue/job-queue.js';
import type { WorkerOptions } from '../../src/queue/pipeline-worker.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { startTestServer, type TestServer } from '../fetch/test-server.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';
import { startPoliteWorker } from './polite-worker.js';

const schema = freshSchemaName('polite');
const queueSchema = `${schema}_q`;
const GAP_MS = 300;
const SLOW_CRAWL_DELAY_S = 1.5;
const SLOW_PAGE_MS = 200;
const PAGES = 6;
const children: ChildProcess[] = [];
let slow: TestServer;
let fast: TestServer;
/** Each server's own log: path and arrival time (ms, this process's monotonic clock). */
const log = new Map<TestServer, { path: string; at: number }[]>();

const page = (title: string): string =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'A paragraph of news text about the harbour. '.repeat(20)}</p></article></body></html>`;

async function server(robots: string, pageDelayMs: number): Promise<TestServer> {
  const s = await startTestServer();
  const entries: { path: string; at: number }[] = [];
  log.set(s, entries);
  s.route('/robots.txt', (req, res) => {
    entries.push({ path: '/robots.txt', at: performance.now() });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(robots);
  });
  for (const p of [...Array.from({ length: PAGES }, (_, i) => `/news/${i}`), '/private/memo']) {
    s.route(p, (_req, res) => {
      entries.push({ path: p, at: performance.now() });
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(`Story ${p}`)), pageDelayMs);
    });
  }
  return s;
}

async function startWorker(i: number, allowHosts: string[]): Promise<ChildProcess> {
  const options: WorkerOptions = {
    db: PG_URL,
    schema,
    queueSchema,
    only: ['fetch'],
    concurrency: 4,
    idleMs: 100,
    hostGapMs: GAP_MS,
    hostWaitMs: 1000,
    fetchPolicy: { allowHosts },
  };
  const child = await startPoliteWorker(options, { PGAPPNAME: `${schema}-w${i}` });
  children.push(child);
  return child;
}

const gaps = (xs: number[]): number[] => xs.slice(1).map((x, i) => x - xs[i]!);

describe.skipIf(!HAVE_PG)('worker fetch jobs are polite across workers', () => {
  beforeAll(async () => {
    slow = await server(`User-agent: *\nCrawl-delay: ${SLOW_CRAWL_DELAY_S}\nDisallow: /private/\n`, SLOW_PAGE_MS);
    fast = await server('User-agent: *\nDisallow: /private/\n', 0);
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await slow?.close();
    await fast?.close();
    for (const s of [schema, queueSchema]) await dropSchema(s).catch(() => undefined);
  });

  it('spaces requests to a host by its gap, reads robots.txt once per host, rejects the disallowed, and lets a fast host pass a slow one', async () => {
    // The store's tables (fetch_hosts among them) and the queues exist before the workers start.
    const store = await openPostgresStore({ url: PG_URL, schema });
    const boss = await startBoss({ db: PG_URL, queueSchema });
    const later = new Set<string>();
    const doneBy: Set<string>[] = [new Set(), new Set()];
    try {
      const workers = await Promise.all([0, 1].map((i) => startWorker(i, [`127.0.0.1:${slow.port}`, `127.0.0.1:${fast.port}`])));
      for (const [i, w] of workers.entries())
        w.on('message', (m: { later?: string; done?: string }) => {
          if (m.later !== undefined) later.add(m.later);
          if (m.done !== undefined) doneBy[i]!.add(m.done);
        });
      // The slow host's jobs first, so both workers' first batches are full of them.
      const urls = [slow, fast].flatMap((s) => [...Array.from({ length: PAGES }, (_, i) => `${s.origin}/news/${i}`), `${s.origin}/private/memo`]);
      await enqueueUrls(boss, urls.map((url) => ({ url })));
      const t0 = performance.now();

      const db = new pg.Client({ connectionString: PG_URL });
      await db.connect();
      let extracts = 0;
      let rejected: { source: string; status: string; reason: string | null }[] = [];
      try {
        for (let i = 0; i < 240 && (extracts < 2 * PAGES || rejected.length < 2); i++) {
          await new Promise((r) => setTimeout(r, 250));
          extracts = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${queueSchema}".job WHERE name = 'storyline-extract'`)).rows[0]?.n ?? 0);
          rejected = (await db.query<{ source: string; status: string; reason: string | null }>(`SELECT source, status, reason FROM "${schema}".inputs ORDER BY source`)).rows;
        }
      } finally {
        await db.end();
      }
      expect(extracts).toBe(2 * PAGES);
      // The disallowed pages: stored as rejections with the reason `ingest <url>` gives, and never requested.
      expect(rejected).toEqual([
        { source: `${slow.origin}/private/memo`, status: 'rejected', reason: 'fetch-robots-disallowed' },
        { source: `${fast.origin}/private/memo`, status: 'rejected', reason: 'fetch-robots-disallowed' },
      ].sort((a, b) => a.source.localeCompare(b.source)));
      for (const s of [slow, fast]) expect(s.hits('/private/memo')).toBe(0);

      // robots.txt: once per host, whichever worker asked first, and before any page.
      for (const s of [slow, fast]) {
        expect(s.hits('/robots.txt')).toBe(1);
        expect(log.get(s)![0]!.path).toBe('/robots.txt');
        expect(log.get(s)!.length).toBe(1 + PAGES);
      }
      // As each server saw it: never two requests closer than the host's gap (the Crawl-delay for the slow host).
      const slowAt = log.get(slow)!.map((e) => e.at);
      const fastAt = log.get(fast)!.map((e) => e.at);
      expect(Math.min(...gaps(slowAt))).toBeGreaterThanOrEqual(SLOW_CRAWL_DELAY_S * 1000);
      expect(Math.min(...gaps(fastAt))).toBeGreaterThanOrEqual(GAP_MS);
      // The fast host is not held up by the slow one: all its pages were fetched before the slow host's third page.
      expect(fastAt.at(-1)!).toBeLessThan(slowAt[3]!);
      // Both workers fetched from the slow host (the spacing above held across them), and every job finished once.
      for (const d of doneBy) expect([...d].filter((k) => k.startsWith(slow.origin)).length).toBeGreaterThan(0);
      expect(doneBy[0]!.size + doneBy[1]!.size).toBe(urls.length);
      // Some slow-host jobs, whose turn was more than the 1 s wait away, went back on the queue and came back.
      expect(later.size).toBeGreaterThan(0);
      console.log(
        `[worker-politeness] from queueing: fast host done at ${Math.round(fastAt.at(-1)! - t0)} ms (least gap ${Math.round(Math.min(...gaps(fastAt)))} ms), ` +
          `slow host done at ${Math.round(slowAt.at(-1)! - t0)} ms (least gap ${Math.round(Math.min(...gaps(slowAt)))} ms), ${later.size} jobs put back`,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await store.close();
    }
  }, 180_000);
});
