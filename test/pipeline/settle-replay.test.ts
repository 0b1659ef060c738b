import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { publicationOrderChange, readBatches, storedOrderChange, unchangedSince } from '../../src/pipeline/settle-replay.js';
import { arrivedOutOfOrder } from '../../src/pipeline/resequence.js';
import { publicationOrder } from '../../src/cluster/cluster-stream.js';
import { ProvenanceMemo } from '../../src/provenance/provenance-graph.js';
import type { RawDocument } from '../../src/model/types.js';
import type { ClusterLogEntry, Store } from '../../src/store/store-port.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { copyStoreFiles, demoDocs } from './demo-store.js';

const now = () => new Date('2026-11-24T00:00:00Z');

describe('readBatches', () => {
  // Replayed r1 takes stored s1 and part of s2, r2 the rest of s2: one group; r3 = s3 another; r4 has no stored article.
  const memberIds = new Map([
    ['r1', ['a', 'b']],
    ['r2', ['c']],
    ['r3', ['d', 'e']],
  ]);
  const storedEvent = new Map<string, string | null>([
    ['a', 's1'],
    ['b', 's2'],
    ['c', 's2'],
    ['d', 's3'],
    ['e', 's3'],
  ]);

  it('keeps replayed events that share a stored event in one batch, with every stored event they read', () => {
    expect(readBatches(memberIds, storedEvent, 1)).toEqual([
      { events: ['r1', 'r2'], storedEvents: ['s1', 's2'] },
      { events: ['r3'], storedEvents: ['s3'] },
    ]);
  });

  it('fills a batch with groups up to the article bound', () => {
    expect(readBatches(memberIds, storedEvent, 5)).toEqual([{ events: ['r1', 'r2', 'r3'], storedEvents: ['s1', 's2', 's3'] }]);
    expect(readBatches(new Map(), storedEvent, 5)).toEqual([]);
  });
});

describe('publicationOrderChange', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('builds the same change reading the store a few events at a time as reading it all at once', async () => {
    const docs = await demoDocs();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-settle-replay-'));
    dirs.push(dir);
    const store = new SqliteStore(path.join(dir, 'store.db'));
    const service = await IngestService.open(store, { now });
    // Newest first by file name (the demo files carry their dates): arrivals out of publication order.
    for (const doc of [...docs].reverse()) await service.ingestRaw(doc);
    const entries = await store.clusterLog(0, 10_000);
    expect(entries.length).toBeGreaterThan(20);
    const seq = await store.clusterHead();

    const reads: string[][] = [];
    const counting: Store = Object.create(store, {
      eventArticles: {
        value: async (ids: string[]) => {
          const got = await store.eventArticles(ids);
          reads.push(got.map((a) => a.id));
          return got;
        },
      },
    });
    const whole = await publicationOrderChange(counting, entries, seq, new ProvenanceMemo(), 40, now().toISOString(), { batchArticles: Infinity });
    expect(reads).toHaveLength(1);
    const readAtOnce = reads.splice(0).flat();
    const batched = await publicationOrderChange(counting, entries, seq, new ProvenanceMemo(), 40, now().toISOString(), { batchArticles: 1 });
    expect(reads.length).toBeGreaterThan(3);
    // Each article is read once, in some batch.
    expect(reads.flat().sort()).toEqual(readAtOnce.sort());
    expect(batched.change).toEqual(whole.change);
    expect(batched.change.events.length).toBeGreaterThan(3);
    expect(batched.change.provenance.length).toBeGreaterThan(0);
    await store.close();
  });
});

describe('unchangedSince', () => {
  const entry = (seq: number, id: string, eventId: string, storylineId: string): ClusterLogEntry => ({
    seq,
    doc: { id, title: id, text: '', publishedAt: null, entities: [], places: [], outlet: null },
    eventId,
    storylineId,
  });
  // Stored: e1 {a, b} and e2 {c} in story line s1, e3 {d} in s2, e4 {f} in s3; f logged after the settle at seq 4.
  const entries = [entry(1, 'a', 'e1', 's1'), entry(2, 'b', 'e1', 's1'), entry(3, 'c', 'e2', 's1'), entry(4, 'd', 'e3', 's2'), entry(5, 'f', 'e4', 's3')];
  const memberIds = new Map([
    ['e1', ['a', 'b']],
    ['e2', ['c']],
    ['e3', ['d']],
    ['e4', ['f']],
  ]);
  const storylineOf = (m: Record<string, string>) => (ev: string) => m[ev] ?? ev;
  const same = storylineOf({ e1: 's1', e2: 's1', e3: 's2', e4: 's3' });

  it('keeps events with the same articles, all settled, in the same story line', () => {
    const r = unchangedSince({ seq: 4, placesChanged: new Set() }, entries, memberIds, new Set(), same);
    expect([...r.events].sort()).toEqual(['e1', 'e2', 'e3']);
    expect([...r.storylines].sort()).toEqual(['s1', 's2']);
  });

  it('rebuilds an event whose articles changed, whose places were re-read, or whose story line is new', () => {
    expect([...unchangedSince({ seq: 4, placesChanged: new Set() }, entries, memberIds, new Set(['e1']), same).events].sort()).toEqual(['e2', 'e3']);
    const placed = unchangedSince({ seq: 4, placesChanged: new Set(['c']) }, entries, memberIds, new Set(), same);
    expect([...placed.events].sort()).toEqual(['e1', 'e3']);
    expect([...placed.storylines]).toEqual(['s2']);
    const moved = unchangedSince({ seq: 4, placesChanged: new Set() }, entries, memberIds, new Set(), storylineOf({ e1: 's1', e2: 's2', e3: 's2', e4: 's3' }));
    expect([...moved.events].sort()).toEqual(['e1', 'e3']);
    // s1 lost e2 and s2 gained it: neither story line row can be kept.
    expect([...moved.storylines]).toEqual([]);
  });
});

describe('publicationOrderChange after a settle', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** What a settle writes, table by table (history without its time). */
  function tables(file: string): Record<string, unknown[]> {
    const db = new Database(file, { readonly: true });
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries({
      articles: 'SELECT id, event_id, membership, provenance, provenance_of FROM articles ORDER BY seq',
      events: 'SELECT * FROM events ORDER BY id',
      storylines: 'SELECT * FROM storylines ORDER BY id',
      history: 'SELECT event_id, action, detail FROM event_history ORDER BY seq',
      edges: 'SELECT * FROM provenance_edges ORDER BY from_id, to_id',
      state: 'SELECT snapshot, seq, settled_seq FROM cluster_state',
    })) out[name] = db.prepare(sql).all();
    db.close();
    return out;
  }

  it('leaves the events and story lines the last settle wrote, with the same store as rebuilding them all', async () => {
    const docs = await demoDocs();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-settle-since-'));
    dirs.push(dir);
    const file = path.join(dir, 'store.db');
    let store = new SqliteStore(file);
    const service = await IngestService.open(store, { now });
    // Two thirds newest first, settled; then the rest newest first (some dated before settled articles).
    const first = docs.filter((_, i) => i % 3 !== 1).reverse();
    const later = docs.filter((_, i) => i % 3 === 1).reverse();
    for (const doc of first) await service.ingestRaw(doc);
    expect((await service.settle()).replayed).toBe(true);
    for (const doc of later) await service.ingestRaw(doc);
    const settledSeq = (await store.loadClusterState())!.settledSeq;
    expect(settledSeq).toBeGreaterThan(0);
    await store.close();
    const copy = path.join(dir, 'copy.db');
    copyStoreFiles(file, copy);

    const settleWith = async (f: string, settled?: { seq: number; placesChanged: ReadonlySet<string> }) => {
      const s = new SqliteStore(f);
      const entries = await s.clusterLog(0, 10_000);
      const r = await publicationOrderChange(s, entries, await s.clusterHead(), new ProvenanceMemo(), 40, now().toISOString(), settled ? { settled } : {});
      await s.applyClustering(r.change);
      await s.close();
      return r;
    };
    const all = await settleWith(file);
    const since = await settleWith(copy, { seq: settledSeq, placesChanged: new Set() });
    expect(since.eventsUnchanged).toBeGreaterThan(0);
    expect(since.change.events.length).toBeLessThanOrEqual(all.change.events.length);
    expect(since.change.provenance.length).toBeLessThan(all.change.provenance.length);
    expect(tables(copy)).toEqual(tables(file));
    store = new SqliteStore(file);
    await store.close();
  });

  it('after arrivals in publication order, rebuilds from the stored events what a whole replay changes', async () => {
    const docs = await demoDocs();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-settle-stored-'));
    dirs.push(dir);
    // The inputs in publication order (their article ids and dates from a scratch store).
    const scratch = new SqliteStore(path.join(dir, 'scratch.db'));
    const scratchService = await IngestService.open(scratch, { now });
    const rawOf = new Map<string, RawDocument>();
    for (const doc of docs) {
      const o = await scratchService.ingestRaw(doc);
      if (o.status === 'stored') rawOf.set(o.articleId, doc);
    }
    const ordered = publicationOrder((await scratch.clusterLog(0, 10_000)).map((e) => e.doc)).map((d) => rawOf.get(d.id)!);
    await scratch.close();

    const file = path.join(dir, 'store.db');
    const store = new SqliteStore(file);
    const service = await IngestService.open(store, { now });
    // The earlier two thirds newest first, settled; then the rest in publication order (after all of them).
    const cut = Math.floor((ordered.length * 2) / 3);
    for (const doc of ordered.slice(0, cut).reverse()) await service.ingestRaw(doc);
    expect((await service.settle()).replayed).toBe(true);
    for (const doc of ordered.slice(cut)) await service.ingestRaw(doc);
    const settledSeq = (await store.loadClusterState())!.settledSeq;
    expect(arrivedOutOfOrder(await store.clusterLog(0, 10_000), settledSeq)).toBe(false);
    await store.close();
    const copy = path.join(dir, 'copy.db');
    copyStoreFiles(file, copy);

    const at = now().toISOString();
    const replayed = new SqliteStore(file);
    // Replayed, every row and provenance rebuilt.
    const r = await publicationOrderChange(replayed, await replayed.clusterLog(0, 10_000), await replayed.clusterHead(), new ProvenanceMemo(), 40, at);
    await replayed.applyClustering(r.change);
    await replayed.close();
    const kept = new SqliteStore(copy);
    const entries = await kept.clusterLog(0, 10_000);
    const s = await storedOrderChange(kept, entries, await kept.clusterHead(), r.clusterer, new ProvenanceMemo(), 40, at, {
      settled: { seq: settledSeq, placesChanged: new Set() },
    });
    expect(s).toMatchObject({ moved: 0, eventsChanged: 0, eventsRetired: 0 });
    expect(s.eventsUnchanged).toBeGreaterThan(0);
    expect(s.change.provenance.length).toBeGreaterThan(0);
    await kept.applyClustering(s.change);
    await kept.close();
    expect(tables(copy)).toEqual(tables(file));
  });
});
