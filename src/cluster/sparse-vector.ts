/** Sparse vectors as Maps, with IDF applied at comparison time (document frequencies change as articles stream in). */

export type SparseVector = Map<string, number>;

/** Incrementally updated document frequencies. */
export class DocumentFrequencies {
  n = 0;
  readonly df = new Map<string, number>();

  addDoc(features: Iterable<string>): void {
    this.n++;
    for (const f of features) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }

  /** Smoothed IDF: every term keeps a positive weight, rare terms weigh more. */
  idf(term: string): number {
    return Math.log((this.n + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }
}

export function addInto(target: SparseVector, source: SparseVector, factor = 1): void {
  for (const [k, v] of source) target.set(k, (target.get(k) ?? 0) + v * factor);
}

export function weightedNorm(v: SparseVector, dfs: DocumentFrequencies): number {
  let s = 0;
  for (const [k, x] of v) {
    const w = x * dfs.idf(k);
    s += w * w;
  }
  return Math.sqrt(s);
}

/** Cosine of a and b with IDF weights; `contrib` (optional) receives per-term contributions. */
export function weightedCosine(
  a: SparseVector,
  b: SparseVector,
  dfs: DocumentFrequencies,
  normA: number,
  normB: number,
  contrib?: Map<string, number>,
): number {
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y === undefined) continue;
    const idf = dfs.idf(k);
    const c = x * y * idf * idf;
    dot += c;
    contrib?.set(k, c);
  }
  return dot / (normA * normB);
}

/** Keeps only the `limit` heaviest entries (ties broken by key for determinism). */
export function pruneTop(v: SparseVector, limit: number): SparseVector {
  if (v.size <= limit) return v;
  const entries = [...v].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return new Map(entries.slice(0, limit));
}

/** The `k` terms with the largest IDF-weighted value. */
export function topTerms(v: SparseVector, dfs: DocumentFrequencies, k: number): string[] {
  return [...v]
    .map(([t, x]) => [t, x * dfs.idf(t)] as const)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, k)
    .map(([t]) => t);
}

/** Names (entities, places, proper nouns) are the features whose key carries a `x:` prefix. */
export function isNameKey(key: string): boolean {
  return key.charCodeAt(1) === 58; // ':' at index 1
}

/** IDF-weighted norms of the word channel and the name channel. */
export function channelNorms(v: SparseVector, dfs: DocumentFrequencies): [number, number] {
  let w = 0;
  let n = 0;
  for (const [k, x] of v) {
    const y = x * dfs.idf(k);
    if (isNameKey(k)) n += y * y;
    else w += y * y;
  }
  return [Math.sqrt(w), Math.sqrt(n)];
}

/**
 * Similarity as a blend of two cosines: words (subject) and names (who and
 * where). Two similar events of one kind ("a star enters rehab") share words
 * but not names, so names get their own say. When either side has no names the
 * word cosine alone decides.
 */
export function channelSimilarity(
  a: SparseVector,
  b: SparseVector,
  dfs: DocumentFrequencies,
  normsA: [number, number],
  normsB: [number, number],
  nameWeight: number,
  contrib?: Map<string, number>,
): { score: number; words: number; names: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dw = 0;
  let dn = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y === undefined) continue;
    const idf = dfs.idf(k);
    const c = x * y * idf * idf;
    if (isNameKey(k)) dn += c;
    else dw += c;
    contrib?.set(k, c);
  }
  const words = normsA[0] > 0 && normsB[0] > 0 ? dw / (normsA[0] * normsB[0]) : 0;
  const names = normsA[1] > 0 && normsB[1] > 0 ? dn / (normsA[1] * normsB[1]) : 0;
  const hasNames = normsA[1] > 0 && normsB[1] > 0;
  const hasWords = normsA[0] > 0 && normsB[0] > 0;
  const score = hasNames && hasWords ? (1 - nameWeight) * words + nameWeight * names : hasNames ? names : words;
  return { score, words, names };
}
