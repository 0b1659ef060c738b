/**
 * Matching one quote against a speaker's known statements. The statement
 * linker of `src/statements/` decides how a rendering relates to a statement;
 * this adapter only picks the best candidate.
 */
import { tokenize } from '../dedup/index.js';

export interface StatementCandidate {
  id: string;
  /** The statement's canonical text and every rendering seen so far. */
  texts: string[];
}

export type RenderingMatch = 'verbatim' | 'truncated' | 'paraphrase';

function shingles(text: string, k = 3): Set<string> {
  const toks = tokenize(text);
  const out = new Set<string>();
  if (toks.length < k) {
    if (toks.length > 0) out.add(toks.join(' '));
    return out;
  }
  for (let i = 0; i + k <= toks.length; i++) out.add(toks.slice(i, i + k).join(' '));
  return out;
}

/** Containment of the smaller set in the larger one, and Jaccard. */
function overlap(a: Set<string>, b: Set<string>): { containment: number; jaccard: number; smaller: 'a' | 'b' } {
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) shared++;
  const union = a.size + b.size - shared;
  return { containment: small.size === 0 ? 0 : shared / small.size, jaccard: union === 0 ? 0 : shared / union, smaller: a.size <= b.size ? 'a' : 'b' };
}

export function linkStatement(text: string, candidates: StatementCandidate[]): { id: string; match: RenderingMatch; score: number } | null {
  const mine = shingles(text);
  let best: { id: string; match: RenderingMatch; score: number } | null = null;
  for (const c of candidates) {
    for (const t of c.texts) {
      const o = overlap(mine, shingles(t));
      let match: RenderingMatch | null = null;
      let score = 0;
      if (o.jaccard >= 0.9) [match, score] = ['verbatim', o.jaccard];
      else if (o.containment >= 0.8) [match, score] = ['truncated', o.containment];
      else if (o.jaccard >= 0.35 || o.containment >= 0.5) [match, score] = ['paraphrase', Math.max(o.jaccard, o.containment * 0.9)];
      if (match && (!best || score > best.score)) best = { id: c.id, match, score };
    }
  }
  return best;
}
