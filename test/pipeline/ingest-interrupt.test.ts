/**
 * Stopping an ingest run early (Ctrl-C in `storyline ingest`): no input is read after the signal, the inputs
 * already taken are stored and reported, the settle is left for later, and a second run ingests the rest, each
 * input exactly once.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../src/ingest/input-reader.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { RawDocument } from '../../src/model/types.js';
import { demoDocs, useTempDirs } from './demo-store.js';

const tempDir = useTempDirs('storyline-interrupt-');
const now = () => new Date('2026-11-24T00:00:00Z');

/** The documents as inputs; `stop` is aborted just before the input at `stopAt` is handed over. */
async function* inputs(docs: RawDocument[], stop: AbortController, stopAt: number, taken: string[]): AsyncGenerator<InputItem> {
  for (const [i, doc] of docs.entries()) {
    if (i === stopAt) stop.abort();
    taken.push(doc.source);
    yield { ok: true, doc };
  }
}

describe('an ingest run stopped by a signal', () => {
  it('stores and reports the inputs taken before it, reads no more, leaves the settle, and a re-run does the rest once', async () => {
    const docs = (await demoDocs()).slice(0, 12);
    const file = path.join(tempDir(), 's.db');
    const stop = new AbortController();
    const handed: string[] = [];
    let settled = 0;
    const store = new SqliteStore(file);
    const first = await runIngest(store, inputs(docs, stop, 5, handed), { now, threads: 2, signal: stop.signal, onSettle: () => void settled++ });
    // The sixth input was handed over after the signal and not taken; nothing after it was read.
    expect(handed).toHaveLength(6);
    expect(first.map((o) => o.source)).toEqual(docs.slice(0, 5).map((d) => d.source));
    expect(settled).toBe(0);
    const stored = first.filter((o) => o.status === 'stored').length;
    expect(stored).toBeGreaterThan(0);
    expect((await store.stats()).articles).toBe(stored);

    const again = await runIngest(store, inputs(docs, new AbortController(), -1, []), { now, threads: 2, onSettle: () => void settled++ });
    const bySource = new Map(again.map((o) => [o.source, o.status]));
    for (const o of first) expect(bySource.get(o.source)).toBe(o.status === 'stored' ? 'duplicate' : o.status);
    expect(again.filter((o) => o.status === 'stored').length + stored).toBe((await store.stats()).articles);
    expect(settled).toBe(1);
    await store.close();
  });
});
