/**
 * Ingest throughput, end to end (analysis + dedup + entities + statements +
 * clustering + provenance + store), on the real HTML pages of dragnet_data
 * cycled to N articles.
 *
 *   nice npx tsx bench/ingest/ingest-throughput.ts [--articles 20000] [--modes seq,pool,pg1,pg2,pg4] [--pg-articles 2000]
 *     [--seq-articles N] [--profile [--profile-every 500]] [--fresh] [--render]
 *
 * Modes: `seq` one thread (the peer: what `ingest` does without the pool);
 * `pool` analysis in a worker-thread pool (one thread per core), store on the
 * main thread; `pgN` PostgreSQL with N `storyline worker` processes on one
 * pg-boss queue (needs STORYLINE_TEST_PG). Rows are kept in bench/ingest/ingest-rows.json by mode and size: a run
 * replaces its own rows and keeps the others (`--fresh` drops them), so the 20,000-article pool row and the shorter
 * seq/PostgreSQL rows can come from separate commands. Writes docs/benchmarks/ingest.md from all rows, with the
 * hand-written reading of the numbers from bench/ingest/ingest-notes.md. `--profile` prints the ingest service's
 * milliseconds per stored article by phase (main thread) every `--profile-every` inputs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { queueCounts } from '../../src/queue/job-queue.js';
import type { IngestOutcome } from '../../src/model/types.js';
import { corpus, dragnetDir, loadPages } from './ingest-corpus.js';
import { queueCorpus } from './queued-corpus.js';
import { benchOptions, benchCommand } from '../bench-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const opt = benchOptions();
const N = Number(opt('articles', '20000'));
const PG_N = Number(opt('pg-articles', '2000'));
/** The one-thread peer may run on fewer articles (it is the slow one); its rate is what is compared. */
const SEQ_N = Number(opt('seq-articles', String(N)));
const MODES = opt('modes', 'seq,pool,pg1,pg2,pg4').split(',');
/** `--profile`: print the ingest service's milliseconds per stored article, by phase, every PROFILE_EVERY inputs. */
const PROFILE = argv.includes('--profile');
const PROFILE_EVERY = Number(opt('profile-every', '500'));
/** The progress curve: the rate over each CURVE_STEP inputs. */
const CURVE_STEP = 2000;

interface CurvePoint {
  upTo: number;
  perSecond: number;
  storedSoFar: number;
}

interface Row {
  /** `seq`, `pool` or `pgN` with the article count: rows of other keys from earlier runs are kept in the table. */
  key: string;
  mode: string;
  articles: number;
  seconds: number;
  perSecond: number;
  stored: number;
  duplicate: number;
  rejected: number;
  peakRssMiB: number;
  note: string;
  /** The command that produced the row, the day, and the 1-minute load average at its start and end (the machine is shared). */
  command: string;
  date: string;
  load?: [number, number];
  /** SQLite runs: the rate over each CURVE_STEP inputs. */
  curve?: CurvePoint[];
}

const ROWS_FILE = path.join(here, 'ingest-rows.json');
const NOTES_FILE = path.join(here, 'ingest-notes.md');
const COMMAND = benchCommand('bench/ingest/ingest-throughput.ts', argv);
const load1 = (): number => Number(os.loadavg()[0]!.toFixed(1));

function vmHwmMiB(pid: number | 'self'): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function reasonNote(outcomes: IngestOutcome[]): string {
  const m = new Map<string, number>();
  for (const o of outcomes) if (o.status === 'rejected') m.set(o.reason, (m.get(o.reason) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
}

function count(outcomes: IngestOutcome[]): Pick<Row, 'stored' | 'duplicate' | 'rejected'> {
  return {
    stored: outcomes.filter((o) => o.status === 'stored').length,
    duplicate: outcomes.filter((o) => o.status === 'duplicate').length,
    rejected: outcomes.filter((o) => o.status === 'rejected').length,
  };
}

async function sqliteRun(mode: 'seq' | 'pool', pages: { name: string; html: string }[]): Promise<Row> {
  const n = mode === 'seq' ? SEQ_N : N;
  const loadStart = load1();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-ingest-bench-'));
  const store = new SqliteStore(path.join(dir, 'bench.db'));
  const outcomes: IngestOutcome[] = [];
  const t0 = performance.now();
  let last = t0;
  const phaseTimes = PROFILE ? new Map<string, number>() : undefined;
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let window = { at: t0, cpu: cpuMs(), outcomes: 0, stored: 0, phases: new Map<string, number>() };
  const curve: CurvePoint[] = [];
  let curveFrom = { at: t0, outcomes: 0 };
  const progress = (): void => {
    const now = performance.now();
    // Every CURVE_STEP inputs and the last (shorter) stretch; the settle step after the last input is not in the curve.
    if (outcomes.length % CURVE_STEP === 0 || outcomes.length === n) {
      curve.push({ upTo: outcomes.length, perSecond: (outcomes.length - curveFrom.outcomes) / ((now - curveFrom.at) / 1000), storedSoFar: count(outcomes).stored });
      curveFrom = { at: now, outcomes: outcomes.length };
    }
    if (phaseTimes !== undefined && outcomes.length % PROFILE_EVERY === 0) {
      const stored = count(outcomes).stored;
      const k = stored - window.stored;
      const parts = [...phaseTimes].map(([p, ms]) => [p, (ms - (window.phases.get(p) ?? 0)) / Math.max(1, k)] as const);
      const mainMs = parts.filter(([p]) => p !== 'wait-analysis').reduce((s, [, ms]) => s + ms, 0);
      const cpu = cpuMs();
      const mem = process.memoryUsage();
      // Process CPU counts every thread (main, analysis threads, V8 helpers): what the two cores had to give.
      console.error(
        `  ${mode} @${outcomes.length} (${stored} stored): ${((outcomes.length - window.outcomes) / ((now - window.at) / 1000)).toFixed(1)}/s; ` +
          `process CPU ${((cpu - window.cpu) / Math.max(1, outcomes.length - window.outcomes)).toFixed(1)} ms/input; ` +
          `RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, main heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB; ` +
          `ingest ${mainMs.toFixed(1)} ms/article: ${parts.map(([p, ms]) => `${p} ${ms.toFixed(1)}`).join(', ')}`,
      );
      window = { at: now, cpu, outcomes: outcomes.length, stored, phases: new Map(phaseTimes) };
    }
    if (now - last > 10_000) {
      last = now;
      console.error(`  ${mode}: ${outcomes.length}/${n} (${(outcomes.length / ((last - t0) / 1000)).toFixed(1)}/s)`);
    }
  };
  // The same path as `storyline ingest`: runIngest (analysis in a worker-thread pool when threads > 1,
  // commits in input order through the ingest service, settle at the end).
  const threads = mode === 'seq' ? 1 : os.availableParallelism();
  let settleSeconds = 0;
  let settleNote = '';
  async function* items() {
    yield* corpus(pages, n);
  }
  const tSettle = { start: 0 };
  await runIngest(store, items(), {
    threads,
    ...(phaseTimes ? { phaseTimes } : {}),
    now: () => new Date('2026-01-01T00:00:00Z'),
    onOutcome: (o) => {
      outcomes.push(o);
      progress();
      if (outcomes.length === n) tSettle.start = performance.now();
    },
    onSettle: (r) => {
      settleSeconds = (performance.now() - tSettle.start) / 1000;
      settleNote = r.replayed ? `settle replayed ${r.articles} (${settleSeconds.toFixed(1)} s)` : `settle: ${r.note ?? 'no replay'}`;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    key: `${mode}-${n}`,
    command: COMMAND,
    date: new Date().toISOString().slice(0, 10),
    load: [loadStart, load1()],
    curve,
    mode: mode === 'seq' ? 'SQLite, one thread' : `SQLite, thread pool (${threads} threads)`,
    articles: n,
    seconds,
    perSecond: n / seconds,
    ...count(outcomes),
    peakRssMiB: vmHwmMiB('self'),
    note: [reasonNote(outcomes), settleNote].filter((x) => x !== '').join('; '),
  };
}

async function pgRun(workers: number, pages: { name: string; html: string }[]): Promise<Row> {
  const url = process.env['STORYLINE_TEST_PG'] ?? '';
  if (url === '') throw new Error('pg modes need STORYLINE_TEST_PG: eval "$(scripts/ci-postgres.sh)"');
  const loadStart = load1();
  const { boss, db, schema, queueSchema, outcomes: inputs, drop } = await queueCorpus(url, `bench_ingest_${process.pid}_${workers}`, corpus(pages, PG_N));
  const children: ChildProcess[] = [];
  const t0 = performance.now();
  for (let i = 0; i < workers; i++) {
    const c = fork(path.join(here, 'pg-worker-process.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, WORKER_DB: url, WORKER_SCHEMA: schema, WORKER_QUEUE_SCHEMA: queueSchema } });
    children.push(c);
  }
  let last = 0;
  while ((last = await inputs()) < PG_N) {
    await new Promise((r) => setTimeout(r, 500));
    if (performance.now() - t0 > 3_600_000) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rss = Math.max(...children.map((c) => vmHwmMiB(c.pid ?? 0)));
  const st = await db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "${schema}".inputs GROUP BY status`);
  const by = Object.fromEntries(st.rows.map((r) => [r.status, Number(r.n)]));
  const counts = await queueCounts(boss, queueSchema);
  const rj = await db.query<{ reason: string; n: string }>(`SELECT reason, count(*) AS n FROM "${schema}".inputs WHERE status = 'rejected' GROUP BY reason ORDER BY 2 DESC`);
  const rejectNote = rj.rows.map((r) => `${r.reason} ${r.n}`).join(', ');
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await drop();
  return {
    key: `pg${workers}-${PG_N}`,
    command: COMMAND,
    date: new Date().toISOString().slice(0, 10),
    load: [loadStart, load1()],
    mode: `PostgreSQL, ${workers} worker process${workers > 1 ? 'es' : ''}`,
    articles: last,
    seconds,
    perSecond: last / seconds,
    stored: by['stored'] ?? 0,
    duplicate: by['duplicate'] ?? 0,
    rejected: by['rejected'] ?? 0,
    peakRssMiB: rss,
    note: `${rejectNote}; dead letters: ${counts['storyline-dead:created'] ?? 0}`,
  };
}

function loadRows(): Row[] {
  if (argv.includes('--fresh')) return [];
  try {
    return JSON.parse(readFileSync(ROWS_FILE, 'utf8')) as Row[];
  } catch {
    return [];
  }
}

const ORDER = ['seq', 'pool', 'pg1', 'pg2', 'pg4'];
function sortRows(rows: Row[]): Row[] {
  const rank = (r: Row) => ORDER.indexOf(r.key.split('-')[0]!);
  return rows.sort((a, b) => rank(a) - rank(b) || a.articles - b.articles);
}

function render(rows: Row[], pageCount: number): string {
  const seq = rows.find((r) => r.key.startsWith('seq-'));
  const pg1 = rows.find((r) => r.key.startsWith('pg1-'));
  const table = [
    '| mode | articles | seconds | articles/s | vs one thread | stored | duplicate | rejected | peak RSS MiB (per process) | load (1 min) start → end | notes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map((r) => {
      // A ratio only between rows of one command (one code version, one stretch of machine load).
      const peer = r.mode.startsWith('PostgreSQL') ? pg1 : seq;
      const base = peer !== undefined && peer.command === r.command ? peer : undefined;
      const ratio = base !== undefined ? `${(r.perSecond / base.perSecond).toFixed(2)}×${r.mode.startsWith('PostgreSQL') ? ' (vs 1 worker)' : ''}` : '—';
      return `| ${r.mode} | ${r.articles} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(1)} | ${ratio} | ${r.stored} | ${r.duplicate} | ${r.rejected} | ${r.peakRssMiB.toFixed(0)} | ${r.load ? `${r.load[0]} → ${r.load[1]}` : 'not recorded'} | ${r.note} |`;
    }),
  ].join('\n');
  const curves = rows
    .filter((r) => (r.curve?.length ?? 0) > 1)
    .map((r) => {
      const first = r.curve![0]!.perSecond;
      const lines = r.curve!.map((c, i) => {
        const from = i === 0 ? 0 : r.curve![i - 1]!.upTo;
        return `| ${from + 1}–${c.upTo} | ${c.storedSoFar} | ${c.perSecond.toFixed(1)} | ${(c.perSecond / first).toFixed(2)} |`;
      });
      return [`### ${r.mode}, ${r.articles} articles: rate per ${CURVE_STEP} inputs`, '', '| inputs | stored at the end of the stretch | articles/s over the stretch | vs the first stretch |', '|---|---:|---:|---:|', ...lines].join('\n');
    })
    .join('\n\n');
  const pools = rows.filter((r) => r.key.startsWith('pool-'));
  const best = pools.reduce<Row | undefined>((b, r) => (b === undefined || r.articles > b.articles ? r : b), undefined);
  const target = best === undefined ? 'not run' : best.perSecond >= 300 ? `met (${best.perSecond.toFixed(1)} articles/s on ${best.articles})` : `**not met** (${best.perSecond.toFixed(1)} articles/s on ${best.articles})`;
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  const commands = [...new Set(rows.map((r) => `\`${r.command}\` (${r.date})`))];
  const notes = existsSync(NOTES_FILE) ? `\n${readFileSync(NOTES_FILE, 'utf8').trim()}\n` : '';
  return `# Ingest throughput

End to end: HTML decoding is done up front; each input is extracted, enriched (sentences, entities, places, quotes,
times, fingerprints) and handed to the ingest service (duplicates, corpus entities, statements, event clustering,
summaries, provenance), which commits it to the store. Corpus: the ${pageCount} real HTML pages of
\`../shared/bench/extraction/dragnet_data\` cycled to the article count; every repetition gets one distinct sentence
in each of its paragraphs and its own canonical address, so repeats are new (near-copy) articles, not duplicates skipped cheaply
(pages whose article text is not in \`<p>\` elements can still repeat exactly: see the duplicate column).
PostgreSQL runs use \`storyline worker\` processes (\`runWorker\`: fetch/extract/enrich/cluster jobs on pg-boss) on
the same machine as the database, with fewer articles to keep the run short. The one-thread peer may run on fewer
articles than the pool (its rate is what the ratio compares). The SQLite runs go through \`runIngest\`, the code behind
\`storyline ingest\`: the seconds include the final settle step (the dragnet pages' dates are in no particular order,
so the whole cluster log is replayed in publication order at the end; its time is in the notes column).

${table}

Target ≥ 300 articles/s on 2 cores (SQLite, thread pool): ${target}.

${curves}

- Commands (each row keeps the command and day it came from; a run replaces only the rows of its own modes and sizes):
${commands.map((c) => `  - ${c}`).join('\n')}
- Machine: ${os.cpus().length} logical CPUs (nproc), ${cpu}; shared with other engineers' jobs during the runs (the load column is the
  1-minute load average when the row started and ended: above 2 the benchmark did not have the two cores to itself)
- Node ${process.version}
- Peak RSS: VmHWM of the benchmark process (SQLite modes, worker threads included) or the largest worker process (PostgreSQL modes).
${notes}`;
}

async function main(): Promise<void> {
  const pages = loadPages(dragnetDir(repoRoot));
  console.error(`dragnet_data: ${pages.length} pages`);
  const rows: Row[] = [];
  // `--render`: no run, the document rebuilt from the kept rows (and the notes).
  for (const m of argv.includes('--render') ? [] : MODES) {
    console.error(`mode ${m} …`);
    const row = m === 'seq' || m === 'pool' ? await sqliteRun(m, pages) : await pgRun(Number(m.replace(/^pg/, '')), pages);
    console.error(JSON.stringify(row));
    rows.push(row);
  }
  const merged = sortRows([...loadRows().filter((r) => !rows.some((x) => x.key === r.key)), ...rows]);
  writeFileSync(ROWS_FILE, JSON.stringify(merged, null, 1) + '\n');
  const md = render(merged, pages.length);
  mkdirSync(path.join(repoRoot, 'docs/benchmarks'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'docs/benchmarks/ingest.md'), md);
  console.log(md);
}

await main();
