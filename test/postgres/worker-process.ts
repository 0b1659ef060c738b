/**
 * One `storyline worker` process for the worker-pool test: the product's
 * worker (the project's analysis, the ingest service, `store.commit`) with
 * short queue timings. `node --import tsx test/postgres/worker-process.ts` with env.
 */
import { runWorker } from '../../src/queue/pipeline-worker.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`missing ${k}`);
  return v;
};

const worker = await runWorker({
  db: env('WORKER_DB'),
  schema: env('WORKER_SCHEMA'),
  queueSchema: env('WORKER_QUEUE_SCHEMA'),
  concurrency: 4,
  idleMs: 100,
  expireInSeconds: Number(env('WORKER_EXPIRE')),
  retryDelaySeconds: 1,
  maintenanceIntervalSeconds: 1,
});
process.on('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
process.send?.('ready');
await worker.done;
