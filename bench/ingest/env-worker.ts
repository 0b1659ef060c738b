/**
 * A `storyline worker` configured from the environment (WORKER_DB, WORKER_SCHEMA, WORKER_QUEUE_SCHEMA), for the
 * processes that benchmarks and cost tests start: it counts the articles it stores and, on SIGTERM, lets the caller
 * print what it measured before the worker stops and the process exits.
 */
import { runWorker } from '../../src/queue/pipeline-worker.js';

export async function runEnvWorker(onStop: (stored: number) => void): Promise<void> {
  let stored = 0;
  const w = await runWorker({
    db: process.env['WORKER_DB'] ?? '',
    schema: process.env['WORKER_SCHEMA'] ?? 'public',
    queueSchema: process.env['WORKER_QUEUE_SCHEMA'] ?? 'pgboss',
    idleMs: 200,
    log: (e) => void (e.kind === 'done' && e.step === 'cluster' && e.outcome === 'stored' && (stored += 1)),
  });
  process.on('SIGTERM', () => {
    onStop(stored);
    void w.stop().then(() => process.exit(0));
  });
  await w.done;
}
