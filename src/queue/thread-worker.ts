/**
 * The body of one pool thread: loads the task module once, then answers
 * `{id, input}` messages with `{id, ok, value}` or `{id, ok:false, error}`.
 */
import { parentPort, workerData } from 'node:worker_threads';

interface Init {
  moduleUrl: string;
  exportName: string;
}

type Task = (input: unknown) => unknown;

const port = parentPort;
if (port === null) throw new Error('thread-worker must run inside a worker thread');
const { moduleUrl, exportName } = workerData as Init;
const loaded: Promise<Task> = import(moduleUrl).then((mod: Record<string, unknown>) => {
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`${moduleUrl} has no exported function ${exportName}`);
  return fn as Task;
});

port.on('message', async (msg: { id: number; input: unknown }) => {
  try {
    const fn = await loaded;
    const value = await fn(msg.input);
    port.postMessage({ id: msg.id, ok: true, value });
  } catch (err) {
    const e = err as Error;
    port.postMessage({ id: msg.id, ok: false, error: { message: e?.message ?? String(err), stack: e?.stack ?? null } });
  }
});
