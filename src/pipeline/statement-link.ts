/**
 * Picks the statement a new quote renders, among a speaker's known
 * statements. How two renderings relate (verbatim / truncated / paraphrase)
 * is decided by the statement linker in `src/statements/`.
 */
import { comparePrepared, DEFAULT_THRESHOLDS, prepare, type Prepared, type RenderingComparison } from '../statements/statement-linker.js';

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
  private readonly map = new Map<string, Prepared>();
  constructor(private readonly capacity = 20_000) {}

  get(text: string): Prepared {
    let p = this.map.get(text);
    if (p === undefined) {
      p = prepare(text);
      if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as string);
      this.map.set(text, p);
    }
    return p;
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
