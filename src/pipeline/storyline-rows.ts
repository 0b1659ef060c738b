/**
 * Story-line rows while ingesting: every new article rewrites its story line's
 * row from the story line's events, and reading those events back from the
 * store for every article grew with the story line. The events' summary rows
 * are kept per story line in memory (each list complete, as the store holds
 * it), updated with what this service commits, and read again after anything
 * else may have changed them — the same rule as event-members.ts: forget, never
 * guess. Story lines with more than `READ_LIMIT` events are not kept: their row
 * reads the store's most covered `STORYLINE_EVENTS` each time.
 */
import type { EventRecord, EventSummary, Store, StorylineRecord } from '../store/store-port.js';
import { STORYLINE_EVENTS, storylineOf } from './event-records.js';

type Row = Pick<EventRecord, 'id' | 'label' | 'articleCount' | 'keyEntities' | 'firstDate' | 'lastDate'>;

/** Events read to keep a story line in memory; a bigger one is read by its most covered events each time. */
const READ_LIMIT = 2_000;

const rowOf = (e: EventRecord | EventSummary): Row => ({ id: e.id, label: e.label, articleCount: e.articleCount, keyEntities: e.keyEntities, firstDate: e.firstDate, lastDate: e.lastDate });

export class StorylineRows {
  /** Least recently used first; each map holds every (not merged-away) event of its story line. */
  private readonly byStoryline = new Map<string, Map<string, Row>>();
  /** The story line each held event is in. */
  private readonly home = new Map<string, string>();
  private held = 0;
  /** Store reads, for tests. */
  reads = 0;

  constructor(
    private readonly store: Pick<Store, 'listEvents'>,
    private readonly maxEvents = 100_000,
  ) {}

  /** The story line's row with `fresh` event rows in place of (or beside) the stored ones. */
  async record(storylineId: string, fresh: readonly EventRecord[]): Promise<StorylineRecord> {
    // The held rows with the fresh ones in their place (the row does not depend on the events' order).
    const held = await this.rowsOf(storylineId);
    const freshRows = new Map(fresh.map((e) => [e.id, rowOf(e)]));
    const rows: Row[] = [];
    for (const [id, row] of held) if (!freshRows.has(id)) rows.push(row);
    for (const row of freshRows.values()) rows.push(row);
    return storylineOf(storylineId, rows);
  }

  /** The store committed `fresh` rows in the story line and retired `retired` events (merged away). */
  committed(storylineId: string, fresh: readonly EventRecord[], retired: readonly string[]): void {
    // A retired event leaves whichever story line held it; an event now in this story line leaves any other.
    for (const id of retired) this.drop(id);
    for (const e of fresh) if (this.home.get(e.id) !== storylineId) this.drop(e.id);
    const rows = this.byStoryline.get(storylineId);
    if (rows === undefined) return;
    for (const e of fresh) {
      if (!rows.has(e.id)) this.held++;
      rows.set(e.id, rowOf(e));
      this.home.set(e.id, storylineId);
    }
    this.trim(storylineId);
  }

  forget(storylineIds: Iterable<string>): void {
    for (const id of storylineIds) {
      const rows = this.byStoryline.get(id);
      if (rows === undefined) continue;
      this.byStoryline.delete(id);
      this.held -= rows.size;
      for (const ev of rows.keys()) this.home.delete(ev);
    }
  }

  /** Forgets the story lines holding these events (another writer changed them). */
  forgetEvents(eventIds: Iterable<string>): void {
    for (const ev of eventIds) {
      const s = this.home.get(ev);
      if (s !== undefined) this.forget([s]);
    }
  }

  clear(): void {
    this.byStoryline.clear();
    this.home.clear();
    this.held = 0;
  }

  /** Held sizes, for tests. */
  get size(): { storylines: number; events: number } {
    return { storylines: this.byStoryline.size, events: this.held };
  }

  private drop(eventId: string): void {
    const s = this.home.get(eventId);
    if (s === undefined) return;
    this.home.delete(eventId);
    if (this.byStoryline.get(s)?.delete(eventId)) this.held--;
  }

  private async rowsOf(storylineId: string): Promise<ReadonlyMap<string, Row>> {
    const hit = this.byStoryline.get(storylineId);
    if (hit !== undefined) {
      this.byStoryline.delete(storylineId);
      this.byStoryline.set(storylineId, hit);
      return hit;
    }
    this.reads++;
    const read = async (limit: number) => this.store.listEvents({ storylineId: storylineId as never, limit, sort: 'most-covered' });
    const all = await read(READ_LIMIT + 1);
    if (all.length > READ_LIMIT) return new Map((await read(STORYLINE_EVENTS)).map((e) => [e.id, rowOf(e)]));
    const rows = new Map(all.map((e) => [e.id, rowOf(e)]));
    this.byStoryline.set(storylineId, rows);
    this.held += rows.size;
    for (const ev of rows.keys()) this.home.set(ev, storylineId);
    this.trim(storylineId);
    return rows;
  }

  /** Drops least recently used story lines beyond the bound (never `keep`). */
  private trim(keep: string): void {
    for (const [id] of this.byStoryline) {
      if (this.held <= this.maxEvents) return;
      if (id !== keep) this.forget([id]);
    }
  }
}
