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

export async function runIngest(store: Store, items: AsyncIterable<InputItem>, opts: IngestRunOptions): Promise<IngestOutcome[]> {
  const threads = Math.max(1, opts.threads ?? os.availableParallelism());
  const service = await IngestService.open(store, opts.phaseTimes ? { now: opts.now, phaseTimes: opts.phaseTimes } : { now: opts.now });
  // Threads also prepare the text's compact form for provenance (analyzeForIngest); one thread leaves that to the
  // service, which skips it for duplicates.
  const pool = threads > 1 ? new ThreadPool<RawDocument, IngestAnalysis>({ module: ANALYZE_MODULE, exportName: 'analyzeForIngest', size: threads, youngGenerationMb: ANALYSIS_YOUNG_GENERATION_MB, perThread: TASKS_PER_THREAD }) : null;
  const analyze = (raw: RawDocument) => analyzeSafely(pool ? (r) => pool.run(r) : analyzeDocument, raw);
  const outcomes: IngestOutcome[] = [];
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
        outcome = a.ok ? await service.ingestArticle(head.item.doc, a.value, a.compact) : await store.reject(head.item.doc.source, a.reason, a.detail);
      }
    } catch (err) {
      // A store failure for one document: recorded, and the run goes on.
      const source = head.item.ok ? head.item.doc.source : head.item.source;
      outcome = await store.reject(source, 'internal-error', (err as Error).message);
    }
    outcomes.push(outcome);
    opts.onOutcome?.(outcome);
  };

  try {
    for await (const item of items) {
      inFlight.push({ item, analysis: item.ok ? analyze(item.doc) : null });
      if (inFlight.length >= window) await commitHead();
    }
    while (inFlight.length > 0) await commitHead();
  } finally {
    await pool?.close();
  }
  if (opts.settle !== false && outcomes.some((o) => o.status === 'stored')) opts.onSettle?.(await service.settle());
  return outcomes;
}
