/**
 * The extraction metric of shared/README.md, implemented once: `\w+` tokens
 * (Unicode), 4-token shingles, per-page TP/FP/FN over the shingle multisets,
 * precision averaged over pages with TP+FP>0, recall over pages with TP+FN>0,
 * F1 = 2PR/(P+R).
 */

const TOKEN = /[\p{L}\p{N}\p{Mn}\p{Mc}_]+/gu;
const SHINGLE = 4;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function shingles(text: string): Map<string, number> {
  const toks = tokens(text);
  const out = new Map<string, number>();
  const n = Math.min(SHINGLE, toks.length);
  if (n === 0) return out;
  for (let i = 0; i + n <= toks.length; i++) {
    const key = toks.slice(i, i + n).join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export function pageCounts(gold: string, predicted: string): PageCounts {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let predTotal = 0;
  let goldTotal = 0;
  for (const c of g.values()) goldTotal += c;
  for (const [k, c] of p) {
    predTotal += c;
    tp += Math.min(c, g.get(k) ?? 0);
  }
  const sum = tp + (predTotal - tp) + (goldTotal - tp);
  if (sum === 0) return { tp: 0, fp: 0, fn: 0 };
  // Normalised so every page weighs the same in the means.
  return { tp: tp / sum, fp: (predTotal - tp) / sum, fn: (goldTotal - tp) / sum };
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

export function aggregate(pages: readonly PageCounts[]): Score {
  let pSum = 0;
  let pN = 0;
  let rSum = 0;
  let rN = 0;
  for (const c of pages) {
    if (c.fp === 0 && c.fn === 0) {
      // A perfect page (including gold and prediction both empty) scores 1.
      pSum += 1; pN++; rSum += 1; rN++;
      continue;
    }
    if (c.tp + c.fp > 0) { pSum += c.tp / (c.tp + c.fp); pN++; }
    if (c.tp + c.fn > 0) { rSum += c.tp / (c.tp + c.fn); rN++; }
  }
  const precision = pN === 0 ? 0 : pSum / pN;
  const recall = rN === 0 ? 0 : rSum / rN;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, pages: pages.length };
}
