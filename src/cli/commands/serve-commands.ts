import path from 'node:path';
import { Command } from 'commander';
import { readInputs } from '../../ingest/input-reader.js';
import { runIngest } from '../../pipeline/ingest-run.js';
import type { Store } from '../../store/store-port.js';
import { serveWebApp } from '../../web/serve-web.js';
import { dbOption, openStore, resolveDb, UsageError } from '../context.js';
import { packageRoot } from '../package-root.js';

function portOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = option ?? env['STORYLINE_PORT'] ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid port "${raw}"`);
  return port;
}

/** Serves until SIGINT/SIGTERM, then closes the server and the store. */
async function serveUntilStopped(store: Store, port: number): Promise<void> {
  const server = await serveWebApp(store, { port, hostname: '127.0.0.1' });
  process.stdout.write(`Storyline is serving ${server.url}/  (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await store.close();
}

export function register(program: Command): void {
  dbOption(program.command('serve').description('Serve the web UI and the JSON API on 127.0.0.1'))
    .option('--port <n>', 'port (default: $STORYLINE_PORT or 8080; 0 picks a free one)')
    .action(async (opts: { db?: string; port?: string }) => {
      const store = await openStore(resolveDb(opts.db));
      await serveUntilStopped(store, portOf(opts.port));
    });

  dbOption(program.command('demo').description('Ingest the bundled demo corpus (idempotent) and serve it'))
    .option('--port <n>', 'port (default: $STORYLINE_PORT or 8080; 0 picks a free one)')
    .option('--no-serve', 'only ingest, then exit')
    .action(async (opts: { db?: string; port?: string; serve: boolean }) => {
      const port = portOf(opts.port);
      const store = await openStore(resolveDb(opts.db));
      const corpus = path.join(packageRoot(), 'demo', 'corpus');
      const counts = { stored: 0, duplicate: 0, rejected: 0 };
      await runIngest(store, readInputs([corpus]), {
        now: () => new Date(),
        onOutcome: (o) => {
          counts[o.status]++;
          if (o.status === 'rejected') process.stderr.write(`rejected ${o.source}: ${o.reason}\n`);
        },
      });
      const stats = await store.stats();
      process.stdout.write(
        `demo corpus: ${counts.stored} stored, ${counts.duplicate} already there, ${counts.rejected} rejected — ${stats.articles} articles, ${stats.events} events, ${stats.storylines} story lines\n`,
      );
      if (!opts.serve) return store.close();
      await serveUntilStopped(store, port);
    });
}
