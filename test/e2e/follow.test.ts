/**
 * `storyline follow` end to end: the real binary in a child process against a
 * local HTTP server on 127.0.0.1 that serves an RSS feed and its article
 * pages, answers 304 to a conditional GET of an unchanged feed, then publishes
 * a new item; plus malformed XML, a billion-laughs entity bomb, a feed that
 * never answers and a robots.txt-disallowed item. Every outcome must be logged
 * with a reason code, stored items must be visible through the CLI and the
 * HTTP API, and the run must end by itself (`--rounds`, `--once`).
 *
 * The CLI runs asynchronously (spawn, not spawnSync): the server lives in this
 * process and must keep answering while the child runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, silent, startTestServer, type TestServer } from '../fetch/test-server.js';
import { BILLION_LAUGHS, MALFORMED, rss2 } from '../feeds/feed-samples.js';
import { jsonLines, runCli, runCliAsync, startServer } from './cli-helpers.js';


/** An invented news page, long enough to pass the extractor. */
function articlePage(title: string, date: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Test Wire</title>
<meta property="article:published_time" content="${date}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${title}</h1><p class="byline">By Test Wire staff, ${date.slice(0, 10)}</p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>© Test Wire. All rights reserved.</footer></body></html>`;
}

const PAGES: Record<string, { title: string; date: string; paragraphs: string[] }> = {
  '/news/harbour-ferry': {
    title: 'Harbour ferry service resumes after storm repairs',
    date: '2024-03-11T08:00:00Z',
    paragraphs: [
      'The ferry link between the old harbour and Marlow Island resumed on Monday after three weeks of repairs to the landing stage damaged in the February storm, the port authority said.',
      'Port director Helena Voss told reporters that the first crossing left at seven in the morning with forty passengers and two delivery vans on board. "The landing stage is stronger than it was before the storm," Voss said.',
      'Islanders had relied on a small water taxi during the closure. Shop owners on the island said deliveries of fresh food had been irregular and that several cafés had closed for the duration.',
      'The authority said the timetable would return to its summer frequency of a crossing every forty minutes from the first of May, weather permitting.',
    ],
  },
  '/news/orchard-cooperative': {
    title: 'Orchard cooperative opens a cider press in Quillford',
    date: '2024-03-12T09:30:00Z',
    paragraphs: [
      'A cooperative of twenty-two apple growers opened a shared cider press in Quillford on Tuesday, ending decades in which members sent their fruit to a plant across the county border.',
      'The cooperative chair, Tobias Renn, said the press could handle eight tonnes of apples a day and would employ eleven people during the autumn season. "Our growers finally keep the value of their own harvest," Renn said.',
      'The building, a former grain store near the railway line, was restored with a regional development grant and loans from two local banks.',
      'The first pressing of the season is expected in September; until then the press will take in pears from a neighbouring estate for a trial run.',
    ],
  },
  '/news/library-reopens': {
    title: 'Quillford library reopens with a seed exchange',
    date: '2024-03-13T10:00:00Z',
    paragraphs: [
      'The public library in Quillford reopened on Wednesday after a year of renovation, with a new reading room, a repaired roof and a seed exchange where gardeners swap packets of vegetable seeds.',
      'Head librarian Ines Calder said more than three hundred people came through the doors on the first morning. "People asked about the seed drawers before they asked about the books," Calder said.',
      'The renovation was paid for by the town council and a bequest from a retired schoolteacher who left her house to the library in 2021.',
      'Opening hours will be extended to eight in the evening on Thursdays from April, the council said in a statement.',
    ],
  },
};

let srv: TestServer;
const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-follow-'));

/** The main feed: v1 lists one item; after the first 304 it is republished (v2) with a second item. */
let published = 1;
let notModifiedAnswers = 0;

beforeAll(async () => {
  srv = await startTestServer();
  srv.route('/robots.txt', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'));
  for (const [p, page] of Object.entries(PAGES)) srv.route(p, html(articlePage(page.title, page.date, page.paragraphs)));
  srv.route('/private/memo', html(articlePage('Private memo', '2024-03-10T00:00:00Z', PAGES['/news/harbour-ferry']!.paragraphs)));

  srv.route('/feed.xml', (req, res) => {
    const etag = `"v${published}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      notModifiedAnswers += 1;
      if (published === 1) published = 2; // a new item appears after the first unchanged poll
      return;
    }
    const items = [{ id: 'ferry', link: `${srv.origin}/news/harbour-ferry`, title: PAGES['/news/harbour-ferry']!.title, date: 'Mon, 11 Mar 2024 08:00:00 GMT' }];
    if (published >= 2) items.unshift({ id: 'cider', link: `${srv.origin}/news/orchard-cooperative`, title: PAGES['/news/orchard-cooperative']!.title, date: 'Tue, 12 Mar 2024 09:30:00 GMT' });
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(rss2(items, 'Test Wire'));
  });
  srv.route('/broken.xml', (_q, r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(MALFORMED));
  srv.route('/bomb.xml', (_q, r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(BILLION_LAUGHS));
  srv.route('/hang.xml', silent);
  srv.route('/library.xml', (_q, r) =>
    r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rss2([
        { id: 'memo', link: `${srv.origin}/private/memo`, title: 'Private memo' },
        { id: 'library', link: `${srv.origin}/news/library-reopens`, title: PAGES['/news/library-reopens']!.title },
      ]),
    ),
  );
});

afterAll(async () => {
  await srv.close();
  rmSync(tmp, { recursive: true, force: true });
});

type Event = Record<string, unknown> & { kind: string };

describe('storyline follow', () => {
  it('--help teaches the bounded runs, the timeout, the sources file and the reason codes', () => {
    const r = runCli(['follow', '--help']);
    expect(r.status).toBe(0);
    for (const s of ['--once', '--rounds', '--interval', '--timeout', '--sources', '--json', '--allow-private', '--settle-every', '--host-gap', 'followers and workers on any machine share one gap per host', 'feed-error', 'sources:']) expect(r.stdout).toContain(s);
    const bad = runCli(['follow', 'https://example.org/feed.xml', '--settle-every', 'soon']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--settle-every must be a duration');
  });

  it('picks up an item, ignores the unchanged feed (304), then picks up a new item, in one bounded run', async () => {
    const db = path.join(tmp, 'rounds.db');
    const feed = `${srv.origin}/feed.xml`;
    const r = await runCliAsync(['follow', feed, '--rounds', '3', '--interval', '1s', '--allow-private', '--timeout', '10s', '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const events = jsonLines(r.stdout) as Event[];
    expect(events.map((e) => e.kind)).toEqual([
      'item-stored', 'feed-fetched', // round 1: the first item
      'feed-not-modified', //            round 2: 304
      'item-stored', 'feed-fetched', // round 3: the new item only
      'settled', //                      the end of the run settles what it stored
      'summary',
    ]);
    expect(events.at(-2)).toMatchObject({ kind: 'settled', why: 'end', articles: 2 });
    expect(events[0]).toMatchObject({ itemUrl: `${srv.origin}/news/harbour-ferry`, feedUrl: feed });
    expect(String(events[0]!['articleId'])).not.toBe('');
    expect(events[3]).toMatchObject({ itemUrl: `${srv.origin}/news/orchard-cooperative` });
    expect(events[4]).toMatchObject({ items: 2, fresh: 1 });
    expect(events.at(-1)).toMatchObject({ kind: 'summary', rounds: 3, polled: 3, notModified: 1, failed: 0, newItems: 2, itemErrors: 0 });
    expect(notModifiedAnswers).toBe(1);
    expect(srv.hits('/news/harbour-ferry')).toBe(1); // the seen item was not fetched again

    // Both articles are in the store: listings and search.
    const search = runCli(['search', 'cider', 'press', '--json', '--db', db]);
    expect(search.status, search.stderr).toBe(0);
    expect(search.stdout).toContain('Orchard cooperative opens a cider press');
    const stories = jsonLines(runCli(['stories', '--json', '--db', db]).stdout);
    const labels = JSON.stringify(stories);
    expect(labels).toMatch(/ferry/i);
    expect(labels).toMatch(/cider|orchard/i);

    // …and over the HTTP API.
    const server = await startServer(['--db', db]);
    try {
      const api = (await (await fetch(`${server.url}/api/search?q=ferry`)).json()) as { total: number; hits: { article: { url: string | null; outlet: string | null } }[] };
      expect(api.total).toBeGreaterThanOrEqual(1);
      expect(api.hits[0]?.article.url).toBe(`${srv.origin}/news/harbour-ferry`);
    } finally {
      await server.stop();
    }

    // A restart remembers the validators and the seen items: one 304, nothing new.
    const again = await runCliAsync(['follow', feed, '--once', '--allow-private', '--db', db]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain(`feed-not-modified ${feed}: 304`);
    expect(again.stderr).toMatch(/1 round, 1 feed polls \(1 not modified, 0 failed\), 0 new items stored/);
    expect(notModifiedAnswers).toBe(2);
  }, 120_000);

  it('survives malformed XML, a billion-laughs bomb and a feed that times out, each logged with a reason', async () => {
    const db = path.join(tmp, 'hostile.db');
    const urls = ['/broken.xml', '/bomb.xml', '/hang.xml', '/library.xml'].map((p) => `${srv.origin}${p}`);
    const started = Date.now();
    const r = await runCliAsync(['follow', ...urls, '--once', '--timeout', '1500ms', '--allow-private', '--db', db]);
    expect(r.status, r.stderr).toBe(1); // some feeds failed: exit 1, not a crash (2)
    expect(r.stderr).not.toMatch(/fatal|Error:/);
    const lines = r.stderr.split('\n');
    const line = (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? '';
    expect(line(`feed-error ${urls[0]}:`)).toContain('feed-malformed');
    expect(line(`feed-error ${urls[1]}:`)).toContain('feed-entity-expansion');
    expect(line(`feed-error ${urls[2]}:`)).toContain('fetch-timeout');
    for (const u of urls.slice(0, 3)) expect(line(`feed-error ${u}:`)).toMatch(/retry in \d+ s$/);
    // The good feed on the same server still went through, and robots.txt kept the private page out.
    expect(line(`item-stored ${srv.origin}/news/library-reopens`)).not.toBe('');
    expect(line(`item-error ${srv.origin}/private/memo:`)).toContain('fetch-robots-disallowed');
    expect(srv.hits('/private/memo')).toBe(0);
    expect(r.stderr).toMatch(/1 round, 4 feed polls \(0 not modified, 3 failed\), 1 new item stored, 0 duplicate, 1 refused/);
    expect(Date.now() - started).toBeLessThan(60_000);

    const rejections = jsonLines(runCli(['rejections', '--json', '--db', db]).stdout);
    expect(rejections).toContainEqual(expect.objectContaining({ source: `${srv.origin}/private/memo`, reason: 'fetch-robots-disallowed' }));
    const search = runCli(['search', 'seed', 'exchange', '--json', '--db', db]);
    expect(search.stdout).toContain('Quillford library reopens');
  }, 120_000);

  it('reads a YAML or a JSON sources file: outlet name, feeds, language, interval', async () => {
    const yamlFile = path.join(tmp, 'sources.yaml');
    writeFileSync(
      yamlFile,
      `sources:\n  - outlet: Quillford Courier\n    feeds: [${srv.origin}/library.xml]\n    language: en\n    interval: 2m\n  - outlet: Broken Gazette\n    feeds:\n      - ${srv.origin}/broken.xml\n    interval: 90s\n`,
    );
    const jsonFile = path.join(tmp, 'sources.json');
    writeFileSync(jsonFile, JSON.stringify([{ outlet: 'Island Post', feeds: [`${srv.origin}/feed.xml`], language: 'en', interval: 300 }]));

    const y = await runCliAsync(['follow', '--sources', yamlFile, '--once', '--json', '--allow-private', '--db', path.join(tmp, 'yaml.db')]);
    expect(y.status, y.stderr).toBe(1);
    const ye = jsonLines(y.stdout) as Event[];
    // The interval of the failing source doubles into its backoff: 90 s → retry in 180 s.
    expect(ye).toContainEqual(expect.objectContaining({ kind: 'feed-error', feedUrl: `${srv.origin}/broken.xml`, reason: 'feed-malformed', retryInSeconds: 180 }));
    expect(ye).toContainEqual(expect.objectContaining({ kind: 'item-stored', itemUrl: `${srv.origin}/news/library-reopens` }));
    const ys = jsonLines(runCli(['search', 'library', '--json', '--db', path.join(tmp, 'yaml.db')]).stdout);
    expect(JSON.stringify(ys)).toContain('"outlet":"Quillford Courier"');

    // --settle-every: the settle comes after the round that stored something, while the run goes on, not at its end.
    const j = await runCliAsync(['follow', '--sources', jsonFile, '--once', '--json', '--settle-every', '1ms', '--allow-private', '--db', path.join(tmp, 'json.db')]);
    expect(j.status, j.stderr).toBe(0);
    const je = jsonLines(j.stdout) as Event[];
    expect(je.filter((e) => e.kind === 'item-stored').length).toBeGreaterThanOrEqual(1);
    expect(je.filter((e) => e.kind === 'settled')).toEqual([expect.objectContaining({ why: 'interval' })]);
    const js = jsonLines(runCli(['search', 'ferry', '--json', '--db', path.join(tmp, 'json.db')]).stdout);
    expect(JSON.stringify(js)).toContain('"outlet":"Island Post"');

    // A broken sources file is a usage error (exit 2) with the reason.
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'sources:\n  - outlet: Nowhere\n    feeds: [file:///etc/passwd]\n');
    const b = runCli(['follow', '--sources', bad, '--once', '--db', path.join(tmp, 'bad.db')]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('not http(s)');
  }, 120_000);

  it('refuses a loopback feed without --allow-private, with the reason; --allow-host lets exactly one host:port through', async () => {
    const db = path.join(tmp, 'private.db');
    const r = await runCliAsync(['follow', `${srv.origin}/feed.xml`, '--once', '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/feed-error http:\/\/127\.0\.0\.1:\d+\/feed\.xml: fetch-forbidden-address/);
    const other = await runCliAsync(['follow', `${srv.origin}/broken.xml`, '--once', '--allow-host', `127.0.0.1:${srv.port + 1}`, '--db', db]);
    expect(other.stderr).toContain('fetch-forbidden-address');
    const allowed = await runCliAsync(['follow', `${srv.origin}/broken.xml`, '--once', '--allow-host', `127.0.0.1:${srv.port}`, '--db', db]);
    expect(allowed.stderr).toContain(`feed-error ${srv.origin}/broken.xml: feed-malformed`); // fetched, then refused for its XML
  }, 60_000);
});
