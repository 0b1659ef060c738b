/**
 * End to end through the real binary: analyze, ingest (idempotence, bad
 * inputs), listings with --json, and the web server over HTTP.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBadInputs } from '../fixtures/bad-inputs/make-bad-inputs.js';
import { jsonLines, repoRoot, runCli, startServer } from './cli-helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DEMO = path.join(repoRoot, 'demo/corpus');

describe('storyline analyze', () => {
  it('prints one contract line per input, with offsets into text', () => {
    const r = runCli(['analyze', '--json', path.join(DEMO, 'nordwire-2023-03-14-iberia-water-protocol.txt'), path.join(DEMO, 'newsfeed-export.jsonl')]);
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) {
      expect(l['status']).toBe('ok');
      for (const key of ['source', 'reason', 'title', 'outlet', 'url', 'publishedAt', 'dateConfidence', 'dateSource', 'dateline', 'language', 'text', 'entities', 'quotes', 'places', 'times']) {
        expect(l).toHaveProperty(key);
      }
      const text = l['text'] as string;
      for (const e of l['entities'] as { start: number; end: number; text: string }[]) expect(text.slice(e.start, e.end)).toBe(e.text);
      // An interrupted quote ("A," she said. "B.") spans its attribution; its pieces are in `parts`.
      for (const q of l['quotes'] as { start: number; end: number; text: string; parts?: { start: number; end: number }[] }[]) {
        const pieces = q.parts ?? [{ start: q.start, end: q.end }];
        for (const p of pieces) expect(p.start >= q.start && p.end <= q.end).toBe(true);
        expect(pieces.map((p) => text.slice(p.start, p.end)).join(' ').replace(/\s+/g, ' ')).toBe(q.text.replace(/\s+/g, ' '));
      }
      for (const t of l['times'] as { start: number; end: number; text: string }[]) expect(text.slice(t.start, t.end)).toBe(t.text);
    }
  });

  it('--verbatim keeps the input exactly, so offsets index the input', () => {
    const input = 'MOSCOW (Reuters) - Foreign ministry spokeswoman Maria Zakharova said on Thursday that talks would resume. "We are ready," she said.';
    const r = runCli(['analyze', '--json', '--verbatim', '-'], { input });
    const [line] = jsonLines(r.stdout);
    expect(line?.['text']).toBe(input);
    expect((line?.['dateline'] as { agency: string }).agency).toBe('Reuters');
    const quotes = line?.['quotes'] as { start: number; end: number; text: string }[];
    expect(quotes.some((q) => input.slice(q.start, q.end) === q.text && q.text.includes('We are ready'))).toBe(true);
  });

  it('rejects bad input with a reason and exit code 1, never crashing', () => {
    const dir = path.join(tmp, 'analyze-bad');
    makeBadInputs(dir);
    const r = runCli(['analyze', '--json', dir]);
    expect(r.status).toBe(1);
    const rejected = jsonLines(r.stdout).filter((l) => l['status'] === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(4);
    for (const l of rejected) expect(typeof l['reason']).toBe('string');
  });

  it('usage errors exit 2 with a message', () => {
    const r = runCli(['stories', '--sort', 'sideways', '--db', path.join(tmp, 'usage.db')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--sort');
    expect(runCli(['no-such-command']).status).toBe(2);
  });
});

describe('storyline ingest and the listings', () => {
  const db = path.join(tmp, 'e2e.db');

  it('stores the demo corpus, then stores nothing new on a second run', () => {
    const first = runCli(['ingest', '--json', DEMO, '--db', db]);
    expect(first.status).toBe(0);
    const outcomes = jsonLines(first.stdout);
    expect(outcomes.filter((o) => o['status'] === 'stored').length).toBeGreaterThanOrEqual(25);
    const second = runCli(['ingest', DEMO, '--db', db]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/stored\s+0/);
  }, 240_000); // two full runs of the CLI: generous on a loaded machine (behaviour is asserted, not speed)

  it('settles: nothing to re-sequence right after an ingest run (it settled itself)', () => {
    const r = runCli(['settle', '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ replayed: false, note: 'nothing new since the last settle' });
  });

  it('takes the store from STORYLINE_DB too', () => {
    const r = runCli(['storylines', '--json'], { env: { STORYLINE_DB: db } });
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout).length).toBeGreaterThanOrEqual(3);
  });

  it('lists events, shows one with --why, searches, lists quotes and entities', () => {
    const events = jsonLines(runCli(['stories', '--json', '--db', db]).stdout);
    expect(events.length).toBeGreaterThanOrEqual(6);
    const id = events[0]!['id'] as string;
    const story = runCli(['story', id, '--why', '--db', db]);
    expect(story.status).toBe(0);
    expect(story.stdout).toContain('Why each article is here');
    const search = jsonLines(runCli(['search', 'Tagus', '--json', '--db', db]).stdout);
    expect(search.length).toBeGreaterThan(0);
    const quotes = jsonLines(runCli(['quotes', '--json', '--db', db]).stdout);
    expect(quotes.length).toBeGreaterThan(0);
    const entities = jsonLines(runCli(['entities', '--json', '--type', 'PERSON', '--db', db]).stdout);
    expect(entities.every((e) => e['type'] === 'PERSON')).toBe(true);
    const one = runCli(['entity', entities[0]!['id'] as string, '--json', '--db', db]);
    expect(one.status, one.stderr).toBe(0);
    expect(jsonLines(one.stdout)[0]?.['articles']).toBeDefined();
  });

  it('serves the web UI and the API over HTTP with a strict CSP', async () => {
    // Listed before the server starts: a slow child process between two requests would outlive the server's keep-alive.
    const events = jsonLines(runCli(['stories', '--json', '--db', db]).stdout);
    const server = await startServer(['--db', db]);
    try {
      const front = await fetch(`${server.url}/`);
      expect(front.status).toBe(200);
      expect(front.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await front.text();
      expect(html).toMatch(/storyline/i);
      const api = (await (await fetch(`${server.url}/api/storylines`)).json()) as unknown;
      expect(JSON.stringify(api)).toContain('sl-');
      const page = await fetch(`${server.url}/event/${events[0]!['id'] as string}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(String(events[0]!['label']).slice(0, 20).replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    } finally {
      await server.stop();
    }
  });
});

describe('ingesting a folder of bad inputs', () => {
  it('rejects each bad file with a reason and stores the good ones', () => {
    const dir = path.join(tmp, 'bad');
    const set = makeBadInputs(dir);
    const r = runCli(['ingest', '--json', dir, '--db', path.join(tmp, 'bad.db')]);
    expect(r.status).toBe(1);
    const bySource = new Map(jsonLines(r.stdout).map((o) => [path.basename(String(o['source']).split('#')[0]!), o]));
    for (const f of set.files) {
      const o = bySource.get(f.name);
      expect(o, f.name).toBeDefined();
      if (f.expect === 'stored') expect(o!['status'], f.name).toBe('stored');
      else {
        expect(o!['status'], f.name).toBe('rejected');
        expect([f.expect, ...f.alsoAccept], f.name).toContain(o!['reason']);
      }
    }
  });
});

describe.skipIf(!existsSync(path.resolve(repoRoot, '../shared/corpus/seeds')))('seeds', () => {
  it('ingesting the seeds twice stores nothing new', () => {
    const db = path.join(tmp, 'seeds.db');
    const seeds = path.resolve(repoRoot, '../shared/corpus/seeds');
    expect(jsonLines(runCli(['ingest', '--json', seeds, '--db', db]).stdout).filter((o) => o['status'] === 'stored')).toHaveLength(5);
    expect(jsonLines(runCli(['ingest', '--json', seeds, '--db', db]).stdout).every((o) => o['status'] === 'duplicate')).toBe(true);
  });

  it('stores the seeds as one story line of at least three events, 001 and 003 in the same or adjacent events (issue 5)', () => {
    const db = path.join(tmp, 'seeds.db');
    const storylines = jsonLines(runCli(['storylines', '--json', '--db', db]).stdout);
    expect(storylines).toHaveLength(1);
    expect(storylines[0]!['eventCount'] as number).toBeGreaterThanOrEqual(3);
    const hits = (q: string) => jsonLines(runCli(['search', q, '--json', '--db', db]).stdout).map((h) => h['article'] as Record<string, unknown>);
    const eventOf = (q: string, prefix: string) => hits(q).find((a) => String(a['source']).includes(`/${prefix}_`))?.['eventId'] as string | undefined;
    const e1 = eventOf('Zakharova', '001');
    const e3 = eventOf('Kopyrkin', '003');
    expect(e1 && e3).toBeTruthy();
    // Adjacent: no other event starts between them on the story line's timeline.
    const events = jsonLines(runCli(['stories', '--json', '--db', db]).stdout).filter((e) => e['firstDate'] !== null);
    const order = events.sort((a, b) => String(a['firstDate']).localeCompare(String(b['firstDate']))).map((e) => e['id']);
    expect(Math.abs(order.indexOf(e1) - order.indexOf(e3))).toBeLessThanOrEqual(1);
  });
});
