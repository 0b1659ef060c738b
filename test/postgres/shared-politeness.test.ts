/**
 * The workers' shared per-host politeness (`SharedPoliteness`, table fetch_hosts), with two instances on their own
 * connection pools standing for two workers and a fake fetcher recording when each request ran: requests to one
 * host never overlap and each starts at least the gap after the previous one ended; robots.txt is fetched once for
 * both, a failed robots.txt allows everything and is not asked again; a far turn hands the job back (`later`) with
 * the Crawl-delay (capped) as the delay; a disallowed URL is refused without a request, even while the host is busy;
 * a hostile robots.txt (NUL bytes, broken UTF-8, half a megabyte of rules) is stored and read without trouble.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SharedPoliteness, type SharedPolitenessOptions } from '../../src/queue/shared-politeness.js';
import { MAX_CRAWL_DELAY_MS } from '../../src/fetch/politeness-rules.js';
import type { Fetcher, FetchResponse } from '../../src/fetch/safe-fetcher.js';
import type { Result } from '../../src/model/types.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('spolite');
const stores: PostgresStore[] = [];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const UA = 'StorylineTest';

function ok(url: string, body: string | Uint8Array, contentType: string): Result<FetchResponse> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { ok: true, value: { url, status: 200, headers: { 'content-type': contentType }, body: bytes, contentType, notModified: false, etag: null, lastModified: null } };
}

/** A fake site: robots.txt as given (or a network error), pages after `pageMs`; every request logged with its times. */
function site(robots: string | Uint8Array | null, pageMs = 0) {
  const requests: { url: string; start: number; end: number }[] = [];
  let open = 0;
  let overlapped = false;
  const fetcher: Fetcher = async (url) => {
    const start = performance.now();
    if (open++ > 0) overlapped = true;
    try {
      if (url.endsWith('/robots.txt')) return robots === null ? { ok: false, reason: 'fetch-network-error', detail: 'refused' } : ok(url, robots, 'text/plain');
      if (pageMs > 0) await sleep(pageMs);
      return ok(url, '<p>page</p>', 'text/html');
    } finally {
      open -= 1;
      requests.push({ url, start, end: performance.now() });
    }
  };
  return { fetcher, requests, overlapped: () => overlapped };
}

async function workers(fetcher: Fetcher, opts: Partial<SharedPolitenessOptions> = {}): Promise<[SharedPoliteness, SharedPoliteness]> {
  const make = async (): Promise<SharedPoliteness> => {
    const store = await openPostgresStore({ url: PG_URL, schema });
    stores.push(store);
    return new SharedPoliteness(store.pool, fetcher, {}, { minGapMs: 100, robots: true, userAgent: UA, maxWaitMs: 60_000, ...opts }, sleep);
  };
  return [await make(), await make()];
}

/** Runs the URL's request through the politeness (the task is the fetcher's request). */
const get = (p: SharedPoliteness, fetcher: Fetcher, url: string) => p.run(url, () => fetcher(url, {}));

let hostN = 0;
const freshHost = (): string => `site${hostN++}-${process.pid}.example`;

describe.skipIf(!HAVE_PG)('shared per-host politeness (PostgreSQL)', () => {
  beforeAll(async () => {
    stores.push(await openPostgresStore({ url: PG_URL, schema })); // migrates
  });
  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    await dropSchema(schema);
  });

  it('two workers: one request at a time per host, each at least the gap after the last ended; robots.txt fetched once', async () => {
    const host = freshHost();
    const s = site('User-agent: *\nDisallow: /private/\n', 20);
    const [a, b] = await workers(s.fetcher, { minGapMs: 150 });
    const urls = Array.from({ length: 5 }, (_, i) => `https://${host}/news/${i}`);
    const outcomes = await Promise.all(urls.flatMap((u) => [get(a, s.fetcher, u), get(b, s.fetcher, `${u}?b`)]));
    expect(outcomes.every((o) => o.kind === 'done' && o.value.ok)).toBe(true);
    expect(s.overlapped()).toBe(false);
    expect(s.requests.filter((r) => r.url.endsWith('/robots.txt'))).toHaveLength(1);
    expect(s.requests[0]!.url).toBe(`https://${host}/robots.txt`);
    expect(s.requests).toHaveLength(11);
    const sorted = [...s.requests].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start - sorted[i - 1]!.end).toBeGreaterThanOrEqual(150);
  });

  it('another host is not held up while one host is busy', async () => {
    const slow = freshHost();
    const fast = freshHost();
    const s = site('', 0);
    const [a, b] = await workers(s.fetcher, { minGapMs: 2000 });
    const t0 = performance.now();
    // The slow host: robots.txt, then a page 2 s later, then another 2 s after that.
    const slowRuns = Promise.all([get(a, s.fetcher, `https://${slow}/1`), get(b, s.fetcher, `https://${slow}/2`)]);
    await sleep(50);
    expect(await get(b, s.fetcher, `https://${fast}/robots-first`)).toMatchObject({ kind: 'done' });
    // The fast host's robots.txt and its page: its own gap (2 s) after its robots.txt, not after the slow host's queue.
    expect(performance.now() - t0).toBeLessThan(3500);
    await slowRuns;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(4000);
  });

  it('a failed robots.txt allows everything and is not asked again within the TTL', async () => {
    const host = freshHost();
    const s = site(null);
    const [a, b] = await workers(s.fetcher, { minGapMs: 10 });
    expect(await get(a, s.fetcher, `https://${host}/private/x`)).toMatchObject({ kind: 'done' });
    expect(await get(b, s.fetcher, `https://${host}/y`)).toMatchObject({ kind: 'done' });
    expect(s.requests.map((r) => new URL(r.url).pathname)).toEqual(['/robots.txt', '/private/x', '/y']);
  });

  it('refuses a disallowed URL without a request, also while another worker holds the host', async () => {
    const host = freshHost();
    const s = site('User-agent: *\nDisallow: /private/\n', 400);
    const [a, b] = await workers(s.fetcher, { minGapMs: 10 });
    expect(await get(a, s.fetcher, `https://${host}/news/1`)).toMatchObject({ kind: 'done' });
    const busy = get(a, s.fetcher, `https://${host}/news/2`); // holds the host for 400 ms
    await sleep(100);
    const t = performance.now();
    expect(await get(b, s.fetcher, `https://${host}/private/memo`)).toEqual({ kind: 'disallowed' });
    expect(performance.now() - t).toBeLessThan(300);
    await busy;
    expect(s.requests.map((r) => new URL(r.url).pathname)).toEqual(['/robots.txt', '/news/1', '/news/2']);
  });

  it('hands a job back when its turn is further than the wait: the Crawl-delay, capped, is the delay', async () => {
    for (const [delayS, expectedGap] of [
      [30, 30_000],
      [100_000, MAX_CRAWL_DELAY_MS],
    ] as const) {
      const host = freshHost();
      const s = site(`User-agent: *\nCrawl-delay: ${delayS}\n`);
      const [a, b] = await workers(s.fetcher, { minGapMs: 100, maxWaitMs: 500 });
      // robots.txt takes the first turn; the page's turn is the Crawl-delay after it.
      const first = await get(a, s.fetcher, `https://${host}/1`);
      expect(first.kind).toBe('later');
      const second = await get(b, s.fetcher, `https://${host}/2`);
      expect(second.kind).toBe('later');
      for (const o of [first, second]) {
        const d = o.kind === 'later' ? o.delayMs : -1;
        expect(d).toBeGreaterThanOrEqual(expectedGap - 1000);
        expect(d).toBeLessThanOrEqual(2 * expectedGap);
      }
      expect(s.requests.map((r) => new URL(r.url).pathname)).toEqual(['/robots.txt']);
    }
  });

  it('hands a waiting job back at once when the worker stops', async () => {
    const host = freshHost();
    const s = site('', 0);
    const ctl = new AbortController();
    const store = await openPostgresStore({ url: PG_URL, schema });
    stores.push(store);
    const p = new SharedPoliteness(store.pool, s.fetcher, {}, { minGapMs: 5000, robots: true, userAgent: UA, maxWaitMs: 60_000, signal: ctl.signal }, (ms) => new Promise((r) => {
      const t = setTimeout(r, ms);
      ctl.signal.addEventListener('abort', () => (clearTimeout(t), r(undefined)), { once: true });
    }));
    const waiting = get(p, s.fetcher, `https://${host}/1`); // robots.txt now, the page 5 s later
    await sleep(300);
    const t = performance.now();
    ctl.abort();
    expect((await waiting).kind).toBe('later');
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('stores and reads a hostile robots.txt (NUL bytes, broken UTF-8, half a megabyte of rules)', async () => {
    const host = freshHost();
    const rules = Array.from({ length: 20_000 }, (_, i) => `Disallow: /x${i}*a*b*c*$`).join('\n');
    const text = `# \0 a comment with a NUL\nUser-agent: *\nDisallow: /private/\n${rules}\n`;
    const body = new Uint8Array([...new TextEncoder().encode(text.slice(0, 500_000)), 0xff, 0xfe, 0x00, 0xc3]);
    const s = site(body);
    const [a, b] = await workers(s.fetcher, { minGapMs: 10 });
    const t = performance.now();
    expect(await get(a, s.fetcher, `https://${host}/private/memo`)).toEqual({ kind: 'disallowed' });
    expect(await get(b, s.fetcher, `https://${host}/${'a'.repeat(2000)}`)).toMatchObject({ kind: 'done' });
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(s.requests.filter((r) => r.url.endsWith('/robots.txt'))).toHaveLength(1);
  });
});
