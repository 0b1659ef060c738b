import { describe, expect, it } from 'vitest';
import type { ClusterDoc } from '../../src/cluster/cluster-types.js';
import { arrivedOutOfOrder, diffPartitions, replayInPublicationOrder } from '../../src/pipeline/resequence.js';
import { STORED_CLUSTERER } from '../../src/pipeline/event-records.js';
import { seededShuffle } from '../../src/util/seeded-random.js';

const doc = (id: string, publishedAt: string | null, title = id, text = ''): ClusterDoc => ({ id, title, text, publishedAt, entities: [], places: [], outlet: null });
const log = (...docs: ClusterDoc[]) => docs.map((d, i) => ({ seq: i + 1, doc: d }));

describe('arrivedOutOfOrder', () => {
  it('is false for arrivals in publication order, undated last, ties by id', () => {
    expect(arrivedOutOfOrder(log(doc('a', '2024-01-01'), doc('b', '2024-01-02'), doc('c', '2024-01-02'), doc('d', null)), 0)).toBe(false);
  });

  it('is true when an earlier-dated article arrives after a later one', () => {
    expect(arrivedOutOfOrder(log(doc('a', '2024-01-02'), doc('b', '2024-01-01')), 0)).toBe(true);
    expect(arrivedOutOfOrder(log(doc('z', null), doc('b', '2024-01-01')), 0)).toBe(true);
    expect(arrivedOutOfOrder(log(doc('b', '2024-01-01'), doc('a', '2024-01-01')), 0)).toBe(true);
  });

  it('treats the part already settled as replayed in order: only later arrivals count', () => {
    // Entries 1–2 arrived out of order but were settled (replayed by date); entry 3 comes after both.
    expect(arrivedOutOfOrder(log(doc('a', '2024-01-05'), doc('b', '2024-01-01'), doc('c', '2024-01-06')), 2)).toBe(false);
    expect(arrivedOutOfOrder(log(doc('a', '2024-01-05'), doc('b', '2024-01-01'), doc('c', '2024-01-03')), 2)).toBe(true);
  });
});

describe('diffPartitions', () => {
  it('reports moved articles, changed events, events merged away and events split', () => {
    const stored = new Map<string, string | null>([
      ['a1', 'ev-x'],
      ['a2', 'ev-x'],
      ['a3', 'ev-x'],
      ['a4', 'ev-y'],
      ['a5', 'ev-z'],
    ]);
    const next = new Map([
      ['a1', 'ev-x'],
      ['a2', 'ev-x'],
      ['a3', 'ev-w'],
      ['a4', 'ev-w'],
      ['a5', 'ev-z'],
    ]);
    const d = diffPartitions(stored, next);
    expect(d.moved.sort()).toEqual(['a3', 'a4']);
    expect([...d.changedEvents].sort()).toEqual(['ev-w', 'ev-x']);
    expect(d.retired).toEqual([{ id: 'ev-y', into: 'ev-w' }]);
    expect(d.split).toEqual([{ id: 'ev-x', parts: [['ev-x', 2], ['ev-w', 1]] }]);
  });
});

describe('replayInPublicationOrder', () => {
  const texts: [string, string | null, string][] = [
    ['p1', '2024-03-01', 'Flood waters rise in the river valley as rain continues; villages along the river evacuated by rescue teams'],
    ['p2', '2024-03-01', 'River valley villages evacuated as flood waters rise after days of rain, rescue teams say'],
    ['p3', '2024-03-02', 'Rescue teams evacuate more villages as the river flood spreads through the valley'],
    ['q1', '2024-03-01', 'Central bank raises interest rates by half a point to fight inflation, governor says'],
    ['q2', '2024-03-02', 'Interest rates up half a point as the central bank governor warns inflation is persistent'],
    ['r1', null, 'Botanic garden opens a glasshouse of desert plants with four hundred species of cactus'],
  ];
  const docs = texts.map(([id, d, t]) => doc(id, d, t.split(' ').slice(0, 8).join(' '), t));

  it('gives the same partition for any arrival order', () => {
    const partition = (ds: ClusterDoc[]) => {
      const r = replayInPublicationOrder(ds, STORED_CLUSTERER);
      return docs.map((d) => r.eventOf.get(d.id));
    };
    const base = partition(docs);
    expect(new Set(base).size).toBeGreaterThan(1);
    for (const seed of [1, 2, 3]) expect(partition(seededShuffle(docs, seed))).toEqual(base);
    expect(partition([...docs].reverse())).toEqual(base);
  });

  it('gives every event a story line and a reason for every article', () => {
    const r = replayInPublicationOrder(docs, STORED_CLUSTERER);
    for (const ev of new Set(r.eventOf.values())) expect(r.storylineOf.get(ev)).toBeTruthy();
    for (const d of docs) expect(r.reasonOf.get(d.id)).toBeTruthy();
  });
});
