/**
 * The worker's analysis steps: the project's pipeline (`analyze.ts`), split
 * where the queue splits it. They run on the worker's main thread: a thread
 * per worker cost 10-15% more CPU per article (its own heap, models and
 * warm-up, documents cloned in and out) for no measurable gain on our two
 * shared cores; instead the worker keeps analysis from running while it
 * holds the ingest lock (see LockGate in pipeline-worker.ts).
 */
import type { Article, ExtractedArticle, RawDocument, Result } from '../model/types.js';
import { enrich, extract, MIN_TEXT } from '../pipeline/analyze.js';

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
