/**
 * `storyline follow`: the feed poller wired to an ingest function, with its
 * memory in a file next to the store, until the signal aborts or the asked
 * number of rounds has run. The CLI passes `ingest` = the ingest service
 * (`service.ingestRaw(doc)`), or, on a shared PostgreSQL deployment,
 * `enqueueForWorkers(boss)` so workers analyse the items.
 *
 * On PostgreSQL (`sharedHosts`: the store's pool) the feeds and pages take
 * their turns at each host in the store's `fetch_hosts` table, as the
 * workers' fetch jobs do (`SharedPoliteness`): one gap between any two
 * requests to a host from any follower or worker, robots.txt fetched once per
 * host per day for all of them. On SQLite the turns are this process's own
 * (`HostPoliteness`).
 */
import type PgBoss from 'pg-boss';
import type { IngestOutcome, RawDocument, ReasonCode } from '../model/types.js';
import { DEFAULT_USER_AGENT, fetchUrl, type Fetcher, type FetchPolicy } from '../fetch/safe-fetcher.js';
import { enqueueDocuments } from '../queue/job-queue.js';
import { SharedPoliteness, type Queryable } from '../queue/shared-politeness.js';
import { emptyReport, FeedPoller, systemClock, type ItemVerdict, type PollEvent, type PollReport } from './feed-poller.js';
import { fileFeedMemory } from './file-feed-memory.js';
import type { PoliteClock } from './host-politeness.js';
import type { FeedSource } from './sources-file.js';

export interface FollowOptions {
  sources: FeedSource[];
  /** Stores one fetched item (an outcome), or queues it (`{status: 'queued'}` or undefined). */
  ingest(doc: RawDocument): Promise<IngestOutcome | ItemVerdict | void>;
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
  /** Poll once and return (a cron job instead of a daemon). Same as `rounds: 1`. */
  once?: boolean;
  /** Run this many polling rounds (each when a feed is next due), then return. Default: until the signal aborts. */
  rounds?: number;
  /** Gap between two requests to one host. Default 1000 ms. */
  hostGapMs?: number;
  /**
   * A PostgreSQL store's pool (search_path on the store's schema): take the
   * hosts' turns in its `fetch_hosts` table, shared with the workers and
   * other followers, instead of in this process.
   */
  sharedHosts?: Queryable;
}

/** What a bounded (or stopped) run did, summed over its rounds. */
export interface FollowSummary extends PollReport {
  rounds: number;
}

/** The pipeline's outcome in the poller's terms. */
export function verdictOf(outcome: IngestOutcome | ItemVerdict | void): ItemVerdict | void {
  if (outcome === undefined) return undefined;
  switch (outcome.status) {
    case 'stored':
      return { status: 'stored', ...('articleId' in outcome && outcome.articleId !== undefined ? { articleId: outcome.articleId } : {}) };
    case 'duplicate':
      return { status: 'duplicate', reason: outcome.reason, ...('duplicateOf' in outcome && outcome.duplicateOf !== undefined ? { duplicateOf: outcome.duplicateOf } : {}) };
    case 'rejected':
      return { status: 'rejected', reason: outcome.reason, detail: outcome.detail ?? null };
    default:
      return outcome;
  }
}

export async function runFollow(opts: FollowOptions): Promise<FollowSummary> {
  const fetcher = opts.fetcher ?? fetchUrl;
  const clock = opts.clock ?? systemClock;
  const policy: FetchPolicy = { userAgent: DEFAULT_USER_AGENT, ...(opts.policy ?? {}) };
  let hosts: SharedPoliteness | undefined;
  if (opts.sharedHosts !== undefined) {
    // No queue to put a page back on: a follower waits for its host's turn however far off (a Crawl-delay, busy workers).
    const rules = { minGapMs: opts.hostGapMs ?? 1000, robots: true, userAgent: policy.userAgent ?? DEFAULT_USER_AGENT, maxWaitMs: Infinity };
    hosts = new SharedPoliteness(opts.sharedHosts, fetcher, policy, rules, (ms) => clock.sleep(ms));
  }
  const poller = new FeedPoller(opts.sources, {
    fetcher,
    policy,
    clock,
    ...(hosts !== undefined ? { hosts } : {}),
    memory: await fileFeedMemory(opts.memoryFile),
    onItem: async (item) => verdictOf(await opts.ingest(item.doc)),
    onReject: async (source, reason, detail) => {
      await opts.reject(source, reason, detail);
    },
    ...(opts.log !== undefined ? { log: opts.log } : {}),
    ...(opts.hostGapMs !== undefined ? { hostGapMs: opts.hostGapMs } : {}),
  });
  const total: FollowSummary = { rounds: 0, ...emptyReport() };
  const add = (r: PollReport): void => {
    total.polled += r.polled;
    total.notModified += r.notModified;
    total.failed += r.failed;
    total.newItems += r.newItems;
    total.duplicates += r.duplicates;
    total.itemErrors += r.itemErrors;
    opts.onReport?.(r);
  };
  const rounds = opts.once === true ? 1 : (opts.rounds ?? Infinity);
  total.rounds = await poller.run(opts.signal, add, rounds);
  return total;
}

/** `ingest` for a shared deployment: the fetched page becomes an extract job for the workers. */
export function enqueueForWorkers(boss: PgBoss): (doc: RawDocument) => Promise<ItemVerdict> {
  return async (doc) => {
    await enqueueDocuments(boss, [doc]);
    return { status: 'queued' };
  };
}
