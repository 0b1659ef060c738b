/**
 * Where the all-attribution misses and false positives come from on PolNeAR
 * (train by default), for the benchmark's main row (NER entities, full scope):
 *   npx tsx bench/quotes/miss-sources.ts [train|dev] [limit]
 * Each unmatched gold attribution is put in one class: a kept prediction
 * covers it by less than 30% ("short"), an unfiltered rule candidate covers it
 * by 30%+ but the filters dropped it ("filtered"), a candidate touches it by
 * less than 30% ("candidate short"), a kept prediction covering it 30%+ was
 * taken by another gold ("taken"), or nothing touches it ("untouched").
 * Each unmatched prediction: covers a gold 30%+ that another prediction took
 * ("duplicate"), touches a gold by less ("boundary"), or touches none ("no gold").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractQuoteCandidates, extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { defaultRuleFilter } from '../../src/enrich/quotes/rule-filter.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { covered, loadPolnear, matchOneToOne, polnearDir, speakerCorrect, spansOverlap, type Prediction } from './polnear-scoring.js';
import { toPrediction } from './quote-systems.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compartment = (process.argv[2] ?? 'train') as 'train' | 'dev';
const limit = process.argv[3] ? Number(process.argv[3]) : undefined;
/** Print up to this many examples of one class (e.g. "other: taken"). */
const showClass = process.argv[4] ?? '';
const showMax = Number(process.argv[5] ?? 20);
let shown = 0;
const clip = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 300);
const docs = loadPolnear(polnearDir(repoRoot), compartment, limit);
const rf = defaultRuleFilter();
const open = rf ? { ...rf, threshold: -1, directThreshold: -1 } : null;

const miss = new Map<string, number>();
const fp = new Map<string, number>();
const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
let gold = 0;
let pred = 0;
let tp = 0;
const dropped = new Map<string, { n: number; content: number; cue: number; speaker: number }>();
for (const d of docs) {
  const sentences = splitSentences(d.text);
  const { mentions, entities } = recognizeEntities(d.text, sentences);
  const preds: Prediction[] = extractQuotes(d.text, sentences, mentions, entities, { outlet: null }).map(toPrediction);
  const rawCands = extractQuoteCandidates(d.text, sentences, mentions, entities, { outlet: null, ruleFilter: open });
  const raw: Prediction[] = rawCands.map((c) => toPrediction(c.quote));
  const golds = d.attributions;
  gold += golds.length;
  pred += preds.length;
  const matched = matchOneToOne(preds, golds, 0.3);
  const uP = new Set(matched.map((x) => x.p));
  const uG = new Set(matched.map((x) => x.g));
  tp += matched.length;
  golds.forEach((g, gi) => {
    if (uG.has(gi)) return;
    const best = Math.max(0, ...preds.map((p) => covered(p.content, g.content)));
    const bestRaw = Math.max(0, ...raw.map((p) => covered(p.content, g.content)));
    const kind = g.direct ? 'direct' : 'other';
    const cls = best >= 0.3 ? 'taken' : bestRaw >= 0.3 ? 'filtered' : best > 0 ? 'short' : bestRaw > 0 ? 'candidate short' : 'untouched';
    bump(miss, `${kind}: ${cls}`);
    if (`${kind}: ${cls}` === showClass && shown++ < showMax) {
      const txt = (sp: { start: number; end: number }[]): string => sp.map((x) => d.text.slice(x.start, x.end)).join(' … ');
      const near = [...preds, ...raw].filter((p) => covered(p.content, g.content) > 0).map((p) => `[${p.cue ? d.text.slice(p.cue.start, p.cue.end) : '-'}] ${clip(txt(p.content))}`);
      console.log(`${d.id} cue=[${txt(g.cue)}] src=[${g.sourceText ?? '-'}]\n  gold: ${clip(txt(g.content))}\n  ${near.slice(0, 3).join('\n  ')}`);
    }
  });
  // Dropped candidates: would they match a gold no kept prediction matches (content; and cue, speaker)?
  const keptKeys = new Set(preds.map((p) => `${p.content[0]!.start}:${p.cue?.start}`));
  rawCands.forEach((c, ci) => {
    const p = raw[ci]!;
    if (keptKeys.has(`${p.content[0]!.start}:${p.cue?.start}`)) return;
    const r = dropped.get(c.rule) ?? { n: 0, content: 0, cue: 0, speaker: 0 };
    r.n++;
    let bestG = -1;
    let bestC = 0.3;
    golds.forEach((g, gi) => {
      if (uG.has(gi)) return;
      const cov = covered(p.content, g.content);
      if (cov >= bestC) { bestC = cov; bestG = gi; }
    });
    if (bestG >= 0) {
      const g = golds[bestG]!;
      r.content++;
      if (p.cue && spansOverlap(p.cue, g.cue)) r.cue++;
      if (!g.source || speakerCorrect(p, g)) r.speaker++;
    }
    dropped.set(c.rule, r);
  });
  preds.forEach((p, pi) => {
    if (uP.has(pi)) return;
    const best = Math.max(0, ...golds.map((g) => covered(p.content, g.content)));
    const kind = p.direct ? 'direct' : 'other';
    if (best >= 0.3) bump(fp, `${kind}: duplicate`);
    else if (best > 0) bump(fp, `${kind}: boundary`);
    else bump(fp, `${kind}: no gold`);
  });
}
const P = tp / pred;
const R = tp / gold;
console.log(`${compartment} ${docs.length} docs: gold ${gold} pred ${pred} tp ${tp}  P ${P.toFixed(3)} R ${R.toFixed(3)} F1@30 ${((2 * P * R) / (P + R)).toFixed(3)}`);
console.log('misses:', [...miss].sort().map(([k, v]) => `${k} ${v}`).join(', '));
console.log('false positives:', [...fp].sort().map(([k, v]) => `${k} ${v}`).join(', '));
console.log('dropped candidates by rule: n, would match an unmatched gold (content), with the gold cue, with a right speaker');
for (const [rule, r] of [...dropped].sort((a, b) => b[1].content - a[1].content)) console.log(`  ${rule}: ${r.n} ${r.content} ${r.cue} ${r.speaker}`);
