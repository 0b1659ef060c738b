/**
 * Small numeric helpers of the clusterer's weighting: log of small integers from a table, the top-k selection,
 * the name-key test and the blend of word and name cosines. The vectors themselves are TermVector (term-vector.ts).
 */

const LOG_TABLE_SIZE = 1 << 16;
/** log(k) for small integers k (document frequencies are mostly small), filled once. */
const LOG_TABLE = (() => {
  const t = new Float64Array(LOG_TABLE_SIZE);
  for (let k = 1; k < LOG_TABLE_SIZE; k++) t[k] = Math.log(k);
  return t;
})();

export function logInt(k: number): number {
  return k < LOG_TABLE_SIZE && Number.isInteger(k) ? LOG_TABLE[k]! : Math.log(k);
}

/**
 * The `k` keys first in (value descending, key ascending) order, offered one at a time: what sorting every offer
 * by that order (a total order, keys being distinct and values numbers, never NaN) and keeping the first k gives,
 * kept in a buffer of k.
 */
export class TopK {
  private readonly ks: string[] = [];
  private readonly vs: number[] = [];

  constructor(private readonly k: number) {}

  offer(key: string, value: number): void {
    const { ks, vs } = this;
    let at = ks.length;
    // Move before each kept entry with a smaller value, or the same value and a larger key.
    while (at > 0 && (value > vs[at - 1]! || (value === vs[at - 1]! && key < ks[at - 1]!))) at--;
    if (at >= this.k) return;
    ks.splice(at, 0, key);
    vs.splice(at, 0, value);
    if (ks.length > this.k) {
      ks.pop();
      vs.pop();
    }
  }

  /** The kept keys, first first. */
  keys(): string[] {
    return [...this.ks];
  }
}

/**
 * The positions of the `k` largest weights, largest first, ties by key: what sorting every entry by (weight
 * descending, key ascending) and keeping the first k gives (a total order, keys being distinct), without sorting
 * the entries that cannot be among them: only those at or above the k-th largest weight are sorted.
 */
export function topIndices(weights: Float64Array, keys: readonly string[], k: number): number[] {
  const n = weights.length;
  const byWeight = (a: number, b: number): number => weights[b]! - weights[a]! || (keys[a]! < keys[b]! ? -1 : 1);
  let chosen: number[];
  const sorted = Number.isInteger(k) && k > 0 && k < n ? weights.slice().sort() : null;
  // NaN sorts last and compares as no order at all: keep the plain sort of every entry then.
  if (sorted === null || Number.isNaN(sorted[n - 1]!)) chosen = Array.from({ length: n }, (_, j) => j);
  else {
    const threshold = sorted[n - k]!;
    chosen = [];
    for (let j = 0; j < n; j++) if (weights[j]! >= threshold) chosen.push(j);
  }
  return chosen.sort(byWeight).slice(0, k);
}

/** Names (entities, places, proper nouns) are the features whose key carries a `x:` prefix. */
export function isNameKey(key: string): boolean {
  return key.charCodeAt(1) === 58; // ':' at index 1
}

/** Word and name cosines from their dot products and norms, blended (one channel alone when the other is empty). */
export function blendChannels(dw: number, dn: number, normsA: [number, number], normsB: [number, number], nameWeight: number): { score: number; words: number; names: number } {
  const hasWords = normsA[0] > 0 && normsB[0] > 0;
  const hasNames = normsA[1] > 0 && normsB[1] > 0;
  const words = hasWords ? dw / (normsA[0] * normsB[0]) : 0;
  const names = hasNames ? dn / (normsA[1] * normsB[1]) : 0;
  const score = hasNames && hasWords ? (1 - nameWeight) * words + nameWeight * names : hasNames ? names : words;
  return { score, words, names };
}
