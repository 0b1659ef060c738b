/**
 * URL arguments as inputs: hostile or broken addresses become refusals with reason codes, without a request
 * leaving the machine (literal addresses, no DNS), and robots.txt is asked before the page.
 */
import { describe, expect, it } from 'vitest';
import { urlInputReader } from '../../src/fetch/url-inputs.js';
import type { Fetcher } from '../../src/fetch/safe-fetcher.js';

const instant = { now: () => 0, sleep: async () => undefined };

describe('URL inputs', () => {
  it('refuses hostile and broken addresses with reason codes', async () => {
    const read = urlInputReader({ clock: instant });
    const cases: [string, string][] = [
      ['http://', 'fetch-bad-url'],
      ['https://user:pw@127.0.0.1/', 'fetch-bad-url'],
      ['http://10.0.0.1:99999/', 'fetch-bad-url'],
      ['https://[::1]/x', 'fetch-forbidden-address'],
      ['HTTP://169.254.169.254/latest/meta-data', 'fetch-forbidden-address'],
      ['http://127.0.0.1:9/', 'fetch-forbidden-address'],
    ];
    for (const [url, reason] of cases) expect(await read(url), url).toMatchObject({ ok: false, source: url, reason });
  });

  it('asks robots.txt first and never fetches a disallowed page', async () => {
    const asked: string[] = [];
    const fetcher: Fetcher = async (url) => {
      asked.push(url);
      const body = new TextEncoder().encode(url.endsWith('/robots.txt') ? 'User-agent: *\nDisallow: /private/\n' : '<p>ok</p>');
      const contentType = url.endsWith('/robots.txt') ? 'text/plain' : 'text/html';
      return { ok: true, value: { url, status: 200, headers: { 'content-type': contentType }, body, contentType, notModified: false, etag: null, lastModified: null } };
    };
    const read = urlInputReader({ fetcher, clock: instant });
    expect(await read('https://news.example/private/memo')).toMatchObject({ ok: false, reason: 'fetch-robots-disallowed' });
    const page = await read('https://news.example/story');
    expect(page.ok && page.doc).toMatchObject({ kind: 'url', source: 'https://news.example/story', contentType: 'text/html' });
    expect(asked).toEqual(['https://news.example/robots.txt', 'https://news.example/story']);
  });
});
