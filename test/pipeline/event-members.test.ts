import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventMembers } from '../../src/pipeline/event-members.js';
import { eventRecord, storylineOf } from '../../src/pipeline/event-records.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import type { Article } from '../../src/model/types.js';
import type { Store } from '../../src/store/store-port.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { demoDocs, useTempDirs } from './demo-store.js';

const now = () => new Date('2026-11-24T00:00:00Z');

/** A stand-in for an article: EventMembers reads only what `eventMemberOf` reads. */
function fakeArticle(id: string, text = `Text of ${id}. It has two sentences.`): Article {
  return { id, title: id, text, publishedAt: null, outlet: 'o', wire: false, dateline: null, quotes: [], entityTable: [], places: [] } as unknown as Article;
}

function fakeStore(events: Record<string, Article[]>) {
  const calls: string[][] = [];
  const store: Pick<Store, 'eventArticles'> = {
    eventArticles: async (ids) => {
      calls.push([...ids]);
      return ids.flatMap((id) => events[id] ?? []);
    },
  };
  return { store, calls };
}

describe('EventMembers', () => {
  it('reads an event once, then serves it from memory with the committed articles appended', async () => {
    const { store, calls } = fakeStore({ e1: [fakeArticle('a'), fakeArticle('b')] });
    const members = new EventMembers(store);
    expect((await members.of(['e1'])).map((m) => m.id)).toEqual(['a', 'b']);
    members.added('e1', fakeArticle('c'));
    const again = await members.of(['e1']);
    expect(again.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual([['e1']]);
    // The caller's array is its own.
    again.push(again[0]!);
    expect((await members.of(['e1'])).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(members.size).toMatchObject({ events: 1, members: 3 });
  });

  it('reads several events (a merge) from the store and forgets them', async () => {
    const { store, calls } = fakeStore({ e1: [fakeArticle('a')], e2: [fakeArticle('b')] });
    const members = new EventMembers(store);
    await members.of(['e1']);
    expect((await members.of(['e1', 'e2'])).map((m) => m.id)).toEqual(['a', 'b']);
    expect(members.size.events).toBe(0);
    // Not held: an article added to a forgotten event is not appended (the next read gets it from the store).
    members.added('e1', fakeArticle('z'));
    await members.of(['e1']);
    expect(calls).toEqual([['e1'], ['e1', 'e2'], ['e1']]);
  });

  it('drops the least recently used events beyond its limits, never the one just asked for', async () => {
    const { store, calls } = fakeStore({ e1: [fakeArticle('a'), fakeArticle('b')], e2: [fakeArticle('c')], e3: [fakeArticle('d'), fakeArticle('e')] });
    const members = new EventMembers(store, { maxMembers: 3, maxChars: 1e9 });
    await members.of(['e1']);
    await members.of(['e2']);
    expect(members.size).toMatchObject({ events: 2, members: 3 });
    await members.of(['e3']);
    // e1 (least recently used) went; e2 and e3 are held.
    expect(members.size).toMatchObject({ events: 2, members: 3 });
    await members.of(['e2']);
    expect(calls.flat()).toEqual(['e1', 'e2', 'e3']);
    await members.of(['e1']);
    expect(calls.flat()).toEqual(['e1', 'e2', 'e3', 'e1']);
    const big = new EventMembers(store, { maxMembers: 0, maxChars: 0 });
    expect((await big.of(['e1'])).map((m) => m.id)).toEqual(['a', 'b']);
    expect(big.size.events).toBe(1);
  });
});

describe('the ingest service with event members and story-line rows kept in memory', () => {
  const tempDir = useTempDirs('storyline-members-');

  /** Every event row as written, against the row its stored members give. */
  async function expectRowsMatchStore(store: SqliteStore): Promise<number> {
    const events = await store.listEvents({ limit: 1000 });
    let multi = 0;
    for (const e of events) {
      const members = await store.eventArticles([e.id]);
      if (members.length > 1) multi++;
      const expected = eventRecord(e.id, e.storylineId ?? e.id, members);
      expect({ ...e, storylineId: e.storylineId ?? e.id }).toMatchObject({
        label: expected.label,
        summary: expected.summary,
        articleCount: expected.articleCount,
        outlets: expected.outlets,
        keyEntities: expected.keyEntities,
        firstDate: expected.firstDate,
        lastDate: expected.lastDate,
      });
    }
    return multi;
  }

  /** Every story line row as written, against the row all its stored events give. */
  async function expectStorylinesMatchStore(store: SqliteStore): Promise<number> {
    const storylines = await store.listStorylines({ limit: 1000 });
    let multi = 0;
    for (const s of storylines) {
      const events = await store.listEvents({ storylineId: s.id, limit: 10_000 });
      if (events.length > 1) multi++;
      const expected = storylineOf(s.id, events);
      expect(s).toMatchObject({ label: expected.label, keyEntities: expected.keyEntities, firstDate: expected.firstDate, lastDate: expected.lastDate });
    }
    return multi;
  }

  it('writes the same event and story-line rows as reading them from the store, also when another writer adds to them', async () => {
    const docs = await demoDocs();
    expect(docs.length).toBeGreaterThan(25);
    const dir = tempDir();
    const file = path.join(dir, 'store.db');
    const mine = new SqliteStore(file);
    const other = new SqliteStore(file);
    const a = await IngestService.open(mine, { now });
    const b = await IngestService.open(other, { now });
    // Every third input goes through the other writer: events `a` holds grow behind its back.
    for (const [i, doc] of docs.entries()) {
      await (i % 3 === 2 ? b : a).ingestRaw(doc);
      await expectRowsMatchStore(mine);
      await expectStorylinesMatchStore(mine);
    }
    expect(await expectRowsMatchStore(mine)).toBeGreaterThan(3);
    expect(await expectStorylinesMatchStore(mine)).toBeGreaterThan(1);
    await mine.close();
    await other.close();
  });
});
