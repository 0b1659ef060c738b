/**
 * `storyline worker`: takes jobs from the shared queue and runs one step per
 * job. Safe on many machines at once:
 * - every step is idempotent: its output is either the next step's job, whose
 *   id is fixed by the input (a second send inserts nothing), or a store write
 *   keyed by the input (the store step and `rejectOnce` commit the key with the
 *   article or rejection, so a retried step returns the first outcome);
 * - a page is analysed in one step (extract and enrich together); the
 *   `storyline-enrich` queue is still served for jobs queued before. The page
 *   travels to a worker once, to be analysed: for the store step it is copied
 *   inside the database, from the analysis job's row to the store's
 *   `staged_raw` table, and the commit moves it into the article's row, so
 *   the store step's job carries only the analysed article;
 * - the store step is the project's ingest service (`storeStep`), the same
 *   decisions as `storyline ingest`, serialised by the store's ingest lock.
 *   One worker at a time stores: the first to find the lock free keeps it
 *   (letting go every `holdMs` for other writers) and stores cluster jobs as
 *   they come, analysing while none are queued; the others analyse. So the
 *   other workers' articles are replayed through a clusterer only when the
 *   storer changes, and the storer's caches stay warm;
 * - a worker killed mid-job leaves its job `active` until it expires, then
 *   pg-boss hands it to another worker; a job that keeps throwing goes to the
 *   dead-letter queue after its retries;
 * - expected failures (a page with no article, a refused URL) are stored as
 *   rejections with their reason and complete the job: retrying cannot help;
 * - fetch jobs are polite across all workers (`SharedPoliteness`, in
 *   PostgreSQL): one request at a time per host, a gap after each (robots.txt
 *   Crawl-delay when longer), robots.txt fetched once per host per day and
 *   obeyed. A job whose host's turn is more than `hostWaitMs` away goes back
 *   on the queue to start later (its retries untouched), and the fetch loop
 *   keeps `concurrency` jobs in flight, each finishing on its own, so a slow
 *   host holds one slot, not the others.
 */
import type PgBoss from 'pg-boss';
import type { Article, IngestOutcome, RawDocument, ReasonCode } from '../model/types.js';
import { DEFAULT_USER_AGENT, fetchUrl, type Fetcher, type FetchPolicy } from '../fetch/safe-fetcher.js';
import { fetchedDocument } from '../fetch/fetched-document.js';
import { openPostgresStore, type PostgresStore } from '../store/postgres/postgres-store.js';
import { placeEvidence } from '../enrich/places/place-resolver.js';
import { outcomeKey, placeEvidenceOf, storeStep, type StoreItem, type StoreLocked, type StoreStep } from './store-step.js';
import { enrichStep, extractStep } from './analysis-steps.js';
import { SharedPoliteness } from './shared-politeness.js';
import { jobId, QUEUES, startBoss, type ClusterJob, type EnrichJob, type ExtractJob, type FetchJob, type QueueSettings, type StagedPage, type StepName } from './job-queue.js';

export interface WorkerOptions extends QueueSettings {
  /** PostgreSQL URL (the store and the queue share the database). */
  db: string;
  /** The store's schema; default `public`. */
  schema?: string;
  /** pg-boss's schema; default `pgboss`. */
  queueSchema?: string;
  /** Jobs taken per fetch and run together, per step. Default 4. */
  concurrency?: number;
  /** Cluster jobs taken from the queue at a time while holding the ingest lock. Default 16. */
  clusterBatch?: number;
  /** A worker holding the ingest lock lets go of it this often (and takes it again unless someone was waiting). Default 2000 ms. */
  holdMs?: number;
  /** Which steps this process serves (a machine can specialise). Default all. */
  only?: readonly StepName[];
  fetcher?: Fetcher;
  fetchPolicy?: FetchPolicy;
  /** Least gap between two requests to one host, across all workers (ms; robots.txt Crawl-delay can make it longer). Default 1000. */
  hostGapMs?: number;
  /** Obey robots.txt (fetched once per host per day, shared by the workers). Default true. */
  robots?: boolean;
  /** Longest a fetch job waits in place for its host's turn; a later turn puts the job back on the queue until then. Default 2000 ms. */
  hostWaitMs?: number;
  /** Sleep when a queue is empty (doubling while it stays empty, up to 8 times this). Default 500 ms. */
  idleMs?: number;
  /** Run pg-boss maintenance (expiry of crashed workers' jobs) this often. Default 30 s. */
  maintenanceIntervalSeconds?: number;
  log?(event: WorkerEvent): void;
  signal?: AbortSignal;
}

export type WorkerEvent =
  | { kind: 'done'; step: StepName; key: string; outcome: string }
  | { kind: 'rejected'; step: StepName; key: string; reason: ReasonCode; detail: string | null }
  | { kind: 'retry'; step: StepName; key: string; error: string; attempt: number }
  | { kind: 'later'; step: StepName; key: string; delayMs: number };

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
  storeStep: StoreStep;
  /** Closed while this process stores a batch. */
  locked: LockGate;
  polite: SharedPoliteness;
  fetcher: Fetcher;
  fetchPolicy: FetchPolicy;
  queueSchema: string;
}

/**
 * Analysis waits while this process stores a batch under the ingest lock:
 * the other workers' articles wait for the storer, and an analysis started on
 * this thread between two of the store step's queries would hold them up.
 * (While the storer waits for cluster jobs, analysis goes on.)
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

async function runFetch(ctx: Ctx, job: FetchJob, lastAttempt: boolean): Promise<Next | Later> {
  const turn = await ctx.polite.run(job.url, () => ctx.fetcher(job.url, ctx.fetchPolicy));
  if (turn.kind === 'later') return { later: turn.delayMs };
  if (turn.kind === 'disallowed') {
    await reject(ctx, 'fetch', job.key, job.url, 'fetch-robots-disallowed', null);
    return null;
  }
  const res = turn.value;
  if (!res.ok) {
    if (TRANSIENT.has(res.reason) && !lastAttempt) throw new TransientError(`${res.reason}: ${res.detail ?? ''}`);
    await reject(ctx, 'fetch', job.key, job.url, res.reason, res.detail ?? null);
    return null;
  }
  const page = fetchedDocument(res.value, 'url', { outlet: job.outlet, language: job.language, title: job.title, publishedAt: job.publishedAt });
  if (!page.ok) {
    await reject(ctx, 'fetch', job.key, job.url, page.reason, page.detail ?? null);
    return null;
  }
  const doc = page.value;
  return { step: 'extract', key: job.key, data: { key: job.key, doc } satisfies ExtractJob };
}

/** What one analysis job comes to: a successor job to queue, or nothing more (rejected, or already handled). */
type Next = { step: StepName; key: string; data: object } | null;
/** A fetch job whose host's turn is this far away: back on the queue until then. */
interface Later {
  later: number;
}

/**
 * Puts an active job back on its queue to start after `delayMs`. pg-boss has
 * no call for this: the job row goes back to `created` with a later
 * `start_after`, and `started_on` cleared so the next fetch does not count
 * it as a retry (pg-boss counts a retry when a job it hands out had started).
 */
async function putBack(ctx: Ctx, step: StepName, job: AnyJob, delayMs: number): Promise<void> {
  const db = ctx.boss.getDb() as { executeSql(sql: string, values: unknown[]): Promise<unknown> };
  await db.executeSql(
    `UPDATE ${quoteIdent(ctx.queueSchema)}.job
     SET state = 'created', started_on = NULL,
       start_after = now() + $3::integer * interval '1 millisecond',
       keep_until = GREATEST(keep_until, now() + $3::integer * interval '1 millisecond' + interval '1 day')
     WHERE name = $1 AND id = $2 AND state = 'active'`,
    [QUEUES[step], job.id, Math.max(0, Math.round(delayMs))],
  );
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Extracts and enriches a page: its next job is the store step's. */
function analyse(job: ExtractJob): Next | { reject: { reason: ReasonCode; detail: string | null } } {
  const r = extractStep(job.doc);
  if (!r.ok) return { reject: { reason: r.reason, detail: r.detail ?? null } };
  const article = enrichStep(job.doc, r.value);
  return { step: 'cluster', key: job.key, data: { key: job.key, doc: job.doc, article, places: placesOf(article) } satisfies ClusterJob };
}

/** What enrichment's place resolver has just collected from the article (remembered: not collected again), for the store step. */
const placesOf = (a: Article): ClusterJob['places'] => placeEvidence(a.text, a.entities, a.dateline);

/** Any step's job (each step reads its own fields); a store-step job has `doc` or `staged` (see ClusterJob). */
type AnyJob = PgBoss.JobWithMetadata<FetchJob & ExtractJob & EnrichJob & { article: Article; staged?: StagedPage; places?: unknown }>;

/** Runs one job's step; returns the successor job to queue (the caller queues and completes in bulk). */
async function runStep(ctx: Ctx, step: StepName, job: AnyJob): Promise<Next | Later> {
  const data = job.data;
  if (step === 'fetch') return runFetch(ctx, data, job.retryCount >= job.retryLimit);
  await ctx.locked.idle();
  if (step === 'extract') {
    const r = analyse(data);
    if (r !== null && 'reject' in r) {
      await reject(ctx, 'extract', data.key, data.doc.source, r.reject.reason, r.reject.detail);
      return null;
    }
    return r;
  }
  // An enrich job queued by a worker from before extract and enrich were one step.
  const article = enrichStep(data.doc, data.extracted);
  return { step: 'cluster', key: data.key, data: { key: data.key, doc: data.doc, article, places: placesOf(article) } satisfies ClusterJob };
}

/**
 * Runs a batch of fetch, extract or enrich jobs: each job's step, then one
 * insert of all their successor jobs and one completion of the jobs that
 * succeeded (a job completes only after its successor is queued, so a crash in
 * between re-runs it and the successor's fixed id makes the second insert a
 * no-op). A job that throws is failed on its own: pg-boss retries it or moves
 * it to the dead-letter queue.
 */
async function runBatch(ctx: Ctx, step: StepName, jobs: AnyJob[]): Promise<void> {
  const ok: AnyJob[] = [];
  const next: PgBoss.JobInsert[] = [];
  const failed: { job: AnyJob; error: string }[] = [];
  const one = async (job: AnyJob): Promise<void> => {
    try {
      const n = await runStep(ctx, step, job);
      if (n !== null && 'later' in n) {
        await putBack(ctx, step, job, n.later);
        ctx.opts.log?.({ kind: 'later', step, key: job.data.key, delayMs: n.later });
        return;
      }
      if (n !== null) next.push({ id: jobId(n.step, n.key), name: QUEUES[n.step], data: n.data, deadLetter: QUEUES.dead });
      ok.push(job);
    } catch (err) {
      failed.push({ job, error: (err as Error).message ?? String(err) });
    }
  };
  // Analysis is this thread's CPU: one after the other (the fetch loop runs one job per batch, many batches at once).
  for (const job of jobs) await one(job);
  try {
    if (step === 'extract' || step === 'enrich') await stagePages(ctx, step, jobs, next);
    if (next.length > 0) await ctx.boss.insert(next);
    if (ok.length > 0) await ctx.boss.complete(QUEUES[step], ok.map((j) => j.id));
    for (const j of ok) ctx.opts.log?.({ kind: 'done', step, key: j.data.key, outcome: 'next step queued' });
  } catch (err) {
    // The jobs stay active and expire; their steps are idempotent.
    for (const job of ok) failed.push({ job, error: (err as Error).message ?? String(err) });
  }
  for (const { job, error } of failed) await failJob(ctx, step, job, error);
}

/**
 * The analysed pages' store-step jobs, made lighter: each page is copied in
 * the database from its analysis job's row to the store's `staged_raw`
 * (`PostgresStore.stageRaw`), and its store-step job carries the page's
 * fields but its content instead of the page. A page not staged stays in its
 * job, and so do all when staging fails (it is a saving, not a step: a
 * database error shows again when the jobs are queued). Before the jobs are
 * queued, so a store step never misses its page.
 */
async function stagePages(ctx: Ctx, step: 'extract' | 'enrich', jobs: readonly AnyJob[], next: PgBoss.JobInsert[]): Promise<void> {
  const ids = new Map(jobs.map((j) => [j.data.key, j.id]));
  const pending = next.flatMap((n) => {
    const data = n.data as ClusterJob;
    const id = ids.get(data.key);
    return n.name === QUEUES.cluster && data.doc !== undefined && id !== undefined ? [{ n, data, doc: data.doc, key: outcomeKey(data.key), jobId: id }] : [];
  });
  if (pending.length === 0) return;
  const staged = await ctx.store.stageRaw(ctx.queueSchema, QUEUES[step], pending).catch(() => new Set<string>());
  for (const p of pending) {
    if (!staged.has(p.key)) continue;
    const { content: _content, ...fields } = p.doc;
    p.n.data = { key: p.data.key, article: p.data.article, staged: fields, ...(p.data.places !== undefined ? { places: p.data.places } : {}) } satisfies ClusterJob;
  }
}

async function failJob(ctx: Ctx, step: StepName, job: AnyJob, message: string): Promise<void> {
  ctx.opts.log?.({ kind: 'retry', step, key: job.data.key, error: message, attempt: job.retryCount + 1 });
  // pg-boss schedules the retry, or moves the job to the dead-letter queue when retries are spent.
  await ctx.boss.fail(QUEUES[step], job.id, { error: message }).catch(() => undefined);
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

/**
 * The fetch step's loop: up to `concurrency` fetch jobs in flight, each
 * finishing on its own (its successor queued and itself completed, or put
 * back for later), and a free slot is filled at once; so a job waiting for
 * a slow or busy host holds only its own slot.
 */
async function fetchLoop(ctx: Ctx, signal: AbortSignal): Promise<void> {
  const slots = Math.max(1, ctx.opts.concurrency ?? 4);
  const idle = ctx.opts.idleMs ?? 500;
  const inFlight = new Set<Promise<void>>();
  let empty = 0;
  while (!signal.aborted) {
    if (inFlight.size >= slots) {
      await Promise.race(inFlight);
      continue;
    }
    let jobs: AnyJob[];
    try {
      jobs = (await ctx.boss.fetch(QUEUES.fetch, { batchSize: slots - inFlight.size, includeMetadata: true })) as AnyJob[];
    } catch {
      await sleep(idle, signal);
      continue;
    }
    if (jobs.length === 0) {
      // Asked again after the idle pause (longer while the queue stays empty), or as soon as a slot frees.
      await Promise.race([sleep(idle * 2 ** Math.min(empty++, 3), signal), ...inFlight]);
      continue;
    }
    empty = 0;
    for (const job of jobs) {
      const p: Promise<void> = runBatch(ctx, 'fetch', [job]).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }
  await Promise.all(inFlight);
}

async function stepLoop(ctx: Ctx, step: Exclude<StepName, 'cluster' | 'fetch'>, signal: AbortSignal): Promise<void> {
  const batchSize = Math.max(1, ctx.opts.concurrency ?? 4);
  const idle = ctx.opts.idleMs ?? 500;
  // A queue found empty again and again is asked less often (up to 8 × idleMs): polling costs both sides CPU.
  let empty = 0;
  while (!signal.aborted) {
    // While this process stores, analysis jobs are left to the other workers (fetching, in its own loop, goes on).
    await ctx.locked.idle();
    let jobs: AnyJob[];
    try {
      jobs = (await ctx.boss.fetch(QUEUES[step], { batchSize, includeMetadata: true })) as AnyJob[];
    } catch {
      await sleep(idle, signal);
      continue;
    }
    if (jobs.length === 0) {
      await sleep(idle * 2 ** Math.min(empty++, 3), signal);
      continue;
    }
    empty = 0;
    await runBatch(ctx, step, jobs);
  }
}

/**
 * The store step's loop. A worker that finds the ingest lock free keeps it
 * and stores cluster jobs as they come (its analysis runs while none are
 * queued); it lets go every `holdMs`, or after the batch in hand when a
 * `storyline ingest`, settle or entity edit is waiting for the lock, and
 * tries again. The others
 * find it taken and go on analysing: they do not replay the storer's
 * articles until they take over (when it stops or dies), and then do so
 * before taking the lock (see `StoreStep.tryHold`).
 */
async function clusterLoop(ctx: Ctx, signal: AbortSignal): Promise<void> {
  const idle = ctx.opts.idleMs ?? 500;
  while (!signal.aborted) {
    let status: string;
    try {
      status = (await ctx.storeStep.tryHold((storeLocked) => storeWhileHeld(ctx, storeLocked, signal))).status;
      if (status === 'behind') {
        await ctx.storeStep.catchUp();
        continue; // and try again at once
      }
    } catch {
      status = 'error'; // the database went away: try again after a pause
    }
    if (status !== 'held') await sleep(idle, signal);
  }
}

/** pg-boss's fetch order: by creation time, then id (a uuid's text sorts as its bytes). */
const queueOrder = (a: AnyJob, b: AnyJob): number => a.createdOn.getTime() - b.createdOn.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Holding the ingest lock: stores each batch of cluster jobs as it comes, until `holdMs` have passed. */
async function storeWhileHeld(ctx: Ctx, storeLocked: StoreLocked, signal: AbortSignal): Promise<void> {
  const batchSize = Math.max(1, ctx.opts.clusterBatch ?? 16);
  const idle = ctx.opts.idleMs ?? 500;
  const holdMs = ctx.opts.holdMs ?? 2000;
  const t0 = performance.now();
  while (!signal.aborted && performance.now() - t0 < holdMs) {
    // In the order they were queued (pg-boss hands a batch out in no set order): one storer stores the inputs in queue order.
    const jobs = ((await ctx.boss.fetch(QUEUES.cluster, { batchSize, includeMetadata: true })) as AnyJob[]).sort(queueOrder);
    if (jobs.length === 0) await sleep(Math.min(idle, Math.max(0, holdMs - (performance.now() - t0))), signal);
    else await ctx.locked.run(() => clusterJobs(ctx, jobs, storeLocked));
    // A `storyline ingest`, settle or entity edit waiting for the lock goes first (workers never wait for it).
    if (await ctx.store.ingestLockWaited()) break;
  }
}

/**
 * Stores a batch of cluster jobs (the lock is held). On an error it stores
 * them one by one: those already committed answer with their recorded
 * outcome, and a job that still throws is failed (retried later).
 */
async function clusterJobs(ctx: Ctx, jobs: AnyJob[], storeLocked: StoreLocked): Promise<void> {
  // A staged page's content waits in the store: the ingest service reads only the page's fields (its source).
  // Place evidence from the analysis step, when the job has some that fits its article (a job row is data: see placeEvidenceOf).
  const item = (j: AnyJob): StoreItem => {
    const places = typeof j.data.article?.text === 'string' ? placeEvidenceOf(j.data.places, j.data.article.text) : undefined;
    const handed = places !== undefined ? { places } : {};
    return j.data.staged !== undefined && (j.data.doc as RawDocument | undefined) === undefined
      ? { key: j.data.key, raw: { ...j.data.staged, content: '' }, article: j.data.article, staged: true, ...handed }
      : { key: j.data.key, raw: j.data.doc, article: j.data.article, ...handed };
  };
  let outcomes: IngestOutcome[] | null = null;
  try {
    outcomes = await storeLocked(jobs.map(item));
  } catch {
    outcomes = null;
  }
  if (outcomes !== null) {
    await ctx.boss.complete(QUEUES.cluster, jobs.map((j) => j.id));
    for (const [i, j] of jobs.entries()) ctx.opts.log?.({ kind: 'done', step: 'cluster', key: j.data.key, outcome: outcomes[i]?.status ?? 'stored' });
    return;
  }
  for (const j of jobs) {
    try {
      const [outcome] = await storeLocked([item(j)]);
      await ctx.boss.complete(QUEUES.cluster, j.id);
      ctx.opts.log?.({ kind: 'done', step: 'cluster', key: j.data.key, outcome: outcome?.status ?? 'stored' });
    } catch (err) {
      await failJob(ctx, 'cluster', j, (err as Error).message ?? String(err));
    }
  }
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
  const fetchPolicy: FetchPolicy = { userAgent: DEFAULT_USER_AGENT, ...(opts.fetchPolicy ?? {}) };
  const fetcher = opts.fetcher ?? fetchUrl;
  const controller = new AbortController();
  const polite = new SharedPoliteness(
    store.pool,
    fetcher,
    fetchPolicy,
    { minGapMs: opts.hostGapMs ?? 1000, robots: opts.robots ?? true, userAgent: fetchPolicy.userAgent ?? DEFAULT_USER_AGENT, maxWaitMs: opts.hostWaitMs ?? 2000, signal: controller.signal },
    (ms) => sleep(ms, controller.signal),
  );
  await polite.prune().catch(() => undefined);
  const ctx: Ctx = {
    boss,
    store,
    opts,
    storeStep: storeStep(store),
    locked,
    polite,
    fetcher,
    fetchPolicy,
    queueSchema: opts.queueSchema ?? 'pgboss',
  };
  opts.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const steps = opts.only ?? (['fetch', 'extract', 'enrich', 'cluster'] as const);
  const loops = Promise.all(steps.map((s) => (s === 'cluster' ? clusterLoop(ctx, controller.signal) : s === 'fetch' ? fetchLoop(ctx, controller.signal) : stepLoop(ctx, s, controller.signal))));
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
