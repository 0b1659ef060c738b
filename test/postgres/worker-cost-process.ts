/**
 * One `storyline worker` for test/postgres/worker-cost.ts (the product's worker, the bench's timings). With
 * WORKER_PROFILE=1 it prints, when stopped, its PostgreSQL backends' CPU per query shape (ms per stored article),
 * read from /proc around each query (10 ms ticks: a sample, accurate over thousands of queries).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { runEnvWorker } from '../../bench/ingest/env-worker.js';

const profile = process.env['WORKER_PROFILE'] === '1';
const byShape = new Map<string, { n: number; ms: number }>();
const cpuMs = (pid: number): number => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
};
if (profile) {
  // Every query of this process goes through pg's Client (the store's pool and pg-boss's alike), with a callback or a promise.
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; processID?: number };
  const query = proto.query;
  proto.query = function (this: { processID?: number }, ...args: unknown[]): unknown {
    const text = typeof args[0] === 'string' ? args[0] : typeof (args[0] as { text?: unknown })?.text === 'string' ? (args[0] as { text: string }).text : '?';
    const shape = text.replace(/\s+/g, ' ').replace(/"[^"]*"\./g, '').replace(/\bwcost_\w+\./g, '').trim().slice(0, 70);
    const pid = this.processID;
    if (pid === undefined) return query.apply(this, args);
    const before = cpuMs(pid);
    const done = (): void => {
      const e = byShape.get(shape) ?? { n: 0, ms: 0 };
      e.n += 1;
      e.ms += cpuMs(pid) - before;
      byShape.set(shape, e);
    };
    const lastArg = args.length - 1;
    const cb = args[lastArg];
    if (typeof cb === 'function') {
      args[lastArg] = (...r: unknown[]): unknown => (done(), (cb as (...x: unknown[]) => unknown)(...r));
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) result.then(done, () => undefined);
    return result;
  };
}

await runEnvWorker((stored) => {
  if (!profile) return;
  const rows = [...byShape.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  process.stderr.write(`worker ${process.pid}: stored ${stored}; PostgreSQL CPU by query (ms per stored article, queries)\n`);
  for (const [shape, v] of rows) process.stderr.write(`  ${(v.ms / Math.max(1, stored)).toFixed(2)}  ${v.n}  ${shape}\n`);
});
