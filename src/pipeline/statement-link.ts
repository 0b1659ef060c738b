/**
 * Picks the statement a new quote renders, among a speaker's known
 * statements. How two renderings relate (verbatim / truncated / paraphrase)
 * is decided by the statement linker in `src/statements/`.
 */
import { compareRenderings, type RenderingComparison } from '../statements/statement-linker.js';

export interface StatementCandidate {
  id: string;
  /** The statement's canonical text and every rendering seen so far. */
  texts: string[];
  /** Paraphrases are only trusted for the same speaker; exact and truncated words link across names. */
  sameSpeaker: boolean;
}

export function linkStatement(text: string, candidates: StatementCandidate[]): ({ id: string } & RenderingComparison) | null {
  let best: ({ id: string } & RenderingComparison) | null = null;
  for (const c of candidates) {
    for (const t of c.texts) {
      const m = compareRenderings(t, text, c.sameSpeaker);
      if (m && (!best || m.score > best.score)) best = { id: c.id, ...m };
    }
  }
  return best;
}
