/**
 * The worker's store step: the ingest service deciding, `store.commit` writing.
 */
import type { Article, IngestOutcome, RawDocument } from '../model/types.js';
import type { DemonymRelation, PlaceEvidence } from '../enrich/places/place-resolver.js';
import { IngestService } from '../pipeline/ingest-service.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';

/** One analysed input for the store step, with the key of the job that carries it. */
export interface StoreItem {
  key: string;
  raw: RawDocument;
  article: Article;
  /** The page waits in the store's `staged_raw` under `outcomeKey(key)` (`raw` then has its fields but not its content): the commit stores that page. */
  staged?: boolean;
  /** What the analysis step's place resolver collected from `article` (from `placeEvidenceOf`): the outlet's reading scores it instead of collecting again. */
  places?: PlaceEvidence;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Place evidence handed over in a job (`ClusterJob.places`), read as untrusted
 * data: a fresh `PlaceEvidence` when `x` has its shape and fits `text` (every
 * span and demonym inside the text, each demonym's text the text's there, as
 * many names as the spans call for, every place index below `rows`), else
 * undefined, and the store step collects the places itself as it did before
 * the handover. The place resolver checks again that it fits the gazetteer
 * (`rows`) and the text (`length`), and collects again when it does not.
 * Linear in the evidence's size; never throws.
 */
export function placeEvidenceOf(x: unknown, text: string): PlaceEvidence | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const e = x as Record<string, unknown>;
  const { rows, length, dateline, spans, places, names, demonyms } = e;
  if (!isIndex(rows) || length !== text.length || !(dateline === -1 || (isIndex(dateline) && dateline < rows))) return undefined;
  if (!Array.isArray(spans) || !Array.isArray(places) || !Array.isArray(names) || !Array.isArray(demonyms)) return undefined;
  if (spans.length % 5 !== 0 || names.length * 5 !== spans.length * 2) return undefined;
  let indices = 0;
  for (let k = 0; k < spans.length; k += 5) {
    const [start, end, flags, nPlaces, nQualifier] = [spans[k], spans[k + 1], spans[k + 2], spans[k + 3], spans[k + 4]];
    if (!isIndex(start) || !isIndex(end) || start > end || end > text.length) return undefined;
    if (!isIndex(flags) || flags > 3 || !isIndex(nPlaces) || !isIndex(nQualifier)) return undefined;
    indices += nPlaces + nQualifier;
  }
  if (indices !== places.length) return undefined;
  for (const p of places) if (!isIndex(p) || p >= rows) return undefined;
  for (const n of names) if (n !== null && typeof n !== 'string') return undefined;
  const ds: DemonymRelation[] = [];
  for (const d of demonyms) {
    if (typeof d !== 'object' || d === null) return undefined;
    const { start, end, text: t, country } = d as Record<string, unknown>;
    if (!isIndex(start) || !isIndex(end) || start > end || end > text.length || typeof t !== 'string' || typeof country !== 'string') return undefined;
    if (text.slice(start, end) !== t) return undefined;
    ds.push({ start, end, text: t, country });
  }
  return { rows, length, dateline: dateline as number, demonyms: ds, spans: spans.slice() as number[], places: places.slice() as number[], names: names.slice() as (string | null)[] };
}

/** The idempotency key a job's store write (or rejection) is recorded under. */
export const outcomeKey = (jobKey: string): string => `ingest:${jobKey}`;

export interface StoreStepOptions {
  /** The service's clock. Default: wall time. */
  now?: () => Date;
  /** Wraps the work done while the ingest lock is held (the worker keeps its analysis from running then). */
  whileLocked?<T>(fn: () => Promise<T>): Promise<T>;
}

/** Stores items; only callable while the ingest lock is held (inside `StoreStep.tryHold`). */
export type StoreLocked = (items: readonly StoreItem[]) => Promise<IngestOutcome[]>;

/** What `tryHold` came to: `fn` ran holding the lock; another session holds it; or this process's clusterer is too far behind to replay under the lock. */
export type HoldResult<T> = { status: 'held'; value: T } | { status: 'busy' } | { status: 'behind'; entries: number };

/** Log entries a worker may replay under the lock when it takes it (more: it lets go, catches up, tries again). */
const REPLAY_UNDER_LOCK = 64;
/** Further behind than this, catching up reloads from the latest checkpoint instead of replaying every entry. */
const RELOAD_BEYOND = 2_000;

/**
 * The worker's store step. Calling it stores a batch under one hold of the
 * ingest lock, waiting for the lock. A worker instead:
 * - calls `tryHold(fn)`: when no one holds the lock and this process's
 *   clusterer is (nearly) up to date, takes it and `fn` stores as many
 *   batches as it likes through the `StoreLocked` it is given; otherwise
 *   returns at once, `busy` or `behind`;
 * - calls `catchUp()` (after `behind`): replays what the other writers
 *   committed, without the lock, in one read snapshot (the log cannot move
 *   under it) — or, when that is more than `RELOAD_BEYOND` entries, reloads
 *   from the latest checkpoint.
 * Calls are serialised within the process (one service, one clusterer).
 */
export interface StoreStep {
  (items: readonly StoreItem[]): Promise<IngestOutcome[]>;
  catchUp(): Promise<void>;
  tryHold<T>(fn: (store: StoreLocked) => Promise<T>): Promise<HoldResult<T>>;
}

/**
 * The ingest service decides (duplicates, entities, statements, event,
 * provenance) and `store.commit` writes, at most once per job key — a step
 * retried after its commit returns the first outcome. The service keeps its
 * clusterer in memory and, under the lock, replays what other writers
 * committed since (nobody commits in between), so every decision sees every
 * earlier article.
 */
export function storeStep(store: PostgresStore, opts: StoreStepOptions = {}): StoreStep {
  const now = opts.now ?? (() => new Date());
  const whileLocked = opts.whileLocked ?? (<T>(fn: () => Promise<T>) => fn());
  let service: IngestService | null = null;
  /** The cluster-log head the service had seen when last known (the end of its last hold or catch-up). */
  let seen = 0;
  const open = async (): Promise<IngestService> => (service ??= await IngestService.open(store, { now }));

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const storeLocked: StoreLocked = async (items) => {
    const svc = await open();
    const done = await store.outcomesFor(items.map((i) => outcomeKey(i.key)));
    const out: IngestOutcome[] = [];
    /** Staged pages of inputs decided before (a job handed out again): no commit will take them. */
    const unneeded: string[] = [];
    try {
      for (const { key, raw, article, staged, places } of items) {
        const k = outcomeKey(key);
        // A key seen twice in one batch (a job handed out again) is stored by its first occurrence.
        const known = done.get(k);
        if (known !== undefined && staged === true) unneeded.push(k);
        const outcome = known ?? (await store.withIngestKey(k, () => svc.ingestArticle(raw, article, undefined, places), { rawStaged: staged === true }));
        done.set(k, outcome);
        out.push(outcome);
      }
      await store.dropStagedRaw(unneeded);
    } finally {
      seen = await store.clusterHead(); // within a hold: the head this holder's commits left (no query)
    }
    return out;
  };

  const step = ((items: readonly StoreItem[]) => exclusive(() => store.withIngestLock(() => whileLocked(() => storeLocked(items))))) as StoreStep;
  step.catchUp = () =>
    exclusive(() =>
      store.withReadSnapshot(async () => {
        const head = await store.clusterHead();
        if (service !== null && head - seen > RELOAD_BEYOND) service = null;
        if (service === null) await open(); // opening reads the checkpoint and replays the entries after it
        else await service.catchUp();
        seen = head;
      }),
    );
  step.tryHold = <T>(fn: (store: StoreLocked) => Promise<T>) =>
    exclusive(async (): Promise<HoldResult<T>> => {
      const r = await store.tryIngestLock(async (): Promise<HoldResult<T>> => {
        const behind = (await store.clusterHead()) - seen;
        if (service === null || behind > REPLAY_UNDER_LOCK) return { status: 'behind', entries: behind };
        return { status: 'held', value: await fn(storeLocked) };
      });
      return r.held ? r.value : { status: 'busy' };
    });
  return step;
}
