import { describe, expect, it } from 'vitest';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';

const h = (id: string, title: string, minutes: number) => ({
  id,
  title,
  text: '',
  publishedAt: new Date(Date.UTC(2014, 2, 10, 12, minutes)).toISOString(),
  entities: [],
  places: [],
  outlet: null,
});

describe('headline re-linking', () => {
  it('merges a small headline event into its best headline neighbour, with a reason, and leaves unrelated events alone', () => {
    // A strict join threshold leaves every headline in an event of its own, as early fragments are in a real stream.
    const c = new EventClusterer({ shortThreshold: 0.6, shortMergeThreshold: 0.9 });
    c.assign(h('a1', 'Mt. Gox files for US bankruptcy protection', 0));
    c.assign(h('a2', 'Bitcoin exchange Mt. Gox seeks bankruptcy protection in US', 1));
    c.assign(h('a3', 'Mt Gox bankruptcy filing in Texas court', 2));
    c.assign(h('b1', 'Bachelor finale: Juan Pablo makes his decision', 3));
    const before = c.listEvents().length;
    expect(before).toBe(4);
    const merges = c.relink();
    expect(merges.length).toBe(2);
    for (const m of merges) expect(m.reason).toMatch(/^re-link: a small event/);
    const events = c.listEvents();
    expect(events.length).toBe(before - merges.length);
    const eventOf = new Map(events.flatMap((e) => e.docIds.map((d) => [d, e.id] as const)));
    expect(eventOf.get('a1')).toBe(eventOf.get('a3'));
    expect(eventOf.get('b1')).not.toBe(eventOf.get('a1'));
    for (const m of merges) expect(c.resolve(m.from)).toBe(c.resolve(m.into));
  });
});
