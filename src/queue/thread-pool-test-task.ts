/** Tasks used by the thread-pool tests (a real module loaded by real threads). */
import { threadId } from 'node:worker_threads';

export function square(n: number): { n: number; sq: number; thread: number } {
  // burn a little CPU so that tasks overlap across threads
  let x = 0;
  for (let i = 0; i < 200_000; i++) x += i % 7;
  return { n, sq: n * n + (x < 0 ? 1 : 0), thread: threadId };
}

export async function failOnOdd(n: number): Promise<number> {
  if (n % 2 === 1) throw new Error(`odd input ${n}`);
  return n;
}

export function crash(n: number): number {
  if (n === 13) process.exit(3);
  return n;
}
