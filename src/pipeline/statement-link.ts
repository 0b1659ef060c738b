/**
 * Picks the statement a new quote renders, among a speaker's known
 * statements. How two renderings relate (verbatim / truncated / paraphrase)
 * is decided by the statement linker in `src/statements/`.
 */
import { comparePrepared, DEFAULT_THRESHOLDS, prepare, type Prepared, type RenderingComparison } from '../statements/statement-linker.js';
import { boundedMemo } from '../util/bounded-memo.js';

export interface StatementCandidate {
  id: string;
  /** The statement's canonical text and every rendering seen so far. */
  texts: string[];
  /** Paraphrases are only trusted for the same speaker; exact and truncated words link across names. */
  sameSpeaker: boolean;
}

/**
 * Prepared renderings by text, so a speaker's statements are not re-tokenised
 * for every new quote (bounded: the oldest entries go first).
 */
export class PreparedCache {
  /** The prepared form of a text, remembered for the last `capacity` texts. */
  readonly get: (text: string) => Prepared;
  constructor(capacity = 20_000) {
    this.get = boundedMemo(prepare, capacity);
  }
}

export function linkStatement(text: string, candidates: StatementCandidate[], cache: PreparedCache = new PreparedCache(64)): ({ id: string } & RenderingComparison) | null {
  let best: ({ id: string } & RenderingComparison) | null = null;
  const mine = cache.get(text);
  for (const c of candidates) {
    for (const t of c.texts) {
      const m = comparePrepared(cache.get(t), mine, c.sameSpeaker, DEFAULT_THRESHOLDS);
      if (m && (!best || m.score > best.score)) best = { id: c.id, ...m };
    }
  }
  return best;
}

interface IndexedText {
  /** Position in the candidates' texts, in order (candidate by candidate, text by text). */
  order: number;
  candidate: number;
  prepared: Prepared;
  /** The last query that picked it. */
  mark: number;
}

/**
 * The candidates of one article, indexed by 3-shingle and by content word, so that a quote is compared only with
 * the texts that could match it: a verbatim or truncated rendering shares at least one shingle, and a paraphrase
 * (same speaker only) at least `paraphraseMinShared` content words — so it holds one of the quote's content words
 * other than its `paraphraseMinShared - 1` commonest among the candidates (pigeonhole). The texts left out would
 * all compare as no match, so `best` returns exactly what `linkStatement` returns over the same candidates.
 */
export class CandidateIndex {
  private readonly texts: IndexedText[] = [];
  private readonly ids: string[] = [];
  private readonly byShingle = new Map<string, IndexedText[]>();
  private readonly byWord = new Map<string, IndexedText[]>();
  private stamp = 0;

  constructor(private readonly cache: PreparedCache = new PreparedCache(64)) {}

  /** Adds a candidate (its texts in order); returns its number. */
  add(id: string, texts: readonly string[]): number {
    const candidate = this.ids.push(id) - 1;
    for (const t of texts) {
      const x: IndexedText = { order: this.texts.length, candidate, prepared: this.cache.get(t), mark: 0 };
      this.texts.push(x);
      for (const s of x.prepared.shingles) push(this.byShingle, s, x);
      for (const w of x.prepared.content) push(this.byWord, w, x);
    }
    return candidate;
  }

  /** The best match of `text` among the candidates (as `linkStatement`); `sameSpeaker(n)` for candidate number n. */
  best(text: string, sameSpeaker: (candidate: number) => boolean): ({ id: string } & RenderingComparison) | null {
    const th = DEFAULT_THRESHOLDS;
    const mine = this.cache.get(text);
    const stamp = ++this.stamp;
    const picked: IndexedText[] = [];
    const pick = (x: IndexedText): void => {
      if (x.mark === stamp) return;
      x.mark = stamp;
      picked.push(x);
    };
    const need = th.paraphraseMinShared;
    if (!(th.verbatim > 0 && th.truncated > 0 && th.truncatedFloor > 0)) {
      // A pair sharing no shingle could then match: no shortcut.
      for (const x of this.texts) pick(x);
    }
    for (const s of mine.shingles) for (const x of this.byShingle.get(s) ?? []) pick(x);
    if (need >= 1 && mine.content.size >= need) {
      // Any text sharing `need` content words shares one outside the `need - 1` words with the longest lists.
      const words = [...mine.content].map((w) => this.byWord.get(w) ?? []).sort((a, b) => a.length - b.length);
      for (const list of words.slice(0, words.length - (need - 1))) for (const x of list) if (sameSpeaker(x.candidate)) pick(x);
    } else if (need < 1) {
      for (const x of this.texts) if (sameSpeaker(x.candidate)) pick(x);
    }
    picked.sort((a, b) => a.order - b.order);
    let best: ({ id: string } & RenderingComparison) | null = null;
    for (const x of picked) {
      const m = comparePrepared(x.prepared, mine, sameSpeaker(x.candidate), th);
      if (m && (!best || m.score > best.score)) best = { id: this.ids[x.candidate]!, ...m };
    }
    return best;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}
