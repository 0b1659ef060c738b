/**
 * The ingest service alone (the main thread of a pool run), timed by phase on a store of a given size: inputs
 * `from`..`from+count` of the benchmark corpus are analysed first (outside the timing; cached on disk), then
 * committed one by one through `IngestService.ingestArticle` into a copy of the `--db` store (or an empty one).
 *
 *   nice npx tsx bench/ingest/ingest-main-profile.ts --from 0 --count 1000 --save /tmp/ingprof/s1000.db
 *   nice npx tsx bench/ingest/ingest-main-profile.ts --db /tmp/ingprof/s1000.db --from 1000 --count 300
 *
 * `--group 32` commits 32 inputs per SQLite transaction as `runIngest` does (their COMMIT timed as the phase `flush`);
 * the default, 1, is one transaction per article (its COMMIT inside `commit`).
 * Prints CPU milliseconds per stored article by phase (and in total) for each block of `--every` inputs, and a
 * digest of what was decided (events, story lines, provenance, statements) so two code versions can be compared.
 * Add `node --cpu-prof` (via `node --import tsx --cpu-prof bench/ingest/ingest-main-profile.ts …`) for a profile of
 * the whole run, or `--cpu-prof-from K --cpu-prof-out F.cpuprofile` for one of the commits from the K-th input of the
 * range on (the memo-warm part of a long range: the first cycle of the pages starts with an empty provenance memo).
 * `--compact yes` hands each article's compact text (provenance) to the service prepared, as the pool's analysis
 * threads do (see analyze-for-ingest.ts); preparing it is then left out of the times (phases and totals).
 * `--places yes` hands each article's place evidence (what the place resolver collected, `placeEvidence`) to the
 * service as the pool's analysis threads do, through a structured clone as postMessage makes it; collecting and
 * cloning it are left out of the times too. It is collected here from the cached article (text, entity mentions,
 * dateline), which is what the thread hands over (test/places/place-evidence.test.ts); the run then prints the
 * structured-clone size of an analysis (article, compact text, evidence) with and without it.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import { serialize } from 'node:v8';
import { prepareCompact, type CompactText } from '../../src/provenance/compact-text.js';
import { placeEvidence, type PlaceEvidence } from '../../src/enrich/places/place-resolver.js';
import { DEFAULT_PROVENANCE_OPTIONS } from '../../src/provenance/provenance-graph.js';
import type { Article, RawDocument } from '../../src/model/types.js';
import { corpus, dragnetDir, loadPages } from './ingest-corpus.js';
import { benchOptions } from '../bench-options.js';
import { digest } from './store-digest.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const opt = benchOptions();
const FROM = Number(opt('from', '0'));
const COUNT = Number(opt('count', '300'));
const EVERY = Number(opt('every', String(COUNT)));
const BASE = opt('db', '');
const SAVE = opt('save', '');
const CACHE = opt('cache', path.join(os.tmpdir(), 'ingprof-cache'));
/** Commit only the first LIMIT inputs of the (cached) range. */
const LIMIT = Number(opt('limit', String(COUNT)));
/** Profile (V8 CPU profiler) the commits from the PROF_FROM-th input of the range on, into PROF_OUT. */
const PROF_FROM = Number(opt('cpu-prof-from', '-1'));
const PROF_OUT = opt('cpu-prof-out', path.join(os.tmpdir(), 'ingest-main.cpuprofile'));
/** Prepare each article's compact text outside the timed part, as the pool's analysis threads do. */
const COMPACT = opt('compact', 'no') === 'yes';
/** Hand each article's place evidence over as the pool's analysis threads do (collected outside the timed part). */
const PLACES = opt('places', 'no') === 'yes';
/** Inputs per SQLite transaction (`runIngest` commits groups of 32); 1: one transaction per article, as before. */
const GROUP = Math.max(1, Math.floor(Number(opt('group', '1'))));

interface Analysed {
  raw: RawDocument;
  article: Article | null;
}

/**
 * The analysed inputs, one JSON line each, parsed one at a time (the whole set parsed at once would sit in the
 * heap and make every garbage collection of the timed part slower).
 */
function* analysed(): Generator<Analysed> {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `analysed-${FROM}-${COUNT}.jsonl`);
  if (!existsSync(file)) writeFileSync(file, analyse().map((x) => JSON.stringify(x)).join('\n') + '\n');
  const all = readFileSync(file, 'utf8');
  for (let at = 0; at < all.length; ) {
    const end = all.indexOf('\n', at);
    const line = all.slice(at, end < 0 ? all.length : end);
    at = end < 0 ? all.length : end + 1;
    if (line !== '') yield JSON.parse(line) as Analysed;
  }
}

function analyse(): Analysed[] {
  const pages = loadPages(dragnetDir(repoRoot));
  const out: Analysed[] = [];
  let i = 0;
  for (const item of corpus(pages, FROM + COUNT)) {
    if (i++ < FROM) continue;
    if (!item.ok) continue;
    let article: Article | null = null;
    try {
      const r = analyzeDocument(item.doc);
      article = r.ok ? r.value : null;
    } catch {
      article = null;
    }
    out.push({ raw: item.doc, article });
  }
  return out;
}

async function main(): Promise<void> {
  const inputs = analysed();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'storyline-ingest-prof-'));
  const dbFile = path.join(dir, 'prof.db');
  if (BASE !== '') for (const ext of ['', '-wal', '-shm']) if (existsSync(BASE + ext)) copyFileSync(BASE + ext, dbFile + ext);
  const store = new SqliteStore(dbFile);
  const phaseTimes = new Map<string, number>();
  // CPU time of this (single-threaded) process: the machine is shared, and wall time counts other people's work.
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const service = await IngestService.open(store, { now: () => new Date('2026-01-01T00:00:00Z'), phaseTimes, phaseClock: cpuMs });
  const startArticles = (await store.stats()).articles;
  let stored = 0;
  // Opening (migrations, the clusterer's catch-up from its checkpoint) is not timed.
  phaseTimes.clear();
  // CPU spent preparing compact texts (`--compact yes`), left out of the totals.
  let excluded = 0;
  let excludedAll = 0;
  let window = { stored: 0, t: cpuMs(), phases: new Map<string, number>() };
  const t0 = cpuMs();
  const report = (upTo: number): void => {
    const k = Math.max(1, stored - window.stored);
    const parts = [...phaseTimes].map(([p, ms]) => [p, (ms - (window.phases.get(p) ?? 0)) / k] as const);
    const total = (cpuMs() - window.t - excluded) / k;
    excluded = 0;
    console.log(
      `@${upTo} (${startArticles + stored} stored): ${total.toFixed(1)} CPU ms/article (phases ${parts.reduce((s, [, ms]) => s + ms, 0).toFixed(1)}): ` +
        parts.map(([p, ms]) => `${p} ${ms.toFixed(2)}`).join(', '),
    );
    window = { stored, t: cpuMs(), phases: new Map(phaseTimes) };
  };
  let n = 0;
  const message = { n: 0, without: 0, with: 0 };
  let profiler: Session | null = null;
  // Group commit as the pool runs it: the group's COMMIT is timed as its own phase, `flush`.
  const flush = async (): Promise<void> => {
    const t = cpuMs();
    await store.flush();
    phaseTimes.set('flush', (phaseTimes.get('flush') ?? 0) + cpuMs() - t);
  };
  if (GROUP > 1) await store.holdWrites(true);
  for (const { raw, article } of inputs) {
    if (n >= LIMIT) break;
    if (n === PROF_FROM) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    n++;
    if (article !== null) {
      let compact: CompactText | undefined;
      if (COMPACT) {
        const t = cpuMs();
        compact = prepareCompact(article.text, DEFAULT_PROVENANCE_OPTIONS.passages);
        const spent = cpuMs() - t;
        excluded += spent;
        excludedAll += spent;
      }
      let places: PlaceEvidence | undefined;
      if (PLACES) {
        const t = cpuMs();
        // The clone postMessage makes of it (structured clone), and what the message grows by.
        places = structuredClone(placeEvidence(article.text, article.entities, article.dateline));
        const without = serialize({ id: n, ok: true, value: { ok: true, value: article, ...(compact ? { compact } : {}) } }).length;
        const withPlaces = serialize({ id: n, ok: true, value: { ok: true, value: article, ...(compact ? { compact } : {}), places } }).length;
        message.without += without;
        message.with += withPlaces;
        message.n++;
        const spent = cpuMs() - t;
        excluded += spent;
        excludedAll += spent;
      }
      const o = await service.ingestArticle(raw, article, compact, places);
      if (o.status === 'stored') stored++;
    }
    if (GROUP > 1 && n % GROUP === 0) await flush();
    if (n % EVERY === 0) report(FROM + n);
  }
  if (GROUP > 1) {
    await flush();
    await store.holdWrites(false);
  }
  if (n % EVERY !== 0) report(FROM + n);
  if (profiler !== null) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(PROF_OUT, JSON.stringify(profile));
    profiler.disconnect();
    console.log(`CPU profile of inputs ${FROM + PROF_FROM}… in ${PROF_OUT}`);
  }
  console.log(`total ${((cpuMs() - t0 - excludedAll) / Math.max(1, stored)).toFixed(1)} CPU ms per stored article over ${stored}`);
  if (message.n > 0)
    console.log(
      `analysis message (v8 structured clone) ${(message.without / message.n).toFixed(0)} bytes per article without place evidence, ` +
        `${(message.with / message.n).toFixed(0)} with (+${((message.with - message.without) / message.n).toFixed(0)}, ${(((message.with - message.without) / message.without) * 100).toFixed(1)}%) over ${message.n}`,
    );
  console.log(`digest ${await digest(store)}`);
  await store.close();
  if (SAVE !== '') {
    // A clean single-file copy (the WAL checkpointed into the main file).
    const s = new SqliteStore(dbFile);
    await s.close();
    for (const ext of ['', '-wal', '-shm']) if (existsSync(dbFile + ext)) copyFileSync(dbFile + ext, SAVE + ext);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
