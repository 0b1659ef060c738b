/**
 * The shared job queue (pg-boss, in PostgreSQL): queue names, job payloads,
 * deterministic job ids, and enqueueing. One input flows
 *   fetch (URLs only) → extract (the whole analysis) → cluster (store + event assignment)
 * as one job per step (`enrich` is served for jobs queued when extract and
 * enrich were separate steps). A job id is derived from the step and the input's key,
 * so enqueueing the same input twice, or a step re-sending its successor after
 * a crash, inserts nothing new.
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Article, ExtractedArticle, RawDocument } from '../model/types.js';
import type { PlaceEvidence } from '../enrich/places/place-resolver.js';
import { fastCompressionOption } from '../store/postgres/pg-sql.js';

export const QUEUES = {
  fetch: 'storyline-fetch',
  extract: 'storyline-extract',
  enrich: 'storyline-enrich',
  cluster: 'storyline-cluster',
  dead: 'storyline-dead',
} as const;

export type StepName = 'fetch' | 'extract' | 'enrich' | 'cluster';
export const STEPS: readonly StepName[] = ['fetch', 'extract', 'enrich', 'cluster'];

export interface FetchJob {
  key: string;
  url: string;
  outlet?: string;
  language?: string;
  title?: string;
  publishedAt?: string;
}
export interface ExtractJob {
  key: string;
  doc: RawDocument;
}
export interface EnrichJob {
  key: string;
  doc: RawDocument;
  extracted: ExtractedArticle;
}
/**
 * The store step's job: the analysed article and its page. The page is either
 * in the job (`doc`: jobs queued by workers before staging, or when staging
 * found no page to copy) or waiting in the store's `staged_raw` table under
 * the job's idempotency key (`staged`: the page's fields but its content,
 * which the store step does not read). A job without `doc` fails on a worker
 * from before staging (it cannot store the page) rather than storing it wrong.
 *
 * `places`: what the analysis step's place resolver collected from the article
 * (`placeEvidence`, about 0.6 kB of JSON on the bench corpus), so the storer
 * scores the outlet's reading from it instead of collecting again. Optional
 * (jobs queued before it have none) and read as untrusted data: evidence that
 * is malformed or does not fit the article is ignored (see `placeEvidenceOf`).
 */
export type ClusterJob = { key: string; article: Article; places?: PlaceEvidence } & ({ doc: RawDocument; staged?: undefined } | { staged: StagedPage; doc?: undefined });

/** A staged page's fields but `content` (kept in the store until its commit). */
export type StagedPage = Omit<RawDocument, 'content'>;

export interface QueueSettings {
  /** Attempts after the first before a job goes to the dead-letter queue. Default 3. */
  retryLimit?: number;
  /** Seconds before the first retry (doubled each time with jitter). Default 5. */
  retryDelaySeconds?: number;
  /** An active job not finished within this many seconds is presumed dead (its worker crashed) and retried. Default 300. */
  expireInSeconds?: number;
}

/** A UUID made from a string, so one input's job for one step always has the same id. */
export function jobId(step: StepName, key: string): string {
  const h = createHash('sha1').update(`${step}\n${key}`).digest('hex');
  // Shape it as a version-5-style UUID (pg-boss job ids are uuid columns).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export interface BossOptions {
  /** PostgreSQL URL. */
  db: string;
  /** pg-boss's own schema. Default `pgboss`. */
  queueSchema?: string;
  /** How often this process runs pg-boss maintenance (expiring jobs of crashed workers). Default 30 s. */
  maintenanceIntervalSeconds?: number;
  poolSize?: number;
}

/** Starts pg-boss (creating its schema on first use) and the Storyline queues. */
export async function startBoss(opts: BossOptions, settings: QueueSettings = {}): Promise<PgBoss> {
  const compression = await fastCompressionOption(opts.db);
  const boss = new PgBoss({
    connectionString: opts.db,
    // Passed on to pg's pool: payloads (pages) compressed with lz4 where the server can.
    ...(compression === '' ? {} : ({ options: compression } as object)),
    schema: opts.queueSchema ?? 'pgboss',
    max: opts.poolSize ?? 4,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', () => undefined); // reported per job; a transient connection error must not kill the worker
  await boss.start();
  await boss.createQueue(QUEUES.dead);
  for (const step of STEPS) {
    await boss.createQueue(QUEUES[step], {
      name: QUEUES[step],
      retryLimit: settings.retryLimit ?? 3,
      retryDelay: settings.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: settings.expireInSeconds ?? 300,
      deadLetter: QUEUES.dead,
    });
  }
  return boss;
}

const INSERT_BATCH = 500;

async function insertAll(boss: PgBoss, step: StepName, items: AsyncIterable<{ key: string; data: object }> | Iterable<{ key: string; data: object }>): Promise<number> {
  let batch: PgBoss.JobInsert[] = [];
  let n = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await boss.insert(batch);
    n += batch.length;
    batch = [];
  };
  for await (const it of items) {
    batch.push({ id: jobId(step, it.key), name: QUEUES[step], data: it.data, deadLetter: QUEUES.dead });
    if (batch.length >= INSERT_BATCH) await flush();
  }
  await flush();
  return n;
}

/** Enqueues documents already read (files, WARC records, JSON lines): they start at the extract step. Key: `doc.source`. */
export async function enqueueDocuments(boss: PgBoss, docs: AsyncIterable<RawDocument> | Iterable<RawDocument>): Promise<number> {
  async function* jobs(): AsyncGenerator<{ key: string; data: ExtractJob }> {
    for await (const doc of docs) yield { key: doc.source, data: { key: doc.source, doc } };
  }
  return insertAll(boss, 'extract', jobs());
}

/** Enqueues URLs to fetch (feeds, `ingest URL`). Key: the URL. */
export async function enqueueUrls(boss: PgBoss, urls: Iterable<Omit<FetchJob, 'key'>>): Promise<number> {
  const jobs = [...urls].map((u) => ({ key: u.url, data: { ...u, key: u.url } satisfies FetchJob }));
  return insertAll(boss, 'fetch', jobs);
}

/** Jobs not finished yet, per state, across the Storyline queues (what `storyline worker --status` prints). */
export async function queueCounts(boss: PgBoss, queueSchema = 'pgboss'): Promise<Record<string, number>> {
  const db = boss.getDb() as { executeSql(sql: string, values: unknown[]): Promise<{ rows: { name: string; state: string; n: string }[] }> };
  const r = await db.executeSql(
    `SELECT name, state::text AS state, count(*) AS n FROM "${queueSchema.replace(/"/g, '')}".job WHERE name LIKE 'storyline-%' GROUP BY name, state`,
    [],
  );
  const out: Record<string, number> = {};
  for (const row of r.rows) out[`${row.name}:${row.state}`] = Number(row.n);
  return out;
}
