import { describe, expect, it } from 'vitest';
import { demoTexts } from './demo-texts.js';
import { completeCompact, matchCompact, prepareCompact, unpackPassages, verbatimCount, verbatimPart, verbatimPaths } from '../../src/provenance/compact-text.js';
import { matchPassages, prepareSentences } from '../../src/provenance/passage-matcher.js';
import { mostCovered, coverageOrder } from '../../src/pipeline/event-records.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

const WORDS = ['amber', 'harbour', 'quarry', 'lantern', 'meadow', 'copper', 'signal', 'orchard', 'glacier', 'compass'];

/**
 * A repeat as the ingest benchmark makes them: one sentence of its own at the start of every paragraph (the same
 * sentence again and again in one text), sometimes with a sentence edited or dropped, or a paragraph's sentences
 * swapped for a rewording.
 */
function edition(text: string, rep: number, r: () => number): string {
  const words = [0, 1, 2, 3].map((k) => WORDS[(rep * 7 + k * 3) % WORDS.length]).join(' ');
  return text
    .split('\n\n')
    .map((p) => {
      let body = p;
      const roll = r();
      if (roll < 0.2) body = body.replace(/ \S+ \S+([.!?])/, '$1'); // words cut from a sentence's end
      else if (roll < 0.3) body = body.split(/(?<=[.!?])\s+/).slice(1).join(' ') || body; // a sentence dropped
      else if (roll < 0.4) body = body.replace(/\b(\w+) (\w+) (\w+)\b/, '$3 $2 $1'); // words swapped: not verbatim
      return `Edition ${rep} carries the ${words} column for its readers. ${body}`;
    })
    .join('\n\n');
}

function stringPassages(source: string, copy: string) {
  return matchPassages(prepareSentences(source), prepareSentences(copy));
}

describe('compact matching shortcuts', () => {
  const r = mulberry32(7);
  const texts: string[] = [];
  for (const base of demoTexts.slice(0, 8)) for (let rep = 0; rep < 4; rep++) texts.push(rep === 0 ? base : edition(base, rep, r));

  it('match repeated copy sentences once and give the passages of the string form, near-copies and unrelated texts alike', () => {
    const compacts = texts.map((t) => prepareCompact(t));
    const before = { ...verbatimPaths };
    let repeatedMatches = 0;
    let verbatim = 0;
    let paraphrase = 0;
    // Each source against every copy in turn (the source's shingles then looked up in a table of their own).
    texts.forEach((a, i) => {
      texts.forEach((b, j) => {
        const expected = stringPassages(a, b);
        const [s, c] = [compacts[i]!, compacts[j]!];
        const full = matchCompact(s, c);
        expect(unpackPassages(full, a, s, b, c)).toEqual(expected);
        // The verbatim passages alone, and the rest added to them later: the same passages.
        const only = matchCompact(s, c, undefined, true);
        expect(unpackPassages(only, a, s, b, c)).toEqual(expected.filter((p) => p.kind === 'verbatim'));
        expect([...only]).toEqual([...verbatimPart(full)]);
        expect(verbatimCount(full)).toBe(expected.filter((p) => p.kind === 'verbatim').length);
        expect([...completeCompact(s, c, only)]).toEqual([...full]);
        // Copy sentences met more than once (the edition sentence) matched by their group's first one.
        const seen = new Map<string, number>();
        for (const p of expected) seen.set(p.copyText, (seen.get(p.copyText) ?? 0) + 1);
        for (const n of seen.values()) if (n > 1) repeatedMatches++;
        verbatim += expected.filter((p) => p.kind === 'verbatim').length;
        paraphrase += expected.filter((p) => p.kind === 'paraphrase').length;
      });
    });
    // The same copy against every source in turn (the copy's shingles in a table, each run of the source's probed
    // in it), and texts prepared afresh for every pair (the two lists merged, or searched for a near-copy).
    texts.forEach((b, j) => texts.forEach((a, i) => expect(unpackPassages(matchCompact(compacts[i]!, compacts[j]!), a, compacts[i]!, b, compacts[j]!)).toEqual(stringPassages(a, b))));
    for (const a of texts) {
      for (const b of texts) {
        const [s, c] = [prepareCompact(a), prepareCompact(b)];
        expect(unpackPassages(matchCompact(s, c), a, s, b, c)).toEqual(stringPassages(a, b));
      }
    }
    // Every way of finding the shared shingles was taken, many times.
    for (const k of ['merged', 'searched', 'sourceTable', 'copyTable'] as const) expect(verbatimPaths[k] - before[k]).toBeGreaterThan(50);
    // The cases the shortcuts take were met: repeated copy sentences with a match, verbatim and paraphrase.
    expect(repeatedMatches).toBeGreaterThan(20);
    expect(verbatim).toBeGreaterThan(100);
    expect(paraphrase).toBeGreaterThan(20);
  });

  it('give the same passages with a repeated sentence that matches by its shingles only (an edited copy)', () => {
    const source = 'The harbour master said the ferry would not sail before the storm had passed the northern cape. Other news follows here with many words.';
    const edited = 'The harbour master said the ferry would not sail before the storm had passed the cape.';
    const copy = [edited, 'Something else entirely about the council budget and the river dam.', edited, edited].join(' ');
    const [s, c] = [prepareCompact(source), prepareCompact(copy)];
    const expected = stringPassages(source, copy);
    expect(expected.filter((p) => p.kind === 'verbatim' && p.score < 1)).toHaveLength(3);
    expect(unpackPassages(matchCompact(s, c), source, s, copy, c)).toEqual(expected);
  });
});

describe('most covered events', () => {
  it('are the first k of the sorted list, ties and repeated ids included', () => {
    const r = mulberry32(5);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(r() * 60);
      const events = Array.from({ length: n }, (_, i) => ({
        id: `ev-${Math.floor(r() * (round % 3 === 0 ? 8 : 1000))}`,
        label: `e${i}`,
        articleCount: 1 + Math.floor(r() * 4),
        keyEntities: [],
        firstDate: null,
        lastDate: r() < 0.2 ? null : `2025-01-0${1 + Math.floor(r() * 3)}`,
      }));
      for (const k of [0, 1, 5, 20, n, n + 3]) {
        const expected = [...events].sort(coverageOrder).slice(0, k);
        const got = mostCovered(events, k);
        // The same objects in the same order (repeated ids: in their order in the input, as the stable sort keeps them).
        expect(got.length).toBe(expected.length);
        got.forEach((e, i) => expect(e).toBe(expected[i]));
      }
    }
  });
});
