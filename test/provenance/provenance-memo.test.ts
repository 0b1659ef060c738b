import { describe, expect, it } from 'vitest';
import { demoTexts } from './demo-texts.js';
import { buildProvenance, DEFAULT_PROVENANCE_OPTIONS, ProvenanceMemo, type ProvenanceInput } from '../../src/provenance/provenance-graph.js';
import { prepareCompact } from '../../src/provenance/compact-text.js';


const OUTLETS = ['Coastal Press', 'Eurobrief', 'Reuters', null];

/** Each sentence's words in reverse order, quotation marks dropped: a paraphrase keeping every content word. */
function rewordings(text: string): string {
  return text
    .replace(/["“”«»]/g, '')
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => `${sentence.replace(/[.!?]$/, '').split(' ').reverse().join(' ')}.`)
    .join(' ');
}

/**
 * Events as an ingest sees them: each of a few demo stories gains one article per cycle (its text with one
 * distinct sentence per paragraph, as the ingest benchmark makes repeats), with dates, outlets, credits and quotes
 * varied so that every rule is met; the pool is the event's last `window` articles.
 */
function* growingEvents(cycles: number, stories: number, window: number): Generator<ProvenanceInput[]> {
  const events: ProvenanceInput[][] = Array.from({ length: stories }, () => []);
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (let s = 0; s < stories; s++) {
      // Mostly repeats of the story's text; every third cycle another demo article (a related report or not).
      const base = demoTexts[(s * 5 + (cycle % 3 === 1 ? cycle : 0)) % demoTexts.length]!;
      const paragraphs = base.split('\n\n');
      const text =
        cycle === 0
          ? base
          : cycle % 4 === 3
            ? rewordings(base) // a rewrite: the same content words, none of the wording
            : cycle % 4 === 2
              ? paragraphs.slice(0, Math.max(1, paragraphs.length - 2)).join('\n\n') // a trimmed copy
              : paragraphs.map((p) => `${p} Edition ${cycle} keeps this paragraph for the record ${cycle}.`).join('\n\n');
      const outlet = OUTLETS[(cycle + s) % OUTLETS.length]!;
      const wire = cycle % 3 === 2;
      events[s]!.push({
        id: `s${s}c${cycle}`,
        text,
        outlet,
        publishedAt: cycle % 6 === 5 ? null : `2025-05-${String(1 + ((cycle * 7) % 20)).padStart(2, '0')}${cycle % 2 === 0 ? 'T10:00' : ''}`,
        wire,
        agency: wire ? 'Reuters' : null,
        directQuotes: cycle % 4 === 3 ? 0 : cycle % 3,
      });
      yield events[s]!.slice(-window);
    }
  }
}

describe('provenance memo on growing events', () => {
  it('gives the from-scratch result for every pool, with and without its bounds evicting', () => {
    const memos = [new ProvenanceMemo(), new ProvenanceMemo({}, 7), new ProvenanceMemo({}, 1_000, 12), new ProvenanceMemo({}, 1_000, 1_000, 300_000)];
    const lean = new ProvenanceMemo({}, 7);
    const kinds = new Map<string, number>();
    for (const pool of growingEvents(9, 3, 6)) {
      const expected = buildProvenance(pool);
      for (const e of expected.edges) kinds.set(`edge ${e.kind}`, (kinds.get(`edge ${e.kind}`) ?? 0) + 1);
      for (const a of expected.articles) kinds.set(a.classification, (kinds.get(a.classification) ?? 0) + 1);
      for (const memo of memos) expect(buildProvenance(pool, {}, memo)).toEqual(expected);
      // Without passages: the same result, the edges' passages left empty.
      expect(lean.build(pool, { passages: false })).toEqual({ ...expected, edges: expected.edges.map((e) => ({ ...e, passages: [] })) });
    }
    // Every kind of edge is met, and every classification but wire (a credited copy of another input is its near-copy).
    for (const k of ['edge near-copy', 'edge wire', 'edge rewrite', 'original', 'near-copy', 'rewrite']) expect(kinds.get(k) ?? 0).toBeGreaterThan(2);
    // The bounds held after every call.
    expect(memos[1]!.stats().articles).toBeLessThanOrEqual(7);
    expect(memos[2]!.stats().pairs).toBeLessThanOrEqual(12);
    expect(memos[3]!.stats().bytes).toBeLessThanOrEqual(300_000);
  });

  it('takes a compact form prepared elsewhere for the text it was offered with, and gives the same result', () => {
    const plain = new ProvenanceMemo();
    const offered = new ProvenanceMemo();
    for (const pool of growingEvents(6, 2, 5)) {
      const last = pool[pool.length - 1]!;
      offered.offer(last.text, prepareCompact(last.text, DEFAULT_PROVENANCE_OPTIONS.passages));
      expect(buildProvenance(pool, {}, offered)).toEqual(buildProvenance(pool, {}, plain));
    }
    // It is used (a wrong one offered for a text changes the answer), once, and only for that text.
    const [a, b] = [demoTexts[0]!, demoTexts[1]!];
    const pair = (x: string, y: string): ProvenanceInput[] => [
      { id: 'x', text: x, outlet: 'A', publishedAt: '2025-01-01' },
      { id: 'y', text: y, outlet: 'B', publishedAt: '2025-01-02' },
    ];
    const honest = buildProvenance(pair(a, a), {}, new ProvenanceMemo());
    const tricked = new ProvenanceMemo();
    tricked.offer(a, prepareCompact(b, DEFAULT_PROVENANCE_OPTIONS.passages));
    expect(buildProvenance(pair(a, a), {}, tricked)).not.toEqual(honest);
    const unused = new ProvenanceMemo();
    unused.offer(demoTexts[2]!, prepareCompact(b, DEFAULT_PROVENANCE_OPTIONS.passages));
    expect(buildProvenance(pair(a, a), {}, unused)).toEqual(honest);
  });

  it('decides only the new article’s pairs when an event grows by one', () => {
    const memo = new ProvenanceMemo();
    let before = 0;
    for (const pool of growingEvents(8, 2, 5)) {
      buildProvenance(pool, {}, memo);
      const { decided } = memo.stats();
      // The new article is last in its pool: its pairs with the others, nothing more.
      expect(decided - before).toBe(pool.length - 1);
      before = decided;
    }
  });

  it('treats a changed input under the same id as a new article, and a new input order as new pairs', () => {
    const memo = new ProvenanceMemo();
    const pools = [...growingEvents(5, 1, 5)];
    const last = pools.at(-1)!;
    const variants = [
      last,
      [...last].reverse(),
      last.map((a, i) => (i === 1 ? { ...a, publishedAt: '2024-01-01' } : a)),
      last.map((a, i) => (i === 2 ? { ...a, text: last[0]!.text } : a)),
      last.map((a, i) => (i === 0 ? { ...a, agency: 'Coastal Press', wire: true } : a)),
      last,
    ];
    for (const pool of variants) expect(buildProvenance(pool, {}, memo)).toEqual(buildProvenance(pool));
  });
});
