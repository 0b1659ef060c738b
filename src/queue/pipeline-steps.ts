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
 * clusterer and the near-duplicate index in memory; when another worker has
 * committed since (the stored cluster state moved), it is reopened from the
 * store so every decision sees every earlier article. Called under the
 * store's ingest lock, so nobody commits in between.
 */
export function ingestServiceStep(now: () => Date = () => new Date()): (store: PostgresStore, write: ArticleWrite) => Promise<IngestOutcome> {
  let service: IngestService | null = null;
  let knownVersion = -1;
  return async (store, write) => {
    const version = await store.clusterStateVersion();
    if (service === null || version !== knownVersion) service = await IngestService.open(store, { now });
    const outcome = await service.ingestArticle(write.raw, write.article);
    knownVersion = await store.clusterStateVersion();
    return outcome;
  };
}
