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
