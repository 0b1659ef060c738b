/**
 * Scale benchmark: N synthetic articles (default one million) streamed through
 * deduplication (content hash + SimHash LSH, bounded windows) and bounded
 * event clustering. Prints and writes docs/benchmarks/scale.md: throughput,
 * RSS at checkpoints, duplicate precision/recall.
 *
 *   nice npx tsx bench/scale/scale-bench.ts [--n 1000000] [--checkpoint 50000] [--distance 4] [--no-cluster]
 */
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../../src/dedup/content-hash.js';
import { simhash64Parts } from '../../src/dedup/simhash.js';
import { NearDuplicateIndex } from '../../src/dedup/near-duplicate-index.js';
import { EventClusterer, type EventClustererConfig } from '../../src/cluster/event-clusterer.js';
import { repoRoot } from '../clustering/benchmark-data.js';
import { generateArticles, loadBaseDocs, sourcesAvailable } from './synthetic-corpus.js';
import { simhashSpeed } from './simhash-speed.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

if (!sourcesAvailable()) {
  console.log('scale bench skipped: ../shared/bench/extraction/dragnet_data and ../shared/bench/clustering/ecbplus are absent');
  process.exit(0);
}

const N = Number(arg('n', '1000000'));
const CHECK = Number(arg('checkpoint', '50000'));
const DIST = Number(arg('distance', '6'));
const WINDOW = Number(arg('window', '200000'));
const CLUSTER = !process.argv.includes('--no-cluster');
/** Days the publication dates span (1M articles over 365 days is ~2,700 a day; a shorter run with --days n/2740 has the same density). */
const DAYS = Number(arg('days', '365'));
const OUT = arg('out', path.join(repoRoot, 'docs/benchmarks/scale.md'));

const speed = simhashSpeed(loadBaseDocs().map((d) => d.join(' ')).slice(0, 2000));
console.log(`simhash64: two 32-bit halves ${speed.halvesPerSec.toFixed(0)} texts/s, BigInt ${speed.bigintPerSec.toFixed(0)} texts/s (same fingerprints: ${speed.agree})`);

const exact = new Map<string, string>();
const near = new NearDuplicateIndex({ maxDistance: DIST, maxSize: WINDOW });
/** The bounded clusterer configuration (everything else default, splits included). */
const BOUNDED: EventClustererConfig = { maxActiveEvents: 5000, maxEventAgeDays: 14, maxDocIdsPerEvent: 50, centroidTerms: 200, maxVocabulary: 200_000 };
/** --config '{"memberVectors":0,...}' overrides (weights merged). */
const CONFIG_ARG = arg('config', '');
const EXTRA = (CONFIG_ARG === '' ? {} : JSON.parse(CONFIG_ARG)) as EventClustererConfig;
const clusterer = new EventClusterer({ ...BOUNDED, ...EXTRA, weights: { ...BOUNDED.weights, ...EXTRA.weights } });
/** With --expose-gc, checkpoints also measure the live heap after a full collection (what the process really keeps). */
const gc = (globalThis as { gc?: () => void }).gc;
/** Ground-truth family (root original) of recent articles, bounded like the windows. */
const family = new Map<string, string>();

let tp = 0;
let fp = 0;
let fn = 0;
let exactHits = 0;
let nearHits = 0;
let truthDups = 0;
let clustered = 0;
let peakRss = 0;
let peakLive = 0;
const rows: string[][] = [];
const t0 = performance.now();
let tPrev = t0;
let nPrev = 0;
let genMs = 0;

const it = generateArticles(N, 7, 0.15, DAYS);
for (let i = 1; i <= N; i++) {
  const g0 = performance.now();
  const a = it.next().value!;
  genMs += performance.now() - g0;
  const root = a.duplicateOf === null ? a.id : (family.get(a.duplicateOf) ?? a.duplicateOf);
  family.set(a.id, root);
  if (family.size > WINDOW) family.delete(family.keys().next().value!);
  if (a.duplicateOf !== null) truthDups++;

  const body = a.title + '\n' + a.text;
  const h = contentHash(body);
  let predicted: string | null = exact.get(h) ?? null;
  if (predicted !== null) exactHits++;
  const fpPrint = simhash64Parts(body);
  if (predicted === null) {
    const m = near.query(fpPrint)[0];
    if (m !== undefined) {
      predicted = m.id;
      nearHits++;
    }
  }
  if (predicted !== null) {
    const predictedRoot = family.get(predicted) ?? predicted;
    if (a.duplicateOf !== null && predictedRoot === root) tp++;
    else {
      fp++;
      if (a.duplicateOf !== null) fn++;
    }
  } else {
    if (a.duplicateOf !== null) fn++;
    exact.set(h, a.id);
    if (exact.size > WINDOW) exact.delete(exact.keys().next().value!);
    near.add(a.id, fpPrint);
    if (CLUSTER) {
      clusterer.assign({ id: a.id, title: a.title, text: a.text, publishedAt: a.publishedAt, entities: [], places: [], outlet: a.outlet });
      clustered++;
    }
  }

  if (i % CHECK === 0 || i === N) {
    const now = performance.now();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    gc?.();
    const live = gc === undefined ? NaN : process.memoryUsage().heapUsed / 2 ** 20;
    const rss = process.memoryUsage().rss / 2 ** 20;
    peakLive = Math.max(peakLive, Number.isNaN(live) ? 0 : live);
    peakRss = Math.max(peakRss, rss);
    const row = [
      String(i),
      ((i - nPrev) / ((now - tPrev) / 1000)).toFixed(0),
      (i / ((now - t0) / 1000)).toFixed(0),
      rss.toFixed(0),
      heap.toFixed(0),
      Number.isNaN(live) ? '–' : live.toFixed(0),
      String(near.size),
      String(clusterer.activeEventCount),
      String(clusterer.activeStorylineCount),
      String(clusterer.vocabularySize),
      (tp / Math.max(1, tp + fp)).toFixed(4),
      (tp / Math.max(1, tp + fn)).toFixed(4),
    ];
    rows.push(row);
    console.log(row.join('\t'), JSON.stringify(clusterer.stats()));
    tPrev = now;
    nPrev = i;
    writeReport(i === N);
  }
}

function writeReport(done: boolean): void {
  const total = (performance.now() - t0) / 1000;
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const nproc = execSync('nproc').toString().trim();
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const header =
    '| articles | articles/s (interval) | articles/s (cumulative) | RSS MiB | heap used MiB | live heap after GC MiB | dedup index size | active events | active story lines | IDF vocabulary | dup precision | dup recall |';
  const md = [
    '# Scale benchmark: deduplication and streaming clustering',
    '',
    `Status: ${done ? `finished (${N.toLocaleString('en')} articles)` : `**in progress / partial**: ${nPrev.toLocaleString('en')} of ${N.toLocaleString('en')} articles when this file was last written`}.`,
    '',
    `Synthetic articles are generated deterministically (seed 7) from real text read in place (dragnet gold bodies and ECB+ articles in ../shared): an original is two shuffled sentence windows of two real articles with ~15% of words replaced; 15% of articles are duplicates of a recent original (one third exact up to case/whitespace, two thirds with 1–3 words replaced and sometimes a credit line). Each article goes through contentHash, SimHash LSH (Hamming ≤ ${DIST}: ${near.bands} blocks, ${near.tables} tables keyed by ${near.keyBlocks} blocks each; window ${WINDOW.toLocaleString('en')} fingerprints) and, if not a duplicate, ${CLUSTER ? `the bounded EventClusterer (≤ 5,000 active events, 14-day window, centroids ≤ 200 terms, IDF vocabulary halved at 200,000 terms${CONFIG_ARG === '' ? '' : `; overrides ${CONFIG_ARG}`})` : 'no clustering (--no-cluster)'}. Publication dates are spread over ${DAYS} days.`,
    '',
    header,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `- Duplicates in ground truth: ${truthDups.toLocaleString('en')}; found by content hash: ${exactHits.toLocaleString('en')}, by SimHash: ${nearHits.toLocaleString('en')}; TP ${tp}, FP ${fp}, FN ${fn}.`,
    `- **Duplicate precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}.**`,
    `- Articles clustered: ${clustered.toLocaleString('en')}; active events at the end: ${clusterer.activeEventCount}; active story lines: ${clusterer.activeStorylineCount}.`,
    `- Peak RSS at checkpoints: ${peakRss.toFixed(0)} MiB${gc === undefined ? '' : `; peak live heap after GC: ${peakLive.toFixed(0)} MiB`}. Wall time ${total.toFixed(0)} s, of which generating the synthetic text ${(genMs / 1000).toFixed(0)} s; throughput ${(nPrev / total).toFixed(0)} articles/s including generation.`,
    `- SimHash implementation check (2,000 real texts): two 32-bit halves ${speed.halvesPerSec.toFixed(0)} texts/s vs BigInt ${speed.bigintPerSec.toFixed(0)} texts/s (×${(speed.halvesPerSec / speed.bigintPerSec).toFixed(1)}), identical fingerprints: ${speed.agree}.`,
    '',
    `Command: \`nice ${gc === undefined ? 'npx tsx' : 'node --expose-gc --import tsx'} bench/scale/scale-bench.ts --n ${N} --checkpoint ${CHECK} --distance ${DIST} --window ${WINDOW}${DAYS === 365 ? '' : ` --days ${DAYS}`}${CONFIG_ARG === '' ? '' : ` --config '${CONFIG_ARG}'`}${CLUSTER ? '' : ' --no-cluster'}\``,
    '',
    `Machine: ${nproc} cores (shared with other engineers' jobs, run under nice), ${cpu}; Node ${process.version}; ${new Date().toISOString().slice(0, 16)}Z.`,
    '',
  ].join('\n');
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, md);
}
