/**
 * The poller takes its turns from whichever `PoliteHosts` it is given (on PostgreSQL the deployment's shared one):
 * every feed poll and page fetch goes through `run`, a `disallowed` turn is a refusal with fetch-robots-disallowed,
 * and a `later` turn requests nothing: the feed is polled when the turn comes, an item stays unseen for the next poll.
 * Fetcher and feeds are in memory (no network).
 */
import { describe, expect, it } from 'vitest';
import type { PoliteHosts, PoliteOutcome } from '../../src/fetch/politeness-rules.js';
import type { Fetcher } from '../../src/fetch/safe-fetcher.js';
import { FeedPoller, memoryFeedMemory, type NewFeedItem, type PollEvent } from '../../src/feeds/feed-poller.js';
import { rss2 } from './feed-samples.js';

const FEED = 'https://wire.example/feed.xml';
const items = [1, 2, 3].map((n) => ({ id: `n${n}`, link: `https://wire.example/news/${n}`, title: `Story ${n}` }));

function fetcherOf(requested: string[]): Fetcher {
  return async (url) => {
    requested.push(url);
    const body = url === FEED ? rss2(items) : `<html><head><title>${url}</title></head><body><p>Text of ${url}.</p></body></html>`;
    const type = url === FEED ? 'application/rss+xml' : 'text/html';
    const headers = { 'content-type': url === FEED ? type : `${type}; charset=utf-8` };
    return { ok: true, value: { url, status: 200, headers, body: Buffer.from(body), contentType: type, etag: null, lastModified: null, notModified: false } };
  };
}

/** Turns as a script says: `later` or `disallowed` for the URLs named, `done` (the request made) otherwise. */
class ScriptedHosts implements PoliteHosts {
  readonly asked: string[] = [];
  constructor(public script: Map<string, 'later' | 'disallowed'>) {}
  async run<T>(url: string, task: () => Promise<T>): Promise<PoliteOutcome<T>> {
    this.asked.push(url);
    const s = this.script.get(url);
    if (s === 'later') return { kind: 'later', delayMs: 5000 };
    if (s === 'disallowed') return { kind: 'disallowed' };
    return { kind: 'done', value: await task() };
  }
}

function setup(hosts: ScriptedHosts) {
  let t = Date.UTC(2026, 0, 1);
  const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
  const requested: string[] = [];
  const stored: NewFeedItem[] = [];
  const rejected: string[] = [];
  const events: PollEvent[] = [];
  const poller = new FeedPoller([{ outlet: 'Wire', feeds: [FEED], language: 'en', intervalSeconds: 600 }], {
    fetcher: fetcherOf(requested),
    clock,
    memory: memoryFeedMemory(),
    hosts,
    onItem: async (i) => void stored.push(i),
    onReject: async (s, reason) => void rejected.push(`${s} ${reason}`),
    log: (e) => events.push(e),
  });
  return { clock, requested, stored, rejected, events, poller, advance: (ms: number) => void (t += ms) };
}

describe('FeedPoller with injected host politeness', () => {
  it('asks the given hosts for every request and refuses what they disallow', async () => {
    const hosts = new ScriptedHosts(new Map([[items[1]!.link, 'disallowed']]));
    const s = setup(hosts);
    const report = await s.poller.pollDue();
    expect(hosts.asked).toEqual([FEED, ...items.map((i) => i.link).reverse()]);
    expect(s.requested).toEqual([FEED, items[2]!.link, items[0]!.link]);
    expect(s.stored.map((i) => i.url)).toEqual([items[2]!.link, items[0]!.link]);
    expect(s.rejected).toEqual([`${items[1]!.link} fetch-robots-disallowed`]);
    expect(report).toMatchObject({ polled: 1, failed: 0, newItems: 2, itemErrors: 1 });
  });

  it('requests nothing on a later turn: the feed is polled when it comes, an item is taken by the next poll', async () => {
    const hosts = new ScriptedHosts(new Map([[FEED, 'later']]));
    const s = setup(hosts);
    const first = await s.poller.pollDue();
    expect(first).toMatchObject({ polled: 0, failed: 0, newItems: 0 });
    expect(s.requested).toEqual([]);
    expect(s.events).toEqual([]);
    // Due again when the turn comes (5 s), not after the feed's interval and not as an error with backoff.
    expect(s.poller.nextDueAt() - s.clock.now()).toBe(5000);

    hosts.script = new Map([[items[0]!.link, 'later']]);
    s.advance(5000);
    const second = await s.poller.pollDue();
    expect(second).toMatchObject({ polled: 1, newItems: 2, itemErrors: 0 });
    expect(s.requested).toEqual([FEED, items[2]!.link, items[1]!.link]);

    // The item whose turn was later was not marked seen: the next poll fetches it, and only it.
    hosts.script = new Map();
    s.advance(600_000);
    const third = await s.poller.pollDue();
    expect(third).toMatchObject({ polled: 1, newItems: 1 });
    expect(s.requested.slice(3)).toEqual([FEED, items[0]!.link]);
    expect(s.stored.map((i) => i.url)).toEqual([items[2]!.link, items[1]!.link, items[0]!.link]);
  });
});
