/**
 * Train-only counts behind two rules of the reported-speech pass (issue 4):
 *  1. cue words of the lexicon by what follows them (a preposition, "that", a determiner, …): the share that head a
 *     gold cue on PolNeAR train ("asked for longer hours", "found in the spillway" vs "said that …");
 *  2. sentences that close with a content-first attribution ("…, regional water director X said.") and hold another
 *     cue word before its comma: how often the closing cue and the inner word are gold cues.
 *   npx tsx bench/quotes/cue-context-stats.ts [train]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cueEntry } from '../../src/enrich/quotes/cue-lexicon.js';
import { tokenize } from '../../src/enrich/quotes/tokens.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { loadPolnear, polnearDir, type Span } from './polnear-scoring.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docs = loadPolnear(polnearDir(repoRoot), 'train');

const PREP = new Set(['for', 'in', 'on', 'at', 'by', 'with', 'from', 'into', 'about', 'of', 'over', 'against', 'after', 'to', 'under', 'during', 'through']);
const DET = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'this', 'these', 'those', 'some', 'no', 'more', 'any']);
const SAY = /^(?:said|says|say|told|tells|added|adds|explained|noted|stated|wrote|argued|claimed)$/;

const isGoldCue = (cues: Span[], s: number, e: number): boolean => cues.some((c) => c.start < e && c.end > s);
const byNext = new Map<string, { n: number; gold: number }>();
const byLemmaPrep = new Map<string, { n: number; gold: number }>();
let closing = 0;
let closingGold = 0;
let inner = 0;
let innerGold = 0;
for (const d of docs) {
  const cues = d.attributions.flatMap((a) => a.cue);
  for (const s of splitSentences(d.text)) {
    const toks = tokenize(d.text, s.start, s.end);
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k]!;
      const e = t.word ? cueEntry(t.text) : undefined;
      if (!e) continue;
      const nx = toks[k + 1]?.lower ?? '';
      const cls = nx === 'that' ? 'that' : PREP.has(nx) ? 'preposition' : DET.has(nx) ? 'determiner' : !toks[k + 1]?.word ? 'punctuation/end' : toks[k + 1]!.cap ? 'capitalised' : 'other word';
      const g = isGoldCue(cues, t.start, t.end) ? 1 : 0;
      const row = byNext.get(cls) ?? { n: 0, gold: 0 };
      row.n++;
      row.gold += g;
      byNext.set(cls, row);
      if (cls === 'preposition' && !SAY.test(t.lower)) {
        const key = `${e.lemma} ${nx}`;
        const r = byLemmaPrep.get(key) ?? { n: 0, gold: 0 };
        r.n++;
        r.gold += g;
        byLemmaPrep.set(key, r);
      }
    }
    // "…, <up to 8 words> said (tail)." closing the sentence.
    let c = -1;
    for (let k = toks.length - 1; k >= Math.max(1, toks.length - 12); k--) {
      if (SAY.test(toks[k]!.lower) && toks.slice(Math.max(0, k - 9), k).some((x) => x.text === ',')) {
        c = k;
        break;
      }
    }
    if (c < 0) continue;
    let comma = c - 1;
    while (comma > 0 && toks[comma]!.text !== ',') comma--;
    if (comma < 3 || toks.slice(comma + 1, c).some((x) => !x.word)) continue;
    const innerIdx = toks.slice(0, comma).map((x, i) => (x.word && cueEntry(x.text) ? i : -1)).filter((i) => i >= 0);
    if (innerIdx.length === 0) continue;
    closing++;
    if (isGoldCue(cues, toks[c]!.start, toks[c]!.end)) closingGold++;
    for (const i of innerIdx) {
      inner++;
      if (isGoldCue(cues, toks[i]!.start, toks[i]!.end)) innerGold++;
    }
  }
}
const pct = (a: number, b: number): string => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(0)}%)`;
console.log(`PolNeAR train: ${docs.length} documents`);
console.log('\nLexicon cue words by the token after them: share heading a gold cue');
for (const [k, v] of [...byNext].sort((a, b) => b[1].n - a[1].n)) console.log(`  ${k.padEnd(16)} ${pct(v.gold, v.n)}`);
console.log('\nCue word + preposition (not say/tell/add/…), 10+ occurrences: share heading a gold cue');
for (const [k, v] of [...byLemmaPrep].filter((x) => x[1].n >= 10).sort((a, b) => b[1].n - a[1].n)) console.log(`  ${k.padEnd(22)} ${pct(v.gold, v.n)}`);
console.log(`\nSentences closing with ", X said/told/added…" that hold another cue word before the comma: ${closing}`);
console.log(`  closing verb is a gold cue: ${pct(closingGold, closing)}`);
console.log(`  inner cue words that are gold cues: ${pct(innerGold, inner)}`);
