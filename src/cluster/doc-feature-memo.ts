/**
 * What the clusterer derives from a document alone, remembered across clusterers in one process: its features
 * (`docFeatures`, in their order), its content-token count (up to a limit) and its lead names. An ingest run's
 * online clusterer derives them for every article; the settle at the end of the run replays the whole log through
 * a fresh clusterer in publication order, which would derive them again for the same documents.
 *
 * Exact: the remembered values are pure functions of the document's title, the first FEATURE_TEXT_CHARS of its
 * text (the token count reads 2,000, the lead names at most 300: a sentence break found further on leaves them at
 * 300), entities and places (and the feature weights); an entry is used only for a document with the same id whose
 * content has the same SHA-256 digest, and the same weights. A huge text costs no more to digest than that prefix. Values are handed out as read-only arrays: callers never mutate them.
 *
 * Bounded by entries (oldest dropped first); the key strings are the ones the clusterer's term table holds anyway.
 */
import { createHash } from 'node:crypto';
import { FEATURE_TEXT_CHARS, type FeatureInput, type FeatureWeights } from './term-features.js';

export interface DocFeatureEntry {
  /** The features' terms, in `docFeatures` order. */
  readonly keys: readonly string[];
  /** Their weights (same order). */
  readonly vals: readonly number[];
  /** `contentTokens(text.slice(0, 2000), limit).length` for `tokensLimit` (-1: not computed yet). */
  tokens: number;
  tokensLimit: number;
  /** `leadNames(doc)` (null: not computed yet). */
  lead: readonly string[] | null;
}

interface Slot {
  digest: string;
  weights: string;
  entry: DocFeatureEntry;
}

/** Documents remembered: a run's whole input in the benchmark (20,000) with room to spare (about 5 KB each: 150 MB at most). */
const MAX_DOCS = 30_000;

const memo = new Map<string, Slot>();
/** Weights objects seen, with their canonical key (a clusterer keeps one object for its life). */
const weightKeys = new WeakMap<FeatureWeights, string>();

function weightsKey(w: FeatureWeights): string {
  let k = weightKeys.get(w);
  if (k === undefined) {
    k = JSON.stringify(Object.keys(w).sort().map((name) => [name, w[name as keyof FeatureWeights]]));
    weightKeys.set(w, k);
  }
  return k;
}

/**
 * The SHA-256 of what the derived values read of a document: the title and the text's first FEATURE_TEXT_CHARS as
 * UTF-16 code units (a lone surrogate stays itself, where UTF-8 would make it U+FFFD), each length-prefixed so that
 * no two contents meet by framing; entities and places as JSON (which escapes lone surrogates).
 */
export function docContentDigest(doc: FeatureInput): string {
  const h = createHash('sha256');
  const title = doc.title;
  h.update(title == null ? 'n' : `t${title.length}:`);
  if (title != null) h.update(title, 'utf16le');
  const text = doc.text.length > FEATURE_TEXT_CHARS ? doc.text.slice(0, FEATURE_TEXT_CHARS) : doc.text;
  h.update(`x${text.length}:`);
  h.update(text, 'utf16le');
  h.update(JSON.stringify([doc.entities, doc.places]));
  return h.digest('base64');
}

/** A remembered document: its digest (reuse it for `remember`) and entry when the content and weights match. */
export function recall(doc: FeatureInput & { id: string }, weights: FeatureWeights): { digest: string; entry: DocFeatureEntry | null } {
  const digest = docContentDigest(doc);
  const slot = memo.get(doc.id);
  if (slot === undefined || slot.digest !== digest || slot.weights !== weightsKey(weights)) return { digest, entry: null };
  return { digest, entry: slot.entry };
}

/** Remembers a document's features (`keys`/`vals` are kept as given: the caller must not change them later). */
export function remember(id: string, digest: string, weights: FeatureWeights, keys: readonly string[], vals: readonly number[]): DocFeatureEntry {
  const entry: DocFeatureEntry = { keys, vals, tokens: -1, tokensLimit: -1, lead: null };
  if (memo.has(id)) memo.delete(id);
  else if (memo.size >= MAX_DOCS) memo.delete(memo.keys().next().value as string);
  memo.set(id, { digest, weights: weightsKey(weights), entry });
  return entry;
}

/** Forgets every document (tests; a process done with a run may call it to give the memory back). */
export function forgetDocFeatures(): void {
  memo.clear();
}

/** Documents remembered (tests, profiling). */
export function docFeatureCount(): number {
  return memo.size;
}
