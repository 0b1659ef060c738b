/**
 * The clusterer's vectors keyed by term ids instead of term strings: a per-clusterer dictionary (`TermTable`)
 * gives each term it meets a small integer, and holds the document frequencies in an array indexed by it. Scoring
 * an article against a centroid then looks up numbers (no string hashing or comparison), and an IDF is an array
 * read.
 *
 * Everything here computes what its string-keyed namesake in sparse-vector.ts computes, bit for bit: the same
 * sums in the same order (Maps list their keys in insertion order whatever the key type, and each id stands for
 * one term), ties broken by the term string, never by the id. Ids never leave the clusterer: its snapshot
 * writes terms.
 */
import { blendChannels, isNameKey, logInt, topIndices } from './sparse-vector.js';

/**
 * A sparse vector keyed by term id (see TermTable): what a `Map<number, number>` that is never deleted from does
 * (entries listed in the order their keys were first set; setting a key again keeps its place), kept in typed
 * arrays with an open-addressing index, so a look-up is a few array reads. Entry `i` (in that order) is
 * `ids[i]`, `vals[i]`, for i < size.
 */
export class TermVector {
  size = 0;
  ids: Int32Array;
  vals: Float64Array;
  /** Open addressing, linear probing: entry index + 1 per slot, 0 for an empty slot. */
  private slots: Int32Array;
  private shift: number;

  constructor(capacity = 8) {
    const cap = Math.max(4, capacity);
    this.ids = new Int32Array(cap);
    this.vals = new Float64Array(cap);
    let bits = 3;
    while (1 << bits < cap * 2) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  /** `new Map(entries)`. */
  static from(entries: Iterable<readonly [number, number]>, capacity = 8): TermVector {
    const v = new TermVector(capacity);
    for (const [k, x] of entries) v.set(k, x);
    return v;
  }

  /** A copy (`new Map(v)`). */
  copy(): TermVector {
    const v = new TermVector(this.size);
    for (let i = 0; i < this.size; i++) v.push(this.ids[i]!, this.vals[i]!);
    return v;
  }

  /** The entry index of `id`, or -1. */
  find(id: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = Math.imul(id, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const s = slots[h]!;
      if (s === 0) return -1;
      if (this.ids[s - 1] === id) return s - 1;
      h = (h + 1) & mask;
    }
  }

  get(id: number): number | undefined {
    const i = this.find(id);
    return i < 0 ? undefined : this.vals[i];
  }

  has(id: number): boolean {
    return this.find(id) >= 0;
  }

  set(id: number, x: number): void {
    const i = this.find(id);
    if (i >= 0) this.vals[i] = x;
    else this.push(id, x);
  }

  /** The ids, in entry order. */
  keys(): Int32Array {
    return this.ids.subarray(0, this.size);
  }

  /** Appends an entry for an id not in the vector. */
  private push(id: number, x: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const vals = new Float64Array(this.vals.length * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    const i = this.size++;
    this.ids[i] = id;
    this.vals[i] = x;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(id, i);
  }

  private place(id: number, i: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = Math.imul(id, 0x9e3779b1) >>> this.shift;
    while (slots[h] !== 0) h = (h + 1) & mask;
    slots[h] = i + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.shift--;
    for (let i = 0; i < this.size; i++) this.place(this.ids[i]!, i);
  }
}

/**
 * A clusterer's term dictionary and document frequencies (what `DocumentFrequencies` holds, by id).
 *
 * `live` lists the terms with a document frequency in the order `DocumentFrequencies.df` would list them (first
 * counted first; a term halved to 0 leaves it and comes back at the end), so the snapshot's `df` stays the same.
 * Ids of terms no longer counted and no longer held by any vector can be given back (`release`), so a bounded
 * vocabulary keeps a bounded dictionary.
 */
export class TermTable {
  n = 0;
  /** Documents ever added (never halved): a clock for staleness checks. */
  total = 0;
  /** Number of halvings so far. */
  decays = 0;
  /** Ids whose term has a document frequency, in the order it was first counted (see above). */
  readonly live = new Set<number>();
  private logN1 = 0;
  /** id → term (null for an id given back and not yet reused). */
  private readonly terms: (string | null)[] = [];
  private readonly ids = new Map<string, number>();
  private nameOf = new Uint8Array(1024);
  private dfOf = new Float64Array(1024);
  private readonly free: number[] = [];

  constructor(readonly maxTerms = Infinity) {}

  /** Terms holding an id. */
  get size(): number {
    return this.ids.size;
  }

  /** The term of an id. */
  term(id: number): string {
    return this.terms[id]!;
  }

  /** The id of a term, or -1 when it has none (no vector holds it). */
  find(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** The id of a term, given one if it has none. */
  intern(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    let id: number;
    if (this.free.length > 0) {
      id = this.free.pop()!;
      this.terms[id] = term;
    } else {
      id = this.terms.length;
      this.terms.push(term);
      if (id >= this.dfOf.length) {
        const dfOf = new Float64Array(this.dfOf.length * 2);
        dfOf.set(this.dfOf);
        this.dfOf = dfOf;
        const nameOf = new Uint8Array(this.nameOf.length * 2);
        nameOf.set(this.nameOf);
        this.nameOf = nameOf;
      }
    }
    this.ids.set(term, id);
    this.nameOf[id] = isNameKey(term) ? 1 : 0;
    this.dfOf[id] = 0;
    return id;
  }

  /** A string-keyed vector with its terms' ids (same order). */
  vector(entries: Iterable<readonly [string, number]>): TermVector {
    const out = new TermVector();
    for (const [k, v] of entries) out.set(this.intern(k), v);
    return out;
  }

  /** `vector(keys.map((k, i) => [k, vals[i]]))`. */
  vectorOf(keys: readonly string[], vals: readonly number[]): TermVector {
    const out = new TermVector();
    for (let i = 0; i < keys.length; i++) out.set(this.intern(keys[i]!), vals[i]!);
    return out;
  }

  /** A vector's entries (or a Map's, keyed by id) with their terms (same order). */
  entries(v: TermVector | Map<number, number>): [string, number][] {
    if (v instanceof Map) return [...v].map(([id, x]) => [this.terms[id]!, x]);
    const out: [string, number][] = [];
    for (let i = 0; i < v.size; i++) out.push([this.terms[v.ids[i]!]!, v.vals[i]!]);
    return out;
  }

  /** Whether the term is a name (`isNameKey`). */
  isName(id: number): boolean {
    return this.nameOf[id] === 1;
  }

  /** The term's document frequency (0 when not counted). */
  df(id: number): number {
    return this.dfOf[id]!;
  }

  /** Sets a document frequency as `df.set(term, count)` would (restoring a snapshot). */
  setDf(id: number, count: number): void {
    this.dfOf[id] = count;
    this.live.add(id);
  }

  /** `DocumentFrequencies.addDoc` by id. */
  addDoc(features: Iterable<number>): void {
    this.n++;
    this.total++;
    this.logN1 = logInt(this.n + 1);
    const dfOf = this.dfOf;
    for (const id of features) {
      const was = dfOf[id]!;
      dfOf[id] = was + 1;
      if (!this.live.has(id)) this.live.add(id);
    }
    if (this.live.size > this.maxTerms) this.decay();
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
    for (const id of this.live) {
      const h = this.dfOf[id]! >> 1;
      this.dfOf[id] = h;
      if (h === 0) this.live.delete(id);
    }
  }

  /** Smoothed IDF (`DocumentFrequencies.idf`). */
  idf(id: number): number {
    return this.logN1 - logInt(this.dfOf[id]! + 1) + 1;
  }

  /**
   * Gives back the ids of the terms that have no document frequency and are not among `held` (the ids every
   * vector still holds, reported by the callback). Returns how many were given back.
   */
  release(held: (keep: (id: number) => void) => void): number {
    const mark = new Uint8Array(this.terms.length);
    for (const id of this.live) mark[id] = 1;
    held((id) => {
      mark[id] = 1;
    });
    let released = 0;
    for (let id = 0; id < this.terms.length; id++) {
      const term = this.terms[id];
      if (mark[id] === 1 || term === null || term === undefined) continue;
      this.ids.delete(term);
      this.terms[id] = null;
      this.dfOf[id] = 0;
      this.free.push(id);
      released++;
    }
    return released;
  }
}

export function addInto(target: TermVector, source: TermVector, factor = 1): void {
  for (let i = 0; i < source.size; i++) {
    const k = source.ids[i]!;
    const j = target.find(k);
    const v = source.vals[i]!;
    if (j >= 0) target.vals[j] = target.vals[j]! + v * factor;
    else target.set(k, 0 + v * factor);
  }
}

/** Keeps only the `limit` heaviest entries (ties broken by term for determinism). */
export function pruneTop(v: TermVector, limit: number, terms: TermTable): TermVector {
  if (v.size <= limit) return v;
  const { ids, vals } = v;
  const order = Array.from({ length: v.size }, (_, i) => i).sort((x, y) => vals[y]! - vals[x]! || (terms.term(ids[x]!) < terms.term(ids[y]!) ? -1 : 1));
  const out = new TermVector(limit);
  for (let i = 0; i < limit; i++) out.set(ids[order[i]!]!, vals[order[i]!]!);
  return out;
}

/** The `k` terms with the largest IDF-weighted value (ties by term). */
export function topTerms(v: TermVector, terms: TermTable, k: number): string[] {
  const keys: string[] = [];
  const weights = new Float64Array(v.size);
  for (let i = 0; i < v.size; i++) {
    const id = v.ids[i]!;
    keys.push(terms.term(id));
    weights[i] = v.vals[i]! * terms.idf(id);
  }
  return topIndices(weights, keys, k).map((j) => keys[j]!);
}

/** IDF-weighted norms of the word channel and the name channel. */
export function channelNorms(v: TermVector, terms: TermTable): [number, number] {
  let w = 0;
  let n = 0;
  for (let i = 0; i < v.size; i++) {
    const k = v.ids[i]!;
    const y = v.vals[i]! * terms.idf(k);
    if (terms.isName(k)) n += y * y;
    else w += y * y;
  }
  return [Math.sqrt(w), Math.sqrt(n)];
}

/** `channelSimilarity` (word and name cosines blended) by id. */
export function channelSimilarity(
  a: TermVector,
  b: TermVector,
  terms: TermTable,
  normsA: [number, number],
  normsB: [number, number],
  nameWeight: number,
): { score: number; words: number; names: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dw = 0;
  let dn = 0;
  for (let i = 0; i < small.size; i++) {
    const k = small.ids[i]!;
    const j = large.find(k);
    if (j < 0) continue;
    const x = small.vals[i]!;
    const y = large.vals[j]!;
    const idf = terms.idf(k);
    const c = x * y * idf * idf;
    if (terms.isName(k)) dn += c;
    else dw += c;
  }
  return blendChannels(dw, dn, normsA, normsB, nameWeight);
}

/** An article's features with IDF applied once (`PreparedVector` by id). */
export interface PreparedTerms {
  keys: Int32Array;
  /** x · idf² per key. */
  w: Float64Array;
  name: Uint8Array;
  norms: [number, number];
  /** x and the IDF per key, as read when prepared. */
  x: Float64Array;
  idf: Float64Array;
}

export function prepareVector(v: TermVector, terms: TermTable): PreparedTerms {
  const keys = new Int32Array(v.size);
  const w = new Float64Array(v.size);
  const name = new Uint8Array(v.size);
  const xs = new Float64Array(v.size);
  const idfs = new Float64Array(v.size);
  let nw = 0;
  let nn = 0;
  for (let i = 0; i < v.size; i++) {
    const k = v.ids[i]!;
    const x = v.vals[i]!;
    const idf = terms.idf(k);
    keys[i] = k;
    xs[i] = x;
    idfs[i] = idf;
    w[i] = x * idf * idf;
    const y = x * idf;
    if (terms.isName(k)) {
      name[i] = 1;
      nn += y * y;
    } else nw += y * y;
  }
  return { keys, w, name, norms: [Math.sqrt(nw), Math.sqrt(nn)], x: xs, idf: idfs };
}

/** `topTerms` of the vector `q` was prepared from, with the document frequencies it was prepared with. */
export function topPrepared(q: PreparedTerms, k: number, terms: TermTable): string[] {
  const n = q.keys.length;
  const weights = new Float64Array(n);
  const keys: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    weights[i] = q.x[i]! * q.idf[i]!;
    keys[i] = terms.term(q.keys[i]!);
  }
  return topIndices(weights, keys, k).map((j) => keys[j]!);
}

/** `addPreparedWithNorms` by id: the same sums in the same order, the IDFs as prepared. */
export function addPreparedWithNorms(target: TermVector, q: PreparedTerms, norms: [number, number] | null): [number, number] | null {
  const { keys, x } = q;
  if (norms === null) {
    for (let i = 0; i < keys.length; i++) {
      const j = target.find(keys[i]!);
      if (j >= 0) target.vals[j] = target.vals[j]! + x[i]! * 1;
      else target.set(keys[i]!, 0 + x[i]! * 1);
    }
    return null;
  }
  let w = norms[0] * norms[0];
  let n = norms[1] * norms[1];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const j = target.find(k);
    const old = j >= 0 ? target.vals[j]! : 0;
    const now = old + x[i]!;
    if (j >= 0) target.vals[j] = now;
    else target.set(k, now);
    const idf = q.idf[i]!;
    const d = (now * now - old * old) * idf * idf;
    if (q.name[i] === 1) n += d;
    else w += d;
  }
  return [Math.sqrt(Math.max(0, w)), Math.sqrt(Math.max(0, n))];
}

/** `preparedSimilarity` by id; `contrib` (optional) receives per-term contributions, keyed by id. */
export function preparedSimilarity(
  q: PreparedTerms,
  b: TermVector,
  normsB: [number, number],
  nameWeight: number,
  contrib?: Map<number, number>,
): { score: number; words: number; names: number } {
  let dw = 0;
  let dn = 0;
  const { keys, w, name } = q;
  for (let i = 0; i < keys.length; i++) {
    const j = b.find(keys[i]!);
    if (j < 0) continue;
    const c = w[i]! * b.vals[j]!;
    if (name[i] === 1) dn += c;
    else dw += c;
    contrib?.set(keys[i]!, c);
  }
  return blendChannels(dw, dn, q.norms, normsB, nameWeight);
}
