/**
 * Follows feeds: polls each when it is due, with conditional GET, per-feed
 * exponential backoff on errors, per-host politeness (gap + robots.txt; this
 * process's own, or the deployment's shared one on PostgreSQL), and for every
 * item not seen before fetches its page and hands it on.
 *
 * Everything outside the process is injected: the fetcher, the clock (and
 * sleeping), the memory of seen items and validators, the callbacks. The
 * poller itself holds only its schedule.
 */
import type { RawDocument, ReasonCode } from '../model/types.js';
import { DEFAULT_USER_AGENT, type Fetcher, type FetchPolicy } from '../fetch/safe-fetcher.js';
import { declaredCharset, fetchedDocument } from '../fetch/fetched-document.js';
import { parseFeed, type FeedItem } from './feed-parser.js';
import type { PoliteHosts } from '../fetch/politeness-rules.js';
import { HostPoliteness, type PoliteClock } from './host-politeness.js';
import type { FeedSource } from './sources-file.js';

/** What the poller remembers between polls and restarts. */
export interface FeedMemory {
  hasSeen(feedUrl: string, itemId: string): Promise<boolean>;
  markSeen(feedUrl: string, itemId: string): Promise<void>;
  loadValidators(feedUrl: string): Promise<FeedValidators | null>;
  saveValidators(feedUrl: string, v: FeedValidators): Promise<void>;
}

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

/** One new item with its page, ready for the pipeline (`storyline follow` ingests `doc`). */
export interface NewFeedItem {
  url: string;
  html: string;
  title: string | null;
  publishedAt: string | null;
  outlet: string;
  language: string | null;
  feedUrl: string;
  /** The same, as the pipeline's input record (kind `feed`). */
  doc: RawDocument;
}

/**
 * What the pipeline did with a handed-on item. `undefined` (a callback that
 * returns nothing) counts as stored; a queue returns `queued`.
 */
export type ItemVerdict =
  | { status: 'stored'; articleId?: string }
  | { status: 'queued' }
  | { status: 'duplicate'; reason: ReasonCode; duplicateOf?: string }
  | { status: 'rejected'; reason: ReasonCode; detail?: string | null };

export type PollEvent =
  | { kind: 'feed-fetched'; feedUrl: string; items: number; fresh: number }
  | { kind: 'feed-not-modified'; feedUrl: string }
  | { kind: 'feed-error'; feedUrl: string; reason: ReasonCode; detail: string | null; retryInSeconds: number }
  | { kind: 'item-stored'; feedUrl: string; itemUrl: string; articleId: string | null }
  | { kind: 'item-queued'; feedUrl: string; itemUrl: string }
  | { kind: 'item-duplicate'; feedUrl: string; itemUrl: string; reason: ReasonCode; duplicateOf: string | null }
  | { kind: 'item-rejected'; feedUrl: string; itemUrl: string; reason: ReasonCode; detail: string | null }
  | { kind: 'item-error'; feedUrl: string; itemUrl: string; reason: ReasonCode; detail: string | null };

export interface FeedPollerDeps {
  fetcher: Fetcher;
  /** The fetch policy for feeds and pages (timeouts, allow-lists…). */
  policy?: FetchPolicy;
  clock: PoliteClock;
  memory: FeedMemory;
  /**
   * Hands a new item to the pipeline and says what became of it. A throw
   * leaves the item unseen so the next poll retries it; any verdict marks it seen.
   */
  onItem(item: NewFeedItem): Promise<ItemVerdict | void>;
  /** An item whose page could not be fetched or decoded (the lead records it as a rejection). */
  onReject?(source: string, reason: ReasonCode, detail: string | null): Promise<void>;
  log?(event: PollEvent): void;
  /**
   * Whose turns the feeds and pages take at their hosts. Default: this
   * process's own (`HostPoliteness`, with `hostGapMs` and `robots`); on
   * PostgreSQL the deployment's (`SharedPoliteness`), shared with the workers.
   */
  hosts?: PoliteHosts;
  /** Gap between two requests to one host, for the default `hosts`. Default 1000 ms. */
  hostGapMs?: number;
  /** Obey robots.txt, for the default `hosts`. Default true. */
  robots?: boolean;
  /** Longest backoff after repeated errors. Default 6 h. */
  maxBackoffSeconds?: number;
  /** Most new items fetched from one feed per poll (a first poll of a big archive feed). Default 100. */
  maxItemsPerPoll?: number;
}

interface FeedSchedule {
  source: FeedSource;
  url: string;
  dueAt: number;
  errors: number;
}

export interface PollReport {
  polled: number;
  notModified: number;
  failed: number;
  /** Items handed on and stored (or queued). */
  newItems: number;
  /** Items the pipeline recognised as already stored. */
  duplicates: number;
  /** Items whose page could not be fetched, or that the pipeline refused. */
  itemErrors: number;
}

export function emptyReport(): PollReport {
  return { polled: 0, notModified: 0, failed: 0, newItems: 0, duplicates: 0, itemErrors: 0 };
}

/** Item failures that will not heal by retrying: the item is marked seen so it is not fetched forever. */
const PERMANENT: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'fetch-forbidden-address', 'fetch-bad-url', 'fetch-bad-content-type', 'fetch-too-large', 'fetch-decompression-bomb',
  'fetch-robots-disallowed', 'fetch-too-many-redirects', 'binary-content', 'invalid-encoding', 'empty-input',
]);

export class FeedPoller {
  private readonly feeds: FeedSchedule[];
  private readonly polite: PoliteHosts;
  private readonly policy: FetchPolicy;
  /** Transient failures per item: after three, the item is given up. */
  private readonly itemFailures = new Map<string, number>();

  constructor(
    sources: readonly FeedSource[],
    private readonly deps: FeedPollerDeps,
  ) {
    this.policy = { userAgent: DEFAULT_USER_AGENT, ...(deps.policy ?? {}) };
    const now = deps.clock.now();
    this.feeds = sources.flatMap((source) => source.feeds.map((url) => ({ source, url, dueAt: now, errors: 0 })));
    this.polite =
      deps.hosts ??
      new HostPoliteness(deps.clock, deps.fetcher, this.policy, {
        minGapMs: deps.hostGapMs ?? 1000,
        robots: deps.robots ?? true,
        userAgent: this.policy.userAgent ?? DEFAULT_USER_AGENT,
      });
  }

  /** When the next feed falls due (epoch ms). */
  nextDueAt(): number {
    return this.feeds.reduce((m, f) => Math.min(m, f.dueAt), Infinity);
  }

  /** Polls every feed that is due now. Feeds on different hosts run concurrently; one host's requests are serialised. */
  async pollDue(): Promise<PollReport> {
    const now = this.deps.clock.now();
    const due = this.feeds.filter((f) => f.dueAt <= now);
    const report = emptyReport();
    await Promise.all(due.map((f) => this.pollOne(f, report)));
    return report;
  }

  /**
   * Polls until `signal` aborts (or after `maxRounds` rounds), sleeping until
   * the next feed is due between rounds. Returns how many rounds ran.
   */
  async run(signal: AbortSignal, onReport?: (r: PollReport) => void, maxRounds = Infinity): Promise<number> {
    let rounds = 0;
    while (!signal.aborted && rounds < maxRounds) {
      const report = await this.pollDue();
      rounds += 1;
      onReport?.(report);
      if (signal.aborted || rounds >= maxRounds) break;
      const wait = Math.max(0, this.nextDueAt() - this.deps.clock.now());
      await Promise.race([this.deps.clock.sleep(wait), new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
    }
    return rounds;
  }

  private log(e: PollEvent): void {
    this.deps.log?.(e);
  }

  private fail(f: FeedSchedule, reason: ReasonCode, detail: string | null, report: PollReport): void {
    f.errors += 1;
    const backoff = Math.min(f.source.intervalSeconds * 2 ** f.errors, this.deps.maxBackoffSeconds ?? 6 * 3600);
    f.dueAt = this.deps.clock.now() + backoff * 1000;
    report.failed += 1;
    this.log({ kind: 'feed-error', feedUrl: f.url, reason, detail, retryInSeconds: backoff });
  }

  private async pollOne(f: FeedSchedule, report: PollReport): Promise<void> {
    const validators = await this.deps.memory.loadValidators(f.url);
    const turn = await this.polite.run(f.url, () =>
      this.deps.fetcher(f.url, { ...this.policy, etag: validators?.etag ?? null, lastModified: validators?.lastModified ?? null }),
    );
    if (turn.kind === 'later') {
      // The host's turn is further off than `hosts` waits: nothing was requested, the feed is polled then.
      f.dueAt = this.deps.clock.now() + turn.delayMs;
      return;
    }
    report.polled += 1;
    if (turn.kind === 'disallowed') {
      this.fail(f, 'fetch-robots-disallowed', null, report);
      return;
    }
    const res = turn.value;
    if (!res.ok) {
      this.fail(f, res.reason, res.detail ?? null, report);
      return;
    }
    if (res.value.notModified) {
      f.errors = 0;
      f.dueAt = this.deps.clock.now() + f.source.intervalSeconds * 1000;
      report.notModified += 1;
      this.log({ kind: 'feed-not-modified', feedUrl: f.url });
      return;
    }
    const parsed = parseFeed(res.value.body, { baseUrl: res.value.url, charset: declaredCharset(res.value.headers) });
    if (!parsed.ok) {
      this.fail(f, parsed.reason, parsed.detail ?? null, report);
      return;
    }
    f.errors = 0;
    f.dueAt = this.deps.clock.now() + f.source.intervalSeconds * 1000;
    // Validators are saved only after a successful parse, so a broken feed is refetched in full next time.
    await this.deps.memory.saveValidators(f.url, { etag: res.value.etag, lastModified: res.value.lastModified });

    // Feeds list newest first; ingest oldest first so "first appearance" order is kept.
    const items = [...parsed.value.items].reverse();
    let fresh = 0;
    for (const item of items) {
      if (fresh >= (this.deps.maxItemsPerPoll ?? 100)) break;
      if (await this.deps.memory.hasSeen(f.url, item.id)) continue;
      fresh += 1;
      await this.takeItem(f, item, parsed.value.language, report);
    }
    this.log({ kind: 'feed-fetched', feedUrl: f.url, items: parsed.value.items.length, fresh });
  }

  private async itemFailed(f: FeedSchedule, item: FeedItem, source: string, reason: ReasonCode, detail: string | null, report: PollReport): Promise<void> {
    report.itemErrors += 1;
    this.log({ kind: 'item-error', feedUrl: f.url, itemUrl: source, reason, detail });
    const key = `${f.url}\n${item.id}`;
    const n = (this.itemFailures.get(key) ?? 0) + 1;
    this.itemFailures.set(key, n);
    if (PERMANENT.has(reason) || n >= 3) {
      this.itemFailures.delete(key);
      await this.deps.onReject?.(source, reason, detail);
      await this.deps.memory.markSeen(f.url, item.id);
    }
  }

  private async takeItem(f: FeedSchedule, item: FeedItem, feedLanguage: string | null, report: PollReport): Promise<void> {
    const source = item.url ?? `${f.url}#${item.id}`;
    if (item.url === null) {
      await this.itemFailed(f, item, source, 'fetch-bad-url', 'feed item without a link', report);
      return;
    }
    const turn = await this.polite.run(item.url, () => this.deps.fetcher(item.url as string, { ...this.policy, etag: null, lastModified: null }));
    // The host's turn is further off than `hosts` waits: nothing was requested, the item stays unseen for the next poll.
    if (turn.kind === 'later') return;
    if (turn.kind === 'disallowed') {
      await this.itemFailed(f, item, source, 'fetch-robots-disallowed', null, report);
      return;
    }
    const page = turn.value;
    if (!page.ok) {
      await this.itemFailed(f, item, source, page.reason, page.detail ?? null, report);
      return;
    }
    const language = f.source.language ?? feedLanguage;
    const fetched = fetchedDocument(page.value, 'feed', {
      outlet: f.source.outlet,
      capturedAt: new Date(this.deps.clock.now()).toISOString(),
      ...(item.title !== null ? { title: item.title } : {}),
      ...(item.publishedAt !== null ? { publishedAt: item.publishedAt } : {}),
      ...(language !== null ? { language } : {}),
    });
    if (!fetched.ok) {
      await this.itemFailed(f, item, source, fetched.reason, fetched.detail ?? null, report);
      return;
    }
    const doc = fetched.value;
    let verdict: ItemVerdict | void;
    try {
      verdict = await this.deps.onItem({
        url: page.value.url,
        html: doc.content,
        title: item.title,
        publishedAt: item.publishedAt,
        outlet: f.source.outlet,
        language,
        feedUrl: f.url,
        doc,
      });
    } catch (err) {
      // Not marked seen: the next poll retries (the store's URL dedup makes a retry harmless).
      report.itemErrors += 1;
      this.log({ kind: 'item-error', feedUrl: f.url, itemUrl: source, reason: 'internal-error', detail: (err as Error).message });
      return;
    }
    await this.deps.memory.markSeen(f.url, item.id);
    const itemUrl = page.value.url;
    const v: ItemVerdict = verdict ?? { status: 'stored' };
    if (v.status === 'stored') {
      report.newItems += 1;
      this.log({ kind: 'item-stored', feedUrl: f.url, itemUrl, articleId: v.articleId ?? null });
    } else if (v.status === 'queued') {
      report.newItems += 1;
      this.log({ kind: 'item-queued', feedUrl: f.url, itemUrl });
    } else if (v.status === 'duplicate') {
      report.duplicates += 1;
      this.log({ kind: 'item-duplicate', feedUrl: f.url, itemUrl, reason: v.reason, duplicateOf: v.duplicateOf ?? null });
    } else {
      // The pipeline refused the page (no article text…) and recorded the rejection itself.
      report.itemErrors += 1;
      this.log({ kind: 'item-rejected', feedUrl: f.url, itemUrl, reason: v.reason, detail: v.detail ?? null });
    }
  }
}

/** A FeedMemory in process memory (tests, one-shot runs). */
export function memoryFeedMemory(): FeedMemory {
  const seen = new Set<string>();
  const validators = new Map<string, FeedValidators>();
  return {
    hasSeen: async (feed, id) => seen.has(`${feed}\n${id}`),
    markSeen: async (feed, id) => void seen.add(`${feed}\n${id}`),
    loadValidators: async (feed) => validators.get(feed) ?? null,
    saveValidators: async (feed, v) => void validators.set(feed, v),
  };
}

/** The real clock, for the CLI. */
export const systemClock: PoliteClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};
