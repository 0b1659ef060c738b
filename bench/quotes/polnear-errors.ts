/**
 * Error analysis on PolNeAR (train by default): prints the gold attributions
 * the extractor misses and the predictions that match nothing, with counts by
 * gold cue word, so rules are written from train and dev stays for scoring.
 *   npx tsx bench/quotes/polnear-errors.ts [train|dev] [limit] [direct|all] [show]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { covered, loadPolnear, matchOneToOne, polnearDir, type GoldAttribution, type Prediction, type Span } from './polnear-scoring.js';
import { storylineFallback } from './quote-systems.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compartment = (process.argv[2] ?? 'train') as 'train' | 'dev';
const limit = Number(process.argv[3] ?? 200);
const mode = process.argv[4] ?? 'all';
const show = Number(process.argv[5] ?? 0);
const docs = loadPolnear(polnearDir(repoRoot), compartment, limit);


const cueCount = new Map<string, number>();
const missCount = new Map<string, number>();
const misses: string[] = [];
const fps: string[] = [];
let nGold = 0;
let nPred = 0;
let tp = 0;
const clip = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 220);
for (const d of docs) {
  let preds: Prediction[] = storylineFallback(d);
  let golds: GoldAttribution[] = d.attributions;
  if (mode === 'direct') {
    preds = preds.filter((p) => p.direct);
    golds = golds.filter((g) => g.direct);
  }
  nGold += golds.length;
  nPred += preds.length;
  const matched = matchOneToOne(preds, golds, 0.3);
  const uP = new Set(matched.map((x) => x.p));
  const uG = new Set(matched.map((x) => x.g));
  tp += matched.length;
  const txt = (sp: Span[]): string => sp.map((s) => d.text.slice(s.start, s.end)).join(' … ');
  golds.forEach((g, gi) => {
    const cue = txt(g.cue).toLowerCase().trim();
    const key = cue.split(/\s+/).slice(0, 2).join(' ');
    cueCount.set(key, (cueCount.get(key) ?? 0) + 1);
    if (uG.has(gi)) return;
    missCount.set(key, (missCount.get(key) ?? 0) + 1);
    const s0 = Math.min(g.content[0]!.start, ...(g.cue.map((c) => c.start)), ...(g.source ?? []).map((c) => c.start));
    const ctxStart = Math.max(0, s0 - 60);
    const best = preds.map((p) => covered(p.content, g.content)).reduce((a, b) => Math.max(a, b), 0);
    misses.push(`MISS ${d.id} [cue=${cue}] [src=${g.sourceText ?? '-'}] best=${best.toFixed(2)}\n   content: ${clip(txt(g.content))}\n   ctx: ${clip(d.text.slice(ctxStart, g.content.at(-1)!.end + 40))}`);
  });
  preds.forEach((p, pi) => {
    if (uP.has(pi)) return;
    const best = golds.map((g) => covered(p.content, g.content)).reduce((a, b) => Math.max(a, b), 0);
    const cue = p.cue ? d.text.slice(p.cue.start, p.cue.end) : '-';
    fps.push(`FP ${d.id} [cue=${cue}] best=${best.toFixed(2)} ${p.direct ? 'D' : ''}\n   pred: ${clip(txt(p.content))}`);
  });
}
const P = tp / nPred;
const R = tp / nGold;
console.log(`${compartment} ${docs.length} docs, mode ${mode}: gold ${nGold} pred ${nPred} tp ${tp}  P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${((2 * P * R) / (P + R)).toFixed(3)}`);
const rows = [...missCount].sort((a, b) => b[1] - a[1]).slice(0, 60);
console.log('misses by gold cue (miss/total): ' + rows.map(([k, v]) => `${k} ${v}/${cueCount.get(k)}`).join(', '));
if (show > 0) {
  const pick = (xs: string[]): string[] => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / show)) === 0).slice(0, show);
  console.log(pick(misses).join('\n'));
  console.log(pick(fps).join('\n'));
}
