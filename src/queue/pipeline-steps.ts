/**
 * What `storyline worker` runs: the project's analysis as the extract and
 * enrich steps, and the ingest service as the store step.
 */
import type { Article, ExtractedArticle, IngestOutcome, RawDocument, Result } from '../model/types.js';
import { enrich, extract, MIN_TEXT } from '../pipeline/analyze.js';
import { IngestService } from '../pipeline/ingest-service.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';

export function extractStep(doc: RawDocument): Result<ExtractedArticle> {
  const x = extract(doc);
  if (!x.ok) return x;
  const n = x.value.text.trim().length;
  if (n < MIN_TEXT && doc.verbatim !== true) return { ok: false, reason: 'too-short', detail: `${n} characters of article text` };
  return x;
}

export function enrichStep(doc: RawDocument, extracted: ExtractedArticle): Article {
  return enrich(doc.source, extracted);
}

/** One analysed input for the store step, with the key of the job that carries it. */
export interface StoreItem {
  key: string;
  raw: RawDocument;
  article: Article;
}

/** The idempotency key a job's store write (or rejection) is recorded under. */
export const outcomeKey = (jobKey: string): string => `ingest:${jobKey}`;

/**
 * The worker's store step: the ingest service decides (duplicates, entities,
 * statements, event, provenance) and `store.commit` writes, at most once per
 * job key — a step retried after its commit returns the first outcome. A batch
 * runs under one hold of the store's ingest lock; the service keeps its
 * clusterer in memory and replays what other workers committed since (nobody
 * commits in between), so every decision sees every earlier article.
 */
export function storeStep(store: PostgresStore, now: () => Date = () => new Date()): (items: readonly StoreItem[]) => Promise<IngestOutcome[]> {
  let service: IngestService | null = null;
  return (items) =>
    store.withIngestLock(async () => {
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
    });
}
