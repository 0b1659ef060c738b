/**
 * One `storyline worker` for the ingest benchmark (the project pipeline and ingest service, defaults).
 *
 * With WORKER_PROFILE=1 it also counts, and prints as one JSON line on stderr when stopped: the articles it
 * stored, its PostgreSQL round trips (store and queue) and the milliseconds it held the ingest lock.
 */
import pg from 'pg';
import { ingestLockKey } from '../../src/store/postgres/postgres-store.js';
import { runEnvWorker } from './env-worker.js';

const stats = { pid: process.pid, roundTrips: 0, lockHeldMs: 0 };
const profile = process.env['WORKER_PROFILE'] === '1';
if (profile) {
  // Every query of this process goes through pg's Client (the store's pool and pg-boss's alike).
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  let lockedAt: number | null = null;
  // The store's lock key for its schema; taken by pg_advisory_lock or by a pg_try_advisory_lock that answered true.
  const lockKey = ingestLockKey(process.env['WORKER_SCHEMA'] ?? 'public');
  proto.query = function (this: unknown, ...args: unknown[]): unknown {
    stats.roundTrips += 1;
    const sql = typeof args[0] === 'string' ? args[0] : '';
    const ingestLock = Array.isArray(args[1]) && args[1][0] === lockKey;
    if (ingestLock && sql.startsWith('SELECT pg_advisory_unlock(') && lockedAt !== null) {
      stats.lockHeldMs += performance.now() - lockedAt;
      lockedAt = null;
    }
    const result = query.apply(this, args);
    if (ingestLock && sql.startsWith('SELECT pg_advisory_lock(') && result instanceof Promise) {
      result.then(() => (lockedAt = performance.now()), () => undefined);
    }
    if (ingestLock && sql.startsWith('SELECT pg_try_advisory_lock(') && result instanceof Promise) {
      result.then((r) => {
        if ((r as { rows?: { ok?: boolean }[] }).rows?.[0]?.ok === true) lockedAt = performance.now();
      }, () => undefined);
    }
    return result;
  };
}

await runEnvWorker((stored) => {
  if (profile) process.stderr.write(`${JSON.stringify({ workerProfile: { ...stats, stored } })}\n`);
});
