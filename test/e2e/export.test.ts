/**
 * `storyline export` and /api/export through the real binary, on a store built
 * from our own short articles (one with a formula-looking first line and a
 * quote with commas, to exercise CSV escaping).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, startServer } from './cli-helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-export-'));
const db = path.join(tmp, 'export.db');

const DOCS = [
  {
    source: 'own/dam-1',
    outlet: 'Valley Post',
    title: '=HYPERLINK("http://evil.example") Dam inspection ordered after cracks found',
    publishedAt: '2025-04-02T09:00',
    text:
      'Engineers ordered an inspection of the Orlen Dam on Wednesday after cracks were found in its spillway, regional water director Petra Holm said.\n\n"We are not taking any chances, none at all, with a dam this old," Holm told reporters, adding that the reservoir would be lowered.',
  },
  {
    source: 'own/dam-2',
    outlet: 'River News',
    title: 'Cracks in Orlen Dam spillway prompt inspection',
    publishedAt: '2025-04-02T14:00',
    text:
      'Cracks found in the spillway of the Orlen Dam have prompted an inspection, regional water director Petra Holm said on Wednesday.\n\nHolm said the reservoir would be lowered while engineers examine the structure. "We are not taking any chances," she said.',
  },
  {
    source: 'own/library',
    outlet: 'City Weekly',
    title: 'Library extends opening hours for exam season',
    publishedAt: '2025-05-20',
    text:
      'The central library will stay open until midnight during the exam season, head librarian Ada Kern said on Tuesday. Students had asked for longer hours in a petition signed by more than two thousand people.',
  },
];

beforeAll(() => {
  const file = path.join(tmp, 'docs.jsonl');
  writeFileSync(file, DOCS.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const r = runCli(['ingest', file, '--db', db]);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function parseCsv(text: string): string[][] {
  // A small RFC 4180 reader for the test (quoted cells may hold commas, quotes and newlines).
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r') continue;
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  return rows;
}

describe('storyline export', () => {
  it('writes every article as one JSON line with its enrichment, in id order', () => {
    const r = runCli(['export', 'articles', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(3);
    const ids = lines.map((l) => String(l['id']));
    expect([...ids].sort()).toEqual(ids);
    const dam = lines.find((l) => l['outlet'] === 'Valley Post')!;
    expect(dam['text']).toContain('Orlen Dam');
    expect(dam['eventId']).toMatch(/^ev-/);
    expect((dam['quotes'] as unknown[]).length).toBeGreaterThan(0);
    expect(dam).not.toHaveProperty('raw');
    expect(r.stderr).toContain('exported 3 articles');
  });

  it('includes the raw input only when asked, and only for articles', () => {
    const r = runCli(['export', 'articles', '--with-raw', '--quiet', '--db', db]);
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout)[0]).toHaveProperty('raw');
    expect(r.stderr).toBe('');
    const bad = runCli(['export', 'events', '--with-raw', '--db', db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--with-raw applies to articles only');
  });

  it('writes CSV with quoting and neutralised formulas, to a file', () => {
    const out = path.join(tmp, 'articles.csv');
    const r = runCli(['export', 'articles', '--format', 'csv', '--out', out, '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['id', 'url', 'outlet', 'title', 'byline', 'publishedAt', 'dateConfidence', 'language', 'dateline', 'eventId', 'provenance', 'provenanceOf', 'entities', 'places', 'text']);
    expect(rows).toHaveLength(4);
    const dam = rows.find((x) => x[2] === 'Valley Post')!;
    expect(dam[3]).toBe(`'=HYPERLINK("http://evil.example") Dam inspection ordered after cracks found`);
    expect(dam[14]).toContain('"We are not taking any chances, none at all, with a dam this old,"');
    expect(dam[12]).toContain('Petra Holm');
  });

  it('exports events with their members, statements across outlets, and refuses unknown kinds', () => {
    const events = jsonLines(runCli(['export', 'events', '--db', db]).stdout);
    expect(events.map((e) => (e['articles'] as unknown[]).length).sort()).toEqual([1, 2]);
    const statements = parseCsv(runCli(['export', 'statements', '--format', 'csv', '--db', db]).stdout);
    expect(statements[0]).toContain('speaker');
    // One statement, carried by both outlets: the full quote in one, its truncation in the other.
    const chances = statements.filter((row) => row[9]?.startsWith('We are not taking any chances'));
    expect(chances).toHaveLength(1);
    expect(chances[0]!.slice(1, 4)).toEqual(['Petra Holm', expect.stringMatching(/^person-/), 'direct']);
    expect(chances[0]![7]!.split('; ').sort()).toEqual(['River News', 'Valley Post']);
    expect(Number(chances[0]![8])).toBe(2);
    const bad = runCli(['export', 'tweets', '--db', db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown export kind "tweets"');
  });
});

describe('/api/export', () => {
  it('streams every record with a download name, and rejects bad parameters', async () => {
    const server = await startServer(['--db', db]);
    try {
      const res = await fetch(`${server.url}/api/export/entities?format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toContain('storyline-entities.csv');
      expect(res.headers.get('content-security-policy')).toBeTruthy();
      const rows = parseCsv(await res.text());
      expect(rows[0]?.slice(0, 3)).toEqual(['id', 'name', 'type']);
      expect(rows.some((r) => r[1] === 'Petra Holm')).toBe(true);
      const lines = jsonLines(await (await fetch(`${server.url}/api/export/articles`)).text());
      expect(lines).toHaveLength(3);
      expect(await (await fetch(`${server.url}/`)).text()).toContain('href="/api/export/statements?format=csv"');
      expect((await fetch(`${server.url}/api/export/tweets`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/export/articles?format=xml`)).status).toBe(400);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
