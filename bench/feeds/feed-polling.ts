/**
 * Feed polling benchmark: 500 feeds served locally (a separate server
 * process, each feed on its own host name resolved to 127.0.0.1), polled by
 * one FeedPoller through the safe fetcher, with conditional GET. Each round
 * 5% of the feeds publish one new item (its page is fetched too); the others
 * answer 304. Time is virtual (the poller's clock jumps to the next due feed),
 * so the numbers are the poller's own cost: CPU per round and per feed poll,
 * and memory in steady state. Items are counted, not analysed.
 *
 *   nice npx tsx bench/feeds/feed-polling.ts [--feeds 500] [--rounds 12]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchUrl } from '../../src/fetch/safe-fetcher.js';
import { FeedPoller, memoryFeedMemory } from '../../src/feeds/feed-poller.js';
import type { FeedSource } from '../../src/feeds/sources-file.js';
import { benchCommand } from '../bench-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};

// ---- server process -------------------------------------------------------
function runServer(): void {
  const version = new Map<number, number>();
  const rss = (feed: number, v: number): string => {
    const items: string[] = [];
    for (let k = v; k > Math.max(0, v - 20); k--) {
      items.push(`<item><title>Feed ${feed} item ${k}</title><link>http://feed${feed}.bench:PORT/item/${feed}/${k}</link><guid>f${feed}-i${k}</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>Item ${k} of feed ${feed}, a short summary.</description></item>`);
    }
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>http://feed${feed}.bench/</link>${items.join('')}</channel></rss>`;
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const m = /^\/feed\/(\d+)$/.exec(u.pathname);
    if (m !== null) {
      const feed = Number(m[1]);
      const v = version.get(feed) ?? 20;
      const etag = `"${feed}-${v}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      const port = (server.address() as { port: number }).port;
      return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(feed, v).replaceAll('PORT', String(port)));
    }
    if (u.pathname.startsWith('/item/')) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>${u.pathname}</title></head><body><article><p>${'Text of the item. '.repeat(100)}</p></article></body></html>`);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
  });
  process.on('message', (msg: { publish?: number[] }) => {
    for (const f of msg.publish ?? []) version.set(f, (version.get(f) ?? 20) + 1);
    process.send?.({ published: true });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
}

// ---- poller (measured) ----------------------------------------------------
async function main(): Promise<void> {
  const FEEDS = arg('feeds', 500);
  const ROUNDS = arg('rounds', 12);
  const INTERVAL = 300;
  const server = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((r) => server.once('message', (m: { port: number }) => r(m.port)));
  const publish = (feeds: number[]): Promise<void> =>
    new Promise((r) => {
      server.once('message', () => r());
      server.send({ publish: feeds });
    });

  let t = Date.UTC(2026, 0, 1);
  // Concurrent sleeps must not add up: a sleep moves virtual time to (its start + ms) at most.
  const clock = {
    now: () => t,
    sleep: async (ms: number) => {
      const target = t + ms;
      await Promise.resolve();
      t = Math.max(t, target);
    },
  };
  const sources: FeedSource[] = Array.from({ length: FEEDS }, (_, i) => ({
    outlet: `Outlet ${i}`,
    feeds: [`http://feed${i}.bench:${port}/feed/${i}`],
    language: 'en',
    intervalSeconds: INTERVAL,
  }));
  let items = 0;
  const poller = new FeedPoller(sources, {
    fetcher: fetchUrl,
    policy: { allowHosts: sources.map((s) => new URL(s.feeds[0] as string).host), resolver: async () => [{ address: '127.0.0.1', family: 4 }], timeoutMs: 10_000 },
    clock,
    memory: memoryFeedMemory(),
    onItem: async () => void (items += 1),
    hostGapMs: 1000,
    maxItemsPerPoll: 20,
  });

  const rows: { round: number; polled: number; notModified: number; newItems: number; wallMs: number; cpuMs: number; rssMiB: number; heapMiB: number }[] = [];
  // One round = one polling interval of virtual time: every feed falls due once in it.
  for (let round = 0; round < ROUNDS; round++) {
    const windowStart = round === 0 ? t : Math.max(t, poller.nextDueAt());
    t = windowStart;
    if (round > 0) {
      const chosen = Array.from({ length: Math.round(FEEDS * 0.05) }, (_, k) => (k * 37 + round * 11) % FEEDS);
      await publish(chosen);
    }
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    const before = items;
    const total = { polled: 0, notModified: 0 };
    while (poller.nextDueAt() < windowStart + INTERVAL * 1000) {
      t = Math.max(t, poller.nextDueAt());
      const r = await poller.pollDue();
      total.polled += r.polled;
      total.notModified += r.notModified;
    }
    const cpu = process.cpuUsage(cpu0);
    const mem = process.memoryUsage();
    rows.push({
      round,
      polled: total.polled,
      notModified: total.notModified,
      newItems: items - before,
      wallMs: performance.now() - w0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMiB: mem.rss / 2 ** 20,
      heapMiB: mem.heapUsed / 2 ** 20,
    });
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  server.kill();

  const steady = rows.slice(2);
  const avg = (f: (r: (typeof rows)[number]) => number): number => steady.reduce((s, r) => s + f(r), 0) / Math.max(1, steady.length);
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  const table = [
    '| round | feeds polled | 304 | new items | wall ms | CPU ms | CPU ms / feed poll | RSS MiB | heap MiB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.round} | ${r.polled} | ${r.notModified} | ${r.newItems} | ${r.wallMs.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${(r.cpuMs / Math.max(1, r.polled)).toFixed(2)} | ${r.rssMiB.toFixed(0)} | ${r.heapMiB.toFixed(1)} |`),
  ].join('\n');
  const perInterval = avg((r) => r.cpuMs);
  const md = `# Feed polling benchmark

${FEEDS} RSS feeds served by a local server process (each feed on its own host name, resolved to 127.0.0.1 through the
fetcher's injected resolver and allow-listed), polled by one \`FeedPoller\` through the safe fetcher with conditional GET,
robots.txt (404 → allowed) and a 1 s per-host gap. Polling interval ${INTERVAL} s; time is virtual (the poller's clock jumps
to the next due feed), so the table shows the poller's own work. Each round after the first, 5% of the feeds publish one
new item, whose page is fetched; the rest answer 304. Round 0 is the first poll (20 items per feed, all new). New items
are counted, not analysed (extraction cost is measured by the ingest benchmark).

${table}

Steady state (rounds 2–${ROUNDS - 1}): **${perInterval.toFixed(0)} ms CPU per polling interval for ${FEEDS} feeds**
(${(perInterval / FEEDS).toFixed(2)} ms per feed poll, i.e. ${((perInterval / (INTERVAL * 1000)) * 100).toFixed(3)}% of one core at a ${INTERVAL} s interval),
RSS ${avg((r) => r.rssMiB).toFixed(0)} MiB, heap ${avg((r) => r.heapMiB).toFixed(1)} MiB.

- Command: \`${benchCommand('bench/feeds/feed-polling.ts', ['--feeds', String(FEEDS), '--rounds', String(ROUNDS)])}\`
- Machine: ${os.cpus().length} logical CPUs (nproc), ${cpuInfo}; shared with other jobs during the run
- Node ${process.version}; ${new Date().toISOString().slice(0, 10)}
`;
  mkdirSync(path.join(repoRoot, 'docs/benchmarks'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'docs/benchmarks/feeds.md'), md);
  console.log(md);
}

if (process.argv[2] === 'server') runServer();
else await main();
