/**
 * Starts one `storyline worker` process (`polite-worker-process.ts`: the product's worker with the given options)
 * for the politeness tests, and resolves once it serves the queue. The child reports to the parent, by IPC, each
 * fetch job finished (`{done: key}`) and each put back for later (`{later: key}`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '../../src/queue/pipeline-worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function startPoliteWorker(options: WorkerOptions, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = fork(path.join(here, 'polite-worker-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, WORKER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}
