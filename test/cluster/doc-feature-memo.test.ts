/**
 * The clusterer remembers what it derives from a document alone (features, token count, lead names) across
 * clusterers of one process (src/cluster/doc-feature-memo.ts), so the settle's replay does not derive them again
 * for the documents the online clusterer saw. Decisions must be exactly those of a clusterer deriving everything
 * itself, and a remembered entry must never serve a document whose content or weights differ.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';
import type { Assignment, ClusterDoc } from '../../src/cluster/cluster-types.js';
import { docContentDigest, docFeatureCount, forgetDocFeatures, recall, remember } from '../../src/cluster/doc-feature-memo.js';
import { DEFAULT_FEATURE_WEIGHTS, FEATURE_TEXT_CHARS, docFeatures, leadNames } from '../../src/cluster/term-features.js';
import { replayInPublicationOrder } from '../../src/pipeline/resequence.js';
import { STORED_CLUSTERER } from '../../src/pipeline/event-records.js';
import { seededShuffle } from '../../src/util/seeded-random.js';
import { syntheticStream } from './term-ids-docs.js';

const docs = syntheticStream(400, 11);
const run = (c: EventClusterer, ds: readonly ClusterDoc[]): Assignment[] => ds.map((d) => c.assign(d));
const shuffled = seededShuffle;
/** A clusterer's decisions and state, compared whole. */
const outcome = (c: EventClusterer, as: Assignment[]): string => JSON.stringify({ as, snapshot: c.snapshot() });

beforeEach(() => forgetDocFeatures());

describe('doc feature memo', () => {
  it('a clusterer reading remembered features decides what one deriving them decides', () => {
    const order = shuffled(docs, 3);
    const cold = new EventClusterer(STORED_CLUSTERER);
    forgetDocFeatures();
    const coldOut = outcome(cold, run(cold, order));
    // An online clusterer sees the documents in another order first and leaves their features behind.
    forgetDocFeatures();
    run(new EventClusterer(STORED_CLUSTERER), docs);
    expect(docFeatureCount()).toBe(docs.length);
    for (const d of order) expect(recall(d, new EventClusterer(STORED_CLUSTERER).options.weights).entry).not.toBeNull();
    const warm = new EventClusterer(STORED_CLUSTERER);
    expect(outcome(warm, run(warm, order))).toBe(coldOut);
  });

  it('the replay in publication order is the same with the memo filled by a run in arrival order', () => {
    forgetDocFeatures();
    const cold = replayInPublicationOrder(shuffled(docs, 5), STORED_CLUSTERER);
    const coldOut = JSON.stringify([[...cold.eventOf], [...cold.storylineOf], [...cold.reasonOf], cold.merges, cold.clusterer.snapshot()]);
    forgetDocFeatures();
    run(new EventClusterer(STORED_CLUSTERER), shuffled(docs, 9));
    const warm = replayInPublicationOrder(shuffled(docs, 5), STORED_CLUSTERER);
    expect(JSON.stringify([[...warm.eventOf], [...warm.storylineOf], [...warm.reasonOf], warm.merges, warm.clusterer.snapshot()])).toBe(coldOut);
  });

  it('remembers features in docFeatures order with the same weights', () => {
    const c = new EventClusterer();
    const d = docs[0]!;
    c.assign(d);
    const entry = recall(d, c.options.weights).entry!;
    const fresh = docFeatures(d, c.options.weights);
    expect(entry.keys).toEqual([...fresh.keys()]);
    expect(entry.vals).toEqual([...fresh.values()]);
  });

  it('does not serve a document whose content changed under the same id', () => {
    const d = docs[1]!;
    const c1 = new EventClusterer();
    c1.assign(d);
    const changed: ClusterDoc = { ...d, text: d.text.replace(/\b\p{Lu}\p{L}+/u, 'Zanzibar'), places: [...d.places, 'Zanzibar'] };
    expect(recall(changed, c1.options.weights).entry).toBeNull();
    const c2 = new EventClusterer();
    c2.assign(changed);
    const entry = recall(changed, c2.options.weights).entry!;
    expect(entry.keys).toEqual([...docFeatures(changed, c2.options.weights).keys()]);
    expect(entry.keys).toContain('p:zanzibar');
  });

  it('does not serve a clusterer with other weights', () => {
    const d = docs[2]!;
    new EventClusterer().assign(d);
    const other = new EventClusterer({ weights: { title: 5, year: 0 } });
    expect(recall(d, other.options.weights).entry).toBeNull();
    // Equal weights in another object are the same weights.
    expect(recall(d, { ...DEFAULT_FEATURE_WEIGHTS }).entry).not.toBeNull();
    other.assign(d);
    expect(recall(d, other.options.weights).entry!.vals).toEqual([...docFeatures(d, other.options.weights).values()]);
  });

  it('tells apart contents that one encoding or framing would merge', () => {
    const base: ClusterDoc = { id: 'x', title: 'T', text: 'a \ud800 b', publishedAt: null, entities: [], places: [], outlet: null };
    const digests = new Set([
      docContentDigest(base),
      docContentDigest({ ...base, text: 'a \ufffd b' }),
      docContentDigest({ ...base, title: null }),
      docContentDigest({ ...base, title: '' }),
      docContentDigest({ ...base, title: 'Ta', text: ' \ud800 b' }),
      docContentDigest({ ...base, entities: ['a,b'] }),
      docContentDigest({ ...base, entities: ['a', 'b'] }),
      docContentDigest({ ...base, entities: ['a'], places: [] }),
      docContentDigest({ ...base, entities: [], places: ['a'] }),
    ]);
    expect(digests.size).toBe(9);
  });

  it('digests only the part of a long text that its features read', () => {
    // Past FEATURE_TEXT_CHARS, nothing the clusterer derives reads the text: two texts that differ only there are one.
    const head = 'Premier Valdor Kessan met the Ostrian envoy in Marrow on 12 May 2024 and said talks went well ';
    let body = '';
    while (body.length < FEATURE_TEXT_CHARS - 1) body += head;
    body = body.slice(0, FEATURE_TEXT_CHARS - 1) + '.';
    const a: ClusterDoc = { id: 'long', title: 'Kessan meets envoy', text: body + ' Zeta Quorin of 1999 fled.', publishedAt: null, entities: [], places: [], outlet: null };
    const b: ClusterDoc = { ...a, text: body + '\n' + 'Other Names In 2031 '.repeat(5_000) };
    expect(docContentDigest(a)).toBe(docContentDigest(b));
    expect([...docFeatures(a)]).toEqual([...docFeatures(b)]);
    expect(leadNames(a)).toEqual(leadNames(b));
    expect(docContentDigest(a)).not.toBe(docContentDigest({ ...a, text: 'X' + a.text.slice(1) }));
    const cold = new EventClusterer();
    const coldOut = outcome(cold, [cold.assign(b)]);
    forgetDocFeatures();
    new EventClusterer().assign(a);
    const warm = new EventClusterer();
    expect(outcome(warm, [warm.assign(b)])).toBe(coldOut);
  });

  it('holds at most 30,000 documents, oldest dropped first', () => {
    const w = DEFAULT_FEATURE_WEIGHTS;
    const doc = (i: number): ClusterDoc => ({ id: `d${i}`, title: null, text: `text ${i}`, publishedAt: null, entities: [], places: [], outlet: null });
    for (let i = 0; i < 30_005; i++) remember(`d${i}`, docContentDigest(doc(i)), w, ['a'], [1]);
    expect(docFeatureCount()).toBe(30_000);
    expect(recall(doc(0), w).entry).toBeNull();
    expect(recall(doc(4), w).entry).toBeNull();
    expect(recall(doc(5), w).entry).not.toBeNull();
    expect(recall(doc(30_004), w).entry).not.toBeNull();
  });
});
