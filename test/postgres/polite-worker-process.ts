/**
 * One `storyline worker` process for the worker-politeness test: the product's worker with the options the test
 * passes as JSON in WORKER_OPTIONS (fetch step only, loopback hosts allowed, short gaps). It reports each fetch job
 * finished and each put back for later to the parent. `node --import tsx test/postgres/polite-worker-process.ts`.
 */
import { runWorker, type WorkerOptions } from '../../src/queue/pipeline-worker.js';

const options = JSON.parse(process.env['WORKER_OPTIONS'] ?? '{}') as WorkerOptions;
const worker = await runWorker({
  ...options,
  log: (e) => {
    if (e.kind === 'later') process.send?.({ later: e.key });
    else if (e.kind === 'done' && e.step === 'fetch') process.send?.({ done: e.key });
  },
});
process.on('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
process.send?.('ready');
await worker.done;
