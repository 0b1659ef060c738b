/**
 * The project's pipeline as worker steps and as the worker's store step:
 * what `storyline worker` runs by default.
 */
import type { Article, ExtractedArticle, IngestOutcome, Result } from '../model/types.js';
import { enrich, extract, MIN_TEXT } from '../pipeline/analyze.js';
import { IngestService } from '../pipeline/ingest-service.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import type { ArticleWrite } from '../store/postgres/pg-ingest.js';
import type { WorkerSteps } from './pipeline-worker.js';

export const pipelineSteps: WorkerSteps = {
  extract(doc): Result<ExtractedArticle> {
    const x = extract(doc);
    if (!x.ok) return x;
    const n = x.value.text.trim().length;
    if (n < MIN_TEXT && doc.verbatim !== true) return { ok: false, reason: 'too-short', detail: `${n} characters of article text` };
    return x;
  },
  enrich(doc, extracted): Result<Article> {
    return { ok: true, value: enrich(doc.source, extracted as ExtractedArticle) };
  },
};

/**
 * The worker's store step through the ingest service. The service keeps the
 * clusterer in memory and, before each decision, replays the cluster-log
 * entries other workers committed since (called under the store's ingest
 * lock, so nobody commits in between): every decision sees every earlier
 * article without reloading the whole state.
 */
export function ingestServiceStep(now: () => Date = () => new Date()): (store: PostgresStore, write: ArticleWrite) => Promise<IngestOutcome> {
  let service: IngestService | null = null;
  return async (store, write) => {
    service ??= await IngestService.open(store, { now });
    return service.ingestArticle(write.raw, write.article);
  };
}
