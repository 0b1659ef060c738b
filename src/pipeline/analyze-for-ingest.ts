/**
 * What an analysis thread hands the ingest service: the analysed article and,
 * prepared in the thread too, the compact form of its text that provenance
 * matching reads and what the place resolver collected from it (work the main
 * thread would otherwise do for every stored article, while it is the busier
 * one). Pure.
 */
import type { Article, RawDocument, Result } from '../model/types.js';
import { placeEvidence, type PlaceEvidence } from '../enrich/places/place-resolver.js';
import { prepareCompact, type CompactText } from '../provenance/compact-text.js';
import { DEFAULT_PROVENANCE_OPTIONS } from '../provenance/provenance-graph.js';
import { analyzeDocument } from './analyze.js';

/**
 * `places`: the place resolver's collection from the article (shipped gazetteer), which the outlet reading
 * (OutletPlaceHistory.apply) scores again under the outlet's prior instead of collecting it a second time.
 * Not part of the article: the stored article is the same with or without it.
 */
export type IngestAnalysis = Result<Article> & { compact?: CompactText; places?: PlaceEvidence };

/** `analyzeDocument`, with the text's compact form for the ingest service's provenance memo (default options) and the places' evidence. */
export function analyzeForIngest(raw: RawDocument): IngestAnalysis {
  const r = analyzeDocument(raw);
  if (!r.ok) return r;
  const a = r.value;
  // enrich() has just resolved this article's places: placeEvidence hands over that collection.
  return { ...r, compact: prepareCompact(a.text, DEFAULT_PROVENANCE_OPTIONS.passages), places: placeEvidence(a.text, a.entities, a.dateline) };
}
