/**
 * The clusterer keys its vectors by term id (src/cluster/term-vector.ts) instead of by term string. Its decisions
 * must not change, and the checkpoint it stores must stay what it was: snapshots written before term ids load, and
 * what it writes reloads to the same state. The fixture was written by the code before term ids (commit 0fe4c9e)
 * from `syntheticStream`: a snapshot after SNAPSHOT_AT articles, and hashes of what that code decided carrying on
 * from it, and of a bounded run (vocabulary halved, events evicted, centroids and members pruned).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';
import type { Assignment } from '../../src/cluster/cluster-types.js';
import * as str from './string-vectors.js';
import * as ids from '../../src/cluster/term-vector.js';
import { docFeatures } from '../../src/cluster/term-features.js';
import { syntheticStream } from './term-ids-docs.js';
import { BOUNDED, SNAPSHOT_AT, STREAM } from './term-ids-config.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/term-ids-old.json', import.meta.url), 'utf8')) as {
  oldSnapshot: unknown;
  continued: string;
  continuedSnapshot: string;
  bounded: string;
  boundedSnapshot: string;
};
const hash = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 32);
const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
const docs = syntheticStream(STREAM);
const run = (c: EventClusterer, ds: typeof docs): Assignment[] => ds.map((d) => c.assign(d));

describe('clusterer with term ids', () => {
  it('loads a snapshot written before term ids and writes it back unchanged', () => {
    const c = EventClusterer.restore(fixture.oldSnapshot);
    expect(json(c.snapshot())).toEqual(fixture.oldSnapshot);
    expect(c.activeEventCount).toBeGreaterThan(5);
  });

  it('carries on from the old snapshot deciding what the old code decided', () => {
    const c = EventClusterer.restore(json(fixture.oldSnapshot));
    const continued = run(c, docs.slice(SNAPSHOT_AT));
    // The stream exercises merges and splits (or this test would say little).
    expect(continued.some((a) => (a.merged?.length ?? 0) > 0)).toBe(true);
    expect(continued.some((a) => (a.splits?.length ?? 0) > 0)).toBe(true);
    const relinked = c.relink();
    expect(hash([continued, relinked, c.listEvents(), c.listStorylines()])).toBe(fixture.continued);
    expect(hash(c.snapshot())).toBe(fixture.continuedSnapshot);
  });

  it('decides in bounded mode what the old code decided, and gives back the ids of forgotten terms', () => {
    const c = new EventClusterer(BOUNDED);
    const out: Assignment[] = [];
    let maxIds = 0;
    for (const d of docs) {
      out.push(c.assign(d));
      maxIds = Math.max(maxIds, c.stats().termIds!);
    }
    const relinked = c.relink();
    expect(hash([out, relinked, c.listEvents(), c.listStorylines()])).toBe(fixture.bounded);
    expect(hash(c.snapshot())).toBe(fixture.boundedSnapshot);
    const s = c.stats();
    expect(s.vocabulary).toBeLessThanOrEqual(BOUNDED.maxVocabulary!);
    // Without giving ids back the dictionary would hold every distinct term of the stream.
    const distinct = new Set(docs.flatMap((d) => [...docFeatures(d).keys()])).size;
    expect(maxIds).toBeLessThan(distinct * 0.6);
  });

  it('reloads what it writes to the same state (snapshot and later decisions), unbounded and bounded', () => {
    for (const config of [{}, BOUNDED]) {
      const a = new EventClusterer(config);
      run(a, docs.slice(0, 200));
      const written = json(a.snapshot());
      const b = EventClusterer.restore(written);
      expect(json(b.snapshot())).toEqual(written);
      // Term ids aside (the original may hold ids not yet given back), the same state.
      expect({ ...b.stats(), termIds: 0 }).toEqual({ ...a.stats(), termIds: 0 });
      // Norms are recomputed after a restore: the original is restored too, so both carry on from the same state.
      const a2 = EventClusterer.restore(written);
      expect(run(b, docs.slice(200))).toEqual(run(a2, docs.slice(200)));
      expect(json(b.snapshot())).toEqual(json(a2.snapshot()));
    }
  });
});

describe('term-id vector functions', () => {
  const rnd = mulberry32(11);
  const vocab = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `n:name${i}` : i % 7 === 0 ? `e:ent${i}` : `w${i}`));
  const vec = (n: number): str.SparseVector => {
    const v: str.SparseVector = new Map();
    // Few distinct values: ties, so the tie-break by term matters.
    for (let i = 0; i < n; i++) v.set(vocab[Math.floor(rnd() * vocab.length)]!, [1, 2, 0.5, 1.5, rnd()][Math.floor(rnd() * 5)]!);
    return v;
  };

  it('compute what their string-keyed namesakes compute, bit for bit', () => {
    for (let round = 0; round < 200; round++) {
      const dfs = new str.DocumentFrequencies(round % 2 === 0 ? Infinity : 25);
      const terms = new ids.TermTable(round % 2 === 0 ? Infinity : 25);
      for (let d = 0; d < 30; d++) {
        const f = vec(8);
        dfs.addDoc(f.keys());
        terms.addDoc(terms.vector(f).keys());
      }
      expect(terms.decays).toBe(dfs.decays);
      expect([...terms.live].map((id) => [terms.term(id), terms.df(id)])).toEqual([...dfs.df]);
      const a = vec(1 + Math.floor(rnd() * 30));
      const b = vec(1 + Math.floor(rnd() * 30));
      const ia = terms.vector(a);
      const ib = terms.vector(b);
      for (const k of vocab) expect(terms.idf(terms.intern(k))).toBe(dfs.idf(k));
      const na = str.channelNorms(a, dfs);
      const nb = str.channelNorms(b, dfs);
      expect(ids.channelNorms(ia, terms)).toEqual(na);
      expect(ids.channelSimilarity(ia, ib, terms, na, nb, 0.6)).toEqual(str.channelSimilarity(a, b, dfs, na, nb, 0.6));
      const q = str.prepareVector(a, dfs);
      const iq = ids.prepareVector(ia, terms);
      const contrib = new Map<string, number>();
      const icontrib = new Map<number, number>();
      expect(ids.preparedSimilarity(iq, ib, nb, 0.3, icontrib)).toEqual(str.preparedSimilarity(q, b, nb, 0.3, contrib));
      expect(terms.entries(icontrib)).toEqual([...contrib]);
      expect(ids.topPrepared(iq, 7, terms)).toEqual(str.topPrepared(q, 7));
      expect(ids.topTerms(ib, terms, 5)).toEqual(str.topTerms(b, dfs, 5));
      expect(terms.entries(ids.pruneTop(ib.copy(), 6, terms))).toEqual([...str.pruneTop(new Map(b), 6)]);
      const sa = new Map(b);
      const isa = ib.copy();
      expect(ids.addPreparedWithNorms(isa, iq, nb)).toEqual(str.addPreparedWithNorms(sa, q, nb));
      expect(terms.entries(isa)).toEqual([...sa]);
      ids.addInto(isa, ia);
      str.addInto(sa, a);
      expect(terms.entries(isa)).toEqual([...sa]);
      // Adding with unknown norms (the other branch).
      const ic = new ids.TermVector();
      const sc: str.SparseVector = new Map();
      expect(ids.addPreparedWithNorms(ic, iq, null)).toBe(str.addPreparedWithNorms(sc, q, null));
      expect(terms.entries(ic)).toEqual([...sc]);
    }
  });

  it('TermVector does what a Map<number, number> never deleted from does, across growth', () => {
    for (let round = 0; round < 50; round++) {
      const v = new ids.TermVector(1 + (round % 5));
      const m = new Map<number, number>();
      const span = 1 + Math.floor(rnd() * 5000);
      for (let k = 0; k < 400; k++) {
        const id = Math.floor(rnd() * span);
        const x = rnd();
        expect(v.get(id)).toBe(m.get(id));
        expect(v.has(id)).toBe(m.has(id));
        v.set(id, x);
        m.set(id, x);
        expect(v.size).toBe(m.size);
      }
      expect([...v.keys()]).toEqual([...m.keys()]);
      expect(Array.from({ length: v.size }, (_, i) => v.vals[i])).toEqual([...m.values()]);
      expect(v.copy().keys()).toEqual(v.keys());
      const f = ids.TermVector.from([...m]);
      for (const id of m.keys()) expect(f.get(id)).toBe(m.get(id));
      expect(f.get(span + 1)).toBeUndefined();
    }
  });

  it('gives back ids no vector holds, and reuses them for new terms', () => {
    const terms = new ids.TermTable(4);
    const held = terms.vector([['kept', 1]]);
    for (let d = 0; d < 20; d++) terms.addDoc([terms.intern(`t${d}`)]);
    const before = terms.size;
    const released = terms.release((keep) => {
      for (const id of held.keys()) keep(id);
    });
    expect(released).toBeGreaterThan(0);
    expect(terms.size).toBe(before - released);
    expect(terms.term([...held.keys()][0]!)).toBe('kept');
    for (const id of terms.live) expect(terms.find(terms.term(id))).toBe(id);
    expect(terms.find('t0')).toBe(-1);
    const again = terms.intern('t0');
    expect(terms.df(again)).toBe(0);
    expect(terms.term(again)).toBe('t0');
    expect(terms.idf(again)).toBe(Math.log(terms.n + 1) + 1);
  });
});
