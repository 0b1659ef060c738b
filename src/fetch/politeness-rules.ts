/**
 * The rules of per-host politeness, shared by the in-process scheduler
 * (`HostPoliteness`: `ingest <url>`, `follow` on SQLite) and the shared one
 * (`SharedPoliteness`, in PostgreSQL: workers, `follow` on PostgreSQL), and
 * the interface both offer (`PoliteHosts`): what a host is, how long to wait
 * between two requests to it (the larger of our own gap and its robots.txt
 * Crawl-delay, capped), how robots.txt is fetched and read, and for how long
 * it is trusted. A missing or unreachable robots.txt allows everything (the
 * common reading of the robots exclusion standard) and is remembered as such
 * for the TTL.
 */
import robotsParser from 'robots-parser';
import type { Fetcher, FetchPolicy } from './safe-fetcher.js';

export interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS with an ESM-style declaration; under NodeNext its default import is the function itself.
const parser = robotsParser as unknown as (url: string, contents: string) => Robots;

/**
 * What a request made in its host's turn came to: `done` with the request's
 * value; `disallowed` when robots.txt disallows the URL (nothing requested);
 * `later` when the turn is further away than the caller will wait (nothing
 * requested; ask again after `delayMs`).
 */
export type PoliteOutcome<T> = { kind: 'done'; value: T } | { kind: 'disallowed' } | { kind: 'later'; delayMs: number };

/**
 * Per-host politeness as a fetching caller sees it, whoever keeps the hosts'
 * turns: `HostPoliteness` in this process, `SharedPoliteness` in PostgreSQL
 * for every process of a deployment. `run` makes `task` (the request for
 * `url`) in the host's turn, after robots.txt (fetched in a turn of its own
 * when the copy is missing or stale) has allowed the URL.
 */
export interface PoliteHosts {
  run<T>(url: string, task: () => Promise<T>): Promise<PoliteOutcome<T>>;
}

/** How long a fetched robots.txt (or its absence) is trusted. */
export const ROBOTS_TTL_MS = 24 * 3600 * 1000;
/** A robots.txt Crawl-delay longer than this is read as this. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** robots.txt bodies longer than this are refused by the fetcher (and read as absent). */
const MAX_ROBOTS_BYTES = 512 * 1024;

/** The key politeness is kept under: `host[:port]`, lower case (the URL itself when it does not parse). */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** `origin/robots.txt` for a URL; null when the URL does not parse (the fetcher refuses it with its own reason). */
export function robotsUrlFor(url: string): string | null {
  try {
    return `${new URL(url).origin}/robots.txt`;
  } catch {
    return null;
  }
}

/** Fetches a robots.txt: its text, or '' when it is missing, refused or unreachable (which allows everything). */
export async function fetchRobotsText(fetcher: Fetcher, policy: FetchPolicy, robotsUrl: string): Promise<string> {
  const res = await fetcher(robotsUrl, { ...policy, etag: null, lastModified: null, maxBytes: MAX_ROBOTS_BYTES, contentTypes: ['text/plain'] });
  return res.ok && !res.value.notModified ? Buffer.from(res.value.body).toString('utf8') : '';
}

export function parseRobots(robotsUrl: string, text: string): Robots {
  return parser(robotsUrl, text);
}

/** True unless robots.txt disallows the URL for this user agent. */
export function robotsAllow(robots: Robots, url: string, userAgent: string): boolean {
  return robots.isAllowed(url, userAgent) !== false;
}

/** The least gap between two requests to one host: our own, or the robots.txt Crawl-delay (capped) when longer. */
export function hostGapMs(minGapMs: number, robots: Robots | null, userAgent: string): number {
  const delay = robots?.getCrawlDelay(userAgent);
  const robotsGap = typeof delay === 'number' && Number.isFinite(delay) ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0;
  return Math.max(minGapMs, robotsGap);
}
