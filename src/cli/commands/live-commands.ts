/** The live path: following feeds, and PostgreSQL workers. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parseSources, sourcesFromUrls } from '../../feeds/sources-file.js';
import { runFollow } from '../../feeds/follow.js';
import { IngestService } from '../../pipeline/ingest-service.js';
import { runWorker } from '../../queue/pipeline-worker.js';
import { dbOption, openStore, parseLimit, resolveDb, UsageError } from '../context.js';

function stopSignal(): AbortSignal {
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort());
  process.once('SIGTERM', () => ctl.abort());
  return ctl.signal;
}

export function register(program: Command): void {
  dbOption(program.command('follow').description('Poll RSS/Atom/JSON feeds and ingest each new item (conditional GET, backoff, robots.txt)'))
    .argument('[feed-urls...]', 'feed URLs (or use --sources)')
    .option('--sources <file>', 'a YAML or JSON sources file: outlet, feed URLs, language, polling interval')
    .option('--once', 'poll every feed once and exit (for cron)')
    .option('--allow-private', 'allow feeds on private/loopback addresses (tests, intranets)')
    .action(async (urls: string[], opts: { db?: string; sources?: string; once?: boolean; allowPrivate?: boolean }) => {
      let sources;
      if (opts.sources) {
        const parsed = parseSources(readFileSync(opts.sources, 'utf8'));
        if (!parsed.ok) throw new UsageError(`${opts.sources}: ${parsed.reason}${parsed.detail ? ` (${parsed.detail})` : ''}`);
        sources = parsed.value;
      } else if (urls.length > 0) {
        sources = sourcesFromUrls(urls);
      } else {
        throw new UsageError('give feed URLs or --sources FILE');
      }
      const db = resolveDb(opts.db);
      const store = await openStore(db);
      try {
        const service = await IngestService.open(store, { now: () => new Date() });
        await runFollow({
          sources,
          ingest: async (doc) => {
            const o = await service.ingestRaw(doc);
            process.stderr.write(`${o.status} ${o.source}${o.status === 'stored' ? '' : ` (${o.reason})`}\n`);
            return o;
          },
          reject: (source, reason, detail) => store.reject(source, reason, detail ?? undefined),
          memoryFile: `${db.startsWith('postgres') ? 'storyline' : db}.feeds.json`,
          signal: stopSignal(),
          once: opts.once ?? false,
          ...(opts.allowPrivate ? { policy: { allowPrivate: true } } : {}),
          log: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
        });
      } finally {
        await store.close();
      }
    });

  dbOption(program.command('worker').description('Process the shared PostgreSQL job queue (fetch → extract → enrich → cluster); run one per machine or core'))
    .option('--concurrency <n>', 'jobs taken at once per step', parseLimit, 4)
    .action(async (opts: { db?: string; concurrency: number }) => {
      const db = resolveDb(opts.db);
      if (!/^postgres(ql)?:\/\//i.test(db)) throw new UsageError('storyline worker needs a shared PostgreSQL store: --db postgres://… or STORYLINE_DB');
      const w = await runWorker({ db, concurrency: opts.concurrency });
      process.stderr.write('storyline worker: processing the queue (Ctrl-C to stop)\n');
      stopSignal().addEventListener('abort', () => void w.stop());
      await w.done;
    });
}
