import { fromHex64, popcount32, type SimHash64 } from './simhash.js';

/**
 * Near-duplicate lookup over 64-bit SimHashes (exact recall within a Hamming
 * distance), with O(1) work per insertion and eviction and flat typed-array
 * storage.
 *
 * Blocks and keys (generalised pigeonhole, Manku et al. 2007): the 64 bits are
 * cut into `bands` contiguous blocks. Two fingerprints within distance d differ
 * in at most d blocks, so at least `bands - d` blocks agree exactly. Each table
 * is keyed by one combination of `keyBlocks = bands - d` blocks (capped at 2),
 * so every near-duplicate shares the key of at least one table: recall is exact,
 * and candidates are checked by their true distance, so precision is exact too.
 * With d = 6 the default is 8 blocks of 8 bits and 28 tables keyed by 16 bits:
 * a lookup in a full 200,000-fingerprint window checks about 28 × 3 candidates
 * instead of the 7 × 400 that single 9-bit bands would (the old layout).
 *
 * Storage is a ring of slots (fingerprint halves, time, id) addressed by
 * sequence number; each table is a set of bucket heads plus one `next` link per
 * slot, newest first. Eviction is FIFO (by count and/or age) and lazy: it only
 * advances the oldest live sequence number; a chain walk stops at the first
 * dead entry, since everything after it is older. Nothing is ever searched or
 * spliced, so memory is fixed by `maxSize` and time per call does not grow with
 * the window beyond the expected bucket occupancy.
 */
export interface NearDuplicateIndexOptions {
  /** Largest Hamming distance reported as a near-duplicate (default 3). */
  maxDistance?: number;
  /** Number of blocks (default maxDistance + 2, between 2 and 16, at least maxDistance + 1). */
  bands?: number;
  /** Keep at most this many fingerprints (oldest evicted first). */
  maxSize?: number;
  /** Evict fingerprints older than this (ms) before the newest `time` added. */
  maxAgeMs?: number;
}

export interface NearDuplicateMatch {
  id: string;
  distance: number;
}

function blockValue(p: SimHash64, start: number, width: number): number {
  const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
  if (start >= 32) return ((p.hi >>> (start - 32)) & mask) >>> 0;
  if (start + width <= 32) return ((p.lo >>> start) & mask) >>> 0;
  return (((p.lo >>> start) | (p.hi << (32 - start))) & mask) >>> 0;
}

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (from: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let i = from; i < n; i++) rec(i + 1, [...acc, i]);
  };
  rec(0, []);
  return out;
}

const MIN_CAPACITY = 256;

export class NearDuplicateIndex {
  readonly maxDistance: number;
  readonly bands: number;
  /** Blocks combined into one table key. */
  readonly keyBlocks: number;
  private readonly maxSize: number;
  private readonly maxAgeMs: number;
  private readonly blockStart: number[] = [];
  private readonly blockWidth: number[] = [];
  /** Per table: the blocks its key is made of. */
  private readonly tableBlocks: number[][];
  private readonly keyBits: number;
  private headBits = 0;
  private heads: Float64Array = new Float64Array(0);
  // Ring of slots: sequence number s lives in slot s % capacity while it is live.
  private capacity = 0;
  private hi: Uint32Array = new Uint32Array(0);
  private lo: Uint32Array = new Uint32Array(0);
  private times: Float64Array = new Float64Array(0);
  private ids: (string | undefined)[] = [];
  private next: Float64Array = new Float64Array(0);
  private stamp: Uint32Array = new Uint32Array(0);
  private queryNo = 0;
  /** Live entries are the sequence numbers [oldest, seq). */
  private oldest = 0;
  private seq = 0;
  private newest = -Infinity;

  constructor(options: NearDuplicateIndexOptions = {}) {
    this.maxDistance = Math.max(0, Math.min(options.maxDistance ?? 3, 14));
    const wanted = options.bands ?? this.maxDistance + 2;
    this.bands = Math.max(2, this.maxDistance + 1, Math.min(wanted, 16));
    this.keyBlocks = Math.max(1, Math.min(2, this.bands - this.maxDistance));
    this.maxSize = options.maxSize ?? Infinity;
    this.maxAgeMs = options.maxAgeMs ?? Infinity;
    let start = 0;
    for (let b = 0; b < this.bands; b++) {
      const width = Math.floor(64 / this.bands) + (b < 64 % this.bands ? 1 : 0);
      this.blockStart.push(start);
      this.blockWidth.push(width);
      start += width;
    }
    this.tableBlocks = combinations(this.bands, this.keyBlocks);
    this.keyBits = Math.max(...this.tableBlocks.map((bs) => bs.reduce((s, b) => s + this.blockWidth[b]!, 0)));
    const initial = Number.isFinite(this.maxSize) ? Math.max(1, this.maxSize) + 1 : MIN_CAPACITY;
    this.resize(Math.min(initial, 1 << 26));
  }

  /** Number of tables (one per combination of key blocks). */
  get tables(): number {
    return this.tableBlocks.length;
  }

  get size(): number {
    return this.seq - this.oldest;
  }

  /** Allocates storage for `capacity` live entries and re-inserts the live ones. */
  private resize(capacity: number): void {
    const live: { id: string; hi: number; lo: number; t: number }[] = [];
    for (let s = this.oldest; s < this.seq; s++) {
      const i = s % this.capacity;
      live.push({ id: this.ids[i]!, hi: this.hi[i]!, lo: this.lo[i]!, t: this.times[i]! });
    }
    const T = this.tableBlocks.length;
    this.capacity = capacity;
    // Bucket heads roughly one per live entry, never more than the key has values.
    this.headBits = Math.min(this.keyBits, Math.max(8, Math.ceil(Math.log2(capacity))));
    this.heads = new Float64Array(T << this.headBits).fill(-1);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.times = new Float64Array(capacity);
    this.ids = new Array<string | undefined>(capacity);
    this.next = new Float64Array(capacity * T);
    this.stamp = new Uint32Array(capacity);
    this.oldest = 0;
    this.seq = 0;
    for (const e of live) this.insert(e.id, e.hi, e.lo, e.t);
  }

  private blocksOf(hi: number, lo: number): number[] {
    const fp = { hi, lo };
    const out: number[] = [];
    for (let b = 0; b < this.bands; b++) out.push(blockValue(fp, this.blockStart[b]!, this.blockWidth[b]!));
    return out;
  }

  private bucket(table: number, blocks: number[]): number {
    let key = 0;
    for (const b of this.tableBlocks[table]!) key = key * 2 ** this.blockWidth[b]! + blocks[b]!;
    if (this.keyBits > this.headBits) {
      // Fold a wide key into the head table (collisions only add candidates, checked by distance).
      const k = (key % 4294967296) ^ Math.floor(key / 4294967296);
      key = Math.imul(k, 0x9e3779b1) >>> (32 - this.headBits);
    }
    return (table << this.headBits) + key;
  }

  private insert(id: string, hi: number, lo: number, t: number): void {
    const s = this.seq++;
    const i = s % this.capacity;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.times[i] = t;
    this.ids[i] = id;
    this.stamp[i] = 0;
    const T = this.tableBlocks.length;
    const blocks = this.blocksOf(hi, lo);
    for (let tb = 0; tb < T; tb++) {
      const h = this.bucket(tb, blocks);
      this.next[i * T + tb] = this.heads[h]!;
      this.heads[h] = s;
    }
  }

  /** Adds a fingerprint (16 hex digits or parts); `time` (ms) drives the age window. Returns false if malformed. */
  add(id: string, fingerprint: string | SimHash64, time?: number | null): boolean {
    const fp = typeof fingerprint === 'string' ? fromHex64(fingerprint) : fingerprint;
    if (fp === null) return false;
    const t = time ?? NaN;
    if (!Number.isNaN(t) && t > this.newest) this.newest = t;
    // Make room first: by count, then grow if the window is unbounded.
    while (this.size >= this.maxSize) this.dropOldest();
    if (this.size + 1 >= this.capacity) this.resize(Math.min(this.capacity * 2, 1 << 30));
    this.insert(id, fp.hi >>> 0, fp.lo >>> 0, t);
    this.evictOld();
    return true;
  }

  private dropOldest(): void {
    this.ids[this.oldest % this.capacity] = undefined;
    this.oldest++;
  }

  private evictOld(): void {
    if (this.maxAgeMs === Infinity) return;
    while (this.oldest < this.seq) {
      const t = this.times[this.oldest % this.capacity]!;
      if (Number.isNaN(t) || this.newest - t <= this.maxAgeMs) break;
      this.dropOldest();
    }
  }

  /** Fingerprints within `maxDistance` (default: the index's), nearest first, ties by insertion order. */
  query(fingerprint: string | SimHash64, maxDistance?: number): NearDuplicateMatch[] {
    const fp = typeof fingerprint === 'string' ? fromHex64(fingerprint) : fingerprint;
    if (fp === null) return [];
    // Recall is guaranteed only up to bands - keyBlocks; larger limits are best effort.
    const limit = maxDistance ?? this.maxDistance;
    const hi = fp.hi >>> 0;
    const lo = fp.lo >>> 0;
    this.queryNo = (this.queryNo + 1) >>> 0 || 1;
    const q = this.queryNo;
    const found: { s: number; d: number }[] = [];
    const T = this.tableBlocks.length;
    const blocks = this.blocksOf(hi, lo);
    for (let tb = 0; tb < T; tb++) {
      let s = this.heads[this.bucket(tb, blocks)]!;
      while (s >= this.oldest) {
        const i = s % this.capacity;
        if (this.stamp[i] !== q) {
          this.stamp[i] = q;
          const d = popcount32(hi ^ this.hi[i]!) + popcount32(lo ^ this.lo[i]!);
          if (d <= limit) found.push({ s, d });
        }
        s = this.next[i * T + tb]!;
      }
    }
    found.sort((x, y) => x.d - y.d || x.s - y.s);
    return found.map((f) => ({ id: this.ids[f.s % this.capacity]!, distance: f.d }));
  }
}
