/**
 * Memo keys cut from a large text must not keep that text alive (V8 keeps a substring as a slice of its parent).
 * Runs in a child process with --expose-gc so the heap can be measured after a full collection.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownString } from '../../src/util/bounded-memo.js';

const memoModule = path.resolve(import.meta.dirname, '../../src/util/bounded-memo.ts');

/** Heap MiB after memoising 150 keys, each a 30-character slice of its own 1 MB page that is then dropped. */
function heapAfter(kind: 'fifo' | 'lru' | 'raw-map'): number {
  const script = `
    const { boundedMemo, BoundedMemo } = await import(${JSON.stringify(memoModule)});
    const fifo = boundedMemo((k) => k.slice(2, 20), 1000);
    const lru = new BoundedMemo({ maxEntries: 1000, maxBytes: 1e9 }, () => 1);
    const raw = new Map();
    for (let i = 0; i < 150; i++) {
      const page = 'page ' + i + ' ' + 'lorem ipsum '.repeat(90000);
      const key = page.slice(3, 33);
      if (${JSON.stringify(kind)} === 'fifo') fifo(key);
      else if (${JSON.stringify(kind)} === 'lru') lru.set(key, i);
      else raw.set(key, i);
    }
    globalThis.gc(); globalThis.gc();
    process.stdout.write(String(process.memoryUsage().heapUsed / 2 ** 20));
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return Number(out);
}

describe('memo keys do not retain the text they were cut from', () => {
  it('ownString copies long strings, keeps their value, and returns short ones as they are', () => {
    const page = 'x'.repeat(1000) + 'the class name of a block' + 'y'.repeat(1000);
    const key = page.slice(1000, 1025);
    expect(ownString(key)).toBe('the class name of a block');
    expect(ownString('short')).toBe('short');
    expect(ownString('')).toBe('');
  });

  it('a plain Map does retain the pages (the effect is real), the two memos do not', () => {
    // 150 pages of ~1 MB each: ~150 MiB retained through a plain Map, a few MiB through the memos.
    expect(heapAfter('raw-map')).toBeGreaterThan(100);
    expect(heapAfter('fifo')).toBeLessThan(40);
    expect(heapAfter('lru')).toBeLessThan(40);
  }, 60_000);
});
