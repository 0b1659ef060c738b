/**
 * What an analysis thread hands the ingest service: the analysed article and,
 * prepared in the thread too, the compact form of its text that provenance
 * matching reads (work the main thread would otherwise do for every stored
 * article, while it is the busier one). Pure.
 */
import type { Article, RawDocument, Result } from '../model/types.js';
import { prepareCompact, type CompactText } from '../provenance/compact-text.js';
import { DEFAULT_PROVENANCE_OPTIONS } from '../provenance/provenance-graph.js';
import { analyzeDocument } from './analyze.js';

export type IngestAnalysis = Result<Article> & { compact?: CompactText };

/** `analyzeDocument`, with the text's compact form for the ingest service's provenance memo (default options). */
export function analyzeForIngest(raw: RawDocument): IngestAnalysis {
  const r = analyzeDocument(raw);
  return r.ok ? { ...r, compact: prepareCompact(r.value.text, DEFAULT_PROVENANCE_OPTIONS.passages) } : r;
}
