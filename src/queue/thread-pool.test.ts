import { afterEach, describe, expect, it } from 'vitest';
import { ThreadPool } from './thread-pool.js';

const task = new URL('./thread-pool-test-task.ts', import.meta.url);
let pool: ThreadPool<number, unknown> | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('ThreadPool', () => {
  it('runs a module function on many inputs across threads, results in input order', async () => {
    const p = new ThreadPool<number, { n: number; sq: number; thread: number }>({ module: task, exportName: 'square', size: 2 });
    pool = p as ThreadPool<number, unknown>;
    const out: { n: number; sq: number; thread: number }[] = [];
    for await (const r of p.map(Array.from({ length: 40 }, (_, i) => i))) {
      expect(r.result.ok).toBe(true);
      if (r.result.ok) out.push(r.result.value);
    }
    expect(out.map((o) => o.n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(out.every((o) => o.sq === o.n * o.n)).toBe(true);
    expect(new Set(out.map((o) => o.thread)).size).toBe(2);
  });

  it('reports a thrown error for that input only', async () => {
    const p = new ThreadPool<number, number>({ module: task, exportName: 'failOnOdd', size: 2 });
    pool = p as ThreadPool<number, unknown>;
    const results = await Promise.allSettled([0, 1, 2, 3].map((n) => p.run(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('odd input 1');
  });

  it('replaces a thread that dies and keeps serving', async () => {
    const p = new ThreadPool<number, number>({ module: task, exportName: 'crash', size: 1 });
    pool = p as ThreadPool<number, unknown>;
    await expect(p.run(13)).rejects.toThrow(/exited/);
    await expect(p.run(5)).resolves.toBe(5);
  });

  it('hands several tasks to a thread at once, results unchanged', async () => {
    const p = new ThreadPool<number, { n: number; sq: number; thread: number }>({ module: task, exportName: 'square', size: 2, perThread: 3 });
    pool = p as ThreadPool<number, unknown>;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => p.run(i)));
    expect(results.map((r) => r.sq)).toEqual(Array.from({ length: 30 }, (_, i) => i * i));
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
  });

  it('with several tasks in a dead thread, fails only the one that kills threads and runs the others again', async () => {
    const p = new ThreadPool<number, number>({ module: task, exportName: 'crash', size: 1, perThread: 4 });
    pool = p as ThreadPool<number, unknown>;
    const results = await Promise.allSettled([1, 13, 5, 7].map((n) => p.run(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([1, 5, 7]);
  });

  it('rejects an unknown export', async () => {
    const p = new ThreadPool<number, number>({ module: task, exportName: 'nope', size: 1 });
    pool = p as ThreadPool<number, unknown>;
    await expect(p.run(1)).rejects.toThrow(/no exported function nope/);
  });
});
