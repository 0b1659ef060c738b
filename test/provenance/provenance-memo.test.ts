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

  it('treats a changed input under the same id as a new article, and decides a pair again for a new input order', () => {
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

/** A deterministic shuffle (a settle reads an event's articles in publication order, not the order they came in). */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const k = x % (i + 1);
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}

/**
 * Versions of a few demo stories all dated the same day, with the same number of quotes and no credit: what
 * tells their direction are the trimmed-version rules or, last, the input order (the benchmark's repeats). Plus
 * the growing events' articles (other days, credits, rewrites, undated ones).
 */
function sameDayPool(): ProvenanceInput[] {
  const out: ProvenanceInput[] = [];
  for (let s = 0; s < 3; s++) {
    const base = demoTexts[s * 4]!;
    const paragraphs = base.split('\n\n');
    const versions = [
      base,
      paragraphs.map((p) => `${p} Edition 1 keeps the amber harbour column.`).join('\n\n'),
      paragraphs.map((p) => `${p} Edition 2 keeps the copper willow column.`).join('\n\n'),
      paragraphs.slice(0, Math.max(1, paragraphs.length - 1)).join('\n\n'),
      // Words cut from every sentence's end: shorter shared sentences.
      base.replace(/ \S+ \S+([.!?])/g, '$1'),
      rewordings(base),
    ];
    versions.forEach((text, v) => out.push({ id: `d${s}v${v}`, text, outlet: OUTLETS[v % 3]!, publishedAt: '2025-06-01', directQuotes: 1 }));
  }
  return out;
}

describe('provenance memo across input orders', () => {
  const pools = [...growingEvents(10, 2, 10)];
  const pool = [...sameDayPool(), ...pools.at(-1)!];
  const pairs = (pool.length * (pool.length - 1)) / 2;

  it('gives the from-scratch result in every order, deciding a pair again only where the order matters', () => {
    const memo = new ProvenanceMemo();
    expect(buildProvenance(pool, {}, memo)).toEqual(buildProvenance(pool));
    const first = memo.stats();
    expect(first.decided).toBe(pairs);
    // The reversed order: only the pairs whose decision may depend on the order are decided again, and their
    // passages are not matched again in a direction matched before.
    const reversed = [...pool].reverse();
    expect(buildProvenance(reversed, {}, memo)).toEqual(buildProvenance(reversed));
    const second = memo.stats();
    const again = second.decided - first.decided;
    expect(again).toBeGreaterThan(0);
    expect(again).toBeLessThan(pairs);
    expect(second.matched).toBeLessThanOrEqual(2 * pairs);
    // Both orders of every pair are known now: any other order decides and matches nothing.
    for (const seed of [1, 2, 3]) {
      const order = shuffled(pool, seed);
      expect(buildProvenance(order, {}, memo)).toEqual(buildProvenance(order));
    }
    expect(memo.stats().decided).toBe(second.decided);
    expect(memo.stats().matched).toBe(second.matched);
  });

  it('gives the from-scratch result in shuffled orders with each bound evicting', () => {
    const memos = [new ProvenanceMemo({}, 7), new ProvenanceMemo({}, 1_000, 40), new ProvenanceMemo({}, 1_000, 1_000, 400_000)];
    for (const seed of [4, 5, 6, 7]) {
      const order = shuffled(pool, seed).slice(0, 12);
      const expected = buildProvenance(order);
      for (const memo of memos) expect(buildProvenance(order, {}, memo)).toEqual(expected);
    }
    expect(memos[0]!.stats().articles).toBeLessThanOrEqual(7);
    expect(memos[1]!.stats().pairs).toBeLessThanOrEqual(40);
    expect(memos[2]!.stats().bytes).toBeLessThanOrEqual(400_000);
  });

  it('keeps the passages of a pair only until both orders are decided', () => {
    const memo = new ProvenanceMemo();
    memo.build(pool, { passages: false });
    const waiting = memo.waitingPairs();
    const oneOrder = memo.stats().bytes;
    expect(waiting).toBeGreaterThan(0);
    memo.build([...pool].reverse(), { passages: false });
    expect(memo.waitingPairs()).toBe(0);
    // The second order adds decisions but drops the passages kept for it.
    expect(memo.stats().bytes).toBeLessThan(oneOrder * 1.5);
    expect(memo.stats().pairs).toBe(pairs);
  });
});
