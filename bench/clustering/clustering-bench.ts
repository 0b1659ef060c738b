/**
 * Clustering benchmarks: ECB+ (full text, 86 events) and the UCI News
 * Aggregator sample (headlines, 87 Google News stories). Streams each set
 * through the EventClusterer and scores against gold with B-cubed and
 * pairwise P/R/F1. The peer in the same run is a plain single-pass TF-IDF
 * clusterer (words only: no name channel, lead-name check, years or splits).
 *
 *   nice npx tsx bench/clustering/clustering-bench.ts
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EventClusterer, type EventClustererConfig } from '../../src/cluster/event-clusterer.js';
import { scoreClustering, type ClusterScores } from '../../src/cluster/cluster-metrics.js';
import { ecbPlusAvailable, loadEcbPlus, loadUci, repoRoot, seededShuffle, uciAvailable, type GoldDoc } from './benchmark-data.js';
import { benchCommand } from '../bench-options.js';

/** The peer: the same streaming machinery reduced to plain TF-IDF cosine over words. */
export const PLAIN_TFIDF: EventClustererConfig = {
  nameWeight: 0,
  shortNameWeight: 0,
  leadNameMismatch: 1,
  splitThreshold: 0,
  memberVectors: 0,
  relinkThreshold: 0,
  shortTimeWindowDays: 3,
  shortTimeDecayDays: 7,
  weights: { properNoun: 0, entity: 0, place: 0, year: 0, headlineBigram: 0 },
};

/** Ablation: Storyline with headlines on the same day-scale time as full articles (text decides almost alone). */
export const NO_HEADLINE_TIME: EventClustererConfig = { shortTimeWindowDays: 3, shortTimeDecayDays: 7 };

export function runStream(docs: GoldDoc[], config: EventClustererConfig = {}): { scores: ClusterScores; perSec: number; pred: Map<string, string> } {
  const c = new EventClusterer(config);
  const pred = new Map<string, string>();
  const gold = new Map<string, string>();
  const t0 = performance.now();
  for (const d of docs) {
    pred.set(d.doc.id, c.assign(d.doc).eventId);
    gold.set(d.doc.id, d.gold);
  }
  c.relink();
  const ms = performance.now() - t0;
  // Final membership: merges renamed events and splits moved articles since they were assigned.
  const final = new Map<string, string>();
  for (const ev of c.listEvents()) for (const id of ev.docIds) final.set(id, ev.id);
  for (const [k, v] of pred) pred.set(k, final.get(k) ?? c.resolve(v));
  return { scores: scoreClustering(pred, gold), perSec: docs.length / (ms / 1000), pred };
}

const f = (x: number): string => x.toFixed(3);

function row(name: string, order: string, r: { scores: ClusterScores; perSec: number }, unit: string): string {
  const s = r.scores;
  return `| ${name} | ${order} | ${s.items} | ${s.goldClusters} / ${s.predictedClusters} | ${f(s.bcubedP)} | ${f(s.bcubedR)} | **${f(s.bcubedF1)}** | ${f(s.pairP)} | ${f(s.pairR)} | ${f(s.pairF1)} | ${r.perSec.toFixed(0)} ${unit}/s |`;
}

function main(): void {
  const lines: string[] = [];
  const table: string[] = [
    '| set | streaming order | items | gold / predicted clusters | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | speed |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const notes: string[] = [];
  if (ecbPlusAvailable()) {
    const docs = loadEcbPlus();
    const ours = runStream(docs);
    const peer = runStream(docs, PLAIN_TFIDF);
    table.push(row('ECB+ — Storyline', 'file order (topic, ecb then ecbplus, doc number)', ours, 'docs'));
    table.push(row('ECB+ — peer: plain TF-IDF', 'same', peer, 'docs'));
    const shuffled = [1, 2, 3].map((seed) => ({ seed, r: runStream(seededShuffle(docs, seed)) }));
    for (const { seed, r } of shuffled) table.push(row('ECB+ — Storyline', `seeded shuffle ${seed} (mulberry32)`, r, 'docs'));
    const agreement = shuffled.map(({ r }) => scoreClustering(r.pred, ours.pred).bcubedF1);
    notes.push(
      `- ECB+: B³ F1 ${f(ours.scores.bcubedF1)} vs the plain TF-IDF peer ${f(peer.scores.bcubedF1)} (ratio ${(ours.scores.bcubedF1 / peer.scores.bcubedF1).toFixed(2)}); target ≥ 0.90 — **${ours.scores.bcubedF1 >= 0.9 ? 'met' : 'not met'}**.`,
      `- Order sensitivity of pure streaming (no sort): B³ F1 between the file-order partition and each shuffled order: ${agreement.map(f).join(', ')}. (\`clusterStream\` sorts by publication date then id, which makes the partition independent of input order; ECB+ has no dates.)`,
    );
  } else notes.push('- ECB+ skipped: ../shared/bench/clustering/ecbplus is absent.');
  if (uciAvailable()) {
    const docs = loadUci();
    const ours = runStream(docs);
    const textOnly = runStream(docs, NO_HEADLINE_TIME);
    const noRelink = runStream(docs, { relinkThreshold: 0 });
    const peer = runStream(docs, PLAIN_TFIDF);
    table.push(row('UCI headlines — Storyline', 'timestamp, then ID', ours, 'headlines'));
    table.push(row('UCI headlines — Storyline, headlines on the day-scale time of full articles (ablation)', 'same', textOnly, 'headlines'));
    table.push(row('UCI headlines — Storyline without the re-link pass (ablation)', 'same', noRelink, 'headlines'));
    table.push(row('UCI headlines — peer: plain TF-IDF', 'same', peer, 'headlines'));
    notes.push(
      `- UCI: B³ F1 ${f(ours.scores.bcubedF1)} vs peer ${f(peer.scores.bcubedF1)} (ratio ${(ours.scores.bcubedF1 / peer.scores.bcubedF1).toFixed(2)}); ${ours.perSec.toFixed(0)} headlines/s (peer ${peer.perSec.toFixed(0)}); target ≥ 0.85 — **${ours.scores.bcubedF1 >= 0.85 ? 'met' : 'not met'}**.`,
      `- **Where the UCI gain comes from, honestly:** mostly from time. Headline-only articles use a 12-hour time scale (score × exp(−gap / 0.5 day), no free window) instead of the 3-day window and 7-day decay of full articles. With the day scale the same clusterer scores ${f(textOnly.scores.bcubedF1)} — text alone does not reach the target. An event is bounded in time, so publication-time proximity is a legitimate signal, but this sample exaggerates it: its timestamps are crawl times and every gold story was crawled within about a minute, while gold stories on related subjects were crawled hours apart (checked: two GM recall stories 24 hours apart, three stock-market stories 5 to 28 hours apart). Real coverage of one event spreads over hours to days, so expect less from time on real publication dates. A minute-scale decay would push the score further; it is not used because it would fit the crawl artefact, not news.`,
      `- The re-link pass (\`EventClusterer.relink()\`, run at the end of the stream; each merge recorded with its reason) moves small headline events (≤ 20 articles) into their best headline neighbour scoring ≥ 0.1: ${f(noRelink.scores.bcubedF1)} without it. Headline-only articles also get adjacent word pairs as features ("fed_taper"), which raises precision.`,
    );
  } else notes.push('- UCI skipped: ../shared/bench/clustering/uci-news-aggregator-sample.csv is absent.');

  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  const nproc = execSync('nproc').toString().trim();
  lines.push(
    '# Clustering benchmarks: events',
    '',
    'Streaming event clustering (`EventClusterer`, default options, then one `relink()` pass at the end of the stream) scored against gold events with B-cubed (per item, averaged) and pairwise precision/recall/F1. The peer in the same run is a plain single-pass TF-IDF clusterer (same machinery, words only, no splits, no re-link, no headline word pairs, day-scale time). ECB+ gold event = topic + ecb/ecbplus; in ecbplus files sentence 0 (the URL) is dropped, the next sentence is taken as the title. UCI: title only (no URL, host name or publisher used), gold = STORY, streamed by timestamp. **All parameters are in-sample**: the thresholds, name weight and split threshold, and for headlines the 12-hour time scale (picked from 1 day / 12 h / 6 h), the re-link threshold 0.1 and size 20 and the word-pair weight 1, were chosen with small grids on these same two sets; there is no held-out split. The gate tests pin fixed subsets.',
    '',
    ...table,
    '',
    ...notes,
    '',
    `Command: \`${benchCommand('bench/clustering/clustering-bench.ts')}\``,
    '',
    `Machine: ${nproc} cores shared with other engineers' jobs (speeds are indicative), ${cpu}; Node ${process.version}; ${new Date().toISOString().slice(0, 16)}Z.`,
    '',
  );
  const md = lines.join('\n');
  console.log(md);
  const out = path.join(repoRoot, 'docs/benchmarks/clustering.md');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, md);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
