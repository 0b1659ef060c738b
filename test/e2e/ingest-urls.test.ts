/**
 * `storyline ingest <url…>` end to end: the real binary fetches pages from a local HTTP server on 127.0.0.1
 * through the safe fetcher. Pages are stored; a missing page, a robots.txt-disallowed page and a gzip bomb are
 * rejected with their reason codes; without --allow-private/--allow-host the loopback address is refused. With
 * PostgreSQL, `ingest --queue` puts URLs on the job queue and a `storyline worker` fetches and stores them (the
 * worker's fetch step), refusing an address its --allow-host does not name and a page robots.txt disallows
 * (unless the worker runs with --no-robots).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipBomb, html, startTestServer, type TestServer } from '../fetch/test-server.js';
import { BIN, jsonLines, repoRoot, runCli, runCliAsync } from './cli-helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-urls-'));
const page = (name: string): string => readFileSync(path.join(repoRoot, 'demo/corpus', name), 'utf8');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  server.route('/robots.txt', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'));
  server.route('/news/velora', html(page('brusselsinsight-velora-airport-probe.html')));
  server.route('/news/kaarreoja', html(page('laplandherald-court-halts-kaarreoja-mine.html')));
  server.route('/private/memo', html(page('lisboncourier-2022-08-18-ribatejo-farmers.html')));
  server.route('/private/leak', html(page('lisboncourier-2024-06-03-tagus-segura-leak.html')));
  server.route('/bomb', gzipBomb(200));
});
afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('storyline ingest <url…>', () => {
  it('stores fetched pages and rejects the missing, the disallowed and the bomb, each with its reason', async () => {
    const db = path.join(tmp, 'urls.db');
    const urls = ['/news/velora', '/news/kaarreoja', '/missing', '/private/memo', '/bomb'].map((p) => `${server.origin}${p}`);
    const r = await runCliAsync(['ingest', '--json', '--allow-private', '--db', db, ...urls], 120_000);
    expect(r.status, r.stderr).toBe(1); // some inputs were rejected
    const bySource = new Map(jsonLines(r.stdout).map((o) => [String(o['source']), o]));
    expect(bySource.get(urls[0]!)?.['status']).toBe('stored');
    expect(bySource.get(urls[1]!)?.['status']).toBe('stored');
    expect(bySource.get(urls[2]!)).toMatchObject({ status: 'rejected', reason: 'fetch-bad-status' });
    expect(bySource.get(urls[3]!)).toMatchObject({ status: 'rejected', reason: 'fetch-robots-disallowed' });
    expect(bySource.get(urls[4]!)?.['status']).toBe('rejected');
    expect(String(bySource.get(urls[4]!)?.['reason'])).toMatch(/^fetch-/);
    expect(server.hits('/private/memo')).toBe(0);

    // The stored articles carry the page's address and text, and the refusals are listed with their reasons.
    const listed = jsonLines(runCli(['export', 'articles', '--db', db]).stdout);
    expect(listed.map((a) => a['source']).sort()).toEqual([urls[0], urls[1]].sort());
    expect(listed.find((a) => a['source'] === urls[0])?.['url']).toBe(urls[0]);
    expect(String(listed.find((a) => a['source'] === urls[1])?.['text'])).toMatch(/Kaarreoja/);
    const rejections = jsonLines(runCli(['rejections', '--json', '--db', db]).stdout);
    expect(rejections.map((x) => x['reason']).sort()).toEqual(expect.arrayContaining(['fetch-bad-status', 'fetch-robots-disallowed']));

    // Ingesting the same URLs again stores nothing new.
    const again = await runCliAsync(['ingest', '--json', '--allow-private', '--db', db, urls[0]!], 60_000);
    expect(jsonLines(again.stdout)[0]?.['status']).toBe('duplicate');
  });

  it('refuses a loopback address unless it is allowed', async () => {
    const db = path.join(tmp, 'refused.db');
    const url = `${server.origin}/news/velora`;
    const before = server.hits('/news/velora');
    const r = await runCliAsync(['ingest', '--json', '--db', db, url], 60_000);
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ status: 'rejected', source: url, reason: 'fetch-forbidden-address' })]);
    expect(server.hits('/news/velora')).toBe(before);
    // One host let through by name and port is enough.
    const ok = await runCliAsync(['ingest', '--json', '--allow-host', `127.0.0.1:${server.port}`, '--db', db, url], 60_000);
    expect(jsonLines(ok.stdout)[0]?.['status']).toBe('stored');
  });

  it('analyze fetches a URL too, without a store', async () => {
    const r = await runCliAsync(['analyze', '--json', '--allow-private', `${server.origin}/news/kaarreoja`], 60_000);
    const [line] = jsonLines(r.stdout);
    expect(line?.['status']).toBe('ok');
    expect(String(line?.['text'])).toMatch(/Kaarreoja/);
  });
});

const PG_URL = process.env['STORYLINE_TEST_PG'] ?? '';

describe.skipIf(PG_URL === '')('storyline ingest --queue <url…> and a worker that fetches', () => {
  // The CLI keeps its tables in the public schema and the queue in pgboss: a database of its own for this test.
  const dbName = `storyline_urls_${process.pid}`;
  const admin = (): pg.Client => new pg.Client({ connectionString: PG_URL });
  const dbUrl = (): string => {
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    return u.toString();
  };
  let worker: ChildProcess | null = null;

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    await c.end();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
  });

  it('queues URLs and files, and the worker fetches, stores and refuses as the fetcher says', async () => {
    const stored = `${server.origin}/news/velora`;
    // Another port of the same machine: not the host --allow-host names, so the worker must refuse it.
    const elsewhere = `http://localhost:${server.port === 65535 ? 1 : server.port + 1}/news/other`;
    const file = path.join(repoRoot, 'demo/corpus/eurobrief-finnish-court-suspends-mine.txt');
    const disallowed = `${server.origin}/private/memo`;
    const q = await runCliAsync(['ingest', '--queue', '--json', '--db', dbUrl(), stored, elsewhere, disallowed, file], 60_000);
    expect(q.status, q.stderr).toBe(0);
    expect(jsonLines(q.stdout).map((l) => [l['status'], l['step']])).toEqual([
      ['queued', 'fetch'],
      ['queued', 'fetch'],
      ['queued', 'fetch'],
      ['queued', 'extract'],
    ]);
    expect(runCli(['ingest', '--queue', '--db', path.join(tmp, 'x.db'), file]).stderr).toMatch(/--queue needs a shared PostgreSQL store/);

    worker = spawn(process.execPath, [BIN, 'worker', '--allow-host', `127.0.0.1:${server.port}`, '--db', dbUrl()], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    const c = new pg.Client({ connectionString: dbUrl() });
    await c.connect();
    type Row = { source: string; status: string; reason: string | null };
    const inputsOnceThere = async (count: number): Promise<Map<string, Row>> => {
      let rows: Row[] = [];
      for (let i = 0; i < 240 && rows.length < count; i++) {
        await new Promise((r) => setTimeout(r, 500));
        rows = (await c.query<Row>('SELECT source, status, reason FROM inputs ORDER BY source').catch(() => ({ rows: [] as Row[] }))).rows;
      }
      return new Map(rows.map((r) => [r.source, r]));
    };
    try {
      const bySource = await inputsOnceThere(4);
      expect(bySource.get(stored)?.status).toBe('stored');
      expect(bySource.get(file)?.status).toBe('stored');
      expect(bySource.get(elsewhere)).toMatchObject({ status: 'rejected', reason: 'fetch-forbidden-address' });
      expect(bySource.get(disallowed)).toMatchObject({ status: 'rejected', reason: 'fetch-robots-disallowed' });
      const title = (await c.query<{ title: string }>('SELECT title FROM articles WHERE source = $1', [stored])).rows[0]?.title;
      expect(title).toMatch(/Velora/);

      // A worker told not to read robots.txt fetches a disallowed page (the operator's call, e.g. their own site).
      worker.kill('SIGKILL');
      const ignored = `${server.origin}/private/leak`;
      const q2 = await runCliAsync(['ingest', '--queue', '--json', '--db', dbUrl(), ignored], 60_000);
      expect(q2.status, q2.stderr).toBe(0);
      worker = spawn(process.execPath, [BIN, 'worker', '--no-robots', '--host-gap', '100ms', '--allow-host', `127.0.0.1:${server.port}`, '--db', dbUrl()], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      worker.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      const after = await inputsOnceThere(5);
      expect(after.get(ignored)?.status, `${JSON.stringify([...after.values()])}\n${err}`).toBe('stored');
    } finally {
      await c.end();
    }
  }, 240_000);
});
