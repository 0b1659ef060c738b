import { describe, expect, it } from 'vitest';
import { storylineOf } from '../../src/pipeline/event-records.js';
import { StorylineRows } from '../../src/pipeline/storyline-rows.js';
import type { EventRecord, EventSummary, Store } from '../../src/store/store-port.js';

const ev = (id: string, storylineId: string, articleCount: number, keyEntities: string[], lastDate: string | null = '2026-01-02'): EventRecord => ({
  id,
  storylineId,
  label: `label ${id}`,
  summary: '',
  firstDate: lastDate,
  lastDate,
  articleCount,
  outlets: [],
  keyEntities,
});

function fakeStore(events: EventRecord[]) {
  let reads = 0;
  const store: Pick<Store, 'listEvents'> = {
    listEvents: async (filter) => {
      reads++;
      return events.filter((e) => e.storylineId === filter?.storylineId).slice(0, filter?.limit ?? 50) as unknown as EventSummary[];
    },
  };
  return { store, reads: () => reads };
}

describe('storylineOf', () => {
  it('does not depend on the order its events come in', () => {
    const events = [ev('ev-b', 's', 3, ['Ana', 'Ben']), ev('ev-a', 's', 3, ['Ben', 'Ana']), ev('ev-c', 's', 1, ['Cid'], null)];
    const one = storylineOf('s', events);
    expect(storylineOf('s', [...events].reverse())).toEqual(one);
    // Equal coverage and date: the smaller id is the most covered; its entities come first on equal counts.
    expect(one.label).toBe('label ev-a');
    expect(one.keyEntities).toEqual(['Ben', 'Ana', 'Cid']);
  });
});

describe('StorylineRows', () => {
  it('reads a story line once and keeps its rows up to date with what was committed', async () => {
    const { store, reads } = fakeStore([ev('ev-1', 's1', 2, ['Ana']), ev('ev-2', 's1', 1, ['Ben'])]);
    const rows = new StorylineRows(store);
    const fresh = ev('ev-2', 's1', 5, ['Ben']);
    expect((await rows.record('s1', [fresh])).label).toBe('label ev-2');
    rows.committed('s1', [fresh], []);
    expect((await rows.record('s1', [])).keyEntities).toEqual(['Ben', 'Ana']);
    expect(reads()).toBe(1);
    expect(rows.size).toEqual({ storylines: 1, events: 2 });
  });

  it('drops a merged-away event and an event that moved to another story line from the lines that held them', async () => {
    const { store } = fakeStore([ev('ev-1', 's1', 2, ['Ana']), ev('ev-2', 's1', 1, ['Ben']), ev('ev-3', 's2', 1, ['Cid'])]);
    const rows = new StorylineRows(store);
    await rows.record('s1', []);
    await rows.record('s2', []);
    // ev-2 now belongs to s2 (re-linked), and ev-1 was merged into ev-3.
    rows.committed('s2', [ev('ev-2', 's2', 2, ['Ben']), ev('ev-3', 's2', 4, ['Cid'])], ['ev-1']);
    expect(rows.size).toEqual({ storylines: 2, events: 2 });
    expect((await rows.record('s2', [])).keyEntities).toEqual(['Cid', 'Ben']);
    rows.forgetEvents(['ev-3']);
    expect(rows.size).toEqual({ storylines: 1, events: 0 });
  });

  it('does not keep a story line with more events than it reads, and reads its most covered each time', async () => {
    const many = Array.from({ length: 2_001 }, (_, i) => ev(`ev-${String(i).padStart(4, '0')}`, 'big', 1, [`E${i}`]));
    const { store, reads } = fakeStore(many);
    const rows = new StorylineRows(store);
    await rows.record('big', []);
    await rows.record('big', []);
    expect(rows.size.storylines).toBe(0);
    expect(reads()).toBe(4);
  });
});
