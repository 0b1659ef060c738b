/**
 * Each event's members, kept in memory while ingesting: every new article's
 * event row and provenance read all (or the last window) of its event's
 * members, and reading and parsing their stored documents again for every
 * article grew with the event. The lists hold the small member form
 * (`EventMember`) in the store's order, and fall back to the store on a miss.
 *
 * Kept exact by forgetting, never by guessing: an event merge reads the store
 * and forgets the events involved; events other writers touched (replayed
 * from the cluster log), a reload and a settle forget what they may have
 * changed.
 */
import type { Article } from '../model/types.js';
import type { Store } from '../store/store-port.js';
import { type EventMember, eventMemberOf } from './event-records.js';

export interface EventMembersLimits {
  /** Members held in all (oldest-used events go first). */
  maxMembers: number;
  /** Characters of member text held in all. */
  maxChars: number;
}

const DEFAULT_LIMITS: EventMembersLimits = { maxMembers: 100_000, maxChars: 96 * 1024 * 1024 };

interface Entry {
  members: EventMember[];
  chars: number;
}

export class EventMembers {
  /** In least-recently-used order (a use moves an event to the end). */
  private readonly byEvent = new Map<string, Entry>();
  private members = 0;
  private chars = 0;
  /** Store reads, for tests and profiles. */
  reads = 0;

  constructor(
    private readonly store: Pick<Store, 'eventArticles'>,
    private readonly limits: EventMembersLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * The members of `eventIds` as the store lists them (`eventArticles`), as a new array the caller may extend.
   * Several events (a merge) are read from the store: its order across events is the backend's.
   */
  async of(eventIds: readonly string[]): Promise<EventMember[]> {
    if (eventIds.length !== 1) {
      this.forget(eventIds);
      this.reads++;
      return (await this.store.eventArticles([...eventIds])).map(eventMemberOf);
    }
    const id = eventIds[0]!;
    let entry = this.byEvent.get(id);
    if (entry === undefined) {
      this.reads++;
      const members = (await this.store.eventArticles([id])).map(eventMemberOf);
      entry = { members, chars: members.reduce((n, m) => n + m.text.length, 0) };
      this.members += members.length;
      this.chars += entry.chars;
    } else {
      this.byEvent.delete(id);
    }
    this.byEvent.set(id, entry);
    const copy = [...entry.members];
    this.evict(id);
    return copy;
  }

  /** The store committed `article` to `eventId` (after `of`, without merges): append it if the event is held. */
  added(eventId: string, article: Article): void {
    const entry = this.byEvent.get(eventId);
    if (entry === undefined) return;
    const m = eventMemberOf(article);
    entry.members.push(m);
    entry.chars += m.text.length;
    this.members += 1;
    this.chars += m.text.length;
    this.evict(eventId);
  }

  forget(eventIds: Iterable<string>): void {
    for (const id of eventIds) {
      const entry = this.byEvent.get(id);
      if (entry === undefined) continue;
      this.byEvent.delete(id);
      this.members -= entry.members.length;
      this.chars -= entry.chars;
    }
  }

  clear(): void {
    this.byEvent.clear();
    this.members = 0;
    this.chars = 0;
  }

  /** Held sizes, for tests and profiles. */
  get size(): { events: number; members: number; chars: number } {
    return { events: this.byEvent.size, members: this.members, chars: this.chars };
  }

  /** Drops least recently used events until within the limits (never `keep`, the one just asked for). */
  private evict(keep: string): void {
    for (const [id] of this.byEvent) {
      if (this.members <= this.limits.maxMembers && this.chars <= this.limits.maxChars) return;
      if (id !== keep) this.forget([id]);
    }
  }
}
