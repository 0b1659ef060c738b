/**
 * Per-host politeness for `storyline worker` fetch jobs and for `storyline
 * follow` on PostgreSQL, shared through PostgreSQL (table `fetch_hosts`) so
 * it holds across processes and machines: a follower and the workers take
 * their turns at a host from the same row. The rules (gap, Crawl-delay,
 * robots.txt reading and TTL) are `fetch/politeness-rules.ts`, the same as
 * `ingest <url>` and `follow` on SQLite use in one process
 * (`HostPoliteness`); both offer `PoliteHosts`.
 *
 * - A host has one turn: a worker takes it with one statement (an upsert that
 *   hands the turn over only when nobody holds it and the host's `next_at`
 *   has passed), makes one request, and gives it back setting `next_at` to
 *   the end of that request plus the host's gap. So two requests to one host
 *   never overlap, and the next starts at least a gap after the last ended,
 *   whichever workers make them. Times are the database's clock, so workers'
 *   clocks need not agree. A turn is leased: a worker that dies holding it
 *   frees the host when the lease runs out (the fetch's time limit plus the
 *   longest gap).
 * - robots.txt is fetched by whichever worker first takes the turn of a host
 *   whose copy is missing or older than the TTL (that fetch is the turn's
 *   request), and is stored in the row for every worker; each worker keeps
 *   the parsed copy and asks the database for the text only when it changed.
 * - A job whose host is not free waits in place up to `maxWaitMs`; when its
 *   turn is further away than that, it is handed back to the caller to be put
 *   back on the queue for later (`later`), so a worker's fetch slots are not
 *   held by one slow or far-apart host.
 */
import { randomUUID } from 'node:crypto';
import type { Fetcher, FetchPolicy } from '../fetch/safe-fetcher.js';
import { fetchRobotsText, hostGapMs, hostKey, MAX_CRAWL_DELAY_MS, parseRobots, robotsAllow, robotsUrlFor, ROBOTS_TTL_MS, type PoliteHosts, type PoliteOutcome, type Robots } from '../fetch/politeness-rules.js';

export type { PoliteOutcome } from '../fetch/politeness-rules.js';

/** What the pool of a `PostgresStore` offers (its search_path names the store's schema). */
export interface Queryable {
  query<R extends object>(sql: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface SharedPolitenessOptions {
  /** Least gap between two requests to one host (ms); a robots.txt Crawl-delay can make it longer. */
  minGapMs: number;
  /** Obey robots.txt. */
  robots: boolean;
  userAgent: string;
  /**
   * Longest a job waits in place for its host's turn before it is handed back to be queued for later (ms);
   * `Infinity` waits for the turn however far off (the follower, which has no queue to put a page back on).
   */
  maxWaitMs: number;
  /** Once aborted, a job whose turn has not come is handed back at once (`later`) instead of waiting. */
  signal?: AbortSignal;
}

/**
 * While another worker's request to the host is under way its end is not known, but the next turn is at least a gap
 * after it: a job asks again after a gap, and never more often than this.
 */
const BUSY_POLL_MS = 100;
/** Parsed robots.txt copies kept per worker; the cache is dropped when it grows past this many hosts. */
const ROBOTS_CACHE_HOSTS = 10_000;
/** A host with no request for this long loses its row (and its robots.txt copy) when a worker starts. */
const PRUNE_AFTER = '7 days';

interface Turn {
  took: boolean;
  busy: boolean;
  wait_ms: number;
  robots_fresh: boolean;
  /** robots_fetched_at in microseconds since the epoch, as text; null when never fetched. */
  robots_at: string | null;
  /** The stored text, only when it differs from the copy this worker said it has. */
  robots: Buffer | null;
}

const TAKE = `
  INSERT INTO fetch_hosts AS h (host, holder, held_until) VALUES ($1, $2, statement_timestamp() + $3::integer * interval '1 millisecond')
  ON CONFLICT (host) DO UPDATE SET
    holder = CASE WHEN h.next_at <= statement_timestamp() AND (h.held_until IS NULL OR h.held_until <= statement_timestamp()) THEN EXCLUDED.holder ELSE h.holder END,
    held_until = CASE WHEN h.next_at <= statement_timestamp() AND (h.held_until IS NULL OR h.held_until <= statement_timestamp()) THEN EXCLUDED.held_until ELSE h.held_until END
  RETURNING
    h.holder IS NOT DISTINCT FROM $2 AS took,
    h.held_until IS NOT NULL AND h.held_until > statement_timestamp() AS busy,
    GREATEST(0, EXTRACT(EPOCH FROM (GREATEST(h.next_at, clock_timestamp()) - clock_timestamp())) * 1000)::float8 AS wait_ms,
    COALESCE(h.robots_fetched_at > statement_timestamp() - $4::bigint * interval '1 millisecond', false) AS robots_fresh,
    (EXTRACT(EPOCH FROM h.robots_fetched_at) * 1000000)::bigint::text AS robots_at,
    CASE WHEN (EXTRACT(EPOCH FROM h.robots_fetched_at) * 1000000)::bigint IS DISTINCT FROM $5::bigint THEN h.robots END AS robots`;

/** Gives the turn back after a request: the next may start a gap after now. */
const RELEASE_AFTER_REQUEST = `
  UPDATE fetch_hosts SET holder = NULL, held_until = NULL, next_at = clock_timestamp() + $3::integer * interval '1 millisecond'
  WHERE host = $1 AND holder = $2`;

/** Gives the turn back after fetching robots.txt, storing it. */
const RELEASE_WITH_ROBOTS = `
  UPDATE fetch_hosts SET holder = NULL, held_until = NULL, next_at = clock_timestamp() + $3::integer * interval '1 millisecond',
    robots = $4, robots_fetched_at = clock_timestamp()
  WHERE host = $1 AND holder = $2`;

/** Gives back a turn not used for a request (the URL turned out to be disallowed). */
const RELEASE_UNUSED = `UPDATE fetch_hosts SET holder = NULL, held_until = NULL WHERE host = $1 AND holder = $2`;

export class SharedPoliteness implements PoliteHosts {
  private readonly robotsCache = new Map<string, { at: string; robots: Robots }>();
  private readonly leaseMs: number;

  constructor(
    private readonly db: Queryable,
    private readonly fetcher: Fetcher,
    private readonly policy: FetchPolicy,
    private readonly opts: SharedPolitenessOptions,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    // A turn outlives the longest request the fetcher lets run, and the longest gap after it.
    this.leaseMs = (policy.timeoutMs ?? 30_000) + MAX_CRAWL_DELAY_MS;
  }

  /** Forgets hosts nobody has asked for in a week (run when a worker starts). */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM fetch_hosts WHERE next_at < clock_timestamp() - interval '${PRUNE_AFTER}' AND (held_until IS NULL OR held_until < clock_timestamp())`);
  }

  /**
   * Runs `task` (the request for `url`) in its host's turn: `done` with its
   * value; `disallowed` when robots.txt disallows the URL (nothing is
   * requested); `later` when the turn is further away than `maxWaitMs`
   * (nothing is requested; `delayMs` is when to try again).
   */
  async run<T>(url: string, task: () => Promise<T>): Promise<PoliteOutcome<T>> {
    const host = hostKey(url);
    const robotsUrl = this.opts.robots ? robotsUrlFor(url) : null;
    const t0 = performance.now();
    for (;;) {
      const token = randomUUID();
      const known = this.robotsCache.get(host) ?? null;
      const turn = await this.take(host, token, known?.at ?? null);
      const robots = robotsUrl === null ? null : this.robotsOf(host, robotsUrl, turn, known);
      if (robots !== null && !robotsAllow(robots, url, this.opts.userAgent)) {
        if (turn.took) await this.db.query(RELEASE_UNUSED, [host, token]);
        return { kind: 'disallowed' };
      }
      const gap = hostGapMs(this.opts.minGapMs, robots, this.opts.userAgent);
      if (!turn.took) {
        const wait = turn.busy ? Math.max(BUSY_POLL_MS, gap) : Math.max(1, Math.ceil(turn.wait_ms));
        if (performance.now() - t0 + wait > this.opts.maxWaitMs || this.opts.signal?.aborted === true) {
          // Spread the jobs that come back for one host over a gap, so they do not all ask at the same moment.
          const base = turn.busy ? gap : Math.max(wait, gap);
          return { kind: 'later', delayMs: Math.ceil(base + Math.random() * gap) };
        }
        await this.sleep(wait);
        continue;
      }
      if (robotsUrl !== null && !turn.robots_fresh) {
        // This turn's request is the host's robots.txt; the page waits for the next turn.
        await this.requestThenRelease(host, token, () => fetchRobotsText(this.fetcher, this.policy, robotsUrl), (text) => {
          const gapAfter = hostGapMs(this.opts.minGapMs, parseRobots(robotsUrl, text), this.opts.userAgent);
          return { sql: RELEASE_WITH_ROBOTS, values: [host, token, gapAfter, Buffer.from(text, 'utf8')] };
        });
        continue;
      }
      const value = await this.requestThenRelease(host, token, task, () => ({ sql: RELEASE_AFTER_REQUEST, values: [host, token, gap] }));
      return { kind: 'done', value };
    }
  }

  /** Asks for the host's turn, telling which stored robots.txt copy this worker has parsed (`knownAt`). */
  private async take(host: string, token: string, knownAt: string | null): Promise<Turn> {
    const r = await this.db.query<Turn>(TAKE, [host, token, this.leaseMs, ROBOTS_TTL_MS, knownAt]);
    const row = r.rows[0];
    if (row === undefined) throw new Error(`fetch_hosts: no row for ${host}`);
    return row;
  }

  /**
   * The host's robots.txt as stored, parsed once per stored copy; null when none is fresh (the turn's holder fetches
   * it). `known` is the copy the take was told about: the database sent the text only if it differs.
   */
  private robotsOf(host: string, robotsUrl: string, turn: Turn, known: { at: string; robots: Robots } | null): Robots | null {
    if (!turn.robots_fresh || turn.robots_at === null) return null;
    if (known !== null && known.at === turn.robots_at) return known.robots;
    const robots = parseRobots(robotsUrl, turn.robots === null ? '' : turn.robots.toString('utf8'));
    if (this.robotsCache.size >= ROBOTS_CACHE_HOSTS) this.robotsCache.clear();
    this.robotsCache.set(host, { at: turn.robots_at, robots });
    return robots;
  }

  /**
   * Makes the turn's request, then gives the turn back. If the release fails
   * (the database went away) the lease frees the host later; the request's
   * result still counts, so it is not repeated.
   */
  private async requestThenRelease<T>(host: string, token: string, request: () => Promise<T>, release: (value: T) => { sql: string; values: unknown[] }): Promise<T> {
    let value: T;
    try {
      value = await request();
    } catch (err) {
      await this.db.query(RELEASE_AFTER_REQUEST, [host, token, this.opts.minGapMs]).catch(() => undefined);
      throw err;
    }
    const r = release(value);
    await this.db.query(r.sql, r.values).catch(() => undefined);
    return value;
  }
}
