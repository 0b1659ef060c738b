import { splitSentences } from '../enrich/sentences/sentence-splitter.js';
import { normalizeText } from '../dedup/text-normalizer.js';
import { isStopword, stem } from '../cluster/term-features.js';
import { DEFAULT_PASSAGE_OPTIONS, normWords, type Passage, type PassageOptions } from './passage-matcher.js';

/**
 * A text prepared for passage matching in a compact form: the same sentences, shingles and content words as
 * `prepareSentences`, held as typed arrays of 53-bit hashes instead of sets of strings (several times less
 * memory), so that a memo can keep thousands of articles. `matchCompact` gives the same passages as
 * `matchPassages` on the string form — same candidates, same order, same tie-breaks — as long as two different
 * words, shingles or sentences do not share a 53-bit hash (about one chance in 10^16 for two given values).
 * Sentence texts are not kept: passages are cut from the article text again (`bounds`).
 */
export interface CompactText {
  /** Start and end offset in the text of each kept sentence (two entries per sentence). */
  bounds: Uint32Array;
  /** Hash of each kept sentence's normalised text. */
  norms: Float64Array;
  /** Distinct shingles of each sentence. */
  shingleCount: Uint32Array;
  /** Every (shingle, sentence) of the text, sorted by shingle hash, then sentence. */
  shingleHash: Float64Array;
  /** Per entry of `shingleHash`: sentence × `rankBase` + the shingle's rank in the sentence (first occurrences). */
  shingleAt: Uint32Array | Float64Array;
  /** More than any sentence's shingle count. */
  rankBase: number;
  /**
   * Each sentence's distinct content words, from `contentStart[i]` to `contentStart[i + 1]`, as positions in
   * `words` (ascending, so in hash order).
   */
  content: Uint32Array;
  contentStart: Uint32Array;
  /** The text's distinct content words (sorted hashes). */
  words: Float64Array;
  /** The sentences holding each of `words` (ascending), from `wordStart[k]` to `wordStart[k + 1]`. */
  wordSentences: Uint32Array;
  wordStart: Uint32Array;
}

/** A packed passage: (source sentence × PASSAGE_BASE + copy sentence) × 2 + 1 for verbatim, then its score. */
const PASSAGE_BASE = 2 ** 26;
/** A shingle's candidate list holds at most this many source sentences (as in `matchPassages`). */
const LIST_CAP = 50;

// Two 32-bit lanes of the last string hashed by `lanes` (a pair of numbers without an allocation).
let laneA = 0;
let laneB = 0;

/** Hashes a string into `laneA` and `laneB` (two independent multiplicative lanes, each finalised). */
function lanes(s: string): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x3c6ef372 | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  laneA = fmix(a);
  b ^= b >>> 13;
  b = Math.imul(b, 0x27d4eb2f);
  laneB = b ^ (b >>> 16);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One 32-bit block mixed into a running hash (order-sensitive). */
function mixBlock(h: number, k: number, m: number): number {
  h = Math.imul(h ^ k, m);
  return (h << 15) | (h >>> 17);
}

/** 53 bits from two 32-bit lanes. */
function join53(a: number, b: number): number {
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/** A 53-bit hash of a string. */
export function hash53(s: string): number {
  lanes(s);
  return join53(laneA, laneB);
}

/** A 53-bit hash of the four words from `i` (their lanes in `a` and `b`): the hash of a 4-word shingle. */
function shingleHash(a: Int32Array, b: Int32Array, i: number): number {
  let x = 0x2545f491;
  let y = 0x6c8e9cf5;
  for (let k = i; k < i + 4; k++) {
    x = mixBlock(x, a[k]!, 0xcc9e2d51);
    y = mixBlock(y, b[k]!, 0x1b873593);
  }
  return join53(fmix(x), fmix(Math.imul(y, 0x9e3779b1)));
}

function sortedUnique(values: number[]): Float64Array {
  const a = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[n - 1]) a[n++] = a[i]!;
  return a.slice(0, n);
}

/** Prepares a text as `prepareSentences` does (same sentences kept), in the compact form. */
export function prepareCompact(text: string, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): CompactText {
  const bounds: number[] = [];
  const norms: number[] = [];
  const shingleCount: number[] = [];
  const hashes: number[] = [];
  const sentenceOf: number[] = [];
  const rankOf: number[] = [];
  /** Each kept sentence's distinct content words (sorted hashes). */
  const contentOf: Float64Array[] = [];
  const words: number[] = [];
  for (const s of splitSentences(text)) {
    const raw = text.slice(s.start, s.end);
    const norm = normalizeText(raw);
    // The normalised text's word runs are `tokenize(raw)`'s tokens (normalizeText only maps quotes, dashes and
    // spaces, none of them letters or digits, after the same NFKC and lower-casing), so the content words are
    // `contentTokens(raw)` without tokenising the sentence again.
    const w = normWords(norm);
    const sorted = sortedUnique(contentWords(w));
    if (sorted.length < options.minContentWords) continue;
    const sentence = norms.length;
    // Each word hashed once; a shingle's hash mixes its four words' (words hold no space, so the four words
    // are the shingle).
    const wa = new Int32Array(w.length);
    const wb = new Int32Array(w.length);
    for (let i = 0; i < w.length; i++) {
      lanes(w[i]!);
      wa[i] = laneA;
      wb[i] = laneB;
    }
    const seen = new Set<number>();
    for (let i = 0; i + 4 <= w.length; i++) {
      const h = shingleHash(wa, wb, i);
      if (seen.has(h)) continue;
      hashes.push(h);
      sentenceOf.push(sentence);
      rankOf.push(seen.size);
      seen.add(h);
    }
    contentOf.push(sorted);
    for (const h of sorted) words.push(h);
    bounds.push(s.start, s.end);
    norms.push(hash53(norm));
    shingleCount.push(seen.size);
  }
  // By hash; a stable sort keeps each hash's entries in sentence order (they were made in it).
  const order = stableOrder(hashes);
  const rankBase = shingleCount.reduce((m, n) => Math.max(m, n), 1) + 1;
  // Four bytes an entry when they fit (they always do for news-sized texts).
  const places = norms.length * rankBase < 2 ** 32 ? new Uint32Array(order.length) : new Float64Array(order.length);
  const shingleHashes = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const k = order[i]!;
    places[i] = sentenceOf[k]! * rankBase + rankOf[k]!;
    shingleHashes[i] = hashes[k]!;
  }
  // Content words as positions in the text's word list, and the sentences of each word.
  const all = sortedUnique(words);
  const content = new Uint32Array(words.length);
  const contentStart = new Uint32Array(contentOf.length + 1);
  const wordStart = new Uint32Array(all.length + 1);
  let at = 0;
  contentOf.forEach((list, s) => {
    for (const h of list) {
      const k = positionOf(all, h);
      content[at++] = k;
      wordStart[k + 1]!++;
    }
    contentStart[s + 1] = at;
  });
  for (let k = 0; k < all.length; k++) wordStart[k + 1]! += wordStart[k]!;
  const wordSentences = new Uint32Array(words.length);
  const fill = wordStart.slice(0, all.length);
  for (let s = 0; s < contentOf.length; s++) for (let e = contentStart[s]!; e < contentStart[s + 1]!; e++) wordSentences[fill[content[e]!]!++] = s;
  return {
    bounds: Uint32Array.from(bounds),
    norms: Float64Array.from(norms),
    shingleCount: Uint32Array.from(shingleCount),
    shingleHash: shingleHashes,
    shingleAt: places,
    rankBase,
    content,
    contentStart,
    words: all,
    wordSentences,
    wordStart,
  };
}

/** `contentTokens` of a sentence from its word tokens (as `tokenize` gives them), hashed. */
function contentWords(tokens: readonly string[]): number[] {
  const out: number[] = [];
  for (const t of tokens) {
    if (t.length < 2 || isStopword(t)) continue;
    out.push(hash53(stem(t)));
  }
  return out;
}

/**
 * The positions of `hashes` (integers below 2^53) in ascending order of their values, equal values in position
 * order: a stable sort, as a least-significant-digit radix sort over five 11-bit digits (stable by construction).
 */
export function stableOrder(hashes: readonly number[]): Uint32Array {
  const n = hashes.length;
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    lo[i] = h % 0x100000000;
    hi[i] = Math.floor(h / 0x100000000);
  }
  const counts = new Uint32Array(2049);
  const digit = (pass: number, i: number): number =>
    pass === 0 ? lo[i]! & 0x7ff : pass === 1 ? (lo[i]! >>> 11) & 0x7ff : pass === 2 ? lo[i]! >>> 22 : pass === 3 ? hi[i]! & 0x7ff : hi[i]! >>> 11;
  for (let pass = 0; pass < 5; pass++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(pass, i) + 1]!++;
    for (let d = 0; d < 2048; d++) counts[d + 1]! += counts[d]!;
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      next[counts[digit(pass, k)]!++] = k;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** The position of `x` in the sorted array `a` (which holds it). */
function positionOf(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function sentenceCount(t: CompactText): number {
  return t.norms.length;
}

/** Distinct values shared by two sorted arrays, counted up to `enough`. */
export function sharedSorted(a: Float64Array, b: Float64Array, enough = Infinity, aFrom = 0, aTo = a.length, bFrom = 0, bTo = b.length): number {
  let n = 0;
  let i = aFrom;
  let j = bFrom;
  while (i < aTo && j < bTo) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      if (++n >= enough) return n;
      i++;
      j++;
    }
  }
  return n;
}

/**
 * Per compact text, made once and kept while the text is: its distinct normalised sentences (sorted hashes) with
 * the last sentence of each (what `matchPassages` meets as the exact match: a map filled in sentence order keeps
 * the last), and each sentence's first sentence of the same normalised text.
 */
interface NormIndex {
  sorted: Float64Array;
  last: Int32Array;
  first: Int32Array;
}

const normIndexes = new WeakMap<CompactText, NormIndex>();

function normIndexOf(t: CompactText): NormIndex {
  let x = normIndexes.get(t);
  if (x === undefined) {
    const n = t.norms.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => t.norms[a]! - t.norms[b]! || a - b);
    const sorted: number[] = [];
    const last: number[] = [];
    const first = new Int32Array(n);
    for (let k = 0; k < n; ) {
      const h = t.norms[order[k]!]!;
      let end = k;
      while (end < n && t.norms[order[end]!] === h) first[order[end++]!] = order[k]!;
      sorted.push(h);
      last.push(order[end - 1]!);
      k = end;
    }
    x = { sorted: Float64Array.from(sorted), last: Int32Array.from(last), first };
    normIndexes.set(t, x);
  }
  return x;
}

/** The last sentence of the text whose normalised text has hash `h`, or -1. */
function sentenceWithNorm(x: NormIndex, h: number): number {
  let lo = 0;
  let hi = x.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x.sorted[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < x.sorted.length && x.sorted[lo] === h ? x.last[lo]! : -1;
}

/** Approximate bytes of what matching keeps per compact text besides its arrays (norm and sentence indexes). */
export function compactIndexBytes(t: CompactText): number {
  return 16 * t.norms.length + 4 * t.shingleHash.length + 4 * (t.norms.length + 1);
}

/**
 * The passages of `matchPassages`, packed (two numbers each, see PASSAGE_BASE), in copy-sentence order. With
 * `verbatimOnly`, only its verbatim passages: the same ones, since a copy sentence's verbatim match never depends on
 * the paraphrase search, which is then skipped; `completeCompact` adds the paraphrases later without matching the
 * shingles again.
 *
 * Copy sentences with the same normalised text have the same shingles (with the same ranks) and the same content
 * words, so they meet the same candidates with the same counts and get the same match: each such group is matched
 * once, through its first sentence.
 */
export function matchCompact(source: CompactText, copy: CompactText, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS, verbatimOnly = false): Float64Array {
  const verbatim = matchVerbatim(source, copy, options);
  return verbatimOnly ? verbatim : completeCompact(source, copy, verbatim, options);
}

// Scratch space of `matchVerbatim` (grown as needed; one call at a time).
let runStart = new Int32Array(1024);
let runEnd = new Int32Array(1024);
let sharedOf = new Int32Array(64);
let rankOf = new Float64Array(64);
let touchedS = new Uint32Array(64);
// Per copy sentence (matchVerbatim, then completeCompact: never both at once).
let exactOf = new Int32Array(64);
let matchOfS = new Int32Array(64);
let matchOfScore = new Float64Array(64);

/** The per-copy-sentence scratch arrays, long enough for `n` sentences. */
function sentenceScratch(n: number): void {
  if (exactOf.length >= n) return;
  exactOf = new Int32Array(n * 2);
  matchOfS = new Int32Array(n * 2);
  matchOfScore = new Float64Array(n * 2);
}

/** The verbatim passages of `matchCompact` (exact sentences, then the best shingle containment). */
function matchVerbatim(source: CompactText, copy: CompactText, options: PassageOptions): Float64Array {
  const [prevSource, prevCopy] = [lastSource, lastCopy];
  lastSource = source;
  lastCopy = copy;
  const nS = source.norms.length;
  const nC = copy.norms.length;
  // Same normalised sentence: the last such source sentence (as a map filled in source order keeps).
  const sourceNorms = normIndexOf(source);
  const firstSame = normIndexOf(copy).first;
  // -1: matched by its shingles; -2: takes the match of its group's first sentence; else the exact match.
  sentenceScratch(nC);
  const exact = exactOf;
  let needed = 0;
  for (let c = 0; c < nC; c++) {
    const f = firstSame[c]!;
    exact[c] = f !== c ? (exact[f] === -1 ? -2 : exact[f]!) : sentenceWithNorm(sourceNorms, copy.norms[c]!);
    if (exact[c] === -1) needed += copy.shingleCount[c]!;
  }
  // Where each shingle entry of a copy sentence to match meets its run of equal hashes among the source's entries
  // (the source sentences carrying that shingle, in sentence order): by one merge of the two sorted lists, or, when
  // few entries are needed (a near-copy), by a binary search each. The same runs either way.
  const A = copy.shingleHash;
  const B = source.shingleHash;
  if (runStart.length < A.length) {
    runStart = new Int32Array(A.length * 2);
    runEnd = new Int32Array(A.length * 2);
  }
  const entries = sentenceEntriesOf(copy);
  if (needed > 0) {
    // A text met in the previous call too (the new article of a pool, paired with each of the others) gets a hash
    // table of its shingles' runs, so that its next pairs probe it instead of merging the two lists.
    const sourceTable = hotTable(source, prevSource, prevCopy);
    const copyTable = sourceTable === null ? hotTable(copy, prevSource, prevCopy) : null;
    if (sourceTable !== null || needed * (Math.log2(B.length + 1) + 2) < A.length + B.length) {
      if (sourceTable !== null) verbatimPaths.sourceTable++;
      else verbatimPaths.searched++;
      // Only the entries of the sentences to match: a probe or a binary search each.
      for (let c = 0; c < nC; c++) {
        if (exact[c] !== -1) continue;
        for (let e = entries.start[c]!; e < entries.start[c + 1]!; e++) {
          const p = entries.order[e]!;
          const x = A[p]!;
          if (sourceTable !== null) {
            const k = probe(sourceTable, x);
            runStart[p] = k < 0 ? -1 : sourceTable.start[k]!;
            runEnd[p] = k < 0 ? -1 : sourceTable.end[k]!;
            continue;
          }
          let lo = 0;
          let hi = B.length;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (B[mid]! < x) lo = mid + 1;
            else hi = mid;
          }
          let end = lo;
          while (end < B.length && B[end] === x) end++;
          runStart[p] = lo;
          runEnd[p] = end;
        }
      }
    } else if (copyTable !== null) {
      // Each run of the source's list looked up among the copy's.
      verbatimPaths.copyTable++;
      runStart.fill(-1, 0, A.length);
      runEnd.fill(-1, 0, A.length);
      for (let j = 0; j < B.length; ) {
        const y = B[j]!;
        let jEnd = j + 1;
        while (jEnd < B.length && B[jEnd] === y) jEnd++;
        const k = probe(copyTable, y);
        if (k >= 0) {
          for (let i = copyTable.start[k]!; i < copyTable.end[k]!; i++) {
            runStart[i] = j;
            runEnd[i] = jEnd;
          }
        }
        j = jEnd;
      }
    } else {
      verbatimPaths.merged++;
      runStart.fill(-1, 0, A.length);
      runEnd.fill(-1, 0, A.length);
      let i = 0;
      let j = 0;
      while (i < A.length && j < B.length) {
        const x = A[i]!;
        const y = B[j]!;
        if (x < y) {
          i++;
          continue;
        }
        if (x > y) {
          j++;
          continue;
        }
        let jEnd = j;
        while (jEnd < B.length && B[jEnd] === x) jEnd++;
        for (; i < A.length && A[i] === x; i++) {
          runStart[i] = j;
          runEnd[i] = jEnd;
        }
        j = jEnd;
      }
    }
  }
  if (sharedOf.length < nS) {
    sharedOf = new Int32Array(nS * 2);
    rankOf = new Float64Array(nS * 2);
    touchedS = new Uint32Array(nS * 2);
  }

  const out: number[] = [];
  // Each group's first sentence's verbatim match (-1: none) and score, for the others of its group.
  const matchS = matchOfS.fill(-1, 0, nC);
  const matchScore = matchOfScore;
  for (let c = 0; c < nC; c++) {
    if (exact[c]! >= 0) {
      out.push(packPassage(exact[c]!, c, true), 1);
      continue;
    }
    if (exact[c] === -2) {
      const f = firstSame[c]!;
      if (matchS[f]! >= 0) out.push(packPassage(matchS[f]!, c, true), matchScore[f]!);
      continue;
    }
    // The shingles this copy sentence shares with each source sentence, and when the source sentence became its
    // candidate: the first of its shingles (in sentence order) whose list of the first LIST_CAP source sentences
    // carrying it holds that source sentence — a set filled in that order iterates candidates so.
    let nTouched = 0;
    for (let e = entries.start[c]!; e < entries.start[c + 1]!; e++) {
      const p = entries.order[e]!;
      const j = runStart[p]!;
      if (j < 0) continue;
      const jEnd = runEnd[p]!;
      const rank = copy.shingleAt[p]! - c * copy.rankBase;
      for (let q = j; q < jEnd; q++) {
        const s = Math.floor(source.shingleAt[q]! / source.rankBase);
        if (sharedOf[s]!++ === 0) {
          touchedS[nTouched++] = s;
          rankOf[s] = Infinity;
        }
        if (q - j < LIST_CAP && rank < rankOf[s]!) rankOf[s] = rank;
      }
    }
    // Best verbatim candidate: highest score; on a tie, the one a set would have met first.
    let best = -1;
    let bestScore = -1;
    let bestRank = Infinity;
    for (let t = 0; t < nTouched; t++) {
      const s = touchedS[t]!;
      const n = sharedOf[s]!;
      sharedOf[s] = 0;
      const rank = rankOf[s]!;
      if (rank === Infinity) continue;
      const score = Math.max(n / copy.shingleCount[c]!, n / source.shingleCount[s]!);
      if (best === -1 || score > bestScore || (score === bestScore && (rank < bestRank || (rank === bestRank && s < best)))) {
        best = s;
        bestScore = score;
        bestRank = rank;
      }
    }
    if (best !== -1 && bestScore >= options.verbatimContainment) {
      out.push(packPassage(best, c, true), bestScore);
      matchS[c] = best;
      matchScore[c] = bestScore;
    }
  }
  return Float64Array.from(out);
}

/** A text's distinct shingle hashes in an open-addressing table, each with its run of entries in `shingleHash`. */
interface ShingleTable {
  mask: number;
  /** The hash in each slot, or -1 for an empty slot (hashes are not negative). */
  keys: Float64Array;
  start: Int32Array;
  end: Int32Array;
}

/** The slot of `x` in the table, or -1. The low 32 bits of a 53-bit hash (ToInt32) are as spread as the rest. */
function probe(t: ShingleTable, x: number): number {
  for (let k = (x | 0) & t.mask; ; k = (k + 1) & t.mask) {
    const key = t.keys[k]!;
    if (key === x) return k;
    if (key === -1) return -1;
  }
}

/** `t`'s table, in the arrays of `reuse` (a table no longer kept) when they are long enough. */
function shingleTable(t: CompactText, reuse: ShingleTable | undefined): ShingleTable {
  const h = t.shingleHash;
  let size = 16;
  while (size < h.length * 2) size *= 2;
  const table: ShingleTable =
    reuse !== undefined && reuse.keys.length >= size
      ? { mask: size - 1, keys: reuse.keys.fill(-1, 0, size), start: reuse.start, end: reuse.end }
      : { mask: size - 1, keys: new Float64Array(size).fill(-1), start: new Int32Array(size), end: new Int32Array(size) };
  for (let i = 0; i < h.length; ) {
    const x = h[i]!;
    let end = i + 1;
    while (end < h.length && h[end] === x) end++;
    let k = (x | 0) & table.mask;
    while (table.keys[k] !== -1) k = (k + 1) & table.mask;
    table.keys[k] = x;
    table.start[k] = i;
    table.end[k] = end;
    i = end;
  }
  return table;
}

/** The tables of the texts met in more than one call lately (a few: the pairs of one new article come together). */
const tables = new Map<CompactText, ShingleTable>();
const TABLES = 4;
/** How `matchVerbatim` found the shared shingles, counted per call (for tests and profiles). */
export const verbatimPaths = { merged: 0, searched: 0, sourceTable: 0, copyTable: 0 };

/** The two texts of the previous call of `matchVerbatim`. */
let lastSource: CompactText | null = null;
let lastCopy: CompactText | null = null;

/**
 * `t`'s table if it has one, or one made now when `t` was in the previous call as well (`prevSource`, `prevCopy`:
 * then it is likely to be in the next ones); null otherwise.
 */
function hotTable(t: CompactText, prevSource: CompactText | null, prevCopy: CompactText | null): ShingleTable | null {
  let table = tables.get(t);
  if (table !== undefined) {
    tables.delete(t);
    tables.set(t, table);
  } else if (prevSource === t || prevCopy === t) {
    let reuse: ShingleTable | undefined;
    if (tables.size >= TABLES) {
      const [oldest, kept] = tables.entries().next().value!;
      tables.delete(oldest);
      reuse = kept;
    }
    table = shingleTable(t, reuse);
    tables.set(t, table);
  }
  return table ?? null;
}

/** A compact text's shingle entries (positions in `shingleHash`) grouped by sentence. */
interface SentenceEntries {
  order: Uint32Array;
  /** Sentence c's entries are `order[start[c]]` to `order[start[c + 1] - 1]`. */
  start: Uint32Array;
}

const sentenceEntries = new WeakMap<CompactText, SentenceEntries>();

function sentenceEntriesOf(t: CompactText): SentenceEntries {
  let x = sentenceEntries.get(t);
  if (x === undefined) {
    const n = t.norms.length;
    const start = new Uint32Array(n + 1);
    for (let c = 0; c < n; c++) start[c + 1] = start[c]! + t.shingleCount[c]!;
    const fill = start.slice(0, n);
    const order = new Uint32Array(t.shingleAt.length);
    for (let p = 0; p < t.shingleAt.length; p++) order[fill[Math.floor(t.shingleAt[p]! / t.rankBase)]!++] = p;
    x = { order, start };
    sentenceEntries.set(t, x);
  }
  return x;
}

/**
 * `matchCompact`'s passages from its verbatim ones (`verbatim`, as `matchCompact(…, true)` gives them): the copy
 * sentences without a verbatim match get their best paraphrase, if any.
 */
export function completeCompact(source: CompactText, copy: CompactText, verbatim: Float64Array, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Float64Array {
  const nS = source.norms.length;
  const nC = copy.norms.length;
  const firstSame = normIndexOf(copy).first;
  const out: number[] = [];
  // Each group's first sentence's paraphrase (-1: none) and score, for the others of its group.
  sentenceScratch(nC);
  const matchS = matchOfS.fill(-1, 0, nC);
  const matchScore = matchOfScore;
  // Paraphrase search: every source sentence (thresholds at 0 or below, where a score of 0 can make a passage),
  // or only those sharing a word with the copy sentence (the copy's words mapped to the source's, made once).
  const scanAll = !(options.paraphraseJaccard > 0 && options.paraphraseShared > 0);
  let toSource: Int32Array | null = null;
  let counts: Int32Array | null = null;
  if (!scanAll && touchedS.length < nS) {
    sharedOf = new Int32Array(nS * 2);
    rankOf = new Float64Array(nS * 2);
    touchedS = new Uint32Array(nS * 2);
  }
  const touched = touchedS;
  let v = 0;
  for (let c = 0; c < nC; c++) {
    if (v < verbatim.length && passageCopy(verbatim[v]!) === c) {
      out.push(verbatim[v]!, verbatim[v + 1]!);
      v += 2;
      continue;
    }
    const f = firstSame[c]!;
    if (f !== c) {
      if (matchS[f]! >= 0) out.push(packPassage(matchS[f]!, c, false), matchScore[f]!);
      continue;
    }
    // Best paraphrase: highest content-word Jaccard, the first source sentence on a tie. Only source sentences
    // sharing a word can score above 0, and a best score of 0 makes no passage (with thresholds above 0), so
    // those are met through the source's sentences per word instead of scanning every source sentence.
    const cFrom = copy.contentStart[c]!;
    const cTo = copy.contentStart[c + 1]!;
    let bestP = -1;
    let bestJ = 0;
    let bestShared = 0;
    if (scanAll) {
      for (let s = 0; s < nS; s++) {
        const n = sharedSortedIndex(copy, source, cFrom, cTo, s);
        const union = cTo - cFrom + (source.contentStart[s + 1]! - source.contentStart[s]!) - n;
        const jaccard = union === 0 ? 0 : n / union;
        if (bestP === -1 || jaccard > bestJ) {
          bestP = s;
          bestJ = jaccard;
          bestShared = n;
        }
      }
    } else {
      if (toSource === null) toSource = wordMap(copy.words, source.words);
      // All 0 between uses (each count is reset when read).
      if (counts === null) counts = sharedOf;
      let nTouched = 0;
      for (let e = cFrom; e < cTo; e++) {
        const k = toSource[copy.content[e]!]!;
        if (k < 0) continue;
        for (let p = source.wordStart[k]!; p < source.wordStart[k + 1]!; p++) {
          const s = source.wordSentences[p]!;
          if (counts[s]!++ === 0) touched[nTouched++] = s;
        }
      }
      for (let t = 0; t < nTouched; t++) {
        const s = touched[t]!;
        const n = counts[s]!;
        counts[s] = 0;
        const union = cTo - cFrom + (source.contentStart[s + 1]! - source.contentStart[s]!) - n;
        const jaccard = n / union;
        if (bestP === -1 || jaccard > bestJ || (jaccard === bestJ && s < bestP)) {
          bestP = s;
          bestJ = jaccard;
          bestShared = n;
        }
      }
    }
    if (bestP !== -1 && bestJ >= options.paraphraseJaccard && bestShared >= options.paraphraseShared) {
      out.push(packPassage(bestP, c, false), bestJ);
      matchS[c] = bestP;
      matchScore[c] = bestJ;
    }
  }
  return Float64Array.from(out);
}

/** Content words of copy sentence c (from..to in `copy.content`) shared with source sentence s. */
function sharedSortedIndex(copy: CompactText, source: CompactText, from: number, to: number, s: number): number {
  let n = 0;
  let i = from;
  let j = source.contentStart[s]!;
  const jTo = source.contentStart[s + 1]!;
  while (i < to && j < jTo) {
    const x = copy.words[copy.content[i]!]!;
    const y = source.words[source.content[j]!]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** For each word of `from` (sorted hashes), its position in `to` (sorted hashes), or -1. */
function wordMap(from: Float64Array, to: Float64Array): Int32Array {
  const out = new Int32Array(from.length).fill(-1);
  let j = 0;
  for (let i = 0; i < from.length && j < to.length; i++) {
    const x = from[i]!;
    while (j < to.length && to[j]! < x) j++;
    if (j < to.length && to[j] === x) out[i] = j;
  }
  return out;
}

function packPassage(source: number, copy: number, verbatim: boolean): number {
  return (source * PASSAGE_BASE + copy) * 2 + (verbatim ? 1 : 0);
}

/** The copy sentence of a packed passage's first number. */
function passageCopy(code: number): number {
  return Math.floor(code / 2) % PASSAGE_BASE;
}

/** The source sentence of a packed passage's first number. */
function passageSource(code: number): number {
  return Math.floor(Math.floor(code / 2) / PASSAGE_BASE);
}

/** Verbatim passages in a packed list. */
export function verbatimCount(packed: Float64Array): number {
  let n = 0;
  for (let k = 0; k < packed.length; k += 2) if (packed[k]! % 2 === 1) n++;
  return n;
}

/**
 * Words (`wordCount`) of the verbatim passages' sentences in a packed list, summed on each side, from each text's
 * words per kept sentence (`sentenceWords`).
 */
export function verbatimWords(packed: Float64Array, sourceWords: Uint32Array, copyWords: Uint32Array): { source: number; copy: number } {
  let source = 0;
  let copy = 0;
  for (let k = 0; k < packed.length; k += 2) {
    const code = packed[k]!;
    if (code % 2 !== 1) continue;
    source += sourceWords[passageSource(code)]!;
    copy += copyWords[passageCopy(code)]!;
  }
  return { source, copy };
}

/** The verbatim passages of a packed list (as `matchCompact(…, true)` gives them from the same texts). */
export function verbatimPart(packed: Float64Array): Float64Array {
  const out: number[] = [];
  for (let k = 0; k < packed.length; k += 2) if (packed[k]! % 2 === 1) out.push(packed[k]!, packed[k + 1]!);
  return Float64Array.from(out);
}

/** Packed passages as `Passage` objects, their sentences cut from the two texts. */
export function unpackPassages(packed: Float64Array, sourceText: string, source: CompactText, copyText: string, copy: CompactText): Passage[] {
  const out: Passage[] = [];
  for (let k = 0; k < packed.length; k += 2) {
    const code = packed[k]!;
    const pair = Math.floor(code / 2);
    const s = Math.floor(pair / PASSAGE_BASE);
    const c = pair - s * PASSAGE_BASE;
    out.push({
      kind: code % 2 === 1 ? 'verbatim' : 'paraphrase',
      sourceText: sourceText.slice(source.bounds[2 * s]!, source.bounds[2 * s + 1]!),
      copyText: copyText.slice(copy.bounds[2 * c]!, copy.bounds[2 * c + 1]!),
      score: packed[k + 1]!,
    });
  }
  return out;
}

/** Approximate bytes held by a compact text (its arrays' buffers). */
export function compactBytes(t: CompactText): number {
  return (
    t.bounds.byteLength +
    t.norms.byteLength +
    t.shingleCount.byteLength +
    t.shingleHash.byteLength +
    t.shingleAt.byteLength +
    t.content.byteLength +
    t.contentStart.byteLength +
    t.words.byteLength +
    t.wordSentences.byteLength +
    t.wordStart.byteLength
  );
}
