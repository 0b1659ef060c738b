/**
 * The child process of ingest-crash.test.ts: an ingest run (runIngest, one analysis thread, group commit) of the
 * inputs under a folder into a SQLite file. Prints each reported outcome as a JSON line on stdout, and `wrote
 * <source>` on stderr after each of the store's writes returns (before its group is committed), so that the test
 * can kill it while a group is held.
 *
 *   node --import tsx test/pipeline/ingest-crash-child.ts <db> <input folder> <group inputs> <group ms>
 */
import { readInputs } from '../../src/ingest/input-reader.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const [db, folder, inputs, ms] = process.argv.slice(2);
if (db === undefined || folder === undefined) throw new Error('usage: ingest-crash-child.ts <db> <folder> [group inputs] [group ms]');
const store = new SqliteStore(db);
const wrote = <A extends unknown[], R>(write: (...a: A) => Promise<R>, source: (...a: A) => string) => async (...a: A): Promise<R> => {
  const r = await write(...a);
  process.stderr.write(`wrote ${source(...a)}\n`);
  return r;
};
store.commit = wrote(store.commit.bind(store), (b) => b.raw.source);
store.duplicate = wrote(store.duplicate.bind(store), (s) => s);
store.reject = wrote(store.reject.bind(store), (s) => s);
await runIngest(store, readInputs([folder]), {
  threads: 1,
  now: () => new Date('2026-11-24T00:00:00Z'),
  group: { inputs: Number(inputs ?? 32), ms: Number(ms ?? 100) },
  onOutcome: (o) => process.stdout.write(`${JSON.stringify(o)}\n`),
});
await store.close();
