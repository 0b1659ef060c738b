/**
 * `storyline follow`: the feed poller wired to an ingest function, with its
 * memory in a file next to the store, until the signal aborts. The CLI passes
 * `ingest` = the ingest service (`service.ingestRaw(doc)`), or, on a shared
 * PostgreSQL deployment, `enqueueForWorkers(boss)` so workers analyse the items.
 */
import type PgBoss from 'pg-boss';
import type { IngestOutcome, RawDocument, ReasonCode } from '../model/types.js';
import { fetchUrl, type Fetcher, type FetchPolicy } from '../fetch/safe-fetcher.js';
import { enqueueDocuments } from '../queue/job-queue.js';
import { FeedPoller, systemClock, type PollEvent, type PollReport } from './feed-poller.js';
import { fileFeedMemory } from './file-feed-memory.js';
import type { PoliteClock } from './host-politeness.js';
import type { FeedSource } from './sources-file.js';

export interface FollowOptions {
  sources: FeedSource[];
  /** Stores one fetched item (an outcome) or queues it (undefined). */
  ingest(doc: RawDocument): Promise<IngestOutcome | void>;
  /** Records an item refused before analysis (robots.txt, forbidden address…). */
  reject(source: string, reason: ReasonCode, detail: string | null): Promise<unknown>;
  /** Where seen items and validators are kept, e.g. `<store>.feeds.json`. */
  memoryFile: string;
  signal: AbortSignal;
  policy?: FetchPolicy;
  fetcher?: Fetcher;
  clock?: PoliteClock;
  log?(event: PollEvent): void;
  onReport?(report: PollReport): void;
  /** Poll once and return (a cron job instead of a daemon). */
  once?: boolean;
}

export async function runFollow(opts: FollowOptions): Promise<void> {
  const poller = new FeedPoller(opts.sources, {
    fetcher: opts.fetcher ?? fetchUrl,
    ...(opts.policy !== undefined ? { policy: opts.policy } : {}),
    clock: opts.clock ?? systemClock,
    memory: await fileFeedMemory(opts.memoryFile),
    onItem: async (item) => {
      await opts.ingest(item.doc);
    },
    onReject: async (source, reason, detail) => {
      await opts.reject(source, reason, detail);
    },
    ...(opts.log !== undefined ? { log: opts.log } : {}),
  });
  if (opts.once === true) {
    // Not `onReport?.(await …)`: an optional call skips evaluating its argument, and the poll with it.
    const report = await poller.pollDue();
    opts.onReport?.(report);
    return;
  }
  await poller.run(opts.signal, opts.onReport);
}

/** `ingest` for a shared deployment: the fetched page becomes an extract job for the workers. */
export function enqueueForWorkers(boss: PgBoss): (doc: RawDocument) => Promise<void> {
  return async (doc) => {
    await enqueueDocuments(boss, [doc]);
  };
}
