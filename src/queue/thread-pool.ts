/**
 * A pool of worker threads that runs one exported function of one module on
 * many inputs, so CPU-bound stages (enrichment) use every core during
 * `ingest`. Inputs and outputs cross threads by structured clone: plain data
 * only. A thread that dies is replaced and its unanswered tasks run again; a
 * task that was the first unanswered one when two threads died fails.
 */
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface ThreadPoolOptions {
  /** The module holding the function: an absolute path or a file: URL (e.g. `new URL('./x.js', import.meta.url)`). */
  module: string | URL;
  /** Name of the exported function `(input) => output | Promise<output>`. */
  exportName: string;
  /** Threads. Default: available parallelism (at least 1). */
  size?: number;
  /**
   * Each thread's young generation in MiB (V8's default is small; a thread that allocates many short-lived
   * objects, such as the analysis, collects garbage less often with more). Default: V8's.
   */
  youngGenerationMb?: number;
  /**
   * Tasks handed to a thread at once (default 1). With more, a thread that finishes one starts the next from its own
   * queue instead of waiting for the main thread to hand it one: a busy main thread (storing the previous results)
   * answers thread messages only between its own tasks.
   */
  perThread?: number;
}

interface Pending {
  id: number;
  input: unknown;
  resolve(v: unknown): void;
  reject(e: Error): void;
  /** Threads that died with this task as the first unanswered one. */
  crashes: number;
  /** It was unanswered in a thread that died: it runs alone in a thread, so a second death names the culprit. */
  suspect: boolean;
}

/** A task that was the first unanswered one of this many dead threads fails (it is taken to be what kills them). */
const CRASHES_TO_FAIL = 2;

interface Slot {
  worker: Worker;
  /** Tasks sent to the thread, in the order it runs them. */
  inflight: Pending[];
}

// Running from TypeScript sources (tsx, vitest) the thread needs the tsx loader; the built .js does not.
const SELF_IS_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(SELF_IS_TS ? './thread-worker.ts' : './thread-worker.js', import.meta.url);

/**
 * Under tsx a thread cannot take `--import tsx` (Node 20 rejects loader flags
 * for workers), so a two-line bootstrap registers tsx's loader inside the
 * thread, then loads the worker body.
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!SELF_IS_TS) return { entry: WORKER_URL, eval: false };
  // `require.resolve` finds the CommonJS build; its ESM twin sits beside it and is the one that registers correctly.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return { entry: code, eval: true };
}

export class ThreadPool<I, O> {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly moduleUrl: string;
  private readonly perThread: number;

  constructor(private readonly opts: ThreadPoolOptions) {
    this.perThread = Math.max(1, Math.floor(opts.perThread ?? 1));
    const m = opts.module;
    this.moduleUrl = m instanceof URL ? m.href : m.startsWith('file:') ? m : pathToFileURL(m).href;
    const size = Math.max(1, opts.size ?? os.availableParallelism());
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks waiting for a free thread. */
  get pending(): number {
    return this.queue.length;
  }

  private spawn(): Slot {
    const { entry, eval: isEval } = workerEntry();
    const worker = new Worker(entry, {
      eval: isEval,
      workerData: { moduleUrl: this.moduleUrl, exportName: this.opts.exportName },
      ...(this.opts.youngGenerationMb !== undefined ? { resourceLimits: { maxYoungGenerationSizeMb: this.opts.youngGenerationMb } } : {}),
    });
    const slot: Slot = { worker, inflight: [] };
    worker.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: { message: string } }) => {
      const i = slot.inflight.findIndex((t) => t.id === msg.id);
      if (i < 0) return;
      const task = slot.inflight.splice(i, 1)[0]!;
      if (msg.ok) task.resolve(msg.value);
      else task.reject(new Error(msg.error?.message ?? 'task failed'));
      this.dispatch();
    });
    const replace = (err: Error): void => {
      // The thread ran its tasks in order, but an answer sent just before it died may be lost with it: the first
      // unanswered task may be the culprit or an innocent one, so it fails only the second time.
      const unanswered = slot.inflight.splice(0);
      const first = unanswered[0];
      if (first !== undefined && ++first.crashes >= CRASHES_TO_FAIL) first.reject(err);
      const again = unanswered.filter((t) => t !== first || t.crashes < CRASHES_TO_FAIL);
      for (const t of again) t.suspect = true;
      if (this.closed) {
        for (const t of again) t.reject(new Error('thread pool closed'));
        return;
      }
      this.queue.unshift(...again);
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.dispatch();
    };
    worker.on('error', (err) => replace(err));
    worker.on('exit', (code) => {
      if (!this.closed) replace(new Error(`worker thread exited with code ${code}`));
    });
    return slot;
  }

  /**
   * Hands queued tasks to threads, in order and evenly: every thread gets its k-th task before any gets its
   * (k+1)-th. A suspect task (see `replace`) goes only to an idle thread, and nothing joins it there.
   */
  private dispatch(): void {
    for (let k = 1; k <= this.perThread; k++) {
      for (const slot of this.slots) {
        if (slot.inflight.length >= k || slot.inflight.some((t) => t.suspect)) continue;
        const task = this.queue[0];
        if (task === undefined) return;
        if (task.suspect && slot.inflight.length > 0) continue;
        this.queue.shift();
        slot.inflight.push(task);
        slot.worker.postMessage({ id: task.id, input: task.input });
      }
    }
  }

  /** Runs the function on one input in some thread. */
  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error('thread pool is closed'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve: resolve as (v: unknown) => void, reject, crashes: 0, suspect: false });
      this.dispatch();
    });
  }

  /**
   * Runs every input, at most `window` in flight, yielding results in input
   * order (so the caller can store articles in the order they were read).
   */
  async *map(inputs: AsyncIterable<I> | Iterable<I>, window = this.size * 2): AsyncGenerator<{ input: I; result: { ok: true; value: O } | { ok: false; error: Error } }> {
    const inflight: { input: I; promise: Promise<{ ok: true; value: O } | { ok: false; error: Error }> }[] = [];
    for await (const input of inputs) {
      inflight.push({
        input,
        promise: this.run(input).then(
          (value) => ({ ok: true as const, value }),
          (error: Error) => ({ ok: false as const, error }),
        ),
      });
      if (inflight.length >= window) {
        const head = inflight.shift();
        if (head !== undefined) yield { input: head.input, result: await head.promise };
      }
    }
    for (const head of inflight) yield { input: head.input, result: await head.promise };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('thread pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
