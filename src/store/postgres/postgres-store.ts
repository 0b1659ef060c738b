/**
 * The PostgreSQL store: the same `Store` port as SQLite, for a shared team
 * deployment with many workers. The ingest service decides and the store
 * writes each decision in one transaction; `withIngestLock` (an advisory lock
 * held across the service's reads, decision and commit) serialises ingest
 * across processes and machines, so two workers can never put the same
 * article in twice or split one event in two.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Article, ArticleId, Entity, IngestOutcome, PlaceMention, ReasonCode } from '../../model/types.js';
import type { ClusterCheckpoint, ClusteringChange, ClusterLogEntry, CorpusEntity, IngestBundle, SettledState, StatementRecord, Store } from '../store-port.js';
import * as commitOps from './pg-commit.js';
import { migrate } from './pg-migrations.js';
import { fastCompressionOption, followMerges, recordRejection, refreshEvent, shortHash, type Q } from './pg-sql.js';
import { PgReader } from './pg-reads.js';
import { mentionsOfAlias } from '../entity-split.js';
import { entityMatchKey } from '../../enrich/entities/entity-merge.js';
import type { EntityType } from '../../model/types.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/db` */
  url: string;
  /** A schema to keep the tables in (created when missing); default `public`. Tests use one schema per run. */
  schema?: string;
  /** The clock for `ingested_at` / history timestamps (an edge: injected so tests are deterministic). */
  now?: () => string;
  poolSize?: number;
}

/** One hold of the ingest lock: the cluster-log head as far as this holder knows it (null: ask the database). */
interface LockHold {
  head: number | null;
  /** Set when the lock's connection ends or fails: the session lock is gone with it, so nothing more may be written. */
  lost: boolean;
  /** Manual entity decisions, read once per hold: only a lock holder adds them (mergeEntities, splitEntity). */
  overrides: EntityOverride[] | null;
  /** The settled position, read once per hold: only a lock holder settles (applyClustering sets it). */
  settled: number | null;
}

type EntityOverride = { action: 'merge' | 'split'; entityId: string; other: string };

/** Per async call chain: the ingest-lock hold it runs in, its idempotency key, and the read snapshot it reads the cluster log in. */
interface CallCtx {
  hold: LockHold | null;
  key: string | null;
  /** The input's page waits in `staged_raw` under `key` (`stageRaw`): the commit stores that one, whatever `bundle.raw` holds. */
  staged?: boolean;
  snapshot?: { client: pg.PoolClient; head: number };
}

/** The advisory lock serialising ingest into the `public` schema (any fixed 64-bit number). */
export const INGEST_LOCK = 7_415_402_102;

/**
 * The ingest lock of a store's schema: `INGEST_LOCK` for `public`, and a key
 * derived from the name for any other, so that stores in separate schemas of
 * one database (tests, benchmarks, several corpora) do not wait for each other.
 */
export function ingestLockKey(schema: string): number {
  if (schema === 'public') return INGEST_LOCK;
  // 52 bits of the name's hash: an exact JavaScript number, a valid bigint lock key.
  return Number.parseInt(shortHash(`storyline ingest lock\n${schema}`, 13), 16);
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return `"${name}"`;
}

export class PostgresStore extends PgReader implements Store {
  readonly kind = 'postgres' as const;
  /** Per async call chain: the ingest-lock hold it runs in (if any), and the idempotency key its writes record. */
  private readonly ctx = new AsyncLocalStorage<CallCtx>();

  private constructor(
    readonly pool: pg.Pool,
    /** This store's ingest lock key (`ingestLockKey` of its schema). */
    readonly lockKey: number,
    private readonly now: () => string,
  ) {
    super(pool);
  }

  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = opts.schema ?? 'public';
    const compression = await fastCompressionOption(opts.url);
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 4,
      options: `-c search_path=${quoteIdent(schema)}${compression === '' ? '' : ` ${compression}`}`,
    });
    // A dropped connection must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      // IF NOT EXISTS is not safe against a concurrent create (several workers starting at once): the loser is told it exists.
      if (schema !== 'public') {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`).catch((err: { code?: string }) => {
          if (err.code !== '23505' && err.code !== '42P06') throw err;
        });
      }
      await migrate(client);
    } finally {
      client.release();
    }
    return new PostgresStore(pool, ingestLockKey(schema), opts.now ?? (() => new Date().toISOString()));
  }

  // ---- the ingest-service port: reads while deciding, then one commit --------------------

  /**
   * Holds the store-wide ingest lock (a session advisory lock on a dedicated
   * connection) while `fn` reads, decides and commits. Re-entrant within one
   * call chain. A process that dies releases it with its connection.
   */
  async withIngestLock<T>(fn: () => Promise<T>): Promise<T> {
    const r = await this.lockAnd(false, fn);
    if (!r.held) throw new Error('ingest lock not taken'); // not reached: a waiting lock is always taken
    return r.value;
  }

  /**
   * `withIngestLock` without waiting: when another session holds the lock,
   * returns `{ held: false }` at once and `fn` does not run. A worker uses it
   * to keep storing while cluster jobs are queued, instead of queueing up
   * behind the other workers (each hold hands over the clusterer's position).
   */
  tryIngestLock<T>(fn: () => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
    return this.lockAnd(true, fn);
  }

  private async lockAnd<T>(tryOnly: boolean, fn: () => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
    const cur = this.ctx.getStore();
    if (cur?.hold != null) return { held: true, value: await fn() };
    const client = await this.pool.connect();
    const hold: LockHold = { head: null, overrides: null, lost: false, settled: null };
    const lost = (): void => void (hold.lost = true);
    let broken = false;
    try {
      if (tryOnly) {
        const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.lockKey]);
        if (got.rows[0]?.ok !== true) return { held: false };
      } else {
        await client.query('SELECT pg_advisory_lock($1)', [this.lockKey]);
      }
      client.on('error', lost);
      client.on('end', lost);
      try {
        return { held: true, value: await this.ctx.run({ hold, key: cur?.key ?? null, ...(cur?.staged === true ? { staged: true } : {}) }, fn) };
      } finally {
        client.off('error', lost);
        client.off('end', lost);
        // A connection that could not unlock must not go back to the pool still holding the lock: close it.
        await client.query('SELECT pg_advisory_unlock($1)', [this.lockKey]).catch(() => void (broken = true));
      }
    } catch (err) {
      broken ||= hold.lost;
      throw err;
    } finally {
      client.release(broken || hold.lost);
    }
  }

  /**
   * Whether another session is waiting for this store's ingest lock
   * (`withIngestLock`: a `storyline ingest`, `settle` or entity edit). A
   * worker that keeps the lock while it stores lets go early when one is.
   */
  async ingestLockWaited(): Promise<boolean> {
    const key = BigInt(this.lockKey);
    const r = await this.pool.query<{ waited: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1::bigint::oid AND objid = $2::bigint::oid
         AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS waited`,
      [String(key >> 32n), String(key & 0xffffffffn)],
    );
    return r.rows[0]?.waited === true;
  }

  /**
   * Runs `fn` with the cluster-log reads (`loadClusterState`, `clusterHead`,
   * `clusterLog`) in one read-only REPEATABLE READ snapshot, so that a worker
   * can replay the log without the ingest lock while others append to it: the
   * head and the pages it reads agree. Under the lock (where only the holder
   * appends) it just runs `fn`.
   */
  async withReadSnapshot<T>(fn: () => Promise<T>): Promise<T> {
    const cur = this.ctx.getStore();
    if (cur?.hold != null || cur?.snapshot !== undefined) return fn();
    const client = await this.pool.connect();
    let broken = false;
    try {
      // One round trip: the snapshot starts with its first query, which reads the head.
      const r = (await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT coalesce(max(seq), 0) AS head FROM cluster_log')) as unknown as pg.QueryResult<{ head: string }>[];
      const head = Number(r[1]?.rows[0]?.head ?? 0);
      const value = await this.ctx.run({ hold: null, key: cur?.key ?? null, ...(cur?.staged === true ? { staged: true } : {}), snapshot: { client, head } }, fn);
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => void (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** Where the cluster-log reads go: the caller's snapshot, else the pool. */
  private logReader(): Q {
    return this.ctx.getStore()?.snapshot?.client ?? this.pool;
  }

  /**
   * Runs `fn` with an idempotency key: the commit, duplicate or rejection it
   * writes records the key in the same transaction, and `outcomesFor`
   * returns it afterwards, so a worker step retried after a crash can tell
   * that its write already happened.
   */
  withIngestKey<T>(key: string, fn: () => Promise<T>, opts: { rawStaged?: boolean } = {}): Promise<T> {
    const cur = this.ctx.getStore();
    return this.ctx.run({ hold: cur?.hold ?? null, key, ...(opts.rawStaged === true ? { staged: true } : {}), ...(cur?.snapshot !== undefined ? { snapshot: cur.snapshot } : {}) }, fn);
  }

  /**
   * Copies the pages of analysis jobs into `staged_raw`, inside the database (`data->'doc'` of each job's row in
   * pg-boss's job table, in `queueSchema` of the same database, so the page does not travel through the worker
   * again), under the idempotency keys their store steps will run with (`withIngestKey(key, fn, { rawStaged: true })`):
   * that step's commit then moves the page into the article's row, and a duplicate drops it. A key staged again
   * takes the newer page. Returns the keys staged: not those of a job row not found or without a page, nor those
   * whose input was decided already (a job run again after its store step: nothing would take the page).
   */
  async stageRaw(queueSchema: string, queue: string, jobs: readonly { key: string; jobId: string }[]): Promise<Set<string>> {
    if (jobs.length === 0) return new Set();
    const byKey = new Map(jobs.map((j) => [j.key, j.jobId])); // one row per key: an upsert may not touch a row twice
    // One look-up by primary key (name, id) per job, each page read once (a join may scan the queue's every row).
    const r = await this.pool.query<{ key: string }>(
      `WITH pages AS MATERIALIZED (
         SELECT x.key, (SELECT j.data->'doc' FROM "${queueSchema.replace(/"/g, '""')}".job j WHERE j.name = $3 AND j.id = x.id) AS raw
         FROM unnest($1::text[], $2::uuid[]) AS x(key, id) WHERE NOT EXISTS (SELECT 1 FROM step_outcomes o WHERE o.key = x.key)
       )
       INSERT INTO staged_raw (key, raw, at) SELECT key, raw, now() FROM pages WHERE jsonb_typeof(raw) = 'object'
       ON CONFLICT (key) DO UPDATE SET raw = EXCLUDED.raw, at = EXCLUDED.at
       RETURNING key`,
      [[...byKey.keys()], [...byKey.values()], queue],
    );
    return new Set(r.rows.map((x) => x.key));
  }

  /** Drops staged pages no commit will take (their inputs were decided before: a job handed out again). */
  async dropStagedRaw(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.pool.query('DELETE FROM staged_raw WHERE key = ANY($1)', [keys]);
  }

  /** The recorded outcomes of those keys that have one (one query for a worker's whole batch). */
  async outcomesFor(keys: readonly string[]): Promise<Map<string, IngestOutcome>> {
    if (keys.length === 0) return new Map();
    const r = await this.pool.query<{ key: string; outcome: IngestOutcome }>('SELECT key, outcome FROM step_outcomes WHERE key = ANY($1)', [keys]);
    return new Map(r.rows.map((x) => [x.key, x.outcome]));
  }

  /** One transaction with the current idempotency key (if any) recorded beside the write. */
  private async writeTx(fn: (q: Q) => Promise<IngestOutcome>): Promise<IngestOutcome> {
    const cur = this.ctx.getStore();
    const key = cur?.key ?? null;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const outcome = await fn(client);
      if (key !== null) {
        await client.query('INSERT INTO step_outcomes (key, outcome, at) VALUES ($1,$2,$3) ON CONFLICT (key) DO NOTHING', [key, JSON.stringify(outcome), this.now()]);
        // Not stored: its staged page is not needed.
        if (cur?.staged === true) await client.query('DELETE FROM staged_raw WHERE key = $1', [key]);
      }
      await client.query('COMMIT');
      return outcome;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** One bundle, atomically, with the current idempotency key (if any) recorded beside it. */
  async commit(bundle: IngestBundle): Promise<IngestOutcome> {
    const cur = this.ctx.getStore();
    const hold = cur?.hold ?? null;
    if (hold?.lost === true) throw new Error('the ingest lock was lost with its connection: not committing');
    if (hold !== null) hold.head = null; // unknown until this commit's entry is in
    const key = cur?.key ?? null;
    const { outcome, seq } = await commitOps.commitBundle({ pool: this.pool, transaction: (fn) => this.inTransaction(fn) }, bundle, key, cur?.staged === true ? key : null);
    if (hold !== null) hold.head = seq;
    return outcome;
  }

  duplicate(source: string, of: ArticleId, reason: ReasonCode): Promise<IngestOutcome> {
    return this.writeTx(async (q) => {
      await q.query('INSERT INTO inputs (source, status, article_id, reason, detail, at) VALUES ($1,$2,$3,$4,$5,$6)', [source, 'duplicate', of, reason, null, this.now()]);
      return { status: 'duplicate', source, duplicateOf: of, reason };
    });
  }

  findDuplicate(contentHash: string, url: string | null): Promise<{ articleId: ArticleId; reason: 'duplicate-content' | 'duplicate-url' } | null> {
    return commitOps.findDuplicate(this.pool, contentHash, url);
  }

  allFingerprints(): Promise<{ id: ArticleId; simhash: string }[]> {
    return commitOps.allFingerprints(this.pool);
  }

  loadClusterState(): Promise<ClusterCheckpoint | null> {
    return commitOps.loadClusterState(this.logReader());
  }

  /**
   * Within one hold of the ingest lock only this holder appends to the log, so
   * the head is read once per hold and then follows this holder's commits
   * (a worker's batch asks before and after every article).
   */
  async clusterHead(): Promise<number> {
    const cur = this.ctx.getStore();
    if (cur?.snapshot !== undefined) return cur.snapshot.head;
    const hold = cur?.hold ?? null;
    if (hold?.head != null) return hold.head;
    const head = await commitOps.clusterHead(this.pool);
    if (hold !== null) hold.head = head;
    return head;
  }

  clusterLog(afterSeq: number, limit: number): Promise<ClusterLogEntry[]> {
    return commitOps.clusterLog(this.logReader(), afterSeq, limit);
  }

  /** Runs `fn` in one transaction on a pooled client (rolled back if it throws). */
  private async inTransaction<T>(fn: (q: Q) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async settledSeq(): Promise<number> {
    const hold = this.ctx.getStore()?.hold ?? null;
    if (hold?.settled != null) return hold.settled;
    const settled = await commitOps.settledSeq(this.logReader());
    if (hold !== null) hold.settled = settled;
    return settled;
  }

  settledState(): Promise<SettledState | null> {
    return commitOps.settledState(this.logReader());
  }

  applyClustering(change: ClusteringChange): Promise<void> {
    const hold = this.ctx.getStore()?.hold ?? null;
    if (hold !== null) hold.settled = null; // written by this change: ask again
    return this.inTransaction((q) => commitOps.applyClustering(q, change));
  }

  entitiesByKeys(keys: string[]): Promise<CorpusEntity[]> {
    return commitOps.entitiesByKeys(this.pool, keys);
  }

  async entityOverrides(): Promise<EntityOverride[]> {
    const hold = this.ctx.getStore()?.hold ?? null;
    if (hold?.overrides != null) return hold.overrides;
    const overrides = await commitOps.entityOverrides(this.pool);
    if (hold !== null) hold.overrides = overrides;
    return overrides;
  }

  statementsBySpeakers(speakers: string[]): Promise<(StatementRecord & { renderings: string[] })[]> {
    return commitOps.statementsBySpeakers(this.pool, speakers);
  }

  statementsOfArticles(articleIds: string[]): Promise<(StatementRecord & { renderings: string[] })[]> {
    return commitOps.statementsOfArticles(this.pool, articleIds);
  }

  eventArticles(eventIds: string[]): Promise<Article[]> {
    return commitOps.eventArticles(this.pool, eventIds);
  }

  async outletArticles(outlet: string, limit: number): Promise<Article[]> {
    const r = await this.pool.query<{ doc: Article }>('SELECT doc FROM articles WHERE outlet = $1 ORDER BY seq DESC LIMIT $2', [outlet, Math.max(1, limit)]);
    return r.rows.map((x) => x.doc);
  }

  replacePlaces(updates: { articleId: ArticleId; places: PlaceMention[]; entityTable: Entity[] }[]): Promise<void> {
    return this.inTransaction(async (q) => {
      const rewritten: string[] = [];
      for (const u of updates) {
        const r = await q.query(`UPDATE articles SET doc = doc || jsonb_build_object('places', $2::jsonb, 'entityTable', $3::jsonb) WHERE id = $1`, [u.articleId, JSON.stringify(u.places), JSON.stringify(u.entityTable)]);
        if ((r.rowCount ?? 0) > 0) rewritten.push(u.articleId);
        await q.query('DELETE FROM places WHERE article_id = $1', [u.articleId]);
        for (const p of u.places) {
          await q.query('INSERT INTO places (article_id, name, lat, lon, country, geoname_id) VALUES ($1,$2,$3,$4,$5,$6)', [u.articleId, p.name, p.lat, p.lon, p.country, p.geonameId]);
        }
      }
      await commitOps.placesChanged(q, rewritten);
    });
  }

  articleById(id: string): Promise<Article | null> {
    return commitOps.articleById(this.pool, id);
  }

  async reject(source: string, reason: ReasonCode, detail?: string): Promise<IngestOutcome> {
    return this.writeTx((q) => recordRejection(q, source, reason, detail ?? null, this.now()));
  }

  /** Same as `reject`, at most once per key. */
  async rejectOnce(key: string, source: string, reason: ReasonCode, detail?: string): Promise<IngestOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const ins = await client.query('INSERT INTO step_outcomes (key, outcome, at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
        key, JSON.stringify({ status: 'rejected', source, reason, ...(detail !== undefined ? { detail } : {}) }), this.now(),
      ]);
      if ((ins.rowCount ?? 0) === 1) await recordRejection(client, source, reason, detail ?? null, this.now());
      await client.query('COMMIT');
      const r = await this.pool.query<{ outcome: IngestOutcome }>('SELECT outcome FROM step_outcomes WHERE key = $1', [key]);
      return r.rows[0]?.outcome ?? { status: 'rejected', source, reason };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** A manual entity edit: one transaction under the ingest lock, so no ingest decides on half of it. */
  private lockedTransaction<T>(fn: (q: Q) => Promise<T>): Promise<T> {
    return this.withIngestLock(async () => {
      const hold = this.ctx.getStore()?.hold ?? null;
      if (hold !== null) hold.overrides = null; // this edit adds one
      return this.inTransaction(fn);
    });
  }

  async mergeEntities(keepId: string, mergeId: string, note: string): Promise<void> {
    await this.lockedTransaction(async (q) => {
      const keep = await followMerges(q, keepId);
      const gone = await followMerges(q, mergeId);
      if (keep === gone) return;
      const rows = await q.query<{ id: string; name: string; aliases: string[] }>('SELECT id, name, aliases FROM entities WHERE id = ANY($1)', [[keep, gone]]);
      const k = rows.rows.find((r) => r.id === keep);
      const g = rows.rows.find((r) => r.id === gone);
      if (k === undefined || g === undefined) throw new Error(`unknown entity: ${k === undefined ? keepId : mergeId}`);
      const aliases = [...new Set([...k.aliases, g.name, ...g.aliases])].filter((a) => a !== k.name);
      await q.query('UPDATE entities SET aliases = $2 WHERE id = $1', [keep, JSON.stringify(aliases)]);
      await q.query('UPDATE entities SET merged_into = $2, merge_reason = $3 WHERE id = $1', [gone, keep, note]);
      await q.query('UPDATE entity_mentions SET entity_id = $2 WHERE entity_id = $1', [gone, keep]);
      await q.query('UPDATE statements SET speaker_entity_id = $2 WHERE speaker_entity_id = $1', [gone, keep]);
      await q.query('UPDATE quotes SET speaker_entity_id = $2 WHERE speaker_entity_id = $1', [gone, keep]);
      await q.query('INSERT INTO entity_overrides (action, entity_id, other, note, at) VALUES ($1,$2,$3,$4,$5)', ['merge', keep, gone, note, this.now()]);
      await this.refreshEventsOf(q, keep);
    });
  }

  async splitEntity(entityId: string, alias: string, note: string): Promise<string> {
    return this.lockedTransaction(async (q) => {
      const id = await followMerges(q, entityId);
      const r = await q.query<{ type: string; aliases: string[] }>('SELECT type, aliases FROM entities WHERE id = $1', [id]);
      const row = r.rows[0];
      if (row === undefined) throw new Error(`unknown entity: ${entityId}`);
      const newId = `ent_${shortHash(`${id}\n${alias}\nsplit`, 12)}`;
      // The new entity owns the alias's match key, so later mentions of the alias resolve to it, not back to the old one.
      await q.query(
        `INSERT INTO entities (id, name, type, match_key, aliases, roles, merge_reason) VALUES ($1,$2,$3,$4,'[]','[]',$5)
         ON CONFLICT (id) DO UPDATE SET merged_into = NULL`,
        [newId, alias, row.type, entityMatchKey(alias, row.type as EntityType), `split from ${id}: ${note}`],
      );
      await q.query('UPDATE entities SET aliases = $2 WHERE id = $1', [id, JSON.stringify(row.aliases.filter((a) => a.toLowerCase() !== alias.toLowerCase()))]);
      // Every mention of the split-off name in the articles that use it (surname-only mentions too).
      const docs = await q.query<{ id: string; doc: Article }>(
        'SELECT a.id, a.doc FROM articles a WHERE a.id IN (SELECT article_id FROM entity_mentions WHERE entity_id = $1 AND lower(text) = lower($2))',
        [id, alias],
      );
      for (const d of docs.rows) {
        for (const span of mentionsOfAlias(d.doc, alias)) {
          await q.query('UPDATE entity_mentions SET entity_id = $1 WHERE article_id = $2 AND entity_id = $3 AND start = $4 AND "end" = $5', [newId, d.id, id, span.start, span.end]);
        }
      }
      await q.query('UPDATE entity_mentions SET entity_id = $3 WHERE entity_id = $1 AND lower(text) = lower($2)', [id, alias, newId]);
      await q.query('UPDATE entities SET match_key = $2 WHERE id = $1 AND match_key = $3', [id, `${entityMatchKey(alias, row.type as EntityType)}#split`, entityMatchKey(alias, row.type as EntityType)]);
      await q.query('INSERT INTO entity_overrides (action, entity_id, other, note, at) VALUES ($1,$2,$3,$4,$5)', ['split', id, alias, note, this.now()]);
      await this.refreshEventsOf(q, id);
      return newId;
    });
  }

  private async refreshEventsOf(q: Q, entityId: string): Promise<void> {
    const evs = await q.query<{ event_id: string }>(
      'SELECT DISTINCT a.event_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = $1 AND a.event_id IS NOT NULL',
      [entityId],
    );
    for (const e of evs.rows) await refreshEvent(q, e.event_id);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export function openPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  return PostgresStore.open(opts);
}

/** True for `postgres://` and `postgresql://` URLs (what `--db` / `STORYLINE_DB` select the backend by). */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
