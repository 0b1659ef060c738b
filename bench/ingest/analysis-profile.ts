/**
 * Where the analysis CPU goes: decode + analyse N real dragnet pages on one
 * thread, stage by stage exactly as `enrich` (src/pipeline/analyze.ts) runs
 * them, and report CPU ms per article for each stage and its share of the
 * total. CPU time (`process.cpuUsage`, V8's helper threads included, so GC
 * counts) rather than wall time, because the machine is shared.
 *
 *   nice npx tsx bench/ingest/analysis-profile.ts [--pages 400] [--warmup 50] [--rounds 3] [--write] [--dragnet <input dir>]
 *       [--json out.json] [--before before.json --before-label "commit abc1234"]
 *   nice node --import tsx --cpu-prof --cpu-prof-dir=/tmp/p bench/ingest/analysis-profile.ts
 *   npx tsx bench/ingest/analysis-profile.ts --summarise /tmp/p/CPU….cpuprofile [--top 40]
 *
 * Rounds run one after another, each on the next N pages (no round reuses
 * another's pages, so caches of words and class names cannot flatter later
 * rounds); the table covers all of them, and each round's total is printed
 * too (pages differ, so rounds differ by content as well as by load). `--json` saves the
 * result; `--before` (a file saved by `--json`, e.g. from the same bench run
 * on an older checkout) adds its column and the ratio to the written table.
 * `--write` puts the table into docs/benchmarks/analysis.md. `--summarise`
 * prints a saved V8 CPU profile by function (self time) and by module
 * (inclusive time), which is how the stages are split further.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../../src/ingest/decode.js';
import { extract, MIN_TEXT, referenceDay } from '../../src/pipeline/analyze.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { defaultNerModel } from '../../src/enrich/ner/ner-tagger.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { linkPlacesToEntities } from '../../src/enrich/places/place-linker.js';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { extractTimes } from '../../src/enrich/times/time-expressions.js';
import { contentHash, simhash64 } from '../../src/dedup/index.js';
import type { RawDocument } from '../../src/model/types.js';
import { benchOptions } from '../bench-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const opt = benchOptions();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by function and inclusive time by module of a `.cpuprofile`. */
function summarise(file: string, top: number): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  p.samples.forEach((s, i) => time.set(s, (time.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const short = (u: string): string => u.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/').replace(/^node_modules\//, 'nm/');
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const t = time.get(n.id) ?? 0;
    total += t;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + t);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const m = byId.get(id)!;
      const mod = short(m.callFrame.url) || m.callFrame.functionName;
      if (seen.has(mod)) continue;
      seen.add(mod);
      incl.set(mod, (incl.get(mod) ?? 0) + t);
    }
  }
  const show = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`sampled ${(total / 1000).toFixed(0)} ms\n-- self time by function\n${show(self)}\n-- inclusive time by module\n${show(incl)}`);
}

const STAGES = ['gunzip', 'decode', 'extract', 'sentences', 'entities', 'places', 'quotes', 'times', 'hashes'] as const;
type Stage = (typeof STAGES)[number];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function main(): void {
  const summariseFile = opt('summarise', '');
  if (summariseFile !== '') {
    summarise(summariseFile, Number(opt('top', '40')));
    return;
  }
  const N = Number(opt('pages', '400'));
  const WARMUP = Number(opt('warmup', '50'));
  const ROUNDS = Number(opt('rounds', '3'));
  const dir = opt('dragnet', path.resolve(repoRoot, '../shared/bench/extraction/dragnet_data/input'));
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  } catch {
    throw new Error(`missing benchmark data: ${dir} (the shared folder is expected at ../shared from the repo root)`);
  }
  // Every round analyses pages no earlier round saw (caches of words and class names must not flatter later rounds).
  if (WARMUP + N * ROUNDS > files.length) throw new Error(`--warmup + --pages × --rounds exceeds the ${files.length} pages`);
  const raw = files.slice(0, WARMUP + N * ROUNDS).map((f) => ({ name: f, bytes: readFileSync(path.join(dir, f)) }));
  const load0 = loadavg().map((x) => x.toFixed(1)).join(' / ');
  const m0 = cpuMs();
  defaultNerModel();
  const modelMs = cpuMs() - m0;

  interface RoundResult {
    ms: Record<Stage, number>;
    all: number;
    pages: number;
    analysed: number;
    chars: number;
  }
  const rounds: RoundResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const ms: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
    let analysed = 0;
    let pages = 0;
    let chars = 0;
    let all = 0;
    const from = round === 0 ? 0 : WARMUP + round * N;
    for (let i = from; i < WARMUP + (round + 1) * N; i++) {
      // Warm-up pages run in the first round only.
      const counted = i >= WARMUP;
      const start = cpuMs();
      let t = start;
      const lap = (s: Stage): void => {
        const now = cpuMs();
        if (counted) ms[s] += now - t;
        t = now;
      };
      const bytes = gunzipSync(raw[i]!.bytes);
      lap('gunzip');
      const d = decodeBytes(bytes, { html: true });
      lap('decode');
      if (d.ok) {
        const doc: RawDocument = { source: `dragnet/${raw[i]!.name}`, kind: 'html', contentType: 'text/html', content: d.value.text };
        const x = extract(doc);
        lap('extract');
        if (x.ok && x.value.text.trim().length >= MIN_TEXT) {
          const a = x.value;
          const text = a.text;
          const sentences = splitSentences(text);
          lap('sentences');
          const exclude = a.dateline ? [{ start: a.dateline.start, end: a.dateline.end }] : [];
          const { mentions, entities } = recognizeEntities(text, sentences, { exclude });
          lap('entities');
          const { places, descriptions } = resolvePlaces(text, mentions, { dateline: a.dateline });
          linkPlacesToEntities(entities, mentions, places, descriptions);
          lap('places');
          extractQuotes(text, sentences, mentions, entities, { outlet: a.outlet, exclude, scope: 'speech' });
          lap('quotes');
          extractTimes(text, { date: referenceDay(a.publishedAt) }, sentences);
          lap('times');
          contentHash(text);
          simhash64(text);
          lap('hashes');
          if (counted) {
            analysed++;
            chars += text.length;
          }
        }
      }
      if (counted) {
        pages++;
        all += cpuMs() - start;
      }
    }
    rounds.push({ ms, all, pages, analysed, chars });
  }
  // All rounds together: every page once.
  const ms = Object.fromEntries(STAGES.map((st) => [st, rounds.reduce((n, r) => n + r.ms[st], 0)])) as Record<Stage, number>;
  const sum = (f: (r: RoundResult) => number): number => rounds.reduce((n, r) => n + f(r), 0);
  const all = sum((r) => r.all);
  const pages = sum((r) => r.pages);
  const analysed = sum((r) => r.analysed);
  const chars = sum((r) => r.chars);
  const per = (v: number): string => (v / Math.max(pages, 1)).toFixed(2);
  const result = { stages: Object.fromEntries(STAGES.map((st) => [st, ms[st] / Math.max(pages, 1)])), total: all / Math.max(pages, 1) };
  const jsonOut = opt('json', '');
  if (jsonOut !== '') writeFileSync(jsonOut, JSON.stringify(result));
  const beforeFile = opt('before', '');
  const before = beforeFile === '' ? null : (JSON.parse(readFileSync(beforeFile, 'utf8')) as typeof result);
  const beforeLabel = opt('before-label', 'before');
  const ratio = (b: number, a: number): string => (a > 0 ? `${(b / a).toFixed(2)}×` : '—');
  const rows = STAGES.map((st) => {
    const a = ms[st] / Math.max(pages, 1);
    const cells = [`${st}`, per(ms[st]), `${((100 * ms[st]) / Math.max(all, 1e-9)).toFixed(1)}%`];
    if (before) cells.push((before.stages[st] ?? 0).toFixed(2), ratio(before.stages[st] ?? 0, a));
    return `| ${cells.join(' | ')} |`;
  });
  const head = before
    ? [`| stage | CPU ms per page | share | ${beforeLabel}: CPU ms per page | ${beforeLabel} ÷ now |`, '|---|---:|---:|---:|---:|']
    : ['| stage | CPU ms per page | share |', '|---|---:|---:|'];
  const totalRow = before
    ? `| **total** | **${per(all)}** | 100% | **${before.total.toFixed(2)}** | **${ratio(before.total, result.total)}** |`
    : `| **total** | **${per(all)}** | 100% |`;
  const table = [...head, ...rows, totalRow].join('\n');
  const roundTotals = rounds.map((r) => (r.all / Math.max(r.pages, 1)).toFixed(2)).join(', ');
  const summary = `${pages} pages in all (${analysed} analysed as articles, ${Math.round(chars / Math.max(analysed, 1))} characters of text each) after ${WARMUP} warm-up pages; ${ROUNDS} rounds of ${N} pages each, all counted (totals per round: ${roundTotals} ms per page); NER model load ${modelMs.toFixed(0)} CPU ms (once per thread, not counted)`;
  console.log(`${summary}\n${table}\nceiling on 2 cores from analysis alone: ${((2 * 1000) / (all / Math.max(pages, 1))).toFixed(0)} pages/s`);
  if (argv.includes('--write')) {
    const cmd = `nice npx tsx bench/ingest/analysis-profile.ts ${argv.map((a) => (/[\s`']/.test(a) ? `"${a}"` : a)).join(' ')}`;
    const body = [
      '# Analysis cost per article, by stage',
      '',
      'One thread, the real HTML pages of `../shared/bench/extraction/dragnet_data` (files in numeric order; each round takes the next pages), each',
      'gunzipped, decoded and analysed by the same stage calls as `enrich` in `src/pipeline/analyze.ts`. Milliseconds are',
      'process CPU time (`process.cpuUsage`, which counts V8\'s helper threads, so garbage collection is included), divided',
      'by the number of pages (pages without an article stop after extraction). Shares are of the total.',
      '',
      summary + '.',
      '',
      table,
      '',
      `Ceiling on 2 cores from analysis alone: ${((2 * 1000) / (all / Math.max(pages, 1))).toFixed(0)} pages/s (ingest work not counted).`,
      '',
      ...(before ? [`The "${beforeLabel}" column: ${opt('before-note', 'the same bench saved with --json on that checkout')}.`, ''] : []),
      `- Command: \`\` ${cmd} \`\``,
      `- Machine: ${cpus().length} logical CPUs, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average at the start ${load0} (shared machine: milliseconds scale with the load, shares less so)`,
      '',
    ].join('\n');
    writeFileSync(path.join(repoRoot, 'docs/benchmarks/analysis.md'), body);
  }
}

main();
