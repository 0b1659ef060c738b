/** One worker process for the acceptance test: `node --import tsx test/postgres/worker-process.ts` with env. */
import { runWorker } from '../../src/queue/pipeline-worker.js';
import { storyKeyEngine, syntheticSteps } from './synthetic-corpus.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`missing ${k}`);
  return v;
};

const worker = await runWorker({
  db: env('WORKER_DB'),
  schema: env('WORKER_SCHEMA'),
  queueSchema: env('WORKER_QUEUE_SCHEMA'),
  steps: syntheticSteps,
  ...(process.env['WORKER_INGEST'] === 'service' ? {} : { ingest: 'store' as const, clusterer: storyKeyEngine }),
  concurrency: 4,
  idleMs: 100,
  expireInSeconds: Number(process.env['WORKER_EXPIRE'] ?? '4'),
  retryDelaySeconds: 1,
  maintenanceIntervalSeconds: 1,
});
process.on('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
process.send?.('ready');
await worker.done;
