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

/**
 * The worker's store step: the ingest service decides (duplicates, entities,
 * statements, event, provenance) and `store.commit` writes, at most once per
 * job key — a step retried after its commit returns the first outcome. A batch
 * runs under one hold of the store's ingest lock; the service keeps its
 * clusterer in memory and replays what other workers committed since (nobody
 * commits in between), so every decision sees every earlier article.
 */
export function storeStep(store: PostgresStore, opts: StoreStepOptions = {}): (items: readonly StoreItem[]) => Promise<IngestOutcome[]> {
  const now = opts.now ?? (() => new Date());
  const whileLocked = opts.whileLocked ?? (<T>(fn: () => Promise<T>) => fn());
  let service: IngestService | null = null;
  return (items) =>
    store.withIngestLock(() => whileLocked(async () => {
      const svc = (service ??= await IngestService.open(store, { now }));
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
    }));
}
