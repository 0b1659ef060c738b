import { fromHex64, hammingParts, type SimHash64 } from './simhash.js';

/**
 * Near-duplicate lookup over 64-bit SimHashes by LSH banding.
 *
 * The 64 bits are cut into `bands` contiguous bands. By the pigeonhole
 * principle two fingerprints within Hamming distance d < bands agree exactly on
 * at least one band, so with bands = maxDistance + 1 recall is exact (no
 * near-duplicate within the threshold is missed); candidates are then checked
 * by their true distance, so precision is exact too.
 *
 * Memory is bounded by an optional window: at most `maxSize` entries and/or
 * entries no older than `maxAgeMs` before the newest time seen. Eviction is
 * FIFO, so the evicted entry is always the oldest in each of its buckets.
 */
export interface NearDuplicateIndexOptions {
  /** Largest Hamming distance reported as a near-duplicate (default 3). */
  maxDistance?: number;
  /** Number of bands (default maxDistance + 1, at least 2, at most 16). */
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

interface Entry {
  id: string;
  fp: SimHash64;
  time: number | null;
  keys: number[];
  seq: number;
}

function bandValue(p: SimHash64, start: number, width: number): number {
  const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
  if (start >= 32) return ((p.hi >>> (start - 32)) & mask) >>> 0;
  if (start + width <= 32) return ((p.lo >>> start) & mask) >>> 0;
  return (((p.lo >>> start) | (p.hi << (32 - start))) & mask) >>> 0;
}

export class NearDuplicateIndex {
  readonly maxDistance: number;
  readonly bands: number;
  private readonly maxSize: number;
  private readonly maxAgeMs: number;
  private readonly bandStart: number[] = [];
  private readonly bandWidth: number[] = [];
  private readonly buckets: Map<number, Entry[]>[] = [];
  private readonly fifo: Entry[] = [];
  private fifoHead = 0;
  private newest = -Infinity;
  private count = 0;
  private seq = 0;

  constructor(options: NearDuplicateIndexOptions = {}) {
    this.maxDistance = Math.max(0, Math.min(options.maxDistance ?? 3, 15));
    this.bands = Math.max(2, Math.min(options.bands ?? this.maxDistance + 1, 16));
    this.maxSize = options.maxSize ?? Infinity;
    this.maxAgeMs = options.maxAgeMs ?? Infinity;
    let start = 0;
    for (let b = 0; b < this.bands; b++) {
      const width = Math.floor(64 / this.bands) + (b < 64 % this.bands ? 1 : 0);
      this.bandStart.push(start);
      this.bandWidth.push(width);
      this.buckets.push(new Map());
      start += width;
    }
  }

  get size(): number {
    return this.count;
  }

  private keysOf(fp: SimHash64): number[] {
    const keys: number[] = [];
    for (let b = 0; b < this.bands; b++) keys.push(bandValue(fp, this.bandStart[b]!, this.bandWidth[b]!));
    return keys;
  }

  /** Adds a fingerprint (16 hex digits or parts); `time` (ms) drives the age window. Returns false if malformed. */
  add(id: string, fingerprint: string | SimHash64, time?: number | null): boolean {
    const fp = typeof fingerprint === 'string' ? fromHex64(fingerprint) : fingerprint;
    if (fp === null) return false;
    const t = time ?? null;
    const entry: Entry = { id, fp, time: t, keys: this.keysOf(fp), seq: this.seq++ };
    for (let b = 0; b < this.bands; b++) {
      const map = this.buckets[b]!;
      const key = entry.keys[b]!;
      const list = map.get(key);
      if (list === undefined) map.set(key, [entry]);
      else list.push(entry);
    }
    this.fifo.push(entry);
    this.count++;
    if (t !== null && t > this.newest) this.newest = t;
    this.evict();
    return true;
  }

  private evict(): void {
    while (this.fifoHead < this.fifo.length) {
      const oldest = this.fifo[this.fifoHead]!;
      const tooMany = this.count > this.maxSize;
      const tooOld = oldest.time !== null && this.newest - oldest.time > this.maxAgeMs;
      if (!tooMany && !tooOld) break;
      this.remove(oldest);
      this.fifoHead++;
    }
    // Compact the queue now and then so its dead prefix does not grow forever.
    if (this.fifoHead > 1024 && this.fifoHead * 2 > this.fifo.length) {
      this.fifo.splice(0, this.fifoHead);
      this.fifoHead = 0;
    }
  }

  private remove(entry: Entry): void {
    this.count--;
    for (let b = 0; b < this.bands; b++) {
      const map = this.buckets[b]!;
      const key = entry.keys[b]!;
      const list = map.get(key);
      if (list === undefined) continue;
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) map.delete(key);
    }
  }

  /** Fingerprints within `maxDistance` (default: the index's), nearest first, ties by insertion order. */
  query(fingerprint: string | SimHash64, maxDistance?: number): NearDuplicateMatch[] {
    const fp = typeof fingerprint === 'string' ? fromHex64(fingerprint) : fingerprint;
    if (fp === null) return [];
    // Recall is guaranteed only up to bands - 1; larger limits are best effort.
    const limit = maxDistance ?? this.maxDistance;
    const seen = new Set<Entry>();
    const found: { e: Entry; d: number }[] = [];
    const keys = this.keysOf(fp);
    for (let b = 0; b < this.bands; b++) {
      const list = this.buckets[b]!.get(keys[b]!);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        const e = list[i]!;
        if (seen.has(e)) continue;
        seen.add(e);
        const d = hammingParts(fp, e.fp);
        if (d <= limit) found.push({ e, d });
      }
    }
    found.sort((x, y) => x.d - y.d || x.e.seq - y.e.seq);
    return found.map((f) => ({ id: f.e.id, distance: f.d }));
  }
}
