/**
 * `storyline worker`: takes jobs from the shared queue and runs one step per
 * job. Safe on many machines at once:
 * - every step is idempotent: its output is either the next step's job, whose
 *   id is fixed by the input (a second send inserts nothing), or a store write
 *   keyed by the input (the store step and `rejectOnce` commit the key with the
 *   article or rejection, so a retried step returns the first outcome);
 * - the store step is the project's ingest service (`storeStep`), the same
 *   decisions as `storyline ingest`, serialised by the store's ingest lock;
 * - a worker killed mid-job leaves its job `active` until it expires, then
 *   pg-boss hands it to another worker; a job that keeps throwing goes to the
 *   dead-letter queue after its retries;
 * - expected failures (a page with no article, a refused URL) are stored as
 *   rejections with their reason and complete the job: retrying cannot help.
 */
import type PgBoss from 'pg-boss';
import type { IngestOutcome, RawDocument, ReasonCode } from '../model/types.js';
import { fetchUrl, type Fetcher, type FetchPolicy } from '../fetch/safe-fetcher.js';
import { decodeBytes } from '../ingest/decode.js';
import { openPostgresStore, type PostgresStore } from '../store/postgres/postgres-store.js';
import { outcomeKey, storeStep, type StoreItem } from './store-step.js';
import { enrichStep, extractStep } from './analysis-steps.js';
import { jobId, QUEUES, startBoss, type ClusterJob, type EnrichJob, type ExtractJob, type FetchJob, type QueueSettings, type StepName } from './job-queue.js';

export interface WorkerOptions extends QueueSettings {
  /** PostgreSQL URL (the store and the queue share the database). */
  db: string;
  /** The store's schema; default `public`. */
  schema?: string;
  /** pg-boss's schema; default `pgboss`. */
  queueSchema?: string;
  /** Jobs taken per fetch and run together, per step. Default 4. */
  concurrency?: number;
  /** Cluster jobs stored per hold of the ingest lock. Default 16. */
  clusterBatch?: number;
  /** Which steps this process serves (a machine can specialise). Default all. */
  only?: readonly StepName[];
  fetcher?: Fetcher;
  fetchPolicy?: FetchPolicy;
  /** Sleep when a queue is empty. Default 500 ms. */
  idleMs?: number;
  /** Run pg-boss maintenance (expiry of crashed workers' jobs) this often. Default 30 s. */
  maintenanceIntervalSeconds?: number;
  log?(event: WorkerEvent): void;
  signal?: AbortSignal;
}

export type WorkerEvent =
  | { kind: 'done'; step: StepName; key: string; outcome: string }
  | { kind: 'rejected'; step: StepName; key: string; reason: ReasonCode; detail: string | null }
  | { kind: 'retry'; step: StepName; key: string; error: string; attempt: number };

export interface RunningWorker {
  /** Finishes the jobs in hand, then stops. */
  stop(): Promise<void>;
  /** Resolves when the worker has stopped. */
  done: Promise<void>;
  store: PostgresStore;
}

/** Fetch failures worth retrying: the server or the network may be better later. */
const TRANSIENT: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['fetch-timeout', 'fetch-network-error', 'fetch-bad-status']);

class TransientError extends Error {}

interface Ctx {
  boss: PgBoss;
  store: PostgresStore;
  opts: WorkerOptions;
  storeArticles: (items: readonly StoreItem[]) => Promise<IngestOutcome[]>;
  /** Closed while this process holds the ingest lock. */
  locked: LockGate;
}

/**
 * Analysis waits while this process holds the ingest lock: every worker waits
 * for that lock, and an analysis started on this thread between two of the
 * store step's queries would hold all of them up. (While it only waits for
 * the lock, analysis goes on.)
 */
class LockGate {
  private running = 0;
  private waiters: (() => void)[] = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await fn();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  async idle(): Promise<void> {
    while (this.running > 0) await new Promise<void>((r) => this.waiters.push(r));
  }
}


async function reject(ctx: Ctx, step: StepName, key: string, source: string, reason: ReasonCode, detail: string | null): Promise<void> {
  await ctx.store.rejectOnce(outcomeKey(key), source, reason, detail ?? undefined);
  ctx.opts.log?.({ kind: 'rejected', step, key, reason, detail });
}

async function send(ctx: Ctx, step: StepName, key: string, data: object): Promise<void> {
  await ctx.boss.send(QUEUES[step], data, { id: jobId(step, key) });
}

async function runFetch(ctx: Ctx, job: FetchJob, lastAttempt: boolean): Promise<void> {
  const res = await (ctx.opts.fetcher ?? fetchUrl)(job.url, ctx.opts.fetchPolicy ?? {});
  if (!res.ok) {
    if (TRANSIENT.has(res.reason) && !lastAttempt) throw new TransientError(`${res.reason}: ${res.detail ?? ''}`);
    await reject(ctx, 'fetch', job.key, job.url, res.reason, res.detail ?? null);
    return;
  }
  const charset = /charset=["']?([A-Za-z0-9._-]{1,40})/i.exec(res.value.headers['content-type'] ?? '')?.[1] ?? null;
  const isHtml = res.value.contentType !== 'text/plain';
  const decoded = decodeBytes(res.value.body, { html: isHtml, declaredCharset: charset });
  if (!decoded.ok) {
    await reject(ctx, 'fetch', job.key, job.url, decoded.reason, decoded.detail ?? null);
    return;
  }
  const doc: RawDocument = {
    source: res.value.url,
    kind: 'url',
    contentType: isHtml ? 'text/html' : 'text/plain',
    content: decoded.value.text,
    encoding: { charset: decoded.value.charset, basis: decoded.value.basis },
    url: res.value.url,
    ...(job.outlet !== undefined ? { outlet: job.outlet } : {}),
    ...(job.language !== undefined ? { language: job.language } : {}),
    ...(job.title !== undefined ? { title: job.title } : {}),
    ...(job.publishedAt !== undefined ? { publishedAt: job.publishedAt } : {}),
  };
  await send(ctx, 'extract', job.key, { key: job.key, doc } satisfies ExtractJob);
}

async function runExtract(ctx: Ctx, job: ExtractJob): Promise<void> {
  await ctx.locked.idle();
  const r = extractStep(job.doc);
  if (!r.ok) return reject(ctx, 'extract', job.key, job.doc.source, r.reason, r.detail ?? null);
  await send(ctx, 'enrich', job.key, { key: job.key, doc: job.doc, extracted: r.value } satisfies EnrichJob);
}

async function runEnrich(ctx: Ctx, job: EnrichJob): Promise<void> {
  await ctx.locked.idle();
  const article = enrichStep(job.doc, job.extracted);
  await send(ctx, 'cluster', job.key, { key: job.key, doc: job.doc, article } satisfies ClusterJob);
}

async function runCluster(ctx: Ctx, job: ClusterJob): Promise<string> {
  const [outcome] = await ctx.storeArticles([{ key: job.key, raw: job.doc, article: job.article }]);
  return outcome?.status ?? 'stored';
}

type AnyJob = PgBoss.JobWithMetadata<FetchJob & ExtractJob & EnrichJob & ClusterJob>;

async function runOne(ctx: Ctx, step: StepName, job: AnyJob): Promise<void> {
  const data = job.data;
  try {
    let outcome = 'next step queued';
    if (step === 'fetch') await runFetch(ctx, data, job.retryCount >= job.retryLimit);
    else if (step === 'extract') await runExtract(ctx, data);
    else if (step === 'enrich') await runEnrich(ctx, data);
    else outcome = await runCluster(ctx, data);
    await ctx.boss.complete(QUEUES[step], job.id);
    ctx.opts.log?.({ kind: 'done', step, key: data.key, outcome });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    ctx.opts.log?.({ kind: 'retry', step, key: data.key, error: message, attempt: job.retryCount + 1 });
    // pg-boss schedules the retry, or moves the job to the dead-letter queue when retries are spent.
    await ctx.boss.fail(QUEUES[step], job.id, { error: message }).catch(() => undefined);
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((r) => {
    const onAbort = (): void => {
      clearTimeout(t);
      r();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      r();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

async function stepLoop(ctx: Ctx, step: StepName, signal: AbortSignal): Promise<void> {
  const batchSize = Math.max(1, step === 'cluster' ? (ctx.opts.clusterBatch ?? 16) : (ctx.opts.concurrency ?? 4));
  const idle = ctx.opts.idleMs ?? 500;
  while (!signal.aborted) {
    let jobs: AnyJob[];
    try {
      jobs = (await ctx.boss.fetch(QUEUES[step], { batchSize, includeMetadata: true })) as AnyJob[];
    } catch {
      await sleep(idle, signal);
      continue;
    }
    if (jobs.length === 0) {
      await sleep(idle, signal);
      continue;
    }
    if (step === 'cluster' && jobs.length > 1 && (await clusterBatch(ctx, jobs))) continue;
    await Promise.all(jobs.map((j) => runOne(ctx, step, j)));
  }
}

/**
 * Stores a batch of cluster jobs under one hold of the ingest lock. On an
 * error it returns false and the caller runs the jobs one by one: those
 * already committed answer with their recorded outcome.
 */
async function clusterBatch(ctx: Ctx, jobs: AnyJob[]): Promise<boolean> {
  let outcomes;
  try {
    outcomes = await ctx.storeArticles(jobs.map((j) => ({ key: j.data.key, raw: j.data.doc, article: j.data.article })));
  } catch {
    return false;
  }
  await ctx.boss.complete(QUEUES.cluster, jobs.map((j) => j.id));
  for (const [i, j] of jobs.entries()) ctx.opts.log?.({ kind: 'done', step: 'cluster', key: j.data.key, outcome: outcomes[i]?.status ?? 'stored' });
  return true;
}

/**
 * Starts a worker: one loop per step, each taking up to `concurrency` jobs at
 * a time. Returns at once; `done` resolves after `stop()` (or the signal).
 */
export async function runWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const store = await openPostgresStore({ url: opts.db, ...(opts.schema !== undefined ? { schema: opts.schema } : {}) });
  const boss = await startBoss(
    { db: opts.db, ...(opts.queueSchema !== undefined ? { queueSchema: opts.queueSchema } : {}), ...(opts.maintenanceIntervalSeconds !== undefined ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds } : {}) },
    opts,
  );
  const locked = new LockGate();
  const ctx: Ctx = {
    boss,
    store,
    opts,
    storeArticles: storeStep(store, { whileLocked: (fn) => locked.run(fn) }),
    locked,
  };
  const controller = new AbortController();
  opts.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const steps = opts.only ?? (['fetch', 'extract', 'enrich', 'cluster'] as const);
  const loops = Promise.all(steps.map((s) => stepLoop(ctx, s, controller.signal)));
  const done = loops.then(async () => {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    await store.close().catch(() => undefined);
  });
  return {
    store,
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}
