import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../src/fetch/safe-fetcher.js';
import { FeedPoller, memoryFeedMemory, type ItemVerdict, type NewFeedItem, type PollEvent } from '../../src/feeds/feed-poller.js';
import { parseDuration, parseInterval, parseSources, type FeedSource } from '../../src/feeds/sources-file.js';
import { html, silent, startTestServer, type TestServer } from '../fetch/test-server.js';
import { BILLION_LAUGHS, MALFORMED, rss2 } from './feed-samples.js';

let srv: TestServer;
let feedItems: { id: string; link: string; title: string }[] = [];
let feedVersion = 1;

beforeAll(async () => {
  srv = await startTestServer();
  srv.route('/feed.xml', (req, res) => {
    const etag = `"v${feedVersion}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(rss2(feedItems));
  });
  srv.route('/broken.xml', (_q, r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(MALFORMED));
  srv.route('/bomb.xml', (_q, r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(BILLION_LAUGHS));
  srv.route('/hang.xml', silent);
  srv.route('/robots.txt', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'));
  for (const n of [1, 2, 3]) srv.route(`/news/${n}`, html(`<html><head><title>Story ${n}</title></head><body><p>Story ${n} text.</p></body></html>`));
  srv.route('/private/secret', html('<p>no</p>'));
});
afterAll(async () => srv.close());

function fakeClock(): { now(): number; sleep(ms: number): Promise<void>; slept: number[] } {
  let t = Date.UTC(2026, 0, 1);
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)), slept };
}

function setup(sources: FeedSource[]) {
  const clock = fakeClock();
  const items: NewFeedItem[] = [];
  const events: PollEvent[] = [];
  const rejected: string[] = [];
  const poller = new FeedPoller(sources, {
    fetcher: fetchUrl,
    policy: { allowPrivate: true, timeoutMs: 1500, idleTimeoutMs: 400 },
    clock,
    memory: memoryFeedMemory(),
    onItem: async (i) => void items.push(i),
    onReject: async (s, reason) => void rejected.push(`${s} ${reason}`),
    log: (e) => events.push(e),
    hostGapMs: 500,
  });
  const advance = (secs: number): void => void clock.sleep(secs * 1000);
  return { clock, items, events, rejected, poller, advance };
}

const src = (outlet: string, paths: string[], interval = 600): FeedSource => ({
  outlet,
  feeds: paths.map((p) => `${srv.origin}${p}`),
  language: 'en',
  intervalSeconds: interval,
});

describe('FeedPoller', () => {
  it('picks up new items, ignores an unchanged feed (304), and fetches only what is new', async () => {
    feedVersion = 1;
    feedItems = [{ id: 'n1', link: `${srv.origin}/news/1`, title: 'Story one' }];
    const { items, events, poller, advance, clock } = setup([src('Test Wire', ['/feed.xml'])]);

    const r1 = await poller.pollDue();
    expect(r1.newItems).toBe(1);
    expect(items[0]).toMatchObject({ url: `${srv.origin}/news/1`, title: 'Story one', outlet: 'Test Wire', language: 'en' });
    expect(items[0]?.html).toContain('Story 1 text.');
    expect(items[0]?.doc).toMatchObject({ kind: 'feed', contentType: 'text/html', outlet: 'Test Wire', publishedAt: '2021-05-27T09:24:00.000Z' });

    // Not due yet: nothing happens.
    expect((await poller.pollDue()).polled).toBe(0);

    advance(600);
    const r2 = await poller.pollDue();
    expect(r2).toMatchObject({ polled: 1, notModified: 1, newItems: 0 });
    expect(events.some((e) => e.kind === 'feed-not-modified')).toBe(true);

    feedVersion = 2;
    feedItems = [{ id: 'n2', link: `${srv.origin}/news/2`, title: 'Story two' }, ...feedItems];
    advance(600);
    const before = srv.hits('/news/1');
    const r3 = await poller.pollDue();
    expect(r3.newItems).toBe(1);
    expect(items.map((i) => i.title)).toEqual(['Story one', 'Story two']);
    expect(srv.hits('/news/1')).toBe(before); // the seen item was not fetched again
    // Due one interval after the feed was fetched (item fetches since then waited for the host gap).
    expect(poller.nextDueAt()).toBeGreaterThan(clock.now() + 598_000);
    expect(poller.nextDueAt()).toBeLessThanOrEqual(clock.now() + 600_000);
  });

  it('survives malformed XML, a billion-laughs bomb and a feed that times out, each logged with a reason', async () => {
    feedVersion = 3;
    feedItems = [{ id: 'n3', link: `${srv.origin}/news/3`, title: 'Story three' }];
    const { items, events, poller } = setup([src('Bad', ['/broken.xml', '/bomb.xml', '/hang.xml']), src('Good', ['/feed.xml'])]);
    const r = await poller.pollDue();
    expect(r.failed).toBe(3);
    expect(items.map((i) => i.outlet)).toEqual(['Good']);
    const errors = events.filter((e): e is Extract<PollEvent, { kind: 'feed-error' }> => e.kind === 'feed-error');
    const byFeed = Object.fromEntries(errors.map((e) => [new URL(e.feedUrl).pathname, e.reason]));
    expect(byFeed).toEqual({ '/broken.xml': 'feed-malformed', '/bomb.xml': 'feed-entity-expansion', '/hang.xml': 'fetch-timeout' });
  });

  it('backs off exponentially on a failing feed and resets after success', async () => {
    const { poller, events, clock } = setup([src('Bad', ['/broken.xml'], 120)]);
    await poller.pollDue();
    expect(poller.nextDueAt() - clock.now()).toBe(240_000);
    clock.sleep(240_000);
    await poller.pollDue();
    expect(poller.nextDueAt() - clock.now()).toBe(480_000);
    const retries = events.flatMap((e) => (e.kind === 'feed-error' ? [e.retryInSeconds] : []));
    expect(retries).toEqual([240, 480]);
  });

  it('obeys robots.txt for item pages and spaces requests to one host', async () => {
    feedVersion = 10;
    feedItems = [
      { id: 'p', link: `${srv.origin}/private/secret`, title: 'Secret' },
      { id: 'a', link: `${srv.origin}/news/1`, title: 'One' },
      { id: 'b', link: `${srv.origin}/news/2`, title: 'Two' },
    ];
    const { poller, items, rejected, clock } = setup([src('Polite', ['/feed.xml'])]);
    const secretBefore = srv.hits('/private/secret');
    await poller.pollDue();
    expect(items.map((i) => i.title).sort()).toEqual(['One', 'Two']);
    expect(rejected).toEqual([`${srv.origin}/private/secret fetch-robots-disallowed`]);
    expect(srv.hits('/private/secret')).toBe(secretBefore);
    // robots.txt, feed, two pages: three waits of the 500 ms host gap.
    expect(clock.slept.filter((ms) => ms > 0).length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...clock.slept)).toBeGreaterThan(0);
  });
});

describe('FeedPoller verdicts and rounds', () => {
  it('reports what the pipeline did with each item: stored, duplicate, rejected', async () => {
    feedVersion = 70;
    feedItems = [1, 2, 3].map((n) => ({ id: `v${n}`, link: `${srv.origin}/news/${n}`, title: `Verdict ${n}` }));
    const events: PollEvent[] = [];
    const verdicts = new Map<string, ItemVerdict>([
      [`${srv.origin}/news/1`, { status: 'stored', articleId: 'a-1' }],
      [`${srv.origin}/news/2`, { status: 'duplicate', reason: 'duplicate-url', duplicateOf: 'a-0' }],
      [`${srv.origin}/news/3`, { status: 'rejected', reason: 'no-article', detail: 'index page' }],
    ]);
    const poller = new FeedPoller([src('Verdicts', ['/feed.xml'])], {
      fetcher: fetchUrl,
      policy: { allowPrivate: true, timeoutMs: 1500 },
      clock: fakeClock(),
      memory: memoryFeedMemory(),
      onItem: async (i) => verdicts.get(i.url),
      log: (e) => events.push(e),
      hostGapMs: 0,
    });
    const r = await poller.pollDue();
    expect(r).toMatchObject({ newItems: 1, duplicates: 1, itemErrors: 1 });
    // Items are taken oldest first (the feed lists newest first).
    expect(events.filter((e) => e.kind.startsWith('item-')).reverse()).toEqual([
      { kind: 'item-stored', feedUrl: `${srv.origin}/feed.xml`, itemUrl: `${srv.origin}/news/1`, articleId: 'a-1' },
      { kind: 'item-duplicate', feedUrl: `${srv.origin}/feed.xml`, itemUrl: `${srv.origin}/news/2`, reason: 'duplicate-url', duplicateOf: 'a-0' },
      { kind: 'item-rejected', feedUrl: `${srv.origin}/feed.xml`, itemUrl: `${srv.origin}/news/3`, reason: 'no-article', detail: 'index page' },
    ]);
  });

  it('run() stops after maxRounds, sleeping until the next feed is due between rounds', async () => {
    feedVersion = 71;
    feedItems = [];
    const { poller, clock } = setup([src('Rounds', ['/feed.xml'], 120)]);
    const start = clock.now();
    const reports: number[] = [];
    const rounds = await poller.run(new AbortController().signal, (r) => reports.push(r.polled), 3);
    expect(rounds).toBe(3);
    expect(reports).toEqual([1, 1, 1]);
    expect(clock.now() - start).toBeGreaterThanOrEqual(240_000); // two intervals of 120 s between three rounds
    expect(clock.now() - start).toBeLessThan(360_000);
  });
});

describe('parseDuration and parseInterval', () => {
  it('reads ms/s/m/h/d and bare numbers, refuses the rest', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('3', 'ms')).toBe(3);
    expect(parseDuration(5)).toBe(5000);
    for (const bad of ['', '0s', '-5s', '1.5s', '5 minutes', 'ms', null]) expect(parseDuration(bad)).toBeNull();
  });
  it('floors intervals to the polite minimum unless told otherwise', () => {
    expect(parseInterval('5s')).toBe(60);
    expect(parseInterval('5s', 1)).toBe(5);
    expect(parseInterval(undefined)).toBe(900);
    expect(parseInterval('2h')).toBe(7200);
    expect(parseSources('[{"outlet":"X","feeds":["http://x.example/f"],"interval":"2s"}]', { minIntervalSeconds: 1 })).toMatchObject({ ok: true, value: [{ intervalSeconds: 2 }] });
  });
});

describe('parseSources', () => {
  it('reads YAML with intervals and JSON lists', () => {
    const y = parseSources('sources:\n  - outlet: OC Media\n    feeds: [https://oc-media.org/feed/]\n    language: en\n    interval: 15m\n');
    expect(y).toEqual({ ok: true, value: [{ outlet: 'OC Media', feeds: ['https://oc-media.org/feed/'], language: 'en', intervalSeconds: 900 }] });
    const j = parseSources('[{"outlet":"TASS","feeds":["https://tass.com/rss/v2.xml"],"interval":5}]');
    expect(j.ok && j.value[0]?.intervalSeconds).toBe(60); // floored to the polite minimum
  });
  it('refuses entries without outlet or with non-http feeds', () => {
    expect(parseSources('sources:\n  - feeds: [https://x.example/]\n')).toMatchObject({ ok: false, reason: 'bad-request' });
    expect(parseSources('sources:\n  - outlet: X\n    feeds: [file:///etc/passwd]\n')).toMatchObject({ ok: false });
  });
});

describe('fileFeedMemory', () => {
  it('remembers seen items and validators across instances', async () => {
    const { fileFeedMemory } = await import('../../src/feeds/file-feed-memory.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = `${mkdtempSync(`${tmpdir()}/feedmem-`)}/feeds.json`;
    const a = await fileFeedMemory(file);
    await a.markSeen('https://f.example/rss', 'item-1');
    await a.saveValidators('https://f.example/rss', { etag: '"x"', lastModified: null });
    const b = await fileFeedMemory(file);
    expect(await b.hasSeen('https://f.example/rss', 'item-1')).toBe(true);
    expect(await b.hasSeen('https://f.example/rss', 'item-2')).toBe(false);
    expect(await b.loadValidators('https://f.example/rss')).toEqual({ etag: '"x"', lastModified: null });
  });
});

describe('runFollow', () => {
  it('polls once, ingests new items, and remembers them in its file across runs', async () => {
    const { runFollow } = await import('../../src/feeds/follow.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const memoryFile = `${mkdtempSync(`${tmpdir()}/follow-`)}/feeds.json`;
    feedVersion = 50;
    feedItems = [{ id: 'f1', link: `${srv.origin}/news/1`, title: 'Follow one' }];
    const docs: string[] = [];
    const run = () =>
      runFollow({
        sources: [src('Follow Wire', ['/feed.xml'])],
        ingest: async (doc) => void docs.push(doc.title ?? ''),
        reject: async () => undefined,
        memoryFile,
        signal: new AbortController().signal,
        policy: { allowPrivate: true, timeoutMs: 2000 },
        clock: fakeClock(),
        once: true,
      });
    await run();
    expect(docs).toEqual(['Follow one']);
    feedVersion = 51; // the feed changed, but its only item was seen in the first run
    await run();
    expect(docs).toEqual(['Follow one']);
  });
});
