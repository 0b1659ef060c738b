/** The per-host politeness rules shared by `HostPoliteness` (ingest <url>, follow) and the workers' `SharedPoliteness`. */
import { describe, expect, it } from 'vitest';
import { fetchRobotsText, hostGapMs, hostKey, MAX_CRAWL_DELAY_MS, parseRobots, robotsAllow, robotsUrlFor } from '../../src/fetch/politeness-rules.js';
import type { Fetcher, FetchPolicy } from '../../src/fetch/safe-fetcher.js';

const UA = 'Storyline/0.1';

describe('politeness rules', () => {
  it('the gap is the larger of ours and the Crawl-delay, capped; a broken Crawl-delay is ignored', () => {
    const gap = (robots: string): number => hostGapMs(1000, parseRobots('https://a.example/robots.txt', robots), UA);
    expect(hostGapMs(1000, null, UA)).toBe(1000);
    expect(gap('User-agent: *\nCrawl-delay: 0.5\n')).toBe(1000);
    expect(gap('User-agent: *\nCrawl-delay: 2.5\n')).toBe(2500);
    expect(gap('User-agent: *\nCrawl-delay: 99999999\n')).toBe(MAX_CRAWL_DELAY_MS);
    expect(gap('User-agent: *\nCrawl-delay: -5\n')).toBe(1000);
    expect(gap('User-agent: *\nCrawl-delay: soon\n')).toBe(1000);
    expect(gap('User-agent: *\nCrawl-delay: Infinity\n')).toBe(1000);
  });

  it('hosts are keyed with their port, in lower case; robots.txt lives at the origin', () => {
    expect(hostKey('https://News.Example:8443/a?b')).toBe('news.example:8443');
    expect(hostKey('not a url')).toBe('not a url');
    expect(robotsUrlFor('https://News.Example:8443/a/b?c#d')).toBe('https://news.example:8443/robots.txt');
    expect(robotsUrlFor('http://')).toBeNull();
  });

  it('reads robots.txt with its own limits, and a failure or a 304 as no rules', async () => {
    const seen: FetchPolicy[] = [];
    const answer = (r: Awaited<ReturnType<Fetcher>>): Fetcher => async (_url, policy) => {
      seen.push(policy ?? {});
      return r;
    };
    const body = new TextEncoder().encode('User-agent: *\nDisallow: /p/\n');
    const value = { url: 'u', status: 200, headers: {}, body, contentType: 'text/plain', notModified: false, etag: null, lastModified: null };
    expect(await fetchRobotsText(answer({ ok: true, value }), { etag: 'x', allowPrivate: true }, 'https://a.example/robots.txt')).toBe('User-agent: *\nDisallow: /p/\n');
    expect(seen[0]).toMatchObject({ etag: null, lastModified: null, maxBytes: 512 * 1024, contentTypes: ['text/plain'], allowPrivate: true });
    expect(await fetchRobotsText(answer({ ok: false, reason: 'fetch-timeout' }), {}, 'https://a.example/robots.txt')).toBe('');
    expect(await fetchRobotsText(answer({ ok: true, value: { ...value, status: 304, notModified: true } }), {}, 'https://a.example/robots.txt')).toBe('');
    const none = parseRobots('https://a.example/robots.txt', '');
    expect(robotsAllow(none, 'https://a.example/p/x', UA)).toBe(true);
    const some = parseRobots('https://a.example/robots.txt', 'User-agent: *\nDisallow: /p/\n');
    expect(robotsAllow(some, 'https://a.example/p/x', UA)).toBe(false);
    expect(robotsAllow(some, 'https://a.example/q', UA)).toBe(true);
  });
});
