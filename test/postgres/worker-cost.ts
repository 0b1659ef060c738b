/**
 * What a PostgreSQL worker pool costs per input, on this machine: N `storyline worker` processes (the bench's
 * corpus: dragnet pages cycled to the given count) drain one queue; CPU time of the worker processes and of the
 * PostgreSQL backends started for the run, and wall time, between the 30th and the last outcome (so worker
 * start-up and warm-up are left out; `wholeRun…` fields include them). CPU time, not wall time, is the measure on
 * a shared machine.
 *
 *   STORYLINE_TEST_PG=postgres://… nice npx tsx test/postgres/worker-cost.ts <workers> [inputs=300] [--profile] [--digest]
 *
 * Prints one JSON line. PostgreSQL CPU is read from /proc (the server must run on this machine); backends are told
 * apart by their last query (pg-boss's schema or not) for the queue/store split, which covers the whole run.
 * `--profile` makes each worker print the CPU its backends spent per query shape (ms per stored article).
 * `--digest` adds the store's decision digest (`pg-digest.ts`; comparable between code versions with one worker)
 * and how many staged pages are left over (`staged_raw`, when the table exists), and the mean JSON size of the store
 * step's jobs (`clusterJobBytes`) and of the place evidence they carry (`placesBytes`).
 * A helper script, not a test (vitest does not collect it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { queueCounts } from '../../src/queue/job-queue.js';
import { corpus, dragnetDir, loadPages } from '../../bench/ingest/ingest-corpus.js';
import { queueCorpus } from '../../bench/ingest/queued-corpus.js';
import { pgDigest } from './pg-digest.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const profile = process.argv.includes('--profile');
const withDigest = process.argv.includes('--digest');
const workers = Number(args[0] ?? '1');
const N = Number(args[1] ?? '300');
const url = process.env['STORYLINE_TEST_PG'] ?? '';
if (url === '' || !(workers >= 1) || !(N > 30)) {
  process.stderr.write('usage: STORYLINE_TEST_PG=postgres://… npx tsx test/postgres/worker-cost.ts <workers> [inputs > 30] [--profile]\n');
  process.exit(2);
}

const HZ = 100; // USER_HZ: /proc times are in 1/100 s
function procStat(pid: number): { cpuMs: number; startS: number; comm: string } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { cpuMs: (Number(f[11]) + Number(f[12])) * (1000 / HZ), startS: Number(f[19]) / HZ, comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')) };
  } catch {
    return null;
  }
}
const uptime = (): number => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
const load1 = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
/** CPU of the postgres processes started since `sinceS` (uptime seconds), optionally only those pids. */
function pgCpuMs(sinceS: number, only?: Set<number>): number {
  let ms = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || (only !== undefined && !only.has(Number(d)))) continue;
    const s = procStat(Number(d));
    if (s !== null && s.comm === 'postgres' && s.startS >= sinceS) ms += s.cpuMs;
  }
  return ms;
}

const { boss, db, schema, queueSchema, outcomes, drop } = await queueCorpus(url, `wcost_${process.pid}_${workers}`, corpus(loadPages(dragnetDir(repoRoot)), N));

const since = uptime() - 1;
const children: ChildProcess[] = [];
for (let i = 0; i < workers; i++) {
  children.push(
    fork(path.join(here, 'worker-cost-process.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, WORKER_DB: url, WORKER_SCHEMA: schema, WORKER_QUEUE_SCHEMA: queueSchema, WORKER_PROFILE: profile ? '1' : '' },
    }),
  );
}
const loadStart = load1();
const t0 = performance.now();
const snap = (n: number) => ({ t: performance.now(), n, workerMs: children.reduce((s, c) => s + (procStat(c.pid ?? 0)?.cpuMs ?? 0), 0), pgMs: pgCpuMs(since) });
let first: ReturnType<typeof snap> | null = null;
let n = 0;
while ((n = await outcomes()) < N && performance.now() - t0 < 1_800_000) {
  if (first === null && n >= 30) first = snap(n);
  await new Promise((r) => setTimeout(r, 100));
}
const last = snap(n);
const activity = (await db.query<{ pid: number; query: string }>('SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows;
const queuePids = new Set(activity.filter((r) => r.query.includes(queueSchema)).map((r) => r.pid));
const storePids = new Set(activity.filter((r) => !r.query.includes(queueSchema)).map((r) => r.pid));
const queueMs = pgCpuMs(since, queuePids);
const storeMs = pgCpuMs(since, storePids);
const loadEnd = load1();
const status = (await db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "${schema}".inputs GROUP BY status ORDER BY 1`)).rows.map((r) => `${r.status} ${r.n}`).join(', ');
const counts = await queueCounts(boss, queueSchema);
for (const c of children) c.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1500));
for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
const digest = withDigest ? await pgDigest(db, schema) : undefined;
const stagedLeft = withDigest
  ? await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".staged_raw`).then((r) => Number(r.rows[0]?.n), () => null)
  : undefined;
// The store step's jobs as queued (JSON text, mean per job), and their place evidence (absent: 0), after the measured window.
const clusterJobs = withDigest
  ? await db
      .query<{ n: string; job: string | null; places: string | null }>(
        `SELECT count(*) AS n, avg(octet_length(data::text)) AS job, avg(coalesce(octet_length((data->'places')::text), 0)) AS places FROM "${queueSchema}".job WHERE name = 'storyline-cluster'`,
      )
      .then((r) => r.rows[0], () => undefined)
  : undefined;
await drop();
const a = first ?? { t: t0, n: 0, workerMs: 0, pgMs: 0 };
const k = last.n - a.n;
const fixed = (x: number): number => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    workers,
    inputs: N,
    perSecondAll: fixed(N / ((last.t - t0) / 1000)),
    window: k,
    perSecondWindow: fixed(k / ((last.t - a.t) / 1000)),
    workerCpuMsPerInput: fixed((last.workerMs - a.workerMs) / k),
    wholeRunWorkerCpuMsPerInput: fixed(last.workerMs / N),
    postgresCpuMsPerInput: fixed((last.pgMs - a.pgMs) / k),
    wholeRunQueueBackendsMsPerInput: fixed(queueMs / N),
    wholeRunStoreBackendsMsPerInput: fixed(storeMs / N),
    load: `${loadStart}-${loadEnd}`,
    outcomes: status,
    deadLetters: counts['storyline-dead:created'] ?? 0,
    ...(digest !== undefined ? { digest, stagedLeft } : {}),
    ...(clusterJobs !== undefined ? { clusterJobs: Number(clusterJobs.n), clusterJobBytes: Math.round(Number(clusterJobs.job)), placesBytes: Math.round(Number(clusterJobs.places)) } : {}),
  }),
);
