/**
 * Group commit in an ingest run (runIngest on SQLite): several inputs per transaction, each reported only once
 * its group is committed, groups held for a bounded time, and the same store as one transaction per input.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../src/ingest/input-reader.js';
import type { IngestOutcome, RawDocument } from '../../src/model/types.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { digest } from '../../bench/ingest/store-digest.js';
import { demoDocs, useTempDirs } from './demo-store.js';

const now = () => new Date('2026-11-24T00:00:00Z');
const tempDir = useTempDirs('storyline-group-run-');

async function* itemsOf(docs: readonly RawDocument[]): AsyncGenerator<InputItem> {
  yield { ok: false, source: 'bad.bin', reason: 'binary-content' };
  for (const doc of docs) yield { ok: true, doc };
  yield { ok: true, doc: docs[0]! };
}

/** The stored articles' sources as another connection sees them (what another process would read). */
function committedSources(db: Database.Database): Set<string> {
  return new Set((db.prepare('SELECT source FROM articles').all() as { source: string }[]).map((r) => r.source));
}

describe('runIngest with group commit', () => {
  it('reports each input only once its group is committed, groups of the given size, and the store one transaction per input leaves', async () => {
    const docs = await demoDocs();
    const dir = tempDir();
    const grouped = new SqliteStore(path.join(dir, 'grouped.db'));
    const peer = new Database(path.join(dir, 'grouped.db'), { readonly: true });
    const realFlush = grouped.flush.bind(grouped);
    const reportedAtFlush: number[] = [];
    grouped.flush = () => {
      reportedAtFlush.push(reported.length);
      return realFlush();
    };
    const reported: IngestOutcome[] = [];
    const notCommittedWhenReported: string[] = [];
    const outcomes = await runIngest(grouped, itemsOf(docs), {
      threads: 1,
      now,
      group: { inputs: 4, ms: 60_000 },
      onOutcome: (o) => {
        reported.push(o);
        if (o.status === 'stored' && !committedSources(peer).has(o.source)) notCommittedWhenReported.push(o.source);
      },
    });
    expect(notCommittedWhenReported).toEqual([]);
    expect(reported).toEqual(outcomes);
    expect(outcomes).toHaveLength(docs.length + 2);
    // Groups of 4: one flush per four inputs, and the last, partial one.
    expect(reportedAtFlush).toEqual(Array.from({ length: Math.ceil(outcomes.length / 4) }, (_, i) => 4 * i));

    const single = new SqliteStore(path.join(dir, 'single.db'));
    const one = await runIngest(single, itemsOf(docs), { threads: 1, now, group: { inputs: 1 } });
    expect(outcomes).toEqual(one);
    expect(outcomes.filter((o) => o.status === 'stored').length).toBeGreaterThan(20);
    expect(await digest(grouped)).toBe(await digest(single));
    peer.close();
    await grouped.close();
    await single.close();
  });

  it('does not hold a group longer than its time limit while the run waits for input', async () => {
    const docs = (await demoDocs()).slice(0, 12);
    const seen = async (ms: number): Promise<{ visible: number; reported: number }> => {
      const file = path.join(tempDir(), 'g.db');
      const store = new SqliteStore(file);
      const peer = new Database(file, { readonly: true });
      let reported = 0;
      let during = { visible: -1, reported: -1 };
      // The run commits the first input once 8 are in flight (one thread: a window of 8), then the input stalls.
      async function* slow(): AsyncGenerator<InputItem> {
        for (const [i, doc] of docs.entries()) {
          yield { ok: true, doc };
          if (i === 7) {
            await sleep(400);
            during = { visible: committedSources(peer).size, reported };
          }
        }
      }
      await runIngest(store, slow(), { threads: 1, now, settle: false, group: { inputs: 32, ms }, onOutcome: () => reported++ });
      expect(committedSources(peer).size).toBe(docs.length);
      peer.close();
      await store.close();
      return during;
    };
    // 50 ms: the first input's group was committed (and reported) while the input stalled for 400 ms.
    expect(await seen(50)).toEqual({ visible: 1, reported: 1 });
    // A limit longer than the stall: still held (and not reported) then.
    expect(await seen(60_000)).toEqual({ visible: 0, reported: 0 });
  });

  it('fails the run, reporting none of them, when the store lost a held group', async () => {
    const docs = (await demoDocs()).slice(0, 10);
    const file = path.join(tempDir(), 'g.db');
    const store = new SqliteStore(file);
    const real = store.commit.bind(store);
    let commits = 0;
    // After the 6th article's write, SQLite rolls the open transaction back (as on a full disk): articles 5 and 6 are lost.
    store.commit = async (b) => {
      const outcome = await real(b);
      if (++commits === 6) (store as unknown as { db: Database.Database }).db.exec('ROLLBACK');
      return outcome;
    };
    const reported: IngestOutcome[] = [];
    await expect(runIngest(store, itemsOf(docs), { threads: 1, now, group: { inputs: 5, ms: 60_000 }, onOutcome: (o) => reported.push(o) })).rejects.toThrow(/lost the last 2 inputs/);
    const stored = committedSources(new Database(file, { readonly: true }));
    // The first group (the rejection and four articles) was committed and reported; nothing after it was reported.
    expect(reported.map((o) => o.status)).toEqual(['rejected', 'stored', 'stored', 'stored', 'stored']);
    expect(new Set(reported.filter((o) => o.status === 'stored').map((o) => o.source))).toEqual(stored);
    await store.close();
  });
});
