/**
 * Where the analysis CPU goes: decode + analyse N real dragnet pages on one
 * thread, stage by stage exactly as `enrich` (src/pipeline/analyze.ts) runs
 * them, and report CPU ms per article for each stage and its share of the
 * total. CPU time (`process.cpuUsage`, V8's helper threads included, so GC
 * counts) rather than wall time, because the machine is shared.
 *
 *   nice npx tsx bench/ingest/analysis-profile.ts [--pages 400] [--warmup 50] [--rounds 3] [--processes 1] [--repeat N] [--write] [--dragnet <input dir>]
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
 * `--processes N` runs the whole measurement in N fresh processes one after
 * another and reports each stage's median (on a shared machine one run's
 * stage times move by ±10%; a fresh process each time keeps caches cold).
 * `--ab <tree>` measures another checkout in the same process at the same time
 * (`<tree>`: a directory holding its src/ and models/, e.g. from `git archive`,
 * with node_modules reachable): every page goes through both, in alternating
 * order, so that the machine's load falls on both alike; the other tree's
 * figures become the "before" column (`--before-label` names it). With
 * `--processes N` each process does both.
 * `--repeat N` (near-copy mode, the ingest benchmark's case): each round's pages are analysed once as
 * themselves, not counted (they leave in the analysis whatever it remembers, as the originals do in the ingest
 * corpus), then N more times as the ingest corpus's near-copies (`vary(html, rep)` from
 * bench/ingest/ingest-corpus.ts, rep 1..N: one new sentence at the start of each paragraph), and only those are
 * counted (making a near-copy is not counted either). It measures repeated text only: a gain there says nothing
 * about new text, which the default mode measures.
 * `--write` puts the table into docs/benchmarks/analysis.md. `--summarise`
 * prints a saved V8 CPU profile by function (self time) and by module
 * (inclusive time), which is how the stages are split further.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
import { benchOptions, benchCommand } from '../bench-options.js';
import { vary } from './ingest-corpus.js';

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

/** One measurement: CPU ms per page by stage and in all, and what it covered. */
interface Measured {
  stages: Record<Stage, number>;
  total: number;
  pages: number;
  analysed: number;
  chars: number;
  modelMs: number;
  /** total CPU ms per page of each round (one process) or of each process (median of several) */
  totals: number[];
  processes: number;
  /** With `--ab`: the other tree, measured alongside. */
  other?: Measured;
}

/** The stage functions of one checkout (this one, or another with `--ab`). */
interface Tree {
  decodeBytes: typeof decodeBytes;
  extract: typeof extract;
  MIN_TEXT: number;
  referenceDay: typeof referenceDay;
  splitSentences: typeof splitSentences;
  recognizeEntities: typeof recognizeEntities;
  defaultNerModel: typeof defaultNerModel;
  resolvePlaces: typeof resolvePlaces;
  linkPlacesToEntities: typeof linkPlacesToEntities;
  extractQuotes: typeof extractQuotes;
  extractTimes: typeof extractTimes;
  contentHash: typeof contentHash;
  simhash64: typeof simhash64;
}

const THIS_TREE: Tree = {
  decodeBytes, extract, MIN_TEXT, referenceDay, splitSentences, recognizeEntities, defaultNerModel, resolvePlaces,
  linkPlacesToEntities, extractQuotes, extractTimes, contentHash, simhash64,
};

/** The same functions from another checkout's sources (same module paths). */
async function treeAt(root: string): Promise<Tree> {
  const load = async (p: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(path.resolve(root, p)).href)) as Record<string, unknown>;
  const analyze = await load('src/pipeline/analyze.ts');
  const dedup = await load('src/dedup/index.ts');
  return {
    decodeBytes: (await load('src/ingest/decode.ts'))['decodeBytes'],
    extract: analyze['extract'],
    MIN_TEXT: analyze['MIN_TEXT'],
    referenceDay: analyze['referenceDay'],
    splitSentences: (await load('src/enrich/sentences/sentence-splitter.ts'))['splitSentences'],
    recognizeEntities: (await load('src/enrich/entities/entity-recognizer.ts'))['recognizeEntities'],
    defaultNerModel: (await load('src/enrich/ner/ner-tagger.ts'))['defaultNerModel'],
    resolvePlaces: (await load('src/enrich/places/place-resolver.ts'))['resolvePlaces'],
    linkPlacesToEntities: (await load('src/enrich/places/place-linker.ts'))['linkPlacesToEntities'],
    extractQuotes: (await load('src/enrich/quotes/quote-extractor.ts'))['extractQuotes'],
    extractTimes: (await load('src/enrich/times/time-expressions.ts'))['extractTimes'],
    contentHash: dedup['contentHash'],
    simhash64: dedup['simhash64'],
  } as Tree;
}

/** One measurement per tree; with two trees every page goes through both, in alternating order. */
function measure(trees: readonly Tree[] = [THIS_TREE]): Measured[] {
  const N = Number(opt('pages', '400'));
  const WARMUP = Number(opt('warmup', '50'));
  const ROUNDS = Number(opt('rounds', '3'));
  const REPEAT = Number(opt('repeat', '0'));
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
  const modelMs = trees.map((tree) => {
    const m0 = cpuMs();
    tree.defaultNerModel();
    return cpuMs() - m0;
  });

  interface RoundResult {
    ms: Record<Stage, number>;
    all: number;
    pages: number;
    analysed: number;
    chars: number;
  }
  const rounds: RoundResult[][] = trees.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const results: RoundResult[] = trees.map(() => ({ ms: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>, all: 0, pages: 0, analysed: 0, chars: 0 }));
    const from = round === 0 ? 0 : WARMUP + round * N;
    // With --repeat: the pages themselves (rep 0, not counted), then their near-copies rep 1..N (counted).
    for (let rep = 0; rep <= REPEAT; rep++) {
      for (let i = from; i < WARMUP + (round + 1) * N; i++) {
        // Two trees: the first goes first on even pages, the second on odd ones.
        for (let k = 0; k < trees.length; k++) {
          const t = (i + rep) % 2 === 0 ? k : trees.length - 1 - k;
          onePage(trees[t]!, results[t]!, i, rep);
        }
      }
    }
    results.forEach((r, t) => rounds[t]!.push(r));
  }

  function onePage(tree: Tree, r: RoundResult, i: number, rep: number): void {
    const { ms } = r;
    const { decodeBytes, extract, MIN_TEXT, referenceDay, splitSentences, recognizeEntities, resolvePlaces, linkPlacesToEntities, extractQuotes, extractTimes, contentHash, simhash64 } = tree;
    {
      // Warm-up pages run in the first round only; in near-copy mode only the near-copies count.
      const counted = i >= WARMUP && (REPEAT === 0 || rep > 0);
      let start = cpuMs();
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
        let content = d.value.text;
        if (rep > 0) {
          // Making the near-copy is the benchmark's work, not the analysis's: its time is left out.
          content = vary(content, rep);
          const now = cpuMs();
          start += now - t;
          t = now;
        }
        const doc: RawDocument = { source: `dragnet/${raw[i]!.name}${rep > 0 ? `#${rep}` : ''}`, kind: 'html', contentType: 'text/html', content };
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
            r.analysed++;
            r.chars += text.length;
          }
        }
      }
      if (counted) {
        r.pages++;
        r.all += cpuMs() - start;
      }
    }
  }

  // All rounds together: every page once.
  return rounds.map((rs, t) => {
    const sum = (f: (r: RoundResult) => number): number => rs.reduce((n, r) => n + f(r), 0);
    const pages = Math.max(sum((r) => r.pages), 1);
    return {
      stages: Object.fromEntries(STAGES.map((st) => [st, sum((r) => r.ms[st]) / pages])) as Record<Stage, number>,
      total: sum((r) => r.all) / pages,
      pages,
      analysed: sum((r) => r.analysed),
      chars: sum((r) => r.chars),
      modelMs: modelMs[t]!,
      totals: rs.map((r) => r.all / Math.max(r.pages, 1)),
      processes: 1,
    };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** The measurement in `n` fresh processes, one after another: each stage's median, and the median total. */
function measureInProcesses(n: number): Measured {
  const keep = ['pages', 'warmup', 'rounds', 'dragnet', 'ab', 'repeat'].flatMap((k) => (argv.includes(`--${k}`) ? [`--${k}`, opt(k, '')] : []));
  const dir = mkdtempSync(path.join(tmpdir(), 'analysis-profile-'));
  const runs: Measured[] = [];
  try {
    for (let k = 0; k < n; k++) {
      const out = path.join(dir, `run${k}.json`);
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...keep, '--json', out], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (r.status !== 0) throw new Error(`measurement process ${k + 1} failed (${r.status ?? r.signal})`);
      runs.push(JSON.parse(readFileSync(out, 'utf8')) as Measured);
      console.log(`process ${k + 1}/${n}: ${runs[k]!.total.toFixed(2)} CPU ms per page`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const medians = (rs: Measured[]): Measured => ({
    ...rs[0]!,
    stages: Object.fromEntries(STAGES.map((st) => [st, median(rs.map((r) => r.stages[st]))])) as Record<Stage, number>,
    total: median(rs.map((r) => r.total)),
    modelMs: median(rs.map((r) => r.modelMs)),
    totals: rs.map((r) => r.total),
    processes: n,
  });
  const others = runs.map((r) => r.other).filter((o): o is Measured => o !== undefined);
  const out = medians(runs);
  delete out.other;
  if (others.length === runs.length) out.other = medians(others);
  return out;
}

async function main(): Promise<void> {
  const summariseFile = opt('summarise', '');
  if (summariseFile !== '') {
    summarise(summariseFile, Number(opt('top', '40')));
    return;
  }
  const load0 = loadavg().map((x) => x.toFixed(1)).join(' / ');
  const processes = Number(opt('processes', '1'));
  const abRoot = opt('ab', '');
  let m: Measured;
  if (processes > 1) m = measureInProcesses(processes);
  else if (abRoot !== '') {
    const [now, other] = measure([THIS_TREE, await treeAt(abRoot)]);
    m = { ...now!, other: other! };
  } else m = measure()[0]!;
  const jsonOut = opt('json', '');
  if (jsonOut !== '') writeFileSync(jsonOut, JSON.stringify(m));
  const beforeFile = opt('before', '');
  const before = m.other ?? (beforeFile === '' ? null : (JSON.parse(readFileSync(beforeFile, 'utf8')) as Pick<Measured, 'stages' | 'total'>));
  const beforeLabel = opt('before-label', 'before');
  const ratio = (b: number, a: number): string => (a > 0 ? `${(b / a).toFixed(2)}×` : '—');
  // With medians the stages need not add up to the total exactly; shares are of the stages' sum.
  const stageSum = STAGES.reduce((n, st) => n + m.stages[st], 0);
  const rows = STAGES.map((st) => {
    const a = m.stages[st];
    const cells = [`${st}`, a.toFixed(2), `${((100 * a) / Math.max(stageSum, 1e-9)).toFixed(1)}%`];
    if (before) cells.push((before.stages[st] ?? 0).toFixed(2), ratio(before.stages[st] ?? 0, a));
    return `| ${cells.join(' | ')} |`;
  });
  const head = before
    ? [`| stage | CPU ms per page | share | ${beforeLabel}: CPU ms per page | ${beforeLabel} ÷ now |`, '|---|---:|---:|---:|---:|']
    : ['| stage | CPU ms per page | share |', '|---|---:|---:|'];
  const totalRow = before
    ? `| **total** | **${m.total.toFixed(2)}** | 100% | **${before.total.toFixed(2)}** | **${ratio(before.total, m.total)}** |`
    : `| **total** | **${m.total.toFixed(2)}** | 100% |`;
  const table = [...head, ...rows, totalRow].join('\n');
  const N = Number(opt('pages', '400'));
  const WARMUP = Number(opt('warmup', '50'));
  const ROUNDS = Number(opt('rounds', '3'));
  const REPEAT = Number(opt('repeat', '0'));
  const totals = m.totals.map((t) => t.toFixed(2)).join(', ');
  const summary = (REPEAT > 0 ? `Near-copy mode (\`--repeat ${REPEAT}\`): each round's pages analysed first as themselves (not counted), then ${REPEAT} near-copies of each (\`vary\`, ingest-corpus.ts), counted: ` : '')
    + `${m.pages} pages in all (${m.analysed} analysed as articles, ${Math.round(m.chars / Math.max(m.analysed, 1))} characters of text each) after ${WARMUP} warm-up pages; ${ROUNDS} rounds of ${N} pages each, all counted`
    + (m.processes > 1
      ? `, in each of ${m.processes} fresh processes; every figure is the median over the processes (totals per process: ${totals} ms per page)`
      : ` (totals per round: ${totals} ms per page)`)
    + `; NER model load ${m.modelMs.toFixed(0)} CPU ms (once per thread, not counted)`
    + (m.other
      ? `; every page also went through the "${beforeLabel}" tree (\`--ab\`) in the same process${m.processes > 1 ? 'es' : ''}, the two in alternating order (its totals per ${m.processes > 1 ? 'process' : 'round'}: ${m.other.totals.map((t) => t.toFixed(2)).join(', ')} ms per page)`
      : '');
  const ceiling = `${((2 * 1000) / m.total).toFixed(0)} pages/s`;
  console.log(`${summary}\n${table}\nceiling on 2 cores from analysis alone: ${ceiling}`);
  if (argv.includes('--write')) {
    const cmd = benchCommand('bench/ingest/analysis-profile.ts', argv);
    const body = [
      '# Analysis cost per article, by stage',
      '',
      'One thread, the real HTML pages of `../shared/bench/extraction/dragnet_data` (files in numeric order; each round takes the next pages), each',
      'gunzipped, decoded and analysed by the same stage calls as `enrich` in `src/pipeline/analyze.ts`. Milliseconds are',
      'process CPU time (`process.cpuUsage`, which counts V8\'s helper threads, so garbage collection is included), divided',
      'by the number of pages (pages without an article stop after extraction). Shares are of the stages\' sum.',
      '',
      summary + '.',
      '',
      table,
      '',
      `Ceiling on 2 cores from analysis alone: ${ceiling} (ingest work not counted).`,
      '',
      ...(before ? [`The "${beforeLabel}" column: ${opt('before-note', 'the same bench saved with --json on that checkout')}.`, ''] : []),
      `- Command: \`\` ${cmd} \`\``,
      `- Machine: ${cpus().length} logical CPUs, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average at the start ${load0} (shared machine: milliseconds scale with the load, shares less so)`,
      '',
    ].join('\n');
    const file = path.join(repoRoot, 'docs/benchmarks/analysis.md');
    // Hand-written notes below the generated part are kept.
    const notesAt = existsSync(file) ? readFileSync(file, 'utf8').indexOf(NOTES_HEADING) : -1;
    writeFileSync(file, body + (notesAt >= 0 ? '\n' + readFileSync(file, 'utf8').slice(notesAt) : ''));
  }
}

const NOTES_HEADING = '## Where the milliseconds went';

await main();
