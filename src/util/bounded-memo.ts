/**
 * Bounded memos, for pure functions of a string. `boundedMemo`: the last `max`
 * distinct inputs, oldest dropped first (the cheapest hit, for hot small
 * functions). `BoundedMemo`: least recently used, bounded by entries and by its
 * own count of bytes (for large values).
 */

/**
 * A pure function of a string remembered for the last `max` distinct inputs
 * (oldest dropped first). Only for functions whose result callers never
 * mutate: the same object is handed to every caller.
 */
export function boundedMemo<V>(fn: (key: string) => V, max: number): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    // The function sees the memo's own copy, so substrings it keeps in its result point into that copy too.
    const own = ownString(key);
    const v = fn(own);
    if (memo.size >= max) memo.delete(memo.keys().next().value as string);
    memo.set(own, v);
    return v;
  };
}

/**
 * A copy of `s` that holds no reference to a larger string. V8 represents a substring of 13 or more characters as
 * a slice of its parent (and a concatenation as a pair of parts): a slice of a page's HTML kept as a cache key
 * keeps the whole page alive (a class name of 20 characters can hold 1 MB). Anything that outlives the text it was
 * cut from (memo keys, cached values) goes through this. The concatenation with one character is flattened into a
 * new string of its own; the slice of that is what is returned (one character more, not the whole parent).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * A least-recently-used memo with string keys, bounded both by its number of
 * entries and by an estimate of the bytes it holds (its own accounting: each
 * entry is charged `sizeOf(key, value)`, which must depend on the key and
 * value only: it is asked again when the entry leaves). Storing evicts the least
 * recently used entries until both bounds hold again; an entry larger than
 * the byte bound on its own is not stored. Reading an entry makes it the most
 * recently used. Nothing is shared between threads: each worker thread loads
 * its own module instance and so its own memo.
 */
export interface MemoLimits {
  /** Entries kept at most. */
  maxEntries: number;
  /** Bytes kept at most, as `sizeOf` counts them. */
  maxBytes: number;
}

export interface MemoStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

export class BoundedMemo<V> {
  /** Insertion order is recency order: the first key is the least recently used. */
  private readonly map = new Map<string, V>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    readonly limits: MemoLimits,
    private readonly sizeOf: (key: string, value: V) => number,
  ) {
    if (!(limits.maxEntries >= 0) || !(limits.maxBytes >= 0)) throw new Error('memo limits must be non-negative numbers');
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used: move to the end of the insertion order.
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Stores (or replaces) `key`; returns false when the entry alone exceeds the byte bound (nothing stored). */
  set(key: string, value: V): boolean {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.bytes -= this.sizeOf(key, old);
    }
    const bytes = this.sizeOf(key, value);
    if (bytes > this.limits.maxBytes || this.limits.maxEntries < 1) return false;
    // Evict before adding, so the bounds hold at every moment.
    while (this.map.size > 0 && (this.map.size + 1 > this.limits.maxEntries || this.bytes + bytes > this.limits.maxBytes)) {
      const oldest = this.map.keys().next().value as string;
      this.bytes -= this.sizeOf(oldest, this.map.get(oldest)!);
      this.map.delete(oldest);
      this.evictions++;
    }
    this.map.set(ownString(key), value);
    this.bytes += bytes;
    return true;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  stats(): MemoStats {
    return { entries: this.map.size, bytes: this.bytes, hits: this.hits, misses: this.misses, evictions: this.evictions };
  }
}

/**
 * Upper-bound estimate of a string's heap size: a header plus two bytes a code
 * unit (V8 keeps Latin-1 strings at one byte a character, so this over-counts them).
 */
export function stringBytes(s: string): number {
  return 16 + 2 * s.length;
}

/** Estimate of one Map entry (its share of the hash table), beyond its key and value. */
export const ENTRY_OVERHEAD_BYTES = 64;
