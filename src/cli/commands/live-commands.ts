/** The live path: following feeds, and PostgreSQL workers. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { PollEvent } from '../../feeds/feed-poller.js';
import { parseDuration, parseSources, sourcesFromUrls, DEFAULT_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, type FeedSource } from '../../feeds/sources-file.js';
import { enqueueForWorkers, runFollow, type FollowSummary } from '../../feeds/follow.js';
import { FollowSettler } from '../../feeds/follow-settle.js';
import { IngestService, type SettleReport } from '../../pipeline/ingest-service.js';
import { runWorker } from '../../queue/pipeline-worker.js';
import { PostgresStore } from '../../store/postgres/postgres-store.js';
import { addressOptions, addressPolicy, dbOption, isPostgres, EXIT_OK, EXIT_SOME_REJECTED, openStore, parseLimit, printJsonLine, resolveDb, UsageError, type AddressOptions } from '../context.js';

function stopSignal(): AbortSignal {
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort());
  process.once('SIGTERM', () => ctl.abort());
  return ctl.signal;
}


function durationOption(name: string, bareUnit: 'ms' | 's'): (v: string) => number {
  return (v) => {
    const ms = parseDuration(v, bareUnit);
    if (ms === null) throw new UsageError(`${name} must be a duration such as 500ms, 30s, 15m or 2h, got "${v}"`);
    return ms;
  };
}

function roundsOption(v: string): number {
  if (!/^\d{1,6}$/.test(v) || Number(v) < 1) throw new UsageError(`--rounds must be a positive integer, got "${v}"`);
  return Number(v);
}

/** One human line per settle of a follow run. */
export function describeSettle(r: SettleReport, why: 'interval' | 'end'): string {
  const kept = (r.eventsUnchanged ?? 0) > 0 ? `, ${r.eventsUnchanged} untouched since the last settle left as they were` : '';
  const what = r.replayed ? `events re-sequenced in publication order (${r.moved} articles moved, ${r.eventsChanged} events changed${kept})` : (r.note ?? 'events unchanged');
  return `settled (${why === 'end' ? 'end of run' : 'interval'}): ${what}; places re-read for ${r.placesChanged ?? 0} articles`;
}

/** One human line per poll event, on stderr: the event, the URL, and for every failure its reason code. */
export function describeEvent(e: PollEvent): string {
  const why = (reason: string, detail: string | null): string => `${reason}${detail ? ` (${detail})` : ''}`;
  switch (e.kind) {
    case 'feed-fetched':
      return `feed-fetched ${e.feedUrl}: ${e.items} items, ${e.fresh} new`;
    case 'feed-not-modified':
      return `feed-not-modified ${e.feedUrl}: 304, unchanged since the last poll`;
    case 'feed-error':
      return `feed-error ${e.feedUrl}: ${why(e.reason, e.detail)}; retry in ${e.retryInSeconds} s`;
    case 'item-stored':
      return `item-stored ${e.itemUrl}${e.articleId ? ` as ${e.articleId}` : ''}`;
    case 'item-queued':
      return `item-queued ${e.itemUrl}`;
    case 'item-duplicate':
      return `item-duplicate ${e.itemUrl}: ${e.reason}${e.duplicateOf ? ` of ${e.duplicateOf}` : ''}`;
    case 'item-rejected':
      return `item-rejected ${e.itemUrl}: ${why(e.reason, e.detail)}`;
    case 'item-error':
      return `item-error ${e.itemUrl}: ${why(e.reason, e.detail)}`;
  }
}

interface FollowCliOptions extends AddressOptions {
  db?: string;
  sources?: string;
  once?: boolean;
  rounds?: number;
  interval?: number;
  timeout?: number;
  json?: boolean;
  queue?: boolean;
  settleEvery: number;
  hostGap?: number;
}

const DEFAULT_SETTLE_EVERY_MS = 3_600_000;

export function register(program: Command): void {
  addressOptions(
    dbOption(program.command('follow').description('Poll RSS/Atom/JSON feeds and ingest each new item (conditional GET, backoff, robots.txt)')),
    'allow every private/loopback address (tests); also allows intervals under 60s',
  )
    .argument('[feed-urls...]', 'feed URLs (or use --sources)')
    .option('--sources <file>', 'a YAML or JSON sources file: outlet, feed URLs, language, polling interval')
    .option('--once', 'poll every feed once and exit (for cron); same as --rounds 1')
    .option('--rounds <n>', 'run n polling rounds (each when a feed is next due), then exit', roundsOption)
    .option('--interval <duration>', `polling interval of feeds given as URLs (sources files set their own); default ${DEFAULT_INTERVAL_SECONDS / 60}m, at least ${MIN_INTERVAL_SECONDS}s`, durationOption('--interval', 's'))
    .option('--timeout <duration>', 'time limit of one request (feed, page or robots.txt); default 30s', durationOption('--timeout', 's'))
    .option('--host-gap <duration>', 'least time between two requests to one host (robots.txt Crawl-delay may ask for more, up to 60s); on PostgreSQL counted across followers and workers; default 1s', durationOption('--host-gap', 's'))
    .option('--json', 'print every poll event and a final summary as JSON lines on stdout (instead of text on stderr)')
    .option('--queue', 'shared PostgreSQL only: put each new page on the job queue for `storyline worker` instead of analysing it here')
    .option('--settle-every <duration>', 'while running, settle (events re-sequenced by date, places re-read per outlet) this often when new items were stored; default 1h', durationOption('--settle-every', 's'), DEFAULT_SETTLE_EVERY_MS)
    .addHelpText(
      'after',
      `
Each feed is polled when due with conditional GET (an unchanged feed costs one
304), exponential backoff after errors (up to 6 h), one request at a time per
host with --host-gap (1s; more if robots.txt sets a Crawl-delay) between them,
and robots.txt obeyed (read once per host a day; refusals are
fetch-robots-disallowed). Each new item's page is fetched through the safe
fetcher and analysed into the store (or queued, with --queue).
What was seen is remembered in <db>.feeds.json, so a restart fetches nothing old.

With a PostgreSQL store (--db postgres://… or STORYLINE_DB) the hosts' turns
and robots.txt are kept in the store, as \`storyline worker\` fetch jobs keep
theirs: followers and workers on any machine share one gap per host and one
robots.txt fetch per host a day. Give them the same --host-gap. With a SQLite
store the turns are this process's own.

Every event is logged with its kind, its URL and, for failures, a reason code
(the codes are in src/model/reasons.ts):
  feed-fetched / feed-not-modified / feed-error      (e.g. feed-malformed,
  feed-entity-expansion, fetch-timeout, fetch-forbidden-address)
  item-stored / item-duplicate / item-rejected / item-error
Refused items are also stored as rejections (storyline rejections).

Without --once or --rounds it runs until Ctrl-C (exit 0). A bounded run exits
1 when a feed or an item failed, 0 otherwise; 2 on usage errors.

Settling: items are clustered and placed as they arrive. When new items were
stored, the follower settles (as \`storyline settle\` does: events re-formed in
publication order if items arrived out of order, ambiguous places re-read with
the outlet's whole profile) every --settle-every while it runs, and once at the
end of the run (bounded or stopped). With --json each settle is a "settled"
line. With --queue the workers' store is settled by \`storyline settle\`.

Sources file (YAML or JSON):
  sources:
    - outlet: OC Media
      feeds: [https://oc-media.org/feed/]
      language: en
      interval: 15m          # 90s, 15m, 2h or seconds; at least 60s

Examples:
  storyline follow https://oc-media.org/feed/ --once
  storyline follow --sources sources.yaml
  storyline follow --sources sources.json --rounds 4 --json`,
    )
    .action(async (urls: string[], opts: FollowCliOptions) => {
      if (opts.once && opts.rounds !== undefined) throw new UsageError('give --once or --rounds, not both');
      const minIntervalSeconds = opts.allowPrivate ? 1 : MIN_INTERVAL_SECONDS;
      let sources: FeedSource[];
      if (opts.sources) {
        if (urls.length > 0) throw new UsageError('give feed URLs or --sources FILE, not both');
        let text: string;
        try {
          text = readFileSync(opts.sources, 'utf8');
        } catch (err) {
          throw new UsageError(`${opts.sources}: ${(err as Error).message}`);
        }
        const parsed = parseSources(text, { minIntervalSeconds });
        if (!parsed.ok) throw new UsageError(`${opts.sources}: ${parsed.reason}${parsed.detail ? ` (${parsed.detail})` : ''}`);
        sources = parsed.value;
      } else if (urls.length > 0) {
        const seconds = Math.max(minIntervalSeconds, Math.round((opts.interval ?? DEFAULT_INTERVAL_SECONDS * 1000) / 1000));
        sources = sourcesFromUrls(urls, seconds);
      } else {
        throw new UsageError('give feed URLs or --sources FILE');
      }
      const db = resolveDb(opts.db);
      if (opts.queue && !isPostgres(db)) throw new UsageError('--queue needs a shared PostgreSQL store: --db postgres://… or STORYLINE_DB');
      const say = (line: string): void => void process.stderr.write(`${line}\n`);
      const log = (event: PollEvent): void => (opts.json ? printJsonLine(event) : say(describeEvent(event)));
      const store = await openStore(db);
      let boss: Awaited<ReturnType<typeof import('../../queue/job-queue.js').startBoss>> | null = null;
      let summary: FollowSummary;
      try {
        let ingest;
        let settler: FollowSettler<SettleReport> | null = null;
        if (opts.queue) {
          const { startBoss } = await import('../../queue/job-queue.js');
          boss = await startBoss({ db });
          ingest = enqueueForWorkers(boss);
        } else {
          const opened = await IngestService.open(store, { now: () => new Date() });
          ingest = (doc: Parameters<typeof opened.ingestRaw>[0]) => opened.ingestRaw(doc);
          settler = new FollowSettler<SettleReport>({
            settle: () => opened.settle(),
            everyMs: opts.settleEvery,
            onSettled: (r, why) => (opts.json ? printJsonLine({ kind: 'settled', why, ...r }) : say(describeSettle(r, why))),
            onError: (err) => (opts.json ? printJsonLine({ kind: 'settle-error', detail: err.message }) : say(`settle-error: ${err.message}`)),
          });
        }
        const feeds = sources.reduce((n, s) => n + s.feeds.length, 0);
        if (!opts.json) say(`storyline follow: ${feeds} feed${feeds === 1 ? '' : 's'} from ${sources.length} source${sources.length === 1 ? '' : 's'}${opts.once || opts.rounds ? '' : ' (Ctrl-C to stop)'}`);
        const timeoutMs = opts.timeout;
        summary = await runFollow({
          sources,
          ingest,
          reject: (source, reason, detail) => store.reject(source, reason, detail ?? undefined),
          memoryFile: `${isPostgres(db) ? 'storyline' : db}.feeds.json`,
          ...(opts.hostGap !== undefined ? { hostGapMs: opts.hostGap } : {}),
          // On PostgreSQL the hosts' turns are the deployment's (table fetch_hosts, shared with the workers).
          ...(store instanceof PostgresStore ? { sharedHosts: store.pool } : {}),
          signal: stopSignal(),
          ...(opts.once ? { once: true } : {}),
          ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
          policy: {
            ...addressPolicy(opts),
            ...(timeoutMs !== undefined ? { timeoutMs, idleTimeoutMs: Math.min(timeoutMs, 10_000) } : {}),
          },
          log,
          ...(settler !== null ? { onReport: (r: { newItems: number }) => settler.afterRound(r.newItems) } : {}),
        });
        // Every run ends like an ingest run: events re-formed by date if items arrived out of order, places re-read.
        await settler?.finish();
      } finally {
        await boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
        await store.close();
      }
      const { rounds, polled, notModified, failed, newItems, duplicates, itemErrors } = summary;
      if (opts.json) printJsonLine({ kind: 'summary', ...summary });
      else
        say(
          `storyline follow: ${rounds} round${rounds === 1 ? '' : 's'}, ${polled} feed polls (${notModified} not modified, ${failed} failed), ` +
            `${newItems} new item${newItems === 1 ? '' : 's'} ${opts.queue ? 'queued' : 'stored'}, ${duplicates} duplicate, ${itemErrors} refused`,
        );
      const bounded = opts.once === true || opts.rounds !== undefined;
      process.exitCode = bounded && (failed > 0 || itemErrors > 0) ? EXIT_SOME_REJECTED : EXIT_OK;
    });

  addressOptions(dbOption(program.command('worker').description('Process the shared PostgreSQL job queue (fetch → extract → cluster); run one per machine or core')))
    .option('--concurrency <n>', 'jobs taken at once per step', parseLimit, 4)
    .option('--host-gap <duration>', 'fetch jobs: least time between two requests to one host, counted across all workers (robots.txt Crawl-delay may ask for more, up to 60s); default 1s', durationOption('--host-gap', 's'))
    .option('--host-wait <duration>', 'fetch jobs: wait this long at most for a host\'s turn; a job whose turn is further off goes back on the queue until then; default 2s', durationOption('--host-wait', 's'))
    .option('--no-robots', 'fetch jobs: do not read robots.txt (only for sites you own or may crawl regardless)')
    .addHelpText(
      'after',
      `
Fetch jobs (URLs queued with \`ingest --queue <url>\`) are polite across every
worker on every machine: one request at a time per host, --host-gap (or the
robots.txt Crawl-delay) between them, robots.txt read once per host a day and
obeyed (refusals stored as fetch-robots-disallowed). The hosts' turns live in
the shared PostgreSQL store.

Examples:
  storyline worker --db postgres://storyline@db/storyline
  storyline worker --concurrency 8 --host-gap 5s --allow-host intranet.example`,
    )
    .action(async (opts: AddressOptions & { db?: string; concurrency: number; hostGap?: number; hostWait?: number; robots: boolean }) => {
      const db = resolveDb(opts.db);
      if (!isPostgres(db)) throw new UsageError('storyline worker needs a shared PostgreSQL store: --db postgres://… or STORYLINE_DB');
      const w = await runWorker({
        db,
        concurrency: opts.concurrency,
        fetchPolicy: addressPolicy(opts),
        robots: opts.robots,
        ...(opts.hostGap !== undefined ? { hostGapMs: opts.hostGap } : {}),
        ...(opts.hostWait !== undefined ? { hostWaitMs: opts.hostWait } : {}),
      });
      process.stderr.write('storyline worker: processing the queue (Ctrl-C to stop)\n');
      stopSignal().addEventListener('abort', () => void w.stop());
      await w.done;
    });
}
