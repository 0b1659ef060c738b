/**
 * Analysis (extraction + enrichment) of a stream of inputs in a worker-thread
 * pool, results in input order, so `ingest` uses every core while the store
 * and the ingest service stay on the main thread (one writer, input order kept).
 */
import os from 'node:os';
import type { InputItem } from '../ingest/input-reader.js';
import type { Article, RawDocument, Result } from '../model/types.js';
import { ThreadPool } from './thread-pool.js';

// The pool loads the analysis module by URL: the .ts source under tsx/vitest, the built .js otherwise.
const ANALYZE_MODULE = new URL(import.meta.url.endsWith('.ts') ? '../pipeline/analyze.ts' : '../pipeline/analyze.js', import.meta.url);

export interface ParallelAnalyzeOptions {
  /** Threads; default: available parallelism. */
  threads?: number;
  /** Inputs in flight (read ahead of the slowest); default 4 × threads. Bounds memory. */
  window?: number;
}

export interface AnalysedItem {
  item: InputItem;
  /** null when the input was refused before analysis (`item.ok === false`). */
  analysed: Result<Article> | null;
}

export class ParallelAnalyzer {
  private readonly pool: ThreadPool<RawDocument, Result<Article>>;
  readonly threads: number;

  constructor(private readonly opts: ParallelAnalyzeOptions = {}) {
    this.threads = Math.max(1, opts.threads ?? os.availableParallelism());
    this.pool = new ThreadPool({ module: ANALYZE_MODULE, exportName: 'analyzeDocument', size: this.threads });
  }

  /** Analyses every input in the pool; yields in input order. */
  async *analyze(items: AsyncIterable<InputItem> | Iterable<InputItem>): AsyncGenerator<AnalysedItem> {
    const window = Math.max(1, this.opts.window ?? this.threads * 4);
    const inflight: Promise<AnalysedItem>[] = [];
    for await (const item of items) {
      inflight.push(
        item.ok
          ? this.pool.run(item.doc).then(
              (analysed) => ({ item, analysed }),
              (err: Error): AnalysedItem => ({ item, analysed: { ok: false, reason: 'internal-error', detail: `analysis failed: ${err.message}` } }),
            )
          : Promise.resolve({ item, analysed: null }),
      );
      if (inflight.length >= window) yield await (inflight.shift() as Promise<AnalysedItem>);
    }
    while (inflight.length > 0) yield await (inflight.shift() as Promise<AnalysedItem>);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
