/**
 * The clusterer's vector arithmetic keyed by term strings (Maps), as the clusterer computed it before its vectors
 * were keyed by term ids (src/cluster/term-vector.ts): kept as the reference the id-keyed code is tested against
 * (same sums in the same order, same ties), not used by the product.
 */
import { blendChannels, isNameKey, logInt, topIndices, TopK } from '../../src/cluster/sparse-vector.js';

export type SparseVector = Map<string, number>;

/**
 * Incrementally updated document frequencies, learned online from the stream.
 *
 * Bounded vocabulary (`maxTerms`): a stream's vocabulary never stops growing
 * (names, typos, numbers), so when the table exceeds `maxTerms` every count and
 * `n` are halved (rounded down) and terms whose count reaches 0 are dropped.
 * IDF ratios are kept (up to rounding), rare old terms are forgotten, and the
 * halving also ages the statistics towards the recent stream. Each halving is
 * O(table), and it happens at most once per `maxTerms / 2` new terms, so the
 * amortised cost per document stays constant.
 */
export class DocumentFrequencies {
  n = 0;
  /** Documents ever added (never halved): a clock for staleness checks. */
  total = 0;
  readonly df = new Map<string, number>();
  /** Number of halvings so far. */
  decays = 0;
  private logN1 = 0;

  constructor(readonly maxTerms = Infinity) {}

  addDoc(features: Iterable<string>): void {
    this.n++;
    this.total++;
    this.logN1 = logInt(this.n + 1);
    for (const f of features) this.df.set(f, (this.df.get(f) ?? 0) + 1);
    if (this.df.size > this.maxTerms) this.decay();
  }

  /** Sets n directly (restoring a snapshot). */
  setN(n: number): void {
    this.n = n;
    this.total = Math.max(this.total, n);
    this.logN1 = logInt(n + 1);
  }

  private decay(): void {
    this.decays++;
    this.n = Math.max(1, Math.floor(this.n / 2));
    this.logN1 = logInt(this.n + 1);
    for (const [k, v] of this.df) {
      const h = v >> 1;
      if (h === 0) this.df.delete(k);
      else this.df.set(k, h);
    }
  }

  /** Smoothed IDF: every term keeps a positive weight, rare terms weigh more. */
  idf(term: string): number {
    return this.logN1 - logInt((this.df.get(term) ?? 0) + 1) + 1;
  }
}

export function addInto(target: SparseVector, source: SparseVector, factor = 1): void {
  for (const [k, v] of source) target.set(k, (target.get(k) ?? 0) + v * factor);
}

/**
 * `addInto` that also updates the target's channel norms (as `channelNorms`
 * would give them) in O(|source|) instead of recomputing them over the whole
 * target. Returns the new norms, or null when `norms` was null (unknown).
 */
export function addIntoWithNorms(
  target: SparseVector,
  source: SparseVector,
  dfs: DocumentFrequencies,
  norms: [number, number] | null,
): [number, number] | null {
  if (norms === null) {
    addInto(target, source);
    return null;
  }
  let w = norms[0] * norms[0];
  let n = norms[1] * norms[1];
  for (const [k, v] of source) {
    const old = target.get(k) ?? 0;
    const now = old + v;
    target.set(k, now);
    const idf = dfs.idf(k);
    const d = (now * now - old * old) * idf * idf;
    if (isNameKey(k)) n += d;
    else w += d;
  }
  return [Math.sqrt(Math.max(0, w)), Math.sqrt(Math.max(0, n))];
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

/** The `k` terms with the largest IDF-weighted value (ties by term). */
export function topTerms(v: SparseVector, dfs: DocumentFrequencies, k: number): string[] {
  const terms: string[] = [];
  const weights = new Float64Array(v.size);
  let i = 0;
  for (const [t, x] of v) {
    terms.push(t);
    weights[i++] = x * dfs.idf(t);
  }
  return [...topIndices(weights, terms, k)].map((j) => terms[j]!);
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
  return blendChannels(dw, dn, normsA, normsB, nameWeight);
}

/**
 * An article's features with IDF applied once: each key's weight times its IDF
 * squared (the factor a dot product with an unweighted vector needs), and
 * whether it is a name. Comparing one article with many events then costs one
 * lookup per article term and no logarithms.
 */
export interface PreparedVector {
  keys: string[];
  /** x · idf² per key. */
  w: Float64Array;
  name: Uint8Array;
  norms: [number, number];
  /** x and the IDF per key, as read when prepared (for `topPrepared` and `addPreparedWithNorms`). */
  x: Float64Array;
  idf: Float64Array;
}

export function prepareVector(v: SparseVector, dfs: DocumentFrequencies): PreparedVector {
  const keys: string[] = [];
  const w = new Float64Array(v.size);
  const name = new Uint8Array(v.size);
  const xs = new Float64Array(v.size);
  const idfs = new Float64Array(v.size);
  let nw = 0;
  let nn = 0;
  let i = 0;
  for (const [k, x] of v) {
    const idf = dfs.idf(k);
    keys.push(k);
    xs[i] = x;
    idfs[i] = idf;
    w[i] = x * idf * idf;
    const y = x * idf;
    if (isNameKey(k)) {
      name[i] = 1;
      nn += y * y;
    } else nw += y * y;
    i++;
  }
  return { keys, w, name, norms: [Math.sqrt(nw), Math.sqrt(nn)], x: xs, idf: idfs };
}

/** `topTerms` of the vector `q` was prepared from, with the document frequencies it was prepared with. */
export function topPrepared(q: PreparedVector, k: number): string[] {
  const weights = new Float64Array(q.keys.length);
  for (let i = 0; i < weights.length; i++) weights[i] = q.x[i]! * q.idf[i]!;
  return topIndices(weights, q.keys, k).map((j) => q.keys[j]!);
}

/**
 * `addIntoWithNorms(target, v, dfs, norms)` for the vector `v` that `q` was prepared from, with the document
 * frequencies it was prepared with (the same sums in the same order, the IDFs not read again).
 */
export function addPreparedWithNorms(target: SparseVector, q: PreparedVector, norms: [number, number] | null): [number, number] | null {
  const { keys, x } = q;
  if (norms === null) {
    for (let i = 0; i < keys.length; i++) target.set(keys[i]!, (target.get(keys[i]!) ?? 0) + x[i]! * 1);
    return null;
  }
  let w = norms[0] * norms[0];
  let n = norms[1] * norms[1];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const old = target.get(k) ?? 0;
    const now = old + x[i]!;
    target.set(k, now);
    const idf = q.idf[i]!;
    const d = (now * now - old * old) * idf * idf;
    if (q.name[i] === 1) n += d;
    else w += d;
  }
  return [Math.sqrt(Math.max(0, w)), Math.sqrt(Math.max(0, n))];
}

/** `channelSimilarity` of a prepared article and a plain vector (same blend of word and name cosines). */
export function preparedSimilarity(
  q: PreparedVector,
  b: SparseVector,
  normsB: [number, number],
  nameWeight: number,
  contrib?: Map<string, number>,
): { score: number; words: number; names: number } {
  let dw = 0;
  let dn = 0;
  const { keys, w, name } = q;
  for (let i = 0; i < keys.length; i++) {
    const y = b.get(keys[i]!);
    if (y === undefined) continue;
    const c = w[i]! * y;
    if (name[i] === 1) dn += c;
    else dw += c;
    contrib?.set(keys[i]!, c);
  }
  return blendChannels(dw, dn, q.norms, normsB, nameWeight);
}
