/** One `storyline worker` for the ingest benchmark (the project pipeline and ingest service, defaults). */
import { runWorker } from '../../src/queue/pipeline-worker.js';

const w = await runWorker({
  db: process.env['WORKER_DB'] ?? '',
  schema: process.env['WORKER_SCHEMA'] ?? 'public',
  queueSchema: process.env['WORKER_QUEUE_SCHEMA'] ?? 'pgboss',
  idleMs: 200,
});
process.on('SIGTERM', () => void w.stop().then(() => process.exit(0)));
await w.done;
