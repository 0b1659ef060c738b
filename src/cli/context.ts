/**
 * What every command shares: opening the configured store, printing JSON
 * lines and tables, and the exit-code convention (0 ok, 1 some inputs
 * rejected, 2 usage or fatal error).
 */
import type { Command } from 'commander';
import type { FetchPolicy } from '../fetch/safe-fetcher.js';
import { SqliteStore, defaultDbPath } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store-port.js';

export const EXIT_OK = 0;
export const EXIT_SOME_REJECTED = 1;
export const EXIT_FATAL = 2;

/** A usage or configuration problem: reported on stderr, exit code 2. */
export class UsageError extends Error {}

/** `--db` wins over `STORYLINE_DB`, which wins over `./storyline.db`. */
export function resolveDb(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? defaultDbPath(env);
}

/** A `postgres://` (or `postgresql://`) URL rather than a SQLite file. */
export function isPostgres(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

export async function openStore(db: string): Promise<Store> {
  if (isPostgres(db)) {
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    return openPostgresStore({ url: db });
  }
  return new SqliteStore(db);
}

export function dbOption(cmd: Command): Command {
  return cmd.option('--db <path|url>', 'store: a SQLite file or a postgres:// URL (default: $STORYLINE_DB or ./storyline.db)');
}

/** What the address options of a fetching command gave. */
export interface AddressOptions {
  allowPrivate?: boolean;
  allowHost?: string[];
}

/**
 * The safe fetcher's address options, for every command that fetches: `--allow-host` (repeatable) lets one host
 * through the private-address check, `--allow-private` lets every private or loopback address through.
 */
export function addressOptions(cmd: Command, allowPrivateHelp = 'allow every private/loopback address (tests)'): Command {
  return cmd
    .option('--allow-host <host[:port]>', 'let this one host through the private-address check (an intranet server); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--allow-private', allowPrivateHelp);
}

export function addressPolicy(opts: AddressOptions): FetchPolicy {
  return { ...(opts.allowPrivate ? { allowPrivate: true } : {}), ...(opts.allowHost !== undefined && opts.allowHost.length > 0 ? { allowHosts: opts.allowHost } : {}) };
}

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDb(db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A plain text table: column widths from the content, long cells cut. */
export function formatTable(headers: string[], rows: (string | number | null)[][], maxWidth = 60): string {
  const cells = rows.map((r) => r.map((c) => {
    const s = String(c ?? '—').replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  }));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

export function parseLimit(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 1) throw new UsageError(`--limit must be a positive integer, got "${value}"`);
  return n;
}
