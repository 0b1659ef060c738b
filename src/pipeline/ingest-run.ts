/**
 * One ingest run: inputs → analysis (in a worker-thread pool when there is
 * more than one thread, so enrichment uses every core) → the ingest service,
 * committed strictly in input order so that clustering sees the same stream
 * whatever the thread timing. Every input yields exactly one outcome.
 */
import os from 'node:os';
import type { InputItem } from '../ingest/input-reader.js';
import type { IngestOutcome, RawDocument } from '../model/types.js';
import { ThreadPool } from '../queue/thread-pool.js';
import type { Store } from '../store/store-port.js';
import { analyzeDocument } from './analyze.js';
import type { IngestAnalysis } from './analyze-for-ingest.js';
import { IngestService, type SettleReport } from './ingest-service.js';

export interface IngestRunOptions {
  /** Analysis threads; 1 analyses in this thread. Default: the machine's available parallelism. */
  threads?: number;
  now: () => Date;
  onOutcome?: (outcome: IngestOutcome) => void;
  /**
   * Re-sequence at the end of the run (default true): when articles arrived
   * out of publication order, the events are rebuilt as if the corpus had
   * streamed in by date (see IngestService.settle).
   */
  settle?: boolean;
  onSettle?: (report: SettleReport) => void;
  /** Profiling: milliseconds per ingest-service phase are added here (see IngestServiceOptions.phaseTimes). */
  phaseTimes?: Map<string, number>;
  /**
   * Group commit, on stores that offer it (SQLite: Store.holdWrites): the outcomes of up to `inputs` inputs are
   * written in one transaction, held open at most about `ms` milliseconds (defaults: GROUP_INPUTS, GROUP_MS);
   * `inputs: 1` writes each input in a transaction of its own. An outcome is reported (onOutcome, the result)
   * only once its group is committed.
   */
  group?: { inputs?: number; ms?: number };
  /**
   * Stops the run early (Ctrl-C): no further input is read; the inputs already taken are analysed, stored and
   * reported as usual, and the settle is left for a later run or `storyline settle`.
   */
  signal?: AbortSignal;
}


const ANALYZE_MODULE = new URL(import.meta.url.endsWith('.ts') ? './analyze-for-ingest.ts' : './analyze-for-ingest.js', import.meta.url);

async function analyzeSafely(run: (raw: RawDocument) => IngestAnalysis | Promise<IngestAnalysis>, raw: RawDocument): Promise<IngestAnalysis> {
  try {
    return await run(raw);
  } catch (err) {
    return { ok: false, reason: 'internal-error', detail: `analysis failed: ${(err as Error).message}` };
  }
}

/**
 * The analysis threads' young generation (MiB): the analysis allocates many short-lived objects, and a larger
 * young generation collects them less often (docs/benchmarks/analysis.md measured a 64 MiB semi-space, which this
 * is three times, at about 8% less analysis CPU).
 */
const ANALYSIS_YOUNG_GENERATION_MB = 192;

/**
 * Analyses handed to a thread at once: the main thread answers thread messages only between articles it stores, so a
 * thread with one task would wait for it after each page.
 */
const TASKS_PER_THREAD = 3;

/** Inputs being analysed per thread while the main thread commits in order (raw pages and results are small). */
const IN_FLIGHT_PER_THREAD = 8;

/**
 * Group commit: inputs per transaction, and how long a group may hold the store's write lock (other writers wait
 * for it, up to their busy timeout; readers do not). Articles of one group share the pages they all write (index
 * and log leaves, the inputs table): SQLite wrote 112 WAL pages per stored article one by one, 86 in groups of 8 and
 * 68 in groups of 32 (a copy of bench/ingest/ingest-main-profile.ts holding writes, the WAL left to grow; inputs 4100-4300 on a
 * 4,000-article store). A crash loses the open group (never reported as stored); a re-run ingests it.
 */
const GROUP_INPUTS = 32;
const GROUP_MS = 100;

export async function runIngest(store: Store, items: AsyncIterable<InputItem>, opts: IngestRunOptions): Promise<IngestOutcome[]> {
  const threads = Math.max(1, opts.threads ?? os.availableParallelism());
  const service = await IngestService.open(store, opts.phaseTimes ? { now: opts.now, phaseTimes: opts.phaseTimes } : { now: opts.now });
  // Threads also prepare the text's compact form for provenance (analyzeForIngest); one thread leaves that to the
  // service, which skips it for duplicates.
  const pool = threads > 1 ? new ThreadPool<RawDocument, IngestAnalysis>({ module: ANALYZE_MODULE, exportName: 'analyzeForIngest', size: threads, youngGenerationMb: ANALYSIS_YOUNG_GENERATION_MB, perThread: TASKS_PER_THREAD }) : null;
  const analyze = (raw: RawDocument) => analyzeSafely(pool ? (r) => pool.run(r) : analyzeDocument, raw);
  const outcomes: IngestOutcome[] = [];
  // Group commit: outcomes whose writes the store still holds in its open transaction, reported once it committed.
  const groupInputs = Math.max(1, Math.floor(opts.group?.inputs ?? GROUP_INPUTS));
  const groupMs = Math.max(0, opts.group?.ms ?? GROUP_MS);
  const grouped = groupInputs > 1 && store.holdWrites !== undefined && store.flush !== undefined;
  const held: IngestOutcome[] = [];
  let heldSince = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushed: Promise<void> = Promise.resolve();
  const report = (outcome: IngestOutcome): void => {
    outcomes.push(outcome);
    opts.onOutcome?.(outcome);
  };
  /** Commits the open group and reports its outcomes (one after another: a later flush waits for an earlier one). */
  const flushGroup = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = held.splice(0);
    if (batch.length === 0) return flushed;
    flushed = flushed.then(async () => {
      await store.flush!();
      for (const o of batch) report(o);
    });
    return flushed;
  };
  const done = async (outcome: IngestOutcome): Promise<void> => {
    if (!grouped) return report(outcome);
    held.push(outcome);
    if (held.length === 1) {
      heldSince = performance.now();
      // The lock is not held longer while this thread waits (for an analysis, for input): a failure here fails the next flush too.
      timer = setTimeout(() => void flushGroup().catch(() => undefined), groupMs);
    }
    if (held.length >= groupInputs || performance.now() - heldSince >= groupMs) await flushGroup();
  };
  if (grouped) await store.holdWrites!(true);
  const inFlight: { item: InputItem; analysis: Promise<IngestAnalysis> | null }[] = [];
  // Analyses in flight ahead of the commit head: pages differ a lot in cost (a few ms to tens), and the head waits
  // for its own analysis while the threads may be idle; a deeper window keeps them busy through a slow page.
  const window = threads * IN_FLIGHT_PER_THREAD;

  const commitHead = async (): Promise<void> => {
    const head = inFlight.shift()!;
    let outcome: IngestOutcome;
    try {
      if (!head.item.ok) {
        outcome = await store.reject(head.item.source, head.item.reason, head.item.detail);
      } else {
        const w = opts.phaseTimes ? performance.now() : 0;
        const a = await head.analysis!;
        if (opts.phaseTimes) opts.phaseTimes.set('wait-analysis', (opts.phaseTimes.get('wait-analysis') ?? 0) + performance.now() - w);
        outcome = a.ok ? await service.ingestArticle(head.item.doc, a.value, a.compact, a.places) : await store.reject(head.item.doc.source, a.reason, a.detail);
      }
    } catch (err) {
      // A store failure for one document: recorded, and the run goes on.
      const source = head.item.ok ? head.item.doc.source : head.item.source;
      outcome = await store.reject(source, 'internal-error', (err as Error).message);
    }
    await done(outcome);
  };

  let finished = false;
  try {
    for await (const item of items) {
      if (opts.signal?.aborted) break; // this item is not taken: it stays for the next run
      inFlight.push({ item, analysis: item.ok ? analyze(item.doc) : null });
      if (inFlight.length >= window) await commitHead();
    }
    while (inFlight.length > 0) await commitHead();
    if (grouped) {
      await flushGroup();
      await store.holdWrites!(false);
    }
    finished = true;
  } finally {
    if (!finished && grouped) {
      // The run failed: what was written is committed and reported, as it would have been input by input.
      await flushGroup().catch(() => undefined);
      await store.holdWrites!(false).catch(() => undefined);
    }
    await pool?.close();
  }
  if (opts.settle !== false && opts.signal?.aborted !== true && outcomes.some((o) => o.status === 'stored')) opts.onSettle?.(await service.settle());
  return outcomes;
}
