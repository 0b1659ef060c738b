import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../src/ingest/input-reader.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { CONTRACT_DOCS } from '../store-contract.js';

async function* items(): AsyncGenerator<InputItem> {
  yield { ok: false, source: 'bad.bin', reason: 'binary-content' };
  for (const doc of CONTRACT_DOCS) yield { ok: true, doc };
  yield { ok: true, doc: CONTRACT_DOCS[0]! };
  yield { ok: true, doc: { source: 'short.txt', kind: 'text', contentType: 'text/plain', content: 'Too short to be news.' } };
}

const now = () => new Date('2026-11-23T00:00:00Z');

async function partition(threads: number) {
  const store = new SqliteStore(':memory:');
  const outcomes = await runIngest(store, items(), { threads, now });
  const events = await store.listEvents({ limit: 100 });
  const groups = await Promise.all(events.map(async (e) => (await store.getEvent(e.id))!.articles.map((a) => a.source).sort().join('+')));
  await store.close();
  return { outcomes, groups: groups.sort() };
}

describe('runIngest', () => {
  it('gives every input one outcome, in input order, and the same events with a thread pool as without', async () => {
    const one = await partition(1);
    const two = await partition(2);
    expect(one.outcomes.map((o) => [o.source, o.status])).toEqual([
      ['bad.bin', 'rejected'],
      ['contract/harbor-1.txt', 'stored'],
      ['contract/coast-1.txt', 'stored'],
      ['contract/garden.txt', 'stored'],
      ['contract/harbor-1.txt', 'duplicate'],
      ['short.txt', 'rejected'],
    ]);
    expect(two.outcomes).toEqual(one.outcomes);
    expect(two.groups).toEqual(one.groups);
    expect(one.groups).toContain('contract/coast-1.txt+contract/harbor-1.txt');
  });
});
