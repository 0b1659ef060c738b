/**
 * The settle step on a copy of a store, timed in CPU milliseconds, with a digest of what the store holds after it
 * (bench/ingest/store-digest.ts, plus places and the clusterer checkpoint, which settle writes too), so two code
 * versions can be compared on the same store:
 *
 *   nice npx tsx bench/ingest/settle-profile.ts --db /tmp/s12000.db [--unsettle] [--phases] [--keep /tmp/settled.db]
 *
 * `--unsettle` clears the copy's settled position first (a store settled already is replayed as if never settled:
 * its events are then those of a publication-order replay, with the provenance of the last settle).
 * `--phases` runs the replay part of `settle()` step by step instead (`publicationOrderChange` with a phase clock,
 * then `applyClustering`; the places re-read is left out) and prints CPU ms per phase. `--phases --since N` sets the
 * copy's settled position to N and passes it as `settled` (events and story lines untouched by the log entries after
 * N left as they are: on a store settled at its head, that is what a settle after N new entries rebuilds);
 * `--stored-order` then builds it with storedOrderChange (no replay; the checkpoint's clusterer).
 * `--full` (without --phases): `settle({ full: true })`, every event rebuilt, trusting nothing the store recorded of an
 * earlier replay (without it, a settle in this new process leaves the events of the store's recorded replay untouched
 * since as they are: the store's SettledState). Compare the two digests on one store to check that shortcut.
 * `--warm` (with --phases): before the clock starts, the provenance memo is fed as an ingest in the same process
 * would have fed it: each stored event's articles in log order, each with the window of 40 before it (an
 * approximation: the ingest saw the events as they were then, before merges and settles), and the log's documents
 * are clustered in log order by a clusterer of their own, as the ingest's online clusterer did (which leaves each
 * document's features in the process's memo, src/cluster/doc-feature-memo.ts). A settle at the end of an ingest run
 * (the benchmark's) starts with such memos; a new process's start empty.
 * The original is never written.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { publicationOrderChange, storedOrderChange } from '../../src/pipeline/settle-replay.js';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';
import { ProvenanceMemo } from '../../src/provenance/provenance-graph.js';
import { eventMemberOf, STORED_CLUSTERER, type EventMember } from '../../src/pipeline/event-records.js';
import type { ClusterLogEntry } from '../../src/store/store-port.js';
import { benchOptions } from '../bench-options.js';
import { digest } from './store-digest.js';

const argv = process.argv.slice(2);
const opt = benchOptions(argv);
const SOURCE = opt('db', '');
const KEEP = opt('keep', '');
const UNSETTLE = argv.includes('--unsettle');
const PHASES = argv.includes('--phases');
/** With --phases: the settled position to set on the copy and hand to publicationOrderChange as `settled`. */
const SINCE = opt('since', '');
/** With --phases --since N: storedOrderChange (the change for arrivals in publication order: no replay) instead. */
const STORED_ORDER = argv.includes('--stored-order');
/** With --phases: the provenance memo fed first as an ingest would have (see above). */
const WARM = argv.includes('--warm');
/** Without --phases: a full replay, trusting nothing recorded of an earlier one. */
const FULL = argv.includes('--full');
const NOW = new Date('2026-01-01T00:00:00Z');

/** CPU time of this process (V8's helper threads included), in milliseconds. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What settle writes besides the decision tables. */
const SETTLE_TABLES = {
  places: 'SELECT article_id, name, lat, lon, country, geoname_id FROM places ORDER BY article_id, rowid',
  clusterState: 'SELECT snapshot, seq, settled_seq FROM cluster_state',
};

async function main(): Promise<void> {
  if (SOURCE === '' || !existsSync(SOURCE)) throw new Error('--db <store to copy> is required');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-settle-prof-'));
  const dbFile = path.join(dir, 'settle.db');
  for (const ext of ['', '-wal', '-shm']) if (existsSync(SOURCE + ext)) copyFileSync(SOURCE + ext, dbFile + ext);
  if (UNSETTLE || SINCE !== '') {
    const db = new Database(dbFile);
    db.prepare('UPDATE cluster_state SET settled_seq = ?').run(SINCE === '' ? 0 : Number(SINCE));
    db.close();
  }
  const store = new SqliteStore(dbFile);
  const service = await IngestService.open(store, { now: () => NOW });
  const t0 = cpuMs();
  if (PHASES) {
    const phases = new Map<string, number>();
    let t = cpuMs();
    const mark = (phase: string | null): void => {
      const now = cpuMs();
      if (phase !== null) phases.set(phase, (phases.get(phase) ?? 0) + (now - t));
      t = now;
    };
    const entries: ClusterLogEntry[] = [];
    for (let page = await store.clusterLog(0, 2_000); page.length > 0; page = await store.clusterLog(entries.at(-1)!.seq, 2_000)) entries.push(...page);
    mark('read log');
    const head = await store.clusterHead();
    const settled = { seq: Number(SINCE), placesChanged: new Set<string>() };
    const memo = new ProvenanceMemo();
    if (WARM) {
      const w = cpuMs();
      const online = new EventClusterer(STORED_CLUSTERER);
      for (const e of entries) online.assign(e.doc);
      await warmMemo(store, entries, memo);
      console.log(`warm memo: ${(cpuMs() - w).toFixed(0)} CPU ms (not counted), ${JSON.stringify(memo.stats())}`);
      mark(null);
    }
    const replayed = STORED_ORDER
      ? await storedOrderChange(store, entries, head, EventClusterer.restore((await store.loadClusterState())!.snapshot), memo, 40, NOW.toISOString(), { mark, settled })
      : await publicationOrderChange(store, entries, head, memo, 40, NOW.toISOString(), { mark, ...(SINCE === '' ? {} : { settled }) });
    mark(null);
    await store.applyClustering(replayed.change);
    mark('applyClustering');
    console.log(
      `${entries.length} log entries: moved ${replayed.moved}, events changed ${replayed.eventsChanged}, retired ${replayed.eventsRetired}, ` +
        `unchanged ${replayed.eventsUnchanged}; rows written ${replayed.change.events.length}, provenance of ${replayed.change.provenance.length} articles`,
    );
    console.log(`phases (CPU ms): ${[...phases].map(([p, ms]) => `${p} ${ms.toFixed(0)}`).join(', ')}`);
  } else {
    const report = await service.settle(FULL ? { full: true } : {});
    console.log(`settle: ${JSON.stringify(report)}`);
  }
  console.log(`total ${(cpuMs() - t0).toFixed(0)} CPU ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const state = await store.settledState();
  console.log(`settled state: ${state === null ? 'none' : JSON.stringify({ ...state, placesChanged: state.placesChanged.length })}`);
  console.log(`digest ${await digest(store, SETTLE_TABLES)}`);
  await store.close();
  if (KEEP !== '') {
    const s = new SqliteStore(dbFile);
    await s.close();
    for (const ext of ['', '-wal', '-shm']) if (existsSync(dbFile + ext)) copyFileSync(dbFile + ext, KEEP + ext);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Feeds the memo as an ingest would have: each stored event's articles in log order, each with the 40 before it. */
async function warmMemo(store: SqliteStore, entries: readonly ClusterLogEntry[], memo: ProvenanceMemo): Promise<void> {
  const byEvent = new Map<string, string[]>();
  for (const e of entries) if (e.eventId !== null) byEvent.set(e.eventId, [...(byEvent.get(e.eventId) ?? []), e.doc.id]);
  const events = [...byEvent.keys()];
  for (let i = 0; i < events.length; i += 50) {
    const batch = events.slice(i, i + 50);
    const members = new Map<string, EventMember>((await store.eventArticles(batch)).map((a) => [a.id, eventMemberOf(a)]));
    for (const ev of batch) {
      const inputs = byEvent.get(ev)!.flatMap((id) => {
        const m = members.get(id);
        return m === undefined ? [] : [{ id: m.id, publishedAt: m.publishedAt, outlet: m.outlet, text: m.text, wire: m.wire, agency: m.agency, directQuotes: m.directQuotes }];
      });
      for (let k = 1; k < inputs.length; k++) memo.build(inputs.slice(Math.max(0, k - 39), k + 1), { passages: false });
    }
  }
}

await main();
