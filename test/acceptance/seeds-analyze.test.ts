/**
 * Issue 2's acceptance on the five seed pages, through the real
 * `storyline analyze --json` and `storyline ingest`. Nothing here is known to
 * the product: the expectations are read off the pages by a person.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, SEEDS } from '../e2e/cli-helpers.js';

interface Span { start: number; end: number; text: string }
interface Line {
  source: string;
  status: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  dateConfidence: string;
  dateSource: string | null;
  dateline: { place: string | null; agency: string | null; day: string | null } | null;
  text: string;
  entities: (Span & { name: string; type: string })[];
  entityTable: { name: string; type: string; aliases: string[]; geonameId?: number }[];
  quotes: (Span & { kind: string; cue: Span & { stance: string }; speaker: (Span & { name: string | null; anonymous?: boolean; via?: string | null }) | null })[];
  times: (Span & { value: string })[];
  dates: { value: string; text: string; role: string }[];
}

const present = existsSync(SEEDS);
if (!present) console.warn(`seed acceptance skipped: ${SEEDS} is missing`);

describe.skipIf(!present)('storyline analyze on the seeds', () => {
  const bySeed = new Map<string, Line>();
  beforeAll(() => {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS, f));
    const r = runCli(['analyze', '--json', ...files]);
    expect(r.status, r.stderr).toBe(0);
    for (const l of jsonLines(r.stdout) as unknown as Line[]) bySeed.set(path.basename(l.source).slice(0, 3), l);
  });
  const seed = (n: string) => {
    const l = bySeed.get(n);
    if (!l) throw new Error(`no output for seed ${n}`);
    return l;
  };
  const speakerOf = (q: Line['quotes'][number]) => `${q.speaker?.name ?? ''} ${q.speaker?.text ?? ''}`;

  it('links "Armenia’s southernmost region" in 003 to Syunik as one place (issue 3)', () => {
    const syunik = seed('003').entityTable.find((e) => e.type === 'LOC' && e.name.startsWith('Syunik'));
    expect(syunik?.aliases).toContain('Armenia’s southernmost region');
  });

  it('003: TASS wire copy with the Yerevan dateline and no invented year', () => {
    const l = seed('003');
    expect(l.outlet).toBe('TASS');
    expect(l.dateline).toMatchObject({ place: 'Yerevan', agency: 'TASS' });
    expect(l.dateline?.day).toMatch(/06-04$/);
    // The year is either left unknown or inferred with its basis stated.
    if (l.publishedAt && /^\d{4}/.test(l.publishedAt)) expect(l.dateSource).toMatch(/year/);
    expect(l.quotes.some((q) => /Kopyrkin|embassy|statement/i.test(speakerOf(q)))).toBe(true);
    expect(l.quotes.some((q) => /governor|Pogosyan/i.test(speakerOf(q)))).toBe(true);
  });

  it('001: dated 2021-05-27 09:24, Zakharova speaks, the sidebar is gone', () => {
    const l = seed('001');
    expect(l.publishedAt).toBe('2021-05-27T09:24');
    const direct = l.quotes.filter((q) => q.kind === 'direct');
    expect(direct.length).toBeGreaterThan(0);
    for (const q of direct) expect(speakerOf(q)).toMatch(/Zakharova/);
    for (const sidebar of ['Ukrainian Forces Liberate Udachne', 'Putin Arrives in China']) {
      expect(l.text).not.toContain(sidebar);
      expect(l.entities.some((e) => sidebar.includes(e.text) && e.text.length > 6)).toBe(false);
    }
  });

  it('000: the sidebar list removed; 02 Mar 2026 is a page date, not a confident article date', () => {
    const l = seed('000');
    expect(l.dates.some((d) => d.value.startsWith('2026-03-02') && d.role !== 'article')).toBe(true);
    if (l.publishedAt?.startsWith('2026-03-02')) expect(l.dateConfidence).not.toBe('high');
    expect(l.text.split('\n').filter((x) => x.trim().length > 0 && x.trim().length < 60).length).toBeLessThan(4);
  });

  it('002: OC Media, chrome removed, quotes by Zakharova, Papikyan, Grigoryan, and an anonymous source via Armenpress', () => {
    const l = seed('002');
    expect(l.outlet).toBe('OC Media');
    for (const chrome of ['Related Articles', 'Most Popular', "Editor's Picks", 'Rely on OC Media']) expect(l.text).not.toContain(chrome);
    const speakers = l.quotes.map(speakerOf).join(' | ');
    for (const name of ['Zakharova', 'Papikyan', 'Grigoryan', 'Mirzoyan']) expect(speakers).toContain(name);
    const anonymous = l.quotes.find((q) => q.speaker?.anonymous);
    expect(anonymous?.speaker?.via ?? anonymous?.speaker?.text).toMatch(/Armenpress|official/i);
    expect(l.quotes.some((q) => q.cue.stance === 'denial' && /correspond to reality/.test(q.text))).toBe(true);
  });

  it('004: the rewrite has no invented direct quotes; reported statements go to Zakharova', () => {
    const l = seed('004');
    expect(l.quotes.filter((q) => q.kind === 'direct')).toHaveLength(0);
    expect(l.quotes.filter((q) => /Zakharova/.test(speakerOf(q))).length).toBeGreaterThan(2);
  });
});

describe.skipIf(!present)('ingesting the seeds', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-seeds-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('forms one story line with at least three dated events', () => {
    const db = path.join(tmp, 'seeds.db');
    expect(runCli(['ingest', SEEDS, '--db', db]).status).toBe(0);
    const lines = jsonLines(runCli(['storylines', '--json', '--db', db]).stdout);
    expect(lines).toHaveLength(1);
    const events = jsonLines(runCli(['stories', '--json', '--db', db]).stdout);
    const dated = events.filter((e) => typeof e['firstDate'] === 'string' && /^\d{4}/.test(e['firstDate'] as string));
    expect(dated.length).toBeGreaterThanOrEqual(3);
  });
});
