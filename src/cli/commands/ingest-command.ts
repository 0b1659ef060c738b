import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { readInputs, DEFAULT_LIMITS, isWebAddress, type InputItem } from '../../ingest/input-reader.js';
import { urlInputReader } from '../../fetch/url-inputs.js';
import { runIngest } from '../../pipeline/ingest-run.js';
import { IngestService } from '../../pipeline/ingest-service.js';
import type { IngestOutcome } from '../../model/types.js';
import { addressOptions, addressPolicy, dbOption, isPostgres, EXIT_OK, EXIT_SOME_REJECTED, formatTable, parseLimit, printJsonLine, resolveDb, UsageError, withStore, type AddressOptions } from '../context.js';
import { readWarcInputs } from '../../warc/warc-input.js';

/** Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
const EXIT_INTERRUPTED = 130;

export interface IngestTally {
  stored: number;
  duplicate: number;
  rejected: number;
  reasons: Map<string, number>;
}

export function tally(outcomes: Iterable<IngestOutcome>): IngestTally {
  const t: IngestTally = { stored: 0, duplicate: 0, rejected: 0, reasons: new Map() };
  for (const o of outcomes) {
    t[o.status === 'stored' ? 'stored' : o.status === 'duplicate' ? 'duplicate' : 'rejected']++;
    if (o.status !== 'stored') t.reasons.set(o.reason, (t.reasons.get(o.reason) ?? 0) + 1);
  }
  return t;
}

export function register(program: Command): void {
  addressOptions(
    dbOption(
      program
        .command('ingest')
        .description('Analyse inputs and add them to the store: files, folders (recursively), .warc(.gz) archives, http(s) URLs, or - for stdin')
        .argument('<paths...>', 'files or folders: .txt .html .htm (.gz), .json .jsonl, .warc .warc.gz; or http(s):// page addresses')
        .option('--verbatim', 'inputs are already article bodies: no cleaning')
        .option('--json', 'print one outcome per input as a JSON line instead of a progress bar')
        .option('--max-bytes <n>', 'largest accepted document in bytes', String(DEFAULT_LIMITS.maxDocumentBytes))
        .option('--threads <n>', 'analysis threads (default: one per core)', parseLimit)
        .option('--queue', 'shared PostgreSQL only: put the inputs on the job queue for `storyline worker` (URLs are fetched by the workers) instead of analysing them here')
        .addHelpText(
          'after',
          `
Every input ends up stored, recognised as a duplicate, or rejected with a
reason code. Ingesting the same inputs twice stores nothing new.
Exit code 1 when some inputs were rejected. Ctrl-C stops after the inputs in
hand (what they stored stays; exit code 130); a second Ctrl-C quits at once.

URLs are fetched through the safe fetcher: private, loopback and link-local
addresses are refused (fetch-forbidden-address) unless --allow-host or
--allow-private lets them through; size, time and redirect limits apply;
robots.txt is obeyed and one host gets one request at a time, a second apart.

Examples:
  storyline ingest ./pages
  storyline ingest feed-dump.jsonl --db team.db
  storyline ingest https://example.org/news/1 https://example.org/news/2
  storyline ingest --queue ./archive.warc.gz --db postgres://…   # the workers analyse
  cat page.html | storyline ingest -`,
        ),
    ),
  ).action(async (paths: string[], opts: AddressOptions & { db?: string; verbatim?: boolean; json?: boolean; maxBytes: string; threads?: number; queue?: boolean }) => {
    if (opts.queue) {
      await enqueueInputs(paths, opts);
      return;
    }
    let outcomes: IngestOutcome[] = [];
    let interrupted = false;
    await withStore(opts.db, async (store) => {
      const showBar = !opts.json && process.stderr.isTTY;
      let bar = showBar
        ? new cliProgress.SingleBar(
            { format: 'ingest {bar} {value} inputs | stored {stored} · duplicate {duplicate} · rejected {rejected}', stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
      const counts = { stored: 0, duplicate: 0, rejected: 0 };
      bar?.start(0, 0, counts);
      let seen = 0;
      let lastNote = Date.now();
      const inputs = readInputs(paths, {
        limits: { maxDocumentBytes: Number(opts.maxBytes) },
        verbatim: opts.verbatim ?? false,
        readWarc: readWarcInputs,
        fetchUrl: urlInputReader({ policy: addressPolicy(opts) }),
      });
      // Ctrl-C once: finish the inputs in hand and stop (what was stored stays, settle later); twice: quit at once.
      const stop = new AbortController();
      const onSignal = (): void => {
        if (stop.signal.aborted) process.exit(130);
        stop.abort();
        bar?.stop();
        bar = null;
        process.stderr.write('stopping after the inputs in hand (Ctrl-C again to quit now; inputs not reported are ingested by the next run)\n');
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      outcomes = await runIngest(store, inputs, {
        signal: stop.signal,
        now: () => new Date(),
        ...(opts.threads ? { threads: opts.threads } : {}),
        onOutcome: (outcome) => {
          seen++;
          counts[outcome.status]++;
          if (opts.json) printJsonLine(outcome);
          if (bar) {
            bar.setTotal(seen);
            bar.update(seen, counts);
          } else if (!opts.json && Date.now() - lastNote > 2000) {
            process.stderr.write(`… ${seen} inputs: ${counts.stored} stored, ${counts.duplicate} duplicate, ${counts.rejected} rejected\n`);
            lastNote = Date.now();
          }
        },
        onSettle: (r) => {
          bar?.stop();
          bar = null;
          // stderr: stdout stays one JSON outcome per input under --json.
          if (r.replayed) {
            process.stderr.write(
              `events re-sequenced in publication order (inputs arrived out of date order): ${r.articles} articles replayed, ${r.moved} moved, ${r.eventsChanged} events changed, ${r.eventsRetired} merged away\n`,
            );
          } else if (r.note !== undefined && r.note.startsWith('the cluster log')) {
            process.stderr.write(`events not re-sequenced: ${r.note}\n`);
          }
          if ((r.placesChanged ?? 0) > 0) process.stderr.write(`places re-read with their outlet's profile: ${r.placesChanged} articles\n`);
        },
      });
      bar?.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      interrupted = stop.signal.aborted;
      if (interrupted) process.stderr.write(`stopped: ${outcomes.length} inputs done; events not re-sequenced yet (the next ingest does it, or \`storyline settle\`)\n`);
    });
    const t = tally(outcomes);
    if (!opts.json) {
      const rows: (string | number)[][] = [
        ['stored', t.stored, ''],
        ['duplicate', t.duplicate, ''],
        ['rejected', t.rejected, ''],
        ...[...t.reasons].map(([reason, n]) => ['  reason', n, reason]),
      ];
      process.stdout.write(`${formatTable(['outcome', 'inputs', 'reason'], rows)}\n`);
      for (const o of outcomes) if (o.status === 'rejected') process.stdout.write(`rejected ${o.source}: ${o.reason}${o.detail ? ` (${o.detail})` : ''}\n`);
    }
    process.exitCode = interrupted ? EXIT_INTERRUPTED : t.rejected > 0 ? EXIT_SOME_REJECTED : EXIT_OK;
  });
}

/**
 * `ingest --queue`: documents (files, folders, archives, stdin) go on the queue at the extract step, URLs at the
 * fetch step; inputs that cannot be read are rejected in the store, as `ingest` would. One JSON line per input
 * with --json (`queued` or `rejected`).
 */
async function enqueueInputs(paths: string[], opts: AddressOptions & { db?: string; verbatim?: boolean; json?: boolean; maxBytes: string }): Promise<void> {
  const db = resolveDb(opts.db);
  if (!isPostgres(db)) throw new UsageError('--queue needs a shared PostgreSQL store: --db postgres://… or STORYLINE_DB');
  if (opts.allowPrivate || (opts.allowHost?.length ?? 0) > 0) throw new UsageError('--allow-host/--allow-private apply where pages are fetched: give them to `storyline worker`');
  const { enqueueDocuments, enqueueUrls, startBoss } = await import('../../queue/job-queue.js');
  const urls = paths.filter(isWebAddress);
  const files = paths.filter((p) => !isWebAddress(p));
  const boss = await startBoss({ db });
  const counts = { queued: 0, rejected: 0 };
  try {
    await withStore(opts.db, async (store) => {
      const say = (line: Record<string, unknown>): void => void (opts.json && printJsonLine(line));
      for (const url of urls) {
        await enqueueUrls(boss, [{ url }]);
        counts.queued++;
        say({ status: 'queued', source: url, step: 'fetch' });
      }
      const items: AsyncIterable<InputItem> = readInputs(files, { limits: { maxDocumentBytes: Number(opts.maxBytes) }, verbatim: opts.verbatim ?? false, readWarc: readWarcInputs });
      for await (const item of items) {
        if (!item.ok) {
          await store.reject(item.source, item.reason, item.detail);
          counts.rejected++;
          say({ status: 'rejected', source: item.source, reason: item.reason, ...(item.detail !== undefined ? { detail: item.detail } : {}) });
          continue;
        }
        await enqueueDocuments(boss, [item.doc]);
        counts.queued++;
        say({ status: 'queued', source: item.doc.source, step: 'extract' });
      }
    });
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
  if (!opts.json) process.stdout.write(`${formatTable(['outcome', 'inputs'], [['queued', counts.queued], ['rejected', counts.rejected]])}\n`);
  process.exitCode = counts.rejected > 0 ? EXIT_SOME_REJECTED : EXIT_OK;
}

export function registerSettle(program: Command): void {
  dbOption(
    program
      .command('settle')
      .description('Re-form events as if the stored corpus had arrived in publication order, and re-read places per outlet (after worker runs; ingest does it itself)')
      .option('--json', 'print the report as JSON')
      .option('--full', 'replay every event, not only those touched since the last settle (the store records which settle rules wrote the events; a newer version of the rules replays in full by itself)')
      .addHelpText(
        'after',
        `
Streaming clustering depends on arrival order. \`storyline ingest\` settles at
the end of every run; \`storyline worker\` processes do not (they never end), so
run this after a batch has gone through the queue. When arrivals were already
in publication order it only records that; otherwise it replays the cluster
log by date and moves articles, merges away events that no longer exist (their
ids keep resolving) and recomputes summaries and provenance. It also re-reads
the places of the recent articles of every outlet that got new ones, with the
outlet's home region learnt from all its other articles ("Decatur" in a Georgia
paper is the Georgia one); the report counts them (placesChanged). Events that
no new article touched since the last settle are left as that settle wrote
them, in this process or another (--full replays them too).

Examples:
  storyline settle
  storyline settle --full
  storyline settle --db postgres://storyline@db.internal/news --json`,
      ),
  ).action(async (opts: { db?: string; json?: boolean; full?: boolean }) => {
    await withStore(opts.db, async (store) => {
      const service = await IngestService.open(store, { now: () => new Date() });
      const report = await service.settle(opts.full === true ? { full: true } : {});
      if (opts.json) printJsonLine(report);
      else if (report.replayed) {
        const kept = (report.eventsUnchanged ?? 0) > 0 ? `, ${report.eventsUnchanged} untouched since the last settle left as they were` : '';
        process.stdout.write(`re-sequenced ${report.articles} articles: ${report.moved} moved, ${report.eventsChanged} events changed, ${report.eventsRetired} merged away${kept}\n`);
      }
      else process.stdout.write(`nothing to re-sequence: ${report.note ?? 'arrivals were in order'}\n`);
      if (!opts.json && (report.placesChanged ?? 0) > 0) process.stdout.write(`places re-read with their outlet's profile: ${report.placesChanged} articles\n`);
    });
  });
}

