/**
 * The final settle of one ingest run: `runIngest` (2 analysis threads, settle at the end) of the first N inputs of
 * the ingest benchmark corpus into a fresh SQLite store; prints the settle's CPU time (from the last outcome to
 * onSettle, all threads of this process) and the CPU time of its places part (IngestService.settlePlaces, timed by
 * wrapping it), then the store digest.
 *
 *   nice npx tsx bench/ingest/settle-places-run.ts [N=4000] [repo root holding ../shared; default this one]
 *
 * With MEMORY=1 (and NODE_OPTIONS=--expose-gc), before the settle it also reports the place evidence the service
 * remembers (OutletPlaceHistory.evidenceCount, where it exists): its size in structured-clone terms (v8.serialize)
 * and in heap (heap grown by a structured clone of it, after gc); this perturbs the settle's CPU time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { corpus, dragnetDir, loadPages } from './ingest-corpus.js';
import { digest } from './store-digest.js';

const N = Number(process.argv[2] ?? 4000);
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let placesMs = 0;
const proto = IngestService.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
const settlePlaces = proto['settlePlaces']!;
proto['settlePlaces'] = async function (this: unknown, ...args: unknown[]) {
  if (process.env['MEMORY'] === '1') memory(this);
  const c = cpuMs();
  try {
    return await settlePlaces.apply(this, args);
  } finally {
    placesMs += cpuMs() - c;
  }
};

function memory(service: unknown): void {
  const history = (service as { outletPlaces?: { evidenceCount?: () => number; readings?: Map<string, { evidence?: unknown }> } }).outletPlaces;
  if (history?.evidenceCount === undefined || history.readings === undefined) return void console.log('memory: no remembered evidence here');
  const kept = [...history.readings.values()].flatMap((r) => (r.evidence === undefined ? [] : [r.evidence]));
  const bytes = kept.reduce((n: number, e) => n + v8.serialize(e).length, 0);
  const gc = (globalThis as { gc?: () => void }).gc;
  let heap = 'unmeasured (no --expose-gc)';
  if (gc !== undefined) {
    gc();
    const h0 = process.memoryUsage().heapUsed;
    const copy = structuredClone(kept);
    gc();
    heap = `${((process.memoryUsage().heapUsed - h0) / 2 ** 20).toFixed(1)} MiB (${((process.memoryUsage().heapUsed - h0) / kept.length).toFixed(0)} bytes each)`;
    if (copy.length !== kept.length) throw new Error('clone');
  }
  console.log(`memory: ${history.evidenceCount()} articles' evidence remembered (${kept.length} in readings), ${(bytes / 2 ** 20).toFixed(1)} MiB serialized (${(bytes / Math.max(1, kept.length)).toFixed(0)} bytes each), heap ${heap}`);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pages = loadPages(dragnetDir(process.argv[3] ?? root));
const dir = mkdtempSync(path.join(os.tmpdir(), 'settle-places-run-'));
const store = new SqliteStore(path.join(dir, 's.db'));
let n = 0;
let c0 = 0;
const t0 = cpuMs();
await runIngest(store, (async function* () { yield* corpus(pages, N); })(), {
  threads: 2,
  now: () => new Date('2026-01-01T00:00:00Z'),
  onOutcome: () => {
    if (++n === N) c0 = cpuMs();
  },
  onSettle: (r) => console.log(`settle CPU ${(cpuMs() - c0).toFixed(0)} ms, places ${placesMs.toFixed(0)} ms; ingest CPU ${(c0 - t0).toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB; ${JSON.stringify(r)}`),
});
console.log(`digest ${await digest(store, { places: 'SELECT article_id, name, lat, lon, country, geoname_id FROM places ORDER BY article_id, rowid', clusterState: 'SELECT snapshot, seq, settled_seq FROM cluster_state' })}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
