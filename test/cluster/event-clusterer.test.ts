import { describe, expect, it } from 'vitest';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';
import { clusterStream } from '../../src/cluster/cluster-stream.js';
import type { ClusterDoc } from '../../src/cluster/cluster-types.js';
import { scoreClustering } from '../../src/cluster/cluster-metrics.js';

// Short articles written for these tests: two events (a dam flood, a chess final) and a later flood.
const doc = (id: string, title: string, text: string, publishedAt: string | null, outlet = 'A'): ClusterDoc => ({
  id,
  title,
  text,
  publishedAt,
  entities: [],
  places: [],
  outlet,
});

const FLOOD1 = doc('f1', 'Dam breach floods Valmora villages', 'The Kessel dam breached on Monday and flood water swept through three villages near Valmora. Rescue teams evacuated two thousand residents, the regional governor Anna Brix said.', '2024-04-01');
const FLOOD2 = doc('f2', 'Valmora flood: thousands evacuated after Kessel dam breach', 'Rescue teams in Valmora evacuated residents of three villages after the Kessel dam breach, governor Anna Brix said. Flood water reached the main road.', '2024-04-02', 'B');
const FLOOD3 = doc('f3', 'Kessel dam breach: governor Brix orders inquiry', 'Governor Anna Brix ordered an inquiry into the Kessel dam breach that flooded villages near Valmora, as evacuated residents began to return.', '2024-04-05', 'C');
const CHESS1 = doc('c1', 'Orlov wins world chess final in Dorn', 'Grandmaster Ivan Orlov won the world chess championship final in Dorn on Sunday, beating Lee Tan in a rapid tie-break after twelve drawn classical games.', '2024-04-02', 'A');
const CHESS2 = doc('c2', 'Chess: Orlov beats Lee Tan in Dorn tie-break', 'Ivan Orlov is the new world chess champion after beating Lee Tan in the rapid tie-break of the final in Dorn.', '2024-04-03', 'B');
const FLOOD_LATER = doc('f9', 'New dam breach floods Valmora villages', 'A dam breached near Valmora and flood water swept through villages; rescue teams evacuated residents, the regional governor said.', '2025-09-10', 'B');

describe('EventClusterer', () => {
  it('groups articles about one happening and opens a new event when nothing fits', () => {
    const c = new EventClusterer();
    const a1 = c.assign(FLOOD1);
    const a2 = c.assign(CHESS1);
    const a3 = c.assign(FLOOD2);
    const a4 = c.assign(CHESS2);
    const a5 = c.assign(FLOOD3);
    expect(a1.isNewEvent).toBe(true);
    expect(a2.isNewEvent).toBe(true);
    expect(a3.eventId).toBe(a1.eventId);
    expect(a4.eventId).toBe(a2.eventId);
    expect(a5.eventId).toBe(a1.eventId);
    expect(a3.reason).toMatch(/joined .* score .*shared terms: .*(kessel|valmora)/);
    expect(a2.reason).toMatch(/^new event/);
  });

  it('keeps a similar happening a year later out of the event (time distance) but in the story line', () => {
    const c = new EventClusterer();
    const first = c.assign(FLOOD1);
    c.assign(FLOOD2);
    const later = c.assign(FLOOD_LATER);
    expect(later.isNewEvent).toBe(true);
    expect(later.reason).toMatch(/time 0\.00/);
    expect(later.storylineId).toBe(first.storylineId);
  });

  it('derives ids from the founding article, not from order or counters', () => {
    const a = new EventClusterer().assign(FLOOD1);
    const c = new EventClusterer();
    c.assign(CHESS1);
    expect(c.assign(FLOOD1).eventId).toBe(a.eventId);
  });

  it('handles missing and partial dates', () => {
    const c = new EventClusterer();
    const a = c.assign({ ...FLOOD1, publishedAt: null });
    const b = c.assign({ ...FLOOD2, publishedAt: '--04-02' });
    expect(b.eventId).toBe(a.eventId);
    expect(b.reason).toMatch(/date unknown/);
  });

  it('survives snapshot → JSON → restore and continues identically', () => {
    const c = new EventClusterer({ maxDocIdsPerEvent: 100 });
    c.assign(FLOOD1);
    c.assign(CHESS1);
    const json = JSON.parse(JSON.stringify(c.snapshot())) as unknown;
    const restored = EventClusterer.restore(json);
    const x = c.assign(FLOOD2);
    const y = restored.assign(FLOOD2);
    expect(y).toEqual(x);
    expect(restored.listEvents()).toEqual(c.listEvents());
    expect(restored.options.maxActiveEvents).toBe(Infinity);
  });

  it('bounded mode evicts old events', () => {
    const c = new EventClusterer({ maxActiveEvents: 2, maxEventAgeDays: 30 });
    c.assign(FLOOD1);
    c.assign(CHESS1);
    c.assign(FLOOD_LATER);
    expect(c.activeEventCount).toBeLessThanOrEqual(2);
    expect(c.listEvents().map((e) => e.docIds[0])).not.toContain('f1');
  });

  it('merges two events when an article bridges them, and records why', () => {
    // Two halves of one story that first look apart; a full report joins both.
    const c = new EventClusterer({ threshold: 0.3, mergeThreshold: 0.1 });
    const a = c.assign(doc('m1', 'Kessel dam breach', 'The Kessel dam breached near Valmora.', '2024-04-01'));
    const b = c.assign(doc('m2', 'Governor Brix evacuates villages', 'Governor Anna Brix evacuated villages after the flood.', '2024-04-01'));
    expect(b.eventId).not.toBe(a.eventId);
    const bridge = c.assign(
      doc('m3', 'Kessel dam breach: Governor Brix evacuates villages', 'The Kessel dam breached near Valmora; governor Anna Brix evacuated villages after the flood.', '2024-04-01'),
    );
    expect(bridge.merged?.[0]).toMatchObject({ from: b.eventId, into: a.eventId });
    expect(bridge.merged?.[0]?.reason).toMatch(/fitted both events/);
    expect(c.resolve(b.eventId)).toBe(a.eventId);
  });
});

describe('clusterStream', () => {
  const inputs = [FLOOD1, CHESS1, FLOOD2, CHESS2, FLOOD3, FLOOD_LATER].map((d) => ({ ...d, source: `${d.id}.txt` }));

  it('prints one line per input in input order, with duplicates pointing to the original', () => {
    const dup = { ...FLOOD2, id: 'f2-copy', source: 'copy.txt', text: FLOOD2.text.toUpperCase() };
    const { lines } = clusterStream([...inputs, dup]);
    expect(lines.map((l) => l.source)).toEqual([...inputs.map((i) => i.source), 'copy.txt']);
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect(byId.get('f2-copy')).toMatchObject({ duplicateOf: 'f2', eventId: byId.get('f2')!.eventId });
    expect(byId.get('f1')!.duplicateOf).toBeNull();
  });

  it('gives the same partition for any input order', () => {
    const gold = new Map(clusterStream(inputs).lines.map((l) => [l.id, l.eventId]));
    for (const seed of [1, 2, 3]) {
      const shuffled = [...inputs].sort((a, b) => ((a.id.charCodeAt(1) * seed) % 7) - ((b.id.charCodeAt(1) * seed) % 7));
      const pred = new Map(clusterStream(shuffled).lines.map((l) => [l.id, l.eventId]));
      const s = scoreClustering(pred, gold);
      expect(s.bcubedF1).toBe(1);
      expect(pred).toEqual(gold); // ids too: they derive from the founding article
    }
  });
});

describe('scoreClustering', () => {
  it('computes B-cubed and pairwise scores', () => {
    const gold = new Map([['a', '1'], ['b', '1'], ['c', '2']]);
    const allInOne = new Map([['a', 'x'], ['b', 'x'], ['c', 'x']]);
    const s = scoreClustering(allInOne, gold);
    expect(s.bcubedR).toBe(1);
    expect(s.bcubedP).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3) / 3);
    expect(s.pairP).toBeCloseTo(1 / 3);
    expect(s.pairR).toBe(1);
    expect(scoreClustering(gold, gold).bcubedF1).toBe(1);
  });
});

describe('hostile input', () => {
  it('handles empty, huge and punctuation-only articles without blowing up', () => {
    const c = new EventClusterer();
    expect(c.assign(doc('e', '', '', null)).isNewEvent).toBe(true);
    expect(c.assign({ ...doc('p', '', '!!!'.repeat(100_000), null), title: null }).isNewEvent).toBe(true);
    const huge = doc('h', 'Kessel dam', ('Kessel dam breach near Valmora. ' + 'Aaaa '.repeat(50)).repeat(20_000), '2024-04-01');
    const a = c.assign(huge);
    expect(a.eventId).toMatch(/^ev-[0-9a-f]{16}$/);
    expect(c.assign(FLOOD1).eventId).toBe(a.eventId);
  });
});

describe('event splits', () => {
  it('splits an event whose articles form two groups that do not fit each other, and says which articles moved', () => {
    // A threshold this low lets everything join one event; the split check must undo it.
    const c = new EventClusterer({ threshold: 0.01, mergeThreshold: 2, splitMinDocs: 8, splitThreshold: 0.5, queryTerms: 100 });
    const floods = [FLOOD1, FLOOD2, FLOOD3, { ...FLOOD1, id: 'f4', text: FLOOD1.text + ' Roads were closed.' }];
    const chess = [CHESS1, CHESS2, { ...CHESS1, id: 'c3', text: CHESS1.text + ' Fans cheered.' }, { ...CHESS2, id: 'c4', text: CHESS2.text + ' He cried.' }];
    // A shared sign-off makes every article a candidate for the one event.
    const signOff = (d: ClusterDoc): ClusterDoc => ({ ...d, text: d.text + ' Nordia Bulletin reporters filed this evening dispatch.' });
    const order = [floods[0]!, chess[0]!, floods[1]!, chess[1]!, floods[2]!, chess[2]!, floods[3]!, chess[3]!].map(signOff);
    const out = order.map((d) => c.assign(d));
    expect(new Set(out.slice(0, 7).map((a) => a.eventId)).size).toBe(1);
    const last = out[7]!;
    expect(last.splits).toHaveLength(1);
    const split = last.splits![0]!;
    expect(split.from).toBe(out[0]!.eventId);
    expect(split.articleIds.sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(split.reason).toMatch(/^split: its 8 articles form two groups/);
    expect(last.eventId).toBe(split.into);
    const events = c.listEvents();
    expect(events.map((e) => e.docIds.sort())).toEqual([['f1', 'f2', 'f3', 'f4'], ['c1', 'c2', 'c3', 'c4']]);
  });
});
