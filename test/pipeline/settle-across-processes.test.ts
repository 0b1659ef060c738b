/**
 * A settle in a new process (the end of every `storyline ingest` run, `storyline settle`, a worker taking over)
 * trusts what the store recorded of the last replay (its SettledState: position, settle rules, places re-read since)
 * and leaves the events nothing touched since as that replay wrote them, as a second settle in the same process
 * does. The store must end exactly as a full replay leaves it; with other settle rules recorded, or a settled
 * position moved by a writer that recorded nothing, the settle replays in full.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { settleRules } from '../../src/pipeline/settle-replay.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { digest } from '../../bench/ingest/store-digest.js';
import { copyStoreFiles, demoDocs, twoBatches, useTempDirs } from './demo-store.js';

const now = () => new Date('2026-11-24T00:00:00Z');

/** Events, story lines and memberships as the store lists them. */
async function decisions(s: SqliteStore) {
  const events = await s.listEvents({ limit: 1000 });
  const articles = await s.listArticles({ limit: 1000 });
  return {
    events: await Promise.all(events.map(async (e) => ({ ...e, detail: (({ history: _h, ...d }) => d)((await s.getEvent(e.id))!) }))),
    storylines: await s.listStorylines({ limit: 1000 }),
    memberships: articles.map((a) => [a.id, a.eventId, a.provenance, a.provenanceOf]),
  };
}

/** Runs `sql` on a closed SQLite store file. */
function edit(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

describe('a settle in a new process', () => {
  const tempDir = useTempDirs('storyline-settle-across-');

  it('leaves the events an earlier process replayed as they are, and the store as a full replay does', async () => {
    const docs = await demoDocs();
    const { first, second } = twoBatches(docs);
    const dir = tempDir();
    const file = path.join(dir, 'a.db');

    // Process A: ingests, settles (in full: nothing recorded yet), exits.
    const storeA = new SqliteStore(file);
    const a = await IngestService.open(storeA, { now });
    for (const doc of first) await a.ingestRaw(doc);
    const settledA = await a.settle();
    expect(settledA).toMatchObject({ replayed: true, eventsUnchanged: 0 });
    expect(settledA.trustedReplay).toBeUndefined();
    const replaySeq = await storeA.clusterHead();
    expect(await storeA.settledState()).toEqual({ rules: settleRules(40), replaySeq, placesChanged: [] });
    await storeA.close();

    // Process B: a new store handle and service, more inputs, then copies of the store before its settle.
    const storeB = new SqliteStore(file);
    const b = await IngestService.open(storeB, { now });
    for (const doc of second) await b.ingestRaw(doc);
    const copies = ['full.db', 'other-rules.db', 'unrecorded.db', 'other-window.db'].map((n) => path.join(dir, n));
    for (const c of copies) copyStoreFiles(file, c);
    const fast = await b.settle();
    expect(fast).toMatchObject({ replayed: true, trustedReplay: replaySeq });
    expect(fast.eventsUnchanged).toBeGreaterThan(0);

    // The same store settled with a full replay.
    const fullStore = new SqliteStore(copies[0]!);
    const full = await (await IngestService.open(fullStore, { now })).settle({ full: true });
    expect(full).toMatchObject({ replayed: true, moved: fast.moved, eventsChanged: fast.eventsChanged, eventsRetired: fast.eventsRetired, eventsUnchanged: 0 });
    expect(full.trustedReplay).toBeUndefined();
    expect(await decisions(storeB)).toEqual(await decisions(fullStore));
    expect(await digest(storeB)).toBe(await digest(fullStore));
    // Both record the same settled state (this replay, nothing re-read since).
    expect(await storeB.settledState()).toEqual(await fullStore.settledState());
    expect((await storeB.settledState())?.replaySeq).toBe(await storeB.clusterHead());

    // Recorded by other settle rules: replayed in full, same store.
    edit(copies[1]!, "UPDATE settle_state SET rules = 'rules of another build'");
    const otherStore = new SqliteStore(copies[1]!);
    expect(await otherStore.settledState()).toMatchObject({ rules: 'rules of another build' });
    const other = await (await IngestService.open(otherStore, { now })).settle();
    expect(other).toMatchObject({ replayed: true, eventsUnchanged: 0 });
    expect(other.trustedReplay).toBeUndefined();
    expect(await digest(otherStore)).toBe(await digest(fullStore));

    // Settled since by a writer that recorded nothing (an older build moves the settled position alone): the
    // recorded replay is not vouched for, and the settle replays in full.
    edit(copies[2]!, 'UPDATE settle_state SET settled_seq = settled_seq - 1');
    const unrecordedStore = new SqliteStore(copies[2]!);
    expect(await unrecordedStore.settledState()).toBeNull();
    const unrecorded = await (await IngestService.open(unrecordedStore, { now })).settle();
    expect(unrecorded).toMatchObject({ replayed: true, eventsUnchanged: 0 });
    expect(await digest(unrecordedStore)).toBe(await digest(fullStore));

    // A service with another provenance window does not trust rows written with the default one.
    const windowStore = new SqliteStore(copies[3]!);
    const otherWindow = await (await IngestService.open(windowStore, { now, provenanceWindow: 30 })).settle();
    expect(otherWindow).toMatchObject({ replayed: true, eventsUnchanged: 0 });
    expect(otherWindow.trustedReplay).toBeUndefined();
    expect(await windowStore.settledState()).toMatchObject({ rules: settleRules(30) });

    for (const s of [storeB, fullStore, otherStore, unrecordedStore, windowStore]) await s.close();
  });

  it('rebuilds the event of an article whose places were rewritten after the replay by a settle that did not finish', async () => {
    const docs = await demoDocs();
    const byName = [...docs].sort((a, b) => (a.source < b.source ? 1 : -1));
    // The second process's inputs are two on one subject (the Velora stories): other story lines stay untouched.
    const second = byName.filter((d) => d.source.includes('velora')).slice(0, 2);
    const first = byName.filter((d) => !second.includes(d));
    const dir = tempDir();
    const file = path.join(dir, 'a.db');
    const storeA = new SqliteStore(file);
    const a = await IngestService.open(storeA, { now });
    for (const doc of first) await a.ingestRaw(doc);
    expect((await a.settle()).replayed).toBe(true);
    const replaySeq = await storeA.clusterHead();
    await storeA.close();

    const storeB = new SqliteStore(file);
    const b = await IngestService.open(storeB, { now });
    for (const doc of second) await b.ingestRaw(doc);
    // An event with several articles in a story line with no article logged after the replay: one the next settle
    // may leave as it is, but for the rewrite below.
    const log = await storeB.clusterLog(0, 1000);
    const touched = new Set(log.filter((e) => e.seq > replaySeq).map((e) => e.storylineId));
    const sizes = new Map<string, number>();
    for (const e of log) if (e.eventId !== null) sizes.set(e.eventId, (sizes.get(e.eventId) ?? 0) + 1);
    const target = log.find((e) => e.eventId !== null && !touched.has(e.storylineId) && sizes.get(e.eventId)! >= 2)!;
    expect(target).toBeDefined();
    // Another process's settle re-reads the places of the event's articles (here: their names too, so that the
    // event's row must change), then dies before applying its replay.
    const crashed = new SqliteStore(file);
    const members = await crashed.eventArticles([target.eventId!]);
    const article = members[0]!;
    await crashed.replacePlaces(
      members.map((m) => ({ articleId: m.id, places: m.places, entityTable: m.entityTable.map((e) => (e.type === 'LOC' ? e : { ...e, name: 'Ilse Vantongeren' })) })),
    );
    expect((await crashed.settledState())?.placesChanged).toEqual(members.map((m) => m.id).sort());
    await crashed.close();

    copyStoreFiles(file, path.join(dir, 'full.db'));
    const fast = await b.settle();
    expect(fast).toMatchObject({ replayed: true, trustedReplay: replaySeq });
    const fullStore = new SqliteStore(path.join(dir, 'full.db'));
    await (await IngestService.open(fullStore, { now })).settle({ full: true });
    // The rewrite shows in the event's row of a full replay, and the settle that trusted the replay rebuilt it too.
    const eventOf = async (s: SqliteStore) => (await s.getEvent((await s.getArticle(article.id))!.eventId!))!;
    expect((await eventOf(fullStore)).keyEntities).toContain('Ilse Vantongeren');
    expect(await eventOf(storeB)).toEqual(await eventOf(fullStore));
    expect(await digest(storeB)).toBe(await digest(fullStore));
    await storeB.close();
    await fullStore.close();
  });
});
