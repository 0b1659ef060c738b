/**
 * The worker's store step: the ingest service deciding, `store.commit` writing.
 */
import type { Article, IngestOutcome, RawDocument } from '../model/types.js';
import { IngestService } from '../pipeline/ingest-service.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';

/** One analysed input for the store step, with the key of the job that carries it. */
export interface StoreItem {
  key: string;
  raw: RawDocument;
  article: Article;
}

/** The idempotency key a job's store write (or rejection) is recorded under. */
export const outcomeKey = (jobKey: string): string => `ingest:${jobKey}`;

export interface StoreStepOptions {
  /** The service's clock. Default: wall time. */
  now?: () => Date;
  /** Wraps the work done while the ingest lock is held (the worker keeps its analysis from running then). */
  whileLocked?<T>(fn: () => Promise<T>): Promise<T>;
}

/** Stores items; only callable while the ingest lock is held (inside `StoreStep.tryHold`). */
export type StoreLocked = (items: readonly StoreItem[]) => Promise<IngestOutcome[]>;

/**
 * The worker's store step. Calling it stores a batch under one hold of the
 * ingest lock, waiting for the lock. A worker instead:
 * - calls `catchUp()` without the lock: the service replays what the other
 *   workers committed since its last hold (one read snapshot, so the log
 *   cannot move under it), leaving the locked part only the entries that
 *   land in between;
 * - calls `tryHold(fn)`: when no one holds the lock it takes it and `fn`
 *   stores as many batches as it likes through the `StoreLocked` it is given;
 *   when someone does, it returns `{ held: false }` at once.
 * Calls are serialised within the process (one service, one clusterer).
 */
export interface StoreStep {
  (items: readonly StoreItem[]): Promise<IngestOutcome[]>;
  catchUp(): Promise<void>;
  tryHold<T>(fn: (store: StoreLocked) => Promise<T>): Promise<{ held: true; value: T } | { held: false }>;
}

/**
 * The ingest service decides (duplicates, entities, statements, event,
 * provenance) and `store.commit` writes, at most once per job key — a step
 * retried after its commit returns the first outcome. The service keeps its
 * clusterer in memory and, under the lock, replays what other workers
 * committed since (nobody commits in between), so every decision sees every
 * earlier article.
 */
export function storeStep(store: PostgresStore, opts: StoreStepOptions = {}): StoreStep {
  const now = opts.now ?? (() => new Date());
  const whileLocked = opts.whileLocked ?? (<T>(fn: () => Promise<T>) => fn());
  let service: IngestService | null = null;
  const open = async (): Promise<IngestService> => (service ??= await IngestService.open(store, { now }));

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const storeLocked: StoreLocked = async (items) => {
    const svc = await open();
    const done = await store.outcomesFor(items.map((i) => outcomeKey(i.key)));
    const out: IngestOutcome[] = [];
    for (const { key, raw, article } of items) {
      const k = outcomeKey(key);
      // A key seen twice in one batch (a job handed out again) is stored by its first occurrence.
      const outcome = done.get(k) ?? (await store.withIngestKey(k, () => svc.ingestArticle(raw, article)));
      done.set(k, outcome);
      out.push(outcome);
    }
    return out;
  };

  const step = ((items: readonly StoreItem[]) => exclusive(() => store.withIngestLock(() => whileLocked(() => storeLocked(items))))) as StoreStep;
  step.catchUp = () =>
    exclusive(() =>
      store.withReadSnapshot(async () => {
        const fresh = service === null;
        const svc = await open();
        if (!fresh) await svc.catchUp();
      }),
    );
  step.tryHold = (fn) => exclusive(() => store.tryIngestLock(() => whileLocked(() => fn(storeLocked))));
  return step;
}
